"""Times counted from another event of the same sentence: "on Wednesday, a day after Arnor shelled the town".

An event told in a clause or phrase led by "after" or "before" with a measure ("a day after", "two days
before", "hours after the strike") happened that long before or after the event the clause hangs from: its
date is the other event's, counted back or forward, not the date the sentence writes for the other event.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from eventgraph.dates import PartialDate
from eventgraph.extract.timex import COUNTS

# the measure before "after"/"before", by its unit: days counted, or the same day ("hours after")
UNITS = {
    "day": "day",
    "days": "day",
    "week": "week",
    "weeks": "week",
    "month": "month",
    "months": "month",
    "year": "year",
    "years": "year",
    "hour": "same",
    "hours": "same",
    "minute": "same",
    "minutes": "same",
}
LINKS = {"after": -1, "before": 1}  # the clause's event is that long before ("after") or after ("before") the other


@dataclass(frozen=True)
class Anchor:
    """The clause or phrase of "a day after ...": its top token, the token it hangs from (the other event's
    clause), the measure's unit and count, and the direction the count goes from the other event."""

    clause: Any
    head: Any
    unit: str
    count: int
    sign: int

    def covers(self, token: Any) -> bool:
        """``token`` is inside the anchored clause or phrase."""
        return token.i == self.clause.i or self.clause in token.ancestors


def _measure(link: Any) -> tuple[str, int] | None:
    """ "a day", "two days", "hours": the measure written just before the link word ``link``."""
    previous = link.doc[link.i - 1] if link.i > link.sent.start else None
    if previous is None or previous.dep_ != "npadvmod" or previous.lower_ not in UNITS:
        return None
    unit = UNITS[previous.lower_]
    numbers = [c for c in previous.children if c.i < previous.i and c.dep_ in ("det", "nummod")]
    if unit == "same":
        return unit, 0
    if not numbers:
        return None  # "days after": no count to go by
    word = numbers[-1].lower_
    count = COUNTS.get(word) or (int(word) if word.isdigit() else None)
    return (unit, count) if count else None


def anchor_of(trigger: Any) -> Anchor | None:
    """The "a day after ..." clause or phrase the trigger is told in, if any: the trigger itself or a word
    above it is a verb led by the mark "after"/"before" (an adverbial clause), or the object of such a
    preposition; the measure stands just before the link word."""
    for token in [trigger, *trigger.ancestors]:
        if token.dep_ == "advcl":
            link = next((c for c in token.children if c.dep_ == "mark" and c.lower_ in LINKS), None)
            if link is not None:
                measure = _measure(link)
                return Anchor(token, token.head, *measure, LINKS[link.lower_]) if measure else None
        if token.dep_ == "prep" and token.lower_ in LINKS and token is not trigger:
            measure = _measure(token)
            return Anchor(token, token.head, *measure, LINKS[token.lower_]) if measure else None
        if token.dep_ in ("ccomp", "ROOT", "relcl", "acl"):
            return None  # a clause of its own: what is above it is another sentence's worth
    return None


def anchored_under(trigger: Any) -> Anchor | None:
    """The "two weeks after ..." clause or phrase hanging from the trigger's own verb ("Arnor struck back two
    weeks after Mordor shelled the town on 1 April"): the trigger's time counted from the clause's, reversed."""
    for child in trigger.children:
        if child.dep_ == "advcl":
            link = next((c for c in child.children if c.dep_ == "mark" and c.lower_ in LINKS), None)
        elif child.dep_ == "prep" and child.lower_ in LINKS:
            link = child
        else:
            continue
        if link is None:
            continue
        measure = _measure(link)
        if measure is not None:
            return Anchor(child, trigger, *measure, -LINKS[link.lower_])
    return None


def counted(anchor: Anchor, value: PartialDate) -> PartialDate | None:
    """The date ``anchor``'s count away from the other event's date ``value``, no finer than ``value``."""
    if value.end is not None:
        return None
    step = anchor.sign * anchor.count
    try:
        if anchor.unit == "same":
            return value
        if anchor.unit == "year":
            return PartialDate(value.year + step)
        if value.month is None:
            return PartialDate(value.year) if anchor.unit != "month" or anchor.count < 12 else None
        if anchor.unit == "month" or value.day is None:
            if anchor.unit != "month" and value.day is None:
                return value  # "a day after" an event of some day in May: May, most likely
            months = value.year * 12 + value.month - 1 + step
            return PartialDate(months // 12, months % 12 + 1)
        days = step * (7 if anchor.unit == "week" else 1)
        shifted = value.first_day() + timedelta(days=days)
        return PartialDate(shifted.year, shifted.month, shifted.day)
    except (ValueError, OverflowError):
        return None
