"""Linking over the store, incrementally: only articles not linked before are read and decided.

The reports already linked whose days (or lack of a date) let them be one event with a new report are read
back as they were linked; the new reports join their events or start new ones; only the events that changed
are rewritten. Everything happens in one transaction: an interrupted run leaves the store as it was.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from rasd.link.cluster import MAX_EVENT_DAYS
from rasd.link.compare import MAX_GAP_DAYS
from rasd.link.parallel import Linked, link_all
from rasd.link.records import linked_event
from rasd.link.reports import COUNTED, Report, day_range, report_from
from rasd.store.database import Store

MAX_WINDOWS = 200  # more separate windows of days than this are read as one
_ARTICLE_COLUMNS = "a.doc_id, a.source_id, a.source, a.url, CAST(a.published AS VARCHAR)"


@dataclass
class LinkStats:
    articles: int = 0  # newly linked
    reports: int = 0
    known_reports: int = 0  # linked before, read back to compare with
    changed_events: int = 0
    multi_report_events: int = 0  # in the whole store, after this run
    contested_events: int = 0
    comparisons: int = 0
    seconds: float = 0.0


def _article(row: tuple) -> dict[str, Any]:
    doc_id, source_id, source, url, published = row[:5]
    return {"doc_id": doc_id, "source_id": source_id, "source": source, "url": url, "published": published,
            "status": "ok", "events": []}


def _new_articles(store: Store) -> list[dict[str, Any]]:
    rows = store.query(
        f"""SELECT {_ARTICLE_COLUMNS}, e.idx, e.record FROM articles a
            LEFT JOIN events e USING (doc_id)
            WHERE a.status = 'ok' AND a.duplicate_of IS NULL
              AND a.doc_id NOT IN (SELECT doc_id FROM linked_articles)
            ORDER BY a.ingested_at, a.path, a.record, a.doc_id, e.idx""")
    articles: dict[str, dict[str, Any]] = {}
    for row in rows:
        article = articles.setdefault(row[0], _article(row))
        if row[5] is not None:
            article["events"].append(json.loads(row[6]))
    return list(articles.values())


def _windows(articles: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """The days a known report must fall in to share an event with a report of these articles (merged, in order).
    Reports whose dates span more than MAX_EVENT_DAYS link only within their article and widen nothing."""
    reach = MAX_EVENT_DAYS + MAX_GAP_DAYS
    spans = []
    for article in articles:
        for event in article["events"]:
            if event.get("modality") not in COUNTED:
                continue
            lo, hi = day_range(event, article.get("published"))
            if lo is not None and hi is not None and hi - lo <= MAX_EVENT_DAYS:
                spans.append((lo - reach, hi + reach))
    merged: list[tuple[int, int]] = []
    for lo, hi in sorted(spans):
        if merged and lo <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
        else:
            merged.append((lo, hi))
    return merged


def _linked_reports(store: Store, where: str, params: list[Any]) -> Iterator[tuple[Report, str]]:
    """Stored reports and their events, in the order they were linked."""
    rows = store.query(
        f"""SELECT {_ARTICLE_COLUMNS}, e.idx, e.record, l.event_id FROM event_links l
            JOIN events e USING (doc_id, idx) JOIN articles a USING (doc_id)
            WHERE {where} ORDER BY a.ingested_at, a.path, a.record, a.doc_id, e.idx""", params)
    for row in rows:
        report = report_from(_article(row), row[5], json.loads(row[6]))
        if report is not None:
            yield report, row[7]


def _known_reports(store: Store, windows: list[tuple[int, int]]) -> Iterator[tuple[Report, str]]:
    """Reports linked before that a new report may share an event with: undated ones, and those whose days
    fall in the new reports' windows."""
    if len(windows) > MAX_WINDOWS:
        windows = [(windows[0][0], windows[-1][1])]
    ranges = " OR ".join("(l.day_hi >= ? AND l.day_lo <= ?)" for _ in windows)
    where = f"l.day_lo IS NULL OR (l.day_hi - l.day_lo <= ? AND ({ranges}))" if windows else "l.day_lo IS NULL"
    params: list[Any] = [MAX_EVENT_DAYS, *(d for window in windows for d in window)] if windows else []
    return _linked_reports(store, where, params)


def _members(store: Store, events: set[str]) -> Iterator[tuple[Report, str]]:
    return _linked_reports(store, "l.event_id IN (SELECT unnest(?))", [sorted(events)])


def link_store(store: Store, workers: int = 1) -> LinkStats:
    started = time.perf_counter()
    stats = LinkStats()
    articles = _new_articles(store)
    with store.transaction():
        if articles:
            _link(store, articles, stats, workers)
        [(stats.multi_report_events, stats.contested_events)] = store.query(
            "SELECT count(*), count(*) FILTER (contradictions > 0) FROM linked_events")
    stats.seconds = time.perf_counter() - started
    return stats


def _link(store: Store, articles: list[dict[str, Any]], stats: LinkStats, workers: int) -> None:
    known = list(_known_reports(store, _windows(articles)))
    stats.known_reports = len(known)
    linked = link_all(articles, known, workers)
    stats.articles, stats.reports, stats.comparisons = len(articles), linked.reports, linked.compared
    stats.changed_events = len(linked.changed)
    _complete(store, linked, known, articles)
    links: dict[str, list[Any]] = {k: [] for k in ("doc_id", "idx", "event_id", "family", "region", "day_lo",
                                                   "day_hi")}
    for (doc_id, idx), event in linked.event_of.items():
        family, region, lo, hi = linked.placed[(doc_id, idx)]
        for key, value in (("doc_id", doc_id), ("idx", idx), ("event_id", event), ("family", family),
                           ("region", region), ("day_lo", lo), ("day_hi", hi)):
            links[key].append(value)
    store.insert("event_links", links)
    store.insert("linked_articles", {"doc_id": [a["doc_id"] for a in articles]})
    if linked.changed:
        store.con.execute("DELETE FROM linked_events WHERE event_id IN (SELECT unnest(?))", [sorted(linked.changed)])
    rows: dict[str, list[Any]] = {k: [] for k in (
        "event_id", "type", "date_start", "date_end", "location_name", "admin1", "lat", "lon", "reports", "outlets",
        "sources_independent", "contradictions", "hard_contradictions", "record")}
    for event, rec in sorted(linked.records.items()):
        loc, when = rec["location"] or {}, rec["date"] or {}
        for key, value in (
                ("event_id", event), ("type", rec["type"]), ("date_start", when.get("start")),
                ("date_end", when.get("end")), ("location_name", loc.get("name_en")), ("admin1", loc.get("admin1")),
                ("lat", loc.get("lat")), ("lon", loc.get("lon")), ("reports", len(rec["reports"])),
                ("outlets", rec["outlets"]), ("sources_independent", rec["sources_independent"]),
                ("contradictions", len(rec["contradictions"])),
                ("hard_contradictions", sum(c["strength"] == "hard" for c in rec["contradictions"])),
                ("record", json.dumps(rec, ensure_ascii=False))):
            rows[key].append(value)
    store.insert("linked_events", rows)


def _complete(store: Store, linked: Linked, known: list[tuple[Report, str]], articles: list[dict[str, Any]]) -> None:
    """An event that gained a report may hold reports that were not read (outside the days read): its record
    is made again from all its reports, the stored ones first, as the linker met them."""
    if not linked.changed:
        return
    read = {report.key for report, _ in known}
    stored = store.query("SELECT doc_id, idx, event_id FROM event_links WHERE event_id IN (SELECT unnest(?))",
                         [sorted(linked.changed)])
    short = {event for doc_id, idx, event in stored if (doc_id, idx) not in read}
    if not short:
        return
    members: dict[str, list[Report]] = {}
    for report, event in _members(store, short):
        members.setdefault(event, []).append(report)
    by_doc = {a["doc_id"]: a for a in articles}
    for (doc_id, idx), event in linked.event_of.items():
        if event in short:
            report = report_from(by_doc[doc_id], idx, by_doc[doc_id]["events"][idx])
            if report is not None:
                members.setdefault(event, []).append(report)
    for event in short:
        if len(members.get(event, [])) >= 2:
            linked.records[event] = linked_event(event, members[event])


def stored_events(store: Store, contested: bool = False, limit: int | None = None) -> list[dict[str, Any]]:
    """Linked events, most reported first (contested ones only, if asked)."""
    where = "WHERE contradictions > 0" if contested else ""
    sql = f"""SELECT record FROM linked_events {where}
              ORDER BY hard_contradictions DESC, sources_independent DESC, reports DESC, event_id"""
    if limit:
        sql += f" LIMIT {int(limit)}"
    return [json.loads(r[0]) for r in store.query(sql)]


def stored_event(store: Store, event_id: str) -> dict[str, Any] | None:
    """A linked event by id; an event with one report only is made up from that report."""
    rows = store.query("SELECT record FROM linked_events WHERE event_id = ?", [event_id])
    if rows:
        return json.loads(rows[0][0])
    reports = [report for report, _ in _members(store, {event_id})]
    return linked_event(event_id, reports) if reports else None
