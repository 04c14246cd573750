"""A statistical name finder for names the dictionaries do not know: a CRF over word, shape and
gazetteer features (python-crfsuite). The shipped model is trained only on sentences we wrote
(knowledge/data/ner/*.txt, names marked "[PER …]", "[ORG …]", "[LOC …]"); `rasd ner train --conll FILE`
trains one on any CoNLL file.
"""

from __future__ import annotations

import logging
import random
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rasd.extract.matcher import article, first_token_forms, word_tokens
from rasd.knowledge import DATA_DIR, load
from rasd.text.normalize import normalize, normalize_with_index

log = logging.getLogger(__name__)
TYPES = ("PER", "ORG", "LOC")
_BRACKET = re.compile(r"\[(PER|ORG|LOC) ([^\[\]]+)\]")
_TAG_ALIASES = {"PERS": "PER", "PERSON": "PER", "ORGANIZATION": "ORG", "LOCATION": "LOC", "GPE": "LOC"}


@dataclass(frozen=True)
class Gazetteers:
    """Word lists the features consult (filled from the entity index; empty in tests that want none)."""

    given: frozenset[str] = frozenset()
    name_words: frozenset[str] = frozenset()  # words of known actor/person names
    place_words: frozenset[str] = frozenset()
    cues: frozenset[str] = frozenset()  # titles, roles, place heads, speech verbs
    name_cues: frozenset[str] = frozenset()  # titles, roles and place heads: a name usually follows them


Sentence = list[tuple[str, str]]  # (normalised token, BIO tag)


def read_bracketed(lines: Iterable[str]) -> Iterator[Sentence]:
    """Sentences written with inline "[TYPE words]" marks, tokenised as rasd tokenises text."""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        marks, pieces, cursor, length = [], [], 0, 0
        for m in _BRACKET.finditer(line):
            pieces.append(line[cursor:m.start()])
            length += m.start() - cursor
            marks.append((length, length + len(m.group(2)), m.group(1)))
            pieces.append(m.group(2))
            length += len(m.group(2))
            cursor = m.end()
        pieces.append(line[cursor:])
        norm = normalize_with_index("".join(pieces))
        sentence: Sentence = []
        last = None
        for tok in word_tokens(norm.text):
            at, until = norm.span_to_original(tok.start, tok.end)  # a clitic outside the mark still joins it
            mark = next((n for n, (s, e, _) in enumerate(marks) if at < e and until > s), None)
            if mark is None:
                sentence.append((tok.text, "O"))
            else:
                sentence.append((tok.text, ("I-" if mark == last else "B-") + marks[mark][2]))
            last = mark
        if sentence:
            yield sentence


def _fix_bio(sentence: Sentence) -> Sentence:
    out: Sentence = []
    for word, tag in sentence:
        if tag.startswith("I-") and (not out or out[-1][1][2:] != tag[2:]):
            tag = "B-" + tag[2:]
        out.append((word, tag))
    return out


def read_conll(path: Path) -> Iterator[Sentence]:
    """CoNLL: a token and its tag per line (the tag last), blank lines between sentences."""
    sentence: Sentence = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if not parts:
                if sentence:
                    yield _fix_bio(sentence)
                sentence = []
                continue
            if len(parts) < 2:
                continue
            word, tag = normalize(parts[0]), parts[-1].upper()
            if tag != "O":
                prefix, _, kind = tag.partition("-")
                kind = _TAG_ALIASES.get(kind, kind)
                tag = f"{prefix}-{kind}" if kind in TYPES else "O"
            sentence.append((word, tag))
    if sentence:
        yield _fix_bio(sentence)


def _shape(word: str) -> str:
    if word.isdigit():
        return "D"
    if word.isascii():
        return "L"
    return "A" + ("s" if len(word) <= 3 else "m" if len(word) <= 6 else "l")


def word_features(w: str, gaz: Gazetteers) -> tuple[list[str], bool, bool]:
    """A word's own features, and whether it is a cue and a given name (what its neighbours see of it)."""
    stem = first_token_forms(w)[-1][0]
    feats = [
        "b", "w=" + w, "s=" + stem, "p2=" + w[:2], "p3=" + w[:3], "x2=" + w[-2:], "x3=" + w[-3:],
        "sh=" + _shape(w), "al=" + str(stem.startswith(article())),
    ]
    for flag, words_set in (("giv", gaz.given), ("nam", gaz.name_words), ("plc", gaz.place_words),
                            ("cue", gaz.cues)):
        if w in words_set or stem in words_set:
            feats.append(flag)
    return feats, w in gaz.cues, w in gaz.given


def sentence_features(words: list[str], gaz: Gazetteers, memo: dict | None = None) -> list[list[str]]:
    """Each word's own features (memoised per word when ``memo`` is given) and its neighbours' words and flags."""
    own = [memo[w] if memo is not None and w in memo else word_features(w, gaz) for w in words]
    if memo is not None:
        memo.update(zip(words, own, strict=True))
    out = []
    n = len(words)
    for i in range(n):
        feats = list(own[i][0])
        for off in (-2, -1, 1, 2):
            j = i + off
            if 0 <= j < n:
                feats.append(f"{off}w={words[j]}")
                if own[j][1]:
                    feats.append(f"{off}cue")
                if own[j][2]:
                    feats.append(f"{off}giv")
            else:
                feats.append(f"{off}edge")
        out.append(feats)
    return out


def train(sentences: list[Sentence], model_path: Path, gaz: Gazetteers, max_iterations: int = 100) -> Path:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for sentence in sentences:
        words = [w for w, _ in sentence]
        trainer.append(sentence_features(words, gaz), [t for _, t in sentence])
    trainer.set_params({"c1": 0.05, "c2": 0.05, "max_iterations": max_iterations,
                        "feature.possible_transitions": True})
    model_path.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(model_path))
    return model_path


class Tagger:
    def __init__(self, model_path: Path, gaz: Gazetteers) -> None:
        import pycrfsuite

        self.tagger = pycrfsuite.Tagger()
        self.tagger.open(str(model_path))
        self.gaz = gaz
        self.memo: dict[str, tuple[list[str], bool, bool]] = {}  # word -> its own features

    def tag(self, words: list[str]) -> list[str]:
        if len(self.memo) > 200_000:
            self.memo.clear()
        return self.tagger.tag(sentence_features(words, self.gaz, self.memo)) if words else []


def spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, type) token spans from BIO tags."""
    out, start, kind = [], None, None
    for i, tag in enumerate([*tags, "O"]):
        if tag.startswith("B-") or tag == "O" or (tag.startswith("I-") and tag[2:] != kind):
            if start is not None:
                out.append((start, i, kind))
                start = kind = None
            if tag != "O":
                start, kind = i, tag[2:]
    return out


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    f1: float
    gold: int
    predicted: int


def evaluate(tagger: Tagger, sentences: list[Sentence]) -> dict[str, Score]:
    """Exact-span precision/recall/F1, per type and overall ("ALL")."""
    counts = {t: [0, 0, 0] for t in (*TYPES, "ALL")}  # correct, gold, predicted
    for sentence in sentences:
        gold = set(spans([t for _, t in sentence]))
        pred = set(spans(tagger.tag([w for w, _ in sentence])))
        for kind in (*TYPES, "ALL"):
            g = {s for s in gold if kind in ("ALL", s[2])}
            p = {s for s in pred if kind in ("ALL", s[2])}
            counts[kind][0] += len(g & p)
            counts[kind][1] += len(g)
            counts[kind][2] += len(p)
    out = {}
    for kind, (correct, gold_n, pred_n) in counts.items():
        precision = correct / pred_n if pred_n else 0.0
        recall = correct / gold_n if gold_n else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        out[kind] = Score(round(precision, 4), round(recall, 4), round(f1, 4), gold_n, pred_n)
    return out


def split(sentences: list[Sentence], held_out: float, seed: int = 13) -> tuple[list[Sentence], list[Sentence]]:
    shuffled = sentences[:]
    random.Random(seed).shuffle(shuffled)
    cut = int(len(shuffled) * (1 - held_out))
    return shuffled[:cut], shuffled[cut:]


def builtin_sentences() -> list[Sentence]:
    sentences: list[Sentence] = []
    for path in sorted((DATA_DIR / "ner").glob("*.txt")):
        with path.open(encoding="utf-8") as fh:
            sentences.extend(read_bracketed(fh))
    return sentences


# --- the shipped model ------------------------------------------------------------------------------------
FEATURES_VERSION = 1
COMMON_MIN = 2  # occurrences outside names that make a word "common"
MODEL_PATH = DATA_DIR / "ner" / "model.crfsuite"
MODEL_INFO = DATA_DIR / "ner" / "model.json"
MODEL_INPUTS = ("persons.yaml", "actors.yaml", "places.yaml", "mentions.yaml", "clitics.yaml")


def builtin_gazetteers() -> Gazetteers:
    """Word lists from our own knowledge files only (so the shipped model depends on nothing else)."""
    from rasd.knowledge.entities import alias_key

    persons, actors, places, mentions = (load(n) for n in ("persons.yaml", "actors.yaml", "places.yaml",
                                                           "mentions.yaml"))
    given = {normalize(n) for n in persons.get("given_names") or []}
    name_words = {w for a in actors for alias in a.get("aliases_ar") or [] for w in alias_key(alias)}
    name_words |= {w for p in persons.get("known_people") or [] for alias in p.get("ar") or []
                   for w in alias_key(alias)}
    place_words = {w for p in places for n in p.get("names_ar") or [] for w in alias_key(n)}
    not_name = {normalize(w) for w in mentions.get("not_name_words") or []}
    name_cues = {w for row in persons.get("titles") or [] for w in alias_key(row["ar"])[:1]}
    name_cues |= {normalize(w) for w in mentions.get("place_heads") or []}
    name_cues -= not_name
    cues = name_cues | {normalize(w) for w in mentions.get("speech_verbs") or []}
    return Gazetteers(frozenset(given), frozenset(name_words), frozenset(place_words), frozenset(cues),
                      frozenset(name_cues))


def inputs_digest() -> str:
    """Hash of everything the shipped model is built from: retrain when it changes."""
    import hashlib

    h = hashlib.sha256(f"features-v{FEATURES_VERSION}".encode())
    for path in [*sorted((DATA_DIR / "ner").glob("*.txt")), *(DATA_DIR / n for n in MODEL_INPUTS)]:
        h.update(path.name.encode())
        if path.exists():
            h.update(path.read_bytes())
    return h.hexdigest()


def build_builtin_model() -> dict:
    """Train the shipped model on our own sentences; writes model.crfsuite and model.json beside them."""
    import json

    gaz = builtin_gazetteers()
    sentences = builtin_sentences()
    train_part, held_out = split(sentences, 0.1)
    probe = MODEL_PATH.with_suffix(".probe")
    train(train_part, probe, gaz)
    scores = evaluate(Tagger(probe, gaz), held_out)
    probe.unlink()
    train(sentences, MODEL_PATH, gaz)
    counts: dict[str, int] = {}
    for sentence in sentences:
        for word, tag in sentence:
            if tag == "O" and word not in gaz.given:
                counts[word] = counts.get(word, 0) + 1
    info = {"inputs_sha256": inputs_digest(), "sentences": len(sentences),
            "held_out_f1": {k: v.f1 for k, v in scores.items()},
            # words that are never part of a name in our sentences: no unknown name starts with them
            "common_words": sorted(w for w, n in counts.items() if n >= COMMON_MIN)}
    MODEL_INFO.write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    return info


@cache
def builtin_tagger() -> Tagger | None:
    """The shipped model (None when it has not been built)."""
    if not MODEL_PATH.exists():
        log.warning("no NER model at %s: build it with `rasd ner build`", MODEL_PATH)
        return None
    return Tagger(MODEL_PATH, builtin_gazetteers())


@cache
def common_words() -> frozenset[str]:
    """Words our sentences use only outside names (stored with the model when it is built)."""
    import json

    if not MODEL_INFO.exists():
        return frozenset()
    return frozenset(json.loads(MODEL_INFO.read_text(encoding="utf-8")).get("common_words", []))
