"""The actor profile (``actor``, ``actor-roles``, ``actor-partners``, ``actor-sources``) from the lookup index."""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from eventgraph.index.reading import (
    PARTIES,
    TERM_ID,
    TITLED,
    Row,
    _bound,
    _date_sql,
    _order,
    _row,
    _titled_order,
    _titled_sources,
)


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
    three SQL passes over Russia's 100,000 events at 10,000,000 took 2.8 s.  Whether each event's source has
    a title is asked in the same read; the sources' dates and titles, which order those reporting as many
    events, are read only for the sources that can be among the first ``top`` (0: all), and their rows made
    for those ``top`` only."""
    rows, values = _actor_rows(bindings, list(REPORTING_ROLES))
    roles: dict[tuple[str, str], tuple[set[int], set[str]]] = {}
    by_source: dict[str, set[int]] = defaultdict(set)
    titled: set[str] = set()
    dated: list[tuple[int, str | None, str | None, str | None]] = []  # as actor or recipient
    sql = f"SELECT p.role, p.type, p.event, e.source, e.date, e.date_end, {TITLED}{rows}"  # events by id
    for role, kind, event, source, start, end, has_title in db.execute(sql, values):
        events, sources = roles.setdefault((kind, role), (set(), set()))
        events.add(event)
        if source is not None:
            sources.add(source)
            by_source[source].add(event)
            if has_title:
                titled.add(source)
        if role in PARTIES:
            dated.append((event, source, start, end))
    counted = {iri: len(events) for iri, events in by_source.items() if iri in titled}
    most = sorted(counted.values(), reverse=True)
    cut = most[top - 1] if top and len(most) >= top else 0  # a source reporting fewer is not shown
    contenders = [iri for iri, n in counted.items() if n >= cut]
    order = _titled_order(db, contenders)
    ordered = sorted(contenders, key=lambda iri: (-counted[iri], *_order(*order[iri])))
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
        sources_total=len(counted),
        events=len({event for event, _, _ in listed}),
        # (start, end): an event of the same start with no end sorts first (None is not comparable with text)
        dates=sorted({(start, end) for _, start, end in listed if start is not None}, key=lambda d: (d[0], d[1] or "")),
    )
