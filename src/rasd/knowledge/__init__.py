"""Language knowledge as data files, loaded once (in the spirit of dateparser's language data)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).parent / "data"


@cache
def load(name: str) -> Any:
    """Parsed content of ``knowledge/data/<name>`` (YAML), cached for the process."""
    with (DATA_DIR / name).open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)
