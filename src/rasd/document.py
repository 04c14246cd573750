"""The one object that flows through the pipeline.

Stages work on ``view``: the article text as rasd reads it. For plain text and JSON/CSV fields the view
*is* the original input; for HTML it is the visible text, with ``view_to_raw`` mapping every view
character back to its offset in the HTML source. Spans held on the document are in view offsets;
``raw_span`` turns them into offsets into the original input, which is all that is ever published.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, NamedTuple

import numpy as np


class Status(StrEnum):
    OK = "ok"
    SKIPPED = "skipped"
    FAILED = "failed"


class Span(NamedTuple):
    """A half-open character span [start, end) in view offsets, with an optional label.

    A named tuple rather than a dataclass: documents cross process boundaries in batches, and tuples
    pickle several times faster.
    """

    start: int
    end: int
    label: str = ""


class Mention(NamedTuple):
    """An entity mentioned in the text (view offsets). Values not given here come from the knowledge base."""

    kind: str  # actor | person | place | org
    start: int
    end: int
    entity_id: str | None  # None for a name the knowledge base does not know (found by pattern or NER)
    resolved_by: str  # dictionary | fuzzy | coref | pattern | ner
    name_en: str | None = None  # overrides: relative places ("northern Daraa countryside"), unknown names
    name_ar: str | None = None
    precision: int | None = None
    role: str | None = None
    affiliation: str | None = None  # entity id
    nationality: str | None = None  # ISO 3166 alpha-3
    lat: float | None = None  # a point chosen for this mention (on a river or border near the action, …)
    lon: float | None = None
    located_by: str | None = None  # how that point was chosen: line | within | between | holder
    within: str | None = None  # the place whose point an unlisted place takes ("منطقة الملعب في الرقة")
    admin1: str | None = None  # the governorate of that point (from the place that placed it)


@dataclass
class Document:
    raw: str
    source_id: str
    path: str
    record: int | None = None  # line number (JSONL) or row number (CSV) inside ``path``
    meta: dict[str, Any] = field(default_factory=dict)  # title/url/published/source/byline given by input
    view: str = ""
    view_to_raw: list[int] | None = None  # view char i starts at raw offset view_to_raw[i] ...
    view_to_raw_end: list[int] | None = None  # ... and ends before view_to_raw_end[i] (entities are longer)
    status: Status = Status.OK
    reason: str | None = None
    language: str | None = None
    language_score: float | None = None
    lines: list[Span] = field(default_factory=list)
    blocks: list[Span] = field(default_factory=list)  # kept pieces of text, in reading order
    removed: list[Span] = field(default_factory=list)  # label = why
    headline: Span | None = None
    dateline: Span | None = None
    byline: Span | None = None
    published: str | None = None
    published_span: Span | None = None
    sentences: list[Span] = field(default_factory=list)
    entities: list[Mention] = field(default_factory=list)
    events: list[Any] = field(default_factory=list)  # rasd.extract.events.Event
    claims: list[Any] = field(default_factory=list)  # rasd.extract.events.Claim
    doc_id: str = ""
    fingerprint: Any = None  # MinHash signature (numpy uint32 array) of the body
    bands: Any = None  # its LSH band keys (numpy uint64 array), computed once where the signature is
    norm: Any = None  # cached NormalizedText of the view (see text.normalize.normalized_span)
    tokens: Any = None  # cached word tokens of the body over ``norm`` (entities finds them, events reuses them)
    duplicate_of: str | None = None
    similarity: float | None = None

    def __post_init__(self) -> None:
        if not self.view and self.view_to_raw is None:
            self.view = self.raw

    def __getstate__(self) -> dict[str, Any]:
        # numpy arrays pickle slowly one by one; their bytes do not
        state = dict(self.__dict__)
        for key in ("fingerprint", "bands"):
            if state[key] is not None:
                state[key] = (state[key].dtype.str, state[key].tobytes())
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        for key in ("fingerprint", "bands"):
            if state[key] is not None:
                dtype, data = state[key]
                state[key] = np.frombuffer(data, dtype=dtype)
        self.__dict__.update(state)

    @property
    def ok(self) -> bool:
        return self.status is Status.OK

    def fail(self, reason: str) -> Document:
        self.status, self.reason = Status.FAILED, reason
        return self

    def skip(self, reason: str) -> Document:
        self.status, self.reason = Status.SKIPPED, reason
        return self

    def text_of(self, span: Span) -> str:
        return self.view[span.start : span.end]

    def raw_span(self, span: Span) -> tuple[int, int]:
        """Offsets of ``span`` in the original input."""
        if self.view_to_raw is None:
            return span.start, span.end
        if span.end <= span.start:
            at = self.view_to_raw[span.start] if span.start < len(self.view_to_raw) else len(self.raw)
            return at, at
        ends = self.view_to_raw_end if self.view_to_raw_end is not None else self.view_to_raw
        last = ends[span.end - 1]
        return self.view_to_raw[span.start], last if ends is self.view_to_raw_end else last + 1

    @property
    def body(self) -> str:
        """The article after cleaning: kept blocks joined by newlines (headline and byline excluded)."""
        return "\n".join(self.view[b.start : b.end] for b in self.blocks)
