"""Deployments the rules missed (session 20): invented reports read by the rule reader.

Several states named as where troops come from ("with troops from A, B and C") each send them; a verb of
keeping or flying (cue kind ``standing_verb``) moves or keeps troops like any other verb the table lacks; a
noun of a standing military presence (cue kind ``garrison``: "bases") is kept in a state as troops are; the
bases a participle says host troops host them, not the subject of the clause above; a deployment "to the
country" goes to the state the article named just before, and one with no state named to the one every
deployment of the article went to.
"""

from __future__ import annotations

import pytest

from test_s18_context_recipients import tuples as rule_tuples


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "The mission was deployed to Mozambique with soldiers from Zambia, Malawi and Namibia.",
            {("deployment", "ZMB", "MOZ"), ("deployment", "MWI", "MOZ"), ("deployment", "NAM", "MOZ")},
        ),
        (
            "Battalions from Chile and Peru were flown into Bolivia on Tuesday.",
            {("deployment", "CHL", "BOL"), ("deployment", "PER", "BOL")},
        ),
        ("Russia maintains 3,000 soldiers in Kyrgyzstan.", {("deployment", "RUS", "KGZ")}),
        (
            "The Spanish army still has bases in Morocco and Senegal.",
            {("deployment", "ESP", "MAR"), ("deployment", "ESP", "SEN")},
        ),
        (
            "Syria fired rockets at Naqoura and Tyre, bases hosting Italian troops in Lebanon.",
            {("deployment", "ITA", "LBN")},
        ),
        ("RAF Typhoons have deployed to Romania.", {("deployment", "GBR", "ROU")}),  # the air force's state
        ("The Bundeswehr sent 300 soldiers to Slovakia.", {("deployment", "DEU", "SVK")}),
        (
            "Kyrgyzstan is a close ally of Moscow. Russia keeps an air base in the country.",
            {("deployment", "RUS", "KGZ")},
        ),
        (  # no state the troops go to: the one every deployment of the article went to
            "Kenya deployed 400 police officers to Haiti in June. "
            "A second unit, with troops from Jamaica and Belize, was deployed in March.",
            {("deployment", "JAM", "HTI"), ("deployment", "BLZ", "HTI")},
        ),
    ],
)
def test_deployments_of_listed_senders_bases_and_the_country(body: str, expected: set[tuple[str, str, str]]) -> None:
    assert expected <= rule_tuples(body)


@pytest.mark.parametrize(
    ("body", "wrong"),
    [
        # the clause's subject fired at the bases, it hosts no one
        (
            "Syria fired rockets at Naqoura and Tyre, bases hosting Italian troops in Lebanon.",
            ("deployment", "ITA", "SYR"),
        ),
        # closing a base ends a presence: no deployment by this verb
        ("France closed its last base in Chad in January.", ("deployment", "FRA", "TCD")),
        # "the country" is the one named just before, not any the article named
        (
            "Kyrgyzstan borders China. Russia keeps an air base in the country.",
            ("deployment", "RUS", "CHN"),
        ),
    ],
)
def test_no_deployment_read_from_a_closing_or_an_attacker(body: str, wrong: tuple[str, str, str]) -> None:
    assert wrong not in rule_tuples(body)
