"""The Python API: what the command line does, as functions a script or a notebook calls.

``import eventgraph`` gives these names (loaded on first use, so the import stays fast).
Stores are the command line's stores; lookups take names as the command line does
(``"DPRK"``, ``"Pyongyang"``, ``"country:PRK"``) and return rows: one dict per row with
the columns of the command's table, which ``pandas.DataFrame(rows)`` takes as they are.
Errors are :class:`eventgraph.errors.EventGraphError` s with a message a user can act on.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx

    from eventgraph.backends import GraphStore
    from eventgraph.lookups import Listing, Profile
    from eventgraph.model import ArticleEvents
    from eventgraph.pipeline import IngestReport

Row = dict[str, Any]


def open_store(location: str | Path | None = None, *, write: bool = False) -> GraphStore:
    """The store at a directory or a SPARQL endpoint URL (default: ``$EVENTGRAPH_STORE``, else the per-user
    store), for reading unless ``write``.  ``eventgraph.EventStore()`` is a store in memory."""
    from eventgraph.backends import open_store as open_location
    from eventgraph.backends.embedded import default_store_path

    return open_location(location or default_store_path(), write=write)


def ingest(
    store: GraphStore,
    *paths: str | Path,
    batch_size: int | None = None,
    bulk: bool = False,
    published: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    reader: str = "learned",
) -> IngestReport:
    """Store event files and articles (files or directories), as ``eventgraph ingest`` does; articles are
    read for events by ``reader`` ("learned" or "rules").

    The report names the articles added, replaced and unchanged (``report.written``) and the
    files that failed (``report.failures``): one bad file does not stop the others.
    """
    from eventgraph.pipeline import ingest_paths

    return ingest_paths(
        store,
        [Path(p) for p in paths],
        batch_size=batch_size,
        bulk=bulk,
        meta=_meta(published, url, outlet),
        reader=reader,
    )


def extract_events(
    path: str | Path,
    *,
    published: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    reader: str = "learned",
) -> list[ArticleEvents]:
    """The events of an article file (.txt, .html, .jsonl: one per article), without storing them, read by
    ``reader`` ("learned", as ``eventgraph extract`` does by default, or "rules")."""
    from eventgraph.articles import read_article_files
    from eventgraph.errors import InputError
    from eventgraph.extract import extract_many
    from eventgraph.extract.learned import reader_extractor

    read = read_article_files([Path(path)], _meta(published, url, outlet))
    if read.failures and not read.articles:
        raise InputError(read.failures[0][1])
    return list(extract_many(read.articles, extractor=reader_extractor(reader)))


def transfers(
    store: GraphStore,
    *,
    supplier: str | None = None,
    recipient: str | None = None,
    item: str | None = None,
    category: str | None = None,
    since: str | None = None,
    until: str | None = None,
    reports: bool = False,
) -> list[Row]:
    """Transfers from ``supplier``, to ``recipient`` or both: one row per transfer (its reports grouped),
    or with ``reports=True`` one per report with its evidence sentence."""
    from eventgraph import lookups

    resolver, dates = lookups.Resolver(store), lookups.DateRange.parse(since, until)
    source = resolver.resolve(supplier) if supplier else None
    target = resolver.resolve(recipient) if recipient else None
    found = lookups.find_transfers(store, supplier=source, recipient=target, item=item, category=category, dates=dates)
    empty = lookups.describe_transfers(source, target, item, category, dates)
    if reports:
        return _rows(lookups.report_listing(found, empty))
    return _rows(lookups.transfer_listing(lookups.group_transfers(found), empty))


def events(
    store: GraphStore,
    *,
    actor: str | None = None,
    event_type: str | None = None,
    place: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[Row]:
    """Events in date order, with type, actors, items, place, certainty and source (``eventgraph events``);
    ``limit``/``offset``: one page of them (``eventgraph events --limit N --offset N``)."""
    from eventgraph import lookups
    from eventgraph.errors import InvalidValue
    from eventgraph.index.queries import Page

    if (limit is not None and limit < 1) or offset < 0:
        raise InvalidValue(f"limit must be 1 or more and offset 0 or more, not {limit} and {offset}")
    resolver = lookups.Resolver(store)
    who = resolver.resolve(actor) if actor else None
    where = resolver.resolve(place, what="place", classes=lookups.PLACE_CLASSES) if place else None
    page = None if limit is None and offset == 0 else Page(offset, limit)
    dates = lookups.DateRange.parse(since, until)
    return _rows(lookups.list_events(store, actor=who, event_type=event_type, place=where, dates=dates, page=page))


def timeline(store: GraphStore, actor: str, *, since: str | None = None, until: str | None = None) -> list[Row]:
    """An actor's events in date order, with its role and the other side (``eventgraph timeline``)."""
    from eventgraph import lookups

    return _rows(
        lookups.timeline(store, lookups.Resolver(store).resolve(actor), dates=lookups.DateRange.parse(since, until))
    )


def actor_profile(
    store: GraphStore, actor: str, *, since: str | None = None, until: str | None = None, top: int = 10
) -> Profile:
    """What the store knows of an actor (``eventgraph actor``): a dataclass; ``.record()`` is its JSON.
    ``top``: how many partners and sources it lists (those with most events; 0: all)."""
    from eventgraph import lookups

    return lookups.actor_profile(
        store,
        lookups.Resolver(store).resolve(actor),
        dates=lookups.DateRange.parse(since, until),
        partners=top,
        sources=top,
    )


def paths(
    store: GraphStore, start: str, end: str, *, max_paths: int = 5, since: str | None = None, until: str | None = None
) -> list[Row]:
    """How two actors are connected: one row per event on each hop of the shortest paths (``eventgraph path``)."""
    from eventgraph import lookups

    resolver = lookups.Resolver(store)
    first, last = resolver.resolve(start), resolver.resolve(end)
    dates = lookups.DateRange.parse(since, until)
    found = lookups.find_paths(store, first, last, dates=dates, limit=max_paths)
    rows: list[Row] = []
    for number, path in enumerate(found, 1):
        for step, hop in enumerate(path, 1):
            rows += [
                {
                    "path": number,
                    "hop": step,
                    "from": hop.source.label,
                    "to": hop.target.label,
                    "event": event["event"],
                    "date": event["date"],
                    "type": event["type"],
                    "label": event["label"],
                }
                for event in hop.events
            ]
    return rows


def graph(
    store: GraphStore,
    *,
    view: str = "events",
    actor: str | None = None,
    depth: int = 1,
    event_type: str | None = None,
    certainty: str | None = None,
    source: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> nx.MultiDiGraph[str]:
    """The networkx projection ``eventgraph draw`` and ``export --format graphml`` use (``view``: events or
    actors), filtered as they filter; write it with :func:`write_graphml`, :func:`write_gexf` or :func:`write_csv`."""
    from eventgraph.lookups import DateRange, Resolver
    from eventgraph.projections import select_graph

    named = Resolver(store).resolve(actor) if actor else None
    return select_graph(
        store,
        view=view,
        actor=named,
        depth=depth,
        event_type=event_type,
        certainty=certainty,
        source=source,
        dates=DateRange.parse(since, until),
    )


def query(store: GraphStore, sparql: str) -> list[Row]:
    """A SPARQL SELECT over the store (the project's prefixes predeclared): one dict per solution, each value
    the term as the command line's table shows it (literals by value, IRIs shortened by known prefixes)."""
    import pyoxigraph as ox

    from eventgraph.errors import QueryError
    from eventgraph.formats import display

    results = store.query(sparql)
    if not isinstance(results, ox.QuerySolutions):
        raise QueryError("eventgraph.query returns rows: give it a SELECT query (store.query runs any form)")
    names = [v.value for v in results.variables]
    return [{name: display(solution[name]) for name in names} for solution in results]


def write_graphml(projection: nx.MultiDiGraph[str], path: str | Path) -> None:
    """A projection as GraphML (Gephi, igraph, Cytoscape)."""
    from eventgraph.projections import write_graphml as write

    write(projection, Path(path))


def write_gexf(projection: nx.MultiDiGraph[str], path: str | Path) -> None:
    """A projection as GEXF 1.3 (Gephi)."""
    from eventgraph.projections import write_gexf as write

    write(projection, Path(path))


def write_csv(projection: nx.MultiDiGraph[str], directory: str | Path) -> tuple[Path, Path]:
    """A projection as ``nodes.csv`` and ``edges.csv`` in ``directory``."""
    from eventgraph.projections import write_csv as write

    return write(projection, Path(directory))


def _rows(listing: Listing) -> list[Row]:
    """A lookup's table as dicts, with the event's IRI where each row is one event."""
    rows = [dict(zip(listing.columns, row, strict=True)) for row in listing.rows]
    if len(listing.records) == len(rows):
        for row, record in zip(rows, listing.records, strict=True):
            if isinstance(record.get("event"), str):
                row["event"] = record["event"]
    return rows


def _meta(published: str | None, url: str | None, outlet: str | None) -> Any:
    from eventgraph.articles import ArticleMeta
    from eventgraph.dates import parse_day

    return ArticleMeta(published=parse_day(published) if published else None, url=url, outlet=outlet)


__all__ = [
    "open_store",
    "ingest",
    "extract_events",
    "transfers",
    "events",
    "timeline",
    "actor_profile",
    "paths",
    "graph",
    "query",
    "write_graphml",
    "write_gexf",
    "write_csv",
]
