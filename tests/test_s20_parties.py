"""False parties (session 20): states the learned reader paired that take no part in the event.

Families: states listed together on one side of a cooperation whose partner is a third state (each is paired
with the partner, not with each other), and a state's name inside the name of a sea or gulf, or a word of
another language that is an English word ("Jeju Island" is no Iceland).
"""

from __future__ import annotations

import pytest

from eventgraph.extract import default_extractor
from eventgraph.model import EntityKind


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
