"""The geopy-compatible offline geocoder."""

from __future__ import annotations

import pytest
from geopy.exc import GeocoderNotFound
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from mapper.geocode.offline import OfflineGeocoder, get_geocoder_for_service


@pytest.fixture(scope="module")
def geocoder():
    return OfflineGeocoder()


def test_is_a_geopy_geocoder(geocoder):
    assert isinstance(geocoder, Geocoder)


@pytest.mark.parametrize(
    ("query", "place_id"),
    [
        ("Jarablus", "geonames:169179"),
        ("al-Wa'er", "curated:al-waer-homs"),
        ("Zaatari camp", "curated:zaatari-camp"),
        ("Idlib province", "geonames:169387"),
    ],
)
def test_geocode_returns_location_with_raw_place(geocoder, query, place_id):
    loc = geocoder.geocode(query)
    assert isinstance(loc, Location)
    assert loc.raw["place_id"] == place_id
    assert (loc.latitude, loc.longitude) == (loc.raw["lat"], loc.raw["lon"])
    assert 0 < loc.raw["confidence"] <= 1


def test_works_through_rate_limiter(geocoder):
    geocode = RateLimiter(geocoder.geocode, min_delay_seconds=0)
    assert geocode("Aleppo, Syria").raw["country_code"] == "SY"


def test_many_results_and_country_filter(geocoder):
    locs = geocoder.geocode("Damascus", exactly_one=False, limit=3)
    assert 1 < len(locs) <= 3
    us = geocoder.geocode("Damascus", country_codes=["us"])
    assert us.raw["country_code"] == "US"


def test_unknown_is_none(geocoder):
    assert geocoder.geocode("Qwzxvbnm") is None
    assert geocoder.geocode("Qwzxvbnm", exactly_one=False) is None


def test_registry():
    assert get_geocoder_for_service("offline") is OfflineGeocoder
    assert get_geocoder_for_service("nominatim").__name__ == "Nominatim"
    with pytest.raises(GeocoderNotFound):
        get_geocoder_for_service("no-such-service")
