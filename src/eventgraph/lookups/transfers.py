"""Transfers: who supplies what to whom, reports of the same transfer grouped."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

import pyoxigraph as ox

from eventgraph.backends import GraphStore
from eventgraph.dates import PartialDate, span_label
from eventgraph.errors import InvalidValue
from eventgraph.lookups.common import DateRange, Listing, Named, Source, _dates, _run, _source, _value
from eventgraph.model import WEAPON_CATEGORIES, Certainty
from eventgraph.vocab import EGC


# -- transfers -------------------------------------------------------------------------------
@dataclass
class TransferReport:
    """One article's report of a transfer of one item from a supplier to a recipient."""

    event: str
    supplier: Named
    recipient: Named | None
    item: Named | None
    category: str
    date: PartialDate | None
    certainty: Certainty
    status: str
    quantity: str
    quote: str
    source: Source


@dataclass
class Transfer:
    """Reports of the same transfer (same supplier, recipient and item, overlapping dates) grouped."""

    supplier: Named
    recipient: Named | None
    item: Named | None
    category: str
    reports: list[TransferReport] = field(default_factory=list)

    @property
    def certainty(self) -> Certainty:
        return min((r.certainty for r in self.reports), key=lambda c: c.rank)

    @property
    def dates(self) -> str:
        return span_label(r.date for r in self.reports)

    @property
    def sources(self) -> list[Source]:
        return list(dict.fromkeys(r.source for r in self.reports))


def find_transfers(
    store: GraphStore,
    *,
    supplier: Named | None = None,
    recipient: Named | None = None,
    item: str | None = None,
    category: str | None = None,
    dates: DateRange = DateRange(),
) -> list[TransferReport]:
    """Every report of a transfer matching the filters, one per event, supplier, recipient and item."""
    bindings: dict[str, ox.NamedNode | ox.Literal] = dict(dates.bindings())
    if supplier is not None:
        bindings["supplier"] = ox.NamedNode(supplier.iri)
    if recipient is not None:
        bindings["recipient"] = ox.NamedNode(recipient.iri)
    if item:
        bindings["itemText"] = ox.Literal(item)
    if category is not None:
        if category not in WEAPON_CATEGORIES:
            raise InvalidValue(f"{category!r} is not a weapon category; use one of: {', '.join(WEAPON_CATEGORIES)}")
        bindings["category"] = EGC[category]
    return [_transfer_report(row) for row in _run(store, "transfers", bindings)]


def _transfer_report(row: Any) -> TransferReport:
    def named(iri: str, label: str) -> Named | None:
        return Named(_value(row, iri), _value(row, label)) if row[iri] is not None else None

    supplier = named("supplier", "supplierLabel")
    assert supplier is not None
    return TransferReport(
        event=_value(row, "event"),
        supplier=supplier,
        recipient=named("recipient", "recipientLabel"),
        item=named("item", "itemLabel"),
        category=_value(row, "category").rpartition("/")[2],
        date=_dates(row),
        certainty=Certainty(_value(row, "certainty")),
        status=_value(row, "status"),
        quantity=_value(row, "quantity"),
        quote=_value(row, "quote"),
        source=_source(row),
    )


def group_transfers(reports: Sequence[TransferReport]) -> list[Transfer]:
    """Group reports of the same supplier, recipient and item whose date ranges overlap.

    Undated reports join the only dated group of their key; when there are
    several (or none), they form a group of their own.
    """
    groups: list[Transfer] = []
    for cluster in group_by_identity(
        reports,
        lambda r: (r.supplier.iri, r.recipient.iri if r.recipient else "", r.item.iri if r.item else ""),
        lambda r: r.date,
    ):
        first = cluster[0]
        groups.append(Transfer(first.supplier, first.recipient, first.item, first.category, cluster))
    groups.sort(key=lambda g: (g.dates == "", g.dates, g.supplier.label, _label(g.recipient), _label(g.item)))
    return groups


T = TypeVar("T")


def group_by_identity(
    items: Iterable[T], key: Callable[[T], Hashable], when: Callable[[T], PartialDate | None]
) -> list[list[T]]:
    """Reports of the same event: the same identity ``key`` and overlapping date ranges, in one group.

    Every lookup that merges reports across articles and data sets groups this way (``transfers`` by
    supplier, recipient and item; the claims lookups by type, actors, recipients and items).  Undated
    reports join the only dated group of their key; when there are several (or none), they form a group
    of their own.
    """
    by_key: dict[Hashable, list[T]] = defaultdict(list)
    for item in items:
        by_key[key(item)].append(item)
    groups: list[list[T]] = []
    for members in by_key.values():
        clusters: list[list[T]] = []
        last_day: date | None = None
        dated = [(when(m), m) for m in members if when(m) is not None]
        for value, member in sorted(dated, key=lambda pair: pair[0].first_day()):  # type: ignore[union-attr]
            assert value is not None
            if clusters and last_day is not None and value.first_day() <= last_day:
                clusters[-1].append(member)
                last_day = max(last_day, value.last_day())
            else:
                clusters.append([member])
                last_day = value.last_day()
        undated = [m for m in members if when(m) is None]
        if undated:
            if len(clusters) == 1:
                clusters[0].extend(undated)
            else:
                clusters.append(undated)
        groups.extend(clusters)
    return groups


def _label(named: Named | None) -> str:
    return named.label if named else ""


TRANSFER_COLUMNS = [
    "supplier",
    "recipient",
    "item",
    "category",
    "dates",
    "certainty",
    "reports",
    "asserted by",
    "denied by",
    "sources",
]
REPORT_COLUMNS = [
    "date",
    "supplier",
    "recipient",
    "items",
    "certainty",
    "status",
    "quantity",
    "asserted by",
    "denied by",
    "source",
    "evidence",
]


def claim_sides(claims: Any, events: Iterable[tuple[str, Source]]) -> tuple[list[str], list[str]]:
    """Who asserts and who denies the events: from ``claims`` (a ``claims.ClaimIndex``) when the store has
    claims, else each event's attribution or source."""
    pairs = [(event, source.claimants()) for event, source in events]
    if claims is not None:
        return claims.sides(pairs)  # type: ignore[no-any-return]
    return list(dict.fromkeys(name for _, names in pairs for name in names if name)), []


def transfer_listing(groups: Sequence[Transfer], empty: str, claims: Any = None) -> Listing:
    rows, records = [], []
    for g in groups:
        asserted, denied = claim_sides(claims, ((r.event, r.source) for r in g.reports))
        rows.append(
            [
                g.supplier.label,
                _label(g.recipient),
                _label(g.item),
                g.category,
                g.dates,
                g.certainty.value,
                str(len(g.reports)),
                "; ".join(asserted),
                "; ".join(denied),
                "; ".join(s.cite() for s in g.sources),
            ]
        )
        records.append(
            {
                "supplier": g.supplier.record(),
                "recipient": g.recipient.record() if g.recipient else None,
                "item": g.item.record() if g.item else None,
                "category": g.category or None,
                "dates": g.dates or None,
                "certainty": g.certainty.value,
                "reports": len(g.reports),
                "asserted_by": asserted,
                "denied_by": denied,
                "events": sorted({r.event for r in g.reports}),
                "sources": [s.record() for s in g.sources],
            }
        )
    return Listing(TRANSFER_COLUMNS, rows, records, empty)


def report_listing(reports: Sequence[TransferReport], empty: str, claims: Any = None) -> Listing:
    """One row per reported event (its items together), with the evidence sentence."""
    by_event: dict[str, list[TransferReport]] = {}
    for report in reports:
        by_event.setdefault(report.event, []).append(report)
    rows, records = [], []
    for event, parts in by_event.items():
        first = parts[0]
        recipients = list(dict.fromkeys(_label(p.recipient) for p in parts if p.recipient))
        items = list(dict.fromkeys(_label(p.item) for p in parts if p.item))
        asserted, denied = claim_sides(claims, [(event, first.source)])
        rows.append(
            [
                str(first.date or ""),
                first.supplier.label,
                "; ".join(recipients),
                "; ".join(items),
                first.certainty.value,
                first.status,
                first.quantity,
                "; ".join(asserted),
                "; ".join(denied),
                first.source.cite(),
                first.quote,
            ]
        )
        records.append(
            {
                "event": event,
                "date": str(first.date or "") or None,
                "supplier": first.supplier.record(),
                "recipients": recipients,
                "items": items,
                "certainty": first.certainty.value,
                "status": first.status,
                "quantity": first.quantity or None,
                "asserted_by": asserted,
                "denied_by": denied,
                "source": first.source.record(),
                "evidence": first.quote or None,
            }
        )
    return Listing(REPORT_COLUMNS, rows, records, empty)


def describe_transfers(
    supplier: Named | None, recipient: Named | None, item: str | None, category: str | None, dates: DateRange
) -> str:
    """The sentence an empty answer prints: "No transfers from North Korea to Ukraine in the store."."""
    text = "No transfers"
    if category:
        text += f" of {category}"
    if item:
        text += f" of items matching {item!r}"
    if supplier:
        text += f" from {supplier.label}"
    if recipient:
        text += f" to {recipient.label}"
    return text + dates.describe() + " in the store."
