"""A trained second opinion on each trigger the lexicon finds: is it an event at all (or a metaphor, a
sports result, a market "war"), of which type, and is it reported as happened, denied, future, hypothetical or
generic? Two multinomial logistic regressions over the trigger, its neighbours, the sentence's words and the
modality cues before it, trained on sentences we wrote (knowledge/data/events/*.tsv).

Prediction needs only numpy (a sum of weight rows); scikit-learn is used to train (``rasd events build``).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import numpy as np

from rasd.extract.lexicon import EventLexicon, Trigger, event_lexicon
from rasd.extract.matcher import first_token_forms
from rasd.knowledge import DATA_DIR

log = logging.getLogger(__name__)
MODEL_DIR = DATA_DIR / "events"
MODEL = MODEL_DIR / "classifier.npz"
MODEL_INFO = MODEL_DIR / "classifier.json"
WINDOW = 3
BAG = 8  # words each side of the trigger used as a bag (a long sentence's far words speak of other things)


CONTINUING = "continuing"  # the modality cues (events.yaml) that are passed over


@lru_cache(maxsize=300_000)
def stem(word: str) -> str:
    """The word without its proclitics (the shortest form the clitic table allows)."""
    return min((form for form, _ in first_token_forms(word)), key=len)


def cue_before(words: list[str], i: int, lex: EventLexicon, lo: int | None = None) -> str | None:
    """The nearest modality cue in the words before position i (back to ``lo``): "لم", "نفى", "ويخشى", "قد" with a
    present verb. The first word of a cue may carry a proclitic ("ويخشى", "فلن")."""
    lo = max(0, i - lex.denial_reach) if lo is None else max(lo, i - lex.denial_reach)
    near = i - lex.modality_reach
    firsts = lex.modality.by_first
    for k in range(i - 1, lo - 1, -1):
        if k >= near and words[k] in lex.maybe and k + 1 < len(words) and words[k + 1][:1] in lex.present_prefixes \
                and not words[k + 1].endswith(lex.past_endings):
            return "hypothetical"
        if words[k] not in firsts and stem(words[k]) not in firsts:
            continue
        found = lex.modality.starting(words, k)
        if found is None:
            found = lex.modality.starting(words, k, stem(words[k]))
        if found is not None and found[1] == CONTINUING:
            continue  # "لا يزالون": still, not a negation
        if found is not None and (k >= near or found[0] in lex.denials) and k + len(found[0]) <= i:
            return str(found[1])
    return None


def features(words: list[str], i: int, j: int, prior: Trigger | None) -> list[str]:
    """Features of the trigger words[i:j] in its sentence."""
    lex = event_lexicon()
    head = words[i]
    out = [f"t={stem(head)}", f"tt={' '.join(words[i:j])}", f"suf={head[-2:]}", f"pre={head[:1]}", "bias"]
    if prior is not None:
        out += [f"prior={prior.type}", f"prior_mode={prior.type}/{prior.mode}"]
        if prior.future:
            out.append("future_prefix")
    for k in range(1, WINDOW + 1):
        if i - k >= 0:
            out.append(f"L{k}={words[i - k]}")
        if j - 1 + k < len(words):
            out.append(f"R{k}={words[j - 1 + k]}")
    cue = cue_before(words, i, lex)
    if cue is not None:
        out.append(f"cue={cue}")
    out += [f"w={w}" for w in words[max(0, i - BAG):j + BAG]]
    return out


@dataclass(frozen=True)
class Verdict:
    type: str
    type_p: float
    none_p: float
    modality: str
    modality_p: float


class EventClassifier:
    def __init__(self, vocab: dict[str, int], types: list[str], type_w: np.ndarray, type_b: np.ndarray,
                 modalities: list[str], mod_w: np.ndarray, mod_b: np.ndarray) -> None:
        self.vocab = vocab
        self.types, self.modalities = types, modalities
        self.weights = np.hstack([type_w, mod_w]).astype(np.float32)  # one row per feature: both models at once
        self.bias = np.concatenate([type_b, mod_b]).astype(np.float32)
        self.none = types.index("NONE") if "NONE" in types else None

    @classmethod
    def load(cls, path: Path) -> EventClassifier:
        with np.load(path, allow_pickle=False) as data:
            vocab = {f: n for n, f in enumerate(json.loads(str(data["vocab"])))}
            return cls(vocab, json.loads(str(data["types"])), data["type_w"].astype(np.float32), data["type_b"],
                       json.loads(str(data["modalities"])), data["mod_w"].astype(np.float32), data["mod_b"])

    def judge(self, words: list[str], i: int, j: int, prior: Trigger | None) -> Verdict:
        vocab = self.vocab
        rows = [vocab[f] for f in features(words, i, j, prior) if f in vocab]
        z = self.weights[rows].sum(axis=0) + self.bias
        k = len(self.types)
        t, m = _softmax(z[:k]), _softmax(z[k:])
        best, mod = int(t.argmax()), int(m.argmax())
        return Verdict(self.types[best], float(t[best]), float(t[self.none]) if self.none is not None else 0.0,
                       self.modalities[mod], float(m[mod]))


def _softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max())
    return e / e.sum()


@cache
def builtin_classifier() -> EventClassifier | None:
    if not MODEL.exists():
        log.warning("no event classifier at %s: run `rasd events build`", MODEL)
        return None
    return EventClassifier.load(MODEL)
