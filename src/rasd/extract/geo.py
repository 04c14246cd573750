"""Points for places that are not points: a river or a border (the stretch near the places the article names),
an area named by who holds it ("مناطق سيطرة قسد"), the line between two places ("الحدود بين محافظتي دير الزور
والحسكة"), and a place rasd does not list, put inside or beside one it does ("منطقة الملعب الرياضي في الرقة").

A river's representative point is useless on a map of one battle: the article about Deir ez-Zor means the
Euphrates at Deir ez-Zor, so the point is the one on the river nearest the closest precise place in the text.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

from rasd.document import Mention
from rasd.extract.index import EntityIndex, entity_index
from rasd.extract.matcher import conjunction
from rasd.knowledge import load
from rasd.knowledge.entities import PLACE_PRECISION
from rasd.knowledge.gazetteer import all_place_rows, distance_km
from rasd.text.normalize import NormalizedText, normalize

_WORD = re.compile(r"\S+")
PRE_REACH = 90  # characters before a mention searched for a cue
HOLDER_REACH = 400  # characters back to the holder a pronoun stands for
HOLDER_GAP = 3  # characters between a held-area phrase and the holder's name (a space, a quote)
GAP_REACH = 45  # characters between an unlisted place and the place that contains it
SPECIFIC = 2  # ACLED geo_precision at or finer than this can anchor a line
LINE_NEAR_KM = 75  # a place farther than this from a river or border says nothing of which stretch is meant


@dataclass(frozen=True)
class GeoCues:
    held_cue: re.Pattern[str]  # a held-area phrase, and a pronoun for the holder if one follows (normalised text)
    between: tuple[tuple[str, ...], ...]
    between_word: str  # the word every between-phrase has ("بين"): a cheap test before the real one
    duals: frozenset[str]
    container: tuple[tuple[str, ...], ...]
    line_reach: int
    held_regions: dict[str, str]  # actor id -> the region it holds (place id)
    country_places: dict[str, str]  # ISO3 -> the country's place id


def _phrases(words: list[str]) -> tuple[tuple[str, ...], ...]:
    return tuple(sorted({tuple(normalize(w).split()) for w in words}, key=len, reverse=True))


@cache
def geo_cues() -> GeoCues:
    cues = load("mentions.yaml")
    idx = entity_index()
    held_regions = {actor: str(row["id"]) for row in all_place_rows() for actor in row.get("held_by") or ()}
    country_places = {e.country: e.id for e in idx.table.entities.values()
                      if e.kind == "place" and e.subtype == "country" and e.curated and e.country}
    held = _phrases(cues["held_area_cues"])
    pronouns = "|".join(re.escape(normalize(w)) for w in cues["held_area_pronouns"])
    held_cue = re.compile(r"(?<!\S)(?:" + "|".join(re.escape(" ".join(p)) for p in held) + r")"
                          r"(?: (?P<pronoun>" + pronouns + r")(?!\S))?(?= )")
    return GeoCues(held_cue=held_cue, between=_phrases(cues["between_cues"]),
                   between_word=cues["between_word"],
                   duals=frozenset(normalize(w) for w in cues["between_duals"]),
                   container=_phrases(cues["container_words"]), line_reach=int(cues["line_context_chars"]),
                   held_regions=held_regions, country_places=country_places)


def _words(view: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """Normalised words of ``view[start:end]`` with their view offsets."""
    return [(normalize(m.group()), m.start(), m.end()) for m in _WORD.finditer(view, start, end)]


def _ends_with(words: list[tuple[str, int, int]], phrases: tuple[tuple[str, ...], ...]) -> int | None:
    """View offset where the phrase that ``words`` end with starts, if they end with one."""
    texts = [w[0] for w in words]
    for phrase in phrases:
        if len(phrase) <= len(texts) and tuple(texts[len(texts) - len(phrase):]) == phrase:
            return words[len(texts) - len(phrase)][1]
    return None


class PlaceLocator:
    def __init__(self, idx: EntityIndex, view: str, norm: NormalizedText) -> None:
        self.idx = idx
        self.view = view
        self.norm = norm
        self.cues = geo_cues()

    def point(self, m: Mention) -> tuple[float, float] | None:
        if m.lat is not None and m.lon is not None:
            return m.lat, m.lon
        e = self.idx.entity(m.entity_id)
        return (e.lat, e.lon) if e is not None and e.lat is not None and e.lon is not None else None

    def admin1(self, m: Mention) -> str | None:
        e = self.idx.entity(m.entity_id)
        return m.admin1 or (e.admin1 if e is not None else None)

    def precision(self, m: Mention) -> int:
        e = self.idx.entity(m.entity_id)
        return m.precision or (PLACE_PRECISION.get(e.subtype, 2) if e is not None else 2)

    def locate(self, mentions: list[Mention]) -> list[Mention]:
        out = self.held_areas(mentions)
        out = self.between(out)
        out = self.on_lines(out)
        return self.within(out)

    def held_areas(self, mentions: list[Mention]) -> list[Mention]:
        """"المناطق الواقعة تحت سيطرة الحكومة السورية": the region the holder holds, else its country; with a
        pronoun for the holder ("التي تسيطر عليها هي"), the last actor named before that holds somewhere."""
        actors = [m for m in mentions if m.kind == "actor" and m.entity_id is not None]
        if not actors:
            return mentions
        out = list(mentions)
        starts = [m.start for m in actors]
        for hit in self.cues.held_cue.finditer(self.norm.text):
            start, end = self.norm.span_to_original(hit.start(), hit.end())
            if hit.group("pronoun"):
                holders = reversed([a for a in actors if start - HOLDER_REACH <= a.end <= start])
            else:  # the holder's name right after the phrase ("«قسد»" allowed)
                k = bisect_left(starts, end)
                holders = iter(actors[k:k + 1] if k < len(actors) and actors[k].start - end <= HOLDER_GAP else [])
            for m in holders:
                held = self.held_by(m.entity_id, start, end if hit.group("pronoun") else m.end)  # type: ignore[arg-type]
                if held is not None:
                    out.append(held)
                    break
        return sorted(out, key=lambda x: x.start)

    def held_by(self, actor_id: str, start: int, end: int) -> Mention | None:
        held = self.cues.held_regions
        region = next((held[a] for a in self.idx.lineage(actor_id) if a in held), None)
        if region is not None:
            return Mention("place", start, end, region, "pattern")
        actor = self.idx.entity(actor_id)
        country = self.cues.country_places.get(actor.country or "") if actor is not None else None
        if country is None or actor is None:
            return None
        return Mention("place", start, end, country, "pattern", name_en=f"areas held by {actor.name_en}",
                       precision=PLACE_PRECISION["region"], located_by="holder")

    def between(self, mentions: list[Mention]) -> list[Mention]:
        """"الحدود بين محافظتي دير الزور والحسكة": one place half-way between the two, instead of the two."""
        places = [m for m in mentions if m.kind == "place"]
        merged: dict[int, Mention] = {}
        dropped: set[int] = set()
        for a, b in pairwise(places):
            if self.view[a.end:b.start].strip() not in ("", conjunction()) or id(a) in dropped \
                    or self.cues.between_word not in self.view[max(0, a.start - PRE_REACH):a.start]:
                continue
            pa, pb = self.point(a), self.point(b)
            if pa is None or pb is None:
                continue
            words = _words(self.view, max(0, a.start - PRE_REACH), a.start)
            if words and words[-1][0] in self.cues.duals:
                words = words[:-1]
            start = _ends_with(words, self.cues.between)
            if start is None:
                continue
            ea, eb = self.idx.entity(a.entity_id), self.idx.entity(b.entity_id)
            name_a = a.name_en or (ea.name_en if ea else self.view[a.start:a.end])
            name_b = b.name_en or (eb.name_en if eb else self.view[b.start:b.end])
            merged[id(a)] = Mention("place", start, b.end, None, "pattern", name_en=f"between {name_a} and {name_b}",
                                    name_ar=self.view[start:b.end], precision=SPECIFIC,
                                    lat=round((pa[0] + pb[0]) / 2, 4), lon=round((pa[1] + pb[1]) / 2, 4),
                                    located_by="between",
                                    admin1=self.admin1(a) if self.admin1(a) == self.admin1(b) else None)
            dropped.add(id(b))
        return [merged.get(id(m), m) for m in mentions if id(m) not in dropped]

    def on_lines(self, mentions: list[Mention]) -> list[Mention]:
        """A river or border: its point nearest the closest precise place named within reach in the text."""
        if not any(m.kind == "place" and self.line_of(m) for m in mentions):
            return mentions
        anchors = [(m, p) for m in mentions if m.kind == "place" and (p := self.point(m)) is not None
                   and self.precision(m) <= SPECIFIC and not self.line_of(m)]
        out = []
        for m in mentions:
            line = self.line_of(m) if m.kind == "place" and m.lat is None else ()
            if line:
                near = []
                for a, p in anchors:
                    if abs(a.start - m.start) <= self.cues.line_reach:
                        on = nearest_on_line(line, p)
                        if distance_km(on[0], on[1], p[0], p[1]) <= LINE_NEAR_KM:
                            near.append((abs(a.start - m.start), on, self.admin1(a)))
                if near:
                    _, (lat, lon), admin1 = min(near, key=lambda x: x[0])
                    m = m._replace(lat=round(lat, 4), lon=round(lon, 4), located_by="line", admin1=admin1)
            out.append(m)
        return out

    def line_of(self, m: Mention) -> tuple[tuple[float, float], ...]:
        e = self.idx.entity(m.entity_id)
        return e.line if e is not None else ()

    def within(self, mentions: list[Mention]) -> list[Mention]:
        """A place rasd does not list takes the point of the listed place written right after it behind "في",
        "قرب", "بريف" … (a few words of its own name may come first: "منطقة الملعب الرياضي في الرقة")."""
        out = list(mentions)
        for n, m in enumerate(out):
            if m.kind != "place" or self.point(m) is not None:
                continue
            host = next((h for h in out[n + 1:] if h.kind == "place" and h.start >= m.end), None)
            if host is None or host.start - m.end > GAP_REACH or self.point(host) is None:
                continue
            words = _words(self.view, m.end, host.start)
            if _ends_with(words, self.cues.container) is None and not self.clitic_container(host) \
                    and not self.starts_with_container(host):
                continue
            lat, lon = self.point(host)  # type: ignore[misc]
            out[n] = m._replace(lat=lat, lon=lon, located_by="within", within=host.entity_id, admin1=self.admin1(host),
                                precision=max(self.precision(host), m.precision or 1))
        return out

    def starts_with_container(self, host: Mention) -> bool:
        """"قرب مدينة منبج", "شرقي حلب": the host mention was widened over the word that relates the two."""
        texts = [w[0] for w in _words(self.view, host.start, host.end)]
        return any(tuple(texts[:len(p)]) == p for p in self.cues.container)

    def clitic_container(self, host: Mention) -> bool:
        """"بالرقة": the preposition is a letter of the host's own word."""
        before = self.view[max(0, host.start - 1):host.start]
        return bool(before) and normalize(before) in {p[0] for p in self.cues.container if len(p[0]) == 1}


def nearest_on_line(line: tuple[tuple[float, float], ...], point: tuple[float, float]) -> tuple[float, float]:
    """The point of a polyline nearest ``point``, in a local equirectangular projection (fine at this scale)."""
    if len(line) == 1:
        return line[0]
    k = math.cos(math.radians(point[0]))
    px, py = point[1] * k, point[0]
    best, best_d = line[0], math.inf
    for (lat1, lon1), (lat2, lon2) in pairwise(line):
        ax, ay, bx, by = lon1 * k, lat1, lon2 * k, lat2
        dx, dy = bx - ax, by - ay
        t = 0.0 if dx == dy == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
        x, y = ax + t * dx, ay + t * dy
        d = (x - px) ** 2 + (y - py) ** 2
        if d < best_d:
            best, best_d = (y, x / k), d
    return best


def locate_places(mentions: list[Mention], view: str, norm: NormalizedText) -> list[Mention]:
    return PlaceLocator(entity_index(), view, norm).locate(mentions)
