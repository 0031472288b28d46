"""Deployments told by fighting beside another state (session 21, round 2, deployment recall): invented
one-sentence reports read by the rule reader (the packaged gazetteer).

A state's forces that fight alongside (or for) another state's forces are deployed to that state, or to its
war: "Cuban soldiers fought alongside Venezuelan units" is a deployment of Cuba to Venezuela, not a
deployment of Venezuela, and not two sides of one attack only.  Not when the fight is on the sender's own
ground ("Syrian troops fought alongside Russian forces in Aleppo": Syria's troops are at home).
"""

from __future__ import annotations

import pytest

from test_s18_constructions import tuples


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Officials said Cuban soldiers fought alongside Venezuelan units in the border offensive.",
            ("deployment", "CUB", "VEN"),
        ),
        (
            "Nigerien troops crossed the border and fought alongside the Chadian army against the rebels.",
            ("deployment", "NER", "TCD"),
        ),
        (
            "Belarusian volunteers are fighting alongside Russian forces near Kharkiv.",
            ("deployment", "BLR", "RUS"),
        ),
        (
            "Ukrainian officials said North Korean troops were fighting for Russia in the Kursk region.",
            ("deployment", "PRK", "RUS"),
        ),
    ],
)
def test_forces_fighting_beside_another_states_are_deployed_to_it(
    sentence: str, expected: tuple[str, str, str]
) -> None:
    found = tuples("rules", sentence)
    assert expected in found
    assert (expected[0], expected[2], expected[1]) not in found  # the host does not deploy to the guest


@pytest.mark.parametrize(
    "sentence",
    [
        "Syrian troops fought alongside Russian forces in Aleppo.",
        "Chadian troops fought with Nigerian forces near the lake.",  # "with" may be against: no side read
        "Indian and Chinese soldiers fought in the valley.",
    ],
)
def test_no_deployment_at_home_or_without_a_side(sentence: str) -> None:
    assert not {t for t in tuples("rules", sentence) if t[0] == "deployment"}
