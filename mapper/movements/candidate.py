"""One clause that reports a movement, before the clauses of an event are merged."""

from __future__ import annotations

from dataclasses import dataclass, field

from mapper.model import Endpoint, Evidence, Figure, Period, Sentence

__all__ = ["Candidate", "endpoint_key"]


@dataclass
class Candidate:
    """One clause reporting a movement, before events are merged."""

    sentence: Sentence
    start: int
    end: int
    trigger: str
    cls: str
    origins: list[Endpoint] = field(default_factory=list)
    destinations: list[Endpoint] = field(default_factory=list)
    route: list[Endpoint] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    status: str = "completed"
    scope: str = "event"
    other_places: bool = False  # a place in the clause is a route or locative: not a bare restatement
    movers: bool = False  # the clause names displaced people (a noun, a count, "they")
    refers_back: bool = False  # ... as people named before ("they", "many of the fighters")
    subset: bool = False  # a part of people counted before ("M of whom went to Y")
    generic_origin: bool = False
    generic_destination: bool = False
    evidence: Evidence | None = None
    trigger_start: int = -1
    trigger_end: int = -1
    period: Period | None = None


def endpoint_key(e: Endpoint) -> str:
    return e.mention.key or e.mention.text.lower()
