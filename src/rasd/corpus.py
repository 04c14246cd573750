"""Runs the pipeline over many inputs: streaming, batching, worker processes and near-duplicate linking."""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from rasd.config import Config
from rasd.document import Document, Status
from rasd.pipeline import Pipeline, warm_up
from rasd.sources.formats import STDIN, read_path, read_stdin
from rasd.store.database import Store
from rasd.text.fingerprint import NearDuplicateIndex

log = logging.getLogger(__name__)

_worker_pipeline: Pipeline | None = None


def read_inputs(inputs: Iterable[str | Path], config: Config) -> Iterator[Document]:
    for item in inputs:
        if item == STDIN:
            yield from read_stdin(config.read)
        else:
            yield from read_path(Path(item), config.read)


def batched(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    it = iter(docs)
    while batch := list(islice(it, size)):
        yield batch


def _init_worker(config: Config) -> None:
    global _worker_pipeline
    _worker_pipeline = Pipeline(config)


def _run_in_worker(batch: list[Document]) -> list[Document]:
    assert _worker_pipeline is not None
    return _worker_pipeline(batch)


def process_batches(docs: Iterable[Document], config: Config) -> Iterator[list[Document]]:
    """Pipeline output batch by batch, in input order; with workers > 1, batches run in parallel."""
    batches = batched(docs, config.batch_size)
    if config.workers <= 1:
        pipeline = Pipeline(config)
        for batch in batches:
            yield pipeline(batch)
        return
    window: deque[Future[list[Document]]] = deque()
    warm_up(config.stages)  # loaded once here: forked workers share it, and the records need it too
    with ProcessPoolExecutor(config.workers, initializer=_init_worker, initargs=(config,)) as pool:
        for batch in batches:
            window.append(pool.submit(_run_in_worker, batch))
            if len(window) >= 2 * config.workers:
                yield window.popleft().result()
        while window:
            yield window.popleft().result()


def link_duplicates(batch: list[Document], index: NearDuplicateIndex, known: dict[str, str]) -> None:
    """Point exact and near copies at the first article seen; ``known`` maps doc_id → first doc_id."""
    for doc in batch:
        if not doc.ok or doc.duplicate_of is not None:
            continue
        if doc.doc_id in known:
            doc.duplicate_of, doc.similarity = known[doc.doc_id], 1.0
            continue
        known[doc.doc_id] = doc.doc_id
        if doc.fingerprint is None:
            continue
        match = index.find(doc.fingerprint, doc.bands)
        if match is not None:
            doc.duplicate_of, doc.similarity = match[0], round(match[1], 3)
        else:
            index.add(doc.doc_id, doc.fingerprint, doc.bands)


def process(inputs: Iterable[str | Path], config: Config) -> Iterator[list[Document]]:
    """Read, clean, segment and de-duplicate: the whole of ``rasd extract`` without the printing."""
    index = NearDuplicateIndex(config.near_duplicate_threshold)
    known: dict[str, str] = {}
    for batch in process_batches(read_inputs(inputs, config), config):
        link_duplicates(batch, index, known)
        yield batch


@dataclass
class IngestStats:
    articles: int = 0
    new: int = 0
    duplicates: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    chars: int = 0

    def add(self, batch: list[Document], new: int) -> None:
        self.articles += len(batch)
        self.new += new
        for doc in batch:
            self.by_status[doc.status.value] = self.by_status.get(doc.status.value, 0) + 1
            self.duplicates += doc.status is Status.OK and doc.duplicate_of is not None
            self.chars += len(doc.raw)


def ingest(inputs: Iterable[str | Path], store: Store, config: Config,
           on_batch: Callable[[list[Document], IngestStats], None] | None = None) -> IngestStats:
    """Process and store, one transaction per batch; articles already stored are not added again."""
    stats = IngestStats()
    for batch in process_batches(read_inputs(inputs, config), config):
        for pos, (doc_id, score) in store.stored_duplicates(batch, config.near_duplicate_threshold).items():
            if doc_id != batch[pos].doc_id:
                batch[pos].duplicate_of, batch[pos].similarity = doc_id, score
        link_duplicates(batch, NearDuplicateIndex(config.near_duplicate_threshold), {})
        new = store.add_batch(batch)
        stats.add(batch, new)
        if on_batch is not None:
            on_batch(batch, stats)
    return stats
