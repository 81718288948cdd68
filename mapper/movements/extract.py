"""Movements from text: who moved from where to where, how many, and what the number means.

Rules, not a model (the default install has no statistical parser):

1. **Clauses with a trigger.** Each sentence is cut into clauses (";", "while",
   "but"...). A clause reports a movement when it holds a movement trigger
   ("fled", "evacuated", "headed for", "arrived in", "crossed into"...) that is
   not a noun modifier ("evacuation deal"), whose subject is not a non-mover
   (troops, aid convoys, storms), and that is not negated (people who stay or
   are trapped).
2. **Roles.** Every place mention in the clause is read from the words on its
   left, skipping the noun phrase it heads ("to the besieged town of X"):
   "from / out of / fled / leaving / evacuation of / X residents" → origin;
   "to / towards / into / for (after head, leave) / reach / arrive in / X-bound"
   → destination; "via / through" → route; "X in Y", "X, Y", "Y's northwest"
   → Y only locates X (not an endpoint); a place coordinated with an endpoint
   ("to X and (to) Y", "X, Y and Z") shares its role. "the district" after a
   cue is an anaphor for the last place of that kind; a demonym subject
   ("Ruritanians crossed into X") is an origin flagged ``how="demonym"``.
3. **Counts.** Counts of movers in the clause become figures, each with its
   own scope (event / cumulative / rate / stock), status (completed / ongoing /
   planned / blocked) and evidence sentence. Numbers are never propagated:
   a figure stays on the sentence that gives it.
4. **Events.** A clause with no named origin takes the origin of the movement
   just before it (``how="context"``). Restatements (same ends) are merged;
   an origin-only report of a place that is also the origin of a movement with
   destinations gives that movement its figures and evidence instead of being
   drawn twice. Several destinations of one clause stay one movement: one
   shared count, never split.
5. **When.** A movement's period is the date expression of its own evidence
   sentence closest to the trigger (:func:`mapper.movements.dates.find_dates`,
   relative dates resolved against ``article.published``); dates of the
   telling, datelines, cited sources and dates across a relative clause are
   skipped; a merged event takes the first of its sentences that says when.
   Dates are never carried from other sentences.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, replace

from mapper.model import Article, Count, Endpoint, Evidence, Figure, Mention, Movement, Period, Sentence
from mapper.movements import lexicon as lx
from mapper.movements.counts import find_counts
from mapper.movements.dates import find_dates

__all__ = ["find_movements"]

# Run on lower-cased text; the leading \b(?=[a-z]) lets the engine skip most positions fast.
_TRIGGER_RE = re.compile(
    r"\b(?=[a-z])(?:" + "|".join(rf"(?P<t{i}>(?:{pattern})\b)" for i, (pattern, _cls) in enumerate(lx.TRIGGERS)) + ")"
)
_TRIGGER_CLASS = {f"t{i}": cls for i, (_p, cls) in enumerate(lx.TRIGGERS)}
_CLAUSE_RE = re.compile(lx.CLAUSE_BREAK, re.IGNORECASE)
_COUNT_CLAUSE_RE = re.compile(lx.COUNT_CLAUSE_BREAK, re.IGNORECASE)
_PLANNED_RE = re.compile(lx.PLANNED_CUES, re.IGNORECASE)
_ONGOING_RE = re.compile(lx.ONGOING_CUES, re.IGNORECASE)
_BLOCKED_RE = re.compile(lx.BLOCKED_CUES, re.IGNORECASE)
_CUMULATIVE_RE = re.compile(lx.CUMULATIVE_CUES, re.IGNORECASE)
_RATE_RE = re.compile(lx.RATE_CUES, re.IGNORECASE)
_STOCK_RE = re.compile(lx.STOCK_CUES, re.IGNORECASE)
_NON_MOVEMENT_RE = re.compile(lx.NON_MOVEMENT, re.IGNORECASE)
# Nouns that name displaced people: a sentence holding one may report where they are.
_DISPLACED_RE = re.compile(r"\b(?:IDPs?|refugees?|evacuees?|internally displaced|asylum[- ]seekers?|returnees?)\b", re.IGNORECASE)
_TOKEN_RE = re.compile(r"[A-Za-z][A-Za-z'’-]*|[0-9][0-9,.]*|[,;:()—–]")
_ANAPHOR_RE = re.compile(
    r"\b(?:the|that|this)\s+(?:(?:two|three|besieged|embattled|stricken|flooded|same|whole|entire|nearby)\s+)?"
    r"(?P<noun>" + "|".join(sorted(lx.ANAPHORA_NOUNS, key=len, reverse=True)) + r")\b(?!\s+of\b)(?!['’]s)",
    re.IGNORECASE,
)
_PLANNED_BEFORE_RE = re.compile(
    r"\b(?:will|would|shall|to|'ll|be)\s+(?:\w+\s+){0,2}$|\b(?:will|would)\s+have\s+$", re.IGNORECASE
)
_AUX = frozenset(
    """
    have has had been be being were was are is will would could may might already also
    reportedly then later finally all who that which to and have since just recently
    started began continued had managed forced being
    """.split()
)
_STREET_RE = re.compile(r"\b(?:Road|Rd|Drive|Dr|Street|St|Avenue|Ave|Lane|Ln|Boulevard|Blvd|Highway|Hwy|Way|Court|Place)\.?$")
_DEMONYM_ADJ = re.compile(r"(?:i|ian|an|ese|ish)$")
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
_ORIGIN_ROLE, _DEST_ROLE, _ROUTE_ROLE, _IN_ROLE = "origin", "destination", "route", "in"
# Movers referred back to ("many of the fighters", "they", "the rest"): the clause continues an event.
_ANAPHORIC_MOVERS_RE = re.compile(
    r"\b(?:they|them|those|these|of whom|the rest|others|(?:many|most|some|half|all|several|thousands|hundreds) of (?:the|these|those|them)|"
    r"the (?:\w+ )?(?:people|residents|families|fighters|rebels|evacuees|refugees|displaced|civilians|villagers|migrants|group|inhabitants|survivors))\b",
    re.IGNORECASE)
_MOVERS_RE = re.compile(
    r"\b(?:" + "|".join(sorted((w for w, u in lx.UNIT_NOUNS.items() if u in ("people", "families", "fighters", "children", "households")),
                               key=len, reverse=True))
    + r"|they|them|those|many|most|others|thousands|hundreds|dozens|evacuees?)\b|\b\d", re.IGNORECASE)


class _Span:
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


@dataclass
class _Candidate:
    """One clause reporting a movement, before events are merged."""

    sentence: Sentence
    start: int
    end: int
    trigger: str
    cls: str
    origins: list[Endpoint] = field(default_factory=list)
    destinations: list[Endpoint] = field(default_factory=list)
    route: list[Endpoint] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    status: str = "completed"
    scope: str = "event"
    other_places: bool = False  # a place in the clause is a route or locative: not a bare restatement
    movers: bool = False  # the clause names displaced people (a noun, a count, "they")
    refers_back: bool = False  # ... as people named before ("they", "many of the fighters")
    subset: bool = False  # a part of people counted before ("M of whom went to Y")
    generic_origin: bool = False
    generic_destination: bool = False
    evidence: Evidence | None = None
    trigger_start: int = -1
    trigger_end: int = -1
    period: Period | None = None


def _clauses(sentence: Sentence, text: str | None = None) -> list[tuple[int, int]]:
    """Cut a sentence into clauses; offsets into the article text.

    With the article *text*, ", and <count> <verb>" also starts a clause when the
    part after it has a movement verb of its own.
    """
    cuts = [sentence.start]
    for m in _CLAUSE_RE.finditer(sentence.text):
        cuts.append(sentence.start + m.start())
    cuts.append(sentence.end)
    if text is not None:
        for m in _COUNT_CLAUSE_RE.finditer(sentence.text):
            at = sentence.start + m.start()
            end = min(c for c in cuts if c > at) if any(c > at for c in cuts) else sentence.end
            if _triggers(text, at, end):
                cuts.append(at)
        cuts.sort()
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]


def _lower(text: str) -> str:
    low = text.lower()
    # Offsets must survive lower-casing (a few non-ASCII letters change length).
    return low if len(low) == len(text) else "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _title_case(text: str, start: int, end: int) -> bool:
    words = re.findall(r"[A-Za-z][a-z'’-]*", text[start:end])
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def _triggers(text: str, start: int, end: int, found: list[re.Match] | None = None,
              syntax: bool = True) -> list[tuple[re.Match, str]]:
    """Movement triggers in ``text[start:end]`` (matches over the lower-cased text).

    With ``syntax=False`` the guesses at syntax from neighbouring words (is
    "displaced" an adjective here?) are left to the parse.
    """
    out = []
    if found is None:
        found = list(_TRIGGER_RE.finditer(_lower(text), start, end))
    for m in found:
        if m.start() < start or m.end() > end:
            continue
        cls = _TRIGGER_CLASS[m.lastgroup]
        word = m.group()
        after = text[m.end():m.end() + 40].lower()
        nxt = re.match(r"\s*([a-z'’-]+)", after)
        nxt_word = nxt.group(1) if nxt else ""
        if nxt_word in lx.TRIGGER_NOUN_BLOCKERS:
            continue
        if text[m.start()].isupper() and m.start() > start and not _title_case(text, start, end):
            continue  # "Transport Agency", "Return Road": part of a name
        if syntax and word in ("displaced", "evacuated", "relocated", "uprooted", "returned", "deported", "resettled", "repatriated") \
                and re.match(r"\s*(?:[a-z]+\s+)?(?:people|persons|families|residents|civilians|children|population|villagers|households|communities|individuals|men|women|city|town|village|area|areas|zone|zones|region|district|neighbourhood|neighborhood|homes|houses)\b", after) \
                and not re.search(r"\b(?:were|are|was|is|been|have|has|had|and)\s+(?:\w+ly\s+)?$", text[max(start, m.start() - 16):m.start()], re.IGNORECASE):
            continue  # "the displaced families are in need": an adjective, not a report
        if cls == "leave" and re.match(r"\s*(?:it|them|him|her|this|that)\s+(?:to|up|open|unclear|alone)\b", after):
            continue  # "left it to the UN"
        if cls == "move" and re.match(r"\s*(?:his|her|my)\s+", after):
            continue  # "moved his family to X": one household's private move
        if cls == "leave" and word in ("leaving", "left") and re.search(r"(?:,|\b(?:were|was|been|be|are|is|being|get|got))\s+$", text[max(start, m.start() - 8):m.start()]):
            continue  # ", leaving the town facing floods"; "were left homeless"
        if word.startswith(("abandon", "desert")) and not re.match(r"\s*(?:their\s+|the\s+|its\s+|his\s+|her\s+)?(?:homes?|houses?|villages?|towns?|cit(?:y|ies)|camps?|farms?|lands?|[A-Z])", text[m.end():m.end() + 30]):
            continue
        if re.match(r"\s*(?:\w+\s+){0,2}?to (?:a |the )?(?:local |nearby |nearest )?hospitals?\b", after):
            continue  # taken to hospital: medical care, not displacement
        if cls == "leave" and re.match(r"\s*(?:an?\s+|some\s+|about\s+|around\s+|nearly\s+|more than\s+|at least\s+|another\s+)?(?:[0-9]|(?:one|two|three|four|five|six|seven|eight|nine|ten|hundreds|thousands|dozens|scores|many|several)\b)", after):
            continue  # "leaving 120 families in need", "left 3 dead"
        if nxt_word in lx.NON_MOVER_OBJECTS:
            continue  # "transport cargo"
        if word == "returns" and re.search(r"\b(?:market|stock|tax|investment|election|annual|financial|higher|lower|sales)\s+$", text[max(start, m.start() - 14):m.start()], re.IGNORECASE):
            continue
        if cls == "flee" and re.match(r"\s*(?:justice|punishment|prosecution|arrest|detection|injury|unhurt|unharmed|unscathed|death|with)\b", after):
            continue
        if word.startswith("enter") and re.match(r"\s*(?:its|their|a|the)\s+(?:\w+\s+)?(?:day|week|month|year|phase|stage|round|race|market|talks|war|fray|competition|election|season)s?\b", after):
            continue
        if cls == "host" and not re.match(r"\s*(?:[\w,.'’-]+\s+){0,6}?(?:refugees|displaced|migrants|asylum|evacuees|idps|people who fled)", after):
            continue
        if word.startswith("reach") and re.match(r"\s*(?:about|around|nearly|almost|over|more|some|a|an|the number|record|[0-9]|its|their|agreement|deal|consensus)", after):
            continue
        if cls == "move" and re.match(r"shift|transfer|transport|bus|ferr|airlift|truck", word) and not re.match(r"\s*(?:[\w,'’-]+\s+){0,5}?(?:to|into|towards|from|out|away|across|back)\b", after):
            continue
        if word == "left" and re.match(r"\s*(?:\w+\s+)?(?:dead|homeless|behind|injured|stranded|without|wing|bank|hand|side|over|unscathed|alone|in (?:ruins|the dark|limbo))\b", after):
            continue
        if cls == "leave" and re.match(r"\s*(?:for|to)\s+(?:work|school|the office|office|holiday|vacation|lunch|the day)\b", after):
            continue
        if word == "left" and re.search(r"\b(?:on|the|far|centre|center)[- ]$", text[max(start, m.start() - 8):m.start()].lower()):
            continue
        if cls == "move" and word in ("go", "goes", "going", "went", "gone") and not re.match(r"\s*(?:back\s+)?(?:to|into|towards)\b(?!\s+(?:school|work|bed|war|court|the polls|vote|hospital)\b)", after):
            continue
        if cls == "move" and word.startswith("mov") and not re.match(r"\s*(?:\w+\s+){0,3}(?:to|into|towards|from|out)\b", after):
            continue
        if word in ("taken", "brought", "bring", "bringing", "carry", "carried", "carrying", "sent", "driven", "walked", "walking", "transported", "transporting") and not re.match(r"\s*(?:[\w,'’-]+\s+){0,6}?(?:to|into|towards|from|out of)\b", after):
            continue
        if word in ("cross", "crossed", "crosses", "crossing") and not re.match(r"\s*(?:\w+\s+){0,4}?(?:into|to|over|the border|border)\b", after):
            continue
        if cls == "head" and word.startswith(("head", "bound")) and not re.match(r"\s*(?:back\s+)?(?:for|to|towards|toward|into|home|north|south|east|west)\b", after) and not text[m.start() - 1:m.start()] == "-":
            continue
        if word in ("quit", "sent", "found", "find", "finding", "take", "took", "taking") and not re.match(r"\s*(?:\w+\s+){0,3}(?:refuge|shelter|safety|from|to|for)\b", after) and cls != "arrive":
            continue
        if word in ("shelter", "sheltered", "sheltering") and not re.match(r"\s*(?:in|at)\b", after):
            continue
        if word in ("refugee", "refugees", "migrant", "migrants", "asylum seeker", "asylum seekers", "asylum-seekers") :
            cls = "host"
        out.append((m, cls))
    return out


def _subject_blocks(text: str, clause_start: int, trig: re.Match, cls: str = "", mentions=()) -> bool:
    """True when the word governing the trigger is a non-mover ("troops moved in")."""
    found = list(_TOKEN_RE.finditer(text, clause_start, trig.start()))
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


def _negated(text: str, clause_start: int, clause_end: int, trig: re.Match) -> bool:
    window = text[max(clause_start, trig.start() - 30):trig.start()]
    if re.search(r"\b(?:not|never|no|refused to|unable to|cannot|can't|couldn't|didn't|won't|without)\s+(?:\w+\s+)?$", window, re.IGNORECASE):
        return True
    return False


def _status(text: str, clause_start: int, clause_end: int, trig: re.Match, cls: str) -> str:
    clause = text[clause_start:clause_end]
    before = text[clause_start:trig.start()]
    if _BLOCKED_RE.search(clause):
        return "blocked"
    planned_here = bool(_PLANNED_BEFORE_RE.search(text[max(clause_start, trig.start() - 25):trig.start()]))
    if planned_here and re.search(r"\b(?:forced|forcing|had|have|has|managed|able|began|started|continued|continue)\s+(?:\w+\s+)?to\s+$", text[max(clause_start, trig.start() - 30):trig.start()], re.IGNORECASE):
        planned_here = False
    if planned_here or re.search(r"\b(?:ordered|told|urged|advised|asked|instructed|warned)\b(?:\s+[\w,]+){0,4}\s+to\b", before, re.IGNORECASE) \
            or re.search(r"\border(?:s|ed)?\b", text[trig.end():trig.end() + 12], re.IGNORECASE):
        return "planned"
    if _ONGOING_RE.search(clause) or re.search(r"\b(?:are|is|were|was)\s+\w*ing\b", text[max(clause_start, trig.start() - 12):trig.end()], re.IGNORECASE):
        return "ongoing"
    if re.search(r"\bon (?:their|its|his|her) way\b", clause, re.IGNORECASE):
        return "ongoing"
    if _PLANNED_RE.search(clause):
        # Part of the movement happened, more is expected: still going on.
        return "ongoing"
    return "completed"


def _scope(text: str, clause_start: int, clause_end: int, cls: str, count: Count | None) -> str:
    clause = text[clause_start:clause_end]
    if (count is not None and count.per) or _RATE_RE.search(clause):
        return "rate"
    if cls in ("host", "stay") or _STOCK_RE.search(clause) and cls not in ("flee", "evacuate", "leave"):
        return "stock"
    if _CUMULATIVE_RE.search(clause):
        return "cumulative"
    return "event"


def _is_modifier_after(text: str, m: Mention, limit: int) -> bool:
    """"Y's northwest", "Y-based", "Y authorities": the place qualifies something else."""
    after = text[m.end:min(limit, m.end + 30)]
    pos = re.match(r"['’]s?\s+([A-Za-z-]+)", after)
    if pos:
        return pos.group(1).lower() not in lx.RESIDENT_NOUNS
    if re.match(r"-(?:based|backed|brokered|led|born|run|funded|allied|supported)\b", after):
        return True
    name = re.match(r" ([A-Z][a-z]+)(?: ([A-Z][a-z]+))?", after)
    if name and (name.group(1).lower() not in _PLACE_WORDS or (name.group(2) or "").lower() in lx.NAME_TAIL_WORDS
                 or name.group(1).lower() in lx.NAME_TAIL_WORDS):
        return True  # "X Tribune", "X Airways", "X River Road": inside a name
    return False


_PLACE_WORDS = frozenset(
    """province district city town village state region county camp governorate valley island islands
    river border crossing municipality prefecture township area territory monday tuesday wednesday
    thursday friday saturday sunday january february march april may june july august september
    october november december and on in at from to for""".split()
)


def _role(text: str, clause_start: int, clause_end: int, m: Mention, prev_roles: list[tuple[Mention, str | None]]) -> str | None:
    """The role of mention *m* from the words on its left (and a few on its right)."""
    after = text[m.end:m.end + 30]
    if re.match(r"-bound\b", after):
        return _DEST_ROLE
    if re.match(r"\s+(?:was|were|has been|have been|had been|is being|are being)\s+(?:\w+ly\s+)?(?:evacuated|emptied|abandoned|deserted|depopulated)\b", after) \
            and not re.search(r"\b(?:to|from|into|of|in|at|near|for|via)\s+(?:the\s+)?$", text[max(clause_start, m.start - 12):m.start], re.IGNORECASE):
        return _ORIGIN_ROLE  # "X was evacuated"
    if re.match(r"(?:,\s+which)?\s+(?:is\s+|are\s+|has\s+been\s+|now\s+|currently\s+)*(?:hosting|hosts|hosted|sheltering|shelters|housing|houses|home to)\b", after):
        return _DEST_ROLE  # "X hosts 80,000 refugees"
    if re.match(r"['’]s\s+(?:" + "|".join(lx.RESIDENT_NOUNS) + r")\b", after, re.IGNORECASE) or \
            re.match(r"\s+(?:" + "|".join(lx.BARE_RESIDENT_NOUNS) + r")\b", after, re.IGNORECASE):
        return _ORIGIN_ROLE
    if re.match(r"\s+(?:evacuation|exodus|evacuees|pull-?out|withdrawal)\b", after, re.IGNORECASE):
        return _ORIGIN_ROLE
    if _is_modifier_after(text, m, clause_end):
        return None
    # Tokens on the left, nearest first, with their offsets.
    left = [(t.group(), t.start()) for t in _TOKEN_RE.finditer(text, max(clause_start, m.start - 120), m.start)]
    # The previous mention in this clause (for coordination and "X in Y").
    prev = None
    for pm, prole in reversed(prev_roles):
        if pm.end <= m.start:
            if re.fullmatch(r"['’]s?\s+(?:[\w-]+\s+){0,2}", text[pm.end:m.start]):
                continue  # "Niger's Diffa region": the possessive only locates this place
            prev = (pm, prole)
            break
    skipped = 0
    for i in range(len(left) - 1, -1, -1):
        tok, pos = left[i]
        low = tok.lower()
        if prev and pos < prev[0].end:
            break
        nxt_low = left[i - 1][0].lower() if i > 0 else ""
        if low in ("and", "or", ",", "&") or (low == "as" and nxt_low == "well"):
            # Coordination with the previous place: "to X and (to) Y", "X, Y and Z".
            if prev is not None:
                gap = text[prev[0].end:pos]
                if re.fullmatch(r"[\s,]*(?:(?:as|well|" + "|".join(lx.NP_WORDS) + r")[\s,]*)*", gap, re.IGNORECASE):
                    if low == "," and not re.match(r"[^.;]{0,60}?\band\b|[^.;]{0,60}?\bor\b", text[m.end:m.end + 60]) and prev[1] != _IN_ROLE:
                        return None  # "X, Y" without a list: Y locates X
                    return prev[1]
            return None
        if low == "of":
            before = nxt_low
            if before == "out":
                return _ORIGIN_ROLE
            if before in lx.ORIGIN_OF_NOUNS:
                return _ORIGIN_ROLE
            if before in lx.NP_WORDS or before in lx.GENERIC_PLACE_NOUNS or before in ("safety", "security", "shelter"):
                continue  # "the town of X", "the relative safety of X": keep reading left
            return None
        if low in lx.ORIGIN_PREPOSITIONS or low in lx.DESTINATION_PREPOSITIONS:
            # "flight 994 from X to Y", "trade to X": the phrase belongs to a non-mover noun.
            k = i - 1
            while k >= 0 and (left[k][0][0].isdigit() or (prev and prev[0].start <= left[k][1] < prev[0].end)
                              or left[k][0].lower() in lx.ORIGIN_PREPOSITIONS | lx.DESTINATION_PREPOSITIONS):
                k -= 1
            if k >= 0 and left[k][0].lower() in lx.NON_MOVERS:
                return None
        if low in lx.ORIGIN_PREPOSITIONS:
            if nxt_low in ("far", "away") and i > 1 and left[i - 2][0].lower() not in lx.ORIGIN_VERBS and left[i - 2][0].lower() not in ("fled", "moved", "displaced", "driven", "forced"):
                return _ORIGIN_ROLE if nxt_low == "away" else None
            return _ORIGIN_ROLE
        if low in lx.DESTINATION_PREPOSITIONS:
            if low == "to" and nxt_low in lx.NOT_DESTINATION_TO:
                return None
            return _DEST_ROLE
        if low == "for":
            if nxt_low in lx.FOR_DESTINATION_VERBS:
                return _DEST_ROLE
            # "left X for Y", "for X and for Y"
            if prev is not None and prev[1] in (_ORIGIN_ROLE, _DEST_ROLE) and re.fullmatch(
                    r"[\s,]*(?:(?:and|or|then|" + "|".join(lx.NP_WORDS) + r")[\s,]*)*", text[prev[0].end:pos], re.IGNORECASE):
                return _DEST_ROLE
            return None
        if low in ("in", "at", "inside", "within"):
            if nxt_low in lx.ARRIVAL_IN_WORDS:
                return _DEST_ROLE
            if nxt_low in lx.STATIVE_IN_WORDS:
                return _IN_ROLE  # "live in X": a destination only next to an arrival trigger
            if nxt_low in lx.GENERIC_PLACE_NOUNS:
                # "camps in X": X locates a generic endpoint; its role is that of the generic.
                continue
            if prev is not None and re.fullmatch(r"[\s,]*(?:(?:" + "|".join(lx.NP_WORDS) + r")[\s,]*)*", text[prev[0].end:pos], re.IGNORECASE):
                return None  # "X in Y"
            return _IN_ROLE
        if low in ("near", "outside", "around", "beside") and nxt_low in lx.GENERIC_PLACE_NOUNS:
            continue  # "a camp near X": X locates the generic endpoint
        if low in lx.ROUTE_PREPOSITIONS:
            return _ROUTE_ROLE
        if low in lx.ORIGIN_VERBS:
            return _ORIGIN_ROLE
        if low in lx.DESTINATION_VERBS:
            return _DEST_ROLE
        if tok[0].isupper() and pos > clause_start and (re.search(r"['’]s?$", tok) or _DEMONYM_ADJ.search(tok)
                                                        or (i == len(left) - 1 and re.fullmatch(r"\s", text[pos + len(tok):m.start]))):
            # "Niger's Diffa region", "Iraqi Kurdistan": a qualifier inside the place's noun phrase.
            skipped += 1
            if skipped > 7:
                return None
            continue
        if low in lx.NP_WORDS or re.fullmatch(r"[a-z]+-[a-z]+", tok):
            skipped += 1
            if skipped > 7:
                return None
            continue
        if low in lx.GENERIC_PLACE_NOUNS or low in ("refugee", "displacement", "evacuation", "transit", "reception", "relief", "temporary", "makeshift", "informal", "official", "safety", "security", "relative"):
            skipped += 1
            if skipped > 7:
                return None
            continue
        return None
    return None


def _generic_roles(text: str, start: int, end: int, mentions: list[Mention]) -> tuple[bool, bool]:
    """Whether the clause names a non-toponym origin/destination ("from villages", "to safer areas")."""
    clause = text[start:end]
    spans = [(m.start - start, m.end - start) for m in mentions]

    def unnamed(pos: int) -> bool:
        return not any(a <= pos < b for a, b in spans)

    origin = any(unnamed(m.end() + 1) and not m.group(1)[0].isupper()
                 for m in re.finditer(r"\b(?:from|out of)\s+(?:their\s+|the\s+)?([a-z][a-z-]+)", clause)) or any(
        unnamed(m.start(1)) for m in re.finditer(r"\b(?:residents|people|inhabitants|villagers|population) of\s+(?:the\s+)?([A-Z][\w-]+)", clause))
    dest = any(unnamed(m.end() + 1)
               for m in re.finditer(r"\b(?:to|into|towards|in)\s+(?:\w+\s+){0,2}?(?:" + "|".join(lx.GENERIC_PLACE_NOUNS) + r")\b", clause))
    return origin, dest


# Stayers are no movers, but people who remain displaced, or remain where they took shelter, are.
_STILL_DISPLACED_RE = re.compile(
    r"\s*(?:who\s+)?(?:were|are|was|is|have|has|had)?\s*(?:still\s+)?(?:remain(?:s|ed|ing)?|stay(?:s|ed|ing)?)\s+"
    r"(?:\w+ly\s+)?(?:displaced|homeless|uprooted|(?:in|at)\s+(?:the\s+)?(?:\S+\s+){0,3}?"
    r"(?:camps?|shelters?|cent(?:re|er)s?|sites?|settlements?|schools?|host families|evacuation))", re.IGNORECASE)


def _figure_counts(text: str, start: int, end: int) -> list[Count]:
    counts = []
    for c in find_counts(text, start, end):
        if c.unit not in lx.MOVER_UNITS:
            continue
        tail = text[c.end:min(end, c.end + 40)]
        if _STILL_DISPLACED_RE.match(tail):
            counts.append(c)  # "860 people remained displaced", "200 remain in evacuation centres": a stock
            continue
        if _NON_MOVEMENT_RE.match(tail.lstrip()) or re.match(r"\s*(?:were|are|was|is|have been|had been|have|had)?\s*(?:still\s+)?(?:killed|dead|died|injured|wounded|missing|trapped|stranded|arrested|detained|remain|remained|stay|stayed|affected)\b", tail, re.IGNORECASE):
            continue
        if (c.unit_text or "").lower() in ("houses", "house", "homes", "home", "dwellings", "buildings") and re.search(
                r"\b(?:destroy|damag|flood|collaps|wash|burn|inundat|submerg|swept|razed|flatten)", tail, re.IGNORECASE):
            continue  # houses destroyed are not households on the move
        head = text[max(start, c.start - 25):c.start].lower()
        if re.search(r"\b(?:out of|killing|killed|injuring|injured|wounding|population of|capacity of|home to|"
                     r"affect(?:ed|ing|s)?|impact(?:ed|ing|s)?)\s*$", head):
            continue
        counts.append(c)
    # People-like counts first; vehicles only when nobody is counted.
    people = [c for c in counts if c.unit not in lx.VEHICLE_UNITS]
    return people or counts


def _nearest(items, pos):
    return min(items, key=lambda x: abs(x[0].start() - pos))


def _clause_candidate(article: Article, sentence: Sentence, start: int, end: int,
                      mentions: list[Mention], recent: list[tuple[Mention, str]],
                      earlier: list[Mention], found: list[re.Match], grammar=None,
                      after_movement: bool = False) -> _Candidate | None:
    text = article.text
    pool = _triggers(text, start, end, found) if grammar is None else [
        (_Span(text, t.start, t.end), t.cls) for t in grammar.triggers if start <= t.start and t.end <= end]
    trigs = [(m, c) for m, c in pool
             if not _blocked_movers(text, start, m, c, mentions, grammar, after_movement)
             and not _negated(text, start, end, m)]
    if not trigs:
        return None
    if not _MOVERS_RE.search(text, start, end) and re.search(
            r"\b(?:troops|soldiers|teams|rescuers|personnel|convoys?|aid|cargo|barges?|ships?|vessels?|aircraft|planes?|flights?|storm|hurricane|cyclone|typhoon|fire|blaze|wildfire|floodwaters?)\b",
            text[start:end], re.IGNORECASE):
        return None  # things move here, people are not said to
    if not _MOVERS_RE.search(text, start, end) and re.search(r"\b(?:he|she|I)\b", text[start:trigs[0][0].start()]):
        return None  # one person's travels
    # Carrying verbs need people to carry: "rain brought flooding to X" is no movement.
    trigs = [(m, c) for m, c in trigs if c != "move" or _MOVERS_RE.search(text, start, end)
             or any(d.kind == "demonym" for d in mentions)]
    if not trigs:
        return None
    main, cls = trigs[0]
    # Streets bound evacuation zones ("from X Drive to Y Road"); they are not where people went.
    toponyms = [m for m in mentions if m.kind == "toponym" and not _STREET_RE.search(m.text)]
    demonyms = [m for m in mentions if m.kind == "demonym"]
    roles: list[tuple[Mention, str | None]] = []
    for m in toponyms:
        roles.append((m, _combined_role(text, start, end, m, roles, grammar)))
    cand = _Candidate(sentence=sentence, start=start, end=end, trigger=text[main.start():main.end()], cls=cls,
                      trigger_start=main.start(), trigger_end=main.end())
    seen: set[tuple[str, str]] = set()
    ins: list[Mention] = []
    cand.other_places = any(r in (_ROUTE_ROLE, _IN_ROLE) for _m, r in roles)
    cand.refers_back = bool(_ANAPHORIC_MOVERS_RE.search(text, start, min(end, main.end() + 25))) or bool(
        grammar and any(m.start() in grammar.refers_back for m, _c in trigs))
    cand.movers = cand.refers_back or bool(grammar and grammar.movers.get(main.start()) == "people")
    for m, role in roles:
        if role is None:
            continue
        if role == _IN_ROLE:
            ins.append(m)
            continue
        key = (role, m.key or m.text.lower())
        if key in seen:
            continue
        seen.add(key)
        ep = Endpoint(mention=m, how="explicit")
        {_ORIGIN_ROLE: cand.origins, _DEST_ROLE: cand.destinations, _ROUTE_ROLE: cand.route}[role].append(ep)
    # Anaphora: "out of the district", "returned to the town".
    for a in _ANAPHOR_RE.finditer(text, start, end):
        if any(m.start <= a.start() < m.end for m in toponyms):
            continue
        left = text[max(start, a.start() - 25):a.start()].lower()
        if re.search(r"\b(?:from|out of|left|leave|leaving|fled|flee|fleeing|evacuated|vacating|vacated|abandoned|escaped)\s+$", left):
            role = _ORIGIN_ROLE
        elif re.search(r"\b(?:to|into|towards|reach|reached|entered|returned to|back to)\s+$", left):
            role = _DEST_ROLE
        else:
            continue
        antecedent = _antecedent(a.group("noun").lower(), a.start(), recent, earlier + toponyms, roles)
        if antecedent is None:
            continue
        target = cand.origins if role == _ORIGIN_ROLE else cand.destinations
        if any((e.mention.key or e.mention.text) == (antecedent.key or antecedent.text) for e in target):
            continue
        target.append(Endpoint(mention=antecedent, how="anaphora"))
    # "Evacuees from X are housed in Y": with a named origin, a stative "in Y" is where they are.
    if cand.origins and not cand.destinations:
        for m, role in roles:
            if role == _IN_ROLE and m.start > main.start() and re.search(
                    r"\b(?:housed|hosted|sheltered|sheltering|staying|living|accommodated|settled)\b(?:\s+[\w-]+){0,4}\s+in\s+(?:[\w-]+\s+){0,3}$",
                    text[max(start, m.start - 60):m.start], re.IGNORECASE):
                cand.destinations.append(Endpoint(mention=m, how="explicit"))
                ins = [x for x in ins if x is not m]
                break
    # A bare "in X" is where people left when no origin is named (evacuated in X);
    # after arrival words it was already read as a destination.
    if not cand.origins and ins and cls in ("evacuate", "displace", "flee", "leave", "move"):
        after = [m for m in ins if m.start >= main.end() and m.start - main.end() < 60
                 and not re.search(r"\b(?:as|when|after|because|following|since|before|where|which|who|that|amid|while|during|but)\b|[,;(]",
                                   text[main.end():m.start])]
        frame = [m for m in ins if m.start < main.start() and re.fullmatch(r"\s*(?:elsewhere\s+|meanwhile,?\s+|and\s+)?in\s+(?:the\s+)?(?:[\w-]+\s+){0,3}",
                                                                         text[start:m.start], re.IGNORECASE)]
        # "the fighting in X has driven thousands out": a place in the subject of a causative verb.
        subject = [m for m in ins if m.start < main.start() and main.start() - m.end < 40
                   and not re.search(r"[,;(]|\b(?:as|when|after|because|which|who|that|said)\b", text[m.end:main.start()])]
        if cls == "move":
            after = []  # "moved in X" says nothing of where they left; "In X, 900 were moved" does
        pick = after[0] if after else frame[-1] if frame else subject[-1] if subject else None
        if pick is not None:
            cand.origins.append(Endpoint(mention=pick, how="explicit"))
    elif not cand.destinations and ins and cls in ("arrive", "host"):
        after = [m for m in ins if m.start >= main.end() and m.start - main.end() < 60
                 and not re.search(r"\b(?:as|when|after|because|following|since|before|where|which|who|that|amid|while|but)\b|[;(]",
                                   text[main.end():m.start])]
        if after:
            cand.destinations.append(Endpoint(mention=after[0], how="explicit"))
    # A demonym before the trigger names the movers' origin: "Ruritanians crossed into X".
    if not cand.origins:
        for d in demonyms:
            plural = d.text[-1:].lower() == "s" or re.match(r"s?\s+(?:[a-z-]+\s+)?[a-z]+s\b", text[d.end:d.end + 40]) \
                and not re.match(r"\s+(?:[a-z-]+\s+)?(?:is|was|has|sits|lives|says|said)\b", text[d.end:d.end + 30])
            single = re.search(r"\b(?:a|an|one|the)\s+$", text[max(0, d.start - 5):d.start], re.IGNORECASE) and d.text[-1:].lower() != "s"
            subset = re.search(r"\b(?:including|among them|such as|like)\s+(?:\w+\s+){0,2}$", text[max(0, d.start - 30):d.start], re.IGNORECASE)
            if d.start < main.start() and d.text[:1].isupper() and plural and not single and not subset:
                if re.match(r"s?\s+(?:[a-z]+\s+)?(?:refugees|migrants|nationals|citizens|civilians|families|people|asylum|troops|soldiers|forces|fighters|rebels|opposition|regime|army|government|officials|military|police)?", text[d.end:d.end + 30]):
                    low_after = text[d.end:d.end + 30].lower()
                    if re.match(r"s?\s+(?:troops|soldiers|forces|regime|army|government|officials|military|police|opposition|authorities|media|observatory|rebels|fighters|militants|jihadists|settlers|leaders?|president|general)", low_after):
                        continue
                    if main.start() - d.end > 60 or re.search(r"[;:]|\b(?:said|says|called|urged)\b", text[d.end:main.start()]):
                        continue
                    cand.origins.append(Endpoint(mention=d, how="demonym"))
                    break
    cand.generic_origin, cand.generic_destination = _generic_roles(text, start, end, toponyms)
    # Figures: each count with its own status/scope and evidence.
    evidence = Evidence(article_id=article.id, sentence=sentence.text, start=sentence.start, end=sentence.end)
    cand.evidence = evidence
    main_status = _status(text, start, end, main, cls)
    for c in _figure_counts(text, start, end):
        near_trig, near_cls = _nearest(trigs, c.start)
        status = _status(text, start, end, near_trig, near_cls)
        if status == "planned" and main_status in ("completed", "ongoing") and main.start() < c.start \
                and near_trig.start() < c.start \
                and not re.search(r"\b(?:ordered|told|urged|advised)\b", text[start:c.start], re.IGNORECASE):
            # Part of it happened and the rest is expected: the movement is under way.
            status = "ongoing"
        if re.match(r"\s*(?:more\s+)?(?:are\s+|were\s+|is\s+|was\s+)?(?:still\s+)?(?:waiting|expected|due|set|preparing|about|yet|scheduled|planning|hoping|likely) to\b",
                    text[c.end:c.end + 40], re.IGNORECASE):
            status = "planned"  # "another 1,000 waiting to cross"
        # ", with another 1,000 waiting": the count's own phrase sets its scope.
        with_cut = max((w.end() for w in re.finditer(r",?\s+with\b", text[start:c.start])), default=0)
        scope = _scope(text, start + with_cut, end, near_cls, c)
        cand.figures.append(Figure(count=c, scope=scope, status=status, evidence=evidence))
    cand.status = main_status
    cand.scope = cand.figures[0].scope if cand.figures else _scope(text, start, end, cls, None)
    # Remove self-loops: the same place as origin and destination is a locative slip.
    okeys = {e.mention.key or e.mention.text for e in cand.origins}
    cand.destinations = [e for e in cand.destinations if (e.mention.key or e.mention.text) not in okeys]
    return cand


_POLICY = os.environ.get("MAPPER_ROLES", "hybrid")


def _combined_role(text, start, end, m, roles, grammar):
    g = grammar.roles.get((m.start, m.end)) if grammar else None
    if _POLICY == "regex":
        return _role(text, start, end, m, roles)
    if _POLICY == "parse":
        return g.role if g else None
    return g.role if g else _role(text, start, end, m, roles)


_LEAVING = frozenset({"flee", "leave", "evacuate", "displace", "move"})


# "CITY, May 11 (Agency) --", "CITY (Agency) —", "(CITY) –": where the report was filed.
_DATELINE_RE = re.compile(r"(?:,\s+\w+\.?\s+\d{1,2})?\s*(?:\([^()]{1,30}\))?\s*(?:--|—|–)")
_NON_PLACE_HEAD_RE = re.compile(
    r"\s+(?:dollars?|yuan|government|army|forces|troops|military|officials?|authorities|media|president|"
    r"minister|ministry|police|embassy|consulate|regime|leaders?|border guards?|coast ?guards?|"
    r"prefecture|team|officers?)\b", re.IGNORECASE)


def _is_locus(text: str, m: Mention, prev: Mention | None) -> bool:
    """Whether a mention names where things happen (not a dateline, an agent, or a container)."""
    if _STREET_RE.search(m.text) or _is_modifier_after(text, m, m.end + 30) or _NON_PLACE_HEAD_RE.match(text, m.end):
        return False
    line_start = text.rfind("\n", 0, m.start) + 1
    if (not text[line_start:m.start].strip(" (") or text[m.start - 1:m.start] == "(") and _DATELINE_RE.match(text, m.end):
        return False
    if text.count("(", line_start, m.start) > text.count(")", line_start, m.start):
        return False  # "(19 million U.S. dollars)", "(UNHCR, Geneva)": an aside
    # "Bor, the capital of Jonglei state", "Niger's Diffa region": the container only locates.
    return prev is None or not re.fullmatch(r",\s+(?:the\s+)?(?:[\w-]+\s+){0,4}(?:of|in)\s+(?:[\w-]+\s+)?|['’]s?\s+|,\s+",
                                            text[prev.end:m.start])


def _context_place(text: str, ordered: list[Mention], before: int, arrived: set[str]) -> Mention | None:
    """Where the story is when a sentence names no place: the last place named before *before*.

    A report of people leaving that names no place ("Local governments have
    relocated 50,400 people") happened where the story last was; before the
    first place is named, the first place the story names. Datelines, agents
    ("X authorities"), asides in brackets, containers ("Y" in "X, Y") and places
    people were said to reach are not where they left.
    """
    toponyms, prev = [], None
    for m in ordered:
        if m.kind == "toponym":
            if _is_locus(text, m, prev) and _ekey(Endpoint(mention=m)) not in arrived:
                toponyms.append(m)
            prev = m
    earlier = [m for m in toponyms if m.end <= before]
    if earlier:
        return earlier[-1]
    return toponyms[0] if toponyms else None


def _inherited_origin(text: str, cand: _Candidate, ordered: list[Mention], recent: list[tuple[Mention, str]],
                      last_origin: tuple[list[Endpoint], int] | None, index: int) -> list[Endpoint]:
    """The origin of a clause that names none, from the story around it (``how="context"``).

    A clause that refers back to the movers ("they", "many of the fighters")
    continues the movement reported within the last four sentences and takes
    its origin, also when it names where they went. A clause of people leaving
    that names no place at all takes that origin too, else the place the story
    is at (:func:`_context_place`). Measured on dev2/tune and check: carrying
    origins more freely into clauses with a destination made false flows
    (edge precision 0.79 → 0.59) and lost events.
    """
    if not (cand.movers or cand.figures) or cand.cls == "stay":
        return []  # where displaced people stay says nothing of where they came from
    dkeys = {_ekey(e) for e in cand.destinations}
    recent_origin = last_origin is not None and index - last_origin[1] <= 4
    if recent_origin and cand.refers_back and not cand.generic_origin and not cand.other_places:
        return [replace(e, how="context") for e in last_origin[0] if _ekey(e) not in dkeys]
    if cand.destinations or cand.cls not in _LEAVING:
        return []
    if recent_origin:
        return [replace(e, how="context") for e in last_origin[0]]
    arrived = {_ekey(Endpoint(mention=m)) for m, r in recent if r == _DEST_ROLE}
    locus = _context_place(text, ordered, cand.trigger_start, arrived)
    return [Endpoint(mention=locus, how="context")] if locus is not None else []


_HOME_RE = re.compile(
    r"\s+(?:\w+\s+){0,2}?(?:to\s+)?(?:their|his|her|its)?\s*(?:own\s+)?(?:homes?|houses?|villages?|hometowns?|"
    r"(?:areas?|places?|communities|villages?) of origin)\b", re.IGNORECASE)


def _home_again(text: str, cand: _Candidate, ordered: list[Mention], recent: list[tuple[Mention, str]],
                last_origin: tuple[list[Endpoint], int] | None, index: int) -> list[Endpoint]:
    """Where people "returned home" or "went back to their villages": where they had left.

    The origin of the movement reported within the last four sentences, else
    the place the story is at; ``how="context"``.
    """
    if cand.cls != "return" or not (cand.movers or cand.figures) or not _HOME_RE.match(text, cand.trigger_end):
        return []
    if last_origin is not None and index - last_origin[1] <= 4:
        return [replace(e, how="context") for e in last_origin[0]]
    locus = _context_place(text, ordered, cand.trigger_start, set())
    return [Endpoint(mention=locus, how="context")] if locus is not None else []


def _clause_mentions(mentions: list[Mention], start: int, end: int, grammar) -> list[Mention]:
    """The mentions a clause reads: its own, and those the parse ties to one of its triggers.

    Punctuation cuts clauses ("In X, the conflict – a long one – has displaced
    N"), grammar does not: a place whose role hangs on a trigger of this clause
    belongs here even when a dash or a "while" lies between them.
    """
    def tied(m: Mention) -> int | None:
        role = grammar.roles.get((m.start, m.end)) if grammar else None
        return role.trigger.start if role else None

    out = []
    for m in mentions:
        at = tied(m)
        inside = start <= m.start and m.end <= end
        if (at is None and inside) or (at is not None and start <= at < end):
            out.append(m)
    return out


def _blocked_movers(text, start, m, c, mentions, grammar, after_movement: bool = False) -> bool:
    """The trigger's movers are things or one person (the parse says; else the words before it).

    A stay ("others live in X") reports displaced people only right after a
    movement; without the parse, nobody is known to stay.
    """
    kind = grammar.movers.get(m.start(), "unknown") if grammar and _POLICY != "regex" else "unknown"
    if kind == "people":
        return False
    if c == "stay":
        return not (kind == "anaphoric" and after_movement)
    if kind in ("thing", "person"):
        return True
    return _subject_blocks(text, start, m, c, mentions)


def _antecedent(noun: str, pos: int, recent: list[tuple[Mention, str]], toponyms: list[Mention],
                roles: list[tuple[Mention, str | None]]) -> Mention | None:
    hints = lx.ANAPHORA_HINTS.get(noun, frozenset())
    # 1) an endpoint of this clause or of a recent movement with a matching hint, 2) any recent endpoint.
    pool = [(m, r) for m, r in roles if r in (_ORIGIN_ROLE, _DEST_ROLE, _IN_ROLE) and m.end <= pos] + [
        (m, r) for m, r in recent]
    pool.sort(key=lambda x: x[0].start)
    for m, _r in reversed(pool):
        if m.feature_hint and m.feature_hint in hints:
            return m
    for m, _r in reversed(pool):
        if not m.feature_hint or m.feature_hint not in ("country", "admin1") or noun in ("province", "state", "region"):
            return m
    # 3) the nearest earlier toponym with a matching hint.
    for m in reversed([t for t in toponyms if t.end <= pos]):
        if m.feature_hint and m.feature_hint in hints:
            return m
    return None


def _ekey(e: Endpoint) -> str:
    return e.mention.key or e.mention.text.lower()


def _candidate_sentences(text: str, sentences: tuple[Sentence, ...], ordered: list[Mention]) -> list[tuple]:
    """The sentences that may report a movement: a trigger, or displaced people named.

    Each comes as ``(sentence, trigger matches, its mentions, index of its first mention)``.
    """
    out = []
    all_trigs = list(_TRIGGER_RE.finditer(_lower(text)))
    ti = mi = 0
    for sentence in sentences:
        while ti < len(all_trigs) and all_trigs[ti].start() < sentence.start:
            ti += 1
        k = ti
        while k < len(all_trigs) and all_trigs[k].start() < sentence.end:
            k += 1
        found = all_trigs[ti:k]
        if not found and (_POLICY == "regex" or not _DISPLACED_RE.search(sentence.text)):
            continue
        while mi < len(ordered) and ordered[mi].end <= sentence.start:
            mi += 1
        j = mi
        while j < len(ordered) and ordered[j].start < sentence.end:
            j += 1
        out.append((sentence, found, ordered[mi:j], mi))
    return out


def _readings(text: str, candidates: list[tuple]) -> dict[int, object]:
    """The parse's reading of each candidate sentence that names a place, parsed in one batch.

    A sentence that names no place has no roles to read; who moved there is
    left to the clause rules, which saves the parser most sentences.
    """
    if _POLICY == "regex":
        return {}
    from mapper.movements.grammar import Trigger, read_sentence
    from mapper.movements.parse import parse

    todo = []
    for sentence, found, mentions, _mi in candidates:
        toponyms = [m for m in mentions if m.kind == "toponym"]
        if not toponyms:
            continue
        trigs = [Trigger(m.start(), m.end(), c) for m, c in _triggers(text, sentence.start, sentence.end, found, syntax=False)]
        if trigs or _DISPLACED_RE.search(sentence.text):
            todo.append((sentence, toponyms, trigs))
    docs = parse([sentence.text for sentence, _t, _g in todo])
    return {sentence.index: read_sentence(doc, sentence.start, toponyms, trigs)
            for (sentence, toponyms, trigs), doc in zip(todo, docs)}


def find_movements(article: Article, sentences: tuple[Sentence, ...], mentions: tuple[Mention, ...]) -> tuple[Movement, ...]:
    """Find the movements an article reports.

    Parameters
    ----------
    article : Article
        The article; all offsets are into ``article.text``.
    sentences : tuple of Sentence
        From :func:`mapper.read.sentences.split_sentences`.
    mentions : tuple of Mention
        Place and demonym mentions sorted by start
        (:func:`mapper.places.toponyms.find_mentions`).

    Returns
    -------
    tuple of Movement
        One per reported movement (event), in text order. Several destinations
        sharing one count are one movement; restatements are merged with all
        their evidence; ``event_id`` is stable within the article. Endpoints
        reference the given mentions (``how`` says whether the place was named,
        carried from context, an anaphor or a demonym).
    """
    text = article.text
    ordered = sorted(mentions, key=lambda m: m.start)
    cands: list[_Candidate] = []
    recent: list[tuple[Mention, str]] = []  # endpoints of recent movements (for anaphora)
    last_origin: tuple[list[Endpoint], int] | None = None
    sentence_dates: dict[int, tuple[Period, ...]] = {}
    last_at: int | None = None  # the sentence of the last movement
    candidates = _candidate_sentences(text, sentences, ordered)
    readings = _readings(text, candidates)
    for sentence, found, sent_mentions, mi in candidates:
        grammar = readings.get(sentence.index)
        for start, end in _clauses(sentence, text):
            clause_mentions = _clause_mentions(sent_mentions, start, end, grammar)
            earlier = [m for m in ordered[max(0, mi - 12):mi] if m.kind == "toponym"]
            after = last_at is not None and sentence.index - last_at <= 2
            cand = _clause_candidate(article, sentence, start, end, clause_mentions, recent, earlier, found, grammar, after)
            if cand is None:
                continue
            explicit_origin = [e for e in cand.origins if e.how != "demonym"]
            if not cand.origins:
                cand.origins = _inherited_origin(text, cand, ordered, recent, last_origin, sentence.index)
            if not cand.destinations and not cand.origins:
                cand.destinations = _home_again(text, cand, ordered, recent, last_origin, sentence.index)
            if not (cand.origins or cand.destinations):
                continue
            last_at = sentence.index
            if explicit_origin:
                last_origin = (explicit_origin, sentence.index)
            elif cand.origins and last_origin:
                last_origin = (last_origin[0], sentence.index)
            if sentence.index not in sentence_dates:
                sentence_dates[sentence.index] = find_dates(text, article.published, sentence.start, sentence.end)
            cand.period = _candidate_period(text, cand, sentence_dates[sentence.index])
            for e in cand.origins:
                recent.append((e.mention, _ORIGIN_ROLE))
            for e in cand.destinations:
                recent.append((e.mention, _DEST_ROLE))
            cands.extend(c for part in _subset_split(text, cand) for c in _ungap(text, part))
    return tuple(_merge(article, cands))


_SUBSET_RE = re.compile(r"\s+(?:of\s+(?:whom|which|them|these|those)|among\s+them)\b", re.IGNORECASE)
_SUBSET_END_RE = re.compile(r"\bof\s+(?:whom|which|them|these|those)$", re.IGNORECASE)


def _subset_split(text: str, cand: _Candidate) -> list[_Candidate]:
    """Split "N left X, M of whom went to Y" in two: N from X, and M of them from X to Y.

    The second count is part of the first; the destination is the part's, and
    the part never takes the whole's count (``subset``).
    """
    if not cand.destinations or len(cand.figures) < 2:
        return [cand]
    for f in cand.figures[1:]:
        if not (_SUBSET_RE.match(text, f.count.end) or _SUBSET_END_RE.search(f.count.text)):
            continue
        whole = [g for g in cand.figures if g.count.start < f.count.start]
        later = [e for e in cand.destinations if e.mention.start > f.count.end]
        if not whole or len(later) != len(cand.destinations):
            continue
        first = replace(cand, destinations=[], figures=whole, route=[])
        part = replace(cand, figures=[g for g in cand.figures if g.count.start >= f.count.start], subset=True)
        return [first, part]
    return [cand]


_GAP_RE = re.compile(r"(?:,\s*(?:and\s+)?|\s+and\s+)$", re.IGNORECASE)
_GAP_TO_RE = re.compile(r"^\s+(?:more\s+|others\s+)?(?:to|into|for|towards?)\s+(?:the\s+)?[^,;]{0,40}$", re.IGNORECASE)


def _ungap(text: str, cand: _Candidate) -> list[_Candidate]:
    """Split "N fled X to A, and M to B" (the verb left out of the second part) in two.

    One clause, two counts, each right before its own destination: M went to B,
    not a share of N. Without such a split the two ends would form one group
    sharing both counts.
    """
    if len(cand.destinations) < 2 or len(cand.figures) < 2:
        return [cand]
    for f in cand.figures[1:]:
        c = f.count
        if not _GAP_RE.search(text[max(cand.start, c.start - 8):c.start]):
            continue
        after = [e for e in cand.destinations if e.how == "explicit" and e.mention.start > c.end]
        before = [e for e in cand.destinations if e not in after]
        if not after or not before or not _GAP_TO_RE.match(text[c.end:after[0].mention.start]):
            continue
        first = replace(cand, destinations=before, figures=[g for g in cand.figures if g.count.start < c.start])
        second = replace(cand, destinations=after, figures=[g for g in cand.figures if g.count.start >= c.start],
                         route=[])
        return [first, *_ungap(text, second)]
    return [cand]


# A date that belongs to the report, not to the movement: "said on Monday", "Monday said",
# a dateline ("CITY, May 11 (Agency) --").
_SAID_BEFORE_RE = re.compile(
    r"\b(?:said|says|say|told(?:\s+[\w-]+){0,2}|announced|reported|stated|added|confirmed|warned|tweeted|wrote|"
    r"statement|briefing|interview|press conference)\s+$", re.IGNORECASE)
_SAID_AFTER_RE = re.compile(r",?\s+(?:said|says|told|announced|reported|confirmed|warned)\b", re.IGNORECASE)
_DATELINE_AFTER_RE = re.compile(
    r"\s*(?:\([A-Za-z .]{1,30}\)\s*)?(?:--|—|–|-|©)\s?|\s+[A-Z][A-Z .'-]{2,40}(?:\s*\([^()]{1,30}\))?\s*(?:--|—|–|-|:)\s")
# "(Agency, 17 January 2014)": the date of a cited source.
_CITATION_BEFORE_RE = re.compile(r"\([^()]{1,80}[,;]\s*$")
# A relative clause between the date and the trigger: the date belongs to the other verb.
_RELATIVE_RE = re.compile(r",\s+(?:which|who|whom|where)\b", re.IGNORECASE)


def _candidate_period(text: str, cand: _Candidate, dates: tuple[Period, ...]) -> Period | None:
    """The date of a clause's movement: the date expression of its sentence closest to the trigger.

    Dates in the clause come first; dates of the telling ("said on Monday"),
    datelines, photo credits, cited sources ("(Agency, 3 May 2014)") and dates
    across a relative clause (", which forced...") are not the movement's.
    Nothing is carried from other sentences.
    """
    best = None
    for d in dates:
        if _SAID_BEFORE_RE.search(text, max(cand.sentence.start, d.char_start - 40), d.char_start) \
                or _SAID_AFTER_RE.match(text, d.char_end, cand.sentence.end) \
                or _DATELINE_AFTER_RE.match(text, d.char_end, cand.sentence.end) \
                or _CITATION_BEFORE_RE.search(text, max(cand.sentence.start, d.char_start - 80), d.char_start):
            continue
        between = (d.char_end, cand.trigger_start) if d.char_end <= cand.trigger_start else (cand.trigger_end, d.char_start)
        if _RELATIVE_RE.search(text, *between):
            continue
        outside = not (cand.start <= d.char_start and d.char_end <= cand.end)
        gap = cand.trigger_start - d.char_end if d.char_end <= cand.trigger_start else max(0, d.char_start - cand.trigger_end)
        key = (outside, gap)
        if best is None or key < best[0]:
            best = (key, d)
    return best[1] if best else None


def _merge(article: Article, cands: list[_Candidate]) -> list[Movement]:
    """Merge restatements and origin-only reports into events; build Movements."""
    groups: list[dict] = []
    for c in cands:
        okeys = frozenset(_ekey(e) for e in c.origins)
        dkeys = frozenset(_ekey(e) for e in c.destinations)
        target = None
        for g in groups:
            if okeys and dkeys and g["okeys"] == okeys and g["dkeys"] == dkeys:
                target = g
                break
        if target is None and not dkeys and okeys:
            # Origin-only: joins an event from the same origin (prefer one with destinations),
            # never a part of the people counted there ("M of whom went to Y").
            same = [g for g in groups if okeys <= g["okeys"] and not g["subset"]]
            if same:
                target = max(same, key=lambda g: (bool(g["dkeys"]), g["order"]))
        if target is None and dkeys and okeys and not c.subset:
            # A movement with destinations absorbs earlier origin-only reports of the same origin.
            same = [g for g in groups if g["okeys"] == okeys and not g["dkeys"]]
            if same:
                target = same[-1]
        if target is None and dkeys and not okeys:
            same = [g for g in groups if dkeys <= g["dkeys"]]
            if same:
                target = same[-1]
        if target is None:
            target = {"okeys": okeys, "dkeys": frozenset(), "cands": [], "order": len(groups), "subset": c.subset}
            groups.append(target)
        target["cands"].append(c)
        target["okeys"] = target["okeys"] | okeys
        target["dkeys"] = target["dkeys"] | dkeys
    movements = []
    for n, g in enumerate(groups):
        origins: list[Endpoint] = []
        dests: list[Endpoint] = []
        route: list[Endpoint] = []
        figures: list[Figure] = []
        evidence: list[Evidence] = []
        seen_fig: set[tuple[int, int]] = set()
        for c in g["cands"]:
            for src, dst in ((c.origins, origins), (c.destinations, dests), (c.route, route)):
                for e in src:
                    if all(_ekey(x) != _ekey(e) for x in dst):
                        dst.append(e)
                    elif e.how == "explicit":
                        # An explicitly named end is better evidence than a carried one.
                        k = next(i for i, x in enumerate(dst) if _ekey(x) == _ekey(e))
                        if dst[k].how != "explicit":
                            dst[k] = e
            for f in c.figures:
                if (f.count.start, f.count.end) not in seen_fig:
                    seen_fig.add((f.count.start, f.count.end))
                    figures.append(f)
            if c.evidence and c.evidence not in evidence:
                evidence.append(c.evidence)
        okeys = {_ekey(e) for e in origins}
        dests = [e for e in dests if _ekey(e) not in okeys]
        # Numbered figures first; vague ones after. Within each, text order.
        figures.sort(key=lambda f: (not f.count.numbers(), f.count.vague))
        main = g["cands"][0]
        with_dest = [c for c in g["cands"] if c.destinations]
        head = with_dest[0] if with_dest else main
        status = figures[0].status if figures else head.status
        scope = figures[0].scope if figures else head.scope
        movements.append(Movement(
            origins=tuple(origins), destinations=tuple(dests), figures=tuple(figures),
            status=status, scope=scope, evidence=tuple(evidence), route=tuple(route),
            event_id=f"{article.id}:m{n + 1}", trigger=head.trigger,
            who=next((f.count.unit_text for f in figures if f.count.unit_text), None),
            # Evidence over several sentences: the first of them that says when.
            period=next((c.period for c in g["cands"] if c.period is not None), None),
        ))
    return movements
