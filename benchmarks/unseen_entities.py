"""Entities on 200 unseen Syria/Iraq articles of ../shared/data/news/almayadeen.jsonl.gz.

    python benchmarks/unseen_entities.py [--articles 200] [--sample 50] [--seed 7]

Prints how many place and actor mentions were resolved to a known entity (and how), then a random sample
of resolutions with their context for checking by hand.
"""

from __future__ import annotations

import random
import sys
from collections import Counter

from shared_data import ALMAYADEEN, missing, unseen_arguments, unseen_records


def main() -> int:
    args = unseen_arguments(__doc__, articles=200, sample=50, seed=7)
    if missing(ALMAYADEEN):
        return 0
    records, candidates = unseen_records(args.articles, args.seed)
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
