"""Online geocoders against a fake HTTP service on 127.0.0.1.

A real ``http.server`` in a thread plays Nominatim (and Photon, ArcGIS):
scripted answers cover success, empty answers, 429 with Retry-After, 5xx,
timeouts, malformed JSON and refused connections. geopy's real classes talk
to it over real sockets; only time is faked (an injected clock and sleep), so
retries and rate limits are checked without waiting. A guard on
``socket.connect`` fails any test that tries to reach anything but loopback.
"""

from __future__ import annotations

import socket
import sqlite3
import time
import warnings

import pytest
from geopy.geocoders import Nominatim

from mapper.errors import (
    GeocoderError,
    GeocoderRateLimited,
    GeocoderTimeout,
    GeocoderUnavailable,
    MapperError,
    MapperWarning,
)
from mapper.geocode.online import GeocodeCache, OnlineGeocoder, Throttle, make_geocoder

from fake_geocoder import ARCGIS_HIT, NOMINATIM_HIT, PHOTON_HIT, FakeClock, nominatim  # noqa: F401

# Every test here fails if anything connects beyond loopback.
pytestmark = pytest.mark.usefixtures("loopback_only")


# ------------------------------------------------------------------------ answers and cache
def test_answer_is_parsed_and_cached(service, clock, tmp_path, loopback_only):
    g = nominatim(service, clock, tmp_path)
    loc = g.geocode("Dorvil")
    assert (round(loc.latitude, 4), round(loc.longitude, 4)) == (-1.2864, 36.8172)
    assert loc.raw["display_name"].startswith("Dorvil")
    assert service.requests[0]["path"] == "/search" and service.requests[0]["query"]["q"] == ["Dorvil"]
    assert service.requests[0]["ua"].startswith("mapper/")
    again = g.geocode("Dorvil")
    assert (again.latitude, again.longitude, again.address) == (loc.latitude, loc.longitude, loc.address)
    assert len(service.requests) == 1 and g.requests == 1
    assert loopback_only and set(loopback_only) == {"127.0.0.1"}


def test_cache_survives_a_new_process_and_is_keyed_by_parameters(service, clock, tmp_path):
    nominatim(service, clock, tmp_path).geocode("Dorvil")
    fresh = nominatim(service, clock, tmp_path)
    assert fresh.geocode("Dorvil").latitude == pytest.approx(-1.2864)
    assert len(service.requests) == 1
    fresh.geocode("Dorvil", country_codes="ke")  # different parameters: a new request
    fresh.geocode("Dorvil", exactly_one=False)
    assert len(service.requests) == 3
    assert len(GeocodeCache(tmp_path / "geocode.sqlite")) == 3


def test_list_answers(service, clock, tmp_path):
    service.push(body=NOMINATIM_HIT * 2)
    g = nominatim(service, clock, tmp_path)
    locs = g.geocode("Dorvil", exactly_one=False, limit=2)
    assert isinstance(locs, list) and len(locs) == 2
    assert len(g.geocode("Dorvil", exactly_one=False, limit=2)) == 2  # from the cache
    assert len(service.requests) == 1


@pytest.mark.parametrize("body", ["[]", "[]\n"])
def test_empty_answer_is_none_and_cached(service, clock, tmp_path, body):
    service.push(body=body)
    g = nominatim(service, clock, tmp_path)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert g.geocode("Nowhere at all") is None
        assert g.geocode("Nowhere at all") is None
    assert len(service.requests) == 1


def test_no_cache(service, clock, tmp_path):
    g = nominatim(service, clock, tmp_path, cache=False)
    g.geocode("Dorvil")
    g.geocode("Dorvil")
    assert len(service.requests) == 2
    assert not (tmp_path / "geocode.sqlite").exists()


def test_damaged_cache_is_bypassed_with_a_warning(service, clock, tmp_path):
    path = tmp_path / "geocode.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    g = nominatim(service, clock, tmp_path, cache=path)
    with pytest.warns(MapperWarning, match="cache"):
        loc = g.geocode("Dorvil")
    assert loc is not None
    assert path.read_bytes().startswith(b"this is not a database")  # left as it was


def test_default_cache_lives_in_mapper_cache_dir(service, clock, tmp_path, monkeypatch):
    monkeypatch.setenv("MAPPER_CACHE_DIR", str(tmp_path / "cachedir"))
    g = nominatim(service, clock, tmp_path, cache=True)
    g.geocode("Dorvil")
    db = tmp_path / "cachedir" / "geocode.sqlite"
    assert db.exists()
    assert sqlite3.connect(db).execute("SELECT COUNT(*) FROM answers").fetchone()[0] == 1


# ------------------------------------------------------------------------ rate limit, retries, backoff
def test_requests_are_spaced_by_the_rate_limit(service, clock, tmp_path):
    g = nominatim(service, clock, tmp_path, min_delay_seconds=1.0)
    for q in ("A town", "B town", "C town"):
        g.geocode(q)
    assert clock.sleeps == [1.0, 1.0]
    g.geocode("A town")  # cached: no request, no wait
    assert clock.sleeps == [1.0, 1.0]


def test_nominatim_default_is_one_request_a_second(service, clock, tmp_path):
    g = OnlineGeocoder("nominatim", domain=f"127.0.0.1:{service.port}", scheme="http", clock=clock,
                       sleep=clock.sleep, cache=False, fallback=False)
    g.geocode("A town")
    g.geocode("B town")
    assert clock.sleeps == [1.0]


def test_throttle_alone():
    c = FakeClock()
    t = Throttle(0.5, clock=c, sleep=c.sleep)
    assert t.wait() == 0.0
    c.now += 0.2
    assert t.wait() == pytest.approx(0.3)
    c.now += 5
    assert t.wait() == 0.0


def test_429_waits_as_long_as_retry_after_says(service, clock, tmp_path):
    service.push(429, body="slow down", headers={"Retry-After": "7"})
    service.push(200)
    loc = nominatim(service, clock, tmp_path).geocode("Dorvil")
    assert loc is not None
    assert clock.sleeps == [7.0]
    assert len(service.requests) == 2


def test_429_with_an_http_date(service, clock, tmp_path):
    from email.utils import formatdate

    service.push(429, body="", headers={"Retry-After": formatdate(time.time() + 30, usegmt=True)})
    service.push(200)
    assert nominatim(service, clock, tmp_path).geocode("Dorvil") is not None
    assert len(clock.sleeps) == 1 and 25 <= clock.sleeps[0] <= 31


def test_429_longer_than_max_wait_gives_up_at_once(service, clock, tmp_path):
    service.push(429, body="", headers={"Retry-After": "3600"})
    with pytest.raises(GeocoderRateLimited, match="too many requests") as info:
        nominatim(service, clock, tmp_path, max_wait=60).geocode("Dorvil")
    assert info.value.retry_after == 3600
    assert info.value.exit_code == 10
    assert clock.sleeps == [] and len(service.requests) == 1


def test_429_without_retry_after_backs_off_exponentially(service, clock, tmp_path):
    for _ in range(4):
        service.push(429, body="")
    with pytest.raises(GeocoderRateLimited):
        nominatim(service, clock, tmp_path, max_retries=3, backoff=1.0).geocode("Dorvil")
    assert clock.sleeps == [1.0, 2.0, 4.0]
    assert len(service.requests) == 4


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_server_errors_are_retried(service, clock, tmp_path, status):
    service.push(status, body="<html>Bad gateway</html>")
    service.push(status, body="")
    service.push(200)
    loc = nominatim(service, clock, tmp_path, backoff=0.5).geocode("Dorvil")
    assert loc is not None
    assert clock.sleeps == [0.5, 1.0]


@pytest.mark.parametrize("status", [500, 503])
def test_persistent_server_errors_raise_unavailable(service, clock, tmp_path, status):
    for _ in range(3):
        service.push(status, body="")
    with pytest.raises(GeocoderUnavailable, match=f"HTTP {status}") as info:
        nominatim(service, clock, tmp_path, max_retries=2).geocode("Dorvil")
    assert info.value.exit_code == 10 and "\n" not in str(info.value)
    assert len(service.requests) == 3


def test_backoff_is_capped_by_max_wait(service, clock, tmp_path):
    for _ in range(5):
        service.push(502, body="")
    with pytest.raises(GeocoderUnavailable):
        nominatim(service, clock, tmp_path, max_retries=4, backoff=2.0, max_wait=5.0).geocode("Dorvil")
    assert clock.sleeps == [2.0, 4.0, 5.0, 5.0]


@pytest.mark.parametrize("status", [400, 401, 403])
def test_client_errors_are_not_retried(service, clock, tmp_path, status):
    service.push(status, body="no")
    with pytest.raises(GeocoderError) as info:
        nominatim(service, clock, tmp_path).geocode("Dorvil")
    assert not isinstance(info.value, (GeocoderUnavailable, GeocoderRateLimited))
    assert len(service.requests) == 1 and clock.sleeps == []


def test_timeout_is_retried_then_raised(service, clock, tmp_path):
    service.push(200, delay=1.0)
    service.push(200, delay=1.0)
    t0 = time.monotonic()
    with pytest.raises(GeocoderTimeout, match="did not answer in time") as info:
        nominatim(service, clock, tmp_path, timeout=0.2, max_retries=1).geocode("Dorvil")
    assert isinstance(info.value, TimeoutError) and info.value.exit_code == 10
    assert time.monotonic() - t0 < 5
    assert clock.sleeps == [1.0]


def test_timeout_then_success(service, clock, tmp_path):
    service.push(200, delay=1.0)
    service.push(200)
    assert nominatim(service, clock, tmp_path, timeout=0.2).geocode("Dorvil") is not None


@pytest.mark.parametrize(
    "body",
    ["<html><body>Service temporarily down</body></html>", "[{\"lat\": \"1\", ", "\x00\x01garbage"],
    ids=["html-page", "truncated-json", "garbage"],
)
def test_malformed_json_is_retried_then_raised(service, clock, tmp_path, body):
    for _ in range(3):
        service.push(200, body=body)
    with pytest.raises(GeocoderError, match="malformed"):
        nominatim(service, clock, tmp_path, max_retries=2).geocode("Dorvil")
    assert len(service.requests) == 3


def test_malformed_then_good(service, clock, tmp_path):
    service.push(200, body="{oops")
    service.push(200)
    assert nominatim(service, clock, tmp_path).geocode("Dorvil") is not None


@pytest.mark.parametrize("body", ['[{"display_name": "no coordinates"}]', '{"error": "Unable to geocode"}', '"text"'])
def test_answers_of_the_wrong_shape(service, clock, tmp_path, body):
    for _ in range(4):
        service.push(200, body=body)
    g = nominatim(service, clock, tmp_path)
    try:
        answer = g.geocode("Dorvil")
    except MapperError as err:
        assert isinstance(err, GeocoderError)
    else:
        assert answer is None or hasattr(answer, "latitude")


def test_refused_connection_is_unavailable(clock, tmp_path):
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()  # nothing listens there now
    g = OnlineGeocoder("nominatim", domain=f"127.0.0.1:{port}", scheme="http", clock=clock, sleep=clock.sleep,
                       cache=False, fallback=False, max_retries=2, min_delay_seconds=0)
    with pytest.raises(GeocoderUnavailable):
        g.geocode("Dorvil")
    assert clock.sleeps == [1.0, 2.0]


# ------------------------------------------------------------------------ fallback
def test_failure_falls_back_to_a_given_geocoder_with_a_warning(service, clock, tmp_path):
    for _ in range(2):
        service.push(503, body="")
    second = Nominatim(domain=f"127.0.0.1:{service.port}", scheme="http", user_agent="mapper-test")
    g = nominatim(service, clock, tmp_path, max_retries=1, fallback=second)
    with pytest.warns(MapperWarning, match="offline gazetteer instead"):
        loc = g.geocode("Dorvil")
    assert loc is not None and len(service.requests) == 3
    # A failure is never cached: next time the service is asked again.
    assert g.geocode("Dorvil") is not None and len(service.requests) == 4


def test_failure_falls_back_to_the_offline_gazetteer(service, clock, tmp_path):
    pytest.importorskip("mapper.geocode.offline")
    for _ in range(2):
        service.push(500, body="")
    g = nominatim(service, clock, tmp_path, max_retries=1, fallback=True)
    with pytest.warns(MapperWarning, match=r"nominatim failed .*HTTP 500.*offline gazetteer"):
        loc = g.geocode("Nairobi, Kenya")
    assert loc is not None
    assert loc.raw.get("place_id", "").startswith(("geonames:", "ne", "curated:"))
    assert abs(loc.latitude - -1.29) < 0.5 and abs(loc.longitude - 36.82) < 0.5


def test_fallback_on_empty_is_opt_in(service, clock, tmp_path):
    pytest.importorskip("mapper.geocode.offline")
    service.push(200, body="[]")
    g = nominatim(service, clock, tmp_path, fallback=True, fallback_on_empty=True)
    with pytest.warns(MapperWarning, match="found nothing"):
        loc = g.geocode("Nairobi, Kenya")
    assert loc is not None


# ------------------------------------------------------------------------ other services, by name
def test_photon_by_name(service, clock, tmp_path):
    service.push(200, body=PHOTON_HIT)
    g = OnlineGeocoder("photon", domain=f"127.0.0.1:{service.port}", scheme="http", clock=clock,
                       sleep=clock.sleep, cache=tmp_path / "c.sqlite", fallback=False)
    loc = g.geocode("Dorvil")
    assert loc.latitude == pytest.approx(-1.2864)
    assert service.requests[0]["path"] == "/api"


def test_arcgis_by_name(service, clock, tmp_path):
    service.push(200, body=ARCGIS_HIT)
    g = OnlineGeocoder("arcgis", domain=f"127.0.0.1:{service.port}", scheme="http", clock=clock,
                       sleep=clock.sleep, cache=tmp_path / "c.sqlite", fallback=False)
    loc = g.geocode("Dorvil")
    assert loc.longitude == pytest.approx(36.8172)
    assert service.requests[0]["path"].endswith("/findAddressCandidates")


def test_unknown_service():
    with pytest.raises(GeocoderError, match="unknown geocoder"):
        OnlineGeocoder("no-such-service")


def test_service_needing_a_key_says_so():
    with pytest.raises(GeocoderError, match="cannot set up"):
        OnlineGeocoder("opencage")  # api_key missing


def test_make_geocoder_offline_by_default():
    pytest.importorskip("mapper.geocode.offline")
    from mapper.geocode.offline import OfflineGeocoder

    assert isinstance(make_geocoder(), OfflineGeocoder)
    assert isinstance(make_geocoder("offline"), OfflineGeocoder)


def test_make_geocoder_online(service, clock, tmp_path):
    g = make_geocoder("Nominatim", domain=f"127.0.0.1:{service.port}", scheme="http", cache=False,
                      clock=clock, sleep=clock.sleep, fallback=False)
    assert isinstance(g, OnlineGeocoder) and g.geocode("Dorvil") is not None


def test_the_guard_blocks_other_addresses():
    # 192.0.2.1 is TEST-NET-1: the guard raises before any packet is sent.
    s = socket.socket()
    try:
        with pytest.raises(AssertionError, match="only loopback"):
            s.connect(("192.0.2.1", 9))
    finally:
        s.close()
