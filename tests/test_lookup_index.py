# ruff: noqa: B023  (each lookup made in the loop is run before the next one is made)
"""The lookup index: it agrees with the store after every write path, and the lookups read from it give
what the named SPARQL queries give on the same store."""

from __future__ import annotations

import random
import sqlite3
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from eventgraph import statistics
from eventgraph.backends.embedded import EventStore
from eventgraph.cli import cli
from eventgraph.index import hooks as storeindex
from eventgraph.index.database import LOGICAL_ROWS, index_path
from eventgraph.index.queries import Page
from eventgraph.lookups import (
    DateRange,
    Listing,
    Named,
    Resolver,
    actor_profile,
    find_paths,
    find_transfers,
    graph_records,
    group_transfers,
    list_events,
    timeline,
)
from eventgraph.mapping import map_article
from eventgraph.model import WEAPON_CATEGORIES, EventType
from eventgraph.projections import select_graph
from invented_reports import build_store

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from synthetic import synthetic_articles  # noqa: E402

IMPORTERS = Path(__file__).parent / "data" / "importers"
EXAMPLES = Path(__file__).resolve().parents[1] / "data" / "examples"
IMPORTS = {
    "sipri": IMPORTERS / "sipri_register_utf8.csv",
    "gdelt": IMPORTERS / "gdelt2_export.tsv",
    "acled": IMPORTERS / "acled_export.csv",
}


def snapshot(store: EventStore) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the index, table by table, in order, ids read as IRIs (the pending table and the state
    aside); every table is in it."""
    assert store.index is not None
    db = store.index.db
    tables = {t for (t,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables - {"meta", "pending", "terms"} == set(LOGICAL_ROWS)
    return store.index.logical_rows()


def assert_agrees_with_rebuild(store: EventStore) -> None:
    assert storeindex.disagreements(store) == []
    written = snapshot(store)
    storeindex.rebuild(store)
    assert snapshot(store) == written


def sparql_too(store: EventStore, work: Callable[[], Any]) -> tuple[Any, Any]:
    """``work`` with the lookup index, then with the index set aside (the named SPARQL queries)."""
    from_index = work()
    kept, store.index = store.index, None
    try:
        return from_index, work()
    finally:
        store.index = kept


def actors_of(store: EventStore) -> list[Named]:
    assert store.index is not None
    rows = store.index.db.execute(
        "SELECT DISTINCT t.iri, e.label FROM participants p JOIN terms t ON t.id = p.entity"
        " JOIN entities e ON e.iri = t.iri WHERE p.role IN ('actor', 'recipient') ORDER BY t.iri"
    )
    return [Named(iri, label) for iri, label in rows]


def lookups_of(store: EventStore, rng: random.Random, rounds: int) -> Iterator[tuple[str, Callable[[], Any]]]:
    """A sample of every lookup with every filter, over the store's own actors, places and dates."""
    actors = actors_of(store)
    assert store.index is not None
    places = [Named(i, label) for i, label in store.index.db.execute("SELECT iri, label FROM entities")]
    years = [str(y) for y in range(2014, 2026)]
    outlets = sorted({o for (o,) in store.index.db.execute("SELECT outlet FROM sources WHERE outlet IS NOT NULL")})
    articles = [  # sources that are stored articles (their own graphs)
        iri
        for (iri,) in store.index.db.execute(
            "SELECT s.iri FROM sources s JOIN graphs g ON g.id = s.graph"
            " WHERE g.graph = s.iri AND s.article ORDER BY s.iri LIMIT 20"
        )
    ]
    yield "view", lambda: graph_records(store)
    yield "stats", lambda: [s.records() for s in statistics.count_sections(store)]
    yield "articles", lambda: statistics.article_section(store, limit=7, offset=2).records()
    yield "all events", lambda: list_events(store).records
    yield "a page past the end", lambda: paged(list_events(store, page=Page(10_000, 5)))  # no rows, the total
    for _ in range(rounds):
        a, b = rng.choice(actors), rng.choice(actors)
        since, until = sorted(rng.sample(years, 2))
        dates = rng.choice(
            [DateRange(), DateRange.parse(since), DateRange.parse(None, until), DateRange.parse(since, until)]
        )
        kind = rng.choice([t.value for t in EventType])
        category = rng.choice(WEAPON_CATEGORIES)
        place = rng.choice(places)
        yield f"transfers from {a.label}", lambda: group_transfers(find_transfers(store, supplier=a, dates=dates))
        yield f"transfers to {b.label}", lambda: find_transfers(store, recipient=b, category=category)
        yield f"transfers {a.label} to {b.label}", lambda: find_transfers(store, supplier=a, recipient=b)
        yield "transfers of items", lambda: find_transfers(store, item=rng.choice(["a", "dr", "missile", "x"]))
        yield f"events of {a.label}", lambda: list_events(store, actor=a, dates=dates).records
        offset, limit = rng.randrange(0, 12), rng.choice([1, 3, 10])
        yield f"a page of {kind} events", lambda: paged(list_events(store, event_type=kind, page=Page(offset, limit)))
        yield f"a page of events of {a.label}", lambda: paged(list_events(store, actor=a, page=Page(offset)))
        yield f"{kind} events", lambda: list_events(store, event_type=kind, dates=dates).records
        yield f"events in {place.label}", lambda: list_events(store, place=place).records
        yield f"timeline of {a.label}", lambda: timeline(store, a, dates=dates).records
        yield f"profile of {a.label}", lambda: actor_profile(store, a, dates=dates).record()
        if a.iri != b.iri:
            yield f"path {a.label} {b.label}", lambda: find_paths(store, a, b, dates=dates)
        certainty = rng.choice([None, "confirmed", "reported", "alleged", "possible"])
        yield f"view of {kind} events", lambda: graph_records(store, event_type=kind, dates=dates, certainty=certainty)
        depth, view = rng.choice([1, 2]), rng.choice(["events", "actors"])
        yield (
            f"{view} view around {a.label}",
            lambda: drawn(
                select_graph(store, view=view, actor=a, depth=depth, event_type=rng.choice([None, kind]), dates=dates)
            ),
        )
        if outlets:  # data set imports have none
            yield "view of an outlet", lambda: graph_records(store, source=rng.choice(outlets), dates=dates)
        if articles:
            yield "view of an article", lambda: graph_records(store, source=rng.choice(articles))


def drawn(graph: Any) -> tuple[list[str], list[str]]:
    """A projection's nodes and edges with their data, comparable."""
    return sorted(map(repr, graph.nodes(data=True))), sorted(map(repr, graph.edges(keys=True, data=True)))


def paged(listing: Listing) -> tuple[list[dict[str, Any]], int | None]:
    assert listing.page is not None
    return listing.records, listing.page.total


def assert_lookups_agree(store: EventStore, seed: int, rounds: int) -> None:
    rng = random.Random(seed)
    for name, work in lookups_of(store, rng, rounds):
        state = rng.getstate()
        from_index = work()
        rng.setstate(state)  # the same random choices inside the lookup for the SPARQL run
        kept, store.index = store.index, None
        try:
            from_sparql = work()
        finally:
            store.index = kept
        assert from_index == from_sparql, name


@pytest.fixture(scope="module")
def invented(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("index") / "store")


def test_lookups_from_the_index_equal_the_named_queries_on_invented_reports(invented: Path) -> None:
    with EventStore(invented, read_only=True) as store:
        assert storeindex.lookup_index(store) is not None
        assert_lookups_agree(store, seed=1, rounds=15)
        assert actor_profile(store, Resolver(store).resolve("North Korea")).aliases


def test_views_around_actors_read_through_their_neighbours_equal_the_named_queries(
    invented: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same answers when every view around an actor reads its events through the neighbours' ids (on
    these small stores the index would read them whole: a neighbourhood is most of the store)."""
    from eventgraph.index import viewrows

    monkeypatch.setattr(viewrows, "worth_narrowing", lambda db, near: True)
    with EventStore(invented, read_only=True) as store:
        assert_lookups_agree(store, seed=7, rounds=10)


@pytest.mark.parametrize("seed", [3, 11])
def test_lookups_from_the_index_equal_the_named_queries_on_random_stores(seed: int) -> None:
    with EventStore() as store:
        articles = [map_article(a) for a in synthetic_articles(400, seed=seed, evidence_share=0.5)]
        store.write_articles(articles[:30])
        store.write_articles_in_bulk(articles[30:])
        assert_lookups_agree(store, seed=seed, rounds=25)


def test_index_agrees_after_ingest_replace_bulk_and_remove(tmp_path: Path) -> None:
    articles = [map_article(a) for a in synthetic_articles(300)]
    with EventStore(tmp_path / "store") as store:
        store.write_articles(articles[:20])
        store.write_articles_in_bulk(articles[20:], segment=15)
        assert_agrees_with_rebuild(store)
        # a re-ingested article with other content replaces the old one's rows
        changed = [map_article(a) for a in synthetic_articles(300, seed=8)][:3]
        store.write_articles(changed)
        store.write_articles_in_bulk([map_article(a) for a in synthetic_articles(300, seed=9)][3:6])
        assert_agrees_with_rebuild(store)
        store.remove_article(articles[10].article_id)
        assert_agrees_with_rebuild(store)
        assert store.index is not None
        assert store.index.db.execute("SELECT COUNT(*) FROM graphs").fetchone()[0] == len(articles) - 1


@pytest.mark.parametrize("fmt", sorted(IMPORTS))
def test_index_agrees_after_imports(tmp_path: Path, fmt: str) -> None:
    store_path = tmp_path / "store"
    result = CliRunner().invoke(cli, ["--store", str(store_path), "import", fmt, str(IMPORTS[fmt])])
    assert result.exit_code == 0, result.output
    with EventStore(store_path) as store:
        assert store.index is not None
        assert store.index.db.execute("SELECT COUNT(*) FROM events").fetchone()[0] > 0
        assert_agrees_with_rebuild(store)
        assert_lookups_agree(store, seed=5, rounds=5)


def test_validate_reports_a_tampered_index_and_reindex_repairs_it(invented: Path, tmp_path: Path) -> None:
    store_path = tmp_path / "store"
    result = CliRunner().invoke(cli, ["--store", str(store_path), "import", "sipri", str(IMPORTS["sipri"])])
    assert result.exit_code == 0, result.output
    runner = CliRunner()
    assert runner.invoke(cli, ["--store", str(store_path), "validate"]).exit_code == 0
    with sqlite3.connect(index_path(store_path)) as db:
        db.execute("DELETE FROM events WHERE rowid IN (SELECT rowid FROM events LIMIT 1)")
    result = runner.invoke(cli, ["--store", str(store_path), "validate", "--format", "json"])
    assert result.exit_code == 1
    assert "the index differs from the store" in result.output
    result = runner.invoke(cli, ["--store", str(store_path), "validate"])
    assert "the lookup index disagrees with the store (1 graph(s)): run 'eventgraph reindex'" in result.output
    assert runner.invoke(cli, ["--store", str(store_path), "reindex"]).exit_code == 0
    with sqlite3.connect(index_path(store_path)) as db:  # a participant fewer: the same event count
        db.execute("DELETE FROM participants WHERE event = (SELECT MIN(event) FROM participants)")
    assert runner.invoke(cli, ["--store", str(store_path), "validate"]).exit_code == 1
    result = runner.invoke(cli, ["--store", str(store_path), "reindex"])
    assert result.exit_code == 0, result.output
    assert "indexed" in result.output
    assert runner.invoke(cli, ["--store", str(store_path), "validate"]).exit_code == 0


def test_a_store_without_index_answers_from_the_store_until_reindexed(tmp_path: Path) -> None:
    store_path = tmp_path / "store"
    with EventStore(store_path) as store:
        store.write_articles([map_article(a) for a in synthetic_articles(100)])
        expected = [s.records() for s in statistics.count_sections(store)]
    index_path(store_path).unlink()  # as a store made before the index existed
    with EventStore(store_path, read_only=True) as store:
        assert storeindex.lookup_index(store) is None
        assert [s.records() for s in statistics.count_sections(store)] == expected
    runner = CliRunner()
    result = runner.invoke(cli, ["--store", str(store_path), "validate"])
    assert result.exit_code == 1 and "reindex" in result.output
    assert runner.invoke(cli, ["--store", str(store_path), "reindex"]).exit_code == 0
    with EventStore(store_path, read_only=True) as store:
        assert storeindex.lookup_index(store) is not None
        assert [s.records() for s in statistics.count_sections(store)] == expected


def test_a_sparql_update_sets_the_index_aside_until_reindexed(tmp_path: Path) -> None:
    with EventStore(tmp_path / "store") as store:
        store.write_articles([map_article(a) for a in synthetic_articles(50)])
        store.update("DELETE WHERE { GRAPH ?g { ?e eg:certainty ?c } }")
        assert storeindex.lookup_index(store) is None
        storeindex.rebuild(store)
        assert storeindex.lookup_index(store) is not None
        assert storeindex.disagreements(store) == []


def test_an_index_of_an_older_version_is_set_aside_and_rebuilt(tmp_path: Path) -> None:
    store_path = tmp_path / "store"
    articles = [map_article(a) for a in synthetic_articles(60)]
    with EventStore(store_path) as store:
        store.write_articles(articles[:6])
    with sqlite3.connect(index_path(store_path)) as db:  # as an index written by an earlier version
        db.execute("UPDATE meta SET value = '0-old' WHERE key = 'schema'")
        db.execute("DROP INDEX events_type")
        db.execute("ALTER TABLE events DROP COLUMN ends")
    with EventStore(store_path) as store:  # writing goes on; lookups ask the store until reindexed
        store.write_articles(articles[6:])
        assert storeindex.lookup_index(store) is None
    result = CliRunner().invoke(cli, ["--store", str(store_path), "reindex"])
    assert result.exit_code == 0, result.output
    with EventStore(store_path) as store:
        assert storeindex.lookup_index(store) is not None
        assert_agrees_with_rebuild(store)


def test_an_index_of_schema_4_is_upgraded_in_place(tmp_path: Path) -> None:
    """Schema 5 adds the event's type to each participation; a schema-4 index gets it from its own rows
    on the next writable open, stays current, and then equals a rebuild."""
    store_path = tmp_path / "store"
    articles = [map_article(a) for a in synthetic_articles(60)]
    with EventStore(store_path) as store:
        store.write_articles(articles[:6])
        written = snapshot(store)
    with sqlite3.connect(index_path(store_path)) as db:  # as schema 4 wrote it: no type
        db.execute(
            "CREATE TABLE p4(event INTEGER NOT NULL, role TEXT NOT NULL, entity INTEGER NOT NULL,"
            " PRIMARY KEY(event, role, entity)) WITHOUT ROWID"
        )
        db.execute("INSERT INTO p4 SELECT event, role, entity FROM participants")
        db.execute("DROP TABLE participants")
        db.execute("ALTER TABLE p4 RENAME TO participants")
        db.execute("CREATE INDEX participants_entity ON participants(entity, role, event)")
        db.execute("UPDATE meta SET value = '4' WHERE key IN ('schema', 'complete')")
    with EventStore(store_path, read_only=True) as store:  # a reader cannot upgrade: it asks the store
        assert storeindex.lookup_index(store) is None
    with EventStore(store_path) as store:
        assert storeindex.lookup_index(store) is not None  # upgraded, not emptied
        assert snapshot(store) == written
        store.write_articles(articles[6:])
        assert_agrees_with_rebuild(store)
    with sqlite3.connect(index_path(store_path)) as db:
        columns = [row[1] for row in db.execute("PRAGMA table_info(participants)")]
        assert columns == ["event", "role", "entity", "type"]
        assert db.execute("SELECT COUNT(*) FROM participants WHERE type IS NULL").fetchone() == (0,)


def test_the_sources_order_reads_the_description_the_rows_are_made_from() -> None:
    """``actor`` orders an actor's sources by (published, title) without making their rows: a source described
    in several graphs is ordered by the description of its first graph, the one its row is made from."""
    from eventgraph.index.database import SCHEMA
    from eventgraph.index.reading import _titled_order, _titled_sources

    db = sqlite3.connect(":memory:")
    db.row_factory = sqlite3.Row
    db.executescript(SCHEMA)
    db.executemany("INSERT INTO graphs(id, graph) VALUES (?, ?)", [(1, "urn:g:b"), (2, "urn:g:a"), (3, "urn:g:c")])
    db.executemany(
        "INSERT INTO sources(iri, graph, title, published, article) VALUES (?, ?, ?, ?, 0)",
        [
            ("urn:s:1", 1, "Later title", "2024-05-01"),
            ("urn:s:1", 2, "First graph's title", "2024-01-01"),  # urn:g:a sorts first
            ("urn:s:2", 3, "Only title", "2023-01-01"),
            ("urn:s:3", 1, None, "2020-01-01"),  # no title: not listed
        ],
    )
    iris = ["urn:s:1", "urn:s:2", "urn:s:3", "urn:s:unknown"]
    rows = _titled_sources(db, iris)
    assert _titled_order(db, iris) == {iri: (row["published"], row["title"]) for iri, row in rows.items()}
    assert _titled_order(db, iris)["urn:s:1"] == ("2024-01-01", "First graph's title")


def test_a_lookup_from_the_command_line_leaves_the_cycle_collector_as_it_found_it(tmp_path: Path) -> None:
    """Lookups and views switch Python's cycle collector off while they make rows, and on again when the command ends
    (the command may run inside a longer process, as here)."""
    import gc

    store_path = tmp_path / "store"
    runner = CliRunner()
    assert runner.invoke(cli, ["--store", str(store_path), "ingest", str(EXAMPLES)]).exit_code == 0
    assert gc.isenabled()
    result = runner.invoke(cli, ["--store", str(store_path), "events", "--actor", "Russia"])
    assert result.exit_code == 0, result.output
    assert "Russia" in result.output and gc.isenabled()
    drawn = runner.invoke(cli, ["--store", str(store_path), "draw", "-o", str(tmp_path / "view.html")])
    assert drawn.exit_code == 0 and (tmp_path / "view.html").exists() and gc.isenabled()
    gc.disable()
    try:
        assert runner.invoke(cli, ["--store", str(store_path), "events"]).exit_code == 0
        assert not gc.isenabled()  # switched off by the caller: left off
    finally:
        gc.enable()


def test_the_profile_of_an_actor_with_events_of_one_start_with_and_without_an_end(tmp_path: Path) -> None:
    """Two events that start the same month, one with an end and one without, in the profile's dates (their
    (start, end) pairs once failed to sort: an end of None is not comparable with text)."""
    import json

    events = [
        {"type": "attack", "actor": ["Russia"], "recipient": ["Ukraine"], "date": "2024-03", "certainty": "reported"},
        {
            "type": "attack",
            "actor": ["Russia"],
            "recipient": ["Ukraine"],
            "date": "2024-03/2024-05",
            "certainty": "reported",
        },
    ]
    article = {"id": "spans", "title": "Two attacks", "published": "2024-06-01", "outlet": "Test Wire"}
    path = tmp_path / "spans.json"
    path.write_text(json.dumps({"article": article, "events": events}), encoding="utf-8")
    store_path = tmp_path / "store"
    runner = CliRunner()
    assert runner.invoke(cli, ["--store", str(store_path), "ingest", str(path)]).exit_code == 0
    result = runner.invoke(cli, ["--store", str(store_path), "actor", "Russia", "--format", "json"])
    assert result.exit_code == 0, result.output
    profile = json.loads(result.output)
    assert (profile["events"], profile["first"], profile["last"]) == (2, "2024-03", "2024-05")


def test_a_view_around_an_actor_reads_only_the_events_among_its_neighbours(tmp_path: Path) -> None:
    """With the index, the events among the actors within --depth hops are found in SQLite (the rest of the
    store is not read); a view over more events than --max-events is refused before any is read."""
    import json

    from eventgraph.index import viewrows

    events = [
        {"type": "attack", "actor": ["Russia"], "recipient": ["Ukraine"], "date": "2024-03", "certainty": "reported"},
        {"type": "transfer", "actor": ["Iran"], "recipient": ["Russia"], "date": "2024-04", "certainty": "alleged"},
        {"type": "transfer", "actor": ["Chile"], "recipient": ["Peru"], "date": "2024-05", "certainty": "reported"},
    ]
    path = tmp_path / "three.json"
    article = {"id": "three", "title": "Three events", "published": "2024-06-01", "outlet": "Test Wire"}
    path.write_text(json.dumps({"article": article, "events": events}), encoding="utf-8")
    store_path = tmp_path / "store"
    runner = CliRunner()
    assert runner.invoke(cli, ["--store", str(store_path), "ingest", str(path)]).exit_code == 0
    with EventStore(store_path, read_only=True) as store:
        assert store.index is not None
        db = store.index.db
        ids = dict(db.execute("SELECT iri, id FROM terms"))
        country = "https://w3id.org/eventgraph/id/country/"
        near = viewrows.near_actors(db, {}, country + "UKR", 1)
        assert near == {ids[country + "UKR"], ids[country + "RUS"]}
        assert viewrows.near_actors(db, {}, country + "UKR", 2) == near | {ids[country + "IRN"]}
        rows, _ = viewrows.graph_rows(db, {}, viewrows.near_actors(db, {}, country + "UKR", 2))
        assert sorted(r["typeName"] for r in rows) == ["attack", "transfer"]  # not Chile's transfer to Peru
        assert viewrows.count_events(db, {}, None, up_to=1) == 2  # "more than 1" is all it needs to know
    out = tmp_path / "view.html"
    refused = runner.invoke(cli, ["--store", str(store_path), "draw", "-o", str(out), "--max-events", "2"])
    assert refused.exit_code == 1 and "more than 2 events match (--max-events)" in refused.output
    assert not out.exists()
    around = ["draw", "-o", str(out), "--actor", "Ukraine", "--max-events", "2"]
    assert runner.invoke(cli, ["--store", str(store_path), *around]).exit_code == 0 and out.exists()


def test_a_bulk_load_copies_the_index_log_less_often_and_leaves_it_copied(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from eventgraph.index.database import BULK_CHECKPOINT_PAGES

    articles = [map_article(a) for a in synthetic_articles(300, seed=4)]
    with EventStore(tmp_path / "store") as store:
        index = store.index
        assert index is not None
        during: list[int] = []
        settle = index.settle

        def watched(graphs: Any) -> None:
            during.append(index.db.execute("PRAGMA wal_autocheckpoint").fetchone()[0])
            settle(graphs)

        monkeypatch.setattr(index, "settle", watched)
        store.write_articles_in_bulk(articles, segment=20)
        assert len(during) > 1 and set(during) == {BULK_CHECKPOINT_PAGES}
        assert index.db.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 1000
        assert Path(f"{index_path(tmp_path / 'store')}-wal").stat().st_size == 0
        assert_agrees_with_rebuild(store)


def test_a_bulk_load_indexes_its_articles_in_groups_all_pending_before_their_hashes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rows go in a few thousand articles to a transaction, not one per group the loader reads; whatever the
    grouping, every graph of a segment is pending in the index, with its rows, before the segment's content
    hashes are written, and the lag before that is in the journal (a kill then removes it from the store)."""
    from eventgraph.backends import journal as bulkjournal
    from eventgraph.backends.journal import BULK_JOURNAL

    monkeypatch.setattr(bulkjournal, "BULK_GROUP_BYTES", 1)  # every article a group of its own
    monkeypatch.setattr(storeindex, "BULK_INDEX_ARTICLES", 4)
    articles = [map_article(a) for a in synthetic_articles(60, seed=5)]  # 12 articles
    path = tmp_path / "store"
    with EventStore(path) as store:
        index = store.index
        assert index is not None
        transactions: list[int] = []
        add_pending = index.add_pending

        def counted(graphs: Any, rows: Any, entities: Any) -> None:
            transactions.append(len(rows))
            time.sleep(0.05)  # a slow index: the hashes must still wait for its rows (written by a thread)
            add_pending(graphs, rows, entities)

        monkeypatch.setattr(index, "add_pending", counted)
        at_hashes: list[tuple[set[str], set[str], set[str]]] = []
        inner = store._store

        class Watched:
            def bulk_extend(self, quads: Any) -> None:  # the segment's content hashes
                quads = list(quads)
                pending = set(index.pending())
                indexed = {r[0] for r in index.db.execute("SELECT graph FROM graphs")}
                at_hashes.append(({q.subject.value for q in quads}, pending, indexed))
                inner.bulk_extend(quads)

            def __getattr__(self, name: str) -> Any:
                return getattr(inner, name)

        store._store = Watched()  # type: ignore[assignment]
        store.write_articles_in_bulk(articles, segment=7)
        store._store = inner
        assert transactions == [4, 3, 4, 1]  # 4 articles a transaction; the rest of a segment before its hashes
        assert len(at_hashes) == 2
        for written, pending, indexed in at_hashes:
            assert written and written <= pending and written <= indexed
        assert index.pending() == [] and not (path / BULK_JOURNAL).exists()


def test_an_index_write_failing_in_the_rows_thread_fails_the_bulk_load_and_leaves_no_part(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bulk load's index rows are written by a thread of their own: its error is the load's error, and the
    load's new articles leave the store and the index as after any failed bulk load."""
    from eventgraph.backends import journal as bulkjournal

    monkeypatch.setattr(bulkjournal, "BULK_GROUP_BYTES", 1)
    monkeypatch.setattr(storeindex, "BULK_INDEX_ARTICLES", 4)
    kept = [map_article(a) for a in synthetic_articles(20, seed=3)]
    articles = [map_article(a) for a in synthetic_articles(60, seed=5)]
    path = tmp_path / "store"
    with EventStore(path) as store:
        store.write_articles(kept)
        before = set(store.data_quads())
        index = store.index
        assert index is not None
        calls: list[str] = []
        add_pending = index.add_pending

        def failing(graphs: Any, rows: Any, entities: Any) -> None:
            calls.append(threading.current_thread().name)
            if len(calls) == 2:
                raise sqlite3.OperationalError("database or disk is full")
            add_pending(graphs, rows, entities)

        monkeypatch.setattr(index, "add_pending", failing)
        with pytest.raises(sqlite3.OperationalError, match="disk is full"):
            store.write_articles_in_bulk(articles, segment=7)
        assert calls and all(name == "eventgraph-index-rows" for name in calls)
        assert set(store.data_quads()) == before
    with EventStore(path) as store:
        assert set(store.data_quads()) == before
        assert storeindex.disagreements(store) == [] and store.index is not None and store.index.pending() == []
        assert_agrees_with_rebuild(store)
