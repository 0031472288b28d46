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


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Five Georgian soldiers were mown down by sniper fire near Tskhinvali.", ("casualties", "GEO", "-")),
        ("Three Nigerian troops were maimed by a roadside bomb near Maiduguri.", ("casualties", "NGA", "-")),
        ("Two Malian soldiers perished after the ambush.", ("casualties", "MLI", "-")),
    ],
)
def test_troops_a_verb_of_killing_or_injuring_befalls_are_casualties(
    sentence: str, expected: tuple[str, str, str]
) -> None:
    """WordNet's verbs under kill, injure and die (cue kind ``harming``), read before the troops' place: "near
    Tskhinvali" is where they fell, not where they were sent."""
    found = tuples("rules", sentence)
    assert expected in found
    assert not [t for t in found if t[0] == "deployment"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Egypt cranked out 90 K9 howitzers in 2023.", ("production", "EGY", "-")),
        ("Pakistan fabricated Shahed drones at a plant near Lahore.", ("production", "PAK", "-")),
    ],
)
def test_a_state_making_weapons_with_a_verb_of_creation_is_production(
    sentence: str, expected: tuple[str, str, str]
) -> None:
    assert expected in tuples("rules", sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Ukrainian missiles caused the explosions that wrecked Russian jets in Crimea.",  # weapons make nothing
        "Ukrainian farmers were hurt by falling grain prices.",  # no troops
        "Japan forged a new visa scheme for Indian students.",  # no weapons
    ],
)
def test_no_casualties_or_production_without_troops_or_weapons(sentence: str) -> None:
    assert not [t for t in tuples("rules", sentence) if t[0] in ("casualties", "production")]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Canada blocklisted eight Belarusian drone suppliers on Friday.", ("sanction", "CAN", "BLR")),
        ("New Zealand placed 12 Iranian shipping firms under financial restrictions.", ("sanction", "NZL", "IRN")),
        ("Switzerland cut off 30 Russian banks from its payment system.", ("sanction", "CHE", "RUS")),
        ("Norway punished Iran with new measures over its drone exports.", ("sanction", "NOR", "IRN")),
    ],
)
def test_a_state_restricting_another_states_firms_is_a_sanction(sentence: str, expected: tuple[str, str, str]) -> None:
    """A verb of restricting (cue kind ``restricting``) on a state's firms, banks or officials, or a state or
    its firms put under or punished with a restrictive measure (``restrictive``)."""
    assert expected in tuples("rules", sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Germany fined Italy for its budget deficit.",  # a state fined, no measure
        "Chinese vessels blocked Philippine supply missions near the shoal.",  # no firm or person
        "Poland restricts civilian flights near its border with Belarus.",  # the flights are Poland's
        "In 2018 the United States threatened India with sanctions.",  # a threat
    ],
)
def test_no_sanction_frame_without_a_state_firm_restricted(sentence: str) -> None:
    assert not [t for t in tuples("rules", sentence) if t[0] == "sanction"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Kenya and Uganda drilled together near Lake Victoria.", ("cooperation", "KEN", "UGA")),
        ("Chilean and Peruvian marines rehearsed landings jointly in Arica.", ("cooperation", "CHL", "PER")),
        ("Sweden teamed up with Finland on a new air defence missile.", ("cooperation", "FIN", "SWE")),
        ("Canadian instructors mentored Latvian gunners at Adazi.", ("cooperation", "CAN", "LVA")),
    ],
)
def test_states_acting_together_or_teaching_each_other_cooperate(sentence: str, expected: tuple[str, str, str]) -> None:
    """Two states "together", "jointly" or "teamed up with" in a military activity, or a state's people taught
    by another's (WordNet's verbs under teach, cue kind ``teaching``)."""
    found = tuples("rules", sentence)
    assert expected in found or (expected[0], expected[2], expected[1]) in found


@pytest.mark.parametrize(
    "sentence",
    [
        "Brazil and Argentina drilled for oil together off the coast.",  # not military
        "France teamed up with Spain on a new tourism campaign.",
        "Washington instructed Israeli diplomats to leave the talks.",  # an order, not teaching
    ],
)
def test_no_cooperation_frame_without_a_military_activity(sentence: str) -> None:
    assert not [t for t in tuples("rules", sentence) if t[0] == "cooperation"]


@pytest.mark.parametrize("reader", READERS)
def test_a_protocol_inked_by_states_is_an_agreement(reader: str) -> None:
    found = tuples(reader, "Moldova and Romania inked a defence protocol in Chisinau.")
    assert ("agreement", "MDA", "ROU") in found or ("agreement", "ROU", "MDA") in found


def test_cooperation_naming_a_pact_is_the_pacts_event() -> None:
    """ "a defence cooperation pact": the compound names the kind of pact, no cooperation of its own."""
    found = tuples("rules", "Croatia and Slovenia sealed a defence cooperation pact on Monday.")
    assert [t[0] for t in found] == ["agreement"]


@pytest.mark.parametrize("reader", READERS)
def test_a_verb_of_striking_with_weapons_is_an_attack(reader: str) -> None:
    """WordNet's verbs under attack, strike and hit (cue kind ``striking``) with weapons "with": the state
    struck is the target, not a receiver."""
    found = tuples(reader, "Russia battered Georgia with 40 cruise missiles on Sunday.")
    assert ("attack", "RUS", "GEO") in found
    assert not [t for t in found if t[0] == "transfer"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Eritrean artillery battered Ethiopian positions near Zalambessa.", ("attack", "ERI", "ETH")),
        ("Libyan warplanes strafed Chadian border posts overnight.", ("attack", "LBY", "TCD")),
    ],
)
def test_weapons_or_troops_striking_a_states_positions_attack_it(sentence: str, expected: tuple[str, str, str]) -> None:
    assert expected in tuples("rules", sentence)


def test_no_attack_by_a_verb_of_striking_without_force() -> None:
    assert not [
        t for t in tuples("rules", "Brazil slapped Argentina's proposal down at the summit.") if t[0] == "attack"
    ]


def test_together_may_hang_on_the_phrase_of_place() -> None:
    found = tuples("rules", "Vietnam and India rehearsed naval tactics together off Da Nang.")
    assert ("cooperation", "VNM", "IND") in found or ("cooperation", "IND", "VNM") in found


@pytest.mark.parametrize(
    "sentence",
    [
        "The Italian carrier group exercised with two Japanese destroyers in the Pacific.",
        "Polish troops drill with Lithuanians near the Suwalki gap.",
    ],
)
def test_a_drill_verb_with_a_states_force_is_cooperation(sentence: str) -> None:
    """A verb the table has as a noun of cooperation ("drill", "exercise") with a state's force "with"."""
    assert [t for t in tuples("rules", sentence) if t[0] == "cooperation"]


def test_no_drill_with_a_state_for_something() -> None:
    assert not [
        t for t in tuples("rules", "Brazil drilled with Argentina for oil off the coast.") if t[0] == "cooperation"
    ]


def test_the_frames_word_classes_are_no_features_of_the_heads() -> None:
    """The heads see the candidates the frames make, not the 1,390 words of their classes as cue features."""
    from eventgraph.extract.candidates import CandidateBuilder

    kinds = {kind for found in CandidateBuilder(Lexicon.default(), {}).cue_kinds.values() for kind in found}
    assert not kinds & {"giving", "making", "harming", "striking", "teaching", "restricting", "restrictive"}
    assert "military" in kinds
