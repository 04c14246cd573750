"""Linking on several cores. Reports of different families (violence, movement, talks …) are never one event,
so each worker links its own families over all the articles, and the results only need putting together.

Workers are forked: they read the articles (and the reports linked before) from the parent's memory instead
of having them pickled across. Where fork is not available, or one worker is asked for, it runs in-process.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections import Counter
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from rasd.link.cluster import Linker
from rasd.link.records import linked_event
from rasd.link.reports import COUNTED, Report, family_of, reports_of

_SHARED: dict[str, Any] = {}  # what forked workers read: set just before the pool starts


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Linking makes millions of small objects and no reference cycles: the cyclic garbage collector would
    walk them all again and again (a third of the time at 100k articles) and find nothing."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@dataclass
class Linked:
    """What one linking run decided."""

    event_of: dict[tuple[str, int], str] = field(default_factory=dict)  # each new report's event
    placed: dict[tuple[str, int], tuple[str, str | None, int | None, int | None]] = field(default_factory=dict)
    records: dict[str, dict[str, Any]] = field(default_factory=dict)  # changed events with 2+ reports
    changed: set[str] = field(default_factory=set)
    reports: int = 0
    compared: int = 0

    def add(self, other: Linked) -> None:
        self.event_of.update(other.event_of)
        self.placed.update(other.placed)
        self.records.update(other.records)
        self.changed |= other.changed
        self.reports += other.reports
        self.compared += other.compared


def partition(articles: Sequence[dict[str, Any]], workers: int) -> list[frozenset[str]]:
    """Families shared out so that each worker has about as many reports to link (largest first)."""
    counts = Counter(family_of(e) for a in articles for e in a.get("events") or [] if e.get("modality") in COUNTED)
    shares: list[tuple[int, set[str]]] = [(0, set()) for _ in range(workers)]
    for family, n in counts.most_common():
        load, families = min(shares, key=lambda s: s[0])
        shares.remove((load, families))
        families.add(family)
        shares.append((load + n, families))
    return [frozenset(f) for _, f in shares if f]


def link_families(families: frozenset[str] | None) -> Linked:
    """Link the shared articles' reports of these families (all, for None), after the known reports."""
    out = Linked()
    linker = Linker()
    with no_cycle_collection():
        for report, event in _SHARED.get("known", ()):
            if families is None or report.family in families:
                linker.known(report, event)
        for article in _SHARED["articles"]:
            reports = reports_of(article, families)
            out.changed |= linker.add_article(reports)
            out.reports += len(reports)
            for r in reports:
                out.event_of[r.key] = linker.event_of[r.key]
                out.placed[r.key] = (r.family, r.region, r.day_lo, r.day_hi)
        for event, reports in linker.reports.items():  # in the order the events began
            if event in out.changed and len(reports) >= 2:
                out.records[event] = linked_event(event, reports)
    out.compared = linker.compared
    return out


def link_all(articles: Sequence[dict[str, Any]], known: Sequence[tuple[Report, str]] = (), workers: int = 2) -> Linked:
    """Link new article records, in order, after the reports ``known`` to have been linked before."""
    _SHARED.update(articles=articles, known=known)
    try:
        groups = partition(articles, workers) if workers > 1 else []
        if len(groups) < 2 or "fork" not in multiprocessing.get_all_start_methods():
            return link_families(None)
        out = Linked()
        with ProcessPoolExecutor(len(groups), mp_context=multiprocessing.get_context("fork")) as pool:
            for part in pool.map(link_families, groups):
                out.add(part)
        return out
    finally:
        _SHARED.clear()
