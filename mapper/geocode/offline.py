"""A geopy-compatible geocoder over mapper's offline gazetteer.

``OfflineGeocoder`` is a :class:`geopy.geocoders.base.Geocoder`: code written
for geopy (``geocode(query, exactly_one=...)``, :class:`geopy.extra.rate_limiter.RateLimiter`,
``location.latitude``, ``location.raw``) works with it unchanged, and never
touches the network.

Queries may name containers after commas ("Raqqa, Syria", "Springfield,
Illinois") and end with a feature word ("Daraa province"): both steer the
ranking exactly as they do in an article.

Geocoders are found by name with :func:`get_geocoder_for_service`
(``"offline"`` here; online backends register themselves with
:func:`register_geocoder`).
"""

from __future__ import annotations

from geopy.exc import GeocoderNotFound
from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
from geopy.location import Location

from mapper.geocode.gazetteer import Gazetteer, get_gazetteer
from mapper.geocode.names import FEATURE_WORDS, name_key
from mapper.geocode.resolve import resolve
from mapper.model import Mention, Place

__all__ = ["OfflineGeocoder", "register_geocoder", "get_geocoder_for_service", "GEOCODERS", "place_to_location"]


def place_to_location(place: Place, confidence: float | None = None, gazetteer: Gazetteer | None = None) -> Location:
    """A geopy ``Location`` for *place*; ``raw`` holds the Place's fields (and the confidence)."""
    parts = [place.name]
    if place.admin1 and place.admin1 != place.name:
        parts.append(place.admin1)
    if place.feature_type != "country" and place.country_code:
        gz = gazetteer or get_gazetteer()
        c = gz.country(place.country_code)
        parts.append(c.place.name if c else place.country_code)
    raw = {
        "place_id": place.place_id, "name": place.name, "feature_type": place.feature_type,
        "country_code": place.country_code, "lat": place.lat, "lon": place.lon, "admin1": place.admin1,
        "population": place.population, "source": place.source,
    }
    if confidence is not None:
        raw["confidence"] = confidence
    return Location(", ".join(parts), (place.lat, place.lon, 0.0), raw)


def _query_mentions(query: str) -> tuple[Mention, ...]:
    """Read "Name [feature], Container, Country" as mentions of one short text."""
    out = []
    pos = 0
    for i, part in enumerate(query.split(",")):
        start = pos + len(part) - len(part.lstrip())
        text = part.strip()
        pos += len(part) + 1
        if not text:
            continue
        words = text.split()
        hint = None
        if len(words) > 1 and words[-1].lower() in FEATURE_WORDS:
            hint = FEATURE_WORDS[words[-1].lower()]
            words = words[:-1]
        out.append(Mention(text=text, start=start, end=start + len(text), key=name_key(" ".join(words)),
                           feature_hint=hint))
    return tuple(out)


class OfflineGeocoder(Geocoder):
    """Geocode place names with the embedded gazetteer; no network, no API key.

    Parameters
    ----------
    gazetteer : Gazetteer, optional
        Defaults to the shared :func:`~mapper.geocode.gazetteer.get_gazetteer`.
    **kwargs
        Accepted for compatibility with geopy's ``Geocoder`` (``user_agent``,
        ``timeout``...); unused offline.

    Examples
    --------
    >>> from geopy.extra.rate_limiter import RateLimiter
    >>> geocode = RateLimiter(OfflineGeocoder().geocode, min_delay_seconds=0)
    >>> geocode("Mosul, Iraq").raw["feature_type"]
    'city'
    """

    def __init__(self, *, gazetteer: Gazetteer | None = None, **kwargs):
        super().__init__(**kwargs)
        self._gazetteer = gazetteer

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            self._gazetteer = get_gazetteer()
        return self._gazetteer

    def ranked(self, query: str, *, country_codes=None, limit: int = 10) -> list[tuple[Place, float]]:
        """Ranked ``(place, confidence)`` candidates for *query*, best first."""
        mentions = _query_mentions(query)
        if not mentions:
            return []
        res = resolve(query, mentions, gazetteer=self.gazetteer)[0]
        ccs = {c.upper() for c in ([country_codes] if isinstance(country_codes, str) else country_codes or ())}
        out: list[tuple[Place, float]] = []
        if res.place is not None:
            out.append((res.place, res.confidence))
            out += [(p, 0.0) for p in res.alternatives]
        seen = {p.place_id for p, _ in out}
        for c in self.gazetteer.candidates(mentions[0].key, normalised=True):
            if c.place.place_id not in seen:
                out.append((c.place, 0.0))
                seen.add(c.place.place_id)
        if ccs:
            out = [(p, s) for p, s in out if (p.country_code or "") in ccs]
        return out[:limit]

    def geocode(self, query, *, exactly_one=True, timeout=DEFAULT_SENTINEL, country_codes=None, limit=None):
        """Geocode a place name.

        Parameters
        ----------
        query : str
            "Name", "Name feature-word" or "Name, Container, ...".
        exactly_one : bool
            Return the best ``Location`` (or None) instead of a list.
        timeout : ignored
            For geopy compatibility.
        country_codes : str or list of str, optional
            Restrict to these ISO 3166-1 alpha-2 codes.
        limit : int, optional
            Maximum number of results when ``exactly_one`` is False (default 10).

        Returns
        -------
        geopy.location.Location, list of Location, or None
        """
        if isinstance(query, dict):
            query = ", ".join(str(v) for v in query.values() if v)
        ranked = self.ranked(str(query), country_codes=country_codes, limit=1 if exactly_one else (limit or 10))
        locs = [place_to_location(p, conf, self.gazetteer) for p, conf in ranked]
        if exactly_one:
            return locs[0] if locs else None
        return locs or None


#: Geocoder classes by service name (lower case), like geopy's SERVICE_TO_GEOCODER.
GEOCODERS: dict[str, type] = {"offline": OfflineGeocoder}


def register_geocoder(name: str, cls: type) -> None:
    """Make *cls* available as ``get_geocoder_for_service(name)``."""
    GEOCODERS[name.lower()] = cls


def get_geocoder_for_service(service: str) -> type:
    """The geocoder class registered as *service*; geopy's own services as a fallback.

    Raises
    ------
    geopy.exc.GeocoderNotFound
        When no geocoder of that name exists.
    """
    cls = GEOCODERS.get(service.lower())
    if cls is not None:
        return cls
    from geopy.geocoders import get_geocoder_for_service as geopy_lookup

    try:
        return geopy_lookup(service)
    except GeocoderNotFound:
        raise GeocoderNotFound(
            f"unknown geocoder {service!r}; use one of {sorted(GEOCODERS)} or a geopy service name"
        ) from None
