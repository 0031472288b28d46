"""Attributes of matched events, session 21: the dates of events told over unstated years and of events a
headline announces, found among the date errors of ``train`` (``/tmp`` diagnostics: each matched tuple whose
date or certainty disagrees with the gold, with the source the reader took it from) and tested on invented
sentences about Arnor, Gondor and Mordor."""

from __future__ import annotations

from conftest import invented_gazetteer
from eventgraph.articles import parse_text_article
from eventgraph.extract.learned import CandidateReader, _undrafted_date
from eventgraph.model import EventType


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
