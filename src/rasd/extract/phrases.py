"""Phrase lookups over a list of normalised words: the small helpers quantities, dates and cues share."""

from __future__ import annotations

import re

from rasd.text.normalize import normalize

Phrase = tuple[str, ...]
WORDS = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d]+|%|-")  # "و3500" is "و" and "3500"


def phrases(words: list[str]) -> list[Phrase]:
    """Normalised word tuples, longest first (so that the longest phrase wins)."""
    return sorted({tuple(normalize(w).split()) for w in words}, key=len, reverse=True)


def tagged(table: dict) -> list[tuple[Phrase, object]]:
    """{value: [phrases]} as (phrase, value) pairs, longest phrase first."""
    pairs = {(tuple(normalize(w).split()), value) for value, words in table.items() for w in words}
    return sorted(pairs, key=lambda p: len(p[0]), reverse=True)


def at(words: list[str], i: int, phrase: Phrase) -> bool:
    return tuple(words[i:i + len(phrase)]) == phrase


def match(words: list[str], i: int, candidates: list[Phrase]) -> Phrase | None:
    """The phrase that starts at word i."""
    return next((p for p in candidates if at(words, i, p)), None)


def ending(words: list[str], i: int, candidates: list[Phrase]) -> Phrase | None:
    """The phrase that ends just before word i."""
    return next((p for p in candidates if i - len(p) >= 0 and at(words, i - len(p), p)), None)
