"""Opt-in online geocoding of the mentions the offline gazetteer left unplaced.

Runs against the fake Nominatim of test_online_geocoders on 127.0.0.1: no
request leaves this machine.
"""

from __future__ import annotations

import pytest

from mapper.geocode.offline import OfflineGeocoder
from mapper.geocode.unplaced import place_unplaced
from mapper.model import Mention, Place, Resolution
from fake_geocoder import nominatim

pytestmark = pytest.mark.usefixtures("loopback_only")

KNOWN = Place("test:k", "Knownville", "town", "XA", 1.0, 2.0, source="test")


def _resolutions():
    return (
        Resolution(Mention("Knownville", 0, 10, "knownville"), KNOWN, 0.9),
        Resolution(Mention("Dorvil", 20, 26, "dorvil"), None, 0.0),
        Resolution(Mention("Dorvil", 40, 46, "dorvil"), None, 0.0),
        Resolution(Mention("Dorvilese", 50, 59, "dorvilese", kind="demonym"), None, 0.0),
    )


def test_only_unplaced_toponyms_are_asked_once_per_name(service, clock, tmp_path):
    out = place_unplaced(_resolutions(), nominatim(service, clock, tmp_path))
    assert out[0] == _resolutions()[0]
    assert len(service.requests) == 1 and service.requests[0]["query"]["q"] == ["Dorvil"]
    for r in out[1:3]:
        assert r.place is not None and r.place.source == "nominatim (online)"
        assert (r.place.lat, r.place.lon) == (-1.2864, 36.8172)
        assert r.confidence < 0.9  # the service saw the name alone, not the article
    assert out[3].place is None


def test_nothing_found_stays_unplaced(service, clock, tmp_path):
    service.push(body=[])
    out = place_unplaced(_resolutions(), nominatim(service, clock, tmp_path))
    assert out[1].place is None and out[2].place is None


def test_any_geopy_geocoder_works_offline_included():
    resolutions = (Resolution(Mention("Aleppo", 0, 6, "aleppo"), None, 0.0),)
    (out,) = place_unplaced(resolutions, OfflineGeocoder())
    assert out.place is not None and out.place.country_code == "SY"
