"""Finding mentions in one paragraph's tokens: dictionary names, titled and kunya names, national forces,
anaphors, and the relative words around places."""

from __future__ import annotations

from itertools import compress
from operator import itemgetter

from rasd.extract.candidates import Candidate, adjacent
from rasd.extract.index import (
    STARTS_ANAPHOR,
    STARTS_FORCE,
    STARTS_NAME,
    STARTS_PERSON,
    STARTS_TITLE,
    EntityIndex,
)
from rasd.extract.matcher import Token
from rasd.knowledge.entities import CONTEXT, Alias
from rasd.text.normalize import NormalizedText, accusative_tanwin

MAX_NAME_TOKENS = 4


class Finder:
    def __init__(self, idx: EntityIndex, norm: NormalizedText) -> None:
        self.idx = idx
        self.norm = norm

    def view_span(self, tokens: list[Token], i: int, j: int) -> tuple[int, int]:
        return self.norm.span_to_original(tokens[i].start, tokens[j - 1].end)

    def name_tokens(self, tokens: list[Token], i: int) -> int:
        """End (exclusive) of a person name starting at token i: name-like words, no punctuation between."""
        j = i
        while j < len(tokens) and j - i < MAX_NAME_TOKENS:
            word = tokens[j].text
            if word in self.idx.not_name or word.isdigit() or (j > i and not adjacent(self.norm.text, tokens[j - 1],
                                                                                      tokens[j])):
                break
            if j > i and (self.idx.titles.match_at(tokens, j) or self.idx.roles.match_at(tokens, j)):
                break
            if j > i and word.startswith(self.idx.conjunction) and word not in self.idx.given_names \
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
        every = idx.start_bits(list(map(itemgetter(0), tokens)))
        i = 0
        for k in compress(range(len(tokens)), every):  # most words start nothing
            if k < i:
                continue  # inside a match already taken
            i = k
            bits = every[i]
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
                written, folded = idx.ta_marbuta
                if self.norm.text[match.end - 1] == folded and self.norm.original_char(match.end - 1) != written:
                    values = tuple(a for a in values if not a.ta_marbuta)  # "حديثه" (his talk) is not "حديثة"
                if self.adverb(start, end):  # "دوماً" (always) is not Douma
                    values = tuple(a for a in values if idx.table.entities[a.entity_id].kind != "place")
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
            if tokens[i].text in idx.kunya and i + 1 < len(tokens) and adjacent(self.norm.text, tokens[i],
                                                                                  tokens[i + 1]):
                j = self.name_tokens(tokens, i + 1)
                if j > i + 1:
                    start, end = self.view_span(tokens, i, j)
                    village = i > 0 and tokens[i - 1].text in idx.kunya_place_before
                    found.append(Candidate(start, end, kind="place" if village else "person"))
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

    def adverb(self, start: int, end: int) -> bool:
        """The word at original [start, end) is written with the accusative tanwin ("دوماً", "دومًا")."""
        original = self.norm.original
        return bool(original) and accusative_tanwin() in original[start:end + 1]

    def qualified(self, tokens: list[Token], j: int) -> bool:
        """A nationality adjective right after a word ("القيادة الأميركية", "الجيش اليمني") makes it a description
        of that country's body, not a reference back to one named before."""
        return j < len(tokens) and tokens[j].text in self.idx.nationalities

    def defined(self, tokens: list[Token], j: int) -> bool:
        """A definite adjective right after a definite noun ("الحركة الصهيونية") makes a new description."""
        return j < len(tokens) and tokens[j].text.startswith(self.idx.article) \
            and adjacent(self.norm.text, tokens[j - 1], tokens[j])

    def follows_with_and(self, found: list[Candidate], tokens: list[Token], i: int, name_start: int) -> bool:
        """True for the "وبغداد" of "موسكو وبغداد": a clitic was dropped and the previous word was a mention."""
        if i == 0 or not found or name_start == tokens[i].start:
            return False
        previous_end = self.norm.span_to_original(tokens[i - 1].start, tokens[i - 1].end)[1]
        return found[-1].end >= previous_end and adjacent(self.norm.text, tokens[i - 1], tokens[i])

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
        if j < len(tokens) and countryside and not cand.direction and adjacent(self.norm.text, tokens[j - 1],
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
