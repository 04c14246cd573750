"""Entities on 200 unseen Syria/Iraq articles of ../shared/data/news/almayadeen.jsonl.gz.

    python benchmarks/unseen_entities.py [--articles 200] [--sample 50] [--seed 7]

Prints how many place and actor mentions were resolved to a known entity (and how), then a random sample
of resolutions with their context for checking by hand.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from collections import Counter
from pathlib import Path

from shared_data import ALMAYADEEN, missing, unseen_theatre_sample

from rasd.config import Config
from rasd.corpus import process
from rasd.export.jsonl import document_record


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--sample", type=int, default=50)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if missing(ALMAYADEEN):
        return 0
    picked, candidates = unseen_theatre_sample(args.articles, args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "unseen.jsonl"
        path.write_text("".join(picked), encoding="utf-8")
        records = [(document_record(d), d.raw) for batch in process([path], Config()) for d in batch]
    counts: Counter = Counter()
    resolved = []
    for rec, raw in records:
        for e in rec["entities"]:
            group = "place" if e["kind"] == "place" else "actor" if e["kind"] in ("actor", "org") else "person"
            counts[(group, "all")] += 1
            counts[(group, "resolved" if e["id"] else "unresolved")] += 1
            counts[(group, e["resolved_by"])] += 1
            if e["id"]:
                resolved.append((e, raw))
    print(f"{len(records)} articles ({candidates} candidates about Syria/Iraq in {ALMAYADEEN.name}), "
          f"{sum(len(r['entities']) for r, _ in records) / max(1, len(records)):.1f} mentions an article")
    for group in ("place", "actor", "person"):
        total = counts[(group, "all")]
        how = ", ".join(f"{k} {counts[(group, k)]}" for k in ("dictionary", "coref", "context", "fuzzy", "pattern",
                                                              "ner") if counts[(group, k)])
        print(f"{group:7} {total:5} mentions, {counts[(group, 'resolved')] / max(1, total):.1%} resolved to a "
              f"known entity ({how})")
    print(f"\nrandom sample of {args.sample} resolutions (seed {args.seed}):")
    for n, (e, raw) in enumerate(random.Random(args.seed).sample(resolved, min(args.sample, len(resolved))), 1):
        left = raw[max(0, e["start"] - 45):e["start"]].replace("\n", " ")
        right = raw[e["end"]:e["end"] + 30].replace("\n", " ")
        print(f"{n:2}. [{e['text']}] -> {e['name_en']} ({e['kind']}, {e['resolved_by']})  …{left}⟦{e['text']}⟧{right}…")
    return 0


if __name__ == "__main__":
    sys.exit(main())
