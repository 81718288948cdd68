"""The SQLite store of a batch run: every finished article and its rows, appended chunk by chunk.

An article is either fully recorded or not at all (one transaction per
finished chunk), which is what makes a run resumable. Rows are kept as JSON
lines, geometry as hex WKB: the outputs are streamed from here when every
article is recorded.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

from mapper.errors import OutputError

__all__ = ["Store", "FRAMES", "STORE_NAME", "iter_lines", "iter_flows_by_route"]

FRAMES = ("mentions", "places", "flows", "events")
STORE_NAME = "store.sqlite"
_READ_BLOCKS = 500  # store rows fetched at a time (an article's block of rows each)
_READ_FLOWS = 5000  # flow rows fetched at a time (one flow each)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    article_id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL,
    status TEXT NOT NULL,
    title TEXT, url TEXT, published TEXT, source TEXT,
    error_type TEXT, message TEXT,
    n_mentions INTEGER, n_places INTEGER, n_flows INTEGER, n_events INTEGER,
    seconds REAL
);
CREATE TABLE IF NOT EXISTS rows (
    frame TEXT NOT NULL,
    seq INTEGER NOT NULL,
    i INTEGER NOT NULL,
    article_id TEXT NOT NULL,
    key1 TEXT, key2 TEXT, published TEXT,
    data TEXT NOT NULL
);
"""
# Built when the outputs are written, not kept up to date row by row while articles
# arrive: one bulk build costs less than the upkeep, and the store's writer (the
# parent process) shares the CPUs with the workers.
_INDEXES = """
-- Streams every frame in input order without a sort whose memory grows with the corpus.
CREATE INDEX IF NOT EXISTS rows_in_order ON rows (frame, seq, article_id, i);
-- Streams flows grouped by route for the merge, also without a sort.
CREATE INDEX IF NOT EXISTS flows_by_route ON rows (key1, key2, published, seq, i) WHERE frame = 'flows';
"""


class Store:
    """Append-only SQLite store: one transaction per finished chunk of articles.

    WAL mode with ``synchronous=NORMAL``: a committed transaction survives the
    process being killed; only a power cut can lose the last commits.
    """

    def __init__(self, path: Path):
        self.path = path
        try:
            self.db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.executescript(_SCHEMA)
        except sqlite3.DatabaseError as exc:
            raise OutputError(
                f"cannot use the batch store {path}: {exc}; remove it or rerun with --no-resume"
            ) from exc

    def done(self) -> set[str]:
        return {row[0] for row in self.db.execute("SELECT article_id FROM articles")}

    def record(self, results: list[dict]) -> None:
        """Record finished articles, all or nothing."""
        articles = [
            (
                r["id"], r["seq"], r["status"], r.get("title"), r.get("url"), r.get("published"),
                r.get("source"), r.get("error_type"), r.get("message"),
                *(r.get("counts", {}).get(name) for name in FRAMES),
                r.get("seconds"),
            )
            for r in results
        ]
        rows = [row for r in results for row in _rows(r)]
        db = self.db
        # One statement per table and chunk: the parent's time is taken from the workers'.
        db.execute("BEGIN IMMEDIATE")
        try:
            db.executemany("INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", articles)
            db.executemany("INSERT INTO rows VALUES (?,?,?,?,?,?,?,?)", rows)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def index(self) -> None:
        """Build the indexes the outputs are streamed by (a no-op when they exist)."""
        self.db.executescript(_INDEXES)

    def forget_failures(self) -> int:
        """Forget the failed articles (they hold no rows), so that they are tried again."""
        return self.db.execute("DELETE FROM articles WHERE status='failed'").rowcount

    def stats(self) -> tuple[int, int, int]:
        n, ok, failed = self.db.execute(
            "SELECT COUNT(*), SUM(status='ok'), SUM(status='failed') FROM articles"
        ).fetchone()
        return n, ok or 0, failed or 0

    def close(self) -> None:
        self.db.close()


def _rows(result: dict) -> Iterator[tuple]:
    """The ``rows`` table's rows of one finished article."""
    seq, aid, published = result["seq"], result["id"], result.get("published")
    for name, block in result.get("rows", {}).items():
        if not block:
            continue
        keys = result.get("keys", {}).get(name)
        if keys:  # flows: one row each, keyed by route for the merge
            yield from ((name, seq, i, aid, *keys[i], published, line) for i, line in enumerate(block.split("\n")))
        else:  # the rest: one block of JSON lines per article, which the parent writes at once
            yield (name, seq, 0, aid, None, None, published, block)


def iter_lines(db: sqlite3.Connection, name: str) -> Iterator[str]:
    """The JSON lines of one frame, in input order."""
    # A row holds one JSON line (flows; stores of mapper before blocks) or an article's block of them.
    cursor = db.execute("SELECT data FROM rows WHERE frame=? ORDER BY seq, article_id, i", (name,))
    while batch := cursor.fetchmany(_READ_BLOCKS):
        for (block,) in batch:
            yield from block.split("\n")


def iter_flows_by_route(db: sqlite3.Connection) -> Iterator[tuple[str | None, str]]:
    """``(published, JSON line)`` of every flow, sorted by origin, destination and date (for the merge)."""
    cursor = db.execute(
        "SELECT published, data FROM rows INDEXED BY flows_by_route WHERE frame='flows' "
        "ORDER BY key1, key2, published, seq, i"
    )
    while batch := cursor.fetchmany(_READ_FLOWS):
        yield from batch
