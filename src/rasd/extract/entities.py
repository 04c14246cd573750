"""Mentions of actors, people and places: found with the dictionaries and cue patterns, then resolved.

Finding works on normalised word tokens of the cleaned body (and headline); resolution looks at the whole
article: an ambiguous name ("الدولة", "التنظيم", "النظام") is resolved only to an actor the article names
outright, a city that speaks ("دمشق تتهم") is its government, a place name shared by several places goes
to the one in the theatre and near the article's other places, and a surname alone ("غيدني") is the person
named in full earlier.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from rapidfuzz import fuzz

from rasd.document import Document, Mention
from rasd.extract.candidates import Candidate, Coverage
from rasd.extract.finder import Finder
from rasd.extract.geo import locate_places
from rasd.extract.index import EntityIndex, entity_index
from rasd.extract.matcher import Token, article, first_token_forms, word_tokens
from rasd.extract.ner import builtin_tagger, common_words
from rasd.extract.ner import spans as ner_spans
from rasd.extract.resolver import FUZZY_PERSON, Resolver
from rasd.text.normalize import NormalizedText, normalize, normalize_with_index

_NER_KINDS = {"PER": "person", "ORG": "org", "LOC": "place"}
NER_BEFORE, NER_AFTER = 4, 10  # words tagged around the first and last cue of a sentence


def _ner_candidates(doc: Document, norm: NormalizedText, blocks: list[list[Token]],
                    known: list[Candidate], idx: EntityIndex) -> list[Candidate]:
    """Names the CRF proposes where a cue (title, role, place head, speech verb) is followed by a word no
    dictionary knows: the sentences where an unknown name is likely, not every sentence."""
    tagger = builtin_tagger()
    if tagger is None:
        return []
    cues, common = tagger.gaz.name_cues, idx.not_name | common_words()
    covered = Coverage([(c.start, c.end) for c in known])
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
        here = sorted(k for k in promising if lo <= k < hi)
        if not here:
            continue
        # the stretch around the cues, not the whole (often long) sentence: the features look two words away
        lo, hi = max(lo, here[0] - NER_BEFORE), min(hi, here[-1] + NER_AFTER)
        words = tokens[lo:hi]
        for i, j, kind in ner_spans(tagger.tag([t.text for t in words])):
            start, end = norm.span_to_original(words[i].start, words[j - 1].end)
            if not covered.overlaps(start, end):
                found.append(Candidate(start, end, kind=_NER_KINDS[kind], by_ner=True))
    return found


def find_entities(doc: Document) -> Document:
    idx = entity_index()
    norm = doc.norm if doc.norm is not None else normalize_with_index(doc.view)
    finder = Finder(idx, norm)
    candidates: list[Candidate] = []
    blocks: list[list[Token]] = []
    for span in ([doc.headline] if doc.headline else []) + doc.blocks:
        nstart, nend = norm.from_original(span.start, span.end)
        blocks.append(word_tokens(norm.text, nstart, nend))
        candidates.extend(finder.find(blocks[-1]))
    doc.norm, doc.tokens = norm, [t for block in blocks[1 if doc.headline else 0:] for t in block]
    candidates.extend(_ner_candidates(doc, norm, blocks, candidates, idx))
    candidates.sort(key=lambda c: c.start)
    year = int(doc.published[:4]) if doc.published else None
    mentions = _with_affiliations(Resolver(idx, candidates, doc.view, year).resolve(), doc.view, idx)
    mentions.extend(_surname_mentions(mentions, blocks, norm, doc.view))
    doc.entities = locate_places(sorted(mentions, key=lambda m: m.start), doc.view, norm)
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
    covered = Coverage([(m.start, m.end) for m in mentions])
    everyday = common_words()
    # whole words that start like a surname and are about as long, after a clitic of up to three letters: found
    # by the regex engine, so that the few worth a look reach Python
    pattern = _surname_pattern(tuple(sorted({_shape(p) for p in people})))
    found = []
    lengths = {len(p) for p in people}
    known: dict[str, tuple[Mention, str, int] | None] = {}  # word -> (person, form, clitic length), or None

    def lookup(word: str) -> tuple[Mention, str, int] | None:
        for form, drop in first_token_forms(word):
            if not any(abs(len(form) - n) <= 1 for n in lengths):
                continue
            person = people.get(form) or (None if form in everyday else _fuzzy_surname(form, people))
            if person is not None:
                return person, form, drop
        return None

    for tokens in blocks:
        if not tokens:
            continue
        for hit in pattern.finditer(norm.text, tokens[0].start, tokens[-1].end):
            word = hit.group()
            if word not in known:
                known[word] = lookup(word)
            match = known[word]
            if match is not None:
                person, form, drop = match
                start, end = norm.span_to_original(hit.start() + drop, hit.end())
                if start >= person.end and not covered.overlaps(start, end):  # after the full name
                    found.append(person._replace(start=start, end=end,
                                                 resolved_by="coref" if form in people else "fuzzy"))
    return found


def _shape(surname: str) -> str:
    head = _head(surname)
    rest = len(surname) - len(head)
    return f"{re.escape(head)}\\w{{{max(0, rest - 1)},{rest + 1}}}"


@lru_cache(maxsize=4096)
def _surname_pattern(shapes: tuple[str, ...]) -> re.Pattern[str]:
    """Compiled once per set of people: the same few recur from article to article in a news stream."""
    return re.compile(r"\b\w{0,3}(?:" + "|".join(shapes) + r")\b")


@lru_cache(maxsize=50_000)
def _head(surname: str) -> str:
    """The letters a misspelling keeps: the first two, or three after the article ("الأسد", not every "ال…")."""
    return surname[:len(article()) + 1] if surname.startswith(article()) else surname[:2]


def _fuzzy_surname(form: str, people: dict[str, Mention]) -> Mention | None:
    if len(form) < 4:
        return None
    for surname, mention in people.items():
        if form.startswith(_head(surname)) and abs(len(surname) - len(form)) <= 1 \
                and fuzz.ratio(form, surname) >= FUZZY_PERSON:
            return mention
    return None
