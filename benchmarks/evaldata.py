"""Where the benchmarks find the evaluation corpora: ``$MAPPER_EVAL``, else ``../shared/eval``.

The corpora are real text written by others: benchmarks read them in place
and never copy them into the project.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def eval_dir() -> Path:
    """The evaluation folder (it may not exist: see :func:`require_eval_dir`)."""
    env = os.environ.get("MAPPER_EVAL")
    return Path(env) if env else ROOT.parent / "shared" / "eval"


def require_eval_dir() -> Path:
    """The evaluation folder, or exit with a message saying how to point at it."""
    path = eval_dir()
    if not path.is_dir():
        sys.exit(f"evaluation corpora not found at {path}: set MAPPER_EVAL to the shared eval directory")
    return path
