"""The questions analysts ask every day: transfers, events, actor profiles, timelines and paths.

Each lookup resolves the names it is given (gazetteer aliases, then the names the
store holds, ad hoc entities included) to IRIs and runs a named query from
``sparql/`` with those IRIs and literals bound, never formatted into the text.
Results are plain dataclasses and :class:`Listing` tables; the CLI formats them.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, TypeVar

import pyoxigraph as ox

from eventgraph.dates import PartialDate, span_label
from eventgraph.errors import InvalidValue, NotFoundError
from eventgraph.gazetteer import Gazetteer, normalise
from eventgraph.mapping import entity_iri
from eventgraph.model import ACTOR_KINDS, WEAPON_CATEGORIES, Certainty, EntityKind, EventType
from eventgraph.queries import compact_iri, expand_iri, named_query
from eventgraph.sparqltext import bind_rows
from eventgraph import indexqueries
from eventgraph.store import EventStore
from eventgraph.storeindex import lookup_index
from eventgraph.vocab import EGC, EGT, ENTITIES_GRAPH, ID, XSD

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


class Resolver:
    """Names to the IRIs a store uses: gazetteer names and aliases first, then the store's own labels.

    An unknown name is an error that suggests the closest known names.
    """

    def __init__(self, store: EventStore, gazetteer: Gazetteer | None = None) -> None:
        self.store = store
        self.gazetteer = gazetteer or Gazetteer.default()
        self._names: dict[str, list[tuple[str, str, str]]] | None = None

    def stored_names(self) -> dict[str, list[tuple[str, str, str]]]:
        """Normalised name or alias to (IRI, canonical label, class) of every entity in the store."""
        if self._names is None:
            names: dict[str, list[tuple[str, str, str]]] = {}
            for row in self.store.query(named_query("entity-names").text):
                klass = row["class"].value.rpartition("#")[2]
                entry = (row["entity"].value, row["label"].value, klass)
                names.setdefault(normalise(row["name"].value), []).append(entry)
            self._names = names
        return self._names

    def resolve(self, name: str, *, what: str = "actor", classes: frozenset[str] = ACTOR_CLASSES) -> Named:
        text = name.strip()
        if not text:
            raise InvalidValue(f"an empty {what} name")
        # an IRI or a gazetteer name is checked against the store alone: reading every stored
        # name first took 0.4 s of a 0.7 s cold `eventgraph transfers` (benchmarks/lookups.py)
        iri = _as_iri(text)
        if iri is not None and (label := self._stored_label(iri, classes)) is not None:
            return Named(iri, label)
        kinds = {EntityKind.PLACE, EntityKind.COUNTRY} if classes == PLACE_CLASSES else ACTOR_KINDS
        entity = self.gazetteer.lookup(text, kinds)
        if entity is not None and (label := self._stored_label(entity_iri(entity).value, classes)) is not None:
            return Named(entity_iri(entity).value, label)
        stored = {
            iri: label for entries in self.stored_names().values() for iri, label, klass in entries if klass in classes
        }
        matches = [iri for iri, _, klass in self.stored_names().get(normalise(text), []) if klass in classes]
        if matches:
            best = min(matches, key=lambda i: (not i.startswith(f"{ID}country/"), i))
            return Named(best, self.label_of(best, stored))
        if entity is not None:
            return Named(entity_iri(entity).value, entity.label)
        raise NotFoundError(self._unknown_message(text, what, stored, kinds))

    def _stored_label(self, iri: str, classes: frozenset[str]) -> str | None:
        """The stored label of an entity of one of ``classes``, None when the store does not describe one."""
        try:
            node = ox.NamedNode(iri)
        except ValueError:  # not even an IRI ("id/x y"): no stored entity has it
            return None
        labels = [
            row["label"].value
            for row in self.store.query(_ENTITY_LABEL, {"entity": node})
            if row["class"].value.rpartition("#")[2] in classes
        ]
        return labels[-1] if labels else None

    @staticmethod
    def label_of(iri: str, stored: Mapping[str, str]) -> str:
        return stored.get(iri, compact_iri(iri))

    def _unknown_message(self, text: str, what: str, stored: Mapping[str, str], kinds: Iterable[EntityKind]) -> str:
        wanted = normalise(text)
        keys = {normalise(label): label for label in stored.values()}
        suggestions = [keys[k] for k in difflib.get_close_matches(wanted, list(keys), n=3, cutoff=0.6)]
        for label in self.gazetteer.suggest(text, kinds):
            if label not in suggestions:
                suggestions.append(label)
        hint = f"; did you mean {', '.join(repr(s) for s in suggestions[:3])}?" if suggestions else ""
        return f"no {what} named {text!r} in the gazetteer or the store{hint}"


_ENTITY_LABEL = f"""SELECT ?entity ?label ?class
WHERE {{ GRAPH {ENTITIES_GRAPH} {{ ?entity a ?class ; rdfs:label ?label }} }} ORDER BY ?label"""


def _as_iri(text: str) -> str | None:
    """``country:PRK`` or a full eventgraph IRI, else None."""
    expanded = expand_iri(text)
    return expanded if expanded.startswith(ID) else None


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
    term = row[name]
    return "" if term is None else str(term.value)


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
    value = _value(row, name)
    return "; ".join(sorted(value.split("; "))) if value else ""


def _joined_optional(row: Any, name: str) -> str:
    value = _optional(row, name)
    return "; ".join(sorted(value.split("; "))) if value else ""


def _optional(row: Any, name: str) -> str:
    try:
        return _value(row, name)
    except KeyError:
        return ""


def _dates(row: Any) -> PartialDate | None:
    return _date_range(_value(row, "date"), _value(row, "dateEnd"))


def _date_range(start: str, end: str) -> PartialDate | None:
    if not start:
        return None
    return PartialDate.parse(f"{start}/{end}" if end else start)


def _run(store: EventStore, query: str, bindings: Mapping[str, ox.NamedNode | ox.Literal]) -> list[Any]:
    """A named query's rows: from the lookup index when the store has one, else from the store."""
    index = lookup_index(store)
    if index is not None and query in indexqueries.QUERIES:
        return indexqueries.QUERIES[query](index.db, bindings)
    return list(store.query(named_query(query).text_for(store), dict(bindings)))


@dataclass
class Listing:
    """A lookup's answer: columns and rows for a table or CSV, records for JSON, and what to say when empty."""

    columns: list[str]
    rows: list[list[str]]
    records: list[dict[str, Any]]
    empty: str

    def __len__(self) -> int:
        return len(self.rows)


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
    store: EventStore,
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
                "sources": [asdict(s) for s in g.sources],
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
                "source": asdict(first.source),
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
    store: EventStore,
    *,
    actor: Named | None = None,
    event_type: str | None = None,
    place: Named | None = None,
    dates: DateRange = DateRange(),
    claims: Any = None,
    disputed: bool | None = None,
) -> Listing:
    """Events in date order with their participants, certainty, who asserts and denies them, and source.

    ``claims`` is a ``claims.ClaimIndex`` of the store; ``disputed`` keeps only the events some claimant
    denies (True) or only the others (False).
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
    # every event in the store (112 s at 1M events for Russia since 2020)
    for row in _run(store, "event-list" if actor is None else "actor-events", bindings):
        when, source, event = str(_dates(row) or ""), _source(row), _value(row, "event")
        if disputed is not None and claims is not None and claims.disputed([event]) != disputed:
            continue
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
        record = dict(zip(EVENT_COLUMNS, values))
        record.update(
            event=event,
            label=_value(row, "label"),
            evidence=_value(row, "quote"),
            asserted_by=asserted,
            denied_by=denied,
            source=asdict(source),
        )
        records.append(record)
    what = " ".join(p for p in (event_type, "events") if p).capitalize()
    where = "".join([f" involving {actor.label}" if actor else "", f" in {place.label}" if place else ""])
    return Listing(EVENT_COLUMNS, rows, records, f"No {what.lower()}{where}{dates.describe()} in the store.")


def timeline(store: EventStore, actor: Named, *, dates: DateRange = DateRange()) -> Listing:
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
        record = dict(zip(TIMELINE_COLUMNS, values))
        record.update(
            event=_value(row, "event"), label=_value(row, "label"), evidence=_value(row, "quote"), source=asdict(source)
        )
        records.append(record)
    return Listing(TIMELINE_COLUMNS, rows, records, f"No events of {actor.label}{dates.describe()} in the store.")


# -- actor profile ---------------------------------------------------------------------------
@dataclass
class Profile:
    """What the store knows about one actor."""

    actor: Named
    kind: str = ""
    iso3: str = ""
    iso2: str = ""
    wikidata: str = ""
    country: str = ""
    aliases: list[str] = field(default_factory=list)
    events: int = 0
    roles: list[dict[str, Any]] = field(default_factory=list)  # type, role, events, articles
    partners: list[dict[str, Any]] = field(default_factory=list)  # partner, events, types
    first: str = ""
    last: str = ""
    sources: list[dict[str, Any]] = field(default_factory=list)  # title, outlet, published, url, events

    def record(self) -> dict[str, Any]:
        return asdict(self)


def actor_profile(store: EventStore, actor: Named, *, dates: DateRange = DateRange(), partners: int = 10) -> Profile:
    """Canonical name, kind, identifiers, aliases, events by type and role, main partners, dates, sources."""
    bound = {"actor": ox.NamedNode(actor.iri), **dates.bindings()}
    profile = Profile(actor=actor)
    for row in _run(store, "actor", {"actor": ox.NamedNode(actor.iri)})[:1]:
        profile.kind = _value(row, "kind")
        profile.iso3, profile.iso2 = _value(row, "iso3"), _value(row, "iso2")
        profile.wikidata = _value(row, "wikidata").rpartition("/")[2]
        profile.country = _value(row, "countryLabel")
        profile.aliases = sorted(a for a in _value(row, "aliases").split("|") if a)
    profile.roles = [
        {
            "type": _value(r, "typeName"),
            "role": _value(r, "role"),
            "events": int(_value(r, "events")),
            "articles": int(_value(r, "articles")),
        }
        for r in _run(store, "actor-roles", bound)
    ]
    profile.partners = [
        {
            "partner": Named(_value(r, "partner"), _value(r, "partnerLabel")).record(),
            "events": int(_value(r, "events")),
            "types": _joined(r, "types"),
        }
        for r in _run(store, "actor-partners", bound)[:partners]
    ]
    profile.sources = [
        {**asdict(_source(r)), "events": int(_value(r, "events"))} for r in _run(store, "actor-sources", bound)
    ]
    events = timeline(store, actor, dates=dates)
    profile.events = len({r["event"] for r in events.records})
    dated = [PartialDate.parse(r["date"]) for r in events.records if r["date"]]
    if dated:
        profile.first = str(min(dated, key=lambda d: d.first_day()).start_iso())
        last = max(dated, key=lambda d: d.last_day())
        profile.last = (last.end or last).start_iso()
    return profile


# -- paths -----------------------------------------------------------------------------------
@dataclass
class Hop:
    source: Named
    target: Named
    events: list[dict[str, str]]  # event, type, date, label, certainty, title


MAX_HOPS = 6  # paths longer than this are not searched for


def find_paths(
    store: EventStore,
    start: Named,
    end: Named,
    *,
    dates: DateRange = DateRange(),
    limit: int = 5,
    max_hops: int = MAX_HOPS,
) -> list[list[Hop]]:
    """Shortest paths between two actors over the actor graph, with the events on each hop.

    A breadth-first search from both ends: each step asks the store for the actors sharing an event with
    the frontier that takes part in fewer events (``actor-degree.rq``, ``actor-links.rq``), so the cost grows
    with the neighbourhoods searched, not with the store.  Building the whole actor graph in networkx took 18 min and 4.8 GB at 1,000,000 events.
    """
    if start.iri == end.iri:
        raise InvalidValue(f"{start.label} and {end.label} are the same actor")
    forward, backward = _Search(start.iri), _Search(end.iri)
    meeting: list[str] = []
    while not meeting and forward.frontier and backward.frontier and forward.depth + backward.depth < max_hops:
        cheaper = _events_of(store, forward.frontier) <= _events_of(store, backward.frontier)
        side, other = (forward, backward) if cheaper else (backward, forward)
        side.step(_actor_links(store, side.frontier, dates))
        meeting = sorted(side.frontier & other.frontier)
    chains: list[list[str]] = []
    for node in meeting:
        for head in forward.chains_to(node):
            for tail in backward.chains_to(node):
                chains.append(head + tail[::-1][1:])
                if len(chains) >= limit:
                    break
            if len(chains) >= limit:
                break
        if len(chains) >= limit:
            break
    return _hops(store, chains, dates, {start.iri: start.label, end.iri: end.label})


class _Search:
    """One side of the search: the actors reached, each with the actors one step nearer the start."""

    def __init__(self, origin: str) -> None:
        self.origin = origin
        self.parents: dict[str, list[str]] = {origin: []}
        self.frontier: set[str] = {origin}
        self.depth = 0

    def step(self, links: Mapping[str, set[str]]) -> None:
        reached: dict[str, list[str]] = {}
        for node in sorted(self.frontier):
            for neighbour in links.get(node, ()):
                if neighbour not in self.parents:
                    reached.setdefault(neighbour, []).append(node)
        self.parents.update(reached)
        self.frontier = set(reached)
        self.depth += 1

    def chains_to(self, node: str) -> Iterable[list[str]]:
        """Every shortest chain of actors from the origin to ``node`` (origin first), lazily."""
        if node == self.origin:
            yield [node]
            return
        for parent in self.parents[node]:
            for chain in self.chains_to(parent):
                yield [*chain, node]


def _actor_links(store: EventStore, frontier: set[str], dates: DateRange) -> dict[str, set[str]]:
    if (index := lookup_index(store)) is not None:
        return indexqueries.actor_links(index.db, frontier, dates.bindings())
    names, values = _date_row(dates)
    text = bind_rows(
        named_query("actor-links").text_for(store),
        ["from", *names],
        [[ox.NamedNode(iri), *values] for iri in sorted(frontier)],
    )
    links: dict[str, set[str]] = {}
    for row in store.query(text):
        links.setdefault(row[0].value, set()).add(row[1].value)
    return links


def _events_of(store: EventStore, frontier: set[str]) -> int:
    if (index := lookup_index(store)) is not None:
        return indexqueries.actor_degree(index.db, frontier)
    text = bind_rows(
        named_query("actor-degree").text_for(store), ["from"], [[ox.NamedNode(i)] for i in sorted(frontier)]
    )
    return sum(int(row[0].value) for row in store.query(text))


def _date_row(dates: DateRange) -> tuple[list[str], list[ox.Literal]]:
    bindings = dates.bindings()
    return list(bindings), list(bindings.values())


def _hops(store: EventStore, chains: Sequence[list[str]], dates: DateRange, labels: dict[str, str]) -> list[list[Hop]]:
    """The chains of actors as hops, with the events each pair shares.

    Each actor's events are read as ids (``actor-event-ids.rq``, an index scan) and intersected here; only
    the shared events are then described (``path-events.rq``).  Asking the store for the events of both
    actors at once made it test every event of one actor for the other: 1 s per hop at 1,000,000 events.
    """
    pairs = sorted({(a, b) for chain in chains for a, b in zip(chain, chain[1:])})
    if not pairs:
        return []
    actors = sorted({actor for pair in pairs for actor in pair})
    events_of = _actor_event_ids(store, actors)
    shared = {pair: events_of[pair[0]] & events_of[pair[1]] for pair in pairs}
    described = _describe_events(store, sorted(set().union(*shared.values())), dates)
    unnamed = [actor for actor in actors if actor not in labels]
    if unnamed and (index := lookup_index(store)) is not None:
        for actor in unnamed:
            labels.update(
                (_value(r, "entity"), _value(r, "label"))
                for r in indexqueries.entity_kinds(index.db, {"entity": ox.NamedNode(actor)})
            )
    elif unnamed:
        text = bind_rows(named_query("entity-kinds").text_for(store), ["entity"], [[ox.NamedNode(a)] for a in unnamed])
        labels.update((_value(row, "entity"), _value(row, "label")) for row in store.query(text))
    return [
        [
            Hop(
                Named(a, labels.get(a, a)),
                Named(b, labels.get(b, b)),
                [event for iri, event in described.items() if iri in shared[(a, b)]],
            )
            for a, b in zip(chain, chain[1:])
        ]
        for chain in chains
    ]


def _actor_event_ids(store: EventStore, actors: Sequence[str]) -> dict[str, set[str]]:
    events_of: dict[str, set[str]] = {actor: set() for actor in actors}
    if (index := lookup_index(store)) is not None:
        events_of.update(indexqueries.actor_event_ids(index.db, actors))
        return events_of
    text = bind_rows(named_query("actor-event-ids").text_for(store), ["from"], [[ox.NamedNode(a)] for a in actors])
    for row in store.query(text):
        events_of[row[0].value].add(row[1].value)
    return events_of


def _path_event_rows(store: EventStore, events: Sequence[str], dates: DateRange) -> Iterable[dict[str, str]]:
    if (index := lookup_index(store)) is not None:
        for row in indexqueries.path_events(index.db, events, dates.bindings()):
            yield {name: "" if term is None else term.value for name, term in row.items()}
        return
    names, values = _date_row(dates)
    text = bind_rows(
        named_query("path-events").text_for(store),
        ["event", *names],
        [[ox.NamedNode(event), *values] for event in events],
    )
    results = store.query(text)
    variables = [variable.value for variable in results.variables]
    for row in results:
        yield dict(zip(variables, ("" if term is None else str(term.value) for term in row)))


def _describe_events(store: EventStore, events: Sequence[str], dates: DateRange) -> dict[str, dict[str, str]]:
    """What a hop lists of each event, in date order; events outside ``dates`` are left out."""
    if not events:
        return {}
    described: dict[str, dict[str, str]] = {}
    for v in _path_event_rows(store, events, dates):
        described.setdefault(
            v["event"],
            {
                "event": v["event"],
                "type": v["typeName"],
                "date": str(_date_range(v["date"], v["dateEnd"]) or ""),
                "label": v["label"],
                "certainty": v["certainty"],
                "title": v["title"],
            },
        )
    return described


PATH_COLUMNS = ["path", "hop", "from", "to", "events", "event"]


def path_listing(paths: Sequence[list[Hop]], start: Named, end: Named, dates: DateRange) -> Listing:
    rows, records = [], []
    for number, path in enumerate(paths, 1):
        for step, hop in enumerate(path, 1):
            for index, event in enumerate(hop.events):
                first = index == 0
                rows.append(
                    [
                        str(number) if first else "",
                        str(step) if first else "",
                        hop.source.label if first else "",
                        hop.target.label if first else "",
                        str(len(hop.events)) if first else "",
                        f"{event['date']} {event['label']}".strip(),
                    ]
                )
        records.append(
            {
                "path": number,
                "hops": [{"from": h.source.record(), "to": h.target.record(), "events": h.events} for h in path],
            }
        )
    empty = f"No connection between {start.label} and {end.label}{dates.describe()} in the store."
    return Listing(PATH_COLUMNS, rows, records, empty)


# -- graph records (the views' input) --------------------------------------------------------
@dataclass
class EventRecord:
    """An event with its participants and source, as the graph views draw it."""

    iri: str
    type: str
    date: str
    certainty: str
    status: str
    label: str
    quote: str
    source: Source
    participants: list[tuple[str, str, str, str]] = field(default_factory=list)  # role, iri, label, class
    attributed_to: list[str] = field(default_factory=list)
    via: list[str] = field(default_factory=list)
    disputed: bool = False
    asserted_by: list[str] = field(default_factory=list)
    denied_by: list[str] = field(default_factory=list)
    claims_for: list[str] = field(default_factory=list)  # "claimant (date): quote", in date order
    claims_against: list[str] = field(default_factory=list)


def graph_records(
    store: EventStore,
    *,
    event_type: str | None = None,
    dates: DateRange = DateRange(),
    certainty: str | None = None,
    source: str | None = None,
) -> list[EventRecord]:
    """Events with every participant, filtered by type, dates, weakest certainty and source."""
    bindings: dict[str, ox.NamedNode | ox.Literal] = dict(dates.bindings())
    if event_type is not None:
        bindings["type"] = event_type_iri(event_type)
    if certainty is not None:
        try:
            rank = Certainty(certainty.strip().lower()).rank
        except ValueError:
            raise InvalidValue(
                f"{certainty!r} is not a certainty; use one of: {', '.join(c.value for c in Certainty)}"
            ) from None
        bindings["maxRank"] = ox.Literal(str(rank), datatype=XSD.integer)
    if source is not None:
        bindings.update(_source_binding(store, source))
    records: dict[str, EventRecord] = {}
    results = store.query(named_query("graph").text_for(store), bindings)
    variables = [variable.value for variable in results.variables]
    for row in results:
        v = dict(zip(variables, ("" if term is None else str(term.value) for term in row)))
        if v["event"] in records:  # an event with two quotes or outlets has a row for each; the first is kept
            continue
        records[v["event"]] = EventRecord(
            iri=v["event"],
            type=v["typeName"],
            date=str(_date_range(v["date"], v["dateEnd"]) or ""),
            certainty=v["certainty"],
            status=v["status"],
            label=v["label"],
            quote=v["quote"],
            source=Source(
                article=v["article"], title=v["title"], outlet=v["outletName"], published=v["published"], url=v["url"]
            ),
        )
    if not records:
        return []
    # Participants and entity names come in two more queries joined here: one query grouping every
    # (event, role, entity) row with the entity's name and class took 2.9 s for 17,801 events, these three 0.45 s.
    names = {
        _value(row, "entity"): (_value(row, "label"), _value(row, "kind")) for row in _run(store, "entity-kinds", {})
    }
    # rows read by position (?event ?role ?entity): by name, reading took 1 s of 1.7 s at 17,801 events
    participants: dict[str, list[tuple[str, str]]] = {}
    for row in _run(store, "graph-participants", bindings):
        event, role, entity = (term.value for term in row)
        participants.setdefault(event, []).append((role, entity))
    for iri, record in records.items():
        for role, entity in sorted(participants.get(iri, ())):
            if entity not in names:
                continue
            name, kind = names[entity]
            if role == "attributedTo":
                record.attributed_to.append(name)
            elif role == "via":
                record.via.append(name)
            else:
                record.participants.append((role, entity, name, kind))
    from eventgraph.claims import annotate_records

    annotate_records(store, list(records.values()))
    return list(records.values())


def _source_binding(store: EventStore, source: str) -> dict[str, ox.NamedNode | ox.Literal]:
    """An article (id, IRI or URL) binds ?article; anything else is taken as an outlet name."""
    try:
        return {"article": store.find_article(source)}
    except (NotFoundError, ValueError):  # ValueError: not even an IRI ("Example Wire")
        pass
    outlets = {
        _value(r, "outlet")
        for r in store.query("SELECT DISTINCT ?outlet WHERE { ?a a eg:Article ; eg:outlet ?outlet }")
    }
    if source in outlets:
        return {"outlet": ox.Literal(source)}
    matches = difflib.get_close_matches(source, sorted(outlets), n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(repr(m) for m in matches)}?" if matches else ""
    raise NotFoundError(f"no article or outlet {source!r} in the store{hint}")
