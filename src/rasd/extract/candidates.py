"""A mention before resolution, and small helpers on token spans shared by finding and resolving."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from rasd.extract.matcher import Token
from rasd.knowledge.entities import Alias


@dataclass
class Candidate:
    """A mention before resolution: its token span and the entities it may name."""

    start: int  # view offsets
    end: int
    aliases: tuple[Alias, ...] = ()
    kind: str = ""  # set for pattern-found names (person)
    next_token: str = ""
    previous_token: str = ""
    role: str | None = None
    nationality: str | None = None
    countryside: bool = False
    direction: str | None = None
    near: bool = False
    widened: bool = False  # the span was extended over relative words the alias itself does not contain
    single_word: bool = False
    by_ner: bool = False
    anaphor: tuple[frozenset[str], str] | None = None  # (actor kinds, English name filter)
    conjoined: bool = False  # "و" + adjacent to the previous mention ("موسكو وبغداد ودمشق")


def gap(norm: str, left: Token, right: Token) -> str:
    return norm[left.end : right.start]


def adjacent(norm: str, left: Token, right: Token) -> bool:
    return not gap(norm, left, right).strip()


class Coverage:
    """Which character spans are already taken by a mention (sorted, non-overlapping spans; bisect)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]

    def overlaps(self, start: int, end: int) -> bool:
        k = bisect_left(self.starts, end)
        return any(self.spans[j][1] > start for j in range(max(0, k - 3), k))
