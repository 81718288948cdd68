"""The shipped admin-1 outlines agree with the gazetteer: no area gets another's shape."""

from __future__ import annotations

import csv
import gzip
import importlib.resources
import io
import json


def _load():
    data = importlib.resources.files("mapper.data")
    outlines = json.loads(gzip.decompress(data.joinpath("admin1_outlines.json.gz").read_bytes()))
    rows = list(csv.DictReader(io.StringIO(gzip.decompress(data.joinpath("admin1.csv.gz").read_bytes()).decode("utf-8"))))
    return outlines, rows


def test_geonames_ids_map_to_the_outline_the_gazetteer_names():
    outlines, rows = _load()
    hasc_of = {r["place_id"].split(":", 1)[1]: r["hasc"] for r in rows if r["place_id"].startswith("geonames:")}
    assert outlines["gn"]
    for gid, hasc in outlines["gn"].items():
        assert hasc_of.get(gid) == hasc, gid
        assert hasc in outlines["shapes"]


def test_an_outline_code_belongs_to_one_area_only():
    outlines, rows = _load()
    owners: dict[str, set[str]] = {}
    for r in rows:
        if r["hasc"] in outlines["shapes"]:
            owners.setdefault(r["hasc"], set()).add(r["place_id"])
    shared = {h: ids for h, ids in owners.items() if len(ids) > 1}
    assert not shared, list(shared.items())[:5]
