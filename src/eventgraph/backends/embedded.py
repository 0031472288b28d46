"""The embedded RDF store: pyoxigraph on disk (or in memory), one named graph per article.

Every write is one transaction: a batch of articles goes in whole or not at
all.  New articles are written with ``Store.extend`` (atomic); when a batch
replaces articles already stored, the whole batch is one SPARQL update
(``DROP GRAPH`` + ``INSERT DATA``), which pyoxigraph also applies atomically.

``write_articles_in_bulk`` is the fast way in for large loads (``ingest --bulk``):
new articles go in with pyoxigraph's bulk writer, which has no transaction, so
a journal file in the store directory names them first, and their content
hashes are written last (``bulkjournal``).  Whoever opens the store for writing
next finishes an interrupted bulk write by removing the journal's articles that
have no hash: they were not there before, so the store is as it was before that batch.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox
from pyoxigraph import Literal, NamedNode, Quad

from eventgraph.backends.common import GC_ENTITIES, SERIALIZE_PREFIXES, WriteReport, distinct_triples, last_of_each
from eventgraph.backends.journal import BULK_JOURNAL, BulkJournal, BulkStream
from eventgraph.errors import NotFoundError, QueryError, StoreError, StoreLockedError, StoreMissingError
from eventgraph.index import hooks as storeindex
from eventgraph.index.database import data_graphs
from eventgraph.mapping import MappedArticle, SerialisedArticle, nquads, quad_count, subject_value
from eventgraph.resources import ontology_hash, ontology_turtle
from eventgraph.sparqltext import bind_values, check_nesting, query_dataset
from eventgraph.vocab import EG, ID, ONTOLOGY_GRAPH, PREFIXES, XSD

Term = ox.NamedNode | ox.BlankNode | ox.Literal

# pyoxigraph keeps unflushed writes in RocksDB memtables: 2,000,000 quads let an ingest grow to 1.2 GB
# at 100k events; flushing every 100,000 keeps it near 230 MB and is no slower (benchmarks/ingest.py)
FLUSH_EVERY_QUADS = 100_000

__all__ = ["BULK_JOURNAL", "BULK_SEGMENT", "REPLACE_BATCH", "EventStore", "WriteReport", "default_store_path"]

# new articles per bulk load (a kill loses at most one such segment), and replaced articles per transaction.
# pyoxigraph's loader slows as loads pile up: 1,000,000 events from files (200,000 articles) took the writer 275
# CPU-s in loads of 50,000 articles, 235 in one load; its peak, 1,938 MB and 1,931 MB (README, Performance)
BULK_SEGMENT = 250_000
REPLACE_BATCH = 200


def default_store_path() -> Path:
    """``$EVENTGRAPH_STORE``, else a per-user data directory."""
    configured = os.environ.get("EVENTGRAPH_STORE")
    if configured:
        return Path(configured).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("eventgraph", appauthor=False)) / "store"


class EventStore:
    """An event graph in pyoxigraph: ``EventStore()`` in memory, ``EventStore(path)`` on disk.

    ``read_only=True`` opens a store that another process may be writing;
    ``create=False`` refuses to create a store that is not there.
    """

    lateral_joins = True  # Oxigraph evaluates LATERAL (queries.NamedQuery.text_for)

    def __init__(self, path: Path | None = None, *, read_only: bool = False, create: bool = True) -> None:
        self.path = path
        self.read_only = read_only
        self._store = self._open(path, read_only=read_only, create=create)
        self._described: set[str] = set()
        self._unflushed = 0
        self.unfinished_bulk_removed: list[str] = []  # article ids an interrupted bulk write left, removed
        self.index = storeindex.open_index(path, read_only=read_only)  # the lookup index beside the store
        if not read_only:
            self.unfinished_bulk_removed = self._finish_interrupted_bulk_write()
            self._ensure_ontology()
            storeindex.prepare(self)

    @staticmethod
    def _open(path: Path | None, *, read_only: bool, create: bool) -> ox.Store:
        if path is None:
            return ox.Store()
        if path.exists() and not path.is_dir():
            raise StoreError(f"{path} is a file, not a store directory")
        if not (path / "CURRENT").exists() and (read_only or not create):
            raise StoreMissingError(f"no store at {path}; create one with 'eventgraph ingest FILE'")
        if not (path / "CURRENT").exists() and path.is_dir() and any(path.iterdir()):
            # RocksDB would put its files among someone else's
            raise StoreError(
                f"{path} is a folder of other files, not a store: give a new or empty folder for a new store"
            )
        try:
            if read_only:
                return _open_read_only(path)
            path.mkdir(parents=True, exist_ok=True)
            return ox.Store(str(path))
        except OSError as error:
            raise _store_error(error, path) from None

    # -- writing -----------------------------------------------------------------------------
    def write_articles(self, articles: Sequence[MappedArticle | SerialisedArticle]) -> WriteReport:
        """Store a batch of articles in one transaction; unchanged articles are skipped."""
        self._check_writable()
        report = WriteReport()
        new: list[MappedArticle | SerialisedArticle] = []
        replaced: list[MappedArticle | SerialisedArticle] = []
        for article in last_of_each(articles):
            stored = self._stored_hash(article.graph)
            if stored == article.content_hash:
                report.unchanged.append(article.article_id)
                continue
            (new if stored is None else replaced).append(article)
            (report.added if stored is None else report.replaced).append(article.article_id)
            report.events += article.events
            report.quads += quad_count(article)
        if not replaced and any(isinstance(a, SerialisedArticle) for a in new):
            return self._load_new(new, report)
        # entity descriptions written earlier in this session are not sent again
        entity_quads = {q for a in new + replaced for q in a.entity_quads if subject_value(q) not in self._described}
        storeindex.begin(self, new + replaced)
        try:
            if replaced:
                self._store.update(_replace_update(new + replaced, entity_quads))
            elif new:
                self._store.extend(_chain([q for a in new for q in a.quads], entity_quads))
            self._described.update(subject_value(q) for q in entity_quads)
            if replaced:
                self._collect_entities()
            storeindex.commit(self, new + replaced, entities_collected=bool(replaced))
            self._unflushed += report.quads + len(entity_quads)
            if self._unflushed > FLUSH_EVERY_QUADS:
                self.flush()
        except OSError as error:
            raise _store_error(error, self.path) from None
        return report

    def _load_new(self, new: Sequence[MappedArticle | SerialisedArticle], report: WriteReport) -> WriteReport:
        """New articles from a worker process (N-Quads), in one ``Store.load``: one transaction, parsed
        by pyoxigraph rather than into Python objects first."""
        parts: list[bytes] = []
        described: set[str] = set()
        for article in new:
            if isinstance(article, SerialisedArticle):
                parts += [article.body_nquads, nquads([article.marker])]
                fresh = {
                    iri: data
                    for iri, data in article.entity_nquads.items()
                    if iri not in self._described and iri not in described
                }
                parts += fresh.values()
                described.update(fresh)
            else:
                entity = [
                    q
                    for q in article.entity_quads
                    if subject_value(q) not in self._described and subject_value(q) not in described
                ]
                parts.append(nquads([*article.quads, *entity]))
                described.update(subject_value(q) for q in entity)
        storeindex.begin(self, new)
        try:
            self._store.load(b"".join(parts), ox.RdfFormat.N_QUADS)
            storeindex.commit(self, new)
            self._described.update(described)
            self._unflushed += report.quads
            if self._unflushed > FLUSH_EVERY_QUADS:
                self.flush()
        except OSError as error:
            raise _store_error(error, self.path) from None
        return report

    def flush(self) -> None:
        """Write buffered data to disk files (the write-ahead log already makes each write durable);
        a flushed store reopens fast."""
        if self.path is not None and not self.read_only:
            try:
                self._store.flush()
            except OSError as error:
                raise _store_error(error, self.path) from None
        self._unflushed = 0

    def write_articles_in_bulk(
        self, articles: Iterable[MappedArticle], *, segment: int = BULK_SEGMENT, replace_batch: int = REPLACE_BATCH
    ) -> WriteReport:
        """Store a stream of articles with pyoxigraph's bulk loader: new articles fast and journalled.

        New articles are streamed as N-Quads into one ``Store.bulk_load`` per ``segment``
        new articles (a call per 2,000 articles took 139 s for 1,000,000 events; one call
        for all of them 80 s): their graph names go into the journal (synced) before any
        of their quads is handed to the loader, their content hashes go in after the
        segment's load (with the bulk writer too: an article is whole once its hash is in, so
        a kill among them leaves the ones without to the next writer), and the journal is
        removed at the end.
        Articles already stored with other content are replaced by ``write_articles``,
        ``replace_batch`` to a transaction, between segments; unchanged ones are skipped;
        an article named twice ends as its last version.  A reader opening the store
        meanwhile may see the segment being loaded partly written.
        On an error other than the store's own (an interrupt, a failing input), the
        segment's new articles are removed before the error goes on; after a kill, or when
        the store itself fails, the next writer removes them (``_finish_interrupted_bulk_write``).
        """
        self._check_writable()
        if self.path is None:  # an in-memory store cannot be interrupted and reopened
            report = WriteReport()
            batch: list[MappedArticle] = []
            for article in articles:
                batch.append(article)
                if len(batch) >= replace_batch:
                    report.merge(self.write_articles(batch))
                    batch = []
            if batch:
                report.merge(self.write_articles(batch))
            return report
        journal = BulkJournal(self.path)
        stream = BulkStream(
            articles,
            journal,
            stored_hash=self._stored_hash,
            described=self._described,
            segment=segment,
            replace_batch=replace_batch,
            on_group=lambda graphs: storeindex.begin_bulk_group(self, graphs),
            on_new=lambda article: storeindex.derive_bulk(self, article),
            started_empty=next(data_graphs(self._store), None) is None,
        )
        report = WriteReport()
        storeindex.begin_bulk(self)
        try:
            while not stream.exhausted:
                stream.start_segment()
                if stream.fill():
                    # lenient: the N-Quads are pyoxigraph's own serialisation of terms it checked when they
                    # were made, or mapping_text's of the same terms (byte for byte the same, the tests check),
                    # so the loader need not check the IRIs again
                    self._store.bulk_load(stream.reader(), ox.RdfFormat.N_QUADS, lenient=True)
                storeindex.bulk_segment_loaded(self)
                if stream.hashes:
                    # each article is whole once its hash is in: no transaction needed (the hashes of 40,000
                    # articles took 1.4 s in one, 0.6 s so)
                    self._store.bulk_extend(stream.markers())
                    self._store.flush()
                storeindex.commit_bulk_segment(self)
                stream.end_segment()
                report.merge(_counted(stream))
                if stream.known:
                    report.merge(self.write_articles(list(stream.known.values())))
                    stream.known = {}
            journal.remove()
        except OSError as error:  # the store failed: the next writer finishes the interrupted write
            journal.close()
            raise _store_error(error, self.path) from None
        except BaseException:
            journal.close()
            with contextlib.suppress(StoreError):
                self.unfinished_bulk_removed += self._finish_interrupted_bulk_write()
                storeindex.repair(self)
            raise
        finally:
            storeindex.end_bulk(self)
        return report

    def _finish_interrupted_bulk_write(self) -> list[str]:
        """Remove what an interrupted bulk write left: its new articles without a content hash."""
        if self.path is None:
            return []
        journal = BulkJournal(self.path)
        removed = []
        try:
            if not journal.path.exists():
                return []
            for graph in journal.interrupted_graphs():
                if self._stored_hash(graph) is None:
                    self._store.remove_graph(graph)
                    removed.append(graph.value.removeprefix(f"{ID}article/"))
            if removed:
                self._collect_entities()
            self._store.flush()
            journal.remove()
        except OSError as error:
            raise _store_error(error, self.path) from None
        return removed

    def write_graph_in_bulk(self, graph: MappedArticle) -> str:
        """Store one named graph without a transaction: for data set imports too large for one.

        pyoxigraph's transactions hold memory that grows with the store; its bulk
        writes stay flat and are faster.  The content hash goes in last, in a
        transaction of its own, so a graph interrupted half-way has no hash and the
        next write of the same graph completes it.  Returns "added", "replaced" or
        "unchanged".
        """
        self._check_writable()
        stored = self._stored_hash(graph.graph)
        if stored == graph.content_hash:
            return "unchanged"
        marker = Quad(graph.graph, EG.contentHash, Literal(graph.content_hash), graph.graph)
        storeindex.begin(self, [graph])
        try:
            if stored is not None:
                self._store.remove_graph(graph.graph)
            self._store.bulk_extend(_chain((q for q in graph.quads if q != marker), graph.entity_quads))
            self._store.extend([marker])
            self._store.flush()
            storeindex.commit(self, [graph])
        except OSError as error:
            raise _store_error(error, self.path) from None
        return "added" if stored is None else "replaced"

    def remove_article(self, reference: str) -> str:
        """Drop an article's graph (by id, IRI or URL) and the entity descriptions only it used.

        The graph and the descriptions go in one update, one transaction: a process killed
        in between would leave descriptions no article uses, which later writes never collect.
        Three rounds cover the longest chain (an event's organisation, then that organisation's
        country); ``_collect_entities`` then goes on to a fixpoint.
        """
        self._check_writable()
        graph = self.find_article(reference)
        storeindex.begin_removal(self, graph.value)
        try:
            self._store.update(
                " ;\n".join([f"DROP SILENT GRAPH {graph}", *[GC_ENTITIES] * 3])
            )  # graph: serialised by pyoxigraph
            self._collect_entities()
            self._store.flush()
            storeindex.commit_removal(self, graph.value)
        except OSError as error:
            raise _store_error(error, self.path) from None
        return graph.value.removeprefix(f"{ID}article/")

    def find_article(self, reference: str) -> NamedNode:
        candidates: list[NamedNode] = []
        for iri in (f"{ID}article/{reference}", reference):
            if iri.startswith(f"{ID}article/"):
                with contextlib.suppress(ValueError):  # text that cannot be an IRI (spaces, brackets) is no id
                    candidates.append(NamedNode(iri))
        for graph in candidates:
            if self._stored_hash(graph) is not None:
                return graph
        for quad in self._store.quads_for_pattern(None, EG.url, Literal(reference, datatype=XSD.anyURI), None):
            if isinstance(quad.graph_name, NamedNode) and quad.subject == quad.graph_name:
                return quad.graph_name
        raise NotFoundError(
            f"no article {reference!r} in the store (give its id, IRI or URL; 'eventgraph stats' lists them)"
        )

    def _stored_hash(self, graph: NamedNode) -> str | None:
        for quad in self._store.quads_for_pattern(graph, EG.contentHash, None, graph):
            return quad.object.value if isinstance(quad.object, Literal) else None
        return None

    def _collect_entities(self) -> None:
        self._described.clear()  # descriptions may be collected: send them again next time
        for _ in range(8):  # an organisation's removal can orphan its country: repeat to a fixpoint
            before = len(self._store)
            self._store.update(GC_ENTITIES)
            if len(self._store) == before:
                break

    def _ensure_ontology(self) -> None:
        digest = ontology_hash()
        if self._stored_hash(ONTOLOGY_GRAPH) == digest:
            return
        quads: list[Quad] = []
        for text in ontology_turtle():
            quads.extend(
                Quad(t.subject, t.predicate, t.object, ONTOLOGY_GRAPH)
                for t in ox.parse(text, format=ox.RdfFormat.TURTLE, without_named_graphs=True)
            )
        quads.append(Quad(ONTOLOGY_GRAPH, EG.contentHash, Literal(digest), ONTOLOGY_GRAPH))
        try:
            self._store.update(_replace_update_graphs({ONTOLOGY_GRAPH: quads}))
            self._store.flush()
        except OSError as error:
            raise _store_error(error, self.path) from None

    def _check_writable(self) -> None:
        if self.read_only:
            raise StoreError("the store is open read-only")

    # -- reading -----------------------------------------------------------------------------
    def query(
        self,
        sparql: str,
        bindings: Mapping[str, Term] | None = None,
        *,
        default_graph: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
    ) -> Any:
        """Run a SPARQL query with the project's prefixes; the default graph is the union of all graphs.

        A query that names its dataset (FROM, FROM NAMED) gets that dataset instead
        (SPARQL 1.1 §13.2); ``default_graph``/``named_graphs`` (the protocol's
        default-graph-uri and named-graph-uri) name it for the caller and win over the query's.
        Values are bound as a VALUES block of pyoxigraph-serialised terms opening the
        WHERE group (sparqltext.bind_values), never formatted in as text.
        """
        text = bind_values(sparql, bindings) if bindings else sparql
        check_nesting(text)
        try:
            return self._store.query(text, prefixes=PREFIXES, **_dataset_options(text, default_graph, named_graphs))
        except SyntaxError as error:
            raise QueryError(f"invalid SPARQL: {_first_line(error)}") from None
        except (RuntimeError, ValueError) as error:
            raise QueryError(_first_line(error)) from None
        except OSError as error:
            raise _store_error(error, self.path) from None

    def update(self, sparql: str) -> None:
        """Apply a SPARQL 1.1 Update (one transaction) with the project's prefixes."""
        self._check_writable()
        check_nesting(sparql)
        try:
            storeindex.invalidate(self)  # an update may change any graph: the index is rebuilt on the next open
            self._store.update(sparql, prefixes=PREFIXES)
            self._described.clear()  # an update may delete entity descriptions: send them again
            self.flush()
        except SyntaxError as error:
            raise QueryError(f"invalid SPARQL update: {_first_line(error)}") from None
        except (RuntimeError, ValueError) as error:
            raise QueryError(_first_line(error)) from None
        except OSError as error:
            raise _store_error(error, self.path) from None

    def article_graphs(self) -> Iterator[NamedNode]:
        for graph in self._store.named_graphs():
            if isinstance(graph, NamedNode) and graph.value.startswith(f"{ID}article/"):
                yield graph

    def data_quads(self) -> Iterator[Quad]:
        """Every quad but the ontology's: the article graphs and the entities graph."""
        for graph in self._store.named_graphs():
            if graph != ONTOLOGY_GRAPH:
                yield from self._store.quads_for_pattern(None, None, None, graph)

    def quads(self, graph: NamedNode | None = None) -> Iterator[Quad]:
        return iter(self._store.quads_for_pattern(None, None, None, graph))

    def dump(self, output: IO[bytes], format: ox.RdfFormat, *, include_ontology: bool = False) -> None:
        """Serialise the data (and optionally the ontology) as a dataset or a merged graph."""
        quads: Iterable[Quad] = self.quads() if include_ontology else self.data_quads()
        if format in (ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS):
            ox.serialize(quads, output, format, prefixes=SERIALIZE_PREFIXES)
            return
        triples = distinct_triples(quads)
        ox.serialize(triples, output, format, prefixes=SERIALIZE_PREFIXES if format != ox.RdfFormat.JSON_LD else None)

    def __len__(self) -> int:
        return len(self._store)

    def close(self) -> None:
        if "_store" not in self.__dict__:
            return
        try:
            self.flush()
        finally:  # release the store (and its lock) even when the last flush fails, e.g. on a full disk
            del self._store
            storeindex.close(self)

    def __enter__(self) -> EventStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


READ_ONLY_ATTEMPTS = 20  # about 10 s of retries in all


def _open_read_only(path: Path, attempts: int | None = None) -> ox.Store:
    """Open a store that another process may be writing.

    RocksDB's read-only open can catch the writer between two manifest files
    and report a missing file; the next attempt sees a consistent state.
    """
    attempts = attempts or READ_ONLY_ATTEMPTS
    for attempt in range(attempts):
        try:
            return ox.Store.read_only(str(path))
        except (OSError, RuntimeError) as error:
            # a store being created has its CURRENT file before its column families, and before the
            # version record Oxigraph writes on first open (read-only, it then asks to write it)
            creating = any(
                sign in str(error)
                for sign in ("Inserts are only possible on read-write instances", "Column family not found")
            )
            transient = creating or any(sign in str(error) for sign in ("No such file", "Corruption"))
            if not transient or attempt == attempts - 1:
                if creating:
                    raise StoreError(
                        f"the store at {path} is not ready: it is being created, or its creation "
                        "was interrupted (a command that writes, such as 'eventgraph ingest', "
                        "finishes it)"
                    ) from None
                if isinstance(error, OSError):
                    raise
                raise StoreError(f"cannot open the store at {path}: {_first_line(error)}") from None
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")


def _counted(stream: BulkStream) -> WriteReport:
    """What the stream wrote and skipped since last asked."""
    report = WriteReport(added=stream.added, unchanged=stream.unchanged, events=stream.events, quads=stream.quads)
    stream.added, stream.unchanged, stream.events, stream.quads = [], [], 0, 0
    return report


def _chain(*groups: Iterable[Quad]) -> Iterator[Quad]:
    for group in groups:
        yield from group


def _replace_update(articles: Sequence[MappedArticle | SerialisedArticle], entity_quads: Iterable[Quad]) -> str:
    graphs: dict[NamedNode, list[Quad]] = {a.graph: a.quads for a in articles}
    return _replace_update_graphs(graphs, list(entity_quads))


def _replace_update_graphs(graphs: Mapping[NamedNode, list[Quad]], extra: Sequence[Quad] = ()) -> str:
    """One atomic update: drop each graph and insert its new quads.

    The quads enter as serialised RDF terms (pyoxigraph escapes them), never as raw text.
    """
    operations = [f"DROP SILENT GRAPH {graph}" for graph in graphs]
    body = "\n".join(
        f"GRAPH {q.graph_name} {{ {q.subject} {q.predicate} {q.object} }}"
        for quads in (*graphs.values(), extra)
        for q in quads
    )
    operations.append(f"INSERT DATA {{\n{body}\n}}")
    return " ;\n".join(operations)


def _store_error(error: OSError, path: Path | None) -> StoreError:
    message = str(error)
    if "LOCK" in message or "lock" in message:
        return StoreLockedError(
            f"the store at {path} is in use by another process (an ingest or server is writing to it); "
            "wait for it to finish, or read with a lookup or 'query', which work beside a writer"
        )
    if "No space left" in message:
        return StoreError(
            f"the disk holding {path} is full: free space and run the command again "
            "(articles are stored whole or not at all; what is stored is intact)"
        )
    if "Permission denied" in message or "Read-only file system" in message:
        return StoreError(f"cannot write the store at {path}: permission denied or read-only file system")
    return StoreError(f"store at {path}: {_first_line(error)}")


def _dataset_options(
    text: str, default_graph: Sequence[str] | None, named_graphs: Sequence[str] | None
) -> dict[str, Any]:
    """pyoxigraph's dataset arguments: the caller's graphs, the query's own (FROM), or the union."""
    if default_graph is not None or named_graphs is not None:
        try:
            return {
                "default_graph": [NamedNode(g) for g in default_graph or ()],
                "named_graphs": [NamedNode(g) for g in named_graphs or ()],
            }
        except ValueError as error:
            raise QueryError(f"not an absolute IRI for a graph: {_first_line(error)}") from None
    if query_dataset(text, PREFIXES) is None:
        return {"use_default_graph_as_union": True}
    return {}


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
