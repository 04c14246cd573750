"""Integrity checks of the knowledge files we write (run by the tests; handy after editing the data)."""

from __future__ import annotations

from rasd.knowledge import load
from rasd.knowledge.gazetteer import curated_rows

BOXES = {"SY": (32.3, 37.4, 35.6, 42.4), "IQ": (29.0, 37.4, 38.7, 48.7)}  # lat min/max, lon min/max
KINDS = {"country", "governorate", "district", "region", "city", "town", "village", "neighbourhood", "camp",
         "crossing", "checkpoint", "base", "airport", "dam", "oil_field", "prison", "hospital", "mountain",
         "river", "lake", "border", "subdistrict"}


def curated_place_problems() -> list[str]:
    problems, seen = [], set()
    for row in curated_rows():
        pid = row.get("id")
        if pid in seen:
            problems.append(f"duplicate id {pid}")
        seen.add(pid)
        if row.get("kind") not in KINDS:
            problems.append(f"{pid}: unknown kind {row.get('kind')}")
        if not row.get("names_ar"):
            problems.append(f"{pid}: no Arabic name")
        box = BOXES.get(row.get("country"))
        lat, lon = row.get("lat"), row.get("lon")
        if lat is None or lon is None:
            problems.append(f"{pid}: no coordinates")
        elif box and row.get("kind") not in ("country", "border", "river", "region") and not (
                box[0] <= lat <= box[1] and box[2] <= lon <= box[3]):
            problems.append(f"{pid}: ({lat}, {lon}) outside {row.get('country')}")
        admin1, admin2 = row.get("admin1"), row.get("admin2")
        if admin2 and (not admin1 or not admin2.startswith(admin1)):
            problems.append(f"{pid}: admin2 {admin2} not inside admin1 {admin1}")
    return problems


def actor_problems() -> list[str]:
    rows = load("actors.yaml")
    ids = {r["id"] for r in rows}
    problems = [f"duplicate id {i}" for i in ids if sum(r["id"] == i for r in rows) > 1]
    for row in rows:
        for key in ("parent", "predecessor"):
            if row.get(key) and row[key] not in ids:
                problems.append(f"{row['id']}: {key} {row[key]} is not an actor id")
    return problems
