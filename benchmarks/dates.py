"""Benchmark dates: how fast the date finder reads articles, and how many flows get a period.

Three tables:

1. **Speed**: :func:`mapper.movements.dates.find_dates` alone over
   ``displacement/idetect_articles_3247.csv`` (articles/s, MB/s, dates found).
   The corpus has no publication dates; a fixed reference date resolves the
   relative ones (the work is the same).
2. **Gold flows** (``flows/seed_gold.json`` + ``flows/dev/*.json``): each
   article is read with its ``date`` as publication date when the file knows it
   (``2004-01`` month dates are not used: a day is needed to resolve "on
   Saturday"); predicted flows and events with a period, and gold flows with a
   ``time`` against the predicted flow of the same sentence.
3. ``--list N``: N dated predictions (flows and events) with their sentence,
   for a manual look. ``--corpus`` draws them from the 3,247 articles instead,
   reading the publication date from the URL where it holds one
   (``/2016/03/13/``, ``20160313``) — a benchmark-only stand-in for metadata.

Usage::

    python benchmarks/dates.py [--verbose] [--list N] [--corpus] [--seed S]

Reads corpora from ``$MAPPER_EVAL`` or ``../shared/eval``.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import glob
import json
import random
import re
import sys
import time
from pathlib import Path

from evaldata import require_eval_dir as eval_dir

ROOT = Path(__file__).resolve().parents[1]


def corpus_rows(ev: Path) -> list[dict]:
    csv.field_size_limit(10**8)
    with open(ev / "displacement" / "idetect_articles_3247.csv", encoding="utf-8", newline="") as fh:
        return [r for r in csv.DictReader(fh) if r.get("text")]


def score_speed(ev: Path, repeat: int = 3) -> dict:
    from mapper.movements.dates import find_dates

    texts = [r["text"] for r in corpus_rows(ev)]
    ref = dt.date(2017, 5, 22)
    best, wall, found = float("inf"), float("inf"), 0
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        found = sum(len(find_dates(t, ref)) for t in texts)
        best = min(best, time.process_time() - c0)
        wall = min(wall, time.perf_counter() - t0)
    chars = sum(map(len, texts))
    return {"n": len(texts), "rate": len(texts) / best, "wall_rate": len(texts) / wall,
            "mb_s": chars / best / 1e6, "dates": found}


def _doc_date(doc: dict) -> dt.date | None:
    d = doc.get("date")
    if isinstance(d, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", d):
        return dt.date.fromisoformat(d)
    return None


def _dated_rows(ex, article_id: str, text: str) -> list[dict]:
    out = []
    for kind, frame in (("flow", ex.flows), ("event", ex.events)):
        for row in frame.itertuples():
            if isinstance(getattr(row, "date_start", None), str):
                label = f"{row.origin} → {row.destination}" if kind == "flow" else f"{row.place} ({row.role})"
                out.append({"article": article_id, "kind": kind, "what": label, "date_text": row.date_text,
                            "start": row.date_start, "end": row.date_end, "precision": row.date_precision,
                            "published": row.published, "sentence": _sentence_of(text, row)})
    return out


def _sentence_of(text: str, row) -> str:
    # The sentence that holds the date (the evidence list is JSON; find the one around the date text).
    ev = json.loads(row.evidence) if isinstance(row.evidence, str) else []
    for e in ev:
        s = e.get("sentence", "") if isinstance(e, dict) else ""
        if row.date_text and row.date_text in s:
            return " ".join(s.split())
    return " ".join(str(row.sentence).split())


def score_gold(ev: Path, verbose: bool) -> tuple[dict, list[dict]]:
    import mapper
    from mapper.movements.dates import find_dates

    paths = [ev / "flows" / "seed_gold.json"] + sorted(Path(p) for p in glob.glob(str(ev / "flows" / "dev" / "*.json")))
    tot = dict(articles=0, with_date=0, flows=0, flows_dated=0, events=0, events_dated=0,
               flows_dated_nopub=0, events_dated_nopub=0, gold_time=0, gold_time_hit=0, gold_phrase_found=0)
    phrases: list[tuple[str, str, str]] = []
    dated: list[dict] = []
    table = []
    for path in paths:
        doc = json.loads(path.read_text(encoding="utf-8"))
        pub = _doc_date(doc)
        ex = mapper.extract(doc["text"], published=pub, article_id=doc["id"])
        bare = mapper.extract(doc["text"], article_id=doc["id"]) if pub else ex
        nf, ne = len(ex.flows), len(ex.events)
        fd = int(ex.flows["date_start"].notna().sum()) if nf else 0
        ed = int(ex.events["date_start"].notna().sum()) if ne else 0
        tot["articles"] += 1
        tot["with_date"] += pub is not None
        tot["flows"] += nf
        tot["flows_dated"] += fd
        tot["events"] += ne
        tot["events_dated"] += ed
        tot["flows_dated_nopub"] += int(bare.flows["date_start"].notna().sum()) if len(bare.flows) else 0
        tot["events_dated_nopub"] += int(bare.events["date_start"].notna().sum()) if len(bare.events) else 0
        # Gold flows that say when: is a predicted flow/event from the same sentence dated?
        g_time = g_hit = 0
        for fl in doc.get("flows", []):
            if not fl.get("time"):
                continue
            g_time += 1
            s, e = fl.get("evidence_start"), fl.get("evidence_end")
            for frame in (ex.flows, ex.events):
                if len(frame) and any(isinstance(r.date_start, str) and r.char_start < e and s < r.char_end for r in frame.itertuples()):
                    g_hit += 1
                    break
        tot["gold_time"] += g_time
        tot["gold_time_hit"] += g_hit
        # The finder alone: is the gold time phrase read as a date (against any reference day)?
        for fl in doc.get("flows", []):
            if fl.get("time"):
                s, e = fl["evidence_start"], fl["evidence_end"]
                at = doc["text"].find(fl["time"], s, e)
                ref = pub or dt.date(2000, 1, 3)
                found = find_dates(doc["text"], ref, s, e)
                hit = at >= 0 and any(p.char_start < at + len(fl["time"]) and at < p.char_end for p in found)
                tot["gold_phrase_found"] += hit
                how = "found" if hit else "not read" if at >= 0 else "not in its sentence (from context)"
                phrases.append((doc["id"], fl["time"], how))
        dated.extend(_dated_rows(ex, doc["id"], doc["text"]))
        table.append((doc["id"], str(pub or "—"), nf, fd, ne, ed, g_time, g_hit))
    if verbose:
        print(f"{'article':<10} {'published':<11} {'flows':>5} {'dated':>5} {'events':>6} {'dated':>5} {'gold time':>9} {'hit':>4}")
        for r in table:
            print(f"{r[0]:<10} {r[1]:<11} {r[2]:>5} {r[3]:>5} {r[4]:>6} {r[5]:>5} {r[6]:>9} {r[7]:>4}")
        print()
        for art, phrase, how in phrases:
            print(f"  gold time {art:<8} {phrase!r:<26} {how}")
        print()
    return tot, dated


_URL_DATE = re.compile(r"(?<!\d)(20[012]\d)[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?!\d)")


def url_date(url: str | None) -> dt.date | None:
    m = _URL_DATE.search(url or "")
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def corpus_dated(ev: Path, limit: int) -> tuple[dict, list[dict]]:
    import mapper

    rows = corpus_rows(ev)
    tot = dict(articles=0, url_dated=0, flows=0, flows_dated=0, events=0, events_dated=0)
    dated: list[dict] = []
    for i, r in enumerate(rows[:limit] if limit else rows):
        pub = url_date(r.get("url"))
        tot["articles"] += 1
        tot["url_dated"] += pub is not None
        ex = mapper.extract(r["text"], published=pub, article_id=f"row{i}")
        tot["flows"] += len(ex.flows)
        tot["events"] += len(ex.events)
        tot["flows_dated"] += int(ex.flows["date_start"].notna().sum()) if len(ex.flows) else 0
        tot["events_dated"] += int(ex.events["date_start"].notna().sum()) if len(ex.events) else 0
        dated.extend(_dated_rows(ex, f"row{i}", r["text"]))
    return tot, dated


def _print_list(rows: list[dict], n: int, seed: int) -> None:
    pick = rows if len(rows) <= n else random.Random(seed).sample(rows, n)
    for k, r in enumerate(pick, 1):
        span = r["start"] if r["start"] == r["end"] else f"{r['start']}…{r['end']}"
        print(f"{k:>2}. [{r['article']}] {r['kind']} {r['what']}  «{r['date_text']}» → {span} ({r['precision']}), "
              f"published {r['published']}")
        print(f"    {r['sentence'][:300]}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--verbose", action="store_true", help="per-article table")
    ap.add_argument("--list", type=int, default=0, metavar="N", help="print N dated predictions for a manual look")
    ap.add_argument("--corpus", action="store_true", help="draw the list from the 3,247 articles (URL dates)")
    ap.add_argument("--limit", type=int, default=0, help="with --corpus: only the first N articles")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--no-speed", action="store_true")
    args = ap.parse_args(argv)
    ev = eval_dir()
    if not args.no_speed:
        s = score_speed(ev)
        print("Date finder alone (find_dates, best of 3)")
        print(f"  articles            {s['n']:>8}")
        print(f"  articles/s (CPU)    {s['rate']:>8.0f}   (target ≥ 2,000)")
        print(f"  articles/s (wall)   {s['wall_rate']:>8.0f}")
        print(f"  MB/s                {s['mb_s']:>8.2f}")
        print(f"  date expressions    {s['dates']:>8}")
        print()
    tot, dated = score_gold(ev, args.verbose)
    print("Gold flow articles (seed + dev), published = the file's date when known")
    print(f"  articles (with a day date)       {tot['articles']:>4} ({tot['with_date']})")
    print(f"  flows with a period              {tot['flows_dated']:>4} / {tot['flows']}"
          f"   (without publication dates: {tot['flows_dated_nopub']})")
    print(f"  events with a period             {tot['events_dated']:>4} / {tot['events']}"
          f"   (without publication dates: {tot['events_dated_nopub']})")
    print(f"  gold flows with a time           {tot['gold_time']:>4}; dated prediction from that sentence: {tot['gold_time_hit']}")
    print(f"  gold time phrases read as dates  {tot['gold_phrase_found']:>4} / {tot['gold_time']}   (finder alone, any reference day)")
    print()
    if args.corpus:
        ctot, dated = corpus_dated(ev, args.limit)
        print("IDETECT articles, published = the date in the URL where it holds one (benchmark stand-in), else none")
        print(f"  articles (URL-dated)             {ctot['articles']:>5} ({ctot['url_dated']})")
        print(f"  flows with a period              {ctot['flows_dated']:>5} / {ctot['flows']}")
        print(f"  events with a period             {ctot['events_dated']:>5} / {ctot['events']}")
        print()
    if args.list:
        _print_list(dated, args.list, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
