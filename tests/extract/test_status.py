"""The state a report puts a process in (talks suspended, stopped, still going on), with its evidence."""

import pytest

from rasd.extract.status import status_lexicon
from rasd.text.normalize import normalize
from tests.extract.test_events import events, raw


def status_of(text: str, type_: str = "CONSULT") -> tuple[str | None, str | None]:
    found = [e for e in events(text) if e["type"] == type_]
    assert found, [(e["type"], e["trigger"]["text"]) for e in events(text)]
    status = found[0]["status"] or {}
    return status.get("value"), status.get("text")


@pytest.mark.parametrize(("sentence", "status", "word"), [
    ("علقت، أمس، المحادثات الهادفة إلى إخراج المدنيين من الأحياء المحاصرة في مدينة درعا.", "suspended", "علقت"),
    ("وقال مصدر مطلع إن المفاوضات بين الطرفين في مدينة درعا توقفت بسبب الخلاف على تسليم السلاح.", "stopped",
     "توقفت"),
    ("وأكد المتحدث أن المفاوضات مع الجانب الروسي حول أحياء درعا البلد لا تزال مستمرة.", "ongoing", "مستمرة"),
    ("وأوضح أن المفاوضات كانت ناشطة صباح أمس في مدينة درعا، لكن تم تعليقها بسبب الخلافات.", "suspended", "تعليقها"),
])
def test_status_said_of_talks(sentence: str, status: str, word: str) -> None:
    value, text = status_of(sentence)
    assert value == status
    assert text == word
    assert word in raw(sentence)


def test_status_denied_or_meaning_something_else_is_not_a_status() -> None:
    lex = status_lexicon()
    words = [normalize(w) for w in ["تحدث", "عن", "تعليق", "هذه", "المحادثات", "لا", "توقفها"]]
    assert lex.status_at(words, words.index(normalize("تعليق"))) == "suspended"
    assert lex.status_at(words, words.index(normalize("توقفها"))) is None  # "not halted"
    words = [normalize(w) for w in ["علقت", "الوزارة", "على", "المفاوضات", "الجارية"]]
    assert lex.status_at(words, 0) is None  # "commented on"


def test_a_speaker_who_only_gives_the_state_reports_the_talks_just_named() -> None:
    text = ("وبينما ذكرت وكالة فرانس برس نقلاً عن مسؤول محلي أن المحادثات بين اللجنة المركزية والجانب الروسي في درعا "
            "«توقفت»، نفى عضو في اللجنة المركزية هذا الأمر، وأكد أنها لا تزال مستمرة.")
    talks = [e for e in events(text) if e["type"] == "CONSULT"]
    assert {(e["status"] or {}).get("value") for e in talks} == {"stopped", "ongoing"}
    ongoing = next(e for e in talks if e["status"]["value"] == "ongoing")
    assert ongoing["speaker"] is not None and ongoing["modality"] == "asserted"


def test_conflicting_states_from_the_data_file() -> None:
    lex = status_lexicon()
    assert lex.conflict("stopped", "ongoing") == "hard"
    assert lex.conflict("suspended", "stopped") == "soft"
    assert lex.conflict("ongoing", "ongoing") is None
