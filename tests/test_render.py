"""The map without a browser: geometry, wording, payload, self-contained and escaped HTML."""

from __future__ import annotations

import json
import math
import re

import folium
import numpy as np
import pytest

from mapper.errors import OutputError, RenderError
from mapper.maps import geometry, labels
from mapper.maps.folium_map import build_payload, render, safe_url
from mapper.maps.html import iframe_html, remote_assets, save_html, to_html
from render_fixtures import XSS, XSS_IMG, article_one, sample_extraction, synthetic_extraction


# geometry -------------------------------------------------------------------------------------
def test_arcs_start_and_end_at_the_places():
    a = geometry.arcs([10.0, -3.5], [20.0, 51.0], [12.0, 2.3], [21.0, 48.9])
    assert np.allclose(a.lon[:, 0], [10.0, -3.5]) and np.allclose(a.lat[:, 0], [20.0, 51.0])
    assert np.allclose(a.lon[:, -1], [12.0, 2.3]) and np.allclose(a.lat[:, -1], [21.0, 48.9])


def test_a_to_b_and_b_to_a_bend_to_opposite_sides():
    a = geometry.arcs([10.0, 12.0], [20.0, 21.0], [12.0, 10.0], [21.0, 20.0])
    (lon, lat) = a.point_at(0.5)
    mid_lon, mid_lat = 11.0, 20.5
    # the two middles lie on opposite sides of the straight line
    chord = np.array([2.0, 1.0])
    side = [np.sign(chord[0] * (lat[i] - mid_lat) - chord[1] * (lon[i] - mid_lon)) for i in range(2)]
    assert side[0] == -side[1] != 0
    assert geometry.haversine_km(lon[0], lat[0], lon[1], lat[1]) > 20


@pytest.mark.parametrize(
    "o, d, expected_deg",
    [((0, 0), (1, 0), 0), ((0, 0), (-1, 0), 180), ((0, 0), (0, 1), -90), ((0, 0), (0, -1), 90)],
)
def test_arrowhead_angle_points_along_travel_in_screen_coordinates(o, d, expected_deg):
    a = geometry.arcs([o[0]], [o[1]], [d[0]], [d[1]], bend=0.0)
    got = math.degrees(a.angle[0])
    assert abs(((got - expected_deg) + 180) % 360 - 180) < 1e-6


def test_long_flows_follow_the_great_circle_and_cross_the_antimeridian_continuously():
    a = geometry.arcs([170.0], [0.0], [-170.0], [0.0], bend=0.0)
    assert a.lon[0, -1] == pytest.approx(190.0)
    assert np.all(np.abs(np.diff(a.lon[0])) < 5)
    g = geometry.arcs([-74.0], [40.7], [2.35], [48.85], bend=0.0)  # long: poleward of the straight line
    assert g.point_at(0.5)[1][0] > 50


def test_arcs_of_nothing_and_identical_ends():
    assert len(geometry.arcs([], [], [], [])) == 0
    same = geometry.arcs([5.0], [5.0], [5.0], [5.0])
    assert np.isfinite(same.lon).all() and np.isfinite(same.lat).all()


@pytest.mark.parametrize("vmax, expected", [(20000, [20000, 5000, 1000]), (2500, [2000, 500, 100]), (7, [5, 1]), (0, [])])
def test_legend_steps_are_round(vmax, expected):
    assert geometry.nice_steps(vmax) == expected


def test_widths_follow_a_square_root_scale():
    w = geometry.sqrt_scale([0, 2500, 10000, np.nan], 10000, 2, 14)
    assert w[0] == 2 and w[2] == 14 and w[1] == pytest.approx(8) and w[3] == 2


# wording ---------------------------------------------------------------------------------------
def _fig(**kw):
    base = {"unit": "people", "scope": "event", "status": "completed"}
    base.update(kw)
    return base


@pytest.mark.parametrize(
    "figures, expected",
    [
        ([_fig(value=2500, approximate=True, text="some 2,500")], ["~2,500 people"]),
        (
            [_fig(value=2500, approximate=True), _fig(value=20000, high=20000, qualifier="up to", scope="cumulative", status="planned")],
            ["~2,500 people · this phase", "up to 20,000 · in all · planned"],
        ),
        ([_fig(text="thousands", vague=True)], ["thousands of people"]),
        ([_fig(low=40000, qualifier="more than")], ["more than 40,000 people"]),
        ([_fig(low=300, high=400, value=300, unit="families")], ["300–400 families"]),
        ([_fig(value=150, scope="rate", per="day", status="ongoing")], ["150 people · per day · ongoing"]),
        ([_fig(value=12000, scope="stock")], ["12,000 people · present"]),
        ([_fig(value=40, unit="buses", status="blocked")], ["40 buses · blocked"]),
        ([_fig(value=1000), _fig(value=1000)], ["1,000 people"]),
        ([_fig(value=70, unit="families"), _fig(value=300, scope="cumulative")], ["70 families · this phase", "300 people · in all"]),
    ],
)
def test_label_wording(figures, expected):
    assert labels.label_lines(figures) == expected


def test_figures_fall_back_to_the_count_columns():
    row = {"figures": "", "count": 900.0, "count_low": None, "count_high": None, "count_text": "900",
           "qualifier": None, "unit": "people", "scope": "event", "status": "completed"}
    assert labels.label_lines(labels.figures_of(row)) == ["900 people"]
    assert labels.figures_of({"figures": "[]", "count": float("nan"), "count_text": None}) == []


@pytest.mark.parametrize(
    "url, ok",
    [("https://example.org/a?b=1&c=2", True), ("http://example.org", True), ("javascript:alert(1)", False),
     (" javascript:alert(1)", False), ("JAVASCRIPT:alert(1)", False), ("data:text/html,<script>", False),
     ("//example.org", False), ("ftp://example.org", False), ("https://exa mple.org", False), (None, False)],
)
def test_only_http_links_become_links(url, ok):
    assert (safe_url(url) is not None) is ok


# payload -----------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def payload():
    return build_payload(sample_extraction())


def test_one_label_per_shared_group_with_both_figures(payload):
    shared = [g for g in payload["groups"] if g.get("shared")]
    assert len(shared) == 1 and shared[0]["n"] == 2
    assert payload["labels"][shared[0]["lab"]] == ["~3,000 people · this phase", "up to 15,000 · in all · planned"]
    # every edge of the group points at the same label; nothing summed or divided
    text = json.dumps(payload)
    assert "18,000" not in text and "1,500 " not in text


def test_every_number_on_the_map_comes_from_a_figure(payload):
    numbers = {n for lines in payload["labels"] for line in lines for n in re.findall(r"\d[\d,]*", line)}
    assert numbers == {"3,000", "15,000", "500", "800", "1,200"}


def test_vague_count_is_drawn_without_a_number(payload):
    i = payload["flows"]["vague"].index(1)
    g = payload["groups"][payload["flows"]["grp"][i]]
    assert payload["labels"][g["lab"]] == ["Hundreds of people · ongoing"]
    assert payload["flows"]["w"][i] == min(payload["flows"]["w"])


def test_admin1_destination_has_its_outline(payload):
    (area,) = payload["areas"]
    assert payload["places"][area["p"]]["name"] == "Ouaddaï"
    ring = area["rings"][0][0]
    lats, lons = [p[0] for p in ring], [p[1] for p in ring]
    assert 10 < min(lats) < 13.5 < max(lats) < 17 and 18 < min(lons) < 21 < max(lons) < 23.5


def test_unplaced_mentions_are_listed(payload):
    assert [u["text"] for u in payload["unplaced"]] == ["Wadi Nowhere"]


def test_places_carry_confidence_and_alternatives(payload):
    by_name = {p["name"]: p for p in payload["places"]}
    assert by_name["Geneina"]["conf"] == pytest.approx(0.92)
    assert by_name["Geneina"]["alts"][0]["name"] == "Nyala"
    # a shared figure counts once at its origin
    assert by_name["El Fasher"]["out"] == 3000


def test_bounds_cover_what_is_drawn(payload):
    (s, w), (n, e) = payload["bounds"]
    for p in payload["places"]:
        assert s <= p["lat"] <= n and w <= p["lon"] <= e


def test_reverse_flows_are_apart(payload):
    F = payload["flows"]
    names = [(payload["places"][o]["name"], payload["places"][d]["name"]) for o, d in zip(F["o"], F["d"])]
    i, j = names.index(("Adré", "Geneina")), names.index(("Geneina", "Adré"))
    mid = lambda k: np.cumsum(np.reshape(F["path"][k], (-1, 2)), axis=0)[len(F["path"][k]) // 4]  # noqa: E731
    assert not np.array_equal(mid(i), mid(j))


# HTML ----------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def hostile_html():
    return to_html(render(sample_extraction(hostile=True), tiles=None))


def test_html_is_self_contained(hostile_html):
    assert remote_assets(hostile_html) == []
    outside_scripts = re.sub(r"<script>.*?</script>", "", hostile_html, flags=re.S)
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", outside_scripts)
    assert "Leaflet 1.9.4" in hostile_html and "cdn.jsdelivr" not in hostile_html and "jquery" not in hostile_html.lower()


@pytest.mark.parametrize("needle", [XSS, XSS_IMG, "onerror=alert(1)>", "javascript:alert(1)", "<b>bold</b>"])
def test_hostile_text_never_reaches_the_html_raw(hostile_html, needle):
    assert needle not in hostile_html


def test_template_syntax_in_text_is_not_evaluated(hostile_html):
    assert "{{ 7*7 }} {% raw %}" in hostile_html


def test_hostile_text_is_still_there_escaped(hostile_html):
    assert "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e" in hostile_html
    payload = build_payload(sample_extraction(hostile=True))
    assert [a["url"] for a in payload["articles"]] == ["https://example.org/news/one?a=1&b=2", None]
    assert XSS_IMG in [u["text"] for u in payload["unplaced"]]


def test_tiles_come_with_attribution():
    html = to_html(render(article_one()))
    assert "tile.openstreetmap.org" in html and "OpenStreetMap" in html
    assert remote_assets(html) == []


def test_output_is_deterministic():
    a = to_html(render(sample_extraction(), tiles=None))
    b = to_html(render(sample_extraction(), tiles=None))
    assert a == b
    assert not re.search(r"_[0-9a-f]{32}\b", a)


def test_plain_folium_map_gets_leaflet_inlined():
    html = to_html(folium.Map(tiles=None))
    assert remote_assets(html) == [] and "Leaflet 1.9.4" in html


def test_remote_plugins_are_refused_unless_allowed():
    from folium.plugins import MarkerCluster

    m = render(article_one(), tiles=None)
    MarkerCluster().add_to(m)
    with pytest.raises(RenderError, match="allow_remote"):
        to_html(m)
    assert remote_assets(to_html(m, allow_remote=True))


def test_render_into_an_existing_map_twice():
    m = folium.Map(tiles=None)
    render(article_one(), m=m, tiles=None)
    render(synthetic_extraction(5), m=m, tiles=None)
    html = to_html(m)
    assert html.count("mapperFlowmap(") == 3  # the definition and two calls
    assert html.count("Leaflet 1.9.4, a JS library") == 1


def test_empty_extraction_draws_an_empty_map():
    x = synthetic_extraction(0)
    html = to_html(render(x, tiles=None))
    assert remote_assets(html) == [] and "mapperFlowmap(" in html


def test_unknown_option_is_a_render_error():
    with pytest.raises(RenderError, match="unknown map option"):
        render(article_one(), colour="red")


def test_large_maps_switch_to_canvas():
    p = build_payload(synthetic_extraction(2000))
    assert p["opts"]["canvas"] and len(p["flows"]["path"]) == 2000
    assert not build_payload(synthetic_extraction(10))["opts"]["canvas"]


def test_save_html_is_atomic(tmp_path):
    out = save_html(render(article_one(), tiles=None), tmp_path / "sub" / "map.html")
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in out.parent.iterdir()] == ["map.html"]


def test_save_html_reports_unwritable_paths(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(OutputError, match="cannot write"):
        save_html(render(article_one(), tiles=None), blocker / "map.html")


def test_iframe_for_notebooks_is_offline():
    frame = iframe_html(render(article_one(), tiles=None))
    assert frame.startswith("<iframe srcdoc=\"") and "<script" not in frame
    assert "cdn.jsdelivr" not in frame


def test_saved_map_has_ordinary_permissions(tmp_path):
    import os
    import stat

    old = os.umask(0o022)
    try:
        out = save_html(render(article_one(), tiles=None), tmp_path / "p.html")
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == 0o644


def test_curved_flows_keep_rows_and_ends():
    x = sample_extraction()
    curved = geometry.curved_flows(x.flows)
    assert list(curved.columns) == list(x.flows.columns) and len(curved) == len(x.flows)
    for a, b in zip(x.flows.geometry, curved.geometry):
        assert len(b.coords) == 21
        assert np.allclose(a.coords[0], b.coords[0]) and np.allclose(a.coords[-1], b.coords[-1])
    assert x.flows.geometry.iloc[0].equals(x.flows.geometry.iloc[0])  # the input is untouched


def test_parallel_flows_fan_apart():
    ends = np.array([[0, 0, 1, 1], [0, 0, 1, 1], [1, 1, 0, 0]], dtype=float)
    assert list(geometry.fan_bends(ends, 0.2)) == pytest.approx([0.2, 0.36, 0.2])


def test_mapper_render_is_callable_after_importing_submodules():
    import mapper
    import mapper.maps.folium_map
    import mapper.maps.html  # noqa: F401  (the maps' modules leave the name mapper.render to the function)

    m = mapper.render(article_one(), tiles=None)
    assert isinstance(m, folium.Map)
    assert mapper.render is mapper.maps.folium_map.render


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_numbers = st.one_of(st.none(), st.integers(1, 5_000_000).map(float))


@settings(max_examples=200, deadline=None)
@given(value=_numbers, low=_numbers, high=_numbers, approximate=st.booleans(), vague=st.booleans(),
       scope=st.sampled_from(["event", "cumulative", "rate", "stock"]),
       status=st.sampled_from(["completed", "ongoing", "planned", "blocked"]),
       qualifier=st.sampled_from([None, "up to", "more than", "about", "nearly"]))
def test_a_label_never_shows_a_number_the_figure_lacks(value, low, high, approximate, vague, scope, status, qualifier):
    fig = {"value": value, "low": low, "high": high, "approximate": approximate, "vague": vague,
           "qualifier": qualifier, "scope": scope, "status": status, "unit": "people", "text": "many"}
    (line,) = labels.label_lines([fig])
    shown = {float(n.replace(",", "")) for n in re.findall(r"\d[\d,]*", line)}
    assert shown <= {v for v in (value, low, high) if v is not None}


def test_a_movement_is_dated_by_its_own_date_before_its_article():
    ex = sample_extraction()
    flows = ex.flows.copy()
    flows["date_start"] = None
    flows.loc[flows.index[0], "date_start"] = "2024-04-28"
    dated = type(ex)(mentions=ex.mentions, places=ex.places, flows=flows, events=ex.events, articles=ex.articles)
    days = build_payload(dated)["flows"]["day"]
    assert days[0] == "2024-04-28"  # when it happened, as the text says
    published = {a.published.isoformat() for a in ex.articles if a.published}
    assert set(days[1:]) <= published  # the others fall back to their article's date


def test_notebook_display_is_self_contained():
    from mapper.maps.html import remote_assets

    shown = render(sample_extraction(), tiles=None)._repr_html_()
    assert shown.startswith("<iframe srcdoc=")
    assert "cdn.jsdelivr" not in shown and "cdnjs" not in shown
    import html as _html

    assert remote_assets(_html.unescape(shown.split('srcdoc="', 1)[1].split('" style=', 1)[0])) == []


def test_folium_save_writes_the_self_contained_map(tmp_path):
    from mapper.maps.html import remote_assets

    m = render(sample_extraction(), tiles=None)
    m.save(tmp_path / "a.html")
    m.save(str(tmp_path / "b.html"))
    with open(tmp_path / "c.html", "wb") as fh:
        m.save(fh)
    for name in ("a.html", "b.html", "c.html"):
        html = (tmp_path / name).read_text(encoding="utf-8")
        assert remote_assets(html) == [] and "Leaflet 1.9.4" in html


def test_countries_and_parts_of_them_are_drawn_as_outlines():
    import mapper

    p = build_payload(mapper.extract("Some 4,000 families fled from northern Syria to Turkey last week."))
    areas = {p["places"][a["p"]]["type"]: a for a in p["areas"]}
    assert set(areas) == {"region", "country"}
    lats = [pt[0] for poly in areas["country"]["rings"] for pt in poly[0]]
    lons = [pt[1] for poly in areas["country"]["rings"] for pt in poly[0]]
    assert 35 < min(lats) < 37 and 41.5 < max(lats) < 42.5 and 25 < min(lons) < 27 and 44 < max(lons) < 45.5
    # the northern third of the country, not all of it
    assert min(pt[0] for poly in areas["region"]["rings"] for pt in poly[0]) > 34.5
    # a whole country does not widen the view: its point does
    assert p["bounds"][1][1] < 44
    assert all(p["places"][a["p"]]["area"] for a in p["areas"])
