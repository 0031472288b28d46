"""The lookups' named queries answered from the lookup index (:mod:`eventgraph.eventindex`).

Each function takes the bindings the lookup would give the SPARQL query of the same name and returns the
rows that query returns, in its order, as mappings of variable name to a term-like value (``.value``), so
the lookups read them as they read SPARQL rows.  The filters run in SQLite over indexed columns; the rows
of the events found are then read by event, so the cost grows with the answer, not with the store.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from eventgraph.vocab import EGT

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


# -- transfers ---------------------------------------------------------------------------------
def transfers(db: sqlite3.Connection, bindings: Mapping[str, Any]) -> list[Row]:
    where = " AND +e.type = 'transfer'"  # "+": from the actor's transfers, not every transfer
    values: list[str] = []
    supplier, recipient = _bound(bindings, "supplier"), _bound(bindings, "recipient")
    for entity, role in ((supplier, "actor"), (recipient, "recipient")):
        if entity is not None:
            clause, more = _with_entity(entity, [role], "transfer")
            where, values = where + clause, values + more
    dates, more = _date_sql(bindings)
    events = _events(db, where + dates, values + more)
    details = _Details(db, events)
    item_text = (_bound(bindings, "itemText") or "").lower()
    matching = _items_matching(db, item_text) if item_text else None
    category = _bound(bindings, "category")
    rows = []
    for iri, event in events.items():
        source = details.sources.get(event["source"] or "")
        if source is None:
            continue
        suppliers = [supplier] if supplier else details.entities(iri, ["actor"])
        recipients: list[str | None] = (
            [recipient] if recipient else [r for r in details.entities(iri, ["recipient"]) if r in details.labels]
        )
        items: list[str | None] = [i for i in details.entities(iri, ["item"]) if i in details.labels]
        if matching is not None:
            items = [i for i in items if i in matching]
        elif not items:
            items = [None]
        if category is not None:
            items = [i for i in items if i is not None and details.categories.get(i) == category]
        base = _event_values(event, source)
        base.update(
            quantity=event["quantity"],
            attributedTo=details.names(iri, ["attributedTo"]),
            via=details.names(iri, ["via"]),
        )
        for s in suppliers:
            if s not in details.labels:
                continue
            for r in recipients or [None]:
                for i in items:
                    rows.append(
                        _row(
                            **base,
                            supplier=s,
                            supplierLabel=details.labels[s],
                            recipient=r,
                            recipientLabel=details.labels.get(r) if r else None,
                            item=i,
                            itemLabel=details.labels.get(i) if i else None,
                            category=details.categories.get(i) if i else None,
                        )
                    )
    rows.sort(key=lambda r: _order(*(r.get(n) for n in ("date", "supplier", "recipient", "item", "event"))))
    return rows


def _items_matching(db: sqlite3.Connection, text: str) -> set[str]:
    """Items whose label or an alias contains ``text`` (case ignored)."""
    return {
        iri
        for iri, name in db.execute("SELECT iri, name FROM entity_names WHERE instr(lower(name), ?) > 0", (text,))
        if text in name.lower()
    }


# -- event lists and timelines -------------------------------------------------------------------
AMONG = "\0among"  # a binding no query variable can name: (event, source) pairs the answer is limited to


EVENT_LIST_ROLES = (
    ("actors", "actor"),
    ("recipients", "recipient"),
    ("items", "item"),
    ("places", "place"),
    ("attributedTo", "attributedTo"),
)


def event_list(db: sqlite3.Connection, bindings: Mapping[str, Any]) -> list[Row]:
    """``event-list.rq`` and, with ?actor bound, ``actor-events.rq``; with ``AMONG``, only those events."""
    where, values = "", list[str]()
    if (among := bindings.get(AMONG)) is not None:  # found through their sources' graphs, not by scanning
        where = (
            " AND e.graph IN (SELECT graph FROM sources WHERE iri IN (SELECT value FROM json_each(?)))"
            " AND e.event IN (SELECT value FROM json_each(?))"
        )
        values = [_ids(source for _, source in among), _ids(event for event, _ in among)]
    event_type = _bound(bindings, "type")
    kind = None if event_type is None else event_type.removeprefix(EGT.base)
    if (actor := _bound(bindings, "actor")) is not None:
        actor_where, actor_values = _with_entity(actor, PARTIES, kind)
        where, values = where + actor_where, values + actor_values
    if kind is not None:  # "+" with an actor: from the actor's events of the type, a range of its own
        plus = "+" if actor is not None else ""
        where, values = where + f" AND {plus}e.type = ?", [*values, kind]
    place, more = _place_sql(_bound(bindings, "place"))
    dates, date_values = _date_sql(bindings)
    events = _events(db, where + place + dates, values + more + date_values)
    details = _Details(db, events)
    rows = []
    for iri, event in events.items():
        source = details.sources.get(event["source"] or "")
        if source is None:
            continue
        row, names = _event_values(event, source), details.roles(iri)
        for column, role in EVENT_LIST_ROLES:
            row[column] = names.get(role, "")
        rows.append(row)
    rows.sort(key=lambda r: _order(r["date"], r["published"], r["typeName"], r["event"]))
    return rows


def actor_timeline(db: sqlite3.Connection, bindings: Mapping[str, Any]) -> list[Row]:
    actor = _bound(bindings, "actor")
    assert actor is not None
    where, values = _with_entity(actor, PARTIES)
    dates, more = _date_sql(bindings)
    events = _events(db, where + dates, values + more)
    details = _Details(db, events)
    rows = []
    for iri, event in events.items():
        source = details.sources.get(event["source"] or "")
        if source is None:
            continue
        for role in PARTIES:
            if (role, actor) not in details.participants.get(iri, ()):
                continue
            rows.append(
                _row(
                    **_event_values(event, source),
                    role=role,
                    counterparts=details.names(iri, PARTIES, other_than=actor),
                    items=details.names(iri, ["item"]),
                    places=details.names(iri, ["place"]),
                )
            )
    order = ("date", "published", "typeName", "event", "role")
    rows.sort(key=lambda r: _order(*(r.get(n) for n in order)))
    return rows


# -- actor profile -----------------------------------------------------------------------------
def actor(db: sqlite3.Connection, bindings: Mapping[str, Any]) -> list[Row]:
    iri = _bound(bindings, "actor")
    entity = db.execute("SELECT * FROM entities WHERE iri = ? AND kind != ''", (iri,)).fetchone()
    if entity is None:
        return []
    aliases = [n for (n,) in db.execute("SELECT name FROM entity_names WHERE iri = ? AND alias = 1", (iri,))]
    country = db.execute("SELECT label FROM entities WHERE iri = ?", (entity["country"],)).fetchone()
    return [
        _row(
            actor=iri,
            label=entity["label"],
            kind=entity["kind"],
            iso3=entity["iso3"],
            iso2=entity["iso2"],
            wikidata=entity["wikidata"],
            country=entity["country"] if country else None,
            countryLabel=country[0] if country else None,
            aliases="|".join(sorted(set(aliases))),
        )
    ]


REPORTING_ROLES = {"actor": "actor", "recipient": "recipient", "attributedTo": "attributed to", "via": "reported via"}


def _actor_rows(bindings: Mapping[str, Any], roles: Sequence[str], joins: str = "") -> tuple[str, list[str]]:
    """``FROM ... WHERE`` of the bound actor's participations in ``roles`` (``p``) and their events (``e``),
    within the bound dates: an index range of the actor's participations, each joined to its event by id."""
    actor = _bound(bindings, "actor")
    assert actor is not None
    dates, more = _date_sql(bindings)
    marks = ", ".join("?" for _ in roles)
    return (
        f" FROM participants p JOIN events e ON e.id = p.event{joins}"
        f" WHERE p.entity = {TERM_ID} AND p.role IN ({marks}){dates}",
        [actor, *roles, *more],
    )


def actor_roles(db: sqlite3.Connection, bindings: Mapping[str, Any]) -> list[Row]:
    return actor_summary(db, bindings).roles


def actor_partners(db: sqlite3.Connection, bindings: Mapping[str, Any]) -> list[Row]:
    """The actors of the same events (as actor or recipient), by the number of events shared: counted over
    the participations' ids (with the events joined only to filter by date), labelled after."""
    actor = _bound(bindings, "actor")
    dates, values = _date_sql(bindings)
    events = " JOIN events e ON e.id = p.event" if dates else ""
    sql = (
        f"SELECT q.entity, COUNT(DISTINCT p.event), GROUP_CONCAT(DISTINCT p.type) FROM participants p{events}"
        " JOIN participants q ON q.event = p.event AND q.role IN ('actor', 'recipient')"
        f" WHERE p.entity = {TERM_ID} AND p.role IN ('actor', 'recipient') AND q.entity != p.entity{dates}"
        " GROUP BY q.entity"
    )
    counted = db.execute(sql, [actor, *values]).fetchall()
    labelled = {
        key: (iri, label)
        for key, iri, label in db.execute(
            "SELECT t.id, t.iri, n.label FROM terms t JOIN entities n ON n.iri = t.iri"
            " WHERE t.id IN (SELECT value FROM json_each(?))",
            (json.dumps(sorted(key for key, _, _ in counted)),),
        )
    }
    found = [(*labelled[key], int(n), sorted(set(types.split(",")))) for key, n, types in counted if key in labelled]
    found.sort(key=lambda p: (-p[2], p[1], p[0]))
    return [
        _row(partner=iri, partnerLabel=label, events=str(n), types="; ".join(types)) for iri, label, n, types in found
    ]


def actor_sources(db: sqlite3.Connection, bindings: Mapping[str, Any]) -> list[Row]:
    """The titled sources of the actor's events (in any reporting role), by how many events each reports."""
    return actor_summary(db, bindings).sources


@dataclass
class ActorSummary:
    """``actor-roles``, ``actor-sources`` (its first ``top`` rows made, and how many there are) and the
    timeline's count and dates of one actor."""

    roles: list[Row]
    sources: list[Row]
    sources_total: int
    events: int
    dates: list[tuple[str, str | None]]


def actor_summary(db: sqlite3.Connection, bindings: Mapping[str, Any], top: int = 0) -> ActorSummary:
    """The actor's roles, sources and dated events from one read of its participations, counted in Python:
    three SQL passes over Russia's 100,000 events at 10,000,000 took 2.8 s; the sources' rows are made for
    the first ``top`` only (0: all)."""
    rows, values = _actor_rows(bindings, list(REPORTING_ROLES))
    roles: dict[tuple[str, str], tuple[set[int], set[str]]] = {}
    by_source: dict[str, set[int]] = defaultdict(set)
    dated: list[tuple[int, str | None, str | None, str | None]] = []  # as actor or recipient
    sql = f"SELECT p.role, p.type, p.event, e.source, e.date, e.date_end{rows}"  # events by id
    for role, kind, event, source, start, end in db.execute(sql, values):
        events, sources = roles.setdefault((kind, role), (set(), set()))
        events.add(event)
        if source is not None:
            sources.add(source)
            by_source[source].add(event)
        if role in PARTIES:
            dated.append((event, source, start, end))
    titled = _titled_order(db, by_source)
    counted = {iri: len(events) for iri, events in by_source.items()}
    ordered = sorted(titled, key=lambda iri: (-counted[iri], *_order(*titled[iri])))
    shown = _titled_sources(db, ordered[: top or None])
    groups = sorted(
        ((kind, REPORTING_ROLES[role], len(events), len(sources)) for (kind, role), (events, sources) in roles.items()),
        key=lambda g: (-g[2], g[0], g[1]),
    )
    listed = [(event, start, end) for event, source, start, end in dated if source in titled]
    return ActorSummary(
        roles=[_row(typeName=k, role=r, events=str(n), articles=str(a)) for k, r, n, a in groups],
        sources=[
            _row(
                article=s["iri"],
                title=s["title"],
                outlet=s["outlet"],
                published=s["published"],
                url=s["url"],
                events=str(counted[s["iri"]]),
            )
            for s in (shown[iri] for iri in ordered[: top or None])
        ],
        sources_total=len(ordered),
        events=len({event for event, _, _ in listed}),
        dates=sorted({(start, end) for _, start, end in listed if start is not None}),
    )


def entity_kinds(db: sqlite3.Connection, bindings: Mapping[str, Any]) -> list[Row]:
    wanted = _bound(bindings, "entity")
    sql = "SELECT iri, label, kind FROM entities WHERE kind != ''"
    found = db.execute(sql + " AND iri = ?", (wanted,)) if wanted else db.execute(sql)
    return [_row(entity=iri, label=label, kind=kind) for iri, label, kind in found]


# -- claims: the candidates of an event's identity -------------------------------------------------
@dataclass(frozen=True)
class Identity:
    """What ``event-members.rq`` matches an event's kin on: type, actors, recipients, items, dates."""

    event: str
    type: str  # the type's local name (transfer)
    actors: tuple[str, ...]
    recipients: tuple[str, ...] = ()
    items: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    date: str | None = None
    date_end: str | None = None


def _has(role: str) -> str:
    return f"EXISTS (SELECT 1 FROM participants p WHERE p.event = e.id AND p.role = '{role}')"


def _shares(role: str, matches: str) -> str:
    return (
        f"EXISTS (SELECT 1 FROM participants p JOIN terms t ON t.id = p.entity"
        f" WHERE p.event = e.id AND p.role = '{role}' AND ({matches}))"
    )


def identity_candidates(db: sqlite3.Connection, identities: Iterable[Identity]) -> list[tuple[str, str]]:
    """(event, candidate) pairs as ``event-members.rq`` matches them: the events of the same type with a
    shared actor, a shared recipient and item (or item category) where both name them, overlapping dates.

    The query then checks these pairs alone instead of every event of the actor.  Dates overlap as the
    query has it, by text: a candidate ends no earlier than the event starts and starts no later than it
    ends; undated ones match."""
    pairs: list[tuple[str, str]] = []
    in_json = "IN (SELECT value FROM json_each(?))"
    for identity in identities:
        sql = (
            # "+": from the actor's events of the type (575 at 10M), not every event of the type since the date
            "SELECT e.event FROM events e WHERE +e.type = ?"
            f" AND e.id IN (SELECT event FROM participants WHERE role = 'actor' AND type = ?"
            f" AND entity IN (SELECT id FROM terms WHERE iri {in_json}))"
        )
        values = [identity.type, identity.type, _ids(identity.actors)]
        if identity.date is not None:
            sql += " AND (e.date IS NULL OR (e.ends >= ? AND e.date <= ?))"
            values += [identity.date, (identity.date_end or identity.date) + "~"]
        if identity.recipients:
            sql += f" AND (NOT {_has('recipient')} OR {_shares('recipient', f't.iri {in_json}')})"
            values.append(_ids(identity.recipients))
        if identity.items:
            same = f"t.iri {in_json} OR t.iri IN (SELECT iri FROM entities WHERE category {in_json})"
            sql += f" AND (NOT {_has('item')} OR {_shares('item', same)})"
            values += [_ids(identity.items), _ids(identity.categories)]
        pairs.extend((identity.event, member) for (member,) in db.execute(sql, values))
    return sorted(set(pairs))


QUERIES: dict[str, Callable[[sqlite3.Connection, Mapping[str, Any]], list[Row]]] = {
    "transfers": transfers,
    "event-list": event_list,
    "actor-events": event_list,
    "actor-timeline": actor_timeline,
    "actor": actor,
    "actor-roles": actor_roles,
    "actor-partners": actor_partners,
    "actor-sources": actor_sources,
    "entity-kinds": entity_kinds,
}
