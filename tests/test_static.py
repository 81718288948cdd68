"""Static PNG/SVG maps for reports."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from mapper.errors import OutputError, RenderError
from mapper.maps.static import save_static, static_figure
from render_fixtures import XSS, sample_extraction, synthetic_extraction

pytest.importorskip("matplotlib")


def test_png_is_written(tmp_path):
    out = save_static(sample_extraction(), tmp_path / "map.png", dpi=60)
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert [p.name for p in tmp_path.iterdir()] == ["map.png"]


def test_svg_is_deterministic_and_has_the_labels(tmp_path):
    a = save_static(sample_extraction(), tmp_path / "a.svg").read_text()
    b = save_static(sample_extraction(), tmp_path / "b.svg").read_text()
    assert a == b
    assert "~3,000 people · this phase" in a and "up to 15,000 · in all · planned" in a
    assert "El Fasher" in a and "Not placed on the map: Wadi Nowhere" in a


def test_svg_with_hostile_text_is_well_formed_and_inert(tmp_path):
    text = save_static(sample_extraction(hostile=True), tmp_path / "h.svg", title=f"T {XSS}").read_text()
    root = ET.fromstring(text)
    assert not [e for e in root.iter() if e.tag.endswith("script")]
    assert "<script>" not in text and "&lt;script&gt;" in text


def test_figure_counts_each_shared_figure_once():
    fig = static_figure(sample_extraction())
    texts = [t.get_text() for ax in fig.axes for t in ax.texts]
    assert sum("~3,000 people" in t for t in texts) == 1


def test_empty_and_large_extractions_draw(tmp_path):
    save_static(synthetic_extraction(0), tmp_path / "empty.png", dpi=50)
    save_static(synthetic_extraction(300), tmp_path / "many.png", dpi=50)


@pytest.mark.parametrize("name", ["map.pdf", "map.gif"])
def test_other_formats_are_refused(tmp_path, name):
    with pytest.raises(RenderError, match="png or .svg"):
        save_static(sample_extraction(), tmp_path / name)


def test_unwritable_path(tmp_path):
    (tmp_path / "f").write_text("x")
    with pytest.raises(OutputError):
        save_static(sample_extraction(), tmp_path / "f" / "map.png")


def test_flowmap_blue_csvs(tmp_path):
    import pandas as pd

    from mapper.maps.flowmap_blue import flowmap_blue_frames, write_flowmap_blue

    locations, flows, left_out = flowmap_blue_frames(sample_extraction())
    assert list(flows.columns[:3]) == ["origin", "dest", "count"]
    assert set(flows["origin"]) | set(flows["dest"]) <= set(locations["id"])
    # the vague flow has no number: left out, not invented
    assert list(left_out["count_text"]) == ["Hundreds"] and flows["count"].notna().all()
    shared = flows[flows["shared"]]
    assert len(shared) == 2 and set(shared["count"]) == {3000.0}
    loc_path, flow_path = write_flowmap_blue(sample_extraction(), tmp_path / "fmb")
    assert pd.read_csv(loc_path).shape[0] == len(locations) and pd.read_csv(flow_path).shape[0] == len(flows)
