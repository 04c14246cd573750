"""Clitic-aware dictionary matching over normalised tokens: longest match wins.

Aliases are stored as tuples of normalised tokens. A text token may carry proclitics (و ف ب ل ك لل …) that
the dictionary form does not; only the first token of a name takes them. Names written with or without a
space ("دير الزور" / "ديرالزور", "البو كمال" / "البوكمال") meet through a second, space-free key.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from itertools import accumulate, repeat
from typing import NamedTuple

from rasd.knowledge import load

_WORDS_AND_GAPS = re.compile(r"(\w+)")
_END = ""  # trie key of a complete alias (no word is empty)


class Token(NamedTuple):
    text: str  # normalised
    start: int  # offsets in the text that was tokenised
    end: int


def word_tokens(normalized: str, start: int = 0, end: int | None = None) -> list[Token]:
    """The words of normalized[start:end] with their offsets. Split into gaps and words and the offsets summed,
    all in C: a Python step per word cost a fifth of the entity stage."""
    parts = _WORDS_AND_GAPS.split(normalized[start:end or len(normalized)])  # gap, word, gap, word, …, gap
    offsets = list(accumulate(map(len, parts), initial=start))
    return list(map(tuple.__new__, repeat(Token), zip(parts[1::2], offsets[1:-1:2], offsets[2::2], strict=True)))


@cache
def _clitics() -> tuple[tuple[tuple[str, str], ...], int, str]:
    data = load("clitics.yaml")
    prefixes = tuple(sorted(data["prefixes"].items(), key=lambda kv: len(kv[0]), reverse=True))
    return prefixes, int(data["min_stem"]), data["article"]


@cache
def first_token_forms(token: str) -> tuple[tuple[str, int], ...]:
    """Dictionary forms a written first token may stand for, each with the length of the clitic it drops."""
    prefixes, min_stem, _ = _clitics()
    forms: list[tuple[str, int]] = [(token, 0)]
    for prefix, restore in prefixes:
        if token.startswith(prefix) and len(token) - len(prefix) >= min_stem:
            # the written name keeps its article ("بالرقة" -> "الرقة"), or what is left of it ("للتحالف" -> "لتحالف")
            drop = len(prefix) - (len(restore) if prefix.endswith(restore) else len(restore) - 1)
            forms.append((restore + token[len(prefix):], drop))
    seen: dict[str, int] = {}
    for form, drop in forms:
        seen.setdefault(form, drop)
    return tuple(seen.items())


def article() -> str:
    return _clitics()[2]


def conjunction() -> str:
    return load("clitics.yaml")["conjunction"]


@cache
def without_article(form: str) -> str | None:
    """The form without its definite article: a name written bare in the dictionary ("داعش") may carry one."""
    _, min_stem, article = _clitics()
    return form[len(article):] if form.startswith(article) and len(form) - len(article) >= min_stem else None


@dataclass(frozen=True, slots=True)
class Match:
    start_token: int
    end_token: int  # exclusive
    start: int  # offsets of the name without its clitic
    end: int
    key: tuple[str, ...]
    values: tuple


class DictionaryMatcher:
    """Maps alias token tuples to values; finds the longest non-overlapping matches left to right."""

    def __init__(self, split_names: bool = True) -> None:
        self.split_names = split_names  # a one-word name may be written as two words ("البو كمال"); not so a verb
        self._values: dict[tuple[str, ...], list] = {}
        self._joined: dict[str, tuple[str, ...]] = {}  # "ديرالزور" -> ("دير", "الزور")
        self._bare: set[str] = set()  # one-word keys that also match with an article ("الداعش")
        self._trie: dict[str, dict] = {}  # word -> next word -> … ; _END marks a complete alias
        self._firsts: frozenset[str] = frozenset()

    def add(self, alias_tokens: Iterable[str], value: object, article_optional: bool = False) -> None:
        key = tuple(alias_tokens)
        if not key:
            return
        if article_optional and len(key) == 1:
            self._bare.add(key[0])
        if key not in self._values:
            self._values[key] = []
            node = self._trie.setdefault(key[0], {})
            for word in key[1:]:
                node = node.setdefault(word, {})
            node[_END] = key
            if len(key) > 1:
                self._joined.setdefault("".join(key), key)
        if value not in self._values[key]:
            self._values[key].append(value)

    def freeze(self) -> None:
        self._firsts = frozenset(self.first_words())

    def __len__(self) -> int:
        return len(self._values)

    def aliases(self) -> list[tuple[str, ...]]:
        return list(self._values)

    def first_words(self) -> set[str]:
        """Every form (clitics removed) a match can start with: a cheap test before ``match_at``. A one-word
        name written as two words ("البو كمال") starts with a piece of it, so the pieces are included."""
        heads = {key[0][:k] for key in self._values if len(key) == 1 for k in range(3, len(key[0]) - 2)} \
            if self.split_names else set()
        return set(self._trie) | set(self._joined) | {article() + b for b in self._bare} | heads

    def could_start(self, token: str) -> bool:
        """Whether a match may start at this (normalised) word: worth memoising per word, then ``match_at``."""
        return any(form in self._firsts for form, _ in first_token_forms(token))

    def match_at(self, tokens: list[Token], i: int) -> Match | None:
        forms = first_token_forms(tokens[i].text)
        if self._firsts and not any(form in self._firsts for form, _ in forms):
            return None
        best: Match | None = None
        for form, drop in forms:
            node = self._trie.get(form)
            j, deepest = i + 1, None
            while node is not None:  # walk the following words down the trie; the deepest full name wins
                if _END in node:
                    deepest = (j, node[_END])
                node = node.get(tokens[j].text) if j < len(tokens) else None
                j += 1
            if deepest is not None and (best is None or deepest[0] > best.end_token):
                end, key = deepest
                best = Match(i, end, tokens[i].start + drop, tokens[end - 1].end, key, tuple(self._values[key]))
            joined = self._joined.get(form)
            if joined is not None and best is None:
                best = Match(i, i + 1, tokens[i].start + drop, tokens[i].end, joined, tuple(self._values[joined]))
            bare = without_article(form)
            if best is None and bare in self._bare:
                best = Match(i, i + 1, tokens[i].start + drop, tokens[i].end, (bare,), tuple(self._values[(bare,)]))
        if best is None and self.split_names and i + 1 < len(tokens) and tokens[i + 1].start - tokens[i].end == 1 \
                and len(forms[0][0]) >= 3:
            for form, drop in first_token_forms(tokens[i].text):
                key = (form + tokens[i + 1].text,)
                if key in self._values:
                    best = Match(i, i + 2, tokens[i].start + drop, tokens[i + 1].end, key, tuple(self._values[key]))
                    break
        return best

    def find(self, tokens: list[Token]) -> list[Match]:
        found: list[Match] = []
        i = 0
        while i < len(tokens):
            m = self.match_at(tokens, i)
            if m is None:
                i += 1
                continue
            found.append(m)
            i = m.end_token
        return found
