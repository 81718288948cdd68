"""Name normalisation: one lookup key for every spelling of a place name.

"al-Qa'im", "Al Qaim", "el-Qaʿim" and "Qāim" all map to the key ``"qaim"``;
"Manbīj" maps to ``"manbij"``. Keys are what the gazetteer indexes and
what :mod:`mapper.places.toponyms` looks up, so both sides must use
:func:`name_key`.

Feature words ("province", "camp", "district"...) are not part of a key: they
change the feature type a mention asks for (:data:`FEATURE_WORDS`).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

__all__ = [
    "ARTICLES",
    "FEATURE_WORDS",
    "FACILITY_WORDS",
    "PRE_FEATURE_WORDS",
    "PLACE_KINDS",
    "STATED_KIND_START",
    "stated_kind",
    "PLURAL_FEATURE_WORDS",
    "name_key",
    "strip_article",
    "is_latin",
]

#: Arabic definite articles as transliterated in English news ("al Qusayr",
#: "el-Fasher", "as-Suwayda", "ad-Dana", "ash-Shaddadi"...). Dropped from keys
#: because sources disagree on whether to write them.
ARTICLES = frozenset(
    {"al", "el", "as", "ad", "ar", "an", "at", "ash", "az", "ath", "adh", "ul", "il", "es", "ed", "et", "er", "en", "ez"}
)

#: Words after a name that say what kind of place it is: "Daraa province",
#: "Raqqa city", "Zaatari camp", "Qusayr district", "Orange County".
FEATURE_WORDS: dict[str, str] = {
    "province": "admin1",
    "governorate": "admin1",
    "state": "admin1",
    "region": "admin1",
    "prefecture": "admin1",
    "oblast": "admin1",
    "county": "admin2",
    "regency": "admin2",  # Indonesia's kabupaten
    "territory": "admin2",  # the DR Congo's territoires ("Beni territory")
    "district": "district",
    "neighbourhood": "district",
    "neighborhood": "district",
    "quarter": "district",
    "suburb": "district",
    "city": "city",
    "town": "town",
    "village": "village",
    "camp": "camp",
    "settlement": "camp",
    "crossing": "crossing",
    "border crossing": "crossing",
}
#: The plural feature words, which a list of names shares ("Daraa, Quneitra and Hama provinces",
#: "Jackson and Barrow counties"), with their singular. Each is a feature word too.
PLURAL_FEATURE_WORDS: dict[str, str] = {
    "camps": "camp", "provinces": "province", "governorates": "governorate", "states": "state",
    "regions": "region", "prefectures": "prefecture", "oblasts": "oblast", "counties": "county", "regencies": "regency",
    "territories": "territory", "districts": "district", "towns": "town", "villages": "village",
}
FEATURE_WORDS.update({plural: FEATURE_WORDS[singular] for plural, singular in PLURAL_FEATURE_WORDS.items()})

#: Last words of the names of streets, buildings, estates, institutions, waters and islands
#: ("Main Street", "Royal Hospital", "Neches River", "Manus Island"): the gazetteer rarely has
#: them, and a namesake town is never what they mean. Values are the feature hint they give.
FACILITY_WORDS: dict[str, str] = {
    **dict.fromkeys(
        "street st avenue ave road rd drive dr boulevard blvd highway hwy lane ln parkway pkwy way square plaza "
        "bridge hospital clinic university college school academy institute stadium arena airport station "
        "church cathedral mosque temple synagogue monastery museum gallery library palace prison jail court "
        "courthouse building tower hall centre center estate park market mall hotel base island islands".split(),
        "landmark"),
    **dict.fromkeys("river creek lake bay canal reservoir dam falls".split(), "water"),
}
#: First words of such names: "Lake Lanier", "University of Nairobi", "Port of Los Angeles".
FACILITY_HEADS: dict[str, str] = {"lake": "water", "university": "landmark", "port": "landmark"}

#: Words before a name that give its type: "the town of X", "X refugee camp"
#: is handled by FEATURE_WORDS, "Camp X" here.
PRE_FEATURE_WORDS: dict[str, str] = {
    "town of": "town",
    "city of": "city",
    "village of": "village",
    "province of": "admin1",
    "governorate of": "admin1",
    "state of": "admin1",
    "district of": "district",
    "region of": "admin1",
    "county of": "admin2",
}

#: Nouns for kinds of place, as a regular-expression alternation (singular; add ``s?``):
#: what "X is a small town in Y" or "X, a village of Y" says X is.
PLACE_KINDS = (
    "town|city|village|hamlet|community|municipality|suburb|neighbou?rhood|district|subdistrict|county"
    "|province|region|state|department|division|governorate|canton|settlement|commune|parish|borough|township"
    "|locality|port|capital|camp|place|ward|barrio|quarter|island|area"
)

#: How a text begins to say what the place just named is: ", a", " is the", " was an".
STATED_KIND_START = r"(?:,\s*|\s+(?:is|was)\s+)(?:a|an|the)\s+"


def stated_kind(modifiers: int) -> str:
    """A regular expression for the text saying which kind of place a name is, right after it.

    ", a village", " is a small town", " was the provincial capitals": the
    start (:data:`STATED_KIND_START`), then at most *modifiers* words, then a
    kind of place (:data:`PLACE_KINDS`, singular or plural). Recognition and
    resolution both read it; each adds what must follow the kind.

    Parameters
    ----------
    modifiers : int
        How many words may stand between the article and the kind.

    Returns
    -------
    str
        The expression, to compile case-insensitively.
    """
    return rf"{STATED_KIND_START}(?:[\w()-]+\s+){{0,{modifiers}}}?(?:{PLACE_KINDS})s?"

_APOSTROPHES = "'’‘ʿʾʼ`´ʻ"
_APOS_RE = re.compile(f"[{_APOSTROPHES}]")
_SEP_RE = re.compile(r"[\s\-‐‑‒–—_/]+")
_DROP_RE = re.compile(r"[^a-z0-9 ]+")
_INNER_DOT_RE = re.compile(r"\.(?=[a-z0-9])")


def strip_article(words: list[str]) -> list[str]:
    """Drop a leading Arabic article ("al", "el"...) when a name follows it."""
    if len(words) > 1 and words[0] in ARTICLES:
        return words[1:]
    return words


@lru_cache(maxsize=200_000)
def name_key(name: str) -> str:
    """Return the normalised lookup key of a place name.

    Parameters
    ----------
    name : str
        A name as written ("al-Wa'er", "Jarābulus", "St. Louis").

    Returns
    -------
    str
        Lower-case ASCII words separated by single spaces, without apostrophes,
        ʿayn marks, diacritics or a leading Arabic article. Empty when nothing
        is left.

    Examples
    --------
    >>> name_key("al-Qa'im")
    'qaim'
    >>> name_key("Manbīj")
    'manbij'
    """
    s = _APOS_RE.sub("", name)
    if not s.isascii():
        # anyascii turns "ā" into "a" but also "ʿ" into a quote: apostrophes went first.
        s = _APOS_RE.sub("", anyascii(unicodedata.normalize("NFC", s)))
    s = s.lower()
    # "U.S." → "us", "W.Va." → "wva", but "St. Louis" → "st louis".
    s = _INNER_DOT_RE.sub("", s.replace("&", " and ")).replace(".", " ")
    s = _SEP_RE.sub(" ", s)
    s = _DROP_RE.sub("", s)
    words = strip_article(s.split())
    if words and words[0] == "saint":
        words = ["st", *words[1:]]
    return " ".join(words)


# Letters of other scripts: Greek to Mongolian, Georgian..., CJK, Hangul, Arabic presentation forms.
_NON_LATIN_RE = re.compile("[\u0250-\u02AF\u0370-\u1DFF\u1F00-\u1FFF\u2C00-\uFB4F\uFB50-\uFFEF\U00010000-\U0010FFFF]")


def is_latin(name: str) -> bool:
    """True when every letter of *name* is Latin script (with or without marks)."""
    if name.isascii():
        return any(ch.isalpha() for ch in name)
    if _NON_LATIN_RE.search(name):
        return False
    return any(ch.isalpha() for ch in name)


def mention_for_span(text: str, start: int, end: int):
    """A toponym :class:`~mapper.model.Mention` for ``text[start:end]`` (a given span).

    The key is the whole span's key; a trailing feature word ("Daraa
    province") sets ``feature_hint``, and the resolver falls back to the name
    without it when the whole span names nothing. A facility's or a water's
    word ("Xavier University", "Lake Lanier") sets ``"landmark"`` or ``"water"``.
    """
    from mapper.model import Mention

    surface = text[start:end]
    words = surface.split()
    hint = FEATURE_WORDS.get(words[-1].lower()) if len(words) > 1 else None
    if hint is None and len(words) > 1:
        # "Xavier University", "Lake Lanier", "University of Nairobi": named, seldom in the gazetteer
        hint = FACILITY_WORDS.get(words[-1].lower().rstrip(".")) or (
            FACILITY_HEADS.get(words[0].lower()) if words[1][:1].isupper() or words[1] == "of" else None)
    if hint is None:
        before = text[max(0, start - 20):start].lower()
        for phrase, ft in PRE_FEATURE_WORDS.items():
            if before.endswith(phrase + " "):
                hint = ft
                break
    return Mention(text=surface, start=start, end=end, key=name_key(surface), feature_hint=hint)
