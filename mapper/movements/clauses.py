"""Clauses: the parts of a sentence that each may report one movement.

A sentence is cut at ";", "while", "but", dashes, before "and <verb> another
<count>", and at "(,) and <count>" when the part after it has a movement verb of
its own. The parse ties a place to
its trigger across such cuts (:func:`clause_mentions`).
"""

from __future__ import annotations

import re

from mapper.model import Mention, Sentence
from mapper.movements import lexicon as lx
from mapper.movements.triggers import find_triggers

__all__ = ["clauses", "clause_mentions"]


_CLAUSE_RE = re.compile(lx.CLAUSE_BREAK, re.IGNORECASE)


_COUNT_CLAUSE_RE = re.compile(lx.COUNT_CLAUSE_BREAK, re.IGNORECASE)
_GROUP_CLAUSE_RE = re.compile(lx.GROUP_CLAUSE_BREAK, re.IGNORECASE)


def clauses(sentence: Sentence, text: str | None = None) -> list[tuple[int, int]]:
    """Cut a sentence into clauses; offsets into the article text.

    With the article *text*, ", and <count> <verb>" also starts a clause when the
    part after it has a movement verb of its own.
    """
    cuts = [sentence.start]
    for m in _CLAUSE_RE.finditer(sentence.text):
        cuts.append(sentence.start + m.start())
    for m in _GROUP_CLAUSE_RE.finditer(sentence.text):
        cuts.append(sentence.start + m.start())
    cuts.append(sentence.end)
    if text is not None:
        for m in _COUNT_CLAUSE_RE.finditer(sentence.text):
            at = sentence.start + m.start()
            end = min(c for c in cuts if c > at) if any(c > at for c in cuts) else sentence.end
            if find_triggers(text, at, end) and not _in_aside(sentence.text, m.start()) \
                    and (m.group().startswith(",") or _second_clause(text, cuts, at, sentence.start + m.end())):
                cuts.append(at)
        cuts.sort()
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]


# "... and 500 crossed into Y", "... and 22,423 ships recalled": a count that a verb follows at once
# (not "73 Israelis dead").
_COUNT_VERB_RE = re.compile(r"(?:[a-z]+\s+)?\d[\d,.]*\s+(?:[a-z]+\s+){0,2}?(?:were|was|have|has|had|are|is|fled|crossed|arrived|"
                            r"went|left|returned|moved|reached|headed|remain\w*|[a-z]+ed)\b", re.IGNORECASE)


def _second_clause(text: str, cuts: list[int], at: int, count_at: int) -> bool:
    """Whether "X and N ..." without a comma joins two clauses: the part before has a verb of
    movement and the count a verb of its own ("fled X and 500 crossed into Y"), unlike one group
    ("all 53 passengers and 7 crew members were rescued", "left 2,251 Palestinians and 73 Israelis dead")."""
    before = max(c for c in cuts if c <= at)
    return bool(find_triggers(text, before, at)) and _COUNT_VERB_RE.match(text, count_at) is not None


_ASIDE_START_RE = re.compile(r"\(|\b(?:including|among them|of whom|of which)\b", re.IGNORECASE)


def _in_aside(sentence: str, at: int) -> bool:
    """Whether *at* lies in a parenthesis or a list of parts ("300 people (including 44 older people
    and 139 children) were evacuated"), whose counts are the group's own parts, not new clauses."""
    opened = [m for m in _ASIDE_START_RE.finditer(sentence, max(0, at - 80), at)]
    if not opened:
        return False
    inside = sentence[opened[-1].start():at]
    return ")" not in inside if opened[-1].group() == "(" else not re.search(r"[,;)]", inside)


def clause_mentions(mentions: list[Mention], start: int, end: int, grammar) -> list[Mention]:
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
