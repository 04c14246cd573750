"""Lines that recur across many articles of one source belong to the site's template."""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

from rasd.document import Document, Span
from rasd.knowledge import load
from rasd.text.normalize import normalized_span

MAX_LINE_CHARS = 100
MAX_TRACKED = 400_000


def source_key(doc: Document) -> str:
    return str(doc.meta.get("source") or Path(doc.path).parent)


class RepeatedLines:
    """Counts short lines per source over the run; a line seen in ``min_docs`` distinct stories is furniture.

    Syndicated copies of one story share all their lines, so each article is counted under its story key
    (its longest line) and copies of a story count once.
    """

    def __init__(self, min_docs: int = 4) -> None:
        self.min_docs = min_docs
        self.sentence_end = tuple(load("punctuation.yaml")["sentence_end"])
        self.stories: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))

    def _observe(self, doc: Document) -> list[tuple[Span, str]]:
        lines = [(ln, normalized_span(doc, ln.start, ln.end)) for ln in doc.lines]
        if not lines:
            return []
        story = max(lines, key=lambda item: item[0].end - item[0].start)[1]
        counts = self.stories[source_key(doc)]
        # a template line is short and is not a sentence (a sentence seen in many stories is a quotation)
        short = [(ln, key) for ln, key in lines if len(key) <= MAX_LINE_CHARS and not key.endswith(self.sentence_end)]
        for _, key in short:
            counts[key].add(story)
        return short

    def _prune(self) -> None:
        for counts in self.stories.values():
            if len(counts) > MAX_TRACKED:
                rare = Counter({k: len(v) for k, v in counts.items()})
                for key, n in rare.items():
                    if n == 1:
                        del counts[key]

    def __call__(self, docs: list[Document]) -> list[Document]:
        observed = [(doc, self._observe(doc)) for doc in docs if doc.ok]
        self._prune()
        for doc, short in observed:
            counts = self.stories[source_key(doc)]
            repeated = {ln for ln, key in short if len(counts.get(key, ())) >= self.min_docs}
            if repeated:
                doc.removed = sorted([*doc.removed, *(Span(s.start, s.end, "template") for s in repeated)],
                                     key=lambda s: s.start)
                doc.lines = [ln for ln in doc.lines if ln not in repeated]
        return docs
