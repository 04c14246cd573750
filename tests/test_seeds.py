"""The five real seed articles against the gold standard (read from ../shared at run time)."""

import json

import pytest

from rasd.config import Config
from rasd.corpus import process
from rasd.export.jsonl import document_record
from rasd.sources.paths import expand_inputs


@pytest.fixture(scope="module")
def seeds(request: pytest.FixtureRequest) -> tuple[dict, dict]:
    shared = request.getfixturevalue("shared")
    gold = {json.loads(x)["doc"]: json.loads(x) for x in (shared / "gold" / "seeds-docs.jsonl").open(encoding="utf-8")}
    out = {}
    for batch in process(expand_inputs([str(shared / "seeds")]), Config()):
        for doc in batch:
            out[doc.source_id] = (document_record(doc), doc.raw)
    return gold, out


def test_five_articles_clean_of_boilerplate(seeds) -> None:
    gold, out = seeds
    assert sorted(out) == sorted(gold)
    for name, g in gold.items():
        rec, _ = out[name]
        assert rec["status"] == "ok" and rec["language"] == "ar"
        for furniture in g["boilerplate"]:
            assert furniture not in rec["text"], (name, furniture)
        if g["headline"]:
            assert rec["title"] == g["headline"], name
        assert rec["dateline"] == g["dateline"], name
        assert rec["published"] == g["published"], name


def test_published_date_of_004_with_evidence(seeds) -> None:
    _, out = seeds
    rec, raw = out["004_f73e49b5b275455f.txt"]
    ev = rec["published_evidence"]
    assert rec["published"] == "2017-12-15"
    assert raw[ev["start"]:ev["end"]] == ev["text"]
    assert "15 ديسمبر 2017" in ev["text"]


def test_sentence_spans_lie_in_the_original(seeds) -> None:
    _, out = seeds
    for rec, raw in out.values():
        assert len(rec["sentences"]) >= 10
        for s in rec["sentences"]:
            assert raw[s["start"]:s["end"]] in rec["text"]
