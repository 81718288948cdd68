"""Stage 6, the maps: folium maps (self-contained HTML), static images, exports.

The public function is :func:`mapper.render` (:func:`mapper.maps.folium_map.render`).
Modules (import what you need; nothing heavy loads with the package):

* :mod:`mapper.maps.folium_map` — ``render(extraction, *, m=None, tiles=..., title=..., **options) -> folium.Map``;
  ``build_payload(extraction)`` is the JSON the browser draws.
* :mod:`mapper.maps.html` — ``save_html(m, path)`` (atomic, no CDN), ``to_html(m)``,
  ``iframe_html(m)`` for notebooks.
* :mod:`mapper.maps.static` — ``save_static(extraction, "map.png" | "map.svg")``, ``static_figure(extraction)``.
* :mod:`mapper.maps.flowmap_blue` — ``write_flowmap_blue(extraction, folder)``: locations.csv, flows.csv.
* :mod:`mapper.maps.geometry` — arcs, arrowhead angles, ``curved_flows(flows)`` (the drawn curves as a GeoDataFrame).
* :mod:`mapper.maps.labels` — the wording of counts ("~3,000 people · this phase").
* :mod:`mapper.maps.assets` — inlined Leaflet 1.9.4 (BSD-2) and mapper's own script and stylesheet;
  the embedded Natural Earth outlines come from :mod:`mapper.outlines`.
"""
