"""The state a report puts a process in (talks suspended, a truce holding, a siege lifted), from status.yaml.

Linking compares these states across reports of one event: "stopped" against "still going on" is a
contradiction between sources, which a type alone cannot show.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from rasd.extract.classifier import stem
from rasd.knowledge import load
from rasd.text.normalize import normalize


@dataclass(frozen=True)
class StatusLexicon:
    words: dict[str, str]  # normalised word -> status
    negations: frozenset[str]
    not_before: frozenset[str]
    purpose_clitics: str
    before: int
    after: int
    pronoun_subjects: frozenset[str]
    process_types: frozenset[str]
    conflicts: dict[frozenset[str], str]  # {status, status} -> hard | soft

    def status_at(self, words: list[str], k: int) -> str | None:
        """The status word k says, unless it is denied ("لا توقفها"), sought ("الدعوة لإيقاف الحرب") or means
        something else ("علقت على")."""
        status = self.words.get(words[k])
        if status is None:
            bare = stem(words[k])
            status = self.words.get(bare)
            if status is not None and bare != words[k] and words[k][-len(bare) - 1] in self.purpose_clitics:
                return None  # "لإيقاف الحرب", "طالب بتعليق": what is sought, not a state
        if k > 0 and (words[k - 1] in self.negations or stem(words[k - 1]) in self.negations):
            return None
        if any(w in self.not_before for w in words[k + 1:k + 3]):
            return None
        return status

    def conflict(self, a: str | None, b: str | None) -> str | None:
        if a is None or b is None or a == b:
            return None
        return self.conflicts.get(frozenset((a, b)))


@cache
def status_lexicon() -> StatusLexicon:
    data = load("status.yaml")
    words = {normalize(w): status for status, forms in data["statuses"].items() for w in forms}
    return StatusLexicon(
        words=words,
        negations=frozenset(normalize(w) for w in data["negations"]),
        not_before=frozenset(normalize(w) for w in data["not_before"]),
        purpose_clitics="".join(data["purpose_clitics"]),
        before=int(data["before"]), after=int(data["after"]),
        pronoun_subjects=frozenset(normalize(w) for w in data["pronoun_subjects"]),
        process_types=frozenset(data["process_types"]),
        conflicts={frozenset((a, b)): strength for a, b, strength in data["conflicts"]})


def status_near(words: list[str], start: int, end: int, stop: int) -> tuple[str, int] | None:
    """The state of the process named by words[start:end], and the word that says it: the last status word
    after it before ``stop`` ("كانت ناشطة … لكن تم تعليقها": suspended), else one just before it ("علقت، أمس،
    المحادثات")."""
    lex = status_lexicon()
    found = None
    for k in range(end, min(stop, end + lex.after)):
        status = lex.status_at(words, k)
        if status is not None:
            found = status, k
    if found is not None:
        return found
    for k in range(start - 1, max(-1, start - 1 - lex.before), -1):
        status = lex.status_at(words, k)
        if status is not None:
            return status, k
    return None
