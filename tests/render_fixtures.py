"""Hand-built extractions for the map tests (invented sentences; real places far from the seed).

Built through :func:`mapper.frames.build_frames` from model values, so the
frames have exactly the columns the pipeline produces. One variant carries
hostile text (``<script>``, quotes, ``onerror=``, a ``javascript:`` URL) in
every field that reaches the map.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from mapper.frames import build_frames
from mapper.model import Article, Count, Endpoint, Evidence, Figure, Mention, Movement, Place, Resolution
from mapper.pipeline import Extraction, concat

XSS = '<script>alert(1)</script>'
XSS_IMG = '<img src=x onerror=alert(1)>'

PLACES = {
    "fasher": Place("geonames:379303", "El Fasher", "city", "SD", 13.6279, 25.3494, source="test"),
    "tawila": Place("test:tawila", "Tawila", "town", "SD", 13.53, 24.96, source="test"),
    "ouaddai": Place("geonames:242246", "Ouaddaï", "admin1", "TD", 13.4714, 21.1068, source="test"),
    "geneina": Place("geonames:380348", "Geneina", "city", "SD", 13.4526, 22.4472, source="test"),
    "adre": Place("test:adre", "Adré", "town", "TD", 13.4667, 22.2, source="test"),
    "tine": Place("test:tine", "Tiné", "town", "TD", 14.99, 22.80, source="test"),
    "nyala": Place("geonames:365137", "Nyala", "city", "SD", 12.0489, 24.8807, source="test"),
    "daein": Place("test:daein", "Ed Daein", "town", "SD", 11.4617, 26.1283, source="test"),
}


class _Doc:
    """Builds an article text sentence by sentence and finds spans in it."""

    def __init__(self):
        self.sentences: list[tuple[int, int, str]] = []
        self.text = ""

    def add(self, sentence: str) -> int:
        start = len(self.text) + (1 if self.text else 0)
        self.text = (self.text + " " + sentence) if self.text else sentence
        self.sentences.append((start, start + len(sentence), sentence))
        return len(self.sentences) - 1

    def span(self, s: int, phrase: str) -> tuple[int, int]:
        start, _, sentence = self.sentences[s]
        at = sentence.index(phrase)
        return start + at, start + at + len(phrase)

    def evidence(self, article_id: str, s: int) -> Evidence:
        start, end, sentence = self.sentences[s]
        return Evidence(article_id, sentence, start, end)


def _mention(doc: _Doc, s: int, phrase: str) -> Mention:
    a, b = doc.span(s, phrase)
    return Mention(phrase, a, b, key=phrase.lower())


def _count(doc: _Doc, s: int, phrase: str, **kw) -> Count:
    a, b = doc.span(s, phrase)
    return Count(phrase, a, b, **kw)


def article_one(hostile: bool = False) -> Extraction:
    """A shared fan with two figures, an admin-1 destination, A→B and B→A, a vague count, an event."""
    doc = _Doc()
    aid = "report-one"
    s0 = doc.add("Some 3,000 people fled El Fasher for Tawila and the Ouaddai region on Tuesday, officials said.")
    s1 = doc.add("Up to 15,000 people are expected to leave El Fasher by the end of the month.")
    s2 = doc.add("Hundreds of people returned from Adre to Geneina.")
    s3 = doc.add("About 500 families moved from Geneina to Adre last week.")
    s4 = doc.add("Aid groups said 1,200 people arrived in Tine.")
    s5 = doc.add("Residents of Wadi Nowhere said they had not moved.")
    if hostile:
        s6 = doc.add(f'A note read "{XSS}" and {XSS_IMG} near Hostileville, said \'a source\' {{{{ 7*7 }}}} {{% raw %}}.')
    m = {
        "fasher0": _mention(doc, s0, "El Fasher"),
        "tawila": _mention(doc, s0, "Tawila"),
        "ouaddai": _mention(doc, s0, "Ouaddai region"),
        "fasher1": _mention(doc, s1, "El Fasher"),
        "adre2": _mention(doc, s2, "Adre"),
        "geneina2": _mention(doc, s2, "Geneina"),
        "geneina3": _mention(doc, s3, "Geneina"),
        "adre3": _mention(doc, s3, "Adre"),
        "tine": _mention(doc, s4, "Tine"),
        "nowhere": _mention(doc, s5, "Wadi Nowhere"),
    }
    place_of = {
        "fasher0": "fasher", "tawila": "tawila", "ouaddai": "ouaddai", "fasher1": "fasher",
        "adre2": "adre", "geneina2": "geneina", "geneina3": "geneina", "adre3": "adre", "tine": "tine",
    }
    alternatives = {"geneina2": (PLACES["nyala"],)}
    places = dict(PLACES)
    if hostile:  # a gazetteer name is text like any other
        from dataclasses import replace

        places["ouaddai"] = replace(PLACES["ouaddai"], name=f"Ouaddaï {XSS_IMG}")
    resolutions = [
        Resolution(m[k], places[place_of[k]] if k in place_of else None,
                   0.92 if k in place_of else 0.0, alternatives.get(k, ()))
        for k in m
    ]
    if hostile:
        hm = _mention(doc, s6, XSS_IMG)
        hm2 = _mention(doc, s6, "Hostileville")
        resolutions += [Resolution(hm, None, 0.0), Resolution(hm2, None, 0.0)]
    ev = lambda s: doc.evidence(aid, s)  # noqa: E731
    movements = [
        Movement(
            origins=(Endpoint(m["fasher0"]),),
            destinations=(Endpoint(m["tawila"]), Endpoint(m["ouaddai"])),
            figures=(
                Figure(_count(doc, s0, "Some 3,000 people", value=3000, qualifier="some", approximate=True),
                       scope="event", status="completed", evidence=ev(s0)),
                Figure(_count(doc, s1, "Up to 15,000 people", value=15000, high=15000, qualifier="up to"),
                       scope="cumulative", status="planned", evidence=ev(s1)),
            ),
            evidence=(ev(s0), ev(s1)),
            event_id="e1",
        ),
        Movement(
            origins=(Endpoint(m["adre2"]),),
            destinations=(Endpoint(m["geneina2"]),),
            figures=(Figure(_count(doc, s2, "Hundreds", vague=True), scope="event", status="ongoing", evidence=ev(s2)),),
            status="ongoing",
            evidence=(ev(s2),),
            event_id="e2",
        ),
        Movement(
            origins=(Endpoint(m["geneina3"]),),
            destinations=(Endpoint(m["adre3"]),),
            figures=(Figure(_count(doc, s3, "About 500 families", value=500, qualifier="about", approximate=True,
                                   unit="families"), evidence=ev(s3)),),
            evidence=(ev(s3),),
            event_id="e3",
        ),
        Movement(
            origins=(),
            destinations=(Endpoint(m["tine"]),),
            figures=(Figure(_count(doc, s4, "1,200 people", value=1200), evidence=ev(s4)),),
            evidence=(ev(s4),),
            event_id="e4",
        ),
    ]
    title = f'Families flee "El Fasher" {XSS}' if hostile else "Families flee El Fasher"
    article = Article(doc.text, aid, title=title, url="https://example.org/news/one?a=1&b=2",
                      published=dt.date(2024, 5, 2))
    frames = build_frames(article, resolutions, movements)
    return Extraction(**frames, articles=(article,))


def article_two(hostile: bool = False) -> Extraction:
    """A second article: one plain flow (its link must not be rendered when it is not http/https)."""
    doc = _Doc()
    aid = "report-two"
    tail = f' "a town" {XSS} onerror=alert(2) {{{{ 7*7 }}}} {{% raw %}}' if hostile else ""
    s0 = doc.add(f"Around 800 people left Nyala for Ed Daein overnight{tail}.")
    mn, md = _mention(doc, s0, "Nyala"), _mention(doc, s0, "Ed Daein")
    resolutions = [Resolution(mn, PLACES["nyala"], 0.81), Resolution(md, PLACES["daein"], 0.77)]
    ev = doc.evidence(aid, s0)
    movements = [
        Movement(
            origins=(Endpoint(mn),),
            destinations=(Endpoint(md),),
            figures=(Figure(_count(doc, s0, "Around 800 people", value=800, qualifier="around", approximate=True),
                            evidence=ev),),
            evidence=(ev,),
            event_id="e1",
        )
    ]
    article = Article(
        doc.text, aid,
        title=f"Second report 'quoted' & <b>bold</b> {XSS}" if hostile else "Second report",
        url="javascript:alert(1)" if hostile else "https://example.org/news/two",
        published=dt.date(2024, 5, 3),
    )
    frames = build_frames(article, resolutions, movements)
    return Extraction(**frames, articles=(article,))


def sample_extraction(hostile: bool = False) -> Extraction:
    """Both articles together."""
    return concat([article_one(hostile), article_two(hostile)])


def synthetic_extraction(n_flows: int, *, seed: int = 0, n_places: int | None = None) -> Extraction:
    """*n_flows* random flows between random places (for scale tests and the benchmark)."""
    import geopandas as gpd
    from shapely.geometry import LineString, Point

    from mapper import schema

    rng = np.random.default_rng(seed)
    n_places = n_places or max(20, int(np.sqrt(n_flows) * 4))
    lon = rng.uniform(-20, 60, n_places)
    lat = rng.uniform(-10, 50, n_places)
    o = rng.integers(0, n_places, n_flows)
    d = (o + rng.integers(1, n_places, n_flows)) % n_places
    counts = np.round(rng.lognormal(6, 1.5, n_flows))
    statuses = rng.choice(["completed", "ongoing", "planned"], n_flows, p=[0.6, 0.25, 0.15])
    rows = []
    for i in range(n_flows):
        sentence = f"Reportedly {int(counts[i]):,} people moved from Place {o[i]} to Place {d[i]} (report {i})."
        rows.append({
            "origin": f"Place {o[i]}", "destination": f"Place {d[i]}",
            "origin_id": f"synthetic:{o[i]}", "destination_id": f"synthetic:{d[i]}",
            "count": float(counts[i]), "count_low": None, "count_high": None,
            "count_text": f"{int(counts[i]):,} people", "qualifier": None, "unit": "people",
            "scope": "event", "status": statuses[i], "group_id": f"g{i}",
            "sentence": sentence, "char_start": 0, "char_end": len(sentence),
            "article_id": f"synthetic-{i % 10}", "flow_id": f"f{i}", "event_id": f"g{i}", "shared": False,
            "figures": "[]", "evidence": "[]",
        })
    geoms = [LineString([(lon[a], lat[a]), (lon[b], lat[b])]) for a, b in zip(o, d)]
    flows = gpd.GeoDataFrame(rows, columns=list(schema.FLOW_COLUMNS), geometry=geoms, crs=schema.CRS)
    place_rows = [{"place_id": f"synthetic:{k}", "name": f"Place {k}", "feature_type": "town", "country_code": None,
                   "admin1": None, "population": 0, "source": "synthetic", "n_mentions": 1} for k in range(n_places)]
    places = gpd.GeoDataFrame(place_rows, columns=list(schema.PLACE_COLUMNS),
                              geometry=[Point(a, b) for a, b in zip(lon, lat)], crs=schema.CRS)
    empty = lambda name: gpd.GeoDataFrame(columns=list(schema.FRAME_COLUMNS[name]), geometry=[], crs=schema.CRS)  # noqa: E731
    articles = tuple(Article("", f"synthetic-{k}", title=f"Synthetic report {k}") for k in range(10))
    return Extraction(mentions=empty("mentions"), places=places, flows=flows, events=empty("events"), articles=articles)


# Endpoint areas whose outlines cross the date line, with where they really reach (an atlas's
# extremes, west to east, in degrees east and continuous across 180°; not read from mapper's data).
DATELINE_AREAS = {
    "United States": (Place("geonames:6252001", "United States", "country", "US", 39.76, -98.5, source="test"),
                      (172.4, 293.1)),  # Attu Island (Aleutians) .. West Quoddy Head, Maine (-66.9)
    "Russia": (Place("geonames:2017370", "Russia", "country", "RU", 60.0, 100.0, source="test"),
               (19.6, 191.0)),  # Kaliningrad .. Big Diomede (-169.0)
    "Fiji": (Place("geonames:2205218", "Fiji", "country", "FJ", -18.0, 178.0, source="test"),
             (176.8, 182.3)),  # Viti Levu's west coast .. the Lau Islands (-177.7)
    "Alaska": (Place("ne1:AK", "Alaska", "admin1", "US", 64.0, -150.0, source="test"),
               (172.4, 230.1)),  # Attu Island .. the Canadian border (-129.9)
    "Kiribati": (Place("ne1:KI", "Kiribati", "admin1", "KI", 1.33, 173.0, source="test"),
                 (169.5, 209.9)),  # Banaba .. Caroline Island (-150.1); its point is Tarawa
}


def dateline_extraction() -> Extraction:
    """One invented report of movements to the five :data:`DATELINE_AREAS`, each from a town."""
    towns = {
        "United States": Place("test:kabul", "Kabul", "city", "AF", 34.53, 69.17, source="test"),
        "Russia": Place("test:kyiv", "Kyiv", "city", "UA", 50.45, 30.52, source="test"),
        "Fiji": Place("test:auckland", "Auckland", "city", "NZ", -36.85, 174.76, source="test"),
        "Alaska": Place("test:whitehorse", "Whitehorse", "city", "CA", 60.72, -135.06, source="test"),
        "Kiribati": Place("test:honiara", "Honiara", "city", "SB", -9.43, 159.95, source="test"),
    }
    doc = _Doc()
    aid = "report-dateline"
    resolutions, movements = [], []
    for k, (area, town) in enumerate(towns.items()):
        place = DATELINE_AREAS[area][0]
        s = doc.add(f"About {k + 2}00 people moved from {town.name} to {area} last week.")
        mo, md = _mention(doc, s, town.name), _mention(doc, s, area)
        resolutions += [Resolution(mo, town, 0.9), Resolution(md, place, 0.9)]
        ev = doc.evidence(aid, s)
        movements.append(Movement(
            origins=(Endpoint(mo),), destinations=(Endpoint(md),),
            figures=(Figure(_count(doc, s, f"About {k + 2}00 people", value=(k + 2) * 100, qualifier="about",
                                   approximate=True), evidence=ev),),
            evidence=(ev,), event_id=f"e{k}",
        ))
    article = Article(doc.text, aid, title="Movements across the Pacific", published=dt.date(2024, 5, 4))
    return Extraction(**build_frames(article, resolutions, movements), articles=(article,))
