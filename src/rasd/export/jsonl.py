"""The JSONL record of one article: rasd's public contract (extend it; never rename or drop a field)."""

from __future__ import annotations

from typing import Any

from rasd.document import Document, Span


def _evidence(doc: Document, span: Span | None) -> dict[str, Any] | None:
    if span is None:
        return None
    start, end = doc.raw_span(span)
    return {"text": doc.raw[start:end], "start": start, "end": end}


def _value(doc: Document, span: Span | None) -> str | None:
    evidence = _evidence(doc, span)
    return " ".join(evidence["text"].split()) if evidence else None


def _spans(doc: Document, spans: list[Span]) -> list[dict[str, int]]:
    out = []
    for span in spans:
        start, end = doc.raw_span(span)
        out.append({"start": start, "end": end})
    return out


def article_fields(doc: Document) -> dict[str, Any]:
    """The record's per-article values, without its lists of spans (what the store's article row needs)."""
    title = doc.meta.get("title") or _value(doc, doc.headline)
    published_evidence = _evidence(doc, doc.published_span)
    if doc.published and published_evidence is None and doc.meta.get("published"):
        published_evidence = {"text": doc.meta["published"], "start": None, "end": None, "field": "published"}
    return {
        "doc_id": doc.doc_id,
        "source_id": doc.source_id,
        "path": doc.path,
        "record": doc.record,
        "title": title,
        "title_evidence": _evidence(doc, doc.headline),
        "dateline": _value(doc, doc.dateline),
        "dateline_evidence": _evidence(doc, doc.dateline),
        "byline": doc.meta.get("byline") or _value(doc, doc.byline),
        "byline_evidence": _evidence(doc, doc.byline),
        "published": doc.published,
        "published_evidence": published_evidence if doc.published else None,
        "source": doc.meta.get("source"),
        "url": doc.meta.get("url"),
        "language": doc.language,
        "status": doc.status.value,
        "reason": doc.reason,
        "duplicate_of": doc.duplicate_of,
        "similarity": doc.similarity,
        "text": doc.body if doc.ok else "",
    }


def document_record(doc: Document) -> dict[str, Any]:
    """Every ``start``/``end`` is an offset into the original input (the decoded file or the JSON field)."""
    record = article_fields(doc)
    record["paragraphs"] = _spans(doc, doc.blocks)
    record["sentences"] = _spans(doc, doc.sentences)
    removed = []
    for span in doc.removed:
        start, end = doc.raw_span(span)
        removed.append({"text": doc.raw[start:end], "start": start, "end": end, "why": span.label})
    record["removed"] = removed
    return record
