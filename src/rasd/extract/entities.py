"""Mentions of actors, people and places: found with the dictionaries and cue patterns, then resolved.

Finding works on normalised word tokens of the cleaned body (and headline); resolution looks at the whole
article: an ambiguous name ("الدولة", "التنظيم", "النظام") is resolved only to an actor the article names
outright, a city that speaks ("دمشق تتهم") is its government, a place name shared by several places goes
to the one in the theatre and near the article's other places, and a surname alone ("غيدني") is the person
named in full earlier.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from rapidfuzz import fuzz

from rasd.document import Document, Mention
from rasd.extract.index import EntityIndex, entity_index
from rasd.extract.matcher import Token, word_tokens
from rasd.extract.ner import builtin_tagger
from rasd.extract.ner import spans as ner_spans
from rasd.knowledge.entities import CONTEXT, PLACE_PRECISION, Alias, KnownEntity
from rasd.knowledge.gazetteer import distance_km
from rasd.text.normalize import NormalizedText, normalize, normalize_with_index

THEATRE = frozenset({"SYR", "IRQ"})
MAX_NAME_TOKENS = 4
FUZZY_PERSON = 85  # rapidfuzz ratio for a surname spelled differently (غيدني / غيديني)


@dataclass
class Candidate:
    """A mention before resolution: its token span and the entities it may name."""

    start: int  # view offsets
    end: int
    aliases: tuple[Alias, ...] = ()
    kind: str = ""  # set for pattern-found names (person)
    name_ar: str | None = None
    next_token: str = ""
    role: str | None = None
    nationality: str | None = None
    countryside: bool = False
    direction: str | None = None
    near: bool = False
    by_ner: bool = False


def _gap(norm: str, left: Token, right: Token) -> str:
    return norm[left.end : right.start]


def _adjacent(norm: str, left: Token, right: Token) -> bool:
    return not _gap(norm, left, right).strip()


class _Finder:
    def __init__(self, idx: EntityIndex, norm: NormalizedText) -> None:
        self.idx = idx
        self.norm = norm

    def view_span(self, tokens: list[Token], i: int, j: int, drop: int = 0) -> tuple[int, int]:
        return self.norm.span_to_original(tokens[i].start + drop, tokens[j - 1].end)

    def name_tokens(self, tokens: list[Token], i: int) -> int:
        """End (exclusive) of a person name starting at token i: name-like words, no punctuation between."""
        j = i
        while j < len(tokens) and j - i < MAX_NAME_TOKENS:
            word = tokens[j].text
            if word in self.idx.not_name or word.isdigit() or (j > i and not _adjacent(self.norm.text, tokens[j - 1],
                                                                                      tokens[j])):
                break
            if j > i and (self.idx.titles.match_at(tokens, j) or self.idx.roles.match_at(tokens, j)):
                break
            j += 1
        return j

    def person_after(self, tokens: list[Token], i: int, role: str | None) -> tuple[Candidate | None, int]:
        """A name right after a title or role (skipping a nationality adjective)."""
        nationality = None
        if i < len(tokens) and tokens[i].text in self.idx.nationalities:
            nationality = self.idx.nationalities[tokens[i].text][1]
            i += 1
        if i >= len(tokens):
            return None, i
        known = self.idx.names.match_at(tokens, i)
        if known and any(self.idx.table.entities[a.entity_id].kind == "person" for a in known.values):
            start, end = self.norm.span_to_original(known.start, known.end)
            return Candidate(start, end, known.values, role=role, nationality=nationality), known.end_token
        if known is not None:
            return None, i
        j = self.name_tokens(tokens, i)
        if j == i:
            return None, i
        start, end = self.view_span(tokens, i, j)
        return Candidate(start, end, kind="person", role=role, nationality=nationality), j

    def find(self, tokens: list[Token]) -> list[Candidate]:
        idx, found = self.idx, []
        i = 0
        while i < len(tokens):
            title = idx.titles.match_at(tokens, i)
            if title is not None:
                person, j = self.person_after(tokens, title.end_token, title.values[0].en)
                if person is not None:
                    found.append(person)
                    i = j
                    continue
            match = idx.names.match_at(tokens, i)
            if match is not None:
                start, end = self.norm.span_to_original(match.start, match.end)
                nxt = tokens[match.end_token].text if match.end_token < len(tokens) else ""
                found.append(self.with_place_context(Candidate(start, end, match.values, next_token=nxt), tokens,
                                                     match.start_token, match.end_token))
                i = match.end_token
                continue
            if tokens[i].text in idx.kunya and i + 1 < len(tokens) and _adjacent(self.norm.text, tokens[i],
                                                                                  tokens[i + 1]):
                j = self.name_tokens(tokens, i + 1)
                if j > i + 1:
                    start, end = self.view_span(tokens, i, j)
                    found.append(Candidate(start, end, kind="person"))
                    i = j
                    continue
            if tokens[i].text in idx.given_names and i + 1 < len(tokens):
                j = self.name_tokens(tokens, i)
                if j >= i + 2 and not idx.names.match_at(tokens, i + 1):
                    start, end = self.view_span(tokens, i, j)
                    found.append(Candidate(start, end, kind="person"))
                    i = j
                    continue
            i += 1
        return found

    def with_place_context(self, cand: Candidate, tokens: list[Token], i: int, j: int) -> Candidate:
        """"ريف درعا الشمالي", "شمال حلب", "قرب الحدود": widen a place mention over its relative words."""
        idx = self.idx
        if not any(idx.table.entities[a.entity_id].kind == "place" for a in cand.aliases):
            return cand
        start, end = cand.start, cand.end
        if i > 0 and tokens[i - 1].text in idx.countryside:
            cand.countryside = True
            start = self.norm.span_to_original(tokens[i - 1].start, tokens[i - 1].end)[0]
        elif i > 0 and tokens[i - 1].text in idx.directions:
            cand.direction = idx.directions[tokens[i - 1].text]
            start = self.norm.span_to_original(tokens[i - 1].start, tokens[i - 1].end)[0]
        elif i > 0:
            near = next((m for k in range(max(0, i - 3), i) if (m := idx.near.match_at(tokens, k))
                         and m.end_token == i), None)
            if near is not None:
                cand.near = True
                start = self.norm.span_to_original(tokens[near.start_token].start, tokens[near.start_token].end)[0]
        if j < len(tokens) and (cand.countryside or any(
                idx.table.entities[a.entity_id].subtype == "governorate" for a in cand.aliases)):
            phrase = idx.direction_phrases.match_at(tokens, j)
            if phrase is not None:
                cand.direction = phrase.values[0]
                end = self.norm.span_to_original(phrase.start, phrase.end)[1]
        cand.start, cand.end = start, end
        if any(tokens[k].text in idx.countryside for k in range(i, j)):
            cand.countryside = True
        return cand


def _place_score(idx: EntityIndex, entity_id: str, anchors: list[tuple[float, float]]) -> float:
    e = idx.table.entities[entity_id]
    score = (2.0 if e.curated else 0.0) + (2.0 if e.country in THEATRE else 0.0)
    score += math.log10(e.population + 1) / 3
    if e.lat is not None and anchors:
        nearest = min(distance_km(e.lat, e.lon, lat, lon) for lat, lon in anchors)
        score += 2.0 if nearest < 100 else (1.0 if nearest < 250 else 0.0)
    return score


class _Resolver:
    def __init__(self, idx: EntityIndex, candidates: list[Candidate], view: str) -> None:
        self.idx = idx
        self.cands = candidates
        self.view = view
        self.named: dict[str, int] = {}  # entity id -> mentions by full name or abbreviation
        for c in candidates:
            for a in c.aliases:
                if a.strength != CONTEXT:
                    self.named[a.entity_id] = self.named.get(a.entity_id, 0) + 1

    def family(self, entity_id: str) -> set[str]:
        ids, e = {entity_id}, self.idx.table.entities.get(entity_id)
        while e is not None and e.parent and e.parent not in ids:
            ids.add(e.parent)
            e = self.idx.table.entities.get(e.parent)
        return ids

    def anchors(self) -> list[tuple[float, float]]:
        out = []
        for c in self.cands:
            places = {a.entity_id for a in c.aliases if self.idx.table.entities[a.entity_id].kind == "place"}
            if len(places) == 1:
                e = self.idx.table.entities[next(iter(places))]
                if e.lat is not None:
                    out.append((e.lat, e.lon))
        return out

    def choose(self, cand: Candidate, anchors: list[tuple[float, float]]) -> tuple[str, str] | None:
        """(entity id, resolved_by) for a dictionary candidate, or None when it stays ambiguous."""
        ents = self.idx.table.entities
        strong = [a for a in cand.aliases if a.strength != CONTEXT]
        weak = [a for a in cand.aliases if a.strength == CONTEXT]
        speaking = cand.next_token in self.idx.speech_verbs
        weak_actors = [a for a in weak if ents[a.entity_id].kind == "actor"]
        if speaking and weak_actors:
            return self.best_context(weak_actors)
        if strong:
            kinds = {ents[a.entity_id].kind for a in strong}
            if kinds == {"place"} or ("place" in kinds and not speaking):
                places = [a.entity_id for a in strong if ents[a.entity_id].kind == "place"]
                return max(places, key=lambda p: _place_score(self.idx, p, anchors)), "dictionary"
            preferred = [a for a in strong if ents[a.entity_id].kind != "place"] or strong
            return max(preferred, key=lambda a: self.named.get(a.entity_id, 0)).entity_id, "dictionary"
        return self.best_context(weak)

    def best_context(self, weak: list[Alias]) -> tuple[str, str] | None:
        """A context alias names the actor (or person) the article names outright, if it names one."""
        scored = []
        for a in weak:
            hits = sum(self.named.get(e, 0) for e in self.family(a.entity_id)) + self.named.get(a.entity_id, 0)
            if hits:
                scored.append((hits, a.entity_id))
        if not scored:
            return None
        return max(scored)[1], "coref"

    def resolve(self) -> list[Mention]:
        anchors = self.anchors()
        out: list[Mention] = []
        people: list[tuple[str, Mention]] = []  # (normalised surname, first full mention)
        for cand in self.cands:
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
                continue
            entity_id, how = chosen
            entity = self.idx.table.entities[entity_id]
            mention = Mention(entity.kind, cand.start, cand.end, entity_id, how, role=cand.role,
                              nationality=cand.nationality)
            if entity.kind == "place":
                mention = self.relative_place(mention, cand, entity)
            out.append(mention)
            if entity.kind == "person" and len(self.view[cand.start:cand.end].split()) > 1:
                people.append((self.view[cand.start:cand.end].split()[-1], mention))
        return out

    def unknown_name(self, cand: Candidate) -> Mention:
        """A name the NER proposed: an actor or place spelled differently, or a name rasd does not know."""
        text = normalize(self.view[cand.start:cand.end])
        kind = "actor" if cand.kind == "org" else "place"
        entity_id = self.idx.fuzzy(kind, text)
        if entity_id is not None:
            return Mention(kind, cand.start, cand.end, entity_id, "fuzzy")
        return Mention(cand.kind, cand.start, cand.end, None, "ner", name_ar=self.view[cand.start:cand.end])

    @staticmethod
    def match_person(surname: str, people: list[tuple[str, Mention]]) -> Mention | None:
        for known, mention in reversed(people):
            if surname == known or (len(surname) >= 4 and fuzz.ratio(surname, known) >= FUZZY_PERSON):
                return mention
        return None

    def relative_place(self, mention: Mention, cand: Candidate, entity: KnownEntity) -> Mention:
        direction = self.idx.direction_en.get(cand.direction or "", "")
        if cand.countryside:
            name = " ".join(p for p in (direction, entity.name_en, "countryside") if p)
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


_NER_KINDS = {"PER": "person", "ORG": "org", "LOC": "place"}


def _ner_candidates(doc: Document, norm: NormalizedText, known: list[Candidate]) -> list[Candidate]:
    """Names the CRF proposes in sentences with a cue (title, role, place head, speech verb), where the
    dictionaries found nothing."""
    tagger = builtin_tagger()
    if tagger is None:
        return []
    cues = tagger.gaz.cues
    taken = sorted((c.start, c.end) for c in known)
    found = []
    for sentence in doc.sentences:
        nstart, nend = norm.from_original(sentence.start, sentence.end)
        tokens = word_tokens(norm.text, nstart, nend)
        if not any(t.text in cues for t in tokens):
            continue
        for i, j, kind in ner_spans(tagger.tag([t.text for t in tokens])):
            start, end = norm.span_to_original(tokens[i].start, tokens[j - 1].end)
            if any(s < end and start < e for s, e in taken):
                continue
            found.append(Candidate(start, end, kind=_NER_KINDS[kind], by_ner=True))
    return found


def find_entities(doc: Document) -> Document:
    idx = entity_index()
    norm = doc.norm if doc.norm is not None else normalize_with_index(doc.view)
    finder = _Finder(idx, norm)
    candidates: list[Candidate] = []
    for span in ([doc.headline] if doc.headline else []) + doc.blocks:
        nstart, nend = norm.from_original(span.start, span.end)
        candidates.extend(finder.find(word_tokens(norm.text, nstart, nend)))
    candidates.extend(_ner_candidates(doc, norm, candidates))
    candidates.sort(key=lambda c: c.start)
    resolver = _Resolver(idx, candidates, doc.view)
    doc.entities = resolver.resolve()
    return doc
