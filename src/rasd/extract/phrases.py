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


class PhraseTable:
    """Phrases indexed by their first and last words, so that a lookup costs one dict access for most words."""

    def __init__(self, pairs: list[tuple[Phrase, object]]) -> None:
        self.by_first: dict[str, list[tuple[Phrase, object]]] = {}
        self.by_last: dict[str, list[tuple[Phrase, object]]] = {}
        for phrase, value in sorted(pairs, key=lambda p: len(p[0]), reverse=True):
            self.by_first.setdefault(phrase[0], []).append((phrase, value))
            self.by_last.setdefault(phrase[-1], []).append((phrase, value))

    @classmethod
    def of(cls, candidates: list[Phrase]) -> PhraseTable:
        return cls([(p, p) for p in candidates])

    def starting(self, words: list[str], i: int, first: str | None = None) -> tuple[Phrase, object] | None:
        """The longest phrase at word i (its first word may be given in another form: ``first``)."""
        for phrase, value in self.by_first.get(first if first is not None else words[i], ()):
            if tuple(words[i + 1:i + len(phrase)]) == phrase[1:]:
                return phrase, value
        return None

    def ending(self, words: list[str], i: int) -> tuple[Phrase, object] | None:
        """The longest phrase that ends just before word i."""
        if i == 0:
            return None
        for phrase, value in self.by_last.get(words[i - 1], ()):
            if i - len(phrase) >= 0 and tuple(words[i - len(phrase):i]) == phrase:
                return phrase, value
        return None
