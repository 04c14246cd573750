"""Every input format, and the bad inputs of each: one status and one reason per article, never a crash."""

import gzip
import io
import json
from pathlib import Path

import pytest

from rasd.errors import InputNotFound
from rasd.sources.formats import ReadOptions, read_path, read_stdin
from rasd.sources.paths import expand_inputs
from tests.conftest import BODY, LEAD, article

TEXT = article("غارات على ريف إدلب", LEAD, *BODY)


def read(path: Path, **opts) -> list:
    return list(read_path(path, ReadOptions(**opts)))


def test_txt_file_is_one_article_with_its_name_as_source_id(tmp_path: Path) -> None:
    path = tmp_path / "idlib.txt"
    path.write_text(TEXT, encoding="utf-8")
    [doc] = read(path)
    assert doc.ok and doc.raw == TEXT and doc.source_id == "idlib.txt"


def test_empty_and_whitespace_files_are_skipped(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("  \n\n\t\n")
    assert [(d.status.value, d.reason) for d in read(tmp_path / "empty.txt")] == [("skipped", "empty file")]
    assert read(tmp_path / "blank.txt")[0].status.value == "skipped"


def test_binary_file_fails_with_reason(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    [doc] = read(path)
    assert doc.status.value == "failed" and doc.reason == "binary file (not text)"


def test_huge_file_is_refused_without_reading_it_whole(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:  # a sparse 200 MB file: nothing is written, and rasd must not read it all
        fh.truncate(200_000_000)
    [doc] = read(path)
    assert doc.status.value == "failed"
    assert "larger than the 20 MB limit" in doc.reason
    [small_limit] = read(tmp_path / "huge.txt", max_bytes=1000)
    assert "1000" not in small_limit.reason and "0.001 MB" in small_limit.reason


def test_jsonl_fields_are_mapped_and_bad_lines_fail_alone(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a1", "headline": "غارات على إدلب", "content": TEXT, "link": "https://example.org/a1",
                    "published_time": "2019-05-20T08:00:00+03:00", "outlet": "example"}, ensure_ascii=False),
        '{"id": "a2", "text": "broken',
        "[1, 2, 3]",
        json.dumps({"id": "a4", "title": "بلا نص"}, ensure_ascii=False),
        json.dumps({"id": "a5", "text": ""}),
        json.dumps({"id": "a6", "text": TEXT.replace("12", "13")}, ensure_ascii=False),
    ]
    path = tmp_path / "dump.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs = read(path)
    assert [d.status.value for d in docs] == ["ok", "failed", "failed", "failed", "skipped", "ok"]
    first = docs[0]
    assert first.source_id == "a1" and first.record == 1
    assert first.meta == {"title": "غارات على إدلب", "url": "https://example.org/a1",
                          "published": "2019-05-20T08:00:00+03:00", "source": "example"}
    assert docs[1].reason.startswith("line 2: malformed JSON")
    assert docs[2].reason == "line 3: expected a JSON object, got list"
    assert docs[3].reason == "line 4: no text field (keys seen: id, title; use --field text=KEY)"
    assert docs[4].reason == "no article text (empty text field)"


def test_jsonl_gz_and_field_override(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"uid": "x", "story_body": TEXT}, ensure_ascii=False) + "\n")
    [doc] = read(path, fields={"text": "story_body"})
    assert doc.ok and doc.raw == TEXT and doc.source_id == "x"


def test_jsonl_line_over_the_limit_fails_and_the_next_line_is_read(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    big = json.dumps({"text": "ا" * 5000})
    ok = json.dumps({"text": TEXT}, ensure_ascii=False)
    path.write_text(big + "\n" + ok + "\n", encoding="utf-8")
    docs = read(path, max_bytes=2000)
    assert docs[0].status.value == "failed" and "longer than the size limit" in docs[0].reason
    assert docs[1].ok and docs[1].raw == TEXT


def test_csv_columns_by_common_names_with_multiline_fields(tmp_path: Path) -> None:
    path = tmp_path / "scrape.csv"
    body = TEXT.replace('"', '""')
    path.write_text(f'headline,body,date,source\r\n"غارات على إدلب","{body}",2019-05-20,example\r\n',
                    encoding="utf-8-sig")
    [doc] = read(path)
    assert doc.ok and doc.raw == TEXT
    assert doc.meta["title"] == "غارات على إدلب" and doc.meta["published"] == "2019-05-20"
    assert doc.source_id == "scrape.csv:1"


def test_csv_without_text_column_names_the_columns_it_saw(tmp_path: Path) -> None:
    path = tmp_path / "scrape.csv"
    path.write_text("headline,summary\nعنوان,ملخص\n", encoding="utf-8")
    [doc] = read(path)
    assert doc.status.value == "failed"
    assert doc.reason == "no text column (columns seen: headline, summary; use --field text=COLUMN)"


def test_csv_in_cp1256(tmp_path: Path) -> None:
    path = tmp_path / "old.csv"
    path.write_bytes(("title,text\nعنوان," + LEAD.replace(",", "،") + "\n").encode("cp1256"))
    [doc] = read(path)
    assert doc.ok and doc.raw == LEAD.replace(",", "،")


def test_html_article_offsets_point_into_the_html_source(tmp_path: Path) -> None:
    html = ("<html dir='rtl'><head><title>غارات</title><meta property='article:published_time' "
            "content='2018-08-14T09:00:00+03:00'></head><body><nav><a href='/'>الرئيسية</a></nav>"
            "<article><h1>غارات على ريف إدلب الجنوبي</h1>"
            + "".join(f"<p>{p}</p>" for p in [LEAD, *BODY]).replace("«", "&quot;").replace("»", "&quot;")
            + "</article><footer>جميع الحقوق محفوظة</footer><script>var x = 1;</script></body></html>")
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    [doc] = read(path)
    assert doc.ok
    assert doc.meta["published"].startswith("2018-08-14")
    from rasd.export.jsonl import document_record
    from tests.conftest import process_docs

    rec = document_record(process_docs([doc])[0])
    assert rec["title"] == "غارات على ريف إدلب الجنوبي"
    ev = rec["title_evidence"]
    assert html[ev["start"]:ev["end"]] == "غارات على ريف إدلب الجنوبي"
    texts = [html[s["start"]:s["end"]] for s in rec["sentences"]]
    assert any("&quot;لم تنفذ أي طلعات&quot;" in t for t in texts)  # the entity is inside the span, whole
    assert not any("var x" in t or "الرئيسية" in t for t in texts)


def test_html_without_article_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "menu.html"
    path.write_text("<html><body><nav><a href='/'>الرئيسية</a> <a href='/x'>أخبار</a></nav></body></html>",
                    encoding="utf-8")
    [doc] = read(path)
    assert doc.status.value == "skipped" and "no article text" in doc.reason


def test_stdin_is_sniffed() -> None:
    jsonl = (json.dumps({"text": TEXT}, ensure_ascii=False) + "\n").encode("utf-8")
    [doc] = list(read_stdin(ReadOptions(), io.BytesIO(jsonl)))
    assert doc.ok and doc.raw == TEXT and doc.path == "<stdin>"
    [doc] = list(read_stdin(ReadOptions(), io.BytesIO(TEXT.encode("utf-8"))))
    assert doc.ok and doc.source_id == "stdin"


def test_paths_folders_globs_and_missing(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "a" / "two.jsonl").write_text("", encoding="utf-8")
    (tmp_path / "a" / "notes.pdf").write_bytes(b"%PDF")
    (tmp_path / "a" / ".hidden.txt").write_text(TEXT, encoding="utf-8")
    assert [p.name for p in expand_inputs([str(tmp_path / "a")])] == ["one.txt", "two.jsonl"]
    assert [p.name for p in expand_inputs([str(tmp_path / "**" / "*.txt")])] == ["one.txt"]
    with pytest.raises(InputNotFound, match=r"nope\.txt"):
        expand_inputs([str(tmp_path / "a"), str(tmp_path / "nope.txt")])
