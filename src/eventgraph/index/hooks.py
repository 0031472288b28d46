"""The hooks by which every write of :class:`~eventgraph.backends.embedded.EventStore` keeps its lookup index in step.

One call before the store write (the graphs go into the index's ``pending`` table) and one after it (their
rows, derived from the same quads the store was given, replace the old ones and leave ``pending``), for
each write path: transactional writes, the bulk writer, data set imports, removals.  A SPARQL update marks
the index incomplete; an incomplete or missing index is rebuilt when the store is next opened for writing.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from eventgraph.errors import StoreError
from eventgraph.index.database import EventIndex, data_graphs
from eventgraph.index.rows import EntityRows, GraphRows, entity_rows, graph_rows
from eventgraph.mapping import MappedArticle, SerialisedArticle, subject_value
from eventgraph.vocab import ENTITIES_GRAPH

# new articles of a bulk load whose graphs and rows go into the index in one transaction
BULK_INDEX_ARTICLES = 2_000

Article = MappedArticle | SerialisedArticle


def open_index(store_path: Path | None, *, read_only: bool) -> EventIndex | None:
    return EventIndex.open_beside(store_path, read_only=read_only)


def lookup_index(store: Any) -> EventIndex | None:
    """The index the lookups may read: a complete one with nothing pending (else None: a remote store, one
    never indexed, or one a writer is writing or was killed writing; the named queries answer then)."""
    index: EventIndex | None = getattr(store, "index", None)
    return index if index is not None and index.current else None


def prepare(store: Any) -> None:
    """On a writable open: finish a killed writer's pending graphs; a new store starts with a complete index.

    A store that has data but no complete index (made by an older version, or changed by a SPARQL update)
    is not indexed here, which could take minutes unasked: its lookups ask the store until ``reindex``.
    """
    index: EventIndex | None = store.index
    if index is None:
        return
    if index.complete:
        index.repair(store._store)
    elif next(data_graphs(store._store), None) is None:
        index.mark_complete()  # an empty store: nothing to derive


def rebuild(store: Any, progress: Callable[[int, int], None] | None = None) -> int:
    """Every row anew from the store (``eventgraph reindex``); the events indexed."""
    index: EventIndex | None = getattr(store, "index", None)
    if index is None:
        raise StoreError("a remote store has no lookup index: its lookups ask its SPARQL endpoint")
    return index.rebuild(store._store, progress)


def disagreements(store: Any) -> list[tuple[str, str]]:
    """(graph, what differs) wherever the index and the store disagree; an empty list when they agree."""
    if not hasattr(store, "index"):  # a remote store: no index
        return []
    index: EventIndex | None = store.index
    if index is None or not index.complete:
        return [("index", "the lookup index is missing or out of date; lookups ask the store")]
    return index.compare(store._store)


def begin(store: Any, articles: Sequence[Article]) -> None:
    if store.index is not None and articles:
        store.index.begin(a.graph.value for a in articles)


def commit(store: Any, articles: Sequence[Article], *, entities_collected: bool = False) -> None:
    """The written articles' rows in place of their old ones; after a replacement, entities read anew."""
    index: EventIndex | None = store.index
    if index is None or not articles:
        return
    index.commit([_graph_rows(a) for a in articles], _new_entities(index, articles))
    if entities_collected:
        _reread_entities(store)


def _graph_rows(article: Article) -> GraphRows:
    """The rows a worker process derived and carried with the article, else derived here from its quads."""
    carried = article.index_rows
    return carried if isinstance(carried, GraphRows) else graph_rows(article.graph.value, article.quads)


def _new_entities(index: EventIndex, articles: Sequence[Article]) -> EntityRows:
    """The entity descriptions of ``articles`` not yet indexed by this writer."""
    seen = index.entities_seen
    quads = []
    carried, taken = EntityRows(), set()
    for article in articles:
        if article.entity_index_rows is not None:  # derived by a worker process (rows.carry_rows)
            for iri, entity in article.entity_index_rows.items():
                if iri not in seen and iri not in taken and isinstance(entity, EntityRows):
                    taken.add(iri)
                    _extend(carried, entity)
        elif isinstance(article, SerialisedArticle):
            fresh = [iri for iri in article.entity_nquads if iri not in seen]
            quads += [q for q in article.entity_quads if subject_value(q) in fresh]
        else:
            quads += [q for q in article.entity_quads if subject_value(q) not in seen]
    rows = entity_rows(quads)
    _extend(rows, carried)
    seen.update(row[0] for row in rows.entities)
    return rows


def _extend(rows: EntityRows, more: EntityRows) -> None:
    rows.entities += more.entities
    rows.names += more.names
    rows.classes += more.classes


def _reread_entities(store: Any) -> None:
    index: EventIndex = store.index
    index.replace_entities(entity_rows(store._store.quads_for_pattern(None, None, None, ENTITIES_GRAPH)))
    index.entities_seen = set()


# -- the bulk writer ---------------------------------------------------------------------------
class _RowsWriter:
    """A thread that writes a bulk load's index rows (``EventIndex.add_pending``) while the loader reads on.

    SQLite lets go of the interpreter while it inserts, so the rows go in beside the loader's parsing instead
    of stopping it (they were written when the loader asked for its next group of articles).  The bulk writer
    touches the index only after ``wait`` (``bulk_segment_loaded``, ``repair``), so the two threads never use
    the connection at once; an error in the thread is raised there, or with the next group.
    """

    def __init__(self, index: EventIndex) -> None:
        self.index = index
        self.jobs: queue.Queue[tuple[list[str], list[GraphRows], EntityRows] | None] = queue.Queue(maxsize=1)
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="eventgraph-index-rows", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while True:
            job = self.jobs.get()
            try:
                if job is None:
                    return
                if self.error is None:
                    self.index.add_pending(*job)
            except BaseException as error:  # raised in the writing thread by wait or submit
                self.error = error
            finally:
                self.jobs.task_done()

    def submit(self, graphs: list[str], rows: list[GraphRows], entities: EntityRows) -> None:
        """Hand over a group once the last is written (memory holds the rows of two groups at most)."""
        self.wait()
        self.jobs.put((graphs, rows, entities))

    def wait(self) -> None:
        """Every group handed over is in the index (or its error raised here)."""
        self.jobs.join()
        self._raise()

    def stop(self) -> None:
        self.jobs.put(None)
        self.thread.join()

    def _raise(self) -> None:
        if self.error is not None:
            error, self.error = self.error, None
            raise error


def begin_bulk(store: Any) -> None:
    """A bulk load starts: the index's log is copied into it less often (``EventIndex.begin_bulk``), and its
    rows are written by a thread of their own (``_RowsWriter``)."""
    if store.index is not None:
        store.index.begin_bulk()
        store.index.rows_writer = _RowsWriter(store.index)


def end_bulk(store: Any) -> None:
    """A bulk load ended, done or failed: the rows' thread stopped, the log copied into the index, and its
    default again."""
    if store.index is not None:
        _stop_rows_writer(store.index)
        store.index.end_bulk()


def _stop_rows_writer(index: EventIndex) -> None:
    """The rows' thread finished and gone (what it was writing is written or failed, its error dropped: the
    bulk writer is failing already, or has waited for it)."""
    writer, index.rows_writer = index.rows_writer, None
    if writer is not None:
        writer.stop()


def derive_bulk(store: Any, article: Article) -> None:
    """A new article of the group being read for the loader: its rows wait for the group's graphs to be named."""
    index: EventIndex | None = store.index
    if index is None:
        return
    index.bulk_rows.append(_graph_rows(article))
    _extend(index.bulk_entities, _new_entities(index, [article]))


def begin_bulk_group(store: Any, graphs: Sequence[str]) -> None:
    """The loader is about to read a group of new articles (their graphs journalled): once the rows of
    ``BULK_INDEX_ARTICLES`` articles wait, their graphs go into ``pending`` and their rows into the index, in one
    transaction (rows of graphs still pending: lookups ask the store until the segment is loaded).

    Graphs the loader has been handed may lag in the index by up to twice that many: killed meanwhile, the
    next writer removes them from the store (they are in the journal), and the index never had them; every
    graph is in ``pending`` with its rows before the segment's content hashes are written
    (``bulk_segment_loaded``).  Writing the rows of 100,000 events took 3.6-3.7 CPU s in a transaction per
    group of 8 MB (about 270 articles), 3.0-3.1 s in one per 2,000 articles; memory holds the rows of two such
    groups at most (one being written by ``_RowsWriter``)."""
    index: EventIndex | None = store.index
    if index is None:
        return
    index.bulk_named += graphs
    if len(index.bulk_named) >= BULK_INDEX_ARTICLES:
        _write_bulk_rows(index)


def bulk_segment_loaded(store: Any) -> None:
    """The segment's quads are loaded; its content hashes are next: every graph it holds is in ``pending``
    (the rows' thread has written every group)."""
    if store.index is not None:
        _write_bulk_rows(store.index)
        if store.index.rows_writer is not None:
            store.index.rows_writer.wait()


def _write_bulk_rows(index: EventIndex) -> None:
    graphs, rows, entities = index.bulk_named, index.bulk_rows, index.bulk_entities
    index.bulk_named, index.bulk_rows, index.bulk_entities = [], [], EntityRows()
    if graphs or rows:
        if index.rows_writer is not None:
            index.rows_writer.submit(graphs, rows, entities)
        else:
            index.add_pending(graphs, rows, entities)
    index.bulk_graphs += graphs


def commit_bulk_segment(store: Any) -> None:
    """The segment is loaded: its graphs leave ``pending``."""
    index: EventIndex | None = store.index
    if index is None:
        return
    graphs, index.bulk_graphs = index.bulk_graphs, []
    if graphs:
        index.settle(graphs)


def repair(store: Any) -> None:
    if store.index is not None:
        _stop_rows_writer(store.index)
        store.index.bulk_rows, store.index.bulk_entities, store.index.bulk_graphs = [], EntityRows(), []
        store.index.bulk_named = []
        store.index.entities_seen = set()
        store.index.repair(store._store)


# -- removal, updates, closing -------------------------------------------------------------------
def begin_removal(store: Any, graph: str) -> None:
    if store.index is not None:
        store.index.begin([graph])


def commit_removal(store: Any, graph: str) -> None:
    if store.index is not None:
        store.index.commit([], removed=[graph])
        _reread_entities(store)


def invalidate(store: Any) -> None:
    if store.index is not None:
        store.index.mark_incomplete()


def close(store: Any) -> None:
    if store.index is not None:
        store.index.close()
        store.index = None
