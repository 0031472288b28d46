"""What the graph views (``draw``, ``export``, the server's ``/view``) read, from the lookup index.

``graph_rows`` gives the rows of ``graph.rq`` and of ``graph-participants.rq`` under the same filters (event
type, dates, weakest certainty, article, outlet), so that a view costs what its answer costs, not a pass of the
SPARQL engine over every event of the store.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from typing import Any

from eventgraph.index.reading import Row, _bound, _date_sql, _event_values, _events, _order, _titled_sources
from eventgraph.vocab import EGT

RANKS = ("confirmed", "reported", "alleged", "possible")  # graph.rq's ?rank: 0 confirmed ... 3 possible


def _filtered(db: sqlite3.Connection, bindings: Mapping[str, Any]) -> dict[str, sqlite3.Row]:
    """The events the views' filters keep, by IRI: a type, a known certainty and a status, a source."""
    where = " AND e.status != '' AND e.source IS NOT NULL"
    values: list[str] = []
    rank = _bound(bindings, "maxRank")
    kept = RANKS[: int(rank) + 1] if rank is not None else RANKS
    where += f" AND e.certainty IN ({', '.join('?' for _ in kept)})"
    values += kept
    if (kind := _bound(bindings, "type")) is not None:
        where, values = where + " AND e.type = ?", [*values, kind.removeprefix(EGT.base)]
    if (article := _bound(bindings, "article")) is not None:
        where, values = where + " AND e.source = ?", [*values, article]
    if outlet := _bound(bindings, "outlet"):  # an article of that outlet (in any graph that describes it)
        where, values = where + " AND e.source IN (SELECT iri FROM sources WHERE outlet = ?)", [*values, outlet]
    dates, more = _date_sql(bindings)
    return _events(db, where + dates, values + more)


def graph_rows(db: sqlite3.Connection, bindings: Mapping[str, Any]) -> tuple[list[Row], list[tuple[str, str, str]]]:
    """The rows of ``graph.rq`` (one per event with a titled source, in date order) and of
    ``graph-participants.rq`` ((event, role, entity) of the same events), the filters applied once."""
    events = _filtered(db, bindings)
    sources = _titled_sources(db, {e["source"] for e in events.values()})
    rows: list[Row] = []
    for event in events.values():
        source = sources.get(event["source"])
        if source is None:
            continue
        row = _event_values(event, source)
        row["outletName"] = row.pop("outlet")  # graph.rq's name for it
        rows.append(row)
    rows.sort(key=lambda r: _order(r["date"], r["event"]))
    by_id = {event["id"]: iri for iri, event in events.items()}
    sql = (
        "SELECT p.event, p.role, t.iri FROM participants p JOIN terms t ON t.id = p.entity"
        " WHERE p.event IN (SELECT value FROM json_each(?))"
    )
    found = db.execute(sql, (json.dumps(sorted(by_id)),))
    return rows, [(by_id[event], role, entity) for event, role, entity in found]
