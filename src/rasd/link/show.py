"""Linked events for a terminal: a list of events, and one event's reports side by side with the values the
sources disagree on highlighted in their own sentences."""

from __future__ import annotations

from typing import Any

from rich import box
from rich.console import Group
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from rasd.link.conflicts import figure

CONFLICT_STYLE = "bold red"


def events_table(events: list[dict[str, Any]], title: str) -> Table:
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD)
    for header, width in (("event", 13), ("type", 8), ("date", 10), ("place", 16), ("rep.", 4), ("outl.", 5),
                          ("src.", 4)):
        table.add_column(header, no_wrap=True, overflow="ellipsis", min_width=width, max_width=width)
    table.add_column("disagreement", overflow="fold", min_width=20)
    for ev in events:
        when = ev.get("date") or {}
        days = when.get("start") or ""
        said = "; ".join(f"{c['kind']} ({c['strength']}): {' vs '.join(str(v) for v in c['values'])}"
                         for c in ev["contradictions"])
        table.add_row(ev["id"], ev["type"], days, (ev.get("location") or {}).get("name_en") or "",
                      str(len(ev["reports"])), str(ev["outlets"]), str(ev["sources_independent"]), said)
    return table


def _marks(ev: dict[str, Any]) -> dict[int, list[tuple[int, int]]]:
    """Report position -> raw spans of the values that take part in a contradiction."""
    disputed_kinds = {k for c in ev["contradictions"] if c["kind"] == "quantity" for k in c.get("quantity_kinds", [])}
    in_dispute = {n for c in ev["contradictions"] for side in c["sides"] for n in side}
    marks: dict[int, list[tuple[int, int]]] = {}
    for kind, summary in ev["quantities"].items():
        if kind not in disputed_kinds:
            continue
        for v in summary["values"]:
            if v["value"].get("start") is not None:
                marks.setdefault(v["report"], []).append((v["value"]["start"], v["value"]["end"]))
    statuses = any(c["kind"] == "status" for c in ev["contradictions"])
    for n, report in enumerate(ev["reports"]):
        if statuses and n in in_dispute and report.get("status_evidence"):
            marks.setdefault(n, []).append((report["status_evidence"]["start"], report["status_evidence"]["end"]))
    return marks


def highlighted(evidence: dict[str, Any], spans: list[tuple[int, int]]) -> Text:
    text = Text(evidence["text"])
    for start, end in spans:
        lo, hi = start - evidence["start"], end - evidence["start"]
        if 0 <= lo < hi <= len(evidence["text"]):
            text.stylize(CONFLICT_STYLE, lo, hi)
    return text


def event_view(ev: dict[str, Any]) -> Group:
    loc = ev.get("location") or {}
    when = ev.get("date") or {}
    head = Text.from_markup(
        f"[bold]{escape(ev['id'])}[/] {escape(ev['type'])} · {escape(loc.get('name_en') or 'unplaced')}"
        f" {escape(loc.get('name_ar') or '')} · {escape(when.get('start') or 'undated')}"
        f"{'–' + escape(when['end']) if when.get('end') and when.get('end') != when.get('start') else ''}\n"
        f"actors: {escape(', '.join(ev['actors']) or '?')} · {len(ev['reports'])} reports, {ev['outlets']} outlets, "
        f"{ev['sources_independent']} independent sources")
    reports = Table(box=box.SIMPLE_HEAD, show_lines=True)
    for header, width in (("#", 3), ("outlet", 16), ("said by", 22), ("status", 9), ("evidence", 90)):
        reports.add_column(header, max_width=width, overflow="fold")
    marks = _marks(ev)
    for n, r in enumerate(ev["reports"]):
        status = r.get("status") or ""
        if r.get("modality") == "negated":
            status = (status + " denied").strip()
        reports.add_row(str(n), r.get("outlet") or r["source_id"], r.get("speaker") or "(the outlet)", status,
                        highlighted(r["evidence"], marks.get(n, [])))
    parts: list[Any] = [head, reports]
    if ev["quantities"]:
        figures = Table(title="figures", title_justify="left", box=box.SIMPLE_HEAD)
        for header in ("kind", "low", "best", "high", "as reported (report #)"):
            figures.add_column(header)
        for kind, s in ev["quantities"].items():
            given = ", ".join(f"{figure(v['value'])} (#{v['report']})" for v in s["values"])
            figures.add_row(kind, str(s["low"]), str(s["best"]), str(s["high"]), given)
        parts.append(figures)
    for c in ev["contradictions"]:
        a, b = c["values"]
        parts.append(Text.from_markup(
            f"[{CONFLICT_STYLE}]{escape(c['strength'])} {escape(c['kind'])} contradiction[/]: "
            f"{escape(str(a))} (reports {', '.join(map(str, c['sides'][0]))}) vs "
            f"{escape(str(b))} (reports {', '.join(map(str, c['sides'][1]))})"))
    return Group(*parts)
