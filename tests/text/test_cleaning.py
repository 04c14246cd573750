"""Page furniture, headline, dateline, byline and publication date on articles shaped like real pages."""

import pytest

from tests.conftest import BODY, LEAD, article, run_pipeline


def removed(doc) -> dict[str, str]:
    return {doc.view[s.start:s.end]: s.label for s in doc.removed}


def test_gulf_daily_template() -> None:
    teaser = LEAD[len("دمشق ـ "):110] + "..."
    text = article("غارات مكثفة على ريف إدلب الجنوبي تقتل 12 مدنياً", "", teaser,
                   "عناصر من الدفاع المدني في معرة النعمان", "", "ت + ت - الحجم الطبيعي", "",
                   LEAD, "", *BODY, "", "Email", "طباعة")
    doc = run_pipeline(text)
    assert doc.ok
    assert doc.text_of(doc.headline) == "غارات مكثفة على ريف إدلب الجنوبي تقتل 12 مدنياً"
    assert doc.text_of(doc.dateline) == "دمشق"
    why = removed(doc)
    assert why[teaser] == "teaser"
    assert why["عناصر من الدفاع المدني في معرة النعمان"] == "caption"
    assert why["ت + ت - الحجم الطبيعي"] == "widget"
    assert why["Email"] == "share" and why["طباعة"] == "share"
    assert doc.body.startswith("قالت مصادر ميدانية")
    assert "الحجم الطبيعي" not in doc.body and "Email" not in doc.body


def test_metadata_glued_to_headline() -> None:
    text = article("تواطؤ دولي في ملف المعتقلين الكاتب : مركز الدراسات التاريخ : 3 آذار 2018 م المشاهدات : 912",
                   "", LEAD, *BODY, "", "المصادر:")
    doc = run_pipeline(text)
    assert doc.text_of(doc.headline) == "تواطؤ دولي في ملف المعتقلين"
    assert doc.text_of(doc.byline) == "مركز الدراسات"
    assert doc.published == "2018-03-03"
    assert doc.text_of(doc.published_span) == "3 آذار 2018 م"
    why = removed(doc)
    assert why["التاريخ : 3 آذار 2018 م"] == "metadata"
    assert why["المشاهدات : 912"] == "views"
    assert why["المصادر:"] == "sources"


def test_footer_removes_related_news_to_the_end_but_keeps_crossheads() -> None:
    text = article("حصار خانق على البلدة", LEAD, "مفاوضات متعثرة", *BODY, "من الانترنت", "أقسام", "أخبار متعلقة",
                   "مقتل 5 بقصف على حماة", "اشتباكات في ريف حلب")
    doc = run_pipeline(text)
    assert "مفاوضات متعثرة" in doc.body.split("\n")  # crosshead stays
    why = removed(doc)
    assert why["أخبار متعلقة"] == "related"
    assert why["مقتل 5 بقصف على حماة"] == "related"
    assert why["أقسام"] == "sections"
    assert why["من الانترنت"] == "credit"
    assert "اشتباكات في ريف حلب" not in doc.body


def test_second_headline_is_kept_as_text() -> None:
    text = article("«قسد» تتقدم ببطء شرقي الفرات", "", "اشتباكات بين فصائل متشددة في إدلب", "", LEAD, *BODY)
    doc = run_pipeline(text)
    assert doc.text_of(doc.headline) == "«قسد» تتقدم ببطء شرقي الفرات"
    assert doc.body.split("\n")[0] == "اشتباكات بين فصائل متشددة في إدلب"


def test_byline_line_and_standalone_date_line() -> None:
    text = article("نزوح آلاف المدنيين من عفرين", "بيروت - كمال الحسن", "السبت، 17 آذار 2018",
                   "صورة أرشيفية", LEAD.replace("دمشق ـ ", ""), *BODY)
    doc = run_pipeline(text)
    assert doc.text_of(doc.byline) == "كمال الحسن"
    assert doc.text_of(doc.dateline) == "بيروت"
    assert doc.published == "2018-03-17"
    assert removed(doc)["صورة أرشيفية"] == "credit"


@pytest.mark.parametrize(("lead_start", "place"), [
    ("لندن- ", "لندن"),
    ("دمشق ـ ", "دمشق"),
    ("بيروت: ", "بيروت"),
    ("عمّان - «القدس العربي»: ", "عمّان"),
    ("دير الزور - «الضفة الشرقية»: ", "دير الزور"),
    ("نينوى/ دجلة نيوز: ", "نينوى"),
    ("بغداد - وكالات: ", "بغداد"),
])
def test_datelines(lead_start: str, place: str) -> None:
    lead = lead_start + "أعلنت القوات الحكومية، اليوم الأحد، سيطرتها الكاملة على المدينة بعد معارك عنيفة."
    doc = run_pipeline(article("القوات الحكومية تعلن السيطرة على المدينة", lead, *BODY))
    assert doc.text_of(doc.dateline) == place
    assert doc.body.startswith("أعلنت القوات الحكومية")


def test_sentence_that_opens_with_a_verb_and_colon_is_not_a_dateline() -> None:
    lead = "قال مصدر عسكري: إن القوات تقدمت في المنطقة، وسيطرت على ثلاث قرى خلال يومين من المعارك العنيفة."
    doc = run_pipeline(article("تقدم جديد للقوات في ريف حماة", lead, *BODY))
    assert doc.dateline is None
    assert doc.body.startswith("قال مصدر عسكري")


def test_metadata_date_wins_and_has_no_offsets() -> None:
    doc = run_pipeline(article(LEAD, *BODY), published="2019-03-20T10:15:00+02:00", title="غارات على إدلب")
    assert doc.published == "2019-03-20"
    assert doc.published_span is None


def test_headline_found_from_metadata_title() -> None:
    doc = run_pipeline(article("غارات على إدلب", LEAD, *BODY), title="غارات على إدلب")
    assert doc.text_of(doc.headline) == "غارات على إدلب"
    assert "غارات على إدلب" not in doc.body.split("\n")


def test_lines_repeated_across_a_sources_articles_are_removed() -> None:
    from rasd.document import Document
    from tests.conftest import process_docs

    docs = []
    for i in range(5):
        # each story differs (the site's template line is what they share)
        text = article(f"عنوان الخبر رقم {i} عن المعارك", "تابعوا آخر الأخبار على موقعنا الرسمي",
                       LEAD.replace("12", str(12 + i)), BODY[i % 3])
        docs.append(Document(raw=text, source_id=f"{i}.txt", path=f"site/{i}.txt", meta={"source": "site"}))
    for doc in process_docs(docs):
        assert removed(doc)["تابعوا آخر الأخبار على موقعنا الرسمي"] == "template"
        assert "موقعنا الرسمي" not in doc.body


def test_every_published_offset_points_into_the_original() -> None:
    from rasd.export.jsonl import document_record

    text = article("عنوان عن الحصار", "التاريخ : 15 ديسمبر 2017 م", LEAD, *BODY)
    doc = run_pipeline(text)
    rec = document_record(doc)
    ev = rec["published_evidence"]
    assert rec["published"] == "2017-12-15"
    assert text[ev["start"]:ev["end"]] == ev["text"] == "15 ديسمبر 2017 م"
    for s in rec["sentences"]:
        assert text[s["start"]:s["end"]].strip() == text[s["start"]:s["end"]]
        assert text[s["start"]:s["end"]] in rec["text"]
    for r in rec["removed"]:
        assert text[r["start"]:r["end"]] == r["text"]


@pytest.mark.parametrize("lead_start", [
    "الملف الأول: ",        # a label, not a place
    "نشرت صحيفة: ",         # a phrase before a colon
    "في اليوم الـ100 ",     # a tatweel inside a word is not a dash
    "العاروري للميادين: ",  # a speaker and an outlet
])
def test_label_openers_are_not_datelines(lead_start: str) -> None:
    lead = lead_start + "أعلنت القوات الحكومية سيطرتها الكاملة على المدينة بعد معارك عنيفة استمرت أسبوعاً."
    doc = run_pipeline(article("القوات الحكومية تعلن السيطرة على المدينة", lead, *BODY))
    assert doc.dateline is None
    assert doc.body.startswith(lead_start.strip())


def test_a_paragraph_repeated_at_the_end_is_kept_once_where_it_first_appears() -> None:
    summary = "دان المجلس المحلي القصف الذي استهدف السوق الشعبية في المدينة، داعياً إلى تحقيق دولي مستقل."
    doc = run_pipeline(article(summary, LEAD, *BODY, summary))
    assert doc.body.count(summary) == 1 and doc.body.startswith(summary)
    assert [s.label for s in doc.removed] == ["repeated"]


def test_news_agency_opening_the_lead_is_not_a_place() -> None:
    lead = "واس - أعلنت وزارة الداخلية، اليوم الأحد، القبض على خلية من 5 أشخاص خططت لتنفيذ هجمات في المنطقة."
    doc = run_pipeline(article("القبض على خلية إرهابية", lead, *BODY))
    assert doc.dateline is None
