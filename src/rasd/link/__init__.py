"""Across reports: which events the articles tell are one real-world event, and where their sources disagree.

reports.py reads events from `rasd extract` records; compare.py says whether two reports can be one event;
cluster.py links them article by article (incrementally); conflicts.py finds contradictions and sums up
figures; records.py writes the linked event that `rasd link` prints and the store keeps.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from rasd.link.cluster import Linker
from rasd.link.records import linked_event
from rasd.link.reports import reports_of


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


def link_articles(articles: Iterable[dict[str, Any]], linker: Linker | None = None) -> Linker:
    """Link the events of article records (as `rasd extract` prints them), in the order given."""
    linker = linker or Linker()
    with no_cycle_collection():
        for article in articles:
            linker.add_article(reports_of(article))
    return linker


def linked_events(linker: Linker, min_reports: int = 2) -> Iterator[dict[str, Any]]:
    for event, reports in linker.reports.items():
        if len(reports) >= min_reports:
            yield linked_event(event, reports)
