"""Evaluation against annotated gold files: run the extraction, then score it (score.py)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from rasd.config import Config
from rasd.corpus import process
from rasd.evaluate.links import score_links
from rasd.evaluate.score import Report, Scorer
from rasd.export.jsonl import document_record
from rasd.link import link_records, linked_events
from rasd.sources.paths import expand_inputs


def document_key(record: dict) -> str:
    """How gold files name a document: its file name (a folder of .txt), or its id (a JSONL of records)."""
    if record.get("record") is not None:
        return str(record["source_id"])
    return Path(record["path"]).name


def extract(inputs: Iterable[str], config: Config | None = None) -> dict[str, dict]:
    """Document key -> the article's `rasd extract` record (with ``raw``: the original text)."""
    out = {}
    for batch in process(expand_inputs(list(inputs)), config or Config()):
        for doc in batch:
            record = document_record(doc)
            record["raw"] = doc.raw
            out[document_key(record)] = record
    return out


def read_xdoc(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [line for row in fh if row.strip() and (line := json.loads(row)).get("type") == "XDOC"]


def read_gold(path: Path) -> tuple[list[dict], list[set[str]]]:
    """Event/claim lines, and the within-document same_event clusters of its XDOC lines."""
    lines, clusters = [], []
    with path.open(encoding="utf-8") as fh:
        for row in fh:
            if not row.strip():
                continue
            line = json.loads(row)
            if line.get("type") == "XDOC":
                if line.get("relation") == "same_event":
                    clusters.append(set(line.get("members") or []))
            else:
                lines.append(line)
    docs = {line["id"]: line["doc"] for line in lines}
    within = [m for m in clusters if len({docs.get(x) for x in m}) == 1]
    merged: list[set[str]] = []
    for members in within:  # overlapping clusters are one cluster
        hit = [c for c in merged if c & members]
        for c in hit:
            members |= c
            merged.remove(c)
        merged.append(members)
    return lines, merged


def evaluate(gold: Path, docs: Iterable[str], config: Config | None = None) -> Report:
    """Events and claims against the gold lines, then linked events and contradictions against its XDOC lines."""
    lines, clusters = read_gold(gold)
    records = extract(docs, config)
    report = Scorer().score({key: (r["raw"], r["events"]) for key, r in records.items()}, lines, clusters)
    linked = list(linked_events(link_records(records.values())))
    score_links(report, linked, {r["doc_id"]: key for key, r in records.items()}, read_xdoc(gold))
    return report
