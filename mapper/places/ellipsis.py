"""Compass words that share one name: "North and South Kivu", "Northern and Western Bahr el Ghazal".

News names two areas of one name by their compass words, the name said once.
The first compass word alone is then no place of its own ("North" is no
district of Hong Kong here): it is the first area, whose name the gazetteer
knows as the compass word and the shared name together. The mention keeps
its own words (offsets into the text) and gets that name as its key.
"""

from __future__ import annotations

import re

from mapper.geocode.gazetteer import Gazetteer
from mapper.geocode.names import name_key
from mapper.model import Mention

__all__ = ["shared_directions"]

_COMPASS = r"(?:North|South|East|West|Northern|Southern|Eastern|Western|Upper|Lower|Middle|Central)"
#: "North and " (then the second area); "Northern and Western " (then the bare name).
_FIRST_RE = re.compile(rf"\b(?P<first>{_COMPASS})\s*(?:,|and|&)\s+(?P<second>{_COMPASS}\s+)?$")
_LEADING_RE = re.compile(rf"^{_COMPASS}\s+")


def shared_directions(text: str, found: list[tuple[int, int, Mention]], gz: Gazetteer) -> list[tuple[int, int, Mention]]:
    """Add the first area of "North and South X" (and the second of "Northern and Western X").

    ``found`` holds ``(start, end, mention)`` in text order; the result does too.
    A mention that was only the compass word is replaced.
    """
    out = list(found)
    for start, end, m in found:
        if m.kind != "toponym":
            continue
        hit = _FIRST_RE.search(text, max(0, start - 30), start)
        if hit is None:
            continue
        lead = _LEADING_RE.match(m.text)
        name = m.text[lead.end():] if lead else m.text
        added = []
        first = _area(hit.group("first"), name, hit.start("first"), gz)
        if first is not None:
            added.append(first)
        if hit.group("second") and not lead:
            second = _area(text[hit.start("second"):end], name, hit.start("second"), gz, whole=True)
            if second is not None:
                added.append(second)
        if not added:
            continue
        covered = [(a.start, a.end) for a in added]
        out = [t for t in out if not any(t[0] < b and a < t[1] for a, b in covered)]
        out.extend((a.start, a.end, a) for a in added)
    return sorted(out, key=lambda t: t[0])


def _area(words: str, name: str, start: int, gz: Gazetteer, whole: bool = False) -> Mention | None:
    """The area the compass word(s) and the shared name make, if the gazetteer knows it."""
    compass = words.strip() if not whole else _LEADING_RE.match(words).group().strip()
    key = name_key(f"{compass} {name}")
    if not key or not any(c.place.feature_type in ("admin1", "admin2", "region", "island")
                          for c in gz.candidates(key, normalised=True)):
        return None
    surface = words.rstrip() if whole else compass
    return Mention(text=surface, start=start, end=start + len(surface), key=key)
