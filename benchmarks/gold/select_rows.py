"""Choose the IDETECT rows annotated in ``benchmarks/gold/extra`` (reproducible).

Rows already annotated anywhere under ``eval/flows`` (only their ``corpus_row``
is read) are never candidates, nor rows whose text starts (first 400
characters) like one of them or like an earlier row.  Candidate lists:

* **loose** (``two_ended_window``): a movement verb with ``from`` + a
  capitalised word and ``to/into/towards/toward/for/in`` + a capitalised word
  within a window around it;
* **one-ended**: a movement verb and not the loose test;
* **tight** (``two_ended_sentence``): one sentence holds a movement word,
  ``from`` + a place-like capitalised word (not a month, weekday or agency) and
  ``to/into/towards/for/in/at/reached`` + another;
* **destination** (``destination_sentence``): a movement verb followed within
  120 characters by a named destination (``to/into/towards`` + a capitalised
  word, possibly after "a camp in", "shelters in"...; "refuge/shelter in X";
  "arrived in X");
* **explicit** (``EXPLICIT``): a displacement phrase with its destination
  ("crossed into", "fled to", "evacuated to", "took shelter in", ...).

One ``random.Random(SEED)`` shuffles loose, one-ended, tight, destination and
explicit, in that order.  Picks are taken from a list in order, skipping a row
that shares a sentence of 60+ characters or its URL (query string dropped)
with an annotated article (``eval/flows`` or an earlier pick): another copy or
another part of an article already annotated.  The loose filter came first;
its first six picks held only two two-ended edges, the tight filter's first
pick none, so the other two-ended picks come from the destination list and,
when it runs out, from the rest of the tight, then the loose list
(``STAGES``), up to 45.  One-ended picks (15) come from the one-ended list
minus rows of the tight or destination list, one for every three two-ended.
The explicit rows left after that are added (6), because the corpus holds so
few two-ended movements.  Each stream alternates ``tune``/``check``
(two-ended then explicit: tune first; one-ended: check first), so the halves
get the same mix.

Usage::

    python benchmarks/gold/select_rows.py [EVAL_DIR]   # prints the 66 picks, their stream and half
"""

from __future__ import annotations

import csv
import json
import random
import re
import sys
from pathlib import Path

SEED = 20261206
# Where the two-ended picks come from, in order (None: as many as the list gives).
STAGES = (("loose", 6), ("tight", 1), ("dest", None), ("tight", None), ("loose", None))
N_TWO, N_ONE = 45, 15
SKIPPED: dict[int, str] = {}

MOVE = re.compile(r"\b(fled|flee|fleeing|evacuated|evacuate|moved|relocated|crossed|arrived|returned|"
                  r"bused|bussed|displaced|escaped|sought refuge|headed)\b", re.IGNORECASE)
FROM = re.compile(r"\bfrom\b[^.;]{0,40}?\b[A-Z][a-z]")
TO = re.compile(r"\b(?:to|into|towards|toward|for|in)\b[^.;]{0,40}?\b[A-Z][a-z]")
WINDOW = (150, 250)

_NOT_PLACE = (r"(?!(?:January|February|March|April|May|June|July|August|September|October|November|December|"
              r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|The|This|Last|Next|Early|Mid|Red|UN|"
              r"U\.N|Reuters|AFP|AP)\b)")
_CAP = _NOT_PLACE + r"[A-Z][a-z]"
MOVE_WORD = re.compile(r"\b(fled|flee|flees|fleeing|evacuat\w*|moved|moving|relocat\w*|crossed|crossing|arriv\w*|"
                       r"return\w*|bus(?:s)?ed|displaced|escap\w*|sought refuge|took refuge|taking refuge|headed|"
                       r"heading|transferred|driven|deport\w*|repatriat\w*|airlift\w*|transported|refugees|migrants|"
                       r"asylum)\b", re.IGNORECASE)
FROM_PLACE = re.compile(r"\bfrom (?:the |their \w+ in |neighbou?ring |(?:the )?(?:city|town|village|district|province|"
                        r"region|state|island|camp|area)s? of )?" + _CAP)
TO_PLACE = re.compile(r"\b(?:to|into|towards|toward|for|in|at|reached) (?:the |neighbou?ring |(?:a |the )?(?:camps?|"
                      r"shelters?|centres?|centers?|city|town) (?:in|of|at) )?" + _CAP)
DEST_VERB = re.compile(r"\b(fled|flee|flees|fleeing|evacuated|evacuating|evacuate|relocated|relocating|crossed|crossing|"
                       r"arrived|arriving|returned|returning|repatriated|deported|bus(?:s)?ed|transferred|escaped|"
                       r"sought refuge|took refuge|taking refuge|seeking refuge|sought shelter|taking shelter|took shelter|"
                       r"resettled|displaced)\b", re.IGNORECASE)
_DEST_NOUN = (r"(?:(?:a |the |an )?(?:camps?|shelters?|centres?|centers?|city|town|village|province|region|country|state|"
              r"district|evacuation cent(?:re|er)s?|relief camps?|schools?|safer? \w+) (?:in|of|at|near) )?")
TO_DEST = re.compile(r"\b(?:to|into|towards|toward) (?:the |neighbou?ring )?" + _DEST_NOUN + _CAP)
REFUGE_IN = re.compile(r"\b(?:refuge|shelter|sheltering|settled|staying|camps?) (?:in|at) (?:the )?" + _CAP)
ARRIVED_IN = re.compile(r"\s+(?:in|at) " + _CAP)
EXPLICIT = re.compile(r"\b(crossed (?:over )?into|fled (?:to|into|towards)|fleeing (?:to|into|towards)|poured into|"
                      r"streamed into|evacuated to|relocated to|bus(?:s)?ed to|sought (?:refuge|shelter|asylum) in|"
                      r"took (?:refuge|shelter) in|headed (?:to|for)|resettled in|deported to|repatriated to)\s+"
                      r"(?:the\s+)?(?:[a-z]+\s+){0,3}[A-Z]")
_ABBR = (r"(?:Asst|Gov|Govt|Dept|Maj|Brig|Supt|Insp|U\.S|U\.N|Mr|Mrs|Ms|Dr|Sen|Rep|St|No|Gen|Lt|Col|Capt|Sgt|Jan|"
         r"Feb|Aug|Sept|Sep|Oct|Nov|Dec|Mt|Ft|Jr|Sr|Inc|Co|Corp|Prof|Rev|vs|approx|etc|a\.m|p\.m|i\.e|e\.g)")
_BREAK = re.compile(r'([.!?]["”’\')]*)(\s+)(?=["“‘(\[A-Z0-9])|(\s{2,}|\n+)')


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: a break after . ! ? before a capital, or at a run of spaces (paragraphs)."""
    cuts = []
    for m in _BREAK.finditer(text):
        if m.group(1):
            before = text[max(0, m.start() - 12):m.start() + 1]
            quoted = m.group(1).endswith(('"', "”", "’"))
            if (re.search(r"\b" + _ABBR + r"\.$", before) and not quoted) or re.search(r"\b[A-Z]\.$", before):
                continue
            cuts.append((m.end(1), m.end()))
        else:
            cuts.append((m.start(), m.end()))
    spans, start = [], 0
    for a, b in cuts + [(len(text.rstrip()), len(text))]:
        piece = text[start:a]
        if piece.strip():
            spans.append((start + len(piece) - len(piece.lstrip()), a))
        start = b
    return spans


def used_rows(flows_dir: Path) -> set[int]:
    rows = set()
    for path in flows_dir.rglob("*.json"):
        row = json.loads(path.read_text(encoding="utf-8")).get("corpus_row")
        if row is not None:
            rows.add(int(row))
    return rows


def two_ended_window(text: str) -> bool:
    for m in MOVE.finditer(text):
        window = text[max(0, m.start() - WINDOW[0]):m.end() + WINDOW[1]]
        if FROM.search(window) and TO.search(window):
            return True
    return False


def two_ended_sentence(text: str) -> bool:
    for a, b in sentences(text):
        s = text[a:b]
        if MOVE_WORD.search(s) and FROM_PLACE.search(s) and TO_PLACE.search(s):
            return True
    return False


def destination_sentence(text: str) -> bool:
    """A movement verb followed (within 120 characters) by a named destination."""
    for a, b in sentences(text):
        s = text[a:b]
        for m in DEST_VERB.finditer(s):
            after = s[m.end():m.end() + 120]
            verb = m.group(1).lower()
            if (TO_DEST.search(after) or (verb not in ("returned", "returning") and REFUGE_IN.search(after))
                    or (verb.startswith("arriv") and ARRIVED_IN.match(after))):
                return True
    return False


def _url(url: str) -> str:
    return url.strip().split("?")[0].rstrip("/. ")


def long_sentences(text: str, min_len: int = 60) -> set[str]:
    return {text[a:b] for a, b in sentences(text) if b - a >= min_len}


def candidates(eval_dir: Path) -> dict[str, list[int]]:
    """The candidate lists (loose, one-ended, tight, destination), each in seeded order, and ``"used"``."""
    with open(eval_dir / "displacement" / "idetect_articles_3247.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    used = used_rows(eval_dir / "flows")
    seen = {r["text"][:400] for r in rows if int(r[""]) in used}
    lists: dict[str, list[int]] = {"loose": [], "one": [], "tight": [], "dest": [], "explicit": []}
    for r in rows:
        row, text = int(r[""]), r["text"]
        if row in used or text[:400] in seen:
            continue
        seen.add(text[:400])
        window = two_ended_window(text)
        if window:
            lists["loose"].append(row)
        elif MOVE.search(text):
            lists["one"].append(row)
        if two_ended_sentence(text):
            lists["tight"].append(row)
        if destination_sentence(text):
            lists["dest"].append(row)
        if EXPLICIT.search(text):
            lists["explicit"].append(row)
    rng = random.Random(SEED)
    for name in ("loose", "one", "tight", "dest", "explicit"):     # one generator, in this order
        rng.shuffle(lists[name])
    lists["used"] = sorted(used)
    return lists


def picks(eval_dir: Path) -> list[tuple[int, str, str]]:
    """(row, stream, half) for the articles annotated, in annotation order."""
    lists = candidates(eval_dir)
    with open(eval_dir / "displacement" / "idetect_articles_3247.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    texts = {int(r[""]): r["text"] for r in rows}
    urls = {int(r[""]): r["url"] for r in rows}
    taken_sents = set().union(*(long_sentences(texts[u]) for u in lists["used"]))
    taken_urls = {_url(urls[u]) for u in lists["used"]}
    chosen: set[int] = set()

    def take(source: list[int], n: int, exclude: set[int] = frozenset()) -> list[int]:
        out = []
        for row in source:
            if len(out) == n:
                break
            if row in chosen or row in exclude or row in SKIPPED:
                continue
            sents = long_sentences(texts[row])
            if sents & taken_sents or _url(urls[row]) in taken_urls:   # another copy or part of an annotated article
                continue
            out.append(row)
            chosen.add(row)
            taken_sents.update(sents)
            taken_urls.add(_url(urls[row]))
        return out

    two: list[int] = []
    for name, n in STAGES:
        two += take(lists[name], min(n or N_TWO, N_TWO - len(two)))
    ones = take(lists["one"], N_ONE, exclude=set(lists["tight"]) | set(lists["dest"]))
    extra = take(lists["explicit"], len(lists["explicit"]))
    out = []
    for i in range(max(len(two), 3 * len(ones))):
        if i < len(two):
            out.append((two[i], "two-ended", "tune" if i % 2 == 0 else "check"))
        if i % 3 == 2 and i // 3 < len(ones):
            j = i // 3
            out.append((ones[j], "one-ended", "check" if j % 2 == 0 else "tune"))
    for k, row in enumerate(extra, start=len(two)):
        out.append((row, "explicit", "tune" if k % 2 == 0 else "check"))
    return out


if __name__ == "__main__":
    ev = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[3] / "shared" / "eval"
    for n, (row, stream, half) in enumerate(picks(ev)):
        print(f"{n:2d} id{row:04d} {stream:9s} {half}")
