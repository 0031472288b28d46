"""Attacks (session 21): the sides of an attack the learned reader reads, on invented sentences.

Families: a state that is only the ground of an armed group the article names (its home in
``organizations.csv``) is no side of an attack on or from that ground; weapons fired into the sea hit no
state; forces that advance or push into a state's ground attack it; a state that "targets" firms or entities
sanctions them.
"""

from __future__ import annotations

import pytest

from eventgraph.articles import parse_text_article
from eventgraph.extract import default_extractor
from eventgraph.extract.candidates import PairCandidate
from eventgraph.extract.learned import Decision, LearnedExtractor
from eventgraph.model import EventType


class TakesEveryAttack(LearnedExtractor):
    """The learned reader with a model that takes every pair of states of the body as an attack (``take=False``:
    none, so the rules' events are what it keeps): what the vetoes leave is what the tests see."""

    def __init__(self, take: bool = True) -> None:
        base = default_extractor()
        super().__init__(gazetteer=base.gazetteer, nlp=base.nlp, lexicon=base.lexicon)
        self.take = take

    def decide(self, candidates: list[PairCandidate]) -> list[Decision]:
        return [
            Decision(c, EventType.ATTACK, 0.9, 0.5, {"confirmed": 1.0})
            for c in candidates
            if self.take and c.recipient is not None and c.view.index > 0
        ]


def attacks(body: str, take: bool = True) -> list[tuple[list[str], list[str]]]:
    article = parse_text_article(f"Report\nWire\n2024-06-20\n\n{body}\n", source="invented.txt")
    return [
        ([a.key for a in event.actors], [r.key for r in event.recipients])
        for event in TakesEveryAttack(take).extract(article).events
        if event.type == EventType.ATTACK
    ]


@pytest.mark.parametrize(
    ("body", "ground"),
    [
        ("Italian jets struck the port of Hodeidah on Friday. The Houthis had fired drones at Italian ships.", "YEM"),
        ("Hezbollah fired rockets at Haifa. Italian jets struck targets in southern Lebanon in response.", "LBN"),
        ("The Houthis say Italy has attacked them. A missile was launched from Yemen at an Italian frigate.", "YEM"),
    ],
)
def test_a_state_named_only_as_the_ground_of_an_armed_group_of_the_article_is_no_side(body: str, ground: str) -> None:
    found = attacks(body)
    assert not [pair for pair in found if ground in pair[0] + pair[1]]


def test_the_rules_reading_loses_the_ground_of_a_group_named_in_another_sentence() -> None:
    """An alliance's attack is the rules' (no pair of states): it keeps its actor and loses the ground."""
    found = attacks("The Houthis vowed to respond. NATO jets struck launchers in Yemen overnight.", take=False)
    assert (["nato"], []) in found
    assert not [pair for pair in found if "YEM" in pair[0] + pair[1]]


@pytest.mark.parametrize(
    "body",
    [
        # the article names Lebanon as a state: its army, not only a place
        "Hezbollah fired rockets at Haifa. Italian jets struck targets in southern Lebanon, and Lebanon's army "
        "said two of its soldiers were killed.",
        # no armed group of Lebanon in the article
        "Italian jets struck targets in southern Lebanon on Friday.",
    ],
)
def test_a_state_the_article_names_as_such_or_with_no_group_of_its_own_stays_a_side(body: str) -> None:
    assert ["LBN"] in [recipients for _, recipients in attacks(body)]


@pytest.mark.parametrize(
    "body",
    [
        "Chile fired about 200 artillery rounds into the sea near Peru's border islands on Friday.",
        "Hours after Chile fired four ballistic missiles into the sea off Peru, Bolivia held a drill.",
        "Chile launched missiles into waters around the Peruvian coast during the drills.",
    ],
)
def test_weapons_fired_into_the_sea_hit_no_state(body: str) -> None:
    assert not [pair for pair in attacks(body) if "CHL" in pair[0] and "PER" in pair[1]]


def test_weapons_fired_at_a_states_islands_are_an_attack() -> None:
    assert (["CHL"], ["PER"]) in attacks("Chile fired artillery rounds at Peru's border islands on Friday.")


def rule_pairs(sentence: str, event_type: EventType = EventType.ATTACK) -> list[tuple[list[str], list[str]]]:
    """The (actors, recipients) of the rule reader's events of one type in a one-sentence article."""
    article = parse_text_article(f"Report\nWire\n2024-06-20\n\n{sentence}\n", source="invented.txt")
    return [
        ([a.key for a in event.actors], [r.key for r in event.recipients])
        for event in default_extractor().extract(article).events
        if event.type == event_type
    ]


rule_attacks = rule_pairs


@pytest.mark.parametrize(
    ("sentence", "pair"),
    [
        ("Chilean tanks advanced into Peru on Tuesday.", (["CHL"], ["PER"])),
        ("Chilean armoured columns pushed into Peru's Tacna region overnight.", (["CHL"], ["PER"])),
        ("Ethiopian forces pushed deeper into Eritrea on Monday.", (["ETH"], ["ERI"])),
    ],
)
def test_an_advance_into_a_states_ground_is_an_attack(sentence: str, pair: tuple[list[str], list[str]]) -> None:
    assert pair in rule_attacks(sentence)


@pytest.mark.parametrize(
    "sentence",
    ["Chile pushed for new talks with Peru on Monday.", "Chile and Peru advanced talks on a defence pact."],
)
def test_pushing_for_talks_or_advancing_them_is_no_attack(sentence: str) -> None:
    assert not rule_attacks(sentence)


@pytest.mark.parametrize(
    "body",
    [
        "Chile targets Peruvian firms over drone engines.",
        "Chile also targets vessels and entities in Peru that help Bolivia evade its measures.",
    ],
)
def test_a_state_that_targets_firms_or_entities_attacks_no_one(body: str) -> None:
    assert not [pair for pair in attacks(body) if "CHL" in pair[0] + pair[1] or "PER" in pair[1]]


def test_targeting_a_states_power_stations_is_an_attack() -> None:
    assert (["CHL"], ["PER"]) in attacks("Chilean missiles targeted Peruvian power stations overnight.")
