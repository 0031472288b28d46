"""The world's larger cities (``data/world_places.csv``, session 19): a dateline, a strike on a city or a port call
at a city the curated ``places.csv`` lacks names the city's state, as the curated places do; names that are
words, people's names or cities of two states are left out by the build (``benchmarks/world_places.py``).
Invented sentences read by the rule reader with the packaged gazetteer.
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

import pytest

from eventgraph.gazetteer import Gazetteer, normalise
from eventgraph.model import EntityKind
from test_s18_context_recipients import tuples

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import world_places  # noqa: E402

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a dateline's city is the defender of an attack its air defences stopped
        ("BEERSHEBA - Air defences intercepted two drones launched by Iran on Tuesday.", ("attack", "IRN", "ISR")),
        ("ASHDOD, June 20 - Air defences shot down a ballistic missile launched by Iran.", ("attack", "IRN", "ISR")),
        # a strike on a city hits its state
        ("Iranian missiles struck Ashdod on Sunday.", ("attack", "IRN", "ISR")),
        ("Israeli jets bombed a weapons depot in Latakia overnight.", ("attack", "ISR", "SYR")),
        ("Ukrainian drones struck an oil depot in Novorossiysk.", ("attack", "UKR", "RUS")),
        # a port call sends the ship to the port's state
        ("A Russian frigate docked at Cam Ranh on Monday.", ("deployment", "RUS", "VNM")),
    ],
)
def test_a_world_city_names_its_state(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in tuples(text)


@pytest.mark.parametrize(
    ("name", "iso3"),
    [("Haifa", "ISR"), ("Tel Aviv", "ISR"), ("Mumbai", "IND"), ("Cam Ranh", "VNM"), ("Aleppo", "SYR")],
)
def test_the_gazetteer_knows_world_cities(name: str, iso3: str) -> None:
    place = Gazetteer.default().lookup(name, {EntityKind.PLACE})
    assert place is not None and place.country == iso3


@pytest.mark.parametrize(
    "name",
    # words, people's names, a city of two states (India, Pakistan), a city named for its state
    ["Reading", "Nice", "Split", "Mobile", "Bath", "Police", "Independence", "Florence", "Houston", "Hyderabad"]
    + ["Port Sudan"],
)
def test_names_that_are_words_people_or_two_cities_are_no_world_city(name: str) -> None:
    labels = {normalise(row["label"]) for row in _rows(DATA / "world_places.csv")}
    assert normalise(name) not in labels


def test_a_person_named_like_a_city_or_a_word_names_no_state() -> None:
    found = tuples("Florence Parly said France would send artillery to Ukraine.")
    found |= tuples("Police said Russian drones hit a building in Kyiv.")
    found |= tuples("Drones struck a chemical plant in Hyderabad on Sunday.")
    states = {code for t in found for code in t[1:]}
    assert states <= {"FRA", "UKR", "RUS"}


def test_world_places_is_a_places_table_of_its_own() -> None:
    text = (DATA / "world_places.csv").read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    places_header = (DATA / "places.csv").read_text(encoding="utf-8").splitlines()[0]
    assert rows[0] == world_places.COLUMNS == places_header.split(",")
    out = io.StringIO()
    csv.writer(out, quoting=csv.QUOTE_MINIMAL, lineterminator="\n").writerows(rows)
    assert out.getvalue() == text
    table = _rows(DATA / "world_places.csv")
    ids = [row["id"] for row in table]
    assert len(ids) == len(set(ids))
    assert not set(ids) & {row["id"] for row in _rows(DATA / "places.csv")}
    names = [normalise(row["label"]) for row in table]
    assert len(names) == len(set(names))
    known = {row["iso3"] for row in _rows(DATA / "countries.csv")}
    assert {row["country_iso3"] for row in table} <= known
    assert {row["kind"] for row in table} == {"city"}


def test_the_build_keeps_cities_by_population_name_and_state() -> None:
    def city(name: str, country: str, people: int) -> dict[str, object]:
        return {"name": name, "countrycode": country, "population": people, "latitude": 32.8, "longitude": 35.0}

    cities = [
        city("Zarvona", "XA", 300_000),  # kept
        city("Zarvona", "XA", 120_000),  # the same state's smaller namesake: one row, the larger
        city("Small Town", "XA", 20_000),  # under the cut
        city("Quellin", "XA", 500_000),
        city("Quellin", "XB", 200_000),  # two states, neither ten times larger: left out
        city("Brakkor", "XB", 2_000_000),
        city("Brakkor", "XA", 30_000),  # far smaller abroad: the larger is kept
        city("Meadow", "XA", 150_000),  # a word
        city("Dorothea", "XB", 150_000),  # a first name
        city("Ukrainia", "XB", 150_000),  # a name the gazetteer gives already
        city("Ox", "XA", 150_000),  # too short
        city("Nowhere", "ZZ", 150_000),  # no known state
        city("Port Aland", "XA", 150_000),  # names its own state
        city("Port Bland", "XA", 150_000),  # names another
    ]
    rows = world_places.build_rows(
        cities,
        {"XA": "AAA", "XB": "BBB"},
        taken=lambda name: name == "Ukrainia",
        is_word=lambda key, people: key == "meadow",
        is_person=lambda name: name == "Dorothea",
        normalise=normalise,
        population=100_000,
        ratio=10.0,
        taken_ids=["haifa"],
        state_names={"AAA": ["aland"], "BBB": ["bland"]},
    )
    assert [(row["label"], row["country_iso3"]) for row in rows] == [
        ("Port Bland", "AAA"),
        ("Zarvona", "AAA"),
        ("Brakkor", "BBB"),
    ]
    assert rows[1] == {
        "id": "zarvona",
        "label": "Zarvona",
        "kind": "city",
        "country_iso3": "AAA",
        "aliases": "",
        "wikidata": "",
        "latitude": "32.8",
        "longitude": "35",
    }


def test_the_build_writes_the_csv_as_the_data_files_are_written(tmp_path: Path) -> None:
    row = dict.fromkeys(world_places.COLUMNS, "")
    row.update(id="tel-aviv", label="Tel Aviv", kind="city", country_iso3="ISR")
    path = tmp_path / "world_places.csv"
    assert world_places.write_rows([row], path) == 1
    assert path.read_text(encoding="utf-8") == (
        "id,label,kind,country_iso3,aliases,wikidata,latitude,longitude\ntel-aviv,Tel Aviv,city,ISR,,,,\n"
    )


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_matcher_splits_plain_names_as_the_tokenizer_does() -> None:
    """Plain lower-case names skip the tokenizer (thousands of cities), except where it splits a word itself."""
    from eventgraph.extract.lexicon import NameMatcher
    from eventgraph.extract.nlp import load_pipeline

    tokenizer = load_pipeline().tokenizer
    matcher = NameMatcher(Gazetteer(), tokenizer)
    special = set(tokenizer.rules)
    for key in ("tel aviv", "cam ranh", "cannot", "rostov on don", "kyiv's"):
        expected = tuple(p for token in tokenizer(key) for p in matcher.norm(token.text))
        assert matcher._parts(key, tokenizer, special) == expected
    assert matcher._parts("cannot", tokenizer, special) == ("can", "not")


def test_the_build_adds_other_spellings_as_aliases_only_when_asked() -> None:
    def city(name: str, country: str, people: int, *alternates: str) -> dict[str, object]:
        return {"name": name, "countrycode": country, "population": people, "alternatenames": list(alternates)}

    cities = [
        # a close spelling, an article dropped, a far one, an acronym, another script, a spelling of a city abroad
        city("Zarvonah", "XA", 300_000, "Zarvona", "Az-Zarvonah", "Old Qarth", "ZRV", "Зарвона", "Melvor"),
        city("Melvorah", "XB", 40_000, "Melvor"),
    ]
    options = {
        "taken": lambda name: False,
        "is_word": lambda key, people: False,
        "is_person": lambda name: False,
        "normalise": normalise,
    }
    (plain,) = world_places.build_rows(cities, {"XA": "AAA", "XB": "BBB"}, **options)  # type: ignore[arg-type]
    assert plain["aliases"] == ""
    (row,) = world_places.build_rows(
        cities,
        {"XA": "AAA", "XB": "BBB"},
        likeness=0.75,
        **options,  # type: ignore[arg-type]
    )
    assert row["aliases"] == "Az-Zarvonah|Zarvona"


def test_a_city_named_for_its_state_still_names_the_state_as_an_actor() -> None:
    assert ("transfer", "IRN", "SDN") in tuples("The government in Port Sudan has received drones from Iran.")
