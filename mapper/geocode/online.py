"""Online geocoders through geopy — opt-in, cached, polite, and never a dead end.

mapper is offline by default. Asking an online service (Nominatim, Photon,
ArcGIS, or any geopy service by name) is something a user chooses, e.g. for
places the embedded gazetteer lacks. :class:`OnlineGeocoder` wraps a geopy
geocoder with what public services require and networks make necessary:

* **cache** — answers (including "nothing found") are kept in SQLite in the
  cache directory (``$MAPPER_CACHE_DIR`` or ``~/.cache/mapper``), keyed by
  service, server, query and parameters, so a rerun asks nothing twice;
* **rate limit** — at least ``min_delay_seconds`` between requests
  (Nominatim's policy is one a second);
* **retries** — timeouts, 5xx answers, connection errors and malformed
  answers are retried with exponential backoff; 429 "too many requests"
  waits as long as its ``Retry-After`` header asks (up to ``max_wait``);
* **fallback** — when the service still fails, the offline gazetteer answers
  and a :class:`~mapper.errors.MapperWarning` says so; with
  ``fallback=False`` the failure is raised as a
  :class:`~mapper.errors.GeocoderError` subclass (exit code 10).

Waiting goes through injectable ``clock``/``sleep`` callables so tests never
really sleep.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
import time
import warnings
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from geopy import exc as gexc
from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
from geopy.location import Location

from mapper.errors import (
    GeocoderError,
    GeocoderRateLimited,
    GeocoderTimeout,
    GeocoderUnavailable,
    MapperWarning,
)
from mapper.throttle import Throttle

__all__ = [
    "OnlineGeocoder",
    "GeocodeCache",
    "Throttle",
    "make_geocoder",
    "ONLINE_SERVICES",
    "default_user_agent",
]

#: Services known to work without an API key; any other geopy service name works with its own arguments.
ONLINE_SERVICES = ("nominatim", "photon", "arcgis")

# Politeness defaults per service: Nominatim's usage policy asks for at most one request a second.
_MIN_DELAY = {"nominatim": 1.0, "photon": 1.0, "arcgis": 0.2}


def default_user_agent() -> str:
    """User agent sent to services (``$MAPPER_USER_AGENT`` overrides it; Nominatim requires a real one)."""
    env = os.environ.get("MAPPER_USER_AGENT")
    if env:
        return env
    try:
        from importlib.metadata import version

        v = version("mapper")
    except Exception:  # noqa: BLE001 - not installed: a source checkout
        v = "dev"
    return f"mapper/{v} (displacement news mapper; geopy)"


def _cache_dir() -> Path:
    env = os.environ.get("MAPPER_CACHE_DIR")
    return Path(env).expanduser() if env else Path.home() / ".cache" / "mapper"


# ---------------------------------------------------------------------------- cache
class GeocodeCache:
    """Answers of online geocoders on disk (SQLite), shared by processes.

    Parameters
    ----------
    path : str or os.PathLike, optional
        Database file (default ``<cache dir>/geocode.sqlite``).

    Notes
    -----
    A damaged or unwritable cache never stops geocoding: it is bypassed with
    a :class:`~mapper.errors.MapperWarning`.
    """

    SCHEMA_VERSION = 1

    def __init__(self, path: str | os.PathLike | None = None) -> None:
        self.path = Path(path) if path is not None else _cache_dir() / "geocode.sqlite"
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self._broken = False

    @staticmethod
    def key(service: str, server: str, query: Any, params: Mapping[str, Any]) -> str:
        """Stable key of one request: service, server, query and sorted parameters."""
        payload = json.dumps([service.lower(), server, query, dict(params)], sort_keys=True, default=str, ensure_ascii=False)
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()

    def _connect(self) -> sqlite3.Connection | None:
        if self._broken:
            return None
        if self._conn is None:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                conn = sqlite3.connect(self.path, timeout=10, check_same_thread=False)
                conn.execute(
                    "CREATE TABLE IF NOT EXISTS answers (key TEXT PRIMARY KEY, service TEXT, query TEXT, "
                    "params TEXT, value TEXT, created REAL, version INTEGER)"
                )
                conn.commit()
                self._conn = conn
            except (sqlite3.Error, OSError) as err:
                self._disable(err)
                return None
        return self._conn

    def _disable(self, err: Exception) -> None:
        self._broken = True
        warnings.warn(
            f"geocoder cache {self.path} is unusable ({err}); answers are not cached "
            "(delete the file or set MAPPER_CACHE_DIR to a writable folder)",
            MapperWarning,
            stacklevel=4,
        )

    def get(self, key: str) -> tuple[bool, Any]:
        """Return ``(found, value)``; ``value`` is the JSON stored (``None`` for "nothing found")."""
        with self._lock:
            conn = self._connect()
            if conn is None:
                return False, None
            try:
                row = conn.execute(
                    "SELECT value FROM answers WHERE key = ? AND version = ?", (key, self.SCHEMA_VERSION)
                ).fetchone()
            except sqlite3.Error as err:
                self._disable(err)
                return False, None
        if row is None:
            return False, None
        try:
            return True, json.loads(row[0])
        except (TypeError, ValueError):
            return False, None

    def put(self, key: str, service: str, query: Any, params: Mapping[str, Any], value: Any) -> None:
        """Store one answer (a JSON-able value), replacing any older one."""
        with self._lock:
            conn = self._connect()
            if conn is None:
                return
            try:
                with conn:
                    conn.execute(
                        "INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?, ?, ?, ?)",
                        (
                            key,
                            service,
                            json.dumps(query, default=str, ensure_ascii=False),
                            json.dumps(dict(params), sort_keys=True, default=str),
                            json.dumps(value, default=str, ensure_ascii=False),
                            time.time(),
                            self.SCHEMA_VERSION,
                        ),
                    )
            except sqlite3.Error as err:
                self._disable(err)

    def __len__(self) -> int:
        with self._lock:
            conn = self._connect()
            if conn is None:
                return 0
            return conn.execute("SELECT COUNT(*) FROM answers").fetchone()[0]

    def close(self) -> None:
        """Close the database connection (reopened on next use)."""
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None


# ---------------------------------------------------------------------------- the geocoder
def _location_to_json(loc: Location) -> dict[str, Any]:
    point = loc.point
    return {"address": loc.address, "point": [point.latitude, point.longitude, point.altitude], "raw": loc.raw}


def _location_from_json(d: Mapping[str, Any]) -> Location:
    return Location(d.get("address") or "", tuple(d["point"]), d.get("raw") or {})


def _as_json(answer: Any) -> Any:
    if answer is None:
        return None
    if isinstance(answer, Location):
        return _location_to_json(answer)
    return [_location_to_json(loc) for loc in answer]


def _from_json(value: Any, exactly_one: bool) -> Any:
    if value is None:
        return None
    if isinstance(value, list):
        locs = [_location_from_json(v) for v in value]
        if exactly_one:
            return locs[0] if locs else None
        return locs or None
    loc = _location_from_json(value)
    return loc if exactly_one else [loc]


def _adapter_without_retries(*, proxies: Any, ssl_context: Any) -> Any:
    """geopy's HTTP adapter with the transport's own retries off.

    geopy's requests adapter lets urllib3 retry twice and sleep through
    ``Retry-After`` on its own, out of reach of our cap, clock and fallback;
    retries here are :class:`OnlineGeocoder`'s alone.
    """
    from geopy.adapters import RequestsAdapter, URLLibAdapter

    if RequestsAdapter.is_available:
        return RequestsAdapter(proxies=proxies, ssl_context=ssl_context, max_retries=0)
    return URLLibAdapter(proxies=proxies, ssl_context=ssl_context)


class OnlineGeocoder(Geocoder):
    """A geopy online geocoder with cache, rate limit, retries and offline fallback.

    Itself a :class:`geopy.geocoders.base.Geocoder`: ``geocode(query,
    exactly_one=True, **kwargs)`` returns a ``Location``, a list of them, or
    None, exactly like the wrapped service.

    Parameters
    ----------
    service : str
        A geopy service name (``"nominatim"``, ``"photon"``, ``"arcgis"``,
        ``"googlev3"``...). Ignored when ``geocoder`` is given.
    geocoder : geopy Geocoder, optional
        A ready geopy geocoder to wrap instead of building one.
    cache : bool, str, os.PathLike or GeocodeCache
        ``True`` (default) for the shared cache file, ``False`` for none, or
        a path / cache object.
    min_delay_seconds : float, optional
        Least time between two requests (default: 1 s for Nominatim and
        Photon, 0.2 s otherwise).
    max_retries : int
        Retries after the first attempt for retriable failures.
    backoff : float
        First retry delay in seconds; doubled at each retry, capped at ``max_wait``.
    max_wait : float
        Longest single wait; a ``Retry-After`` longer than this gives up at once.
    timeout : float
        Seconds to wait for an answer to one request.
    fallback : bool or geopy Geocoder
        ``True`` (default): answer with mapper's offline gazetteer when the
        service fails, with a :class:`~mapper.errors.MapperWarning`; a
        geocoder: answer with that one; ``False``: raise.
    fallback_on_empty : bool
        Also ask the fallback when the service found nothing (default False:
        "nothing found" is an answer, and is cached).
    clock, sleep : callables
        Time source and sleep function (for tests).
    user_agent : str, optional
        Defaults to :func:`default_user_agent`.
    **service_kwargs
        Passed to the geopy class (``domain``, ``scheme``, ``api_key``...).

    Examples
    --------
    >>> g = OnlineGeocoder("nominatim")                    # doctest: +SKIP
    >>> g.geocode("Kobani, Syria").point                 # doctest: +SKIP
    """

    def __init__(
        self,
        service: str = "nominatim",
        *,
        geocoder: Geocoder | None = None,
        cache: bool | str | os.PathLike | GeocodeCache = True,
        min_delay_seconds: float | None = None,
        max_retries: int = 3,
        backoff: float = 1.0,
        max_wait: float = 60.0,
        timeout: float = 10.0,
        fallback: bool | Geocoder = True,
        fallback_on_empty: bool = False,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        user_agent: str | None = None,
        **service_kwargs: Any,
    ) -> None:
        super().__init__(timeout=timeout, user_agent=user_agent or default_user_agent())
        if geocoder is None:
            from geopy.geocoders import get_geocoder_for_service

            try:
                cls = get_geocoder_for_service(service)
            except gexc.GeocoderNotFound:
                raise GeocoderError(
                    f"unknown geocoder {service!r}: use offline, {', '.join(ONLINE_SERVICES)} or another geopy service name"
                ) from None
            service_kwargs.setdefault("adapter_factory", _adapter_without_retries)
            try:
                geocoder = cls(user_agent=user_agent or default_user_agent(), timeout=timeout, **service_kwargs)
            except (gexc.ConfigurationError, TypeError) as err:
                raise GeocoderError(f"cannot set up geocoder {service!r}: {err}") from None
        self.service = service.lower() if isinstance(service, str) else type(geocoder).__name__.lower()
        self.geocoder = geocoder
        self.server = f"{getattr(geocoder, 'scheme', '')}://{getattr(geocoder, 'domain', '')}"
        if cache is True:
            self.cache: GeocodeCache | None = GeocodeCache()
        elif cache is False or cache is None:
            self.cache = None
        elif isinstance(cache, GeocodeCache):
            self.cache = cache
        else:
            self.cache = GeocodeCache(cache)
        delay = _MIN_DELAY.get(self.service, 0.2) if min_delay_seconds is None else min_delay_seconds
        self.throttle = Throttle(delay, clock=clock, sleep=sleep)
        self.max_retries = max(0, int(max_retries))
        self.backoff = max(0.0, float(backoff))
        self.max_wait = max(0.0, float(max_wait))
        self.request_timeout = timeout
        self._fallback_option = fallback
        self._fallback: Geocoder | None = fallback if isinstance(fallback, Geocoder) else None
        self.fallback_on_empty = fallback_on_empty
        self.sleep = sleep
        #: Requests actually sent to the service (cache hits excluded), for reports and tests.
        self.requests = 0

    # -- public -----------------------------------------------------------------------
    def geocode(self, query: Any, *, exactly_one: bool = True, timeout: Any = DEFAULT_SENTINEL, **kwargs: Any) -> Any:
        """Geocode ``query`` online; see the class documentation for caching, retries and fallback.

        Returns
        -------
        geopy.location.Location, list of Location, or None

        Raises
        ------
        GeocoderTimeout, GeocoderRateLimited, GeocoderUnavailable, GeocoderError
            Only with ``fallback=False``, after the retries.
        """
        params = {"exactly_one": bool(exactly_one), **{k: v for k, v in kwargs.items()}}
        key = GeocodeCache.key(self.service, self.server, query, params) if self.cache is not None else ""
        if self.cache is not None:
            found, value = self.cache.get(key)
            if found:
                answer = _from_json(value, exactly_one)
                if answer is None and self.fallback_on_empty:
                    return self._fall_back(query, exactly_one, kwargs, None)
                return answer
        try:
            answer = self._ask(query, exactly_one, timeout, kwargs)
        except GeocoderError as err:
            if self._fallback_option is False:
                raise
            return self._fall_back(query, exactly_one, kwargs, err)
        if self.cache is not None:
            self.cache.put(key, self.service, query, params, _as_json(answer))
        if not answer and self.fallback_on_empty:
            return self._fall_back(query, exactly_one, kwargs, None)
        return answer or None

    def reverse(self, query: Any, *, exactly_one: bool = True, timeout: Any = DEFAULT_SENTINEL, **kwargs: Any) -> Any:
        """Reverse geocoding is not part of mapper; use the wrapped geopy geocoder directly."""
        raise NotImplementedError("mapper does not reverse-geocode; call .geocoder.reverse() directly")

    # -- internals --------------------------------------------------------------------
    def _ask(self, query: Any, exactly_one: bool, timeout: Any, kwargs: Mapping[str, Any]) -> Any:
        attempt = 0
        while True:
            self.throttle.wait()
            self.requests += 1
            try:
                return self.geocoder.geocode(
                    query,
                    exactly_one=exactly_one,
                    timeout=self.request_timeout if timeout is DEFAULT_SENTINEL else timeout,
                    **kwargs,
                )
            except gexc.GeopyError as err:
                mapped, retriable, wait = self._classify(err, attempt)
            except (ValueError, KeyError, TypeError, IndexError, AttributeError) as err:
                # A geopy parser choking on an answer of the wrong shape.
                mapped = GeocoderError(
                    f"{self.service} answered with data mapper cannot read ({type(err).__name__}): "
                    "retry later or rerun without --geocoder to stay offline"
                )
                retriable, wait = True, self._backoff(attempt)
            if not retriable or attempt >= self.max_retries:
                raise mapped
            if wait > self.max_wait:
                raise mapped
            self.sleep(wait)
            attempt += 1

    def _backoff(self, attempt: int) -> float:
        return min(self.backoff * (2**attempt), self.max_wait)

    def _classify(self, err: Exception, attempt: int) -> tuple[GeocoderError, bool, float]:
        name = self.service
        hint = "rerun without --geocoder to stay offline"
        if isinstance(err, gexc.GeocoderRateLimited):
            retry_after = err.retry_after
            wait = float(retry_after) if retry_after is not None else self._backoff(attempt)
            wait = max(wait, 0.0)
            msg = f"{name} refused the request: too many requests"
            if retry_after is not None:
                msg += f" (retry after {retry_after:g} s)"
            return GeocoderRateLimited(f"{msg}; wait and retry, or {hint}", retry_after=retry_after), True, wait
        status = getattr(err.__cause__, "status_code", None)
        if isinstance(status, int) and 500 <= status < 600:
            # geopy calls 503/504 "timed out"; say what the server said.
            return (
                GeocoderUnavailable(f"{name} answered HTTP {status} (server error); retry later, or {hint}"),
                True,
                self._backoff(attempt),
            )
        if isinstance(err, gexc.GeocoderTimedOut):
            return (
                GeocoderTimeout(f"{name} did not answer in time ({err}); retry later, raise the timeout, or {hint}"),
                True,
                self._backoff(attempt),
            )
        if isinstance(err, gexc.GeocoderParseError):
            return (
                GeocoderError(f"{name} answered with malformed data ({err}); retry later or {hint}"),
                True,
                self._backoff(attempt),
            )
        if isinstance(err, (gexc.GeocoderUnavailable,)) or type(err) is gexc.GeocoderServiceError:
            return (
                GeocoderUnavailable(f"{name} is unavailable ({err}); check the network, retry later, or {hint}"),
                True,
                self._backoff(attempt),
            )
        if isinstance(err, (gexc.GeocoderAuthenticationFailure, gexc.GeocoderInsufficientPrivileges)):
            return GeocoderError(f"{name} refused the credentials ({err}); check the API key, or {hint}"), False, 0.0
        if isinstance(err, gexc.GeocoderQuotaExceeded):
            return GeocoderError(f"{name} quota exceeded ({err}); wait for the quota to reset, or {hint}"), False, 0.0
        if isinstance(err, gexc.GeocoderQueryError):
            return GeocoderError(f"{name} rejected the query ({err}); check the place name"), False, 0.0
        return GeocoderError(f"{name} failed ({type(err).__name__}: {err}); {hint}"), False, 0.0

    def _fallback_geocoder(self) -> Geocoder:
        if self._fallback is None:
            from mapper.geocode.offline import OfflineGeocoder  # lazy: loads the gazetteer

            self._fallback = OfflineGeocoder()
        return self._fallback

    def _fall_back(self, query: Any, exactly_one: bool, kwargs: Mapping[str, Any], err: GeocoderError | None) -> Any:
        why = f"failed ({err})" if err is not None else "found nothing"
        warnings.warn(
            f"online geocoder {self.service} {why}; answered {query!r} from the offline gazetteer instead",
            MapperWarning,
            stacklevel=3,
        )
        fallback = self._fallback_geocoder()
        passed = {k: v for k, v in kwargs.items() if k in ("country_codes", "limit")}
        try:
            return fallback.geocode(query, exactly_one=exactly_one, **passed)
        except TypeError:
            return fallback.geocode(query, exactly_one=exactly_one)


def make_geocoder(service: str = "offline", **kwargs: Any) -> Geocoder:
    """Build a geocoder by name: ``"offline"`` (default) or an online service.

    Parameters
    ----------
    service : str
        ``"offline"`` for mapper's gazetteer (no network), or ``"nominatim"``,
        ``"photon"``, ``"arcgis"``, or any geopy service name, wrapped in
        :class:`OnlineGeocoder`.
    **kwargs
        For :class:`OnlineGeocoder` (and the geopy class behind it).

    Raises
    ------
    GeocoderError
        Unknown service, or a service that cannot be set up (missing API key).
    """
    name = service.strip().lower()
    if name in ("offline", "gazetteer", ""):
        from mapper.geocode.offline import OfflineGeocoder

        return OfflineGeocoder()
    return OnlineGeocoder(name, **kwargs)
