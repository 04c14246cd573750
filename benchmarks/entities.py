"""Throughput of entity finding and resolution, on Syria/Iraq articles of ../shared/data/news/almayadeen.

    python benchmarks/entities.py [--limit 3000] [--workers 2]

Prints the entity stage's CPU time an article inside the pipeline (the pipeline's CPU time with the
stage minus without it, after the per-process start-up: index and model), the rate that gives on N cores,
and the rate of the whole pipeline with N worker processes.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import tempfile
import time
from pathlib import Path

from shared_data import NEWS, missing

from rasd.config import DEFAULT_STAGES, Config
from rasd.corpus import process
from rasd.document import Document
from rasd.extract.entities import find_entities
from rasd.extract.index import entity_index
from rasd.pipeline import Pipeline

CORPUS = NEWS / "almayadeen.jsonl.gz"
THEATRE_WORDS = ("سوريا", "سورية", "العراق", "دمشق", "بغداد", "حلب", "إدلب", "دير الزور", "الموصل")


def theatre_articles(limit: int) -> list[str]:
    lines = []
    with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if len(row.get("text") or "") > 300 and any(w in row["text"][:1500] for w in THEATRE_WORDS):
                lines.append(line)
                if len(lines) >= limit:
                    break
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    if missing(CORPUS):
        return 0
    lines = theatre_articles(args.limit)

    def fresh() -> list[Document]:
        return [Document(raw=row["text"], source_id=row["id"], path="bench", meta={"title": row["title"]})
                for row in map(json.loads, lines)]

    started = time.perf_counter()
    index = entity_index()
    find_entities(Pipeline(Config(stages=DEFAULT_STAGES[:DEFAULT_STAGES.index("entities")]))(fresh()[:1])[0])
    startup = time.perf_counter() - started
    without = Pipeline(Config(stages=tuple(s for s in DEFAULT_STAGES if s not in ("entities", "events"))))
    with_entities = Pipeline(Config(stages=tuple(s for s in DEFAULT_STAGES if s != "events")))
    cpu = {}
    for name, pipeline in (("without", without), ("with", with_entities), ("without2", without),
                           ("with2", with_entities)):
        docs = fresh()
        started = time.process_time()
        pipeline(docs)
        cpu[name] = time.process_time() - started
    n = len(docs)
    stage = (min(cpu["with"], cpu["with2"]) - min(cpu["without"], cpu["without2"])) / n
    mentions = sum(len(d.entities) for d in docs)
    chars = sum(len(d.view) for d in docs) / n
    print(f"articles       {n} Syria/Iraq articles from {CORPUS.name} (mean {chars:,.0f} characters)")
    print(f"startup        {startup:.2f} s per process (entity index: {len(index.table.entities):,} entities, "
          f"{len(index.names):,} aliases; NER model)")
    print(f"entity stage   {stage * 1000:.2f} ms CPU an article on one core (inside the pipeline) = "
          f"{1 / stage:,.0f} articles/s a core, {args.workers / stage:,.0f} articles/s on {args.workers} cores")
    print(f"mentions       {mentions / n:.1f} an article")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "theatre.jsonl"
        path.write_text("".join(lines), encoding="utf-8")
        started = time.perf_counter()
        total = sum(len(batch) for batch in process([path], Config(workers=args.workers)))
        elapsed = time.perf_counter() - started
    print(f"whole pipeline {total / elapsed:,.0f} articles/s with {args.workers} workers, startup included "
          f"({elapsed:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
