"""Figures of one kind, or one counted within the other, that cannot both be true (hard) or differ (soft)."""

import pytest

from rasd.link.conflicts import summary
from rasd.link.figures import figure, figure_conflict, interval
from rasd.link.reports import report_from


def q(kind: str, lo: float, hi: float | None, approx: bool = False) -> dict:
    return {"kind": kind, "min": lo, "max": hi, "approx": approx, "text": "", "start": 0, "end": 0}


@pytest.mark.parametrize(("a", "b", "expected"), [
    (q("killed", 50, None), q("killed", 10, None, True), None),  # at least 50 / dozens
    (q("fighters", 4000, 4000, True), q("fighters", 250, 250, True), "hard"),  # about 4,000 / about 250
    (q("killed", 16, 16), q("killed", 18, 18), "soft"),  # close tallies differ in degree
    (q("killed", 16, 16), q("killed", 17, 17, True), None),  # "about 17" allows 16
    (q("killed_or_injured", 70, None), q("killed", 16, 16), "soft"),  # different metrics, both can be true
    (q("killed", 100, 100), q("killed_or_injured", 20, 20), "hard"),  # more dead than dead and wounded
    (q("killed", 400, 600), q("killed", 500, 500), None),  # a range holds the figure
    (q("killed", 5, 5), q("arrested", 50, 50), None),  # unrelated counts
])
def test_figure_conflicts(a: dict, b: dict, expected: str | None) -> None:
    assert figure_conflict(a["kind"], a, b["kind"], b) == expected
    assert figure_conflict(b["kind"], b, a["kind"], a) == expected


def test_reading_a_figure() -> None:
    assert interval(q("fighters", 4000, 4000, True)) == (3000, 5000)
    assert interval(q("arrested", 100, None, True))[1] == float("inf")
    assert [figure(x) for x in (q("k", 70, None), q("k", 4000, 4000, True), q("k", 400, 600), q("k", 16, 16))] == \
        ["≥70", "~4000", "400–600", "16"]


def test_low_best_high_are_figures_someone_gave() -> None:
    reports = []
    for n, figures in enumerate(([q("killed", 16, 16)], [q("killed", 35, 35)], [q("killed", 70, None)])):
        event = {"type": "ASSAULT", "modality": "asserted", "quantities": figures,
                 "evidence": {"text": "قتل مدنيون في غارات", "start": 0, "end": 19}}
        reports.append(report_from({"doc_id": f"d{n}", "published": "2024-01-02"}, 0, event))
    killed = summary(reports)["killed"]
    assert (killed["low"], killed["best"], killed["high"]) == (16, 35, 70)  # the median report, not an average
    assert [v["report"] for v in killed["values"]] == [0, 1, 2]
