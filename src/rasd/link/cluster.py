"""Reports into real-world events, one article at a time, so that new articles link without a recompute.

Each report is compared only with reports of its block: one kind of event (a type family) in one region
(a governorate, or the wider place named), whose dates allow it, plus the other reports of its own article.
It joins the event of the report it is most like, when that is like enough (compare.LINK_SCORE), and no
report of that event rules it out; else it starts an event of its own. An event never grows past
``MAX_EVENT_DAYS``: daily reports of "clashes in Daraa" do not chain into one month-long event.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import chain

from rasd.link.compare import LINK_SCORE, MAX_GAP_DAYS, similarity
from rasd.link.reports import Report

MAX_EVENT_DAYS = 4
MEAN_SCORE = 0.4  # the least mean score against the articles that tell the event (no drifting chains) ...
SAMPLE = 3  # ... taken over its first and latest articles
MIN_SHARED_WORDS = 3  # a report of another article is compared only when it shares this many words ...
BUCKET_DAYS = 4  # reports are indexed by the bucket of days their first day falls in
RARE_WORD = 12  # a word this few reports of the block and days hold is rare there
COMMON_WORD = 150  # ... not counting words this many reports of the block and days hold


def event_id(report: Report) -> str:
    """Named after the report that started it: stable across runs and machines."""
    return "E" + hashlib.sha1(f"{report.doc_id}:{report.event_index}".encode()).hexdigest()[:12]


@dataclass
class _Block:
    """The reports of one block, indexed by word and day: a report is compared only with those that share
    words with it in the days around it (words that many of those reports hold say nothing, and are skipped).
    Reports whose date spans more than MAX_EVENT_DAYS ("last month") are kept only for their own article."""

    reports: list[Report] = field(default_factory=list)
    dated: dict[str, dict[int, list[int]]] = field(default_factory=dict)  # word -> first days' bucket -> positions
    undated: dict[str, list[int]] = field(default_factory=dict)

    def add(self, report: Report) -> None:
        n = len(self.reports)
        self.reports.append(report)
        first, last = report.day_lo, report.day_hi
        if first is None or last is None:
            for word in report.words:
                self.undated.setdefault(word, []).append(n)
        elif last - first <= MAX_EVENT_DAYS:
            dated, bucket = self.dated, first // BUCKET_DAYS
            for word in report.words:
                days = dated.get(word)
                if days is None:
                    dated[word] = {bucket: [n]}
                elif bucket in days:
                    days[bucket].append(n)
                else:
                    days[bucket] = [n]

    def near(self, report: Report) -> list[Report]:
        """Reports of other articles sharing MIN_SHARED_WORDS words with this one in its days, one of them rare
        there (RARE_WORD): in a week of strikes on Gaza, "قصف" "الاحتلال" "منزل" "رفح" are shared by all;
        a family's name, a street, a figure of speech tell one strike from the next. A statement needs no rare
        word: one speaker's one statement is told in the same few words."""
        words = report.words
        first, last = report.day_lo, report.day_hi
        lists: list[list[int]] = []
        rare: list[list[int]] = []
        if first is None or last is None:
            for word in words:
                found = self.undated.get(word)
                if found:
                    lists.append(found)
                    if len(found) <= RARE_WORD:
                        rare.append(found)
        elif last - first > MAX_EVENT_DAYS:
            return []
        else:
            window = range((first - MAX_GAP_DAYS - MAX_EVENT_DAYS) // BUCKET_DAYS,
                           (last + MAX_GAP_DAYS) // BUCKET_DAYS + 1)
            get = self.dated.get
            for word in words:
                days = get(word)
                if days is None:
                    continue
                found = [ids for day in window if (ids := days.get(day))]
                if not found:
                    continue
                total = sum(map(len, found))
                if total <= COMMON_WORD:
                    lists.extend(found)
                    if total <= RARE_WORD:
                        rare.extend(found)
        if not lists:
            return []
        need = min(MIN_SHARED_WORDS, len(words))
        counts = Counter(chain.from_iterable(lists))
        shared_rare = set(chain.from_iterable(rare))
        return [self.reports[n] for n, k in sorted(counts.items())  # in the order they came: ties break alike
                if k >= need and (report.statement or n in shared_rare)]


@dataclass
class Linker:
    blocks: dict[tuple[str, str | None], _Block] = field(default_factory=dict)
    event_of: dict[tuple[str, int], str] = field(default_factory=dict)
    reports: dict[str, list[Report]] = field(default_factory=dict)  # event id -> its reports, in order
    days: dict[str, tuple[int, int]] = field(default_factory=dict)  # event id -> first and last day_hi
    compared: int = 0

    def known(self, report: Report, event: str) -> None:
        """A report linked before (read back from the store): it is compared with, never re-decided."""
        self._join(report, event)

    def add_article(self, reports: Iterable[Report]) -> set[str]:
        """Link one article's reports; return the events that gained a report."""
        changed: set[str] = set()
        own: list[Report] = []
        for report in reports:
            if report.key in self.event_of:
                continue  # linked already: re-running never duplicates
            event = self._best(report, own)
            self._join(report, event)
            own.append(report)
            changed.add(event)
        return changed

    def _best(self, report: Report, own: list[Report]) -> str:
        block = self.blocks.get((report.family, report.region))
        pool = [*own, *(r for r in block.near(report) if r.doc_id != report.doc_id)] if block else own
        scores: dict[str, tuple[float, bool]] = {}  # event -> the best score of one of its reports; in this article?
        for other in pool:
            if other.family != report.family:
                continue
            self.compared += 1
            score = similarity(report, other)
            if score is not None and score >= LINK_SCORE:
                event = self.event_of[other.key]
                if score > scores.get(event, (0.0, False))[0]:
                    scores[event] = score, other.doc_id == report.doc_id
        for event in sorted(scores, key=scores.__getitem__, reverse=True):
            if self._fits(report, event, own=scores[event][1]):
                return event
        return event_id(report)

    def _fits(self, report: Report, event: str, own: bool) -> bool:
        """The event stays within MAX_EVENT_DAYS, no report of its article rules this one out, and a report
        that another article's report drew in is like the event as a whole, not only like its nearest report
        (daily strikes on Gaza do not chain into one event through each day's likeness to the day before)."""
        if report.day_hi is not None and event in self.days:
            first, last = self.days[event]
            if max(last, report.day_hi) - min(first, report.day_hi) > MAX_EVENT_DAYS:
                return False
        members = self.reports[event]
        if any(r.doc_id == report.doc_id and similarity(report, r) is None for r in members):
            return False
        if own:
            return True  # told again further on in its own article ("القافلة", "الهجوم")
        articles: dict[str, list[Report]] = {}
        for r in members:
            if r.doc_id != report.doc_id:
                articles.setdefault(r.doc_id, []).append(r)
        if len(articles) < 2:
            return True  # its nearest report is the article's telling
        told = list(articles.values())
        if len(told) > 2 * SAMPLE:
            told = [*told[:SAMPLE], *told[-SAMPLE:]]
        # how well each article's telling fits the report: the best of its reports
        scores = [max(similarity(report, r) or 0.0 for r in reports) for reports in told]
        return sum(scores) / len(scores) >= MEAN_SCORE

    def _join(self, report: Report, event: str) -> None:
        self.event_of[report.key] = event
        self.reports.setdefault(event, []).append(report)
        if report.day_hi is not None:  # the last day each report allows: when it is told, at the latest
            first, last = self.days.get(event, (report.day_hi, report.day_hi))
            self.days[event] = (min(first, report.day_hi), max(last, report.day_hi))
        self.blocks.setdefault((report.family, report.region), _Block()).add(report)
