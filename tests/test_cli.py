"""The commands, driven as a user would (typer's CliRunner)."""

import json
from pathlib import Path

from typer.testing import CliRunner

from rasd.cli import app
from tests.conftest import BODY, LEAD, article

runner = CliRunner()


def test_every_command_has_help() -> None:
    for command in ("ingest", "extract", "status", "search", "demo", "entities", "gazetteer", "ner"):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0, command
        assert "Usage" in result.output


def test_extract_prints_one_json_object_per_article(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(article("غارات على ريف إدلب", LEAD, *BODY), encoding="utf-8")
    (tmp_path / "b.txt").write_text("The Syrian army said on Thursday it had taken the town after a week of "
                                    "heavy fighting with rebel groups in the south.", encoding="utf-8")
    (tmp_path / "c.txt").write_bytes(b"")
    result = runner.invoke(app, ["extract", str(tmp_path)])
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["source_id"], r["status"]) for r in records] == [("a.txt", "ok"), ("b.txt", "skipped"),
                                                                ("c.txt", "skipped")]
    a = records[0]
    for key in ("doc_id", "source_id", "path", "title", "dateline", "byline", "published", "published_evidence",
                "language", "status", "reason", "text", "sentences", "removed"):
        assert key in a
    assert a["title"] == "غارات على ريف إدلب" and a["dateline"] == "دمشق" and a["language"] == "ar"
    assert records[1]["reason"].startswith("not Arabic (detected 'en'")


def test_extract_reads_stdin() -> None:
    line = json.dumps({"id": "s1", "title": "غارات على ريف إدلب", "text": article(LEAD, *BODY)}, ensure_ascii=False)
    result = runner.invoke(app, ["extract", "-"], input=line + "\n")
    assert result.exit_code == 0
    [record] = [json.loads(x) for x in result.stdout.splitlines()]
    assert record["source_id"] == "s1" and record["status"] == "ok"


def test_missing_path_is_an_error_with_nonzero_exit(tmp_path: Path) -> None:
    result = runner.invoke(app, ["ingest", str(tmp_path / "nope"), "--db", str(tmp_path / "x.duckdb")])
    assert result.exit_code == 2
    assert "no such file, folder or match" in result.output
    assert not (tmp_path / "x.duckdb").exists()


def test_bad_field_option_is_refused(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", str(tmp_path), "--field", "text"])
    assert result.exit_code != 0


def test_ingest_status_search_and_idempotence(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(article("غارات على ريف إدلب", "التاريخ : 15 ديسمبر 2017 م", LEAD,
                                                   *BODY), encoding="utf-8")
    (tmp_path / "in" / "b.csv").write_text("title,summary\nx,y\n", encoding="utf-8")
    first = runner.invoke(app, ["ingest", str(tmp_path / "in"), "--db", str(db)])
    assert first.exit_code == 0, first.output
    assert "2 new" in first.output
    again = runner.invoke(app, ["ingest", str(tmp_path / "in"), "--db", str(db)])
    assert "0 new" in again.output and "2 already stored" in again.output
    status = runner.invoke(app, ["status", "--db", str(db)])
    assert status.exit_code == 0
    assert "2017-12" in status.output and "failed" in status.output and "no text column" in status.output
    found = runner.invoke(app, ["search", "الدفاع المدنى", "--db", str(db)])  # alef maqsura for ya
    assert found.exit_code == 0 and "الدفاع المدني" in found.output


def test_status_without_database(tmp_path: Path) -> None:
    result = runner.invoke(app, ["status", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 2 and "no database" in result.output


def test_demo_ingests_the_built_in_sample(tmp_path: Path) -> None:
    result = runner.invoke(app, ["demo", "--db", str(tmp_path / "demo.duckdb")])
    assert result.exit_code == 0, result.output
    assert "24 articles read" in result.output
    assert "الرقة" in result.output


def test_entities_command_lists_the_most_mentioned(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    (tmp_path / "a.txt").write_text(article("غارات على ريف إدلب", LEAD, *BODY), encoding="utf-8")
    runner.invoke(app, ["ingest", str(tmp_path / "a.txt"), "--db", str(db)])
    result = runner.invoke(app, ["entities", "--db", str(db), "--kind", "actor"])
    assert result.exit_code == 0 and "Syrian Observatory" in result.output


def test_gazetteer_add_command(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("RASD_HOME", str(tmp_path / "home"))
    table = tmp_path / "adm1.tsv"
    table.write_text("adm1_pcode\tadm1_en\tadm1_ar\tcentroid_lat\tcentroid_lon\nSY07\tIdleb\tإدلب\t35.8\t36.6\n",
                     encoding="utf-8")
    result = runner.invoke(app, ["gazetteer", "add", str(table)])
    assert result.exit_code == 0 and "1 places from adm1.tsv" in result.output
    bad = runner.invoke(app, ["gazetteer", "add", str(tmp_path / "missing.tsv")])
    assert bad.exit_code == 2


def test_ner_train_command_reports_scores(tmp_path: Path) -> None:
    conll = tmp_path / "tiny.conll"
    sentence = "قال O\nالعقيد O\nسامر B-PER\nالأحمد I-PER\nفي O\nحماة B-LOC\n\n"
    conll.write_text(sentence * 30, encoding="utf-8")
    result = runner.invoke(app, ["ner", "train", "--conll", str(conll), "--model", str(tmp_path / "m.crfsuite")])
    assert result.exit_code == 0, result.output
    assert "Held-out" in result.output and (tmp_path / "m.crfsuite").exists()


def test_link_run_events_and_event_commands(tmp_path: Path) -> None:
    from tests.link.test_link import CAMP_CIVIL_DEFENCE, CAMP_SOHR, DARAA, write

    path = write(tmp_path / "news.jsonl", CAMP_SOHR, CAMP_CIVIL_DEFENCE, DARAA)
    result = runner.invoke(app, ["link", str(path), "--jsonl"])
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in result.output.splitlines()]
    camp = next(e for e in events if len({r["source_id"] for r in e["reports"]}) == 2)
    assert {"id", "type", "date", "location", "reports", "sources_independent", "quantities",
            "contradictions"} <= camp.keys()
    assert {"source_id", "event_index", "outlet", "speaker", "evidence"} <= camp["reports"][0].keys()
    assert {"kind", "strength", "sides", "values"} <= camp["contradictions"][0].keys()
    db = tmp_path / "s.duckdb"
    result = runner.invoke(app, ["run", str(path), "--db", str(db)])
    assert result.exit_code == 0 and "1 contested" in result.output, result.output
    result = runner.invoke(app, ["events", "--contested", "--db", str(db)])
    assert result.exit_code == 0 and camp["id"] in result.output, result.output
    result = runner.invoke(app, ["event", camp["id"], "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "soft quantity contradiction" in result.output and "النهار العربي" in result.output
    result = runner.invoke(app, ["link", "--db", str(db)])
    assert result.exit_code == 0 and "from 0 new articles" in result.output
    assert runner.invoke(app, ["event", "Enothere", "--db", str(db)]).exit_code == 1
    assert runner.invoke(app, ["link"]).exit_code == 2  # neither paths nor a store
