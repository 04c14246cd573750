"""A report: one event as one article tells it, with what linking compares already worked out.

Reports are built from the records `rasd extract` prints (or the store keeps), so linking reads the public
contract and nothing else: the same code links a folder of JSONL and a database of millions of events.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlparse

from rasd.extract.classifier import stem
from rasd.extract.matcher import without_article
from rasd.link.figures import comparable
from rasd.link.knowledge import linking_knowledge
from rasd.text.normalize import normalize

COUNTED = ("asserted", "negated")  # hypothetical, future and generic mentions are no reports of an event
REPORTED_WITHIN_DAYS = 1  # an undated event in a dated article happened that day or the day before
_KEPT = ("location", "date", "trigger", "status")  # what a linked event shows of each report's record
_PRECISION_DAYS = {"day": 0, "week": 6, "month": 30, "year": 364}


@dataclass(slots=True)
class Report:
    doc_id: str
    event_index: int  # position in the article's `rasd extract` events
    source_id: str
    outlet: str | None
    published: str | None
    type: str
    family: str
    statement: bool
    mode: str | None  # None when it only repeats the type ("killing", "clashes")
    modality: str
    status: str | None
    actor: str | None  # entity id, else the normalised words that name it
    actor_name: str | None
    actor_side: str | None  # the body it belongs to (a spokesman's army), for "same side"
    actor_armed: bool  # an armed force or group (who can be blamed for an attack), not a ministry or a source
    target: str | None
    speaker: str | None
    speaker_name: str | None
    source_key: str  # who vouches for it: the speaker, else the outlet, else the article
    place: str | None
    place_name: str | None
    lat: float | None
    lon: float | None
    admin1: str | None
    place_precision: int | None
    region: str | None  # the governorate, else the place itself when it is a country or a wider area
    day_lo: int | None  # proleptic ordinal days: when it can have happened
    day_hi: int | None
    words: frozenset[str]
    figures: list[dict[str, Any]]  # its figures of this event (no running totals, durations or plain counts)
    denial: bool  # its sentence denies in so many words ("نفى", "عار عن الصحة"), not only "لم"
    evidence: dict[str, Any]
    sentence_start: int
    placed_in_sentence: bool  # its place is named in its own sentence (not taken from the paragraph)
    trigger_definite: bool  # "الهجوم": a noun with the article, which refers back when the article told it
    record: dict[str, Any]  # the parts of the event record a linked event shows (_KEPT)

    @property
    def key(self) -> tuple[str, int]:
        return self.doc_id, self.event_index


def _who(arg: dict | None) -> tuple[str | None, str | None, str | None]:
    """(key, display name, side) of an actor/target/speaker argument. A state's forces (its army, air force,
    police, intelligence) are one side: the country's."""
    if not arg:
        return None, None, None
    key = arg.get("id") or "~" + normalize(arg.get("text") or "")
    side = arg.get("affiliation") or arg.get("id")
    if arg.get("country") and arg.get("sector") in linking_knowledge().state_force_sectors:
        side = f"state:{arg['country']}"
    return key, arg.get("name_en") or arg.get("text"), side


def outlet_of(article: dict[str, Any]) -> str | None:
    """The outlet that published the article: the input's source field, else its web site."""
    if article.get("source"):
        return str(article["source"])
    url = article.get("url")
    if url:
        host = urlparse(str(url)).netloc.lower()
        return host.removeprefix("www.") or None
    return None


def day_range(event: dict[str, Any], published: str | None) -> tuple[int | None, int | None]:
    when = event.get("date") or {}
    if when.get("value"):
        try:
            first = date.fromisoformat(when["value"]).toordinal()
        except ValueError:
            first = None
        if first is not None:
            return first, first + _PRECISION_DAYS.get(when.get("precision") or "day", 0)
    if published:
        try:
            day = date.fromisoformat(published[:10]).toordinal()
        except ValueError:
            return None, None
        return day - REPORTED_WITHIN_DAYS, day
    return None, None


def content_words(text: str) -> frozenset[str]:
    """The words that tell one event from another: normalised, without clitics, article and function words."""
    cache = _WORD_CACHE
    out = set()
    for word in _WORD.findall(text):
        key = cache.get(word)
        if key is None:
            key = cache[word] = _content_key(word)
        if key:
            out.add(key)
    return frozenset(out)


def _content_key(written: str) -> str:
    word = normalize(written)
    if len(word) < 3 or word in linking_knowledge().stopwords:
        return ""
    word = stem(word)
    bare = without_article(word)
    if bare is not None and len(bare) >= 3:
        word = bare
    return sys.intern(word) if len(word) >= 3 else ""


_WORD = re.compile(r"[\u0621-\u0652\u0640\u0670]{3,}")  # Arabic letters, with their marks and tatweel
_WORD_CACHE: dict[str, str] = {}


def _source_key(arg: dict | None, speaker: str | None, outlet: str) -> str:
    """Who vouches for a report: its speaker; the outlet in its own voice; and "informed sources", "activists",
    "a medical source" are the outlet's sources, not one body across outlets."""
    if speaker is None:
        return f"outlet:{outlet}"
    if (arg or {}).get("subtype") == "generic":
        return f"speaker:{speaker}@{outlet}"
    return f"speaker:{speaker}"


def _denies(sentence: str) -> bool:
    """It denies in so many words, and denies the event, not a part in it ("نفى أي تورط")."""
    known = linking_knowledge()
    text = normalize(sentence)
    if not any(w in text for w in known.denial_words):
        return False
    words = _WORD.findall(text)
    return known.involvement_words.isdisjoint([*words, *map(stem, words)])


def report_from(article: dict[str, Any], index: int, event: dict[str, Any]) -> Report | None:
    """The report of event ``index`` of an article record; None for what is not a report of an event."""
    if event.get("modality") not in COUNTED:
        return None
    known = linking_knowledge()
    actor, actor_name, actor_side = _who(event.get("actor"))
    target, _, _ = _who(event.get("target"))
    speaker, speaker_name, _ = _who(event.get("speaker"))
    kind = f"{event['type']}/{event.get('mode')}"
    statement = event["type"] in known.statement_types or kind in known.statement_types
    if statement and speaker is None:  # "اتهم المرصد …": who accuses is who says so
        speaker, speaker_name = actor, actor_name
    outlet = outlet_of(article)
    doc_id = str(article.get("doc_id") or article.get("source_id"))
    loc = event.get("location") or {}
    precision = loc.get("precision")
    region = loc.get("admin1") or (loc.get("id") if loc else None)
    lo, hi = day_range(event, article.get("published"))
    evidence = event["evidence"]
    status = event.get("status") or {}
    return Report(
        doc_id=doc_id, event_index=index, source_id=str(article.get("source_id") or doc_id), outlet=outlet,
        published=article.get("published"), type=event["type"],
        family=family_of(event),
        statement=statement,
        mode=None if event.get("mode") in known.generic_modes else event.get("mode"), modality=event["modality"],
        status=status.get("value"),
        actor=actor, actor_name=actor_name, actor_side=actor_side,
        actor_armed=(event.get("actor") or {}).get("sector") in known.armed_sectors, target=target, speaker=speaker,
        speaker_name=speaker_name,
        source_key=_source_key(event.get("speaker"), speaker, outlet or doc_id),
        place=loc.get("id") or (normalize(loc["text"]) if loc.get("text") else None),
        place_name=loc.get("name_en") or loc.get("text"), lat=loc.get("lat"), lon=loc.get("lon"),
        admin1=loc.get("admin1"), place_precision=precision, region=region, day_lo=lo, day_hi=hi,
        words=content_words(evidence["text"]), figures=comparable(event.get("quantities") or [], evidence),
        denial=event["modality"] == "negated" and _denies(evidence["text"]),
        evidence={k: evidence[k] for k in ("text", "start", "end")}, sentence_start=int(evidence["start"]),
        placed_in_sentence=loc.get("from") == "sentence",
        trigger_definite=normalize((event.get("trigger") or {}).get("text") or "").startswith(known.definite),
        record={k: event.get(k) for k in _KEPT})


def family_of(event: dict[str, Any]) -> str:
    """The kind of event a report can be linked within (linking.yaml's families)."""
    family = linking_knowledge().family
    return family.get(f"{event['type']}/{event.get('mode')}") or family.get(event["type"], event["type"])


def reports_of(article: dict[str, Any], families: frozenset[str] | None = None) -> list[Report]:
    """Every report an article record holds (of those families only, if given). A copy of another article
    reports nothing new of its own."""
    if article.get("status") not in (None, "ok") or article.get("duplicate_of"):
        return []
    out = []
    for i, event in enumerate(article.get("events") or []):
        if families is not None and family_of(event) not in families:
            continue
        report = report_from(article, i, event)
        if report is not None:
            out.append(report)
    return out


def iso_day(ordinal: int | None) -> str | None:
    return date.fromordinal(ordinal).isoformat() if ordinal is not None else None
