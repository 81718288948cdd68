"""When a movement happened: the date of its own sentence closest to its trigger.

Relative dates are resolved against the article's publication date
(:func:`mapper.movements.dates.find_dates`); dates of the telling, datelines,
cited sources and dates across a relative clause are skipped. Dates are never
carried from other sentences.
"""

from __future__ import annotations

import re

from mapper.model import Period
from mapper.movements.candidate import Candidate

__all__ = ["candidate_period"]


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


def candidate_period(text: str, cand: Candidate, dates: tuple[Period, ...]) -> Period | None:
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
