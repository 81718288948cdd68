#!/usr/bin/env python
"""Places in displacement news: the gold place mentions of the flow sets, found and placed.

Usage::

    python benchmarks/places_news.py [--errors]

Reads ``$MAPPER_EVAL/flows`` (default ``../shared/eval/flows``) with the loader of
``benchmarks/flows.py`` and scores, for ``dev``, ``dev2/tune`` and ``dev2/check``
separately, every gold mention whose usage is ``location``:

- "recognised": some toponym mention of ``find_mentions`` overlaps it;
- "placed": that mention is resolved (``resolve`` over the article's mentions,
  as the pipeline does) to a place;
- "in radius": the place lies within the scorer's radius of the gold point
  (country 1,000 km; admin-1/region/state/province 300; admin-2/district/county/
  township 120; anything else 50), over gold mentions that have a point, a
  mention not recognised or not placed counting as wrong;
- "area>town": gold mentions of a country, continent, sea or region resolved to
  a city, town or village (the target is 0);
- recognition precision on ``dev`` only, whose ``places`` lists every toponym
  (``dev2`` lists flow endpoints only): toponym mentions overlapping no gold
  mention of any usage count as false.

``--errors`` lists the misses of ``dev`` and ``dev2/tune``; ``dev2/check`` is only
ever counted (its items are not read to write rules).
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from evaldata import require_eval_dir
from flows import load_gold, radius

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mapper.geocode.resolve import haversine_km, resolve  # noqa: E402
from mapper.places.toponyms import find_mentions  # noqa: E402

#: The sets scored, and those whose misses may be printed.
SETS = ("dev", "dev2/tune", "dev2/check")
READABLE = frozenset({"dev", "dev2/tune"})
WIDE = frozenset({"country", "continent", "sea", "region", "ocean"})
TOWNS = frozenset({"city", "town", "village"})


@dataclass
class Tally:
    """The counts of one set."""

    docs: int = 0
    gold: int = 0
    with_point: int = 0
    recognised: int = 0
    placed: int = 0
    in_radius: int = 0
    wide_to_town: int = 0
    predicted: int = 0
    false_pred: int = 0
    seconds: float = 0.0
    misses: list[str] = field(default_factory=list)


def _overlapping(resolutions, start: int, end: int):
    """The first toponym resolution whose mention overlaps ``[start, end)``, or None."""
    for r in resolutions:
        if r.mention.kind == "toponym" and r.mention.start < end and start < r.mention.end:
            return r
    return None


def _endpoints(doc: dict) -> set[str]:
    """The pids that some gold flow uses as an origin, a destination or a route point."""
    return {e.get("pid") for f in doc.get("flows", []) for k in ("origins", "destinations", "route")
            for e in f.get(k) or [] if e.get("pid")}


def _miss(doc: dict, m: dict, place: dict, r, why: str) -> str:
    end = "E" if place.get("pid") in _endpoints(doc) else " "
    got = "-" if r is None else f"{r.mention.text!r} -> " + (
        "unplaced" if r.place is None else f"{r.place.name} ({r.place.feature_type}, {r.place.country_code})")
    return f"{doc['_file']:12} {end} {why:11} {m['surface']!r:28} gold {place.get('type')}/{place.get('country_code')} | {got}"


def score_doc(doc: dict, t: Tally) -> None:
    """Add one article's figures to *t*."""
    text = doc["text"]
    t0 = time.process_time()
    rs = resolve(text, find_mentions(text))
    t.seconds += time.process_time() - t0
    t.docs += 1
    for place in doc.get("places", []):
        has_point = place.get("lat") is not None and place.get("lon") is not None
        for m in place.get("mentions", []):
            if m.get("usage") != "location":
                continue
            t.gold += 1
            t.with_point += has_point
            r = _overlapping(rs, m["start"], m["end"])
            t.recognised += r is not None
            placed = r is not None and r.place is not None
            t.placed += placed
            why = "unfound" if r is None else "unplaced" if not placed else None
            if placed and has_point:
                d = haversine_km(r.place.lat, r.place.lon, place["lat"], place["lon"])
                if d <= radius(place.get("type")):
                    t.in_radius += 1
                else:
                    why = f"{d:.0f} km"
                if place.get("type") in WIDE and r.place.feature_type in TOWNS:
                    t.wide_to_town += 1
            if why and has_point:
                t.misses.append(_miss(doc, m, place, r, why))
    golds = [(m["start"], m["end"]) for p in doc.get("places", []) for m in p.get("mentions", [])]
    for r in rs:
        if r.mention.kind == "toponym":
            t.predicted += 1
            t.false_pred += not any(s < r.mention.end and r.mention.start < e for s, e in golds)


def _pct(a: int, b: int) -> str:
    return f"{100 * a / b:6.1f}" if b else f"{'-':>6}"


HEADER = (f"{'set':11} {'docs':>4} {'gold':>5} {'recog%':>6} {'placed%':>7} {'in-rad%':>7} {'area>town':>9} "
          f"{'P (dev)':>7} {'docs/s':>6}")


def format_row(name: str, t: Tally) -> str:
    precision = f"{1 - t.false_pred / t.predicted:7.3f}" if name == "dev" and t.predicted else f"{'-':>7}"
    dps = t.docs / t.seconds if t.seconds else float("nan")
    return (f"{name:11} {t.docs:4d} {t.gold:5d} {_pct(t.recognised, t.gold)} {_pct(t.placed, t.gold):>7} "
            f"{_pct(t.in_radius, t.with_point):>7} {t.wide_to_town:9d} {precision} {dps:6.0f}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--errors", action="store_true", help="list the misses of dev and dev2/tune (never dev2/check)")
    a = ap.parse_args(argv)
    gold = load_gold(require_eval_dir())
    find_mentions("warm up")
    print(HEADER)
    print("-" * len(HEADER))
    tallies = {}
    for name in SETS:
        t = tallies[name] = Tally()
        for doc in gold.get(name, []):
            score_doc(doc, t)
        print(format_row(name, t), flush=True)
    print("recog% and placed% over gold 'location' mentions; in-rad% over those with a point (a mention "
          "not found or not placed counts as wrong); P (dev): toponym mentions overlapping a gold mention")
    if a.errors:
        for name in SETS:
            if name in READABLE:
                print(f"\n# misses in {name}")
                print("\n".join(tallies[name].misses))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
