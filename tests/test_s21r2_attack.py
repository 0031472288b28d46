"""Attacks (session 21, round 2): attacks the rules read, so that the learned reader gets a rule reading of
them, on invented sentences.

Families: forces that "open fire" on a side attack it.
"""

from __future__ import annotations

import pytest

from eventgraph.articles import parse_text_article
from eventgraph.extract import default_extractor
from eventgraph.model import EventType


def attacks(body: str) -> list[tuple[list[str], list[str]]]:
    article = parse_text_article(f"Report\nWire\n2024-06-20\n\n{body}\n", source="invented.txt")
    return [
        ([a.key for a in event.actors], [r.key for r in event.recipients])
        for event in default_extractor().extract(article).events
        if event.type == EventType.ATTACK
    ]


@pytest.mark.parametrize(
    "body",
    [
        "Iraqi forces opened fire on Kuwaiti border guards.",
        "Kuwait said Iraqi troops had opened fire on Kuwaiti positions in the north.",
    ],
)
def test_opening_fire_on_a_side_attacks_it(body: str) -> None:
    assert (["IRQ"], ["KWT"]) in attacks(body)


def test_a_charge_of_opening_fire_is_an_attack_of_the_accused() -> None:
    # (the rules also make the accuser a side here, as they do for "accused B of firing rockets at A's
    # soldiers": the learned reader sorts the pair out; what the rules give it is a reading of the attack)
    found = attacks("Kuwait accused Iraqi forces of opening fire on Kuwaiti soldiers.")
    assert any("IRQ" in actors for actors, _ in found)


def test_opening_a_fire_station_is_no_attack() -> None:
    assert attacks("Iraq opened a fire station near the Kuwaiti border.") == []
