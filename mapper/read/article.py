"""Read articles: a file, a web address, text, bytes or a stream → :class:`~mapper.model.Article`.

What a ``source`` means, unambiguously:

* :class:`os.PathLike` (``pathlib.Path``) — always a path;
* ``bytes`` — the raw content of one article (encoding detected);
* a file object (``sys.stdin``, ``io.BytesIO``) — read to its end, bounded;
  ``"-"`` (or ``Path("-")``) means standard input;
* ``str`` — a web page when it is one ``http://`` or ``https://`` address:
  the page is fetched (:mod:`mapper.read.fetch`; the only time mapper goes
  online by itself) and read as its content type says, HTML reduced to its
  main text, with the address, title and date as metadata;
* ``str`` — a path only when it is one line shorter than 4,096 characters
  and either names an existing file or looks like a path (ends in ``.txt``,
  ``.html``, ``.json``..., or starts with ``/``, ``./``, ``../``, ``~/``
  without spaces); a missing path-like string raises
  :class:`~mapper.errors.InputNotFoundError`. Any other ``str`` is article
  text. ``as_text=True`` makes a ``str`` text whatever it looks like.

Text and HTML are recognised by content (and by the ``.html``/``.htm``
suffix); ``.json`` files hold one article object. Every offset in mapper
refers to the returned :attr:`Article.text`: line endings there are ``\\n``,
HTML is reduced to its main text, and nothing else is changed (no Unicode
normalisation, no stripping), so plain-text offsets match the file's
characters.

Inputs are opened read-only and never modified. Sizes are bounded by
``max_bytes`` (default :data:`DEFAULT_MAX_BYTES`); a larger text can be
processed piecewise with :func:`mapper.read.chunks.iter_file_chunks`.
"""

from __future__ import annotations

import csv
import datetime as _dt
import hashlib
import json
import os
import re
import stat
import sys
import warnings
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from mapper.errors import (
    EmptyInputError,
    InputError,
    InputIsDirectoryError,
    InputNotFoundError,
    InputPermissionError,
    InputTooLargeError,
    MapperError,
)
from mapper.model import Article
from mapper.read.decode import check_text, decode_bytes, normalize_newlines, sniff_encoding
from mapper.read.fetch import looks_like_url
from mapper.read.html import html_to_text, looks_like_html
from mapper.read.limits import DEFAULT_MAX_BYTES
from mapper.read.limits import check_size as _check_size
from mapper.read.limits import human_size as _human

__all__ = [
    "DEFAULT_MAX_BYTES",
    "ARTICLE_SUFFIXES",
    "FailedArticle",
    "read_article",
    "read_articles",
    "article_from_text",
    "article_from_record",
    "parse_date",
    "parse_size",
]

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSON_SUFFIXES = frozenset({".json"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
CSV_SUFFIXES = frozenset({".csv", ".tsv"})
#: File suffixes :func:`read_articles` picks up in a folder.
ARTICLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES | CSV_SUFFIXES

_PATHLIKE_SUFFIX = re.compile(r"\.(?:txt|text|md|html?|xhtml|json|jsonl|ndjson|csv|tsv|xml)$", re.IGNORECASE)
_MAX_PATH_CHARS = 4096
_URL_LIST_HEAD = 64 * 1024  # bytes read to tell a list of web addresses, and the longest address line
_TITLE_CHARS = 200

# Keys read from JSON/JSONL/CSV records, first match wins (case-insensitive).
_TEXT_KEYS = ("text", "content", "body", "maintext", "article", "full_text")
_HTML_KEYS = ("html", "raw_html")
_ID_KEYS = ("id", "article_id", "doc_id", "uid")
_TITLE_KEYS = ("title", "headline")
_URL_KEYS = ("url", "link", "source_url")
_DATE_KEYS = ("published", "date", "date_publish", "published_at", "publication_date", "pubdate", "datetime")


@dataclass(frozen=True, slots=True)
class FailedArticle:
    """An article of a collection that could not be read, with why.

    Yielded by :func:`read_articles` with ``errors="include"``, so that a batch
    can record the failure and go on.
    """

    id: str
    source: str | None
    error: MapperError


# ---------------------------------------------------------------------------- public API
def read_article(
    source: Any,
    *,
    published: Any = None,
    max_bytes: int | None = None,
    encoding: str | None = None,
    as_text: bool = False,
    article_id: str | None = None,
    title: str | None = None,
    url: str | None = None,
    fetcher: Any = None,
) -> Article:
    """Read one article from a path, a web address, text, bytes or a file object.

    Parameters
    ----------
    source : os.PathLike, str, bytes or file object
        See the module documentation for how a ``str`` is told apart from a
        path; a ``str`` that is one ``http://`` or ``https://`` address is
        fetched (the only case where mapper goes online by itself).
    published : datetime.date, datetime.datetime or str, optional
        Publication date; overrides any date found in the input's metadata.
        Strings may be ISO 8601 (``"2024-03-05"``) or any common written form.
    max_bytes : int, optional
        Largest input accepted, in bytes (default :data:`DEFAULT_MAX_BYTES`).
    encoding : str, optional
        Codec of a file or bytes, instead of detecting it.
    as_text : bool
        Treat a ``str`` source as article text, never as a path.
    article_id, title, url : str, optional
        Override the identifier (default: file stem, the page's address, or a
        hash of the text), title (default: metadata, else the first line) and URL.
    fetcher : mapper.read.fetch.Fetcher, optional
        Fetches a web address (time limit, rate limit, cache); default: one
        :func:`~mapper.read.fetch.default_fetcher` per process.

    Returns
    -------
    Article

    Raises
    ------
    InputNotFoundError, InputIsDirectoryError, InputPermissionError
        The path is missing, a directory, or unreadable (exit code 4).
    EmptyInputError
        Nothing but whitespace (exit code 5).
    BinaryInputError, EncodingError
        Not text, or an undecodable encoding (exit code 6).
    InputTooLargeError
        Larger than ``max_bytes`` (exit code 7).
    InputError
        A ``.json`` article that is not valid JSON or has no text, or an
        address that is not http(s) (exit code 3).
    FetchError, FetchTimeout
        A web page that cannot be fetched (exit code 14).

    Examples
    --------
    >>> read_article("Some 300 families fled the town of Foo.").title
    'Some 300 families fled the town of Foo.'
    """
    limit = _limit(max_bytes)
    date = _user_date(published)
    overrides = {"id": article_id, "title": title, "url": url, "published": date}
    if isinstance(source, Article):
        return _override(source, overrides)
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        _check_size(len(data), limit, "the input")
        return _from_bytes(data, name="input", stem=None, suffix="", encoding=encoding, overrides=overrides)
    if isinstance(source, str):
        return _read_str(source, as_text, limit, encoding, overrides, fetcher)
    if isinstance(source, os.PathLike):
        return _read_path(Path(os.fspath(source)).expanduser(), limit, encoding, overrides)
    if hasattr(source, "read"):
        name = getattr(source, "name", None)
        data = _read_stream(source, limit, name if isinstance(name, str) else "standard input")
        return _from_bytes(data, name="standard input", stem=None, suffix="", encoding=encoding, overrides=overrides)
    raise TypeError(f"read_article() takes a path, text, bytes or a file object, not {type(source).__name__}")


def article_from_text(
    text: str,
    *,
    id: str | None = None,  # noqa: A002 - mirrors Article.id
    title: str | None = None,
    url: str | None = None,
    published: Any = None,
    source: str | None = None,
    encoding: str | None = None,
    html: bool | None = None,
    name: str = "the text",
) -> Article:
    """Build an :class:`Article` from decoded text (plain or HTML).

    ``html=None`` detects HTML by content; ``True``/``False`` force it.
    Raises :class:`EmptyInputError` when no text remains.
    """
    text = normalize_newlines(text)
    if text.startswith("\ufeff"):
        text = text[1:]
    check_text(text, name=name)
    meta_title = meta_url = meta_date = None
    if html or (html is None and looks_like_html(text)):
        page = html_to_text(text, url=url)
        if not page.text.strip():
            raise EmptyInputError(f"{name} is HTML without any visible text: give the page with its article")
        text, meta_title, meta_url, meta_date = page.text, page.title, page.url, page.published
    date = _user_date(published) if published is not None else _meta_date(meta_date, name)
    return Article(
        text=text,
        id=id or _text_id(text),
        title=title or meta_title or _first_line(text),
        url=url or meta_url,
        published=date,
        source=source,
        encoding=encoding,
    )


def article_from_record(
    record: Mapping[str, Any],
    *,
    default_id: str,
    source: str | None = None,
    published: Any = None,
    max_bytes: int | None = None,
    fetcher: Any = None,
) -> Article:
    """Build an :class:`Article` from a JSON object or CSV row.

    Keys are matched case-insensitively: text from ``text``/``content``/
    ``body``… (or ``html``), ``id``, ``title``, ``url``, ``published``/
    ``date``…. ``published`` given here overrides the record's date.
    A record with a ``url`` and no text field at all is a page to fetch
    (with *fetcher*); its id (default: the address), title and date override
    the page's.
    """
    limit = _limit(max_bytes)
    keys = {str(k).strip().lower(): k for k in record}

    def get(names: Iterable[str]) -> Any:
        for n in names:
            if n in keys:
                v = record[keys[n]]
                if v is not None and not (isinstance(v, str) and not v.strip()):
                    return v
        return None

    rid = get(_ID_KEYS)
    art_id = str(rid).strip() if rid is not None else default_id
    name = f"article {art_id}" + (f" in {source}" if source else "")
    title, link = (str(v).strip() if v is not None else None for v in (get(_TITLE_KEYS), get(_URL_KEYS)))
    date = _user_date(published) if published is not None else _meta_date(get(_DATE_KEYS), name)
    text = get(_TEXT_KEYS)
    is_html: bool | None = None
    if text is None:
        text = get(_HTML_KEYS)
        is_html = True if text is not None else None
    if text is None:
        if not any(n in keys for n in _TEXT_KEYS + _HTML_KEYS):
            if link is not None:
                page_id = str(rid).strip() if rid is not None else None
                return _read_url(link, limit, None, {"id": page_id, "title": title, "published": date}, fetcher)
            cols = ", ".join(map(str, record)) or "none"
            raise InputError(f"{name} has no text field (fields: {cols}): name the article text 'text', or give a 'url' to fetch")
        raise EmptyInputError(f"{name} has an empty text field: give the article text")
    if not isinstance(text, str):
        raise InputError(f"{name}: its text field is {type(text).__name__}, not a string: give the article text as a string")
    _check_size(_utf8_size(text, limit), limit, name)
    return article_from_text(
        text,
        id=art_id,
        title=title,
        url=link,
        published=date,
        source=source,
        html=is_html,
        name=name,
    )


def _read_str(source: str, as_text: bool, limit: int, encoding, overrides: dict, fetcher) -> Article:
    """A ``str`` source: standard input, a web address, a path, or the text itself."""
    if source == "-" and not as_text:
        return _read_path(Path("-"), limit, encoding, overrides)
    if not as_text and looks_like_url(source):
        return _read_url(source, limit, encoding, overrides, fetcher)
    if not as_text and _is_path_like(source):
        return _read_path(Path(source).expanduser(), limit, encoding, overrides)
    _check_size(_utf8_size(source, limit), limit, "the text")
    return article_from_text(source, **overrides)


def read_articles(
    source: Any = "-",
    *,
    published: Any = None,
    max_bytes: int | None = None,
    errors: str = "raise",
    fetcher: Any = None,
) -> Iterator[Article | FailedArticle]:
    """Read a collection of articles, one at a time (memory stays bounded).

    Parameters
    ----------
    source : str, os.PathLike or file object
        A folder (every ``.txt``, ``.md``, ``.html``, ``.htm``, ``.json``,
        ``.jsonl``, ``.csv`` file below it, sorted by path, hidden files
        skipped); a JSONL file (one JSON object a line); a CSV/TSV file with a
        header (``id``, ``url``, ``title``, ``published``, ``text``; only a
        text column is required); a JSON file holding one object, a list of
        objects or ``{"articles": [...]}``; a ``.txt`` list of web addresses,
        one a line (``#`` lines are comments); any other article file; ``"-"``
        or a file object for standard input (JSONL when its first line is a
        JSON object, a list of addresses when it is an address, else one
        article); or the text of one article. Records with a ``url`` and no
        text column are pages to fetch, as are the addresses of a list.
    published : optional
        Publication date for every article; when given it overrides the dates
        found in metadata (leave it None to keep them).
    max_bytes : int, optional
        Largest article (one file, line, row or record) in bytes.
    errors : {"raise", "skip", "include"}
        What to do with an article that cannot be read: raise its
        :class:`~mapper.errors.MapperError`; skip it with a
        :class:`~mapper.errors.MapperWarning`; or yield a
        :class:`FailedArticle` in its place (for batch runs that record
        failures and go on). A page that cannot be fetched is such an article.
    fetcher : mapper.read.fetch.Fetcher, optional
        Fetches the pages given by address (one shared by the whole
        collection, so its rate limits hold); default: one per process.

    Yields
    ------
    Article or FailedArticle
        Articles without an ``id`` field get ``<file stem>:<line or row number>``;
        pages fetched without one get their address.
    """
    if errors not in ("raise", "skip", "include"):
        raise ValueError(f"errors must be 'raise', 'skip' or 'include', not {errors!r}")
    limit = _limit(max_bytes)
    for item in _iter_items(source, limit, published, fetcher):
        if isinstance(item, FailedArticle):
            if errors == "raise":
                raise item.error
            if errors == "skip":
                warnings.warn(f"skipped {item.id}: {item.error}", _mapper_warning(), stacklevel=2)
                continue
        yield item


def parse_size(value: str | int) -> int:
    """Read a size such as ``"100MB"``, ``"20MiB"``, ``"5e6"`` or ``1048576`` as bytes (for ``--max-bytes``).

    ``k``/``M``/``G`` are powers of 1000; ``KiB``/``MiB``/``GiB`` powers of 1024.
    Raises :class:`ValueError` with a usage hint for anything else.
    """
    if isinstance(value, bool):
        raise ValueError(f"cannot read size {value!r}: use a number of bytes or e.g. 50MB, 1GiB")
    if isinstance(value, int):
        n = value
    else:
        m = re.fullmatch(r"\s*(\d+(?:\.\d*)?(?:e\d+)?)\s*(?:([kmgt])(i?)b?|b?)\s*", str(value), re.IGNORECASE)
        if m is None:
            raise ValueError(f"cannot read size {value!r}: use a number of bytes or e.g. 50MB, 1GiB")
        power = "kmgt".index(m.group(2).lower()) + 1 if m.group(2) else 0
        n = int(float(m.group(1)) * (1024 if m.group(3) else 1000) ** power)
    if n <= 0:
        raise ValueError(f"size must be a positive number of bytes, not {value!r}")
    return n


def parse_date(value: Any) -> _dt.date | None:
    """Read a publication date; None when it cannot be read.

    Accepts :class:`datetime.date`/``datetime``, ISO 8601 strings, RFC 2822
    dates ("Tue, 05 Mar 2024 10:00:00 GMT"), written forms ("5 March 2024",
    via dateutil; a missing day becomes the 1st), and the tuple-like strings
    ``"(2019, 3, 17, 'SUN')"`` found in some scraped corpora.
    """
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if not isinstance(value, str):
        return None
    s = value.strip()
    if not s or len(s) > 100:
        return None
    m = re.match(r"^\(?\s*(\d{4})\s*,\s*(\d{1,2})\s*,\s*(\d{1,2})\b", s) or re.match(
        r"^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])", s
    )
    if m is not None:
        try:
            return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    try:
        from email.utils import parsedate_to_datetime

        return parsedate_to_datetime(s).date()
    except (TypeError, ValueError, IndexError):
        pass
    if not re.search(r"\d", s):
        return None  # dateutil would make "Monday" today's date
    try:
        from dateutil import parser as _dateutil

        # A fixed default keeps a partial date ("March 2024") from borrowing today's.
        return _dateutil.parse(s, default=_dt.datetime(2000, 1, 1)).date()
    except (ValueError, OverflowError, TypeError):
        return None


# ---------------------------------------------------------------------------- helpers
def _mapper_warning() -> type[Warning]:
    from mapper import errors

    return getattr(errors, "MapperWarning", UserWarning)


def _limit(max_bytes: int | None) -> int:
    if max_bytes is None:
        return DEFAULT_MAX_BYTES
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes <= 0:
        raise ValueError(f"max_bytes must be a positive number of bytes, not {max_bytes!r}")
    return max_bytes


def _utf8_size(text: str, limit: int) -> int:
    # Encoding a huge string just to measure it costs a copy: only when it may matter.
    if len(text) * 4 <= limit:
        return len(text)
    if len(text) > limit:
        return len(text)
    return len(text.encode("utf-8", errors="surrogatepass"))


def _user_date(published: Any) -> _dt.date | None:
    if published is None:
        return None
    date = parse_date(published)
    if date is None:
        raise InputError(f"cannot read the publication date {published!r}: give it as YYYY-MM-DD")
    return date


def _meta_date(value: Any, name: str) -> _dt.date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    date = parse_date(value)
    if date is None:
        warnings.warn(
            f"{name}: publication date {str(value)[:60]!r} not understood; it is left empty "
            "(pass --published YYYY-MM-DD to set it)",
            _mapper_warning(),
            stacklevel=3,
        )
    return date


def _text_id(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", errors="surrogatepass")).hexdigest()[:12]


def _first_line(text: str) -> str | None:
    for line in text.split("\n", 50)[:50]:
        line = " ".join(line.split())
        if line:
            if len(line) <= _TITLE_CHARS:
                return line
            cut = line.rfind(" ", 0, _TITLE_CHARS - 1)
            return line[: cut if cut > _TITLE_CHARS // 2 else _TITLE_CHARS - 1] + "…"
    return None


def _override(article: Article, overrides: Mapping[str, Any]) -> Article:
    from dataclasses import replace

    changes = {k: v for k, v in overrides.items() if v is not None}
    return replace(article, **changes) if changes else article


def _is_path_like(s: str) -> bool:
    if not s or len(s) >= _MAX_PATH_CHARS or "\n" in s or "\r" in s or "\x00" in s:
        return False
    try:
        if os.path.lexists(os.path.expanduser(s)):
            return True
    except (OSError, ValueError):
        return False
    spaced = any(c.isspace() for c in s)
    has_sep = "/" in s or "\\" in s
    if _PATHLIKE_SUFFIX.search(s):
        # "Families fled, see report.html" is a sentence; "notes/a b.txt" is a path.
        return not spaced or has_sep
    return not spaced and s.startswith(("/", "./", "../", "~/", ".\\", "..\\"))


def _os_error(err: OSError, path: Path) -> MapperError:
    import errno

    if isinstance(err, FileNotFoundError) or err.errno in (errno.ENOENT, errno.ENOTDIR):
        return InputNotFoundError(f"{path} does not exist: check the path (or pass the article text itself)")
    if isinstance(err, IsADirectoryError):
        return InputIsDirectoryError(
            f"{path} is a directory, not an article file: pass one file, or read a folder with `mapper batch` / read_articles()"
        )
    if isinstance(err, PermissionError):
        return InputPermissionError(f"cannot read {path}: permission denied; make it readable (chmod +r) or copy it")
    return InputError(f"cannot read {path}: {err.strerror or err}; check the file and try again")


def _stat_file(path: Path, limit: int) -> os.stat_result:
    try:
        st = path.stat()
    except OSError as err:
        raise _os_error(err, path) from None
    if stat.S_ISDIR(st.st_mode):
        raise _os_error(IsADirectoryError(21, "Is a directory"), path)
    if stat.S_ISREG(st.st_mode):
        _check_size(st.st_size, limit, str(path))
    return st


def _read_path(path: Path, limit: int, encoding: str | None, overrides: Mapping[str, Any]) -> Article:
    if str(path) == "-":
        data = _read_stream(sys.stdin.buffer, limit, "standard input")
        return _from_bytes(data, name="standard input", stem=None, suffix="", encoding=encoding, overrides=overrides)
    _stat_file(path, limit)
    try:
        with open(path, "rb") as fh:
            data = _read_stream(fh, limit, str(path))
    except OSError as err:
        raise _os_error(err, path) from None
    return _from_bytes(data, name=str(path), stem=path.stem, suffix=path.suffix.lower(), encoding=encoding, overrides=overrides)


def _read_url(url: str, limit: int, encoding: str | None, overrides: Mapping[str, Any], fetcher: Any) -> Article:
    """Fetch a page the user gave by its address and read it as a file of its content type would be."""
    from mapper.read.fetch import default_fetcher

    page = (fetcher if fetcher is not None else default_fetcher()).fetch(url, max_bytes=limit)
    overrides = {**overrides, "url": overrides.get("url") or page.url}
    return _from_bytes(page.body, name=page.url, stem=page.url, suffix=".html" if page.is_html else "",
                       encoding=encoding or page.declared_encoding(), overrides=overrides)


def _read_stream(fh: IO[Any], limit: int, name: str) -> bytes:
    # Read one byte past the limit: the size of pipes and devices is unknown in advance.
    buf = getattr(fh, "buffer", fh)
    data = buf.read(limit + 1)
    if isinstance(data, str):
        data = data.encode("utf-8", errors="surrogatepass")
    _check_size(len(data), limit, name)
    return data


def _from_bytes(
    data: bytes,
    *,
    name: str,
    stem: str | None,
    suffix: str,
    encoding: str | None,
    overrides: Mapping[str, Any],
) -> Article:
    decoded = decode_bytes(data, encoding=encoding, name=name)
    source = name if stem is not None else None
    if suffix in JSON_SUFFIXES:
        records = _json_records(decoded.text, name)
        if len(records) != 1:
            raise InputError(
                f"{name} holds {len(records)} articles: read it with `mapper batch` or read_articles(), or keep one"
            )
        art = article_from_record(
            records[0], default_id=stem or "input", source=source, published=overrides.get("published")
        )
        return _override(art, {**overrides, "published": None})
    o = overrides
    return article_from_text(
        decoded.text,
        id=o.get("id") or stem,
        title=o.get("title"),
        url=o.get("url"),
        published=o.get("published"),
        source=source,
        encoding=decoded.encoding,
        html=True if suffix in HTML_SUFFIXES else None,
        name=name,
    )


def _json_records(text: str, name: str) -> list[Mapping[str, Any]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise InputError(
            f"{name} is not valid JSON (line {err.lineno}, column {err.colno}: {err.msg}): "
            "fix it, or rename it to .txt to read it as text"
        ) from None
    if isinstance(data, Mapping) and isinstance(data.get("articles"), list):
        data = data["articles"]
    if isinstance(data, Mapping):
        return [data]
    if isinstance(data, list) and all(isinstance(x, Mapping) for x in data):
        return list(data)
    raise InputError(f"{name} is JSON but not an article object or a list of them: give objects with a 'text' field")


def _failed(art_id: str, source: str | None, err: MapperError) -> FailedArticle:
    return FailedArticle(art_id, source, err)


def _iter_items(source: Any, limit: int, published: Any, fetcher: Any) -> Iterator[Article | FailedArticle]:
    if source is None or (isinstance(source, str) and source == "-"):
        yield from _iter_stream(sys.stdin.buffer, limit, published, "stdin", fetcher)
        return
    if hasattr(source, "read") and not isinstance(source, (str, bytes, os.PathLike)):
        yield from _iter_stream(getattr(source, "buffer", source), limit, published, "stdin", fetcher)
        return
    if isinstance(source, str) and not _is_path_like(source):
        try:
            yield read_article(source, published=published, max_bytes=limit, as_text=True)
        except MapperError as err:
            yield _failed("text", None, err)
        return
    path = Path(os.fspath(source)).expanduser()
    try:
        st = path.stat()
    except OSError as err:
        raise _os_error(err, path) from None
    if stat.S_ISDIR(st.st_mode):
        for file in _walk(path):
            yield from _iter_file(file, limit, published, fetcher)
        return
    yield from _iter_file(path, limit, published, fetcher)


def _walk(folder: Path) -> Iterator[Path]:
    # Sorted for reproducible runs; hidden files and folders (.git, .DS_Store) skipped.
    for root, dirs, files in os.walk(folder, onerror=None):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for f in sorted(files):
            if not f.startswith(".") and Path(f).suffix.lower() in ARTICLE_SUFFIXES:
                yield Path(root) / f


def _iter_file(path: Path, limit: int, published: Any, fetcher: Any) -> Iterator[Article | FailedArticle]:
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES and _is_url_list(path):
        try:
            with open(path, "rb") as fh:
                yield from _iter_urls(fh, limit, published, path.stem, str(path), fetcher)
        except OSError as err:
            yield _failed(path.stem, str(path), _os_error(err, path))
        return
    if suffix in JSONL_SUFFIXES or suffix in CSV_SUFFIXES or suffix in JSON_SUFFIXES:
        try:
            _stat_file(path, limit if suffix in JSON_SUFFIXES else sys.maxsize)
            if suffix in JSONL_SUFFIXES:
                with open(path, "rb") as fh:
                    yield from _iter_jsonl(fh, limit, published, path.stem, str(path), fetcher)
            elif suffix in CSV_SUFFIXES:
                yield from _iter_csv(path, limit, published, fetcher)
            else:
                yield from _iter_json_file(path, limit, published, fetcher)
        except MapperError as err:
            yield _failed(path.stem, str(path), err)
        except OSError as err:
            yield _failed(path.stem, str(path), _os_error(err, path))
        return
    try:
        yield read_article(path, published=published, max_bytes=limit)
    except MapperError as err:
        yield _failed(path.stem, str(path), err)


def _is_url_list(path: Path) -> bool:
    """A text file of web addresses: the first of its first 20 lines (blank and ``#`` lines aside) and 80 % of them.

    A typo in a list is one failure, not a reason to read the list as an article.
    """
    try:
        with open(path, "rb") as fh:
            head = fh.read(_URL_LIST_HEAD)
    except OSError:
        return False
    lines = head.decode("utf-8", errors="replace").lstrip("\ufeff").splitlines()
    if len(head) == _URL_LIST_HEAD:
        lines = lines[:-1]  # may be cut
    lines = [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")][:20]
    urls = [looks_like_url(line) for line in lines]
    return bool(urls) and urls[0] and sum(urls) >= 0.8 * len(urls)


def _iter_urls(
    fh: IO[bytes], limit: int, published: Any, stem: str, source: str | None, fetcher: Any, first: bytes | None = None
) -> Iterator[Article | FailedArticle]:
    """One fetched article per address; a line that is no address, or a page that fails, is one failure."""
    lineno = 0
    for line, too_long in _bounded_lines(fh, _URL_LIST_HEAD, first):
        lineno += 1
        url = line.decode("utf-8", errors="replace").strip().lstrip("\ufeff")
        if not too_long and (not url or url.startswith("#")):
            continue
        if too_long or not looks_like_url(url):
            yield _failed(f"{stem}:{lineno}", source, InputError(
                f"{source or stem} line {lineno} is not a web address: give one http(s) address a line"))
            continue
        try:
            yield read_article(url, published=published, max_bytes=limit, fetcher=fetcher)
        except MapperError as err:
            yield _failed(url.split("#", 1)[0], source, err)


def _iter_json_file(path: Path, limit: int, published: Any, fetcher: Any) -> Iterator[Article | FailedArticle]:
    with open(path, "rb") as fh:
        data = _read_stream(fh, limit, str(path))
    records = _json_records(decode_bytes(data, name=str(path)).text, str(path))
    for i, rec in enumerate(records, 1):
        default = path.stem if len(records) == 1 else f"{path.stem}:{i}"
        try:
            yield article_from_record(rec, default_id=default, source=str(path), published=published, max_bytes=limit,
                                      fetcher=fetcher)
        except MapperError as err:
            yield _failed(default, str(path), err)


def _iter_jsonl(
    fh: IO[bytes], limit: int, published: Any, stem: str, source: str | None, fetcher: Any, first: bytes | None = None
) -> Iterator[Article | FailedArticle]:
    lineno = 0
    lines = _bounded_lines(fh, limit, first)
    for line, too_long in lines:
        lineno += 1
        default = f"{stem}:{lineno}"
        where = f"{source or stem} line {lineno}"
        if too_long:
            yield _failed(default, source, InputTooLargeError(
                f"{where} is longer than {_human(limit)}: raise --max-bytes or remove that article"))
            continue
        if not line.strip():
            continue
        try:
            text = decode_bytes(line, name=where).text
            rec = json.loads(text)
            if not isinstance(rec, Mapping):
                raise InputError(f"{where} is not a JSON object: give one article object per line")
            yield article_from_record(rec, default_id=default, source=source, published=published, max_bytes=limit,
                                      fetcher=fetcher)
        except json.JSONDecodeError as err:
            yield _failed(default, source, InputError(
                f"{where} is not valid JSON (column {err.colno}: {err.msg}): fix or remove that line"))
        except MapperError as err:
            yield _failed(default, source, err)


def _bounded_lines(fh: IO[bytes], limit: int, first: bytes | None) -> Iterator[tuple[bytes, bool]]:
    """Yield ``(line, too_long)``; a line longer than ``limit`` is skipped without being held in memory."""
    pending = first
    while True:
        if pending is not None:
            line, pending = pending, None
        else:
            line = fh.readline(limit + 2)
        if not line:
            return
        if len(line) > limit + 1 or (len(line) == limit + 2 and not line.endswith(b"\n")):
            while line and not line.endswith(b"\n"):
                line = fh.readline(1 << 20)
            yield b"", True
            continue
        yield line, False


def _iter_csv(path: Path, limit: int, published: Any, fetcher: Any) -> Iterator[Article | FailedArticle]:
    with open(path, "rb") as raw:
        head = raw.read(64 * 1024)
    encoding = sniff_encoding(head, name=str(path))
    if encoding.startswith("utf-8"):
        encoding = "utf-8-sig"
    # The csv module's field limit is process-wide; only ever raise it.
    if csv.field_size_limit() < limit + 1:
        csv.field_size_limit(min(limit + 1, sys.maxsize))
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    with open(path, encoding=encoding, errors="replace", newline="") as fh:
        reader = csv.DictReader(fh, delimiter=delimiter)
        if not reader.fieldnames:
            raise EmptyInputError(f"{path} has no header row: give a CSV with columns id, url, title, published, text")
        names = {str(n).strip().lower() for n in reader.fieldnames if n is not None}
        if not names & set(_TEXT_KEYS + _HTML_KEYS + _URL_KEYS):
            raise InputError(
                f"{path} has no text column (columns: {', '.join(map(str, reader.fieldnames))}): "
                "name the article column 'text', or give a 'url' column of pages to fetch"
            )
        row_no = 0
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as err:
                row_no += 1
                yield _failed(f"{path.stem}:{row_no}", str(path), InputError(
                    f"{path} row {row_no} cannot be read ({err}): fix the CSV quoting or raise --max-bytes"))
                return
            row_no += 1
            row.pop(None, None)  # extra cells beyond the header
            try:
                yield article_from_record(
                    row, default_id=f"{path.stem}:{row_no}", source=str(path), published=published, max_bytes=limit,
                    fetcher=fetcher,
                )
            except MapperError as err:
                yield _failed(f"{path.stem}:{row_no}", str(path), err)


def _iter_stream(
    fh: IO[bytes], limit: int, published: Any, stem: str, fetcher: Any
) -> Iterator[Article | FailedArticle]:
    first = fh.readline(limit + 2)
    stripped = first.lstrip(b"\xef\xbb\xbf \t\r\n")
    if looks_like_url(stripped.decode("utf-8", errors="replace").strip()):
        yield from _iter_urls(fh, limit, published, stem, None, fetcher, first=first)
        return
    if stripped.startswith(b"{"):
        try:
            rec = json.loads(stripped.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            rec = None
        if isinstance(rec, Mapping):
            yield from _iter_jsonl(fh, limit, published, stem, None, fetcher, first=stripped)
            return
    rest = fh.read(max(limit + 1 - len(first), 0) + 1)
    data = first + (rest if isinstance(rest, bytes) else rest.encode("utf-8"))
    try:
        _check_size(len(data), limit, "standard input")
        if stripped.startswith(b"["):
            text = decode_bytes(data, name="standard input").text
            try:
                records = _json_records(text, "standard input")
            except InputError:
                records = None
            if records is not None:
                for i, rec in enumerate(records, 1):
                    try:
                        yield article_from_record(rec, default_id=f"{stem}:{i}", published=published, max_bytes=limit,
                                                  fetcher=fetcher)
                    except MapperError as err:
                        yield _failed(f"{stem}:{i}", None, err)
                return
        yield read_article(data, published=published, max_bytes=limit)
    except MapperError as err:
        yield _failed(stem, None, err)
