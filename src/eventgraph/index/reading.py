"""What every lookup read from the lookup index shares: its rows' shape, the date, actor and place filters,
and the sources, participants and labels of a set of events, each read once."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

PARTIES = ("actor", "recipient")


Row = dict[str, str | None]  # a SPARQL row's values as text (``None``: unbound); ``lookups.common._value`` reads both


def _row(**values: str | None) -> Row:
    return values


def _bound(bindings: Mapping[str, Any], name: str) -> str | None:
    term = bindings.get(name)
    return None if term is None else str(term.value)


def _ids(values: Iterable[str]) -> str:
    return json.dumps(sorted(set(values)))


def _order(*values: str | None) -> tuple[str, ...]:
    """SPARQL's ORDER BY: unbound first, then by value (a bound value prefixed by a character below any text)."""
    return tuple(["" if value is None else "\x01" + value for value in values])


# -- candidate events ------------------------------------------------------------------------
def _date_sql(bindings: Mapping[str, Any]) -> tuple[str, list[str]]:
    """The lookups' --since/--until filter on ``e`` (events), as the SPARQL writes it."""
    clauses, values = [], []
    if (since := _bound(bindings, "since")) is not None:
        clauses.append("e.ends >= ?")  # COALESCE(date_end, date) || '~', kept indexed with the type
        values.append(since)
    if (until := _bound(bindings, "until")) is not None:
        clauses.append("e.date <= ?")
        values.append(until)
    return "".join(f" AND {c}" for c in clauses), values


def _events(db: sqlite3.Connection, where: str, values: Sequence[str], columns: str = "e.*") -> dict[str, sqlite3.Row]:
    sql = f"SELECT {columns} FROM events e WHERE 1 = 1{where}"
    return {row["event"]: row for row in db.execute(sql, values)}


TERM_ID = "(SELECT id FROM terms WHERE iri = ?)"
# whether an event's source has a title (in any graph): only such events are rows of the lookups
TITLED = "EXISTS (SELECT 1 FROM sources s WHERE s.iri = e.source AND s.title IS NOT NULL)"


def _with_entity(entity: str, roles: Sequence[str], event_type: str | None = None) -> tuple[str, list[str]]:
    """The events ``entity`` takes part in in ``roles`` (of ``event_type`` only: a range of the index)."""
    marks = ", ".join("?" for _ in roles)
    typed, values = ("", []) if event_type is None else (" AND type = ?", [event_type])
    return (
        f" AND e.id IN (SELECT event FROM participants WHERE entity = {TERM_ID} AND role IN ({marks}){typed})",
        [entity, *roles, *values],
    )


def _place_sql(place: str | None) -> tuple[str, list[str]]:
    """``sem:hasPlace/eg:country? ?place``: the place itself, or a place in that country."""
    if place is None:
        return "", []
    return (
        " AND e.id IN (SELECT event FROM participants WHERE role = 'place' AND entity IN (SELECT id FROM terms"
        " WHERE iri = ? OR iri IN (SELECT iri FROM entities WHERE country = ?)))",
        [place, place],
    )


# -- what is read of the events found ----------------------------------------------------------
def _titled_sources(db: sqlite3.Connection, iris: Iterable[str]) -> dict[str, sqlite3.Row]:
    """The sources among ``iris`` that have a title, by IRI (a source described in several graphs: its
    description in the first of them by graph IRI)."""
    found: dict[str, sqlite3.Row] = {}
    for row in db.execute(
        "SELECT s.* FROM sources s JOIN graphs g ON g.id = s.graph"
        " WHERE s.title IS NOT NULL AND s.iri IN (SELECT value FROM json_each(?)) ORDER BY s.iri, g.graph",
        (_ids(iris),),
    ):
        found.setdefault(row["iri"], row)
    return found


def _titled_order(db: sqlite3.Connection, iris: Iterable[str]) -> dict[str, tuple[str | None, str]]:
    """(published, title) of each source among ``iris`` that has a title, as ``_titled_sources`` chooses its
    description, without making its rows (98,000 sources of one actor at 10,000,000 events: 0.37 s, 0.65 s
    with the rows)."""
    found: dict[str, list[tuple[int, str | None, str]]] = {}
    for iri, graph, published, title in db.execute(
        "SELECT iri, graph, published, title FROM sources"
        " WHERE title IS NOT NULL AND iri IN (SELECT value FROM json_each(?))",
        (_ids(iris),),
    ):
        found.setdefault(iri, []).append((graph, published, title))
    several = {graph for rows in found.values() if len(rows) > 1 for graph, _, _ in rows}
    ids = json.dumps(sorted(several))
    names = dict(db.execute("SELECT id, graph FROM graphs WHERE id IN (SELECT value FROM json_each(?))", (ids,)))
    return {
        iri: min(rows, key=lambda r: names[r[0]])[1:] if len(rows) > 1 else rows[0][1:] for iri, rows in found.items()
    }


class _Details:
    """Participants, entity labels and sources of a set of events, read once each."""

    def __init__(self, db: sqlite3.Connection, events: Mapping[str, sqlite3.Row], *, participants: bool = True) -> None:
        self.participants: dict[str, list[tuple[str, str]]] = {}
        by_id = {row["id"]: iri for iri, row in events.items()} if participants else {}
        found = db.execute(  # entity ids, not IRIs: 136,000 participations of 2,200 entities at 10M events
            "SELECT event, role, entity FROM participants WHERE event IN (SELECT value FROM json_each(?))",
            (json.dumps(sorted(by_id)),),
        ).fetchall()
        iris: dict[int, str] = {}
        self.labels: dict[str, str] = {}
        self.categories: dict[str, str] = {}
        for key, iri, label, category in db.execute(
            "SELECT t.id, t.iri, n.label, n.category FROM terms t LEFT JOIN entities n ON n.iri = t.iri"
            " WHERE t.id IN (SELECT value FROM json_each(?))",
            (json.dumps(sorted({entity for _, _, entity in found})),),
        ):
            iris[key] = iri
            if label is not None:
                self.labels[iri] = label
            if category is not None:
                self.categories[iri] = category
        for event, role, entity in found:
            self.participants.setdefault(by_id[event], []).append((role, iris[entity]))
        self.sources = _titled_sources(db, (e["source"] for e in events.values() if e["source"]))

    def roles(self, event: str) -> dict[str, str]:
        """``names`` of each of the event's roles, read in one pass (a role without labels: absent)."""
        labels, found = self.labels, dict[str, set[str]]()
        for role, entity in self.participants.get(event, ()):
            if (label := labels.get(entity)) is not None:
                found.setdefault(role, set()).add(label)
        return {role: "; ".join(sorted(names)) for role, names in found.items()}

    def entities(self, event: str, roles: Sequence[str]) -> list[str]:
        return sorted({entity for role, entity in self.participants.get(event, ()) if role in roles})

    def names(self, event: str, roles: Sequence[str], *, other_than: str | None = None) -> str:
        """GROUP_CONCAT(DISTINCT label) of the event's entities in ``roles``."""
        labels = self.labels
        found = {
            labels[entity]
            for role, entity in self.participants.get(event, ())
            if role in roles and entity != other_than and entity in labels
        }
        return "; ".join(sorted(found))


def _event_values(event: sqlite3.Row, source: sqlite3.Row) -> dict[str, str | None]:
    return {
        "event": event["event"],
        "date": event["date"],
        "dateEnd": event["date_end"],
        "typeName": event["type"],
        "certainty": event["certainty"],
        "status": event["status"],
        "label": event["label"],
        "quote": event["quote"],
        "article": source["iri"],
        "title": source["title"],
        "outlet": source["outlet"],
        "published": source["published"],
        "url": source["url"],
    }
