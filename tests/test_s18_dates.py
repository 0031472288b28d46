"""Dates of events, session 18 (issue 12): constructions found among the date errors of ``train``, tested on
invented sentences about Arnor, Gondor and Mordor."""

from __future__ import annotations

from datetime import date

from eventgraph.dates import PartialDate
from eventgraph.extract.timex import find_dates

PUBLISHED = date(2024, 12, 23)


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
