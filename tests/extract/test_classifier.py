"""The shipped event classifier: built from the current sentences, and reproducible by a rebuild."""

import json
from pathlib import Path

from rasd.extract.classifier import MODEL_INFO, builtin_classifier
from rasd.extract.train_events import inputs_digest, read_examples, train
from rasd.text.normalize import normalize


def test_shipped_model_is_built_from_the_current_sentences() -> None:
    info = json.loads(MODEL_INFO.read_text(encoding="utf-8"))
    assert info["inputs_sha256"] == inputs_digest(), "the labelled sentences changed: run `rasd events build`"
    assert info["sentences"] >= 3000 and info["unusable_lines"] == 0


def test_every_labelled_type_is_covered() -> None:
    examples, _ = read_examples()
    types = {e.type for e in examples}
    plover = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
              "SANCTION", "THREATEN", "PROTEST", "MOBILIZE", "COERCE", "ASSAULT"}
    assert plover | {"FIGHT", "SEIZE", "OTHER", "NONE"} <= types
    modalities = {e.modality for e in examples}
    assert {"asserted", "negated", "future", "hypothetical", "generic"} <= modalities


def test_a_rebuild_reaches_the_shipped_scores(tmp_path: Path) -> None:
    shipped = json.loads(MODEL_INFO.read_text(encoding="utf-8"))
    rebuilt = train(model_path=tmp_path / "model.npz")
    for key in ("type_accuracy", "modality_accuracy", "none_precision", "none_recall"):
        assert rebuilt[key] >= shipped[key] - 0.005, (key, rebuilt[key], shipped[key])


def test_a_metaphor_reads_as_no_event() -> None:
    clf = builtin_classifier()
    assert clf is not None
    words = [normalize(w) for w in ("وتتعرض", "الحكومة", "منذ", "أسابيع", "لحملة", "قصف", "إعلامي", "متواصل", "من",
                                    "المعارضة")]
    k = words.index(normalize("قصف"))
    assert clf.judge(words, k, k + 1, None).none_p > 0.5
