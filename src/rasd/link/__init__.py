"""Across reports: which events the articles tell are one real-world event, and where their sources disagree.

reports.py reads events from `rasd extract` records; compare.py says whether two reports can be one event;
cluster.py links them article by article (incrementally); parallel.py shares the work out among cores;
conflicts.py finds contradictions and sums up figures; records.py writes the linked event that `rasd link`
prints and the store keeps.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from rasd.link.parallel import Linked, link_all


def link_records(articles: Iterable[dict[str, Any]], workers: int = 1) -> Linked:
    """Link the events of article records (as `rasd extract` prints them), in the order given."""
    return link_all(list(articles), workers=workers)


def linked_events(linked: Linked) -> Iterator[dict[str, Any]]:
    """The linked events with two or more reports, as `rasd link --jsonl` prints them."""
    yield from linked.records.values()
