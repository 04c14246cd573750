"""PLOVER types and modes as ACLED's event_type and sub_event_type (mapping in knowledge/data/acled.yaml)."""

from __future__ import annotations

from typing import Any

from rasd.extract.index import entity_index
from rasd.knowledge import load


def acled_types(event: Any) -> dict[str, str]:
    table = load("acled.yaml")
    rows = table.get(event.type) or table["*"]
    mode = event.mode
    if event.type == "SEIZE" and event.actor is not None:
        actor = entity_index().entity(event.actor.entity_id)
        mode = "state" if actor is not None and actor.sector in table["state_sectors"] else mode
    event_type, sub_event_type = rows.get(mode) or rows["*"]
    return {"event_type": event_type, "sub_event_type": sub_event_type}
