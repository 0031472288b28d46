"""Deployments the rules read in two more constructions (session 21, deployment recall): invented one-sentence
reports read by the rule reader (the packaged gazetteer).

Weapons that a state's own armed service moves, or that are named with that service ("RAF jets", "a Royal
Navy frigate", "the US Army deployed its launcher"), stay in its service: a deployment, not a handing over,
unless a verb of giving moves them ("donated", "sold").  A state that hosts troops or bases named by another
state's adjective ("Latvia hosts 5,000 Norwegian soldiers") is where that state deploys them, and so is a
state's ground where troops named by another state's adjective "are" or "have been" ("800 Danish troops are
still in Iraq").
"""

from __future__ import annotations

import pytest

from conftest import invented_gazetteer
from eventgraph.articles import parse_text_article
from eventgraph.extract.learned import LearnedExtractor
from eventgraph.extract.nlp import load_pipeline
from eventgraph.model import EventType
from test_s18_constructions import tuples
from test_s20_parties import TakesScoredDeployments as ScoredDeployments


@pytest.mark.parametrize(
    ("sentence", "expected", "not_expected"),
    [
        (
            "The US Army deployed a Patriot air defence system to Latvia in April for an exercise.",
            ("deployment", "USA", "LVA"),
            ("transfer", "USA", "LVA"),
        ),
        (
            "Britain is sending the Royal Navy frigate HMS Kent to Cyprus.",
            ("deployment", "GBR", "CYP"),
            ("transfer", "GBR", "CYP"),
        ),
        (
            "The United States sent US Army Patriot batteries to Saudi Arabia.",
            ("deployment", "USA", "SAU"),
            ("transfer", "USA", "SAU"),
        ),
    ],
)
def test_weapons_in_a_states_own_service_are_deployed(
    sentence: str, expected: tuple[str, str, str], not_expected: tuple[str, str, str]
) -> None:
    found = tuples("rules", sentence)
    assert expected in found
    assert not_expected not in found


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The United States sent Patriot batteries to Ukraine.", ("transfer", "USA", "UKR")),
        ("Britain donated two Royal Navy minehunters to Ukraine.", ("transfer", "GBR", "UKR")),
    ],
)
def test_weapons_handed_over_stay_a_transfer(sentence: str, expected: tuple[str, str, str]) -> None:
    found = tuples("rules", sentence)
    assert expected in found
    assert ("deployment",) + expected[1:] not in found


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Latvia hosts about 5,000 Norwegian soldiers.", ("deployment", "NOR", "LVA")),
        ("Kenya hosts British troops under a defence pact.", ("deployment", "GBR", "KEN")),
        ("Qatar hosts the largest US base in the region.", ("deployment", "USA", "QAT")),
    ],
)
def test_a_host_of_another_states_troops(sentence: str, expected: tuple[str, str, str]) -> None:
    found = tuples("rules", sentence)
    assert expected in found
    assert ("deployment", expected[2], expected[1]) not in found


def test_a_host_with_no_guest_named_on_the_troops_reads_nothing() -> None:
    """ "soldiers from Norway": no state named on the troops themselves, so no hosting is read (and no event
    with the host among the deployers)."""
    found = tuples("rules", "Latvia hosts about 5,000 soldiers from Norway.")
    assert ("deployment", "LVA", "NOR") not in found


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("About 800 Danish troops are still in Iraq and are due to leave.", ("deployment", "DNK", "IRQ")),
        ("Turkish troops have been in Libya since 2020.", ("deployment", "TUR", "LBY")),
        ("Norwegian soldiers were in Latvia for the exercise.", ("deployment", "NOR", "LVA")),
    ],
)
def test_troops_of_one_state_in_anothers_ground(sentence: str, expected: tuple[str, str, str]) -> None:
    assert expected in tuples("rules", sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Danish troops are no longer in Iraq.",  # gone
        "Danish troops may be in Iraq by June.",  # a modal tells no presence
        "Iraqi troops are in Mosul.",  # in their own state's ground
        "The Danish ambassador is in Iraq this week.",  # no troops
    ],
)
def test_no_presence_read(sentence: str) -> None:
    assert not [t for t in tuples("rules", sentence) if t[0] == "deployment"]


class TakesScoredDeployments(ScoredDeployments):
    """The same model as the parties tests' reader, over the invented gazetteer."""

    def __init__(self, scores: dict[tuple[str, str], float]) -> None:
        LearnedExtractor.__init__(self, gazetteer=invented_gazetteer(), nlp=load_pipeline())
        self.scores = scores


def deployments(scores: dict[tuple[str, str], float], body: str) -> set[tuple[str, str]]:
    text = f"Report\nWire\n2024-06-20\n\n{body}\n"
    events = TakesScoredDeployments(scores).extract(parse_text_article(text, source="invented.txt")).events
    return {(e.actors[0].key, e.recipients[0].key) for e in events if e.type == EventType.DEPLOYMENT}


@pytest.mark.parametrize(
    "sentence",
    [
        "Arnor keeps 500 troops in Gondor, and Arnorian troops may also return to Mordor this summer.",
        "Arnor leads the battlegroup in Gondor and keeps 300 troops in Mordor.",
    ],
)
def test_a_clause_joined_by_and_is_a_second_deployment(sentence: str) -> None:
    """The recipient of the second clause borrows no slot of the first clause's word: both deployments stay
    (one event word has one actor and one recipient, ``_one_party_per_slot``)."""
    assert deployments({("ARN", "GON"): 0.95, ("ARN", "MOR"): 0.9}, sentence) == {("ARN", "GON"), ("ARN", "MOR")}


def test_a_clause_that_hangs_on_the_word_is_no_second_deployment() -> None:
    """ "arrived in Gondor to fight in Mordor": one deployment, to the state the troops arrived in."""
    found = deployments(
        {("ARN", "GON"): 0.95, ("ARN", "MOR"): 0.9}, "Arnorian troops arrived in Gondor to fight in Mordor."
    )
    assert found == {("ARN", "GON")}


def test_a_deployer_left_to_the_rules_takes_each_named_host() -> None:
    """ "It is sending soldiers to Gondor and Mordor": the deployer the rules take from the context is named in no
    slot of the sentence, so the named hosts are not rivals for it (``_one_party_from_the_context``)."""
    body = "Arnor's defence ministry spoke on Monday.\n\nIt is sending 500 soldiers to Gondor and Mordor."
    found = deployments({("ARN", "GON"): 0.95, ("ARN", "MOR"): 0.9}, body)
    assert found == {("ARN", "GON"), ("ARN", "MOR")}


def test_a_state_that_is_the_subject_of_the_joined_clause_is_no_second_host() -> None:
    """ "Arnorian instructors arrived in Gondor, and Mordorian troops completed their withdrawal": Mordor is the
    second clause's subject, not a place troops go to; the deployment's word keeps one recipient."""
    sentence = "Arnorian instructors arrived in Gondor in April, and Mordorian troops completed their withdrawal."
    assert deployments({("ARN", "GON"): 0.95, ("ARN", "MOR"): 0.9}, sentence) == {("ARN", "GON")}
