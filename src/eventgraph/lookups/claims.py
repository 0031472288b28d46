"""Claims and counter-claims: who asserts an event, who denies it, and since when.

Every report of an event is a claim by a claimant with a stance (asserts, denies, confirms, retracts).  An
event stored without claims of its own is asserted by its ``prov:wasAttributedTo``, or by its source (the
article's outlet, the data set) when it names none.  Claims about the same event meet across articles and
data sets where the events have the same identity: type, actors, recipients, items (or their categories)
and overlapping dates, grouped as ``transfers`` groups its reports (:func:`lookups.group_by_identity`).  An
event that a source only denies (no assertion of its own) joins every group of its identity its denial's
scope reaches.  Each grouped event counts its independent claimants for and against: a claimant's latest
claim decides its side.

The store is read in steps, each a named query with values bound, never formatted into the text:
``claimed-events`` (the events someone denies, or that have any claim), ``event-members`` (the events of the
same identity as those, found from each) and ``event-facts`` (what the store and the claimants say of each
member).  One query joining the three took 7 minutes and 9 GB at 1,000,000 events with one claimed
article: Oxigraph read the facts of every event in the store before joining them to the few members.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from eventgraph.dates import PartialDate, span_label
from eventgraph.errors import InvalidValue, NotFoundError
from eventgraph.index import queries as indexqueries
from eventgraph.index.hooks import lookup_index
from eventgraph.lookups.common import DateRange, Listing, Named, Source
from eventgraph.lookups.events import event_type_iri
from eventgraph.lookups.transfers import group_by_identity
from eventgraph.model import ClaimScope, Stance
from eventgraph.queries import expand_iri, named_query
from eventgraph.sparqltext import bind_rows
from eventgraph.vocab import EGT, ID, XSD

if TYPE_CHECKING:
    from eventgraph.backends import GraphStore
    from eventgraph.lookups.graph import EventRecord

_ANY_CLAIM = "SELECT ?claim WHERE { ?event eg:claim ?claim } LIMIT 1"


@dataclass(frozen=True)
class ClaimRecord:
    """One claimant's word on one stored event; ``claimant`` None: the source itself speaks."""

    event: str
    stance: Stance
    claimant: Named | None
    date: str  # when the claim was made: its own date, else the source's
    quote: str
    source: Source
    scope_since: str = ""
    scope_until: str = ""
    scope_items: tuple[Named, ...] = ()
    stated: bool = True  # False: the implicit assertion of an event without claims of its own

    @property
    def claimant_key(self) -> str:
        """Who the claimant is, for counting independent claimants: an actor, else the outlet or source."""
        if self.claimant is not None:
            return self.claimant.iri
        return "outlet:" + self.source.outlet if self.source.outlet else self.source.article

    @property
    def claimant_label(self) -> str:
        if self.claimant is not None:
            return self.claimant.label
        return self.source.outlet or self.source.title

    @property
    def scope(self) -> str:
        period = f"{self.scope_since}/{self.scope_until}" if self.scope_since or self.scope_until else ""
        items = ", ".join(i.label for i in self.scope_items)
        return "; ".join(p for p in (period, items) if p)

    def reaches(self, first: datetime.date | None, last: datetime.date | None, items: set[str]) -> bool:
        """Whether the claim's scope covers (part of) an event of these dates and items."""
        scope = ClaimScope(
            since=PartialDate.parse(self.scope_since) if self.scope_since else None,
            until=PartialDate.parse(self.scope_until) if self.scope_until else None,
        )
        if not scope.overlaps(first, last):
            return False
        return not self.scope_items or not items or bool({i.iri for i in self.scope_items} & items)

    def record(self) -> dict[str, Any]:
        return {
            "event": self.event,
            "stance": self.stance.value,
            "claimant": self.claimant.record() if self.claimant else None,
            "claimant_label": self.claimant_label,
            "date": self.date or None,
            "quote": self.quote or None,
            "scope": self.scope or None,
            "stated": self.stated,
            "source": self.source.record(),
        }


@dataclass
class Member:
    """A stored event as the claims lookups see it: its identity, source and claims."""

    iri: str
    type: str = ""
    date: PartialDate | None = None
    label: str = ""
    quote: str = ""
    certainty: str = ""
    actors: dict[str, str] = field(default_factory=dict)  # IRI -> label
    recipients: dict[str, str] = field(default_factory=dict)
    items: dict[str, str] = field(default_factory=dict)
    categories: set[str] = field(default_factory=set)
    attributed: dict[str, str] = field(default_factory=dict)
    source: Source = field(default_factory=lambda: Source(article="", title=""))
    claims: list[ClaimRecord] = field(default_factory=list)

    @property
    def asserted(self) -> bool:
        """An event without claims of its own is asserted by its source; else only if a claim supports it."""
        return not self.claims or any(c.stance.supports for c in self.claims)

    def identity(self) -> tuple[str, frozenset[str], frozenset[str], frozenset[str]]:
        return (self.type, frozenset(self.actors), frozenset(self.recipients), frozenset(self.items))

    def all_claims(self) -> list[ClaimRecord]:
        if self.claims:
            return self.claims
        claimants: list[Named | None] = [Named(i, label) for i, label in sorted(self.attributed.items())] or [None]
        return [
            ClaimRecord(
                event=self.iri,
                stance=Stance.ASSERTS,
                claimant=claimant,
                date=self.source.published,
                quote=self.quote,
                source=self.source,
                stated=False,
            )
            for claimant in claimants
        ]


@dataclass
class ClaimedEvent:
    """Reports of one event from every article and data set, with every claim made about it."""

    members: list[Member]
    attached: list[Member] = field(default_factory=list)  # events only denied, joined by their scope

    @property
    def first(self) -> Member:
        return self.members[0]

    @property
    def iris(self) -> list[str]:
        return sorted({m.iri for m in self.members + self.attached})

    def span(self) -> tuple[date | None, date | None]:
        dated = [m.date for m in self.members if m.date is not None]
        if not dated:
            return None, None
        return min(d.first_day() for d in dated), max(d.last_day() for d in dated)

    @property
    def dates(self) -> str:
        return span_label(m.date for m in self.members)

    @property
    def claims(self) -> list[ClaimRecord]:
        """Every claim about the event in date order; a scoped claim only when its scope reaches the event."""
        first, last = self.span()
        items = {i for m in self.members for i in m.items}
        found = {
            (c.event, c.stance, c.claimant_key, c.quote, c.date): c
            for m in self.members + self.attached
            for c in m.all_claims()
            if c.stance.supports or c.reaches(first, last, items)
        }
        return sorted(found.values(), key=lambda c: (c.date, c.stance.value, c.claimant_label))

    def sides(self) -> tuple[list[ClaimRecord], list[ClaimRecord]]:
        """The claimants for and against: each claimant counted once, on the side of its latest claim."""
        latest: dict[str, ClaimRecord] = {}
        for claim in self.claims:
            latest[claim.claimant_key] = claim
        chosen = sorted(latest.values(), key=lambda c: c.claimant_label)
        return [c for c in chosen if c.stance.supports], [c for c in chosen if not c.stance.supports]

    @property
    def asserted_by(self) -> list[str]:
        return [c.claimant_label for c in self.sides()[0]]

    @property
    def denied_by(self) -> list[str]:
        return [c.claimant_label for c in self.sides()[1]]

    @property
    def disputed(self) -> bool:
        supporting, opposing = self.sides()
        return bool(supporting) and bool(opposing)

    @property
    def label(self) -> str:
        return next((m.label for m in self.members if m.asserted and m.label), self.first.label)

    def record(self) -> dict[str, Any]:
        first = self.first
        supporting, opposing = self.sides()
        return {
            "event": first.iri,
            "events": self.iris,
            "type": first.type,
            "label": self.label,
            "dates": self.dates or None,
            "actors": [Named(i, n).record() for i, n in sorted(first.actors.items())],
            "recipients": [Named(i, n).record() for i, n in sorted(first.recipients.items())],
            "items": sorted({n for m in self.members for n in m.items.values()}),
            "asserted_by": [c.claimant_label for c in supporting],
            "denied_by": [c.claimant_label for c in opposing],
            "corroboration": {"asserting": len(supporting), "denying": len(opposing)},
            "sources": len({c.source.article for c in self.claims}),
            "claims": [c.record() for c in self.claims],
        }


# -- reading the store ---------------------------------------------------------------------------
def store_has_claims(store: GraphStore) -> bool:
    """Whether any event in the store has a claim of its own (else every event is simply asserted)."""
    return bool(list(store.query(_ANY_CLAIM)))


def read_members(rows: Iterable[Any]) -> list[Member]:
    """Members and their claims from the fact rows of ``event-facts.rq``."""
    members: dict[str, Member] = {}
    claims: dict[str, dict[str, dict[str, Any]]] = {}
    facts: dict[str, dict[str, Any]] = {}
    for row in rows:
        member, claim, fact = (_text(row, n) for n in ("member", "claim", "fact"))
        value, label = _text(row, "value"), _text(row, "valueLabel")
        if claim:
            slot = claims.setdefault(member, {}).setdefault(claim, {"claimant": {}, "scopeItem": {}})
            if fact in ("claimant", "scopeItem"):
                slot[fact][value] = label or value
            else:
                slot[fact] = value
            continue
        m = members.setdefault(member, Member(iri=member))
        known = facts.setdefault(member, {})
        if fact in ("actor", "recipient", "item", "attributedTo"):
            {"actor": m.actors, "recipient": m.recipients, "item": m.items, "attributedTo": m.attributed}[fact][
                value
            ] = label or value
        elif fact == "category":
            m.categories.add(value)
        else:
            known[fact] = value
    for iri, m in members.items():
        known = facts.get(iri, {})
        start, end = known.get("date", ""), known.get("dateEnd", "")
        m.date = PartialDate.parse(f"{start}/{end}" if end else start) if start else None
        m.type, m.label, m.quote = known.get("type", ""), known.get("label", ""), known.get("quote", "")
        m.certainty = known.get("certainty", "").rpartition("#")[2].lower()
        m.source = Source(
            article=known.get("source", ""),
            title=known.get("title", ""),
            outlet=known.get("outlet", ""),
            published=known.get("published", ""),
            url=known.get("url", ""),
            attributed_to="; ".join(sorted(m.attributed.values())),
        )
        for _claim, values in sorted(claims.get(iri, {}).items()):
            m.claims.extend(_claim_records(m, values))
    return list(members.values())


def _claim_records(member: Member, values: dict[str, Any]) -> list[ClaimRecord]:
    stance = Stance(values.get("stance", "").rpartition("#")[2].lower())
    scope_items = tuple(Named(i, n) for i, n in sorted(values["scopeItem"].items()))
    claimants: list[Named | None] = [Named(i, n) for i, n in sorted(values["claimant"].items())] or [None]
    return [
        ClaimRecord(
            event=member.iri,
            stance=stance,
            claimant=claimant,
            date=values.get("claimDate") or member.source.published,
            quote=values.get("claimQuote", ""),
            source=member.source,
            scope_since=values.get("scopeStart", ""),
            scope_until=values.get("scopeEnd", ""),
            scope_items=scope_items,
        )
        for claimant in claimants
    ]


def _text(row: Any, name: str) -> str:
    term = row[name]
    return "" if term is None else str(term.value)


def group_claims(members: Sequence[Member]) -> list[ClaimedEvent]:
    """Members of the same identity and overlapping dates as one event; events only denied join the groups
    of their identity (type, actors; recipients and items when they name them) their scope reaches."""
    asserted = [m for m in members if m.asserted]
    groups = [ClaimedEvent(cluster) for cluster in group_by_identity(asserted, Member.identity, lambda m: m.date)]
    for member in (m for m in members if not m.asserted):
        homes = [g for g in groups if _joins(member, g)]
        for group in homes:
            group.attached.append(member)
        if not homes:
            groups.append(ClaimedEvent([member]))
    groups.sort(key=lambda g: (g.dates == "", g.dates, g.first.type, g.label))
    return groups


def _joins(member: Member, group: ClaimedEvent) -> bool:
    kind, actors, recipients, items = group.first.identity()
    if member.type != kind or frozenset(member.actors) != actors:
        return False
    if member.recipients and recipients and frozenset(member.recipients) != recipients:
        return False
    categories = {c for m in group.members for c in m.categories}
    if member.items and items and not (set(member.items) & items or member.categories & categories):
        return False  # "no drones" reaches the Shahed-136 deliveries, not the tanks
    if member.date is not None:
        first, last = group.span()
        if (
            first is not None
            and last is not None
            and (member.date.last_day() < first or last < member.date.first_day())
        ):
            return False
    first, last = group.span()
    return any(c.reaches(first, last, set(group.first.items)) for c in member.claims)


# -- lookups ---------------------------------------------------------------------------------------
def claimed_events(
    store: GraphStore, *, against: bool = True, event_type: str | None = None, party: Named | None = None
) -> list[ClaimedEvent]:
    """The grouped events that have claims (only those someone denies or retracts, when ``against``)."""
    if not store_has_claims(store):  # one probe; the grouping query took over 5 minutes at 1,000,000 events
        return []
    bindings: dict[str, ox.NamedNode | ox.Literal] = {}
    if not against:
        bindings["all"] = ox.Literal("1", datatype=XSD.integer)
    if event_type is not None:
        bindings["type"] = event_type_iri(event_type)
    if party is not None:
        bindings["party"] = ox.NamedNode(party.iri)
    anchors = [row["event"] for row in store.query(_query_text("claimed-events", store), bindings)]
    return group_claims(_members_of(store, anchors))


def _members_of(store: GraphStore, events: Sequence[ox.NamedNode]) -> list[Member]:
    """The events of the same identity as ``events`` (``event-members``), with their facts and claims.

    With a lookup index the query checks only the pairs the index finds (same type, a shared actor,
    overlapping dates); without one it looks at every event of each actor (3.3 s at 1,000,000 events)."""
    index = lookup_index(store)
    if index is None:
        rows = _bound_rows(store, "event-members", ["event"], [[event] for event in events])
    else:
        pairs = indexqueries.identity_candidates(index.db, _identities(store, events))
        rows = _bound_rows(
            store, "event-members", ["event", "member"], [[ox.NamedNode(e), ox.NamedNode(m)] for e, m in pairs]
        )
    members = sorted({str(row["member"].value) for row in rows})
    return read_members(_bound_rows(store, "event-facts", ["member"], [[ox.NamedNode(m)] for m in members]))


_IDENTITY = """SELECT ?event ?type ?actor ?recipient ?item ?category ?date ?dateEnd WHERE {
  ?event eg:eventType ?type ; eg:actor ?actor .
  OPTIONAL { ?event eg:recipient ?recipient }
  OPTIONAL { ?event eg:item ?item OPTIONAL { ?item eg:category ?category } }
  OPTIONAL { ?event eg:date ?date }
  OPTIONAL { ?event eg:dateEnd ?dateEnd }
}"""


def _identities(store: GraphStore, events: Sequence[ox.NamedNode]) -> list[indexqueries.Identity]:
    """Each event's type, participants and dates, as the index matches them (``identity_candidates``)."""
    found: dict[str, dict[str, Any]] = {}
    for row in _bound_text_rows(store, _IDENTITY, ["event"], [[event] for event in events]):
        slot = found.setdefault(
            str(row["event"].value), {"actor": set(), "recipient": set(), "item": set(), "category": set()}
        )
        slot["type"] = str(row["type"].value).removeprefix(EGT.base)
        for name in ("actor", "recipient", "item", "category"):
            if value := _text(row, name):
                slot[name].add(value)
        slot["date"], slot["end"] = (_text(row, name) or None for name in ("date", "dateEnd"))
    return [
        indexqueries.Identity(
            event,
            v["type"],
            tuple(sorted(v["actor"])),
            tuple(sorted(v["recipient"])),
            tuple(sorted(v["item"])),
            tuple(sorted(v["category"])),
            v["date"],
            v["end"],
        )
        for event, v in sorted(found.items())
    ]


BOUND_ROWS = 500  # rows of one query's VALUES block


def _bound_rows(store: GraphStore, name: str, variables: list[str], rows: Sequence[list[ox.NamedNode]]) -> list[Any]:
    """The rows of a named query with ``variables`` bound to each of ``rows``, a VALUES block at a time."""
    return _bound_text_rows(store, _query_text(name, store), variables, rows)


def _bound_text_rows(
    store: GraphStore, text: str, variables: list[str], rows: Sequence[list[ox.NamedNode]]
) -> list[Any]:
    found: list[Any] = []
    for start in range(0, len(rows), BOUND_ROWS):
        found.extend(store.query(bind_rows(text, variables, rows[start : start + BOUND_ROWS])))
    return found


def _query_text(name: str, store: GraphStore) -> str:
    return named_query(name).text_for(store)


def find_disputes(
    store: GraphStore, *, party: Named | None = None, event_type: str | None = None, dates: DateRange = DateRange()
) -> list[ClaimedEvent]:
    """Events some claimant asserts and another denies, with both sides."""
    found = []
    for group in claimed_events(store, event_type=event_type, party=party):
        if not group.disputed:
            continue
        if party is not None and party.iri not in {**group.first.actors, **group.first.recipients}:
            continue
        first, last = group.span()
        if dates.since and (last is None or last.isoformat() < dates.since):
            continue
        if dates.until and (first is None or first.isoformat() > dates.until):
            continue
        found.append(group)
    return found


def event_claims(store: GraphStore, event: str) -> ClaimedEvent:
    """The event (an IRI or ``event/<id>``) with every claim made about it, in any article or data set."""
    iri = _event_iri(event)
    members = _members_of(store, [ox.NamedNode(iri)])
    for group in group_claims(members):
        if iri in group.iris:
            return group
    raise NotFoundError(
        f"no event {event!r} in the store; take an id from a lookup's json output (eventgraph events --format json)"
    )


def _event_iri(text: str) -> str:
    value = text.strip()
    if not value:
        raise InvalidValue("an empty event id")
    expanded = expand_iri(value)
    if not expanded.startswith(ID):
        expanded = f"{ID}event/{value.removeprefix('event/')}"
    try:
        ox.NamedNode(expanded)
    except ValueError:
        raise InvalidValue(f"{text!r} is not an event id") from None
    return expanded


class ClaimIndex:
    """Who asserts and who denies each listed event, for the ``asserted by``/``denied by`` columns.

    A store without claims needs no query beyond one probe (``claimed_events``): every event is asserted by
    its attribution or source.  Otherwise the groups of the claimed events are read once and looked up by event IRI.
    """

    def __init__(self, store: GraphStore) -> None:
        self.groups: dict[str, ClaimedEvent] = {}
        self.denied_only: set[str] = set()  # events no source of theirs asserts: only their denials count
        for group in claimed_events(store, against=False):  # none without a probe's claim: one query
            for member in group.members:
                self.groups[member.iri] = group
            for member in group.attached:
                self.groups.setdefault(member.iri, group)
                self.denied_only.add(member.iri)
            if not group.first.asserted:
                self.denied_only.update(m.iri for m in group.members)

    def sides(self, events: Iterable[tuple[str, list[str]]]) -> tuple[list[str], list[str]]:
        """Claimants for and against events given with the names that assert them when they have no claims."""
        supporting: dict[str, None] = {}
        opposing: dict[str, None] = {}
        for iri, fallback in events:
            group = self.groups.get(iri)
            if group is None:
                supporting.update(dict.fromkeys(n for n in fallback if n))
                continue
            supporting.update(dict.fromkeys(group.asserted_by))
            opposing.update(dict.fromkeys(group.denied_by))
        return list(supporting), list(opposing)

    def disputed(self, events: Iterable[str]) -> bool:
        return any(self.groups[i].disputed for i in events if i in self.groups)

    def disputed_events(self) -> list[tuple[str, str]]:
        """Every event in a disputed group with its source: the only candidates of ``events --disputed``."""
        found = {
            (member.iri, member.source.article)
            for group in {id(g): g for g in self.groups.values()}.values()
            if group.disputed
            for member in group.members + group.attached
        }
        return sorted(found)


def annotate_records(store: GraphStore, records: Sequence[EventRecord]) -> None:
    """Who asserts and who denies each event the views draw, and the claims on either side."""
    index = ClaimIndex(store)
    for record in records:
        fallback = record.attributed_to or [record.source.outlet or record.source.title]
        record.asserted_by, record.denied_by = index.sides([(record.iri, fallback)])
        group = index.groups.get(record.iri)
        if group is None:
            continue
        record.disputed = group.disputed
        for claim in group.claims:
            line = f"{claim.claimant_label} ({claim.stance.value}, {claim.date or 'undated'})"
            line += f": {claim.quote}" if claim.quote else ""
            (record.claims_for if claim.stance.supports else record.claims_against).append(line)


# -- listings --------------------------------------------------------------------------------------
DISPUTE_COLUMNS = ["event", "dates", "side", "claimant", "stance", "claim date", "scope", "quote", "source"]
CLAIM_COLUMNS = ["date", "stance", "claimant", "scope", "quote", "source", "event"]


def dispute_listing(groups: Sequence[ClaimedEvent], empty: str) -> Listing:
    """Each disputed event, then its claimants for and against, each with date, quote and source."""
    rows, records = [], []
    for group in groups:
        supporting, opposing = group.sides()
        first = True
        for side, claims in (("for", supporting), ("against", opposing)):
            for claim in _side_claims(group, claims):
                rows.append(
                    [
                        group.label if first else "",
                        group.dates if first else "",
                        side,
                        claim.claimant_label,
                        claim.stance.value,
                        claim.date,
                        claim.scope,
                        claim.quote,
                        claim.source.cite(),
                    ]
                )
                first = False
        records.append(group.record())
    return Listing(DISPUTE_COLUMNS, rows, records, empty)


def _side_claims(group: ClaimedEvent, chosen: list[ClaimRecord]) -> list[ClaimRecord]:
    """Every claim of the chosen claimants on that side, in date order."""
    keys = {c.claimant_key for c in chosen}
    supports = bool(chosen) and chosen[0].stance.supports
    return [c for c in group.claims if c.claimant_key in keys and c.stance.supports == supports]


def claim_listing(group: ClaimedEvent) -> Listing:
    """The chronology of claims about one event."""
    rows = [
        [c.date, c.stance.value, c.claimant_label, c.scope, c.quote, c.source.cite(), c.event] for c in group.claims
    ]
    records = [group.record()]
    return Listing(CLAIM_COLUMNS, rows, records, "No claims about this event in the store.")


def describe_disputes(party: Named | None, event_type: str | None, dates: DateRange) -> str:
    what = f"{event_type} events" if event_type else "events"
    who = f" involving {party.label}" if party else ""
    return f"No disputed {what}{who}{dates.describe()} in the store."
