"""Choose the IDETECT rows annotated in ``benchmarks/gold/extra2`` (reproducible).

A second round after ``extra`` (``select_rows.py``): rows annotated anywhere
(``eval/flows``, ``benchmarks/gold/extra``), rows read in the unseen-news
reviews of 2026-12-07 (``REVIEWED``: their outputs were read while writing
rules, so they may be neither tune nor check items), and copies of any of
them (a 60+ character sentence or the URL shared) are never candidates.
From ``select_rows.candidates`` (shuffled there with its own seed), every row
left on the *destination* and *tight* lists (a movement with a named
destination; only 9 are left), then 14 of the *one-ended* list;
each stream alternates ``tune``/``check``, tune first.

Usage::

    python benchmarks/gold/select_rows2.py [EVAL_DIR]   # prints the picks, their stream and half
    python benchmarks/gold/select_rows2.py EVAL_DIR --store RAW_DIR   # annotations with text -> extra2/, no text
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
import json
import sys
from pathlib import Path

from select_rows import _url, candidates, long_sentences

HERE = Path(__file__).resolve().parent
N_TWO, N_ONE = 16, 14
#: Rows (the corpus's ``""`` ids) whose mapper output was read in the unseen-news reviews (batches A, B
#: and C of 2026-12-07).
REVIEWED = frozenset({
    10, 27, 57, 61, 66, 73, 91, 101, 102, 106, 114, 121, 126, 129, 139, 142, 153, 178, 179, 187, 188, 190, 204,
    236, 237, 244, 249, 250, 251, 252, 257, 259, 264, 274, 275, 277, 284, 311, 317, 321, 439, 443, 449, 458, 465,
    543, 581, 582, 591, 607, 662, 707, 772, 780, 799, 805, 826, 863, 873, 876, 911, 953, 1035, 1072, 1077, 1114,
    1135, 1137, 1150, 1159, 1281, 1283, 1328, 1333, 1400, 1401, 1452, 1492, 1550, 1611, 1621, 1679, 1723, 1733,
    1830, 1857, 1920, 1948, 1966, 2045, 2047, 2057, 2088, 2089, 2209, 2225, 2233, 2320, 2507, 2512, 2523, 2577,
    2657, 2730, 2752, 2820, 2829, 2902, 2951, 2964, 3037, 3113, 3130, 3202, 3254, 3300,
})

#: Rows read after ``extra2`` was chosen, never to be annotated as check items (kept apart from
#: ``REVIEWED`` so that the picks above stay reproducible): the articles of the fresh reviews D, E
#: and F (mapper's output judged by readers), the articles one or more of whose sentences were
#: read while looking for constructions mapper misses, and those whose changed outputs were read
#: while checking the round's rules for regressions (2026-12-07).
REVIEWED_AFTER = frozenset({
    3, 7, 11, 13, 15, 30, 40, 42, 47, 49, 56, 62, 64, 67, 72, 93, 100, 110, 125, 146, 150, 162, 163, 165, 168, 170,
    185, 186, 198, 200, 202, 203, 205, 214, 215, 219, 222, 248, 256, 258, 259, 270, 283, 288, 295, 310, 312, 327,
    331, 333, 359, 366, 374, 382, 401, 412, 442, 462, 472, 493, 505, 568, 589, 592, 614, 616, 625, 626, 633, 656,
    671, 699, 714, 716, 725, 756, 773, 803, 812, 817, 822, 825, 848, 898, 913, 931, 934, 942, 993, 1036, 1079,
    1103, 1114, 1141, 1233, 1271, 1321, 1338, 1347, 1351, 1353, 1370, 1373, 1374, 1396, 1411, 1424, 1431, 1432,
    1448, 1457, 1478, 1521, 1522, 1534, 1536, 1580, 1600, 1614, 1658, 1690, 1712, 1724, 1725, 1727, 1728, 1730,
    1732, 1735, 1757, 1763, 1814, 1821, 1832, 1836, 1839, 1845, 1849, 1857, 1859, 1913, 1914, 1920, 1923, 1926,
    1944, 1949, 1978, 2038, 2062, 2065, 2078, 2115, 2133, 2148, 2151, 2157, 2162, 2183, 2188, 2210, 2212, 2217,
    2221, 2233, 2245, 2277, 2311, 2324, 2349, 2350, 2352, 2363, 2366, 2381, 2389, 2404, 2405, 2426, 2449, 2457,
    2486, 2497, 2508, 2511, 2513, 2582, 2593, 2630, 2647, 2653, 2689, 2703, 2779, 2807, 2808, 2812, 2827, 2834,
    2875, 2927, 2944, 2949, 2954, 2961, 2991, 3014, 3043, 3063, 3124, 3181, 3192, 3226, 3235, 3284,
})


def annotated(eval_dir: Path) -> set[int]:
    rows = set()
    for path in list((eval_dir / "flows").rglob("*.json")) + list((HERE / "extra").rglob("id*.json")):
        row = json.loads(path.read_text(encoding="utf-8")).get("corpus_row")
        if row is not None:
            rows.add(int(row))
    return rows


class Picker:
    """Takes rows in order, skipping the excluded ones, copies of them or of earlier picks (a 60+
    character sentence or the URL shared) and texts outside 600–6,000 characters."""

    def __init__(self, eval_dir: Path, excluded: set[int]) -> None:
        with open(eval_dir / "displacement" / "idetect_articles_3247.csv", encoding="utf-8", newline="") as fh:
            self.rows = {int(r[""]): r for r in csv.DictReader(fh)}
        self.excluded: set[int] = set()
        self.taken_sents: set[str] = set()
        self.taken_urls: set[str] = set()
        self.chosen: list[int] = []
        self.exclude(excluded)

    def exclude(self, rows: Iterable[int]) -> None:
        known = [u for u in rows if u in self.rows]
        self.excluded |= set(rows)
        self.taken_sents.update(*(long_sentences(self.rows[u]["text"]) for u in known))
        self.taken_urls.update(_url(self.rows[u]["url"]) for u in known)

    def take(self, source: list[int], n: int) -> list[int]:
        got = []
        for row in source:
            if len(got) == n:
                break
            text, url = self.rows[row]["text"], _url(self.rows[row]["url"])
            if row in self.excluded or row in self.chosen or url in self.taken_urls \
                    or long_sentences(text) & self.taken_sents or not 600 <= len(text) <= 6000:
                continue
            got.append(row)
            self.chosen.append(row)
            self.taken_sents.update(long_sentences(text))
            self.taken_urls.add(url)
        return got


def picks(eval_dir: Path) -> list[tuple[int, str, str]]:
    """(row, stream, half) for the articles to annotate, in order."""
    lists = candidates(eval_dir)
    picker = Picker(eval_dir, annotated(eval_dir) | REVIEWED)
    two = picker.take(lists["dest"] + lists["tight"], N_TWO)
    one = picker.take([r for r in lists["one"] if r not in set(lists["dest"]) | set(lists["tight"])], N_ONE)
    out = [(r, "two-ended", ("tune", "check")[i % 2]) for i, r in enumerate(two)]
    return out + [(r, "one-ended", ("tune", "check")[i % 2]) for i, r in enumerate(one)]

def store(eval_dir: Path, raw: Path) -> list[Path]:
    """Write the annotations in *raw* (``eval/flows`` schema, with text) to ``extra2/<half>/`` without text."""
    from load import store as store_stripped

    return store_stripped([(row, half) for row, _stream, half in picks(eval_dir)], "extra2", raw)



def main(argv: list[str], picks_of, store_in) -> None:
    """``select_rows*.py [EVAL_DIR]`` prints the picks; ``EVAL_DIR --store RAW_DIR`` stores their annotations."""
    args = [a for a in argv if a != "--store"]
    ev = Path(args[0]) if args else HERE.parents[2] / "shared" / "eval"
    if "--store" in argv:
        for path in store_in(ev, Path(args[1])):
            print(path)
    else:
        for pick in picks_of(ev):
            print(*pick)


if __name__ == "__main__":
    main(sys.argv[1:], picks, store)
