"""DuckDB store. One transaction per batch: a killed run loses at most the batch in flight."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa

from rasd.document import Document
from rasd.errors import StoreError
from rasd.export.jsonl import article_fields, claim_record, entity_record, event_record
from rasd.store.schema import LATEST, MIGRATIONS
from rasd.text.fingerprint import similarity
from rasd.text.normalize import normalize, translate_args

log = logging.getLogger(__name__)
DEFAULT_DB = "rasd.duckdb"
_RECORD_COLUMNS = ("doc_id", "source_id", "path", "record", "source", "url", "title", "dateline", "byline",
                   "published", "language", "status", "reason", "duplicate_of", "similarity", "text")
_EVIDENCE_KEYS = ("title_evidence", "dateline_evidence", "byline_evidence", "published_evidence")
_ENTITY_FIELDS = ("kind", "name_en", "name_ar", "text", "start", "end", "subtype", "sector", "country", "role",
                  "affiliation", "lat", "lon", "admin1", "admin2", "precision", "resolved_by", "located_by", "within",
                  "transliterated")
_ENTITY_SCHEMA = pa.schema(
    [("doc_id", pa.string()), ("idx", pa.int32()), ("entity_id", pa.string())]
    + [(c, pa.int32() if c in ("start", "end") else pa.int8() if c == "precision"
        else pa.float64() if c in ("lat", "lon") else pa.bool_() if c == "transliterated" else pa.string())
       for c in _ENTITY_FIELDS])
_EVENT_SCHEMA = pa.schema(
    [("doc_id", pa.string()), ("idx", pa.int32()), ("type", pa.string()), ("mode", pa.string()),
     ("modality", pa.string()), ("negated", pa.bool_()), ("acled_event_type", pa.string()),
     ("acled_sub_event_type", pa.string()), ("actor_id", pa.string()), ("actor_name", pa.string()),
     ("target_id", pa.string()), ("target_name", pa.string()), ("location_id", pa.string()),
     ("location_name", pa.string()), ("lat", pa.float64()), ("lon", pa.float64()), ("admin1", pa.string()),
     ("precision", pa.int8()), ("date", pa.string()), ("date_precision", pa.string()), ("speaker_id", pa.string()),
     ("speaker_name", pa.string()), ("evidence_start", pa.int32()), ("evidence_end", pa.int32()),
     ("confidence", pa.float64()), ("record", pa.string())])
_CLAIM_SCHEMA = pa.schema(
    [("doc_id", pa.string()), ("idx", pa.int32()), ("kind", pa.string()), ("speaker_id", pa.string()),
     ("speaker_name", pa.string()), ("claim_start", pa.int32()), ("claim_end", pa.int32()), ("record", pa.string())])
_ARTICLE_SCHEMA = pa.schema(
    [(c, pa.int32() if c == "record" else pa.float64() if c == "similarity" else pa.string())
     for c in _RECORD_COLUMNS]
    + [("raw", pa.string()), ("evidence", pa.string()), ("paragraphs", pa.string()),
       ("fingerprint", pa.binary())])


class Store:
    def __init__(self, path: str | Path = DEFAULT_DB, read_only: bool = False, memory_limit: str = "128MB",
                 threads: int = 2) -> None:
        self.path = str(path)
        try:
            self.con = duckdb.connect(self.path, read_only=read_only,
                                      config={"memory_limit": memory_limit, "threads": threads})
        except duckdb.Error as exc:
            raise StoreError(f"cannot open database {self.path}: {exc}") from exc
        if read_only:
            if self.schema_version() != LATEST:
                raise StoreError(f"{self.path} is not a rasd database of schema v{LATEST}")
        else:
            self.migrate()

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- schema ---------------------------------------------------------------------------------
    def schema_version(self) -> int:
        [(exists,)] = self.query("SELECT count(*) FROM information_schema.tables WHERE table_name = 'rasd_meta'")
        if not exists:
            return 0
        rows = self.query("SELECT value FROM rasd_meta WHERE key = 'schema_version'")
        return int(rows[0][0]) if rows else 0

    def migrate(self) -> None:
        current = self.schema_version()
        if current > LATEST:
            raise StoreError(f"{self.path} has schema v{current}, newer than this rasd (v{LATEST}); upgrade rasd")
        for version, description, statements in MIGRATIONS:
            if version <= current:
                continue
            with self.transaction():
                if version == 1:
                    self.query("CREATE TABLE IF NOT EXISTS rasd_meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
                for sql in statements:
                    self.query(sql)
                self.query("INSERT OR REPLACE INTO rasd_meta VALUES ('schema_version', ?)", [str(version)])
            log.info("migrated %s to schema v%d (%s)", self.path, version, description)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self.con.begin()
        try:
            yield
        except BaseException:
            self.con.rollback()
            raise
        self.con.commit()

    # --- writing --------------------------------------------------------------------------------
    def insert(self, table: str, rows: dict[str, list[Any]], schema: pa.Schema | None = None,
                ignore_conflicts: bool = False) -> None:
        """Bulk insert through Arrow (row-by-row inserts are a hundred times slower)."""
        if not rows or not next(iter(rows.values())):
            return
        arrow = pa.table(rows, schema=schema)
        self.con.register("_batch", arrow)
        try:
            cols = ", ".join(f'"{c}"' for c in rows)
            verb = "INSERT OR IGNORE" if ignore_conflicts else "INSERT"
            self.query(f"{verb} INTO {table} ({cols}) SELECT {cols} FROM _batch")
        finally:
            self.con.unregister("_batch")

    def existing_ids(self, doc_ids: list[str]) -> set[str]:
        if not doc_ids:
            return set()
        self.con.register("_ids", pa.table({"doc_id": doc_ids}))
        try:
            rows = self.query("SELECT a.doc_id FROM articles a JOIN _ids USING (doc_id)")
        finally:
            self.con.unregister("_ids")
        return {r[0] for r in rows}

    def stored_duplicates(self, docs: list[Document], threshold: float) -> dict[int, tuple[str, float]]:
        """For each batch position, the best stored near-copy (doc_id, similarity) at or over ``threshold``."""
        rows: dict[str, list[Any]] = {"pos": [], "band": [], "bucket": []}
        for pos, doc in enumerate(docs):
            if doc.ok and doc.fingerprint is not None:
                for band, key in enumerate(doc.bands.tolist()):
                    rows["pos"].append(pos)
                    rows["band"].append(band)
                    rows["bucket"].append(key)
        if not rows["pos"]:
            return {}
        self.con.register("_bands", pa.table(rows, schema=pa.schema(
            [("pos", pa.int32()), ("band", pa.uint8()), ("bucket", pa.uint64())])))
        try:
            found = self.query(
                """SELECT DISTINCT b.pos, a.doc_id, a.fingerprint FROM _bands b
                   JOIN minhash_bands m ON m.band = b.band AND m.bucket = b.bucket
                   JOIN articles a ON a.doc_id = m.doc_id""")
        finally:
            self.con.unregister("_bands")
        best: dict[int, tuple[str, float]] = {}
        for pos, doc_id, sig in found:
            score = similarity(docs[pos].fingerprint, np.frombuffer(sig, dtype=np.uint32))
            if score >= threshold and (pos not in best or score > best[pos][1]):
                best[pos] = (doc_id, round(score, 3))
        return best

    def add_batch(self, docs: list[Document]) -> int:
        """Store a batch atomically; return how many articles were new. Copies of stored articles are noted."""
        with self.transaction():
            existing = self.existing_ids([d.doc_id for d in docs])
            new: list[Document] = []
            seen: set[str] = set()
            for doc in docs:
                if doc.doc_id not in existing and doc.doc_id not in seen:
                    new.append(doc)
                    seen.add(doc.doc_id)
            self._insert_articles(new)
            self._insert_copies(docs)
            primary = [d for d in new if d.ok and d.duplicate_of is None]
            self._insert_sentences(primary)
            self._insert_removed(primary)
            self._insert_entities(primary)
            self._insert_events(primary)
            self._insert_bands(primary)
        return len(new)

    def _insert_articles(self, docs: list[Document]) -> None:
        rows: dict[str, list[Any]] = {f.name: [] for f in _ARTICLE_SCHEMA}
        for doc in docs:
            rec = article_fields(doc)
            for key in _RECORD_COLUMNS:
                rows[key].append(rec[key])
            rows["raw"].append(doc.raw)
            rows["evidence"].append(json.dumps({k: rec[k] for k in _EVIDENCE_KEYS}, ensure_ascii=False))
            rows["paragraphs"].append(json.dumps([doc.raw_span(b) for b in doc.blocks]))
            rows["fingerprint"].append(doc.fingerprint.tobytes() if doc.fingerprint is not None else None)
        self.insert("articles", rows, _ARTICLE_SCHEMA)

    def _insert_copies(self, docs: list[Document]) -> None:
        rows: dict[str, list[Any]] = {k: [] for k in ("doc_id", "source_id", "path", "record", "source", "url")}
        for doc in docs:
            rows["doc_id"].append(doc.doc_id)
            rows["source_id"].append(doc.source_id)
            rows["path"].append(doc.path)
            rows["record"].append(doc.record)
            rows["source"].append(doc.meta.get("source"))
            rows["url"].append(doc.meta.get("url"))
        self.insert("article_copies", rows, ignore_conflicts=True)

    def _insert_sentences(self, docs: list[Document]) -> None:
        rows: dict[str, list[Any]] = {k: [] for k in ("doc_id", "idx", "start", "end")}
        for doc in docs:
            for i, span in enumerate(doc.sentences):
                start, end = doc.raw_span(span)
                rows["doc_id"].append(doc.doc_id)
                rows["idx"].append(i)
                rows["start"].append(start)
                rows["end"].append(end)
        self.insert("sentences", rows)

    def _insert_removed(self, docs: list[Document]) -> None:
        rows: dict[str, list[Any]] = {k: [] for k in ("doc_id", "idx", "start", "end", "why", "text")}
        for doc in docs:
            for i, span in enumerate(doc.removed):
                start, end = doc.raw_span(span)
                rows["doc_id"].append(doc.doc_id)
                rows["idx"].append(i)
                rows["start"].append(start)
                rows["end"].append(end)
                rows["why"].append(span.label)
                rows["text"].append(doc.raw[start:end])
        self.insert("removed_spans", rows)

    def _insert_entities(self, docs: list[Document]) -> None:
        rows: dict[str, list[Any]] = {f.name: [] for f in _ENTITY_SCHEMA}
        for doc in docs:
            for i, mention in enumerate(doc.entities):
                rec = entity_record(doc, mention)
                rows["doc_id"].append(doc.doc_id)
                rows["idx"].append(i)
                rows["entity_id"].append(rec["id"])
                for key in _ENTITY_FIELDS:
                    rows[key].append(rec[key])
        self.insert("entities", rows, _ENTITY_SCHEMA)

    def _insert_events(self, docs: list[Document]) -> None:
        """Events and claims: the columns a query filters on, and the whole record as JSON."""
        events: dict[str, list[Any]] = {f.name: [] for f in _EVENT_SCHEMA}
        claims: dict[str, list[Any]] = {f.name: [] for f in _CLAIM_SCHEMA}
        for doc in docs:
            for i, event in enumerate(doc.events):
                rec = event_record(doc, event)
                loc, date = rec["location"] or {}, rec["date"] or {}
                values = {
                    "doc_id": doc.doc_id, "idx": i, "type": rec["type"], "mode": rec["mode"],
                    "modality": rec["modality"], "negated": rec["negated"],
                    "acled_event_type": rec["acled"]["event_type"],
                    "acled_sub_event_type": rec["acled"]["sub_event_type"],
                    "actor_id": (rec["actor"] or {}).get("id"), "actor_name": (rec["actor"] or {}).get("name_en"),
                    "target_id": (rec["target"] or {}).get("id"), "target_name": (rec["target"] or {}).get("name_en"),
                    "location_id": loc.get("id"), "location_name": loc.get("name_en"), "lat": loc.get("lat"),
                    "lon": loc.get("lon"), "admin1": loc.get("admin1"), "precision": loc.get("precision"),
                    "date": date.get("value") if date.get("value") else None, "date_precision": date.get("precision"),
                    "speaker_id": (rec["speaker"] or {}).get("id"),
                    "speaker_name": (rec["speaker"] or {}).get("name_en") or (rec["speaker"] or {}).get("text"),
                    "evidence_start": rec["evidence"]["start"], "evidence_end": rec["evidence"]["end"],
                    "confidence": rec["confidence"], "record": json.dumps(rec, ensure_ascii=False)}
                for key, value in values.items():
                    events[key].append(value)
            for i, claim in enumerate(doc.claims):
                rec = claim_record(doc, claim)
                speaker = rec["speaker"] or {}
                values = {"doc_id": doc.doc_id, "idx": i, "kind": rec["kind"], "speaker_id": speaker.get("id"),
                          "speaker_name": speaker.get("name_en") or speaker.get("text"),
                          "claim_start": rec["claim"]["start"], "claim_end": rec["claim"]["end"],
                          "record": json.dumps(rec, ensure_ascii=False)}
                for key, value in values.items():
                    claims[key].append(value)
        self.insert("events", events, _EVENT_SCHEMA)
        self.insert("claims", claims, _CLAIM_SCHEMA)

    def _insert_bands(self, docs: list[Document]) -> None:
        rows: dict[str, list[Any]] = {"band": [], "bucket": [], "doc_id": []}
        for doc in docs:
            if doc.bands is None:
                continue
            for band, key in enumerate(doc.bands.tolist()):
                rows["band"].append(band)
                rows["bucket"].append(key)
                rows["doc_id"].append(doc.doc_id)
        self.insert("minhash_bands", rows, pa.schema(
            [("band", pa.uint8()), ("bucket", pa.uint64()), ("doc_id", pa.string())]))

    # --- reading --------------------------------------------------------------------------------
    def query(self, sql: str, params: list[Any] | None = None) -> list[tuple]:
        """Run one statement with bound parameters and fetch it whole (DuckDB keeps unfetched results open)."""
        return self.con.execute(sql, params or []).fetchall()

    def counts(self) -> dict[str, list[tuple]]:
        return {
            "status": self.query("SELECT status, count(*) FROM articles GROUP BY 1 ORDER BY 2 DESC"),
            "duplicates": self.query("SELECT count(*) FILTER (duplicate_of IS NOT NULL), "
                                     "(SELECT count(*) FROM article_copies) FROM articles"),
            "source": self.query("SELECT coalesce(source, '(none)'), count(*) FROM articles "
                                 "GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 25"),
            "month": self.query("SELECT coalesce(strftime(published, '%Y-%m'), '(undated)'), count(*) "
                                "FROM articles WHERE status = 'ok' GROUP BY 1 ORDER BY 1"),
            "reason": self.query("SELECT status, reason, count(*) FROM articles WHERE status <> 'ok' "
                                 "GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 15"),
            "sentences": self.query("SELECT count(*) FROM sentences"),
        }

    def top_entities(self, kind: str | None = None, limit: int = 30) -> list[tuple]:
        """Most mentioned entities: id (or the name, for names rasd does not know), names, mentions, articles."""
        where = "WHERE kind = ?" if kind else ""
        return self.query(
            f"""SELECT kind, any_value(coalesce(entity_id, '(new)')), any_value(name_en), any_value(name_ar),
                       count(*) AS mentions, count(DISTINCT doc_id) AS articles
                FROM entities {where} GROUP BY kind, coalesce(entity_id, name_ar)
                ORDER BY mentions DESC, articles DESC LIMIT ?""", [*([kind] if kind else []), limit])

    def search(self, text: str, limit: int = 20) -> list[tuple]:
        """Sentences whose normalised text contains the normalised query (alef/ya/ta-marbuta insensitive)."""
        source, target = translate_args()  # DuckDB's translate() applies rasd's normalisation table in C++
        return self.query(
            """SELECT s.doc_id, a.title, a.published, s.start, s."end", s.text FROM sentence_texts s
               JOIN articles a USING (doc_id) WHERE contains(translate(s.text, ?, ?), ?)
               ORDER BY a.published DESC NULLS LAST, s.doc_id, s.idx LIMIT ?""",
            [source, target, normalize(text), limit])
