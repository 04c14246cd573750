"""Reported figures as linking reads them: what range of values each allows, and which two cannot both hold.

A total over many events ("منذ بدء العدوان", "خلال الساعات الـ24 الماضية") is kept out of comparisons, and so
is every figure that counts no people (linking.yaml's compared_kinds).
"""

from __future__ import annotations

import math
from typing import Any

from rasd.link.knowledge import linking_knowledge
from rasd.text.normalize import normalize

CUMULATIVE_REACH = 40  # characters before a figure searched for the words of a running total


def comparable(quantities: list[dict[str, Any]], evidence: dict[str, Any]) -> list[dict[str, Any]]:
    """The figures of a report that count people or things of this one event."""
    known = linking_knowledge()
    out = []
    for q in quantities:
        if q.get("kind") not in known.compared_kinds or q.get("min") is None:
            continue
        at = (q.get("start") or 0) - evidence["start"]
        before = normalize(evidence["text"][max(0, at - CUMULATIVE_REACH):max(0, at)])
        if any(cue in before for cue in known.cumulative_cues):
            continue
        out.append(q)
    return out


def interval(q: dict[str, Any]) -> tuple[float, float]:
    """The values a reported figure allows: "نحو 4000" is 3000–5000, "أكثر من 100" is 100 and up."""
    margin = linking_knowledge().approx_margin if q.get("approx") else 0.0
    lo = float(q["min"]) if q.get("min") is not None else 0.0
    hi = float(q["max"]) if q.get("max") is not None else math.inf
    if q.get("approx") and q.get("max") is not None and q.get("min") == q.get("max"):
        return lo * (1 - margin), hi * (1 + margin)
    return lo * (1 - margin), hi


def figure(q: dict[str, Any]) -> str:
    """A figure as it was given: "≥70", "~4000", "400–600", "16"."""
    lo, hi = q.get("min"), q.get("max")
    if lo is not None and hi is not None and lo != hi:
        return f"{lo}–{hi}"
    if hi is None and lo is not None:
        return f"≥{lo}"
    return f"~{lo}" if q.get("approx") else f"{lo}"


def relation(kind_a: str, a: dict[str, Any], kind_b: str, b: dict[str, Any]) -> str | None:
    """How two figures stand: None (they count unrelated things), "agree" (both can hold), "soft" (they differ
    in degree, or count different things one within the other), "hard" (both cannot hold)."""
    known = linking_knowledge()
    (alo, ahi), (blo, bhi) = interval(a), interval(b)
    if kind_a == kind_b:
        if alo <= bhi and blo <= ahi:
            return "agree"
        small_hi, big_lo = (ahi, blo) if ahi < blo else (bhi, alo)
        return "hard" if small_hi == 0 or big_lo / small_hi >= known.hard_ratio else "soft"
    if known.within.get(kind_b) == kind_a:  # make a the part, b the whole
        kind_a, a, kind_b, b = kind_b, b, kind_a, a
        (alo, ahi), (blo, bhi) = (blo, bhi), (alo, ahi)
    if known.within.get(kind_a) != kind_b:
        return None
    if alo > bhi:
        return "hard"  # more dead than dead and wounded together
    return "soft" if ahi < blo else "agree"  # "16 killed", "at least 70 killed or injured": both can be true


def figure_conflict(kind_a: str, a: dict[str, Any], kind_b: str, b: dict[str, Any]) -> str | None:
    """hard / soft / None for two figures: of one kind, or one counting within the other."""
    how = relation(kind_a, a, kind_b, b)
    return how if how in ("hard", "soft") else None
