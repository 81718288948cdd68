"""Inlined JavaScript, CSS and images, so a map draws with no network at all.

Leaflet 1.9.4 comes from the pinned PyPI package ``django-js-lib-leaflet==1.9.4.1``
(module ``js_lib_leaflet``), whose files are byte-identical to npm ``leaflet@1.9.4``.
Leaflet is BSD-2-Clause (c) 2010-2023 Vladimir Agafonkin, (c) 2010-2011 CloudMade;
its licence header is kept in the inlined script. The flow-map script and style
(``flowmap.js``, ``flowmap.css``) are mapper's own, shipped beside this module.

Everything is read lazily, once per process.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
import re
from importlib import resources

from mapper.errors import RenderError

__all__ = [
    "LEAFLET_VERSION",
    "LEAFLET_LICENSE",
    "leaflet_js",
    "leaflet_css",
    "marker_images",
    "flowmap_js",
    "flowmap_css",
    "head_html",
    "script_json",
]

LEAFLET_VERSION = "1.9.4"
LEAFLET_LICENSE = "BSD-2-Clause, (c) 2010-2023 Vladimir Agafonkin, (c) 2010-2011 CloudMade"
#: sha256 prefix of npm leaflet@1.9.4 dist/leaflet.js: the inlined copy must be that file.
_LEAFLET_JS_SHA256 = "db49d009c841f5ca"
_PACKAGE = "js_lib_leaflet"
_STATIC = ("static", "js_lib_leaflet")


def _leaflet_file(name: str) -> bytes:
    try:
        root = resources.files(_PACKAGE).joinpath(*_STATIC)
        return root.joinpath(*name.split("/")).read_bytes()
    except (ModuleNotFoundError, FileNotFoundError) as exc:  # pragma: no cover - broken install
        raise RenderError(
            f"Leaflet asset {name!r} is missing: reinstall mapper (pip install -e .) to get django-js-lib-leaflet"
        ) from exc


def _data_uri(data: bytes, mime: str = "image/png") -> str:
    return f"data:{mime};base64," + base64.b64encode(data).decode("ascii")


@functools.lru_cache(maxsize=1)
def leaflet_js() -> str:
    """Leaflet's minified script, without its source-map comment.

    Raises
    ------
    RenderError
        When the installed file is not Leaflet 1.9.4 as published on npm.
    """
    raw = _leaflet_file("leaflet.js")
    if not hashlib.sha256(raw).hexdigest().startswith(_LEAFLET_JS_SHA256):
        raise RenderError("the installed Leaflet is not 1.9.4: reinstall mapper to get django-js-lib-leaflet==1.9.4.1")
    text = raw.decode("utf-8")
    # a source-map comment makes developer tools fetch a file that is not there
    return re.sub(r"\n?//# sourceMappingURL=\S+\s*$", "\n", text)


@functools.lru_cache(maxsize=1)
def marker_images() -> dict[str, str]:
    """Leaflet's images as data URIs, keyed by file name."""
    names = ("marker-icon.png", "marker-icon-2x.png", "marker-shadow.png", "layers.png", "layers-2x.png")
    return {n: _data_uri(_leaflet_file(f"images/{n}")) for n in names}


@functools.lru_cache(maxsize=1)
def leaflet_css() -> str:
    """Leaflet's stylesheet with its image URLs replaced by data URIs."""
    css = _leaflet_file("leaflet.css").decode("utf-8")
    images = marker_images()
    return re.sub(r"url\(images/([\w.-]+)\)", lambda m: f"url({images[m.group(1)]})", css)


def _own(name: str) -> str:
    return resources.files("mapper.maps").joinpath(name).read_text(encoding="utf-8")


@functools.lru_cache(maxsize=1)
def flowmap_js() -> str:
    """mapper's flow-map script (arrows, heads, labels, legend, popups, layers)."""
    return _own("flowmap.js")


@functools.lru_cache(maxsize=1)
def flowmap_css() -> str:
    """mapper's flow-map stylesheet."""
    return _own("flowmap.css")


def _icon_defaults_js() -> str:
    # L.Icon.Default guesses an image folder from the CSS; point it at data URIs instead
    images = marker_images()
    return (
        "L.Icon.Default.imagePath='';L.Icon.Default.mergeOptions({"
        f"iconUrl:{script_json(images['marker-icon.png'])},"
        f"iconRetinaUrl:{script_json(images['marker-icon-2x.png'])},"
        f"shadowUrl:{script_json(images['marker-shadow.png'])}}});"
    )


@functools.lru_cache(maxsize=1)
def head_html() -> str:
    """The ``<style>``/``<script>`` block that replaces every CDN link folium adds."""
    return (
        f"<!-- Leaflet {LEAFLET_VERSION} ({LEAFLET_LICENSE}), inlined -->\n"
        f"<style>{leaflet_css()}</style>\n"
        f"<script>{leaflet_js()}</script>\n"
        f"<script>{_icon_defaults_js()}</script>\n"
        f"<style>{flowmap_css()}</style>\n"
        f"<script>{flowmap_js()}</script>\n"
    )


def script_json(value) -> str:
    """JSON safe to place inside a ``<script>`` element.

    ``<``, ``>`` and ``&`` become ``\\u003c``-style escapes so no string in the
    data can close the script (``</script>``) or open a comment (``<!--``);
    U+2028/U+2029 are escaped for old JavaScript parsers.
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )
