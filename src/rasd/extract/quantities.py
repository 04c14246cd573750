"""Numbers in a sentence, as amounts with bounds and a kind: "ما لا يقل عن 70 مدنياً بين قتيل وجريح" → killed_or_injured,
min 70; "نحو أربعة آلاف مقاتل" → fighters, 4000, approximate; "ما بين 400 و600" → min 400, max 600.

Works on normalised words (digits already Western). Every amount keeps the offsets of its words in the original.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from rasd.extract.matcher import article, conjunction, first_token_forms
from rasd.extract.phrases import WORDS, PhraseTable, ending, match, phrases, tagged
from rasd.knowledge import load
from rasd.text.normalize import NormalizedText, normalize


@dataclass(frozen=True)
class Quantity:
    kind: str  # killed, injured, killed_or_injured, fighters, civilians, money_usd, percent, … or count
    min: float | None
    max: float | None
    approx: bool
    start: int  # offsets in the original text
    end: int
    unit: str | None = None  # what is counted, when the kind is what happened to them ("12 مدنياً" killed → civilians)

    def values(self) -> dict[str, Any]:
        return {"kind": self.kind, "unit": self.unit, "min": _plain(self.min), "max": _plain(self.max),
                "approx": self.approx}

    def record(self, raw: str) -> dict[str, Any]:
        """With the words it was read from, when ``raw`` is the text the offsets point into."""
        return {**self.values(), "text": raw[self.start:self.end], "start": self.start, "end": self.end}


def _plain(value: float | None) -> float | int | None:
    return int(value) if value is not None and value == int(value) else value


@dataclass(frozen=True)
class NumberLexicon:
    units: dict[str, int]
    teens: frozenset[str]
    teen_ones: frozenset[str]
    hundreds: frozenset[str]
    multipliers: dict[str, int]
    vague: PhraseTable  # -> least value
    approximately: list[tuple[str, ...]]
    at_least: list[tuple[str, ...]]
    more_than: list[tuple[str, ...]]
    less_than: list[tuple[str, ...]]
    at_least_after: list[tuple[str, ...]]
    approximately_after: list[tuple[str, ...]]
    range_open: list[tuple[str, ...]]
    range_join: list[tuple[str, ...]]
    percent: list[tuple[str, ...]]
    money: PhraseTable
    counted: PhraseTable
    outcomes: PhraseTable
    starts: frozenset[str]  # words a number can start with (digits aside)
    territory_after: list[tuple[str, ...]]
    partitive: frozenset[str]  # "من" between a number and what it counts
    outcome_proclitics: frozenset[str]  # one letter an outcome word may carry ("وجرح")
    people: frozenset[str]
    reach: int
    months: frozenset[str]
    labels: list[tuple[str, ...]]
    same_number: PhraseTable  # "عددا مماثلا": as many as the amount before


@cache
def lexicon() -> NumberLexicon:
    q, d = load("quantities.yaml"), load("dates.yaml")
    norm = {normalize(k): v for k, v in q["units"].items()}
    month_words = {normalize(w).split()[0] for names in [*d["months"].values(), *d["hijri_months"].values()]
                   for w in names}

    return NumberLexicon(
        units=norm, teens=frozenset(normalize(w) for w in q["teen_words"]),
        teen_ones=frozenset(normalize(w) for w in q["teen_ones"]),
        hundreds=frozenset(normalize(w) for w in q["hundred_words"]),
        multipliers={normalize(k): v for k, v in q["multipliers"].items()},
        vague=PhraseTable([(tuple(normalize(k).split()), v) for k, v in q["vague"].items()]),
        approximately=phrases(q["approximately"]), at_least=phrases(q["at_least"]),
        more_than=phrases(q["more_than"]), less_than=phrases(q["less_than"]),
        at_least_after=phrases(q["at_least_after"]), approximately_after=phrases(q["approximately_after"]),
        range_open=phrases(q["range_open"]), range_join=phrases(q["range_join"]),
        percent=phrases(q["percent"]),
        money=PhraseTable([(tuple(normalize(k).split()), v) for k, v in q["money"].items()]),
        counted=PhraseTable(_with_article(tagged(q["counted"]))), outcomes=PhraseTable(tagged(q["outcomes"])),
        starts=frozenset(norm) | {normalize(k) for k in q["multipliers"]} | {p[0] for p in phrases(q["same_number"])}
        | {normalize(k).split()[0] for k in q["vague"]} | {normalize(w) for w in q["teen_ones"]},
        territory_after=phrases(q["territory_after"]),
        partitive=frozenset(normalize(w) for w in q["partitive"]),
        outcome_proclitics=frozenset(normalize(w) for w in q["outcome_proclitics"]),
        people=frozenset(q["people_counted"]), reach=int(q["outcome_reach"]), months=frozenset(month_words),
        labels=phrases(d["label_words"]),
        same_number=PhraseTable.of(phrases(q["same_number"])),
    )


def _bare(word: str, table: dict[str, int], first: bool) -> str | None:
    """The number word itself, or without its conjunction when it continues a number ("وخمسون")."""
    if word in table:
        return word
    if not first and word.startswith(conjunction()) and word[1:] in table:
        return word[1:]
    return None


class QuantityReader:
    def __init__(self, norm: NormalizedText) -> None:
        self.lex = lexicon()
        self.norm = norm

    def read(self, start: int, end: int) -> list[Quantity]:
        """Amounts in the normalised span [start, end)."""
        tokens = [(m.group(), m.start(), m.end()) for m in WORDS.finditer(self.norm.text, start, end)]
        words = [t[0] for t in tokens]
        out: list[Quantity] = []
        i = 0
        starts = self.lex.starts
        while i < len(words):
            if not (words[i][0].isdigit() or words[i] in starts):
                bare = _number_behind_proclitic(words[i])
                if bare is None:
                    i += 1
                    continue
                words[i] = bare  # "بثلاث" → "ثلاث", "للعشرات" → "العشرات" (the offsets stay the word's)
            number = self.number(words, i) or self.same_as_before(words, i, out)
            if number is None:
                i += 1
                continue
            value, j, vague = number
            if self.is_label(words, i, j):
                i = j
                continue
            q = self.amount(words, tokens, i, j, value, vague)
            out.append(q[0])
            i = q[1]
        return out

    def same_as_before(self, words: list[str], i: int, before: list[Quantity]) -> tuple[float, int, bool] | None:
        """"مقابل إطلاق عدد مماثل من الأسرى": as many as the amount read before it, approximately."""
        found = self.lex.same_number.starting(words, i)
        if found is None or not before or before[-1].min is None:
            return None
        return before[-1].min, i + len(found[0]), True

    def number(self, words: list[str], i: int) -> tuple[float, int, bool] | None:
        """(value, end word, vague) of a number starting at word i."""
        lex = self.lex
        word = words[i]
        if word[0].isdigit():
            value = _digits(word)
            if value is None:
                return None
            j = i + 1
            if j < len(words) and words[j] in lex.multipliers:
                value *= lex.multipliers[words[j]]
                j += 1
            return value, j, False
        vague = lex.vague.starting(words, i)
        if vague is not None and not (i > 0 and _bare(words[i - 1], lex.units, True)):
            return float(vague[1]), i + len(vague[0]), True  # type: ignore[arg-type]
        if word in lex.teen_ones and i + 1 < len(words) and words[i + 1] in lex.teens:
            return 11.0, i + 2, False
        return self.number_words(words, i)

    def number_words(self, words: list[str], i: int) -> tuple[float, int, bool] | None:
        """"ثلاثة آلاف وخمسمئة" = 3500, "خمسة وعشرون" = 25, "ثلاثة عشر" = 13, "عشرين ألفاً" = 20000."""
        lex = self.lex
        total, group, j = 0.0, 0.0, i
        while j < len(words):
            word, first = words[j], j == i
            if not first and 1 <= group < 10 and word in lex.teens:
                group += 10
            elif not first and 1 <= group < 10 and word in lex.hundreds:
                group *= 100
            elif not first and group and (mult := _bare(word, lex.multipliers, first)) is not None:
                total, group = total + group * lex.multipliers[mult], 0.0
            elif (unit := _bare(word, lex.units, first)) is not None:
                value = lex.units[unit]
                if value >= 1000:  # "ألف", "ألفين": a number of their own
                    if group:
                        break
                    total += value
                elif group and not word.startswith(conjunction()):
                    break  # two numbers side by side
                else:
                    group += value
            elif first and word in lex.multipliers:
                total += lex.multipliers[word]  # "مليون" alone
            else:
                break
            j += 1
        value = total + group
        return (value, j, False) if j > i and value else None

    def is_label(self, words: list[str], i: int, j: int) -> bool:
        """A year, a date, a clock time or a unit's number ("اللواء 93"), not an amount."""
        lex = self.lex
        if ending(words, i, lex.labels) is not None:
            return True
        if j < len(words) and words[j] in lex.months:
            return True
        if i > 0 and words[i - 1] in lex.months:
            return True  # "نوفمبر 2017"
        value = _digits(words[i]) if words[i][0].isdigit() else None
        return value is not None and j == i + 1 and 1900 <= value <= 2100 and len(words[i]) == 4

    def amount(self, words: list[str], tokens: list[tuple[str, int, int]], i: int, j: int, value: float,
               vague: bool) -> tuple[Quantity, int]:
        lex = self.lex
        lo: float | None = value
        hi: float | None = None if vague else value
        approx, first, last = vague, i, j
        opener = ending(words, i, lex.range_open)
        join = match(words, j, lex.range_join) if j < len(words) else None
        second = self.number(words, j + len(join)) if join else None
        if join is None and j < len(words) and words[j].startswith(conjunction()) and opener:
            second = self.number([words[j][1:], *words[j + 1:]], 0)
            if second is not None:
                second = (second[0], j + second[1], second[2])
                join = ()
        if opener is not None and second is not None and join is not None:
            hi, last = second[0], second[1]
            first = i - len(opener)
        elif (q := ending(words, i, lex.at_least)) is not None:
            hi, first = None, i - len(q)
        elif (q := ending(words, i, lex.more_than)) is not None:
            hi, approx, first = None, True, i - len(q)
        elif (q := ending(words, i, lex.less_than)) is not None:
            lo, hi, approx, first = None, value, True, i - len(q)
        elif (q := ending(words, i, lex.approximately)) is not None:
            approx, first = True, i - len(q)
        if (q := match(words, last, lex.at_least_after)) is not None:
            hi, last = None, last + len(q)
        elif (q := match(words, last, lex.approximately_after)) is not None:
            approx, last = True, last + len(q)
        kind, unit, last = self.kind(words, i, last)
        start, end = self.norm.span_to_original(tokens[first][1], tokens[last - 1][2])
        return Quantity(kind, lo, hi, approx, start, end, unit), max(last, j)

    def kind(self, words: list[str], i: int, j: int) -> tuple[str, str | None, int]:
        """(kind, counted unit, end word): the unit after the number, then what happened to those counted."""
        lex = self.lex
        after = j + 1 if j < len(words) and words[j] in lex.partitive else j  # "250 من المقاتلين"
        if (p := match(words, j, lex.percent)) is not None:
            end = j + len(p)
            return ("percent_territory" if match(words, end, lex.territory_after) else "percent"), None, end
        money = lex.money.starting(words, j) if j < len(words) else None
        if money is not None:
            return str(money[1]), None, j + len(money[0])
        both = lex.outcomes.starting(words, j) if j < len(words) else None
        if both is not None and both[1] == "killed_or_injured":  # "70 قتيلاً وجريحاً": not 70 killed
            return "killed_or_injured", None, j + len(both[0])
        unit, end = None, j
        for k in dict.fromkeys((j, after)):  # "من أفراد عائلاتهم" is a phrase of its own
            counted = lex.counted.starting(words, k) if k < len(words) else None
            if counted is not None:
                unit, end = str(counted[1]), k + len(counted[0])
                break
        if unit is not None and unit not in lex.people:
            return unit, None, end
        outcome = self.outcome(words, i, end)
        if outcome is not None:
            return outcome, unit, max(end, self.outcome_end(words, end, outcome))
        return unit or "count", None, end

    def outcome(self, words: list[str], i: int, j: int) -> str | None:
        """What happened to the people counted: "بين قتيل وجريح" right after the count, else the nearest outcome
        word before it ("قتل 12 مدنياً وجرح 20"), else the nearest after ("70 مدنياً سقطوا قتلى")."""
        lex = self.lex
        before: tuple[int, str] | None = None
        after: tuple[int, str] | None = None
        for k in range(max(0, i - lex.reach), min(len(words), j + lex.reach)):
            if i <= k < j:
                continue
            word = words[k]
            found = lex.outcomes.starting(words, k)
            if found is None and word[:1] in lex.outcome_proclitics and len(word) > 3:
                found = lex.outcomes.starting(words, k, word[1:])
            if found is None:
                continue
            kind = str(found[1])
            if k < i:
                before = (i - k, kind) if before is None or i - k < before[0] else before
            elif after is None:
                after = (k - j, kind)
        if after is not None and after[1] == "killed_or_injured" and after[0] <= 3:
            return after[1]
        return before[1] if before else (after[1] if after else None)

    def outcome_end(self, words: list[str], j: int, kind: str) -> int:
        """Take "بين قتيل وجريح" right after the count into the amount's text."""
        found = self.lex.outcomes.starting(words, j) if j < len(words) else None
        return j + len(found[0]) if found is not None and found[1] == kind else j


def _with_article(pairs: list[tuple[tuple[str, ...], Any]]) -> list[tuple[tuple[str, ...], Any]]:
    """Counted nouns also with the article ("عشرات الأسرى", "29 من المعتقلين"): on the first word, once."""
    the = article()
    return pairs + [((the + p[0], *p[1:]), v) for p, v in pairs if not p[0].startswith(the)]


@lru_cache(maxsize=200_000)
def _number_behind_proclitic(word: str) -> str | None:
    """"بثلاث" → "ثلاث", "للعشرات" → "العشرات": a number word behind a proclitic (the clitic table's forms)."""
    starts = lexicon().starts
    return next((form for form, _ in first_token_forms(word) if form != word and form in starts), None)


def _digits(word: str) -> float | None:
    text = word.replace(",", "") if re.fullmatch(r"\d{1,3}(?:,\d{3})+", word) else word.replace(",", ".")
    try:
        return float(text)
    except ValueError:
        return None


def quantities(norm: NormalizedText, start: int, end: int) -> list[Quantity]:
    """Amounts in the original span [start, end) of the text ``norm`` was made from."""
    nstart, nend = norm.from_original(start, end)
    return QuantityReader(norm).read(nstart, nend)
