"""Bytes to text: BOMs, UTF-16, CP1256 and broken UTF-8, or a clear reason why not."""

from __future__ import annotations

import codecs
import re
from collections import Counter
from dataclasses import dataclass

_ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")
_LETTER = re.compile(r"[^\W\d_]")
# Mojibake of UTF-8 Arabic read as CP1256 ("ط§ظ„"): lead bytes D8/D9 become ط/ظ before symbols.
_CP1256_MOJIBAKE = re.compile(r"[طظ][\u00a0-\u00bf\u2018-\u203a\u0152-\u0192\u02c6\u06af\u067e\u0686\u0698]")
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
MAX_BAD_UTF8_RATIO = 0.01


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    warning: str | None = None


class Undecodable(ValueError):
    """The bytes are binary or in no encoding rasd can read; the message says which."""


def _looks_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: one byte of each pair (the high byte) takes very few values, zero among them."""
    sample = data[: 4000 - (min(len(data), 4000) % 2)]
    if len(sample) < 8:
        return None
    for encoding, high in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        if not high.count(0):
            continue
        if sum(n for _, n in Counter(high).most_common(2)) < 0.8 * len(high):
            continue
        try:
            text = sample.decode(encoding)
        except UnicodeDecodeError:
            continue
        if not any(ord(ch) < 32 and ch not in "\t\n\r\f" for ch in text):
            return encoding
    return None


def _is_binary(data: bytes) -> bool:
    sample = data[:8000]
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return control > 0.05 * len(sample)


def _plausible_cp1256(text: str) -> bool:
    letters = len(_LETTER.findall(text[:5000]))
    arabic = len(_ARABIC_LETTER.findall(text[:5000]))
    return letters > 0 and arabic / letters > 0.6 and len(_CP1256_MOJIBAKE.findall(text[:5000])) < 3


def decode_bytes(data: bytes) -> Decoded:
    """Decode article bytes, preferring UTF-8; raise ``Undecodable`` for binary or unknown encodings."""
    if data.startswith(codecs.BOM_UTF8):
        return Decoded(data[3:].decode("utf-8", errors="replace"), "utf-8-sig")
    if data.startswith(_UTF16_BOMS):
        try:
            return Decoded(data.decode("utf-16"), "utf-16")
        except UnicodeDecodeError as exc:
            raise Undecodable(f"broken UTF-16 text ({exc.reason} at byte {exc.start})") from exc
    utf16 = _looks_utf16(data)
    if utf16:
        try:
            return Decoded(data.decode(utf16), utf16)
        except UnicodeDecodeError:
            pass
    if _is_binary(data):
        raise Undecodable("binary file (not text)")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    lenient = data.decode("utf-8", errors="replace")
    bad = lenient.count("\ufffd")
    if bad <= max(1, MAX_BAD_UTF8_RATIO * len(lenient)) and _ARABIC_LETTER.search(lenient):
        return Decoded(lenient, "utf-8", f"{bad} invalid UTF-8 byte sequence(s) replaced, first at byte {first_bad}")
    cp1256 = data.decode("cp1256", errors="replace")
    if _plausible_cp1256(cp1256):
        return Decoded(cp1256, "cp1256")
    raise Undecodable(f"invalid UTF-8 at byte {first_bad} and not a recognised Arabic encoding (CP1256, UTF-16)")
