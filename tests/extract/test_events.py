"""Events and claims from sentences written like the news: type, mode, modality, arguments and evidence."""

from rasd.export.jsonl import document_record
from tests.conftest import article, run_pipeline


def record(text: str, published: str | None = None) -> dict:
    doc = run_pipeline(article("خبر عن الحرب في سوريا", text))
    if published:
        doc.published = published
    return document_record(doc)


def events(text: str) -> list[dict]:
    return record(text)["events"]


def raw(text: str) -> str:
    return run_pipeline(article("خبر عن الحرب في سوريا", text)).raw


def one(evs: list[dict], type_: str) -> dict:
    hits = [e for e in evs if e["type"] == type_]
    assert hits, [(e["type"], e["trigger"]["text"]) for e in evs]
    return hits[0]


def name(arg: dict | None) -> str:
    return (arg or {}).get("name_en") or ""


def test_air_strike_with_actor_target_place_number_and_source() -> None:
    text = ("قال المرصد السوري لحقوق الإنسان إن طائرات حربية روسية قصفت بلدة معرة النعمان في ريف إدلب الجنوبي، "
            "ما أدى إلى مقتل 7 مدنيين بينهم طفلان.")
    e = one(events(text), "ASSAULT")
    assert (e["mode"], e["modality"], e["negated"]) == ("aerial", "asserted", False)
    assert "Russia" in name(e["actor"])
    assert name(e["target"]) == "civilians"
    assert "Maarat" in name(e["location"]) or "Ma'arat" in name(e["location"]), e["location"]
    assert any(q["kind"] == "killed" and q["min"] == 7 for q in e["quantities"])
    assert "Observatory" in name(e["speaker"])
    assert e["acled"] == {"event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike"}
    original = raw(text)
    for part in (e["actor"], e["target"], e["location"], e["speaker"], e["evidence"], e["trigger"], *e["quantities"]):
        assert original[part["start"]:part["end"]] == part["text"]


def test_two_sides_of_a_clash() -> None:
    e = one(events("اندلعت اشتباكات عنيفة بين قوات سوريا الديمقراطية وتنظيم داعش في بلدة هجين بريف دير الزور."),
            "FIGHT")
    assert {name(e["actor"]), name(e["target"])} == {"Syrian Democratic Forces", "Islamic State"}
    assert "Hajin" in name(e["location"])


def test_denied_event_is_negated() -> None:
    e = one(events("ونفت وزارة الدفاع الروسية أن تكون طائراتها قد قصفت أي منطقة سكنية في ريف إدلب."), "ASSAULT")
    assert e["modality"] == "negated" and e["negated"]


def test_future_and_feared_events_are_not_reported_as_happened() -> None:
    future = one(events("وقال المتحدث باسم التحالف إن قواته ستقصف مواقع التنظيم في ريف الرقة."), "ASSAULT")
    assert future["modality"] == "future"
    feared = one(events("ويخشى ناشطون أن تقصف الطائرات الحربية بلدة اللطامنة في ريف حماة."), "ASSAULT")
    assert feared["modality"] == "hypothetical"


def test_metaphors_are_not_events() -> None:
    evs = events("وشن المرشح في المعركة الانتخابية حملة قصف إعلامي متواصل على خصومه في الصحف والقنوات.")
    assert not [e for e in evs if e["type"] in ("ASSAULT", "FIGHT") and e["modality"] == "asserted"], evs


def test_each_source_keeps_its_own_figure() -> None:
    evs = events("وقال المرصد إن 40 شخصاً قتلوا في الهجوم على السوق، فيما قال التلفزيون الرسمي إن عشرة قتلوا فقط.")
    assaults = [e for e in evs if e["type"] == "ASSAULT"]
    assert len(assaults) == 2, [(e["trigger"]["text"], name(e["speaker"])) for e in evs]
    assert name(assaults[0]["speaker"]) != name(assaults[1]["speaker"])
    assert [q["min"] for q in assaults[0]["quantities"]][:1] == [40]


def test_accusation_is_an_event_and_a_claim() -> None:
    rec = record("واتهمت وزارة الخارجية السورية التحالف الدولي بقتل عشرات المدنيين في ريف دير الزور.")
    accuse = one(rec["events"], "ACCUSE")
    assert "Foreign Affairs" in name(accuse["actor"]) and name(accuse["target"]) == "US-led coalition"
    claim = rec["claims"][0]
    assert claim["kind"] == "accusation" and "Foreign Affairs" in name(claim["speaker"])
    assert name(claim["target"]) == "US-led coalition"


def test_civilians_fleeing_are_displacement() -> None:
    e = one(events("وفرّ آلاف المدنيين من بلدة الباغوز باتجاه مخيم الهول بعد اشتداد القصف."), "OTHER")
    assert e["mode"] == "displacement" and name(e["actor"]) == "civilians"


def test_reporting_verbs_are_not_movements() -> None:
    evs = events("ونقلت وكالة الأنباء الفرنسية عن مصدر محلي أن المحادثات توقفت بين الطرفين.")
    assert not [e for e in evs if e["type"] == "MOBILIZE"], evs


def test_event_date_is_resolved_against_publication() -> None:
    doc = run_pipeline(article("خبر", "وقصفت المدفعية التركية أمس قرية تل رفعت شمال حلب."))
    doc.published = "2020-02-11"
    from rasd.extract.events import find_events

    e = one(document_record(find_events(doc))["events"], "ASSAULT")
    assert e["date"]["value"] == "2020-02-10" and e["date"]["text"] == "أمس"


def test_knowledge_lists_name_known_entities() -> None:
    from rasd.extract.index import entity_index
    from rasd.knowledge import load

    idx = entity_index()
    assert [i for i in load("claims.yaml")["not_speakers"] if idx.entity(i) is None] == []


def test_the_person_speaks_for_the_body_named_before_them() -> None:
    e = one(events("وقال المتحدث باسم التحالف الدولي الكولونيل مارك دوبرين إن طائرات التحالف قصفت مواقع لتنظيم داعش "
                   "قرب بلدة هجين."), "ASSAULT")
    assert e["speaker"]["kind"] == "person" and "دوبرين" in e["speaker"]["text"]


def test_people_a_statement_is_about_are_not_its_speakers() -> None:
    evs = events("ونفى المصدر أي حديث عن إجلاء المدنيين من الحي المحاصر في ريف حمص الشمالي.")
    assert evs and all((e["speaker"] or {}).get("name_en") != "civilians" for e in evs)


def test_subject_before_its_verb() -> None:
    e = one(events("وفي ريف حلب الشمالي، قوات سوريا الديمقراطية استعادت قرية تل مضيق بعد معارك مع فصائل المعارضة."),
            "SEIZE")
    assert name(e["actor"]) == "Syrian Democratic Forces"


def test_verbal_noun_takes_its_agent_then_its_object() -> None:
    e = one(events("وجاء الهجوم بعد يومين من اعتقال «هيئة تحرير الشام» لخمسة عشر عنصراً من خلايا تنظيم داعش "
                   "قرب سرمين."), "COERCE")
    assert (name(e["actor"]), name(e["target"])) == ("Hayat Tahrir al-Sham", "Islamic State")


def test_event_offsets_point_into_the_html_source() -> None:
    from pathlib import Path

    from rasd.config import Config
    from rasd.corpus import process
    from rasd.sample import sample_files

    page = next(p for p in sample_files() if Path(p).suffix == ".html")
    source = Path(page).read_text(encoding="utf-8")
    doc = next(d for batch in process([page], Config()) for d in batch)
    rec = document_record(doc)
    assert rec["events"]
    for e in rec["events"]:
        for part in (e["evidence"], e["trigger"], *e["quantities"], *(x for x in (e["actor"], e["location"]) if x)):
            assert source[part["start"]:part["end"]] == part["text"]


def test_a_body_speaks_through_the_person_quoted_for_it() -> None:
    rec = record("وقال اللواء البريطاني جون هارتلي، نائب قائد التحالف الدولي، إن مقاتلي التنظيم فروا نحو البادية. "
                 "واتهم التحالف الدولي النظام السوري بالتغاضي عن تحركات التنظيم في ريف حمص الشرقي.")
    accuse = one(rec["events"], "ACCUSE")
    assert accuse["speaker"]["kind"] == "person" and "هارتلي" in accuse["speaker"]["text"]
    assert name(accuse["actor"]) == "US-led coalition"


def test_we_call_on_is_said_by_the_one_quoted() -> None:
    rec = record("وقال المتحدث باسم الائتلاف الوطني السوري خالد المصري: ندعو المجتمع الدولي إلى وقف القصف على إدلب.")
    demand = one(rec["events"], "REQUEST")
    assert "المصري" in demand["speaker"]["text"]


def test_a_clash_with_one_side_named_takes_the_other_from_the_article() -> None:
    evs = events("وشن تنظيم داعش هجوماً على مواقع قرب هجين، ورد تنظيم داعش بقصف مدفعي. "
                 "وتجددت الاشتباكات مساء أمس بين مقاتلي قوات سوريا الديمقراطية قرب بلدة الشعفة.")
    clash = next(e for e in evs if e["type"] == "FIGHT" and "الاشتباكات" in e["trigger"]["text"])
    assert {name(clash["actor"]), name(clash["target"])} == {"Syrian Democratic Forces", "Islamic State"}


def test_what_talks_demands_refusals_and_agreements_are_about_is_no_event_of_its_own() -> None:
    talks = events("وقال مسؤولون إن الفصائل تتفاوض على صفقة مع الحكومة للخروج من البلدة.")
    assert [e["type"] for e in talks] == ["CONSULT"]
    demand = events("وطالبت الأمم المتحدة بالإفراج عن المعتقلين في سجون النظام.")
    assert not [e for e in demand if e["type"] == "RETREAT"]
    assert not [e for e in events("وتوصل الطرفان إلى اتفاق يقضي بخروج المسلحين من البلدة.") if e["type"] == "RETREAT"]
    # a refusal of the exit: the exit did not happen, whatever becomes of the refusal
    assert not [e for e in events("ورفض (داعش) الخروج من المدينة إلا مع أسلحته.") if e["type"] == "RETREAT"]
    # and with a comma in between the exit is reported on its own
    assert one(events("ورفض التنظيم الشروط، وبدأ خروج المسلحين من الحي مساء أمس."), "RETREAT")


def test_still_is_not_a_negation() -> None:
    e = one(events("وأكد المتحدث أن نحو 300 مقاتل لا يزالون متحصنين داخل البلدة."), "MOBILIZE")
    assert e["modality"] == "asserted" and not e["negated"]
    assert one(events("وقال مصدر عسكري إن المعارك ما زالت مستمرة في ريف دير الزور."), "FIGHT")["modality"] == "asserted"


def test_a_described_danger_is_no_threat() -> None:
    assert not [e for e in events("ويشكل التنظيم تهديدا كبيرا على أمن المنطقة بأسرها.") if e["type"] == "THREATEN"]
    assert one(events("وهدد التنظيم بشن هجمات على مواقع الجيش في ريف حمص."), "THREATEN")


def test_facing_an_armed_party_is_a_fight_facing_difficulties_is_not() -> None:
    e = one(events("ولا تزال قوات سوريا الديمقراطية تواجه مقاتلي التنظيم في ريف دير الزور الشرقي."), "FIGHT")
    assert name(e["actor"]) == "Syrian Democratic Forces"
    assert not [e for e in events("وقال التنظيم إن عناصره يواجهون صعوبات مالية كبيرة.") if e["type"] == "FIGHT"]


def test_every_party_of_a_support_list_is_a_co_actor_not_the_actor() -> None:
    e = one(events("وفرض الجيش السوري بدعم من الطيران الروسي والميليشيات الإيرانية حصارا على بلدة كفر بطنا."),
            "COERCE")
    assert name(e["actor"]) == "Syrian government forces", e["actor"]
    assert len(e["co_actors"]) == 2 and e["target"] is None


def test_an_adjective_spelt_like_a_speech_verb_gives_no_speaker() -> None:
    e = one(events("ونفذت هيئة تحرير الشام مداهمات لمنازل يعتقد أنها تابعة لعناصر من تنظيم داعش في مدينة الدانا."),
            "COERCE")
    assert e["speaker"] is None and name(e["actor"]) == "Hayat Tahrir al-Sham"


def test_a_noun_joined_to_a_demonstrative_phrase_is_anaphoric() -> None:
    said = events("وقالت الوزارة إن الحكومة تطالب المنظمات الدولية بالتحرك ضد هذه المجازر والاعتداءات على "
                  "المدنيين في الريف.")
    assert not [e for e in said if e["type"] == "ASSAULT"]


def test_a_circumstance_told_with_its_own_verb_is_reported() -> None:
    evs = events("واشتبكت فصائل المعارضة مع قوات النظام في ريف حماة بعد غارات نفذها الطيران الروسي على مواقعها.")
    assert one(evs, "ASSAULT")["mode"] == "aerial"
    assert one(evs, "FIGHT")
    # without a verb of its own it stays the circumstance of the clash
    evs = events("واشتبكت فصائل المعارضة مع قوات النظام في ريف حماة بعد غارات على مواقعها.")
    assert not [e for e in evs if e["type"] == "ASSAULT"]


def test_a_trigger_after_a_preposition_is_a_noun_and_joins_its_sentence_event() -> None:
    evs = events("واتهمت الوزارة التحالف بقتل 16 مدنيا، معظمهم من النساء، في غارات استهدفت مخيما للنازحين قرب هجين.")
    assaults = [e for e in evs if e["type"] == "ASSAULT"]
    assert len(assaults) == 1 and assaults[0]["mode"] == "aerial", [(e["type"], e["trigger"]["text"]) for e in evs]


def test_where_fighters_are_headed_is_not_where_the_event_happened() -> None:
    e = one(events("ورفض التنظيم الخروج من حي الحجر الأسود إلا مع أسلحته، وبدأ عناصر داعش الانسحاب من الحي باتجاه "
                   "مدينة دير الزور."), "RETREAT")
    assert "Hajar" in name(e["location"]), e["location"]
    # an arrival is placed where they arrive
    e = one(events("ووصل مئات المقاتلين إلى مدينة إدلب قادمين من ريف حمص الشمالي."), "MOBILIZE")
    assert name(e["location"]) == "Idlib", e["location"]


def test_an_unplaced_lead_takes_the_place_named_next_in_its_paragraph_or_story() -> None:
    text = article(
        "خبر عن الحرب في سوريا",
        "قال المتحدث باسم التحالف في مؤتمر صحفي عقده في بغداد إن العمليات ضد التنظيم مستمرة.",
        "من ناحية أخرى، قال مسؤولون في المعارضة إن مقاتلي المعارضة المحاصرين يتفاوضون مع الحكومة على الخروج.",
        "وقال قيادي في فصيل محلي إن المفاوضات لم تصل إلى اتفاق حتى الآن.",
        "وكانت قوات النظام قد فرضت حصارا على بلدة بيت جن في ريف دمشق الغربي منذ أسابيع.",
    )
    evs = document_record(run_pipeline(text))["events"]
    talks = one(evs, "CONSULT")
    assert name(talks["location"]) == "Beit Jinn", talks["location"]


def test_areas_described_by_a_relative_clause_are_not_captured_again() -> None:
    evs = events("وقال المتحدث إن قوات التحالف ستواصل عملياتها في المناطق التي حررها حلفاؤنا في ريف دير الزور.")
    assert not [e for e in evs if e["type"] == "SEIZE"]
    assert one(events("وحررت قوات سوريا الديمقراطية بلدة الشعفة في ريف دير الزور الشرقي."), "SEIZE")


def test_what_happened_and_what_could_not_happen_are_two_events() -> None:
    evs = events("وتصطدم أرتال التنظيم بقوات النظام في البادية، ولا تستطيع فصائل المعارضة التقدم لاعتراضها خشية من "
                 "الطيران الروسي.")
    fights = sorted(e["modality"] for e in evs if e["type"] == "FIGHT")
    assert fights == ["asserted", "negated"], [(e["type"], e["modality"], e["trigger"]["text"]) for e in evs]


def test_a_short_unpunctuated_second_headline_gives_no_event() -> None:
    text = article("تقدم بطيء لقوات سوريا الديمقراطية شرقي الفرات",
                   "اشتباكات بين هيئة تحرير الشام وخلايا داعش في إدلب",
                   "وقال ناشطون إن اشتباكات عنيفة اندلعت ليلة أمس بين الطرفين في مدينة الدانا شمال إدلب.")
    evs = document_record(run_pipeline(text))["events"]
    fights = [e for e in evs if e["type"] == "FIGHT"]
    assert len(fights) == 1 and "الدانا" in fights[0]["evidence"]["text"]


def test_according_to_what_serves_is_no_source() -> None:
    said = record("وأردف القيادي أن واشنطن تحاول أن ترسم خارطة المنطقة، وفق ما يخدم مصالحها، وفي جوهرها مصالح الكيان "
                  "الصهيوني.")
    assert "Israel" not in [name(c["speaker"]) for c in said["claims"]], said["claims"]
    e = one(events("وقتل ثلاثة مدنيين في قصف على بلدة كفرنبل بحسب ما أفاد المرصد السوري لحقوق الإنسان."), "ASSAULT")
    assert name(e["speaker"]) == "Syrian Observatory for Human Rights"


def test_reaching_a_settlement_as_an_aim_is_no_agreement_but_one_not_reached_is_denied() -> None:
    aim = events("وقال وزير الخارجية اللبناني إن الحكومة اللبنانية تمضي قدما للوصول إلى حل ملائم للأزمة مع سوريا.")
    assert not [e for e in aim if e["type"] == "AGREE" and e["modality"] in ("asserted", "negated")], aim
    e = one(events("وقال القيادي في الفصيل إنه لم يتم التوصل لاتفاق حتى الآن مع الحكومة."), "AGREE")
    assert e["negated"]


def test_an_affiliated_faction_is_not_a_continuing_speaker() -> None:
    said = record("وقال إبراهيم العبدالله، وهو قيادي في لواء تابع لجيش العزة في ريف حماة، إن المفاوضات مستمرة.")
    assert [c["kind"] for c in said["claims"]] == ["statement"]


def test_a_person_rasd_does_not_know_gets_an_english_name_spelt_from_the_arabic() -> None:
    said = record("وقال إبراهيم الجباوي، وهو مسؤول في فصيل معارض، إن المفاوضات مع الحكومة مستمرة.")
    speaker = said["claims"][0]["speaker"]
    assert (speaker["name_en"], speaker["transliterated"]) == ("Ibrahim al-Jabawi", True)
    known = one(events("وقال المرصد السوري لحقوق الإنسان إن طائرات روسية قصفت بلدة كفرنبل."), "ASSAULT")["speaker"]
    assert known["transliterated"] is False


def test_a_quoted_person_before_the_verb_speaks_not_the_bodies_in_his_title() -> None:
    e = one(events("العقيد سامر الخليل المتحدث باسم الفيلق الخامس المدعوم من روسيا ضد تنظيم داعش اتهم قوات النظام "
                   "بقصف مواقعه في ريف حماة."), "ACCUSE")
    assert "الخليل" in (e["speaker"] or {}).get("text", ""), e["speaker"]


def test_members_of_a_group_are_the_target_not_the_actor() -> None:
    e = one(events("وتمكنت قوات الجيش الحر من اعتقال قياديين في تنظيم داعش قرب بلدة يلدا جنوب دمشق."), "COERCE")
    assert name(e["actor"]) == "Free Syrian Army" and name(e["target"]) == "Islamic State", (e["actor"], e["target"])


def test_the_object_of_a_verbal_noun_and_who_claims_the_attack() -> None:
    e = one(events("وأعلنت المقاومة الإسلامية في العراق استهداف القوات الأميركية في قاعدة عين الأسد بطائرة مسيرة."),
            "ASSAULT")
    assert (name(e["actor"]), name(e["target"])) == ("Islamic Resistance in Iraq", "US forces")
    # with its object written with "ل", the word after the verbal noun is who acts
    e = one(events("وأفاد ناشطون بحملة أمنية في سرمدا شملت اعتقال «هيئة تحرير الشام» لخمسة أشخاص يتبعون لتنظيم داعش "
                   "في إدلب."), "COERCE")
    assert name(e["actor"]) == "Hayat Tahrir al-Sham"


def test_calls_and_proposals_are_not_events_that_happened() -> None:
    evs = events("وأكد الرئيس الإيراني ضرورة وقف إطلاق النار في غزة فورا، داعيا إلى إدخال المساعدات.")
    assert not [e for e in evs if e["type"] == "RETREAT" and e["modality"] == "asserted"]


def test_figures_of_speech_with_a_preposition_and_joined_words_are_no_events() -> None:
    assert not events("وعندما وصل الرئيس إلى السلطة في روسيا عام 2000 كان يتحدث بخجل عن قدرات بلاده.")
    # "كانت قد" is not "انتقد" written in two pieces
    assert not [e for e in events("وأثارت التطورات مخاوف المصارف الغربية التي كانت قد أقرضت الشركات التركية مبالغ "
                                  "كبيرة.") if e["type"] == "ACCUSE"]
    assert not [e for e in events("وقال الوزير إن اللجنة توصلت إلى نتائج خطيرة بشأن أداء الجيش.")
                if e["type"] == "AGREE"]
    assert one(events("وقال الوسطاء إن الطرفين توصلا إلى اتفاق لوقف القتال في المدينة."), "AGREE")


def test_a_nationality_after_the_strike_names_the_actor_and_who_died_is_the_target() -> None:
    e = one(events("واستشهد القائد في حرس الثورة رضي موسوي في غارة إسرائيلية استهدفت منطقة السيدة زينب جنوب دمشق."),
            "ASSAULT")
    assert name(e["actor"]) == "Israeli army", e["actor"]
    assert e["actor"]["text"] == "إسرائيلية"
    e = one(events("وقتل خمسة أشخاص في قصف تركي على قرية قرب مدينة عين العرب."), "ASSAULT")
    assert name(e["actor"]) == "Turkish armed forces"


def test_who_did_it_after_by_and_a_nationality_one_word_on() -> None:
    e = one(events("وقالت مصادر محلية إن عنصرين من الفصائل قتلا على يد تنظيم داعش في ريف حمص الشرقي."), "ASSAULT")
    assert name(e["actor"]) == "Islamic State" and name(e["target"]) == "Syrian opposition"
    e = one(events("وأفاد مراسلنا بأن العدوان الصاروخي الإسرائيلي ليل أمس على محيط دمشق جاء من فوق الجولان المحتل."),
            "ASSAULT")
    assert name(e["actor"]) == "Israeli army"


def test_deaths_in_a_disaster_are_no_attack() -> None:
    assert not events("قتل 14 شخصا على الأقل وفقد أربعة آخرون جراء إعصار بشرق الصين خلال عطلة نهاية الأسبوع.")
    assert one(events("قتل ثلاثة عناصر من قوات النظام في انفجار لغم قرب مستودع غرق بمياه الأمطار في ريف حماة."),
               "ASSAULT")


def test_words_spelt_like_triggers_are_not_triggers() -> None:
    assert not events("وشهدت الأسعار ارتفاعا كبيرا وصولا إلى مستويات غير مسبوقة في أسواق دمشق.")
    assert not [e for e in events("وأدان المجلس الحادث الغادر الذي استهدف المصلين في مسجد بمدينة أبها.")
                if e["type"] == "RETREAT"]
    assert not [e for e in events("وقال البيان الصادر عن وزارة الدفاع إن القوات صدت هجوما على موقع عسكري.")
                if e["type"] == "COERCE"]
    assert one(events("وغادر مقاتلو تنظيم داعش البلدة باتجاه البادية مساء أمس."), "RETREAT")


def test_support_named_by_a_nationality_is_a_co_actor() -> None:
    e = one(events("وسيطرت قوات النظام بدعم روسي على معبر نصيب الحدودي مع الأردن."), "SEIZE")
    assert name(e["actor"]) == "Syrian government forces" and e["target"] is None
    assert [name(c) for c in e["co_actors"]] == ["Russia"]


def test_a_command_telling_of_its_own_losses_is_not_the_attacker_and_sources_only_report() -> None:
    e = one(events("ونشرت القيادة المركزية الأميركية بيانا أكدت فيه مقتل ثلاثة جنود أميركيين من جراء هجوم بطائرة "
                   "مسيرة."), "ASSAULT")
    assert e["actor"] is None and name(e["target"]) == "US forces"
    assert name(e["speaker"]) == "US Central Command"
    e = one(events("وقتل مدنيان في قصف على بلدة كفرنبل، وقال مراسل الميادين إن القصف استمر ساعات."), "ASSAULT")
    assert name(e["actor"]) != "Al Mayadeen"
