"""The JSONL record of one article: rasd's public contract (extend it; never rename or drop a field)."""

from __future__ import annotations

from typing import Any

from rasd.document import Document, Mention, Span
from rasd.knowledge.entities import PLACE_PRECISION
from rasd.text.transliterate import romanize


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


def entity_record(doc: Document, mention: Mention) -> dict[str, Any]:
    """One mention with what the knowledge base says of its entity (mention values override)."""
    from rasd.extract.index import entity_index

    known = entity_index().entity(mention.entity_id)
    start, end = doc.raw_span(Span(mention.start, mention.end))
    precision = mention.precision
    if precision is None and known is not None and known.kind == "place":
        precision = PLACE_PRECISION.get(known.subtype, 2)
    name_en = mention.name_en or (known.name_en if known else None)
    romanized = name_en is None and mention.kind == "person"  # a person rasd does not know: spelt from the Arabic
    return {
        "kind": mention.kind,
        "id": mention.entity_id,
        "name_en": romanize(doc.raw[start:end]) if romanized else name_en,
        "name_ar": mention.name_ar or (known.name_ar if known else None),
        "text": doc.raw[start:end],
        "start": start,
        "end": end,
        "subtype": known.subtype if known else None,
        "sector": known.sector if known else None,
        "country": mention.nationality or (known.country if known else None),
        "role": mention.role or (known.role if known else None),
        "affiliation": mention.affiliation or (known.affiliation if known else None),
        "lat": mention.lat if mention.lat is not None else (known.lat if known else None),
        "lon": mention.lon if mention.lon is not None else (known.lon if known else None),
        "admin1": mention.admin1 or (known.admin1 if known else None),
        "admin2": known.admin2 if known else None,
        "precision": precision,
        "resolved_by": mention.resolved_by,
        "located_by": mention.located_by or ("gazetteer" if known is not None and known.lat is not None else None),
        "within": mention.within,
        "transliterated": romanized,
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
    record["entities"] = [entity_record(doc, m) for m in doc.entities]
    record["events"] = [event_record(doc, e) for e in doc.events]
    record["claims"] = [claim_record(doc, c) for c in doc.claims]
    return record


def _argument(doc: Document, mention: Mention | None) -> dict[str, Any] | None:
    """An event's actor, target or speaker: the entity and the words that name it."""
    if mention is None:
        return None
    rec = entity_record(doc, mention)
    keep = ("kind", "id", "name_en", "name_ar", "text", "start", "end", "subtype", "sector", "country", "role",
            "affiliation", "transliterated")
    return {k: rec[k] for k in keep}


def _location(doc: Document, mention: Mention | None, source: str | None) -> dict[str, Any] | None:
    if mention is None:
        return None
    rec = entity_record(doc, mention)
    keep = ("id", "name_en", "name_ar", "lat", "lon", "admin1", "admin2", "precision", "text", "start", "end",
            "located_by")
    return {**{k: rec[k] for k in keep}, "from": source}


def _offsets(doc: Document, start: int, end: int) -> dict[str, Any]:
    s, e = doc.raw_span(Span(start, end))
    return {"text": doc.raw[s:e], "start": s, "end": e}


def event_record(doc: Document, event: Any) -> dict[str, Any]:
    """One event (rasd.extract.events.Event) with every value's evidence in the original text."""
    from rasd.export.acled import acled_types

    quantities = [{**q.values(), **_offsets(doc, q.start, q.end)} for q in event.quantities]  # view → raw offsets
    date = None
    if event.date is not None:
        date = {"value": event.date.value, "precision": event.date.precision,
                **_offsets(doc, event.date.start, event.date.end)}
    return {
        "type": event.type,
        "mode": event.mode,
        "modality": event.modality,
        "negated": event.negated,
        "acled": acled_types(event),
        "actor": _argument(doc, event.actor),
        "target": _argument(doc, event.target),
        "co_actors": [_argument(doc, m) for m in event.co_actors],
        "location": _location(doc, event.location, event.location_from),
        "date": date,
        "quantities": quantities,
        "speaker": _argument(doc, event.speaker),
        "status": ({"value": event.status, **_offsets(doc, event.status_span.start, event.status_span.end)}
                   if event.status is not None else None),
        "trigger": _offsets(doc, event.trigger.start, event.trigger.end),
        "evidence": _offsets(doc, event.sentence.start, event.sentence.end),
        "confidence": round(event.confidence, 3),
    }


def claim_record(doc: Document, claim: Any) -> dict[str, Any]:
    return {
        "kind": claim.kind,
        "speaker": _argument(doc, claim.speaker),
        "role": claim.speaker.role if claim.speaker is not None else None,
        "cue": _offsets(doc, claim.cue.start, claim.cue.end),
        "claim": _offsets(doc, claim.content.start, claim.content.end),
        "target": _argument(doc, claim.target),
        "evidence": _offsets(doc, claim.sentence.start, claim.sentence.end),
    }
