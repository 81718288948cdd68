"""Web pages by their address: fetched only when a URL is given, politely and within bounds.

mapper is offline by default. A URL given as the input (``mapper map URL``,
``read_article(url)``, a list of URLs in ``mapper batch``) is the one thing
that makes it fetch, and :class:`Fetcher` does so as a careful client should:

* **only http and https**, at most ``max_redirects`` redirects, never in a
  loop and never to another scheme;
* **bounded**: a ``Content-Length`` over ``max_bytes`` is refused before the
  body is read, and no body (compressed or not) is read past ``max_bytes + 1``
  bytes; PDF, images, audio, video, archives and office files are refused by
  their content type with the binary-input error;
* **one time limit per page**, ``timeout`` seconds for everything: connecting,
  redirects, retries and the waits between them;
* **polite**: at least ``min_delay`` seconds between two requests to the same
  host; 429 "too many requests" waits as long as ``Retry-After`` asks; 5xx
  answers, resets and refused connections are retried with exponential backoff;
* **cached on disk** (``$MAPPER_CACHE_DIR/pages``, default
  ``~/.cache/mapper/pages``): a page read once is read from there next time,
  even by another process. Failures are never cached.

Waiting goes through injectable ``clock``/``sleep`` callables (as in
:class:`mapper.throttle.Throttle` and geopy's ``RateLimiter``), so tests never
really sleep.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import threading
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

from mapper.errors import BinaryInputError, FetchError, FetchTimeout, InputError, MapperWarning
from mapper.read.limits import DEFAULT_MAX_BYTES, check_size
from mapper.throttle import Throttle

__all__ = ["Page", "PageCache", "Fetcher", "DEFAULT_TIMEOUT", "DEFAULT_MIN_DELAY", "default_fetcher", "looks_like_url",
           "url_stem"]

# The network modules (urllib.request, http.client, ssl, gzip: ~50 ms) are imported when a
# page is fetched: reading a file must not pay for them.

#: Seconds one page may take by default, retries included (``--timeout``).
DEFAULT_TIMEOUT = 30.0
#: Least seconds between two requests to the same host, by default.
DEFAULT_MIN_DELAY = 1.0

_SCHEMES = ("http", "https")
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]+://\S+")
_REDIRECTS = (301, 302, 303, 307, 308)
_CHUNK = 64 * 1024
_HTML_TYPES = ("text/html", "application/xhtml+xml")
# Content types that are never an article page, with what to do instead.
_BINARY_TYPES = (
    ("application/pdf", "a PDF document", "download it and convert it to text first (e.g. pdftotext)"),
    ("image/", "an image", "give the address of the article page instead"),
    ("audio/", "audio", "give the address of the article page instead"),
    ("video/", "a video", "give the address of the article page instead"),
    ("font/", "a font", "give the address of the article page instead"),
    ("application/zip", "a ZIP archive", "download it and extract the text first"),
    ("application/x-zip", "a ZIP archive", "download it and extract the text first"),
    ("application/gzip", "compressed data", "download it and decompress it first"),
    ("application/x-gzip", "compressed data", "download it and decompress it first"),
    ("application/x-tar", "an archive", "download it and extract the text first"),
    ("application/x-7z", "an archive", "download it and extract the text first"),
    ("application/vnd.rar", "an archive", "download it and extract the text first"),
    ("application/x-rar", "an archive", "download it and extract the text first"),
    ("application/msword", "an office document", "download it and save it as plain text first"),
    ("application/rtf", "an RTF document", "download it and save it as plain text first"),
    ("application/vnd.", "an office document or other binary file", "download it and save it as plain text first"),
)
# Types read by content: no type, or "some bytes" (decode_bytes tells text from binary).
_SNIFFED_TYPES = ("", "application/octet-stream", "binary/octet-stream", "application/unknown")


def looks_like_url(value: object) -> bool:
    """Whether *value* is a single web address (``scheme://...``, no spaces), of any scheme.

    Any scheme, so that ``ftp://`` or ``file://`` get a clear error instead of
    being read as a path or as article text.
    """
    return isinstance(value, str) and len(value) < 8192 and _URL.fullmatch(value.strip()) is not None


def url_stem(url: str) -> str:
    """A short file-name stem for a page: its last path segment without suffix, else its host.

    ``https://example.org/news/2024/camp-fire.html`` → ``camp-fire``.
    """
    parts = urlsplit(url)
    segments = [s for s in parts.path.split("/") if s]
    raw = segments[-1].rsplit(".", 1)[0] if segments else parts.hostname or "page"
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", raw).strip("-")[:80]
    return stem or re.sub(r"[^A-Za-z0-9_-]+", "-", parts.hostname or "page").strip("-") or "page"


@dataclass(frozen=True, slots=True)
class Page:
    """A fetched web page, as the server sent it (body decompressed).

    Attributes
    ----------
    url : str
        The address asked for (without its ``#fragment``).
    final_url : str
        The address read, after redirects.
    status : int
        HTTP status of the final answer.
    content_type : str
        Media type, lower case, without parameters (``""`` when not given).
    charset : str or None
        The ``charset`` parameter of ``Content-Type``.
    body : bytes
    from_cache : bool
        Read from the disk cache, not the network.
    """

    url: str
    final_url: str
    status: int
    content_type: str
    charset: str | None
    body: bytes
    from_cache: bool = False

    @property
    def is_html(self) -> bool:
        """Whether the server called it HTML."""
        return self.content_type in _HTML_TYPES

    def declared_encoding(self) -> str | None:
        """The charset the server declared, when it decodes the body and UTF-8 does not.

        Servers often declare ``iso-8859-1`` by default for pages in UTF-8: a
        body that is valid UTF-8 is left to detection (which says UTF-8).
        """
        if not self.charset:
            return None
        try:
            self.body.decode("utf-8")
            return None
        except UnicodeDecodeError:
            pass
        try:
            self.body.decode(self.charset)
        except (LookupError, UnicodeDecodeError):
            return None
        return self.charset


class PageCache:
    """Fetched pages on disk, one gzip file per address, written atomically.

    Parameters
    ----------
    folder : str or os.PathLike, optional
        Default: ``pages`` in the cache directory (``$MAPPER_CACHE_DIR``,
        else ``~/.cache/mapper``), looked up when first used.

    Notes
    -----
    A damaged file is a miss (and is replaced by the next fetch); an
    unwritable folder turns caching off with one :class:`~mapper.errors.MapperWarning`.
    """

    _VERSION = 1

    def __init__(self, folder=None) -> None:
        self._folder = Path(folder) if folder is not None else None
        self._broken = False

    @property
    def folder(self) -> Path:
        """Where the pages are kept."""
        if self._folder is None:
            from mapper.geocode.gazetteer import cache_dir

            return cache_dir() / "pages"
        return self._folder

    def path(self, url: str) -> Path:
        """The file that holds *url*'s page."""
        digest = hashlib.sha256(url.encode("utf-8", errors="surrogatepass")).hexdigest()
        return self.folder / digest[:2] / f"{digest}.gz"

    def get(self, url: str) -> Page | None:
        """The cached page of *url*, or None."""
        import gzip
        import zlib

        try:
            raw = gzip.decompress(self.path(url).read_bytes())
            head, _, body = raw.partition(b"\n")
            meta = json.loads(head)
            if meta.get("v") != self._VERSION or meta.get("url") != url:
                return None
            return Page(url, meta["final_url"], int(meta["status"]), meta["content_type"], meta.get("charset"),
                        body, from_cache=True)
        except (OSError, EOFError, ValueError, KeyError, TypeError, zlib.error):
            return None

    def put(self, page: Page) -> None:
        """Keep *page* (replacing any older copy)."""
        if self._broken:
            return
        import gzip

        from mapper.atomic import atomic_path

        meta = {"v": self._VERSION, "url": page.url, "final_url": page.final_url, "status": page.status,
                "content_type": page.content_type, "charset": page.charset}
        path = self.path(page.url)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with atomic_path(path) as tmp:
                tmp.write_bytes(gzip.compress(json.dumps(meta).encode() + b"\n" + page.body, compresslevel=6, mtime=0))
        except OSError as err:
            self._broken = True
            warnings.warn(
                f"page cache {self.folder} is unusable ({err.strerror or err}); pages are not cached "
                "(set MAPPER_CACHE_DIR to a writable folder)",
                MapperWarning,
                stacklevel=3,
            )


class _Redirect(Exception):
    def __init__(self, location: str, status: int):
        super().__init__(location)
        self.location, self.status = location, status


class _Retry(Exception):
    """A failure worth another attempt: *error* if none is left; *wait* None means "back off"."""

    def __init__(self, error: FetchError, wait: float | None = None):
        super().__init__(str(error))
        self.error, self.wait = error, wait


def _opener():
    """urllib's opener (proxies from the environment, TLS) with redirects left to :class:`Fetcher`."""
    import urllib.request

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        # Followed by Fetcher itself: counted, checked for loops and schemes, throttled.
        def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: PLR0913 - urllib's signature
            return None

    return urllib.request.build_opener(NoRedirect)


class Fetcher:
    """Fetch web pages politely, within bounds, with a cache on disk.

    Parameters
    ----------
    timeout : float
        Seconds one page may take, everything included (connecting, redirects,
        retries, waits); default :data:`DEFAULT_TIMEOUT`.
    max_redirects : int
        Redirects followed for one page.
    max_retries : int
        Further attempts after a retriable failure (5xx, 429, reset, refused).
    backoff : float
        First wait before a retry, doubled at each retry, capped at *max_wait*.
    max_wait : float
        Longest single wait; a ``Retry-After`` longer than this gives up at once.
    min_delay : float, optional
        Least seconds between two requests to the same host (default :data:`DEFAULT_MIN_DELAY`).
    cache : bool, str, os.PathLike or PageCache
        True (default) for the shared cache folder, False for none, or a folder / cache.
    user_agent : str, optional
        Default: :func:`mapper.geocode.online.default_user_agent` (``$MAPPER_USER_AGENT``).
    clock, sleep : callables
        Time source and sleep function (for tests).

    Examples
    --------
    >>> page = Fetcher(timeout=20).fetch("https://example.org/news/story.html")  # doctest: +SKIP
    >>> page.final_url, page.content_type                                          # doctest: +SKIP
    """

    def __init__(
        self,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        max_redirects: int = 5,
        max_retries: int = 2,
        backoff: float = 1.0,
        max_wait: float = 30.0,
        min_delay: float | None = None,
        cache=True,
        user_agent: str | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if not timeout or timeout <= 0:
            raise ValueError(f"timeout must be a positive number of seconds, not {timeout!r}")
        self.timeout = float(timeout)
        self.max_redirects = max(0, int(max_redirects))
        self.max_retries = max(0, int(max_retries))
        self.backoff = max(0.0, float(backoff))
        self.max_wait = max(0.0, float(max_wait))
        self.min_delay = max(0.0, float(DEFAULT_MIN_DELAY if min_delay is None else min_delay))
        if cache is True:
            self.cache: PageCache | None = PageCache()
        elif cache is False or cache is None:
            self.cache = None
        else:
            self.cache = cache if isinstance(cache, PageCache) else PageCache(cache)
        self._user_agent = user_agent
        self.clock, self.sleep = clock, sleep
        self._throttles: dict[str, Throttle] = {}
        self._lock = threading.Lock()
        self._opener = None
        #: Requests actually sent (cache hits excluded), for reports and tests.
        self.requests = 0

    # -- public -------------------------------------------------------------------------
    def fetch(self, url: str, *, max_bytes: int | None = None) -> Page:
        """Fetch one page (or read it from the cache).

        Parameters
        ----------
        url : str
            An ``http://`` or ``https://`` address.
        max_bytes : int, optional
            Largest body accepted (default :data:`~mapper.read.limits.DEFAULT_MAX_BYTES`).

        Returns
        -------
        Page

        Raises
        ------
        FetchError, FetchTimeout
            Network failure, HTTP error, too many redirects, no answer in time (exit code 14).
        BinaryInputError
            A PDF, image or other binary content type (exit code 6).
        InputTooLargeError
            Larger than *max_bytes* (exit code 7).
        InputError
            Not an http(s) address, or a content type that is no page (JSON, feeds; exit code 3).
        """
        limit = max_bytes or DEFAULT_MAX_BYTES
        url = _checked_url(url, url)
        if self.cache is not None:
            page = self.cache.get(url)
            if page is not None:
                check_size(len(page.body), limit, url)
                return page
        page = replace(self._follow(url, limit), url=url)
        if self.cache is not None:
            self.cache.put(page)
        return page

    # -- the attempts -------------------------------------------------------------------
    def _follow(self, url: str, limit: int) -> Page:
        deadline = self.clock() + self.timeout
        current, seen, attempt = url, [url], 0
        while True:
            try:
                return self._attempt(current, limit, deadline)
            except _Redirect as hop:
                current = self._redirect(url, current, hop, seen)
            except _Retry as failure:
                wait = failure.wait if failure.wait is not None else min(self.backoff * 2**attempt, self.max_wait)
                if attempt >= self.max_retries or wait > self.max_wait or self.clock() + wait >= deadline:
                    raise failure.error from None
                self.sleep(wait)
                attempt += 1

    def _redirect(self, url: str, current: str, hop: _Redirect, seen: list[str]) -> str:
        target = _checked_url(urljoin(current, hop.location), url)
        if target in seen:
            raise FetchError(f"{url} redirects in a loop ({current} → {target}): open it in a browser to find the page's real address",
                             status=hop.status)
        if len(seen) > self.max_redirects:
            raise FetchError(f"{url} redirected more than {self.max_redirects} times: give the page's final address",
                             status=hop.status)
        seen.append(target)
        return target

    def _attempt(self, url: str, limit: int, deadline: float) -> Page:
        import http.client
        import urllib.error
        import urllib.request

        self._throttle(url).wait()
        remaining = deadline - self.clock()
        if remaining <= 0:
            raise self._timeout(url)
        request = urllib.request.Request(url, headers={
            "User-Agent": self._agent(),
            "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1",
            "Accept-Encoding": "gzip",
        })
        self.requests += 1
        if self._opener is None:
            self._opener = _opener()
        try:
            response = self._opener.open(request, timeout=remaining)
        except urllib.error.HTTPError as err:
            with err:
                raise self._http_error(url, err) from None
        except (urllib.error.URLError, OSError, http.client.HTTPException) as err:
            raise self._network_error(url, getattr(err, "reason", err)) from None
        except ValueError as err:  # what urllib still finds wrong with the address
            raise FetchError(f"cannot read {url} ({err}): check the address") from None
        with response:
            content_type, charset = _content_type(response.headers.get("Content-Type"))
            _check_type(content_type, url)
            body = self._body(response, url, limit, deadline)
            return Page(url, url, response.status, content_type, charset, body)

    def _body(self, response, url: str, limit: int, deadline: float) -> bytes:
        import http.client
        import zlib

        length = (response.headers.get("Content-Length") or "").strip()
        if length.isdigit():
            check_size(int(length), limit, url)
        coding = (response.headers.get("Content-Encoding") or "identity").strip().lower()
        if coding not in ("identity", "gzip", "x-gzip"):
            raise FetchError(f"{url} was sent compressed as {coding!r}, which mapper cannot read: save the page and give the file")
        inflate = zlib.decompressobj(16 + zlib.MAX_WBITS) if coding != "identity" else None
        out = bytearray()
        try:
            # never more than limit + 1 bytes of an uncompressed body: its true size is not needed
            while chunk := self._read(response, url, deadline, _CHUNK if inflate else min(_CHUNK, limit + 1 - len(out))):
                if inflate is None:
                    out += chunk
                else:
                    # max_length bounds what a small compressed body may expand to (never 0: unbounded)
                    out += inflate.decompress(chunk, limit + 1 - len(out))
                check_size(len(out), limit, url)
            if inflate is not None:
                out += inflate.flush()
                check_size(len(out), limit, url)
        except zlib.error:
            raise _Retry(FetchError(f"{url} sent damaged compressed data: retry later")) from None
        except (OSError, http.client.HTTPException) as err:
            raise self._network_error(url, err) from None
        return bytes(out)

    def _read(self, response, url: str, deadline: float, size: int) -> bytes:
        remaining = deadline - self.clock()
        if remaining <= 0:
            raise _Retry(self._timeout(url))
        sock = getattr(getattr(response.fp, "raw", None), "_sock", None)
        if sock is not None:  # a server trickling bytes must not outlast the page's time limit
            sock.settimeout(remaining)
        return response.read1(size)

    # -- failures -----------------------------------------------------------------------
    def _timeout(self, url: str) -> FetchTimeout:
        return FetchTimeout(f"{url} did not arrive within {self.timeout:g} s: retry later, or raise --timeout")

    def _http_error(self, url: str, err) -> Exception:
        status = err.code
        if status in _REDIRECTS:
            location = err.headers.get("Location")
            if not location:
                return FetchError(f"{url} answered HTTP {status} (a redirect) without saying where to: check the address", status)
            return _Redirect(location, status)
        reason = f"HTTP {status}" + (f" ({err.reason})" if err.reason else "")
        if status == 429:
            wait = _retry_after(err.headers.get("Retry-After"))
            said = f", asking to wait {wait:g} s" if wait is not None else ""
            return _Retry(FetchError(f"{url} answered {reason}: too many requests{said}; retry later", status), wait)
        if status >= 500 or status == 408:
            return _Retry(FetchError(f"{url} answered {reason} (a server error): retry later", status))
        return FetchError(f"{url} answered {reason}: check the address", status)

    def _network_error(self, url: str, reason: object) -> Exception:
        import socket
        import ssl

        host = urlsplit(url).hostname or url
        if isinstance(reason, TimeoutError):
            return _Retry(self._timeout(url))
        if isinstance(reason, socket.gaierror):
            return FetchError(f"cannot find the host {host} ({reason.strerror or reason}): check the address and the network")
        if isinstance(reason, ssl.SSLError):
            return FetchError(f"cannot open a secure connection to {host} ({reason}): check the address")
        text = getattr(reason, "strerror", None) or str(reason) or type(reason).__name__
        return _Retry(FetchError(f"cannot read {url} ({text}): check the address and the network, or retry later"))

    # -- politeness ---------------------------------------------------------------------
    def _throttle(self, url: str) -> Throttle:
        host = (urlsplit(url).hostname or "").lower()
        with self._lock:
            if host not in self._throttles:
                self._throttles[host] = Throttle(self.min_delay, clock=self.clock, sleep=self.sleep)
            return self._throttles[host]

    def _agent(self) -> str:
        if self._user_agent is None:
            from mapper.geocode.online import default_user_agent

            self._user_agent = default_user_agent()
        return self._user_agent


@functools.lru_cache(maxsize=1)
def default_fetcher() -> Fetcher:
    """The :class:`Fetcher` used when none is given: one per process, so its rate limits hold across calls."""
    return Fetcher()


def _checked_url(url: object, asked: object) -> str:
    """*url* without its fragment, when it is an http(s) address; *asked* is what the user gave."""
    text = url.strip() if isinstance(url, str) else ""
    if looks_like_url(text):
        try:
            text = urldefrag(text)[0]
            parts = urlsplit(text)
            ok = parts.scheme.lower() in _SCHEMES and bool(parts.hostname) and (parts.port or 0) >= 0
        except ValueError:  # "http://[::1", a port that is no number
            raise InputError(f"{asked} is not a valid web address: check it") from None
        if ok:
            return text
    if url == asked:
        raise InputError(f"{asked} cannot be fetched: only http:// and https:// addresses are read; "
                         "download the page and give the file instead")
    raise FetchError(f"{asked} redirects to {url}, which is not an http(s) address: download the page and give the file instead")


def _content_type(header: str | None) -> tuple[str, str | None]:
    if not header:
        return "", None
    kind, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'") or None
    return kind.strip().lower(), charset


def _check_type(content_type: str, url: str) -> None:
    if content_type in _HTML_TYPES or content_type.startswith("text/") or content_type in _SNIFFED_TYPES:
        return
    for prefix, what, advice in _BINARY_TYPES:
        if content_type.startswith(prefix):
            raise BinaryInputError(f"{url} is {what} ({content_type}), not a web page: {advice}")
    raise InputError(f"{url} is {content_type}, not a web page or text: give the address of an article page")


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        from email.utils import parsedate_to_datetime

        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError, IndexError):
        return None
