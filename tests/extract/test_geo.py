"""Points for rivers, borders, held areas, boundaries between two places, and places rasd does not list."""

from rasd.export.jsonl import document_record
from rasd.extract.geo import nearest_on_line
from rasd.knowledge.gazetteer import distance_km
from tests.conftest import article, run_pipeline


def places(text: str) -> list[dict]:
    doc = run_pipeline(article("خبر عن الحرب في سوريا", text))
    return [e for e in document_record(doc)["entities"] if e["kind"] == "place"]


def named(ents: list[dict], needle: str) -> dict:
    hits = [e for e in ents if needle in (e["name_en"] or "")]
    assert hits, [(e["text"], e["name_en"]) for e in ents]
    return hits[0]


def test_nearest_point_of_a_polyline() -> None:
    line = ((35.0, 40.0), (36.0, 40.0))
    lat, lon = nearest_on_line(line, (35.5, 40.3))
    assert abs(lat - 35.5) < 1e-9 and abs(lon - 40.0) < 1e-9
    assert nearest_on_line(line, (37.0, 40.0)) == (36.0, 40.0)


def test_river_point_is_the_stretch_near_the_town_in_the_text() -> None:
    ents = places("اندلعت اشتباكات عنيفة في مدينة الميادين الواقعة على الضفة الغربية لنهر الفرات صباح اليوم.")
    river = named(ents, "Euphrates")
    mayadin = named(ents, "Mayadin")
    assert river["located_by"] == "line"
    assert distance_km(river["lat"], river["lon"], mayadin["lat"], mayadin["lon"]) < 15


def test_a_town_far_from_the_river_does_not_choose_its_stretch() -> None:
    ents = places("وصل وفد من مدينة إدلب إلى المناطق الواقعة شرقي نهر الفرات لبحث ملف المعتقلين.")
    river = named(ents, "Euphrates")
    assert river["located_by"] == "gazetteer"


def test_border_point_follows_the_crossing_named_beside_it() -> None:
    ents = places("وأغلقت السلطات معبر نصيب على الحدود الأردنية بعد اشتباكات في محيطه.")
    border = named(ents, "Jordan border")
    assert border["located_by"] == "line"
    assert distance_km(border["lat"], border["lon"], 32.55, 36.2) < 15


def test_area_named_by_its_holder() -> None:
    ents = places("وعاد آلاف النازحين إلى المناطق الواقعة تحت سيطرة قوات سوريا الديمقراطية خلال الشهر الماضي.")
    held = named(ents, "SDF-held")
    assert held["text"].startswith("المناطق الواقعة") and held["text"].endswith("الديمقراطية")


def test_holder_given_by_a_pronoun_is_the_last_one_named() -> None:
    ents = places("وقالت الحكومة السورية في بيان إن الأراضي التي تسيطر عليها هي وحلفاؤها باتت آمنة للعودة.")
    held = named(ents, "government-held")
    assert held["text"].startswith("الأراضي التي تسيطر عليها")


def test_holder_without_a_region_of_its_own_is_placed_in_its_country() -> None:
    ents = places("وفر مئات المدنيين نحو المناطق الخاضعة لسيطرة الجيش التركي في الشمال.")
    held = named(ents, "areas held by")
    assert held["located_by"] == "holder" and held["precision"] == 3


def test_boundary_between_two_governorates_is_half_way() -> None:
    ents = places("وتمركزت الدوريات قرب الحدود الإدارية بين محافظتي حمص وحماة منذ مساء الجمعة.")
    between = named(ents, "between")
    assert between["located_by"] == "between"
    assert 34.7 < between["lat"] < 35.2 and 36.6 < between["lon"] < 36.8
    assert not [e for e in ents if e["name_en"] in ("Homs", "Hama")]


def test_unlisted_village_takes_the_point_of_the_town_it_is_near() -> None:
    ents = places("وقتل ثلاثة مدنيين بقصف مدفعي استهدف قرية أبو زهيرات قرب مدينة منبج شرقي حلب.")
    village = next(e for e in ents if "أبو زهيرات" in e["text"])
    assert village["id"] is None and village["located_by"] == "within"
    manbij = named(ents, "Manbij")
    assert village["within"] == manbij["id"] and (village["lat"], village["lon"]) == (manbij["lat"], manbij["lon"])


def test_kunya_after_a_preposition_is_a_village_not_a_man() -> None:
    ents = places("ووقع الانفجار في أبو زهيرات قرب مدينة منبج.")
    assert any("أبو زهيرات" in e["text"] for e in ents), [(e["text"], e["name_en"]) for e in ents]
