import pytest

from rasd.text.segment import segment_rules, split_block


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_block(text, segment_rules())]


@pytest.mark.parametrize(("text", "expected"), [
    ("قتل 12 مدنياً. وأصيب 30 آخرون.", ["قتل 12 مدنياً.", "وأصيب 30 آخرون."]),
    ("هل انتهت المعركة؟ يقول القادة إنها لم تنته.", ["هل انتهت المعركة؟", "يقول القادة إنها لم تنته."]),
    # commas and semicolons do not end a sentence
    ("تقدمت القوات، وسيطرت على القرية؛ ثم انسحبت.", ["تقدمت القوات، وسيطرت على القرية؛ ثم انسحبت."]),
    # numbers: no split inside 3.5 or after "8 %"
    ("تراجعت السيطرة إلى 8 % من سوريا. وارتفعت الأسعار 3.5 مرة.",
     ["تراجعت السيطرة إلى 8 % من سوريا.", "وارتفعت الأسعار 3.5 مرة."]),
    # a closing quote belongs to the sentence it closes
    ("وقال: «انتهت المعركة.» وأضاف أن القوات ستبقى.", ["وقال: «انتهت المعركة.»", "وأضاف أن القوات ستبقى."]),
    # a full stop inside a quotation that continues does not split it
    ("وقال «لن نتراجع. سنواصل القتال» ثم غادر.", ["وقال «لن نتراجع. سنواصل القتال» ثم غادر."]),
    # abbreviations
    ("وقال د. محمد الأحمد إن الوضع خطير.", ["وقال د. محمد الأحمد إن الوضع خطير."]),
    ("تأسست عام 300 ق.م. وما زالت قائمة.", ["تأسست عام 300 ق.م.", "وما زالت قائمة."]),
    # a paragraph without final punctuation is one sentence (crossheads)
    ("حصار وتفاوض", ["حصار وتفاوض"]),
])
def test_split(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected
