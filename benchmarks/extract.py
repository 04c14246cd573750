"""Full extraction (cleaning, entities, events, claims, JSON records) on SaudiNewsNet, and how often its
mostly non-conflict articles yield a violent event (a false-positive check).

    python benchmarks/extract.py [--limit N] [--workers 2] [--show 30] [--seed 7]

Prints articles/s, peak RSS (this process and the largest worker), the share of articles with an asserted
ASSAULT or FIGHT event, and a random sample of those events with their sentence, for reading by hand.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

from shared_data import NEWS, missing

from rasd.config import Config
from rasd.corpus import process
from rasd.export.jsonl import document_record

CORPUS = NEWS / "saudinewsnet.jsonl.gz"
VIOLENT = ("ASSAULT", "FIGHT")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--show", type=int, default=30, help="violent events printed for reading")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if missing(args.corpus):
        return 0
    source = args.corpus
    violent: list[tuple[str, dict]] = []
    counts = {"articles": 0, "ok": 0, "events": 0, "claims": 0, "with_violent": 0, "bytes": 0}
    with tempfile.TemporaryDirectory() as tmp:
        if args.limit:
            source = Path(tmp) / "subset.jsonl"
            with gzip.open(args.corpus, "rb") as src, source.open("wb") as dst:
                dst.writelines(itertools.islice(src, args.limit))
        started = time.perf_counter()
        for batch in process([source], Config(workers=args.workers)):
            for doc in batch:
                record = document_record(doc)
                counts["bytes"] += len(json.dumps(record, ensure_ascii=False))
                counts["articles"] += 1
                counts["ok"] += doc.ok
                counts["events"] += len(record["events"])
                counts["claims"] += len(record["claims"])
                hits = [e for e in record["events"] if e["type"] in VIOLENT and e["modality"] == "asserted"]
                if hits:
                    counts["with_violent"] += 1
                    violent.append((record["title"] or doc.source_id, hits[0]))
        elapsed = time.perf_counter() - started
    self_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    n = counts["articles"]
    print(f"articles       {n:,} ({counts['ok']:,} ok) from {args.corpus.name}, {args.workers} workers")
    print(f"throughput     {n / elapsed:,.0f} articles/s ({elapsed:.1f} s, start-up included), "
          f"JSON out {counts['bytes'] / 1e6 / elapsed:.1f} MB/s")
    print(f"peak RSS       {self_rss:,.0f} MB main process, {child_rss:,.0f} MB largest worker")
    print(f"events         {counts['events'] / max(1, n):.2f} an article; claims {counts['claims'] / max(1, n):.2f}")
    print(f"violent        {counts['with_violent']:,} articles ({counts['with_violent'] / max(1, n):.1%}) with an "
          f"asserted {' or '.join(VIOLENT)} event")
    sample = random.Random(args.seed).sample(violent, min(args.show, len(violent)))
    for k, (title, event) in enumerate(sample, 1):
        print(f"{k:2}. {event['type']}/{event['mode']} [{event['trigger']['text']}] «{title[:60]}»")
        print(f"    {event['evidence']['text'][:220]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
