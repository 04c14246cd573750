"""One frozen configuration object passed explicitly (no module-level mutable state)."""

from __future__ import annotations

from dataclasses import dataclass, field

from rasd.sources.formats import ReadOptions

DEFAULT_STAGES = (
    "doc_id", "lines", "repeated_lines", "furniture", "teasers", "headline", "byline",
    "language", "published", "segment", "entities", "events", "fingerprint",
)


@dataclass(frozen=True)
class Config:
    read: ReadOptions = field(default_factory=ReadOptions)
    stages: tuple[str, ...] = DEFAULT_STAGES
    batch_size: int = 500  # articles per pipeline batch and per database transaction
    workers: int = 1  # processes for the per-article stages
    near_duplicate_threshold: float = 0.8  # estimated Jaccard of word 3-shingles
    repeated_line_min_docs: int = 4
