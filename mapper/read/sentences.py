"""Split article text into sentences with exact character offsets.

News text mixes running prose with headlines, datelines, photo captions and
bylines that carry no final full stop. Every line of the text is therefore
split on its own: a headline is a sentence even without punctuation, and a
sentence never spans a line break. Within a line, a boundary is a ``.``, ``!``
or ``?`` (plus closing quotes/brackets) followed by space and a plausible
sentence start, unless the word before the full stop is a known abbreviation
("Gov.", "U.S.", "Jan.") or an initial ("J.").

The splitter is pure regular expressions: ~1 µs per sentence, no model.
"""

from __future__ import annotations

import re

from mapper.model import Sentence

__all__ = ["split_sentences"]

# Words after which a full stop rarely ends a sentence. Lower-cased, without the dot.
_ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof sr jr st mt ft gen lt col maj capt cpt sgt cmdr adm
    gov sen rep pres rev hon fr sec dept govt insp supt
    jan feb mar apr jun jul aug sep sept oct nov dec
    mon tue tues wed thu thur thurs fri sat sun
    no nos vol pp fig approx est etc vs cf al inc ltd corp co bros
    ave blvd rd hwy km mi sq
    """.split()
)
# Dotted acronyms that usually sit mid-sentence ("the U.S. military").
_DOTTED = re.compile(r"(?:[A-Za-z]\.){2,}$")

# A candidate boundary: terminal punctuation, optional closers, whitespace.
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+)")
# What may start the next sentence: a capital, digit, quote or bracket.
_STARTER = re.compile(r"\s+[\"'“‘(\[]*[A-Z0-9À-Þ]")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
# A "line": text between line breaks, or between runs of 2+ spaces before a
# capital or a list bullet (scraped pages often lose their newlines and keep only the spaces).
_LINE = re.compile(r"(?:[^\n ]|(?<! ) (?! )| {2,}(?![\"'“‘(\[]*[A-Z0-9]|[-•*–] ))+")
_PLAIN_LINE = re.compile(r"[^\n]+")
# Double spaces between lower-case words: PDF-extracted text, where spacing means nothing.
_LOOSE_SPACING = re.compile(r"[a-z,]  +[a-z]")
# "floods.While": a full stop glued to the next sentence after a lower-case word.
_GLUED = re.compile(r"(?<=[a-z]{2}[.!?])(?=[A-Z][a-z])")
# An all-capitals headline run into the following sentence: "TOWN FLOODED Rescuers said".
_CAPS_RUN = re.compile(r"\b(?:[A-Z][A-Z'’-]+ +){2,}[A-Z][A-Z'’-]+(?= +[A-Z][a-z])")


def _is_boundary(line: str, dot: int, after: int) -> bool:
    """Decide whether the punctuation at ``line[dot:after]`` ends a sentence."""
    if not _STARTER.match(line, after):
        return False
    if line[dot] != ".":
        return True
    m = _WORD_BEFORE.search(line, 0, dot)
    if not m:
        return True
    word = m.group(1)
    if word.lower().rstrip(".") in _ABBREVIATIONS and after - dot == 1:
        return False
    if len(word) == 1 and word.isupper():  # an initial: "J. Smith"
        return False
    if _DOTTED.match(word + "."):
        # "U.S." ends a sentence only when a typical sentence opener follows.
        nxt = line[after:].lstrip()[:12]
        return bool(re.match(r"(?:The|A|An|In|On|It|He|She|They|We|This|But|And|At|As)\b", nxt))
    return True


def split_sentences(text: str) -> tuple[Sentence, ...]:
    """Split *text* into sentences and headline/caption lines.

    Parameters
    ----------
    text : str
        The article text (``Article.text``).

    Returns
    -------
    tuple of Sentence
        In text order, each with ``start``/``end`` offsets into *text* such that
        ``text[start:end] == sentence.text``; surrounding whitespace is excluded
        and empty lines produce nothing.

    Examples
    --------
    >>> [s.text for s in split_sentences("Floods hit town\\nGov. Lee spoke. Many fled.")]
    ['Floods hit town', 'Gov. Lee spoke.', 'Many fled.']
    """
    out: list[Sentence] = []
    lines = _PLAIN_LINE if _LOOSE_SPACING.search(text) else _LINE
    for line_m in lines.finditer(text):
        line = line_m.group()
        base = line_m.start()
        cuts = [b.end() for b in _BOUNDARY.finditer(line) if _is_boundary(line, b.start(), b.end())]
        if "." in line or "!" in line or "?" in line:
            cuts.extend(m.start() for m in _GLUED.finditer(line))
        cuts.extend(m.end() for m in _CAPS_RUN.finditer(line))
        begin = 0
        for cut in sorted(set(cuts)):
            _emit(out, text, base, line, begin, cut)
            begin = cut
        _emit(out, text, base, line, begin, len(line))
    return tuple(out)


def _emit(out: list[Sentence], text: str, base: int, line: str, begin: int, end: int) -> None:
    seg = line[begin:end]
    stripped = seg.strip()
    if not stripped:
        return
    start = base + begin + (len(seg) - len(seg.lstrip()))
    stop = start + len(stripped)
    out.append(Sentence(index=len(out), start=start, end=stop, text=text[start:stop]))
