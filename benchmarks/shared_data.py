"""Where the benchmarks find ../shared, and the one way they say it is not there."""

from __future__ import annotations

from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
NEWS = SHARED / "data" / "news"


def missing(path: Path) -> bool:
    """True (after saying so) when ``path`` is absent: the benchmark then skips."""
    if path.exists():
        return False
    print(f"skipped: {path} not found (the benchmark needs ../shared beside the project)")
    return True
