"""ACLED CSV exports: event types and sub-types mapped by ``data/acled_event_types.csv``.

Actors are resolved through the gazetteer ("Military Forces of Russia (2000-)"
is Russia's armed forces); names it lacks are kept as written, their kind from
``data/acled_actor_kinds.csv`` and their state from the name.  Fatalities
become a Casualties event of the attacked side (ACLED does not split them by
side).  Sources become ``eg:reportedVia``, the notes a comment; the events
are attributed to ACLED.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from datetime import datetime
from functools import lru_cache
from typing import Any

from eventgraph.dates import PartialDate
from eventgraph.errors import InputError, InvalidValue
from eventgraph.importers.common import (
    ImportFormat,
    Item,
    Resolver,
    RowError,
    RowProblem,
    SourceFile,
    ad_hoc,
    at_coordinates,
    check_encoding,
    csv_rows,
    first_line,
    problem,
)
from eventgraph.model import (
    Certainty,
    DataRecord,
    Entity,
    EntityKind,
    Event,
    EventType,
    Quantity,
    Status,
)
from eventgraph.resources import read_data_table

REQUIRED = (
    "event_id_cnty",
    "event_date",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "country",
    "location",
    "latitude",
    "longitude",
    "source",
    "notes",
    "fatalities",
)
ACTOR_KINDS = [
    EntityKind.COUNTRY,
    EntityKind.ORGANIZATION,
    EntityKind.MILITARY_UNIT,
    EntityKind.ARMED_GROUP,
    EntityKind.PERSON,
]
_YEARS = re.compile(r"\s*\(\d{4}-\d{0,4}\)")  # "(2000-)": the period of a government or force
_OWNER = re.compile(r"^(?:.+? of )?(?P<state>[^()]+?)(?: \(\d{4}-\d{0,4}\))?(?: .*)?$")
_IN_PARENS = re.compile(r"\((?P<state>[^()]+)\)\s*$")
DATE_FORMATS = ("%d %B %Y", "%Y-%m-%d", "%d-%B-%Y")


@lru_cache(maxsize=1)
def event_types() -> dict[tuple[str, str], EventType | None]:
    """(event_type, sub_event_type) -> our type, None for those we do not model."""
    return {
        (row["event_type"], row["sub_event_type"]): EventType(row["type"]) if row["type"] else None
        for row in read_data_table("acled_event_types.csv")
    }


@lru_cache(maxsize=1)
def actor_kinds() -> tuple[tuple[str, EntityKind], ...]:
    rows = read_data_table("acled_actor_kinds.csv")
    kinds = {kind.value: kind for kind in EntityKind}
    try:
        return tuple(sorted(((row["prefix"], kinds[row["kind"]]) for row in rows), key=lambda p: -len(p[0])))
    except KeyError as error:
        raise InvalidValue(f"acled_actor_kinds.csv: unknown kind {error}") from None


def read_acled(source: SourceFile, resolver: Resolver) -> Iterator[Item]:
    reader = csv.reader(source.lines())
    try:
        header = [name.strip().lstrip("\ufeff") for name in next(reader, [])]
    except csv.Error as error:
        raise InputError(f"not an ACLED export: unreadable header ({error})", location=str(source.path)) from None
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise InputError(f"not an ACLED export: no column {', '.join(missing)}", location=str(source.path))
    for cells in csv_rows(reader):
        if isinstance(cells, RowProblem):
            yield cells
            continue
        line = first_line(reader.line_num, cells)
        if not any(cell.strip() for cell in cells):
            continue
        try:
            if len(cells) != len(header):
                raise RowError("wrong field count", f"{len(cells)} fields, expected {len(header)}")
            yield from _records(dict(zip(header, (c.strip() for c in cells), strict=True)), line, resolver)
        except RowError as error:
            yield problem(line, error)


def _records(row: dict[str, str], line: int, resolver: Resolver) -> Iterator[DataRecord]:
    check_encoding(row.values())
    key = (row["event_type"], row["sub_event_type"])
    if key not in event_types():
        raise RowError("unknown event type", " / ".join(key))
    day = _date(row["event_date"])
    fatalities = _fatalities(row["fatalities"])
    kind = event_types()[key]
    if kind is None:
        raise RowError("event type not modelled", " / ".join(key), malformed=False)
    actors = [_actor(name, resolver) for name in _names(row["actor1"], row.get("assoc_actor_1", ""))]
    if not actors:
        raise RowError("no actor", "actor1 is empty")
    targets = [_actor(name, resolver) for name in _names(row["actor2"], row.get("assoc_actor_2", ""))]
    place = _place(row, resolver)
    common: dict[str, Any] = {
        "places": [place],
        "date": day,
        "status": Status.OCCURRED,
        "certainty": Certainty.REPORTED,
        "attributed_to": [resolver.named("armed-conflict-location-and-event-data-project")],
        "via": [_source(name, resolver) for name in _split(row["source"])],
    }
    comment = row["notes"] + (f" [Source: {row['source']}]" if row["source"] else "")
    event = Event(type=kind, actors=actors, recipients=targets, **common)
    yield DataRecord(event=event, line=line, record_id=row["event_id_cnty"], comment=comment)
    if fatalities:
        suffered = targets[:1] or actors[:1]
        quantity = Quantity(f"{fatalities} fatalities", fatalities)
        casualties = Event(type=EventType.CASUALTIES, actors=suffered, quantity=quantity, **common)
        yield DataRecord(event=casualties, line=line, record_id=row["event_id_cnty"], comment=comment)


def _names(*cells: str) -> list[str]:
    return [name for cell in cells for name in _split(cell)]


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(";") if part.strip()]


def _date(text: str) -> PartialDate:
    for pattern in DATE_FORMATS:
        try:
            return PartialDate.from_date(datetime.strptime(text, pattern).date())
        except ValueError:
            continue
    raise RowError("bad date", f"event_date {text!r}")


def _fatalities(text: str) -> int:
    if not (text.isascii() and text.isdigit()):
        raise RowError("non-numeric number", f"fatalities {text!r}")
    return int(text)


def _actor(name: str, resolver: Resolver) -> Entity:
    """The gazetteer's entity for the name (with or without its years), else the name kept, with its state."""
    found = resolver.lookup(name, ACTOR_KINDS) or resolver.lookup(_YEARS.sub("", name), ACTOR_KINDS)
    if found is not None:
        return found
    kind = next((k for prefix, k in actor_kinds() if name.startswith(prefix)), EntityKind.ACTOR)
    return ad_hoc(name, kind, country=_state_of(name, resolver))


def _state_of(name: str, resolver: Resolver) -> str | None:
    """ "Civilians (Ukraine)" and "Military Forces of Ukraine (2019-) Air Force" belong to Ukraine."""
    for pattern in (_IN_PARENS, _OWNER):
        match = pattern.search(name)
        if match:
            state = resolver.country(match["state"].strip())
            if state is not None:
                return state.key
    return None


def _source(name: str, resolver: Resolver) -> Entity:
    return resolver.lookup(name, [EntityKind.ORGANIZATION]) or ad_hoc(name, EntityKind.ORGANIZATION)


def _place(row: dict[str, str], resolver: Resolver) -> Entity:
    """The location (a gazetteer place of that country if known), with the row's coordinates."""
    state = resolver.country(row["country"])
    if state is None:
        raise RowError("unknown country", repr(row["country"]))
    name = row["location"]
    if not name:
        return state
    found = resolver.lookup(name, [EntityKind.PLACE])
    place = (
        found
        if found is not None and found.country in (None, state.key)
        else ad_hoc(f"{name}, {row.get('admin1') or row['country']}", EntityKind.PLACE, country=state.key)
    )
    return at_coordinates(place, row["latitude"], row["longitude"], required=True)


ACLED = ImportFormat(
    name="acled",
    title="ACLED export",
    publisher="armed-conflict-location-and-event-data-project",
    url="https://acleddata.com/",
    read=read_acled,
    encoding="utf-8-sig",
)
