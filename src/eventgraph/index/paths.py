"""What ``path`` reads of the actor graph, from the lookup index: links, degrees, shared events."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping
from typing import Any

from eventgraph.index.reading import TERM_ID, Row, _date_sql, _events, _ids, _order, _row

TERM_IDS = "(SELECT id FROM terms WHERE iri IN (SELECT value FROM json_each(?)))"


def actor_links(db: sqlite3.Connection, frontier: Iterable[str], bindings: Mapping[str, Any]) -> dict[str, set[str]]:
    """``actor-links.rq``: the actors sharing an event (as actor or recipient) with each actor of ``frontier``
    (pairs of entity ids made distinct first, named after: 0.69 s -> 0.2 s for Russia at 10,000,000 events)."""
    dates, values = _date_sql(bindings)
    sql = (
        "SELECT DISTINCT a.entity, b.entity FROM participants a"
        " JOIN participants b ON b.event = a.event AND b.role IN ('actor', 'recipient') AND b.entity != a.entity"
        + (" JOIN events e ON e.id = a.event" if dates else "")
        + f" WHERE a.entity IN {TERM_IDS} AND a.role IN ('actor', 'recipient')"
        + dates
    )
    pairs = db.execute(sql, [_ids(frontier), *values]).fetchall()
    iri = _term_iris(db, {key for pair in pairs for key in pair})
    links: dict[str, set[str]] = {}
    for source, target in pairs:
        links.setdefault(iri[source], set()).add(iri[target])
    return links


def _term_iris(db: sqlite3.Connection, keys: Iterable[int]) -> dict[int, str]:
    sql = "SELECT id, iri FROM terms WHERE id IN (SELECT value FROM json_each(?))"
    return dict(db.execute(sql, (json.dumps(sorted(keys)),)))


def actor_degree(db: sqlite3.Connection, frontier: Iterable[str]) -> int:
    """``actor-degree.rq``: how many (event, role) edges the actors of ``frontier`` have."""
    sql = f"SELECT COUNT(*) FROM participants WHERE entity IN {TERM_IDS} AND role IN ('actor', 'recipient')"
    return int(db.execute(sql, (_ids(frontier),)).fetchone()[0])


def shared_event_ids(db: sqlite3.Connection, pairs: Iterable[tuple[str, str]]) -> dict[tuple[str, str], set[str]]:
    """The events (by their keys in the index, as ``path_events`` takes them) each pair of actors takes part
    in (as actor or recipient), intersected in SQLite: reading every event of both actors took 0.32 s for
    Russia and France at 10,000,000 events, the intersection 0.13 s."""
    one = f"SELECT event FROM participants WHERE entity = {TERM_ID} AND role IN ('actor', 'recipient')"
    return {(a, b): {str(event) for (event,) in db.execute(f"{one} INTERSECT {one}", (a, b))} for a, b in pairs}


def path_events(db: sqlite3.Connection, events: Iterable[str], bindings: Mapping[str, Any]) -> list[Row]:
    """``path-events.rq`` for the events of these keys (``shared_event_ids``): what a hop shows of each, in date
    order, each row with its ``key``."""
    dates, values = _date_sql(bindings)
    ids = json.dumps(sorted(int(event) for event in events))
    found = _events(db, " AND e.id IN (SELECT value FROM json_each(?))" + dates, [ids, *values])
    titles: dict[str, str] = dict(
        db.execute(
            "SELECT iri, MIN(title) FROM sources WHERE iri IN (SELECT value FROM json_each(?)) GROUP BY iri",
            (_ids(e["source"] for e in found.values() if e["source"]),),
        ).fetchall()
    )
    rows = [
        _row(
            key=str(e["id"]),
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
    rows.sort(key=lambda r: _order(r["date"], r["event"]))
    return rows
