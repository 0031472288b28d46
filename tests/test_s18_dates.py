"""Dates of events, session 18 (issue 12): constructions found among the date errors of ``train``, tested on
invented sentences about Arnor, Gondor and Mordor."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from conftest import invented_gazetteer
from eventgraph.articles import ArticleMeta, parse_text_article
from eventgraph.dates import PartialDate
from eventgraph.extract import Extractor
from eventgraph.extract import learned as learned_module
from eventgraph.extract.learned import CandidateReader
from eventgraph.extract.lexicon import Lexicon
from eventgraph.extract.timex import find_dates
from eventgraph.model import ArticleEvents

PUBLISHED = date(2024, 12, 23)


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    lexicon = replace(Lexicon.default(), treaty_parties={})
    return Extractor(invented_gazetteer(), lexicon)


def read(extractor: Extractor, body: str) -> ArticleEvents:
    article = parse_text_article("Invented headline\n\n\n" + body + "\n", meta=ArticleMeta(published=PUBLISHED))
    return extractor.extract(article)


def typed_dates(extractor: Extractor, body: str) -> list[tuple[str, str]]:
    return [(e.type.value, str(e.date)) for e in read(extractor, body).events]


def resolved(text: str, context: PartialDate | None = None, told: PartialDate | None = None) -> list[str]:
    if told is None:
        return [str(m.value) for m in find_dates(text, PUBLISHED, context)]
    return [str(m.value) for m in find_dates(text, PUBLISHED, context, told=told)]


def test_a_reference_takes_the_year_its_own_sentence_wrote_out_before_it() -> None:
    # was: the year of the sentences before ("that year" of 2020 below), or none at all; the sentence itself
    # wrote the year the reference means
    body = "In March 2016 Mordor shelled Osgiliath, and in October that year its catapults hit Minas Tirith."
    assert resolved(body, PartialDate(2020)) == ["2016-03", "2016-10"]
    assert resolved(body) == ["2016-03", "2016-10"]
    assert resolved("Arnor left the pact in May 2019 before sending troops that September.") == ["2019-05", "2019-09"]
    # with nothing written before it in the sentence, the sentences before still give the year
    assert resolved("In October that year its catapults hit Minas Tirith.", PartialDate(2016)) == ["2016-10"]


def test_that_month_and_the_same_day_take_the_last_date_told() -> None:
    # was: no date for either; they name the month or the day last told, in the sentence or before it
    assert resolved("Arnor sent ships to Gondor that month.", PartialDate(2018, 7)) == ["2018-07"]
    assert resolved("Arnor sent ships to Gondor later that month.", PartialDate(2018)) == []  # no month known
    assert resolved("On 4 March the council met; Arnorian troops landed the same day.") == ["2024-03-04"] * 2
    told = PartialDate(2022, 1, 6)
    assert resolved("Arnorian troops began landing in Gondor the same day.", told=told) == ["2022-01-06"]
    assert resolved("Arnorian troops began landing in Gondor that day.", PartialDate(2022, 1)) == []


def test_a_span_of_months_or_days_starts_where_it_starts() -> None:
    # was: the last month or day only ("June 2023", "27 February 2023"); the event began with the span
    assert resolved("The drills ran May-June 2023 in Gondor.") == ["2023-05/2023-06"]
    assert resolved("The drills ran between May and June 2023.") == ["2023-05/2023-06"]
    assert resolved("The drills ran December-January 2023.") == ["2022-12/2023-01"]
    assert resolved("Drills were held on 17-27 February 2023.") == ["2023-02-17/2023-02-27"]
    assert resolved("Contingents landed on 6-9 January.") == ["2024-01-06/2024-01-09"]


def test_an_end_with_a_part_of_the_year_does_not_date_the_event(extractor: Extractor) -> None:
    # was: 2018, the end of the supply; "until late 2018" is an end alone, as "until 2018" is
    body = "In March 2015 Mordor attacked Gondor. Arnor supplied catapults to Gondor until late 2018."
    assert typed_dates(extractor, body) == [("attack", "2015-03"), ("transfer", "2015-03")]


def test_a_saying_joined_by_and_dates_what_it_tells_not_the_clause_before(extractor: Extractor) -> None:
    # was: the signing dated 2022 (the saying's year, reached through "and") and the purchase the signing's
    # month; each takes the time written in its own clause
    body = (
        "Arnor signed a treaty with Gondor during a visit to Minas Tirith in October 2021, and officials said in "
        "2022 that Gondor had agreed to buy catapults from Arnor."
    )
    assert sorted(typed_dates(extractor, body)) == [("agreement", "2021-10"), ("transfer", "2022")]
    # a verb of the event joined by "and" still shares the clause's time
    body = "Gondor said on Friday that six Gondorian soldiers were killed and ten taken prisoner the day before."
    assert typed_dates(extractor, body) == [("casualties", "2024-12-19")]


def test_the_learned_reader_dates_a_sentence_by_the_dates_its_events_take() -> None:
    # was: the first date the sentence writes, whatever its role; now the dates the rules' reading takes
    # (not an end alone, "until late 2018")
    reader = CandidateReader(gazetteer=invented_gazetteer())
    text = "Aid\nWire\n2024-06-20\n\nIn March 2015 Mordor attacked Gondor. Arnor helped Gondor until late 2018.\n"
    article = parse_text_article(text, source="invented.txt")
    _, views, _ = reader.read(article, list(reader.nlp.pipe(reader._texts(article))))
    view = next(v for v in views if v.text.startswith("Arnor helped"))
    assert view.written_dates == []
    candidate = next(c for c in reader.builder.build(views) if c.view is view and c.key == ("ARN", "GON"))
    assert str(learned_module._sentence_date(candidate, None)) == "2015-03"


def test_a_when_clause_under_the_event_dates_it_before_the_saying_does(extractor: Extractor) -> None:
    # was: the saying's day (20 December) for the killing; the "when" clause tells when the soldiers died
    body = (
        "Gondor said on Friday that ten Gondorian soldiers were killed when Mordorian catapults hit Osgiliath "
        "on 3 December."
    )
    assert ("casualties", "2024-12-03") in typed_dates(extractor, body)
    # with no "when" clause the saying's day still dates what it tells
    body = "Gondor said on Friday that ten Gondorian soldiers were killed in Osgiliath."
    assert typed_dates(extractor, body) == [("casualties", "2024-12-20")]


def test_an_event_named_as_background_takes_no_date_from_the_clause_it_is_the_background_of(
    extractor: Extractor,
) -> None:
    # was: September 2021 for the invasion, the signing's month reached through the verbs above it
    body = "The pact was signed in September 2021 as part of Arnor's purchases after Mordor's invasion of Gondor."
    assert ("attack", "None") in typed_dates(extractor, body)
    # a date of its own still dates it
    body = "The pact was signed in September 2021, after the invasion of Gondor by Mordor on 3 March 2020."
    assert ("attack", "2020-03-03") in typed_dates(extractor, body)


def test_a_time_compared_with_does_not_date_the_event(extractor: Extractor) -> None:
    # was: 2016/2020 and 2019; "compared with" and "than in" name the time the event is measured against
    body = "In June 2023 Arnor shelled Osgiliath. Arnor sent twice as many catapults to Gondor compared with 2016-2020."
    assert typed_dates(extractor, body)[-1] == ("transfer", "2023-06")
    body = "Arnor sent more catapults to Gondor than in 2019."
    assert typed_dates(extractor, body) == [("transfer", "2024-12-23")]
