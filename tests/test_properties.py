"""Property tests: hostile, arbitrary and extreme text through read, extract and render.

Invariants (issue #7, item 3):

* only documented :class:`~mapper.errors.MapperError` subclasses escape;
* each case finishes in bounded time (hypothesis ``deadline`` plus a hard
  alarm, so a hang fails instead of stalling the run);
* the four frames are always valid (:func:`mapper.schema.validate`: columns,
  CRS, geometry types);
* every offset points at what it claims (mentions, sentences, counts);
* every number on a flow or event is found in the text it cites.

Profiles are in ``tests/hypothesis_profiles.py``: ``ci`` by default,
``HYPOTHESIS_PROFILE=long`` for ≥ 10,000 cases per test.
"""

from __future__ import annotations

import contextlib
import json
import math
import re
import string

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from hypothesis_profiles import CASE_TIMEOUT, PROFILE
from mapper.errors import MapperError
from mapper.read.chunks import iter_chunks
from mapper.read.decode import decode_bytes, normalize_newlines
from mapper.time_limit import time_limit

mapper = pytest.importorskip("mapper")


class CaseTimeout(BaseException):
    """A case ran past the hard limit (BaseException: no ``except Exception`` can swallow it)."""


def hard_timeout(seconds: float = CASE_TIMEOUT):
    return time_limit(seconds, CaseTimeout, f"one case took more than {seconds} s")


# ------------------------------------------------------------------------ strategies
# Places from several regions (none from the seed article), with accents and apostrophes.
PLACES = [
    "Goma", "Gisenyi", "Mosul", "Erbil", "Juba", "Kampala", "Nairobi", "Kakuma", "Dadaab", "Mogadishu",
    "Kabul", "Peshawar", "Cox's Bazar", "Maiduguri", "Tripoli", "Lviv", "Przemyśl", "Zürich", "São Paulo",
    "Kharkiv", "Rafah", "Bangui", "Sittwe", "Tapachula", "Cúcuta", "Ndjamena", "Sanaa", "Aden",
]
QUALIFIERS = ["", "some ", "about ", "around ", "up to ", "more than ", "at least ", "nearly ", "over ",
              "fewer than ", "an estimated ", "roughly ", "almost "]
UNITS = ["people", "families", "refugees", "children", "households", "residents", "IDPs", "civilians", ""]
VERBS = ["fled", "left", "fled from", "were displaced from", "arrived in", "moved to", "returned to",
         "crossed into", "were relocated from", "were evacuated from", "reached", "escaped"]
CONNECTORS = [" to ", " for ", " into ", " towards ", " and ", ", ", " from ", " via "]
WORDS = ["thousands", "hundreds", "dozens", "a million", "two thousand", "half", "a few", "many", "none"]
PUNCT = list(".,;:!?-–—()[]{}\"'…/\\|*#@&%<>") + ["\n", "\n\n", "\t", "\u200b", "\u202e", "\ufeff", "\r\n"]
HOSTILE = [
    "<script>alert(1)</script>", "</script><img src=x onerror=alert(1)>", "javascript:alert(1)",
    "\" onmouseover=\"alert(1)", "' onerror='alert(1)", "<svg onload=alert(1)>", "{{7*7}}", "${7*7}",
    "\u202eevil\u202c", "\u200f\u200e", "\x00", "&lt;&gt;&amp;", "<!--", "]]>",
]


def _fmt_int(n: int, style: int) -> str:
    if style == 0:
        return str(n)
    if style == 1:
        return f"{n:,}"
    if style == 2:
        return f"{n:,}".replace(",", " ")
    return f"{n:,}".replace(",", ".")


numbers = st.one_of(
    st.builds(_fmt_int, st.integers(0, 10**7), st.integers(0, 3)),
    st.builds(_fmt_int, st.integers(10**7, 10**40), st.integers(0, 1)),
    st.floats(allow_nan=False, allow_infinity=False, width=64).map(repr),
    st.floats(min_value=0, max_value=1e6, allow_nan=False).map(lambda f: f"{f:.2f}"),
    st.sampled_from(["1e308", "1e-308", "0.0000001", "9" * 60, "0", "00000", "-5", "1,2,3,4,5,6",
                     "1.2 million", "3.5m", "12k", "2 bn", "1,000,000,000,000", "0.5", "½", "٣٠٠٠", "३०००"]),
    st.integers(2, 9).map(lambda n: ",".join(["999"] * n)),
)

movement_sentence = st.builds(
    lambda q, n, u, v, a, c, b, end: f"{q}{n} {u} {v} {a}{c}{b}{end}",
    st.sampled_from(QUALIFIERS), numbers, st.sampled_from(UNITS), st.sampled_from(VERBS),
    st.sampled_from(PLACES), st.sampled_from(CONNECTORS), st.sampled_from(PLACES),
    st.sampled_from([".", "!", "?", "", "...", ";", " on Monday.", " last week.", "\n"]),
)
punct_run = st.builds(lambda p, k: p * k, st.sampled_from(PUNCT), st.integers(1, 3000))
fragment = st.one_of(
    movement_sentence,
    movement_sentence,
    punct_run,
    st.sampled_from(PLACES),
    st.sampled_from(WORDS),
    st.sampled_from(HOSTILE),
    numbers,
    st.text(max_size=40),
)
article_text = st.lists(fragment, min_size=1, max_size=12).map(" ".join)
any_text = st.one_of(st.text(max_size=400), article_text)


# ------------------------------------------------------------------------ invariant checks
_SCALE = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9, "b": 1e9,
    "hundred": 1e2, "lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "dozen": 12, "dozens": 12,
}


_NUMBER_WORDS = re.compile(
    r"\b(?:a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[a-z]+teen|[a-z]+ty|hundreds?|"
    r"thousands?|millions?|billions?|dozens?|half|lakhs?|crores?|score)\b",
    re.IGNORECASE,
)


def _numbers_in(text: str) -> set[float]:
    """Every number a reader could see in ``text``: "1,000,001", "1 000 001", "2.5", "1.234.567", "2,5"."""
    found: set[float] = set()
    for m in re.finditer(r"\d+(?:[.,\u00a0 ]\d+)*", text):
        groups = re.split(r"[ \u00a0]", m.group(0))
        for i in range(len(groups)):
            for j in range(i + 1, len(groups) + 1):
                tok = "".join(groups[i:j])
                for v in (tok.replace(",", ""), tok.replace(".", "").replace(",", ""), tok.replace(",", "."),
                          *re.split(r"[.,]", tok)):
                    with contextlib.suppress(ValueError):
                        found.add(float(v))
    return found


def _number_is_in(value: float, text: str) -> bool:
    """True when ``value`` is written in ``text`` (as digits, possibly with a scale word) or text has no digits."""
    if not re.search(r"\d", text) or _NUMBER_WORDS.search(text):
        return True  # spelled out ("a million", "two thousand"): checked by the counts tests, not here
    for n in _numbers_in(text):
        for scale in (1.0, *_SCALE.values()):
            if math.isclose(value, n * scale, rel_tol=1e-9, abs_tol=1e-9):
                return True
    return False


def _check_extraction(ex, text: str) -> None:
    from mapper.schema import FRAME_COLUMNS, validate

    for name in FRAME_COLUMNS:
        validate(name, getattr(ex, name))
    (article,) = ex.articles
    body = article.text
    for _, row in ex.mentions.iterrows():
        assert body[int(row["char_start"]) : int(row["char_end"])] == row["text"]
    for name in ("flows", "events"):
        frame = getattr(ex, name)
        for _, row in frame.iterrows():
            start, end = int(row["char_start"]), int(row["char_end"])
            assert body[start:end] == row["sentence"], f"{name}: evidence offsets do not match the sentence"
            count_text = row["count_text"]
            figures = row.get("figures")
            figs = json.loads(figures) if isinstance(figures, str) and figures else []
            for col in ("count", "count_low", "count_high"):
                v = row[col]
                if v is None or (isinstance(v, float) and math.isnan(v)):
                    continue
                assert isinstance(count_text, str) and count_text, f"{name}: {col}={v} with no count_text"
                # The arrow's sentence is the one that names its ends (frames._naming_sentence); a count
                # restated from an earlier sentence ("500 families fled X. Later they reached Y.") is
                # traced through its figure, which must hold exactly this text, in its own sentence.
                if count_text not in row["sentence"]:
                    own = [f for f in figs if f.get("text") == count_text and count_text in (f.get("sentence") or "")]
                    assert own, f"{name}: count_text {count_text!r} in neither its row's nor a figure's sentence"
                assert _number_is_in(float(v), count_text), f"{name}: {col}={v} not written in {count_text!r}"
            for fig in figs:
                if "count_start" in fig and fig.get("count_start") is not None:
                    assert body[fig["count_start"] : fig["count_end"]] == fig["text"]
                for key in ("value", "low", "high"):
                    if fig.get(key) is not None:
                        assert _number_is_in(float(fig[key]), fig["text"]), f"figure {key}={fig[key]} not in {fig['text']!r}"


@pytest.fixture(scope="module", autouse=True)
def _warm():
    # Load the gazetteer once, outside the per-case deadline.
    mapper.extract("Some 40 families fled from Goma to Gisenyi.")


# ------------------------------------------------------------------------ properties
@PROFILE
@given(any_text)
@example("")
@example("   \n\t ")
@example("." * 5000)
@example("(" * 3000)
@example("1e308 people fled Goma for Juba. 1e-308 people fled Juba for Goma.")
@example("0 families fled Goma to Goma. 0.0 people fled Goma to Gisenyi.")  # a count restated from another sentence
@example("Goma" + ", Kisoro" * 6000 + " and " + "Kabale " * 6000 + "districts.")  # an endless list: linear, not quadratic
@example("Some " + "9" * 60 + " people fled from Mosul to Erbil.")
@example("Up to 1,000,000,000,000 refugees crossed into Kampala from Juba.")
@example("About </script><img src=x onerror=alert(1)> 300 people fled from Goma to Gisenyi.")
def test_extract_never_fails_unexpectedly(text):
    try:
        with hard_timeout():
            ex = mapper.extract(text)
    except MapperError:
        return
    _check_extraction(ex, text)


@PROFILE
@given(article_text)
@example("{{")
@example("0.0 people fled Goma to Goma. " + "{" * 154)
@example("Some 300 people fled from Goma to Juba. {{ 1234*5 }} {% if true %}X{% endif %}")
@example("About </script><img src=x onerror=alert(1)> 300 people fled from Goma to Gisenyi.")
@example("<svg onload=alert(1)> fled Goma. Some 300 people fled from <script>alert(1)</script>Goma to Juba.")
def test_render_draws_any_extraction_without_leaking_markup(text):
    from mapper.maps.folium_map import render

    try:
        with hard_timeout():
            ex = mapper.extract(text)
            html = render(ex).get_root().render()
    except MapperError:
        return
    assert "<html" in html.lower()
    if "{{ 1234*5 }}" in text:
        assert "6170" not in html, "article text was evaluated as a template"
    for payload in ("</script><img src=x onerror=alert(1)>", "<svg onload=alert(1)>", "<script>alert(1)</script>"):
        if payload in text:
            assert payload not in html, f"{payload!r} reached the HTML unescaped"


@PROFILE
@given(st.binary(max_size=2000))
@example(b"\xff\xfe")
@example(b"\xef\xbb\xbf")
@example(b"\x00" * 10)
def test_read_article_bytes_gives_an_article_or_a_mapper_error(data):
    from mapper.read.article import read_article

    try:
        with hard_timeout():
            art = read_article(data)
    except MapperError:
        return
    assert art.text.strip()
    assert "\r" not in art.text


@PROFILE
@given(st.text(min_size=1, max_size=300), st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]))
def test_unicode_round_trips_through_any_bom_encoding(text, encoding):
    assume(text.strip())
    assume(not any(ord(c) < 0x20 and c not in "\t\n\r\x0b\x0c" for c in text))
    assume(not text.startswith("\ufeff"))
    try:
        decoded = decode_bytes(text.encode(encoding))
    except MapperError:
        # Text made mostly of control-like characters may be called binary; never anything else.
        return
    assert decoded.text == normalize_newlines(text)


@PROFILE
@given(st.text(max_size=2000, alphabet=st.sampled_from(string.ascii_letters + " .!?\n\t\u00e9\u4e2d")),
       st.integers(2, 300))
def test_chunks_reassemble_exactly(text, size):
    chunks = list(iter_chunks(text, size))
    assert "".join(c.text for c in chunks) == text
    assert all(text[c.start : c.end] == c.text and 0 < len(c.text) <= size for c in chunks)
