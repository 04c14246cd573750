import duckdb
import pytest

from rasd.text.normalize import normalize, normalize_with_index, tokenize, translate_args


@pytest.mark.parametrize(("text", "expected"), [
    ("أعلن إسلام آمنة", "اعلن اسلام امنه"),            # hamza/madda alef forms, ta marbuta
    ("مستشفى إلى", "مستشفي الي"),                       # alef maqsura
    ("مسؤول رئيس", "مسوول رييس"),                       # hamza on waw / ya
    ("الـــرقة", "الرقه"),                              # tatweel
    ("قُتِلَ المدنيّون", "قتل المدنيون"),                # diacritics and shadda
    ("٣٫٥ و۱۲ و٢٠١٧", "3.5 و12 و2017"),                # Arabic-Indic and Persian digits, decimal sign
    ("«داعش» “قسد”", '"داعش" "قسد"'),                   # quotes
    ("٨٪", "8%"),
])
def test_normalize_table(text: str, expected: str) -> None:
    assert normalize(text) == expected


def test_long_text_uses_same_table_as_short() -> None:
    text = "قُتِلَ ١٢ مدنياً في «الرقة» إلى الشمال، وأُصيب آخرون. " * 10
    assert normalize(text) == "".join(normalize(ch) for ch in text)


def test_index_maps_back_to_original_offsets() -> None:
    text = "قالَ المـرصدُ إنّ الغارات قتلت ١٢ مدنياً في مدينة الرقة شمالي سوريا يوم الخميس الماضي"
    norm = normalize_with_index(text)
    at = norm.text.index("المرصد")
    start, end = norm.span_to_original(at, at + len("المرصد"))
    assert text[start:end] == "المـرصدُ"[:-1]  # the trailing damma is outside the last letter's span
    assert normalize(text[start:end]) == "المرصد"


def test_index_is_none_when_nothing_is_dropped() -> None:
    assert normalize_with_index("قال المرصد السوري إن الغارات استمرت طوال الليل في ريف إدلب الجنوبي").index is None


def test_tokens_keep_offsets_into_original() -> None:
    text = "وأعلنت «قسد» أنّ 3.5% من المدينة"
    tokens = tokenize(text)
    for tok in tokens:
        assert text[tok.start:tok.end] == tok.text
    assert [t.norm for t in tokens][:4] == ["واعلنت", '"', "قسد", '"']
    assert "انّ" not in [t.norm for t in tokens]  # the shadda is dropped in the matching form


def test_sql_translate_matches_python_normalisation() -> None:
    source, target = translate_args()
    text = "قُتِلَ ١٢ مدنياً في «الرقة» إلى الشمال، وأُصيب آخرون"
    con = duckdb.connect()
    assert con.execute("SELECT translate(?, ?, ?)", [text, source, target]).fetchone()[0] == normalize(text)
