"""Whether two reports can be one event, and how alike they are.

Hard limits first (a veto, ``None``): other kinds of event, days apart, far apart, a statement by someone
else, or two events one sentence told apart. Then a score from what the reports share: their words, their
place, their actors, their figures. Actors and figures add but do not veto: two sources blaming different
parties for one strike, or counting its dead differently, are exactly what linking must bring together.
"""

from __future__ import annotations

from rapidfuzz import fuzz

from rasd.knowledge.gazetteer import distance_km
from rasd.link.figures import relation
from rasd.link.reports import Report

LINK_SCORE = 0.5  # a report joins an event when it scores this much against one of its reports
MAX_GAP_DAYS = 1  # days allowed between when two reports say it happened (overnight, time zones)
MAX_DENIAL_GAP_DAYS = 3
FAR_KM = 40  # two places pinned this far apart are two events, unless the reports tell it in the same words
NEAR_KM = 10
SAME_WORDS = 0.6  # the share of content words two sentences have in common when they are one text
MIN_WORDS_WITHIN = 0.15  # two reports of one article share this share of their words, unless something else ...
MIN_WORDS_ACROSS = 0.2  # ... and reports in two articles this share (a state, figures, "the attack" again)
MIN_WORDS_COARSE = 0.35  # two articles' reports placed no closer than a city, with no figure in common
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
W_FIGURES = 0.15
W_FIGURES_CLASH = -0.1
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


def back_reference(a: Report, b: Report) -> bool:
    """The later of two reports of one article tells again the event just told: "الهجوم وقع في …"."""
    earlier, later = sorted((a, b), key=lambda r: r.sentence_start)
    return later.trigger_definite and not later.placed_in_sentence and \
        later.sentence_start - earlier.evidence["end"] <= BACK_REFERENCE_CHARS


def agree(a: Report, b: Report) -> bool | None:
    """True: they give figures of one kind (or one within the other) that both can hold or differ only in degree
    or metric; False: figures that cannot both hold, and none that agree; None: nothing to compare."""
    found = None
    for qa in a.figures:
        for qb in b.figures:
            how = relation(qa["kind"], qa, qb["kind"], qb)
            if how in ("agree", "soft"):
                return True
            if how == "hard":
                found = False
    return found


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
    gap = MAX_DENIAL_GAP_DAYS if "negated" in (a.modality, b.modality) else MAX_GAP_DAYS
    if a.day_lo is not None and b.day_lo is not None and a.day_hi is not None and b.day_hi is not None and \
            max(a.day_lo, b.day_lo) - min(a.day_hi, b.day_hi) > gap:
        return None  # (a denial is dated when it is made, often days after what it denies)
    words = dice(a.words, b.words)
    if (a.statement or b.statement) and words < MIN_STATEMENT_WORDS:
        return None  # one speaker, two things said
    figures = agree(a, b)
    km = 0.0 if a.place is not None and a.place == b.place else distance(a, b)  # (two unplaced: no distance)
    pinned = a.place_precision == 1 and b.place_precision == 1 and a.place is not None and b.place is not None
    if pinned and km is not None and km > FAR_KM and words < SAME_WORDS:
        return None
    if one_article and a.placed_in_sentence and b.placed_in_sentence and a.place != b.place and \
            (a.place_precision or 3) <= 2 and (b.place_precision or 3) <= 2 and (km is None or km > NEAR_KM):
        return None  # a round-up: each sentence its own town, its own event (a town within a region is not)
    back = one_article and back_reference(a, b)
    # what says these are one event, beyond a kind, a place and a week: their words, a state or figures of it
    # they share, "the attack" told again, or one speaker's one statement
    told = words >= (MIN_WORDS_WITHIN if one_article else MIN_WORDS_ACROSS) or back or figures is True or \
        (a.status is not None and b.status is not None) or (a.statement and speaker)
    if not told:
        return None
    spot = (a.place is not None and a.place == b.place and (a.place_precision or 3) <= 2) or \
        (pinned and km is not None and km <= NEAR_KM)  # one town or the area of one, not a region
    vague = (figures is not True or a.place is None or b.place is None) and not spot
    if not one_article and not a.statement and words < MIN_WORDS_COARSE and (vague or figures is False):
        return None  # in a week of strikes on one region (or nowhere said), two articles must tell the same one;
        # in one town, two tolls that cannot both hold are two strikes more often than a dispute
    score = W_WORDS * words
    if a.place is not None and a.place == b.place:
        score += W_SAME_PLACE / (a.place_precision or 3)  # one village says more than one country
    elif km is not None and km <= NEAR_KM:
        score += W_NEAR
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
        score += W_SAME_ARTICLE + (W_BACK_REFERENCE if back else 0.0)
    if a.status is not None and b.status is not None:
        score += W_STATUS
    if figures is not None:
        score += W_FIGURES if figures else W_FIGURES_CLASH
    return score
