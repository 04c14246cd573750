"""Events on unseen Syria/Iraq articles of ../shared/data/news/almayadeen.jsonl.gz, for checking by hand.

    python benchmarks/unseen_events.py [--articles 100] [--sample 30] [--seed 11]

Prints how many events of each type and modality the articles yield, then a random sample of asserted and
negated events with their arguments and sentence (none of these articles was used to build rasd).
"""

from __future__ import annotations

import random
import sys
from collections import Counter

from shared_data import ALMAYADEEN, missing, unseen_arguments, unseen_records


def name(arg: dict | None) -> str:
    return (arg or {}).get("name_en") or (arg or {}).get("text") or "-"


def main() -> int:
    args = unseen_arguments(__doc__, articles=100, sample=30, seed=11)
    if missing(ALMAYADEEN):
        return 0
    records = [record for record, _ in unseen_records(args.articles, args.seed)[0]]
    events = [e for r in records for e in r["events"]]
    counted = [e for e in events if e["modality"] in ("asserted", "negated")]
    print(f"{len(records)} articles, {len(events)} events ({len(counted)} asserted or negated), "
          f"{sum(len(r['claims']) for r in records)} claims")
    print("types:", ", ".join(f"{t} {n}" for t, n in Counter(e["type"] for e in counted).most_common()))
    print("modalities:", ", ".join(f"{m} {n}" for m, n in Counter(e["modality"] for e in events).most_common()))
    print(f"\nrandom sample of {args.sample} events (seed {args.seed}):")
    for n, e in enumerate(random.Random(args.seed).sample(counted, min(args.sample, len(counted))), 1):
        print(f"{n:2}. {e['type']}/{e['mode']}/{e['modality']} [{e['trigger']['text']}] actor={name(e['actor'])} "
              f"target={name(e['target'])} place={name(e['location'])} by={name(e['speaker'])} "
              f"numbers={[(q['kind'], q['min']) for q in e['quantities']]}")
        print(f"    {' '.join(e['evidence']['text'].split())[:260]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
