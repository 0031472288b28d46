"""The events the graph views draw, with every participant (``graph_records``)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from eventgraph.backends import GraphStore
from eventgraph.errors import InvalidValue, NotFoundError
from eventgraph.index import viewrows as indexviews
from eventgraph.index.hooks import lookup_index
from eventgraph.lookups.claims import annotate_records
from eventgraph.lookups.common import DateRange, Source, _date_range, _run, _value
from eventgraph.lookups.events import event_type_iri
from eventgraph.model import Certainty
from eventgraph.queries import named_query
from eventgraph.vocab import XSD


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
    store: GraphStore,
    *,
    event_type: str | None = None,
    dates: DateRange = DateRange(),
    certainty: str | None = None,
    source: str | None = None,
    around: tuple[str, int] | None = None,
    max_events: int | None = None,
) -> list[EventRecord]:
    """Events with every participant, filtered by type, dates, weakest certainty and source.

    ``around`` (actor IRI, depth): the caller keeps only that actor's neighbourhood
    (``projections.neighbourhood``), so the lookup index reads only the events among the actors within
    ``depth`` hops.  ``max_events``: more events than this is an error (on the index, counted before any is
    read)."""
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
    event_rows, participant_rows = _graph_rows(store, bindings, around, max_events)
    for v in event_rows:
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
    names = {
        _value(row, "entity"): (_value(row, "label"), _value(row, "kind")) for row in _run(store, "entity-kinds", {})
    }
    participants: dict[str, list[tuple[str, str]]] = {}
    for event, role, entity in participant_rows:
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
    annotate_records(store, list(records.values()))
    return list(records.values())


def _graph_rows(
    store: GraphStore,
    bindings: dict[str, ox.NamedNode | ox.Literal],
    around: tuple[str, int] | None = None,
    max_events: int | None = None,
) -> tuple[Iterable[dict[str, str]], Iterable[tuple[str, str, str]]]:
    """The events of the view (``graph.rq``, values as text, "" when unbound) and their participants
    (``graph-participants.rq``: event, role, entity), from the lookup index when the store has one.

    Participants and entity names come in queries of their own, joined in Python: one query grouping every
    (event, role, entity) row with the entity's name and class took 2.9 s for 17,801 events, three 0.45 s."""
    if (index := lookup_index(store)) is not None:
        near = None if around is None else indexviews.near_actors(index.db, bindings, *around)
        if max_events is not None:  # among the neighbourhood's actors: at least its events
            check_view_size(indexviews.count_events(index.db, bindings, near, up_to=max_events), max_events)
        if near is not None and not indexviews.worth_narrowing(index.db, near):
            near = None  # the neighbourhood is most of the store: read it whole, as without the index
        rows, participants = indexviews.graph_rows(index.db, bindings, near)
        return ({name: value or "" for name, value in row.items()} for row in rows), participants
    results = store.query(named_query("graph").text_for(store), bindings)
    variables = [variable.value for variable in results.variables]
    events = [
        dict(zip(variables, ("" if term is None else str(term.value) for term in row), strict=False)) for row in results
    ]
    if max_events is not None and around is None:  # with an actor, the neighbourhood is counted after
        check_view_size(len({event["event"] for event in events}), max_events)
    # rows read by position (?event ?role ?entity): by name, reading took 1 s of 1.7 s at 17,801 events
    found = store.query(named_query("graph-participants").text_for(store), bindings)
    return events, [(row[0].value, row[1].value, row[2].value) for row in found]


def check_view_size(events: int, max_events: int) -> None:
    """A view of more than ``max_events`` events is refused before it is made (a page of a million events
    would take minutes and gigabytes to write, and no browser would draw it)."""
    if events > max_events:
        raise InvalidValue(
            f"more than {max_events:,} events match (--max-events): narrow the view (--actor, --type, "
            "--since, --until, --certainty, --source) or raise --max-events"
        )


def _source_binding(store: GraphStore, source: str) -> dict[str, ox.NamedNode | ox.Literal]:
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
