"""Dates of events, session 20: which clause's date an event takes, found among the date errors of ``train``
and tested on invented sentences about Arnor, Gondor and Mordor."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from conftest import invented_gazetteer
from eventgraph.articles import ArticleMeta, parse_text_article
from eventgraph.extract import Extractor
from eventgraph.extract.lexicon import Lexicon

PUBLISHED = date(2024, 12, 23)


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    lexicon = replace(Lexicon.default(), treaty_parties={})
    return Extractor(invented_gazetteer(), lexicon)


def typed_dates(extractor: Extractor, body: str) -> list[tuple[str, str]]:
    article = parse_text_article("Invented headline\n\n\n" + body + "\n", meta=ArticleMeta(published=PUBLISHED))
    return [(e.type.value, str(e.date)) for e in extractor.extract(article).events]


def test_the_nearest_clause_above_that_writes_a_date_dates_the_event(extractor: Extractor) -> None:
    # was: March 2016 for the killing, the date of the sentence's first clause reached through "and"; the
    # clause it hangs from wrote its own time
    body = (
        "In March 2016 Mordor began raids on Gondor, and in October that year an Arnorian catapult shot down a "
        "Mordorian dragon near the river, killing two Mordorian soldiers."
    )
    dates = typed_dates(extractor, body)
    assert ("casualties", "2016-10") in dates
    assert ("attack", "2016-03") in dates
    # with no date in the nearer clause, the first clause's date still dates it
    body = "In March 2016 Mordor began raids on Gondor, and an Arnorian catapult shot down a Mordorian dragon."
    assert ("attack", "2016-03") in typed_dates(extractor, body)
