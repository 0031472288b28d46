"""A supply verb of an object relative clause (session 21): "the tanks that Spain sent to Chile", "missiles,
which Britain has delivered to Kyiv", "the frigates Peru bought from Italy" have the weapon noun the clause
describes as the verb's item, which its supply words need.  Invented one-sentence articles, rule reader."""

from __future__ import annotations

import pytest

from test_s18_constructions import tuples


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The tanks that Spain sent to Chile arrived in May.", ("transfer", "ESP", "CHL")),
        ("Peru praised the Leopard tanks, which Spain has delivered to Chile since May.", ("transfer", "ESP", "CHL")),
        (
            "The rockets were fired from air defence systems that Japan has supplied to Chile.",
            ("transfer", "JPN", "CHL"),
        ),
        ("The frigates Peru bought from Italy in 2019 are in service.", ("transfer", "ITA", "PER")),
    ],
)
def test_a_weapon_described_by_an_object_relative_clause_is_what_its_verb_supplies(
    sentence: str, expected: tuple[str, str, str]
) -> None:
    """ "the tanks that Spain sent to Chile": the supply verb of a relative clause whose object is the weapon
    noun it describes (the relative pronoun, or no object of its own) has that weapon as its item."""
    assert expected in tuples("rules", sentence)


def test_a_relative_clause_with_an_object_of_its_own_lends_no_item() -> None:
    """ "the frigate crew that Spain sent the letter to": the verb has an object of its own (no weapon)."""
    found = tuples("rules", "Chile thanked the frigate crews that Spain sent a letter to in May.")
    assert ("transfer", "ESP", "CHL") not in found


def _items(sentence: str) -> list[list[str]]:
    """The item labels of each transfer the rule reader reads in a one-sentence article."""
    from eventgraph.articles import parse_text_article
    from eventgraph.extract.learned import reader_extractor
    from eventgraph.extract.output import document_json

    article = parse_text_article(f"Report\nWire\n2024-06-20\n\n{sentence}\n", source="invented.txt")
    found = document_json(reader_extractor("rules").extract(article))
    return [sorted(i["label"] for i in e.get("items", [])) for e in found["events"] if e["type"] == "transfer"]


def test_the_noun_an_object_relative_clause_describes_is_the_item_supplied() -> None:
    assert _items("Two minehunters that Britain handed over to Chile in 2023 are waiting in port.") == [["minehunters"]]


def test_the_phrase_in_apposition_to_the_described_noun_names_the_items_too() -> None:
    items = _items("They were fired from a Patriot or IRIS-T system, air defences that Spain has supplied to Peru.")
    assert items == [["IRIS-T", "Patriot", "air defences"]]


def test_a_weapon_word_modifying_another_noun_is_no_item_of_the_clause() -> None:
    """ "a tank capability that Peru had given up": the clause describes a capability, not tanks."""
    items = _items("Chile bought jets from Norway in 2024, restoring a tank capability that Peru had given up in 2011.")
    assert not any("tank" in label.lower() for labels in items for label in labels)


def test_the_noun_of_an_order_in_apposition_to_weapons_lends_them_no_item() -> None:
    """ "Peru signed for 80 jets from Spain, the largest order the Spanish maker has received": the clause
    describes the order, not the jets, so its verb is no second transfer of them."""
    found = tuples(
        "rules", "Peru signed for 80 F-16 jets from Spain, the largest order the Spanish maker has ever received."
    )
    assert ("transfer", "PER", "ESP") not in found
