"""Where the reports of one event disagree, and what they say between them (low / best / high).

A contradiction is between sources: two reports vouched for by one source (one speaker, or one outlet in
its own voice) that differ are read as the extraction's noise, not as a dispute. Each contradiction has two
sides (the reports that say one thing, and those that say the other), its values, and a strength:
``hard`` when both cannot be true, ``soft`` when they differ in degree or in what they count (SCHEMA.md §4).
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations
from typing import Any

from rasd.extract.status import status_lexicon
from rasd.link.compare import FAR_KM, LINK_SCORE, distance, same_party, similarity
from rasd.link.figures import figure, figure_conflict
from rasd.link.reports import Report

DATE_CONFLICT_DAYS = 3  # reports of one event dated to the day this far apart disagree on when


def figures_by_kind(reports: list[Report]) -> dict[str, list[tuple[int, dict[str, Any]]]]:
    """kind -> [(report position, the figure)], one figure per report and kind (its first)."""
    out: dict[str, list[tuple[int, dict[str, Any]]]] = defaultdict(list)
    for n, report in enumerate(reports):
        seen = set()
        for q in report.figures:
            if q["kind"] not in seen:
                seen.add(q["kind"])
                out[q["kind"]].append((n, q))
    return out


def summary(reports: list[Report]) -> dict[str, dict[str, Any]]:
    """For each kind, every reported value with its report, and low / best / high as UCDP gives them: the
    lowest figure reported, the median report's figure (a figure someone gave, never an average), the highest."""
    out = {}
    for kind, values in figures_by_kind(reports).items():
        lows = sorted(float(q["min"]) for _, q in values)
        highs = [float(q["max"]) if q.get("max") is not None else float(q["min"]) for _, q in values]
        best = lows[(len(lows) - 1) // 2]
        out[kind] = {"low": _plain(lows[0]), "best": _plain(best), "high": _plain(max(highs)),
                     "values": [{"value": {k: q.get(k) for k in ("min", "max", "approx", "text", "start", "end")},
                                 "report": n} for n, q in values]}
    return out


def _plain(x: float) -> float | int:
    return int(x) if x == int(x) else x


def contradictions(reports: list[Report]) -> list[dict[str, Any]]:
    """Every disagreement between sources among the reports of one event."""
    out: list[dict[str, Any]] = []
    out += _figure_conflicts(reports)
    out += _statuses(reports)
    out += _denials(reports)
    out += _perpetrators(reports)
    out += _dates(reports)
    out += _places(reports)
    return out


def _denials(reports: list[Report]) -> list[dict[str, Any]]:
    """It happened, says one source; another denies it in so many words ("نفى", "عار عن الصحة"). A report merely
    negated ("لم تتمكن من إجلاء الجرحى") denies nothing, and a denied state is disputed as a status. A source
    that denies is on the denial's side only: what else it says of the event is its own account of it."""
    denied = [n for n, r in enumerate(reports) if r.modality == "negated" and r.denial and r.status is None]
    deniers = {reports[n].source_key for n in denied}
    told = [n for n, r in enumerate(reports) if r.modality != "negated" and r.source_key not in deniers]
    if not denied or not told:
        return []
    return [{"kind": "denial", "strength": "hard", "sides": [denied, told], "values": ["denied", "happened"]}]


def _status_strength(a: str, b: str) -> str | None:
    if a == f"not {b}" or b == f"not {a}":
        return "hard"
    return status_lexicon().conflict(a, b)


def _independent(side_a: list[int], side_b: list[int], reports: list[Report]) -> bool:
    """Two sides disagree as sources when no source is on both, no paragraph an article repeats is on both, and
    one side's report tells the event like the other side's article does, directly: an event that grew report
    by report can join two incidents that nobody says were one."""
    if {reports[n].source_key for n in side_a} & {reports[n].source_key for n in side_b}:
        return False
    spans = {reports[n].evidence["text"]: (reports[n].doc_id, reports[n].evidence["start"]) for n in side_a}
    for n in side_b:  # one sentence twice in an article (not one sentence giving two voices)
        seen = spans.get(reports[n].evidence["text"])
        if seen is not None and seen != (reports[n].doc_id, reports[n].evidence["start"]):
            return False
    return any(_told_alike(reports[a], reports[b], reports) for a in side_a for b in side_b)


def _told_alike(a: Report, b: Report, reports: list[Report]) -> bool:
    """a is like some report of b's article, or b like some report of a's."""
    for one, other in ((a, b), (b, a)):
        for c in reports:
            if c.doc_id == other.doc_id and (score := similarity(one, c)) is not None and score >= LINK_SCORE:
                return True
    return False


def _statuses(reports: list[Report]) -> list[dict[str, Any]]:
    """One contradiction per pair of states that conflict, each side the reports that give one state. A state
    denied ("نفى الأنباء عن توقف المفاوضات") is a state of its own, "not stopped"."""
    groups: dict[str, list[int]] = defaultdict(list)
    for n, r in enumerate(reports):
        if r.status is not None:
            groups[f"not {r.status}" if r.modality == "negated" else r.status].append(n)
    out = []
    for a, b in combinations(sorted(groups), 2):
        how = _status_strength(a, b)
        if how is not None and _independent(groups[a], groups[b], reports):
            out.append({"kind": "status", "strength": how, "sides": [groups[a], groups[b]], "values": [a, b]})
    return out


def _figure_conflicts(reports: list[Report]) -> list[dict[str, Any]]:
    by_kind = figures_by_kind(reports)
    groups: dict[tuple[str, str], tuple[str, dict[str, Any], list[int]]] = {}
    for kind, values in by_kind.items():
        for n, q in values:
            key = (kind, figure(q))
            groups.setdefault(key, (kind, q, []))[2].append(n)
    out = []
    for (ka, fa), (kb, fb) in combinations(sorted(groups), 2):
        kind_a, qa, side_a = groups[(ka, fa)]
        kind_b, qb, side_b = groups[(kb, fb)]
        how = figure_conflict(kind_a, qa, kind_b, qb)
        if how is not None and _independent(side_a, side_b, reports):
            out.append({"kind": "quantity", "strength": how, "sides": [side_a, side_b],
                        "values": [f"{fa} {ka}", f"{fb} {kb}"], "quantity_kinds": [ka, kb]})
    return out


def _perpetrators(reports: list[Report]) -> list[dict[str, Any]]:
    """Who did it, where the sources blame different armed parties for one attack (clashes have two sides, so
    their actors are no one's blame)."""
    violent = [n for n, r in enumerate(reports) if r.type == "ASSAULT" and r.actor is not None and r.actor_armed
               and r.actor != r.speaker]  # a speaker named as the attacker is most often a misread, not a claim
    groups: dict[str, list[int]] = defaultdict(list)
    for n in violent:
        groups[reports[n].actor].append(n)  # type: ignore[index]
    fought = {(r.actor, r.target) for r in reports if r.actor is not None and r.target is not None}
    out = []
    for a, b in combinations(sorted(groups), 2):
        ra, rb = reports[groups[a][0]], reports[groups[b][0]]
        if (a, b) in fought or (b, a) in fought:
            continue  # the two sides of the fight: one report took the target for the attacker, no one blames
        if same_party(ra.actor, ra.actor_side, rb.actor, rb.actor_side) is False and \
                _independent(groups[a], groups[b], reports):
            out.append({"kind": "perpetrator", "strength": "hard", "sides": [groups[a], groups[b]],
                        "values": [ra.actor_name, rb.actor_name]})
    return out


def _dates(reports: list[Report]) -> list[dict[str, Any]]:
    dated = {n: r for n, r in enumerate(reports)  # written dates only: "اليوم", "أمس" are read off publication
             if r.day_lo is not None and r.day_lo == r.day_hi and (r.record.get("date") or {}).get("value")
             and any(ch.isdigit() for ch in r.record["date"].get("text") or "")}
    groups: dict[int, list[int]] = defaultdict(list)
    for n, r in dated.items():
        groups[r.day_lo].append(n)  # type: ignore[index]
    out = []
    for a, b in combinations(sorted(groups), 2):
        if b - a >= DATE_CONFLICT_DAYS and _independent(groups[a], groups[b], reports):
            values = [reports[groups[d][0]].record["date"]["value"] for d in (a, b)]
            out.append({"kind": "date", "strength": "soft", "sides": [groups[a], groups[b]], "values": values})
    return out


def _places(reports: list[Report]) -> list[dict[str, Any]]:
    pinned = [n for n, r in enumerate(reports) if r.place_precision == 1 and r.lat is not None and r.placed_in_sentence]
    groups: dict[str, list[int]] = defaultdict(list)
    for n in pinned:
        groups[reports[n].place].append(n)  # type: ignore[index]
    out = []
    for a, b in combinations(sorted(groups), 2):
        ra, rb = reports[groups[a][0]], reports[groups[b][0]]
        km = distance(ra, rb)
        if km is not None and km > FAR_KM and _independent(groups[a], groups[b], reports):
            out.append({"kind": "place", "strength": "soft", "sides": [groups[a], groups[b]],
                        "values": [ra.place_name, rb.place_name], "km": round(km)})
    return out
