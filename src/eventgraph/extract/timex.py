"""Date expressions in a sentence, resolved against the article's publication date.

"in June" in a December 2024 article is 2024-06, "on November 5" is 2024-11-05, "the day before" the day before the
sentence's (or the article's) day, "earlier this year" the
publication year, "today" the publication day.  A month later in the year than the publication month is
taken to be last year's (news reports the past more than the future).  An article dated to the month only
("2024-10" in its header) dates "today" or "on Monday" to that month, no finer.  A time told by reference
to one named before ("that year", "in October that year", "that November", "the same year", "in the period")
takes the last date the article wrote out with its year (``context``); with none, it is no date.  So does a time counted
from it ("two days later", "a week earlier", "the next day"), no finer than the date it counts from; "that month"
and "the same day" name the month or the day of the last date told (``told``).  A date the sentence itself
wrote out before such a reference ("In September 2015 ..., and in November that year") outranks the sentences
before.  "May-June 2023" and "17-27 February 2023" are spans that start with their first month or day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from eventgraph.articles import MONTHS
from eventgraph.dates import PartialDate
from eventgraph.extract.sentence import NUMBER_WORDS

_M = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_D = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_Y = r"(?P<year>(?:19|20)\d\d)"
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
RELATIVE = re.compile(
    r"\b(?P<rel>today|yesterday|the day before|the previous day|tonight|"
    r"this (?:year|month|week)|last (?:year|month|week)|"
    r"earlier (?:this|in the) (?:year|month|week)|(?:in )?recent (?:days|weeks)|last night|"
    r"(?<!the )next (?:month|year)|"
    r"on (?P<weekday>" + "|".join(WEEKDAYS) + r")|last (?P<lastweekday>" + "|".join(WEEKDAYS) + r"))\b",
    re.I,
)
FULL_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# "last August" (the last August before the article), "in June last year": a month told from the article's date;
# the month capitalised, so that "the last march" stays a noun
LAST_MONTH = re.compile(
    r"\b(?:[Ll]ast (?P<lastmonth>" + FULL_MONTHS + r")"
    r"|(?P<monthlastyear>" + FULL_MONTHS + r"),?\s+(?:of\s+)?last year)\b"
)
# "on Christmas Day", "on New Year's Eve": a holiday's day, in the last year it fell in before the article
HOLIDAY = re.compile(r"\b(?P<holiday>Christmas (?:Day|Eve)|New Year's (?:Day|Eve|night))\b")
HOLIDAYS = {"christmas day": (12, 25), "christmas eve": (12, 24), "new year's day": (1, 1), "new year's night": (1, 1)}
HOLIDAYS["new year's eve"] = (12, 31)
# "the next morning", "the following night": the day after the last date told (a part of a day counts as one)
NEXT_PART = re.compile(r"\bthe (?:next|following) (?P<unit>morning|afternoon|evening|night)\b", re.I)
ANAPHORIC = [
    # "in October that year", "later that year", "the same year", "of that year": the year of the last date
    re.compile(
        r"\b(?:(?:in|by|until|since|from|early|late|mid-?)\s+)?(?:" + _M + r",?\s+(?:of\s+)?)?"
        r"(?:(?:earlier|later)\s+)?(?:that|the same|that same) (?P<that>year)\b",
        re.I,
    ),
    # "that November", "in that same March": the month of the last date's year
    re.compile(r"\b(?:(?:in|by|until|since|from)\s+)?that (?:same\s+)?" + _M + r"(?![a-z])", re.I),
    # "in the period", "over the same period": the last date written out, as written (a year, a span)
    re.compile(r"\b(?:in|during|over|for) (?:the|that|the same) (?P<period>period)\b", re.I),
    # "two days later", "a week earlier", "the next day": counted from the last date written out
    re.compile(
        r"\b(?P<count>a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})\s+"
        r"(?P<unit>day|week|month|year)s?\s+(?P<direction>later|earlier)\b",
        re.I,
    ),
    re.compile(r"\bthe (?:next|following) (?P<unit>day|week|month|year)\b", re.I),
    NEXT_PART,
    # "hours later", "within hours", "that evening": the day of the last date told
    re.compile(
        r"\b(?P<sameday>(?:(?:a few|several|some|only|just)\s+)?(?:hours|minutes) later|within hours"
        r"|(?:(?:later|earlier) )?that (?:morning|afternoon|evening|night))\b",
        re.I,
    ),
    # "that month", "later that day", "on the same day": the month or the day of the last date, when it has one
    re.compile(
        r"\b(?:(?:in|on|during|by|(?:early|earlier|late|later)(?: in| on)?)\s+)?"
        r"(?:that|the same|that same) (?P<same>month|day)\b",
        re.I,
    ),
]
DAY_BEFORE = re.compile(r"the (?:day before|previous day)", re.I)
COUNTS = {"a": 1, "an": 1, **NUMBER_WORDS}  # "a week later", "two days later"
EXPLICIT_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_M2 = _M.replace("?P<month>", "?P<endmonth>")
_RANGE_LINK = r"\s*[-–/]\s*|\s+(?:and|to|until|through)\s+"
PATTERNS = [
    # "May-June 2023", "between May and June 2023": a span of months; "17-27 February 2023": a span of days
    re.compile(r"\b" + _M + "(?:" + _RANGE_LINK + ")" + _M2 + r",?\s+" + _Y + r"\b", re.I),
    re.compile(
        r"\b" + _D + r"\s*[-–]\s*(?P<endday>\d{1,2})(?:st|nd|rd|th)?\s+" + _M + r"(?:,?\s+" + _Y + r"\b)?(?![a-z])",
        re.I,
    ),
    LAST_MONTH,
    HOLIDAY,
    re.compile(r"\b" + _Y + r"-(?P<mnum>\d\d)-(?P<dnum>\d\d)\b"),
    re.compile(r"\b" + _D + r"\s+" + _M + r",?\s+" + _Y + r"\b", re.I),
    re.compile(r"\b" + _M + r"\s*" + _D + r",?\s+" + _Y + r"\b", re.I),
    re.compile(r"\b" + _M + r"\s*" + _D + r"\b(?!\s*(?:mm|km|%|percent))", re.I),
    re.compile(r"\b" + _D + r"\s+" + _M + r"(?![a-z])", re.I),
    re.compile(r"\b" + _M + r",?\s+(?:of\s+)?" + _Y + r"\b", re.I),
    re.compile(r"\b(?:in|since|by|until|from|during|before|after|of|early|late|mid|mid-)\s+" + _M + r"(?![a-z])", re.I),
    # "in 2016-2020": a span of years (not "2014-18", nor a model number)
    re.compile(r"(?<![\d,.$-])\b" + _Y + r"\s?[-–]\s?(?P<endyear>(?:19|20)\d\d)\b(?![-–]?\d)"),
    re.compile(r"\bmid-" + _Y + r"\b"),  # "in mid-2022": the hyphen that keeps "S-2000" from being a year
    re.compile(r"\bmid-" + _M + r"(?![a-z])", re.I),  # "in mid-March"
    # a year, not a model number ("Mirage 2000-5", "S-2000") nor a quantity
    re.compile(r"(?<![\d,.$-])\b" + _Y + r"\b(?![,.]?\d|-(?:\d(?!\d)|\d{3})|s\b|\s*(?:mm|km|rounds|troops|soldiers))"),
    RELATIVE,
]


@dataclass(frozen=True)
class DateMention:
    start: int  # character offsets within the searched text
    end: int
    value: PartialDate


def find_dates(
    text: str,
    published: date | PartialDate | None,
    context: PartialDate | None = None,
    *,
    nearer: bool = True,
    told: PartialDate | None = None,
) -> list[DateMention]:
    """Every date expression in ``text`` that can be resolved, without overlaps, in text order.

    ``published`` is the article's date: a day, or a ``PartialDate`` known to the month or year only;
    ``context`` the last date written out with its year before ``text`` (for "that year", "the period");
    ``nearer``: a date ``text`` writes out before such a reference outranks ``context``; ``told`` the last date
    told before ``text`` at any precision ("On 6 January ...", then "the same day").
    """
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    # "In September 2015 Russia began strikes, and in November that year ...": a date the sentence wrote out
    # before the reference is nearer than the one of the sentences before
    written = _written_in(text, published) if nearer and _ANAPHORA.search(text) else []
    if context is not None or told is not None or written:
        for pattern in ANAPHORIC:
            for match in pattern.finditer(text):
                # "the same day", "hours later", "the next morning": the last date told, at any precision
                telling = "same" in pattern.groupindex or "sameday" in pattern.groupindex or pattern is NEXT_PART
                counted = telling or "unit" in pattern.groupindex
                before = [
                    m.value
                    for m in written
                    if m.end <= match.start() and (counted or EXPLICIT_YEAR.search(text[m.start : m.end]))
                ]
                local = before[-1] if before else (told or context) if telling else context
                if local is None:
                    continue
                value = _anaphoric(match, local)
                if value is not None and not any(s < match.end() and match.start() < e for s, e in taken):
                    found.append(DateMention(match.start(), match.end(), value))
                    taken.append((match.start(), match.end()))
    if isinstance(published, PartialDate):
        if published.day is None:
            # known to the year only: no month of that year is "later", so none goes back a year
            anchor = published.first_day() if published.month is not None else date(published.year, 12, 31)
            rest = _coarse(text, find_dates(text, anchor, nearer=False), published)
            return sorted(found + [m for m in rest if not _overlaps(m, taken)], key=lambda d: d.start)
        published = published.first_day()
    for pattern in PATTERNS:
        for match in pattern.finditer(text):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            value = _resolve(match, published)
            if value is not None:
                found.append(DateMention(match.start(), match.end(), value))
                taken.append((match.start(), match.end()))
    return _day_before(text, [m for m in sorted(found, key=lambda d: d.start) if not _names_year(text, m)])


_ANAPHORA = re.compile(r"\b(?:that|same|period|later|earlier|next|following)\b", re.I)


def _written_in(text: str, published: date | PartialDate | None) -> list[DateMention]:
    """The dates ``text`` writes out with their year (or, for "the same day", with their day), in text order."""
    found = find_dates(text, published, nearer=False)
    return [m for m in found if EXPLICIT_YEAR.search(text[m.start : m.end]) or m.value.day]


# a capitalised word before a bare year that does not make it a date: "In 2023", "Spring 2024", "Since 2022"
DATE_LEADS = frozenset(
    [
        "in",
        "on",
        "at",
        "by",
        "of",
        "since",
        "from",
        "until",
        "till",
        "to",
        "before",
        "after",
        "during",
        "through",
        "throughout",
        "around",
        "about",
        "early",
        "late",
        "mid",
        "end",
        "spring",
        "summer",
        "autumn",
        "fall",
        "winter",
        "fiscal",
        "fy",
        "and",
        "or",
        "the",
    ]
)
NAME_BEFORE_YEAR = re.compile(r"(?P<word>[A-Z][A-Za-z]+)[ -]$")


def _names_year(text: str, mention: DateMention) -> bool:
    """ "Flintlock 2024", "Maritime Security Belt 2024", "Zapad-2021": a bare year closing a name names the
    exercise or plan, and dates nothing by itself (the sentence's other dates, or the article's, do)."""
    if not re.fullmatch(r"(?:19|20)\d\d", text[mention.start : mention.end]):
        return False
    word = NAME_BEFORE_YEAR.search(text[: mention.start])
    if word is None:
        return False
    lead = word.group("word").lower()
    return lead not in DATE_LEADS and lead.rstrip(".") not in MONTHS


def _day_before(text: str, found: list[DateMention]) -> list[DateMention]:
    """ "said on Wednesday that six were killed the day before": the day before the day the sentence wrote
    first, else before the article's day (as resolved)."""
    out = []
    for mention in found:
        if DAY_BEFORE.fullmatch(text[mention.start : mention.end]):
            day = next((m.value for m in found if m.value.day is not None and m is not mention), None)
            if day is not None:
                shifted = day.first_day() - timedelta(days=1)
                mention = DateMention(mention.start, mention.end, PartialDate(shifted.year, shifted.month, shifted.day))
        out.append(mention)
    return out


def written_out(text: str, mentions: list[DateMention], before: PartialDate | None) -> PartialDate | None:
    """The last of ``mentions`` (dates found in ``text``) written with its year, else ``before``: the context
    of the sentences that follow."""
    for mention in reversed(mentions):
        if EXPLICIT_YEAR.search(text[mention.start : mention.end]) or LAST_YEAR.fullmatch(
            text[mention.start : mention.end]
        ):
            return mention.value
    return before


# "more than 5,000 breaches last year": a year told from the article's date, as good as one written out
LAST_YEAR = re.compile(r"(?:last|this) year", re.I)


def _overlaps(mention: DateMention, taken: list[tuple[int, int]]) -> bool:
    return any(s < mention.end and mention.start < e for s, e in taken)


def _anaphoric(match: re.Match[str], context: PartialDate) -> PartialDate | None:
    if "period" in match.re.groupindex:
        return context
    if "unit" in match.re.groupindex:
        return _counted(match, context)
    if "same" in match.re.groupindex or "sameday" in match.re.groupindex:
        if "sameday" in match.re.groupindex or match.group("same").lower() == "day":
            return PartialDate(context.year, context.month, context.day) if context.day is not None else None
        return PartialDate(context.year, context.month) if context.month is not None else None
    month = MONTHS.get((match.group("month") or "").lower().rstrip("."))
    try:
        return PartialDate(context.year, month)
    except ValueError:
        return None


def _counted(match: re.Match[str], context: PartialDate) -> PartialDate | None:
    """A date counted from ``context`` ("two days later"), no finer than ``context`` is known."""
    groups = match.groupdict()
    count = COUNTS.get((groups.get("count") or "one").lower()) or int(groups["count"])
    sign = -1 if (groups.get("direction") or "").lower() == "earlier" else 1
    unit = match.group("unit").lower()
    start = context.end or context if sign > 0 else context  # after a span, counted from its end
    try:
        if unit == "year":
            return PartialDate(start.year + sign * count)
        if unit == "month" or start.day is None:
            if start.month is None:
                return None  # "a few months after 2020": no month to count from
            months = start.year * 12 + start.month - 1 + (sign * count if unit == "month" else 0)
            return PartialDate(months // 12, months % 12 + 1)
        days = count * (7 if unit == "week" else 1)
        shifted = start.first_day() + timedelta(days=sign * days)
        return PartialDate(shifted.year, shifted.month, shifted.day)
    except ValueError:
        return None


def _coarse(text: str, found: list[DateMention], published: PartialDate) -> list[DateMention]:
    """Dates resolved against the first day of a month-precision publication date, cut to what is known.

    Dates the text spells out keep their precision; "today", "on Monday" or "last week" become the month.
    """
    out = []
    for mention in found:
        value = mention.value
        relative = RELATIVE.fullmatch(text[mention.start : mention.end])
        if relative and (
            published.month is None
            or value.day is not None
            or "week" in relative.group(0).lower()
            or "days" in relative.group(0).lower()
        ):
            value = PartialDate(published.year, published.month)
        out.append(DateMention(mention.start, mention.end, value))
    return out


def _resolve(match: re.Match[str], published: date | None) -> PartialDate | None:
    parts = {k: v for k, v in match.groupdict().items() if v}
    if ("lastmonth" in parts or "monthlastyear" in parts) and published is not None:
        named = MONTHS[(parts.get("lastmonth") or parts["monthlastyear"]).lower()]
        # "last August" in March is last year's, in September this year's; "June last year" always last year's
        back = "monthlastyear" in parts or named >= published.month
        try:
            return PartialDate(published.year - back, named)
        except ValueError:  # before year 1
            return None
    if "holiday" in parts:
        if published is None:
            return None
        on_month, on_day = HOLIDAYS[parts["holiday"].lower()]
        back = (on_month, on_day) > (published.month, published.day)
        return PartialDate(published.year - back, on_month, on_day) if published.year > back else None
    if "rel" in parts:
        try:
            return _relative(parts["rel"].lower(), parts.get("weekday") or parts.get("lastweekday"), published)
        except (ValueError, OverflowError):  # "last month" of January in year 1: before any date there is
            return None
    month = int(parts["mnum"]) if "mnum" in parts else MONTHS.get(parts.get("month", "").lower().rstrip("."))
    day_text = parts.get("dnum") or parts.get("day")
    day = int(day_text) if day_text else None
    if "endyear" in parts:
        first, last = int(parts["year"]), int(parts["endyear"])
        return PartialDate(first, end=PartialDate(last)) if first < last else None
    if "year" in parts:
        year = int(parts["year"])
    elif published is not None and month is not None:
        year = published.year - (month > published.month)
    else:
        return None
    try:
        if "endmonth" in parts and month is not None:
            last = MONTHS[parts["endmonth"].lower().rstrip(".")]
            # "December-January 2024": the span starts the year before
            return PartialDate(year - (month > last), month, end=PartialDate(year, last)) if month != last else None
        if "endday" in parts and month is not None and day is not None:
            last_day = int(parts["endday"])
            return PartialDate(year, month, day, end=PartialDate(year, month, last_day)) if last_day > day else None
        return PartialDate(year, month, day if month else None)
    except ValueError:
        return None


def _relative(text: str, weekday: str | None, published: date | None) -> PartialDate | None:
    if published is None:
        return None
    if weekday:
        back = (published.weekday() - WEEKDAYS.index(weekday.lower())) % 7
        if back == 0 and text.startswith("last"):
            back = 7  # "last Friday" said on a Friday: a week before
        return PartialDate.from_date(published - timedelta(days=back))
    if text == "last night":
        return PartialDate.from_date(published - timedelta(days=1))
    if text.startswith("next"):
        if text.endswith("year"):
            return PartialDate(published.year + 1)
        following = published.replace(day=28) + timedelta(days=4)
        return PartialDate(following.year, following.month)
    if text in ("today", "tonight"):
        return PartialDate.from_date(published)
    if text in ("yesterday", "the day before", "the previous day"):
        return PartialDate.from_date(published - timedelta(days=1))
    if text.endswith("year"):
        return PartialDate(published.year - text.startswith("last"))
    if text.endswith("month"):
        if text.startswith("last"):
            previous = published.replace(day=1) - timedelta(days=1)
            return PartialDate(previous.year, previous.month)
        return PartialDate(published.year, published.month)
    if text.endswith("week") and text.startswith("last"):
        start = published - timedelta(days=7)
        return PartialDate(start.year, start.month)
    return PartialDate(published.year, published.month)
