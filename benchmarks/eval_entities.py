"""Entities on the seed articles against the gold standard (../shared/gold/seeds-events.jsonl).

    python benchmarks/eval_entities.py [--verbose]

For every gold actor, target, co-actor and speaker, and every gold location: is there an entity mention
overlapping an occurrence of its Arabic surface, resolved to the right entity (same canonical English
name; for people rasd does not know, the same full Arabic name; for places, coordinates within 25 km)?
Precision counts the mentions that overlap a gold surface and name something else. "args-in-hierarchy"
also accepts a part of the gold actor (Russia's air force for "Russia", a ministry for its government).
"args-by-entity" also accepts the entity a gold description is about, when the description starts or ends
with its name ("Syrian opposition officials", "Raqqa tribal elders", "sources in al-Hajar al-Aswad"): the gold
names a group or an unnamed speaker within the entity, rasd resolves the entity and keeps the words as text.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict

from shared_data import SHARED, missing

from rasd.config import Config
from rasd.corpus import process
from rasd.evaluate.score import described
from rasd.export.jsonl import document_record
from rasd.extract.index import entity_index
from rasd.knowledge.gazetteer import distance_km
from rasd.sources.paths import expand_inputs
from rasd.text.normalize import normalize

ROLES = ("actor", "target", "speaker")


def occurrences(text: str, surface: str) -> list[tuple[int, int]]:
    out, at = [], text.find(surface)
    while at >= 0:
        out.append((at, at + len(surface)))
        at = text.find(surface, at + 1)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--verbose", action="store_true", help="list every miss and error")
    args = parser.parse_args()
    gold_path = SHARED / "gold" / "seeds-events.jsonl"
    if missing(gold_path):
        return 0
    records = {}
    for batch in process(expand_inputs([str(SHARED / "seeds")]), Config()):
        for doc in batch:
            records[doc.source_id] = (document_record(doc), doc.raw)
    gold = [json.loads(line) for line in gold_path.open(encoding="utf-8")]
    gold = [g for g in gold if g.get("type") != "XDOC"]
    person_names: dict[str, str] = defaultdict(str)  # gold English name -> longest Arabic surface
    for g in gold:
        for arg in [*(g.get(r) for r in ROLES), *(g.get("co_actors") or [])]:
            if arg and len(arg.get("ar", "")) > len(person_names[arg["en"]]):
                person_names[arg["en"]] = arg["ar"]

    index = entity_index()

    def names_of(entity_id: str | None, name_en: str | None, hierarchy: bool) -> set[str]:
        """The English names (and English aliases) of an entity, and of its parents when ``hierarchy``."""
        names, seen = {name_en.lower()} if name_en else set(), set()
        known = index.entity(entity_id)
        while known is not None and known.id not in seen:
            seen.add(known.id)
            names |= {known.name_en.lower(), *(a.lower() for a in known.aliases_en)}
            known = index.entity(known.parent or known.affiliation) if hierarchy else None
        return names

    def right_actor(entity: dict, arg: dict, hierarchy: bool, by_entity: bool = False) -> bool:
        names = names_of(entity["id"], entity["name_en"], hierarchy)
        if arg["en"].lower() in names or (by_entity and described(arg["en"], names)):
            return True
        if hierarchy and entity["affiliation"] and arg["en"].lower() in names_of(entity["affiliation"], None, True):
            return True
        if entity["kind"] == "person" and entity["name_ar"]:
            return normalize(entity["name_ar"]) == normalize(person_names[arg["en"]])
        return False

    stats = {"args": [0, 0, 0], "args-in-hierarchy": [0, 0, 0], "args-by-entity": [0, 0, 0],
             "places": [0, 0, 0]}  # right, total, wrong
    misses = []
    for g in gold:
        rec, raw = records[g["doc"]]
        ents = rec["entities"]
        args_ = [(r, g.get(r)) for r in ROLES] + [("co_actor", a) for a in g.get("co_actors") or []]
        for role, arg in args_:
            if not arg or not arg.get("ar"):
                continue
            spots = occurrences(raw, arg["ar"])
            over = [e for e in ents if e["kind"] != "place" and any(e["start"] < b and a < e["end"] for a, b in spots)]
            for key, hierarchy, by_entity in (("args", False, False), ("args-in-hierarchy", True, False),
                                              ("args-by-entity", True, True)):
                stats[key][1] += 1
                if any(right_actor(e, arg, hierarchy, by_entity) for e in over):
                    stats[key][0] += 1
                else:
                    stats[key][2] += bool(over)
                    if by_entity:
                        misses.append((g["id"], role, arg["en"], arg["ar"], [(e["name_en"], e["text"]) for e in over]))
        loc = g.get("location")
        if loc and loc.get("ar"):
            spots = occurrences(raw, loc["ar"])
            over = [e for e in ents if e["kind"] == "place" and any(e["start"] < b and a < e["end"] for a, b in spots)]
            stats["places"][1] += 1
            good = [e for e in over if e["lat"] is not None
                    and distance_km(e["lat"], e["lon"], loc["lat"], loc["lon"]) <= 25]
            if good:
                stats["places"][0] += 1
            else:
                stats["places"][2] += bool(over)
                misses.append((g["id"], "location", loc["en"], loc["ar"],
                               [(e["name_en"], e["text"], e["lat"], e["lon"]) for e in over]))
    for key, (right, total, wrong) in stats.items():
        print(f"{key:18} found and resolved {right}/{total} = {right / max(1, total):.1%}; "
              f"precision {right / max(1, right + wrong):.1%} ({wrong} resolved to something else)")
    if args.verbose:
        for miss in misses:
            print("  miss", *miss)
    return 0


if __name__ == "__main__":
    sys.exit(main())
