"""Words for counts on a map: "~3,000 people · this phase", "up to 15,000 · in all".

The wording is derived from a figure's fields only (value, low/high,
qualifier, approximate, vague, unit, scope, status), never from any article:

* approximate → ``~N``; a qualifier as written ("up to", "more than") before N;
  low and high → ``A–B``; a vague count ("thousands") as written, never as a number.
* scope: ``cumulative`` → "in all", ``rate`` → "per <per>", ``stock`` → "present";
  ``event`` → "this phase" only when another figure on the same flow has a
  different scope (to tell them apart), otherwise nothing.
* status other than completed is said: "planned", "ongoing", "blocked".

Several figures on one flow are listed one per line, never summed.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence

__all__ = ["format_number", "figure_label", "label_lines", "figures_of", "width_value"]

_SCOPE_WORDS = {"cumulative": "in all", "stock": "present"}
_STATUS_WORDS = {"planned": "planned", "ongoing": "ongoing", "blocked": "blocked"}


def _num(v) -> float | None:
    if v is None:
        return None
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) else f


def format_number(v: float) -> str:
    """``3000`` → ``"3,000"``; keeps one decimal only when the number has one."""
    if float(v).is_integer():
        return f"{int(v):,}"
    return f"{v:,.1f}".rstrip("0").rstrip(".")


def _unit_words(fig: Mapping) -> str:
    unit = fig.get("unit_text") or fig.get("unit") or ""
    return "" if unit in ("other",) else str(unit)


def _amount(fig: Mapping) -> str:
    value, low, high = _num(fig.get("value")), _num(fig.get("low")), _num(fig.get("high"))
    qualifier = (fig.get("qualifier") or "").strip()
    text = (fig.get("text") or "").strip()
    if fig.get("vague") or (value is None and low is None and high is None):
        return text or "an unknown number of"
    if low is not None and high is not None and low != high:
        return f"{format_number(low)}–{format_number(high)}"
    if high is not None and low is None and (value is None or value == high):
        return f"{qualifier or 'up to'} {format_number(high)}"
    if low is not None and high is None and (value is None or value == low):
        return f"{qualifier or 'at least'} {format_number(low)}"
    number = format_number(value if value is not None else (high if high is not None else low))
    if fig.get("approximate"):
        return f"~{number}"
    return f"{qualifier} {number}" if qualifier else number


def figure_label(fig: Mapping, *, unit: bool = True, contrast: bool = False) -> str:
    """One line of label for one figure.

    Parameters
    ----------
    fig : mapping
        A figure record (see :func:`mapper.frames.figure_record`).
    unit : bool
        Say the unit ("people", "families").
    contrast : bool
        Another figure of a different scope sits on the same flow: name an
        ``event`` scope ("this phase") so the two read apart.
    """
    amount = _amount(fig)
    words = _unit_words(fig) if unit else ""
    if words and words.lower() not in amount.lower():
        vague = fig.get("vague") or amount == (fig.get("text") or "").strip()
        amount = f"{amount} of {words}" if vague and not amount[:1].isdigit() else f"{amount} {words}"
    parts = [amount]
    scope = fig.get("scope") or "event"
    if scope == "rate":
        parts.append(f"per {fig.get('per')}" if fig.get("per") else "a rate")
    elif scope in _SCOPE_WORDS:
        parts.append(_SCOPE_WORDS[scope])
    elif scope == "event" and contrast:
        parts.append("this phase")
    status = fig.get("status")
    if status in _STATUS_WORDS:
        parts.append(_STATUS_WORDS[status])
    return " · ".join(parts)


def label_lines(figures: Sequence[Mapping]) -> list[str]:
    """Label lines for every figure of one flow (or shared group), in order, without repeats.

    The unit is said on the first line and again only where it changes.
    """
    scopes = {f.get("scope") or "event" for f in figures}
    contrast = len(scopes) > 1
    lines: list[str] = []
    seen: set[str] = set()
    first_unit = None
    for fig in figures:
        full = figure_label(fig, unit=True, contrast=contrast)
        if full in seen:  # the same figure reported twice is one figure
            continue
        seen.add(full)
        u = _unit_words(fig)
        if not lines:
            first_unit = u
        lines.append(full if len(lines) == 0 or u != first_unit else figure_label(fig, unit=False, contrast=contrast))
    return lines


def figures_of(row: Mapping) -> list[dict]:
    """The figures of a flow/event row: its ``figures`` JSON, or one built from its count columns."""
    raw = row.get("figures")
    figs: list = []
    if isinstance(raw, str) and raw.strip():
        try:
            figs = json.loads(raw)
        except ValueError:
            figs = []
    elif isinstance(raw, list):
        figs = raw
    figs = [f for f in figs if isinstance(f, Mapping)]
    if figs:
        return [dict(f) for f in figs]
    value, low, high = _num(row.get("count")), _num(row.get("count_low")), _num(row.get("count_high"))
    text = row.get("count_text")
    if value is None and low is None and high is None and not (isinstance(text, str) and text):
        return []
    return [
        {
            "text": text if isinstance(text, str) else None,
            "value": value,
            "low": low,
            "high": high,
            "qualifier": row.get("qualifier") if isinstance(row.get("qualifier"), str) else None,
            "approximate": False,
            "vague": value is None and low is None and high is None,
            "unit": row.get("unit") if isinstance(row.get("unit"), str) else "people",
            "scope": row.get("scope") if isinstance(row.get("scope"), str) else "event",
            "status": row.get("status") if isinstance(row.get("status"), str) else "completed",
            "sentence": row.get("sentence") if isinstance(row.get("sentence"), str) else None,
            "article_id": row.get("article_id"),
        }
    ]


def width_value(row: Mapping) -> float | None:
    """The number that sets a flow's width: its count column, else high, else low; None if vague."""
    for key in ("count", "count_high", "count_low"):
        v = _num(row.get(key))
        if v is not None:
            return v
    return None
