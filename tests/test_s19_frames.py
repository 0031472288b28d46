"""Event verbs the trigger table lacks, read by their arguments (session 19, issue 12): invented one-sentence
reports read by the rule reader and by the learned reader (the packaged gazetteer and model).

A verb outside ``data/triggers.csv`` that moves weapons "to" a state reads as a transfer, weapons sent "at" or
"on" a state as an attack, troops moved to or kept in a state's ground (or a state reinforced "with" troops)
as a deployment; verbs of tracing, showing, withdrawing and the like (cue kind ``frameless``) never do.  The
attack verbs borrowed from CAMEO need armed force around them, since they double as verbs of speech.
"""

from __future__ import annotations

import pytest

from eventgraph.model import EventType
from test_extract_families import read_packaged
from test_s18_constructions import READERS, tuples


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Slovakia trucked 155mm shells to Ukraine through Kosice.", ("transfer", "SVK", "UKR")),
        ("Bulgaria quietly routed artillery rounds to Ukraine via Romania.", ("transfer", "BGR", "UKR")),
        ("Thousands of drones were ferried by sea from Iran to Russia.", ("transfer", "IRN", "RUS")),
        ("Pakistan lofted ballistic missiles at India on Friday night.", ("attack", "PAK", "IND")),
        ("Armenia quartered 400 troops in Georgia during the exercise.", ("deployment", "ARM", "GEO")),
        ("Canada bolstered Latvia with another 1,200 soldiers.", ("deployment", "CAN", "LVA")),
    ],
)
def test_an_unlisted_verb_is_read_by_what_it_moves_and_where(
    reader: str, sentence: str, expected: tuple[str, str, str]
) -> None:
    assert expected in tuples(reader, sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Investigators traced the drones to Iran.",  # tracing moves nothing
        "Analysts linked the rockets to North Korea.",
        "Poland withdrew its troops to Germany after the exercise.",  # withdrawing is no deployment by this verb
        "Ukraine displayed captured Russian tanks to visiting Polish ministers.",  # no state receives them
    ],
)
def test_a_frameless_verb_moves_nothing(sentence: str) -> None:
    """The rules read no event from its arguments (the learned reader weighs the sentence's other words too:
    it reads "withdrew its troops to Germany" as a deployment, as it did before frames)."""
    found = tuples("rules", sentence)
    assert not [t for t in found if t[0] in ("transfer", "deployment", "attack")]


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize(
    "sentence",
    [
        "Chile blasted the decision of Peru to leave the forum.",
        "Spain and Portugal hammered out a fisheries compromise.",
    ],
)
def test_a_borrowed_force_verb_of_speech_is_no_attack(reader: str, sentence: str) -> None:
    assert not [t for t in tuples(reader, sentence) if t[0] == "attack"]


@pytest.mark.parametrize("reader", READERS)
def test_a_borrowed_force_verb_with_weapons_is_an_attack(reader: str) -> None:
    found = tuples(reader, "Azerbaijani artillery hammered Armenian positions near Jermuk.")
    assert ("attack", "AZE", "ARM") in found


@pytest.mark.parametrize(
    ("sentence", "unwanted"),
    [
        ("The shells were unloaded at Gdansk in early March.", "attack"),  # a port, no target
        ("Serbia says it has no troops in Kosovo.", "deployment"),  # none there
        ("Minsk would regard any Polish troops in Belarus as invaders.", "deployment"),  # a judgement
        ("Yerevan believes Russian troops in Armenia could be involved.", "deployment"),  # a modal
    ],
)
def test_no_frame_where_nothing_is_moved_at_anyone(sentence: str, unwanted: str) -> None:
    assert not [t for t in tuples("rules", sentence) if t[0] == unwanted]


def test_a_verb_whose_object_is_an_event_noun_leaves_the_event_to_the_noun() -> None:
    """ "authorised the export of 30 howitzers to Peru" is the noun's planned transfer, not a second one that
    the verb would tell as done."""
    events = read_packaged("rules", "The cabinet authorised the export of 30 howitzers from Spain to Peru.").events
    assert [e.status.value for e in events if e.type == EventType.TRANSFER] == ["planned"]


@pytest.mark.parametrize("reader", READERS)
def test_a_pact_states_make_with_an_unlisted_verb_is_an_agreement(reader: str) -> None:
    found = tuples(reader, "Egypt and Sudan cemented a joint defence pact in Khartoum.")
    assert {("agreement", "EGY", "SDN"), ("agreement", "SDN", "EGY")} & found


@pytest.mark.parametrize(
    "sentence",
    [
        "Chile and Peru discussed a defence pact in Lima.",  # talking of a pact makes none
        "Hungary's envoys questioned the pact between Poland and Ukraine.",
    ],
)
def test_a_pact_talked_of_is_no_agreement(sentence: str) -> None:
    assert not [t for t in tuples("rules", sentence) if t[0] == "agreement"]
