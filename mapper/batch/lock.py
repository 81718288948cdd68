"""The lock on a batch run's output folder: one run per folder at a time.

Two runs filling one store would extract the same articles twice. The lock
is an ``flock`` on ``OUTDIR/.lock``: it goes with the file handle, so a run
that is killed lets go of it (once its forked workers, which inherit the
handle, have let go too: see :func:`let_go_in_worker`).
"""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path

from mapper.errors import OutputError

__all__ = ["hold", "release", "let_go_in_worker", "LOCK_WAIT"]

_LOCK_FD: int | None = None
LOCK_WAIT = 5.0  # seconds to wait for OUTDIR's lock (a killed run's workers take a moment to exit)


def hold(outdir: Path, wait: float | None = None):
    """Hold OUTDIR for this run: two runs filling one store would do the same articles twice.

    Waits up to *wait* seconds, for the processes of a run that was just
    killed to finish exiting.
    """
    global _LOCK_FD
    handle = open(outdir / ".lock", "a+")
    try:
        import fcntl
    except ImportError:  # not POSIX: no lock
        return handle
    deadline = time.monotonic() + (LOCK_WAIT if wait is None else wait)
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except OSError as exc:
            if time.monotonic() > deadline:
                handle.close()
                raise OutputError(
                    f"{outdir} is in use by another mapper batch run: wait for it or choose another -o folder"
                ) from exc
            time.sleep(0.1)
    _LOCK_FD = handle.fileno()
    return handle  # the lock goes with the handle, also when the process is killed


def release(handle) -> None:
    """Let go of the lock taken by :func:`hold`."""
    global _LOCK_FD
    handle.close()
    _LOCK_FD = None


def let_go_in_worker() -> None:
    """In a forked worker: close the inherited handle, so that the lock dies with the run, not its workers."""
    if _LOCK_FD is not None:
        with contextlib.suppress(OSError):
            os.close(_LOCK_FD)
