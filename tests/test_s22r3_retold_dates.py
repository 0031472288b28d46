"""Dates of an event told again, session 22 round 3: a sentence that retells an event another sentence names
both parties of, leaving one party to the context, writes its day; the event takes that day over a month it
was read with, or over a later day (the day the news was reported, or a later live entry's), within the month
of news before the article (``learned._date_of_a_retelling``).  Found among the date errors of ``train``,
tested on invented sentences about Arnor, Gondor and Mordor."""

from __future__ import annotations

from dataclasses import replace

import pytest

from conftest import invented_gazetteer
from eventgraph.articles import parse_text_article
from eventgraph.dates import PartialDate
from eventgraph.extract.learned import LearnedExtractor, _date_of_a_retelling
from eventgraph.extract.nlp import load_pipeline
from eventgraph.model import Event, EventType

PUBLISHED = PartialDate.parse("2024-06-20")


@pytest.fixture(scope="module")
def shipped() -> LearnedExtractor:
    return LearnedExtractor(gazetteer=invented_gazetteer(), nlp=load_pipeline())


def dated(kind: EventType, value: str | None) -> Event:
    return replace(Event(kind, []), date=PartialDate.parse(value) if value else None)


def retold(kind: EventType, own: str | None, told: str | None) -> str | None:
    date = _date_of_a_retelling(dated(kind, own), dated(kind, told), PUBLISHED)
    return str(date) if date else None


def test_a_month_takes_the_day_a_retelling_writes_within_it(shipped: LearnedExtractor) -> None:
    # was: 2024-06, the month of "this month"
    text = (
        "Catapults\nWire\n2024-06-20\n\nMordor has shelled Gondor this month, Gondor's army said.\n\n"
        "On 15 June shells hit a market in Osgiliath, the army said.\n"
    )
    events = [e for e in shipped.extract(parse_text_article(text)).events if e.type == EventType.ATTACK]
    assert [(e.actors[0].label, str(e.date)) for e in events] == [("Mordor", "2024-06-15")]
    assert retold(EventType.ATTACK, "2024-06", "2024-06-15") == "2024-06-15"
    assert retold(EventType.ATTACK, "2024-06", "2024-05-30") is None  # not within the month


def test_a_day_takes_an_earlier_day_of_the_news_a_retelling_writes() -> None:
    # "Mordor fired missiles at Gondor, the army said on Thursday" ... "one of them hit a field on 17 June"
    assert retold(EventType.ATTACK, "2024-06-20", "2024-06-17") == "2024-06-17"
    assert retold(EventType.ATTACK, "2024-06-21", "2024-06-20") == "2024-06-20"  # a later live entry
    assert retold(EventType.ATTACK, "2024-06-17", "2024-06-19") is None  # a later day is another event
    assert retold(EventType.ATTACK, "2024-06-20", "2024-04-02") is None  # older than the news: background


def test_a_supply_a_year_or_a_span_keeps_its_own_date() -> None:
    # "today's package is the fourth since the one of 2 June": a supply comes in packages of their own days
    assert retold(EventType.TRANSFER, "2024-06-20", "2024-06-02") is None
    assert retold(EventType.TRANSFER, "2024-06", "2024-06-02") == "2024-06-02"
    assert retold(EventType.ATTACK, "2024", "2024-06-02") is None  # "by 2024", "in 2024"
    assert retold(EventType.ATTACK, "2024-01/2024-06", "2024-06-02") is None  # "between January and June"
    assert retold(EventType.ATTACK, "2024-06", "2024-06") is None
    assert retold(EventType.ATTACK, "2024-06", None) is None
