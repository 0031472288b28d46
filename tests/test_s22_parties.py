"""Parties, session 22: false tuples with one party wrong, found among the errors of ``train`` read out of
fold and tested on invented sentences.  A multilateral activity's participants are each its hub's partner,
not each other's (``extract/coparticipants.py``)."""

from __future__ import annotations

from typing import Any

import pytest

from eventgraph.articles import parse_text_article
from eventgraph.extract.candidates import PairCandidate
from eventgraph.extract.coparticipants import named_partner_first, one_hub
from eventgraph.extract.learned import CandidateReader, Decision
from eventgraph.model import EventType


@pytest.fixture(scope="module")
def reader() -> CandidateReader:
    return CandidateReader()


def views_of(reader: CandidateReader, body: str) -> list[Any]:
    article = parse_text_article(f"Report\nWire\n2024-06-20\n\n{body}\n", source="invented.txt")
    _, views, _ = reader.read(article, list(reader.nlp.pipe(reader._texts(article))))
    return [v for v in views if not v.is_title]


def decided(
    views: list[Any], at: int, pairs: list[tuple[str, str]], kind: EventType = EventType.COOPERATION
) -> list[Decision]:
    """Cooperation decisions of the sentence ``at`` for the pairs given (a state of another sentence is one
    the pair takes from the context)."""
    known = {code: e for view in views for code, e in view.entities.items()}
    return [Decision(PairCandidate(views[at], known[a], known[b], []), kind, 0.9, 0.5, {}) for a, b in pairs]


def kept(decisions: list[Decision], views: list[Any]) -> set[frozenset[str]]:
    return {frozenset(d.candidate.key) for d in one_hub(decisions)}


def test_two_lists_of_participants_are_each_the_hosts_partner(reader: CandidateReader) -> None:
    # "from A and B, as well as from C": two lists, so no pair of them is one list; the host, from the
    # sentence before, is paired with more states than any of them
    views = views_of(
        reader,
        "About 20,000 troops began the Northern Shield exercise in Finland on Monday.\n\n"
        "Among the foreign contingents are forces from Germany and France, as well as from Sweden and Norway.",
    )
    host = [("FIN", "DEU"), ("FIN", "FRA"), ("FIN", "SWE"), ("FIN", "NOR")]
    across = [("DEU", "SWE"), ("FRA", "SWE"), ("DEU", "NOR"), ("FRA", "NOR")]
    found = kept(decided(views, 1, [*host, *across]), views)
    assert found == {frozenset(pair) for pair in host}


def test_three_states_paired_alike_keep_every_pair(reader: CandidateReader) -> None:
    # no state is paired with more than the others: the corpus is split between stars and triangles there
    views = views_of(reader, "Chile, Peru and Argentina completed their first three-way exercise today.")
    pairs = [("CHL", "PER"), ("CHL", "ARG"), ("PER", "ARG")]
    assert kept(decided(views, 0, pairs), views) == {frozenset(p) for p in pairs}


def test_a_pair_with_a_party_from_the_context_stays(reader: CandidateReader) -> None:
    # "it exercised with Peruvian destroyers": Chile, the context's, acts; Brazil, paired with more states,
    # does not make the pair with the state the sentence leaves implicit a pair of its participants
    views = views_of(
        reader,
        "A Chilean carrier group sailed north in April.\n\n"
        "It exercised with Peruvian destroyers and then drilled with the Argentine navy, which Brazil watched.",
    )
    pairs = [("BRA", "PER"), ("BRA", "ARG"), ("BRA", "CHL"), ("CHL", "PER")]
    assert frozenset(("CHL", "PER")) in kept(decided(views, 1, pairs), views)


def test_a_pair_of_two_states_alone_stays(reader: CandidateReader) -> None:
    views = views_of(reader, "Chilean and Peruvian troops began a joint exercise on Monday.")
    assert kept(decided(views, 0, [("CHL", "PER")]), views) == {frozenset(("CHL", "PER"))}


def partners(views: list[Any], at: int, pairs: list[tuple[str, str]]) -> set[frozenset[str]]:
    return {frozenset(d.candidate.key) for d in named_partner_first(decided(views, at, pairs))}


def test_a_named_partner_leaves_none_to_the_context(reader: CandidateReader) -> None:
    # was: Chile with Ghana and with Senegal, the states of the sentence before, beside its named partners
    views = views_of(
        reader,
        "Ghana and Senegal held talks on fisheries in May.\n\n"
        "Chilean warships drilled with the navies of Peru and Ecuador off Callao.",
    )
    named = [("CHL", "PER"), ("CHL", "ECU")]
    assert partners(views, 1, [*named, ("CHL", "GHA"), ("SEN", "CHL")]) == {frozenset(p) for p in named}


def test_a_state_named_as_the_place_is_no_partner_that_excludes_the_context(reader: CandidateReader) -> None:
    # the trainer is the context's (Chile); Argentina is only where the training happens
    views = views_of(
        reader,
        "Chile delivered six helicopters to Peru in March.\n\nPeruvian crews trained on the aircraft in Argentina.",
    )
    pairs = [("PER", "ARG"), ("CHL", "PER")]
    assert partners(views, 1, pairs) == {frozenset(p) for p in pairs}


def test_two_partners_of_the_subject_leave_the_subject_to_the_context(reader: CandidateReader) -> None:
    # "it" (Chile's carrier group, from the sentence before) acts with each; Peru and Argentina are not each
    # other's partner, so the context's Chile stays paired with both
    views = views_of(
        reader,
        "A Chilean carrier group left Valparaiso on Monday.\n\n"
        "It trained with Peruvian frigates first and then sailed with Argentine warships.",
    )
    pairs = [("PER", "ARG"), ("CHL", "PER"), ("CHL", "ARG")]
    assert {frozenset(("CHL", "PER")), frozenset(("CHL", "ARG"))} <= partners(views, 1, pairs)


def test_states_of_one_list_may_take_their_partner_from_the_context(reader: CandidateReader) -> None:
    views = views_of(
        reader,
        "Argentina opened its winter exercise on Monday.\n\nForces of Chile and Peru take part in it.",
    )
    pairs = [("CHL", "PER"), ("ARG", "CHL"), ("ARG", "PER")]
    assert partners(views, 1, pairs) == {frozenset(p) for p in pairs}
