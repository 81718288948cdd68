"""Words that report people moving (triggers), and the checks that they do here.

A trigger is found by the patterns of :data:`mapper.movements.lexicon.TRIGGERS`
over the lower-cased text, then kept only when the words around it do not make
it something else: a noun modifier ("evacuation deal"), a person's errand
("left for work"), a figure of speech ("fled justice"), an adjective ("the
displaced families"). Where the sentence is parsed, who moved is read from the
parse (:mod:`mapper.movements.grammar`); :func:`subject_blocks` is the fallback
that reads it from the words before the trigger.
"""

from __future__ import annotations

import re

from mapper.movements import lexicon as lx

__all__ = ["TRIGGER_RE", "DISPLACED_RE", "TOKEN_RE", "TriggerSpan", "find_triggers", "lower_same_offsets",
           "negated", "subject_blocks"]


# Run on lower-cased text; the leading \b(?=[a-z]) lets the engine skip most positions fast.
TRIGGER_RE = re.compile(
    r"\b(?=[a-z])(?:" + "|".join(rf"(?P<t{i}>(?:{pattern})\b)" for i, (pattern, _cls) in enumerate(lx.TRIGGERS)) + ")"
)


_TRIGGER_CLASS = {f"t{i}": cls for i, (_p, cls) in enumerate(lx.TRIGGERS)}


# Nouns that name displaced people: a sentence holding one may report where they are.
DISPLACED_RE = re.compile(r"\b(?:IDPs?|refugees?|evacuees?|internally displaced|asylum[- ]seekers?|returnees?)\b", re.IGNORECASE)


TOKEN_RE = re.compile(r"[A-Za-z][A-Za-z'’-]*|[0-9][0-9,.]*|[,;:()—–]")


_AUX = frozenset(
    """
    have has had been be being were was are is will would could may might already also
    reportedly then later finally all who that which to and have since just recently
    started began continued had managed forced being
    """.split()
)


# Capitalised words that start sentences without naming a person.
_COMMON_CAPS = frozenset(
    """the a an many most some all several thousands hundreds dozens others they those these
    many more few about around nearly almost over up at more than approximately estimated an
    meanwhile earlier later yesterday today officials authorities police un""".split()
)


_PERSON_NOUNS = frozenset(
    """activist man woman journalist resident official doctor nurse teacher student worker farmer
    refugee migrant mother father son daughter boy girl child soldier citizen national politician
    businessman businesswoman priest photographer writer family couple person artist lawyer
    volunteer survivor witness fighter rebel year-old passenger traveller traveler tourist visitor individual
    patient case pilot driver""".split()
)


class TriggerSpan:
    """A trigger found by the parse, with the face of a regular-expression match."""

    __slots__ = ("_text", "_start", "_end")

    def __init__(self, text: str, start: int, end: int):
        self._text, self._start, self._end = text, start, end

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def group(self) -> str:
        return self._text[self._start:self._end].lower()


def lower_same_offsets(text: str) -> str:
    low = text.lower()
    # Offsets must survive lower-casing (a few non-ASCII letters change length).
    return low if len(low) == len(text) else "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _title_case(text: str, start: int, end: int) -> bool:
    words = re.findall(r"[A-Za-z][a-z'’-]*", text[start:end])
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


_DISPLACED_NOUNS = frozenset("idps refugees evacuees".split()) | {"internally displaced people", "internally displaced persons"}
# A count right before the noun: "50,000 IDPs", "1.2 million internally displaced people".
_COUNTED_RE = re.compile(r"\d[\d,.]*(?:\s+(?:million|thousand|lakh|crore))?\s+(?:[a-z-]+\s+){0,2}$", re.IGNORECASE)


# "the displaced", "the newly displaced", "the internally displaced": the people themselves.
_THE_DISPLACED_RE = re.compile(r"\b(?:the|of|for|to)\s+(?:(?:newly|internally|recently)\s+)?$", re.IGNORECASE)

# A count of a people named by its plural demonym: "hosts 25,000 Syrians", "5,000 South Sudanese".
_COUNTED_PEOPLE_RE = re.compile(
    r"\s+(?:(?:some|about|around|nearly|almost|over|more than|at least|an estimated)\s+)?\d[\d,.]*"
    r"(?:\s+(?:million|thousand))?\s+(?:[A-Z][a-z]+\s+)?[A-Z][a-z]+(?:ians|ans|ese|is|ites|ns|ks)\b")


# People sent somewhere, counted or named, then where to: "sending 4,000 people to camps".
_SENDS_PEOPLE_RE = re.compile(
    r"\s*(?:[\w,'’-]+\s+){0,3}?(?:\d[\d,.]*|thousands|hundreds|dozens|people|families|residents|refugees|civilians|"
    r"villagers|migrants|evacuees)\b(?:\s+[\w,'’-]+){0,6}?\s+(?:to|into|towards|across)\b", re.IGNORECASE)


# The subject of a hosting verb that shelters whoever it houses: "the camp houses 1,150 families".
# "the camp (for the displaced near X) houses N": a shelter, maybe described, as the subject.
_SHELTER_HOUSES = re.compile(r"\b(?:camps?|shelters?|cent(?:re|er)s?|settlements?|sites?)\s+(?:[\w'’-]+\s+){0,6}?"
                             r"(?:now\s+|currently\s+|still\s+)?$", re.IGNORECASE)


_HOSTED_PEOPLE_RE = re.compile(
    r"\b(?:refugees|displaced|evacuees|idps|people|persons|families|households|residents|migrants|asylum[- ]seekers)"
    r"\s+(?:[\w,'’-]+\s+){0,3}?(?:is|are|was|were|be|been|being)\s+(?:\w+ly\s+)?(?:being\s+)?$", re.IGNORECASE)


def _nobody_hosted(text: str, start: int, m: re.Match, after: str) -> bool:
    """A hosting verb that hosts no displaced people: "hosted the summit", "the stadium houses 30,000
    people" (its size); a camp that houses people shelters them."""
    shelter = _SHELTER_HOUSES.search(text, max(start, m.start() - 40), m.start())
    if _HOSTED_PEOPLE_RE.search(text, max(start, m.start() - 70), m.start()):
        return False  # "1,087 displaced people are being hosted by relatives": the passive's subject
    if m.group().startswith(("tak", "took")):
        return False  # "relatives have taken in 5,000 people": taking people in is hosting them
    if m.group().startswith("hous"):
        return not (shelter or re.match(r"\s*(?:[\w,.'’-]+\s+){0,6}?(?:refugees|displaced|evacuees|idps)", after))
    return not (shelter or _COUNTED_PEOPLE_RE.match(text, m.end()) or re.match(
        r"\s*(?:[\w,.'’-]+\s+){0,6}?(?:refugees|displaced|migrants|asylum|evacuees|idps|people who fled|arrivals|newcomers)",
        after))


_ADJECTIVE_PARTICIPLES = frozenset(
    "displaced evacuated relocated uprooted returned deported resettled repatriated".split())


_COPULA_PLACE_RE = re.compile(
    r" (?:now |currently |still |mostly |mainly |largely )?(?:in|at) (?:the )?(?:[a-z]+ ){0,2}?[A-Z]")


def _empty_stay(text: str, start: int, m: re.Match, word: str) -> bool:
    """A stay that reports nobody somewhere: "are in need" (no place after the copula), "IDPs" with no count."""
    if word in ("are", "were"):
        return not _COPULA_PLACE_RE.match(text, m.end())
    return word in _DISPLACED_NOUNS | {"displaced"} and not _COUNTED_RE.search(text, max(start, m.start() - 40), m.start())


def _participle_adjective(text: str, start: int, m: re.Match, word: str, after: str) -> bool:
    """ "displaced families", "evacuated areas": the participle describes a noun, no verb before it."""
    return word in _ADJECTIVE_PARTICIPLES and bool(re.match(
        r"\s*(?:[a-z]+\s+)?(?:people|persons|families|residents|civilians|children|population|villagers|households|"
        r"communities|individuals|men|women|city|town|village|area|areas|zone|zones|region|district|neighbourhood|"
        r"neighborhood|homes|houses)\b", after)) and not re.search(
        r"\b(?:were|are|was|is|been|have|has|had|and)\s+(?:\w+ly\s+)?$", text[max(start, m.start() - 16):m.start()],
        re.IGNORECASE)


def _the_displaced(text: str, start: int, m: re.Match, after: str) -> bool:
    """ "the displaced" as a noun: an article or preposition before it, no movement phrase after it."""
    return bool(_THE_DISPLACED_RE.search(text, max(start, m.start() - 24), m.start())) and not re.match(
        r"\s*(?:by|from|to|into|after|since|during|when|as|because)\b", after)


# Who loses a job or a school is "displaced" without leaving home.
_ECONOMIC_CAUSE_RE = re.compile(r"\s*by\s+(?:the\s+|a\s+)?(?:[\w-]+\s+){0,2}?(?:closures?|closing|shutdowns?|lay-?offs|"
                                r"bankruptcy|automation|mergers?|restructuring|outsourcing)\b"
                                # but the closure of a camp or a shelter puts people out
                                r"(?!\s+of\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,2}?(?:camps?|shelters?|settlements?|"
                                r"sites?|centres?|centers?|jungle)\b)")
_WORKERS = frozenset("workers worker employees employee staff".split())


def find_triggers(text: str, start: int, end: int, found: list[re.Match] | None = None,
              syntax: bool = True) -> list[tuple[re.Match, str]]:
    """Movement triggers in ``text[start:end]`` (matches over the lower-cased text).

    With ``syntax=False`` the guesses at syntax from neighbouring words (is
    "displaced" an adjective here?) are left to the parse.
    """
    out = []
    if found is None:
        found = list(TRIGGER_RE.finditer(lower_same_offsets(text), start, end))
    for m in found:
        if m.start() < start or m.end() > end:
            continue
        cls = _TRIGGER_CLASS[m.lastgroup]
        word = m.group()
        after = text[m.end():m.end() + 40].lower()
        nxt = re.match(r"\s*([a-z'’-]+)", after)
        nxt_word = nxt.group(1) if nxt else ""
        if nxt_word in lx.TRIGGER_NOUN_BLOCKERS and not _ZONE_HOLDS_RE.match(after):
            continue  # "evacuation centre", "evacuation plan"; but "the evacuation zone includes X"
        if text[m.start()].isupper() and m.start() > start and not _title_case(text, start, end) \
                and word not in _DISPLACED_NOUNS:  # "IDPs" is written in capitals
            continue  # "Transport Agency", "Return Road": part of a name
        if syntax and _participle_adjective(text, start, m, word, after):
            continue  # "the displaced families are in need": an adjective, not a report
        if word == "displaced" and _the_displaced(text, start, m, after):
            cls = "stay"  # "aid for the displaced in X": the people, like "the IDPs in X", not a report
        if cls == "leave" and re.match(r"\s*(?:it|them|him|her|this|that)\s+(?:to|up|open|unclear|alone)\b", after):
            continue  # "left it to the UN"
        if cls == "move" and re.match(r"\s*(?:his|her|my)\s+", after):
            continue  # "moved his family to X": one household's private move
        if cls == "leave" and word in ("leaving", "left") and re.search(r"(?:,|\b(?:were|was|been|be|are|is|being|get|got))\s+$", text[max(start, m.start() - 8):m.start()]):
            continue  # ", leaving the town facing floods"; "were left homeless"
        if word.startswith(("abandon", "desert")) and not re.match(r"\s*(?:their\s+|the\s+|its\s+|his\s+|her\s+)?(?:homes?|houses?|villages?|towns?|cit(?:y|ies)|camps?|farms?|lands?|[A-Z])", text[m.end():m.end() + 30]):
            continue
        if re.match(r"\s*(?:[\w-]+\s+){0,4}?to (?:a |the )?(?:local |nearby |nearest |field |military |regional )?hospitals?\b",
                    text[m.end():m.end() + 80].lower()):
            continue  # taken to hospital: medical care, not displacement
        if cls == "leave" and re.match(r"\s*(?:an?\s+|some\s+|about\s+|around\s+|nearly\s+|more than\s+|at least\s+|another\s+)?(?:[0-9]|(?:one|two|three|four|five|six|seven|eight|nine|ten|hundreds|thousands|dozens|scores|many|several)\b)", after):
            continue  # "leaving 120 families in need", "left 3 dead"
        if nxt_word in lx.NON_MOVER_OBJECTS:
            continue  # "transport cargo"
        if _other_sense(text, start, m, cls, after, nxt_word):
            continue
        if cls == "move" and re.match(r"shift|transfer|transport|bus|ferr|airlift|truck", word) and not re.match(r"\s*(?:[\w,'’-]+\s+){0,5}?(?:to|into|towards|from|out|away|across|back)\b", after):
            continue
        if cls == "move" and word in ("go", "goes", "going", "went", "gone") and not re.match(r"\s*(?:back\s+)?(?:to|into|towards)\b(?!\s+(?:school|work|bed|war|court|the polls|vote|hospital|effect|force|operation|service)\b)", after):
            continue
        if cls == "move" and word.startswith("mov") and not re.match(r"\s*(?:[\w,.'’-]+\s+){0,6}?(?:to|into|towards|from|out)\b", after):
            continue
        if word in ("taken", "brought", "bring", "bringing", "carry", "carried", "carrying", "sent", "driven", "walked", "walking", "transported", "transporting") and not re.match(r"\s*(?:[\w,'’-]+\s+){0,6}?(?:to|into|towards|from|out of|across|over)\b", after):
            continue
        if word in ("cross", "crossed", "crosses", "crossing") and not re.match(r"\s*(?:\w+\s+){0,4}?(?:into|to|over|the border|border)\b", after):
            continue
        if cls == "head" and word.startswith(("head", "bound")) and not re.match(r"\s*(?:back\s+)?(?:for|to|towards|toward|into|home|north|south|east|west)\b", after) and not text[m.start() - 1:m.start()] == "-":
            continue
        if word in ("send", "sends", "sending") and not _SENDS_PEOPLE_RE.match(after):
            continue  # "sending 4,000 people to camps"; not "send a cheque", "send a mission"
        if word in ("quit", "sent", "found", "find", "finding", "take", "took", "taking") and not re.match(r"\s*(?:\w+\s+){0,3}(?:refuge|shelter|safety|from|to|for)\b", after) and cls != "arrive":
            continue
        if word in ("shelter", "sheltered", "sheltering") and not re.match(r"\s*(?:in|at)\b", after):
            continue
        if cls == "stay" and _empty_stay(text, start, m, word):
            continue
        out.append((m, cls))
    return out


def _other_sense(text: str, start: int, m: re.Match, cls: str, after: str, nxt_word: str) -> bool:
    """Whether the trigger word means something else here: a job lost, market returns, fleeing
    justice, entering a new phase, hosting an event, reaching a number, leaving for work, the
    political left."""
    word = m.group()
    if cls == "displace" and (_ECONOMIC_CAUSE_RE.match(text[m.end():m.end() + 90].lower())
                              or word == "displaced" and nxt_word in _WORKERS):
        return True  # "students displaced by the closure of the college", "displaced workers": jobs and schools lost
    if word == "returns" and re.search(r"\b(?:market|stock|tax|investment|election|annual|financial|higher|lower|sales)\s+$", text[max(start, m.start() - 14):m.start()], re.IGNORECASE):
        return True
    if cls == "flee" and re.match(r"\s*(?:justice|punishment|prosecution|arrest|detection|injury|unhurt|unharmed|unscathed|death|with)\b", after):
        return True
    if word.startswith("enter") and re.match(r"\s*(?:its|their|a|the)\s+(?:\w+\s+)?(?:day|week|month|year|phase|stage|round|race|market|talks|war|fray|competition|election|season)s?\b", after):
        return True
    if cls == "host" and _nobody_hosted(text, start, m, after):
        return True
    if word.startswith("reach") and re.match(r"\s*(?:about|around|nearly|almost|over|more|some|a|an|the number|record|[0-9]|its|their|agreement|deal|consensus)", after):
        return True
    if word == "left" and re.match(r"\s*(?:\w+\s+)?(?:dead|homeless|behind|injured|stranded|without|wing|bank|hand|side|over|unscathed|alone|in (?:ruins|the dark|limbo))\b", after):
        return True
    if cls == "leave" and re.match(r"\s*(?:for|to)\s+(?:work|school|the office|office|holiday|vacation|lunch|the day)\b", after):
        return True
    if cls == "return" and re.match(r"\s*to\s+(?:the\s+)?(?:polls|work|school|schools|classe?s?|office|normal|normalcy|"
                                    r"power|talks|the table|action|training|duty)\b", after):
        return True  # "returned to the polls", "returned to work": an activity, not a place
    if word == "left" and re.search(r"\b(?:on|the|far|centre|center)[- ]$", text[max(start, m.start() - 8):m.start()].lower()):
        return True
    return False


def subject_blocks(text: str, clause_start: int, trig: re.Match, cls: str = "", mentions=()) -> bool:
    """True when the word governing the trigger is a non-mover ("troops moved in")."""
    found = list(TOKEN_RE.finditer(text, clause_start, trig.start()))
    toks = [t.group() for t in found]
    pos_of = [t.start() for t in found]
    spans = [(m.start, m.end) for m in mentions]
    dspans = [(m.start, m.end, m.kind) for m in mentions]
    word = trig.group()
    passive = bool(re.search(r"\b(?:were|was|been|being|be|are|is|get|got)\s+(?:\w+ly\s+)?$", text[max(clause_start, trig.start() - 20):trig.start()], re.IGNORECASE))
    if not passive and (cls in ("displace", "evacuate") and word.endswith(("ed", "e", "es", "ing"))
                        or cls == "move" and not word.startswith(("mov", "go", "went", "gone", "head"))):
        # "Floods displaced 3,000 people", "police evacuated the town": the subject is the cause or the agent.
        return False
    if cls in ("displace", "evacuate") and word.lower().endswith(("tion", "tions", "ment", "ments")):
        return False  # "the storm forced evacuations": a noun's subject is the cause, not who moved
    carrying = re.search(r"\b(?:carrying|with|transporting|ferrying|full of)\s+(?:\w+\s+){0,3}?(?:people|civilians|residents|families|fighters|rebels|evacuees|refugees|passengers|children|wounded)\b",
                         text[clause_start:trig.end() + 60], re.IGNORECASE)
    if carrying:
        return False
    for tok in reversed(toks[-6:]):
        low = tok.lower()
        if low in _AUX or low in (",", "not", "never", "no") or low.endswith("ly") or low[0].isdigit():
            continue
        if low in lx.NON_MOVERS or low in ("him", "her", "me", "us"):
            return True
        if low == "who":
            continue
        idx = len(toks) - 1 - toks[::-1].index(tok)
        if low in _PERSON_NOUNS and any(t.lower() in ("a", "an", "one", "the") for t in toks[max(0, idx - 3):idx]):
            return True  # "an activist who moved to X": one person's move
        if tok[0].isupper() and not tok.isupper() and low not in lx.UNIT_NOUNS and low not in _COMMON_CAPS and idx > 0 \
                and not any(ms <= pos_of[idx] < me for ms, me in spans):
            # "Munene arrived in X": a person's name, not a group of displaced people.
            return True
        if any(ms <= pos_of[idx] < me and kind == "demonym" for ms, me, kind in dspans) and not low.endswith("s") \
                and any(t.lower() in ("a", "an", "one") for t in toks[max(0, idx - 2):idx]):
            return True  # "a Canadian who returned from X"
        break
    # The clause's subject: its first noun, when no mover noun precedes the trigger.
    mover_before = any(t.lower() in lx.UNIT_NOUNS or t.lower() in ("they", "them", "many", "thousands", "hundreds", "dozens", "others", "those", "who")
                       or (t[0].isdigit() and not (k and toks[k - 1][0].isupper())) for k, t in enumerate(toks))
    if not mover_before:
        for tok in toks[:5]:
            low = tok.lower()
            if low in ("the", "a", "an", "this", "that", "its", ",", "on", "late", "early", "meanwhile") or low.endswith("ly"):
                continue
            return low in lx.NON_MOVERS
    return False


_DENIED_RE = re.compile(
    r"\b(?:den(?:y|ied|ies|ying)|dismiss(?:ed|es|ing)?|reject(?:ed|s|ing)?|refut(?:e|ed|es|ing))\s+"
    r"(?:(?:the|any|all|media|news|earlier|online)\s+)*(?:reports?|rumou?rs?|claims?|allegations?|speculation)"
    r"\s+(?:that|of)\s+(?:[\w'’-]+\s+){0,6}$|\bden(?:y|ied|ies|ying)\s+that\s+(?:[\w'’-]+\s+){0,6}$",
    re.IGNORECASE)


_RIGHT_TO_RE = re.compile(r"\brights?\s+(?:of\s+(?:[\w'’-]+\s+){1,5})?(?:to\s+(?:safely\s+)?|of\s+)$", re.IGNORECASE)


# An evacuation zone that takes in places: they are being evacuated.
_ZONE_HOLDS_RE = re.compile(r"\s*(?:zones?|areas?)\s+(?:now\s+)?(?:includes?|included|covers?|covered|extends?\s+to|extended\s+to|"
                            r"(?:was\s+|were\s+|has\s+been\s+|had\s+been\s+)?(?:expanded|widened|extended)\s+to)\b")


def negated(text: str, clause_start: int, clause_end: int, trig: re.Match) -> bool:
    window = text[max(clause_start, trig.start() - 30):trig.start()]
    if re.search(r"\b(?:not|never|no|refused to|unable to|cannot|can't|couldn't|didn't|won't|without)\s+(?:\w+\s+)?$", window, re.IGNORECASE):
        return True
    if _RIGHT_TO_RE.search(text, max(clause_start, trig.start() - 60), trig.start()):
        return True  # "the right of refugees to return": a right, neither a movement nor a plan
    # "police denied reports that they were preparing to evacuate X": what is denied did not happen.
    sentence_start = max(text.rfind(". ", 0, trig.start()) + 2, trig.start() - 120)
    return bool(_DENIED_RE.search(text, max(0, sentence_start), trig.start()))
