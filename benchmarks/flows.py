"""Benchmark movements: gold flows (seed + dev), IDETECT counts, and throughput.

Scores ``mapper.extract`` exactly as ``eval/flows/README.md`` defines:

* edge precision / recall / F1 (a predicted flow matches a gold edge when both
  ends lie within the radius of the gold place type: country 1,000 km,
  admin-1/region 300 km, admin-2/district 120 km, anything else 50 km;
  required edges come from headline/main flows that are not stocks or blocked;
  any gold flow's edge is allowed; every flow in a ``negative`` article is wrong);
* count accuracy over matched required edges whose gold (the edge's flows,
  their ``linked_flows`` and flows of the same ``event``) has a number;
* fabricated numbers (on flows and events, not written in the article);
* false flows in negative articles;
* events (one known end) matched by role within the radius;

then, on ``eval/displacement/idetect_test_excerpts.csv``, quantity exact-match
and unit accuracy (people vs households) from :func:`find_counts` plus a rule
choosing the displacement figure; and articles per second over
``idetect_articles_3247.csv`` (text stages alone, and ``mapper.extract`` end to
end without a map).

Usage::

    python benchmarks/flows.py [--verbose] [--speed-limit N] [--no-speed]

Reads corpora from ``$MAPPER_EVAL`` or ``../shared/eval``.
"""

from __future__ import annotations

import argparse
import csv
import glob
import json
import math
import re
import time
from pathlib import Path

from evaldata import require_eval_dir as eval_dir

ROOT = Path(__file__).resolve().parents[1]


def km(lat1, lon1, lat2, lon2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


RADIUS = {"country": 1000.0, "admin1": 300.0, "region": 300.0, "state": 300.0, "province": 300.0,
          "admin2": 120.0, "district": 120.0, "township": 120.0, "county": 120.0}


def radius(place_type: str | None) -> float:
    return RADIUS.get(place_type or "", 50.0)


# --------------------------------------------------------------------------------
# Numbers written in an article (for the fabricated-number check)
# --------------------------------------------------------------------------------
_MULT = {"million": 1e6, "millions": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9,
         "thousand": 1e3, "k": 1e3, "hundred": 1e2, "lakh": 1e5, "lakhs": 1e5, "crore": 1e7}
_NUM = re.compile(r"(\d{1,3}(?:[, \u00a0]\d{3})+|\d+)(\.\d+)?\s*(million|millions|billion|bn|mn|thousand|hundred|lakhs?|crore|m\b|k\b)?",
                  re.IGNORECASE)
_WORDS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
          "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
          "hundred thousand million billion dozen a and half").split()
_WORD_RUN = re.compile(r"\b(?:(?:%s)\b[\s-]*)+" % "|".join(_WORDS), re.IGNORECASE)
# "20 to 30 million": the multiplier is written once for both ends of the range.
_RANGE = re.compile(r"(\d+(?:\.\d+)?)\s*(?:to|-|–|and|or)\s*\d+(?:\.\d+)?\s*(million|billion|thousand|lakhs?|crore)\b",
                    re.IGNORECASE)


def written_numbers(text: str) -> set[float]:
    """Every number the text writes: digits (with separators, decimals, multipliers) and number words."""
    from mapper.movements.counts import parse_number_words

    out: set[float] = set()
    for m in _NUM.finditer(text):
        raw = re.sub(r"[, \u00a0]", "", m.group(1))
        whole = float(raw + (m.group(2) or ""))
        out.add(whole)
        for part in re.split(r"[, \u00a0]", m.group(1)):
            out.add(float(part))
        if m.group(3):
            out.add(round(whole * _MULT[m.group(3).lower().strip()], 6))
    for m in _RANGE.finditer(text):
        out.add(round(float(m.group(1)) * _MULT[m.group(2).lower()], 6))
    for m in _WORD_RUN.finditer(text):
        words = re.split(r"[\s-]+", m.group().strip())
        for i in range(len(words)):
            for j in range(len(words), i, -1):
                v = parse_number_words(" ".join(words[i:j]))
                if v is not None:
                    out.add(v)
    return out


# --------------------------------------------------------------------------------
# Gold
# --------------------------------------------------------------------------------
# The gold sets, each scored on its own: dev2 has a half to tune on and a half only to check on.
SETS = (("seed", "seed_gold.json"), ("dev", "dev/*.json"), ("dev2/tune", "dev2/tune/*.json"),
        ("dev2/check", "dev2/check/*.json"))


def load_gold(ev: Path) -> dict[str, list[dict]]:
    """The gold articles of each set, by set name (a missing set is empty).

    Besides the shared sets, ``extra/tune``, ``extra/check`` and the second
    round ``extra2/tune``, ``extra2/check`` and the third ``extra3/tune``,
    ``extra3/check``: IDETECT articles annotated by the
    project (``benchmarks/gold/``, offsets only, the text read from the shared
    corpus).
    """
    out = {}
    for name, pattern in SETS:
        files = sorted(Path(p) for p in glob.glob(str(ev / "flows" / pattern)))
        out[name] = [json.load(open(f, encoding="utf-8")) | {"_file": f.name} for f in files]
    try:
        from gold.load import load_extra
    except ImportError:
        return out
    for folder in ("extra", "extra2", "extra3"):
        for half in ("tune", "check"):
            out[f"{folder}/{half}"] = load_extra(ev, half, folder)
    return out


def gold_numbers(flow: dict) -> set[float]:
    c = flow.get("count") or {}
    return {float(c[k]) for k in ("value", "low", "high") if c.get(k) is not None}


def _endpoint_ok(e: dict) -> bool:
    return not e.get("generic") and e.get("lat") is not None and e.get("lon") is not None


def gold_structures(doc: dict):
    types = {p["pid"]: p.get("type") for p in doc.get("places", []) + doc.get("implicit_places", [])}
    flows = {f["fid"]: f for f in doc["flows"]}
    edges: dict[tuple, dict] = {}
    for f in doc["flows"]:
        for o in f["origins"]:
            for d in f["destinations"]:
                if not (_endpoint_ok(o) and _endpoint_ok(d)):
                    continue
                key = (o.get("pid") or o["surface"], d.get("pid") or d["surface"])
                required = f["salience"] in ("headline", "main") and f["scope"] != "stock" and f["status"] != "blocked"
                e = edges.setdefault(key, {"o": o, "d": d, "ro": radius(types.get(o.get("pid"))),
                                           "rd": radius(types.get(d.get("pid"))), "flows": [], "required": False})
                e["flows"].append(f)
                e["required"] = e["required"] or required
    for e in edges.values():
        nums: set[float] = set()
        events = {f["event"] for f in e["flows"]}
        for f in e["flows"]:
            nums |= gold_numbers(f)
            for lf in f.get("linked_flows") or []:
                if lf in flows:
                    nums |= gold_numbers(flows[lf])
        for f in doc["flows"]:
            if f["event"] in events:
                nums |= gold_numbers(f)
        e["numbers"] = nums
    one_ended = []
    for f in doc["flows"]:
        for role, ends, other in (("origin", f["origins"], f["destinations"]), ("destination", f["destinations"], f["origins"])):
            if ends and not other:
                for e in ends:
                    if _endpoint_ok(e):
                        one_ended.append({"role": role, "e": e, "r": radius(types.get(e.get("pid"))), "flow": f})
    # Any gold endpoint with a role, for event precision.
    any_role = []
    for f in doc["flows"]:
        for role, ends in (("origin", f["origins"]), ("destination", f["destinations"])):
            for e in ends:
                if _endpoint_ok(e):
                    any_role.append({"role": role, "e": e, "r": radius(types.get(e.get("pid")))})
    return edges, one_ended, any_role


def _near(pt, e, r) -> bool:
    lon, lat = pt
    return km(lat, lon, e["lat"], e["lon"]) <= r


def _nums(row) -> list[float]:
    out = []
    for k in ("count", "count_low", "count_high"):
        v = getattr(row, k)
        if v is not None and not (isinstance(v, float) and math.isnan(v)):
            out.append(float(v))
    return out


# --------------------------------------------------------------------------------
# Scoring
# --------------------------------------------------------------------------------
#: Why a gold event was missed, in the order they are tested (counts only: the check halves are printed too).
MISS_KINDS = {
    "role": "an event there, in the other role",
    "flow": "the end of a two-ended flow",
    "unplaced": "place not found or not placed there",
    "unread": "place found, no movement read there",
}


def _points(frame) -> list[tuple[float, float]]:
    return [r.geometry.coords[0] for r in frame.itertuples() if r.geometry is not None and not r.geometry.is_empty]


def _miss_kind(g: dict, evs: list, flows: list, places) -> str:
    """Which stage lost a gold event: the role, a second end, the place itself, or the movement."""
    near = lambda pt: _near(pt, g["e"], g["r"])  # noqa: E731
    if any(r.geometry is not None and not r.geometry.is_empty and near(r.geometry.coords[0]) for r in evs):
        return "role"
    ends = [list(r.geometry.coords) for r in flows if r.geometry is not None and not r.geometry.is_empty]
    if any(near(c[0] if g["role"] == "origin" else c[-1]) for c in ends):
        return "flow"
    # With the gold places (--oracle-places) every place is found and placed.
    return "unread" if places is None or any(near(pt) for pt in _points(places)) else "unplaced"


def score_flows(docs: list[dict], verbose: bool, oracle: bool = False) -> dict:
    import mapper

    tot = dict(pred=0, pred_ok=0, req=0, req_hit=0, count_n=0, count_ok=0, fabricated=0,
               neg_flows=0, ev_gold=0, ev_hit=0, ev_pred=0, ev_pred_ok=0,
               **{f"miss_{k}": 0 for k in MISS_KINDS}, miss_context=0)
    rows = []
    for doc in docs:
        ex = oracle_extract(doc) if oracle else mapper.extract(doc["text"], article_id=doc["id"])
        edges, one_ended, any_role = gold_structures(doc)
        written = written_numbers(doc["text"])
        flows = list(ex.flows.itertuples())
        negative = doc.get("kind") == "negative"
        pred_ok = 0
        matches: dict[tuple, list] = {k: [] for k in edges}
        wrong = []
        for row in flows:
            if row.geometry is None or row.geometry.is_empty:
                wrong.append(row)
                continue
            coords = list(row.geometry.coords)
            o, d = coords[0], coords[-1]
            hit = False
            for k, e in edges.items():
                if _near(o, e["o"], e["ro"]) and _near(d, e["d"], e["rd"]):
                    matches[k].append(row)
                    hit = True
            if hit and not negative:
                pred_ok += 1
            else:
                wrong.append(row)
        req = [k for k, e in edges.items() if e["required"]]
        req_hit = [k for k in req if matches[k]]
        count_n = count_ok = 0
        for k in req_hit:
            if not edges[k]["numbers"]:
                continue
            count_n += 1
            if any(_nums(r) and set(_nums(r)) <= edges[k]["numbers"] for r in matches[k]):
                count_ok += 1
        fabricated = []
        for frame in (ex.flows, ex.events):
            for row in frame.itertuples():
                for f in json.loads(row.figures or "[]"):
                    for n in (f.get("value"), f.get("low"), f.get("high")):
                        if n is not None and float(n) not in written:
                            fabricated.append(n)
                for n in _nums(row):
                    if n not in written:
                        fabricated.append(n)
        # Events (one known end)
        evs = list(ex.events.itertuples())
        ev_hit = 0
        for g in one_ended:
            if any(r.role == g["role"] and r.geometry is not None and not r.geometry.is_empty
                   and _near(r.geometry.coords[0], g["e"], g["r"]) for r in evs):
                ev_hit += 1
            else:
                tot[f"miss_{_miss_kind(g, evs, flows, getattr(ex, 'places', None))}"] += 1
                tot["miss_context"] += bool(g["e"].get("resolved_from") == "context" or g["e"].get("anaphora"))
        ev_pred_ok = sum(1 for r in evs if r.geometry is not None and not r.geometry.is_empty and any(
            g["role"] == r.role and _near(r.geometry.coords[0], g["e"], g["r"]) for g in any_role))
        tot["pred"] += len(flows)
        tot["pred_ok"] += pred_ok
        tot["req"] += len(req)
        tot["req_hit"] += len(req_hit)
        tot["count_n"] += count_n
        tot["count_ok"] += count_ok
        tot["fabricated"] += len(fabricated)
        tot["neg_flows"] += len(flows) if negative else 0
        tot["ev_gold"] += len(one_ended)
        tot["ev_hit"] += ev_hit
        tot["ev_pred"] += len(evs)
        tot["ev_pred_ok"] += ev_pred_ok
        rows.append((doc["id"], doc.get("kind"), len(flows), pred_ok, len(req), len(req_hit), f"{count_ok}/{count_n}",
                     len(fabricated), f"{ev_hit}/{len(one_ended)}", f"{ev_pred_ok}/{len(evs)}"))
        if verbose:
            missed = [k for k in req if not matches[k]]
            detail = {"missed": [f"{edges[k]['o'].get('surface')} → {edges[k]['d'].get('surface')}" for k in missed],
                      "wrong": [f"{r.origin} → {r.destination} ({r.count_text})" for r in wrong],
                      "fabricated": fabricated}
            rows[-1] = rows[-1] + (detail,)
    tot["rows"] = rows
    return tot


class _Row:
    """A predicted flow/event row built without mapper.extract (oracle-places mode)."""

    def __init__(self, **kw):
        self.__dict__.update(kw)


class _Frame:
    def __init__(self, rows):
        self.rows = rows

    def itertuples(self):
        return iter(self.rows)

    def __len__(self):
        return len(self.rows)


class _Line:
    def __init__(self, coords):
        self.coords = coords
        self.is_empty = False


def oracle_extract(doc: dict):
    """Movements from the gold place mentions, placed at the gold coordinates.

    Isolates the movement stage from place recognition and geocoding: an edge
    missed here is the movement rules' fault, not the gazetteer's.
    """
    from mapper.model import Article, Mention
    from mapper.movements.extract import find_movements
    from mapper.read.sentences import split_sentences

    text = doc["text"]
    places = {p["pid"]: p for p in doc.get("places", [])}
    mentions = []
    for p in places.values():
        for m in p.get("mentions", []):
            hint = {"admin1": "admin1", "admin2": "admin2", "city": "city", "town": "town", "village": "village",
                    "camp": "camp", "urban_district": "district", "country": "country"}.get(p.get("type"))
            mentions.append(Mention(text=m["surface"], start=m["start"], end=m["end"], key=p["pid"], feature_hint=hint))
    mentions.sort(key=lambda m: m.start)
    from mapper.places.toponyms import find_mentions
    mentions += [m for m in find_mentions(text) if m.kind == "demonym"]
    mentions.sort(key=lambda m: m.start)
    article = Article(text=text, id=doc["id"])
    moves = find_movements(article, split_sentences(text), tuple(mentions))
    flows, events = [], []

    def point(e):
        p = places.get(e.mention.key)
        if p is None or p.get("lat") is None:
            return None
        return (p["lon"], p["lat"])

    for mv in moves:
        f0 = mv.figures[0].count if mv.figures else None
        common = dict(count=f0.value if f0 else None, count_low=f0.low if f0 else None, count_high=f0.high if f0 else None,
                      count_text=f0.text if f0 else None,
                      figures=json.dumps([{"value": f.count.value, "low": f.count.low, "high": f.count.high} for f in mv.figures]))
        if mv.origins and mv.destinations:
            for o in mv.origins:
                for d in mv.destinations:
                    po, pd = point(o), point(d)
                    if po and pd:
                        flows.append(_Row(origin=o.mention.text, destination=d.mention.text, geometry=_Line([po, pd]), **common))
        else:
            for role, ends in (("origin", mv.origins), ("destination", mv.destinations)):
                for e in ends:
                    pt = point(e)
                    if pt:
                        events.append(_Row(role=role, geometry=_Line([pt]), **common))
    return _Row(flows=_Frame(flows), events=_Frame(events))


def _prf(ok, pred, hit, req):
    p = ok / pred if pred else 1.0
    r = hit / req if req else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def choose_figure(counts):
    """The displacement figure of an excerpt: the first count of people/families/households
    with a number, preferring people/families over counted houses."""
    movers = [c for c in counts if c.unit in ("people", "families", "households", "children", "fighters") and c.numbers()]
    if not movers:
        return None
    buildings = {"house", "houses", "home", "homes", "dwelling", "dwellings"}
    not_houses = [c for c in movers if (c.unit_text or "").lower() not in buildings]
    return (not_houses or movers)[0]


def figure_number(c) -> float | None:
    if c.value is not None:
        return c.value
    # A pure range: its upper end, as displacement monitors report "A to B".
    return c.high if c.high is not None else c.low


def score_idetect(ev: Path, verbose: bool) -> dict:
    from mapper.movements.counts import find_counts

    path = ev / "displacement" / "idetect_test_excerpts.csv"
    n = qok = uok = 0
    misses = []
    with open(path, encoding="utf-8", errors="replace", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for i, row in enumerate(rows):
        n += 1
        c = choose_figure(find_counts(row["excerpt"]))
        q = figure_number(c) if c else None
        unit = ("Households" if c.unit in ("families", "households") else "People") if c else None
        gold_q = float(row["Quantity"]) if row["Quantity"] else None
        qok += q is not None and gold_q is not None and q == gold_q
        uok += unit == row["Unit"]
        # Misses of the first half only: the second half is only ever scored.
        if verbose and i < len(rows) // 2 and (q != gold_q or unit != row["Unit"]):
            misses.append((row["excerpt_id"], gold_q, row["Unit"], q, unit, row["excerpt"][:100].replace("\n", " ")))
    return {"n": n, "quantity": qok / n, "unit": uok / n, "misses": misses}


def _extraction_numbers(ex) -> set[float]:
    """Every number a flow or event of an extraction reports (all its figures)."""
    out: set[float] = set()
    for frame in (ex.flows, ex.events):
        for row in frame.itertuples():
            for f in json.loads(row.figures or "[]"):
                out |= {float(f[k]) for k in ("value", "low", "high") if f.get(k) is not None}
            out |= set(_nums(row))
    return out


def score_idetect_pipeline(ev: Path, verbose: bool) -> dict:
    """Per half of the excerpts: is the labelled quantity the count of a flow or event of ``mapper.extract``?

    "names a place" = the extraction found and placed at least one place in the
    excerpt; the IDMC label gives a Location for most excerpts, but the test is
    on what a user of mapper gets.
    """
    import mapper

    path = ev / "displacement" / "idetect_test_excerpts.csv"
    with open(path, encoding="utf-8", errors="replace", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r.get("excerpt")]
    half = len(rows) // 2
    out = {}
    for name, part in (("first half", rows[:half]), ("second half", rows[half:])):
        n = hit = placed = placed_hit = 0
        misses = []
        for r in part:
            if not r["Quantity"]:
                continue
            gold = float(r["Quantity"])
            ex = mapper.extract(r["excerpt"], article_id=f"x{r['excerpt_id']}")
            ok = gold in _extraction_numbers(ex)
            has_place = bool(len(ex.places))
            n += 1
            hit += ok
            placed += has_place
            placed_hit += ok and has_place
            if verbose and name == "first half" and has_place and not ok:
                misses.append((r["excerpt_id"], gold, r["Location"], r["excerpt"][:160].replace("\n", " ")))
        out[name] = dict(n=n, hit=hit, placed=placed, placed_hit=placed_hit, misses=misses)
    return out


def print_idetect_pipeline(ev: Path, verbose: bool) -> None:
    res = score_idetect_pipeline(ev, verbose)
    print("| half | excerpts | figure reported | excerpts naming a place we placed | figure reported there |")
    print("|---|---|---|---|---|")
    for name, s in res.items():
        print(f"| {name} | {s['n']} | {s['hit'] / s['n']:.3f} ({s['hit']}) | {s['placed']} "
              f"| **{s['placed_hit'] / max(1, s['placed']):.3f}** ({s['placed_hit']}/{s['placed']}) |")
    if verbose:
        for name, s in res.items():
            for m in s["misses"]:
                print(f"   {name} miss", m)


def score_kili_quantities(ev: Path) -> dict:
    """Recall of the numeric QUANTITY spans annotated in the 25 KILI articles by find_counts."""
    from mapper.movements.counts import find_counts

    docs = {}
    with open(ev / "displacement" / "kili_docs_with_text.jsonl", encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            docs[d["id"]] = d["text"]
    seen, n, hit = set(), 0, 0
    with open(ev / "displacement" / "complete_en.csv", encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            if r["taskID"] != "QUANTITY" or r["id"] not in docs or not r["offset_from"]:
                continue
            a, b = int(float(r["offset_from"])), int(float(r["offset_to"]))
            text = docs[r["id"]]
            if (r["id"], a, b) in seen or not re.search(r"\d|\b(?:%s)\b" % "|".join(_WORDS[:-3]), text[a:b], re.I):
                continue
            seen.add((r["id"], a, b))
            n += 1
            hit += any(c.start < b and c.end > a for c in find_counts(text, max(0, a - 40), min(len(text), b + 40)))
    return {"n": n, "recall": hit / n if n else float("nan")}


def score_speed(ev: Path, limit: int | None) -> dict:
    import mapper
    from mapper.model import Article
    from mapper.movements.extract import find_movements
    from mapper.places.toponyms import find_mentions
    from mapper.read.sentences import split_sentences

    csv.field_size_limit(10**8)
    with open(ev / "displacement" / "idetect_articles_3247.csv", encoding="utf-8", newline="") as fh:
        texts = [r["text"] for r in csv.DictReader(fh) if r.get("text")]
    if limit:
        texts = texts[:limit]
    # Warm the lazy resources (gazetteer automaton) outside the timing.
    find_mentions("Floods in Paris.")
    mapper.extract("People fled Paris to Lyon.")
    from mapper.movements import parse

    # Wall-clock and CPU time: on a shared machine the CPU figure is the one-core throughput.
    # Each pass starts with no parse kept from the warm-up or the other pass.
    parse._cache.clear()
    t0, c0 = time.perf_counter(), time.process_time()
    n_mov = 0
    for i, t in enumerate(texts):
        art = Article(text=t, id=str(i))
        n_mov += len(find_movements(art, split_sentences(t), find_mentions(t)))
    t_text, c_text = time.perf_counter() - t0, time.process_time() - c0
    parse._cache.clear()
    t0, c0 = time.perf_counter(), time.process_time()
    n_flows = 0
    for i, t in enumerate(texts):
        ex = mapper.extract(t, article_id=str(i))
        n_flows += len(ex.flows)
    t_full, c_full = time.perf_counter() - t0, time.process_time() - c0
    n = len(texts)
    return {"n": n, "text_rate": n / t_text, "full_rate": n / t_full, "text_cpu": n / c_text, "full_cpu": n / c_full,
            "movements": n_mov, "flows": n_flows}


def _summary(t: dict) -> dict:
    p, r, f = _prf(t["pred_ok"], t["pred"], t["req_hit"], t["req"])
    ep, er, ef = _prf(t["ev_pred_ok"], t["ev_pred"], t["ev_hit"], t["ev_gold"])
    ca = t["count_ok"] / t["count_n"] if t["count_n"] else float("nan")
    return dict(p=p, r=r, f=f, ca=ca, ep=ep, er=er, ef=ef)


def _print_verbose(name: str, t: dict) -> None:
    print(f"\n-- {name}: per article")
    print(f"{'article':10} {'kind':9} {'pred':>4} {'ok':>3} {'req':>3} {'hit':>3} {'counts':>6} {'fab':>3} {'ev rec':>6} {'ev prec':>7}")
    for row in t["rows"]:
        print(f"{row[0]:10} {row[1] or '':9} {row[2]:>4} {row[3]:>3} {row[4]:>3} {row[5]:>3} {row[6]:>6} {row[7]:>3} {row[8]:>6} {row[9]:>7}")
        for k, v in row[10].items():
            if v:
                print(f"{'':12}{k}: {v}")


def _merge_totals(a: dict, b: dict) -> dict:
    return {k: a[k] + b[k] for k in a if k != "rows"} | {"rows": a["rows"] + b["rows"]}


def print_flow_table(sets: dict[str, list[dict]], verbose: bool, oracle: bool) -> None:
    """One row per gold set (and dev + dev2 together), every figure the issue names."""
    print("| set | articles | edge P | edge R | edge F1 | count accuracy | fabricated | false flows (negative) "
          "| events P | events R | events F1 |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    totals = {}
    for name, docs in sets.items():
        if not docs:
            continue
        totals[name] = t = score_flows(docs, verbose, oracle)
        if verbose and not name.endswith("/check"):  # check halves are only ever scored, never read
            _print_verbose(name, t)
    combined = {}
    for label, parts in (("dev + dev2", ("dev", "dev2/tune", "dev2/check")),
                         ("all tune halves", ("dev", "dev2/tune", "extra/tune", "extra2/tune", "extra3/tune")),
                         ("all check halves", ("dev2/check", "extra/check", "extra2/check", "extra3/check"))):
        present = [n for n in parts if n in totals]
        if len(present) > 1 or (label == "dev + dev2" and len(present) == 3):
            t = totals[present[0]]
            for n in present[1:]:
                t = _merge_totals(t, totals[n])
            combined[label] = (t, sum(len(sets[x]) for x in present))
    star = "*" if oracle else ""
    rows = [(name, t, len(sets[name])) for name, t in totals.items()] + [(k, t, n) for k, (t, n) in combined.items()]
    for name, t, n in rows:
        s = _summary(t)
        print(f"| {name}{star} | {n} | {s['p']:.3f} | {s['r']:.3f} ({t['req_hit']}/{t['req']}) | {s['f']:.3f} "
              f"| {s['ca']:.3f} ({t['count_ok']}/{t['count_n']}) | {t['fabricated']} | {t['neg_flows']} "
              f"| {s['ep']:.3f} ({t['ev_pred_ok']}/{t['ev_pred']}) | {s['er']:.3f} ({t['ev_hit']}/{t['ev_gold']}) | {s['ef']:.3f} |")
    _print_misses(rows, star)


def _print_misses(rows: list[tuple], star: str) -> None:
    """Why gold events were missed, per set: counts only."""
    print("\nMissed gold events, by the stage that lost them (the last column: of all missed, those whose end the "
          "annotators took from another sentence or an anaphor):\n")
    print("| set | missed | " + " | ".join(MISS_KINDS.values()) + " | end from context |")
    print("|---" * (len(MISS_KINDS) + 3) + "|")
    for name, t, _n in rows:
        missed = t["ev_gold"] - t["ev_hit"]
        print(f"| {name}{star} | {missed} | " + " | ".join(str(t[f"miss_{k}"]) for k in MISS_KINDS)
              + f" | {t['miss_context']} |")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 epilog="Example: python benchmarks/flows.py --verbose --sets dev2/tune")
    ap.add_argument("--verbose", action="store_true", help="per-article table and misses")
    ap.add_argument("--no-speed", action="store_true", help="skip the throughput run")
    ap.add_argument("--oracle-places", action="store_true",
                    help="also score movements from the gold place mentions and coordinates (isolates the movement stage)")
    ap.add_argument("--sets", nargs="+", default=None, metavar="SET",
                    help="gold sets to score (default: all: seed dev dev2/tune dev2/check extra/tune extra/check extra2/tune extra2/check extra3/tune extra3/check)")
    ap.add_argument("--roles", choices=("hybrid", "parse", "regex"), default="hybrid",
                    help="how places' roles are read: the parse then the clause rules (default), or either alone")
    ap.add_argument("--speed-limit", type=int, default=None, help="time only the first N articles")
    args = ap.parse_args(argv)
    ev = eval_dir()
    sets = {k: v for k, v in load_gold(ev).items() if args.sets is None or k in args.sets}
    from mapper.movements import extract

    extract.ROLE_READING = args.roles

    print("== gold flows through mapper.extract ==\n")
    print_flow_table(sets, args.verbose, False)
    if args.oracle_places:
        print("\n== the same with gold place mentions and coordinates (movement stage alone; marked *) ==\n")
        print_flow_table(sets, args.verbose, True)

    print("\n== IDETECT excerpts: find_counts + displacement-figure rule ==")
    s = score_idetect(ev, args.verbose)
    print(f"excerpts={s['n']}  quantity exact-match={s['quantity']:.3f}  unit accuracy={s['unit']:.3f}")
    if args.verbose:
        for m in s["misses"]:
            print("   miss", m)
    print("\n== IDETECT excerpts: the labelled figure as a count of mapper.extract (pipeline) ==\n")
    print_idetect_pipeline(ev, args.verbose)

    k = score_kili_quantities(ev)
    print(f"\nKILI articles: numeric QUANTITY spans found by find_counts = {k['recall']:.3f} (of {k['n']})")

    if not args.no_speed:
        print("\n== throughput over idetect_articles_3247.csv (one core) ==")
        sp = score_speed(ev, args.speed_limit)
        print(f"articles={sp['n']}  movements={sp['movements']}  flows={sp['flows']}")
        print(f"text stages (sentences+mentions+movements): {sp['text_cpu']:.0f} articles/s per CPU-second "
              f"({sp['text_rate']:.0f}/s wall clock)")
        print(f"mapper.extract end to end (places+movements+geocode+frames, no map): {sp['full_cpu']:.0f} articles/s per CPU-second "
              f"({sp['full_rate']:.0f}/s wall clock)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
