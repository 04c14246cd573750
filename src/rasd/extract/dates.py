"""When an event happened, from the words of its sentence and the article's publication date: "أمس", "الخميس
الماضي", "الليلة قبل الماضية", "منذ يومين", "الشهر الجاري", "27 نوفمبر", "15 كانون الأول 2017", "3 رمضان 1438 هـ".

A date with no publication date to anchor it keeps its text and precision, with no value ("unresolved").
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any

from rasd.extract.phrases import WORDS, Phrase, at, match, phrases, tagged
from rasd.extract.quantities import lexicon as number_words
from rasd.knowledge import load
from rasd.text.normalize import NormalizedText, normalize


@dataclass(frozen=True)
class EventDate:
    value: str | None  # ISO date of the day, or of the first day of the week/month/year; None: unresolved
    precision: str  # day | week | month | year
    start: int  # original offsets
    end: int

    def record(self, raw: str) -> dict[str, Any]:
        return {"value": self.value, "precision": self.precision, "text": raw[self.start:self.end],
                "start": self.start, "end": self.end}


@dataclass(frozen=True)
class DateLexicon:
    months: list[tuple[Phrase, int]]
    hijri_months: list[tuple[Phrase, int]]
    hijri_marks: frozenset[str]
    weekdays: list[tuple[Phrase, int]]
    past: frozenset[str]
    upcoming: frozenset[str]
    days: list[tuple[Phrase, int]]
    spans: list[tuple[Phrase, tuple[str, int]]]
    ago: frozenset[str]
    units: dict[str, str]  # normalised unit word -> day | week | month
    two: frozenset[str]
    first_words: frozenset[str]  # words any date phrase can start with (digits aside)
    day_word: str  # "يوم" before a weekday ("يوم الخميس")

    @cached_property
    def month_firsts(self) -> frozenset[str]:
        return frozenset(p[0] for p, _ in [*self.months, *self.hijri_months])

    @cached_property
    def weekday_firsts(self) -> frozenset[str]:
        return frozenset(p[0] for p, _ in self.weekdays)

    @cached_property
    def relative_firsts(self) -> frozenset[str]:
        return frozenset(p[0] for p, _ in [*self.days, *self.spans])


@cache
def lexicon() -> DateLexicon:
    d = load("dates.yaml")
    months = tagged({int(k): v for k, v in d["months"].items()})
    hijri = tagged({int(k): v for k, v in d["hijri_months"].items()})
    weekdays = tagged({int(k): v for k, v in d["weekdays"].items()})
    days = sorted(((tuple(normalize(k).split()), int(v)) for k, v in d["relative_days"].items()),
                  key=lambda p: -len(p[0]))
    spans = sorted(((tuple(normalize(k).split()), (v[0], int(v[1]))) for k, v in d["relative_spans"].items()),
                   key=lambda p: -len(p[0]))
    units = {normalize(w): unit for unit, key in (("day", "day_units"), ("week", "week_units"),
                                                   ("month", "month_units")) for w in d[key]}
    ago = frozenset(normalize(w) for w in d["ago_words"])
    day = normalize(d["day_word"])
    first = {p[0] for p, _ in [*months, *hijri, *weekdays, *days, *spans]} | ago | {day}
    return DateLexicon(months=months, hijri_months=hijri,  # type: ignore[arg-type]
                       hijri_marks=frozenset(normalize(w) for w in d["hijri_marks"]),
                       weekdays=weekdays, past=frozenset(p[0] for p in phrases(d["past_marks"])),  # type: ignore[arg-type]
                       upcoming=frozenset(p[0] for p in phrases(d["next_marks"])), days=days, spans=spans,
                       ago=ago, units=units, two=frozenset(normalize(w) for w in d["dual_two"]),
                       first_words=frozenset(first), day_word=day)


def _iso(day: dt.date) -> str:
    return day.isoformat()


class DateReader:
    def __init__(self, norm: NormalizedText, published: str | None) -> None:
        self.lex = lexicon()
        self.norm = norm
        self.anchor = dt.date.fromisoformat(published[:10]) if published else None

    def read(self, start: int, end: int) -> list[EventDate]:
        tokens = [(m.group(), m.start(), m.end()) for m in WORDS.finditer(self.norm.text, start, end)]
        words = [t[0] for t in tokens]
        out = []
        i = 0
        while i < len(words):
            if not (words[i][0].isdigit() or words[i] in self.lex.first_words):
                i += 1
                continue
            found = self.explicit(words, i) or self.weekday(words, i) or self.relative(words, i) or self.ago(words, i)
            if found is None:
                i += 1
                continue
            value, precision, j = found
            s, e = self.norm.span_to_original(tokens[i][1], tokens[j - 1][2])
            out.append(EventDate(value, precision, s, e))
            i = j
        return out

    def explicit(self, words: list[str], i: int) -> tuple[str | None, str, int] | None:
        """"27 نوفمبر", "15 كانون الأول 2017", "نوفمبر 2017", "3 رمضان 1438 هـ", "12/3/2019"."""
        lex = self.lex
        day = int(words[i]) if words[i].isdigit() and 1 <= int(words[i]) <= 31 else None
        k = i + 1 if day is not None else i
        if k >= len(words) or words[k] not in lex.month_firsts:
            return self.numeric(words, i)
        for table, hijri in ((lex.months, False), (lex.hijri_months, True)):
            for phrase, month in table:
                if not at(words, k, phrase):
                    continue
                j = k + len(phrase)
                year = int(words[j]) if j < len(words) and words[j].isdigit() and len(words[j]) == 4 else None
                j += year is not None
                if hijri:
                    if year is None or j >= len(words) or words[j] not in lex.hijri_marks:
                        return None
                    return _iso(hijri_to_gregorian(year, month, day or 1)), "day" if day else "month", j + 1
                if day is None and year is None:
                    return None  # a month name alone is too often something else ("آب" father, "مايو")
                year = year or self.year_for(month, day or 1)
                if year is None:
                    return None, "day" if day else "month", j
                try:
                    return _iso(dt.date(year, month, day or 1)), "day" if day else "month", j
                except ValueError:
                    return None
        return self.numeric(words, i)

    def numeric(self, words: list[str], i: int) -> tuple[str | None, str, int] | None:
        """"12/3/2019" (day/month/year, as Arabic news writes it)."""
        if i + 4 < len(words) and words[i + 1] == words[i + 3] == "/" and all(
                words[k].isdigit() for k in (i, i + 2, i + 4)):
            try:
                day = dt.date(int(words[i + 4]), int(words[i + 2]), int(words[i]))
            except ValueError:
                return None
            return _iso(day), "day", i + 5
        return None

    def year_for(self, month: int, day: int) -> int | None:
        """The year of a day written without one: the latest not after publication."""
        if self.anchor is None:
            return None
        year = self.anchor.year
        try:
            return year if dt.date(year, month, day) <= self.anchor else year - 1
        except ValueError:
            return year

    def weekday(self, words: list[str], i: int) -> tuple[str | None, str, int] | None:
        lex = self.lex
        k = i + 1 if words[i] == lex.day_word else i
        if k >= len(words) or words[k] not in lex.weekday_firsts:
            return None
        for phrase, weekday in lex.weekdays:
            if at(words, k, phrase):
                j = k + len(phrase)
                ahead = j < len(words) and words[j] in lex.upcoming
                past = j < len(words) and words[j] in lex.past
                j += ahead or past
                if self.anchor is None:
                    return None, "day", j
                back = (self.anchor.weekday() - weekday) % 7
                if ahead:
                    return _iso(self.anchor + dt.timedelta(days=(weekday - self.anchor.weekday()) % 7 or 7)), "day", j
                if past and back == 0:
                    back = 7
                return _iso(self.anchor - dt.timedelta(days=back)), "day", j
        return None

    def relative(self, words: list[str], i: int) -> tuple[str | None, str, int] | None:
        lex = self.lex
        if words[i] not in lex.relative_firsts:
            return None
        for phrase, offset in lex.days:
            if at(words, i, phrase):
                value = _iso(self.anchor + dt.timedelta(days=offset)) if self.anchor else None
                return value, "day", i + len(phrase)
        found = match(words, i, [p for p, _ in lex.spans])
        if found is None:
            return None
        unit, offset = dict(lex.spans)[found]
        return (self.shift(unit, offset) if self.anchor else None), unit, i + len(found)

    def shift(self, unit: str, offset: int) -> str:
        anchor = self.anchor
        assert anchor is not None
        if unit == "week":
            monday = anchor - dt.timedelta(days=anchor.weekday())
            return _iso(monday + dt.timedelta(weeks=offset))
        if unit == "month":
            month = anchor.month - 1 + offset
            return _iso(dt.date(anchor.year + month // 12, month % 12 + 1, 1))
        return _iso(dt.date(anchor.year + offset, 1, 1))

    def ago(self, words: list[str], i: int) -> tuple[str | None, str, int] | None:
        """"منذ يومين", "قبل ثلاثة أيام", "منذ أسبوعين"."""
        lex = self.lex
        if words[i] not in lex.ago or i + 1 >= len(words):
            return None
        j, count = i + 1, 1
        if words[j] in lex.two:
            count = 2
        elif words[j].isdigit() or words[j] in number_words().units:
            count = int(words[j]) if words[j].isdigit() else number_words().units[words[j]]
            j += 1
        if j >= len(words) or words[j] not in lex.units:
            return None
        unit = lex.units[words[j]]
        days = count * {"day": 1, "week": 7, "month": 30}[unit]
        value = _iso(self.anchor - dt.timedelta(days=days)) if self.anchor else None
        return value, "day" if unit == "day" else unit, j + 1


def hijri_to_gregorian(year: int, month: int, day: int) -> dt.date:
    """The arithmetical (tabular) Islamic calendar: within a day or two of the announced Umm al-Qura date."""
    jd = day + math.ceil(29.5 * (month - 1)) + (year - 1) * 354 + (3 + 11 * year) // 30 + 1948439 - 1
    return dt.date.fromordinal(jd - 1721425)


def find_dates(norm: NormalizedText, start: int, end: int, published: str | None) -> list[EventDate]:
    """Dates in the original span [start, end), resolved against ``published`` (ISO) when given."""
    nstart, nend = norm.from_original(start, end)
    return DateReader(norm, published).read(nstart, nend)
