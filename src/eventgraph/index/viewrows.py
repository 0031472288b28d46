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


PARTY_ROLES = "('actor', 'recipient')"


def _filter_sql(bindings: Mapping[str, Any]) -> tuple[str, list[str]]:
    """The views' filters on ``e`` (events): a type, a known certainty and a status, a source, dates."""
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
    return where + dates, values + more


def _near_sql(near: set[int] | None, *, drive: bool = True) -> tuple[str, list[str]]:
    """Only the events whose actors and recipients are all among ``near`` (entity ids), one at least;
    ``drive``: found from those entities' participations (else each event is tested, which stops early
    under a LIMIT)."""
    if near is None:
        return "", []
    ids = json.dumps(sorted(near))
    some = (
        f" AND e.id IN (SELECT event FROM participants WHERE role IN {PARTY_ROLES}"
        " AND entity IN (SELECT value FROM json_each(?)))"
        if drive
        else f" AND EXISTS (SELECT 1 FROM participants p WHERE p.event = e.id AND p.role IN {PARTY_ROLES}"
        " AND p.entity IN (SELECT value FROM json_each(?)))"
    )
    return (
        some + f" AND NOT EXISTS (SELECT 1 FROM participants p WHERE p.event = e.id AND p.role IN {PARTY_ROLES}"
        " AND p.entity NOT IN (SELECT value FROM json_each(?)))",
        [ids, ids],
    )


def near_actors(db: sqlite3.Connection, bindings: Mapping[str, Any], actor: str, depth: int) -> set[int]:
    """The entities (ids) within ``depth`` hops of ``actor`` over the events the filters keep, as actor or
    recipient: a superset of what ``projections.neighbourhood`` finds (that one also needs titled sources
    and labelled entities), so the events among them hold the neighbourhood's events."""
    where, values = _filter_sql(bindings)
    found = db.execute("SELECT id FROM terms WHERE iri = ?", (actor,)).fetchone()
    seen = frontier = set() if found is None else {int(found[0])}
    for _ in range(depth):
        if not frontier:
            break
        linked = db.execute(
            "SELECT DISTINCT b.entity FROM participants a JOIN events e ON e.id = a.event"
            f" JOIN participants b ON b.event = a.event AND b.role IN {PARTY_ROLES}"
            f" WHERE a.entity IN (SELECT value FROM json_each(?)) AND a.role IN {PARTY_ROLES}{where}",
            [json.dumps(sorted(frontier)), *values],
        )
        frontier = {int(entity) for (entity,) in linked} - seen
        seen = seen | frontier
    return seen


def worth_narrowing(db: sqlite3.Connection, near: set[int]) -> bool:
    """Whether reading the events through the participations of ``near`` costs less than reading every event:
    those participations under a quarter of the store's events (a dense store, where an actor's neighbourhood
    is every actor, is read as a whole)."""
    parties = db.execute(
        f"SELECT COUNT(*) FROM participants WHERE entity IN (SELECT value FROM json_each(?)) AND role IN {PARTY_ROLES}",
        (json.dumps(sorted(near)),),
    ).fetchone()[0]
    events = db.execute("SELECT COALESCE(MAX(id), 0) FROM events").fetchone()[0]
    return int(parties) * 4 < int(events)


def count_events(
    db: sqlite3.Connection, bindings: Mapping[str, Any], near: set[int] | None = None, *, up_to: int
) -> int:
    """How many events ``graph_rows`` would read (before it drops those without a titled source), counted up
    to ``up_to`` + 1 at most (enough to tell that there are more)."""
    where, values = _filter_sql(bindings)
    around, more = _near_sql(near, drive=False)
    sql = f"SELECT COUNT(*) FROM (SELECT 1 FROM events e WHERE 1 = 1{where}{around} LIMIT ?)"
    return int(db.execute(sql, [*values, *more, up_to + 1]).fetchone()[0])


def graph_rows(
    db: sqlite3.Connection, bindings: Mapping[str, Any], near: set[int] | None = None
) -> tuple[list[Row], list[tuple[str, str, str]]]:
    """The rows of ``graph.rq`` (one per event with a titled source, in date order) and of
    ``graph-participants.rq`` ((event, role, entity) of the same events), the filters applied once;
    ``near`` (``near_actors``): only the events among those entities."""
    where, values = _filter_sql(bindings)
    around, more = _near_sql(near)
    events = _events(db, where + around, values + more)
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
