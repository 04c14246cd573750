"""The built-in sample corpus, cleaned as the expectations written beside it say (no ../shared needed)."""

import json

import pytest

from rasd.config import Config
from rasd.corpus import process
from rasd.export.jsonl import document_record
from rasd.sample import ARTICLES_DIR, sample_files

EXPECTED = [json.loads(line) for line in (ARTICLES_DIR.parent / "expected.jsonl").open(encoding="utf-8")]


@pytest.fixture(scope="module")
def records() -> dict[tuple[str, str | None], dict]:
    out = {}
    for batch in process(sample_files(), Config()):
        for doc in batch:
            rec = document_record(doc)
            key = doc.source_id if doc.record is None or doc.path.endswith(".jsonl") else str(doc.record)
            out[(doc.path.rsplit("/", 1)[-1], None if doc.record is None else key)] = rec
    return out


def _ids(entry: dict) -> str:
    return f"{entry['file']}#{entry['record']}" if entry["record"] else entry["file"]


@pytest.mark.parametrize("entry", EXPECTED, ids=_ids)
def test_sample_article(entry: dict, records: dict) -> None:
    rec = records[(entry["file"], None if entry["record"] is None else str(entry["record"]))]
    if entry["language"] != "ar":
        assert rec["status"] == "skipped" and rec["reason"].startswith("not Arabic")
        return
    assert rec["status"] == "ok"
    if entry["headline"]:
        assert rec["title"] == entry["headline"]
    assert rec["dateline"] == entry["dateline"]
    assert rec["published"] == entry["published"]
    lines = rec["text"].split("\n")
    for furniture in entry["boilerplate"]:
        assert furniture not in lines and not (len(furniture) > 25 and furniture in rec["text"]), furniture
    for kept in entry["kept"]:
        assert kept in rec["text"] or kept == entry["headline"], kept
    if entry["same_story_as"]:
        assert rec["duplicate_of"] is not None


def test_offsets_of_every_sample_article_point_into_its_input(records: dict) -> None:
    for (name, _), rec in records.items():
        if rec["status"] != "ok" or rec["record"] is not None:
            continue
        raw = (ARTICLES_DIR / name).read_text(encoding="utf-8")
        for sentence in rec["sentences"]:
            assert raw[sentence["start"]:sentence["end"]].strip()
        for removed in rec["removed"]:
            assert raw[removed["start"]:removed["end"]] == removed["text"]
