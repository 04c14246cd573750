"""The registry of stages and the loop that runs them (the spirit of spaCy's ``Language.__call__``).

Every stage is registered here, in one place you can grep. A per-article stage is
``Document -> Document``; a batch stage sees a list (it needs other articles, e.g. repeated lines).
A stage that raises fails only the article it was working on.
"""

from __future__ import annotations

import atexit
import gc
import logging
from collections.abc import Callable
from dataclasses import dataclass

from rasd.config import Config
from rasd.document import Document
from rasd.extract.entities import find_entities
from rasd.extract.events import find_events
from rasd.text.fingerprint import assign_doc_id, fingerprint
from rasd.text.furniture import remove_furniture, remove_teasers_and_captions, split_lines
from rasd.text.langid import identify_language
from rasd.text.published import find_published
from rasd.text.repeated import RepeatedLines
from rasd.text.segment import segment
from rasd.text.structure import find_byline_and_dateline, find_headline

log = logging.getLogger(__name__)

DocStage = Callable[[Document], Document]
BatchStage = Callable[[list[Document]], list[Document]]

DOC_STAGES: dict[str, DocStage] = {
    "doc_id": assign_doc_id,
    "lines": split_lines,
    "furniture": remove_furniture,
    "teasers": remove_teasers_and_captions,
    "headline": find_headline,
    "byline": find_byline_and_dateline,
    "language": identify_language,
    "published": find_published,
    "segment": segment,
    "entities": find_entities,
    "events": find_events,
    "fingerprint": fingerprint,
}
BATCH_STAGES: dict[str, Callable[[Config], BatchStage]] = {
    "repeated_lines": lambda cfg: RepeatedLines(cfg.repeated_line_min_docs),
}
ALWAYS = frozenset({"doc_id"})  # stages that also run on skipped/failed articles


@dataclass
class _Step:
    name: str
    run: DocStage | BatchStage
    batch: bool


def warm_up(stages: tuple[str, ...] | list[str]) -> None:
    """Load the knowledge the stages need (indexes, models), then put it out of the garbage collector's reach:
    every full collection would otherwise walk the entity index's hundreds of thousands of objects again,
    which cost a third of the entity stage's time. Done once per process."""
    from rasd.extract.classifier import builtin_classifier
    from rasd.extract.dates import lexicon as date_words
    from rasd.extract.geo import geo_cues
    from rasd.extract.index import entity_index
    from rasd.extract.lexicon import event_lexicon
    from rasd.extract.ner import builtin_tagger
    from rasd.extract.quantities import lexicon as number_words

    if "entities" in stages:
        entity_index()
        builtin_tagger()
        geo_cues()
    if "events" in stages:
        event_lexicon()
        builtin_classifier()
        number_words()
        date_words()
    global _FROZEN
    if not _FROZEN:
        gc.freeze()
        gc.set_threshold(GC_YOUNG, *gc.get_threshold()[1:])  # articles make many short-lived objects
        atexit.register(gc.unfreeze)  # let the interpreter collect everything on the way out
        _FROZEN = True


GC_YOUNG = 20_000  # allocations between young-generation collections (CPython's default, 700, costs ~25 %)
_FROZEN = False


class Pipeline:
    def __init__(self, config: Config) -> None:
        self.config = config
        warm_up(config.stages)
        unknown = [n for n in config.stages if n not in DOC_STAGES and n not in BATCH_STAGES]
        if unknown:
            raise ValueError(f"unknown pipeline stage(s): {', '.join(unknown)}")
        self.steps = [
            _Step(n, BATCH_STAGES[n](config), True) if n in BATCH_STAGES else _Step(n, DOC_STAGES[n], False)
            for n in config.stages
        ]

    @property
    def stage_names(self) -> list[str]:
        return [s.name for s in self.steps]

    def __call__(self, docs: list[Document]) -> list[Document]:
        for step in self.steps:
            if step.batch:
                docs = self._run_batch(step, docs)
                continue
            for i, doc in enumerate(docs):
                if doc.ok or step.name in ALWAYS:
                    docs[i] = self._run_one(step, doc)
        for doc in docs:
            doc.norm = doc.tokens = None  # caches, not results: do not ship them between processes
        return docs

    @staticmethod
    def _run_one(step: _Step, doc: Document) -> Document:
        try:
            return step.run(doc)
        except Exception as exc:  # one broken article must never stop a batch
            log.exception("stage %s failed on %s", step.name, doc.source_id)
            return doc.fail(f"internal error in stage '{step.name}': {type(exc).__name__}: {exc}")

    @staticmethod
    def _run_batch(step: _Step, docs: list[Document]) -> list[Document]:
        try:
            return step.run(docs)
        except Exception:
            log.exception("batch stage %s failed; articles continue without it", step.name)
            return docs
