"""A party's denial in its own words reaches the events of its kind the article tells, before or after it.

Sentences are invented.
"""

from __future__ import annotations

import pytest

from eventgraph.articles import parse_text_article
from eventgraph.extract import Extractor
from eventgraph.extract.learned import LearnedExtractor
from eventgraph.model import Certainty

Key = tuple[str, tuple[str, ...], tuple[str, ...]]


@pytest.fixture(scope="module")
def rules() -> Extractor:
    return Extractor()


@pytest.fixture(scope="module")
def learned() -> LearnedExtractor:
    return LearnedExtractor()


def article(text: str):  # type: ignore[no-untyped-def]
    return parse_text_article(f"Report\nWire\n2024-06-20\n\n{text}\n", source="invented.txt")


def read(reader: Extractor, text: str) -> dict[Key, tuple[Certainty, list[str]]]:
    """The certainty of the first event of each identity, and the deniers (state codes) of all of them."""
    found: dict[Key, tuple[Certainty, list[str]]] = {}
    for e in reader.extract(article(text)).events:
        key = (e.type.value, tuple(a.key for a in e.actors), tuple(r.key for r in e.recipients))
        certainty, deniers = found.get(key, (e.certainty, []))
        deniers = deniers + [c.claimants[0].key for c in e.claims if c.stance.value == "denies"]
        found[key] = (certainty, deniers)
    return found


SHIPPED = "Officials in Warsaw said Belarus had shipped drones to Russia in March."


@pytest.mark.parametrize(
    "text",
    [
        # the denial told first, the claim after it
        f'"We have not sent any drones to anyone," a spokesman said after Minsk rejected the report. {SHIPPED}',
        # a transcript: the speaker's own voice, with no "said"
        f"Q: {SHIPPED} Is Belarus supplying them?\n\nSPOKESMAN: We have not supplied any weapons to either side.",
        # a passive that names no one who did it, in the words of the accused
        f"{SHIPPED} Belarus says no drones have been sent.",
    ],
)
def test_the_accused_own_denial_makes_the_claim_alleged(rules: Extractor, learned: LearnedExtractor, text: str) -> None:
    key = ("transfer", ("BLR",), ("RUS",))
    assert read(rules, text)[key][1] == ["BLR"]
    assert read(learned, text)[key][0] == Certainty.ALLEGED


def test_a_denial_told_first_leaves_goods_it_does_not_name(rules: Extractor) -> None:
    """ "never provided lethal weapons", then a sale of machine tools: the goods are told, not denied."""
    text = (
        'Belarus\'s foreign ministry said Minsk "has never provided lethal weapons" to either side. '
        "Officials in Warsaw said Russia buys machine tools and microelectronics from Belarus."
    )
    assert read(rules, text)[("transfer", ("BLR",), ("RUS",))][1] == []


def test_a_passive_of_the_speakers_own_loss_denies_nothing(rules: Extractor) -> None:
    """ "its sites could not be destroyed" says nothing of what the speaker did."""
    text = (
        "Belarus fired missiles at Lithuania on 3 June. "
        "Belarus said that its factories could not be bombed and that it would rebuild them."
    )
    assert read(rules, text)[("attack", ("BLR",), ("LTU",))][1] == []


def test_a_pronoun_stands_for_the_accused_named_just_before_not_another_party(rules: Extractor) -> None:
    text = f'{SHIPPED} Poland also said Hungary had shipped shells to Serbia. "We have not sent drones," an aide said.'
    found = read(rules, text)
    assert found[("transfer", ("BLR",), ("RUS",))][1] == ["BLR"]
    assert found[("transfer", ("HUN",), ("SRB",))][1] == []


def test_a_questioners_we_is_no_party(rules: Extractor) -> None:
    text = f"{SHIPPED}\n\nQ: We in the press have not sent drones anywhere. Your reply?\n\nMINISTER: No comment."
    assert read(rules, text)[("transfer", ("BLR",), ("RUS",))][1] == []


def test_a_denial_told_first_naming_no_items_leaves_later_strikes(rules: Extractor) -> None:
    text = (
        "Belarus's defence ministry said it had not struck the hospital in Vilnius. "
        "Belarusian missiles hit a power plant in Lithuania on 3 June, officials in Vilnius said."
    )
    assert read(rules, text)[("attack", ("BLR",), ("LTU",))][1] == []
