"""Linking at scale: how long `rasd link` takes over the events of N articles, and what it finds.

    python benchmarks/link.py [--records FILE] [--articles 100000] [--outlets 3] [--workers 2] [--show 20] [--seed 1]

The events come from almayadeen.jsonl.gz (12k articles, Jan 2023 – Aug 2024), extracted once (or read
from --records, a `rasd extract` JSONL of it). To reach --articles, the corpus is laid down again as if
--outlets outlets had published each article on the same day (a copy's day moves by 0–1 day), and each
such group of outlets in a later period (dates moved on by whole multiples of the corpus's span): so many
more reports per day than one outlet gives, and events with several reports to merge, as a news stream
of several outlets has. Extraction time is not counted; linking starts from the records.

Prints reports, comparisons, seconds (reports read, linked, records written, on --workers processes), peak
RSS, how many events have several reports and how many are contested (by kind), then --show random
multi-report events and contradictions of the real corpus linked alone, for checking by hand.
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from shared_data import NEWS, missing

from rasd.link import link_records, linked_events

CORPUS = NEWS / "almayadeen.jsonl.gz"
KEEP = ("doc_id", "source_id", "source", "url", "published", "status", "duplicate_of", "events", "title")


def load(records: Path) -> list[dict[str, Any]]:
    out = []
    with records.open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            out.append({k: rec.get(k) for k in KEEP})
    return out


def moved(day: str | None, days: int) -> str | None:
    if not day:
        return day
    try:
        return (date.fromisoformat(day[:10]) + timedelta(days=days)).isoformat()
    except ValueError:
        return day


def copy(article: dict[str, Any], n: int, days: int) -> dict[str, Any]:
    """The article as outlet n ran it, ``days`` later."""
    if n == 0:
        return article
    events = []
    for event in article["events"]:
        when = event.get("date")
        if when and when.get("value"):
            event = {**event, "date": {**when, "value": moved(when["value"], days)}}
        events.append(event)
    return {**article, "doc_id": f"{article['doc_id']}~{n}", "source_id": f"{article['source_id']}~{n}",
            "source": f"outlet-{n % 100}", "url": None, "published": moved(article["published"], days),
            "events": events}


def stream(corpus: list[dict[str, Any]], articles: int, outlets: int) -> list[dict[str, Any]]:
    days = [date.fromisoformat(a["published"][:10]) for a in corpus if a.get("published")]
    span = (max(days) - min(days)).days + 30 if days else 0
    out: list[dict[str, Any]] = []
    n = 0
    while len(out) < articles:
        period, outlet = divmod(n, outlets)
        shift = period * span + outlet % 2
        out.extend(copy(a, n, shift) for a in corpus[:articles - len(out)])
        n += 1
    out.sort(key=lambda a: (a.get("published") or "", a["doc_id"]))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--records", type=Path, help="a `rasd extract` JSONL of the corpus (else extracted now)")
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--outlets", type=int, default=3)
    parser.add_argument("--show", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    if args.records is None and missing(args.corpus):
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        records = args.records
        if records is None:
            records = Path(tmp) / "records.jsonl"
            started = time.perf_counter()
            with records.open("w", encoding="utf-8") as fh:
                subprocess.run([sys.executable, "-m", "rasd", "extract", str(args.corpus), "--workers", "2"],
                               stdout=fh, check=True)
            print(f"extracted      {args.corpus.name} in {time.perf_counter() - started:.0f} s (not counted)")
        corpus = load(records)
    articles = stream(corpus, args.articles, args.outlets)
    started = time.perf_counter()
    linked = link_records(articles, workers=args.workers)
    seconds = time.perf_counter() - started
    events = list(linked_events(linked))
    rss = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)) / 1024
    print(f"articles       {len(articles):,} ({len(corpus):,} real, {args.outlets} outlets a period)")
    print(f"reports        {linked.reports:,}; {linked.compared:,} comparisons")
    print(f"time           {seconds:.1f} s with {args.workers} workers (reports read, linked, events written)")
    print(f"peak RSS       {rss:,.0f} MB (the largest process)")
    several = collections.Counter(min(len(e["reports"]), 10) for e in events)
    print(f"events         {len(events):,} with two or more reports "
          f"(by reports, 10 = ten or more: {dict(sorted(several.items()))})")
    kinds = collections.Counter(f"{c['kind']}/{c['strength']}" for e in events for c in e["contradictions"])
    print(f"contested      {sum(e['contested'] for e in events):,} events; {dict(kinds.most_common())}")
    if args.show:
        real = events if len(articles) <= len(corpus) else list(linked_events(link_records(corpus, args.workers)))
        across = [e for e in real if len({r["doc_id"] for r in e["reports"]}) > 1]
        contested = [e for e in real if e["contested"]]
        print(f"real corpus    {len(real):,} events with several reports, {len(across):,} across articles, "
              f"{len(contested):,} contested")
        rng = random.Random(args.seed)
        for title, pool in (("events across articles", across), ("contested events", contested)):
            print(f"\n--- {args.show // 2} random {title} (seed {args.seed})")
            for e in rng.sample(pool, min(args.show // 2, len(pool))):
                show(e)
    return 0


def show(event: dict[str, Any]) -> None:
    loc = (event.get("location") or {}).get("name_en")
    print(f"{event['id']} {event['type']} {(event.get('date') or {}).get('start')} {loc} "
          f"({len(event['reports'])} reports, {event['sources_independent']} sources)")
    for n, r in enumerate(event["reports"][:6]):
        print(f"  [{n}] {r['published']} {r['type']} said by {r['speaker'] or '-'}: "
              f"{r['evidence']['text'][:200]}")
    for c in event["contradictions"]:
        print(f"  !! {c['strength']} {c['kind']}: {c['values'][0]} {c['sides'][0]} vs {c['values'][1]} {c['sides'][1]}")


if __name__ == "__main__":
    sys.exit(main())
