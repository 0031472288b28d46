"""Attributes of matched events, session 21: the dates of events told over unstated years and of events a
headline announces, found among the date errors of ``train`` (``/tmp`` diagnostics: each matched tuple whose
date or certainty disagrees with the gold, with the source the reader took it from) and tested on invented
sentences about Arnor, Gondor and Mordor."""

from __future__ import annotations

from typing import Any

from conftest import invented_gazetteer
from eventgraph.articles import parse_text_article
from eventgraph.extract.learned import CandidateReader, _dated_as_the_lead, _undrafted_date
from eventgraph.model import Event, EventType


def _read(reader: CandidateReader, text: str) -> list:
    article = parse_text_article(text, source="invented.txt")
    _, views, _ = reader.read(article, list(reader.nlp.pipe(reader._texts(article))))
    return views


def test_a_clause_told_over_unstated_years_gives_no_article_date_to_an_undrafted_event() -> None:
    # was: the article's date for the stay; "for years" and "long" place the act in no time of its own, as
    # the rules already read them for a trigger word (``undated_form``)
    reader = CandidateReader(gazetteer=invented_gazetteer())
    for body, kind, expected in (
        (
            "About 80 Arnorian military personnel have operated two catapults in Gondor for years.",
            EventType.DEPLOYMENT,
            "None",
        ),
        ("Arnor has long helped Gondor to build its own catapults.", EventType.COOPERATION, "None"),
        ("About 80 Arnorian military personnel operated two catapults in Gondor.", EventType.DEPLOYMENT, "2024-06-20"),
    ):
        views = _read(reader, f"Troops\nWire\n2024-06-20\n\n{body}\n")
        view = next(v for v in views if not v.is_title)
        candidate = next(c for c in reader.builder.build(views) if c.view is view and set(c.key) == {"ARN", "GON"})
        assert str(_undrafted_date(candidate, kind)) == expected, body


def _headline_pair(reader: CandidateReader, text: str) -> tuple[Any, Any, Any]:
    """The article's sentence views, its headline and the headline's Arnor -> Gondor candidate."""
    views = _read(reader, text)
    title = next(v for v in views if v.is_title)
    candidate = next(c for c in reader.builder.build(views) if c.view is title and c.key == ("ARN", "GON"))
    return views, title, candidate


def test_an_event_a_headline_tells_takes_the_time_of_the_lead() -> None:
    # was: the article's date for the headline's deployment, while the lead told the landing on Saturday
    reader = CandidateReader(gazetteer=invented_gazetteer())
    text = (
        "Arnorian troops deployed to Gondor as a regional force takes shape\nWire\n2024-06-20\n\n"
        "OSGILIATH - The first soldiers of the force arrived at the main airport on Saturday, officials said.\n"
    )
    views, title, candidate = _headline_pair(reader, text)
    event = Event(EventType.DEPLOYMENT, [candidate.actor], [candidate.recipient], date=title.article_date)
    assert str(_dated_as_the_lead(event, candidate, views).date) == "2024-06-15"
    # a date of its own stays; so does the article's date when the lead tells no time of the event's type
    own = Event(EventType.DEPLOYMENT, [candidate.actor], [candidate.recipient], date=None)
    assert _dated_as_the_lead(own, candidate, views).date is None
    sanction = Event(EventType.SANCTION, [candidate.actor], [candidate.recipient], date=title.article_date)
    assert _dated_as_the_lead(sanction, candidate, views).date == title.article_date
    # a time the lead writes long before the article is background, not the headline's news
    old = (
        "Arnorian troops deployed to Gondor as a regional force takes shape\nWire\n2024-06-20\n\n"
        "OSGILIATH - The first soldiers of the force arrived at the main airport on 2 March, officials said.\n"
    )
    views, title, candidate = _headline_pair(reader, old)
    event = Event(EventType.DEPLOYMENT, [candidate.actor], [candidate.recipient], date=title.article_date)
    assert _dated_as_the_lead(event, candidate, views).date == title.article_date
