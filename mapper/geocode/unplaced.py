"""Ask an online geocoder about the mentions the offline gazetteer could not place.

Opt-in (``extract(..., geocoder="nominatim")`` or ``mapper map --geocoder
nominatim``): the offline resolution always runs first, and only mentions it
left unresolved are sent, one request per distinct name, through an
:class:`~mapper.geocode.online.OnlineGeocoder` (cached, rate-limited, with an
offline fallback). An answer becomes a :class:`~mapper.model.Place` whose
``source`` names the service, so a reader of the map can tell it apart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from geopy.geocoders.base import Geocoder

from mapper.model import Place, Resolution

__all__ = ["place_unplaced", "as_geocoder"]

#: Confidence given to an online answer: the service saw the name alone, not the article.
ONLINE_CONFIDENCE = 0.5


def as_geocoder(geocoder: str | Geocoder) -> Geocoder:
    """A geocoder from a service name or a ready geopy geocoder."""
    if isinstance(geocoder, str):
        from mapper.geocode.online import make_geocoder

        return make_geocoder(geocoder)
    return geocoder


def _place(location, service: str) -> Place:
    raw = location.raw if isinstance(location.raw, dict) else {}
    if "place_id" in raw and str(raw["place_id"]).split(":", 1)[0] in ("geonames", "curated", "country", "ne1"):
        # The offline fallback answered: its raw dict is already one of our places.
        return Place(
            place_id=str(raw["place_id"]), name=str(raw.get("name") or location.address),
            feature_type=str(raw.get("feature_type") or "other"), country_code=raw.get("country_code"),
            lat=float(location.latitude), lon=float(location.longitude),
            population=int(raw.get("population") or 0), source=str(raw.get("source") or "offline"),
        )
    ident = raw.get("osm_id") or raw.get("place_id") or f"{location.latitude:.5f},{location.longitude:.5f}"
    osm_type = raw.get("osm_type")
    return Place(
        place_id=f"{service}:{osm_type + '/' if osm_type else ''}{ident}",
        name=str(location.address).split(",")[0].strip() or str(location.address),
        feature_type="other",
        country_code=None,
        lat=float(location.latitude),
        lon=float(location.longitude),
        source=f"{service} (online)",
    )


def place_unplaced(resolutions: Sequence[Resolution], geocoder: str | Geocoder) -> tuple[Resolution, ...]:
    """Resolutions where unplaced toponyms got a place from *geocoder*, if it found one.

    Parameters
    ----------
    resolutions : sequence of Resolution
        The offline resolutions; placed ones are returned unchanged.
    geocoder : str or geopy Geocoder
        A service name (``"nominatim"``...) or a ready geocoder.

    Returns
    -------
    tuple of Resolution
        Same length and order as *resolutions*.
    """
    todo = {r.mention.text for r in resolutions if r.place is None and r.mention.kind == "toponym"}
    if not todo:
        return tuple(resolutions)
    geocoder = as_geocoder(geocoder)
    service = getattr(geocoder, "service", None) or type(geocoder).__name__.lower()
    found: dict[str, Place | None] = {}
    for name in sorted(todo):
        location = geocoder.geocode(name, exactly_one=True)
        found[name] = _place(location, service) if location is not None else None
    return tuple(
        replace(r, place=found[r.mention.text], confidence=ONLINE_CONFIDENCE)
        if r.place is None and found.get(r.mention.text) is not None
        else r
        for r in resolutions
    )
