"""What a batch worker does: load the gazetteer once, then extract chunks of articles into rows.

A worker is a local process, a Dask task thread, or this process (workers=0).
It never raises for one article: an article that fails, or takes longer than
the time limit, comes back as a failure with its error, and the batch goes on.
Results are plain dicts of JSON lines, cheap to send back to the parent.
"""

from __future__ import annotations

import contextlib
import json
import signal
import sys
import time
from typing import Any

from mapper.batch import lock
from mapper.errors import EmptyInputError, MapperError
from mapper.time_limit import time_limit

__all__ = ["ArticleTimeout", "DEFAULT_TIMEOUT", "WORKER_MODULES", "init_worker", "process_chunk", "failure"]

DEFAULT_TIMEOUT = 120.0

_INIT_ERROR: BaseException | None = None
#: The modules a worker extracts with (no data: the gazetteer opens in each worker).
WORKER_MODULES = ("mapper.pipeline", "mapper.read.sentences", "mapper.places.toponyms", "mapper.geocode.resolve",
                  "mapper.geocode.regions", "mapper.geocode.totals", "mapper.outlines", "mapper.data",
                  "mapper.movements.extract", "mapper.frames", "mapper.movements.grammar", "mapper.movements.parse")
_WARM_UP = "Hundreds of families fled the town of Springfield for the city of Shelbyville on Monday."


class ArticleTimeout(MapperError, TimeoutError):
    """One article took longer than the batch's per-article time limit."""

    exit_code = 1


def article_time_limit(seconds: float | None):
    """Raise :class:`ArticleTimeout` when the block takes longer than *seconds* (see :func:`mapper.time_limit.time_limit`)."""
    message = f"took longer than {seconds:g} s: raise --timeout or remove this article" if seconds else None
    return time_limit(seconds, ArticleTimeout, message)


def _die_with_parent() -> None:
    """A forked worker lets go of the run's lock and dies with its parent (even on kill -9)."""
    lock.let_go_in_worker()
    if sys.platform == "linux":
        import ctypes

        with contextlib.suppress(Exception):
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def init_worker(*, ignore_sigint: bool = False) -> None:
    """Load the gazetteer and every lazy model once, before the first article."""
    if ignore_sigint:  # a local pool worker
        # Ctrl-C goes to the whole process group: the parent handles it, pool workers finish quietly.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        _die_with_parent()
    global _INIT_ERROR
    try:
        from mapper.geocode.gazetteer import get_gazetteer

        get_gazetteer()
    except Exception as exc:  # noqa: BLE001 - reported by the first chunk, which stops the batch
        _INIT_ERROR = exc
        return
    with contextlib.suppress(Exception):
        # The path articles take (rows, no GeoDataFrame): workers never import pandas.
        from mapper.model import Article

        extract_rows(Article(text=_WARM_UP, id="warm-up"))


def _jsonable(value):
    if value is None:
        return None
    if isinstance(value, float):
        return None if value != value else value
    if hasattr(value, "item"):  # numpy scalar
        return _jsonable(value.item())
    if type(value).__name__ in ("NAType", "NaTType"):
        return None
    return value


def _encode_rows(rows: list[dict]) -> list[str]:
    """One JSON object per row, geometry as hex WKB: compact, exact, typed by JSON.

    Rows come from :func:`mapper.frames.build_records`, whose geometries are plain
    coordinates: workers write their WKB without making shapely objects at all.
    """
    from mapper.frames import wkb_hex

    out = []
    for row in rows:
        record = {}
        for key, value in row.items():
            record[key] = wkb_hex(value) if key == "geometry" else _jsonable(value)
        out.append(json.dumps(record, ensure_ascii=False))
    return out


def extract_rows(article) -> dict[str, list[dict]]:
    """The four frames of one article as row dicts, with no GeoDataFrame per article."""
    from mapper.pipeline import extract_records

    return {name: list(rows) for name, rows in extract_records(article).items()}


def _one_line(message: str, limit: int = 500) -> str:
    text = " ".join(str(message).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def meta(article, seq: int) -> dict:
    """What the store records of every article, extracted or not."""
    published = getattr(article, "published", None)
    return {
        "id": article.id,
        "seq": seq,
        "title": getattr(article, "title", None),
        "url": getattr(article, "url", None),
        "published": published.isoformat() if published else None,
        "source": getattr(article, "source", None),
    }


def failure(result: dict, exc: BaseException) -> dict:
    """*result* (from :func:`meta`) recorded as failed with *exc*."""
    result.update(status="failed", error_type=type(exc).__name__, message=_one_line(exc) or type(exc).__name__)
    return result


def _process_article(article, seq: int, timeout: float | None) -> dict:
    result = meta(article, seq)
    started = time.perf_counter()
    try:
        if not article.text.strip():
            raise EmptyInputError(f"article {article.id} has no text: give the article text")
        with article_time_limit(timeout):
            frames = extract_rows(article)
            lines = {name: _encode_rows(frame_rows) for name, frame_rows in frames.items()}
    except Exception as exc:  # noqa: BLE001 - one article's failure is recorded, never stops the batch
        result["seconds"] = time.perf_counter() - started
        return failure(result, exc)
    result.update(
        status="ok",
        seconds=time.perf_counter() - started,
        counts={name: len(frame_lines) for name, frame_lines in lines.items()},
        # One text block of JSON lines per frame: the parent stores and unpickles one string,
        # not one per row (its time is the part of the run that does not scale with workers).
        rows={name: "\n".join(frame_lines) for name, frame_lines in lines.items()},
        keys={
            "flows": [(str(f.get("origin_id")), str(f.get("destination_id"))) for f in frames["flows"]],
        },
    )
    return result


def process_chunk(items: list[tuple[int, Any]], timeout: float | None = DEFAULT_TIMEOUT) -> list[dict]:
    """Extract a chunk of ``(seq, article)`` pairs in a worker; never raises for one article.

    Raises only when the worker itself is unusable (its gazetteer failed to
    load): that stops the batch, since every article would fail the same way.
    """
    if _INIT_ERROR is not None:
        raise _INIT_ERROR
    _parse_ahead([article for _seq, article in items])
    return [_process_article(article, seq, timeout) for seq, article in items]


#: Articles longer than this are left to their own time limit, not parsed ahead with the chunk.
_AHEAD_CHARS = 20_000


def _parse_ahead(articles: list) -> None:
    """Parse the chunk's movement sentences together (several times faster than one article at a time).

    Only an optimisation: whatever goes wrong here, each article is still
    extracted, and fails or not, on its own.
    """
    from mapper.movements.extract import parse_ahead

    texts = [a.text for a in articles if isinstance(getattr(a, "text", None), str) and len(a.text) <= _AHEAD_CHARS]
    with contextlib.suppress(Exception):
        parse_ahead(texts)
