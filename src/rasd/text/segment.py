"""Sentence splitting for Arabic news: terminators, closing quotes, abbreviations and numbers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from rasd.document import Document, Span
from rasd.knowledge import load
from rasd.text.normalize import normalize


@dataclass(frozen=True)
class SegmentRules:
    boundary: re.Pattern[str]
    abbreviations: frozenset[str]
    pairs: dict[str, str]


@cache
def segment_rules() -> SegmentRules:
    data = load("punctuation.yaml")
    ends = re.escape(data["sentence_end"])
    closers = re.escape(data["closers"])
    # A run of terminators, then any closing quotes/brackets, then whitespace: the sentence ends there.
    boundary = re.compile(rf"[{ends}]+[{closers}]*(?=\s)")
    abbreviations = frozenset(normalize(a).lower().rstrip(".") for a in data["abbreviations"])
    return SegmentRules(boundary, abbreviations, dict(data["openers_to_closers"]))


def _word_before(text: str, dot: int) -> str:
    """The word (dots included, as in "ق.م") that ends at the full stop at ``dot``."""
    start = dot
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "."):
        start -= 1
    return text[start:dot]


def _inside_quote(sentence: str, rest: str, pairs: dict[str, str]) -> bool:
    """True when ``sentence`` leaves a quote or bracket open that ``rest`` of the paragraph closes."""
    return any(sentence.count(opener) > sentence.count(closer) and closer in rest
               for opener, closer in pairs.items())


def split_block(text: str, rules: SegmentRules) -> list[tuple[int, int]]:
    """Sentence spans of one block (a paragraph), relative to the block."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in rules.boundary.finditer(text):
        end = m.end()
        if m.end() - m.start() == 1 and text[m.start()] == ".":
            word = _word_before(text, m.start())
            if word and normalize(word).lower().rstrip(".") in rules.abbreviations:
                continue
        if _inside_quote(text[start:end], text[end:], rules.pairs):
            continue
        spans.append((start, end))
        start = end
        while start < len(text) and text[start].isspace():
            start += 1
    if start < len(text):
        spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def segment(doc: Document) -> Document:
    rules = segment_rules()
    sentences: list[Span] = []
    for block in doc.blocks:
        text = doc.view[block.start : block.end]
        sentences.extend(Span(block.start + s, block.start + e) for s, e in split_block(text, rules))
    doc.sentences = sentences
    return doc
