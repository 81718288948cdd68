"""Measure a learned alternative to a rule: which earlier place a sentence that names none is about.

A sentence like "Local governments have relocated 50,400 people" takes its
origin from the story (``how="context"``). The rule
(:func:`mapper.movements.context.context_place`) takes the last place named
before the trigger that is not a dateline, an agent, an aside or a container.
The alternative is a logistic-regression ranker over every earlier place,
trained on the gold endpoints marked ``resolved_from: context`` of the tune
half (``dev`` + ``dev2/tune``), and judged, like the rule, on ``dev2/check``.

Both are scored the same way: the chosen mention's resolved point lies within
the gold radius of the gold endpoint. "any" is the ceiling: some earlier
mention is right.

Usage::

    python benchmarks/learned.py

Reads corpora from ``$MAPPER_EVAL`` or ``../shared/eval``.
"""

from __future__ import annotations

import argparse
import math
import re

import numpy as np
from evaldata import require_eval_dir as eval_dir
from flows import km, load_gold, radius

FEATURES = ("bias", "last", "sentences back", "log mentions back", "log frequency", "locus", "country", "admin1",
            "settlement", "in lead", "in same sentence", "named in a movement")


def _cases(docs: list[dict]) -> list[list[tuple[np.ndarray, bool, bool]]]:
    """One case per gold context endpoint: each candidate's features, whether it is right, whether the rule picks it."""
    from mapper.geocode.resolve import resolve
    from mapper.model import Article
    from mapper.movements.context import context_place as _context_place
    from mapper.movements.context import is_locus as _is_locus
    from mapper.movements.extract import find_movements
    from mapper.places.toponyms import find_mentions
    from mapper.read.sentences import split_sentences

    out = []
    for doc in docs:
        text = doc["text"]
        sentences = split_sentences(text)
        mentions = [m for m in find_mentions(text) if m.kind == "toponym"]
        places = {(r.mention.start, r.mention.end): r.place for r in resolve(text, tuple(mentions)) if r.place}
        moved = {e.mention.start for mv in find_movements(Article(text=text, id=doc["id"]), sentences, tuple(mentions))
                 for e in (*mv.origins, *mv.destinations) if e.how == "explicit"}
        types = {p["pid"]: p.get("type") for p in doc.get("places", [])}
        for flow in doc["flows"]:
            for end in (*flow["origins"], *flow["destinations"]):
                if not end.get("resolved_from") or end.get("lat") is None:
                    continue
                at = flow["evidence_start"]
                case = _candidates(text, sentences, mentions, places, moved, at, end, radius(types.get(end.get("pid"))),
                                   _context_place(text, mentions, at + _trigger_offset(flow), set()), _is_locus)
                if case:
                    out.append(case)
    return out


def _trigger_offset(flow: dict) -> int:
    m = re.search(r"\b(?:fle|evacu|displac|reloc|mov|left|leav|return|flee|arriv|cross)", flow["evidence"], re.IGNORECASE)
    return m.start() if m else 0


def _candidates(text, sentences, mentions, places, moved, at, end, r, rule_pick, is_locus):
    index = {s.start: s.index for s in sentences}
    starts = sorted(index)

    def sentence_of(pos: int) -> int:
        i = max((s for s in starts if s <= pos), default=0)
        return index.get(i, 0)

    here = sentence_of(at)
    before = [m for m in mentions if m.end <= at + 200 and sentence_of(m.start) <= here]
    keys = [m.key or m.text for m in before]
    rows, prev = [], None
    for k, m in enumerate(before):
        place = places.get((m.start, m.end))
        if place is None:
            prev = m
            continue
        ftype = place.feature_type
        back = here - sentence_of(m.start)
        feats = np.array([
            1.0, float(k == len(before) - 1), float(min(back, 6)), math.log1p(len(before) - 1 - k),
            math.log1p(keys[: k + 1].count(keys[k])), float(is_locus(text, m, prev)),
            float(ftype == "country"), float(ftype == "admin1"), float(ftype in ("city", "town", "village")),
            float(sentence_of(m.start) <= 1), float(back == 0), float(m.start in moved),
        ])
        right = km(place.lat, place.lon, end["lat"], end["lon"]) <= r
        rows.append((feats, right, rule_pick is not None and m.start == rule_pick.start))
        prev = m
    return rows


def _train(cases, l2: float = 1.0, steps: int = 3000, lr: float = 0.1) -> np.ndarray:
    """Softmax over each case's candidates (a conditional logit), fitted by gradient descent."""
    w = np.zeros(len(FEATURES))
    usable = [c for c in cases if any(right for _f, right, _r in c)]
    for _ in range(steps):
        grad = l2 * w
        for case in usable:
            x = np.stack([f for f, _r, _p in case])
            y = np.array([right for _f, right, _p in case], dtype=float)
            y /= y.sum()
            s = x @ w
            p = np.exp(s - s.max())
            p /= p.sum()
            grad -= x.T @ (y - p)
        w -= lr * grad / max(1, len(usable))
    return w


def _score(cases, w=None) -> tuple[int, int, int, int]:
    """(cases, the rule right, the ranker right, some candidate right)."""
    rule = ranker = ceiling = 0
    for case in cases:
        rule += any(right and pick for _f, right, pick in case)
        ceiling += any(right for _f, right, _p in case)
        if w is not None:
            best = max(case, key=lambda c: float(c[0] @ w))
            ranker += best[1]
    return len(cases), rule, ranker, ceiling


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], epilog="Example: python benchmarks/learned.py")
    ap.parse_args(argv)
    sets = load_gold(eval_dir())
    tune = _cases(sets["dev"] + sets["dev2/tune"])
    check = _cases(sets["dev2/check"])
    w = _train(tune)
    print("| half | context endpoints | rule: last place named | learned ranker | some earlier place right |")
    print("|---|---|---|---|---|")
    for name, cases in (("dev + dev2/tune (trained on)", tune), ("dev2/check", check)):
        n, rule, ranker, ceiling = _score(cases, w)
        print(f"| {name} | {n} | {rule / n:.3f} ({rule}) | {ranker / n:.3f} ({ranker}) | {ceiling / n:.3f} ({ceiling}) |")
    print("\nweights: " + ", ".join(f"{f} {v:+.2f}" for f, v in zip(FEATURES, w)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
