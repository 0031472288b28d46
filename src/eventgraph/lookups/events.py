"""Event lists and an actor's timeline."""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox

from eventgraph.backends import GraphStore
from eventgraph.errors import InvalidValue
from eventgraph.index.queries import Page
from eventgraph.lookups.common import DateRange, Listing, Named, _dates, _joined, _run, _source, _value
from eventgraph.lookups.transfers import claim_sides
from eventgraph.model import EventType
from eventgraph.vocab import EGT

# -- events and timelines --------------------------------------------------------------------
EVENT_COLUMNS = [
    "date",
    "type",
    "actors",
    "recipients",
    "items",
    "places",
    "certainty",
    "status",
    "asserted by",
    "denied by",
    "source",
]
TIMELINE_COLUMNS = ["date", "type", "role", "counterparts", "items", "places", "certainty", "source", "label"]


def event_type_iri(name: str) -> ox.NamedNode:
    try:
        return EGT[EventType(name.strip().lower()).value]
    except ValueError:
        raise InvalidValue(
            f"{name!r} is not an event type; use one of: {', '.join(t.value for t in EventType)}"
        ) from None


def list_events(
    store: GraphStore,
    *,
    actor: Named | None = None,
    event_type: str | None = None,
    place: Named | None = None,
    dates: DateRange = DateRange(),
    claims: Any = None,
    disputed: bool | None = None,
    page: Page | None = None,
) -> Listing:
    """Events in date order with their participants, certainty, who asserts and denies them, and source.

    ``claims`` is a ``claims.ClaimIndex`` of the store; ``disputed`` keeps only the events some claimant
    denies (True) or only the others (False); ``page``: only that page of them (its ``total`` set).
    """
    bindings: dict[str, ox.NamedNode | ox.Literal] = dict(dates.bindings())
    if actor is not None:
        bindings["actor"] = ox.NamedNode(actor.iri)
    if event_type is not None:
        bindings["type"] = event_type_iri(event_type)
    if place is not None:
        bindings["place"] = ox.NamedNode(place.iri)
    rows, records = [], []
    # one actor's events start from its own edges: the general list with an EXISTS filter on the actor read
    # every event in the store (112 s at 1M events for Russia since 2020); --disputed starts from the few
    # events in disputed groups
    among = claims.disputed_events() if disputed and claims is not None else None
    filtered = disputed is not None and claims is not None  # a page is then cut after the filter
    found = _run(
        store, "event-list" if actor is None else "actor-events", bindings, among=among, page=None if filtered else page
    )
    if filtered:
        found = [row for row in found if claims.disputed([_value(row, "event")]) == disputed]
        found = found if page is None else page.of(found)
    for row in found:
        when, source, event = str(_dates(row) or ""), _source(row), _value(row, "event")
        asserted, denied = claim_sides(claims, [(event, source)])
        values = [
            when,
            _value(row, "typeName"),
            _joined(row, "actors"),
            _joined(row, "recipients"),
            _joined(row, "items"),
            _joined(row, "places"),
            _value(row, "certainty"),
            _value(row, "status"),
        ]
        rows.append([*values, "; ".join(asserted), "; ".join(denied), source.cite()])
        record: dict[str, object] = dict(zip(EVENT_COLUMNS, values, strict=False))  # the leading columns
        record.update(
            event=event,
            label=_value(row, "label"),
            evidence=_value(row, "quote"),
            asserted_by=asserted,
            denied_by=denied,
            source=source.record(),
        )
        records.append(record)
    kind = None if disputed is None or claims is None else ("disputed" if disputed else "undisputed")
    what = " ".join(p for p in (kind, event_type, "events") if p).capitalize()
    where = "".join([f" involving {actor.label}" if actor else "", f" in {place.label}" if place else ""])
    return Listing(EVENT_COLUMNS, rows, records, f"No {what.lower()}{where}{dates.describe()} in the store.", page)


def timeline(store: GraphStore, actor: Named, *, dates: DateRange = DateRange()) -> Listing:
    """An actor's events in date order, with its role and the other side."""
    rows, records = [], []
    for row in _run(store, "actor-timeline", {"actor": ox.NamedNode(actor.iri), **dates.bindings()}):
        values = [
            str(_dates(row) or ""),
            _value(row, "typeName"),
            _value(row, "role"),
            _joined(row, "counterparts"),
            _joined(row, "items"),
            _joined(row, "places"),
            _value(row, "certainty"),
        ]
        source = _source(row)
        rows.append([*values, source.cite(), _value(row, "label")])
        record: dict[str, object] = dict(zip(TIMELINE_COLUMNS, values, strict=False))  # the leading columns
        record.update(
            event=_value(row, "event"),
            label=_value(row, "label"),
            evidence=_value(row, "quote"),
            source=source.record(),
        )
        records.append(record)
    return Listing(TIMELINE_COLUMNS, rows, records, f"No events of {actor.label}{dates.describe()} in the store.")
