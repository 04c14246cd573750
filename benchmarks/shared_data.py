"""Where the benchmarks find ../shared, and the one way they say it is not there."""

from __future__ import annotations

import argparse
import gzip
import json
import random
import tempfile
from pathlib import Path

from rasd.config import Config
from rasd.corpus import process
from rasd.export.jsonl import document_record

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


def unseen_arguments(doc: str | None, articles: int, sample: int, seed: int) -> argparse.Namespace:
    """--articles, --sample and --seed of the two hand-check benchmarks, with their defaults."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=articles)
    parser.add_argument("--sample", type=int, default=sample)
    parser.add_argument("--seed", type=int, default=seed)
    return parser.parse_args()


def unseen_records(count: int, seed: int) -> tuple[list[tuple[dict, str]], int]:
    """The records of an unseen sample (``unseen_theatre_sample``), each with its article's original text, and how
    many articles there were to pick from."""
    picked, candidates = unseen_theatre_sample(count, seed)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "unseen.jsonl"
        path.write_text("".join(picked), encoding="utf-8")
        records = [(document_record(d), d.raw) for batch in process([path], Config()) for d in batch]
    return records, candidates
