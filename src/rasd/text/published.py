"""Publication date: the input's metadata when given, else a labelled date on the page."""

from __future__ import annotations

import logging
import re
from datetime import date, datetime
from functools import cache

import dateparser

from rasd.document import Document
from rasd.knowledge import load

log = logging.getLogger(__name__)

_DATEPARSER_SETTINGS = {"PREFER_DATES_FROM": "past", "DATE_ORDER": "DMY", "REQUIRE_PARTS": ["day", "month", "year"]}


@cache
def _era_suffix() -> re.Pattern[str]:
    eras = load("punctuation.yaml")["era_suffixes"]
    return re.compile(r"\s*(?:" + "|".join(map(re.escape, eras)) + r")\s*$")


def parse_date(text: str) -> date | None:
    """A calendar date from an ISO timestamp or an Arabic/English date string, or None."""
    value = text.strip()
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        parsed = dateparser.parse(_era_suffix().sub("", value), locales=["ar-SY"], settings=_DATEPARSER_SETTINGS)
    except (ValueError, OverflowError):
        log.debug("dateparser failed on %r", value)
        return None
    return parsed.date() if parsed else None


def find_published(doc: Document) -> Document:
    given = doc.meta.get("published")
    if given:
        parsed = parse_date(given)
        if parsed:
            doc.published = parsed.isoformat()
            return doc
    if doc.published_span is not None:
        parsed = parse_date(doc.text_of(doc.published_span))
        if parsed:
            doc.published = parsed.isoformat()
        else:
            doc.published_span = None
    return doc
