"""Stage 6, render: folium maps (self-contained HTML), static images, exports.

Modules (import what you need; nothing heavy loads with the package):

* :mod:`mapper.render.folium_map` — ``render(extraction, *, m=None, tiles=..., title=..., **options) -> folium.Map``;
  ``build_payload(extraction)`` is the JSON the browser draws.
* :mod:`mapper.render.html` — ``save_html(m, path)`` (atomic, no CDN), ``to_html(m)``,
  ``iframe_html(m)`` for notebooks.
* :mod:`mapper.render.static` — ``save_static(extraction, "map.png" | "map.svg")``, ``static_figure(extraction)``.
* :mod:`mapper.render.flowmap_blue` — ``write_flowmap_blue(extraction, folder)``: locations.csv, flows.csv.
* :mod:`mapper.render.geometry` — arcs, arrowhead angles, ``curved_flows(flows)`` (the drawn curves as a GeoDataFrame).
* :mod:`mapper.render.labels` — the wording of counts ("~3,000 people · this phase").
* :mod:`mapper.render.assets`, :mod:`mapper.render.basemap` — inlined Leaflet 1.9.4 (BSD-2) and the
  embedded Natural Earth outlines.
"""

import sys as _sys
import types as _types


class _CallableModule(_types.ModuleType):
    """``mapper.render`` is both this package and the API function ``mapper.render(extraction)``.

    Importing any ``mapper.render.<module>`` binds the package to the name
    ``mapper.render``, hiding the function; calling the package draws the map,
    so both readings work.
    """

    def __call__(self, extraction, **options):
        from mapper.render.folium_map import render

        return render(extraction, **options)


_sys.modules[__name__].__class__ = _CallableModule
