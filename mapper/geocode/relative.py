"""Places the text locates itself: "X, 40 kilometres north-east of Y".

News often places a small village by its distance and bearing from a town
everyone knows. When the gazetteer has no X (or several), that sentence is
the best evidence there is: X lies about there. :func:`parse_relative` reads
the phrase between X and Y; :func:`offset` walks from Y's point.

The places stage uses :data:`RELATIVE_RE` to notice names the gazetteer lacks
but the text describes this way; the resolver then picks the candidate near
the described point, or places X there with a low confidence and a ``source``
that quotes the description.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

__all__ = ["RELATIVE_RE", "Relative", "parse_relative", "offset", "mentions_distances"]

_BEARINGS = {
    "north": 0.0, "northeast": 45.0, "east": 90.0, "southeast": 135.0,
    "south": 180.0, "southwest": 225.0, "west": 270.0, "northwest": 315.0,
}
_UNIT_KM = {"km": 1.0, "kms": 1.0, "kilometres": 1.0, "kilometers": 1.0, "kilometre": 1.0, "kilometer": 1.0,
            "miles": 1.609344, "mile": 1.609344, "mi": 1.609344}

#: The words between a place and the place it is measured from, ending right before the latter:
#: ", about 40 km (25 miles) north-east of ", " which is 100 kilometres southwest of the ",
#: " is 12 miles west of ".
RELATIVE_RE = re.compile(
    r"(?:\s*,\s*(?:(?:which|that)\s+(?:is|lies)\s+|(?:located|situated|lying)\s+)?"
    r"|\s+(?:is|lies)\s+(?:located\s+|situated\s+)?)"
    r"(?P<desc>(?:(?:about|some|around|roughly|approximately|nearly|almost|just|only|over|more\s+than|less\s+than)\s+)?"
    r"(?P<n>\d{1,3}(?:,\d{3})*(?:\.\d+)?|\d+(?:\.\d+)?)\s*-?\s*"
    r"(?P<unit>km|kms|kilometres|kilometers|kilometre|kilometer|miles|mile|mi)\b\.?\s*"
    r"(?:\([^()]{1,24}\)\s*)?"
    r"(?P<dir>(?:north|south)(?:[- ]?(?:east|west))?|east|west)\s+of)\s+(?:the\s+)?",
    re.IGNORECASE,
)

# A distance with its unit: far cheaper to look for than the whole phrase, and rare.
_DISTANCE_RE = re.compile(r"\d\s*-?\s*(?:km|kilomet|mile|mi\b)", re.IGNORECASE)


def mentions_distances(text: str) -> bool:
    """Whether *text* gives any distance at all (a quick test before :data:`RELATIVE_RE`)."""
    return _DISTANCE_RE.search(text) is not None


@dataclass(frozen=True, slots=True)
class Relative:
    """A distance and bearing as the text gives them."""

    km: float
    bearing: float
    direction: str
    text: str


def parse_relative(gap: str) -> Relative | None:
    """Read the whole of *gap* as a relative location, or return None.

    Examples
    --------
    >>> parse_relative(", about 40 km north-east of ").bearing
    45.0
    >>> round(parse_relative(" is 10 miles west of ").km, 1)
    16.1
    """
    if len(gap) > 80 or not mentions_distances(gap):
        return None
    m = RELATIVE_RE.fullmatch(gap)
    if m is None:
        return None
    km = float(m.group("n").replace(",", "")) * _UNIT_KM[m.group("unit").lower()]
    direction = re.sub(r"[- ]", "", m.group("dir").lower())
    if km <= 0 or km > 2000 or direction not in _BEARINGS:
        return None
    return Relative(km=km, bearing=_BEARINGS[direction], direction=direction, text=" ".join(m.group("desc").split()))


def offset(lat: float, lon: float, km: float, bearing: float) -> tuple[float, float]:
    """The point *km* from (*lat*, *lon*) along *bearing* (degrees from north), on a sphere."""
    r = km / 6371.0088
    p1, l1, b = math.radians(lat), math.radians(lon), math.radians(bearing)
    p2 = math.asin(math.sin(p1) * math.cos(r) + math.cos(p1) * math.sin(r) * math.cos(b))
    l2 = l1 + math.atan2(math.sin(b) * math.sin(r) * math.cos(p1), math.cos(r) - math.sin(p1) * math.sin(p2))
    return round(math.degrees(p2), 4), round((math.degrees(l2) + 540.0) % 360.0 - 180.0, 4)
