"""The CRF name finder: reading training data, training, scoring, and the shipped model's integrity."""

import json
from pathlib import Path

import pytest

from rasd.extract.ner import (
    MODEL_INFO,
    Gazetteers,
    Tagger,
    builtin_gazetteers,
    evaluate,
    inputs_digest,
    read_bracketed,
    read_conll,
    spans,
    split,
    train,
)


def test_bracketed_sentences_become_bio_tags_with_clitics_inside_names() -> None:
    [sentence] = read_bracketed(["وقال الجنرال [PER فيليكس غيدني] إن [ORG قوات سوريا الديمقراطية] تقدمت "
                                 "[LOC بالرقة] و[LOC دير الزور]."])
    words = [w for w, _ in sentence]
    assert words[2:4] == ["فيليكس", "غيدني"]
    assert spans([t for _, t in sentence]) == [(2, 4, "PER"), (5, 8, "ORG"), (9, 10, "LOC"), (10, 12, "LOC")]


def test_conll_tags_are_mapped(tmp_path: Path) -> None:
    path = tmp_path / "x.conll"
    path.write_text("قال O\nرامي B-PERS\nعبد I-PERS\nالرحمن I-PERS\nفي O\nحلب B-LOC\nأمس B-MISC\n\nجملة O\n",
                    encoding="utf-8")
    first, second = read_conll(path)
    assert [t for _, t in first] == ["O", "B-PER", "I-PER", "I-PER", "O", "B-LOC", "O"]
    assert second == [("جمله", "O")]


def test_a_small_model_learns_our_sentences(tmp_path: Path) -> None:
    lines = [f"وقال العقيد [PER {name}] إن القوات دخلت [LOC {place}] صباح اليوم."
             for name in ("سامر الأحمد", "خالد العمر", "ياسر الحسن", "مازن العلي", "فراس الخطيب")
             for place in ("حماة", "إدلب", "حلب", "الرقة", "درعا", "حمص")]
    sentences = list(read_bracketed(lines))
    model = train(sentences[:-5], tmp_path / "m.crfsuite", Gazetteers(), max_iterations=50)
    scores = evaluate(Tagger(model, Gazetteers()), sentences[-5:])
    assert scores["ALL"].f1 > 0.9


def test_shipped_model_is_built_from_the_current_sentences_and_knowledge() -> None:
    info = json.loads(MODEL_INFO.read_text(encoding="utf-8"))
    assert info["inputs_sha256"] == inputs_digest(), "the training data changed: run `rasd ner build`"
    assert info["held_out_f1"]["ALL"] > 0.75


def test_anercorp_trains_and_scores_on_held_out_part(shared: Path, tmp_path: Path) -> None:
    sentences = list(read_conll(shared / "data" / "anercorp" / "train.txt"))
    assert len(sentences) > 3000
    train_part, test_part = split(sentences, 0.1)
    gaz = builtin_gazetteers()
    model = train(train_part, tmp_path / "anercorp.crfsuite", gaz, max_iterations=60)
    scores = evaluate(Tagger(model, gaz), test_part)
    print({k: (v.precision, v.recall, v.f1) for k, v in scores.items()})  # shown with -s; figures in the notes
    assert scores["ALL"].f1 > 0.6
    assert scores["LOC"].f1 > 0.7


@pytest.mark.parametrize("held_out", [0.0])
def test_split_without_held_out_keeps_everything(held_out: float) -> None:
    sentences = [[("كلمه", "O")]] * 10
    train_part, test_part = split(sentences, held_out)
    assert len(train_part) == 10 and test_part == []
