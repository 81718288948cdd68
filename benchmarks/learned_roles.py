"""Measure a learned alternative to the grammar's table of constructions: each place's role.

For every place mention in a sentence that :mod:`mapper.movements.extract`
parses (a trigger and a place), the gold says whether the place is an origin,
a destination or neither of a movement whose evidence covers the sentence. Two
readers are compared on the same mentions:

* **rules**: the role :func:`mapper.movements.grammar.read_sentence` gives,
  else, as in the pipeline, the words' role
  (:func:`mapper.movements.roles.clause_role`, over the sentence) where the
  parse gives none and rejects nothing (route and location count as neither);
* **learned**: a multinomial logistic regression over features of the parse
  (the trigger's class, the dependency path from the place up to the trigger,
  the preposition that governs the place, the governor's word, order), trained
  on the tune halves (``dev``, ``dev2/tune``, ``extra/tune``) and applied
  unchanged to the check halves.

Printed: micro-averaged precision, recall and F1 of origin and destination
labels, per reader and per half, and the F1 of the rules with the learned
reader only where the rules give no role. The role reader is one part of the
pipeline; this isolates it (the events benchmark, ``flows.py``, measures the
whole).

Usage::

    python benchmarks/learned_roles.py

Reads corpora from ``$MAPPER_EVAL`` or ``../shared/eval``.
"""

from __future__ import annotations

import argparse
from collections import Counter

import numpy as np
from evaldata import require_eval_dir as eval_dir
from flows import load_gold

LABELS = ("none", "origin", "destination")
TUNE = ("dev", "dev2/tune", "extra/tune")
CHECK = ("dev2/check", "extra/check")


def _gold_roles(doc: dict) -> dict[tuple[int, int], list[tuple[int, int, str]]]:
    """Each gold mention span → the (evidence start, end, role) of the flows that name its place."""
    spans = {p["pid"]: [(m["start"], m["end"]) for m in p.get("mentions", [])] for p in doc.get("places", [])}
    out: dict[tuple[int, int], list[tuple[int, int, str]]] = {}
    for f in doc["flows"]:
        a, b = f.get("evidence_start"), f.get("evidence_end")
        if a is None or b is None:
            continue
        for role, ends in (("origin", f["origins"]), ("destination", f["destinations"])):
            for e in ends:
                for span in spans.get(e.get("pid"), []):
                    out.setdefault(span, []).append((a, b, role))
    return out


def _label(gold, m, sentence) -> str:
    for (s, e), roles in gold.items():
        if s < m.end and m.start < e:
            for a, b, role in roles:
                if a < sentence.end and sentence.start < b:
                    return role
    return "none"


def features(head, trig_tok, cls: str) -> list[str]:
    """Features of a place's head token against a trigger's token of class *cls*."""
    feats = [f"cls={cls}", f"dep={head.dep_}", "before" if head.i < trig_tok.i else "after"]
    path, tok, prep = [], head, None
    for _ in range(6):
        if tok.i == trig_tok.i or tok.head.i == tok.i:
            break
        path.append(tok.dep_)
        if tok.dep_ == "pobj" and prep is None:
            prep = tok.head.lower_
        tok = tok.head
    gov = head.head.lower_ if head.head.pos_ in ("ADP", "VERB") else head.head.pos_
    return feats + [f"path={'/'.join(path[:4])}", f"reached={tok.i == trig_tok.i}", f"prep={prep}",
                    f"cls+prep={cls}+{prep}", f"cls+path={cls}+{'/'.join(path[:3])}", f"gov={gov}",
                    f"hops={min(len(path), 6)}"]


def _examples(docs: list[dict]) -> list[tuple[list[str], str, str]]:
    """(features, gold label, rules' label) for every place in every parsed candidate sentence."""
    from mapper.movements import extract as ex
    from mapper.movements.grammar import _head_token, read_sentence
    from mapper.movements.parse import parse
    from mapper.movements.roles import clause_role
    from mapper.places.toponyms import find_mentions
    from mapper.read.sentences import split_sentences

    out = []
    for d in docs:
        text = d["text"]
        ordered = sorted(find_mentions(text), key=lambda m: m.start)
        todo = ex._to_parse(text, ex._candidate_sentences(text, split_sentences(text), ordered))
        gold = _gold_roles(d)
        for (sentence, toponyms, trigs), sdoc in zip(todo, parse([s.text for s, _t, _g in todo])):
            if not trigs:
                continue
            reading = read_sentence(sdoc, sentence.start, toponyms, trigs)
            tokens = [(_head_token(sdoc, sentence.start, t.start, t.end), t) for t in trigs]
            words: list = []
            for m in toponyms:
                head = _head_token(sdoc, sentence.start, m.start, m.end)
                near = [(abs(h.i - head.i), h, t) for h, t in tokens if h is not None] if head is not None else []
                if not near:
                    continue
                _, trig_tok, trig = min(near, key=lambda x: x[0])
                rule = reading.roles.get((m.start, m.end))
                if rule is None and (m.start, m.end) not in reading.rejected:
                    # as the pipeline does: the words' role where the parse gives none
                    role = clause_role(text, sentence.start, sentence.end, m, words)
                else:
                    role = rule.role if rule else None
                words.append((m, role))
                rule_label = role if role in LABELS else "none"
                out.append((features(head, trig_tok, trig.cls), _label(gold, m, sentence), rule_label))
    return out


def _train(examples, l2: float = 1.0, steps: int = 400, lr: float = 0.5):
    vocab = {f: i for i, f in enumerate(sorted({f for feats, _g, _r in examples for f in feats}))}
    x = _matrix(examples, vocab)
    y = np.array([LABELS.index(g) for _f, g, _r in examples])
    w = np.zeros((x.shape[1], len(LABELS)))
    onehot = np.eye(len(LABELS))[y]
    for _ in range(steps):
        p = _softmax(x @ w)
        w -= lr * (x.T @ (p - onehot) / len(y) + l2 * w / len(y))
    return vocab, w


def _matrix(examples, vocab) -> np.ndarray:
    x = np.zeros((len(examples), len(vocab) + 1))
    x[:, -1] = 1.0
    for i, (feats, _g, _r) in enumerate(examples):
        for f in feats:
            if f in vocab:
                x[i, vocab[f]] = 1.0
    return x


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def _prf(pairs) -> tuple[float, float, float]:
    """Micro P/R/F1 of origin and destination labels over (gold, predicted) pairs."""
    c = Counter((g, p) for g, p in pairs)
    tp = sum(c[(r, r)] for r in ("origin", "destination"))
    pred = sum(v for (g, p), v in c.items() if p != "none")
    gold = sum(v for (g, p), v in c.items() if g != "none")
    prec, rec = tp / max(1, pred), tp / max(1, gold)
    return prec, rec, 2 * prec * rec / max(1e-9, prec + rec)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--l2", type=float, default=1.0, help="L2 weight of the logistic regression (default 1)")
    args = ap.parse_args(argv)
    sets = load_gold(eval_dir())
    tune = [e for name in TUNE for e in _examples(sets.get(name, []))]
    vocab, w = _train(tune, l2=args.l2)
    print(f"trained on {len(tune)} place mentions of the tune halves ({len(vocab)} features, L2 {args.l2})\n")
    print("| half | mentions | rules P | rules R | rules F1 | learned P | learned R | learned F1 | rules, else learned F1 |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name, examples in [("tune (fit)", tune)] + [(n, _examples(sets.get(n, []))) for n in CHECK]:
        pred = [LABELS[i] for i in (_matrix(examples, vocab) @ w).argmax(axis=1)] if examples else []
        rules = _prf([(g, r) for _f, g, r in examples])
        learned = _prf([(g, p) for (_f, g, _r), p in zip(examples, pred)])
        hybrid = _prf([(g, r if r != "none" else p) for (_f, g, r), p in zip(examples, pred)])
        print(f"| {name} | {len(examples)} | " + " | ".join(f"{v:.3f}" for v in (*rules, *learned, hybrid[2])) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
