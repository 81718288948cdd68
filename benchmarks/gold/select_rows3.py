"""Choose the IDETECT rows annotated in ``benchmarks/gold/extra3`` (reproducible).

A third round, after ``extra2`` (``select_rows2.py``), chosen when every rule of
the fourth round (2026-12-07) was written: its check half is news no rule here
was written on. Never candidates: rows annotated anywhere (``eval/flows``,
``extra``, ``extra2``), rows whose output or sentences were read
(``select_rows2.REVIEWED`` and ``REVIEWED_AFTER``), and copies of any of them (a
60+ character sentence or the URL shared). From the loose and one-ended lists of
``select_rows.candidates`` (seeded order there; the tight and destination lists
are spent), the first ``N`` rows of 600–6,000 characters, alternating
``tune``/``check``, tune first; then ``N_MORE`` more the same way, past the rows whose
output was read meanwhile (``READ_BEFORE_MORE``); then ``N_THIRD`` more past ``READ_AFTER``.

Usage::

    python benchmarks/gold/select_rows3.py [EVAL_DIR]   # prints the picks and their half
    python benchmarks/gold/select_rows3.py EVAL_DIR --store RAW_DIR   # annotations with text -> extra3/, no text
"""

from __future__ import annotations

import sys
from pathlib import Path

import select_rows2
from select_rows import candidates

HERE = Path(__file__).resolve().parent
N = 24
#: A second batch, chosen the same way from where the first stopped, also skipping the rows whose
#: changed output was read while this batch's first 24 were being annotated (and their copies).
N_MORE = 24
READ_BEFORE_MORE = frozenset({50, 55, 160, 238, 463, 469, 474, 494, 766, 892, 964, 1148, 1614, 2005, 2506})
#: Rows whose changed output was read after both batches were chosen (checking the fifth round's rules for
#: regressions): skipped by the third batch, and never to be picked by a later round.
READ_AFTER = frozenset({62, 186, 204, 212, 222, 240, 373, 516, 589, 671, 829, 920, 1578, 2083, 2523, 2824, 2992, 3141})
#: Rows whose changed output was read after the third batch was chosen: never to be picked by a later round.
READ_LATER = frozenset({91, 934})
#: Rows whose changed output was read in the sixth round: never to be picked by a later round either.
READ_SIXTH = frozenset({73, 200, 229, 284, 362, 677, 754, 1436, 1701, 1797, 1919, 1997, 2119, 2404, 2511, 2875, 3055, 3109})
#: A third batch, the same way, past the second and past ``READ_AFTER``: the lists held 17 more.
N_THIRD = 24


def _excluded(eval_dir: Path) -> set[int]:
    read = select_rows2.annotated(eval_dir) | select_rows2.REVIEWED | select_rows2.REVIEWED_AFTER
    return read | {row for row, _stream, _half in select_rows2.picks(eval_dir)}


def picks(eval_dir: Path) -> list[tuple[int, str]]:
    """(row, half) for the articles to annotate, in order."""
    lists = candidates(eval_dir)
    picker = select_rows2.Picker(eval_dir, _excluded(eval_dir))
    order = lists["loose"] + lists["one"]
    picker.take(order, N)
    picker.exclude(READ_BEFORE_MORE)
    picker.take(order, N_MORE)
    picker.exclude(READ_AFTER)
    picker.take(order, N_THIRD)
    return [(row, ("tune", "check")[i % 2]) for i, row in enumerate(picker.chosen)]

def store(eval_dir: Path, raw: Path) -> list[Path]:
    """Write the annotations in *raw* (``eval/flows`` schema, with text) to ``extra3/<half>/`` without text."""
    from load import store as store_stripped

    return store_stripped(picks(eval_dir), "extra3", raw)



if __name__ == "__main__":
    select_rows2.main(sys.argv[1:], picks, store)
