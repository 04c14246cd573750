"""Where the benchmarks find ../shared, and the one way they say it is not there."""

from __future__ import annotations

import gzip
import json
import random
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
NEWS = SHARED / "data" / "news"


def missing(path: Path) -> bool:
    """True (after saying so) when ``path`` is absent: the benchmark then skips."""
    if path.exists():
        return False
    print(f"skipped: {path} not found (the benchmark needs ../shared beside the project)")
    return True


ALMAYADEEN = NEWS / "almayadeen.jsonl.gz"
THEATRE_WORDS = ("سوريا", "سورية", "العراق", "العراقية", "السورية")


def unseen_theatre_sample(count: int, seed: int) -> tuple[list[str], int]:
    """A seeded random sample of almayadeen articles about Syria or Iraq (JSON lines), and how many there were
    to pick from: articles rasd was never built on, for checks by hand."""
    rows = []
    with gzip.open(ALMAYADEEN, "rt", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if len(row.get("text") or "") > 500 and sum(row["text"].count(w) for w in THEATRE_WORDS) >= 3:
                rows.append(line)
    return random.Random(seed).sample(rows, min(count, len(rows))), len(rows)
