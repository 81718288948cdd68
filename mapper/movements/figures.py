"""The figures of a clause: its counts of movers, each with its status and scope.

A count of people, families, households or fighters is a figure unless it
counts the dead, the hurt, the trapped, the affected, or houses destroyed; its
status (completed, ongoing, planned, blocked) and scope (event, cumulative,
rate, stock) come from the words of its clause. Numbers are never propagated:
a figure stays on the sentence that gives it.
"""

from __future__ import annotations

import re

from mapper.model import Count, Evidence, Figure
from mapper.movements import lexicon as lx
from mapper.movements.counts import find_counts

__all__ = ["clause_figures", "figure_counts", "status_of", "scope_of"]


_PLANNED_RE = re.compile(lx.PLANNED_CUES, re.IGNORECASE)


_ONGOING_RE = re.compile(lx.ONGOING_CUES, re.IGNORECASE)


_BLOCKED_RE = re.compile(lx.BLOCKED_CUES, re.IGNORECASE)


_CUMULATIVE_RE = re.compile(lx.CUMULATIVE_CUES, re.IGNORECASE)


_RATE_RE = re.compile(lx.RATE_CUES, re.IGNORECASE)


_STOCK_RE = re.compile(lx.STOCK_CUES, re.IGNORECASE)


_NON_MOVEMENT_RE = re.compile(lx.NON_MOVEMENT, re.IGNORECASE)


# "to" before a determiner is a preposition ("led to the displacement of"), not an infinitive; "are
# estimated to have fled" is done.
_PLANNED_BEFORE_RE = re.compile(
    r"\b(?:will|would|shall|'ll|be)\s+(?:\w+\s+){0,2}$|\b(?:will|would)\s+have\s+$"
    # "700,000 could flee X": a possibility, not a flight under way ("may have fled" happened, maybe)
    r"|\b(?:could|(?-i:may)|might|must|should)\s+(?!have\b)(?:\w+\s+)?$"  # "in May thousands fled": the month
    r"|\bto\s+(?!(?:the|a|an|their|its|his|her|this|that|these|those|mass|further|have)\b)(?:\w+\s+){0,2}$", re.IGNORECASE
)


_TO_NAME_RE = re.compile(r"\bto\s+(?:[A-Z][\w'’.-]*\s+){1,2}$")
_NOMINAL_TRIGGER_RE = re.compile(r"\w+(?:ions?|ments?)\b|exodus\b", re.IGNORECASE)


# "had to (be) evacuated", "managed to flee": the movement happened; the infinitive plans nothing.
_DONE_TO_RE = re.compile(
    r"\b(?:forced|forcing|had|managed|able|began|started|continued|continue)\s+(?:\w+\s+)?to\s+(?:be\s+)?$"
    r"|\b(?:have|has)\s+(?:\w+\s+)?to\s+$"
    # "5,000 may have fled": a movement that happened, as far as anyone knows
    r"|\b(?:may|might|could|must)\s+have\s+(?:been\s+)?(?:\w+\s+)?$",
    re.IGNORECASE,
)
# A cause made people move: "the war has forced 6.7 million Colombians to flee", "drove hundreds of
# families to leave" (the movers may take several words between the verb and "to").
_CAUSED_TO_RE = re.compile(
    # the present "forces N to flee" of headlines, not the bare "could force N to leave"
    r"\b(?:forced|forcing|forces|compelled|compelling|compels|obliged|"
    r"drove|driven|driving|drives|prompted|prompting|prompts|caused|causing|causes)\s+"
    r"(?:[\w.,'’-]+\s+){0,6}?to\s+(?:be\s+)?$",
    re.IGNORECASE,
)


# An evacuation ordered is not yet one that happened: "ordered the evacuation of", "are under (a)
# mandatory evacuation", "evacuations were ordered for X".
_ORDERED_BEFORE_RE = re.compile(
    r"\b(?:order(?:ed|s|ing)?|call(?:ed|s|ing)? for|under)\s+(?:(?:the|an?|a|immediate|mandatory|compulsory|voluntary|"
    r"precautionary|total|full|partial)\s+){0,3}$", re.IGNORECASE)
_ORDERED_AFTER_RE = re.compile(r"\s+(?:(?:were|was|have been|has been|had been|is|are|being)\s+)+"
                               r"(?:ordered|recommended|advised|urged|called for)\b", re.IGNORECASE)


def status_of(text: str, clause_start: int, clause_end: int, trig: re.Match, cls: str) -> str:
    clause = text[clause_start:clause_end]
    before = text[clause_start:trig.start()]
    if _BLOCKED_RE.search(clause):
        return "blocked"
    before_trig = text[max(clause_start, trig.start() - 25):trig.start()]
    # A noun after "to" is no infinitive ("sent 5,000 people to evacuation centres"), nor a name before a
    # lower-case verb ("who had fled to Goma returned"; but a headline's "To Evacuate" is one)
    planned_here = bool(_PLANNED_BEFORE_RE.search(before_trig)) and not _NOMINAL_TRIGGER_RE.match(trig.group()) \
        and not (trig.group()[:1].islower() and _TO_NAME_RE.search(before_trig))
    done = bool(_DONE_TO_RE.search(text[max(clause_start, trig.start() - 30):trig.start()])
                or _CAUSED_TO_RE.search(text[max(clause_start, trig.start() - 90):trig.start()]))
    planned_here = planned_here and not done
    if planned_here or re.search(r"\b(?:ordered|told|urged|advised|asked|instructed|warned)\b(?:\s+[\w,]+){0,4}\s+to\b", before, re.IGNORECASE) \
            or re.search(r"\border(?:s|ed)?\b", text[trig.end():trig.end() + 12], re.IGNORECASE) \
            or _ORDERED_BEFORE_RE.search(before) or _ORDERED_AFTER_RE.match(text, trig.end()) \
            or re.match(r"\s+(?:zones?|areas?)\s+(?:now\s+)?(?:includes?|covers?|extends?)\b", text[trig.end():trig.end() + 30]):
        return "planned"
    if _ONGOING_RE.search(clause) or re.search(r"\b(?:are|is|were|was)\s+(?:now\s+|still\s+|currently\s+)?\w*ing\b",
                                                text[max(clause_start, trig.start() - 22):trig.end()], re.IGNORECASE):
        return "ongoing"
    if re.search(r"\bon (?:their|its|his|her) way\b", clause, re.IGNORECASE):
        return "ongoing"
    if _PLANNED_RE.search(clause) and not done:
        # Part of the movement happened, more is expected: still going on.
        return "ongoing"
    return "completed"


def scope_of(text: str, clause_start: int, clause_end: int, cls: str, count: Count | None) -> str:
    clause = text[clause_start:clause_end]
    if (count is not None and count.per) or _RATE_RE.search(clause):
        return "rate"
    if cls in ("host", "stay") or _STOCK_RE.search(clause) and cls not in ("flee", "evacuate", "leave"):
        return "stock"
    if _CUMULATIVE_RE.search(clause):
        return "cumulative"
    return "event"


# Stayers are no movers, but people who remain displaced, or remain where they took shelter, are.
_NAMED_DISPLACED_RE = re.compile(r"\b(?:displaced|uprooted|refugees?|IDPs?|evacuees?)\b", re.IGNORECASE)
_STAYING_RE = re.compile(r"\s*(?:who\s+)?(?:were|are|have|had)?\s*(?:still\s+)?(?:remain(?:s|ed|ing)?|stay(?:s|ed|ing)?)\b",
                         re.IGNORECASE)
_STILL_DISPLACED_RE = re.compile(
    r"\s*(?:who\s+)?(?:were|are|was|is|have|has|had)?\s*(?:still\s+)?(?:remain(?:s|ed|ing)?|stay(?:s|ed|ing)?)\s+"
    r"(?:\w+ly\s+)?(?:displaced|homeless|uprooted|(?:in|at)\s+(?:the\s+)?(?:\S+\s+){0,3}?"
    r"(?:camps?|shelters?|cent(?:re|er)s?|sites?|settlements?|schools?|host families|evacuation|displacement))", re.IGNORECASE)


_HOUSE_WORDS = frozenset("houses house homes home dwellings buildings".split())
# Houses lost, said after the count ("500 homes were destroyed") or before it ("destroying hundreds of homes").
_LOST_AFTER_RE = re.compile(r"\b(?:destroy|damag|flood|collaps|wash|burn|inundat|submerg|swept|razed|flatten)", re.IGNORECASE)
_LOST_BEFORE_RE = re.compile(r"\b(?:destroy\w*|damag\w*|flatten\w*|raz\w*|burn\w*|wash\w* away|sweep\w* away|"
                             r"swept away|submerg\w*|inundat\w*)\s+(?:\w+\s+){0,2}$")


_ATTACKED_BEFORE_RE = re.compile(r"\b(?:torch\w*|set fire to|set ablaze|attack\w*|hijack\w*|seiz\w*|shell\w*|"
                                 r"ston\w*|block\w*|stopp\w*|hit|struck)\s+(?:\w+\s+){0,2}$")


def _houses_lost(c: Count, head: str, tail: str) -> bool:
    """Houses destroyed or damaged are not households on the move, nor are buses burnt or attacked
    ("torched four buses sent to evacuate villagers") its vehicles (*head*: the lower-cased words before)."""
    if c.unit in lx.VEHICLE_UNITS:
        return bool(_LOST_BEFORE_RE.search(head) or _ATTACKED_BEFORE_RE.search(head) or re.match(
            r"\s*(?:were|was|had been|have been)\s+(?:\w+\s+)?(?:torched|burn\w*|attacked|destroyed|set)\b", tail))
    return (c.unit_text or "").lower() in _HOUSE_WORDS and bool(_LOST_AFTER_RE.search(tail) or _LOST_BEFORE_RE.search(head))


# Who a place is home to, when they are displaced: "50,000 people displaced by", "3,000 refugees".
_DISPLACED_AFTER_RE = re.compile(
    r"(?:(?:displaced|uprooted|refugees?|IDPs?|evacuees?|internally displaced)\b|"
    r"(?:people|persons|families|households)\s+(?:displaced|uprooted|who\s+(?:have\s+|had\s+)?fled)\b)",
    re.IGNORECASE)
_SHARE_OF_RE = re.compile(r"\b(?:half|third|quarter|thirds|quarters|percent|per\s+cent|most|majority|many|some)\s+of\s+"
                          r"(?:the\s+|its\s+|their\s+|[\w'’.-]+['’]s?\s+)?(?:[\w-]+\s+)?$", re.IGNORECASE)
_MOVED_AFTER_RE = re.compile(r"\s*,?\s*(?:who\s+(?:have\s+|had\s+)?(?:been\s+)?(?:fled|escaped|left)\b|"
                             r"(?:\w+ly\s+)?(?:displaced|evacuated|uprooted|relocated|forced|driven)\b)", re.IGNORECASE)
_SHARED_HURT_RE = re.compile(r"\s+and\s+(?:\w+\s+)?\d[\d,.]*\s+(?:[\w-]+\s+){0,2}?(?:dead|killed|injured|wounded|missing)\b",
                             re.IGNORECASE)
_HURT_RE = re.compile(r"\b(?:injured|wounded|hurt|dead)\b", re.IGNORECASE)
_HURT_AFTER_RE = re.compile(r"\s*(?:have\s+|had\s+)?(?:sustained|suffered|received)\s+(?:\w+\s+)?(?:injuries|wounds|burns)\b",
                            re.IGNORECASE)
_HURT_PART_RE = re.compile(r"\b(?:kill\w*|injur\w*|wound\w*|dead|died)\b[^.;]{0,45}\b(?:including|among them)\s+$",
                           re.IGNORECASE)
# "the death toll rose to 40": the dead, however the rest of the clause counts the displaced.
_TOLL_BEFORE_RE = re.compile(r"\b(?:death|casualty|fatality)\s+tolls?\b(?:\s+(?:has|had|have))?(?:\s+\w+)?\s+(?:to|at|of)\s+$")


def figure_counts(text: str, start: int, end: int) -> list[Count]:
    counts = []
    for c in find_counts(text, start, end):
        if c.unit not in lx.MOVER_UNITS:
            continue
        tail = text[c.end:min(end, c.end + 40)]
        if _STILL_DISPLACED_RE.match(tail) or _NAMED_DISPLACED_RE.search(c.text) and _STAYING_RE.match(tail):
            # "860 people remained displaced", "200 remain in evacuation centres", "300 displaced families
            # remain in X": a stock
            counts.append(c)
            continue
        if _SHARED_HURT_RE.match(tail):
            continue  # "left 2,251 Palestinians and 73 Israelis dead": both are the dead
        if _NON_MOVEMENT_RE.match(tail.lstrip()) or re.match(r"\s*(?:were|are|was|is|have been|had been|have|had)?\s*(?:still\s+)?(?:killed|dead|died|drowned|perished|injured|wounded|missing|trapped|stranded|arrested|detained|remain|remained|stay|stayed|affected)\b", tail, re.IGNORECASE):
            continue
        if _HURT_RE.search(c.text) or _HURT_AFTER_RE.match(tail):
            continue  # "eight severely injured people", "nine people sustained minor injuries": the hurt
        head = text[max(start, c.start - 25):c.start].lower()
        if _houses_lost(c, head, tail) or _HURT_PART_RE.search(text, max(start, c.start - 70), c.start):
            continue  # "killed six civilians, including two children": a part of the dead
        if _SHARE_OF_RE.search(text, max(start, c.start - 40), c.start) and not _MOVED_AFTER_RE.match(tail) \
                and not _NAMED_DISPLACED_RE.search(c.text):
            # "nearly half of the town's 200,000 residents": the whole, not the movers (but "most of
            # the 30,000 people evacuated from X" counts the evacuated)
            continue
        if re.search(r"\bhome to\s*$", head) and _DISPLACED_AFTER_RE.match(text, c.end - len(c.unit_text or "")):
            counts.append(c)  # "the camp is home to 50,000 people displaced by the violence": a stock
            continue
        if re.search(r"\b(?:out of|kill|kills|killing|killed|injure|injures|injuring|injured|wound|wounds|wounding|population of|capacity of|home to|"
                     r"affect(?:ed|ing|s)?|impact(?:ed|ing|s)?|kidnapp(?:ed|ing)|abduct(?:ed|ing)|arrest(?:ed|ing)|"
                     r"detain(?:ed|ing)|seiz(?:ed|ing))\s*$", head) or _TOLL_BEFORE_RE.search(head):
            continue
        counts.append(c)
    # People-like counts first; vehicles only when nobody is counted.
    people = [c for c in counts if c.unit not in lx.VEHICLE_UNITS]
    return people or counts


def nearest(items, pos):
    return min(items, key=lambda x: abs(x[0].start() - pos))


# "..., bringing the total number of displaced people to 40,000", "This brings to 23,000 the total
# number of...": a running total, whatever the rest of the clause counts.
_RUNNING_TOTAL_RE = re.compile(
    r"\b(?:bring(?:s|ing)?|brought|rais(?:es|ed|ing)|push(?:es|ed|ing)|tak(?:es|ing)|took|swell(?:s|ed|ing))\s+"
    r"(?:to\b|(?:[\w'’-]+\s+){0,12}?(?:total|number|tally|figure|overall)\b)", re.IGNORECASE)


def _running_total_at(text: str, start: int, end: int) -> int:
    """Where a running-total phrase starts in the clause (*end* when there is none)."""
    m = _RUNNING_TOTAL_RE.search(text, start, end)
    return m.start() if m else end


def _names_shelter(trig: re.Match, cls: str) -> bool:
    # "remain in evacuation centres": the shelter's name is where people are, the verb of
    # staying says what they did.
    return cls == "arrive" and trig.group().lower().startswith(("evacuation ", "relief "))


def clause_figures(text: str, start: int, end: int, trigs: list[tuple], main_status: str,
                   evidence: Evidence) -> list[Figure]:
    """The clause's figures, each with the status and scope its own words give it."""
    main = trigs[0][0]
    figures = []
    total_at = _running_total_at(text, start, end)
    # "remain / live in evacuation centres" is a stock; "spent the night in evacuation centres" is the evacuation
    remaining = any(cls == "stay" and not re.match(r"spen", t.group(), re.IGNORECASE) for t, cls in trigs)
    for c in figure_counts(text, start, end):
        # "25,000 refugees fled": the noun that names displaced people is no stock beside a movement verb.
        near_trig, near_cls = nearest([t for t in trigs if t[1] != "stay" and not (remaining and _names_shelter(*t))]
                                      or trigs, c.start)
        if near_cls == "host" and re.match(r"receiv|tak|took", near_trig.group(), re.IGNORECASE):
            near_cls = "arrive"  # "has received / taken in N": people who arrived, not a stock
        status = status_of(text, start, end, near_trig, near_cls)
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
        if c.start > total_at:
            scope = "cumulative"
        else:
            scope = scope_of(text, start + with_cut, total_at, near_cls, c)
        figures.append(Figure(count=c, scope=scope, status=status, evidence=evidence))
    return figures
