"""Parties, session 22: false tuples with one party wrong, found among the errors of ``train`` read out of
fold and tested on invented sentences.  A multilateral activity's participants are each its hub's partner,
not each other's (``extract/coparticipants.py``)."""

from __future__ import annotations

from typing import Any

import pytest

from eventgraph.articles import parse_text_article
from eventgraph.extract.candidates import PairCandidate
from eventgraph.extract.coparticipants import one_hub
from eventgraph.extract.learned import CandidateReader, Decision
from eventgraph.model import EventType


@pytest.fixture(scope="module")
def reader() -> CandidateReader:
    return CandidateReader()


def views_of(reader: CandidateReader, body: str) -> list[Any]:
    article = parse_text_article(f"Report\nWire\n2024-06-20\n\n{body}\n", source="invented.txt")
    _, views, _ = reader.read(article, list(reader.nlp.pipe(reader._texts(article))))
    return [v for v in views if not v.is_title]


def decided(views: list[Any], at: int, pairs: list[tuple[str, str]]) -> list[Decision]:
    """Cooperation decisions of the sentence ``at`` for the pairs given (a state of another sentence is one
    the pair takes from the context)."""
    known = {code: e for view in views for code, e in view.entities.items()}
    return [
        Decision(PairCandidate(views[at], known[a], known[b], []), EventType.COOPERATION, 0.9, 0.5, {})
        for a, b in pairs
    ]


def kept(decisions: list[Decision], views: list[Any]) -> set[frozenset[str]]:
    return {frozenset(d.candidate.key) for d in one_hub(decisions, views)}


def test_two_lists_of_participants_are_each_the_hosts_partner(reader: CandidateReader) -> None:
    # "from A and B, as well as from C": two lists, so no pair of them is one list; the host, from the
    # sentence before, is paired with more states than any of them
    views = views_of(
        reader,
        "About 20,000 troops began the Northern Shield exercise in Finland on Monday.\n\n"
        "Among the foreign contingents are forces from Germany and France, as well as from Sweden.",
    )
    host = [("FIN", "DEU"), ("FIN", "FRA"), ("FIN", "SWE")]
    found = kept(decided(views, 1, [*host, ("DEU", "SWE"), ("FRA", "SWE"), ("DEU", "FRA")]), views)
    assert found == {frozenset(pair) for pair in host}


def test_a_three_way_exercise_turns_on_the_articles_state(reader: CandidateReader) -> None:
    # the three are paired alike: the hub is the state the article names most
    views = views_of(
        reader,
        "Chile's navy said its ships sailed from Valparaiso on Monday.\n\n"
        "Chile, Peru and Argentina completed their first three-way exercise today.",
    )
    found = kept(decided(views, 1, [("CHL", "PER"), ("CHL", "ARG"), ("PER", "ARG")]), views)
    assert found == {frozenset(("CHL", "PER")), frozenset(("CHL", "ARG"))}


def test_a_pair_with_a_party_from_the_context_stays(reader: CandidateReader) -> None:
    # "the carrier group exercised with Peruvian destroyers": Chile, the hub, is the context's; Peru and
    # Argentina are each its partner, and the pair with the state the sentence leaves implicit stands
    views = views_of(
        reader,
        "A Chilean carrier group sailed north in April.\n\n"
        "It exercised with Peruvian destroyers and then drilled with the Argentine navy, which Brazil watched.",
    )
    pairs = [("CHL", "PER"), ("CHL", "ARG"), ("PER", "ARG"), ("BRA", "PER"), ("BRA", "ARG"), ("BRA", "CHL")]
    found = kept(decided(views, 1, pairs), views)
    assert frozenset(("CHL", "PER")) in found and frozenset(("CHL", "ARG")) in found


def test_a_pair_of_two_states_alone_stays(reader: CandidateReader) -> None:
    views = views_of(reader, "Chilean and Peruvian troops began a joint exercise on Monday.")
    assert kept(decided(views, 0, [("CHL", "PER")]), views) == {frozenset(("CHL", "PER"))}
