"""Training the event classifier from the labelled sentences we wrote (knowledge/data/events/sentences_*.tsv).

Each line: TYPE, MODE, MODALITY, TRIGGER, SENTENCE (tab-separated). A fixed sixth of the sentences (by hash) is
held out; the shipped model is the one trained on the rest, so that its held-out scores are honest and a
rebuild reproduces them.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from rasd.extract.classifier import MODEL, MODEL_DIR, MODEL_INFO, features
from rasd.extract.lexicon import event_lexicon
from rasd.extract.matcher import word_tokens
from rasd.knowledge import DATA_DIR
from rasd.text.normalize import normalize, normalize_with_index

HELD_OUT = 6  # one sentence in six


@dataclass
class Example:
    feats: list[str]
    type: str
    modality: str
    held_out: bool


def sentence_files(folder: Path = MODEL_DIR) -> list[Path]:
    return sorted(folder.glob("sentences_*.tsv"))


def inputs_digest(folder: Path = MODEL_DIR) -> str:
    h = hashlib.sha256()
    for path in [*sentence_files(folder), DATA_DIR / "events.yaml", DATA_DIR / "clitics.yaml"]:
        h.update(path.read_bytes())
    return h.hexdigest()


def read_examples(folder: Path = MODEL_DIR) -> tuple[list[Example], int]:
    """Examples, and how many lines could not be used (trigger not found in its sentence, bad columns)."""
    lex = event_lexicon()
    out, bad = [], 0
    for path in sentence_files(folder):
        for line in path.read_text(encoding="utf-8").splitlines():
            cols = line.split("\t")
            if len(cols) != 5:
                bad += 1
                continue
            type_, _mode, modality, trigger, sentence = (c.strip() for c in cols)
            norm = normalize_with_index(sentence)
            tokens = word_tokens(norm.text)
            at = norm.text.find(normalize(trigger))
            span = [k for k, t in enumerate(tokens) if t.start < at + len(normalize(trigger)) and at < t.end]
            if at < 0 or not span:
                bad += 1
                continue
            i, j = span[0], span[-1] + 1
            hit = lex.triggers.match_at(tokens, i)
            prior = hit.values[0] if hit is not None else None
            words = [t.text for t in tokens]
            held = int(hashlib.md5(sentence.encode()).hexdigest(), 16) % HELD_OUT == 0
            out.append(Example(features(words, i, j, prior), type_, modality if type_ != "NONE" else "-", held))
    return out, bad


def _fit(x: Any, labels: list[str]) -> Any:
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(max_iter=3000, C=4.0)
    model.fit(x, labels)
    return model


def train(folder: Path = MODEL_DIR, model_path: Path = MODEL) -> dict:
    from sklearn.feature_extraction import DictVectorizer

    examples, bad = read_examples(folder)
    train_set = [e for e in examples if not e.held_out]
    test_set = [e for e in examples if e.held_out]
    vec = DictVectorizer()
    x_train = vec.fit_transform([dict.fromkeys(e.feats, 1) for e in train_set])
    x_test = vec.transform([dict.fromkeys(e.feats, 1) for e in test_set])
    types = _fit(x_train, [e.type for e in train_set])
    with_mod = [n for n, e in enumerate(train_set) if e.modality != "-"]
    modality = _fit(x_train[with_mod], [train_set[n].modality for n in with_mod])
    predicted = types.predict(x_test)
    gold = [e.type for e in test_set]
    scores = {"type_accuracy": _share(predicted, gold)}
    tp = sum(p == g == "NONE" for p, g in zip(predicted, gold, strict=True))
    scores["none_precision"] = round(tp / max(1, sum(p == "NONE" for p in predicted)), 4)
    scores["none_recall"] = round(tp / max(1, gold.count("NONE")), 4)
    test_mod = [n for n, e in enumerate(test_set) if e.modality != "-"]
    scores["modality_accuracy"] = _share(modality.predict(x_test[test_mod]), [test_set[n].modality for n in test_mod])
    names = vec.get_feature_names_out().tolist()
    np.savez_compressed(
        model_path, vocab=json.dumps(names, ensure_ascii=False), types=json.dumps(types.classes_.tolist()),
        type_w=types.coef_.T.astype(np.float16), type_b=types.intercept_.astype(np.float32),
        modalities=json.dumps(modality.classes_.tolist()), mod_w=modality.coef_.T.astype(np.float16),
        mod_b=modality.intercept_.astype(np.float32))
    info = {"inputs_sha256": inputs_digest(folder), "sentences": len(examples), "unusable_lines": bad,
            "train": len(train_set), "held_out": len(test_set), "features": len(names), **scores}
    if model_path == MODEL:
        MODEL_INFO.write_text(json.dumps(info, indent=1) + "\n", encoding="utf-8")
    return info


def _share(predicted: Any, gold: list[str]) -> float:
    return round(sum(p == g for p, g in zip(predicted, gold, strict=True)) / max(1, len(gold)), 4)
