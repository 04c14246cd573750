"""The evaluation harness on a small gold file we wrote, and on the seeds when ../shared is there."""

import json
from pathlib import Path

import pytest

from rasd.evaluate import evaluate, read_gold
from rasd.evaluate.links import score_links
from rasd.evaluate.score import Report, format_report

SHARED = Path(__file__).resolve().parents[2].parent / "shared"

STRIKE = "وقصفت طائرات حربية روسية صباح اليوم بلدة كفرنبل في ريف إدلب الجنوبي، ما أدى إلى مقتل 5 مدنيين."
DENIAL = "ونفى المتحدث باسم الفصائل توقيع أي اتفاق هدنة مع قوات النظام في ريف حماة الشمالي."
MATCH = "وحقق فريق الجيش فوزاً كبيراً على منافسه في المباراة النهائية للدوري أمس."


def gold_line(n: int, type_: str, evidence: str, **extra: object) -> dict:
    return {"id": f"t-{n}", "doc": "t.txt", "type": type_, "alt_types": [], "actor": None, "co_actors": [],
            "target": None, "speaker": None, "location": None, "numbers": [], "evidence": evidence,
            "negated_or_denied": False, "salience": "main", **extra}


@pytest.fixture
def corpus(tmp_path: Path) -> tuple[Path, Path]:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "t.txt").write_text(f"{STRIKE}\n\n{DENIAL}\n\n{MATCH}\n", encoding="utf-8")
    lines = [
        gold_line(1, "ASSAULT", "وقصفت طائرات حربية روسية صباح اليوم بلدة كفرنبل",
                  numbers=[{"what": "killed", "min": 5, "max": 5, "approx": False, "surface": "5 مدنيين"}],
                  location={"en": "Kafr Nabl", "ar": "كفرنبل", "admin1_en": "Idlib", "lat": 35.61, "lon": 36.56}),
        gold_line(2, "AGREE", "توقيع أي اتفاق هدنة", negated_or_denied=True),
        gold_line(3, "FIGHT", "اشتباكات لم تقع في هذا النص أصلا"),
        {"type": "XDOC", "id": "link-a", "members": ["t-2", "t-3"], "relation": "same_event"},
    ]
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")
    return gold, docs


def test_scores_a_small_gold_file(corpus: tuple[Path, Path]) -> None:
    gold, docs = corpus
    report = evaluate(gold, [str(docs)])
    claim = report.tallies["claim"]
    assert (claim.tp, claim.fn) == (2, 1)  # the strike and the denied truce; the invented clash is missed
    assert claim.fp == 0  # the football match is not an event
    assert report.negated_found == report.negated_gold == 1
    assert report.attributes["numbers"] == [1.0]
    assert report.tallies["event"].fn == 0  # t-3 shares a cluster with the matched t-2
    assert "ASSAULT" in format_report(report)


def test_same_event_clusters_merge_when_they_overlap(tmp_path: Path) -> None:
    path = tmp_path / "g.jsonl"
    rows = [gold_line(n, "OTHER", "x") for n in (1, 2, 3)] + [
        {"type": "XDOC", "id": "link-a", "members": ["t-1", "t-2"], "relation": "same_event"},
        {"type": "XDOC", "id": "link-b", "members": ["t-2", "t-3"], "relation": "same_event"}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    lines, clusters = read_gold(path)
    assert len(lines) == 3 and clusters == [{"t-1", "t-2", "t-3"}]


@pytest.mark.skipif(not (SHARED / "gold" / "seeds-events.jsonl").exists(), reason="../shared/gold is not here")
def test_seed_scores_do_not_fall() -> None:
    report = evaluate(SHARED / "gold" / "seeds-events.jsonl", [str(SHARED / "seeds")])
    precision, recall, _ = report.tallies["claim"].prf()
    assert recall >= 0.84 and precision >= 0.79, format_report(report)
    assert report.negated_found == report.negated_gold == 3
    places = report.attributes["location_25km"]
    assert sum(places) / len(places) >= 0.88, format_report(report)
    # the cross-document pair (the Gedney accusation in 000 and 001) and all five gold contradictions
    assert report.links["same_event across documents"].tp >= 1, format_report(report, True)
    assert report.links["contradiction (all)"].prf()[:2] == (1.0, 1.0), format_report(report, True)
    assert report.links["contradiction (hard)"].prf()[:2] == (1.0, 1.0), format_report(report, True)


def test_a_tie_goes_to_the_event_whose_polarity_agrees_with_the_gold(tmp_path: Path) -> None:
    text = ("وتصطدم أرتال التنظيم بقوات النظام في البادية، ولا تستطيع فصائل المعارضة التقدم لاعتراضها خشية من "
            "الطيران الروسي.")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "t.txt").write_text(text + "\n", encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    line = gold_line(1, "FIGHT", "ولا تستطيع فصائل المعارضة التقدم لاعتراضها", negated_or_denied=True)
    gold.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    report = evaluate(gold, [str(docs)])
    # two FIGHT events share the sentence: the clash (asserted) and the advance that could not happen (negated)
    assert report.tallies["claim"].tp == 1 and report.negated_found == 1


def test_link_pairs_are_scored_against_xdoc_lines() -> None:
    report = Report()
    report.matched_gold = {("a.txt", 0): "a-1", ("a.txt", 1): "a-2", ("b.txt", 3): "b-1", ("b.txt", 4): "b-2"}
    linked = [
        {"reports": [{"doc_id": "A", "event_index": 0}, {"doc_id": "B", "event_index": 3},
                     {"doc_id": "B", "event_index": 9}],  # the last matched no gold line: not judged
         "contradictions": [{"kind": "quantity", "strength": "hard", "sides": [[0], [1]]}]},
        {"reports": [{"doc_id": "A", "event_index": 1}, {"doc_id": "B", "event_index": 4}], "contradictions": []},
    ]
    xdoc = [{"id": "X-1", "type": "XDOC", "relation": "same_event", "members": ["a-1", "b-1"]},
            {"id": "X-2", "type": "XDOC", "relation": "contradiction", "strength": "soft", "members": ["a-1", "b-1"],
             "sides": [["a-1"], ["b-1"]]},
            {"id": "X-3", "type": "XDOC", "relation": "related", "members": ["a-2", "b-2"]}]
    score_links(report, linked, {"A": "a.txt", "B": "b.txt"}, xdoc)
    same = report.links["same_event"]
    assert (same.tp, same.fp, same.fn) == (1, 1, 0)  # a-2 ~ b-2 is only related
    assert report.links["same_event across documents"].tp == 1
    contra, hard = report.links["contradiction (all)"], report.links["contradiction (hard)"]
    assert (contra.tp, contra.fp, contra.fn) == (1, 0, 0)
    assert (hard.tp, hard.fp, hard.fn) == (0, 1, 0)  # found, but said hard where the gold says soft
    assert any("a-2 ~ b-2" in line and "X-3 related" in line for line in report.link_details)
