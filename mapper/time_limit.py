"""A time limit on a block of code: an exception in the running thread when the block takes too long.

One piece of code for every limit mapper sets: a batch run's per-article
limit (in local worker processes and in Dask's task threads) and the property
tests' hard limit per case.
"""

from __future__ import annotations

import contextlib
import signal
import threading

__all__ = ["time_limit"]

_REFIRE_SECONDS = 0.05  # how often a thread's time limit is raised again until it takes effect


@contextlib.contextmanager
def time_limit(seconds: float | None, error: type[BaseException] = TimeoutError, message: str | None = None):
    """Raise ``error(message)`` in this thread when the block takes longer than *seconds*.

    In a process's main thread a SIGALRM timer raises it; in other threads
    (Dask runs tasks in threads) a watchdog thread raises it asynchronously in
    the running one. Either way it lands between two Python bytecodes, so one
    very long call into C finishes first.

    Parameters
    ----------
    seconds : float or None
        The limit; None or 0 sets none.
    error : type of BaseException
        What is raised. A ``BaseException`` that is not an ``Exception``
        cannot be swallowed by ``except Exception`` in the block.
    message : str, optional
        Its message (default: "took longer than *seconds* s").
    """
    if not seconds:
        yield
        return
    if message is None:
        message = f"took longer than {seconds:g} s"
    if threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):
        with _alarm(seconds, error, message):
            yield
        return
    with _watchdog(seconds, error, message):
        yield


@contextlib.contextmanager
def _alarm(seconds: float, error: type[BaseException], message: str):
    def expire(signum, frame):
        raise error(message)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextlib.contextmanager
def _watchdog(seconds: float, error: type[BaseException], message: str):
    import ctypes

    target = ctypes.c_ulong(threading.get_ident())
    raise_in = ctypes.pythonapi.PyThreadState_SetAsyncExc
    lock = threading.Lock()
    state = {"running": True, "fired": False}
    done = threading.Event()

    def expire():
        if done.wait(seconds):
            return
        # Again and again until the block ends: an exception that lands while the thread runs
        # a garbage-collector callback (Dask installs one) is swallowed there as unraisable.
        while True:
            with lock:
                if not state["running"]:
                    return
                state["fired"] = True
                raise_in(target, ctypes.py_object(error))
            if done.wait(_REFIRE_SECONDS):
                return

    watchdog = threading.Thread(target=expire, daemon=True, name="mapper-time-limit")
    try:
        # Started inside the try: a limit that strikes while the watchdog starts (a short
        # limit, a loaded machine) must still be disarmed below, or it would strike forever.
        watchdog.start()
        yield
    except error as exc:
        if exc.args:
            raise
        raise error(message) from None
    finally:
        # A strike fired just before the watchdog is stopped can land in these very lines:
        # then stop it again. Once stopped under the lock, nothing more is raised.
        while True:
            try:
                with lock:
                    state["running"] = False
                    if state["fired"]:
                        # Fired just as the block ended: take back the exception not raised yet.
                        raise_in(target, None)
                break
            except error:
                continue
        done.set()
