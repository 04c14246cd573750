"""Scoring linked events against the XDOC lines of a gold file (gold/SCHEMA.md §5.9).

System events are first mapped to the gold lines they matched (claim level). A predicted pair is two reports
of one linked event (same_event), or one report from each side of a contradiction, both mapped to different
gold lines. Gold pairs are all member pairs of a same_event line, and all cross-side pairs of a contradiction
line. Pairs whose reports match no gold line cannot be judged and are left out (the event scores say how
many events were missed or made up).
"""

from __future__ import annotations

from itertools import combinations, product
from typing import Any

from rasd.evaluate.score import Report

Pair = frozenset[str]


def gold_pairs(xdoc: list[dict[str, Any]]) -> dict[str, dict[Pair, str]]:
    """relation -> {pair of gold ids: the XDOC line's id (and strength for contradictions)}."""
    out: dict[str, dict[Pair, str]] = {"same_event": {}, "contradiction": {}, "other": {}}
    for line in xdoc:
        relation = line.get("relation")
        if relation == "contradiction":
            sides = line.get("sides") or []
            if len(sides) == 2:
                for a, b in product(*sides):
                    out["contradiction"][frozenset((a, b))] = f"{line['id']} {line.get('strength', '')}".strip()
            continue
        bucket = "same_event" if relation == "same_event" else "other"
        for a, b in combinations(line.get("members") or [], 2):
            out[bucket].setdefault(frozenset((a, b)), f"{line['id']} {relation}")
    return out


def score_links(report: Report, linked: list[dict[str, Any]], doc_key: dict[str, str],
                xdoc: list[dict[str, Any]]) -> None:
    if not xdoc:
        return
    gold = gold_pairs(xdoc)
    same: set[Pair] = set()
    contra: dict[Pair, str] = {}
    for event in linked:
        ids = [report.matched_gold.get((doc_key.get(r["doc_id"], ""), r["event_index"])) for r in event["reports"]]
        for a, b in combinations([i for i in ids if i], 2):
            if a != b:
                same.add(frozenset((a, b)))
        for c in event["contradictions"]:
            side_a = [ids[n] for n in c["sides"][0] if ids[n]]
            side_b = [ids[n] for n in c["sides"][1] if ids[n]]
            for a, b in product(side_a, side_b):
                if a != b:
                    pair = frozenset((a, b))
                    contra[pair] = "hard" if "hard" in (c["strength"], contra.get(pair)) else c["strength"]
    gold_same = set(gold["same_event"])
    cross = {p for p in gold_same if len({x.split("-")[0] for x in p}) == 2}
    _tally(report, "same_event", same, gold_same)
    _tally(report, "same_event across documents", {p for p in same if len({x.split("-")[0] for x in p}) == 2},
           cross)
    gold_contra = gold["contradiction"]
    _tally(report, "contradiction (all)", set(contra), set(gold_contra))
    _tally(report, "contradiction (hard)", {p for p, s in contra.items() if s == "hard"},
           {p for p, line in gold_contra.items() if line.endswith("hard")})
    for pair in sorted(same | set(contra), key=sorted):
        a, b = sorted(pair)
        said = [name for name, found in (("same_event", pair in same), (f"contradiction {contra.get(pair)}",
                                                                         pair in contra)) if found]
        truth = [g[pair] for g in gold.values() if pair in g]
        report.link_details.append(f"{a} ~ {b}: predicted {', '.join(said)}; gold {'; '.join(truth) or 'none'}")
    for pair in sorted((gold_same - same) | (set(gold_contra) - set(contra)), key=sorted):
        a, b = sorted(pair)
        truth = [g[pair] for g in gold.values() if pair in g]
        report.link_details.append(f"{a} ~ {b}: missed; gold {'; '.join(truth)}")


def _tally(report: Report, name: str, predicted: set[Pair], gold: set[Pair]) -> None:
    tally = report.links[name]
    tally.tp += len(predicted & gold)
    tally.fp += len(predicted - gold)
    tally.fn += len(gold - predicted)
