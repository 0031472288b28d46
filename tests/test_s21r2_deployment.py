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


def article_tuples(*sentences: str) -> set[tuple[str, str, str]]:
    """The rule reader's scored (type, actor, recipient) tuples of an invented article of a few sentences."""
    from eventgraph.articles import parse_text_article
    from eventgraph.extract.learned import reader_extractor
    from eventgraph.extract.output import document_json
    from test_s18_constructions import tuples_of

    body = " ".join(sentences)
    article = parse_text_article(f"Report\nWire\n2024-06-20\n\n{body}\n", source="invented.txt")
    found = document_json(reader_extractor("rules").extract(article))
    return {t for event in found["events"] for t in tuples_of(event)}


@pytest.mark.parametrize(
    ("sentences", "expected"),
    [
        (  # the contributors of a force a regional bloc (no state) sent
            (
                "When the West African bloc sent soldiers to Liberia, the aim was to stop the fighting.",
                "The force was deployed in March, with troops from Senegal, Ghana and Togo.",
            ),
            {("deployment", "SEN", "LBR"), ("deployment", "GHA", "LBR"), ("deployment", "TGO", "LBR")},
        ),
        (  # personnel promised to the mission a state's contingent went to
            (
                "A first contingent of 300 Rwandan police officers arrived in the Central African Republic in May.",
                "Benin and Chad have promised personnel.",
            ),
            {("deployment", "BEN", "CAF"), ("deployment", "TCD", "CAF")},
        ),
        (  # troops that "arrived in the province"
            (
                "Ghana deployed 800 soldiers to Mali in July.",
                "Troops from Niger and Senegal, the first of a regional force, have since arrived in the province.",
            ),
            {("deployment", "NER", "MLI"), ("deployment", "SEN", "MLI")},
        ),
    ],
)
def test_contributors_of_a_mission_deploy_where_it_went(
    sentences: tuple[str, ...], expected: set[tuple[str, str, str]]
) -> None:
    assert expected <= article_tuples(*sentences)


def test_no_mission_ground_when_troops_went_to_two_states() -> None:
    found = article_tuples(
        "The bloc sent soldiers to Liberia and to Sierra Leone.",
        "The force was deployed in March, with troops from Senegal, Ghana and Togo.",
    )
    assert not {t for t in found if t[0] == "deployment" and t[1] in ("SEN", "GHA", "TGO") and t[2]}
