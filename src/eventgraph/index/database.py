"""The lookup index: a SQLite file beside the store, derived from it and rebuilt from it at will.

RDF in Oxigraph stays the record of truth; the index holds what the lookups filter and print (one row per
event, its participants, its source, entity names) shaped for the questions, so that an answer costs what
it returns, not what the store holds.  Every write path of :class:`~eventgraph.backends.embedded.EventStore` names the
graphs it is about to write in the ``pending`` table (committed) before it writes the store, and replaces
their rows (derived by :func:`eventgraph.indexrows.graph_rows`) and clears them from ``pending`` in one
transaction after.  A process killed in between leaves them in ``pending``; the next writer re-derives them
from the store (:meth:`EventIndex.repair`).  ``eventgraph reindex`` rebuilds the whole index from the store.
"""

from __future__ import annotations

import itertools
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from eventgraph.errors import StoreError
from eventgraph.index.rows import PARTICIPANT_PROPERTIES, EntityRows, GraphRows, entity_rows, graph_rows
from eventgraph.vocab import EG, ENTITIES_GRAPH, ONTOLOGY_GRAPH

SCHEMA_VERSION = "5"  # an index of another version is rebuilt by reindex; lookups ask the store till then
INDEX_SUFFIX = ".index.sqlite"
# SQLite's page cache for a writer: the default 2 MB made inserts into the indexes read pages back from disk; 256 MB
# took the bulk writer's peak over 2 GB at 1,000,000 events (2,076 MB; with 128 MB 1,955 MB). With one bulk load
# for those events, 128 MB gave peaks of 2,033-2,041 MB and 64 MB 1,501-1,966 MB, and 3-12% less of the writer's
# CPU (two pairs, README: Performance)
WRITER_CACHE_KB = 64 * 1024

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS pending(graph TEXT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS graphs(id INTEGER PRIMARY KEY, graph TEXT NOT NULL UNIQUE, hash TEXT, events INTEGER,
  claims INTEGER);
CREATE TABLE IF NOT EXISTS terms(id INTEGER PRIMARY KEY, iri TEXT NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS events(
  id INTEGER PRIMARY KEY, event TEXT NOT NULL, graph INTEGER NOT NULL, type TEXT NOT NULL, date TEXT, date_end TEXT,
  certainty TEXT, status TEXT, label TEXT, quote TEXT, quantity TEXT, source TEXT, ends TEXT);
CREATE INDEX IF NOT EXISTS events_graph ON events(graph);
CREATE INDEX IF NOT EXISTS events_type ON events(type, ends);
CREATE TABLE IF NOT EXISTS participants(event INTEGER NOT NULL, role TEXT NOT NULL, entity INTEGER NOT NULL,
  type TEXT NOT NULL, PRIMARY KEY(event, role, entity)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS participants_entity ON participants(entity, role, type, event);
CREATE TABLE IF NOT EXISTS sources(iri TEXT NOT NULL, graph INTEGER NOT NULL, title TEXT, outlet TEXT,
  published TEXT, url TEXT, article INTEGER NOT NULL, PRIMARY KEY(iri, graph));
CREATE INDEX IF NOT EXISTS sources_graph ON sources(graph);
CREATE INDEX IF NOT EXISTS sources_order ON sources(published, iri);
CREATE TABLE IF NOT EXISTS graph_counts(graph INTEGER NOT NULL, kind TEXT NOT NULL, key TEXT NOT NULL,
  count INTEGER NOT NULL, sources INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS graph_counts_graph ON graph_counts(graph);
CREATE TABLE IF NOT EXISTS totals(kind TEXT NOT NULL, key TEXT NOT NULL, count INTEGER NOT NULL,
  sources INTEGER NOT NULL, PRIMARY KEY(kind, key));
CREATE TABLE IF NOT EXISTS entities(iri TEXT PRIMARY KEY, label TEXT, kind TEXT, iso3 TEXT, iso2 TEXT,
  wikidata TEXT, country TEXT, category TEXT);
CREATE INDEX IF NOT EXISTS entities_country ON entities(country);
CREATE TABLE IF NOT EXISTS entity_names(iri TEXT NOT NULL, name TEXT NOT NULL, alias INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS entity_names_iri ON entity_names(iri);
CREATE TABLE IF NOT EXISTS entity_classes(iri TEXT NOT NULL, class TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS entity_classes_iri ON entity_classes(iri);
"""
# An index of an earlier schema brought to this one in one transaction, from the rows it has (rebuilding a
# 10,000,000-event index from the store takes over an hour): schema 5 gives each participation its event's
# type, so that an actor's events of one type are a range of ``participants_entity``
UPGRADES = {
    "4": [
        "CREATE TABLE participants_5(event INTEGER NOT NULL, role TEXT NOT NULL, entity INTEGER NOT NULL,"
        " type TEXT NOT NULL, PRIMARY KEY(event, role, entity)) WITHOUT ROWID",
        "INSERT INTO participants_5 SELECT p.event, p.role, p.entity, e.type FROM participants p"
        " JOIN events e ON e.id = p.event",
        "DROP TABLE participants",
        "ALTER TABLE participants_5 RENAME TO participants",
        "CREATE INDEX participants_entity ON participants(entity, role, type, event)",
        "INSERT OR REPLACE INTO meta(key, value) VALUES ('schema', '5')",
    ]
}
# What each table holds with its integer ids read back as IRIs: what agreement between two indexes means
# (ids are given in the order rows were written, so an index written by ingest and one rebuilt from the
# store number their rows differently)
LOGICAL_ROWS = {
    "graphs": "SELECT graph, hash, events, claims FROM graphs",
    "events": "SELECT e.event, g.graph, e.type, e.date, e.date_end, e.certainty, e.status, e.label, e.quote,"
    " e.quantity, e.source, e.ends FROM events e JOIN graphs g ON g.id = e.graph",
    "participants": "SELECT e.event, p.role, t.iri, p.type = e.type FROM participants p"
    " JOIN events e ON e.id = p.event JOIN terms t ON t.id = p.entity",
    "sources": "SELECT s.iri, g.graph, s.title, s.outlet, s.published, s.url, s.article FROM sources s"
    " JOIN graphs g ON g.id = s.graph",
    "graph_counts": "SELECT g.graph, c.kind, c.key, c.count, c.sources FROM graph_counts c"
    " JOIN graphs g ON g.id = c.graph",
    "totals": "SELECT * FROM totals",
    "entities": "SELECT * FROM entities",
    "entity_names": "SELECT * FROM entity_names",
    "entity_classes": "SELECT * FROM entity_classes",
}
SECONDARY_INDEXES = "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
# Pages a bulk load lets the write-ahead log grow to before SQLite copies it into the index (the default, 1,000,
# copied and synced the index's pages after nearly every group of rows, each page many times over a load)
BULK_CHECKPOINT_PAGES = 100_000
GRAPH_TABLES = ("events", "sources", "graph_counts")
ENTITY_TABLES = ("entities", "entity_names", "entity_classes")


def index_path(store_path: Path) -> Path:
    """``<store>.index.sqlite`` beside the store directory (the directory itself is Oxigraph's)."""
    return store_path.with_name(store_path.name + INDEX_SUFFIX)


class EventIndex:
    """The SQLite lookup index of one store (``path=None``: in memory, beside an in-memory store)."""

    def __init__(self, path: Path | None = None, *, read_only: bool = False) -> None:
        self.path = path
        self.read_only = read_only
        # a writer's state: entities it has indexed; a bulk load's rows of the group being read, and the
        # graphs of the segment being loaded
        self.entities_seen: set[str] = set()
        self.bulk_rows: list[GraphRows] = []
        self.bulk_entities = EntityRows()
        self.bulk_named: list[str] = []  # graphs of a bulk load named to the index with their rows at the next write
        self.bulk_graphs: list[str] = []
        self.rows_writer: Any = None  # during a bulk load, the thread that writes its rows (hooks._RowsWriter)
        try:
            if path is None:
                self.db = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
            elif read_only:
                self.db = sqlite3.connect(
                    f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None, check_same_thread=False
                )
            else:
                self.db = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
                self.db.execute("PRAGMA journal_mode=WAL")
                self.db.execute("PRAGMA synchronous=NORMAL")
                self.db.execute(f"PRAGMA cache_size = -{WRITER_CACHE_KB}")
            self.db.row_factory = sqlite3.Row
            if not read_only:
                self._create_tables()
        except sqlite3.Error as error:
            raise StoreError(
                f"cannot open the lookup index {path}: {error}; rebuild it with 'eventgraph reindex'"
            ) from None

    def _create_tables(self) -> None:
        """The tables of this version: an index of the version before is upgraded in place, one of another
        version emptied (``reindex`` fills it)."""
        tables = [name for (name,) in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        schema = self.meta("schema")
        if tables and schema in UPGRADES:
            with _transaction(self.db):
                for statement in UPGRADES[schema]:
                    self.db.execute(statement)
                if self.meta("complete") == schema:
                    self._set_meta("complete", SCHEMA_VERSION)
        elif tables and schema != SCHEMA_VERSION:
            with _transaction(self.db):
                for table in tables:
                    self.db.execute(f"DROP TABLE {table}")
        self.db.executescript(SCHEMA)
        with _transaction(self.db):
            self._set_meta("schema", SCHEMA_VERSION)

    @classmethod
    def open_beside(cls, store_path: Path | None, *, read_only: bool) -> EventIndex | None:
        """The index of a store; None when a read-only store has none (lookups then ask the store)."""
        if store_path is None:
            return cls(None)
        path = index_path(store_path)
        if read_only and not path.exists():
            return None
        return cls(path, read_only=read_only)

    # -- state -------------------------------------------------------------------------------
    def meta(self, key: str) -> str | None:
        try:
            row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        except sqlite3.OperationalError:  # an index file without tables (never built)
            return None
        return None if row is None else str(row[0])

    def _set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    @property
    def current(self) -> bool:
        """Complete, and with no graph of a killed (or running) writer waiting to be derived again."""
        return self.complete and self.db.execute("SELECT 1 FROM pending LIMIT 1").fetchone() is None

    @property
    def complete(self) -> bool:
        """Whether the index describes the whole store (built, and not invalidated since)."""
        return self.meta("complete") == SCHEMA_VERSION

    def mark_incomplete(self) -> None:
        """After a write the index cannot follow (a SPARQL update): lookups ask the store until a rebuild."""
        self._set_meta("complete", "0")

    def pending(self) -> list[str]:
        return [row[0] for row in self.db.execute("SELECT graph FROM pending ORDER BY graph")]

    # -- writing -----------------------------------------------------------------------------
    def begin(self, graphs: Iterable[str]) -> None:
        """Name the graphs about to be written to the store (committed before the store write)."""
        with _transaction(self.db):
            self.db.executemany("INSERT OR IGNORE INTO pending(graph) VALUES (?)", ((g,) for g in graphs))

    def commit(
        self,
        rows: Sequence[GraphRows],
        entities: EntityRows | None = None,
        removed: Iterable[str] = (),
        *,
        fresh: bool = False,
    ) -> None:
        """Replace the rows of the written graphs (and drop removed ones) and clear them from pending;
        ``fresh``: the graphs have no rows yet (a rebuild), none to delete."""
        done = [r.graph for r in rows] + list(removed)
        with _transaction(self.db):
            if not fresh:
                self._delete_graphs(done)
            self._insert(rows)
            if entities is not None:
                self._insert_entities(entities)
            self.db.executemany("DELETE FROM pending WHERE graph = ?", ((g,) for g in done))

    def add_pending(self, graphs: Iterable[str], rows: Sequence[GraphRows], entities: EntityRows) -> None:
        """New graphs about to be written named in ``pending`` and their rows, in one transaction (left
        pending: a writer killed before ``settle`` leaves them to ``repair``): a bulk load's, a group at a time."""
        with _transaction(self.db):
            self.db.executemany("INSERT OR IGNORE INTO pending(graph) VALUES (?)", ((g,) for g in graphs))
            self._insert(rows)
            self._insert_entities(entities)

    def settle(self, graphs: Sequence[str]) -> None:
        """The graphs whose rows ``add_pending`` wrote are in the store: they leave ``pending``."""
        with _transaction(self.db):
            self.db.executemany("DELETE FROM pending WHERE graph = ?", ((g,) for g in graphs))

    def begin_bulk(self) -> None:
        """Before a bulk load: the write-ahead log is copied into the index every ``BULK_CHECKPOINT_PAGES``."""
        if self.path is not None:
            self.db.execute(f"PRAGMA wal_autocheckpoint = {BULK_CHECKPOINT_PAGES}")

    def end_bulk(self) -> None:
        """After a bulk load (done or failed): the log copied into the index, and the default again."""
        if self.path is not None:
            self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self.db.execute("PRAGMA wal_autocheckpoint = 1000")

    def _delete_graphs(self, graphs: Sequence[str]) -> None:
        """The rows of those of ``graphs`` the index has (one query finds them: a bulk load's are all new)."""
        found = self.db.execute(
            "SELECT id FROM graphs WHERE graph IN (SELECT value FROM json_each(?))", (json.dumps(list(graphs)),)
        ).fetchall()
        ids = [(graph_id,) for (graph_id,) in found]
        self.db.executemany("DELETE FROM participants WHERE event IN (SELECT id FROM events WHERE graph = ?)", ids)
        for (graph_id,) in ids:  # the graph's counts leave the totals
            old = self.db.execute("SELECT kind, key, -count, -sources FROM graph_counts WHERE graph = ?", (graph_id,))
            self._add_totals(old.fetchall())
        for table in GRAPH_TABLES:
            self.db.executemany(f"DELETE FROM {table} WHERE graph = ?", ids)
        self.db.executemany("DELETE FROM graphs WHERE id = ?", ids)

    def _insert(self, rows: Sequence[GraphRows]) -> None:
        """The rows, with integer ids for graphs, events and the entities events name: an event's
        participants then cost a few bytes each, and its rows go in at the end of their indexes."""
        db = self.db
        graph_ids = dict(zip((r.graph for r in rows), itertools.count(self._next_id("graphs")), strict=False))
        db.executemany(
            "INSERT INTO graphs VALUES (?,?,?,?,?)",
            ((graph_ids[r.graph], r.graph, r.content_hash, len(r.events), r.claims) for r in rows),
        )
        event_ids: dict[str, int] = {}
        event_types: dict[str, str] = {}
        next_event = itertools.count(self._next_id("events"))
        events = []
        for r in rows:
            for event in r.events:
                event_ids[event[0]] = event_id = next(next_event)
                event_types[event[0]] = event[2]
                events.append((event_id, event[0], graph_ids[r.graph], *event[2:]))
        db.executemany("INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", events)
        terms = self._term_ids({p[2] for r in rows for p in r.participants})
        db.executemany(  # each with its event's type: an actor's events of one type are a range of the index
            "INSERT OR IGNORE INTO participants VALUES (?,?,?,?)",
            (
                (event_ids[event], role, terms[entity], event_types[event])
                for r in rows
                for event, role, entity in r.participants
            ),
        )
        db.executemany(
            "INSERT OR REPLACE INTO sources VALUES (?,?,?,?,?,?,?)",
            ((s[0], graph_ids[r.graph], *s[2:]) for r in rows for s in r.sources),
        )
        db.executemany(
            "INSERT INTO graph_counts VALUES (?,?,?,?,?)",
            ((graph_ids[r.graph], *c[1:]) for r in rows for c in r.counts),
        )
        self._add_totals([c[1:] for r in rows for c in r.counts])

    def _next_id(self, table: str) -> int:
        return int(self.db.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}").fetchone()[0])

    def _term_ids(self, iris: set[str]) -> dict[str, int]:
        """The ids of ``iris`` in ``terms``, the missing ones added."""
        ids: dict[str, int] = dict(
            self.db.execute(
                "SELECT iri, id FROM terms WHERE iri IN (SELECT value FROM json_each(?))", (json.dumps(sorted(iris)),)
            ).fetchall()
        )
        missing = sorted(iris - ids.keys())
        added = dict(zip(missing, itertools.count(self._next_id("terms")), strict=False))
        self.db.executemany("INSERT INTO terms VALUES (?, ?)", ((term, iri) for iri, term in added.items()))
        ids.update(added)
        return ids

    def _add_totals(self, counts: Sequence[tuple[str, str, int, int]]) -> None:
        """Running totals for ``stats``: counting a million rows at each call took seconds."""
        summed: dict[tuple[str, str], list[int]] = {}
        for kind, key, count, sources in counts:
            total = summed.setdefault((kind, key), [0, 0])
            total[0] += count
            total[1] += sources
        self.db.executemany(
            "INSERT INTO totals VALUES (?,?,?,?) ON CONFLICT(kind, key)"
            " DO UPDATE SET count = count + excluded.count, sources = sources + excluded.sources",
            [(kind, key, count, sources) for (kind, key), (count, sources) in summed.items()],
        )
        self.db.execute("DELETE FROM totals WHERE count = 0 AND sources = 0")

    def _insert_entities(self, rows: EntityRows) -> None:
        iris = [(row[0],) for row in rows.entities]
        self.db.executemany("DELETE FROM entity_names WHERE iri = ?", iris)
        self.db.executemany("DELETE FROM entity_classes WHERE iri = ?", iris)
        self.db.executemany("INSERT OR REPLACE INTO entities VALUES (?,?,?,?,?,?,?,?)", rows.entities)
        self.db.executemany("INSERT INTO entity_names VALUES (?,?,?)", rows.names)
        self.db.executemany("INSERT INTO entity_classes VALUES (?,?)", rows.classes)

    def replace_entities(self, rows: EntityRows) -> None:
        """All entity rows anew (after entity descriptions were collected from the store)."""
        with _transaction(self.db):
            for table in ENTITY_TABLES:
                self.db.execute(f"DELETE FROM {table}")
            self._insert_entities(rows)

    # -- from the store ----------------------------------------------------------------------
    def repair(self, store: ox.Store) -> list[str]:
        """Re-derive the graphs a killed writer left pending from what the store holds of them."""
        graphs = self.pending()
        if graphs:
            self.refresh(store, graphs)
        return graphs

    def refresh(self, store: ox.Store, graphs: Sequence[str]) -> None:
        """The rows of ``graphs`` and every entity, re-derived from the store (a graph it lacks: no rows)."""
        present = [g for g in graphs if _has_graph(store, g)]
        rows = [graph_rows(g, store.quads_for_pattern(None, None, None, ox.NamedNode(g))) for g in present]
        self.commit(rows, removed=[g for g in graphs if g not in present])
        self.replace_entities(entity_rows(store.quads_for_pattern(None, None, None, ENTITIES_GRAPH)))

    def rebuild(self, store: ox.Store, progress: Callable[[int, int], None] | None = None) -> int:
        """Every row anew from the store; ``progress(graphs done, events done)``. Returns the events indexed."""
        self._create_tables()
        with _transaction(self.db):
            self._set_meta("complete", "0")
            for table in (*GRAPH_TABLES, "graphs", "participants", "terms", "totals", *ENTITY_TABLES, "pending"):
                self.db.execute(f"DELETE FROM {table}")
            # rows go in faster without the secondary indexes; they are made again, once, at the end
            for (name,) in self.db.execute(SECONDARY_INDEXES).fetchall():
                self.db.execute(f"DROP INDEX {name}")
        events = graphs = 0
        batch: list[GraphRows] = []
        for graph in data_graphs(store):
            batch.append(graph_rows(graph, store.quads_for_pattern(None, None, None, ox.NamedNode(graph))))
            if len(batch) >= 500:
                events, graphs = self._flush_batch(batch, events, graphs, progress)
                batch = []
        events, graphs = self._flush_batch(batch, events, graphs, progress)
        self.replace_entities(entity_rows(store.quads_for_pattern(None, None, None, ENTITIES_GRAPH)))
        self.db.executescript(SCHEMA)
        with _transaction(self.db):
            self._set_meta("complete", SCHEMA_VERSION)
        return events

    def _flush_batch(
        self, batch: list[GraphRows], events: int, graphs: int, progress: Callable[[int, int], None] | None
    ) -> tuple[int, int]:
        self.commit(batch, fresh=True)
        events += sum(len(r.events) for r in batch)
        graphs += len(batch)
        if progress is not None and batch:
            progress(graphs, events)
        return events, graphs

    def compare(self, store: ox.Store) -> list[tuple[str, str]]:
        """Per graph, where the store's content hash, events or participants differ from the index's rows."""
        participants = dict(
            self.db.execute(
                "SELECT e.graph, COUNT(*) FROM participants p JOIN events e ON e.id = p.event GROUP BY e.graph"
            ).fetchall()
        )
        indexed = {
            graph: (content_hash, events, participants.get(graph_id, 0))
            for graph_id, graph, content_hash, events in self.db.execute(
                "SELECT g.id, g.graph, g.hash, (SELECT COUNT(*) FROM events e WHERE e.graph = g.id) FROM graphs g"
            )
        }
        pending = set(self.pending())  # a killed writer's: derived again by the next writer, not compared
        found = []
        for graph in data_graphs(store):
            if graph in pending:
                indexed.pop(graph, None)
                continue
            stored = (_content_hash(store, graph), *_event_counts(store, graph))
            if graph not in indexed:
                found.append((graph, f"not in the index ({stored[1]} events in the store)"))
            elif indexed.pop(graph) != stored:
                found.append((graph, f"the index differs from the store ({stored[1]} events in the store)"))
        found += [(graph, "in the index but not in the store") for graph in indexed if graph not in pending]
        return found

    def logical_rows(self) -> dict[str, list[tuple[object, ...]]]:
        """Every table's rows (but the state: meta, pending) with ids read as IRIs, sorted: two indexes of
        the same store give the same whatever order their rows were written in."""
        return {table: sorted(tuple(row) for row in self.db.execute(sql)) for table, sql in LOGICAL_ROWS.items()}

    def mark_complete(self) -> None:
        with _transaction(self.db):
            self._set_meta("complete", SCHEMA_VERSION)

    def close(self) -> None:
        self.db.close()


def data_graphs(store: ox.Store) -> Iterator[str]:
    """The store's article and data set graphs (every named graph but the ontology and the entities)."""
    for graph in store.named_graphs():
        if isinstance(graph, ox.NamedNode) and graph not in (ONTOLOGY_GRAPH, ENTITIES_GRAPH):
            yield graph.value


def _content_hash(store: ox.Store, graph: str) -> str | None:
    node = ox.NamedNode(graph)
    for quad in store.quads_for_pattern(node, EG.contentHash, None, node):
        return str(quad.object) if isinstance(quad.object, ox.Triple) else quad.object.value
    return None


def _event_counts(store: ox.Store, graph: str) -> tuple[int, int]:
    """The graph's events, and their (event, role, entity) facts that the index keeps as participants."""
    node = ox.NamedNode(graph)
    events = {q.subject for q in store.quads_for_pattern(None, EG.eventType, None, node)}
    facts = sum(
        1
        for predicate in PARTICIPANT_PROPERTIES
        for q in store.quads_for_pattern(None, ox.NamedNode(predicate), None, node)
        if q.subject in events
    )
    return len(events), facts


def _has_graph(store: ox.Store, graph: str) -> bool:
    return store.contains_named_graph(ox.NamedNode(graph))


class _transaction:
    """BEGIN ... COMMIT (ROLLBACK on an error) on an autocommit connection."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind: object, *rest: object) -> None:
        self.db.execute("ROLLBACK" if kind is not None else "COMMIT")
