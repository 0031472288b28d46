from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventgraph.dates import PartialDate, Precision, parse_day
from eventgraph.errors import InvalidValue


@pytest.mark.parametrize(
    ("text", "precision", "first", "last"),
    [
        ("2024", Precision.YEAR, date(2024, 1, 1), date(2024, 12, 31)),
        ("2024-02", Precision.MONTH, date(2024, 2, 1), date(2024, 2, 29)),
        ("2024-12", Precision.MONTH, date(2024, 12, 1), date(2024, 12, 31)),
        ("2024-06-19", Precision.DAY, date(2024, 6, 19), date(2024, 6, 19)),
        ("2024-06/2024-08", Precision.MONTH, date(2024, 6, 1), date(2024, 8, 31)),
    ],
)
def test_parse_partial_dates(text: str, precision: str, first: date, last: date) -> None:
    value = PartialDate.parse(text)
    assert value.precision == precision
    assert value.first_day() == first
    assert value.last_day() == last
    assert str(value) == text


@pytest.mark.parametrize(
    "text",
    [
        "0000-00-00",
        "2024-02-30",
        "2024-13",
        "24-06",
        "June 2024",
        "2024-06-19T10:00",
        "",
        "2024-08/2024-06",
        "2023-02-29",
    ],
)
def test_bad_dates_are_refused(text: str) -> None:
    with pytest.raises(InvalidValue):
        PartialDate.parse(text)


def test_parse_day_needs_a_full_day() -> None:
    assert parse_day("2024-12-23") == date(2024, 12, 23)
    with pytest.raises(InvalidValue, match="not a day"):
        parse_day("2024-12")


@given(st.dates(min_value=date(1, 1, 1)), st.sampled_from([Precision.YEAR, Precision.MONTH, Precision.DAY]))
def test_round_trip_through_text(day: date, precision: str) -> None:
    value = PartialDate(
        day.year, day.month if precision != Precision.YEAR else None, day.day if precision == Precision.DAY else None
    )
    assert PartialDate.parse(str(value)) == value
    assert value.first_day() <= day <= value.last_day()
