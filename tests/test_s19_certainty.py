"""Certainty: who states an event, what a denial or a hedge reaches, and which claim a denial answers.

Sentences are invented.
"""

from __future__ import annotations

import pytest

from eventgraph.articles import parse_text_article
from eventgraph.extract import Extractor
from eventgraph.extract.candidates import PairCandidate
from eventgraph.extract.drafts import _draft_for
from eventgraph.extract.learned import LearnedExtractor
from eventgraph.model import Certainty, EventType


@pytest.fixture(scope="module")
def learned() -> LearnedExtractor:
    return LearnedExtractor()


def article(text: str):  # type: ignore[no-untyped-def]
    return parse_text_article(f"Report\nWire\n2024-06-20\n\n{text}\n", source="invented.txt")


def candidate(reader: LearnedExtractor, text: str, key: tuple[str, str]) -> PairCandidate:
    art = article(text)
    docs = list(reader.nlp.pipe(reader._texts(art)))
    _, candidates = reader.candidates(art, docs)
    return next(c for c in candidates if c.key == key)


ADMITTED_AND_DENIED = (
    "The president said Serbia had sold shells to Spain and Greece, but denied that Serbia had sent any to "
    "Ukraine since the war began."
)


@pytest.mark.parametrize(
    ("key", "disputed"),
    [(("SRB", "ESP"), False), (("SRB", "GRC"), False), (("SRB", "UKR"), True)],
)
def test_a_denial_with_a_clause_of_its_own_disputes_only_that_clause(
    learned: LearnedExtractor, key: tuple[str, str], disputed: bool
) -> None:
    """The admitted sales stand as the president states them; only the denied supply is in doubt."""
    pair = candidate(learned, ADMITTED_AND_DENIED, key)
    assert learned._disputed(pair, _draft_for(pair, EventType.TRANSFER)) is disputed


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Ukraine said Russia fired missiles at Kyiv, and Moscow denied it.", ("RUS", "UKR")),
        ("Pakistan accused Indian forces of shelling villages near the border.", ("IND", "PAK")),
    ],
)
def test_a_bare_denial_or_an_accusation_still_disputes_its_sentence(
    learned: LearnedExtractor, text: str, key: tuple[str, str]
) -> None:
    pair = candidate(learned, text, key)
    assert learned._disputed(pair, _draft_for(pair, EventType.ATTACK))


def certainties(reader: Extractor, text: str) -> dict[tuple[str, tuple[str, ...], tuple[str, ...]], Certainty]:
    out = reader.extract(article(text))
    return {
        (e.type.value, tuple(a.key for a in e.actors), tuple(r.key for r in e.recipients)): e.certainty
        for e in out.events
    }
