"""Page furniture: rule-based (knowledge/data/furniture.yaml) and structural (teasers, captions)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from rasd.document import Document, Span
from rasd.knowledge import load
from rasd.text.normalize import NormalizedText, normalize, normalize_with_index, normalized_span

TEASER_OFFSET = 60  # how far into the lead a teaser's text may start
TEASER_ZONE = 6  # teasers sit among the first blocks of a page


@dataclass(frozen=True)
class FurnitureRule:
    name: str
    why: str
    scope: str  # "line" or "inline"
    regex: re.Pattern[str]
    max_chars: int
    until_end: bool
    first_lines: int | None
    min_position: float

    def applies(self, index: int, n_lines: int, length: int) -> bool:
        return (length <= self.max_chars and (self.first_lines is None or index < self.first_lines)
                and index >= self.min_position * n_lines)


def _compile(rule: dict, fragments: dict[str, str]) -> FurnitureRule:
    if "words" in rule:
        words = sorted((re.escape(normalize(str(w))) for w in rule["words"]), key=len, reverse=True)
        alt = "(?:" + "|".join(words) + ")"
        sep = fragments["separators"]
        pattern = f"{sep}{alt}(?:{sep}{alt})*{sep}"
    else:
        pattern = rule["pattern"]
        for key, value in fragments.items():
            pattern = pattern.replace("{" + key + "}", value)
        pattern = normalize(pattern)
    if rule["scope"] == "line":
        pattern = f"(?:{pattern})"
    return FurnitureRule(rule["name"], rule["why"], rule["scope"], re.compile(pattern, re.IGNORECASE),
                         int(rule.get("max_chars", 120)), bool(rule.get("until_end", False)),
                         rule.get("first_lines"), float(rule.get("min_position", 0.0)))


@cache
def rules() -> tuple[FurnitureRule, ...]:
    data = load("furniture.yaml")
    return tuple(_compile(r, data.get("fragments", {})) for r in data["rules"])


@cache
def _punctuation() -> dict:
    return load("punctuation.yaml")


def split_lines(doc: Document) -> Document:
    """Non-empty lines of the view, stripped (HTML readers set their own article lines)."""
    if doc.lines:
        return doc
    view = doc.view
    lines = []
    for m in re.finditer(r"[^\n]+", view):
        start, end = m.start(), m.end()
        while start < end and view[start].isspace():
            start += 1
        while end > start and view[end - 1].isspace():
            end -= 1
        if end > start:
            lines.append(Span(start, end))
    doc.lines = lines
    return doc


def _strip(view: str, start: int, end: int) -> tuple[int, int]:
    trim = _punctuation()["line_trim"]
    while start < end and (view[start].isspace() or view[start] in trim):
        start += 1
    while end > start and (view[end - 1].isspace() or view[end - 1] in trim):
        end -= 1
    return start, end


def remove_furniture(doc: Document) -> Document:
    """Apply the furniture rules line by line; what survives becomes the document's blocks.

    Lines after a footer marker (related news, sources) are removed whole, but are still read for the
    byline and date that some sites print at the very bottom.
    """
    view = doc.view
    blocks: list[Span] = []
    removed = list(doc.removed)
    line_rules = [r for r in rules() if r.scope == "line"]
    inline_rules = [r for r in rules() if r.scope == "inline"]
    longest_line_rule = max(r.max_chars for r in line_rules)
    footer: str | None = None
    n = len(doc.lines)
    for i, line in enumerate(doc.lines):
        text = view[line.start : line.end]
        rule = None
        if len(text) <= longest_line_rule:  # body paragraphs are longer than any furniture line
            norm = normalized_span(doc, line.start, line.end)
            rule = next((r for r in line_rules if r.applies(i, n, len(text)) and r.regex.fullmatch(norm)), None)
        if rule is not None and rule.regex.groupindex:
            normed = normalize_with_index(text)
            match = rule.regex.fullmatch(normed.text)
            if match is not None:
                _capture_groups(doc, line, normed, match)
        if rule is not None and rule.until_end and footer is None:
            footer = rule.why
        if footer is not None or rule is not None:
            removed.append(Span(line.start, line.end, footer or rule.why))
            if rule is None:
                _inline_cuts(doc, line, text, [r for r in inline_rules if r.applies(i, n, len(text))])
            continue
        cuts = _inline_cuts(doc, line, text, [r for r in inline_rules if r.applies(i, n, len(text))])
        cursor = line.start
        for cut in cuts:
            removed.append(cut)
            s, e = _strip(view, cursor, cut.start)
            if e > s:
                blocks.append(Span(s, e))
            cursor = cut.end
        s, e = _strip(view, cursor, line.end)
        if e > s:
            blocks.append(Span(s, e))
    doc.blocks = blocks
    doc.removed = sorted(removed, key=lambda s: s.start)
    return doc


def _inline_cuts(doc: Document, line: Span, text: str, inline_rules: list[FurnitureRule]) -> list[Span]:
    if not inline_rules:
        return []
    norm = normalized_span(doc, line.start, line.end)
    candidates = [r for r in inline_rules if r.regex.search(norm)]
    if not candidates:
        return []
    normed = normalize_with_index(text)
    cuts: list[Span] = []
    for rule in candidates:
        for m in rule.regex.finditer(normed.text):
            s, e = normed.span_to_original(m.start(), m.end())
            cuts.append(Span(line.start + s, line.start + e, rule.why))
            _capture_groups(doc, line, normed, m)
    cuts.sort(key=lambda s: s.start)
    merged: list[Span] = []
    for cut in cuts:
        if merged and cut.start < merged[-1].end:
            continue
        merged.append(cut)
    return merged


def _capture_groups(doc: Document, line: Span, normed: NormalizedText, match: re.Match[str]) -> None:
    """Record the byline / publication date a furniture rule captured (first one wins)."""
    for group in ("byline", "published"):
        if group not in match.re.groupindex or not match.group(group):
            continue
        start, end = normed.span_to_original(match.start(group), match.end(group))
        span = Span(line.start + start, line.start + end)
        if group == "byline" and doc.byline is None:
            doc.byline = span
        elif group == "published" and doc.published_span is None:
            doc.published_span = span


def ends_with_punctuation(text: str) -> bool:
    return text.rstrip().endswith(tuple(_punctuation()["final_punctuation"]))


def _ellipsis_stem(text: str) -> str | None:
    stripped = text.rstrip()
    for mark in _punctuation()["ellipsis"]:
        if stripped.endswith(mark):
            return stripped[: -len(mark)].rstrip()
    return None


def remove_teasers_and_captions(doc: Document) -> Document:
    """A teaser repeats the lead just before it (often cut with an ellipsis); the short line after a teaser is
    the photo caption. A paragraph repeated anywhere else is kept once, where it first appears."""
    view = doc.view
    norms = [normalized_span(doc, b.start, b.end) for b in doc.blocks]
    first_seen: dict[str, int] = {}
    drop: dict[int, str] = {}
    for i, block in enumerate(doc.blocks):
        if i in drop:
            continue
        stem = _ellipsis_stem(view[block.start : block.end]) if i < TEASER_ZONE else None
        twin = next((j for j in range(i + 1, min(len(norms), i + 3)) if norms[j] == norms[i]), None)
        if stem is not None and len(stem) >= 20:
            stem_norm = normalize(stem)  # the lead may open with a dateline the teaser lacks
            is_teaser = any(0 <= norms[j].find(stem_norm) <= TEASER_OFFSET for j in range(i + 1, len(norms)))
        else:
            is_teaser = i < TEASER_ZONE and twin is not None and len(norms[i]) >= 40
        if is_teaser:
            drop[i] = "teaser"
            if i + 1 < len(doc.blocks) and _is_caption_like(doc.text_of(doc.blocks[i + 1])):
                drop[i + 1] = "caption"
        elif len(norms[i]) >= 40 and norms[i] in first_seen:
            drop[i] = "repeated"
        else:
            first_seen.setdefault(norms[i], i)
    if drop:
        doc.removed = sorted(doc.removed + [Span(b.start, b.end, drop[i]) for i, b in enumerate(doc.blocks)
                                            if i in drop], key=lambda s: s.start)
        doc.blocks = [b for i, b in enumerate(doc.blocks) if i not in drop]
    return doc


def _is_caption_like(text: str) -> bool:
    return len(text) <= 160 and not ends_with_punctuation(text) and len(text.split()) <= 20
