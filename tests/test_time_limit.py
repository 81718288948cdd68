"""Time limits (:mod:`mapper.time_limit`): the batch's per-article limit and the property tests' hard limit per case.

The batch's limit (:func:`mapper.batch.worker.article_time_limit`) runs in a
local worker's main thread (a SIGALRM timer) and in Dask's task threads (a
watchdog thread); both paths are tested here.
"""

from __future__ import annotations

import contextlib
import signal
import time

import pytest

from mapper.batch.worker import ArticleTimeout
from mapper.batch.worker import article_time_limit as _time_limit
from mapper.time_limit import time_limit


class _Stop(BaseException):
    """A limit no ``except Exception`` can swallow, as the property tests use."""


def _run_in_a_thread(task, seconds: float) -> None:
    """Run *task* in a thread, as Dask does, and check that it ended (a daemon: a hang fails the test, not the suite)."""
    import threading

    worker = threading.Thread(target=task, daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive()


@pytest.mark.parametrize("seconds", [0.05, 0.2])
def test_the_time_limit_works_outside_the_main_thread(seconds):
    # Dask runs tasks in threads, where no signal can interrupt them.
    outcome = {}

    def task():
        started = time.perf_counter()
        try:
            with _time_limit(seconds):
                while time.perf_counter() - started < 5:
                    sum(range(1000))
        except ArticleTimeout as exc:
            outcome["error"] = str(exc)
        outcome["seconds"] = time.perf_counter() - started
        # Nothing is left pending to strike later.
        time.sleep(seconds * 2)
        outcome["after"] = "clean"

    _run_in_a_thread(task, 10)
    assert "took longer than" in outcome["error"]
    assert outcome["seconds"] < seconds + 1.0
    assert outcome["after"] == "clean"


def test_a_block_that_ends_in_time_is_left_alone():
    errors = []

    def task():
        try:
            for _ in range(200):
                try:
                    with _time_limit(0.001):
                        pass  # ends at once: the watchdogs firing around it must not strike later
                except ArticleTimeout:
                    # On a loaded machine the thread may wait longer than 1 ms for the GIL
                    # before it leaves the block: then the limit has truly elapsed.
                    pass
                sum(range(20000))  # a stray exception would strike here, after the block
        except BaseException as exc:  # noqa: BLE001 - the test reports any stray exception
            errors.append(exc)

    _run_in_a_thread(task, 30)
    assert errors == []


def test_a_limit_that_strikes_before_the_block_starts_is_still_disarmed():
    # A limit shorter than starting the watchdog thread strikes while the block is being
    # entered. It used to escape the disarming: it then struck forever, anywhere in the
    # thread, and once killed the next watchdog as it started, leaving the thread hung.
    errors = []
    done = []

    def task():
        try:
            for _ in range(300):
                with contextlib.suppress(ArticleTimeout):
                    with _time_limit(1e-6):
                        pass
            started = time.perf_counter()
            while time.perf_counter() - started < 0.3:  # the blocks are over: nothing may strike now
                sum(range(1000))
            done.append(True)
        except BaseException as exc:  # noqa: BLE001 - the test reports any stray exception
            errors.append(exc)

    _run_in_a_thread(task, 30)
    assert errors == [] and done == [True]



def test_a_swallowed_time_limit_strikes_again():
    # Dask runs tasks in threads; an exception raised asynchronously while the thread runs a
    # garbage-collector callback is swallowed there. The limit must not be lost with it.
    outcome = []

    def task():
        started = time.perf_counter()
        try:
            with _time_limit(0.05):
                try:
                    while True:
                        sum(range(1000))
                except ArticleTimeout:
                    pass  # swallowed, as in a gc callback
                while time.perf_counter() - started < 10:
                    sum(range(1000))
            outcome.append("ran to the end")
        except ArticleTimeout:
            outcome.append(time.perf_counter() - started)

    _run_in_a_thread(task, 15)
    assert outcome and outcome[0] != "ran to the end" and outcome[0] < 2


needs_alarm = pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="no SIGALRM timer on this platform")


@needs_alarm
@pytest.mark.parametrize(
    "error, message, expected",
    [
        (_Stop, "one case took more than 0.05 s", "one case took more than 0.05 s"),
        (ArticleTimeout, None, "took longer than 0.05 s"),
        (TimeoutError, None, "took longer than 0.05 s"),
    ],
)
def test_the_main_thread_is_stopped_by_an_alarm(error, message, expected):
    started = time.perf_counter()
    with pytest.raises(error, match=expected):
        with time_limit(0.05, error, message):
            while time.perf_counter() - started < 5:
                sum(range(1000))
    assert time.perf_counter() - started < 2


@needs_alarm
def test_the_alarm_handler_before_the_limit_is_restored():
    def mine(signum, frame):
        pass

    previous = signal.signal(signal.SIGALRM, mine)
    try:
        with time_limit(10, _Stop):
            pass
        assert signal.getsignal(signal.SIGALRM) is mine
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    finally:
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("seconds", [None, 0])
def test_no_seconds_is_no_limit(seconds):
    with time_limit(seconds, _Stop):
        time.sleep(0.01)


def test_the_batch_limit_says_what_to_do():
    outcome = {}

    def task():
        try:
            with _time_limit(0.05):
                while True:
                    sum(range(1000))
        except ArticleTimeout as exc:
            outcome["error"] = str(exc)

    _run_in_a_thread(task, 10)
    assert outcome["error"] == "took longer than 0.05 s: raise --timeout or remove this article"
