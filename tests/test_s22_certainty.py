"""Certainty of matched events, session 22: who states an event that no rule word of its type reads, found
among the certainty errors of ``train`` read out of fold (``/tmp`` diagnostics: each matched tuple whose
certainty disagrees with the gold, with the source the rules read for the sentence) and tested on invented
sentences about Arnor, Gondor and Mordor."""

from __future__ import annotations

import pytest

from conftest import invented_gazetteer
from eventgraph.articles import parse_text_article
from eventgraph.extract.candidates import PairCandidate
from eventgraph.extract.drafts import _draft_for, speaker_certainty
from eventgraph.extract.learned import CandidateReader
from eventgraph.model import Certainty, EventType


@pytest.fixture(scope="module")
def reader() -> CandidateReader:
    return CandidateReader(gazetteer=invented_gazetteer())


def _candidate(reader: CandidateReader, body: str, key: tuple[str, str]) -> PairCandidate:
    article = parse_text_article(f"Arms\nWire\n2024-06-20\n\n{body}\n", source="invented.txt")
    _, views, _ = reader.read(article, list(reader.nlp.pipe(reader._texts(article))))
    return next(c for c in reader.builder.build(views) if not c.view.is_title and c.key == key)


@pytest.mark.parametrize(
    ("speaker", "expected"),
    [
        ("Mordor's foreign ministry", Certainty.REPORTED),  # a third state's word
        ("Arnor's defence ministry", Certainty.CONFIRMED),  # a party's own word
        ("an official in Minas Tirith", Certainty.REPORTED),  # an unnamed speaker
        ("independent analysts", Certainty.REPORTED),  # watchers of the parties
    ],
)
def test_the_sentences_speaker_states_an_event_no_rule_word_of_its_type_reads(
    reader: CandidateReader, speaker: str, expected: Certainty
) -> None:
    # was: None (the certainty head's choice) whenever the rules read no word of the event's type, though the
    # sentence names who says what it tells ("North Korea has begun sending troops to Russia, South Korea's spy
    # agency said": the head read the deployment confirmed)
    candidate = _candidate(reader, f"Arnor delivered catapults to Gondor on Monday, {speaker} said.", ("ARN", "GON"))
    assert _draft_for(candidate, EventType.COOPERATION) is None
    assert speaker_certainty(candidate, None) == expected


def test_a_sentence_naming_no_speaker_still_leaves_the_choice_to_the_head(reader: CandidateReader) -> None:
    candidate = _candidate(reader, "Arnor delivered catapults to Gondor on Monday.", ("ARN", "GON"))
    assert _draft_for(candidate, EventType.COOPERATION) is None
    assert speaker_certainty(candidate, None) is None
