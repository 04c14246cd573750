"""Readers for the input formats: one file (or stdin) in, documents out, never an exception per record."""

from __future__ import annotations

import csv
import gzip
import io
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from rasd.document import Document
from rasd.errors import InputError
from rasd.knowledge import load
from rasd.sources.decode import Undecodable, decode_bytes
from rasd.sources.html import html_document

FIELDS = ("id", "title", "text", "url", "published", "source", "byline")
STDIN = "-"


@dataclass(frozen=True)
class ReadOptions:
    max_bytes: int = 20_000_000  # per article (a text/HTML file, a JSONL line, a CSV field)
    fields: dict[str, str] = field(default_factory=dict)  # user overrides: field -> column name
    fmt: str | None = None  # force a format: txt, html, jsonl, csv


def detect_format(name: str) -> str | None:
    lower = name.lower().removesuffix(".gz")
    for fmt, suffixes in (("txt", (".txt", ".text")), ("html", (".html", ".htm", ".xhtml")),
                          ("jsonl", (".jsonl", ".ndjson", ".json")), ("csv", (".csv", ".tsv"))):
        if lower.endswith(suffixes):
            return fmt
    return None


def _sniff(data: bytes) -> str:
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"{"):
        return "jsonl"
    if head[:1] == b"<":
        return "html"
    return "txt"


def _failed(path: str, source_id: str, reason: str, record: int | None = None) -> Document:
    return Document(raw="", source_id=source_id, path=path, record=record).fail(reason)


def _open_binary(path: Path) -> IO[bytes]:
    return gzip.open(path, "rb") if path.suffix.lower() == ".gz" else path.open("rb")


class FieldMap:
    """Maps a record's keys to rasd's fields using the aliases in ``input_fields.yaml``."""

    def __init__(self, overrides: dict[str, str]) -> None:
        aliases = load("input_fields.yaml")
        self.aliases = {f: [overrides[f]] if f in overrides else aliases[f] for f in FIELDS}
        self._resolved: dict[tuple[str, ...], dict[str, str]] = {}  # dumps repeat one set of keys

    def resolve(self, keys: Iterable[str]) -> dict[str, str]:
        keys = tuple(keys)
        if keys not in self._resolved:
            self._resolved[keys] = self._resolve(keys)
        return self._resolved[keys]

    def _resolve(self, keys: tuple[str, ...]) -> dict[str, str]:
        by_lower = {k.lower().strip(): k for k in keys}
        found: dict[str, str] = {}
        for name, candidates in self.aliases.items():
            for cand in candidates:
                if cand.lower() in by_lower:
                    found[name] = by_lower[cand.lower()]
                    break
        return found

    def record(self, row: dict[str, Any], columns: dict[str, str]) -> dict[str, str]:
        out = {}
        for name, column in columns.items():
            value = row.get(column)
            if value is not None and str(value).strip():
                out[name] = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        return out


def _record_document(values: dict[str, str], path: str, record: int, fallback_id: str) -> Document:
    text = values.get("text", "")
    meta = {k: v.strip() for k, v in values.items() if k not in ("text", "id")}
    doc = Document(raw=text, source_id=str(values.get("id") or fallback_id), path=path, record=record, meta=meta)
    if not text.strip():
        doc.skip("no article text (empty text field)")
    return doc


def read_text_bytes(data: bytes, path: str, source_id: str, fmt: str) -> Document:
    """A single article from the bytes of a .txt or .html file."""
    if not data.strip():
        return Document(raw="", source_id=source_id, path=path).skip("empty file")
    try:
        decoded = decode_bytes(data)
    except Undecodable as exc:
        return _failed(path, source_id, str(exc))
    if fmt == "html":
        doc = html_document(decoded.text, source_id, path)
    else:
        doc = Document(raw=decoded.text, source_id=source_id, path=path)
    doc.meta["encoding"] = decoded.encoding
    if decoded.warning and doc.ok:
        doc.reason = decoded.warning
    if doc.ok and not decoded.text.strip():
        doc.skip("empty file (whitespace only)")
    return doc


def _read_limited(fh: IO[bytes], limit: int) -> bytes | None:
    data = fh.read(limit + 1)
    return None if len(data) > limit else data


def _read_single(path: Path, fmt: str, opts: ReadOptions) -> Iterator[Document]:
    name = str(path)
    try:
        with _open_binary(path) as fh:
            data = _read_limited(fh, opts.max_bytes)
    except OSError as exc:
        yield _failed(name, path.name, f"cannot read file: {exc.strerror or exc}")
        return
    if data is None:
        limit_mb = opts.max_bytes / 1_000_000
        yield _failed(name, path.name, f"file larger than the {limit_mb:g} MB limit (raise it with --max-mb)")
        return
    yield read_text_bytes(data, name, path.name, fmt)


def _lines_limited(fh: IO[bytes], limit: int) -> Iterator[bytes | None]:
    """Lines of a binary stream; a line over ``limit`` bytes is consumed and yielded as None."""
    while True:
        line = fh.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            while True:
                rest = fh.readline(1 << 20)
                if not rest or rest.endswith(b"\n"):
                    break
            yield None
            continue
        yield line


def read_jsonl_stream(fh: IO[bytes], name: str, opts: ReadOptions) -> Iterator[Document]:
    fields = FieldMap(opts.fields)
    stem = Path(name).name
    for lineno, line in enumerate(_lines_limited(fh, opts.max_bytes), start=1):
        fallback = f"{stem}:{lineno}"
        if line is None:
            yield _failed(name, fallback, f"line {lineno} is longer than the size limit", lineno)
            continue
        if not line.strip():
            continue
        try:
            row = json.loads(line.decode("utf-8-sig"))
        except UnicodeDecodeError as exc:
            yield _failed(name, fallback, f"line {lineno}: invalid UTF-8 at byte {exc.start}", lineno)
            continue
        except json.JSONDecodeError as exc:
            yield _failed(name, fallback, f"line {lineno}: malformed JSON ({exc.msg} at column {exc.colno})", lineno)
            continue
        if not isinstance(row, dict):
            yield _failed(name, fallback, f"line {lineno}: expected a JSON object, got {type(row).__name__}", lineno)
            continue
        columns = fields.resolve(row.keys())
        if "text" not in columns:
            seen = ", ".join(sorted(row)) or "none"
            yield _failed(name, fallback, f"line {lineno}: no text field (keys seen: {seen}; use --field text=KEY)",
                          lineno)
            continue
        yield _record_document(fields.record(row, columns), name, lineno, fallback)


def _text_stream(fh: IO[bytes]) -> io.TextIOWrapper:
    head = fh.peek(65536)[:65536] if hasattr(fh, "peek") else b""
    try:
        encoding = decode_bytes(head).encoding if head else "utf-8"
    except Undecodable:
        encoding = "utf-8"
    if encoding == "utf-8" and head.startswith(b"\xef\xbb\xbf"):
        encoding = "utf-8-sig"
    return io.TextIOWrapper(fh, encoding=encoding, errors="replace", newline="")


def read_csv_stream(fh: IO[bytes], name: str, opts: ReadOptions) -> Iterator[Document]:
    fields = FieldMap(opts.fields)
    stem = Path(name).name
    csv.field_size_limit(max(opts.max_bytes, 131072))
    text = _text_stream(fh)
    dialect: type[csv.Dialect] | csv.Dialect = csv.excel_tab if name.lower().removesuffix(".gz").endswith(
        ".tsv") else csv.excel
    reader = csv.DictReader(text, dialect=dialect)
    try:
        header = reader.fieldnames or []
    except csv.Error as exc:
        raise InputError(f"{name}: unreadable CSV header ({exc})") from exc
    columns = fields.resolve(header)
    if "text" not in columns:
        raise InputError(f"{name}: no text column (columns seen: {', '.join(header) or 'none'}; "
                         "use --field text=COLUMN)")
    row_no = 0
    while True:
        row_no += 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield _failed(name, f"{stem}:{row_no}", f"row {row_no}: malformed CSV ({exc})", row_no)
            continue
        yield _record_document(fields.record(row, columns), name, row_no, f"{stem}:{row_no}")


def read_path(path: Path, opts: ReadOptions) -> Iterator[Document]:
    """Every article in one file. A file that cannot be read as a whole yields one failed document."""
    fmt = opts.fmt or detect_format(path.name)
    name = str(path)
    if fmt is None:
        try:
            with _open_binary(path) as fh:
                fmt = _sniff(fh.read(2048))
        except OSError as exc:
            yield _failed(name, path.name, f"cannot read file: {exc.strerror or exc}")
            return
    if fmt in ("txt", "html"):
        yield from _read_single(path, fmt, opts)
        return
    try:
        with _open_binary(path) as fh:
            reader = read_jsonl_stream if fmt == "jsonl" else read_csv_stream
            yield from reader(fh, name, opts)
    except InputError as exc:
        yield _failed(name, path.name, str(exc).removeprefix(f"{name}: "))
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        yield _failed(name, path.name, f"cannot read file: {exc}")


def read_stdin(opts: ReadOptions, stream: IO[bytes] | None = None) -> Iterator[Document]:
    data = (stream or sys.stdin.buffer).read()
    fmt = opts.fmt or _sniff(data)
    if fmt == "jsonl":
        yield from read_jsonl_stream(io.BytesIO(data), "<stdin>", opts)
    elif fmt == "csv":
        try:
            yield from read_csv_stream(io.BufferedReader(io.BytesIO(data)), "<stdin>", opts)
        except InputError as exc:
            yield _failed("<stdin>", "stdin", str(exc).removeprefix("<stdin>: "))
    else:
        if len(data) > opts.max_bytes:
            yield _failed("<stdin>", "stdin", "input larger than the size limit (raise it with --max-mb)")
            return
        yield read_text_bytes(data, "<stdin>", "stdin", fmt)
