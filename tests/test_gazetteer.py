"""The offline gazetteer: data files, index build, lookups."""

from __future__ import annotations

import csv
import io
import re
from importlib import resources

import pytest

from mapper.geocode import gazetteer as gzmod
from mapper.geocode.gazetteer import Gazetteer, get_gazetteer
from mapper.geocode.names import name_key, stated_kind
from mapper.schema import FEATURE_TYPES


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("al-Wa'er", "waer"),
        ("Al Waer", "waer"),
        ("el-Waʿer", "waer"),
        ("Wa’er", "waer"),
        ("Jarābulus", "jarabulus"),
        ("Saint-Denis", "st denis"),
        ("St. Louis", "st louis"),
        ("Bosnia & Herzegovina", "bosnia and herzegovina"),
        ("ash-Shaddadi", "shaddadi"),
        ("Al", "al"),
    ],
)
def test_name_key_normalises_spellings(written, key):
    assert name_key(written) == key


@pytest.mark.parametrize(
    ("after_name", "modifiers", "says_kind"),
    [
        (", a village", 3, True),
        (" is a small farming town", 3, True),
        (" was the provincial capitals", 3, True),
        (" is an old quiet pretty coastal town", 3, False),  # four words before the kind
        (" is an old quiet pretty coastal town", 4, True),
        (", the war", 3, False),
        (" is a townhouse", 3, True),  # the caller says what must follow the kind
        ("; a village", 3, False),
    ],
)
def test_stated_kind_reads_what_the_text_says_a_place_is(after_name, modifiers, says_kind):
    assert bool(re.match(stated_kind(modifiers), after_name, re.I)) is says_kind


def test_curated_rows_have_sources_and_known_types():
    text = resources.files("mapper.data").joinpath("curated_places.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) >= 20
    for r in rows:
        assert r["source"].strip(), r["slug"]
        assert r["feature_type"] in FEATURE_TYPES, r["slug"]
        assert -90 <= float(r["lat"]) <= 90 and -180 <= float(r["lon"]) <= 180
        assert r["approximate"] in ("true", "false")
        # a population is optional, and says where it comes from
        assert r["population"] == "" or (int(r["population"]) > 0 and "population:" in r["source"]), r["slug"]
    assert len({r["slug"] for r in rows}) == len(rows)
    assert {r["kind"] for r in rows} <= {"", "continent", "ocean", "sea", "macro-region"}


def test_world_regions_have_sources_kinds_and_points():
    text = resources.files("mapper.data").joinpath("world_regions.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    curated = resources.files("mapper.data").joinpath("curated_places.csv").read_text(encoding="utf-8")
    slugs = {r["slug"] for r in csv.DictReader(io.StringIO(curated))}
    for r in rows:
        assert r["source"].strip() and r["kind"] in ("ocean", "sea", "macro-region"), r["slug"]
        assert -90 <= float(r["lat"]) <= 90 and -180 <= float(r["lon"]) <= 180
        # a macro-region's point is derived from its members' outlines; a water's is its source's
        assert (r["point_source"] == "naturalearth-50m-members") == bool(r["members"]), r["slug"]
        assert r["slug"] not in slugs  # one id per place across both files


@pytest.mark.parametrize(
    ("name", "wide"),
    [("Pacific", "ocean"), ("Red Sea", "sea"), ("Asia-Pacific", "macro-region"), ("Levant", "macro-region"),
     ("Europe", "continent"), ("Mediterranean", "sea"), ("Middle East", "macro-region"), ("Kuwait", "country")],
)
def test_wide_areas_know_their_kind(name, wide):
    assert any(c.wide == wide for c in get_gazetteer().candidates(name))


@pytest.mark.parametrize(
    ("name", "place_id", "feature_type"),
    [
        ("Syria", "geonames:163843", "country"),
        ("Kenya", "geonames:192950", "country"),
        ("Kakuma refugee camp", "curated:kakuma-camp", "camp"),
        ("Wa'er", "curated:al-waer-homs", "district"),
        ("Jarablus", "geonames:169179", "town"),
    ],
)
def test_candidates_contain_expected_entry(name, place_id, feature_type):
    cands = get_gazetteer().candidates(name)
    hit = [c for c in cands if c.place.place_id == place_id]
    assert hit, [c.place.place_id for c in cands]
    assert hit[0].place.feature_type == feature_type


def test_admin1_has_geonames_code():
    gz = get_gazetteer()
    idlib = [c for c in gz.candidates("Idlib") if c.place.feature_type == "admin1"]
    assert idlib and idlib[0].admin1_code == "SY.12"
    assert gz.admin1("SY.12").place.name == "Idlib"
    assert gz.country("SY").place.name == "Syria"


def test_every_feature_type_is_in_the_schema():
    types = {p.feature_type for p in get_gazetteer()}
    assert types <= set(FEATURE_TYPES)


@pytest.mark.parametrize(("word", "cc"), [("Syrian", "SY"), ("Syrians", "SY"), ("Kenyans", "KE"), ("Homs", None)])
def test_demonyms(word, cc):
    assert get_gazetteer().demonym(word) == cc


@pytest.mark.parametrize(
    ("word", "feature_type", "cc"),
    [("Syrians", "country", "SY"), ("Tigrayans", "admin1", "ET"), ("Europeans", "region", None),
     ("West African", "region", None)],
)
def test_a_demonym_names_its_area_or_its_country(word, feature_type, cc):
    place = get_gazetteer().demonym_place(word).place
    assert (place.feature_type, place.country_code) == (feature_type, cc)


def test_every_demonym_area_is_in_the_gazetteer():
    text = resources.files("mapper.data").joinpath("demonyms.csv").read_text(encoding="utf-8")
    gz = get_gazetteer()
    for r in csv.DictReader(io.StringIO(text)):
        assert r["source"].strip(), r["demonym"]
        if r["place_id"]:
            place = gz.place(r["place_id"])
            assert place is not None, r["demonym"]
            assert place.country_code == (r["country_code"] or None), r["demonym"]
        else:
            assert gz.country(r["country_code"]) is not None, r["demonym"]


def test_unknown_name_has_no_candidates():
    assert get_gazetteer().candidates("Qwzxvbnm") == ()


def test_index_is_built_atomically_in_the_cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("MAPPER_CACHE_DIR", str(tmp_path / "cache"))
    gz = Gazetteer()
    files = sorted(p.name for p in (tmp_path / "cache").iterdir())
    assert files == [gz.path.name]
    assert gz.path.name.startswith("gazetteer-") and gz.version in gz.path.name
    # A second instance reuses the file instead of rebuilding it.
    mtime = gz.path.stat().st_mtime_ns
    assert Gazetteer().path == gz.path and gz.path.stat().st_mtime_ns == mtime


def test_unwritable_cache_dir_is_a_gazetteer_error(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("MAPPER_CACHE_DIR", str(blocker / "sub"))
    with pytest.raises(gzmod.GazetteerError, match="MAPPER_CACHE_DIR"):
        Gazetteer()
