"""What linking knows, from linking.yaml (and the armed sectors of events.yaml), loaded once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from rasd.knowledge import load
from rasd.text.normalize import normalize


@dataclass(frozen=True)
class LinkingKnowledge:
    family: dict[str, str]
    statement_types: frozenset[str]
    generic_modes: frozenset[str]
    within: dict[str, str]
    approx_margin: float
    hard_ratio: float
    compared_kinds: frozenset[str]
    stopwords: frozenset[str]
    armed_sectors: frozenset[str]
    state_force_sectors: frozenset[str]
    cumulative_cues: tuple[str, ...]
    denial_words: tuple[str, ...]
    involvement_words: frozenset[str]
    definite: tuple[str, ...]


@cache
def linking_knowledge() -> LinkingKnowledge:
    data = load("linking.yaml")
    family = {t: name for name, types in data["families"].items() for t in types}
    return LinkingKnowledge(
        family=family, statement_types=frozenset(data["statement_types"]),
        generic_modes=frozenset(data["generic_modes"]), within=dict(data["within"]),
        approx_margin=float(data["approx_margin"]), hard_ratio=float(data["hard_ratio"]),
        compared_kinds=frozenset(data["compared_kinds"]),
        stopwords=frozenset(normalize(w) for w in data["stopwords"]),
        armed_sectors=frozenset(load("events.yaml")["armed_sectors"]),
        state_force_sectors=frozenset(data["state_force_sectors"]),
        cumulative_cues=tuple(normalize(w) for w in data["cumulative_cues"]),
        denial_words=tuple(normalize(w) for w in data["denial_words"]),
        involvement_words=frozenset(normalize(w) for w in data["involvement_words"]),
        definite=tuple(normalize(w) for w in data["definite"]))
