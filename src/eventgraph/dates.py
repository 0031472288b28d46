"""Partial dates: a year, a month or a day, and spans between two of them."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from eventgraph.errors import InvalidValue

_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


class Precision:
    YEAR = "year"
    MONTH = "month"
    DAY = "day"


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year, month or day; ``end`` makes it a span."""

    year: int
    month: int | None = None
    day: int | None = None
    end: PartialDate | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.year <= 9999:
            raise InvalidValue(f"year {self.year} is out of range")
        if self.month is None and self.day is not None:
            raise InvalidValue("a day needs a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise InvalidValue(f"month {self.month} is out of range")
        if self.day is not None:
            date(self.year, self.month or 1, self.day)  # raises ValueError on 2024-02-30
        if self.end is not None:
            if self.end.end is not None:
                raise InvalidValue("the end of a span cannot itself be a span")
            if self.end.first_day() < self.first_day():
                raise InvalidValue(f"span ends ({self.end}) before it starts")

    @property
    def precision(self) -> str:
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        return Precision.YEAR

    def start_iso(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def first_day(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> date:
        last = self.end or self
        if last.day is not None:
            return date(last.year, last.month or 1, last.day)
        if last.month is not None:
            return date(last.year, last.month, calendar.monthrange(last.year, last.month)[1])
        return date(last.year, 12, 31)

    def __str__(self) -> str:
        if self.end is None:
            return self.start_iso()
        return f"{self.start_iso()}/{self.end.start_iso()}"

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse ``2024``, ``2024-06``, ``2024-06-19`` or a span ``2024-06/2024-08``."""
        text = str(text).strip()
        if "/" in text:
            start_text, _, end_text = text.partition("/")
            start = cls.parse(start_text)
            return cls(start.year, start.month, start.day, end=cls.parse(end_text))
        match = _ISO.fullmatch(text)
        if not match:
            raise InvalidValue(f"{text!r} is not a date; write YYYY, YYYY-MM, YYYY-MM-DD or START/END")
        year, month, day = (int(part) if part else None for part in match.groups())
        try:
            return cls(year or 0, month, day)
        except ValueError as error:
            raise InvalidValue(f"{text!r} is not a real date ({error})") from None

    @classmethod
    def from_date(cls, value: date) -> PartialDate:
        return cls(value.year, value.month, value.day)


def span_label(dates: Iterable[PartialDate | None]) -> str:
    """The dates of several reports as one label: the date itself when all agree, else ``first/last``."""
    dated = [d for d in dates if d is not None]
    if not dated:
        return ""
    first = min(dated, key=lambda d: d.first_day())
    last = max(dated, key=lambda d: d.last_day())
    end = last.end or last
    return str(first) if first.end is None and first == end else f"{first.start_iso()}/{end.start_iso()}"


def parse_day(text: str) -> date:
    """Parse a full ISO day (``2024-12-23``) such as an article's publication date."""
    partial = PartialDate.parse(text)
    if partial.precision != Precision.DAY or partial.end is not None:
        raise InvalidValue(f"{text!r} is not a day; write YYYY-MM-DD")
    return partial.first_day()
