"""Common news constructions, round six (session 19): invented one-sentence reports read by the rule reader
and by the learned reader (the packaged gazetteer and model).

Families: a pronoun subject of a clause joined by "and" (the subject of the first clause, not the last state
named), the user of a weapon named by a participle ("drones operated by A") rather than its maker, a second
object of a supply verb parsed as a modifier ("granted Armenia three radars"), and bare "jets" as aircraft.
"""

from __future__ import annotations

import pytest

from test_s18_constructions import READERS, tuples


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize(
    ("sentence", "expected", "reversed_"),
    [
        (
            "Spain received a formal request from Morocco and it shipped four more radars within weeks.",
            ("transfer", "ESP", "MAR"),
            ("transfer", "MAR", "ESP"),
        ),
        (
            "Canada criticised Iran over the drone deliveries, and it imposed sanctions on Iranian firms on Monday.",
            ("sanction", "CAN", "IRN"),
            ("sanction", "IRN", "IRN"),
        ),
    ],
)
def test_the_pronoun_of_a_joined_clause_is_the_first_clauses_subject(
    reader: str, sentence: str, expected: tuple[str, str, str], reversed_: tuple[str, str, str]
) -> None:
    """ "Germany received a request from Ukraine and it delivered ...": "it" is Germany, the subject of the
    clause "and" joins, not Ukraine, the last state named before it."""
    found = tuples(reader, sentence)
    assert reversed_ not in found
    if reader == "rules":  # the packaged heads need not take the pair
        assert expected in found


@pytest.mark.parametrize("reader", READERS)
def test_a_joined_pronoun_is_not_the_state_it_supplies(reader: str) -> None:
    """The first clause's subject is not taken when it is the named receiver of the second."""
    found = tuples(reader, "Chile asked Sweden for more howitzers and it delivered 12 howitzers to Chile in May.")
    assert ("transfer", "SWE", "CHL") in found
    assert ("transfer", "CHL", "CHL") not in found


def test_what_a_joined_clause_delivers_was_not_received_by_the_first() -> None:
    """ "received a request from B and it delivered missiles": B supplied nothing to the receiver."""
    found = tuples("rules", "Greece received a letter from Cyprus and it sent two frigates to Cyprus last week.")
    assert ("transfer", "CYP", "GRC") not in found


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize(
    ("sentence", "expected", "maker"),
    [
        (
            "Chinese-made drones operated by Ethiopia struck rebel positions in Eritrea last month.",
            ("attack", "ETH", "ERI"),
            ("attack", "CHN", "ERI"),
        ),
        (
            "Iranian-built drones believed to be flown by Russian crews struck a fuel depot in Ukraine on Sunday.",
            ("attack", "RUS", "UKR"),
            ("attack", "IRN", "UKR"),
        ),
    ],
)
def test_the_user_of_a_weapon_attacks_not_its_maker(
    reader: str, sentence: str, expected: tuple[str, str, str], maker: tuple[str, str, str]
) -> None:
    """ "Turkish-made drones operated by Azerbaijan hit ...": the agent of a verb of use attacks."""
    found = tuples(reader, sentence)
    assert expected in found
    assert maker not in found


@pytest.mark.parametrize("reader", READERS)
def test_a_second_object_read_as_a_modifier_receives(reader: str) -> None:
    """ "France granted Armenia three radars": the parser hangs "Armenia" on the weapon noun (nmod)."""
    assert ("transfer", "ITA", "TUN") in tuples(reader, "Italy granted Tunisia four patrol boats in 2022.")


def test_bare_jets_are_the_items_of_a_supply() -> None:
    """ "Norway delivered jets to Ukraine": "jets" alone names combat aircraft."""
    from eventgraph.articles import parse_text_article
    from eventgraph.extract.learned import reader_extractor
    from eventgraph.extract.output import document_json

    article = parse_text_article(
        "Report\nWire\n2024-06-20\n\nBelgium has donated jets to Ukraine, its government said.\n", source="x.txt"
    )
    found = document_json(reader_extractor("rules").extract(article))
    transfers = [e for e in found["events"] if e["type"] == "transfer"]
    assert transfers
    assert any(i.get("category") == "aircraft" for e in transfers for i in e.get("items") or [])


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Jordan shot down most of the drones launched by Iran on Saturday night.", ("attack", "IRN", "JOR")),
        ("Romanian jets shot down two drones flown by Russia over the Danube delta.", ("attack", "RUS", "ROU")),
    ],
)
def test_who_launched_what_was_shot_down_attacked(reader: str, sentence: str, expected: tuple[str, str, str]) -> None:
    """ "Israel shot down most of the missiles fired by Iran": the agent of the launch on the downed weapons
    attacked the state that downed them (the corpus convention for drones and missiles)."""
    assert expected in tuples(reader, sentence)


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The Swedes handed over ten howitzers to Latvia in March.", ("transfer", "SWE", "LVA")),
        ("Norway has trained Finns on the new coastal missile system.", ("cooperation", "FIN", "NOR")),
        ("Germany sold the Danes four air defence systems last year.", ("transfer", "DEU", "DNK")),
    ],
)
def test_an_irregular_plural_demonym_names_its_state(
    reader: str, sentence: str, expected: tuple[str, str, str]
) -> None:
    """ "to train the Poles": "Poles", "Swedes", "Danes", "Finns" are no demonym plus "s" (data/country_names.csv)."""
    assert expected in tuples(reader, sentence)


@pytest.mark.parametrize("reader", READERS)
def test_a_second_object_after_a_determiner_receives(reader: str) -> None:
    """ "sold the Poles 96 helicopters": a state's people, after "the", as the second object."""
    assert ("transfer", "USA", "ARG") in tuples(reader, "The Americans sold the Argentines 24 fighter jets.")
