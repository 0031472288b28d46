"""SIPRI Arms Transfers Database trade registers: one Transfer per row.

Read as SIPRI exports them (Windows-1252, preamble lines before the header,
three unnamed ``?`` uncertainty columns, ``;``-separated delivery years) or as
UTF-8 without the preamble.  Columns are read by position: the header repeats
the empty name.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import replace
from functools import lru_cache

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
    check_encoding,
    csv_rows,
    first_line,
    problem,
)
from eventgraph.model import (
    WEAPON_CATEGORIES,
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

HEADER_START = "Recipient,Supplier,"
PREAMBLE_MAX = 30  # SIPRI writes 11 preamble lines
(
    RECIPIENT,
    SUPPLIER,
    ORDER_YEAR,
    ORDER_FLAG,
    ORDERED,
    ORDERED_FLAG,
    DESIGNATION,
    DESCRIPTION,
    DELIVERED,
    DELIVERED_FLAG,
    DELIVERY_YEARS,
    STATUS,
    COMMENTS,
) = range(13)
MIN_FIELDS, MAX_FIELDS = 13, 16  # the three TIV columns at the end may be missing; they are not imported
ACTOR_KINDS = [EntityKind.COUNTRY, EntityKind.ORGANIZATION, EntityKind.ARMED_GROUP]


def read_sipri(source: SourceFile, resolver: Resolver) -> Iterator[Item]:
    lines = source.lines()
    header_line = _skip_preamble(lines, source)
    reader = csv.reader(lines)
    for cells in csv_rows(reader, header_line):
        if isinstance(cells, RowProblem):
            yield cells
            continue
        line = header_line + first_line(reader.line_num, cells)
        if not any(cell.strip() for cell in cells):
            continue
        try:
            yield _record(cells, line, resolver)
        except RowError as error:
            yield problem(line, error)


def _skip_preamble(lines: Iterator[str], source: SourceFile) -> int:
    """Consume lines up to the header; return its line number."""
    for number, text in enumerate(lines, start=1):
        if text.lstrip("\ufeff").startswith(HEADER_START):
            return number
        if number >= PREAMBLE_MAX:
            break
    raise InputError(
        f"no SIPRI trade-register header ('{HEADER_START}...') in the first {PREAMBLE_MAX} lines",
        location=str(source.path),
    )


def _record(cells: list[str], line: int, resolver: Resolver) -> DataRecord:
    if not MIN_FIELDS <= len(cells) <= MAX_FIELDS:
        raise RowError("wrong field count", f"{len(cells)} fields, expected {MIN_FIELDS} to {MAX_FIELDS}")
    cells = [cell.strip() for cell in cells]
    check_encoding(cells)
    supplier = _actor(cells[SUPPLIER], "supplier", resolver)
    recipient = _actor(cells[RECIPIENT], "recipient", resolver)
    designation, description = cells[DESIGNATION], cells[DESCRIPTION]
    if not designation:
        raise RowError("missing weapon designation")
    ordered = _number(cells[ORDERED], "number ordered")
    delivered = _number(cells[DELIVERED], "number delivered")
    order_year = _year(cells[ORDER_YEAR], "year of order")
    deliveries = [_year(y, "year of delivery") for y in cells[DELIVERY_YEARS].split(";") if y.strip()]
    uncertain = "?" in (cells[ORDER_FLAG], cells[ORDERED_FLAG], cells[DELIVERED_FLAG])
    event = Event(
        type=EventType.TRANSFER,
        actors=[supplier],
        recipients=[recipient],
        items=[_weapon(designation, description, resolver)],
        quantity=_quantity(ordered, delivered, deliveries, uncertain),
        date=_span(order_year, deliveries),
        status=_status(ordered, delivered),
        certainty=Certainty.REPORTED,
        attributed_to=[resolver.named("stockholm-international-peace-research-institute")],
    )
    comment = "; ".join(part for part in (cells[STATUS], cells[COMMENTS]) if part)
    return DataRecord(
        event=event,
        line=line,
        record_id=f"line {line}",
        number_ordered=ordered,
        number_delivered=delivered,
        uncertain=uncertain,
        comment=comment or None,
    )


def _actor(name: str, role: str, resolver: Resolver) -> Entity:
    """A state, or what SIPRI marks as non-state (``*``) or international (``**``), or its 'unknown'."""
    if not name:
        raise RowError(f"missing {role}")
    entity = resolver.lookup(name, ACTOR_KINDS)
    if entity is None and ", " in name:  # catalogue order, as older registers write "Korea, North"
        head, _, tail = name.partition(", ")
        entity = resolver.lookup(f"{tail} {head}", ACTOR_KINDS)
    if entity is not None:
        return entity
    bare = name.rstrip("*").strip()
    if name.endswith("**"):
        return ad_hoc(bare, EntityKind.ORGANIZATION)
    if name.endswith("*"):
        return ad_hoc(bare, EntityKind.ARMED_GROUP)
    if name.lower().startswith("unknown "):
        return ad_hoc(name, EntityKind.ACTOR)
    raise RowError(f"unknown {role}", repr(name))


def _weapon(designation: str, description: str, resolver: Resolver) -> Entity:
    """The gazetteer's weapon of that designation and category, else one kept as SIPRI writes it.

    Where two SIPRI items share a designation (Guardian the boat and the APC), the
    gazetteer labels each "<designation> (<what>)"; the description's category picks one.
    """
    category = weapon_category(description)
    found = resolver.lookup(designation, [EntityKind.WEAPON])
    if found is not None and (category is None or found.category in (None, category)):
        return found
    for candidate in resolver.qualified(designation, EntityKind.WEAPON):
        if candidate.category == category:
            return candidate
    if found is not None:
        return found
    return replace(ad_hoc(designation, EntityKind.WEAPON), category=category)


@lru_cache(maxsize=1)
def _category_rules() -> tuple[tuple[re.Pattern[str], str], ...]:
    rules = []
    for row in read_data_table("sipri_weapon_categories.csv"):
        if row["category"] not in WEAPON_CATEGORIES:
            raise InvalidValue(f"sipri_weapon_categories.csv: unknown category {row['category']!r}")
        rules.append((re.compile(row["pattern"]), row["category"]))
    return tuple(rules)


@lru_cache(maxsize=1024)
def weapon_category(description: str) -> str | None:
    """The weapon category of a SIPRI weapon description, by the first rule of the data file that matches."""
    for pattern, category in _category_rules():
        if pattern.search(description):
            return category
    return None


def _number(text: str, what: str) -> int | None:
    if not text:
        return None
    if not (text.isascii() and text.isdigit()):  # '²' is a digit to isdigit, not to int
        raise RowError("non-numeric number", f"{what} {text!r}")
    return int(text)


def _year(text: str, what: str) -> int:
    text = text.strip()
    if not (text.isascii() and text.isdigit() and len(text) == 4 and 1900 <= int(text) <= 2100):
        raise RowError("bad date", f"{what} {text!r}")
    return int(text)


def _span(order_year: int, deliveries: list[int]) -> PartialDate:
    """From the year of order to the last year of delivery (when that comes later)."""
    last = max(deliveries, default=order_year)
    if last > order_year:
        return PartialDate(order_year, end=PartialDate(last))
    return PartialDate(order_year)


def _status(ordered: int | None, delivered: int | None) -> Status:
    if not delivered:
        return Status.PLANNED
    if ordered is not None and delivered < ordered:
        return Status.ONGOING
    return Status.OCCURRED


def _quantity(ordered: int | None, delivered: int | None, deliveries: list[int], uncertain: bool) -> Quantity | None:
    parts = []
    if ordered is not None:
        parts.append(f"{ordered} ordered")
    if delivered is not None:
        years = f" in {', '.join(map(str, deliveries))}" if deliveries else ""
        parts.append(f"{delivered} delivered{years}")
    if not parts:
        return None
    text = "; ".join(parts) + (" (SIPRI marks figures uncertain)" if uncertain else "")
    return Quantity(text=text, value=ordered if ordered is not None else delivered)


SIPRI = ImportFormat(
    name="sipri",
    title="SIPRI Arms Transfers Database, trade register",
    publisher="stockholm-international-peace-research-institute",
    url="https://www.sipri.org/databases/armstransfers",
    read=read_sipri,
)
