"""Choose the IDETECT rows annotated in ``benchmarks/gold/extra2`` (reproducible).

A second round after ``extra`` (``select_rows.py``): rows annotated anywhere
(``eval/flows``, ``benchmarks/gold/extra``), rows read in the unseen-news
reviews of 2026-12-07 (``REVIEWED``: their outputs were read while writing
rules, so they may be neither tune nor check items), and copies of any of
them (a 60+ character sentence or the URL shared) are never candidates.
From ``select_rows.candidates`` (shuffled there with its own seed), every row
left on the *destination* and *tight* lists (a movement with a named
destination; only 9 are left), then the *one-ended* list, up to 24 in all;
each stream alternates ``tune``/``check``, tune first.

Usage::

    python benchmarks/gold/select_rows2.py [EVAL_DIR]   # prints the picks, their stream and half
    python benchmarks/gold/select_rows2.py EVAL_DIR --store RAW_DIR   # annotations with text -> extra2/, no text
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

from select_rows import _url, candidates, long_sentences

HERE = Path(__file__).resolve().parent
N_TWO, N_ONE = 16, 15
#: Rows whose mapper output was read in the unseen-news reviews (batches A, B and C of 2026-12-07).
REVIEWED = frozenset({
    9, 24, 49, 53, 58, 64, 68, 77, 78, 79, 84, 90, 94, 97, 107, 110, 120, 144, 145, 152, 153, 155, 166, 195, 196,
    202, 207, 208, 209, 210, 214, 216, 221, 230, 231, 233, 240, 266, 272, 273, 391, 395, 401, 410, 417, 494, 532,
    533, 542, 558, 613, 658, 722, 730, 749, 755, 776, 812, 822, 824, 858, 900, 980, 1017, 1022, 1059, 1080, 1082,
    1095, 1104, 1225, 1227, 1272, 1277, 1344, 1345, 1396, 1436, 1494, 1555, 1565, 1623, 1667, 1677, 1774, 1801, 1864,
    1892, 1910, 1989, 1991, 2001, 2032, 2033, 2153, 2169, 2177, 2264, 2451, 2456, 2467, 2521, 2601, 2674, 2696, 2764,
    2773, 2846, 2895, 2908, 2981, 3057, 3074, 3146, 3198, 3244,
})


def annotated(eval_dir: Path) -> set[int]:
    rows = set()
    for path in list((eval_dir / "flows").rglob("*.json")) + list((HERE / "extra").rglob("id*.json")):
        row = json.loads(path.read_text(encoding="utf-8")).get("corpus_row")
        if row is not None:
            rows.add(int(row))
    return rows


def picks(eval_dir: Path) -> list[tuple[int, str, str]]:
    """(row, stream, half) for the articles to annotate, in order."""
    lists = candidates(eval_dir)
    with open(eval_dir / "displacement" / "idetect_articles_3247.csv", encoding="utf-8", newline="") as fh:
        rows = {int(r[""]): r for r in csv.DictReader(fh)}
    excluded = annotated(eval_dir) | REVIEWED
    taken_sents = set().union(*(long_sentences(rows[u]["text"]) for u in excluded if u in rows))
    taken_urls = {_url(rows[u]["url"]) for u in excluded if u in rows}
    chosen: list[int] = []

    def take(source: list[int], n: int) -> list[int]:
        got = []
        for row in source:
            if len(got) == n:
                break
            text, url = rows[row]["text"], _url(rows[row]["url"])
            if row in excluded or row in chosen or url in taken_urls or long_sentences(text) & taken_sents:
                continue
            if not 600 <= len(text) <= 6000:
                continue
            got.append(row)
            chosen.append(row)
            taken_sents.update(long_sentences(text))
            taken_urls.add(url)
        return got

    two = take(lists["dest"] + lists["tight"], N_TWO)
    one = take([r for r in lists["one"] if r not in set(lists["dest"]) | set(lists["tight"])], N_ONE)
    out = [(r, "two-ended", ("tune", "check")[i % 2]) for i, r in enumerate(two)]
    return out + [(r, "one-ended", ("tune", "check")[i % 2]) for i, r in enumerate(one)]


def store(eval_dir: Path, raw: Path) -> list[Path]:
    """Write the annotations in *raw* (``eval/flows`` schema, with text) to ``extra2/<half>/`` without text."""
    from load import strip

    written = []
    for row, _stream, half in picks(eval_dir):
        src = raw / f"id{row:04d}.json"
        if not src.is_file():
            continue
        dst = HERE / "extra2" / half / src.name
        dst.parent.mkdir(parents=True, exist_ok=True)
        dst.write_text(json.dumps(strip(json.loads(src.read_text(encoding="utf-8"))), ensure_ascii=False, indent=1)
                       + "\n", encoding="utf-8")
        written.append(dst)
    return written


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--store"]
    ev = Path(args[0]) if args else HERE.parents[2] / "shared" / "eval"
    if "--store" in sys.argv:  # select_rows2.py EVAL_DIR --store RAW_DIR
        for path in store(ev, Path(args[1])):
            print(path)
    else:
        for row, stream, half in picks(ev):
            print(row, stream, half)
