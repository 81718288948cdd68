"""Run the corpus notebook's batch and save its map as the README screenshot (docs/corpus-map.png).

Usage: python3 scripts/screenshot_corpus.py   (needs Debian's chromium and the test extras)

The batch is the one ``notebooks/02_corpus.ipynb`` runs by default, on the articles
written for it in ``notebooks/corpus/``; its map draws without tiles, so the picture
is the same offline.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from screenshot_seed import ROOT, screenshot_map


def main() -> int:
    from mapper.batch import run_batch

    out = ROOT / "docs" / "corpus-map.png"
    with tempfile.TemporaryDirectory() as tmp:
        result = run_batch(ROOT / "notebooks" / "corpus", Path(tmp), workers=0, progress=False)
        screenshot_map(result.outputs["map"], out)
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
