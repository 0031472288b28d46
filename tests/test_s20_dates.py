"""Dates of events, session 20: which clause's date an event takes, found among the date errors of ``train``
and tested on invented sentences about Arnor, Gondor and Mordor."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from conftest import invented_gazetteer
from eventgraph.articles import ArticleMeta, parse_text_article
from eventgraph.extract import Extractor
from eventgraph.extract.learned import CandidateReader, _undrafted_date
from eventgraph.extract.lexicon import Lexicon
from eventgraph.model import EventType

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


def test_an_event_the_rules_read_no_word_for_takes_no_date_of_another_type() -> None:
    # was: the Wednesday of the shelling (the sentence's first rule event) for the troops' stay; an event of
    # another type dates nothing but itself, and the sentence's dates date the stay
    reader = CandidateReader(gazetteer=invented_gazetteer())
    text = (
        "Troops\nWire\n2024-06-20\n\nAbout 1,000 Arnorian soldiers have remained in Gondor since 9 May, and Arnor "
        "said on Wednesday that its catapults had shelled Mordor.\n"
    )
    article = parse_text_article(text, source="invented.txt")
    _, views, _ = reader.read(article, list(reader.nlp.pipe(reader._texts(article))))
    view = next(v for v in views if v.text.startswith("About"))
    assert [(e.type, str(e.date)) for e in view.rule_events] == [(EventType.ATTACK, "2024-06-19")]
    candidate = next(c for c in reader.builder.build(views) if c.view is view and c.key == ("ARN", "GON"))
    assert str(_undrafted_date(candidate, EventType.DEPLOYMENT)) == "2024-05-09/2024-06-20"
    # an event of the rule event's own type still takes its date
    assert str(_undrafted_date(candidate, EventType.ATTACK)) == "2024-06-19"


def test_a_time_compared_with_is_not_the_time_the_next_sentences_tell_of(extractor: Extractor) -> None:
    # was: 2014/2018 for Gondor's imports, the period the sentence before compared with; the period the
    # article tells of is the one it wrote before that
    body = (
        "Arnor's exports of arms rose by 20 percent in 2019-2023. They were 30 percent higher than in 2014-2018. "
        "Gondor drew 60 percent of its imports of arms from Arnor."
    )
    assert typed_dates(extractor, body)[-1] == ("transfer", "2019/2023")


def test_a_time_opening_the_sentence_dates_it_though_the_parse_hangs_it_from_the_subject(
    extractor: Extractor,
) -> None:
    # was: the article's day; the parse takes "Last Saturday" for a modifier of the name after it, as in "the
    # 2015 deal", and a date naming another thing dates nothing
    body = "Last Saturday Arnor said it would send Gondor a third battery of catapults."
    assert typed_dates(extractor, body) == [("transfer", "2024-12-21")]


def test_last_year_is_the_time_a_later_reference_to_the_period_means(extractor: Extractor) -> None:
    # was: November 2003 for the attacks "over the same period", the last date written out with its digits;
    # "last year" told a nearer year
    body = (
        "The truce first agreed in November 2003 had collapsed. Gondor counted 5,000 raids by Mordor last year. "
        "Arnor said Mordorian catapults shelled Arnor thousands of times over the same period."
    )
    assert typed_dates(extractor, body)[-1] == ("attack", "2023")


def test_a_participle_naming_a_thing_takes_the_time_its_sentence_writes(extractor: Extractor) -> None:
    # was: no date, as for every participle ("catapults bought from Arnor"); the sentence's own time dates it
    body = "The first of 116 second-hand catapults bought from Arnor arrived in Gondor this week."
    assert typed_dates(extractor, body) == [("transfer", "2024-12")]
    body = "The first six of 24 catapults ordered by Gondor from Arnor arrived in the kingdom this month."
    assert typed_dates(extractor, body) == [("transfer", "2024-12")]
    # with no time written, still none (not the article's day)
    body = "Gondor fired catapults bought from Arnor at the Mordorian lines."
    assert ("transfer", "None") in typed_dates(extractor, body)


def test_an_article_known_to_the_year_dates_a_past_event_by_the_day_its_paragraph_told(
    extractor: Extractor,
) -> None:
    # was: 2016, the headline's year; the paragraph told the day ("on 9 November") the troops were sent on
    text = (
        "Six weeks in 2016 that changed the north\nInvented Review\n\n"
        "A truce signed by Arnor and Gondor on 9 November ended the fighting. Under it, about 2,000 Arnorian "
        "soldiers were sent to Gondor.\n"
    )
    events = extractor.extract(parse_text_article(text)).events
    assert [(e.type.value, str(e.date)) for e in events if e.type.value == "deployment"] == [
        ("deployment", "2016-11-09")
    ]
