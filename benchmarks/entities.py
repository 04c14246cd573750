"""Throughput of entity finding and resolution, on Syria/Iraq articles of ../shared/data/news/almayadeen.

    python benchmarks/entities.py [--limit 3000] [--workers 2]

Prints the articles/s of the cleaning pipeline with and without the entity stage (same input, same
workers), the entity stage's own rate, and mentions per article.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from rasd.config import Config
from rasd.corpus import process

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "news" / "almayadeen.jsonl.gz"
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


def run(path: Path, config: Config) -> tuple[float, int, int]:
    started = time.perf_counter()
    articles = mentions = 0
    for batch in process([path], config):
        articles += len(batch)
        mentions += sum(len(d.entities) for d in batch)
    return time.perf_counter() - started, articles, mentions


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=3000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"skipped: {CORPUS} not found (the benchmark needs ../shared beside the project)")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "theatre.jsonl"
        path.write_text("".join(theatre_articles(args.limit)), encoding="utf-8")
        with_entities = Config(workers=args.workers)
        without = replace(with_entities, stages=tuple(s for s in with_entities.stages if s != "entities"))
        run(path, replace(with_entities, workers=1))  # warm the caches (gazetteer, model) once
        t_without, n, _ = run(path, without)
        t_with, _, mentions = run(path, with_entities)
    stage = max(1e-9, t_with - t_without)
    print(f"articles            {n} Syria/Iraq articles from {CORPUS.name}, {args.workers} worker(s)")
    print(f"pipeline            {n / t_without:,.0f} articles/s without entities, {n / t_with:,.0f} with")
    print(f"entity stage        {n / stage:,.0f} articles/s ({stage / n * 1000:.2f} ms an article on "
          f"{args.workers} cores)")
    print(f"mentions            {mentions / max(1, n):.1f} an article")
    return 0


if __name__ == "__main__":
    sys.exit(main())
