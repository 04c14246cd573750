"""Headline, byline and dateline: the parts of a page around the body that say what and where."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from rasd.document import Document, Span
from rasd.knowledge import load
from rasd.text.furniture import ends_with_punctuation
from rasd.text.normalize import normalize

_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class StructureRules:
    headline_max_chars: int
    headline_max_words: int
    datelines: tuple[re.Pattern[str], ...]
    not_first_words: frozenset[str]
    not_places: frozenset[str]
    byline_lines: tuple[re.Pattern[str], ...]
    byline_max_chars: int


@cache
def structure_rules() -> StructureRules:
    data = load("structure.yaml")
    return StructureRules(
        headline_max_chars=data["headline"]["max_chars"],
        headline_max_words=data["headline"]["max_words"],
        datelines=(re.compile(data["dateline"]["dash_pattern"]), re.compile(data["dateline"]["colon_pattern"])),
        not_first_words=frozenset(normalize(w) for w in data["dateline"]["not_first_words"]),
        not_places=frozenset(normalize(w) for w in data["dateline"]["not_places"]),
        byline_lines=tuple(re.compile(p) for p in data["byline"]["line_patterns"]),
        byline_max_chars=data["byline"]["max_chars"],
    )


def _key(text: str) -> str:
    return _SPACES.sub(" ", normalize(text)).strip().strip('"').strip()


def _headline_like(text: str, rules: StructureRules) -> bool:
    return (len(text) <= rules.headline_max_chars and len(text.split()) <= rules.headline_max_words
            and not ends_with_punctuation(text))


def find_headline(doc: Document) -> Document:
    """The headline is the input's title where it is given, else the first short unpunctuated line."""
    rules = structure_rules()
    if not doc.blocks:
        return doc
    title = doc.meta.get("title")
    if title:
        wanted = _key(title)
        for i, block in enumerate(doc.blocks[:3]):
            if _key(doc.text_of(block)) == wanted:
                doc.headline = block
                del doc.blocks[i]
                break
        return doc
    first = doc.blocks[0]
    if len(doc.blocks) > 1 and _headline_like(doc.text_of(first), rules):
        doc.headline = first
        del doc.blocks[0]
    return doc


def _dateline_match(doc: Document, block: Span) -> re.Match[str] | None:
    rules = structure_rules()
    text = doc.text_of(block)
    for pattern in rules.datelines:
        m = pattern.match(text)
        if m is None or m.end() >= len(text) - 1:
            continue
        place = normalize(m.group("place"))
        if place.split()[0] not in rules.not_first_words and place not in rules.not_places:
            return m
    return None


def _is_lead(doc: Document, block: Span) -> bool:
    text = doc.text_of(block)
    return ends_with_punctuation(text) or len(text.split()) > structure_rules().headline_max_words


def find_byline_and_dateline(doc: Document) -> Document:
    """A byline line before the lead is taken out of the body; a dateline opening the lead is recorded."""
    rules = structure_rules()
    for i, block in enumerate(doc.blocks[:4]):
        if _is_lead(doc, block):
            m = _dateline_match(doc, block)
            if m is not None:
                doc.dateline = Span(block.start + m.start("place"), block.start + m.end("place"))
                doc.blocks[i] = Span(block.start + m.end(), block.end)
            break
        text = doc.text_of(block)
        if len(text) > rules.byline_max_chars:
            continue
        for pattern in rules.byline_lines:
            m = pattern.match(text)
            if m is None:
                continue
            if doc.byline is None:
                doc.byline = Span(block.start + m.start("name"), block.start + m.end("name"))
            if "place" in pattern.groupindex and doc.dateline is None:
                doc.dateline = Span(block.start + m.start("place"), block.start + m.end("place"))
            doc.removed = sorted([*doc.removed, Span(block.start, block.end, "byline")], key=lambda s: s.start)
            del doc.blocks[i]
            return find_byline_and_dateline(doc)
    return doc
