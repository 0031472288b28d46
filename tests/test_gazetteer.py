from __future__ import annotations

import pytest

from eventgraph.gazetteer import Gazetteer, normalise, slug
from eventgraph.model import EntityKind


def test_names_aliases_demonyms_and_capitals_resolve(gazetteer: Gazetteer) -> None:
    for name in ("Arnor", "arnor", "the Northern Kingdom", "Arnorian", "Annuminas", "Arnor "):
        entity = gazetteer.lookup(name)
        assert entity is not None and entity.key == "ARN", name


def test_kind_filter_and_unknown(gazetteer: Gazetteer) -> None:
    assert gazetteer.lookup("catapults", {EntityKind.COUNTRY}) is None
    assert gazetteer.lookup("catapults", {EntityKind.WEAPON}).key == "catapult"
    assert gazetteer.lookup("Rohan") is None


def test_possessive_owner_names_the_body(gazetteer: Gazetteer) -> None:
    entity = gazetteer.lookup("Arnor's Rangers of the North")
    assert entity is not None and entity.key == "rangers"
    assert gazetteer.lookup("Gondor's Rangers of the North") is None  # they belong to Arnor


def test_lookalikes_and_invisible_marks_are_ignored(gazetteer: Gazetteer) -> None:
    cyrillic_o = "G\u043endor"  # Cyrillic small o
    assert gazetteer.lookup(cyrillic_o).key == "GON"
    assert gazetteer.lookup("\u200fGondor\u200e").key == "GON"


def test_suggestions_for_unknown_names(gazetteer: Gazetteer) -> None:
    assert "Gondor" in gazetteer.suggest("Gondr")


def test_normalise_and_slug() -> None:
    assert normalise("  The  Côte d’Ivoire ") == "cote d'ivoire"
    assert slug("Shahed-136 (Geran-2)") == "shahed-136-geran-2"
    assert slug("Россия").startswith("x")


@pytest.mark.parametrize(
    ("name", "iso3"),
    [
        ("North Korea", "PRK"),
        ("DPRK", "PRK"),
        ("Pyongyang", "PRK"),
        ("North Korean", "PRK"),
        ("Russia", "RUS"),
        ("Moscow", "RUS"),
        ("Ukrainian", "UKR"),
        ("Kyiv", "UKR"),
        ("United States", "USA"),
        ("South Korea", "KOR"),
        ("Australia", "AUS"),
    ],
)
def test_packaged_gazetteer_resolves_states(name: str, iso3: str) -> None:
    entity = Gazetteer.default().lookup(name, {EntityKind.COUNTRY})
    assert entity is not None and entity.iso3 == iso3
    assert entity.wikidata and entity.wikidata.startswith("Q")


@pytest.mark.parametrize(
    ("name", "key", "country"),
    [
        ("Houthi", "houthis", "YEM"),  # the adjective of "Houthi targets"
        ("Qassam Brigades", "hamas", "PSE"),
        ("Taliban", "taliban", "AFG"),
        ("al-Shabab", "al-shabaab", "SOM"),
        ("Rapid Support Forces", "rapid-support-forces", "SDN"),
        ("PKK", "kurdistan-workers-party", "TUR"),
        ("M23", "m23", "COD"),
    ],
)
def test_packaged_gazetteer_knows_the_armed_groups_of_the_news(name: str, key: str, country: str) -> None:
    entity = Gazetteer.default().lookup(name)
    assert entity is not None and (entity.kind, entity.key, entity.country) == (EntityKind.ARMED_GROUP, key, country)


@pytest.mark.parametrize("name", ["engineers", "sappers", "recruits", "adviser", "instructors"])
def test_packaged_gazetteer_reads_military_people_as_personnel(name: str) -> None:
    entity = Gazetteer.default().lookup(name)
    assert entity is not None and entity.category == "personnel"
