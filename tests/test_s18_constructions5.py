"""Common news constructions of issue 12, round five (session 18): invented one-sentence reports read by the
rule reader and by the learned reader (the packaged gazetteer and model).

Families: the state where the remains of a downed weapon came down, a place phrase set before the subject
that names where a supply was agreed, a warship's port call, a cooperation whose two sides are listed in one
phrase ("held by A and B", also under a critic), and the agent of a passive hung on the noun before it.
"""

from __future__ import annotations

import pytest

from test_s18_constructions import READERS, tuples


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize(
    ("sentence", "place"),
    [
        ("Wreckage of a drone brought down by Estonian soldiers was discovered in Finland.", "FIN"),
        ("Debris of a rocket destroyed by Polish air defences landed in Belarus on Sunday.", "BLR"),
        ("Fragments of a missile intercepted over Israel came down in a Jordanian village.", "JOR"),
    ],
)
def test_where_the_debris_of_a_downed_weapon_fell_is_no_party(reader: str, sentence: str, place: str) -> None:
    """ "Wreckage of a drone downed by Ukrainian forces was found in Latvia": Latvia is where the remains came
    down, neither the target nor a receiver of anything."""
    assert not [t for t in tuples(reader, sentence) if place in t]


@pytest.mark.parametrize("reader", READERS)
def test_debris_still_falls_on_the_target_of_an_attack(reader: str) -> None:
    """A strike whose target is named as a place phrase of its own verb is still read."""
    assert ("attack", "RUS", "UKR") in tuples(reader, "Russian missiles struck a power plant in western Ukraine.")


def test_the_remains_of_a_weapon_that_struck_mark_its_target() -> None:
    """No weapon brought down: where its fragments were found is where it struck."""
    found = tuples("learned", "Fragments of Russian missiles were found in a residential area of Kharkiv.")
    assert ("attack", "RUS", "UKR") in found


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize(
    ("sentence", "expected", "setting"),
    [
        (
            "At the Eurosatory fair in Paris, Belgium ordered armoured vehicles from Germany.",
            ("transfer", "DEU", "BEL"),
            "FRA",
        ),
        (
            "In Riyadh, Morocco signed a contract for air defence systems from Israel.",
            ("transfer", "ISR", "MAR"),
            "SAU",
        ),
        (
            "At a defence fair held in Abu Dhabi, Indonesia ordered 12 howitzers from Turkey.",
            ("transfer", "TUR", "IDN"),
            "ARE",
        ),
    ],
)
def test_a_place_set_before_the_subject_receives_no_supply(
    reader: str, sentence: str, expected: tuple[str, str, str], setting: str
) -> None:
    """ "At the IDEX show in Abu Dhabi, Egypt signed for 12 howitzers from South Korea": where the deal was
    made is no recipient of it (the rules may miss the purchase itself; they must not give it to the host)."""
    found = tuples(reader, sentence)
    assert not [t for t in found if setting in t]
    if reader == "learned":
        assert expected in found


@pytest.mark.parametrize("reader", READERS)
def test_an_arrival_set_in_a_place_still_names_the_recipient(reader: str) -> None:
    assert ("transfer", "DEU", "UKR") in tuples(
        reader, "In Kyiv, the first Leopard tanks from Germany arrived on Monday."
    )


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("A Dutch navy frigate visited the port of Cape Town this week.", ("deployment", "NLD", "ZAF")),
        ("Two Indian destroyers docked at the Omani port of Duqm on Monday.", ("deployment", "IND", "OMN")),
    ],
)
def test_a_port_call_is_no_cooperation_of_the_learned_reader(sentence: str, expected: tuple[str, str, str]) -> None:
    """A warship's visit is its deployment to the host, not cooperation between the two states."""
    found = tuples("learned", sentence)
    assert expected in found
    assert not [t for t in found if t[0] == "cooperation"]


def test_a_port_call_with_drills_keeps_its_cooperation() -> None:
    found = tuples(
        "learned", "A Japanese destroyer visited the port of Manila and held joint drills with the Philippine navy."
    )
    assert ("cooperation", "JPN", "PHL") in found


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize(
    ("sentence", "expected", "critic"),
    [
        ("China slammed the joint exercises held by Japan and the Philippines.", ("cooperation", "JPN", "PHL"), "CHN"),
        ("Russia criticised the joint drills conducted by Finland and Sweden.", ("cooperation", "FIN", "SWE"), "RUS"),
        ("Joint naval exercises were held by India and Australia off Darwin.", ("cooperation", "AUS", "IND"), ""),
        (
            "Beijing condemned the joint patrols carried out by Australia and the Philippines.",
            ("cooperation", "AUS", "PHL"),
            "CHN",
        ),
    ],
)
def test_a_cooperation_of_two_states_listed_in_one_phrase(
    reader: str, sentence: str, expected: tuple[str, str, str], critic: str
) -> None:
    """ "joint exercises held by A and B": both listed states are the sides; a critic of them is none."""
    found = tuples(reader, sentence)
    assert expected in found
    assert not critic or not [t for t in found if critic in t]


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize(
    "sentence",
    [
        "Artillery shells were fired at Ukrainian positions by Russian troops.",
        "Rockets were launched at Ukrainian villages by Russian forces overnight.",
    ],
)
def test_the_agent_of_a_passive_hung_on_the_noun_before_it(reader: str, sentence: str) -> None:
    """ "fired at Ukrainian positions by Russian troops": the "by" phrase is the firing's agent, not the
    positions'."""
    assert ("attack", "RUS", "UKR") in tuples(reader, sentence)


@pytest.mark.parametrize("reader", READERS)
def test_the_misplaced_agent_holds_the_weapons_supplied(reader: str) -> None:
    """ "Shells supplied by North Korea were fired at Ukrainian positions by Russian troops": who fires the
    weapons received them (guidelines: a weapon of A used by B is a transfer A -> B)."""
    found = tuples(reader, "Rockets supplied by Iran were fired at Israeli positions by Syrian troops.")
    assert {("transfer", "IRN", "SYR"), ("attack", "SYR", "ISR")} <= found
