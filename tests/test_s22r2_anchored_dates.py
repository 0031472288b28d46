"""Dates counted from another event, session 22 round 2: an event told in a clause "a day after ...", "two days
before ...", "hours after ..." takes the other event's date counted back or forward (``extract/anchors.py``);
"the next morning", "hours later", "within hours" and "that evening" are the last date told, or the day after
it (``extract/timex.py``).  Found among the date errors of ``train``, tested on invented sentences about Arnor,
Gondor and Mordor (published Monday 23 December 2024)."""

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


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    lexicon = replace(Lexicon.default(), treaty_parties={})
    return Extractor(invented_gazetteer(), lexicon)


def dates_by_actor(extractor: Extractor, *paragraphs: str) -> dict[tuple[str, str], str | None]:
    body = "\n\n".join(paragraphs)
    article = parse_text_article("Invented headline\n\n\n" + body + "\n", meta=ArticleMeta(published=PUBLISHED))
    return {
        (e.type.value, e.actors[0].label): str(e.date) if e.date else None
        for e in extractor.extract(article).events
        if e.actors
    }


def test_an_event_a_day_after_another_is_dated_a_day_before_it(extractor: Extractor) -> None:
    # was: the Wednesday of the main clause for the shelling of the "a day after" clause
    read = dates_by_actor(
        extractor,
        "Gondor's army said its catapults hit two Mordorian towers on Wednesday, a day after Mordor shelled Osgiliath.",
    )
    assert read[("attack", "Mordor")] == "2024-12-17"


def test_an_event_two_days_before_another_is_dated_two_days_after_it(extractor: Extractor) -> None:
    read = dates_by_actor(extractor, "Arnor shelled Mordor on 12 December, two days before Mordor shelled Gondor.")
    assert read[("attack", "Arnor")] == "2024-12-12"
    assert read[("attack", "Mordor")] == "2024-12-14"


def test_hours_after_is_the_same_day(extractor: Extractor) -> None:
    read = dates_by_actor(extractor, "Gondor shelled Mordor on 12 December, hours after Mordor shelled Osgiliath.")
    assert read[("attack", "Mordor")] == "2024-12-12"


def test_the_main_event_counted_from_the_date_its_after_clause_writes(extractor: Extractor) -> None:
    # was: the article's date, the clause's date being another event's
    read = dates_by_actor(extractor, "Mordor shelled Gondor two weeks after Gondor shelled Mordor on 1 December.")
    assert read[("attack", "Mordor")] == "2024-12-15"


def test_a_clause_with_a_date_of_its_own_keeps_it(extractor: Extractor) -> None:
    read = dates_by_actor(
        extractor, "Gondor shelled Mordor on 20 December, a week after Mordor shelled Osgiliath on 10 December."
    )
    assert read[("attack", "Mordor")] == "2024-12-10"


def test_the_next_morning_is_the_day_after_the_last_date_told() -> None:
    told = PartialDate(2024, 12, 12)
    found = find_dates("The next morning Mordor shelled the town.", PUBLISHED, None, told=told)
    assert [str(m.value) for m in found] == ["2024-12-13"]
    found = find_dates("The following night Mordor shelled the town.", PUBLISHED, None, told=told)
    assert [str(m.value) for m in found] == ["2024-12-13"]


def test_hours_later_and_that_evening_are_the_day_told() -> None:
    told = PartialDate(2024, 12, 12)
    for text in (
        "Hours later Mordor shelled the town.",
        "Within hours Mordor hit back.",
        "That evening Mordor hit back.",
    ):
        assert [str(m.value) for m in find_dates(text, PUBLISHED, None, told=told)] == ["2024-12-12"], text
    # a month told gives no day to take
    assert find_dates("Hours later Mordor hit back.", PUBLISHED, None, told=PartialDate(2024, 12)) == []


def test_the_next_morning_in_an_article(extractor: Extractor) -> None:
    # was: the day of the previous sentence, carried through its paragraph
    read = dates_by_actor(
        extractor, "Mordor shelled Osgiliath on 12 December. The next morning Gondor's catapults hit Mordor."
    )
    assert read[("attack", "Mordor")] == "2024-12-12"
    assert read[("attack", "Gondor")] == "2024-12-13"


def test_a_past_perfect_event_with_no_date_takes_the_time_told_for_its_type(extractor: Extractor) -> None:
    # was: the article's day for Mordor's losses, told after the lead dated the fighting's losses the day before
    read = dates_by_actor(
        extractor,
        "Gondor said on Monday that six Gondorian soldiers were killed in fighting with Mordor the day before.",
        "Mordor said eight Mordorian soldiers had been killed.",
    )
    assert read[("casualties", "Gondor")] == "2024-12-22"
    assert read[("casualties", "Mordor")] == "2024-12-22"


def test_a_simple_past_event_with_no_date_keeps_the_article_day(extractor: Extractor) -> None:
    read = dates_by_actor(
        extractor,
        "Gondor said on Monday that six Gondorian soldiers were killed in fighting with Mordor the day before.",
        "Mordor says eight Mordorian soldiers were killed.",
    )
    assert read[("casualties", "Mordor")] == "2024-12-23"
