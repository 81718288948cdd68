"""Tallies: displaced people counted place by place in a list with no verb.

Reports break a displacement figure down by area in lists that have no verb
to hang a movement on: "Breakdown of IDP figures by province: North Province
(Eastville): 530 households (3,000 people) South Province: 120 households".
Each entry, a place and a colon before a count of people, says that many
displaced people are in that place: a stock there, with its own count (never
a share of another). A list is read only where displaced people are named
just before it ("IDPs", "displaced", "displacement": in the sentence of its
first entry or the one before), and only with at least two entries, so that a
lone "Capital: 3 million people" is no tally. Entries often come one to a
"sentence" (a list laid out on lines): a run of such sentences is one list.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from mapper.model import Article, Count, Endpoint, Evidence, Figure, Mention, Sentence
from mapper.movements.candidate import Candidate
from mapper.movements.counts import find_counts

__all__ = ["tallies"]

_DISPLACED_CUE_RE = re.compile(r"\b(?:IDPs?|internally displaced|displaced|displacement|refugees|evacuees)\b",
                               re.IGNORECASE)
# After the place: an optional aside in brackets ("(Ambon & Seram)") before or after a colon.
_ENTRY_RE = re.compile(r"\s*(?:\([^()]{0,60}\)\s*)?:\s*(?:\([^()]{0,60}\)\s*:\s*)?")
# A line of a list: a capitalised name, an optional aside, a colon and a number.
_LIST_LINE_RE = re.compile(r"[A-Z][\w .&'’-]{1,60}(?:\([^()]{0,60}\))?\s*:\s*(?:\([^()]{0,60}\)\s*:\s*)?\d")
_PEOPLE_UNITS = frozenset({"people", "families", "households", "children"})


def tallies(article: Article, sentences: Sequence[Sentence], mentions: Sequence[Mention]) -> list[Candidate]:
    """The entries of the verbless lists of displaced people in an article, one stock candidate each.

    Parameters
    ----------
    article : Article
        The article; offsets are into its text.
    sentences : sequence of Sentence
        The article's sentences (a list's entries often come one per sentence).
    mentions : sequence of Mention
        Place mentions, by start.

    Returns
    -------
    list of Candidate
        The entries of each run of sentences with "Place: N people" entries,
        when the run has at least two and displaced people are named just
        before its first entry (in its sentence or the one before).
    """
    text = article.text
    out: list[Candidate] = []
    run: list[tuple[Sentence, Mention, Count]] = []
    cued = False
    previous: Sentence | None = None
    starts = [m.start for m in mentions]
    for sentence in sentences:
        inside = mentions[bisect.bisect_left(starts, sentence.start):bisect.bisect_left(starts, sentence.end)]
        found = _entries(text, sentence, list(inside))
        if not found and run and _LIST_LINE_RE.match(sentence.text):
            continue  # an entry whose place the gazetteer does not know: the list goes on
        if not found:
            out += _accepted(article, run, cued)
            run, previous = [], sentence
            continue
        if not run:
            where = (previous.start if previous else sentence.start, found[0][0].start)
            cued = bool(_DISPLACED_CUE_RE.search(text, *where))
        run += [(sentence, m, c) for m, c in found]
    return out + _accepted(article, run, cued)


def _entries(text: str, sentence: Sentence, mentions: list[Mention]) -> list[tuple[Mention, Count]]:
    """The "Place (aside): N people" entries of one sentence."""
    entries = []
    for m in mentions:
        if m.kind != "toponym":
            continue
        sep = _ENTRY_RE.match(text, m.end)
        if sep is None or ":" not in sep.group():
            continue
        count = next(iter(find_counts(text, sep.end(), min(sentence.end, sep.end() + 40))), None)
        if count is not None and count.start == sep.end() and count.unit in _PEOPLE_UNITS:
            entries.append((m, count))
    return entries


def _accepted(article: Article, run: list[tuple[Sentence, Mention, Count]], cued: bool) -> list[Candidate]:
    if len(run) < 2 or not cued:
        return []
    return [_entry(article, sentence, m, count) for sentence, m, count in run]


def _entry(article: Article, sentence: Sentence, m: Mention, count: Count) -> Candidate:
    evidence = Evidence(article_id=article.id, sentence=sentence.text, start=sentence.start, end=sentence.end)
    figure = Figure(count=count, scope="stock", status="completed", evidence=evidence)
    return Candidate(sentence=sentence, start=m.start, end=count.end, trigger=":", cls="stay",
                     destinations=[Endpoint(mention=m, how="explicit")], figures=[figure], scope="stock",
                     movers=True, evidence=evidence, trigger_start=m.end, trigger_end=m.end)
