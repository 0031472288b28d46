from __future__ import annotations

import copy
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

import eventgraph.backends.embedded as store_module
from conftest import ARNOR_DOC
from eventgraph.backends import journal as bulkjournal
from eventgraph.backends.embedded import EventStore
from eventgraph.errors import NotFoundError, QueryError, StoreLockedError, StoreMissingError
from eventgraph.eventfile import parse_event_document
from eventgraph.gazetteer import Gazetteer
from eventgraph.index import hooks as storeindex
from eventgraph.mapping import MappedArticle, map_article
from eventgraph.vocab import EG, ENTITIES_GRAPH, ID


def mapped(doc, gazetteer: Gazetteer) -> MappedArticle:
    return map_article(parse_event_document(doc, location="doc", gazetteer=gazetteer).document, gazetteer)


def second_article() -> dict:
    doc = copy.deepcopy(ARNOR_DOC)
    doc["article"] = {"id": "second", "title": "Second report", "published": "2024-12-24"}
    doc["events"] = [
        {
            "type": "transfer",
            "actor": ["Arnor"],
            "recipient": ["Gondor"],
            "items": ["catapults"],
            "date": "2024-06",
            "certainty": "confirmed",
        }
    ]
    return doc


def data_quads(store: EventStore) -> set[ox.Quad]:
    return set(store.data_quads())


def count_events(store: EventStore) -> int:
    return int(next(iter(store.query("SELECT (COUNT(?e) AS ?n) WHERE { ?e eg:eventType ?t }")))["n"].value)


def test_write_is_idempotent(tmp_path: Path, gazetteer: Gazetteer) -> None:
    with EventStore(tmp_path / "store") as store:
        first = store.write_articles([mapped(ARNOR_DOC, gazetteer)])
        assert first.added == ["arnor-gondor-catapults"] and first.events == 2
        before = data_quads(store)
        again = store.write_articles([mapped(ARNOR_DOC, gazetteer)])
        assert again.unchanged == ["arnor-gondor-catapults"] and again.quads == 0
        assert data_quads(store) == before
    with EventStore(tmp_path / "store", read_only=True) as reopened:
        assert data_quads(reopened) == before
        assert count_events(reopened) == 2


def test_changed_article_replaces_its_graph_and_collects_orphans(gazetteer: Gazetteer) -> None:
    store = EventStore()
    store.write_articles([mapped(ARNOR_DOC, gazetteer)])
    changed = copy.deepcopy(ARNOR_DOC)
    del changed["events"][0]["via"]
    changed["events"][0]["certainty"] = "confirmed"
    report = store.write_articles([mapped(changed, gazetteer)])
    assert report.replaced == ["arnor-gondor-catapults"]
    assert count_events(store) == 2
    fresh = EventStore()
    fresh.write_articles([mapped(changed, gazetteer)])
    assert data_quads(store) == data_quads(fresh)  # nothing of the old version is left
    labels = {q.object.value for q in store.quads(ENTITIES_GRAPH)}
    assert "Palantir News" not in labels


def test_remove_drops_the_article_and_what_only_it_used(gazetteer: Gazetteer) -> None:
    store = EventStore()
    store.write_articles([mapped(ARNOR_DOC, gazetteer), mapped(second_article(), gazetteer)])
    assert count_events(store) == 3
    removed = store.remove_article("https://example.org/arnor-catapults")  # by URL
    assert removed == "arnor-gondor-catapults"
    only_second = EventStore()
    only_second.write_articles([mapped(second_article(), gazetteer)])
    assert data_quads(store) == data_quads(only_second)
    store.remove_article("second")
    assert data_quads(store) == set()
    with pytest.raises(NotFoundError, match="no article 'second'"):
        store.remove_article("second")


def test_failed_write_leaves_the_store_as_it_was(tmp_path: Path, gazetteer: Gazetteer, monkeypatch) -> None:
    store = EventStore(tmp_path / "store")
    store.write_articles([mapped(ARNOR_DOC, gazetteer)])
    before = data_quads(store)

    def failing_chain(*groups):
        for group in groups:
            yield from list(group)[:3]
            raise RuntimeError("disk went away")

    monkeypatch.setattr(store_module, "_chain", failing_chain)
    with pytest.raises(RuntimeError):
        store.write_articles([mapped(second_article(), gazetteer)])
    assert data_quads(store) == before

    real_update = store_module._replace_update
    monkeypatch.setattr(
        store_module, "_replace_update", lambda *a: real_update(*a) + " ;\nDROP GRAPH <https://example.org/missing>"
    )
    changed = copy.deepcopy(ARNOR_DOC)
    changed["events"].pop()
    with pytest.raises(Exception, match="does not exist"):
        store.write_articles([mapped(changed, gazetteer), mapped(second_article(), gazetteer)])
    assert data_quads(store) == before
    store.close()
    assert data_quads(EventStore(tmp_path / "store", read_only=True)) == before


HOLD_STORE = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from eventgraph.backends.embedded import EventStore
    store = EventStore(Path(sys.argv[1]))
    print("ready", flush=True)
    time.sleep(60)
    """
)


@pytest.mark.slow
def test_second_writer_gets_a_clear_error_and_readers_still_read(tmp_path: Path, gazetteer: Gazetteer) -> None:
    path = tmp_path / "store"
    with EventStore(path) as store:
        store.write_articles([mapped(ARNOR_DOC, gazetteer)])
    holder = subprocess.Popen([sys.executable, "-c", HOLD_STORE, str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreLockedError, match="in use by another process"):
            EventStore(path)
        reader = EventStore(path, read_only=True)
        assert count_events(reader) == 2
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()


def test_missing_store_is_reported_for_readers(tmp_path: Path) -> None:
    with pytest.raises(StoreMissingError, match="no store at"):
        EventStore(tmp_path / "nowhere", read_only=True)
    assert not (tmp_path / "nowhere").exists()
    afile = tmp_path / "file"
    afile.write_text("x")
    with pytest.raises(Exception, match="is a file"):
        EventStore(afile)


def test_query_binds_values_and_reports_bad_sparql(gazetteer: Gazetteer) -> None:
    store = EventStore()
    store.write_articles([mapped(ARNOR_DOC, gazetteer)])
    query = "SELECT ?label ?e WHERE { ?e eg:actor/rdfs:label ?label }"
    rows = list(store.query(query, {"label": ox.Literal("Arnor")}))
    assert len(rows) == 1
    hostile = ox.Literal('Arnor" } ; DROP ALL ; #')
    assert list(store.query(query, {"label": hostile})) == []
    assert count_events(store) == 2
    with pytest.raises(QueryError, match="invalid SPARQL"):
        store.query("SELECT ?x WHERE { ?x ")
    with pytest.raises(QueryError, match="invalid SPARQL"):
        store.query("DROP ALL")


def test_remove_reports_names_that_cannot_be_ids(gazetteer: Gazetteer) -> None:
    store = EventStore()
    store.write_articles([mapped(ARNOR_DOC, gazetteer)])
    for reference in ("some text with spaces", "<script>", "a/b", "https://w3id.org/eventgraph/id/article/x y"):
        with pytest.raises(NotFoundError, match="no article"):
            store.remove_article(reference)
    assert count_events(store) == 2


def _numbered(gazetteer: Gazetteer, count: int) -> list[MappedArticle]:
    articles = []
    for number in range(count):
        doc = copy.deepcopy(ARNOR_DOC)
        doc["article"] = {"id": f"a{number}", "title": f"Report {number}", "published": "2024-12-24"}
        articles.append(mapped(doc, gazetteer))
    return articles


def test_background_writer_reports_and_stops_at_the_first_failed_write(gazetteer: Gazetteer, monkeypatch) -> None:
    from eventgraph.pipeline import write_batches

    store = EventStore()
    report = write_batches(store, _numbered(gazetteer, 7), batch_size=2)
    assert sorted(report.added) == [f"a{n}" for n in range(7)] and report.events == 14

    store = EventStore()
    real, calls = store.write_articles, []

    def failing(batch):
        calls.append([a.article_id for a in batch])
        if len(calls) == 2:
            raise OSError("No space left on device")
        return real(batch)

    monkeypatch.setattr(store, "write_articles", failing)
    with pytest.raises(OSError, match="No space"):
        write_batches(store, _numbered(gazetteer, 9), batch_size=2)
    assert len(calls) == 2  # nothing is written after the failure
    stored = {g.value.rsplit("/", 1)[1] for g in store.article_graphs()}
    assert stored == {"a0", "a1"}  # the first batch whole, the failed one not at all


def test_background_writer_finishes_the_batch_in_hand_when_reading_fails(gazetteer: Gazetteer) -> None:
    from eventgraph.pipeline import write_batches

    articles = _numbered(gazetteer, 5)

    def reading():
        yield from articles[:4]
        raise KeyboardInterrupt

    store = EventStore()
    with pytest.raises(KeyboardInterrupt):
        write_batches(store, reading(), batch_size=2)
    stored = sorted(g.value.rsplit("/", 1)[1] for g in store.article_graphs())
    assert stored in (["a0", "a1"], ["a0", "a1", "a2", "a3"], [])  # whole batches only
    assert count_events(store) == 2 * len(stored)


@pytest.mark.slow
def test_bulk_write_stores_what_a_transaction_stores(tmp_path: Path, gazetteer: Gazetteer) -> None:
    articles = _numbered(gazetteer, 6)
    plain = EventStore()
    plain.write_articles(articles)
    with EventStore(tmp_path / "bulk") as store:
        first = store.write_articles_in_bulk(articles[:4])
        assert sorted(first.added) == ["a0", "a1", "a2", "a3"] and first.events == 8
        again = store.write_articles_in_bulk(articles)  # two new, four unchanged
        assert sorted(again.added) == ["a4", "a5"] and len(again.unchanged) == 4
        assert data_quads(store) == data_quads(plain)
        changed = copy.deepcopy(ARNOR_DOC)
        changed["article"] = {"id": "a0", "title": "Report 0, corrected", "published": "2024-12-24"}
        assert store.write_articles_in_bulk([mapped(changed, gazetteer)]).replaced == ["a0"]
        assert not (tmp_path / "bulk" / store_module.BULK_JOURNAL).exists()
    # as articles come from a worker process: pickled as N-Quads, loaded without being parsed
    import pickle

    from eventgraph.mapping import SerialisedArticle

    travelled = pickle.loads(pickle.dumps(articles))
    assert all(isinstance(a, SerialisedArticle) for a in travelled)
    with EventStore(tmp_path / "pickled") as store:
        assert store.write_articles_in_bulk(travelled[:3] + articles[3:4]).quads == sum(
            len(a.quads) for a in articles[:4]
        )
        store.write_articles(travelled[4:])  # a transaction takes them too
        assert data_quads(store) == data_quads(plain)


def test_bulk_stream_segments_duplicates_and_replacements(tmp_path: Path, gazetteer: Gazetteer) -> None:
    """One stream across several bulk loads: new, unchanged, changed and twice-named articles end as a
    transaction would leave them, in whatever segments and replacement batches."""
    import pickle

    articles = _numbered(gazetteer, 9)
    changed = copy.deepcopy(ARNOR_DOC)
    changed["article"] = {"id": "a1", "title": "Report 1, corrected", "published": "2024-12-24"}
    corrected = mapped(changed, gazetteer)
    plain = EventStore()
    plain.write_articles(articles[:1])
    plain.write_articles([corrected, *articles[2:]])
    with EventStore(tmp_path / "bulk") as store:
        store.write_articles(articles[:3])  # stored before: a0 unchanged below, a1 replaced, a2 unchanged
        travelled = pickle.loads(pickle.dumps(articles[5:]))  # from a worker process, as N-Quads
        stream = [articles[0], articles[3], corrected, articles[2], articles[4], *travelled, articles[3]]
        report = store.write_articles_in_bulk(iter(stream), segment=2, replace_batch=1)
        assert sorted(report.added) == ["a3", "a4", "a5", "a6", "a7", "a8"]
        assert report.replaced == ["a1"] and sorted(report.unchanged) == ["a0", "a2", "a3"]
        assert data_quads(store) == data_quads(plain)
        assert not (tmp_path / "bulk" / store_module.BULK_JOURNAL).exists()
        # an article named twice in one segment ends as its last version
        first = copy.deepcopy(ARNOR_DOC)
        first["article"] = {"id": "twice", "title": "First version", "published": "2024-12-24"}
        last = copy.deepcopy(first)
        last["article"]["title"] = "Last version"
        again = store.write_articles_in_bulk([mapped(first, gazetteer), mapped(last, gazetteer)])
        assert again.added == ["twice"] and again.replaced == ["twice"]
        titles = {
            row["t"].value
            for row in store.query(
                "SELECT ?t WHERE { GRAPH ?g { ?g dcterms:title ?t } }", {"g": mapped(last, gazetteer).graph}
            )
        }
        assert titles == {"Last version"}


def test_bulk_stream_into_an_empty_store_finds_its_own_repeats(tmp_path: Path, gazetteer: Gazetteer) -> None:
    """Into an empty store the stream looks up only graphs it loaded itself: repeats across segments are
    still found unchanged or replaced, as a transaction per article would leave them."""
    import pickle

    articles = _numbered(gazetteer, 9)
    changed = copy.deepcopy(ARNOR_DOC)
    changed["article"] = {"id": "a1", "title": "Report 1, corrected", "published": "2024-12-24"}
    corrected = mapped(changed, gazetteer)
    travelled = pickle.loads(pickle.dumps(articles[5:]))
    stream = [articles[0], articles[1], articles[3], corrected, articles[3], articles[2], *travelled, articles[3]]
    plain = EventStore()
    for article in stream:
        plain.write_articles([article])
    with EventStore(tmp_path / "bulk") as store:
        report = store.write_articles_in_bulk(iter(stream), segment=2, replace_batch=1)
        assert sorted(report.added) == ["a0", "a1", "a2", "a3", "a5", "a6", "a7", "a8"]
        assert report.replaced == ["a1"] and report.unchanged == ["a3", "a3"]
        assert data_quads(store) == data_quads(plain)


@pytest.mark.slow
def test_a_failing_input_leaves_the_loaded_segments_and_removes_the_rest(
    tmp_path: Path, gazetteer: Gazetteer, monkeypatch
) -> None:
    monkeypatch.setattr(bulkjournal, "BULK_GROUP_BYTES", 1)  # an article a group: a4 is handed over alone
    articles = _numbered(gazetteer, 7)

    def failing():
        yield from articles[:5]
        raise KeyboardInterrupt  # Ctrl-C while the third segment is being read

    path = tmp_path / "store"
    with EventStore(path) as store:
        with pytest.raises(KeyboardInterrupt):
            store.write_articles_in_bulk(failing(), segment=2)
        stored = sorted(g.value.rsplit("/", 1)[1] for g in store.article_graphs())
        assert stored == ["a0", "a1", "a2", "a3"] and sorted(store.unfinished_bulk_removed) == ["a4"]
        assert not (path / store_module.BULK_JOURNAL).exists()
        plain = EventStore()
        plain.write_articles(articles[:4])
        assert data_quads(store) == data_quads(plain)
        assert sorted(store.write_articles_in_bulk(articles, segment=2).added) == ["a4", "a5", "a6"]


def test_a_journal_line_cut_short_by_a_kill_is_ignored(tmp_path: Path, gazetteer: Gazetteer) -> None:
    articles = _numbered(gazetteer, 2)
    path = tmp_path / "store"
    with EventStore(path) as store:
        store.write_articles(articles[:1])
        before = data_quads(store)
        store._store.bulk_extend([q for q in articles[1].quads if q.predicate != EG.contentHash])
    (path / store_module.BULK_JOURNAL).write_text(f"<{articles[1].graph.value}>\n<{ID}article/a", encoding="utf-8")
    with EventStore(path) as store:
        assert store.unfinished_bulk_removed == ["a1"] and data_quads(store) == before


class _FailsAfterBulk:
    """A pyoxigraph store whose writes of quads fail, the loader's aside: a bulk write stops before its hashes."""

    def __init__(self, inner: ox.Store) -> None:
        self.inner = inner

    def extend(self, quads) -> None:
        raise OSError("killed")

    def bulk_extend(self, quads) -> None:
        raise OSError("killed")

    def __getattr__(self, name: str):
        return getattr(self.inner, name)

    def __len__(self) -> int:
        return len(self.inner)


class _FailsAmongHashes(_FailsAfterBulk):
    """A bulk write killed after the first of its content hashes is written."""

    def bulk_extend(self, quads) -> None:
        self.inner.bulk_extend([next(iter(quads))])
        self.inner.flush()
        raise OSError("killed")


def test_interrupted_bulk_write_is_removed_by_the_next_writer(tmp_path: Path, gazetteer: Gazetteer) -> None:
    articles = _numbered(gazetteer, 5)
    path = tmp_path / "store"
    with EventStore(path) as store:
        store.write_articles(articles[:2])
        before = data_quads(store)
        store._store = _FailsAfterBulk(store._store)
        with pytest.raises(Exception, match="killed"):
            store.write_articles_in_bulk(articles[2:])
        store._store = store._store.inner
        assert len(data_quads(store)) > len(before)  # the bulk writer got the new articles in, without hashes
    assert (path / store_module.BULK_JOURNAL).exists()
    with EventStore(path, read_only=True) as reader:  # a reader sees what is there and changes nothing
        assert (path / store_module.BULK_JOURNAL).exists() and len(data_quads(reader)) > len(before)
    with EventStore(path) as store:
        assert sorted(store.unfinished_bulk_removed) == ["a2", "a3", "a4"]
        assert data_quads(store) == before
    assert not (path / store_module.BULK_JOURNAL).exists()


def test_a_bulk_write_killed_among_its_hashes_keeps_the_articles_whose_hash_is_in(
    tmp_path: Path, gazetteer: Gazetteer
) -> None:
    """Content hashes go in without a transaction: each article with its hash is whole, the rest are removed."""
    articles = _numbered(gazetteer, 5)
    path = tmp_path / "store"
    with EventStore(tmp_path / "whole") as whole:
        whole.write_articles(articles[:3])
        expected = data_quads(whole)
    with EventStore(path) as store:
        store.write_articles(articles[:2])
        store._store = _FailsAmongHashes(store._store)
        with pytest.raises(Exception, match="killed"):
            store.write_articles_in_bulk(articles[2:])
        store._store = store._store.inner
    with EventStore(path) as store:
        assert sorted(store.unfinished_bulk_removed) == ["a3", "a4"]  # a2's hash was in: a2 stays
        assert data_quads(store) == expected
        assert storeindex.disagreements(store) == []


@pytest.mark.slow
def test_a_store_whose_creation_was_interrupted_is_reported_and_finished_by_a_writer(
    tmp_path: Path, monkeypatch
) -> None:
    """A reader opening a store while (or after) its creation stopped gets a clear error; a writer finishes it."""
    from eventgraph.errors import StoreError

    monkeypatch.setattr(store_module, "READ_ONLY_ATTEMPTS", 2)
    path = tmp_path / "store"
    for step in range(1, 400):
        if path.exists():
            import shutil

            shutil.rmtree(path)
        creator = subprocess.Popen([sys.executable, "-c", f"import pyoxigraph; pyoxigraph.Store({str(path)!r})"])
        time.sleep(0.001 * step)
        creator.kill()
        creator.wait()
        if not (path / "CURRENT").exists():
            continue
        try:
            EventStore(path, read_only=True).close()
        except StoreError as error:
            assert "is not ready" in str(error) and "eventgraph ingest" in str(error)
            break
    else:
        pytest.skip("no kill landed between the store's CURRENT file and its first write")
    with EventStore(path) as store:  # a writer finishes the creation
        assert len(store) > 0  # the ontology
    with EventStore(path, read_only=True) as reader:
        assert len(reader) > 0


def test_a_remove_killed_after_dropping_the_graph_leaves_no_orphans(tmp_path: Path, gazetteer: Gazetteer) -> None:
    """The process dies (``os._exit``, as under SIGKILL) the moment the article's graph is gone: the entity
    descriptions only that article used must be gone with it, as in a clean run."""
    path = tmp_path / "store"
    with EventStore(path) as store:
        store.write_articles([mapped(ARNOR_DOC, gazetteer), mapped(second_article(), gazetteer)])
    killed = textwrap.dedent(f"""
        import os
        from pathlib import Path
        from eventgraph.backends.embedded import EventStore
        EventStore._collect_entities = lambda self: os._exit(9)  # dies right after the graph is dropped
        EventStore(Path({str(path)!r})).remove_article("arnor-gondor-catapults")
    """)
    assert subprocess.run([sys.executable, "-c", killed], timeout=120).returncode == 9
    only_second = EventStore()
    only_second.write_articles([mapped(second_article(), gazetteer)])
    with EventStore(path, read_only=True) as store:
        assert data_quads(store) == data_quads(only_second)


def test_a_worker_sends_each_entity_description_once_and_the_store_still_has_them(
    tmp_path: Path, gazetteer: Gazetteer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker process strips from its later articles the entity descriptions an earlier one carried; the
    bulk writer loads them with the first, even when that one waits to be replaced at the segment's end."""
    import pickle

    from eventgraph import pipeline

    def report(article_id: str, title: str) -> MappedArticle:
        doc = copy.deepcopy(ARNOR_DOC)
        doc["article"] = {"id": article_id, "title": title, "published": "2024-12-24"}
        doc["events"][0]["items"] = ["a siege tower of a new kind"]  # an entity no gazetteer has: described here
        return mapped(doc, gazetteer)

    old = mapped({**ARNOR_DOC, "article": {**ARNOR_DOC["article"], "id": "first"}}, gazetteer)
    first, second = report("first", "First report, corrected"), report("second", "Second report")
    plain = EventStore()
    plain.write_articles([old])
    plain.write_articles([first, second])
    monkeypatch.setattr(pipeline, "_SHIPPED_ENTITIES", set())
    pipeline._carry_index_rows([first, second])  # as a worker does, in one task
    tower = [iri for iri in first.entity_nquads or {} if "siege" in iri]
    assert tower and not set(tower) & set(second.entity_nquads or {})  # sent once, with the first
    travelled = pickle.loads(pickle.dumps([first, second]))
    with EventStore(tmp_path / "bulk") as store:
        store.write_articles([old])  # "first" is stored with other content: replaced after the segment
        described_before_replacing: list[bool] = []
        write_articles = store.write_articles

        def replacing(articles: Any) -> Any:
            described = store._store.quads_for_pattern(ox.NamedNode(tower[0]), None, None, ENTITIES_GRAPH)
            described_before_replacing.append(next(described, None) is not None)
            return write_articles(articles)

        monkeypatch.setattr(store, "write_articles", replacing)
        report_ = store.write_articles_in_bulk(travelled)
        assert report_.added == ["second"] and report_.replaced == ["first"]
        assert described_before_replacing == [True]
        assert data_quads(store) == data_quads(plain)
        assert storeindex.disagreements(store) == []
