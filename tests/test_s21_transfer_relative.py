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
