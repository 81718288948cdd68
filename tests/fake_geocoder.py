"""Test plugin: a fake online geocoding service on 127.0.0.1, and a loopback-only guard.

A real ``http.server`` in a thread plays Nominatim (and Photon, ArcGIS) with
scripted answers; geopy's real classes talk to it over real sockets. Only
time is faked (:class:`FakeClock`), so retries and rate limits are checked
without waiting. Registered in ``conftest.py`` as a plugin: the fixtures
``service``, ``clock`` and ``loopback_only`` are available to every test.
"""

from __future__ import annotations

import collections
import ipaddress
import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, urlsplit

import pytest

from fake_web import serving
from mapper.geocode.online import OnlineGeocoder

NOMINATIM_HIT = [
    {
        "place_id": 1, "lat": "-1.2864", "lon": "36.8172", "display_name": "Dorvil Test Town, Somewhere",
        "class": "place", "type": "city", "importance": 0.7,
    }
]
PHOTON_HIT = {
    "type": "FeatureCollection",
    "features": [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [36.8172, -1.2864]},
                  "properties": {"name": "Dorvil Test Town", "country": "Somewhere", "osm_id": 1}}],
}
ARCGIS_HIT = {
    "spatialReference": {"wkid": 4326},
    "candidates": [{"address": "Dorvil Test Town", "location": {"x": 36.8172, "y": -1.2864}, "score": 100,
                    "attributes": {}}],
}


# ------------------------------------------------------------------------ fixtures
class FakeService:
    """Scripted answers, one per request; records what was asked."""

    def __init__(self) -> None:
        self.script: collections.deque = collections.deque()
        self.default = (200, {}, json.dumps(NOMINATIM_HIT).encode(), 0.0)
        self.requests: list[dict] = []
        self.lock = threading.Lock()

    def push(self, status=200, body=None, headers=None, delay=0.0):
        if body is None:
            body = NOMINATIM_HIT
        if not isinstance(body, (bytes, str)):
            body = json.dumps(body)
        if isinstance(body, str):
            body = body.encode()
        self.script.append((status, headers or {}, body, delay))

    def next(self):
        with self.lock:
            return self.script.popleft() if self.script else self.default


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - http.server's naming
        svc: FakeService = self.server.state
        url = urlsplit(self.path)
        with svc.lock:
            svc.requests.append({"path": url.path, "query": parse_qs(url.query), "ua": self.headers.get("User-Agent")})
        status, headers, body, delay = svc.next()
        if delay:
            time.sleep(delay)  # the server really is slow: the client's timeout is what is tested
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            for k, v in headers.items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args):
        pass


@pytest.fixture
def service():
    with serving(_Handler, FakeService()) as svc:
        yield svc


@pytest.fixture
def loopback_only(monkeypatch):
    """Fail the test if anything connects to an address outside 127.0.0.0/8 or ::1."""
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("NO_PROXY", "*")
    seen: list = []
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def check(sock, address):
        if sock.family in (socket.AF_INET, socket.AF_INET6):
            host = address[0]
            if not ipaddress.ip_address(host).is_loopback:
                raise AssertionError(f"test tried to connect to {host}: only loopback is allowed")
            seen.append(host)

    def connect(sock, address):
        check(sock, address)
        return real_connect(sock, address)

    def connect_ex(sock, address):
        check(sock, address)
        return real_connect_ex(sock, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    yield seen
    assert all(ipaddress.ip_address(h).is_loopback for h in seen)


class FakeClock:
    """A clock that only moves when slept on."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 6))
        self.now += seconds


@pytest.fixture
def clock():
    return FakeClock()


def nominatim(service, clock, tmp_path, **kw):
    kw.setdefault("cache", tmp_path / "geocode.sqlite")
    kw.setdefault("min_delay_seconds", 0.0)
    kw.setdefault("fallback", False)
    kw.setdefault("timeout", 2.0)
    return OnlineGeocoder("nominatim", domain=f"127.0.0.1:{service.port}", scheme="http",
                          clock=clock, sleep=clock.sleep, **kw)
