"""Render benchmark: mapper's flow map against the one-layer-per-flow way (scikit-mobility's).

For 100 / 1,000 / 10,000 / 50,000 synthetic flows it measures, in one run:

* build + save: ``render()`` + ``save_html()`` for mapper; for the reference,
  one ``folium.GeoJson`` line with its ``folium.Popup`` per flow and one
  ``CircleMarker`` with popup per origin, saved with ``Map.save()`` — how
  scikit-mobility's ``plot_flows`` draws (it is not installed; its approach is
  reproduced with folium);
* the HTML size;
* the draw time in headless Chromium (Debian ``chromium``, network blocked):
  from navigation to the map drawn (mapper: its ready flag; reference: every
  flow path in the DOM), plus two animation frames. The reference file is
  drawn with Leaflet inlined in place of its CDN links (untimed), since it
  cannot load CDNs here.

mapper's map carries more than the reference: arcs, heads, labels, legend,
evidence sentences in popups, the embedded country outline and Leaflet itself.

Usage::

    python benchmarks/render.py [--sizes 100,1000,10000,50000] [--no-browser] [--no-reference]

Targets (issue #5): at 10,000 flows, ≥ 5× faster to build and ≤ ½ the HTML of
the reference; drawn in ≤ 2 s.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path


ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # render_fixtures: synthetic flows shared with the scale tests

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


def synthetic(n_flows: int, seed: int = 0):
    """*n_flows* random flows between ~4·√n places: the same generator the scale tests use."""
    from render_fixtures import synthetic_extraction

    return synthetic_extraction(n_flows, seed=seed)


def build_mapper(x, path: Path) -> float:
    from mapper.maps.folium_map import render
    from mapper.maps.html import save_html

    t = time.perf_counter()
    save_html(render(x, tiles="OpenStreetMap"), path)
    return time.perf_counter() - t


def build_reference(x, path: Path) -> float:
    """One folium layer per flow, as scikit-mobility's plot_flows does."""
    import folium

    t = time.perf_counter()
    flows = x.flows
    mean = float(flows["count"].mean()) or 1.0
    m = folium.Map(location=[20, 20], zoom_start=3, tiles="OpenStreetMap")
    coords = [list(g.coords) for g in flows.geometry]
    for (o, d, c), line in zip(flows[["origin", "destination", "count"]].itertuples(index=False), coords):
        weight = 2.0 * c / mean
        gj = folium.GeoJson(
            {"type": "LineString", "coordinates": [list(line[0]), list(line[-1])]},
            name="geojson",
            style_function=lambda _f, w=weight: {"color": "red", "weight": w, "opacity": 0.5},
        )
        gj.add_child(folium.Popup(f"flow from {o} to {d}: {int(c)}", max_width=300))
        gj.add_to(m)
    for name, group in flows.groupby("origin"):
        lon, lat = coords[group.index[0]][0]
        folium.CircleMarker([lat, lon], radius=5, weight=2, color="black", fill=True, fill_color="black",
                            popup=folium.Popup(f"origin: {name}", max_width=300)).add_to(m)
    m.save(str(path))
    return time.perf_counter() - t, m


def draw_time(browser, path: Path, ready_js: str, timeout_ms: int = 600_000) -> float:
    context = browser.new_context(viewport={"width": 1200, "height": 800}, service_workers="block")
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:")) else r.abort())
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    t = time.perf_counter()
    page.goto(path.resolve().as_uri(), wait_until="load", timeout=timeout_ms)
    page.wait_for_function(ready_js, timeout=timeout_ms)
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    elapsed = time.perf_counter() - t
    context.close()
    if errors:
        print(f"  page errors in {path.name}: {errors[:2]}", file=sys.stderr)
    return elapsed


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="100,1000,10000,50000")
    ap.add_argument("--no-browser", action="store_true")
    ap.add_argument("--no-reference", action="store_true")
    ap.add_argument("--keep", type=Path, help="keep the HTML files in this folder")
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s]

    browser = pw = None
    exe = os.environ.get("MAPPER_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not args.no_browser and Path(exe).exists():
        from playwright.sync_api import sync_playwright

        pw = sync_playwright().start()
        browser = pw.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS, headless=True)
    elif not args.no_browser:
        print(f"no chromium at {exe}: draw times skipped", file=sys.stderr)

    from mapper.maps.html import to_html

    workdir = Path(args.keep or tempfile.mkdtemp(prefix="mapper-render-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    header = (f"{'flows':>7} | {'mapper build+save s':>19} | {'reference s':>11} | {'speed-up':>8} | "
              f"{'mapper MB':>9} | {'reference MB':>12} | {'size ratio':>10} | {'mapper draw s':>13} | {'reference draw s':>16}")
    print(header)
    print("-" * len(header))
    try:
        for n in sizes:
            x = synthetic(n)
            ours = workdir / f"mapper-{n}.html"
            t_ours = build_mapper(x, ours)
            mb_ours = ours.stat().st_size / 1e6
            t_ref = mb_ref = d_ref = None
            if not args.no_reference:
                ref = workdir / f"reference-{n}.html"
                t_ref, m_ref = build_reference(x, ref)
                mb_ref = ref.stat().st_size / 1e6
                if browser is not None:
                    drawable = workdir / f"reference-{n}-inlined.html"
                    drawable.write_text(to_html(m_ref), encoding="utf-8")
                    d_ref = draw_time(browser, drawable,
                                      f"document.querySelectorAll('path.leaflet-interactive').length >= {n}")
                del m_ref
            d_ours = draw_time(browser, ours, "document.querySelector('[data-mapper-ready]') !== null") if browser else None

            def f(v, fmt):
                return format(v, fmt) if v is not None else "-"

            print(f"{n:>7,} | {t_ours:>19.2f} | {f(t_ref, '>11.2f')} | "
                  f"{f(t_ref / t_ours if t_ref else None, '>7.1f')}× | {mb_ours:>9.2f} | {f(mb_ref, '>12.2f')} | "
                  f"{f(mb_ours / mb_ref if mb_ref else None, '>10.2f')} | {f(d_ours, '>13.2f')} | {f(d_ref, '>16.2f')}",
                  flush=True)
    finally:
        if browser is not None:
            browser.close()
            pw.stop()
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
