"""Dates of events, session 22: a supply, training or sanction told in the perfect past an article's lead is
the record behind the news, with no date (``extract/background.py``); "earlier in the month" is a time of the
article's month.  Found among the date errors of ``train``, tested on invented sentences about Arnor, Gondor
and Mordor."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from conftest import invented_gazetteer
from eventgraph.articles import ArticleMeta, parse_text_article
from eventgraph.dates import PartialDate
from eventgraph.extract import Extractor
from eventgraph.extract.lexicon import Lexicon
from eventgraph.extract.timex import find_dates

PUBLISHED = date(2024, 12, 23)
LEAD = "Arnor said on Monday that it had sent 40 catapults to Gondor."


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    lexicon = replace(Lexicon.default(), treaty_parties={})
    return Extractor(invented_gazetteer(), lexicon)


def typed_dates(extractor: Extractor, *paragraphs: str) -> list[tuple[str, str, str | None]]:
    body = "\n\n".join(paragraphs)
    article = parse_text_article("Invented headline\n\n\n" + body + "\n", meta=ArticleMeta(published=PUBLISHED))
    return [
        (e.type.value, (e.evidence.text if e.evidence else "")[:12], str(e.date) if e.date else None)
        for e in extractor.extract(article).events
    ]


def test_a_supply_in_the_perfect_past_the_lead_takes_no_date(extractor: Extractor) -> None:
    # was: the article's date for the sales; the record behind the news is not an act of the article's day
    dates = typed_dates(extractor, LEAD, "Arnor has sold catapults to Gondor and Mordor.")
    assert ("transfer", "Arnor said o", "2024-12-23") in dates
    assert ("transfer", "Arnor has so", None) in dates
    assert ("transfer", "Arnor has so", "2024-12-23") not in dates


def test_a_supply_in_the_perfect_in_the_lead_keeps_the_articles_date(extractor: Extractor) -> None:
    # the lead tells the news the article's date dates
    dates = typed_dates(extractor, "Arnor has sent catapults to Gondor, its ministry said.")
    assert ("transfer", "Arnor has se", "2024-12-23") in dates


def test_a_written_time_or_a_live_entry_still_dates_the_perfect(extractor: Extractor) -> None:
    dates = typed_dates(extractor, LEAD, "Arnor has sold catapults to Gondor this month.")
    assert ("transfer", "Arnor has so", "2024-12") in dates
    # a live report's entry stamped with its time tells the news wherever it stands
    dates = typed_dates(extractor, LEAD, "11:10 Arnor has sold catapults to Gondor.")
    assert ("transfer", "11:10 Arnor ", "2024-12-23") in dates


def test_fighting_in_the_perfect_past_the_lead_keeps_the_articles_date(extractor: Extractor) -> None:
    # losses and strikes told in the perfect are the day's news
    dates = typed_dates(extractor, LEAD, "Mordor has shelled Gondor with catapults.")
    assert ("attack", "Mordor has s", "2024-12-23") in dates


def test_earlier_in_the_month_is_a_time_of_the_articles_month() -> None:
    # was: no date (only "earlier this month" was read), so the event took the article's day
    text = "Arnor had sent catapults to Gondor earlier in the month."
    assert [m.value for m in find_dates(text, PUBLISHED)] == [PartialDate(2024, 12)]
    assert [m.value for m in find_dates("They met earlier in the week.", PUBLISHED)] == [PartialDate(2024, 12)]
    assert [m.value for m in find_dates("They met earlier in the year.", PUBLISHED)] == [PartialDate(2024)]
