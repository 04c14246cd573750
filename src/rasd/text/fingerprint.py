"""Content identity: a stable doc_id, and MinHash signatures with LSH banding for near-duplicates."""

from __future__ import annotations

import hashlib
from functools import cache

import numpy as np

from rasd.document import Document
from rasd.text.normalize import normalized_span

NUM_PERM = 64
BANDS = 16
ROWS = NUM_PERM // BANDS
_rng = np.random.default_rng(20171215)  # fixed: signatures are stored, so they must not change
_A = (_rng.integers(1, 2**63, NUM_PERM, dtype=np.uint64) | np.uint64(1))
_B = _rng.integers(0, 2**63, NUM_PERM, dtype=np.uint64)
_SHINGLE_MIX = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9], dtype=np.uint64)
_BAND_MIX = _rng.integers(1, 2**63, ROWS, dtype=np.uint64) | np.uint64(1)
_BAND_SALT = _rng.integers(0, 2**63, BANDS, dtype=np.uint64)


def content_id(text: str) -> str:
    """Stable id of an article's content: whitespace-insensitive hash of its text."""
    return hashlib.blake2b(" ".join(text.split()).encode("utf-8"), digest_size=10).hexdigest()


def assign_doc_id(doc: Document) -> Document:
    if doc.raw.strip():
        doc.doc_id = content_id(doc.raw)
    else:
        doc.doc_id = content_id(f"{doc.path}\x00{doc.record}\x00{doc.source_id}\x00{doc.status}")
    return doc


_BMP = 0x10000
_WORD_CHARS = np.array([chr(c).isalnum() for c in range(_BMP)], dtype=bool)
_P = np.uint64(0x100000001B3)  # odd, so it has an inverse modulo 2**64
_P_INV = np.uint64(pow(int(_P), -1, 2**64))


@cache
def _powers(n: int) -> tuple[np.ndarray, np.ndarray]:
    """P**i and P**-i modulo 2**64 for i < n (n is a power of two, so few sizes are cached)."""
    with np.errstate(over="ignore"):
        forward = np.concatenate(([np.uint64(1)], np.cumprod(np.full(n - 1, _P, dtype=np.uint64), dtype=np.uint64)))
        backward = np.concatenate(
            ([np.uint64(1)], np.cumprod(np.full(n - 1, _P_INV, dtype=np.uint64), dtype=np.uint64)))
    return forward, backward


def token_hashes(normalized_text: str) -> np.ndarray:
    """A 64-bit polynomial hash of every word (run of letters/digits), vectorised over the code points."""
    codes = np.frombuffer(normalized_text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    is_word = np.where(codes < _BMP, _WORD_CHARS[np.minimum(codes, _BMP - 1)], False)
    edges = np.diff(np.concatenate(([0], is_word.view(np.int8), [0])))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    forward, backward = _powers(1 << max(10, len(codes).bit_length()))
    with np.errstate(over="ignore"):
        prefix = np.concatenate(([np.uint64(0)], np.cumsum(codes * forward[: len(codes)], dtype=np.uint64)))
        return (prefix[ends] - prefix[starts]) * backward[starts]


def signature(normalized_text: str) -> np.ndarray | None:
    """MinHash (64 × uint32) over word 3-shingles of normalised text; None when there are no words."""
    codes = token_hashes(normalized_text)
    if not len(codes):
        return None
    with np.errstate(over="ignore"):
        if len(codes) >= 3:
            shingles = codes[:-2] * _SHINGLE_MIX[0] + codes[1:-1] * _SHINGLE_MIX[1] + codes[2:] * _SHINGLE_MIX[2]
        else:
            shingles = codes * _SHINGLE_MIX[0]
        hashed = (np.outer(shingles, _A) + _B) >> np.uint64(32)
    return hashed.min(axis=0).astype(np.uint32)


def band_keys(sig: np.ndarray) -> np.ndarray:
    """One uint64 key per LSH band (``BANDS`` bands of ``ROWS`` rows), salted by band so bands never collide."""
    with np.errstate(over="ignore"):
        rows = sig.astype(np.uint64).reshape(BANDS, ROWS)
        return (rows * _BAND_MIX).sum(axis=1, dtype=np.uint64) + _BAND_SALT


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the two shingle sets."""
    return float(np.mean(a == b))


def fingerprint(doc: Document) -> Document:
    doc.fingerprint = signature("\n".join(normalized_span(doc, b.start, b.end) for b in doc.blocks))
    doc.bands = band_keys(doc.fingerprint) if doc.fingerprint is not None else None
    return doc


class NearDuplicateIndex:
    """In-memory LSH index: the first document seen is the original, later near-copies point to it."""

    def __init__(self, threshold: float) -> None:
        self.threshold = threshold
        self.buckets: dict[int, list[str]] = {}  # band key -> doc ids (keys of different bands never meet)
        self.signatures: dict[str, np.ndarray] = {}

    def find(self, sig: np.ndarray, bands: np.ndarray) -> tuple[str, float] | None:
        best: tuple[str, float] | None = None
        seen: set[str] = set()
        for key in bands.tolist():
            for candidate in self.buckets.get(key, ()):
                if candidate in seen:
                    continue
                seen.add(candidate)
                score = similarity(sig, self.signatures[candidate])
                if score >= self.threshold and (best is None or score > best[1]):
                    best = (candidate, score)
        return best

    def add(self, doc_id: str, sig: np.ndarray, bands: np.ndarray) -> None:
        if doc_id in self.signatures:
            return
        self.signatures[doc_id] = sig
        buckets = self.buckets
        for key in bands.tolist():
            if key in buckets:
                buckets[key].append(doc_id)
            else:
                buckets[key] = [doc_id]
