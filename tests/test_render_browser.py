"""The map in headless Chromium: it draws, offline, with escaped popups and no errors."""

from __future__ import annotations

import pytest

from browser import open_map, screenshot
from mapper.maps.folium_map import render
from mapper.maps.html import save_html
from render_fixtures import XSS, XSS_IMG, sample_extraction, synthetic_extraction

pytestmark = pytest.mark.browser

COUNTS_JS = """() => ({
  leaflet: window.L && L.version,
  maps: (window.mapperMaps || []).length,
  arrows: document.querySelectorAll('path.mapper-arrow').length,
  heads: document.querySelectorAll('path.mapper-head').length,
  labels: document.querySelectorAll('.mapper-count').length,
  names: document.querySelectorAll('.mapper-placename').length,
  legend: !!document.querySelector('.mapper-legend'),
  title: (document.querySelector('.mapper-title') || {}).textContent,
  areas: document.querySelectorAll('path.mapper-area').length,
  scale: !!document.querySelector('.leaflet-control-scale'),
  layers: document.querySelectorAll('.leaflet-control-layers-overlays label').length,
  unplaced: (document.querySelector('.mapper-unplaced') || {}).textContent || '',
  injected: document.querySelectorAll('.leaflet-container script, .leaflet-container img[src="x"]').length,
})"""


@pytest.fixture(scope="module")
def hostile_map(tmp_path_factory):
    path = tmp_path_factory.mktemp("maps") / "hostile.html"
    save_html(render(sample_extraction(hostile=True), tiles=None, title=f"Two reports {XSS}"), path)
    return path


@pytest.fixture()
def opened(browser, hostile_map):
    mp = open_map(browser, hostile_map)
    yield mp
    mp.close()


def test_map_draws_offline_without_errors(opened):
    c = opened.page.evaluate(COUNTS_JS)
    assert opened.errors == [] and opened.requests == [] and opened.dialogs == []
    assert c["leaflet"] == "1.9.4" and c["maps"] == 1
    assert c["arrows"] >= 2 and c["heads"] == c["arrows"]
    assert c["labels"] >= 2 and c["legend"] and c["scale"] and c["areas"] == 1
    assert c["layers"] >= 2
    assert c["injected"] == 0
    assert XSS in c["title"]  # shown as text
    screenshot(opened, "render-hostile")


def test_count_labels_are_visible_without_clicking(opened):
    texts = opened.page.eval_on_selector_all(".mapper-count", "els => els.map(e => e.innerText)")
    assert any("~3,000 people · this phase" in t and "up to 15,000 · in all · planned" in t for t in texts)


def test_labels_do_not_overlap(opened):
    boxes = opened.page.eval_on_selector_all(
        ".mapper-label", "els => els.map(e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })"
    )
    assert len(boxes) >= 4
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not (a[0] < b[2] - 1 and b[0] < a[2] - 1 and a[1] < b[3] - 1 and b[1] < a[3] - 1), (a, b)


def _click_arrow(page, index: int):
    x, y = page.evaluate(
        """(i) => { const api = window.mapperMaps[0], a = api.arrows[i], ll = a.getLatLngs();
        const p = api.map.latLngToContainerPoint(ll[Math.floor(ll.length / 2)]);
        const r = api.map.getContainer().getBoundingClientRect(); return [r.left + p.x, r.top + p.y]; }""",
        index,
    )
    page.mouse.click(x, y)
    page.wait_for_selector(".leaflet-popup-content .mapper-popup", timeout=5000)
    return page.eval_on_selector(".leaflet-popup-content", "e => ({text: e.textContent, html: e.innerHTML, "
                                 "links: [...e.querySelectorAll('a')].map(a => a.getAttribute('href'))})")


def test_popup_shows_evidence_escaped(opened):
    page = opened.page
    # close any popup first so the click lands on the arrow
    nyala = page.evaluate("() => window.mapperMaps[0].data.flows.o.findIndex((o) => window.mapperMaps[0].data.places[o].name === 'Nyala')")
    pop = _click_arrow(page, nyala)
    assert "Nyala → Ed Daein" in pop["text"]
    assert XSS in pop["text"]  # the sentence, as text
    assert "<script>" not in pop["html"] and "&lt;script&gt;" in pop["html"]
    assert pop["links"] == []  # its article's URL is javascript:, so no link
    assert "confidence 0.81" in pop["text"]
    assert opened.dialogs == [] and opened.errors == []


def test_popup_of_shared_flow_says_it_is_shared(opened):
    page = opened.page
    i = page.evaluate("() => { const d = window.mapperMaps[0].data; return d.flows.d.findIndex((p) => d.places[p].name.startsWith('Ouaddaï')); }")
    pop = _click_arrow(page, i)
    assert "Some 3,000 people" in pop["text"] and "Up to 15,000 people" in pop["text"]
    assert "shared, not divided" in pop["text"]
    assert set(pop["links"]) == {"https://example.org/news/one?a=1&b=2"}
    assert "2024-05-02" in pop["text"]


def test_unplaced_panel_lists_hostile_text_as_text(opened):
    page = opened.page
    page.click(".mapper-unplaced summary")
    text = page.inner_text(".mapper-unplaced")
    assert "Wadi Nowhere" in text and XSS_IMG in text
    assert opened.dialogs == [] and opened.errors == []


def test_filtering_by_status_hides_flows(opened):
    page = opened.page
    before = page.evaluate("() => document.querySelectorAll('path.mapper-arrow').length")
    page.click("text=Status: ongoing")
    after = page.evaluate("() => document.querySelectorAll('path.mapper-arrow').length")
    assert after == before - 1
    assert opened.errors == []


def test_tiles_online_do_not_break_the_map(browser, tmp_path):
    path = save_html(render(sample_extraction()), tmp_path / "tiles.html")
    mp = open_map(browser, path, allow_tiles=True)
    try:
        assert mp.requests == []  # nothing but tiles was asked for
        assert mp.tile_requests
        assert all("Failed to load resource" in e for e in mp.errors)
        assert mp.page.evaluate("() => document.querySelectorAll('path.mapper-arrow').length") >= 2
    finally:
        mp.close()


def test_many_flows_draw_on_canvas(browser, tmp_path):
    path = save_html(render(synthetic_extraction(3000), tiles=None), tmp_path / "many.html")
    mp = open_map(browser, path)
    try:
        assert mp.errors == [] and mp.requests == []
        info = mp.page.evaluate("() => ({canvas: document.querySelectorAll('canvas').length, n: window.mapperMaps[0].arrows.length, "
                                "labels: document.querySelectorAll('.mapper-count').length})")
        assert info["n"] == 3000 and info["canvas"] >= 1
        assert 0 < info["labels"] <= 150
        screenshot(mp, "render-3000")
    finally:
        mp.close()


def test_plain_folium_popups_work_without_jquery(browser, tmp_path):
    import folium

    m = folium.Map(location=[10, 20], zoom_start=4, tiles=None)
    folium.GeoJson({"type": "LineString", "coordinates": [[20, 10], [22, 11]]},
                   popup=folium.Popup("a flow")).add_to(m)
    folium.Marker([10, 20], popup="a marker").add_to(m)
    path = tmp_path / "plain.html"
    path.write_text(__import__("mapper.maps.html", fromlist=["to_html"]).to_html(m), encoding="utf-8")
    context = browser.new_context()
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:")) else r.abort())
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto(path.as_uri())
    page.wait_for_function("document.querySelectorAll('path.leaflet-interactive').length >= 1")
    assert errors == []
    assert page.evaluate("() => document.querySelectorAll('.leaflet-marker-icon').length") == 1
    context.close()


def test_time_slider_filters_by_date(opened):
    page = opened.page
    before = page.evaluate("() => document.querySelectorAll('path.mapper-arrow').length")
    assert page.inner_text(".mapper-time-label") == "Up to 2024-05-03"
    page.eval_on_selector(".mapper-time-range", "r => { r.value = 0; r.dispatchEvent(new Event('input')); }")
    assert page.inner_text(".mapper-time-label") == "Up to 2024-05-02"
    after = page.evaluate("() => document.querySelectorAll('path.mapper-arrow').length")
    assert after == before - 1  # the second report's flow is hidden
    assert opened.errors == []


def test_canvas_flows_answer_hover_and_click(browser, tmp_path):
    path = save_html(render(synthetic_extraction(2000, n_places=40), tiles=None), tmp_path / "bulk.html")
    mp = open_map(browser, path)
    try:
        page = mp.page
        # a point on some flow that no label or place symbol covers, in page coordinates
        x, y = page.evaluate("""() => { const api = window.mapperMaps[0], fc = api.flowCanvas;
            const r = api.map.getContainer().getBoundingClientRect();
            for (const f of fc._flows) { for (const ll of f.ll.slice(3, -3)) {
              const p = api.map.latLngToContainerPoint(ll), e = document.elementFromPoint(r.left + p.x, r.top + p.y);
              if (e && e.tagName === 'CANVAS' && e.parentNode.classList.contains('leaflet-mapper-flows-pane')
                  && fc._hit(api.map.containerPointToLayerPoint(p)) >= 0) { return [r.left + p.x, r.top + p.y]; } } }
            return null; }""")
        page.mouse.move(x, y)
        page.wait_for_selector(".mapper-tip", timeout=5000)
        page.mouse.click(x, y)
        page.wait_for_selector(".leaflet-popup-content .mapper-popup", timeout=5000)
        assert "→" in page.inner_text(".leaflet-popup-content")
        assert mp.errors == []
    finally:
        mp.close()


def test_area_tooltip_shows_its_name_as_text(opened):
    page = opened.page
    box = page.evaluate("""() => { const r = document.querySelector('path.mapper-area').getBoundingClientRect(); return [r.left, r.top, r.width, r.height]; }""")
    # walk across the outline's box until the pointer is over the area itself
    for fx in (0.5, 0.4, 0.6, 0.3, 0.7):
        px, py = box[0] + box[2] * fx, box[1] + box[3] * 0.5
        if page.evaluate("([x, y]) => (document.elementFromPoint(x, y) || {}).classList?.contains('mapper-area')", [px, py]):
            break
    page.mouse.move(px, py)
    page.wait_for_selector(".mapper-tip", timeout=5000)
    assert XSS_IMG in page.inner_text(".mapper-tip")
    assert page.evaluate("() => document.querySelectorAll('img[src=\"x\"]').length") == 0
    assert opened.dialogs == [] and opened.errors == []
