"""Expanding what the user typed (files, folders, globs, "-") into a list of inputs."""

from __future__ import annotations

import glob
from pathlib import Path

from rasd.errors import InputNotFound
from rasd.sources.formats import STDIN, detect_format

_GLOB_CHARS = set("*?[")


def expand_inputs(specs: list[str]) -> list[str | Path]:
    """Files in order; folders are walked for known formats (hidden files skipped). Raise on no match."""
    found: list[str | Path] = []
    missing: list[str] = []
    for spec in specs:
        if spec == STDIN:
            found.append(STDIN)
            continue
        if _GLOB_CHARS & set(spec):
            matches = sorted(Path(m) for m in glob.glob(spec, recursive=True))
            files = [p for m in matches for p in _files_under(m)]
            if not files:
                missing.append(spec)
            found.extend(files)
            continue
        path = Path(spec)
        if not path.exists():
            missing.append(spec)
            continue
        found.extend(_files_under(path))
    if missing:
        raise InputNotFound("no such file, folder or match: " + ", ".join(missing))
    return found


def _files_under(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.is_file() and detect_format(p.name)
                      and not any(part.startswith(".") for part in p.relative_to(path).parts))
    return []
