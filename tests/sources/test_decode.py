import codecs

import pytest

from rasd.sources.decode import Undecodable, decode_bytes

ARABIC = "قال المرصد السوري لحقوق الإنسان إن 12 مدنياً قتلوا في غارات على ريف إدلب الجنوبي أمس.\n" * 3


@pytest.mark.parametrize(("data", "encoding"), [
    (ARABIC.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF8 + ARABIC.encode("utf-8"), "utf-8-sig"),
    (codecs.BOM_UTF16_LE + ARABIC.encode("utf-16-le"), "utf-16"),
    (codecs.BOM_UTF16_BE + ARABIC.encode("utf-16-be"), "utf-16"),
    (ARABIC.encode("utf-16-le"), "utf-16-le"),  # no BOM: recognised by its zero bytes
    (ARABIC.encode("cp1256"), "cp1256"),
])
def test_encodings_are_decoded_correctly(data: bytes, encoding: str) -> None:
    decoded = decode_bytes(data)
    assert decoded.text == ARABIC
    assert decoded.encoding == encoding
    assert decoded.warning is None


def test_utf8_with_a_few_broken_bytes_is_read_with_a_warning() -> None:
    data = ARABIC.encode("utf-8")
    broken = data[:50] + b"\xff\xfe" + data[50:]
    decoded = decode_bytes(broken)
    assert decoded.text.count("\ufffd") >= 1
    assert "invalid UTF-8" in decoded.warning and "byte 50" in decoded.warning


def test_binary_is_refused() -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    with pytest.raises(Undecodable, match="binary"):
        decode_bytes(png)


def test_invalid_utf8_that_is_no_arabic_encoding_is_refused() -> None:
    garbage = bytes([0xC3, 0x28, 0xA0, 0xA1, 0xE2, 0x28, 0xA1, 0xF0, 0x28, 0x8C, 0xBC]) * 40
    with pytest.raises(Undecodable, match="invalid UTF-8 at byte 0"):
        decode_bytes(garbage)
