"""Scoring extracted events against a gold file in the seed schema (gold/SCHEMA.md §5).

System events are compared only with gold lines of the same document. A pair can match when the type fits
(lenient: the gold type or one of its alt_types; strict: the gold type) and one anchor holds: the locations
agree (≤ 25 km when both are points, else the same governorate, with country-level only matching
country-level), the actors agree (aliases and parent bodies count; symmetric types may swap actor and
target), or the evidence spans overlap. Pairs are assigned one-to-one, best first.
"""

from __future__ import annotations

import re
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from rasd.extract.index import entity_index
from rasd.knowledge.gazetteer import distance_km

COUNTED = ("asserted", "negated")
SPELLING_MATCH = 80  # rapidfuzz ratio between two romanisations of one Arabic name  # modalities that count as events
SYMMETRIC = {"FIGHT", "CONSULT", "AGREE"}
REGION_WORDS = ("border", "desert", "badia", "jazira", "euphrates", "governorate", "areas", "southern", "northern",
                "eastern", "western", "countryside", "valley", "region", "syria", "iraq", "bank")
EQUIVALENT = [{"syrian government", "syrian government forces", "syrian army", "syrian arab army"},
              {"islamic state", "isis", "isil", "daesh", "is"},
              {"syrian democratic forces", "sdf", "qsd"},
              {"hayat tahrir al-sham", "jabhat al-nusra", "nusra front", "hts"}]


def described(gold: str, names: set[str]) -> bool:
    """A gold description that starts or ends with one of the names ("Syrian opposition officials")."""
    words = gold.lower().split()
    return any((n := name.split()) and (words[:len(n)] == n or words[-len(n):] == n) for name in names)


def _spelling(name: str) -> str:
    """A romanised name with the differences between spellings taken out: case, "al-", doubled letters."""
    return re.sub(r"(.)\1", r"\1", re.sub(r"\bal-", "", name.lower()))


def _key(name: str) -> str:
    return re.sub(r"[^a-z]", "", name.lower().removeprefix("al-").removeprefix("al "))


@dataclass
class Gold:
    line: dict[str, Any]
    span: tuple[int, int] | None  # the evidence in the article's text

    @property
    def id(self) -> str:
        return str(self.line["id"])


@dataclass
class Pair:
    system: int  # index into the document's system events
    gold: Gold
    score: tuple
    exact_type: bool
    polarity_ok: bool


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class Report:
    tallies: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    by_type: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    attributes: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    negated_gold: int = 0
    negated_found: int = 0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)
    wrong_numbers: list[str] = field(default_factory=list)
    far_places: list[str] = field(default_factory=list)
    matched_gold: dict[tuple[str, int], str] = field(default_factory=dict)  # (doc, event index) -> gold id
    links: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    link_details: list[str] = field(default_factory=list)


class Scorer:
    def __init__(self) -> None:
        self.idx = entity_index()
        self.admin1 = {e.admin1: _key(e.name_en.removesuffix(" Governorate")) for e in self.idx.table.entities.values()
                       if e.kind == "place" and e.subtype == "governorate" and e.admin1}

    # --- names ----------------------------------------------------------------------------------------
    def names(self, arg: dict | None) -> set[str]:
        """English names (with aliases and parents) a system argument answers to."""
        if not arg:
            return set()
        out = {arg["name_en"].lower()} if arg.get("name_en") else set()
        for entity_id in self.idx.lineage(arg["id"]) if arg.get("id") else []:
            entity = self.idx.entity(entity_id)
            if entity is not None:
                out |= {entity.name_en.lower(), *(a.lower() for a in entity.aliases_en)}
        if arg.get("affiliation"):
            out |= self.names({"id": arg["affiliation"]})
        for group in EQUIVALENT:
            if out & group:
                out |= group
        return out

    def same_actor(self, arg: dict | None, gold: dict | None) -> bool:
        if not arg or not gold or not gold.get("en"):
            return False
        names = self.names(arg)
        want = gold["en"].lower()
        if want in names or any(want in group and names & group for group in EQUIVALENT):
            return True
        if arg.get("transliterated") and arg.get("name_en"):  # spellings of one name differ ("Raqawi", "Raqqawi")
            return fuzz.ratio(_spelling(arg["name_en"]), _spelling(want)) >= SPELLING_MATCH
        return described(want, names)

    # --- places ---------------------------------------------------------------------------------------
    def gold_is_point(self, loc: dict) -> bool:
        name = (loc.get("en") or "").lower()
        return loc.get("admin1_en") not in (None, "Syria") and not any(w in name for w in REGION_WORDS)

    def same_place(self, loc: dict | None, gold: dict | None) -> tuple[bool, float | None]:
        if not gold:
            return loc is None or ((loc.get("precision") or 3) >= 3 and not loc.get("admin1")), None
        if not loc or loc.get("lat") is None:
            return False, None
        km = distance_km(loc["lat"], loc["lon"], gold["lat"], gold["lon"])
        if gold.get("admin1_en") == "Syria":
            return not loc.get("admin1") and (loc.get("precision") or 3) >= 3, km
        if self.gold_is_point(gold) and loc.get("precision") == 1:
            return km <= 25, km
        return self.admin1.get(loc.get("admin1")) == _key(gold.get("admin1_en") or ""), km

    # --- one document ---------------------------------------------------------------------------------
    def pairs(self, events: list[dict], golds: list[Gold]) -> list[Pair]:
        out = []
        for n, event in enumerate(events):
            for gold in golds:
                g = gold.line
                exact = event["type"] == g["type"]
                if not exact and event["type"] not in (g.get("alt_types") or []):
                    continue
                place_ok, km = self.same_place(event.get("location"), g.get("location"))
                actors = [g.get("actor"), *(g.get("co_actors") or [])]
                actor_ok = any(self.same_actor(event.get("actor"), a) for a in actors)
                if not actor_ok and g["type"] in SYMMETRIC:
                    actor_ok = any(self.same_actor(event.get("target"), a) for a in actors) or \
                        self.same_actor(event.get("actor"), g.get("target"))
                ev = event["evidence"]
                overlap = gold.span is not None and ev["start"] < gold.span[1] and gold.span[0] < ev["end"]
                if not (place_ok or actor_ok or overlap):
                    continue
                polarity = bool(g.get("negated_or_denied")) == bool(event.get("negated"))
                # a tie goes to the pair whose polarity agrees (what an optimal assignment would pick)
                score = (exact, overlap, polarity, -(km if km is not None else 1e4), actor_ok)
                out.append(Pair(n, gold, score, exact, polarity))
        return sorted(out, key=lambda p: p.score, reverse=True)

    def score(self, docs: dict[str, tuple[str, list[dict]]], gold_lines: list[dict],
              clusters: list[set[str]]) -> Report:
        report = Report()
        by_doc: dict[str, list[Gold]] = defaultdict(list)
        for line in gold_lines:
            text = docs.get(line["doc"], ("", []))[0]
            at = text.find(line.get("evidence") or "\0")
            by_doc[line["doc"]].append(Gold(line, (at, at + len(line["evidence"])) if at >= 0 else None))
        cluster_of = {member: n for n, members in enumerate(clusters) for member in members}
        for doc, (_text, all_events) in docs.items():
            counted = [n for n, e in enumerate(all_events) if e.get("modality") in COUNTED]
            golds = by_doc.get(doc, [])
            matched = self.score_document(report, [all_events[n] for n in counted], golds, cluster_of)
            for n, pair in matched.items():
                report.matched_gold[(doc, counted[n])] = pair.gold.id
        return report

    def score_document(self, report: Report, events: list[dict], golds: list[Gold],
                       cluster_of: dict[str, int]) -> dict[int, Pair]:
        """Score one document at every level; return the claim-level matches (event position -> pair)."""
        claim_matches: dict[int, Pair] = {}
        pairs = self.pairs(events, golds)
        for level in ("claim", "event", "claim-main", "claim-strict", "claim-no-negated"):
            used_sys: set[int] = set()
            used_gold: set[str] = set()
            matched: dict[int, Pair] = {}
            for p in pairs:
                if level == "claim-strict" and not p.exact_type:
                    continue
                if level == "claim-no-negated" and p.gold.line.get("negated_or_denied"):
                    continue
                gold_key = p.gold.id if level != "event" else f"c{cluster_of.get(p.gold.id, p.gold.id)}"
                if p.system in used_sys or gold_key in used_gold:
                    continue
                used_sys.add(p.system)
                used_gold.add(gold_key)
                matched[p.system] = p
            tally = report.tallies[level]
            gold_keys = {g.id if level != "event" else f"c{cluster_of.get(g.id, g.id)}" for g in golds
                         if not (level == "claim-no-negated" and g.line.get("negated_or_denied"))}
            if level == "claim-main":
                gold_keys = {g.id for g in golds if g.line.get("salience", "main") == "main"}
            ignored = set()
            if level == "event":  # further system events on an already matched cluster: neither TP nor FP
                clusters_hit = {f"c{cluster_of.get(p.gold.id, p.gold.id)}" for p in matched.values()}
                for p in pairs:
                    key = f"c{cluster_of.get(p.gold.id, p.gold.id)}"
                    if p.system not in matched and key in clusters_hit:
                        ignored.add(p.system)
            good = {n for n, p in matched.items() if p.polarity_ok}
            if level == "claim-main":
                ignored |= {n for n, p in matched.items() if p.gold.line.get("salience") == "background"}
                good = {n for n in good if n not in ignored}
            tally.tp += len(good)
            tally.fp += len([n for n in range(len(events)) if n not in good and n not in ignored])
            found_gold = {(p.gold.id if level != "event" else f"c{cluster_of.get(p.gold.id, p.gold.id)}")
                          for n, p in matched.items() if n in good}
            tally.fn += len(gold_keys - found_gold)
            if level == "claim":
                self.details(report, events, golds, matched, good)
                claim_matches = {n: p for n, p in matched.items() if n in good}
        return claim_matches

    def details(self, report: Report, events: list[dict], golds: list[Gold], matched: dict[int, Pair],
                good: set[int]) -> None:
        found = {p.gold.id: (n, p) for n, p in matched.items() if n in good}
        for g in golds:
            t = report.by_type[g.line["type"]]
            if g.line.get("negated_or_denied"):
                report.negated_gold += 1
                report.negated_found += g.id in found
            if g.id in found:
                t.tp += 1
                self.attributes(report, events[found[g.id][0]], g.line)
            else:
                t.fn += 1
                report.misses.append(f"{g.id} {g.line['type']}: {g.line.get('evidence', '')[:90]}")
        for n, event in enumerate(events):
            if n not in good:
                report.by_type[event["type"]].fp += 1
                report.extras.append(f"{event['type']}/{event['modality']} [{event['trigger']['text']}]: "
                                     f"{event['evidence']['text'][:80]}")

    def attributes(self, report: Report, event: dict, gold: dict) -> None:
        a = report.attributes
        for role in ("actor", "target", "speaker"):
            if gold.get(role):
                a[role].append(float(self.same_actor(event.get(role), gold[role])))
        loc = gold.get("location")
        if loc:
            ok, km = self.same_place(event.get("location"), loc)
            a["location_25km"].append(float(km is not None and km <= 25))
            if km is None or km > 25:
                got = event.get("location") or {}
                far = f"{km:.0f} km" if km is not None else "no point"
                report.far_places.append(f"{gold['id']} {loc.get('en')} ({loc.get('ar')}) got {got.get('name_en')} "
                                         f"«{got.get('text')}» {far}")
            a["location_match"].append(float(ok))
            if km is not None:
                a["location_km"].append(km)
        for number in gold.get("numbers") or []:
            ok = any(_number_ok(q, number) for q in event.get("quantities") or [])
            a["numbers"].append(float(ok))
            if not ok:
                found = [(q["kind"], q["min"], q["max"], q["approx"]) for q in event.get("quantities") or []]
                report.wrong_numbers.append(f"{gold['id']} {number['what']} {number.get('min')}-{number.get('max')} "
                                            f"approx={number.get('approx')} «{number.get('surface')}» got {found}")
        if gold.get("date") and re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(gold["date"])):
            a["date"].append(float((event.get("date") or {}).get("value") == gold["date"]))


def _number_ok(q: dict, gold: dict) -> bool:
    if q.get("kind") != gold.get("what") and q.get("unit") != gold.get("what"):
        return False
    want = gold.get("min") if gold.get("min") is not None else gold.get("max")
    got = q.get("min") if q.get("min") is not None else q.get("max")
    if want is None or got is None:
        return False
    if not gold.get("approx"):
        return float(got) == float(want)
    high = gold.get("max")
    return abs(float(got) - float(want)) <= 0.2 * float(want) or (high is not None and want <= got <= high)


def format_report(report: Report, verbose: bool = False) -> str:
    lines = ["level              precision  recall    F1     TP   FP   FN"]
    for level, t in report.tallies.items():
        p, r, f = t.prf()
        lines.append(f"{level:18} {p:9.3f} {r:7.3f} {f:6.3f} {t.tp:5d} {t.fp:4d} {t.fn:4d}")
    lines.append("")
    lines.append("type (claim level, lenient)  gold  found  false  P      R")
    for type_, t in sorted(report.by_type.items()):
        p, r, _ = t.prf()
        lines.append(f"{type_:28} {t.tp + t.fn:4d} {t.tp:6d} {t.fp:6d}  {p:.2f}  {r:.2f}")
    lines.append("")
    lines.append(f"negated gold lines marked negated: {report.negated_found}/{report.negated_gold}")
    for name, values in sorted(report.attributes.items()):
        if name == "location_km":
            lines.append(f"location distance (median km)      {statistics.median(values):.1f} over {len(values)}")
        else:
            lines.append(f"{name:34} {sum(values) / len(values):.3f} over {len(values)}")
    if report.links:
        lines += ["", "links (gold XDOC pairs)        precision  recall   TP   FP   FN"]
        for name, t in report.links.items():
            p, r, _ = t.prf()
            lines.append(f"{name:30} {p:9.3f} {r:7.3f} {t.tp:4d} {t.fp:4d} {t.fn:4d}")
    if verbose:
        lines += ["", "link pairs:", *("  " + x for x in report.link_details)]
        lines += ["", "missed gold lines:", *("  " + m for m in report.misses),
                  "", "system events matching nothing:", *("  " + x for x in report.extras),
                  "", "numbers not found on matched events:", *("  " + x for x in report.wrong_numbers),
                  "", "locations over 25 km from the gold on matched events:", *("  " + x for x in report.far_places)]
    return "\n".join(lines)
