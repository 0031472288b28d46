"""Parameters and rows every lookup shares: date ranges, named entities, sources, listings."""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from eventgraph.backends import GraphStore
from eventgraph.dates import PartialDate
from eventgraph.errors import InvalidValue
from eventgraph.index import queries as indexqueries
from eventgraph.index.hooks import lookup_index
from eventgraph.index.queries import Page
from eventgraph.queries import named_query
from eventgraph.sparqltext import bind_rows

ACTOR_CLASSES = frozenset({"Country", "Organization", "MilitaryUnit", "Person", "ArmedGroup", "Actor"})
PLACE_CLASSES = frozenset({"Place", "Country"})
PARTICIPANT_ROLES = ("actor", "recipient")


# -- parameters ------------------------------------------------------------------------------
@dataclass(frozen=True)
class DateRange:
    """``--since``/``--until`` as the first and last day they allow (ISO days), either open."""

    since: str | None = None
    until: str | None = None

    @classmethod
    def parse(cls, since: str | None = None, until: str | None = None) -> DateRange:
        """``2024``, ``2024-06`` or ``2024-06-19``: since from its first day, until to its last."""
        first = PartialDate.parse(since).first_day() if since else None
        last = PartialDate.parse(until).last_day() if until else None
        if first and last and last < first:
            raise InvalidValue(f"--until {until} is before --since {since}")
        return cls(first.isoformat() if first else None, last.isoformat() if last else None)

    def bindings(self) -> dict[str, ox.Literal]:
        values = {"since": self.since, "until": self.until}
        return {name: ox.Literal(value) for name, value in values.items() if value}

    def describe(self) -> str:
        if self.since and self.until:
            return f" between {self.since} and {self.until}"
        if self.since:
            return f" since {self.since}"
        return f" until {self.until}" if self.until else ""


@dataclass(frozen=True)
class Named:
    """An entity as a lookup names it: its IRI and label."""

    iri: str
    label: str

    def record(self) -> dict[str, str]:
        return {"iri": self.iri, "label": self.label}


# -- shared row handling ---------------------------------------------------------------------
@dataclass(frozen=True)
class Source:
    """The article a claim comes from, and who the claim is attributed to."""

    article: str
    title: str
    outlet: str = ""
    published: str = ""
    url: str = ""
    attributed_to: str = ""
    via: str = ""

    def record(self) -> dict[str, str]:
        """The fields as a dict (``dataclasses.asdict`` without its deep copy: 1.9 s of 5.3 s for 45,000 events)."""
        return dict(self.__dict__)

    def claimants(self) -> list[str]:
        """Who asserts an event that has no claims of its own: its attribution, else its outlet or title."""
        if self.attributed_to:
            return self.attributed_to.split("; ")
        return [self.outlet or self.title]

    def cite(self) -> str:
        where = ", ".join(p for p in (self.outlet, self.published) if p)
        text = f"{self.title} ({where})" if where else self.title
        if self.attributed_to:
            text += f" [attributed to {self.attributed_to}]"
        return text + (f" <{self.url}>" if self.url else "")


def _value(row: Any, name: str) -> str:
    """A row's value as text: a SPARQL term's ``.value``, or the text of a lookup index row; "" if unbound."""
    term = row[name]
    if term is None:
        return ""
    return term if term.__class__ is str else str(term.value)


def _source(row: Any) -> Source:
    outlet = _optional(row, "outletName") or _optional(row, "outlet")
    return Source(
        article=_value(row, "article"),
        title=_value(row, "title"),
        outlet=outlet,
        published=_value(row, "published"),
        url=_value(row, "url"),
        attributed_to=_joined_optional(row, "attributedTo"),
        via=_joined_optional(row, "via"),
    )


def _joined(row: Any, name: str) -> str:
    """A GROUP_CONCAT in sorted order: SPARQL leaves the order to the engine, and engines differ."""
    return _sorted_names(_value(row, name))


def _joined_optional(row: Any, name: str) -> str:
    return _sorted_names(_optional(row, name))


def _sorted_names(value: str) -> str:
    return "; ".join(sorted(value.split("; "))) if "; " in value else value


def _optional(row: Any, name: str) -> str:
    """A value the row may not have as a variable: "" then."""
    if row.__class__ is dict:  # a lookup index row (text values)
        return row.get(name) or ""
    try:
        return _value(row, name)
    except KeyError:
        return ""


def _dates(row: Any) -> PartialDate | None:
    return _date_range(_value(row, "date"), _value(row, "dateEnd"))


@functools.lru_cache(maxsize=4096)  # a listing's events share few dates (45,302 events, 1,500 distinct dates)
def _date_range(start: str, end: str) -> PartialDate | None:
    if not start:
        return None
    return PartialDate.parse(f"{start}/{end}" if end else start)


def _run(
    store: GraphStore,
    query: str,
    bindings: Mapping[str, ox.NamedNode | ox.Literal],
    *,
    among: Sequence[tuple[str, str]] | None = None,
    page: Page | None = None,
) -> list[Any]:
    """A named query's rows: from the lookup index when the store has one, else from the store.

    ``among``: only these events, given with their sources (the query's ``?event`` bound to each, a VALUES
    block of rows; the index finds them through their sources' graphs).  ``page``: only that page of the
    rows, its ``total`` set (the index reads only the page's events in full; the store's rows are cut)."""
    index = lookup_index(store)
    if index is not None and query in indexqueries.QUERIES:
        extra: dict[str, Any] = {}
        if among is not None:
            extra[indexqueries.AMONG] = among
        if page is not None and query in PAGED_IN_INDEX:
            extra[indexqueries.PAGE] = page
        rows = indexqueries.QUERIES[query](index.db, {**bindings, **extra} if extra else bindings)
        return rows if page is None or indexqueries.PAGE in extra else page.of(rows)
    text = named_query(query).text_for(store)
    if among is None:
        rows = list(store.query(text, dict(bindings)))
    elif not among:
        rows = []
    else:
        names = [*bindings, "event"]
        values = [[*bindings.values(), ox.NamedNode(event)] for event, _source in among]
        rows = list(store.query(bind_rows(text, names, values)))
    return rows if page is None else page.of(rows)


PAGED_IN_INDEX = frozenset({"event-list", "actor-events"})  # the index queries that take a ``PAGE``


@dataclass
class Listing:
    """A lookup's answer: columns and rows for a table or CSV, records for JSON, and what to say when empty."""

    columns: list[str]
    rows: list[list[str]]
    records: list[dict[str, Any]]
    empty: str
    page: Page | None = None  # the page of the whole answer these rows are (its ``total`` set), if paged

    def __len__(self) -> int:
        return len(self.rows)
