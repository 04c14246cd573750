"""The built-in sample corpus: synthetic articles written for rasd in the style of real Arabic news sites."""

from __future__ import annotations

from pathlib import Path

from rasd.sources.formats import detect_format

ARTICLES_DIR = Path(__file__).parent / "articles"


def sample_files() -> list[Path]:
    """The sample's article files (text, HTML, JSONL, CSV), in name order."""
    return sorted(p for p in ARTICLES_DIR.iterdir() if p.name[:2].isdigit() and detect_format(p.name))
