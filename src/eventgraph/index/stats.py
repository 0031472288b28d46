"""``stats`` from the lookup index: running totals kept at each write, and the articles a page at a time."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from typing import Any

from eventgraph.formats import compact_iri
from eventgraph.vocab import ID


def _totals(db: sqlite3.Connection, kind: str) -> list[tuple[str, int, int]]:
    found = db.execute("SELECT key, count, sources FROM totals WHERE kind = ? AND count > 0", (kind,))
    return [(key, count, sources) for key, count, sources in found]


def stats_totals(db: sqlite3.Connection) -> list[list[Any]]:
    """Articles (graphs that are articles) and events; read from running totals kept at each write."""
    totals = {kind: sum(count for _, count, _ in _totals(db, kind)) for kind in ("articles", "events")}
    return [[totals["articles"], totals["events"]]]


def stats_classes(db: sqlite3.Connection) -> list[list[Any]]:
    counts: dict[str, int] = defaultdict(int)
    for klass, count, _ in _totals(db, "class"):
        counts[klass] += count
    for klass, count in db.execute("SELECT class, COUNT(DISTINCT iri) FROM entity_classes GROUP BY class"):
        counts[klass] += count
    ordered = sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))
    return [[compact_iri(klass), count] for klass, count in ordered]


def stats_event_types(db: sqlite3.Connection) -> list[list[Any]]:
    found = _totals(db, "type")
    return [[kind, events, sources] for kind, events, sources in sorted(found, key=lambda row: (-row[1], row[0]))]


def stats_articles(db: sqlite3.Connection, *, limit: int, offset: int) -> list[list[Any]]:
    """One page of the articles by date of publication then IRI: id, title, published, outlet, events."""
    rows = db.execute(
        "SELECT s.iri, s.title, s.published, s.outlet, COALESCE(g.events, 0) FROM sources s"
        " JOIN graphs g ON g.id = s.graph"
        " WHERE s.iri = g.graph AND s.article = 1 AND s.title IS NOT NULL"
        " ORDER BY s.published, s.iri LIMIT ? OFFSET ?",  # NULL first, as SPARQL puts the undated first
        (limit, offset),
    ).fetchall()
    prefix = f"{ID}article/"
    return [[iri.removeprefix(prefix) if iri.startswith(prefix) else "", *rest] for iri, *rest in rows]
