"""Everything mention finding needs, built once per process from the knowledge files."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import cache
from itertools import filterfalse

from rapidfuzz import fuzz, process

from rasd.extract.matcher import DictionaryMatcher, article, conjunction, first_token_forms
from rasd.extract.ner import common_words as everyday_words
from rasd.knowledge import load
from rasd.knowledge.entities import (
    ABBREVIATION,
    EntityTable,
    KnownEntity,
    alias_key,
    load_actors,
    load_people,
    load_places,
)
from rasd.knowledge.gazetteer import all_place_rows, common_words
from rasd.text.normalize import normalize, ta_marbuta

log = logging.getLogger(__name__)
STARTS_TITLE, STARTS_FORCE, STARTS_NAME, STARTS_ANAPHOR, STARTS_PERSON = 1, 2, 4, 8, 16
STARTS_MEMO_SIZE = 300_000  # words remembered by ``starts`` before the memo starts afresh
FUZZY_CUTOFF = 88  # rapidfuzz ratio: "ديرالزور"/"دير الزور" and one-letter slips pass, other names do not


@dataclass(frozen=True)
class Title:
    words: tuple[str, ...]
    en: str
    kind: str


@dataclass(frozen=True)
class Role:
    words: tuple[str, ...]
    en: str
    attaches: str


@dataclass
class EntityIndex:
    table: EntityTable
    names: DictionaryMatcher  # aliases -> list[Alias]
    titles: DictionaryMatcher  # title words -> Title
    roles: DictionaryMatcher  # role words -> Role
    nationalities: dict[str, tuple[str, str]]  # normalised adjective -> (English, ISO3)
    given_names: frozenset[str]
    kunya: frozenset[str]
    speech_verbs: frozenset[str]
    directions: dict[str, str]  # normalised word -> direction key
    direction_phrases: DictionaryMatcher  # multi-word directions ("الشمالي الشرقي")
    direction_en: dict[str, str]
    countryside: frozenset[str]
    near: DictionaryMatcher
    near_last: frozenset[str]  # the last word of every "near" phrase
    apposition: frozenset[str]
    apposition_marks: str
    not_name: frozenset[str]
    fuzzy_names: dict[tuple[str, str], list[tuple[str, str]]]  # (kind, first letter) -> [(joined alias, id)]
    force_nouns: DictionaryMatcher
    support_nouns: DictionaryMatcher
    forces_by_country: dict[str, str]  # ISO3 -> the country's armed forces (actor id)
    state_by_country: dict[str, str]  # ISO3 -> the state actor
    anaphora: DictionaryMatcher  # head noun -> (kinds, name filter)
    start_sets: tuple[tuple[int, frozenset[str]], ...]  # (kind of match, words it can start with)
    person_starts: frozenset[str]  # kunya prefixes and given names that are not everyday words
    place_prepositions: frozenset[str]
    kunya_place_before: frozenset[str]  # a kunya-shaped name after these is a village ("في أبو فاس")
    article: str  # the definite article, normalised
    conjunction: str
    ta_marbuta: tuple[str, str]  # (as written, as normalised)
    starts_memo: dict[str, int] = field(default_factory=dict)  # memo of starts(), read directly by hot loops

    def starts(self, token: str) -> int:
        """Which kinds of match can start at this (normalised) word, as bits (STARTS_*): most words, none."""
        bits = self.starts_memo.get(token)
        if bits is None:
            forms = [form for form, _ in first_token_forms(token)]
            bits = sum(bit for bit, words in self.start_sets if any(f in words for f in forms))
            bits |= STARTS_PERSON if token in self.person_starts else 0
            self.starts_memo[token] = bits
        return bits

    def start_bits(self, words: list[str]) -> list[int]:
        """``starts`` of every word, through the memo: new words are learnt first, then one lookup each in C."""
        memo = self.starts_memo
        if len(memo) > STARTS_MEMO_SIZE:
            memo.clear()
        for word in filterfalse(memo.__contains__, set(words)):
            self.starts(word)
        return list(map(memo.__getitem__, words))

    def entity(self, entity_id: str | None) -> KnownEntity | None:
        return self.table.entities.get(entity_id) if entity_id else None

    def lineage(self, entity_id: str) -> list[str]:
        """The entity and the bodies above it, nearest first (a ministry, its government, the state)."""
        chain, e = [entity_id], self.entity(entity_id)
        while e is not None and e.parent and e.parent not in chain:
            chain.append(e.parent)
            e = self.entity(e.parent)
        return chain

    def fuzzy(self, kind: str, text: str, cutoff: float = FUZZY_CUTOFF) -> str | None:
        """The actor or place whose name is spelled most like ``text`` (normalised), if close enough."""
        bare = text.removeprefix(self.article)
        if len(bare) < 4:
            return None
        choices = self.fuzzy_names.get((kind, bare[0]), [])
        best = process.extractOne(text, [c[0] for c in choices], scorer=fuzz.ratio, score_cutoff=cutoff)
        return choices[best[2]][1] if best else None


def _norm_set(words: list[str]) -> frozenset[str]:
    return frozenset(normalize(w) for w in words)


def _place_rows_filtered(rows: list[dict]) -> list[dict]:
    """Imported (non-curated) place names that are common words are dropped; curated names are trusted."""
    common = common_words() | everyday_words()  # "الأشهر" is the months long before it is a Turkish town
    for row in rows:
        names = row.get("names_ar") or []
        row["names_ar"] = [n for n in names if normalize(n) not in common and len(alias_key(n)) > 0
                           and len("".join(alias_key(n))) >= 3]
    return [r for r in rows if r["names_ar"]]


def build_index() -> EntityIndex:
    table = EntityTable()
    load_actors(table)
    load_people(table)
    rows = all_place_rows()
    curated = [r for r in rows if not str(r["id"]).startswith(("gn-", "ocha-"))]
    imported = _place_rows_filtered([r for r in rows if str(r["id"]).startswith(("gn-", "ocha-"))])
    load_places(table, curated, curated=True)
    load_places(table, imported, curated=False)
    names = DictionaryMatcher()
    for key, aliases in table.aliases.items():
        for alias in aliases:
            names.add(key, alias, article_optional=alias.strength == ABBREVIATION)
    names.freeze()

    persons = load("persons.yaml") or {}
    titles, roles = DictionaryMatcher(), DictionaryMatcher()
    for row in persons.get("titles") or []:
        titles.add(alias_key(row["ar"]), Title(alias_key(row["ar"]), row.get("en", ""), row.get("kind", "")))
    for row in persons.get("roles") or []:
        roles.add(alias_key(row["ar"]), Role(alias_key(row["ar"]), row.get("en", ""), row.get("attaches", "")))
    titles.freeze()
    roles.freeze()
    nationalities = {}
    for row in persons.get("nationalities") or []:
        forms = row["ar"] if isinstance(row["ar"], list) else [row["ar"]]
        for form in forms:
            nationalities[normalize(form)] = (row.get("en", ""), row.get("country"))
    cues = load("mentions.yaml")
    directions, direction_phrases = {}, DictionaryMatcher()
    for key, words in cues["directions"].items():
        for word in words:
            tokens = alias_key(word)
            if len(tokens) == 1:
                directions[tokens[0]] = key
            direction_phrases.add(tokens, key)
    direction_phrases.freeze()
    near = DictionaryMatcher()
    for phrase in cues["near"]:
        near.add(alias_key(phrase), "near")
    near.freeze()
    fuzzy_names: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for key, aliases in table.aliases.items():
        joined = " ".join(key)
        bare = joined.removeprefix(article())
        for alias in aliases:
            entity = table.entities[alias.entity_id]
            if alias.strength != "context" and entity.kind in ("actor", "place") and len(bare) >= 4:
                fuzzy_names.setdefault((entity.kind, bare[0]), []).append((joined, entity.id))
    force_nouns, support_nouns = DictionaryMatcher(), DictionaryMatcher()
    for phrase in cues["force_nouns"]:
        force_nouns.add(alias_key(phrase), "force")
    for phrase in cues["support_nouns"]:
        support_nouns.add(alias_key(phrase), "support")
    force_nouns.freeze()
    support_nouns.freeze()
    anaphora = DictionaryMatcher()
    for head, rule in cues["anaphora"].items():
        anaphora.add(alias_key(head), (frozenset(rule["kinds"]), rule.get("name_contains", "")))
    anaphora.freeze()
    state_by_country = {e.country: e.id for e in table.entities.values()
                        if e.kind == "actor" and e.subtype == "state" and e.country}
    forces_by_country = {e.country: e.id for e in table.entities.values()
                         if e.kind == "actor" and e.subtype == "state_force" and e.country
                         and e.parent == state_by_country.get(e.country)}
    log.info("entity index: %d entities, %d aliases", len(table.entities), len(names))
    return EntityIndex(
        table=table, names=names, titles=titles, roles=roles, nationalities=nationalities,
        given_names=_norm_set(persons.get("given_names") or []),
        kunya=_norm_set(persons.get("kunya_prefixes") or []),
        speech_verbs=_norm_set(cues["speech_verbs"]),
        directions=directions, direction_phrases=direction_phrases, direction_en=cues["direction_en"],
        countryside=_norm_set(cues["countryside"]), near=near,
        near_last=frozenset(alias_key(p)[-1] for p in cues["near"]),
        apposition=_norm_set(cues["apposition_openers"]), apposition_marks=cues["apposition_marks"],
        not_name=_norm_set(cues["not_name_words"]),
        fuzzy_names=fuzzy_names, force_nouns=force_nouns, support_nouns=support_nouns,
        forces_by_country=forces_by_country, state_by_country=state_by_country, anaphora=anaphora,
        start_sets=((STARTS_TITLE, frozenset(titles.first_words())),
                    (STARTS_FORCE, frozenset(force_nouns.first_words() | support_nouns.first_words())),
                    (STARTS_NAME, _name_starts(names)), (STARTS_ANAPHOR, frozenset(anaphora.first_words()))),
        person_starts=_norm_set(persons.get("kunya_prefixes") or [])
        | (_norm_set(persons.get("given_names") or []) - everyday_words()),
        place_prepositions=_norm_set(cues["place_prepositions"]) | _norm_set(cues["place_heads"]),
        kunya_place_before=_norm_set(cues["kunya_place_before"]),
        article=article(), conjunction=conjunction(), ta_marbuta=ta_marbuta(),
    )


def _name_starts(names: DictionaryMatcher) -> frozenset[str]:
    """Words a name can start with. The pieces of one-word names ("البو" of "البوكمال") that are also everyday
    words ("على" normalises to "علي") are left out: most of the time they are just those words."""
    first = {key[0] for key in names.aliases()}
    return frozenset(first | (names.first_words() - everyday_words()))


@cache
def entity_index() -> EntityIndex:
    return build_index()

