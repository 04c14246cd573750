"""Resolving the candidates of one article: which entity each names, given everything else it names."""

from __future__ import annotations

import math

from rapidfuzz import fuzz

from rasd.document import Mention
from rasd.extract.candidates import Candidate
from rasd.extract.index import EntityIndex
from rasd.knowledge.entities import CONTEXT, PLACE_PRECISION, Alias, KnownEntity
from rasd.knowledge.gazetteer import distance_km
from rasd.text.normalize import normalize

THEATRE = frozenset({"SYR", "IRQ"})
FUZZY_PERSON = 85  # rapidfuzz ratio for a surname spelled differently (غيدني / غيديني)


def _place_score(idx: EntityIndex, entity_id: str, anchors: tuple[tuple[float, float], ...]) -> float:
    e = idx.table.entities[entity_id]
    score = (3.0 if e.curated else 0.0) + (2.0 if e.country in THEATRE else 0.0)  # ours beat any population
    score += math.log10(e.population + 1) / 3
    if e.lat is not None and anchors:
        nearest = min(distance_km(e.lat, e.lon, lat, lon) for lat, lon in anchors)
        score += 2.0 if nearest < 100 else (1.0 if nearest < 250 else 0.0)
    return score


def _active_in(entity: KnownEntity, year: int | None) -> bool:
    return year is None or entity.active is None or entity.active[0] <= year <= entity.active[1]


class Resolver:
    def __init__(self, idx: EntityIndex, candidates: list[Candidate], view: str, year: int | None = None) -> None:
        self.idx = idx
        self.year = year
        self.cands = candidates
        self.view = view
        self.named: dict[str, int] = {}  # entity id -> mentions by full name or abbreviation
        countries: dict[str, int] = {}
        for c in candidates:
            for a in c.aliases:
                if a.strength != CONTEXT:
                    self.named[a.entity_id] = self.named.get(a.entity_id, 0) + 1
                    country = idx.table.entities[a.entity_id].country
                    if country:
                        countries[country] = countries.get(country, 0) + 1
        self.main_country = max(countries, key=countries.__getitem__) if countries else None
        self.previous_kind = ""
        self.scores: dict[str, float] = {}

    def anchors(self) -> tuple[tuple[float, float], ...]:
        out: set[tuple[float, float]] = set()
        for c in self.cands:
            places = {a.entity_id for a in c.aliases if self.idx.table.entities[a.entity_id].kind == "place"}
            if len(places) == 1:
                e = self.idx.table.entities[next(iter(places))]
                if e.lat is not None:
                    out.add((e.lat, e.lon))
        return tuple(sorted(out))

    def place_context(self, cand: Candidate) -> bool:
        """A preposition or place word before the name, or a place just before it ("دمشق وحمص")."""
        return (cand.previous_token in self.idx.place_prepositions or cand.widened
                or (cand.conjoined and self.previous_kind == "place"))

    def place_score(self, entity_id: str, anchors: tuple[tuple[float, float], ...]) -> float:
        if entity_id not in self.scores:
            self.scores[entity_id] = _place_score(self.idx, entity_id, anchors)
        return self.scores[entity_id]

    def choose(self, cand: Candidate, anchors: tuple[tuple[float, float], ...]) -> tuple[str, str] | None:
        """(entity id, resolved_by) for a dictionary candidate, or None when it stays ambiguous."""
        ents = self.idx.table.entities
        strong = [a for a in cand.aliases if a.strength != CONTEXT]
        weak = [a for a in cand.aliases if a.strength == CONTEXT]
        speaking = cand.next_token in self.idx.speech_verbs or cand.previous_token in self.idx.speech_verbs
        weak_actors = [a for a in weak if ents[a.entity_id].kind == "actor"]
        listed_with_actor = cand.conjoined and self.previous_kind == "actor"
        if (speaking or listed_with_actor) and weak_actors:
            chosen = self.best_context(weak_actors) or self.established(weak_actors)
            if chosen is not None:
                return chosen
        if strong:
            kinds = {ents[a.entity_id].kind for a in strong}
            if kinds == {"place"} or ("place" in kinds and not speaking):
                places = [a.entity_id for a in strong if ents[a.entity_id].kind == "place"]
                if cand.single_word and not self.place_context(cand):
                    places = [p for p in places if ents[p].curated]  # "الصراع القائم": an everyday word
                if places:
                    return max(places, key=lambda p: self.place_score(p, anchors)), "dictionary"
                strong = [a for a in strong if ents[a.entity_id].kind != "place"]
                if not strong:
                    return None
            preferred = [a for a in strong if ents[a.entity_id].kind != "place"] or strong
            return max(preferred, key=lambda a: self.named.get(a.entity_id, 0)).entity_id, "dictionary"
        return self.best_context(weak)

    def established(self, weak: list[Alias]) -> tuple[str, str] | None:
        """The one actor the name stands for when the sentence makes it an actor ("اتهمت أنقرة", "موسكو
        وبغداد"): active in the article's year, else the longest-standing."""
        actors = [self.idx.table.entities[a.entity_id] for a in weak]
        actors = [e for e in actors if _active_in(e, self.year)] or actors
        span = max((e.active[1] - e.active[0]) if e.active else 0 for e in actors)
        actors = [e for e in actors if ((e.active[1] - e.active[0]) if e.active else 0) == span]
        return (actors[0].id, "context") if len(actors) == 1 else None

    def best_context(self, weak: list[Alias]) -> tuple[str, str] | None:
        """A context alias names the actor (or person) the article names outright, if it names one."""
        scored = []
        for a in weak:
            hits = sum(self.named.get(e, 0) for e in self.idx.lineage(a.entity_id)) + self.named.get(a.entity_id, 0)
            if hits:
                scored.append((hits, a.entity_id))
        if scored:
            return max(scored)[1], "coref"
        # nobody named: a fit with the country the article is about ("الهلال الأحمر" in Syria), and with its year
        local = [self.idx.table.entities[a.entity_id] for a in weak
                 if self.idx.table.entities[a.entity_id].country == self.main_country]
        if not self.main_country or not local:
            return None
        return self.established([Alias(e.id, CONTEXT) for e in local])

    def resolve(self) -> list[Mention]:
        anchors = self.anchors()
        out: list[Mention] = []
        people: list[tuple[str, Mention]] = []  # (normalised surname, first full mention)
        for cand in self.cands:
            if cand.anaphor is not None:
                antecedent = self.antecedent(cand.anaphor, out)
                if antecedent is not None:
                    out.append(Mention("actor", cand.start, cand.end, antecedent, "coref"))
                continue
            if cand.kind in ("org", "place"):
                out.append(self.unknown_name(cand))
                continue
            if cand.kind == "person":
                mention = Mention("person", cand.start, cand.end, None, "ner" if cand.by_ner else "pattern",
                                  role=cand.role,
                                  nationality=cand.nationality, name_ar=self.view[cand.start:cand.end])
                surname = mention.name_ar.split()[-1] if mention.name_ar else ""
                earlier = self.match_person(surname, people) if len(mention.name_ar.split()) == 1 else None
                if earlier is not None:
                    mention = earlier._replace(start=cand.start, end=cand.end, resolved_by="coref")
                out.append(mention)
                if len(self.view[cand.start:cand.end].split()) > 1:
                    people.append((surname, mention))
                continue
            chosen = self.choose(cand, anchors)
            if chosen is None:
                self.previous_kind = ""
                continue
            entity_id, how = chosen
            entity = self.idx.table.entities[entity_id]
            mention = Mention(entity.kind, cand.start, cand.end, entity_id, how, role=cand.role,
                              nationality=cand.nationality)
            if entity.kind == "place" and cand.widened:
                mention = self.relative_place(mention, cand, entity)
            out.append(mention)
            self.previous_kind = entity.kind
            if entity.kind == "person" and len(self.view[cand.start:cand.end].split()) > 1:
                people.append((self.view[cand.start:cand.end].split()[-1], mention))
        return out

    def antecedent(self, rule: tuple[frozenset[str], str], before: list[Mention]) -> str | None:
        """The last actor of the anaphor's kind named before it, else the article's own state."""
        kinds, name_filter = rule
        for mention in reversed(before):
            e = self.idx.entity(mention.entity_id)
            if e is not None and e.kind == "actor" and e.subtype in kinds and name_filter in e.name_en:
                return e.id
        if "state" in kinds and self.main_country in self.idx.state_by_country:
            return self.idx.state_by_country[self.main_country]
        return None

    def unknown_name(self, cand: Candidate) -> Mention:
        """A name the NER proposed: an actor or place spelled differently, or a name rasd does not know."""
        text = normalize(self.view[cand.start:cand.end])
        kind = "actor" if cand.kind == "org" else "place"
        entity_id = self.idx.fuzzy(kind, text)
        if entity_id is not None:
            return Mention(kind, cand.start, cand.end, entity_id, "fuzzy")
        return Mention(cand.kind, cand.start, cand.end, None, "ner" if cand.by_ner else "pattern",
                       name_ar=self.view[cand.start:cand.end])

    @staticmethod
    def match_person(surname: str, people: list[tuple[str, Mention]]) -> Mention | None:
        for known, mention in reversed(people):
            if surname == known or (len(surname) >= 4 and fuzz.ratio(surname, known) >= FUZZY_PERSON):
                return mention
        return None

    def relative_place(self, mention: Mention, cand: Candidate, entity: KnownEntity) -> Mention:
        direction = self.idx.direction_en.get(cand.direction or "", "")
        if cand.countryside:
            base = entity.name_en.removesuffix(" Governorate").removesuffix(" countryside")
            name = " ".join(p for p in (direction, base, "countryside") if p)
            precision = 3 if entity.subtype in ("governorate", "region") else 2
            return mention._replace(name_en=name, precision=precision)
        if cand.direction:
            return mention._replace(name_en=f"{cand.direction} of {entity.name_en}",
                                    precision=max(2, _precision(entity)))
        if cand.near:
            return mention._replace(name_en=f"near {entity.name_en}", precision=max(2, _precision(entity)))
        return mention


def _precision(entity: KnownEntity) -> int:
    return PLACE_PRECISION.get(entity.subtype, 2)
