"""Dates of events, session 22 round 3: the perfect that makes a supply or training past an article's lead the
record behind the news (no date, ``extract/background.py``) must be the event's own.  An event noun hanging from
a verb of telling takes the telling's perfect ("officials have described Arnor's assistance to Gondor"), and a
beginning told in the perfect ("deliveries of the jets have begun") is the news that it started: both keep
the article's date.  A participle naming a thing ("MiG-29s bought from Arnor") dates nothing by itself, also when
the parser tags it as a finite past.  Found among the date errors of ``train``, tested on invented sentences."""

from __future__ import annotations

from dataclasses import replace

import pytest

from conftest import invented_gazetteer
from eventgraph.articles import parse_text_article
from eventgraph.extract import Extractor
from eventgraph.extract.lexicon import Lexicon
from test_s22_dates import LEAD, typed_dates


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    lexicon = replace(Lexicon.default(), treaty_parties={})
    return Extractor(invented_gazetteer(), lexicon)


def test_a_beginning_in_the_perfect_is_the_news(extractor: Extractor) -> None:
    # was: no date, as if the deliveries were a record behind the news
    dates = typed_dates(extractor, LEAD, "Deliveries of Arnorian catapults to Gondor have started.")
    assert ("transfer", "Deliveries o", "2024-12-23") in dates


def test_an_event_noun_under_a_telling_in_the_perfect_keeps_the_date(extractor: Extractor) -> None:
    # was: no date; the perfect is the describing's, not the assistance's
    dates = typed_dates(extractor, LEAD, "Officials have described Arnor's military assistance to Gondor.")
    assert [d for t, e, d in dates if e.startswith("Officials")] == ["2024-12-23"]


def test_the_events_own_perfect_still_takes_no_date(extractor: Extractor) -> None:
    dates = typed_dates(extractor, LEAD, "Arnor has trained Gondorian gunners, officials have said.")
    assert [d for t, e, d in dates if e.startswith("Arnor has")] == [None]


def test_a_participle_tagged_as_a_finite_past_names_a_thing_and_dates_nothing() -> None:
    # was: the article's date; the parser tags "bought" hanging from "MiG-29s" as a finite past (VBD), so the
    # rule that a participle naming a thing dates nothing by itself missed it
    from eventgraph.extract.learned import reader_extractor

    sentence = "Peru already flies MiG-29s bought from Belarus."
    text = f"Report\nWire\n2024-10-20\n\n{sentence}\n"
    events = reader_extractor("learned").extract(parse_text_article(text, source="invented.txt")).events
    transfers = [e for e in events if e.type.value == "transfer"]
    assert transfers and all(e.date is None for e in transfers)
