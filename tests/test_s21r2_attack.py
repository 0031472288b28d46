"""Attacks (session 21, round 2): attacks the rules read, so that the learned reader gets a rule reading of
them, on invented sentences.

Families: forces that "open fire" on a side attack it; a charge the accused side rejects ("rejects the
accusation that ...") is still an alleged attack for the learned reader, not one the rules' negation vetoes.
"""

from __future__ import annotations

import pytest

from eventgraph.articles import parse_text_article
from eventgraph.extract import default_extractor
from eventgraph.extract.candidates import PairCandidate
from eventgraph.extract.learned import Decision, LearnedExtractor
from eventgraph.model import EventType
from test_s21_attack import rule_attacks as attacks


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


class TakesEveryAttack(LearnedExtractor):
    """The learned reader with a model that takes every pair of states as an attack: what the vetoes leave is
    what the tests see."""

    def __init__(self) -> None:
        base = default_extractor()
        super().__init__(gazetteer=base.gazetteer, nlp=base.nlp, lexicon=base.lexicon)

    def decide(self, candidates: list[PairCandidate]) -> list[Decision]:
        return [
            Decision(c, EventType.ATTACK, 0.9, 0.5, {"alleged": 1.0}) for c in candidates if c.recipient is not None
        ]


def learned_attacks(body: str) -> set[tuple[str, str]]:
    article = parse_text_article(f"Report\nWire\n2024-06-20\n\n{body}\n", source="invented.txt")
    return {
        (a.key, r.key)
        for event in TakesEveryAttack().extract(article).events
        if event.type == EventType.ATTACK
        for a in event.actors
        for r in event.recipients
    }


@pytest.mark.parametrize(
    "body",
    [
        "The ministry rejects the Chilean accusation that Peruvian forces shelled posts near Tacna on Sunday.",
        "The ministry rejects the Chilean accusation that Peruvian forces opened fire near Tacna on Sunday.",
    ],
)
def test_a_charge_the_accused_rejects_stays_a_charge(body: str) -> None:
    """ "rejects the accusation that Peruvian forces shelled ...": the denied charge's content is an alleged
    attack (a denial lowers the certainty of the event it denies), which the learned reader may read with the
    side the rules leave open, not an event the rules' negation vetoes."""
    assert ("PER", "CHL") in learned_attacks(body)
