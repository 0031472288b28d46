"""What ``path`` reads of the actor graph, from the lookup index: links, degrees, shared events."""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from eventgraph.index.queries import Row, _date_sql, _events, _ids, _order, _row

TERM_IDS = "(SELECT id FROM terms WHERE iri IN (SELECT value FROM json_each(?)))"


def actor_links(db: sqlite3.Connection, frontier: Iterable[str], bindings: Mapping[str, Any]) -> dict[str, set[str]]:
    """``actor-links.rq``: the actors sharing an event (as actor or recipient) with each actor of ``frontier``."""
    dates, values = _date_sql(bindings)
    sql = (
        "SELECT DISTINCT ta.iri, tb.iri FROM participants a"
        " JOIN participants b ON b.event = a.event AND b.role IN ('actor', 'recipient') AND b.entity != a.entity"
        " JOIN terms ta ON ta.id = a.entity JOIN terms tb ON tb.id = b.entity"
        + (" JOIN events e ON e.id = a.event" if dates else "")
        + f" WHERE a.entity IN {TERM_IDS} AND a.role IN ('actor', 'recipient')"
        + dates
    )
    links: dict[str, set[str]] = {}
    for source, target in db.execute(sql, [_ids(frontier), *values]):
        links.setdefault(source, set()).add(target)
    return links


def actor_degree(db: sqlite3.Connection, frontier: Iterable[str]) -> int:
    """``actor-degree.rq``: how many (event, role) edges the actors of ``frontier`` have."""
    sql = f"SELECT COUNT(*) FROM participants WHERE entity IN {TERM_IDS} AND role IN ('actor', 'recipient')"
    return int(db.execute(sql, (_ids(frontier),)).fetchone()[0])


def actor_event_ids(db: sqlite3.Connection, actors: Iterable[str]) -> dict[str, set[str]]:
    """Each actor's events (as actor or recipient) by their keys in the index (``path_events`` takes them)."""
    found: dict[str, set[str]] = defaultdict(set)
    sql = (
        "SELECT t.iri, p.event FROM participants p JOIN terms t ON t.id = p.entity"
        f" WHERE p.entity IN {TERM_IDS} AND p.role IN ('actor', 'recipient')"
    )
    for actor_iri, event in db.execute(sql, (_ids(actors),)):
        found[actor_iri].add(str(event))
    return found


def path_events(db: sqlite3.Connection, events: Iterable[str], bindings: Mapping[str, Any]) -> list[Row]:
    """``path-events.rq`` for the events of these keys (``actor_event_ids``): what a hop shows of each, in date
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
