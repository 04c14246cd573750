"""English spellings for Arabic names rasd does not know (transliteration.yaml): the news agencies' form of a
name word it has in its table, else the word letter by letter, with the short vowels a reader expects."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from rasd.knowledge import load
from rasd.text.normalize import normalize

_MARKS = re.compile("[\u064b-\u065f\u0670]")  # short vowels, shadda, sukun, dagger alef


@dataclass(frozen=True)
class Romanizer:
    words: dict[tuple[str, ...], str]  # one or two normalised name words -> their English spelling
    consonants: dict[str, str]
    vowels: dict[str, str]
    consonantal_vowels: frozenset[str]
    dropped: frozenset[str]
    waw: tuple[str, str]  # (as a consonant, as a vowel)
    ya: tuple[str, str]
    epenthetic: str
    article: tuple[str, str]  # (Arabic, English prefix)
    lower: frozenset[str]

    def name(self, text: str) -> str:
        """"إبراهيم الجباوي" -> "Ibrahim al-Jabawi"."""
        words = _MARKS.sub("", text).split()
        out, i = [], 0
        while i < len(words):
            pair = tuple(normalize(w) for w in words[i:i + 2])
            if len(pair) == 2 and pair in self.words:
                out.append(self.words[pair])
                i += 2
                continue
            out.append(self.words.get(pair[:1]) or self.word(words[i]))
            i += 1
        return " ".join(out)

    def word(self, word: str) -> str:
        article, prefix = self.article
        if word.startswith(article) and len(word) > len(article) + 1:
            known = self.words.get((normalize(word[len(article):]),))
            rest = known or self.spell(word[len(article):])
            return prefix + rest[:1].upper() + rest[1:]
        spelt = self.spell(word)
        return spelt if spelt in self.lower else spelt[:1].upper() + spelt[1:]

    def spell(self, word: str) -> str:
        letters = [c for c in word if c not in self.dropped]
        out: list[str] = []
        after_vowel: bool | None = None  # None: nothing written yet
        for k, ch in enumerate(letters):
            following = letters[k + 1] if k + 1 < len(letters) else None
            if ch in ("و", "ي"):
                consonant, vowel = self.waw if ch == "و" else self.ya
                if not (k == 0 or after_vowel or (following is not None and following in self.vowels)):
                    out.append(vowel)
                    after_vowel = True
                    continue
                sound = consonant
            elif ch in self.vowels:
                out.append(self.vowels[ch])
                after_vowel = not (k > 0 and ch in self.consonantal_vowels)
                continue
            elif ch in self.consonants:
                sound = self.consonants[ch]
            else:
                out.append(ch)  # a Latin letter or a digit in the name: kept
                after_vowel = None
                continue
            if after_vowel is False:
                out.append(self.epenthetic)
            out.append(sound)
            after_vowel = False
        return "".join(out)


@cache
def romanizer() -> Romanizer:
    data, table = load("transliteration.yaml"), load("transliteration_names.yaml")
    words = {tuple(normalize(w) for w in ar.split()): en
             for section in ("names", "surnames") for ar, en in (table.get(section) or {}).items()}
    return Romanizer(
        words=words, consonants=dict(data["consonants"]), vowels=dict(data["vowels"]),
        consonantal_vowels=frozenset(data["consonantal_vowels"]),
        dropped=frozenset(data["dropped"]), waw=(data["waw"]["consonant"], data["waw"]["vowel"]),
        ya=(data["ya"]["consonant"], data["ya"]["vowel"]), epenthetic=data["epenthetic"],
        article=(data["article"]["ar"], data["article"]["en"]), lower=frozenset(data["lower"]),
    )


@lru_cache(maxsize=50_000)
def romanize(text: str) -> str:
    """Cached: the records of a stream name the same people again and again."""
    return romanizer().name(text)
