"""English spellings for names rasd does not know: the table's form of common name words, else letter by letter."""

import pytest

from rasd.text.transliterate import romanize, romanizer


@pytest.mark.parametrize(("arabic", "english"), [
    ("الجباوي", "al-Jabawi"),  # long vowels from the letters, a short one between consonants
    ("الرقاوي", "al-Raqawi"),
    ("بالي", "Bali"),
    ("سعيد", "Said"),  # ayn is a vowel that still separates
    ("يوسف", "Yusaf"),  # و between consonants is a long vowel, ي at the start a consonant
    ("رابعة", "Rabaa"),  # final ta marbuta
])
def test_letter_by_letter(arabic: str, english: str) -> None:
    assert romanizer().word(arabic) == english


def test_the_table_gives_the_news_agencies_spelling_of_common_name_words() -> None:
    assert romanize("إبراهيم الجباوي") == "Ibrahim al-Jabawi"
    assert romanize("ابراهيم") == "Ibrahim"  # spelt without the hamza
    assert romanize("عبد الله الحسن").startswith("Abdullah ")  # two words, one name


def test_marks_and_tatweel_are_ignored() -> None:
    assert romanize("إِبْرَاهِيم") == romanize("إبراهيم")
    assert romanizer().word("الجبـاوي") == "al-Jabawi"
