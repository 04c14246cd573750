"""Throughput and memory of ingest + clean + segment (+ store) on SaudiNewsNet (31k articles).

    python benchmarks/ingest.py [--limit N] [--workers 2] [--no-store]

Reads ../shared/data/news/saudinewsnet.jsonl.gz (skips with a message when it is absent) and prints
articles/s, MB/s of article text and peak RSS (this process, and the largest worker).
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import resource
import sys
import tempfile
import time
from pathlib import Path

from shared_data import NEWS, missing

from rasd.config import DEFAULT_STAGES, Config
from rasd.corpus import IngestStats, ingest, process
from rasd.store.database import Store

CORPUS = NEWS / "saudinewsnet.jsonl.gz"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=500)
    parser.add_argument("--no-store", action="store_true", help="clean and segment only (rasd extract)")
    parser.add_argument("--with-entities", action="store_true",
                        help="also find entities and events (the default pipeline); without, the foundation stages")
    args = parser.parse_args()
    if missing(args.corpus):
        return 0
    source = args.corpus
    with tempfile.TemporaryDirectory() as tmp:
        if args.limit:
            source = Path(tmp) / "subset.jsonl"
            with gzip.open(args.corpus, "rb") as src, source.open("wb") as dst:
                dst.writelines(itertools.islice(src, args.limit))
        foundation = tuple(s for s in DEFAULT_STAGES if s not in ("entities", "events"))
        stages = DEFAULT_STAGES if args.with_entities else foundation
        config = Config(workers=args.workers, batch_size=args.batch_size, stages=stages)
        stats = IngestStats()
        started = time.perf_counter()
        if args.no_store:
            for batch in process([source], config):
                stats.add(batch, 0)
        else:
            with Store(Path(tmp) / "bench.duckdb") as store:
                stats = ingest([source], store, config)
        elapsed = time.perf_counter() - started
    self_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    mb = stats.chars * 2 / 1e6  # Arabic text is ~2 bytes a character in UTF-8
    print(f"corpus        {args.corpus.name}{f' (first {args.limit})' if args.limit else ''}")
    print(f"mode          {'clean+segment' if args.no_store else 'ingest (clean+segment+store)'}"
          f"{' + entities' if args.with_entities else ''}, "
          f"{args.workers} worker(s), batch {args.batch_size}")
    print(f"articles      {stats.articles} ({', '.join(f'{n} {s}' for s, n in sorted(stats.by_status.items()))}; "
          f"{stats.duplicates} copies linked)")
    print(f"elapsed       {elapsed:.1f} s")
    print(f"throughput    {stats.articles / elapsed:,.0f} articles/s, {mb / elapsed:.1f} MB/s of text")
    print(f"peak RSS      {self_rss:.0f} MB main process, {child_rss:.0f} MB largest worker")
    return 0


if __name__ == "__main__":
    sys.exit(main())
