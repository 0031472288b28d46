"""The items of transfers (session 22): "fighters" read as jets where the sentence treats it as a weapon.
Sentences are invented."""

from __future__ import annotations

import pytest

from eventgraph.extract import Extractor
from eventgraph.model import EntityKind


@pytest.fixture(scope="module")
def rules() -> Extractor:
    return Extractor()


def _weapons(reader: Extractor, sentence: str) -> list[str]:
    """The weapons the reader finds in a sentence, as written."""
    doc = reader.nlp(sentence)
    sent = next(iter(doc.sents))
    return [
        weapon.written or weapon.label
        for mention in reader.mentions(sent)
        if (weapon := mention.first({EntityKind.WEAPON})) is not None
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Spain sold 18 fighters and four frigates to Peru.",
        "Chile bought arms from Spain, including fighters, tanks and missiles.",
        "Peru's arms imports from Spain, chiefly fighters, doubled in 2023.",
        "Chile signed for the delivery of fighters from Sweden.",
    ],
)
def test_fighters_the_sentence_treats_as_a_weapon_are_fighter_jets(rules: Extractor, sentence: str) -> None:
    assert "fighters" in _weapons(rules, sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Hamas fighters attacked the outpost with rockets and mortars.",
        "Foreign fighters and weapons crossed into Chile from Peru.",
        "Peru sent fighters to Chile in May.",
        "Two hundred fighters surrendered to the army on Monday.",
    ],
)
def test_fighters_of_a_side_or_sent_as_men_are_no_weapon(rules: Extractor, sentence: str) -> None:
    assert "fighters" not in _weapons(rules, sentence)


def test_fighters_after_a_named_system_are_left_to_it(rules: Extractor) -> None:
    """ "F-16 fighters and tanks": the system names them; "fighters" is no second item."""
    assert "fighters" not in _weapons(rules, "Peru is buying F-16 fighters and Leopard tanks from Spain.")
