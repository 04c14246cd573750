"""The event and claim lexicons (events.yaml, claims.yaml), compiled once per process into matchers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from rasd.extract.matcher import DictionaryMatcher, article
from rasd.extract.phrases import Phrase, PhraseTable, phrases, tagged
from rasd.knowledge import load
from rasd.knowledge.entities import alias_key
from rasd.text.normalize import normalize


@dataclass(frozen=True)
class Trigger:
    type: str
    mode: str
    future: bool = False  # written with the future prefix ("سيقصف")
    verb: bool = False
    context: bool = False  # also an everyday word: counts only in a sentence about armed conflict


@dataclass(frozen=True)
class SpeechVerb:
    kind: str  # statement, accusation, denial, demand …
    first_person: bool = False  # "ندعو": the quoted speaker's own verb, not a new speaker's


@dataclass(frozen=True)
class EventLexicon:
    triggers: DictionaryMatcher  # -> Trigger
    mode_cues: dict[str, PhraseTable]  # type -> cue -> mode
    modality: PhraseTable  # cue -> modality
    intent_words: frozenset[str]  # first words of future and hypothetical cues, bare and with و/ف
    maybe: frozenset[str]  # "قد": hypothetical before a present verb
    past_endings: tuple[str, ...]  # endings that make a word starting like a present verb a past one
    present_prefixes: tuple[str, ...]
    modality_reach: int
    denials: frozenset[Phrase]
    denial_reach: int
    conflict_cues: frozenset[str]
    mishaps: frozenset[str]  # disasters and accidents: deaths without an attacker
    reporter_sectors: frozenset[str]  # who only reports: never an actor or a target
    reporter_ids: frozenset[str]
    speech: DictionaryMatcher  # -> SpeechVerb
    according_to: PhraseTable
    continuation: frozenset[str]
    bare_not_speech: frozenset[str]
    openers: frozenset[str]
    clause_marks: str  # punctuation that ends a clause
    clause_mark: re.Pattern[str]
    target_marks: tuple[str, ...]  # words or clitics that make the next party the target ("ضد", "لـ")
    co_actor_marks: tuple[str, ...]  # … a co-actor ("بدعم من")
    elsewhere_marks: tuple[str, ...]  # words before a place people come from or head for ("قادمة من", "باتجاه")
    reaching_marks: tuple[str, ...]  # words before a place people reach ("إلى")
    reaching_types: frozenset[str]  # events whose place is the one reached
    agent_marks: tuple[str, ...]  # before the party that acted ("من قبل", "على يد")
    victim_verbs: frozenset[str]  # whose subject is who suffered ("استشهد", "لقي مصرعه")
    object_nouns: frozenset[str]  # verbal nouns whose next word is their object ("استهداف القوات")
    object_clitic: str  # ... unless the object follows with this written on ("اعتقال الهيئة للعشرات")
    mark_proclitics: str  # letters a multi-word mark may carry on its first word ("لعناصر من")
    joiners: frozenset[str]  # what may stand between two names of one list ("و", "، و")
    speaker_reach: int
    not_speakers: frozenset[str]
    subsumes: tuple[tuple[str, str, str | None], ...]  # (winner type, loser type, loser mode or None)
    background_before: PhraseTable
    background_far: frozenset[str]
    background_reach: int
    told_after: frozenset[str]
    topic_switch: PhraseTable  # a paragraph opening with one of these turns to another story
    aim_clitic: str  # "ل" written onto a talks or agreement noun: what someone aims at ("للتوصل إلى اتفاق")
    aim_types: frozenset[str]
    aim_words: frozenset[str]
    noun_proclitics: frozenset[str]  # a trigger written after one of these is a noun ("بقتل"), not a verb
    anaphoric_before: frozenset[str]
    description_before: frozenset[str]
    described_areas: frozenset[str]
    relative_pronouns: frozenset[str]
    topic_marks: dict[str, frozenset[str]]  # type -> words that introduce what an event of that type is about
    topic_reach: int
    metaphor_after: frozenset[str]
    metaphor_prepositions: frozenset[str]
    metaphor_objects: frozenset[str]
    not_triggers: frozenset[str]
    flight_types: frozenset[str]
    armed_types: frozenset[str]
    armed_sectors: frozenset[str]
    flight_to: tuple[str, str]


def verb_forms(past: str, present: str, data: dict) -> list[tuple[tuple[str, ...], bool]]:
    """Inflected forms of a verb given as its past and present stems (first word only; the rest follows):
    (words, future) pairs."""
    past_words, present_words = alias_key(past), alias_key(present)
    out: list[tuple[tuple[str, ...], bool]] = []
    if past_words:  # "-": the past is another word too ("فجر" is also dawn)
        head, rest = past_words[0], past_words[1:]
        forms = {(head + normalize(s), *rest) for s in data["past_suffixes"]}
        if head[-1] in data["weak_endings"]:  # "دعا" → "دعت", "دعوا"; "نفى" → "نفت", "نفوا"
            forms |= {(head[:-1] + s, *rest) for s in data["weak_past_suffixes"]}
        out = [(f, False) for f in forms]
    if not present_words:  # "-": the present is a state ("التي تسيطر على"), not an event
        return out
    p_head, p_rest = present_words[0], present_words[1:]
    stem = p_head[1:] if p_head[:1] in data["present_prefixes"] else p_head
    for prefix in data["present_prefixes"]:
        for suffix in data["present_suffixes"]:
            word = prefix + stem + normalize(suffix)
            out.append(((word, *p_rest), False))
            for future in data["future_prefixes"]:  # "سيقصف", "سوف يقصف"
                out.append((((future + word,) if len(future) == 1 else (future, word)) + p_rest, True))
    return out


def first_person_forms(past: str, present: str, claims: dict, data: dict) -> set[str]:
    """The forms of a speech verb whose subject is the speaker being quoted ("ندعو", "أطالب", "طالبنا")."""
    past_words, present_words = alias_key(past), alias_key(present)
    out = {past_words[0] + normalize(s) for s in claims["first_person_past_suffixes"]} if past_words else set()
    if present_words:
        head = present_words[0]
        stem = head[1:] if head[:1] in data["present_prefixes"] else head
        out |= {normalize(p) + stem for p in claims["first_person_present_prefixes"]}
    return out


def noun_forms(noun: str, accusative: str, no_accusative: str) -> list[tuple[str, ...]]:
    """A noun phrase as written, with the article on every word ("غارات جوية" / "الغارات الجوية"), and a one-word
    noun in the indefinite accusative ("حصاراً", "هجوماً": the alef of the tanween)."""
    words = alias_key(noun)
    the = article()
    defined = tuple(w if w.startswith(the) else the + w for w in words)
    if len(words) > 1:
        return [words, defined]
    word = words[0]
    if word.startswith(the) or word[-1] in no_accusative or word.endswith(accusative):
        return [words]
    return [words, (word + accusative,)]


@cache
def event_lexicon() -> EventLexicon:
    data, claims = load("events.yaml"), load("claims.yaml")
    triggers = DictionaryMatcher(split_names=False)
    everyday = {alias_key(w) for w in data["context_needed"]}
    for type_, modes in data["types"].items():
        for mode, entry in modes.items():
            for past, present in entry.get("verbs") or []:
                context = alias_key(past) in everyday or alias_key(present) in everyday  # every form of the verb
                for words, future in verb_forms(past, present, data):
                    triggers.add(words, Trigger(type_, mode, future, True, context or words in everyday))
            for noun in entry.get("nouns") or []:
                plain = alias_key(noun) in everyday  # then its written forms ("تقدما", "التقدم") are everyday too
                for words in noun_forms(noun, normalize(data["accusative"]), normalize(data["no_accusative_after"])):
                    triggers.add(words, Trigger(type_, mode, context=plain or words in everyday),
                                 article_optional=len(words) == 1)
    triggers.freeze()
    speech = DictionaryMatcher(split_names=False)
    for kind, verbs in claims["speech_verbs"].items():
        for past, present in verbs:
            mine = first_person_forms(past, present, claims, data)
            for words, _ in verb_forms(past, present, data):
                speech.add(words, SpeechVerb(kind, words[0] in mine))
    speech.freeze()
    return EventLexicon(
        triggers=triggers,
        mode_cues={t: PhraseTable(tagged(m)) for t, m in data["mode_cues"].items()},
        modality=PhraseTable(tagged(data["modality"])),
        intent_words=frozenset(prefix + p[0] for kind in ("future", "hypothetical")
                               for p in phrases(data["modality"][kind]) for prefix in ("", *data["conjunctions"])),
        maybe=frozenset(normalize(w) for w in data["hypothetical_before_present"]),
        past_endings=tuple(normalize(w) for w in data["past_endings"]),
        present_prefixes=tuple(data["present_prefixes"]),
        modality_reach=int(data["modality_reach"]),
        denials=frozenset(phrases(data["denials"])), denial_reach=int(data["denial_reach"]),
        reporter_sectors=frozenset(data["reporters"]["sectors"]), reporter_ids=frozenset(data["reporters"]["ids"]),
        mishaps=frozenset(form for w in data["mishaps"] for form in (normalize(w), article() + normalize(w))),
        conflict_cues=frozenset(form for w in data["conflict_cues"]
                                for form in (normalize(w), article() + normalize(w))),
        speech=speech, according_to=PhraseTable.of(phrases(claims["according_to"])),
        continuation=frozenset(normalize(w) for w in claims["continuation"]),
        bare_not_speech=frozenset(normalize(w) for w in claims["bare_not_speech"]),
        openers=frozenset(normalize(w) for w in claims["claim_openers"]),
        clause_marks=load("punctuation.yaml")["clause_marks"],
        clause_mark=re.compile("[" + re.escape(load("punctuation.yaml")["clause_marks"]) + "]"),
        target_marks=tuple(data["argument_marks"]["target"]), co_actor_marks=tuple(data["argument_marks"]["co_actor"]),
        joiners=frozenset(data["argument_marks"]["joiners"]),
        mark_proclitics="".join(data["argument_marks"]["proclitics"]),
        object_nouns=frozenset(normalize(w) for w in data["argument_marks"]["object_nouns"]),
        victim_verbs=frozenset(normalize(w) for w in data["argument_marks"]["victim_verbs"]),
        agent_marks=tuple(data["argument_marks"]["agent"]),
        object_clitic=data["argument_marks"]["object_clitic"],
        elsewhere_marks=tuple(data["argument_marks"]["toward"] + data["argument_marks"]["coming_from"]),
        reaching_marks=tuple(data["argument_marks"]["reaching"]),
        reaching_types=frozenset(data["argument_marks"]["reaching_types"]),
        speaker_reach=int(claims["speaker_reach"]),
        not_speakers=frozenset(claims["not_speakers"]),

        subsumes=tuple((r[0], r[1], r[2] if len(r) > 2 else None) for r in data["subsumes"]),
        background_before=PhraseTable.of(phrases(data["background_before"])),
        background_far=frozenset(normalize(w) for w in data["background_far"]),
        background_reach=int(data["background_reach"]),
        told_after=frozenset(normalize(w) for w in data["told_after"]),
        topic_switch=PhraseTable.of(phrases(data["topic_switch"])),
        noun_proclitics=frozenset(normalize(w) for w in data["noun_proclitics"]),
        aim_clitic=normalize(data["aim"]["clitic"]), aim_types=frozenset(data["aim"]["types"]),
        aim_words=frozenset(normalize(w) for w in data["aim"]["words"]),
        anaphoric_before=frozenset(normalize(w) for w in data["anaphoric_before"]),
        description_before=frozenset(normalize(w) for w in data["description_before"]),
        described_areas=frozenset(normalize(w) for w in data["described_areas"]),
        relative_pronouns=frozenset(normalize(w) for w in data["relative_pronouns"]),
        topic_marks={t: frozenset(normalize(w) for w in marks) for t, marks in data["topic_marks"].items()},
        topic_reach=int(data["topic_reach"]),
        metaphor_after=frozenset(normalize(w) for w in data["metaphor_after"]),
        metaphor_prepositions=frozenset(normalize(w) for w in data["metaphor_objects"]["prepositions"]),
        metaphor_objects=frozenset(normalize(w).split()[0] for w in data["metaphor_objects"]["words"]),
        not_triggers=frozenset(normalize(w) for w in data["not_triggers"]),

        flight_types=frozenset(data["civilian_flight"]["types"]),
        armed_types=frozenset(data["armed_types"]), armed_sectors=frozenset(data["armed_sectors"]),
        flight_to=(data["civilian_flight"]["to"][0], data["civilian_flight"]["to"][1]),
    )
