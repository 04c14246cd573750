"""Mentions of actors, people and places in sentences written like the news, resolved to one entity."""

import pytest

from rasd.export.jsonl import document_record
from tests.conftest import article, run_pipeline


def entities(text: str) -> list[dict]:
    doc = run_pipeline(article("خبر عن الحرب في سوريا", text))
    return document_record(doc)["entities"]


def by_text(ents: list[dict], text: str) -> dict:
    return next(e for e in ents if e["text"] == text)


@pytest.mark.parametrize(("sentence", "surface", "name_en"), [
    ("قصفت طائرات التحالف الدولي مواقع لتنظيم داعش في ريف دير الزور الشرقي.", "داعش", "Islamic State"),
    ("وأعلنت قوات سوريا الديمقراطية سيطرتها على البلدة.", "قوات سوريا الديمقراطية", "Syrian Democratic Forces"),
    ("وتقدمت «قسد» نحو البلدة بعد معارك عنيفة.", "قسد", "Syrian Democratic Forces"),
    # clitics: ب + الرقة, و + لل + تحالف
    ("وسقطت قذائف بالرقة مساء أمس.", "الرقة", "Raqqa"),
    ("وقال مصدر إن للتحالف الدولي دوراً في الهجوم.", "لتحالف الدولي", "US-led coalition"),
    # the longest name wins over the shorter one nested in it
    ("وأعلن تنظيم الدولة الإسلامية مسؤوليته عن الهجوم.", "تنظيم الدولة الإسلامية", "Islamic State"),
])
def test_dictionary_names_with_clitics(sentence: str, surface: str, name_en: str) -> None:
    ents = entities(sentence)
    hit = [e for e in ents if surface in e["text"] and e["name_en"] == name_en]
    assert hit, [(e["text"], e["name_en"]) for e in ents]
    assert hit[0]["resolved_by"] == "dictionary"


def test_spelling_variants_of_places() -> None:
    ents = entities("وصلت التعزيزات إلى ديرالزور ثم إلى البو كمال على الحدود العراقية.")
    names = {e["name_en"] for e in ents if e["kind"] == "place"}
    assert any("Deir" in n for n in names), names
    assert any("Kamal" in n for n in names), names


def test_ambiguous_state_word_needs_the_article_to_be_about_isis() -> None:
    about_isis = entities("وقال التحالف إن مقاتلي تنظيم داعش فروا. وأضاف أن الدولة فقدت معظم أراضيها.")
    assert by_text(about_isis, "الدولة")["name_en"] == "Islamic State"
    assert by_text(about_isis, "الدولة")["resolved_by"] == "coref"
    not_about = entities("وقال الوزير إن الدولة ستعيد إعمار المدارس في حلب.")
    assert not any(e["text"] == "الدولة" for e in not_about)


def test_the_organisation_resolves_to_the_group_the_article_names() -> None:
    ents = entities("وشن تنظيم داعش هجوماً على نقاط للجيش. وقالت مصادر إن التنظيم خسر عشرات من عناصره.")
    assert by_text(ents, "التنظيم")["name_en"] == "Islamic State"


def test_a_city_that_speaks_is_its_government() -> None:
    ents = entities("اتهمت دمشق واشنطن بقصف المدنيين، فيما قالت مصادر إن القصف طال أحياء في دمشق.")
    first, second = [e for e in ents if e["text"] == "دمشق"]
    assert first["kind"] == "actor" and first["name_en"] == "Syrian government"
    assert second["kind"] == "place" and second["lat"] is not None


def test_person_with_title_nationality_apposition_and_later_misspelt_surname() -> None:
    ents = entities("أكد الجنرال البريطاني جون ماكلين -وهو نائب قائد العمليات في التحالف الدولي- أن "
                    "المعركة لم تنته. وأضاف ماكلاين أن الخلايا ما زالت نشطة.")
    person = [e for e in ents if e["kind"] == "person"]
    assert person[0]["text"] == "جون ماكلين"
    assert person[0]["country"] == "GBR"
    assert person[0]["affiliation"] == "coalition"
    assert "نائب قائد" in person[0]["role"]
    later = [p for p in person if p["text"] == "ماكلاين"]
    assert later and later[0]["resolved_by"] == "fuzzy" and later[0]["name_ar"] == person[0]["name_ar"]


def test_kunya_is_a_person() -> None:
    ents = entities("وقال أبو محمد الرقاوي، الناشط في حملة محلية، إن المفاوضات توقفت.")
    assert any(e["kind"] == "person" and e["text"] == "أبو محمد الرقاوي" for e in ents)


def test_relative_places_keep_their_direction_and_precision() -> None:
    ents = entities("وتعرضت قرى في ريف درعا الشمالي لقصف مدفعي، بينما دارت اشتباكات شمال حلب.")
    countryside = next(e for e in ents if e["text"] == "ريف درعا الشمالي")
    assert countryside["name_en"].lower().startswith("northern") and "countryside" in countryside["name_en"]
    assert countryside["precision"] >= 2 and countryside["admin1"] == "SY12"
    north = next(e for e in ents if e["text"] == "شمال حلب")
    assert north["name_en"].startswith("north of") and north["precision"] == 2


def test_national_forces_without_an_alias_for_the_whole_phrase() -> None:
    ents = entities("وفرض الجيش حصاراً على البلدة بدعم روسي وغطاء من القوة الجوية الروسية.")
    assert {e["name_en"] for e in ents if e["kind"] == "actor"} >= {"Russia", "Russian forces"}


def test_every_entity_offset_points_into_the_original() -> None:
    text = article("غارات على إدلب", "وقال المرصد السوري لحقوق الإنسان إن طائرات روسية قصفت بلدة سراقب "
                   "في ريف إدلب الشرقي، وقتلت 5 مدنيين.")
    rec = document_record(run_pipeline(text))
    assert rec["entities"]
    for e in rec["entities"]:
        assert text[e["start"]:e["end"]] == e["text"]


def test_a_word_written_with_the_accusative_tanwin_is_not_the_place_it_spells() -> None:
    for always in ("دوماً", "دومًا"):
        found = entities(f"و{always} ما تؤكد الحكومة السورية أنها ستواصل الحوار مع المعارضة.")
        assert "Douma" not in [e["name_en"] for e in found]
    assert "Douma" in [e["name_en"] for e in entities("وقصفت قوات النظام مدينة دوما في الغوطة الشرقية.")]
