"""Mentions of actors, people and places: found with the dictionaries and cue patterns, then resolved.

Finding works on normalised word tokens of the cleaned body (and headline); resolution looks at the whole
article: an ambiguous name ("الدولة", "التنظيم", "النظام") is resolved only to an actor the article names
outright, a city that speaks ("دمشق تتهم") is its government, a place name shared by several places goes
to the one in the theatre and near the article's other places, and a surname alone ("غيدني") is the person
named in full earlier.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from dataclasses import dataclass

from rapidfuzz import fuzz

from rasd.document import Document, Mention
from rasd.extract.index import (
    STARTS_ANAPHOR,
    STARTS_FORCE,
    STARTS_NAME,
    STARTS_PERSON,
    STARTS_TITLE,
    EntityIndex,
    entity_index,
)
from rasd.extract.matcher import Token, first_token_forms, word_tokens
from rasd.extract.ner import builtin_tagger, common_words
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
    previous_token: str = ""
    role: str | None = None
    nationality: str | None = None
    countryside: bool = False
    direction: str | None = None
    near: bool = False
    widened: bool = False  # the span was extended over relative words the alias itself does not contain
    single_word: bool = False
    by_ner: bool = False
    anaphor: tuple[frozenset[str], str] | None = None  # (actor kinds, English name filter)
    conjoined: bool = False  # "و" + adjacent to the previous mention ("موسكو وبغداد ودمشق")


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
            if j > i and word.startswith("و") and word not in self.idx.given_names \
                    and word[1:] not in self.idx.given_names:
                break  # "أبو همام الجزراوي ومساعدوه": a conjunction ends the name
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
            bits = idx.starts(tokens[i].text)
            if not bits:
                i += 1  # no name, title, cue or kunya starts with this word (most words)
                continue
            title = idx.titles.match_at(tokens, i) if bits & STARTS_TITLE else None
            if title is not None:
                person, j = self.person_after(tokens, title.end_token, title.values[0].en)
                if person is not None:
                    found.append(person)
                    i = j
                    continue
            national = self.national_forces(tokens, i) if bits & STARTS_FORCE else None
            if national is not None:
                found.append(national[0])
                i = national[1]
                continue
            match = idx.names.match_at(tokens, i) if bits & STARTS_NAME else None
            if match is not None:
                start, end = self.norm.span_to_original(match.start, match.end)
                nxt = tokens[match.end_token].text if match.end_token < len(tokens) else ""
                values = match.values
                if self.norm.text[match.end - 1] == "ه" and self.norm.original_char(match.end - 1) != "ة":
                    values = tuple(a for a in values if not a.ta_marbuta)  # "حديثه" (his talk) is not "حديثة"
                if self.qualified(tokens, match.end_token):  # "الجيش اليمني" is not the context's army
                    country = idx.nationalities[tokens[match.end_token].text][1]
                    values = tuple(a for a in values if a.strength != CONTEXT
                                   and idx.table.entities[a.entity_id].country in (None, country))
                if not values:
                    i = match.end_token
                    continue
                cand = Candidate(start, end, values, next_token=nxt, single_word=match.end_token - i == 1,
                                 previous_token=tokens[i - 1].text if i > 0 else "",
                                 conjoined=self.follows_with_and(found, tokens, i, match.start))
                found.append(self.with_place_context(cand, tokens, match.start_token, match.end_token))
                i = match.end_token
                continue
            anaphor = idx.anaphora.match_at(tokens, i) if bits & STARTS_ANAPHOR else None
            if anaphor is not None and not self.defined(tokens, anaphor.end_token):
                start, end = self.norm.span_to_original(anaphor.start, anaphor.end)
                found.append(Candidate(start, end, anaphor=anaphor.values[0]))
                i = anaphor.end_token
                continue
            if not bits & STARTS_PERSON:
                i += 1
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

    def qualified(self, tokens: list[Token], j: int) -> bool:
        """A nationality adjective right after a word ("القيادة الأميركية", "الجيش اليمني") makes it a description
        of that country's body, not a reference back to one named before."""
        return j < len(tokens) and tokens[j].text in self.idx.nationalities

    def defined(self, tokens: list[Token], j: int) -> bool:
        """A definite adjective right after a definite noun ("الحركة الصهيونية") makes a new description."""
        return j < len(tokens) and tokens[j].text.startswith(self.idx.article) \
            and _adjacent(self.norm.text, tokens[j - 1], tokens[j])

    def follows_with_and(self, found: list[Candidate], tokens: list[Token], i: int, name_start: int) -> bool:
        """True for the "وبغداد" of "موسكو وبغداد": a clitic was dropped and the previous word was a mention."""
        if i == 0 or not found or name_start == tokens[i].start:
            return False
        previous_end = self.norm.span_to_original(tokens[i - 1].start, tokens[i - 1].end)[1]
        return found[-1].end >= previous_end and _adjacent(self.norm.text, tokens[i - 1], tokens[i])

    def national_forces(self, tokens: list[Token], i: int) -> tuple[Candidate, int] | None:
        """"القوة الجوية الروسية" → Russia's forces; "بدعم روسي" → Russia: a noun and a nationality adjective
        that no alias covers as a whole."""
        idx = self.idx
        for nouns, table in ((idx.force_nouns, idx.forces_by_country), (idx.support_nouns, idx.state_by_country)):
            noun = nouns.match_at(tokens, i)
            if noun is None or noun.end_token >= len(tokens):
                continue
            adjective = tokens[noun.end_token]
            country = idx.nationalities.get(adjective.text, ("", None))[1]
            if country not in table:
                continue
            whole = idx.names.match_at(tokens, i)
            if whole is not None and whole.end_token > noun.end_token:
                continue
            start, end = self.norm.span_to_original(noun.start, adjective.end)
            return Candidate(start, end, (Alias(table[country], "name"),)), noun.end_token + 1
        return None

    def with_place_context(self, cand: Candidate, tokens: list[Token], i: int, j: int) -> Candidate:
        """"ريف درعا الشمالي", "شمال حلب", "قرب الحدود": widen a place mention over its relative words."""
        idx = self.idx
        entities = idx.table.entities
        if not any(entities[a.entity_id].kind == "place" for a in cand.aliases):
            return cand
        start, end = cand.start, cand.end
        if i > 0 and tokens[i - 1].text in idx.countryside:
            cand.countryside = True
            start = self.norm.span_to_original(tokens[i - 1].start, tokens[i - 1].end)[0]
        elif i > 0 and tokens[i - 1].text in idx.directions:
            cand.direction = idx.directions[tokens[i - 1].text]
            start = self.norm.span_to_original(tokens[i - 1].start, tokens[i - 1].end)[0]
        elif i > 0 and tokens[i - 1].text in idx.near_last:
            near = next((m for k in range(max(0, i - 3), i) if (m := idx.near.match_at(tokens, k))
                         and m.end_token == i), None)
            if near is not None:
                cand.near = True
                start = self.norm.span_to_original(tokens[near.start_token].start, tokens[near.start_token].end)[0]
        countryside = cand.countryside or any(tokens[k].text in idx.countryside for k in range(i, j))
        if j < len(tokens) and countryside and not cand.direction and _adjacent(self.norm.text, tokens[j - 1],
                                                                                 tokens[j]):
            phrase = idx.direction_phrases.match_at(tokens, j)
            if phrase is not None:
                cand.direction = phrase.values[0]
                end = self.norm.span_to_original(phrase.start, phrase.end)[1]
        cand.widened = (start, end) != (cand.start, cand.end)
        cand.start, cand.end = start, end
        if any(tokens[k].text in idx.countryside for k in range(i, j)):
            cand.countryside = True
        return cand


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


class _Resolver:
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

    def family(self, entity_id: str) -> set[str]:
        ids, e = {entity_id}, self.idx.table.entities.get(entity_id)
        while e is not None and e.parent and e.parent not in ids:
            ids.add(e.parent)
            e = self.idx.table.entities.get(e.parent)
        return ids

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
            hits = sum(self.named.get(e, 0) for e in self.family(a.entity_id)) + self.named.get(a.entity_id, 0)
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


_NER_KINDS = {"PER": "person", "ORG": "org", "LOC": "place"}


def _ner_candidates(doc: Document, norm: NormalizedText, blocks: list[list[Token]],
                    known: list[Candidate], idx: EntityIndex) -> list[Candidate]:
    """Names the CRF proposes where a cue (title, role, place head, speech verb) is followed by a word no
    dictionary knows: the sentences where an unknown name is likely, not every sentence."""
    tagger = builtin_tagger()
    if tagger is None:
        return []
    cues, common = tagger.gaz.name_cues, idx.not_name | common_words()
    covered = _Coverage([(c.start, c.end) for c in known])
    tokens = [t for block in blocks for t in block]
    starts = [t.start for t in tokens]
    found = []
    # where a title or place word is followed by a word no dictionary covers and our sentences never use
    # outside names: the sentences worth tagging
    promising = {k for k in range(len(tokens) - 1) if tokens[k].text in cues
                 and tokens[k + 1].text not in common and tokens[k + 1].text not in cues
                 and not covered.overlaps(*norm.span_to_original(tokens[k + 1].start, tokens[k + 1].end))}
    if not promising:
        return []
    for sentence in doc.sentences:
        nstart, nend = norm.from_original(sentence.start, sentence.end)
        lo, hi = bisect_left(starts, nstart), bisect_left(starts, nend)
        if not any(lo <= k < hi for k in promising):
            continue
        words = tokens[lo:hi]
        for i, j, kind in ner_spans(tagger.tag([t.text for t in words])):
            start, end = norm.span_to_original(words[i].start, words[j - 1].end)
            if not covered.overlaps(start, end):
                found.append(Candidate(start, end, kind=_NER_KINDS[kind], by_ner=True))
    return found


def find_entities(doc: Document) -> Document:
    idx = entity_index()
    norm = doc.norm if doc.norm is not None else normalize_with_index(doc.view)
    finder = _Finder(idx, norm)
    candidates: list[Candidate] = []
    blocks: list[list[Token]] = []
    for span in ([doc.headline] if doc.headline else []) + doc.blocks:
        nstart, nend = norm.from_original(span.start, span.end)
        blocks.append(word_tokens(norm.text, nstart, nend))
        candidates.extend(finder.find(blocks[-1]))
    candidates.extend(_ner_candidates(doc, norm, blocks, candidates, idx))
    candidates.sort(key=lambda c: c.start)
    year = int(doc.published[:4]) if doc.published else None
    mentions = _with_affiliations(_Resolver(idx, candidates, doc.view, year).resolve(), doc.view, idx)
    mentions.extend(_surname_mentions(mentions, blocks, norm, doc.view))
    doc.entities = sorted(mentions, key=lambda m: m.start)
    return doc


APPOSITION_REACH = 90  # characters after a name that an apposition may span
ROLE_REACH = 30  # characters between an organisation and the name it introduces


def _with_affiliations(mentions: list[Mention], view: str, idx: EntityIndex) -> list[Mention]:
    """A person's organisation: named in an apposition after the name ("فيليكس غيدني -وهو نائب قائد … بالتحالف-",
    "مصطفى بالي، الناطق باسم «قسد»") or in the role right before it ("قائد فرقة انتحاريي التنظيم أبو همام")."""
    marks = idx.apposition_marks
    out = list(mentions)
    for n, person in enumerate(out):
        if person.kind != "person" or person.affiliation:
            continue
        after = view[person.end:person.end + APPOSITION_REACH]
        opened = after.lstrip()[:1]
        if opened and opened in marks:
            closing = min((k for k in (after.find(m, len(after) - len(after.lstrip()) + 1) for m in marks + ".")
                           if k > 0), default=len(after))
            inside = [m for m in out[n + 1:] if m.kind == "actor" and m.start < person.end + closing]
            if inside:
                words = after[:closing].strip().strip(marks).split()
                if words and normalize(words[0]) in idx.apposition:
                    words = words[1:]  # "وهو نائب قائد …" -> "نائب قائد …"
                role = " ".join(words)
                out[n] = person._replace(affiliation=inside[0].entity_id, role=role or person.role)
                continue
        before = [m for m in out[:n] if m.kind == "actor" and 0 <= person.start - m.end <= ROLE_REACH
                  and not any(ch in marks + ".:«»\"\n" for ch in view[m.end:person.start])]
        if before:
            out[n] = person._replace(affiliation=before[-1].entity_id)
    return out


def _surname_mentions(mentions: list[Mention], blocks: list[list[Token]], norm: NormalizedText,
                      view: str) -> list[Mention]:
    """A surname alone ("غيدني", or misspelt "غيديني") after the full name: the same person."""
    people: dict[str, Mention] = {}
    for m in mentions:
        words = normalize(view[m.start:m.end]).split()
        if m.kind == "person" and len(words) > 1 and len(words[-1]) >= 3:
            people.setdefault(words[-1], m)
    if not people:
        return []
    covered = _Coverage([(m.start, m.end) for m in mentions])
    everyday = common_words()
    # words that start like a surname, after a clitic of up to three letters: found by the regex engine
    pattern = re.compile(r"\b\w{0,3}(?:" + "|".join(sorted({re.escape(p[:2]) for p in people})) + r")\w*")
    found = []
    for tokens in blocks:
        if not tokens:
            continue
        for hit in pattern.finditer(norm.text, tokens[0].start, tokens[-1].end):
            word = hit.group()
            start, end = norm.span_to_original(hit.start(), hit.end())
            if covered.overlaps(start, end):
                continue
            for form, drop in first_token_forms(word):
                person = people.get(form) or (None if form in everyday else _fuzzy_surname(form, people))
                if person is not None and start + drop >= person.end:  # after the full name, not before it
                    found.append(person._replace(start=norm.span_to_original(hit.start() + drop, hit.end())[0],
                                                 end=end, resolved_by="coref" if form in people else "fuzzy"))
                    break
    return found


class _Coverage:
    """Which character spans are already taken by a mention (sorted, non-overlapping spans; bisect)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]

    def overlaps(self, start: int, end: int) -> bool:
        k = bisect_left(self.starts, end)
        return any(self.spans[j][1] > start for j in range(max(0, k - 3), k))


def _fuzzy_surname(form: str, people: dict[str, Mention]) -> Mention | None:
    if len(form) < 4:
        return None
    for surname, mention in people.items():
        if surname[:2] == form[:2] and abs(len(surname) - len(form)) <= 1 and fuzz.ratio(form, surname) >= FUZZY_PERSON:
            return mention
    return None
