"""Clauses become events: restatements merged, a whole kept apart from its parts.

Several clauses that report one movement (the same ends, or an origin-only
report later given its destinations) are one event with all their evidence;
"N fled X to A, and M to B" is two movements; "N left X, M of whom went to Y"
is a whole and its part. Several destinations of one clause stay one
movement: one shared count, never split.
"""

from __future__ import annotations

import re
from dataclasses import replace

from mapper.model import Article, Endpoint, Evidence, Figure, Movement
from mapper.movements.candidate import Candidate, endpoint_key

__all__ = ["merge_events", "split_gapped", "split_subsets"]


_SUBSET_RE = re.compile(r"\s+(?:of\s+(?:whom|which|them|these|those)|among\s+them)\b", re.IGNORECASE)


_SUBSET_END_RE = re.compile(r"\bof\s+(?:whom|which|them|these|those)$", re.IGNORECASE)


def split_subsets(text: str, cand: Candidate) -> list[Candidate]:
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
_GAP_FROM_RE = re.compile(r"^\s+(?:more\s+|others\s+)?(?:from|out of|in|at)\s+(?:the\s+)?[^,;]{0,40}$", re.IGNORECASE)


def split_gapped(text: str, cand: Candidate) -> list[Candidate]:
    """Split "N fled X to A, and M to B" or "N were evacuated from A and M from B" (the verb
    left out of the second part) in two.

    One clause, two counts, each right before its own end: M went to B (or
    left B), not a share of N. Without such a split the two ends would form one
    group sharing both counts.
    """
    for role, gap_re in (("destinations", _GAP_TO_RE), ("origins", _GAP_FROM_RE)):
        parts = _split_gap(text, cand, role, gap_re)
        if parts is not None:
            return parts
    return [cand]


def _split_gap(text: str, cand: Candidate, role: str, gap_re: re.Pattern) -> list[Candidate] | None:
    ends = getattr(cand, role)
    if len(ends) < 2 or len(cand.figures) < 2:
        return None
    for f in cand.figures[1:]:
        c = f.count
        if not _GAP_RE.search(text[max(cand.start, c.start - 8):c.start]):
            continue
        after = [e for e in ends if e.how == "explicit" and e.mention.start > c.end]
        before = [e for e in ends if e not in after]
        if not after or not before or not gap_re.match(text[c.end:after[0].mention.start]):
            continue
        first = replace(cand, **{role: before}, figures=[g for g in cand.figures if g.count.start < c.start])
        second = replace(cand, **{role: after}, figures=[g for g in cand.figures if g.count.start >= c.start],
                         route=[])
        return [first, *split_gapped(text, second)]
    return None


def merge_events(article: Article, cands: list[Candidate]) -> list[Movement]:
    """Merge restatements and origin-only reports into events; build Movements."""
    groups: list[dict] = []
    for c in cands:
        okeys = frozenset(endpoint_key(e) for e in c.origins)
        dkeys = frozenset(endpoint_key(e) for e in c.destinations)
        target = None
        for g in groups:
            if okeys and dkeys and g["okeys"] == okeys and g["dkeys"] == dkeys:
                target = g
                break
        if target is None and not dkeys and okeys:
            # Origin-only: joins an event from the same origin (prefer one with destinations),
            # never a part of the people counted there ("M of whom went to Y"); an origin
            # carried from the story with a count of its own ("conflict displaced 11,979 people
            # between 2006 and 2015") is a figure of its own, not of a movement elsewhere.
            carried = c.figures and all(e.how == "context" for e in c.origins)
            # A count said of some places of a list is not the list's ("displaced people in A, B and
            # C. In C, 30,000 fled"): with a count, only the same origins join.
            same = [g for g in groups if (okeys == g["okeys"] if c.figures else okeys <= g["okeys"])
                    and not g["subset"] and not (carried and g["dkeys"])]
            if same:
                target = max(same, key=lambda g: (bool(g["dkeys"]), g["order"]))
        if target is None and dkeys and okeys and not c.subset:
            # A movement with destinations absorbs earlier origin-only reports of the same origin.
            same = [g for g in groups if g["okeys"] == okeys and not g["dkeys"]]
            if same:
                target = same[-1]
        if target is None and dkeys and not okeys:
            same = [g for g in groups if (dkeys == g["dkeys"] if c.figures else dkeys <= g["dkeys"])]
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
                    if all(endpoint_key(x) != endpoint_key(e) for x in dst):
                        dst.append(e)
                    elif e.how == "explicit":
                        # An explicitly named end is better evidence than a carried one.
                        k = next(i for i, x in enumerate(dst) if endpoint_key(x) == endpoint_key(e))
                        if dst[k].how != "explicit":
                            dst[k] = e
            for f in c.figures:
                if (f.count.start, f.count.end) not in seen_fig:
                    seen_fig.add((f.count.start, f.count.end))
                    figures.append(f)
            if c.evidence and c.evidence not in evidence:
                evidence.append(c.evidence)
        okeys = {endpoint_key(e) for e in origins}
        dests = [e for e in dests if endpoint_key(e) not in okeys]
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
