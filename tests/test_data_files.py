"""The gazetteer and lexicon files in data/ parse, keep their shape, and cover the gold annotations.

Every file is read with the csv module only, so a malformed row fails here and not deep in the pipeline.
"""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from pathlib import Path

import pytest

from eventgraph.gazetteer import Gazetteer
from eventgraph.model import EntityKind

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
SHARED = REPO.parent / "shared"

HEADERS = {
    "countries.csv": ["iso3", "iso2", "name", "official_name", "wikidata", "aliases", "demonyms", "capital"],
    "weapons.csv": ["id", "label", "category", "aliases", "origin_iso3", "wikidata", "description"],
    "organizations.csv": ["id", "label", "kind", "aliases", "country_iso3", "wikidata", "description"],
    "places.csv": ["id", "label", "kind", "country_iso3", "aliases", "wikidata", "latitude", "longitude"],
    "treaties.csv": ["id", "label", "aliases", "parties", "signed", "wikidata", "description"],
}
ENTITY_FILES = ["weapons.csv", "organizations.csv", "places.csv", "treaties.csv"]
ALLOWED = {
    ("weapons.csv", "category"): {
        "artillery",
        "missile",
        "drone",
        "air-defence",
        "armour",
        "aircraft",
        "ship",
        "small-arms",
        "munitions",
        "personnel",
        "equipment",
    },
    ("organizations.csv", "kind"): {"organization", "military_unit", "armed_group", "person"},
    ("places.csv", "kind"): {"region", "city", "site", "sea", "other"},
}
ISO3_COLUMNS = {
    "weapons.csv": "origin_iso3",
    "organizations.csv": "country_iso3",
    "places.csv": "country_iso3",
    "treaties.csv": "parties",
}
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
QID = re.compile(r"Q[1-9][0-9]*")
ISO_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
# Gold item lists are checked against the file that names such items. Items of cooperation and sanction
# events ("artificial intelligence", "sanctions") are fields and measures, not materiel: no file lists them.
GOLD_ITEM_FILES = {
    "transfer": "weapons.csv",
    "deployment": "weapons.csv",
    "production": "weapons.csv",
    "attack": "weapons.csv",
    "casualties": "weapons.csv",
    "agreement": "treaties.csv",
}


def read_rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def split(cell: str) -> list[str]:
    return cell.split("|") if cell else []


def names_of(row: dict[str, str]) -> list[str]:
    return [row["label"], *split(row["aliases"])]


def known_iso3() -> set[str]:
    return {row["iso3"] for row in read_rows("countries.csv")}


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_header_is_exact(name: str) -> None:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        assert next(csv.reader(handle)) == HEADERS[name]


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_file_is_written_as_the_csv_module_writes_it(name: str) -> None:
    """UTF-8, LF line ends, minimal quoting, the same column count on every row."""
    text = (DATA / name).read_bytes().decode("utf-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert {len(row) for row in rows} == {len(HEADERS[name])}
    out = io.StringIO()
    csv.writer(out, quoting=csv.QUOTE_MINIMAL, lineterminator="\n").writerows(rows)
    assert out.getvalue() == text


@pytest.mark.parametrize("name", ENTITY_FILES)
def test_ids_are_unique_slugs(name: str) -> None:
    ids = [row["id"] for row in read_rows(name)]
    assert [i for i in ids if not SLUG.fullmatch(i)] == []
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("name", ENTITY_FILES)
def test_labels_and_aliases_are_clean(name: str) -> None:
    for row in read_rows(name):
        for value in names_of(row):
            assert value and value == value.strip() and "  " not in value, (row["id"], value)


@pytest.mark.parametrize(("name", "column"), sorted(ALLOWED))
def test_category_and_kind_come_from_the_closed_set(name: str, column: str) -> None:
    values = {row[column] for row in read_rows(name)}
    assert values <= ALLOWED[(name, column)]


@pytest.mark.parametrize(("name", "column"), sorted(ISO3_COLUMNS.items()))
def test_iso3_codes_exist_in_countries(name: str, column: str) -> None:
    known = known_iso3()
    unknown = {(row["id"], code) for row in read_rows(name) for code in split(row[column]) if code not in known}
    assert unknown == set()


@pytest.mark.parametrize("name", ENTITY_FILES)
def test_no_name_is_shared_by_two_rows(name: str) -> None:
    owner: dict[str, str] = {}
    clashes = []
    for row in read_rows(name):
        for value in {n.casefold() for n in names_of(row)}:
            if value in owner:
                clashes.append((value, owner[value], row["id"]))
            owner[value] = row["id"]
    assert clashes == []


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_wikidata_ids_are_well_formed(name: str) -> None:
    bad = [row["wikidata"] for row in read_rows(name) if row["wikidata"] and not QID.fullmatch(row["wikidata"])]
    assert bad == []


def test_coordinates_are_in_range_and_paired() -> None:
    for row in read_rows("places.csv"):
        lat, lon = row["latitude"], row["longitude"]
        assert bool(lat) == bool(lon), row["id"]
        if lat:
            assert -90 <= float(lat) <= 90 and -180 <= float(lon) <= 180, row["id"]


def test_signed_dates_are_iso_dates_at_their_precision() -> None:
    for row in read_rows("treaties.csv"):
        if not row["signed"]:
            continue
        match = ISO_DATE.fullmatch(row["signed"])
        assert match, row["id"]
        year, month, day = (int(part) if part else 1 for part in match.groups())
        date(year, month, day)  # raises on 2024-02-30 or month 13


def test_countries_is_the_shared_gazetteer_byte_for_byte() -> None:
    shared = SHARED / "data" / "gazetteer" / "countries.csv"
    if not shared.is_file():
        pytest.skip("shared/ is not beside the repository")
    assert (DATA / "countries.csv").read_bytes() == shared.read_bytes()


def test_sources_names_every_data_file() -> None:
    sources = (DATA / "SOURCES.md").read_text(encoding="utf-8")
    assert [path.name for path in sorted(DATA.glob("*.csv")) if path.name not in sources] == []


def test_every_gold_item_is_named_by_a_data_row() -> None:
    gold_dir = SHARED / "eval" / "gold-dev"
    if not gold_dir.is_dir():
        pytest.skip("shared/ is not beside the repository")
    names = {
        name: [n.casefold() for row in read_rows(name) for n in names_of(row)] for name in set(GOLD_ITEM_FILES.values())
    }
    missing = []
    for path in sorted(gold_dir.glob("*.gold.json")):
        for event in json.loads(path.read_text(encoding="utf-8"))["events"]:
            file_name = GOLD_ITEM_FILES.get(event["type"])
            if file_name is None:
                continue
            for spellings in event["items"]:
                wanted = [s.casefold() for s in spellings]
                if not any(s in n or n in s for s in wanted for n in names[file_name]):
                    missing.append((path.name, event["type"], spellings))
    assert missing == []


# -- shipping ----------------------------------------------------------------------------------
SRC = REPO / "src" / "eventgraph"
PACKAGE_FOLDERS = {  # package of pyproject's package-data: its repository folder, where importlib.resources finds it
    "eventgraph.ontology": (REPO / "ontology", ("eventgraph.ontology",)),
    "eventgraph.data": (DATA, ("eventgraph.data",)),
    "eventgraph.data.examples": (DATA / "examples", ("eventgraph.data.examples",)),
    "eventgraph.sparql": (SRC / "sparql", ("eventgraph.sparql",)),
    "eventgraph.assets": (SRC / "assets", ("eventgraph", "assets")),
    "eventgraph.models": (SRC / "models", ("eventgraph", "models")),
}


def _package_data() -> dict[str, list[str]]:
    tomllib = pytest.importorskip("tomllib")
    with (REPO / "pyproject.toml").open("rb") as handle:
        package_data: dict[str, list[str]] = tomllib.load(handle)["tool"]["setuptools"]["package-data"]
    return package_data


@pytest.mark.parametrize("package", list(PACKAGE_FOLDERS))
def test_every_data_file_is_packaged_and_found_through_importlib_resources(package: str) -> None:
    """Each file of the folder matches a package-data pattern of pyproject.toml (so the wheel holds it) and
    importlib.resources reads it, as eventgraph.resources does, with the repository's bytes."""
    from importlib import resources

    folder, (anchor, *inside) = PACKAGE_FOLDERS[package]
    files = [p for p in folder.iterdir() if p.is_file() and p.name != "__init__.py"]
    assert files
    root = resources.files(anchor).joinpath(*inside)
    for path in files:
        assert any(path.match(pattern) for pattern in _package_data()[package]), f"{path.name}: not in {package}"
        assert root.joinpath(path.name).read_bytes() == path.read_bytes()


@pytest.mark.parametrize(
    ("written", "label"),
    [
        ("interceptor missiles", "interceptors"),
        ("aerial bombs", "bombs"),
        ("mine-resistant ambush-protected vehicles", "MRAP"),
        ("spares", "spare parts"),
        ("night-vision goggles", "night vision equipment"),
        # ships, aircraft and gear of aid packages and sales that session 14 found no row for
        ("frigates", "frigates"),
        ("corvette", "corvettes"),
        ("guided-missile destroyers", "destroyers"),
        ("minehunters", "mine countermeasure vessels"),
        ("strategic bombers", "bombers"),
        ("trainer jets", "trainer aircraft"),
        ("maritime patrol aircraft", "surveillance aircraft"),
        ("torpedoes", "torpedoes"),
        ("helmets", "body armour"),
        ("military trucks", "military vehicles"),
        ("fighter aircraft", "fighter jets"),
        ("offshore patrol vessels", "patrol boats"),
        ("water cannons", "water cannon"),  # fired at vessels: an attack by the corpus conventions
        ("light attack jets", "attack aircraft"),  # no attack: the word names the jets
        ("artillery ammunition", "artillery shells"),  # the label is the words news use most
        ("155mm shells", "artillery shells"),
        ("light combat aircraft", "attack aircraft"),
    ],
)
def test_plain_words_of_weapon_lists_name_a_generic_row(written: str, label: str) -> None:
    entity = Gazetteer.default().lookup(written, {EntityKind.WEAPON})
    assert entity is not None and entity.label == label
