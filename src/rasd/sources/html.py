"""Visible text of an HTML page with a map to source offsets; trafilatura picks the article."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

from rasd.document import Document, Span

_SKIP = {"script", "style", "noscript", "template", "svg", "head", "iframe", "object", "select", "button"}
_BLOCK = {
    "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "tr", "td", "th", "table",
    "article", "section", "header", "footer", "nav", "aside", "main", "blockquote", "figure",
    "figcaption", "dd", "dt", "hr", "form", "title", "body", "html", "pre",
}
_SPACE = re.compile(r"\s+")
MIN_ARTICLE_WORDS = 12  # a menu or a cookie notice is not an article


class _TextWalker(HTMLParser):
    """Collects (char, raw_start, raw_end) for every visible character, in document order."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.chars: list[tuple[str, int, int]] = []
        self.skip_depth = 0

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in _SKIP:
            self.skip_depth += 1
        elif tag in _BLOCK:
            at = self._offset()
            self.chars.append(("\n", at, at))

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag in _BLOCK:
            at = self._offset()
            self.chars.append(("\n", at, at))

    def handle_data(self, data: str) -> None:
        if self.skip_depth:
            return
        at = self._offset()
        self.chars.extend((ch, at + i, at + i + 1) for i, ch in enumerate(data))

    def _entity(self, text: str, length: int) -> None:
        if self.skip_depth:
            return
        at = self._offset()
        self.chars.extend((ch, at, at + length) for ch in text)

    def handle_entityref(self, name: str) -> None:
        ref = f"&{name};"
        length = len(ref) if self.source.startswith(ref, self._offset()) else len(ref) - 1
        self._entity(unescape(ref), length)

    def handle_charref(self, name: str) -> None:
        ref = f"&#{name};"
        length = len(ref) if self.source.startswith(ref, self._offset()) else len(ref) - 1
        self._entity(unescape(ref), length)


def _collapse(chars: list[tuple[str, int, int]]) -> tuple[str, list[int], list[int]]:
    """Collapse runs of whitespace: a run containing a newline becomes one newline, else one space."""
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pending: tuple[str, int, int] | None = None
    for ch, s, e in chars:
        if ch.isspace():
            if pending is None or (ch == "\n" and pending[0] != "\n"):
                pending = ("\n" if ch == "\n" else " ", s, e)
            continue
        if pending is not None and out:
            out.append(pending[0])
            starts.append(pending[1])
            ends.append(pending[2])
        pending = None
        out.append(ch)
        starts.append(s)
        ends.append(e)
    return "".join(out), starts, ends


def _find_lines(view: str, wanted: list[str]) -> list[Span]:
    """Spans of the view's lines that carry the extracted article paragraphs, in order."""
    lines: list[Span] = []
    cursor = 0
    for para in wanted:
        para = _SPACE.sub(" ", para).strip()
        if not para:
            continue
        at = view.find(para, cursor)
        if at < 0:
            at = view.find(para)
            if at < 0:
                continue
        lines.append(Span(at, at + len(para)))
        cursor = at + len(para)
    lines.sort(key=lambda s: s.start)
    return lines


def html_document(raw: str, source_id: str, path: str) -> Document:
    """A document whose view is the page's visible text and whose lines are the article's."""
    walker = _TextWalker(raw)
    walker.feed(raw)
    walker.close()
    view, starts, ends = _collapse(walker.chars)
    doc = Document(raw=raw, source_id=source_id, path=path, view=view, view_to_raw=starts, view_to_raw_end=ends)
    import trafilatura  # imported here: it is heavy, and most inputs are not HTML

    extracted = trafilatura.bare_extraction(raw, with_metadata=True, include_comments=False, include_tables=False)
    words = len((extracted.text or "").split()) if extracted is not None else 0
    if words < MIN_ARTICLE_WORDS:
        return doc.skip(f"HTML page with no article text ({words} words of main text)")
    for key, value in (("title", extracted.title), ("published", extracted.date), ("byline", extracted.author),
                       ("source", extracted.sitename), ("url", extracted.url)):
        if value:
            doc.meta[key] = value
    doc.lines = _find_lines(view, extracted.text.split("\n"))
    if not doc.lines:
        return doc.skip("HTML article text could not be located in the page")
    if extracted.title:
        title = _SPACE.sub(" ", extracted.title).strip()
        at = view.find(title)
        if 0 <= at < doc.lines[0].start:
            doc.lines.insert(0, Span(at, at + len(title)))
    return doc
