"""Schema versions. A database is migrated forward, one numbered step at a time, never edited in place."""

from __future__ import annotations

MIGRATIONS: list[tuple[int, str, list[str]]] = [
    (1, "articles, copies, sentences, removed spans, near-duplicate bands", [
        """CREATE TABLE articles (
            doc_id VARCHAR PRIMARY KEY,
            source_id VARCHAR, path VARCHAR, record INTEGER, source VARCHAR, url VARCHAR,
            title VARCHAR, dateline VARCHAR, byline VARCHAR, published DATE,
            language VARCHAR, status VARCHAR NOT NULL, reason VARCHAR,
            duplicate_of VARCHAR, similarity DOUBLE,
            raw VARCHAR, text VARCHAR,
            evidence JSON,           -- title/dateline/byline/published evidence spans (raw offsets)
            paragraphs JSON,         -- [[start, end], ...] of the kept body (raw offsets)
            fingerprint BLOB,        -- MinHash signature of the body (64 little-endian uint32)
            ingested_at TIMESTAMP DEFAULT current_timestamp
        )""",
        """CREATE TABLE article_copies (
            doc_id VARCHAR NOT NULL, source_id VARCHAR NOT NULL, path VARCHAR NOT NULL,
            record INTEGER, source VARCHAR, url VARCHAR,
            first_seen TIMESTAMP DEFAULT current_timestamp,
            PRIMARY KEY (doc_id, path, source_id)
        )""",
        """CREATE TABLE sentences (
            doc_id VARCHAR NOT NULL, idx INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL
        )""",
        # Sentence text is the original input at the sentence's offsets: kept once, in articles.raw.
        """CREATE VIEW sentence_texts AS
           SELECT s.doc_id, s.idx, s.start, s."end", substr(a.raw, s.start + 1, s."end" - s.start) AS text
           FROM sentences s JOIN articles a USING (doc_id)""",
        """CREATE TABLE removed_spans (
            doc_id VARCHAR NOT NULL, idx INTEGER NOT NULL,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL, why VARCHAR NOT NULL, text VARCHAR
        )""",
        "CREATE TABLE minhash_bands (band UTINYINT NOT NULL, bucket UBIGINT NOT NULL, doc_id VARCHAR NOT NULL)",
    ]),
]
MIGRATIONS.append((2, "entity mentions", [
    """CREATE TABLE entities (
        doc_id VARCHAR NOT NULL, idx INTEGER NOT NULL, kind VARCHAR NOT NULL, entity_id VARCHAR,
        name_en VARCHAR, name_ar VARCHAR, text VARCHAR, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
        subtype VARCHAR, sector VARCHAR, country VARCHAR, role VARCHAR, affiliation VARCHAR,
        lat DOUBLE, lon DOUBLE, admin1 VARCHAR, admin2 VARCHAR, precision TINYINT, resolved_by VARCHAR
    )""",
]))
MIGRATIONS.append((3, "how a mention's point was chosen", [
    "ALTER TABLE entities ADD COLUMN located_by VARCHAR",
    "ALTER TABLE entities ADD COLUMN within VARCHAR",
]))
MIGRATIONS.append((4, "events and claims", [
    """CREATE TABLE events (
        doc_id VARCHAR NOT NULL, idx INTEGER NOT NULL, type VARCHAR NOT NULL, mode VARCHAR, modality VARCHAR,
        negated BOOLEAN, acled_event_type VARCHAR, acled_sub_event_type VARCHAR,
        actor_id VARCHAR, actor_name VARCHAR, target_id VARCHAR, target_name VARCHAR,
        location_id VARCHAR, location_name VARCHAR, lat DOUBLE, lon DOUBLE, admin1 VARCHAR, precision TINYINT,
        date DATE, date_precision VARCHAR, speaker_id VARCHAR, speaker_name VARCHAR,
        evidence_start INTEGER, evidence_end INTEGER, confidence DOUBLE,
        record JSON  -- the event exactly as `rasd extract` prints it
    )""",
    """CREATE TABLE claims (
        doc_id VARCHAR NOT NULL, idx INTEGER NOT NULL, kind VARCHAR NOT NULL, speaker_id VARCHAR,
        speaker_name VARCHAR, claim_start INTEGER, claim_end INTEGER, record JSON
    )""",
]))
MIGRATIONS.append((5, "English names spelt from the Arabic", [
    "ALTER TABLE entities ADD COLUMN transliterated BOOLEAN",
]))
MIGRATIONS.append((6, "linked events across reports", [
    """CREATE TABLE linked_articles (
        doc_id VARCHAR PRIMARY KEY, linked_at TIMESTAMP DEFAULT current_timestamp
    )""",
    # every report (an asserted or negated event) and the real-world event it was linked to
    """CREATE TABLE event_links (
        doc_id VARCHAR NOT NULL, idx INTEGER NOT NULL, event_id VARCHAR NOT NULL,
        family VARCHAR, region VARCHAR, day_lo INTEGER, day_hi INTEGER,
        PRIMARY KEY (doc_id, idx)
    )""",
    # events with two or more reports, as `rasd link` prints them
    """CREATE TABLE linked_events (
        event_id VARCHAR PRIMARY KEY, type VARCHAR, date_start DATE, date_end DATE,
        location_name VARCHAR, admin1 VARCHAR, lat DOUBLE, lon DOUBLE,
        reports INTEGER, outlets INTEGER, sources_independent INTEGER,
        contradictions INTEGER, hard_contradictions INTEGER, record JSON
    )""",
]))
LATEST = MIGRATIONS[-1][0]
