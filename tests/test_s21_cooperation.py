"""Cooperation, session 21: who the partners of a multilateral activity are (its host, not each other) and
which states a sentence of cooperation names aside, found among the cooperation errors of ``train`` read out
of fold and tested on invented sentences."""

from __future__ import annotations

from typing import Any

import pytest

from eventgraph.articles import parse_text_article
from eventgraph.extract.learned import CandidateReader, LearnedExtractor
from eventgraph.extract.partners import aside, hosts_of
from eventgraph.model import EventType


@pytest.fixture(scope="module")
def learned() -> LearnedExtractor:
    return LearnedExtractor()


def _article(body: str) -> Any:
    return parse_text_article(f"Report\nWire\n2024-06-20\n\n{body}\n", source="invented.txt")


def cooperation(reader: LearnedExtractor, body: str) -> set[frozenset[str]]:
    events = reader.extract(_article(body)).events
    return {
        frozenset((a.key, r.key))
        for e in events
        if e.type == EventType.COOPERATION
        for a in e.actors
        for r in e.recipients
    }


def views_of(reader: CandidateReader, body: str) -> list[Any]:
    article = _article(body)
    _, views, _ = reader.read(article, list(reader.nlp.pipe(reader._texts(article))))
    return [v for v in views if not v.is_title]


def test_the_place_of_an_exercise_is_its_host(learned: LearnedExtractor) -> None:
    found = {
        "About 20,000 troops from 15 countries began the Northern Shield exercise in Finland on Monday.": {"FIN"},
        "Some 9,000 personnel began air combat training over southern Chile on Tuesday.": {"CHL"},
        "About 30,000 soldiers begin Exercise Polar Lance in Sweden today.": {"SWE"},
        # a sea or a border off or near a state is no host
        "Chinese and Russian warships held drills off Japan.": set(),
        "Troops held drills near the border with Poland.": set(),
    }
    for sentence, hosts in found.items():
        (view,) = views_of(learned, sentence)
        assert hosts_of(view.states, view.sent) == hosts, sentence


def test_participants_listed_after_the_host_are_each_its_partner(learned: LearnedExtractor) -> None:
    # was: nothing (the heads take no pair of the list sentence); the corpus pairs each participant with
    # the host the sentence before names
    body = (
        "About 20,000 troops from 15 countries began the Northern Shield exercise in Finland on Monday.\n\n"
        "Among the foreign contingents are forces from Germany, France and Italy."
    )
    found = cooperation(learned, body)
    assert {frozenset(("FIN", k)) for k in ("DEU", "FRA", "ITA")} <= found
    assert not found & {frozenset(("DEU", "FRA")), frozenset(("DEU", "ITA")), frozenset(("FRA", "ITA"))}


def test_a_list_with_its_host_among_it_gives_no_host(learned: LearnedExtractor) -> None:
    # the place is one of the listed states: the list's own pairs stand, none is added
    found = cooperation(learned, "Peruvian and Chilean troops began a joint exercise in Chile on Monday.")
    assert found == {frozenset(("CHL", "PER"))}


def test_a_state_named_only_in_a_clause_of_its_own_takes_no_part(learned: LearnedExtractor) -> None:
    # was: Argentina with Venezuela ("as Caracas bristled"): the state that reacts is no partner
    found = cooperation(learned, "Chilean and Peruvian forces began drills with Argentine troops as Caracas bristled.")
    assert not any("VEN" in pair for pair in found)
    assert frozenset(("ARG", "CHL")) in found
    (view,) = views_of(learned, "Chilean troops began drills with Peruvian forces after Bolivia asked for drills.")
    candidates = [c for c in learned.builder.build([view]) if c.recipient is not None]
    by_pair = {frozenset(c.key): c for c in candidates}
    # a clause that tells an activity of its own ("asked for drills") is not aside
    assert not aside(by_pair[frozenset(("BOL", "CHL"))], EventType.COOPERATION)
    (view,) = views_of(learned, "Chilean troops began drills with Peruvian forces while Bolivia watched.")
    candidates = [c for c in learned.builder.build([view]) if c.recipient is not None]
    by_pair = {frozenset(c.key): c for c in candidates}
    assert aside(by_pair[frozenset(("BOL", "CHL"))], EventType.COOPERATION)
    assert not aside(by_pair[frozenset(("CHL", "PER"))], EventType.COOPERATION)
    assert not aside(by_pair[frozenset(("BOL", "CHL"))], EventType.ATTACK)


def test_states_that_support_a_strike_cooperate_with_its_attackers(learned: LearnedExtractor) -> None:
    # was: Spain with Greece (the supporters with each other) and no pair with the attackers
    body = (
        "French and Italian jets struck rebel targets in Libya on Friday.\n\n"
        "Spain, Portugal and Greece provided support."
    )
    found = cooperation(learned, body)
    assert {frozenset((s, a)) for s in ("ESP", "PRT", "GRC") for a in ("FRA", "ITA")} <= found
    assert not found & {frozenset(("ESP", "GRC")), frozenset(("ESP", "PRT")), frozenset(("GRC", "PRT"))}
    assert not any("LBY" in pair for pair in found)


def test_states_that_help_to_intercept_cooperate_with_the_defender(learned: LearnedExtractor) -> None:
    body = (
        "Mordor-backed militias fired rockets at Egypt's air bases on Sunday.\n\n"
        "Egypt's army said most of the rockets were intercepted, with help from France, Italy and Greece."
    )
    found = cooperation(learned, body)
    assert {frozenset(("EGY", k)) for k in ("FRA", "ITA", "GRC")} <= found
    assert not found & {frozenset(("FRA", "ITA")), frozenset(("FRA", "GRC")), frozenset(("GRC", "ITA"))}
