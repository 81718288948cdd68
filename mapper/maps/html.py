"""Self-contained HTML from a folium map: no CDN, one file, written atomically.

folium adds ``<script src=...>``/``<link href=...>`` tags for Leaflet, jQuery,
Bootstrap, Font Awesome and awesome-markers from CDNs. mapper's maps need only
Leaflet, which :mod:`mapper.maps.assets` inlines; the CDN tags are removed.
Any other remote asset (a folium plugin added by the caller) is refused unless
``allow_remote=True``, because the map would not draw offline.
"""

from __future__ import annotations

import html as _html
import re
from pathlib import Path

import folium
import folium.folium as _ff

from mapper.atomic import atomic_write
from mapper.errors import RenderError
from mapper.maps import assets

__all__ = ["to_html", "save_html", "iframe_html", "remote_assets"]

_TAG = re.compile(
    r"""<script\b[^>]*\bsrc\s*=\s*["']?(?P<js>[^"'\s>]+)["']?[^>]*>\s*</script>\s*"""
    r"""|<link\b[^>]*\bhref\s*=\s*["']?(?P<css>[^"'\s>]+)["']?[^>]*/?>\s*""",
    re.IGNORECASE,
)
_MARK = "<!-- Leaflet " + assets.LEAFLET_VERSION


_JQUERY_SHIM = (
    "window.$=window.$||function(a){if(a===document){return{ready:function(f){"
    "if(document.readyState!=='loading'){f();}else{document.addEventListener('DOMContentLoaded',f);}}};}"
    "var t=document.createElement('template');t.innerHTML=String(a).trim();return [t.content.firstChild];};"
)


def _folium_cdn_urls() -> set[str]:
    # what folium's Map itself links: everything it needs we inline, or is not needed at all
    urls = {u for _, u in getattr(_ff, "_default_js", [])} | {u for _, u in getattr(_ff, "_default_css", [])}
    urls |= {u for _, u in folium.Map.default_js} | {u for _, u in folium.Map.default_css}
    return urls


def _is_remote(url: str) -> bool:
    return bool(re.match(r"^(?:[a-z][a-z0-9+.-]*:)?//", url, re.IGNORECASE))


def remote_assets(html: str) -> list[str]:
    """URLs of scripts and stylesheets *html* would fetch from the network."""
    out = []
    for m in _TAG.finditer(html):
        url = m.group("js") or m.group("css")
        if url and _is_remote(url):
            out.append(url)
    return out


def to_html(m: folium.Map, *, allow_remote: bool = False) -> str:
    """The map as one self-contained HTML document.

    Parameters
    ----------
    m : folium.Map
        Typically from :func:`mapper.maps.folium_map.render`; a plain folium
        map works too (Leaflet is inlined into it).
    allow_remote : bool
        Keep remote scripts/stylesheets that mapper cannot inline (folium
        plugins added by the caller) instead of raising.

    Returns
    -------
    str

    Raises
    ------
    RenderError
        When the map needs a remote script or stylesheet and *allow_remote* is false.
    """
    text = m.get_root().render()
    cdn = _folium_cdn_urls()
    text = _TAG.sub(lambda mt: "" if (mt.group("js") or mt.group("css")) in cdn else mt.group(0), text)
    if _MARK not in text:
        text = re.sub(r"<head>", lambda _: "<head>\n" + assets.head_html(), text, count=1, flags=re.IGNORECASE)
    if "$(" in text and "jquery" not in text.lower():
        # folium builds popups with $(`<div>…</div>`)[0] and waits with $(document).ready:
        # a few lines stand in for jQuery instead of fetching it
        text = re.sub(r"<head>", lambda _: "<head>\n<script>" + _JQUERY_SHIM + "</script>", text, count=1, flags=re.IGNORECASE)
    remote = remote_assets(text)
    if remote and not allow_remote:
        raise RenderError(
            f"the map links {len(remote)} remote asset(s) ({remote[0]}) and would not draw offline: "
            "remove the plugin or pass allow_remote=True"
        )
    if "<title>" not in text.lower():
        title = getattr(m, "_mapper_title", None) or "mapper map"
        text = re.sub(r"<head>", lambda _: f"<head>\n<title>{_html.escape(title)}</title>", text, count=1, flags=re.IGNORECASE)
    return text


def save_html(m: folium.Map, path, *, allow_remote: bool = False) -> Path:
    """Write the self-contained map to *path* atomically (temporary file, then rename).

    Parameters
    ----------
    m : folium.Map
    path : str or os.PathLike
        The ``.html`` file to write; parent folders are created.
    allow_remote : bool
        See :func:`to_html`.

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    OutputError
        When the file cannot be written.
    RenderError
        When the map cannot be made self-contained.
    """
    text = to_html(m, allow_remote=allow_remote)
    return atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8", newline="\n"))




def iframe_html(m: folium.Map, *, width: str = "100%", height: int | str = 520) -> str:
    """An ``<iframe srcdoc=...>`` holding the self-contained map, for notebooks.

    folium's own notebook display links CDN scripts; this one draws offline.
    """
    doc = to_html(m)
    h = f"{height}px" if isinstance(height, int) else str(height)
    return (
        f'<iframe srcdoc="{_html.escape(doc, quote=True)}" style="width:{_html.escape(str(width))};'
        f'height:{_html.escape(h)};border:none" sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox" '
        'title="mapper map"></iframe>'
    )
