"""Amounts as Arabic news writes them: digits, number words, bounds, ranges, vague plurals, money, percent."""

import pytest

from rasd.extract.quantities import quantities
from rasd.text.normalize import normalize_with_index


def read(text: str) -> list[dict]:
    return [q.record(text) for q in quantities(normalize_with_index(text), 0, len(text))]


@pytest.mark.parametrize(("text", "kind", "low", "high", "approx"), [
    ("وقال المرصد إن ما لا يقل عن 23 مدنياً سقطوا بين قتيل وجريح في القصف", "killed_or_injured", 23, None, False),
    ("وأسفرت الغارة عن مقتل 9 مدنيين بينهم أطفال", "killed", 9, 9, False),
    ("وغادر نحو ثلاثة آلاف مقاتل البلدة مع عائلاتهم", "fighters", 3000, 3000, True),
    ("واعتقلت الدورية أكثر من عشرين شاباً في حملة دهم", "arrested", 20, None, True),
    ("ويقدر عدد المحاصرين ما بين 300 و450 شخصاً", "civilians", 300, 450, False),
    ("وأصيب عشرات المدنيين بجروح متفاوتة", "injured", 10, None, True),
    ("ودفعت الفصائل فدية قدرها 1.5 مليون دولار", "money_usd", 1500000, 1500000, False),
    ("وبات التنظيم يسيطر على 4 في المئة فقط من مساحة البلاد", "percent", 4, 4, False),
    ("ووصلت خمس وعشرون حافلة إلى المعبر", "vehicles", 25, 25, False),
    ("وقتل ١٤ عنصراً من قوات الأمن", "killed", 14, 14, False),
    ("أفاد المرصد بسقوط ما لا يقل عن 70 قتيلاً وجريحاً، معظمهم من النساء", "killed_or_injured", 70, None, False),
    ("يُذكر أنّ الأسير عمر دراغمة (58 عاماً) استُشهد في السجن", "days", 58, 58, False),  # an age, not the dead
])
def test_amounts(text: str, kind: str, low: float, high: float | None, approx: bool) -> None:
    found = read(text)
    assert found, text
    q = found[0]
    assert (q["kind"], q["min"], q["max"], q["approx"]) == (kind, low, high, approx), q
    assert text[q["start"]:q["end"]] == q["text"]


def test_counted_people_keep_their_unit_when_an_outcome_names_the_kind() -> None:
    q = read("وأدى القصف إلى مقتل 6 أطفال في الحي")[0]
    assert (q["kind"], q["unit"]) == ("killed", "children")


def test_family_members_after_fighters() -> None:
    found = read("وخرج 180 مقاتلاً و2700 من أفراد عائلاتهم")
    assert [(q["kind"], q["min"]) for q in found] == [("fighters", 180), ("family_members", 2700)]


@pytest.mark.parametrize("text", [
    "وفي 12 أيار 2016 أعلنت الحكومة الهدنة",
    "وانتشرت قوات اللواء 47 على الطريق",
    "وصدر القرار 2254 عن مجلس الأمن",
    "عند الساعة 10 صباحاً",
])
def test_dates_labels_and_years_are_not_amounts(text: str) -> None:
    assert read(text) == []


def test_counted_nouns_with_the_article_and_as_many_as_before() -> None:
    assert [(q["kind"], q["min"]) for q in read("أفرج التنظيم عن عشرات الأسرى")] == [("prisoners", 10)]
    assert [(q["kind"], q["min"]) for q in read("أطلق الفصيل 29 من الأسرى المحتجزين لديه")] == [("prisoners", 29)]
    amounts = read("في إطار اتفاق لإجلاء 25 حالة طبية مقابل إطلاق الفصيل عددا مماثلا من الأسرى")
    assert [(q["kind"], q["min"], q["approx"]) for q in amounts] == [("medical_cases", 25, False),
                                                                    ("prisoners", 25, True)]
