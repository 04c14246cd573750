"""The entities rasd knows: actors, people and places, with their Arabic aliases, loaded once from data files."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from rasd.knowledge import DATA_DIR
from rasd.text.normalize import normalize, ta_marbuta

log = logging.getLogger(__name__)
_WORD = re.compile(r"[^\W_]+")

# How much an alias says: a full name, an abbreviation, or a form that needs the article's context.
NAME, ABBREVIATION, CONTEXT = "name", "abbreviation", "context"


@dataclass(frozen=True)
class KnownEntity:
    id: str
    kind: str  # actor | person | place
    name_en: str
    name_ar: str
    subtype: str = ""  # actor kind (armed_group, state_force …), place kind (town, camp …), or "person"
    sector: str | None = None
    country: str | None = None  # ISO 3166 alpha-3
    parent: str | None = None
    inter: int | None = None
    active: tuple[int, int] | None = None
    lat: float | None = None
    lon: float | None = None
    admin1: str | None = None
    admin2: str | None = None
    population: int = 0
    role: str | None = None
    affiliation: str | None = None
    curated: bool = True  # written by us (vs. imported from GeoNames/OCHA)
    aliases_en: tuple[str, ...] = ()
    line: tuple[tuple[float, float], ...] = ()  # a river's course or a border's run, as (lat, lon) vertices


@dataclass(frozen=True)
class Alias:
    entity_id: str
    strength: str  # NAME | ABBREVIATION | CONTEXT
    ta_marbuta: bool = False  # written with a final ة, which normalisation folds into ه ("حديثة" vs "حديثه")


@dataclass
class EntityTable:
    """Entities by id, and every alias (normalised, tokenised) with the entities it may name."""

    entities: dict[str, KnownEntity] = field(default_factory=dict)
    aliases: dict[tuple[str, ...], list[Alias]] = field(default_factory=dict)

    def add(self, entity: KnownEntity, names: list[tuple[str, str]]) -> None:
        if entity.id in self.entities:
            log.debug("duplicate entity id %s ignored", entity.id)
            return
        self.entities[entity.id] = entity
        for text, strength in names:
            key = alias_key(text)
            if not key:
                continue
            entry = Alias(entity.id, strength, text.rstrip().endswith(ta_marbuta()[0]))
            bucket = self.aliases.setdefault(key, [])
            if entry not in bucket:
                bucket.append(entry)


def alias_key(text: str) -> tuple[str, ...]:
    """The token tuple an alias is matched by: normalised words, punctuation and quotes dropped."""
    return tuple(_WORD.findall(normalize(text)))


def _read_yaml(path: Path) -> Any:
    if not path.exists():
        log.warning("knowledge file %s is missing", path)
        return None
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def _first(values: list[str] | None, default: str = "") -> str:
    return values[0] if values else default


def load_actors(table: EntityTable, path: Path = DATA_DIR / "actors.yaml") -> None:
    for row in _read_yaml(path) or []:
        names = [(a, NAME) for a in row.get("aliases_ar") or []]
        names += [(a, ABBREVIATION) for a in row.get("abbreviations_ar") or []]
        names += [(a, CONTEXT) for a in row.get("context_aliases_ar") or []]
        active = row.get("active")
        table.add(KnownEntity(
            id=row["id"], kind="actor", name_en=row["name_en"], name_ar=_first(row.get("aliases_ar")),
            subtype=row.get("kind") or "", sector=row.get("sector"), country=row.get("country"),
            parent=row.get("parent"), inter=row.get("inter"),
            active=tuple(active) if active else None, aliases_en=tuple(row.get("aliases_en") or ())), names)


def load_people(table: EntityTable, path: Path = DATA_DIR / "persons.yaml") -> None:
    data = _read_yaml(path) or {}
    for row in data.get("known_people") or []:
        arabic = row.get("ar") or []
        # a bare surname ("الأسد") is a context alias: it may also be a common word or another person
        names = [(a, NAME if len(alias_key(a)) > 1 else CONTEXT) for a in arabic]
        table.add(KnownEntity(
            id=row["id"], kind="person", name_en=row["en"], name_ar=_first(arabic), subtype="person",
            role=row.get("role_en"), affiliation=row.get("affiliation")), names)


PLACE_PRECISION = {  # ACLED geo_precision: 1 a town or finer, 2 a part of a region / near a town, 3 a region
    "country": 3, "governorate": 3, "region": 3, "river": 3, "mountain": 2, "lake": 2, "border": 3,
    "district": 2, "city": 1, "town": 1, "village": 1, "neighbourhood": 1, "camp": 1, "crossing": 1,
    "checkpoint": 1, "base": 1, "airport": 1, "dam": 1, "oil_field": 2, "prison": 1, "hospital": 1,
}


def load_places(table: EntityTable, rows: list[dict], curated: bool) -> None:
    from rasd.knowledge.gazetteer import iso3

    for row in rows:
        names = row.get("names_ar") or []
        table.add(KnownEntity(
            id=row["id"], kind="place", name_en=row["name_en"], name_ar=_first(names),
            subtype=row.get("kind") or "town", country=iso3(row.get("country")),
            parent=row.get("parent"), lat=row.get("lat"), lon=row.get("lon"), admin1=row.get("admin1"),
            admin2=row.get("admin2"), population=int(row.get("population") or 0), curated=curated,
            line=tuple((float(lat), float(lon)) for lat, lon in row.get("line") or ())),
            [(n, NAME) for n in names])
