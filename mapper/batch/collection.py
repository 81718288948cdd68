"""The collection a batch run reads: articles one at a time, from a source or an iterable.

A source is a folder, a JSONL, CSV or JSON file, standard input (``"-"``) or
an open file (read by :func:`mapper.read.article.read_articles`); an iterable
holds :class:`~mapper.model.Article` objects, texts or paths. An article the
reader cannot read comes as a ``FailedArticle`` (it has an ``error``), so
that the run records it as failed and goes on.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

from mapper.errors import InputError

__all__ = ["iter_articles", "size_of"]


def _is_source(source) -> bool:
    return isinstance(source, (str, os.PathLike)) or hasattr(source, "read")


def iter_articles(source, *, published=None, max_bytes=None, fetcher=None) -> Iterator:
    """Articles (or FailedArticle) one at a time, from a source or an iterable.

    Pages given by their address (a ``.txt`` list of URLs, a ``url`` column
    without ``text``) are fetched with *fetcher* (a
    :class:`~mapper.read.fetch.Fetcher`); one that cannot be fetched comes as
    a FailedArticle.
    """
    from mapper.model import Article
    from mapper.read.article import read_article, read_articles

    if _is_source(source):
        yield from read_articles(source, published=published, max_bytes=max_bytes, errors="include", fetcher=fetcher)
        return
    for item in source:
        if isinstance(item, str):
            yield read_article(item, published=published, as_text=True)
        elif isinstance(item, os.PathLike):
            yield from read_articles(item, published=published, max_bytes=max_bytes, errors="include",
                                     fetcher=fetcher)
        elif isinstance(item, Article) or hasattr(item, "error"):
            yield item
        else:
            raise InputError(f"cannot read a {type(item).__name__} as an article: give Article objects, texts or paths")


def size_of(source) -> int | None:
    """How many articles *source* holds, when that is known without reading it (for the progress bar)."""
    if _is_source(source):
        return None
    try:
        return len(source)
    except TypeError:
        return None
