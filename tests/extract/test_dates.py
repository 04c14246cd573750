"""Event dates resolved against the publication date, with their precision."""

import pytest

from rasd.extract.dates import find_dates, hijri_to_gregorian
from rasd.text.normalize import normalize_with_index

PUBLISHED = "2019-03-07"  # a Thursday


def first(text: str, published: str | None = PUBLISHED) -> dict:
    found = find_dates(normalize_with_index(text), 0, len(text), published)
    assert found, text
    return found[0].record(text)


@pytest.mark.parametrize(("text", "value", "precision"), [
    ("قُتل ثلاثة مدنيين أمس في قصف مدفعي", "2019-03-06", "day"),
    ("اندلعت الاشتباكات الليلة قبل الماضية", "2019-03-05", "day"),
    ("وقع التفجير يوم الاثنين الماضي قرب السوق", "2019-03-04", "day"),
    ("قصفت الطائرات البلدة الخميس الماضي", "2019-02-28", "day"),
    ("دخلت القافلة البلدة منذ يومين", "2019-03-05", "day"),
    ("تصاعدت الغارات خلال الشهر الجاري", "2019-03-01", "month"),
    ("خرجت الدفعة الأولى في 27 فبراير", "2019-02-27", "day"),
    ("أعلنت الحكومة في 15 كانون الأول 2017 انتهاء العمليات", "2017-12-15", "day"),
    ("أعلن الجيش في نيسان 2018 السيطرة على الغوطة", "2018-04-01", "month"),
    ("وتجدد القصف الأسبوع الماضي", "2019-02-25", "week"),
])
def test_relative_and_written_dates(text: str, value: str, precision: str) -> None:
    d = first(text)
    assert (d["value"], d["precision"]) == (value, precision)
    assert text[d["start"]:d["end"]] == d["text"]


def test_without_a_publication_date_a_relative_date_stays_unresolved() -> None:
    d = first("قُتل ثلاثة مدنيين أمس في قصف مدفعي", None)
    assert d["value"] is None and d["text"] == "أمس"


def test_hijri_dates_convert_within_a_day_or_two() -> None:
    assert abs((hijri_to_gregorian(1438, 9, 1).toordinal()) - 736476) <= 2  # 1 Ramadan 1438 = 27 May 2017
    d = first("وصلت التعزيزات في 10 شوال 1440 هـ")
    assert d["value"].startswith("2019-06") and d["precision"] == "day"
