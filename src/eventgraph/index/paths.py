"""What ``path`` reads of the actor graph, from the lookup index: links, degrees, shared events."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from eventgraph.index.queries import Row, _date_sql, _events, _ids, _order, _row, _text


def actor_links(db: sqlite3.Connection, frontier: Iterable[str], bindings: Mapping[str, Any]) -> dict[str, set[str]]:
    """``actor-links.rq``: the actors sharing an event (as actor or recipient) with each actor of ``frontier``."""
    dates, values = _date_sql(bindings)
    sql = (
        "SELECT DISTINCT a.entity, b.entity FROM participants a"
        " JOIN participants b ON b.event = a.event AND b.role IN ('actor', 'recipient') AND b.entity != a.entity"
        + (" JOIN events e ON e.event = a.event" if dates else "")
        + " WHERE a.entity IN (SELECT value FROM json_each(?)) AND a.role IN ('actor', 'recipient')"
        + dates
    )
    links: dict[str, set[str]] = {}
    for source, target in db.execute(sql, [_ids(frontier), *values]):
        links.setdefault(source, set()).add(target)
    return links


def actor_degree(db: sqlite3.Connection, frontier: Iterable[str]) -> int:
    """``actor-degree.rq``: how many (event, role) edges the actors of ``frontier`` have."""
    sql = (
        "SELECT COUNT(*) FROM participants WHERE entity IN (SELECT value FROM json_each(?))"
        " AND role IN ('actor', 'recipient')"
    )
    return int(db.execute(sql, (_ids(frontier),)).fetchone()[0])


def actor_event_ids(db: sqlite3.Connection, actors: Iterable[str]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    sql = (
        "SELECT entity, event FROM participants WHERE entity IN (SELECT value FROM json_each(?))"
        " AND role IN ('actor', 'recipient')"
    )
    for actor_iri, event in db.execute(sql, (_ids(actors),)):
        found[actor_iri].add(event)
    return found


def path_events(db: sqlite3.Connection, events: Iterable[str], bindings: Mapping[str, Any]) -> list[Row]:
    """``path-events.rq``: what a hop shows of each event, in date order."""
    dates, values = _date_sql(bindings)
    found = _events(db, " AND e.event IN (SELECT value FROM json_each(?))" + dates, [_ids(events), *values])
    titles: dict[str, str] = dict(
        db.execute(
            "SELECT iri, MIN(title) FROM sources WHERE iri IN (SELECT value FROM json_each(?)) GROUP BY iri",
            (_ids(e["source"] for e in found.values() if e["source"]),),
        ).fetchall()
    )
    rows = [
        _row(
            event=iri,
            typeName=e["type"],
            date=e["date"],
            dateEnd=e["date_end"],
            label=e["label"],
            certainty=e["certainty"],
            title=titles.get(e["source"] or ""),
        )
        for iri, e in found.items()
    ]
    rows.sort(key=lambda r: _order(_text(r, "date"), _text(r, "event")))
    return rows
