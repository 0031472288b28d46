"""Event verbs no table lists, round 2 (session 20): invented one-sentence reports read through the frames of
``SentenceReader._frame`` with the verb classes WordNet 3.0 gives (``data/wordnet_verbs.csv``).

A verb of giving (WordNet's verbs of possession) that equips a state "with" weapons is a transfer, and one
that bestows weapons "on" a state names a receiver, not a target.
"""

from __future__ import annotations

import pytest

from eventgraph.extract.lexicon import Lexicon
from test_s18_constructions import READERS, tuples


def test_wordnet_verb_classes_are_loaded() -> None:
    lexicon = Lexicon.default()
    assert lexicon.has_cue("giving", "outfit") and lexicon.has_cue("giving", "kit out")
    assert not lexicon.has_cue("giving", "pound")  # a verb of contact


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Spain rearmed Latvia with 30 Leopard tanks in 2023.", ("transfer", "ESP", "LVA")),
        ("Norway kitted out Poland with 12 K9 howitzers.", ("transfer", "NOR", "POL")),
        ("Japan bestowed Patriot missiles on the Philippines in 2022.", ("transfer", "JPN", "PHL")),
    ],
)
def test_a_verb_of_giving_with_weapons_is_a_transfer(
    reader: str, sentence: str, expected: tuple[str, str, str]
) -> None:
    found = tuples(reader, sentence)
    assert expected in found
    assert not [t for t in found if t[0] == "attack"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Russia pummelled Ukraine with 60 cruise missiles on Sunday.",  # a verb of contact: an attack, no gift
        "Italy showered Egypt with praise over the talks.",  # no weapons
    ],
)
def test_no_transfer_without_a_verb_of_giving_and_weapons(sentence: str) -> None:
    assert not [t for t in tuples("rules", sentence) if t[0] == "transfer"]
