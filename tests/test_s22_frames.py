"""Verbs read by their argument frame (session 22), on invented sentences.

Families: a verb the trigger table lists only with conditions, none of which holds, is read by its frame as a
verb the table lacks ("handed 30 howitzers to Peru": "hand" needs "over"); the noun a past participle or a
passive or object relative clause describes is what the verb moves ("howitzers trucked to Peru by Chile", also
when the parser takes the participle for a past tense); troops that are the subject of a verb of arriving
("landed in", "disembarked at") are deployed in the state of the place.
"""

from __future__ import annotations

import pytest

from eventgraph.articles import parse_text_article
from eventgraph.extract import default_extractor
from eventgraph.model import EventType


def rule_events(sentence: str) -> list[tuple[EventType, list[str], list[str]]]:
    """The (type, actors, recipients) of the rule reader's events in a one-sentence article."""
    article = parse_text_article(f"Report\nWire\n2024-06-20\n\n{sentence}\n", source="invented.txt")
    return [
        (event.type, [a.key for a in event.actors], [r.key for r in event.recipients])
        for event in default_extractor().extract(article).events
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Chile has handed 30 of its howitzers to Peru.",
        "Chile handed twelve Leopard tanks to Peru last week.",
        "Chile outfitted the Peruvian navy with four frigates.",
    ],
)
def test_a_listed_verb_whose_conditions_fail_is_read_by_its_frame(sentence: str) -> None:
    assert (EventType.TRANSFER, ["CHL"], ["PER"]) in rule_events(sentence)


@pytest.mark.parametrize(
    "sentence",
    ["Chile handed the chairmanship of the forum to Peru.", "Chile has produced three reports on Peru's economy."],
)
def test_a_listed_verb_whose_frame_moves_nothing_stays_silent(sentence: str) -> None:
    assert rule_events(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "event"),
    [
        ("The howitzers trucked to Peru by Chile were destroyed within a week.", EventType.TRANSFER),
        ("Forty tanks handed to Peru by Chile have reached the front.", EventType.TRANSFER),
        ("The shells, which were funnelled to Peru by Chile, ran out.", EventType.TRANSFER),
        ("The missiles lobbed at Peru by Chile were intercepted.", EventType.ATTACK),
        ("Troops posted to Peru by Chile will stay until 2027.", EventType.DEPLOYMENT),
    ],
)
def test_the_noun_a_participle_or_relative_clause_describes_is_what_its_verb_moves(
    sentence: str, event: EventType
) -> None:
    assert (event, ["CHL"], ["PER"]) in rule_events(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Chilean troops returned to the front by late January.",  # "by" a time: no participle
        "Chilean drones attacking Peru's ports were filmed.",  # a present participle: its noun acts
    ],
)
def test_no_participle_noun_without_a_named_agent_or_with_an_acting_noun(sentence: str) -> None:
    assert not any(kind in (EventType.TRANSFER, EventType.DEPLOYMENT) for kind, _, _ in rule_events(sentence))


@pytest.mark.parametrize(
    "sentence",
    [
        "Chilean paratroopers landed in Peru on Tuesday.",
        "Chilean marines began landing at Callao airport in Peru.",
        "Chilean troops have disembarked at Callao in Peru.",
        "The Chilean marines who landed in Peru were greeted by officials.",
    ],
)
def test_troops_that_land_in_a_state_are_deployed_there(sentence: str) -> None:
    assert (EventType.DEPLOYMENT, ["CHL"], ["PER"]) in rule_events(sentence)


@pytest.mark.parametrize("sentence", ["Chilean drones landed in Peru overnight.", "Four missiles landed in Peru."])
def test_weapons_that_land_in_a_state_are_no_deployment(sentence: str) -> None:
    assert not any(kind == EventType.DEPLOYMENT for kind, _, _ in rule_events(sentence))


@pytest.mark.parametrize(
    "sentence",
    [
        "Efforts by Chile and Peru have produced a ceasefire.",
        "Efforts by Chile and Peru yielded a ceasefire.",
        "Mediation by Chile and Peru brokered a ceasefire.",
    ],
)
def test_states_named_as_agents_of_an_effort_that_made_a_pact_are_not_its_makers(sentence: str) -> None:
    assert not any(kind == EventType.AGREEMENT for kind, _, _ in rule_events(sentence))


def test_states_named_in_a_phrase_of_the_makers_still_make_the_pact() -> None:
    assert (EventType.AGREEMENT, ["CHL"], ["PER"]) in rule_events(
        "The defence ministers of Chile and Peru penned a defence memorandum."
    )
