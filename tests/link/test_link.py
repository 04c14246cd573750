"""Linking reports of one event across articles we wrote, and the contradictions between their sources."""

import json
from pathlib import Path

import pytest

from rasd.config import Config
from rasd.corpus import process
from rasd.export.jsonl import document_record
from rasd.link import link_records, linked_events
from rasd.sources.paths import expand_inputs
from rasd.store.database import Store
from rasd.store.links import link_store, stored_event, stored_events

CAMP_SOHR = {
    "id": "sham-1", "source": "الشام اليوم", "published": "2024-03-10", "title": "غارات على مخيم للنازحين في سرمدا",
    "text": "إدلب ـ قتل 16 مدنيا بينهم أطفال، أمس السبت، في غارات جوية روسية استهدفت مخيما للنازحين قرب بلدة سرمدا "
            "في ريف إدلب الشمالي، بحسب ما أفاد به المرصد السوري لحقوق الإنسان.\n\n"
            "من جهة أخرى، اندلعت اشتباكات عنيفة بين قوات النظام وفصائل المعارضة على محور كبانة في ريف اللاذقية "
            "الشمالي."}
CAMP_CIVIL_DEFENCE = {
    "id": "nahar-7", "source": "النهار العربي", "published": "2024-03-10", "title": "عشرات الضحايا في قصف مخيم سرمدا",
    "text": "أفاد الدفاع المدني السوري بأن ما لا يقل عن 70 شخصا سقطوا بين قتيل وجريح في غارات جوية روسية استهدفت "
            "أمس السبت مخيما للنازحين قرب بلدة سرمدا في ريف إدلب الشمالي.\n\nوأوضح الدفاع المدني أن فرقه انتشلت "
            "جثث الضحايا من تحت الخيام المحترقة، وأن بين المصابين نساء وأطفالا في حالات حرجة."}
DARAA = {
    "id": "daraa-3", "source": "عنب بلدي", "published": "2024-03-22", "title": "قصف على درعا",
    "text": "درعا ـ قتل ثلاثة مدنيين، أمس الخميس، جراء قصف مدفعي لقوات النظام على بلدة طفس في ريف درعا الغربي، "
            "وفق ما ذكر ناشطون محليون.\n\nوأضاف الناشطون أن القصف استهدف منازل المدنيين وسط البلدة، ما أدى أيضا إلى "
            "إصابة خمسة آخرين."}


def write(path: Path, *articles: dict) -> Path:
    path.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles), encoding="utf-8")
    return path


def records(path: Path) -> list[dict]:
    return [document_record(doc) for batch in process(expand_inputs([str(path)]), Config()) for doc in batch]


def linked(*articles: dict, tmp_path: Path, workers: int = 1) -> list[dict]:
    return list(linked_events(link_records(records(write(tmp_path / "in.jsonl", *articles)), workers)))


def event_with(events: list[dict], *source_ids: str) -> dict:
    found = [e for e in events if {r["source_id"] for r in e["reports"]} >= set(source_ids)]
    assert len(found) == 1, [(e["id"], [r["source_id"] for r in e["reports"]]) for e in events]
    return found[0]


def test_one_strike_told_by_two_outlets_is_one_event_with_a_soft_contradiction(tmp_path: Path) -> None:
    events = linked(CAMP_SOHR, CAMP_CIVIL_DEFENCE, DARAA, tmp_path=tmp_path)
    camp = event_with(events, "sham-1", "nahar-7")
    assert camp["type"] == "ASSAULT"
    assert camp["sources_independent"] == 2 and camp["outlets"] == 2
    assert camp["date"]["start"] == "2024-03-09"
    assert (camp["location"] or {}).get("name_en", "").endswith("Sarmada")
    # 16 killed (SOHR) within at least 70 killed or injured (civil defence): both can be true
    [conflict] = camp["contradictions"]
    assert conflict["kind"] == "quantity" and conflict["strength"] == "soft"
    assert sorted(conflict["values"]) == ["16 killed", "≥70 killed_or_injured"]
    assert camp["quantities"]["killed"]["low"] == 16
    for report in camp["reports"]:  # every report points into its own article's extraction
        assert report["evidence"]["text"] and report["event_index"] >= 0
    # a shelling in Daraa twelve days later is another event
    assert not any({"sham-1", "daraa-3"} <= {r["source_id"] for r in e["reports"]} for e in events)


def test_two_workers_link_as_one_does(tmp_path: Path) -> None:
    articles = (CAMP_SOHR, CAMP_CIVIL_DEFENCE, DARAA, TALKS)
    by_id = sorted(linked(*articles, tmp_path=tmp_path, workers=2), key=lambda e: e["id"])
    assert by_id == sorted(linked(*articles, tmp_path=tmp_path), key=lambda e: e["id"])
    assert len({e["type"] for e in by_id}) >= 2  # work for both workers


def test_report_index_is_the_events_position_in_rasd_extract(tmp_path: Path) -> None:
    path = write(tmp_path / "in.jsonl", CAMP_SOHR, CAMP_CIVIL_DEFENCE)
    by_id = {r["source_id"]: r for r in records(path)}
    camp = event_with(list(linked_events(link_records(by_id.values()))), "sham-1", "nahar-7")
    for report in camp["reports"]:
        event = by_id[report["source_id"]]["events"][report["event_index"]]
        assert event["evidence"] == report["evidence"]


def replace_text(article: dict, old: str, new: str, **fields: str) -> dict:
    assert old in article["text"]
    return {**article, "text": article["text"].replace(old, new), **fields}


def test_compatible_figures_are_no_contradiction(tmp_path: Path) -> None:
    dozens = replace_text(CAMP_CIVIL_DEFENCE, "ما لا يقل عن 70 شخصا سقطوا بين قتيل وجريح", "عشرات المدنيين قتلوا")
    at_least = replace_text(CAMP_SOHR, "قتل 16 مدنيا", "قتل 50 مدنيا على الأقل")
    camp = event_with(linked(at_least, dozens, tmp_path=tmp_path), "sham-1", "nahar-7")
    assert camp["contradictions"] == []
    assert camp["quantities"]["killed"]["low"] == 10 and camp["quantities"]["killed"]["high"] == 50


def test_figures_that_cannot_both_be_true_are_a_hard_contradiction(tmp_path: Path) -> None:
    many = replace_text(CAMP_CIVIL_DEFENCE, "ما لا يقل عن 70 شخصا سقطوا بين قتيل وجريح", "قتل نحو 200 مدني")
    camp = event_with(linked(CAMP_SOHR, many, tmp_path=tmp_path), "sham-1", "nahar-7")
    [conflict] = camp["contradictions"]
    assert conflict["strength"] == "hard" and conflict["quantity_kinds"] == ["killed", "killed"]
    assert camp["quantities"]["killed"]["low"] == 16 and camp["quantities"]["killed"]["high"] == 200


def test_one_source_quoted_by_two_outlets_counts_once(tmp_path: Path) -> None:
    quoting = replace_text(CAMP_CIVIL_DEFENCE, "أفاد الدفاع المدني السوري", "أفاد المرصد السوري لحقوق الإنسان")
    camp = event_with(linked(CAMP_SOHR, quoting, tmp_path=tmp_path), "sham-1", "nahar-7")
    assert camp["outlets"] == 2 and camp["sources_independent"] == 1
    assert camp["contradictions"] == []  # one source giving two figures is no dispute between sources


TALKS = {
    "id": "talks-1", "source": "الشرق", "published": "2024-05-04", "title": "مفاوضات درعا البلد",
    "text": "درعا ـ علقت، أمس الجمعة، المفاوضات بين اللجنة المركزية في درعا البلد وضباط روس حول تسوية أوضاع "
            "المسلحين في الأحياء المحاصرة، بسبب الخلاف على تسليم السلاح الخفيف.\n\n"
            "وقال مسؤول محلي لوكالة رويترز إن المحادثات «توقفت نهائيا»، فيما نفى "
            "عضو في اللجنة المركزية في تصريح لـ«الشرق» هذا الأمر، وأكد أنها لا تزال مستمرة."}


def test_talks_said_stopped_and_still_going_on_are_a_hard_contradiction(tmp_path: Path) -> None:
    events = linked(TALKS, tmp_path=tmp_path)
    [talks] = [e for e in events if e["type"] == "CONSULT"]
    statuses = {r["status"] for r in talks["reports"]}
    assert {"stopped", "ongoing"} <= statuses
    kinds = {(c["kind"], c["strength"], tuple(sorted(c["values"]))) for c in talks["contradictions"]}
    assert ("status", "hard", ("ongoing", "stopped")) in kinds


def test_store_links_incrementally_and_never_twice(tmp_path: Path) -> None:
    first = write(tmp_path / "first.jsonl", CAMP_SOHR, DARAA)
    second = write(tmp_path / "second.jsonl", CAMP_CIVIL_DEFENCE)
    db = tmp_path / "rasd.duckdb"
    with Store(db) as store:
        for path in (first, second):
            for batch in process(expand_inputs([str(path)]), Config()):
                store.add_batch(batch)
            stats = link_store(store, workers=2)
        assert stats.articles == 1 and stats.known_reports >= 1  # only the new article was decided
        events = stored_events(store)
        again = link_store(store)
        assert again.articles == 0 and again.reports == 0
        assert stored_events(store) == events
        [(links,)] = store.query("SELECT count(*) FROM event_links")
        assert links == sum(1 for _ in store.query("SELECT DISTINCT doc_id, idx FROM event_links"))
        camp = event_with(events, "sham-1", "nahar-7")
        assert stored_event(store, camp["id"]) == camp
    # the same articles linked in one go give the same events
    once = linked(CAMP_SOHR, DARAA, CAMP_CIVIL_DEFENCE, tmp_path=tmp_path)
    assert sorted(e["id"] for e in once) == sorted(e["id"] for e in events)


@pytest.mark.parametrize(("accuser", "one_statement"), [("واتهم المرصد السوري لحقوق الإنسان", True),
                                                       ("واتهم الائتلاف الوطني السوري", False)])
def test_a_statement_is_one_statement_only_in_one_mouth(tmp_path: Path, accuser: str, one_statement: bool) -> None:
    accused = " قوات النظام بقصف الأحياء السكنية في مدينة إدلب بالبراميل المتفجرة خلال الأيام الماضية."
    a = {"id": "s-1", "source": "أ", "published": "2024-06-01", "title": "اتهام",
         "text": "إدلب ـ واتهم المرصد السوري لحقوق الإنسان" + accused}
    b = {"id": "s-2", "source": "ب", "published": "2024-06-01", "title": "اتهام",  # not a copy: told otherwise
         "text": "بيروت ـ " + accuser + " قوات النظام بإلقاء البراميل المتفجرة على الأحياء السكنية في مدينة إدلب، "
                 "مشيرا إلى سقوط ضحايا من المدنيين."}
    accusations = [r for e in records(write(tmp_path / "in.jsonl", a, b)) for r in e["events"] if r["type"] == "ACCUSE"]
    assert len(accusations) == 2
    together = [e for e in linked(a, b, tmp_path=tmp_path) if e["type"] == "ACCUSE"]
    assert bool(together) == one_statement


DENIAL = {
    "id": "tass-2", "source": "وكالة الأنباء الروسية", "published": "2024-03-11", "title": "موسكو تنفي",
    "text": "موسكو ـ نفت وزارة الدفاع الروسية، اليوم الاثنين، التقارير التي تحدثت عن مقتل مدنيين في غارات جوية "
            "روسية على مخيم للنازحين قرب بلدة سرمدا في ريف إدلب الشمالي، مؤكدة أن طائراتها لم تنفذ أي طلعات في "
            "المنطقة."}


def test_a_source_denying_what_others_report_is_a_hard_contradiction(tmp_path: Path) -> None:
    events = linked(CAMP_SOHR, CAMP_CIVIL_DEFENCE, DENIAL, tmp_path=tmp_path)
    camp = event_with(events, "sham-1", "nahar-7", "tass-2")
    denials = [c for c in camp["contradictions"] if c["kind"] == "denial"]
    assert [c["strength"] for c in denials] == ["hard"]
    denied = {camp["reports"][n]["source_id"] for n in denials[0]["sides"][0]}
    told = {camp["reports"][n]["source_id"] for n in denials[0]["sides"][1]}
    assert denied == {"tass-2"} and told == {"sham-1", "nahar-7"}


def test_an_event_merely_negated_denies_nothing(tmp_path: Path) -> None:
    unable = replace_text(DENIAL, "نفت وزارة الدفاع الروسية، اليوم الاثنين، التقارير التي تحدثت عن مقتل مدنيين في",
                          "قال الدفاع المدني إن فرقه لم تتمكن من الوصول إلى المصابين بعد")
    events = linked(CAMP_SOHR, CAMP_CIVIL_DEFENCE, unable, tmp_path=tmp_path)
    assert not any(c["kind"] == "denial" for e in events for c in e["contradictions"])
