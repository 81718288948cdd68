"""Find place names (and demonyms) in raw text, with character offsets.

Recognition is gazetteer-driven: runs of capitalised words (with the connectors
that occur inside names: "Bosnia and Herzegovina", "Rio de Janeiro", "al Waer")
are looked up, longest first, in the offline gazetteer's name index. Filters
remove ordinary words that happen to be place names ("May", "Human", "Many"):
a frequent English word is kept only where the text treats it as a place
(after "in"/"from"/"to"..., or as "X, Y"). A feature word after a name
("Idlib province", "Homs city", "Zaatari camp") becomes part of the mention
and sets its ``feature_hint``. Demonyms ("Syrian", "Russians") are returned
with ``kind="demonym"``.
"""

from __future__ import annotations

import re

from mapper.geocode.gazetteer import Gazetteer, get_gazetteer
from mapper.geocode.names import ARTICLES, FEATURE_WORDS, PRE_FEATURE_WORDS, name_key
from mapper.model import Mention

__all__ = ["find_mentions"]

# A word: letters/digits, with inner apostrophes ("Wa'er") and hyphens ("al-Waer"),
# but not a possessive "'s" ("Syria's").
_WORD_RE = re.compile(r"\w+(?:['’ʿ‘ʾ](?![sS]\b)\w+|[-‐‑]\w+)*")
# What may separate two words of one name: a space, or "St. " style period + space.
_GAP_RE = re.compile(r"\.? {1,2}|\.?[ \t]")
_MAX_WORDS = 6

#: Lower-case words that occur inside multi-word place names.
_CONNECTORS = frozenset(
    "of de del della di da do dos das du des la le les el al and upon on sur am an der den im y e en ar as ad ash at "
    "aan bin ibn bani".split()
)
#: Words before a common-word name that show the text means a place.
_LOCATIVE = frozenset(
    "in from to near at into outside inside across toward towards via through around reached entered left "
    "fled leaving between of".split()
)
_MONTHS_DAYS = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)
_SENT_END = re.compile(r"(?:^|[.!?:;\"“”]\s*|\n\s*)$")


def _is_cap(word: str) -> bool:
    return word[:1].isupper() or (word[:1].isdigit() and False)


def _sentence_initial(text: str, start: int) -> bool:
    before = text[max(0, start - 4):start]
    i = start - 1
    while i >= 0 and text[i] in " \t\"'“‘(":
        i -= 1
    return i < 0 or text[i] in ".!?\n:;" or _SENT_END.search(before) is not None and i < 0


def find_mentions(text: str, *, gazetteer: Gazetteer | None = None) -> tuple[Mention, ...]:
    """Find place mentions and demonyms in *text*.

    Parameters
    ----------
    text : str
        Raw article text.
    gazetteer : Gazetteer, optional
        Defaults to :func:`~mapper.geocode.gazetteer.get_gazetteer`.

    Returns
    -------
    tuple of Mention
        Sorted by start offset, non-overlapping. ``text[m.start:m.end] == m.text``.
    """
    gz = gazetteer or get_gazetteer()
    ck = (id(gz), text)
    hit = _RECENT.get(ck)
    if hit is not None:
        return hit
    out = _find(text, gz)
    # The resolver asks again for the same text: keep the last few results.
    _RECENT[ck] = out
    while len(_RECENT) > 8:
        _RECENT.pop(next(iter(_RECENT)))
    return out


_RECENT: dict[tuple[int, str], tuple[Mention, ...]] = {}


def _find(text: str, gz: Gazetteer) -> tuple[Mention, ...]:
    words = [(m.start(), m.end(), m.group()) for m in _WORD_RE.finditer(text)]
    n = len(words)
    # Candidate spans: start on a capitalised word (or an article before one), end on a capitalised word.
    spans: dict[tuple[int, int], str] = {}
    for i, (s, e, w) in enumerate(words):
        lw = w.lower()
        head_article = lw in ARTICLES and i + 1 < n and _is_cap(words[i + 1][2])
        if not (_is_cap(w) or head_article or (lw.split("-")[0] in ARTICLES and "-" in w)):
            continue
        for j in range(i, min(n, i + _MAX_WORDS)):
            if j > i:
                gap = text[words[j - 1][1]:words[j][0]]
                if not _GAP_RE.fullmatch(gap):
                    break
                wj = words[j][2]
                if not _is_cap(wj) and wj.lower() not in _CONNECTORS:
                    break
            if _is_cap(words[j][2]) or (j == i and "-" in w):
                key = name_key(text[s:words[j][1]])
                if key:
                    spans[(i, j)] = key
    demonyms = gz.demonym_keys
    known = gz.known_keys(spans.values())
    out: list[Mention] = []
    i = 0
    while i < n:
        best = None
        for j in range(min(n, i + _MAX_WORDS) - 1, i - 1, -1):
            key = spans.get((i, j))
            if key is None:
                continue
            if key in known:
                best = (j, key, "toponym")
                break
            if key in demonyms:
                best = (j, key, "demonym")
                break
        if best is None:
            i += 1
            continue
        j, key, kind = best
        s, e = words[i][0], words[j][1]
        if kind == "toponym" and not _plausible(text, words, i, j, key, gz):
            i = j + 1
            continue
        hint = None
        if kind == "toponym":
            e, hint = _feature_after(text, words, j, e)
            if hint is None:
                hint = _feature_before(text, s)
        out.append(Mention(text=text[s:e], start=s, end=e, key=key, feature_hint=hint, kind=kind))
        i = j + 1
        while i < n and words[i][0] < e:
            i += 1
    return tuple(out)


def _plausible(text: str, words, i: int, j: int, key: str, gz: Gazetteer) -> bool:
    """False for ordinary words that are only accidentally place names."""
    first = words[i][2]
    if i == j:
        w = first
        lw = w.lower()
        if lw in _MONTHS_DAYS:
            return False
        if len(key) < 2:
            return False
        # All-caps short tokens are acronyms ("UN", "IS") unless they name a country ("US", "UK").
        if w.isupper() and len(w) <= 4:
            return any(c.place.feature_type == "country" for c in gz.candidates(key, normalised=True))
        if gz.is_common_word(lw) and not _protected(key, gz):
            return _locative_context(text, words, i, j)
    return True


def _protected(key: str, gz: Gazetteer) -> bool:
    """Names famous enough to be places even when they are also words ("Chad", "Jordan", "Nice")."""
    for c in gz.candidates(key, normalised=True):
        if not c.primary:
            continue
        ft = c.place.feature_type
        if ft in ("country", "admin1") or c.place.population >= 100_000 or c.place.source not in ("geonames",):
            return True
    return False


def _locative_context(text: str, words, i: int, j: int) -> bool:
    """True when the words around a span show it names a place."""
    if i > 0 and not _sentence_initial(text, words[i][0]):
        prev = words[i - 1][2].lower()
        if prev in _LOCATIVE and text[words[i - 1][1]:words[i][0]].strip() == "":
            # "in March" is handled by the month list; "in Mobile" is a place,
            # but "in Human Rights" is not: the name must end the capitalised run.
            if j + 1 < len(words) and _is_cap(words[j + 1][2]) and text[words[j][1]:words[j + 1][0]] == " ":
                return False
            return True
    # "X, <Capitalised>" as in "Reading, Pennsylvania"
    after = text[words[j][1]:words[j][1] + 2]
    if after == ", " and j + 1 < len(words) and _is_cap(words[j + 1][2]):
        return i == 0 or not _is_cap(words[i - 1][2])
    return False


def _feature_after(text: str, words, j: int, end: int) -> tuple[int, str | None]:
    """Extend a mention over a following feature word: "Idlib province" → (end, "admin1")."""
    if j + 1 >= len(words):
        return end, None
    gap = text[end:words[j + 1][0]]
    if gap != " ":
        return end, None
    w1 = words[j + 1][2].lower()
    if w1 == "refugee" and j + 2 < len(words) and words[j + 2][2].lower() in ("camp", "camps", "settlement"):
        if text[words[j + 1][1]:words[j + 2][0]] == " ":
            return words[j + 2][1], "camp"
    if w1 == "border" and j + 2 < len(words) and words[j + 2][2].lower() == "crossing":
        if text[words[j + 1][1]:words[j + 2][0]] == " ":
            return words[j + 2][1], "crossing"
    if w1 in FEATURE_WORDS and " " not in w1:
        # "Idlib Province" and "Idlib province" both; but "State" in "Islamic State" never follows a place here.
        return words[j + 1][1], FEATURE_WORDS[w1]
    return end, None


def _feature_before(text: str, start: int) -> str | None:
    """Feature type from "the town of X", "the province of X"."""
    before = text[max(0, start - 20):start].lower()
    for phrase, ft in PRE_FEATURE_WORDS.items():
        if before.endswith(phrase + " "):
            return ft
    return None
