"""HTML pages and fragments → the article's main text and metadata.

Whole pages go through trafilatura, the field's standard main-text
extractor (it drops navigation, footers, comments and scripts, and reads
title, canonical URL and publication date from the page's metadata).
Fragments — a few ``<p>`` from a scraper or a feed — and pages where
trafilatura finds nothing go through a small, fast converter built on the
standard library's HTML parser, which keeps every text node outside
``<script>``/``<style>``-like elements and turns block elements into line
breaks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

__all__ = ["HtmlText", "looks_like_html", "html_to_text", "fragment_to_text"]

_DOCUMENT = re.compile(r"<\s*(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE)
_TAG = re.compile(
    r"<\s*/?\s*(?:p|div|br|span|a|b|i|em|strong|h[1-6]|li|ul|ol|article|section|main|header|footer"
    r"|nav|table|tr|td|th|blockquote|figure|figcaption|img|script|style|title|meta|link|time)\b[^<>]*>",
    re.IGNORECASE,
)
_SKIP = {"script", "style", "noscript", "template", "svg", "math", "iframe", "object", "canvas", "head", "select"}
_VOID = {"br", "hr", "img", "meta", "link", "input", "wbr", "source", "area", "base", "col", "embed", "param", "track"}
_BLOCK = {
    "p", "div", "article", "section", "main", "header", "footer", "aside", "nav", "blockquote",
    "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "table", "figure", "figcaption",
    "pre", "address", "form", "fieldset", "details", "summary", "caption",
}
_LINE = {"br", "li", "tr", "dt", "dd", "hr"}
_SPACES = re.compile(r"[ \t\f\v\u00a0]+")
_BLANKS = re.compile(r"\n{3,}")


@dataclass(frozen=True, slots=True)
class HtmlText:
    """Main text of an HTML input and what its metadata says.

    ``text`` uses ``\\n`` line endings and blank lines between blocks.
    """

    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    extractor: str = "fragment"


def looks_like_html(text: str) -> bool:
    """Tell whether ``text`` is HTML (a page or a fragment) rather than plain text.

    A page is recognised by ``<!doctype html>``, ``<html>``, ``<head>`` or
    ``<body>``; a fragment by at least two common tags when it starts with
    markup or has a tag every 200 characters. Plain text with a stray ``<``
    ("temperatures <5 degrees"), or a long article quoting a short embed
    snippet, is not HTML.
    """
    head = text[:65536]
    if _DOCUMENT.search(head):
        return True
    tags = len(_TAG.findall(head))
    if tags < 2:
        return False
    # A plain article quoting an embed snippet has a few tags in a lot of text;
    # a fragment starts with markup or is dense with it.
    return head.lstrip().startswith("<") or tags * 200 >= len(head)


def html_to_text(html: str, *, url: str | None = None) -> HtmlText:
    """Extract the main text and metadata of an HTML page or fragment.

    Parameters
    ----------
    html : str
        Decoded HTML.
    url : str, optional
        The page's address, if known (helps trafilatura; kept as metadata).

    Returns
    -------
    HtmlText
        Text may be empty when the HTML holds none; the caller decides
        whether that is an error.
    """
    if _DOCUMENT.search(html[:65536]):
        page = _trafilatura(html, url)
        if page is not None and page.text.strip():
            return page
        fallback = fragment_to_text(html)
        if page is not None:
            return HtmlText(
                fallback.text,
                page.title or fallback.title,
                page.url or fallback.url or url,
                page.published or fallback.published,
                "fragment",
            )
        return fallback if fallback.url or not url else HtmlText(fallback.text, fallback.title, url, fallback.published)
    frag = fragment_to_text(html)
    return frag if frag.url or not url else HtmlText(frag.text, frag.title, url, frag.published)


# Fixed bounds keep date extraction independent of the day the code runs.
_DATE_PARAMS = {"original_date": True, "extensive_search": False, "min_date": "1900-01-01", "max_date": "2999-12-31"}


def _trafilatura(html: str, url: str | None) -> HtmlText | None:
    import trafilatura  # lazy: ~0.1 s import, needed for whole pages only

    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            favor_recall=True,
            include_comments=False,
            include_tables=True,
            with_metadata=True,
            date_extraction_params=_DATE_PARAMS,
        )
    except Exception:  # noqa: BLE001 - a third-party parser failing on hostile markup falls back
        return None
    if doc is None:
        return None
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = _tidy(data.get("text") or "")
    published = data.get("date") or None
    return HtmlText(text, _clean(data.get("title")), _clean(data.get("url")) or url, published, "trafilatura")


def fragment_to_text(html: str) -> HtmlText:
    """Convert HTML to text with the standard library's parser: every visible text node, blocks as lines."""
    parser = _TextParser()
    try:
        parser.feed(html)
        parser.close()
    except Exception:  # noqa: BLE001 - html.parser is lenient; keep what was read before any failure
        pass
    return HtmlText(
        _tidy("".join(parser.out)),
        _clean(parser.meta.get("title")),
        _clean(parser.meta.get("url")),
        _clean(parser.meta.get("published")),
        "fragment",
    )


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _tidy(text: str) -> str:
    lines = [_SPACES.sub(" ", line).strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip()


_META_TITLE = ("og:title", "twitter:title", "dc.title", "title", "headline")
_META_URL = ("og:url", "twitter:url")
_META_DATE = (
    "article:published_time", "og:published_time", "datepublished", "date", "pubdate",
    "publishdate", "dc.date", "dc.date.issued", "dcterms.created", "sailthru.date", "parsely-pub-date",
)


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.meta: dict[str, str] = {}
        self._skip: list[str] = []
        self._in_title = False
        self._title: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        tag = tag.lower()
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            content = a.get("content", "")
            if content:
                if key in _META_TITLE:
                    self.meta.setdefault("title", content)
                elif key in _META_URL:
                    self.meta.setdefault("url", content)
                elif key in _META_DATE:
                    self.meta.setdefault("published", content)
            return
        if tag == "link" and "canonical" in a.get("rel", "").lower().split() and a.get("href"):
            self.meta.setdefault("url", a["href"])
            return
        if tag == "time" and a.get("datetime"):
            self.meta.setdefault("published", a["datetime"])
        if tag == "title":
            self._in_title = True
            return
        if tag in _VOID:
            if tag in _LINE and not self._skip:
                self.out.append("\n")
            return
        if tag in _SKIP:
            self._skip.append(tag)
            return
        if self._skip:
            return
        if tag in _BLOCK:
            self.out.append("\n\n")
        elif tag in _LINE:
            self.out.append("\n")
        elif tag in ("td", "th"):
            self.out.append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag.lower() in _SKIP:
            return
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        tag = tag.lower()
        if tag == "title":
            if self._in_title:
                self._in_title = False
                self.meta.setdefault("title", "".join(self._title))
            return
        if self._skip:
            if tag == self._skip[-1]:
                self._skip.pop()
            elif tag in self._skip:
                del self._skip[self._skip.index(tag):]
            return
        if tag in _BLOCK:
            self.out.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title.append(data)
        elif not self._skip:
            self.out.append(data)
