"""Sanction recall and production precision (session 21). Invented one-sentence reports read by the rule
reader and by the learned reader (the packaged weights)."""

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


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Washington sanctioned nine individuals and five entities in Iran, Belarus and Hong Kong.",
            {("sanction", "USA", "IRN"), ("sanction", "USA", "BLR")},
        ),
        (
            "The United States on Tuesday imposed sanctions on four firms and two people in Iran and China.",
            {("sanction", "USA", "IRN"), ("sanction", "USA", "CHN")},
        ),
        (
            "Canada imposed sanctions on 40 entities in Russia and in third countries, including Armenia.",
            {("sanction", "CAN", "RUS"), ("sanction", "CAN", "ARM")},
        ),
    ],
)
def test_the_states_the_sanctioned_sit_in_are_sanctioned(sentence: str, expected: set[tuple[str, str, str]]) -> None:
    assert expected <= tuples("rules", sentence)


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Treasury today sanctioned three Cuban officials.", ("sanction", "USA", "CUB")),
        ("The Treasury imposed sanctions on Venezuela's oil minister.", ("sanction", "USA", "VEN")),
        ("The Office of Foreign Assets Control designated two Cuban shipping firms.", ("sanction", "USA", "CUB")),
        ("HM Treasury sanctioned three Iranian officials.", ("sanction", "GBR", "IRN")),
    ],
)
def test_a_treasury_sanctions_for_its_state(reader: str, sentence: str, expected: tuple[str, str, str]) -> None:
    assert expected in tuples(reader, sentence)


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize(
    "sentence",
    [
        "Britain's Treasury sanctioned three Iranian officials.",
        "The British Treasury froze the assets of two Iranian banks.",
    ],
)
def test_a_state_named_before_an_organ_owns_it(reader: str, sentence: str) -> None:
    found = tuples(reader, sentence)
    assert ("sanction", "GBR", "IRN") in found
    assert ("sanction", "USA", "IRN") not in found


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize(
    "sentence",
    [
        "Lithuania is building barracks and housing for soldiers' families.",
        "China built new roads and airstrips that could support troop movements.",
    ],
)
def test_building_what_is_no_weapon_is_no_production(reader: str, sentence: str) -> None:
    assert not {t for t in tuples(reader, sentence) if t[0] == "production"}


@pytest.mark.parametrize(
    ("sentence", "state"),
    [
        ("The United States has long helped Japan build its own interceptors.", "JPN"),
        ("The first 12 FA-50 jets built by Korea Aerospace Industries for Poland were handed over.", "POL"),
        ("A Russian defence company is producing the drone in Izhevsk.", "RUS"),
        ("Rheinmetall has opened a plant in Ukraine where it will build Lynx infantry fighting vehicles.", "UKR"),
    ],
)
def test_no_production_of_a_state_a_company_or_a_helper_makes_for(sentence: str, state: str) -> None:
    assert ("production", state, "-") not in tuples("learned", sentence)


@pytest.mark.parametrize("reader", READERS)
def test_a_states_own_production_stays(reader: str) -> None:
    assert ("production", "TUR", "-") in tuples(reader, "Turkey is building 40 drones a month.")


def test_a_plant_is_no_company() -> None:
    sentence = "A plant that will build Lynx infantry fighting vehicles for the Hungarian army opened this month."
    assert ("production", "HUN", "-") in tuples("learned", sentence)


def article_tuples(reader: str, text: str) -> set[tuple[str, str, str]]:
    from eventgraph.extract.learned import reader_extractor

    article = parse_text_article(f"Report\nWire\n2024-06-20\n\n{text}\n", source="invented.txt")
    found = document_json(reader_extractor(reader).extract(article))
    return {t for event in found["events"] for t in tuples_of(event)}


def test_what_the_sanctions_target_or_cover_is_sanctioned() -> None:
    text = (
        "Washington imposed sanctions on Tuesday on three Venezuelan officials accused of helping Cuba buy rifles.\n\n"
        "The sanctions also target a Cuban bank and companies in Belarus. "
        "The new designations also cover firms in Turkey, Armenia and Kyrgyzstan."
    )
    found = article_tuples("rules", text)
    assert {("sanction", "USA", code) for code in ("CUB", "BLR", "TUR", "ARM", "KGZ")} <= found


@pytest.mark.parametrize("reader", READERS)
def test_added_to_a_sanctions_list(reader: str) -> None:
    found = tuples(reader, "Australia added 12 Iranian firms to its sanctions list on Monday.")
    assert ("sanction", "AUS", "IRN") in found


def test_based_in_a_state_and_listed_targets_are_sanctioned() -> None:
    found = tuples("rules", "Canada sanctioned two Belarus-based entities and three Iranian banks.")
    assert {("sanction", "CAN", "BLR"), ("sanction", "CAN", "IRN")} <= found


def test_the_sanctioner_makes_nothing_its_sanction_names() -> None:
    found = tuples(
        "learned", "Treasury today sanctioned two Belarus-based firms for their role in producing the drone."
    )
    assert ("production", "USA", "-") not in found


@pytest.mark.parametrize("reader", READERS)
def test_made_in_a_state_with_no_maker_named(reader: str) -> None:
    found = tuples(reader, "Subsequent frigates will be built at a yard in Western Australia.")
    assert ("production", "AUS", "-") in found


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize(
    ("demonym", "code"), [("Kyrgyz", "KGZ"), ("Kazakh", "KAZ"), ("Tajik", "TJK"), ("Uzbek", "UZB")]
)
def test_central_asian_demonyms_name_their_states(reader: str, demonym: str, code: str) -> None:
    found = tuples(reader, f"The United States sanctioned three {demonym} banks for helping Russia.")
    assert ("sanction", "USA", code) in found


def _decision(kind: str, actor: str, recipient: str, named: set[str], read: list[tuple[str, str]]) -> object:
    """A stand-in for the learned reader's decision: its sentence names ``named`` and the rules read the
    sanction words of the sentence with the sides ``read``."""
    from types import SimpleNamespace

    from eventgraph.model import Entity, EntityKind, EventType

    def state(code: str) -> Entity:
        return Entity(key=code, label=code, kind=EntityKind.COUNTRY, iso3=code)

    drafts = [
        SimpleNamespace(candidate=SimpleNamespace(type=EventType.SANCTION, actors=[state(a)], recipients=[state(r)]))
        for a, r in read
    ]
    view = SimpleNamespace(states={code: [object()] for code in named}, drafts=drafts)
    candidate = SimpleNamespace(view=view, actor=state(actor), recipient=state(recipient))
    return SimpleNamespace(candidate=candidate, type=EventType(kind))


def test_the_sides_of_an_articles_sanctions() -> None:
    from eventgraph.extract.sanction_sides import sanction_sides

    read = [("USA", "PRK")]
    imposed = _decision("sanction", "USA", "PRK", {"USA", "PRK"}, read)
    # "Japan said it was preparing similar measures": not against the United States, the article's imposer
    against_the_imposer = _decision("sanction", "JPN", "USA", {"JPN"}, [])
    against_the_target = _decision("sanction", "JPN", "PRK", {"JPN"}, [])
    # "the new designations also cover firms in Armenia": the imposer is not a state of the sentences around
    from_the_context = _decision("sanction", "CHN", "ARM", {"ARM"}, [])
    # "it had banned 48 Japanese officials": a countersanction by a target's state, named, is kept
    countersanction = _decision("sanction", "PRK", "JPN", {"PRK", "JPN"}, [])
    kept = sanction_sides([imposed, against_the_imposer, against_the_target, from_the_context, countersanction])
    assert kept == [imposed, against_the_target, countersanction]


@pytest.mark.parametrize(
    ("sentence", "reason"),
    [
        ("Treasury designates a coastal refinery for buying Iranian crude worth millions of dollars.", "IRN"),
        ("Treasury sanctions two firms for building attack drones for Russia.", "RUS"),
    ],
)
def test_a_state_named_in_the_reason_for_a_sanction_is_not_its_target(sentence: str, reason: str) -> None:
    assert ("sanction", "USA", reason) not in tuples("learned", sentence)
