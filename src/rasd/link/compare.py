"""Whether two reports can be one event, and how alike they are.

Hard limits first (a veto, ``None``): other kinds of event, days apart, far apart, a statement by someone
else, or two events one sentence told apart. Then a score from what the reports share: their words, their
place, their actors, their figures. Actors and figures add but do not veto: two sources blaming different
parties for one strike, or counting its dead differently, are exactly what linking must bring together.
"""

from __future__ import annotations

from rapidfuzz import fuzz

from rasd.knowledge.gazetteer import distance_km
from rasd.link.reports import Report

LINK_SCORE = 0.5  # a report joins an event when it scores this much against one of its reports
MAX_GAP_DAYS = 1  # days allowed between when two reports say it happened (overnight, time zones)
FAR_KM = 40  # two places pinned this far apart are two events, unless the reports tell it in the same words
NEAR_KM = 10
SAME_WORDS = 0.6  # the share of content words two sentences have in common when they are one text
MIN_WORDS_ACROSS = 0.2  # reports in two articles share at least this share of their words
MIN_STATEMENT_WORDS = 0.2  # two statements by one speaker share at least this share of their words
SAME_NAME = 85  # rapidfuzz ratio of two romanised names that are one person spelt two ways ("غيدني"/"غيديني")
BACK_REFERENCE_CHARS = 400  # how far back "the attack" reaches for the attack it means

# What each shared thing is worth
W_WORDS = 0.6
W_SAME_PLACE = 0.3
W_NEAR = 0.2
W_SAME_REGION = 0.05
W_ACTOR = 0.15
W_ACTOR_DIFFERS = -0.1
W_TARGET = 0.05
W_TYPE = 0.1
W_MODE_DIFFERS = -0.15
W_SPEAKER = 0.2
W_SAME_ARTICLE = 0.05
W_STATUS = 0.1
W_FIGURES = 0.1
W_BACK_REFERENCE = 0.15


def dice(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def same_speaker(a: Report, b: Report) -> bool:
    if a.speaker is None or b.speaker is None:
        return False
    if a.speaker == b.speaker:
        return True
    return bool(a.speaker_name and b.speaker_name) and \
        fuzz.ratio(a.speaker_name.lower(), b.speaker_name.lower()) >= SAME_NAME  # type: ignore[union-attr]


def same_party(a: str | None, a_side: str | None, b: str | None, b_side: str | None) -> bool | None:
    """True: one party (or one side: a spokesman and his army); False: two parties; None: one is unknown."""
    if a is None or b is None:
        return None
    return a in (b, b_side) or b == a_side or (a_side is not None and a_side == b_side)


def distance(a: Report, b: Report) -> float | None:
    if a.lat is None or b.lat is None or a.lon is None or b.lon is None:
        return None
    return distance_km(a.lat, a.lon, b.lat, b.lon)


def similarity(a: Report, b: Report) -> float | None:
    """How alike two reports are as tellings of one event; None when they cannot be one."""
    if a.family != b.family:
        return None
    one_article = a.doc_id == b.doc_id
    if one_article and a.sentence_start == b.sentence_start and a.source_key == b.source_key and a.type != b.type:
        return None  # one voice in one sentence: the extraction already told these events apart
    speaker = same_speaker(a, b)
    if (a.statement or b.statement) and (a.type != b.type or not speaker):
        return None  # a statement is one statement only in one mouth
    if a.day_lo is not None and b.day_lo is not None and a.day_hi is not None and b.day_hi is not None and \
            max(a.day_lo, b.day_lo) - min(a.day_hi, b.day_hi) > MAX_GAP_DAYS:
        return None
    words = dice(a.words, b.words)
    if (a.statement or b.statement) and words < MIN_STATEMENT_WORDS:
        return None  # one speaker, two things said
    if not one_article and words < MIN_WORDS_ACROSS:
        return None  # two articles telling one event tell it in some of the same words
    score = W_WORDS * words
    if a.place is not None and a.place == b.place:
        score += W_SAME_PLACE / (a.place_precision or 3)  # one village says more than one country
    elif (km := distance(a, b)) is not None:
        if km > FAR_KM and a.place_precision == 1 and b.place_precision == 1 and words < SAME_WORDS:
            return None
        if km <= NEAR_KM:
            score += W_NEAR
        elif a.region is not None and a.region == b.region:
            score += W_SAME_REGION
    elif a.region is not None and a.region == b.region:
        score += W_SAME_REGION
    actors = None if a.statement else same_party(a.actor, a.actor_side, b.actor, b.actor_side)
    if actors is not None:  # a statement's actor is its speaker, compared already
        score += W_ACTOR if actors else W_ACTOR_DIFFERS
    if a.target is not None and a.target == b.target:
        score += W_TARGET
    if a.type == b.type:
        score += W_TYPE
    if a.mode is not None and b.mode is not None and a.mode != b.mode:
        score += W_MODE_DIFFERS
    if speaker:
        score += W_SPEAKER
    if one_article:
        score += W_SAME_ARTICLE
        earlier, later = sorted((a, b), key=lambda r: r.sentence_start)
        if later.trigger_definite and not later.placed_in_sentence and \
                later.sentence_start - earlier.evidence["end"] <= BACK_REFERENCE_CHARS:
            score += W_BACK_REFERENCE  # "الهجوم وقع في …" just after the attack was told: that attack
    if a.status is not None and b.status is not None:
        score += W_STATUS
    if {q["kind"] for q in a.quantities} & {q["kind"] for q in b.quantities}:
        score += W_FIGURES
    return score
