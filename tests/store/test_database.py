"""The store: idempotent, crash-safe, migrated, and searchable."""

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from rasd.config import Config
from rasd.corpus import ingest
from rasd.errors import StoreError
from rasd.store.database import Store
from rasd.store.schema import LATEST
from tests.conftest import BODY, LEAD, article

PLACES = ["إدلب", "حماة", "حلب", "درعا", "الرقة", "دير الزور", "الحسكة", "حمص", "اللاذقية", "القنيطرة"]


def write_corpus(path: Path, n: int) -> None:
    """``n`` distinct synthetic reports (different places, numbers and days), one JSON line each."""
    days = ["السبت", "الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة"]
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            place, other = PLACES[i % len(PLACES)], PLACES[(i * 7 + 3) % len(PLACES)]
            text = article(
                f"مقتل {i + 2} مدنيين بقصف على ريف {place}",
                f"{place} ـ قتل {i + 2} مدنيين وأصيب {i * 3 + 1} آخرون، {days[i % 7]}، بقصف مدفعي استهدف "
                f"بلدة في ريف {place} الشرقي، وفق ما أفاد به ناشطون محليون لوكالة الأنباء رقم {i}.",
                f"وقال مصدر طبي في مشفى {other} إن حالة {i % 5 + 1} من الجرحى خطرة، وإن المشفى يعاني نقصاً "
                f"في المعدات منذ {i % 11 + 2} أشهر بسبب الحصار المفروض على المنطقة.",
                BODY[i % 3])
            fh.write(json.dumps({"id": f"r{i}", "text": text, "source": f"outlet{i % 4}",
                                 "published": f"2018-0{i % 9 + 1}-1{i % 9}"}, ensure_ascii=False) + "\n")


def count(db: Path, sql: str) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchone()[0]
    finally:
        con.close()


def test_reingest_adds_nothing(tmp_path: Path) -> None:
    corpus, db = tmp_path / "c.jsonl", tmp_path / "s.duckdb"
    write_corpus(corpus, 30)
    with Store(db) as store:
        first = ingest([corpus], store, Config(batch_size=7))
        second = ingest([corpus], store, Config(batch_size=7))
        assert first.new == 30 and second.new == 0
        sentences = store.query("SELECT count(*) FROM sentences")[0][0]
    with Store(db) as store:
        ingest([corpus], store, Config(batch_size=30))
        assert store.query("SELECT count(*) FROM articles")[0][0] == 30
        assert store.query("SELECT count(*) FROM sentences")[0][0] == sentences
        assert store.query("SELECT count(*) FROM article_copies")[0][0] == 30


def test_sentences_view_gives_the_original_text(tmp_path: Path) -> None:
    corpus, db = tmp_path / "c.jsonl", tmp_path / "s.duckdb"
    write_corpus(corpus, 3)
    with Store(db) as store:
        ingest([corpus], store, Config())
        rows = store.query("SELECT a.raw, s.start, s.\"end\", s.text FROM sentence_texts s JOIN articles a "
                           "USING (doc_id)")
    assert rows
    for raw, start, end, text in rows:
        assert raw[start:end] == text


def test_near_copy_in_a_later_run_points_to_the_stored_original(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text(article("غارات على ريف إدلب", LEAD, *BODY), encoding="utf-8")
    second.write_text(article("Email", "غارات على إدلب", LEAD.replace("أمس الخميس", "الخميس"), *BODY),
                      encoding="utf-8")
    with Store(db) as store:
        ingest([first], store, Config())
        stats = ingest([second], store, Config())
        assert stats.new == 1 and stats.duplicates == 1
        (orig,), (copy_of,) = store.query("SELECT doc_id FROM articles WHERE path LIKE '%a.txt'"), \
            store.query("SELECT duplicate_of FROM articles WHERE path LIKE '%b.txt'")
        assert copy_of == orig
        # the copy is recorded, but its sentences are not stored twice
        assert store.query("SELECT count(*) FROM sentences s JOIN articles a USING (doc_id) "
                           "WHERE a.duplicate_of IS NOT NULL")[0][0] == 0


def test_failed_batch_rolls_back_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus, db = tmp_path / "c.jsonl", tmp_path / "s.duckdb"
    write_corpus(corpus, 20)
    calls = {"n": 0}
    original = Store._insert_removed

    def crash_on_second_batch(self, docs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("disk full")
        original(self, docs)

    monkeypatch.setattr(Store, "_insert_removed", crash_on_second_batch)
    with Store(db) as store, pytest.raises(RuntimeError):
        ingest([corpus], store, Config(batch_size=10))
    assert count(db, "SELECT count(*) FROM articles") == 10
    assert count(db, "SELECT count(*) FROM article_copies") == 10
    monkeypatch.setattr(Store, "_insert_removed", original)
    with Store(db) as store:
        ingest([corpus], store, Config(batch_size=10))
    assert count(db, "SELECT count(*) FROM articles") == 20
    assert count(db, "SELECT count(DISTINCT doc_id) FROM sentences") == 20


def test_killed_process_loses_nothing_committed_and_rerun_duplicates_nothing(tmp_path: Path) -> None:
    corpus, db = tmp_path / "c.jsonl", tmp_path / "s.duckdb"
    write_corpus(corpus, 3000)
    cmd = [sys.executable, "-m", "rasd", "ingest", str(corpus), "--db", str(db), "--batch-size", "50"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(2.5)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    committed = count(db, "SELECT count(*) FROM articles") if db.exists() else 0
    assert committed < 3000, "the run finished before it could be killed; give it more articles"
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    assert count(db, "SELECT count(*) FROM articles") == 3000
    assert count(db, "SELECT count(*) - count(DISTINCT doc_id) FROM articles") == 0
    assert count(db, "SELECT count(*) FROM (SELECT doc_id, idx FROM sentences GROUP BY ALL HAVING count(*) > 1)") \
        == 0


def test_schema_version_and_refusal_of_newer_databases(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        assert store.schema_version() == LATEST
    con = duckdb.connect(str(db))
    con.execute("UPDATE rasd_meta SET value = ? WHERE key = 'schema_version'", [str(LATEST + 1)]).fetchall()
    con.close()
    with pytest.raises(StoreError, match="newer than this rasd"):
        Store(db)


def test_search_is_spelling_insensitive(tmp_path: Path) -> None:
    db, path = tmp_path / "s.duckdb", tmp_path / "a.txt"
    path.write_text(article("غارات على ريف إدلب", LEAD, *BODY), encoding="utf-8")
    with Store(db) as store:
        ingest([path], store, Config())
        hits = store.search("مستشفى معرة النعمان")  # no hit: the text says مركزاً طبياً
        assert hits == []
        hits = store.search("معره النعمان")  # ta marbuta written as ha
        assert len(hits) == 1 and "معرة النعمان" in hits[0][-1]


def test_entities_are_stored_and_counted(tmp_path: Path) -> None:
    db, path = tmp_path / "s.duckdb", tmp_path / "a.txt"
    path.write_text(article("غارات على ريف إدلب", LEAD, *BODY), encoding="utf-8")
    with Store(db) as store:
        ingest([path], store, Config())
        rows = store.query("SELECT kind, entity_id, text, start, \"end\" FROM entities ORDER BY idx")
        raw = store.query("SELECT raw FROM articles")[0][0]
        top = store.top_entities()
    assert rows and all(raw[s:e] == text for _, _, text, s, e in rows)
    assert ("actor", "sohr") in {(k, i) for k, i, *_ in rows}
    assert any(t[1] == "sohr" and t[4] >= 1 for t in top)


def test_events_and_claims_are_stored_once_with_their_evidence(tmp_path: Path) -> None:
    db, path = tmp_path / "s.duckdb", tmp_path / "a.jsonl"
    write_corpus(path, 6)
    for _ in range(2):  # a second run adds nothing
        with Store(db) as store:
            ingest([path], store, Config())
    with Store(db) as store:
        rows = store.query("SELECT e.type, e.modality, e.evidence_start, e.evidence_end, e.record, a.raw "
                           "FROM events e JOIN articles a USING (doc_id) ORDER BY doc_id, idx")
        kinds = {k for (k,) in store.query("SELECT kind FROM claims")}
        per_doc = store.query("SELECT doc_id, count(*) FROM events GROUP BY 1")
    assert len(per_doc) == 6 and all(n >= 1 for _, n in per_doc)
    assert any(t == "ASSAULT" and m == "asserted" for t, m, *_ in rows)
    for _, _, start, end, record, raw in rows:
        event = json.loads(record)
        assert raw[start:end] == event["evidence"]["text"]
        for q in event["quantities"]:
            assert raw[q["start"]:q["end"]] == q["text"]
    assert "statement" in kinds
    assert count(db, "SELECT count(*) FROM events") == sum(n for _, n in per_doc)
