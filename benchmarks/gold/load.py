"""Rebuild the extra gold articles (``benchmarks/gold/extra``) into the ``eval/flows`` schema.

The annotations here hold no article text: only ``corpus_row``, the text's
SHA-256 and length, and character offsets.  :func:`load_extra` reads the
IDETECT corpus from the evaluation directory, checks each text against its
hash and fills back every string the ``eval/flows`` schema carries (``text``,
flow ``evidence``, count ``text``, endpoint and mention ``surface``,
``non_flow_numbers``), so ``benchmarks/flows.py`` can score these articles as
it scores ``dev2``.

Usage::

    from load import load_extra
    docs = load_extra(Path("../shared/eval"), "tune")   # [] if the corpus is missing

    python benchmarks/gold/load.py [EVAL_DIR]   # per-half counts, as benchmarks/flows.py counts edges
"""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = Path("displacement") / "idetect_articles_3247.csv"
HALVES = ("tune", "check")


class GoldTextMismatch(ValueError):
    """The corpus text of a row does not match the hash recorded in its annotation."""


def _corpus(eval_dir: Path) -> dict[int, str]:
    with open(eval_dir / CORPUS, encoding="utf-8", newline="") as fh:
        return {int(r[""]): r["text"] for r in csv.DictReader(fh)}


def _span(text: str, obj: dict, start: str = "start", end: str = "end") -> str:
    return text[obj.pop(start):obj.pop(end)]


def _endpoint(text: str, e: dict) -> dict:
    surface = e.pop("surface") if "surface" in e else _span(text, e, "surface_start", "surface_end")
    out = {"pid": e.pop("pid"), "surface": surface}
    out.update(e)
    return out


def _count(text: str, c: dict | None) -> dict | None:
    if c is None:
        return None
    return {"text": _span(text, c), **c}


def _flow(text: str, f: dict) -> dict:
    out = {}
    for key, value in f.items():
        if key in ("origins", "destinations", "route"):
            out[key] = [_endpoint(text, dict(e)) for e in value]
        elif key == "count":
            out[key] = _count(text, dict(value) if value else None)
        elif key == "other_counts":
            out[key] = [{"text": _span(text, oc), **oc} for oc in (dict(o) for o in value)]
        elif key == "evidence_start":
            out["evidence"] = text[f["evidence_start"]:f["evidence_end"]]
            out[key] = value
        else:
            out[key] = value
    return out


def rebuild(doc: dict, text: str) -> dict:
    """One annotation plus its article text -> a document in the ``eval/flows`` schema."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    if digest != doc["text_sha256"] or len(text) != doc["text_length"]:
        raise GoldTextMismatch(f"{doc['id']}: the corpus text of row {doc['corpus_row']} is not the annotated one "
                               f"(hash or length differs); use the original idetect_articles_3247.csv")
    out = {}
    for key, value in doc.items():
        if key == "text_sha256":
            out["text"] = text
        elif key == "text_length":
            continue
        elif key == "places":
            out[key] = [{**{k: v for k, v in p.items() if k != "mentions"},
                         "mentions": [{"surface": text[m["start"]:m["end"]], **m} for m in p["mentions"]]}
                        for p in value]
        elif key == "flows":
            out[key] = [_flow(text, json.loads(json.dumps(f))) for f in value]
        elif key == "non_flow_numbers":
            out[key] = [text[n["start"]:n["end"]] for n in value]
        else:
            out[key] = value
    return out


def _offsets(text: str, surface: str, within: tuple[int, int] | None = None) -> tuple[int, int]:
    """Where *surface* stands in *text* (first in *within*, the evidence, when given)."""
    lo, hi = within or (0, len(text))
    at = text.find(surface, lo, hi)
    if at < 0:
        raise ValueError(f"{surface!r} is not in the text{' of its evidence' if within else ''}")
    return at, at + len(surface)


def _strip_endpoint(text: str, e: dict, evidence: tuple[int, int]) -> dict:
    out = {k: v for k, v in e.items() if k != "surface"}
    if e.get("surface"):
        # A context end is named elsewhere: its surface is where the article names it.
        where = None if e.get("resolved_from") == "context" else evidence
        try:
            out["surface_start"], out["surface_end"] = _offsets(text, e["surface"], where)
        except ValueError:
            try:
                out["surface_start"], out["surface_end"] = _offsets(text, e["surface"])
            except ValueError:
                out["surface"] = e["surface"]  # the annotator's own words ("their homes (X district)")
    return out


def _strip_flow(text: str, f: dict) -> dict:
    ev = (f["evidence_start"], f["evidence_end"])
    if text[ev[0]:ev[1]] != f["evidence"]:
        raise ValueError(f"{f['fid']}: evidence offsets do not give the evidence")
    out = {}
    for key, value in f.items():
        if key in ("origins", "destinations", "route"):
            out[key] = [_strip_endpoint(text, e, ev) for e in value]
        elif key == "count":
            out[key] = None if not value else {**{k: v for k, v in value.items() if k != "text"},
                                               **dict(zip(("start", "end"), _offsets(text, value["text"], ev)))}
        elif key == "other_counts":
            out[key] = [{**{k: v for k, v in o.items() if k != "text"},
                         **dict(zip(("start", "end"), _offsets(text, o["text"], ev)))} for o in value]
        elif key != "evidence":
            out[key] = value
    return out


def strip(doc: dict) -> dict:
    """A document in the ``eval/flows`` schema -> an annotation without article text (inverse of :func:`rebuild`)."""
    text = doc["text"]
    out = {}
    for key, value in doc.items():
        if key == "text":
            out["text_sha256"] = hashlib.sha256(text.encode("utf-8")).hexdigest()
            out["text_length"] = len(text)
        elif key == "places":
            out[key] = [{**{k: v for k, v in p.items() if k != "mentions"},
                         "mentions": [{k: v for k, v in m.items() if k != "surface"} for m in p.get("mentions", [])]}
                        for p in value]
        elif key == "flows":
            out[key] = [_strip_flow(text, f) for f in value]
        elif key == "non_flow_numbers":
            out[key] = [dict(zip(("start", "end"), _offsets(text, n))) for n in value]
        elif not key.startswith("_"):
            out[key] = value
    return out


def load_extra(eval_dir: Path, half: str, folder: str = "extra") -> list[dict]:
    """The extra gold articles of one half (``"tune"`` or ``"check"``), rebuilt with their text.

    Parameters
    ----------
    eval_dir : Path
        The shared evaluation directory (holding ``displacement/idetect_articles_3247.csv``).
    half : str
        ``"tune"`` or ``"check"``.
    folder : str
        ``"extra"`` (the first round), ``"extra2"`` (the second, ``select_rows2.py``) or
        ``"extra3"`` (the third, ``select_rows3.py``).

    Returns
    -------
    list of dict
        Documents in the ``eval/flows`` schema, sorted by id, each with ``_file``;
        an empty list when the corpus CSV is missing.
    """
    if half not in HALVES:
        raise ValueError(f"half must be one of {HALVES}, not {half!r}")
    if not (Path(eval_dir) / CORPUS).is_file():
        return []
    texts = _corpus(Path(eval_dir))
    docs = []
    for path in sorted((HERE / folder / half).glob("id*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        docs.append(rebuild(doc, texts[doc["corpus_row"]]) | {"_file": path.name})
    return docs


def _usable(end: dict) -> bool:
    return not end.get("generic") and end.get("lat") is not None and end.get("lon") is not None


def counts(docs: list[dict]) -> dict[str, int]:
    """Articles, flows, one-ended flows and two-ended edges, counted as ``benchmarks/flows.py`` scores them."""
    out = {"articles": len(docs), "negative": 0, "flows": 0, "one_ended": 0, "edges": 0, "required": 0}
    for doc in docs:
        out["negative"] += doc.get("kind") == "negative"
        edges: dict[tuple, bool] = {}
        for f in doc["flows"]:
            out["flows"] += 1
            origins, dests = f["origins"], f["destinations"]
            if (origins and not dests and any(map(_usable, origins))) or (dests and not origins and any(map(_usable, dests))):
                out["one_ended"] += 1
            required = f["salience"] in ("headline", "main") and f["scope"] != "stock" and f["status"] != "blocked"
            for o in filter(_usable, origins):
                for d in filter(_usable, dests):
                    key = (o.get("pid") or o["surface"], d.get("pid") or d["surface"])
                    edges[key] = edges.get(key, False) or required
        out["edges"] += len(edges)
        out["required"] += sum(edges.values())
    return out


def store(picks, folder: str, raw: Path) -> list[Path]:
    """Write the annotations in *raw* (``eval/flows`` schema, with text), one per ``(row, half)`` of
    *picks* that was annotated, to ``<folder>/<half>/idNNNN.json`` without text (:func:`strip`)."""
    written = []
    for row, half in picks:
        src = raw / f"id{row:04d}.json"
        if not src.is_file():
            continue
        dst = HERE / folder / half / src.name
        dst.parent.mkdir(parents=True, exist_ok=True)
        dst.write_text(json.dumps(strip(json.loads(src.read_text(encoding="utf-8"))), ensure_ascii=False, indent=1)
                       + "\n", encoding="utf-8")
        written.append(dst)
    return written


if __name__ == "__main__":
    import sys

    sys.path.insert(0, str(HERE.parent))
    from evaldata import require_eval_dir

    ev = Path(sys.argv[1]) if len(sys.argv) > 1 else require_eval_dir()
    print("| set | articles | negative | flows | one-ended flows | two-ended edges | required edges |")
    print("|---|---|---|---|---|---|---|")
    for folder in ("extra", "extra2", "extra3"):
        for half in HALVES:
            c = counts(load_extra(ev, half, folder))
            print(f"| {folder}/{half} | {c['articles']} | {c['negative']} | {c['flows']} | {c['one_ended']} "
                  f"| {c['edges']} | {c['required']} |")
