"""Values passed between pipeline stages: small, frozen, comparable.

Stages never mutate these; they return new ones (``dataclasses.replace``).
Character offsets are Python ``str`` indices into :attr:`Article.text`.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, fields, is_dataclass, replace

__all__ = [
    "Article",
    "Sentence",
    "Mention",
    "Place",
    "Resolution",
    "Count",
    "Figure",
    "Evidence",
    "Endpoint",
    "Movement",
    "Period",
    "shift_offsets",
]

#: Field names that hold character offsets into an article's text.
_OFFSET_FIELDS = frozenset({"start", "end", "char_start", "char_end"})


@dataclass(frozen=True, slots=True)
class Article:
    """One article's text and metadata.

    Attributes
    ----------
    text : str
        The article text, normalised to ``\\n`` line endings. Every offset in
        mapper refers to this string.
    id : str
        Stable identifier (file stem, or a hash of the text when read from a string).
    title, url : str or None
        From metadata when known; ``title`` falls back to the first line.
    published : datetime.date or None
        Publication date, used to resolve relative dates.
    source : str or None
        Where the text came from (a path), for traceability.
    """

    text: str
    id: str
    title: str | None = None
    url: str | None = None
    published: _dt.date | None = None
    source: str | None = None
    encoding: str | None = None


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence (or headline/caption line) as a span of the article text."""

    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Mention:
    """A place name found in text, before or without resolution.

    Attributes
    ----------
    text : str
        The surface form exactly as in the article (``article.text[start:end]``).
    start, end : int
        Character offsets.
    key : str
        Normalised lookup key of the name part (e.g. ``"qaim"`` for "al-Qa'im district").
    feature_hint : str or None
        A feature type implied by the words around the name ("province" →
        ``"admin1"``, "camp" → ``"camp"``), or None.
    kind : str
        ``"toponym"`` for place names, ``"demonym"`` for "Syrians"-like words
        (kept apart: they name people, not places).
    """

    text: str
    start: int
    end: int
    key: str = ""
    feature_hint: str | None = None
    kind: str = "toponym"


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry.

    ``place_id`` is ``"<source>:<id>"``: ``geonames:169577``, ``ne1:SY.ID``,
    ``curated:<slug>``... stable across runs and releases of the same data.
    """

    place_id: str
    name: str
    feature_type: str
    country_code: str | None
    lat: float
    lon: float
    admin1: str | None = None
    population: int = 0
    source: str = ""


@dataclass(frozen=True, slots=True)
class Resolution:
    """A mention resolved (or not) against the gazetteer."""

    mention: Mention
    place: Place | None
    confidence: float = 0.0
    alternatives: tuple[Place, ...] = ()


@dataclass(frozen=True, slots=True)
class Count:
    """A number of movers as the text states it, and nothing more.

    ``value`` is the number as written ("up to 15,000" → 15000); ``low`` and
    ``high`` are bounds only where the wording implies them ("more than X" →
    ``low=X``; "up to X" → ``high=X``; "A to B" → both). Vague counts
    ("thousands") have no value. ``approximate`` marks "some/about/around".
    """

    text: str
    start: int
    end: int
    value: float | None = None
    low: float | None = None
    high: float | None = None
    qualifier: str | None = None
    approximate: bool = False
    vague: bool = False
    unit: str = "people"
    unit_text: str | None = None
    per: str | None = None

    def numbers(self) -> tuple[float, ...]:
        """Every number this count carries (value, low, high), without repeats."""
        out: list[float] = []
        for n in (self.value, self.low, self.high):
            if n is not None and n not in out:
                out.append(n)
        return tuple(out)


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a claim comes from: the article and the sentence's character span."""

    article_id: str
    sentence: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Figure:
    """A count as reported for a movement, with its own scope, status and sentence.

    One movement can carry several figures of different scope ("some 3,000 in
    this phase", "up to 15,000 in all"); they are kept side by side, never summed.
    """

    count: Count
    scope: str = "event"
    status: str = "completed"
    evidence: Evidence | None = None


@dataclass(frozen=True, slots=True)
class Period:
    """When a movement happened, as the text says it, resolved to calendar dates.

    "on Saturday" in an article published on Monday 22 May 2017 →
    ``start = end = 2017-05-20``; "last month" → the whole previous month.
    ``precision`` is ``"day"``, ``"month"`` or ``"year"``; ``text`` and the
    offsets give the words it was read from.
    """

    start: _dt.date
    end: _dt.date
    text: str
    char_start: int
    char_end: int
    precision: str = "day"


@dataclass(frozen=True, slots=True)
class Endpoint:
    """One end of a movement: the mention that names it and how it was found.

    ``how`` is ``"explicit"`` (named in the sentence), ``"context"`` (carried
    from another sentence of the same event), ``"anaphora"`` ("the district"),
    or ``"demonym"`` ("Syrians crossed into..."). ``place`` is filled by the
    geocode stage.
    """

    mention: Mention
    how: str = "explicit"
    place: Place | None = None


@dataclass(frozen=True, slots=True)
class Movement:
    """People moving (or ordered to move) from origins to destinations.

    Several destinations sharing one count form one movement with
    ``shared=True``: the count covers all of them and is never divided.
    """

    origins: tuple[Endpoint, ...]
    destinations: tuple[Endpoint, ...]
    figures: tuple[Figure, ...] = ()
    status: str = "completed"
    scope: str = "event"
    evidence: tuple[Evidence, ...] = ()
    route: tuple[Endpoint, ...] = ()
    event_id: str = ""
    trigger: str = ""
    who: str | None = None
    period: Period | None = None

    @property
    def shared(self) -> bool:
        """True when one count covers several origin→destination edges."""
        return len(self.origins) * len(self.destinations) > 1

    def with_ends(self, change) -> Movement:
        """This movement with ``change(ends)`` as each side's ends (itself when neither side changes)."""
        origins, destinations = tuple(change(self.origins)), tuple(change(self.destinations))
        if origins == self.origins and destinations == self.destinations:
            return self
        return replace(self, origins=origins, destinations=destinations)


def shift_offsets(value, delta: int):
    """*value* with every character offset moved by *delta*, recursively.

    For text read in pieces: a mention found at offset 10 of a piece that
    starts at offset 5,000 of the article is at 5,010. Works on any of the
    values above and on tuples of them; ``datetime.date`` fields are left alone.
    """
    if delta == 0:
        return value
    if isinstance(value, tuple):
        return tuple(shift_offsets(v, delta) for v in value)
    if not is_dataclass(value) or isinstance(value, type):
        return value
    changes = {}
    for f in fields(value):
        current = getattr(value, f.name)
        if f.name in _OFFSET_FIELDS and isinstance(current, int):
            changes[f.name] = current + delta
        elif isinstance(current, tuple) or (is_dataclass(current) and not isinstance(current, type)):
            changes[f.name] = shift_offsets(current, delta)
    return replace(value, **changes)
