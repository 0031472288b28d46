"""False parties (session 20): states the learned reader paired that take no part in the event.

Families: states listed together on one side of a cooperation whose partner is a third state (each is paired
with the partner, not with each other), and a state's name inside the name of a sea or gulf, or a word of
another language that is an English word ("Jeju Island" is no Iceland).
"""

from __future__ import annotations

from typing import Any

import pytest

from eventgraph.articles import parse_text_article
from eventgraph.evaluation import tuples_of
from eventgraph.extract import default_extractor
from eventgraph.extract.candidates import PairCandidate
from eventgraph.extract.learned import Decision, LearnedExtractor
from eventgraph.extract.output import document_json
from eventgraph.model import EntityKind, EventType


class TakesEvery(LearnedExtractor):
    """The learned reader (packaged gazetteer) with a model that takes every pair of states named in the body
    as an event of ``kind`` (``stated``: only pairs whose actor the sentence names; ``take=False``: none at all,
    so the rules' events of groups are what it keeps): what the vetoes leave is what the test sees."""

    def __init__(self, kind: EventType, stated: bool = False, take: bool = True) -> None:
        base = default_extractor()
        super().__init__(gazetteer=base.gazetteer, nlp=base.nlp, lexicon=base.lexicon)
        self.kind, self.stated, self.take = kind, stated, take

    def decide(self, candidates: list[PairCandidate]) -> list[Decision]:
        return [
            Decision(c, self.kind, 0.9, 0.5, {"confirmed": 1.0})
            for c in candidates
            if self.take
            and c.recipient is not None
            and c.view.index > 0
            and (not self.stated or c.actor.key in c.view.states)
        ]


def cooperation_pairs(sentence: str) -> set[tuple[str, str, str]]:
    article = parse_text_article(f"Report\nWire\n2024-06-20\n\n{sentence}\n", source="invented.txt")
    found: dict[str, Any] = document_json(TakesEvery(EventType.COOPERATION, stated=True).extract(article))
    return {t for event in found["events"] for t in tuples_of(event) if t[0] == "cooperation"}


@pytest.mark.parametrize(
    ("sentence", "kept", "dropped"),
    [
        (
            "Trainers from Chile, Peru and Uruguay have worked alongside Brazilian instructors since March.",
            {("cooperation", "BRA", "CHL"), ("cooperation", "BRA", "PER"), ("cooperation", "BRA", "URY")},
            {("cooperation", "CHL", "PER"), ("cooperation", "PER", "URY"), ("cooperation", "CHL", "URY")},
        ),
        (
            "Kenya's navy hosted Indian and Omani warships for a joint drill off Mombasa last week.",
            {("cooperation", "IND", "KEN"), ("cooperation", "KEN", "OMN")},
            {("cooperation", "IND", "OMN")},
        ),
    ],
)
def test_states_listed_on_one_side_are_paired_with_the_partner_not_each_other(
    sentence: str, kept: set[tuple[str, str, str]], dropped: set[tuple[str, str, str]]
) -> None:
    found = cooperation_pairs(sentence)
    assert kept <= found
    assert not dropped & found


def test_states_listed_alone_still_cooperate_with_each_other() -> None:
    """No third state: "Chile and Peru held a joint exercise" is the pair itself."""
    assert ("cooperation", "CHL", "PER") in cooperation_pairs("Chilean and Peruvian ships held a joint exercise.")


def test_a_state_naming_a_kind_of_thing_is_no_partner() -> None:
    """ "to share Iranian missile launch data": Iran names what the data are about, not a side whose partners
    the listed states would be (the pairs of the list are kept)."""
    found = cooperation_pairs("Qatar, Bahrain and Kuwait began a system to share Iranian missile launch data.")
    assert {("cooperation", "BHR", "QAT"), ("cooperation", "BHR", "KWT")} <= found


@pytest.mark.parametrize(
    ("sentence", "absent"),
    [
        ("Chinese and Russian warships held drills in the Gulf of Oman on Monday.", "OMN"),
        ("Two destroyers sailed into the Philippine Sea after the drill.", "PHL"),
        ("Swedish and Estonian ships exercised in the Gulf of Finland.", "FIN"),
        ("The navies trained together in waters south of Jeju Island.", "ISL"),
    ],
)
def test_a_states_name_inside_a_waters_name_is_no_state(sentence: str, absent: str) -> None:
    extractor = default_extractor()
    doc = extractor.nlp(sentence)
    keys = {
        country.key
        for sent in doc.sents
        for m in extractor.mentions(sent)
        if (country := m.first({EntityKind.COUNTRY})) is not None
    }
    assert absent not in keys


def test_a_state_before_its_own_sea_is_still_the_state() -> None:
    """ "Japan sent ships into the Sea of Japan": the name in the sea is no state, the subject is."""
    extractor = default_extractor()
    (sent,) = extractor.nlp("Japan sent two destroyers into the Sea of Japan.").sents
    keys = [c.key for m in extractor.mentions(sent) if (c := m.first({EntityKind.COUNTRY})) is not None]
    assert keys == ["JPN"]


def transfer_pairs(sentence: str) -> set[tuple[str, str, str]]:
    article = parse_text_article(f"Report\nWire\n2024-06-20\n\n{sentence}\n", source="invented.txt")
    found: dict[str, Any] = document_json(TakesEvery(EventType.TRANSFER).extract(article))
    return {t for event in found["events"] for t in tuples_of(event) if t[0] == "transfer"}


@pytest.mark.parametrize(
    ("sentence", "imposer"),
    [
        ("Norway imposed sanctions on Syrian firms over rockets supplied to Sudan.", "NOR"),
        ("Japan has sanctioned three companies involved in the transfer of Syrian rockets to Sudan.", "JPN"),
    ],
)
def test_the_state_imposing_a_sanction_is_no_party_of_the_supply_it_sanctions(sentence: str, imposer: str) -> None:
    found = transfer_pairs(sentence)
    assert not [t for t in found if imposer in t]


def test_a_sanctioning_state_that_also_supplies_is_still_the_supplier() -> None:
    """Its own word of supply: "Norway sanctioned Syria and sent rockets to Sudan" is Norway's supply."""
    assert ("transfer", "NOR", "SDN") in transfer_pairs("Norway sanctioned Syria and sent 40 rockets to Sudan.")


def attacks(sentence: str, take: bool = True) -> list[tuple[list[str], list[str]]]:
    article = parse_text_article(f"Report\nWire\n2024-06-20\n\n{sentence}\n", source="invented.txt")
    return [
        ([a.key for a in event.actors], [r.key for r in event.recipients])
        for event in TakesEvery(EventType.ATTACK, take=take).extract(article).events
        if event.type == EventType.ATTACK
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Italian jets struck Houthi radar sites in Yemen on Friday.",
        "A drone launched by the Houthis from Yemen hit a tanker off Eritrea.",
    ],
)
def test_a_state_named_only_as_an_armed_groups_ground_is_no_side(sentence: str) -> None:
    assert not [pair for pair in attacks(sentence) if "YEM" in pair[0] + pair[1]]


def test_the_rules_reading_of_an_attack_on_a_group_keeps_the_group_without_its_ground() -> None:
    """With no state pair taken, the rules' event of the group stays, without the state of its ground."""
    found = attacks("Italian jets struck Houthi radar sites in Yemen on Friday.", take=False)
    assert found
    assert all("YEM" not in recipients for _, recipients in found)
    assert any(recipients for _, recipients in found)


@pytest.mark.parametrize(
    ("sentence", "pair"),
    [
        ("Italian jets struck launch sites in southern Lebanon on Friday.", ("ITA", "LBN")),
        ("Italian jets struck Hamas leaders in Qatar on Friday.", ("ITA", "QAT")),
    ],
)
def test_a_place_with_no_group_or_a_groups_leaders_abroad_is_still_the_side_hit(
    sentence: str, pair: tuple[str, str]
) -> None:
    assert ([pair[0]], [pair[1]]) in attacks(sentence)


class TakesScoredDeployments(LearnedExtractor):
    """The learned reader (packaged gazetteer) with a model that takes the listed pairs of the last
    sentence as deployments at the given scores."""

    def __init__(self, scores: dict[tuple[str, str], float]) -> None:
        base = default_extractor()
        super().__init__(gazetteer=base.gazetteer, nlp=base.nlp, lexicon=base.lexicon)
        self.scores = scores

    def decide(self, candidates: list[PairCandidate]) -> list[Decision]:
        last = max(c.view.index for c in candidates)
        return [
            Decision(c, EventType.DEPLOYMENT, self.scores[c.key], 0.5, {"confirmed": 1.0})
            for c in candidates
            if c.key in self.scores and c.view.index == last
        ]


@pytest.mark.parametrize(
    ("scores", "expected"),
    [
        # the likeliest of the states around it, not each of them
        ({("TZA", "SOM"): 0.9, ("TZA", "KEN"): 0.6, ("TZA", "UGA"): 0.55}, {("TZA", "SOM")}),
        # the heads tell the context's states apart by nothing: both stay
        ({("TZA", "SOM"): 0.9, ("TZA", "KEN"): 0.9}, {("TZA", "SOM"), ("TZA", "KEN")}),
    ],
)
def test_a_named_state_deploys_to_the_likeliest_state_of_the_context(
    scores: dict[tuple[str, str], float], expected: set[tuple[str, str]]
) -> None:
    text = (
        "Report\nWire\n2024-06-20\n\nKenya and Uganda sent troops to Somalia in May.\n\n"
        "Tanzanian staff officers are expected later in the year.\n"
    )
    events = TakesScoredDeployments(scores).extract(parse_text_article(text, source="invented.txt")).events
    found = {(e.actors[0].key, e.recipients[0].key) for e in events if e.type == EventType.DEPLOYMENT}
    assert {pair for pair in found if pair[0] == "TZA"} == expected


def test_the_interceptor_does_not_cooperate_with_the_intercepted() -> None:
    """ "bombers were intercepted by Brazilian jets during a joint patrol": the patrol's two sides cooperate,
    the side that intercepts them cooperates with neither (nor makes the pair one side of a hub)."""
    found = cooperation_pairs(
        "Two Peruvian and two Chilean bombers were intercepted by Brazilian jets during a joint patrol."
    )
    assert ("cooperation", "CHL", "PER") in found
    assert not [t for t in found if "BRA" in t]
