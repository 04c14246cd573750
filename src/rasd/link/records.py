"""One linked real-world event as `rasd link` prints it and the store keeps it (a public contract)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from rasd.link.compare import SAME_WORDS, dice
from rasd.link.conflicts import contradictions, summary
from rasd.link.reports import Report, iso_day


def independent_sources(reports: list[Report]) -> int:
    """Sources that vouch for the event on their own: one speaker quoted by three outlets counts once, and so
    do copies of one wire text (near-identical sentences with no speaker) run by several outlets."""
    groups = list(range(len(reports)))

    def root(n: int) -> int:
        while groups[n] != n:
            n = groups[n]
        return n

    for i, a in enumerate(reports):
        for j in range(i):
            b = reports[j]
            wire = a.speaker is None and b.speaker is None and dice(a.words, b.words) >= SAME_WORDS
            if a.source_key == b.source_key or wire:
                groups[root(i)] = root(j)
    return len({root(n) for n in range(len(reports))})


def _most_common(values: list[Any]) -> Any:
    values = [v for v in values if v is not None]
    return Counter(values).most_common(1)[0][0] if values else None


def _location(reports: list[Report]) -> dict[str, Any] | None:
    """The most precise place the reports agree on most."""
    placed = [r for r in reports if r.record.get("location")]
    if not placed:
        return None
    best = min(placed, key=lambda r: (r.place_precision or 9, -sum(o.place == r.place for o in placed)))
    loc = best.record["location"]
    keep = ("id", "name_en", "name_ar", "lat", "lon", "admin1", "admin2", "precision")
    return {**{k: loc.get(k) for k in keep}, "report": reports.index(best)}


def _date(reports: list[Report]) -> dict[str, Any] | None:
    """The days the reports allow, from their own dates where they give one, else from publication."""
    stated = [r for r in reports if (r.record.get("date") or {}).get("value")]
    use = stated or [r for r in reports if r.day_lo is not None]
    if not use:
        return None
    first = min(r.day_lo for r in use if r.day_lo is not None)
    last = max(r.day_hi for r in use if r.day_hi is not None)
    return {"start": iso_day(first), "end": iso_day(last), "stated": bool(stated),
            "precision": "day" if first == last else "range"}


def report_entry(report: Report) -> dict[str, Any]:
    return {
        "source_id": report.source_id, "doc_id": report.doc_id, "event_index": report.event_index,
        "outlet": report.outlet, "published": report.published, "type": report.type,
        "modality": report.modality, "status": report.status,
        "status_evidence": ({k: report.record["status"][k] for k in ("text", "start", "end")}
                            if report.record.get("status") else None),
        "speaker": report.speaker_name,
        "actor": report.actor_name, "place": report.place_name,
        "evidence": dict(report.evidence), "trigger": report.record.get("trigger"),
    }


def linked_event(event_id: str, reports: list[Report]) -> dict[str, Any]:
    found = contradictions(reports)
    actors = Counter(r.actor_name for r in reports if r.actor_name)
    return {
        "id": event_id,
        "type": _most_common([r.type for r in reports]),
        "types": dict(Counter(r.type for r in reports)),
        "date": _date(reports),
        "location": _location(reports),
        "actors": [name for name, _ in actors.most_common()],
        "reports": [report_entry(r) for r in reports],
        "outlets": len({r.outlet or r.doc_id for r in reports}),
        "sources_independent": independent_sources(reports),
        "quantities": summary(reports),
        "contradictions": found,
        "contested": bool(found),
    }
