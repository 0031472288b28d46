from __future__ import annotations

import copy
import subprocess
import sys
import textwrap
from pathlib import Path

import pyoxigraph as ox
import pytest

import eventgraph.store as store_module
from conftest import ARNOR_DOC
from eventgraph.errors import NotFoundError, QueryError, StoreLockedError, StoreMissingError
from eventgraph.eventfile import parse_event_document
from eventgraph.gazetteer import Gazetteer
from eventgraph.mapping import MappedArticle, map_article
from eventgraph.store import EventStore
from eventgraph.vocab import ENTITIES_GRAPH


def mapped(doc, gazetteer: Gazetteer) -> MappedArticle:
    return map_article(parse_event_document(doc, location="doc", gazetteer=gazetteer).document, gazetteer)


def second_article() -> dict:
    doc = copy.deepcopy(ARNOR_DOC)
    doc["article"] = {"id": "second", "title": "Second report", "published": "2024-12-24"}
    doc["events"] = [{"type": "transfer", "actor": ["Arnor"], "recipient": ["Gondor"], "items": ["catapults"],
                      "date": "2024-06", "certainty": "confirmed"}]
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
    monkeypatch.setattr(store_module, "_replace_update",
                        lambda *a: real_update(*a) + " ;\nDROP GRAPH <https://example.org/missing>")
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
    from eventgraph.store import EventStore
    store = EventStore(Path(sys.argv[1]))
    print("ready", flush=True)
    time.sleep(60)
    """
)


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
