"""Common news constructions of issue 12, round four (session 18): invented one-sentence reports read by the
rule reader and by the learned reader (the packaged gazetteer and model).

Families: the defender of an interception named only by the report's dateline, and a capital's name that
names something other than its state (an acronym, a longer place name, a town another state's name places).
"""

from __future__ import annotations

import pytest

from eventgraph.articles import parse_text_article
from eventgraph.evaluation import tuples_of
from eventgraph.extract.output import document_json

READERS = ["rules", "learned"]


def tuples(reader: str, sentence: str) -> set[tuple[str, str, str]]:
    """The scored (type, actor, recipient) tuples of a one-sentence article."""
    from eventgraph.extract.learned import reader_extractor

    article = parse_text_article(f"Report\nWire\n2024-06-20\n\n{sentence}\n", source="invented.txt")
    found = document_json(reader_extractor(reader).extract(article))
    return {t for event in found["events"] for t in tuples_of(event)}


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "LVIV - Air defence units shot down 17 of 20 drones launched overnight by Russia, the air force said.",
            ("attack", "RUS", "UKR"),
        ),
        (
            "RIYADH - The coalition said it had intercepted two ballistic missiles launched by Iran on Tuesday.",
            ("attack", "IRN", "SAU"),
        ),
    ],
)
def test_the_dateline_names_the_defender_of_an_unowned_interception(
    reader: str, sentence: str, expected: tuple[str, str, str]
) -> None:
    """ "KYIV - Air defences shot down drones launched by Russia": the defences are those of the state the
    report is filed from (the corpus convention: a shoot-down reported from Kyiv is Russia -> Ukraine)."""
    assert expected in tuples(reader, sentence)


@pytest.mark.parametrize("reader", READERS)
def test_a_dateline_is_still_no_party_of_other_events(reader: str) -> None:
    found = tuples(reader, "LVIV - Poland will send ten more tanks to Slovakia, the Polish government said.")
    assert not [t for t in found if "UKR" in t]


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize(
    ("sentence", "expected", "wrong"),
    [
        (
            "Israeli jets bombed a warehouse outside the Lebanese city of Tripoli on Friday.",
            ("attack", "ISR", "LBN"),
            "LBY",
        ),
        (
            "At the LIMA exhibition on Langkawi, Malaysia ordered 18 FA-50 jets from South Korea.",
            ("transfer", "KOR", "MYS"),
            "PER",
        ),
        ("Two Russian corvettes docked in Santiago de Cuba on Thursday.", ("deployment", "RUS", "CUB"), "CHL"),
    ],
)
def test_a_capitals_name_that_names_something_else_is_no_state(
    reader: str, sentence: str, expected: tuple[str, str, str], wrong: str
) -> None:
    found = tuples(reader, sentence)
    assert expected in found
    assert not [t for t in found if wrong in t]


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Russian missiles struck Kyiv overnight, killing three people.", ("attack", "RUS", "UKR")),
        ("Israeli jets struck a building in Beirut on Sunday.", ("attack", "ISR", "LBN")),
    ],
)
def test_a_capital_named_as_itself_is_its_state(reader: str, sentence: str, expected: tuple[str, str, str]) -> None:
    assert expected in tuples(reader, sentence)


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Chile signed a contract with Sweden for ten Gripen fighters on Monday.", ("transfer", "SWE", "CHL")),
        ("Vietnam concluded a deal with India for twelve offshore patrol vessels.", ("transfer", "IND", "VNM")),
        ("Peru placed an order with South Korea for 20 K9 howitzers.", ("transfer", "KOR", "PER")),
        # the learned reader's agreement head takes these as pacts too, unless the rules' purchase vetoes them
        ("Hungary signed a deal with Germany for 44 Leopard tanks.", ("transfer", "DEU", "HUN")),
        ("Finland signed a deal with South Korea for 96 K9 howitzers.", ("transfer", "KOR", "FIN")),
    ],
)
def test_a_contract_with_a_state_for_weapons_is_its_supply(
    reader: str, sentence: str, expected: tuple[str, str, str]
) -> None:
    """ "signed a contract with France for 42 Rafale jets": France is to supply them (the corpus annotates an
    arms contract as a transfer, not as an agreement); the light verb's "with" and "for" phrases are the
    contract's or the order's."""
    found = tuples(reader, sentence)
    assert expected in found
    assert not [t for t in found if t[0] == "agreement"]


@pytest.mark.parametrize("reader", READERS)
def test_a_contract_for_weapons_is_planned(reader: str) -> None:
    from eventgraph.extract.learned import reader_extractor

    text = "Report\nWire\n2024-06-20\n\nChile signed a contract with Sweden for ten Gripen fighters on Monday.\n"
    events = reader_extractor(reader).extract(parse_text_article(text, source="invented.txt")).events
    assert [e.status.value for e in events if e.type.value == "transfer"] == ["planned"]


@pytest.mark.parametrize("reader", READERS)
def test_a_deal_for_no_weapon_is_still_an_agreement(reader: str) -> None:
    found = tuples(reader, "Russia signed a deal with Sudan for a naval logistics centre on the Red Sea.")
    assert ("agreement", "RUS", "SDN") in found
    assert not [t for t in found if t[0] == "transfer"]


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize(
    ("sentence", "state"),
    [
        ("The Israeli defence firm Elbit will supply artillery systems to Azerbaijan.", "ISR"),
        ("The Turkish drone maker Baykar delivered twelve TB2 drones to Kuwait last week.", "TUR"),
        ("Rheinmetall, the German arms maker, will build an ammunition plant in Lithuania.", "DEU"),
    ],
)
def test_a_named_company_is_not_its_state(reader: str, sentence: str, state: str) -> None:
    """ "the German arms maker Rheinmetall": the demonym says where the company is from; the company acts
    (the corpus: production "by Rheinmetall" is the company's, a sale by a named company only the company's)."""
    assert not [t for t in tuples(reader, sentence) if state in t]


@pytest.mark.parametrize("reader", READERS)
def test_unnamed_firms_of_a_state_still_stand_for_it(reader: str) -> None:
    assert ("transfer", "TUR", "KWT") in tuples(
        reader, "Turkish firms delivered twelve TB2 drones to Kuwait last week."
    )


@pytest.mark.parametrize(
    ("sentence", "border"),
    [
        ("Belarusian troops joined Russian forces in exercises near the Polish border.", "POL"),
        ("Serbian and Hungarian soldiers held joint drills close to the Croatian border on Tuesday.", "HRV"),
    ],
)
def test_a_state_named_for_a_border_is_no_party_of_the_learned_reader(sentence: str, border: str) -> None:
    """ "exercises near the Polish border": Poland is where the drills are held, not a side of them."""
    assert not [t for t in tuples("learned", sentence) if border in t]
