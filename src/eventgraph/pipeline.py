"""Files in, graph out: read inputs, map them to RDF and write them to the store in batches."""

from __future__ import annotations

import os
import queue
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from eventgraph.articles import ArticleMeta, ArticleText, is_article_file, read_article_file
from eventgraph.backends import GraphStore
from eventgraph.backends.embedded import BULK_SEGMENT, WriteReport
from eventgraph.errors import EventGraphError, InputError
from eventgraph.eventfile import find_event_files, is_event_file, read_event_file
from eventgraph.gazetteer import Gazetteer
from eventgraph.index.rows import carry_rows
from eventgraph.mapping import MappedArticle, SerialisedArticle, map_article
from eventgraph.model import ArticleEvents

DEFAULT_BATCH = 200
T = TypeVar("T")
R = TypeVar("R")


@dataclass
class UnresolvedNames:
    """Names the gazetteer did not know, each once: how often it occurred, and where first.

    A large ingest repeats the same unknown names hundreds of thousands of times; this
    keeps one entry per name, so memory grows with the names, not with their occurrences.
    """

    counts: dict[str, int] = field(default_factory=dict)
    first: dict[str, str] = field(default_factory=dict)  # name -> "FILE: events[0].actor"
    occurrences: int = 0

    def add(self, path: str, where: str, name: str) -> None:
        self.occurrences += 1
        if name in self.counts:
            self.counts[name] += 1
        else:
            self.counts[name] = 1
            self.first[name] = f"{path}: {where}"

    def most_common(self) -> list[tuple[str, int, str]]:
        """(name, count, first place) for every name, the most frequent first."""
        return [
            (name, count, self.first[name])
            for name, count in sorted(self.counts.items(), key=lambda item: (-item[1], item[0]))
        ]

    def __len__(self) -> int:
        return len(self.counts)


@dataclass
class IngestReport:
    """What an ingest did: the store's write report, files that failed, names left unresolved."""

    written: WriteReport = field(default_factory=WriteReport)
    files: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    unresolved: UnresolvedNames = field(default_factory=UnresolvedNames)


def is_input_file(path: Path) -> bool:
    """Event files and article files (.txt, .html, .htm, .jsonl) both go in."""
    return is_event_file(path) or is_article_file(path)


def find_input_files(paths: Iterable[Path]) -> list[Path]:
    return find_event_files(paths, accept=is_input_file)


def ingest_paths(
    store: GraphStore,
    paths: Iterable[Path],
    *,
    gazetteer: Gazetteer | None = None,
    batch_size: int | None = None,
    progress: Callable[[int], None] | None = None,
    meta: ArticleMeta | None = None,
    n_process: int | None = None,
    bulk: bool = False,
    processes: int | None = None,
    on_unresolved: Callable[[str, str, str], None] | None = None,
    reader: str = "learned",
) -> IngestReport:
    """Read every event file and article under ``paths`` and store it.

    Articles are read for events on the way in (``extract``) by ``reader`` ("learned" or "rules"), ``meta``
    overriding what they say of themselves; large batches are parsed by two processes.
    A file that cannot be read or does not validate is reported and skipped;
    the rest go in, ``batch_size`` articles to a transaction (200 by default), each article whole
    (``bulk``: new articles with the bulk writer, see ``EventStore.write_articles_in_bulk``).
    From PARALLEL_FROM event files on, ``processes`` worker processes read and map them
    (``worker_processes()`` by default; 0: this process) while this one writes.
    Names the gazetteer does not know are grouped in ``report.unresolved``;
    ``on_unresolved(file, where, name)`` is told of every occurrence.
    """
    report = IngestReport()
    files = find_input_files(paths)
    gazetteer = gazetteer or Gazetteer.default()
    event_files = [f for f in files if not is_article_file(f)]
    article_files = [f for f in files if is_article_file(f)]
    mapped_stream = _chain(
        _read_and_map(event_files, gazetteer, report, progress, processes, on_unresolved),
        _extract_and_map(article_files, gazetteer, report, progress, meta, n_process, reader),
    )
    report.written = write_batches(store, mapped_stream, batch_size=batch_size, bulk=bulk)
    return report


def write_batches(
    store: GraphStore,
    mapped: Iterable[MappedArticle | SerialisedArticle],
    *,
    batch_size: int | None = None,
    bulk: bool = False,
) -> WriteReport:
    """Write mapped articles ``batch_size`` to a transaction, mapping the next batch while one is written.

    The store writes in a thread of its own, so reading and mapping go on while pyoxigraph
    lets go of the interpreter: for part of ``Store.extend`` (30,000 events: 16.1 s one after
    the other, 14.4 s with the thread), not in ``load``/``bulk_load``.  At most two
    batches wait; an error in a write stops the ingest with that error, and on any error
    (Ctrl-C included) the batch being written is finished whole and the waiting ones dropped.
    ``bulk``: the stream goes to ``write_articles_in_bulk``, ``batch_size`` new articles to
    a bulk load (250,000 by default).
    """
    if bulk and hasattr(store, "write_articles_in_bulk"):  # one stream into pyoxigraph's bulk loader
        report: WriteReport = store.write_articles_in_bulk(mapped, segment=batch_size or BULK_SEGMENT)
        return report
    batch_size = batch_size or DEFAULT_BATCH
    writer = _BackgroundWriter(store)
    batch: list[MappedArticle | SerialisedArticle] = []
    try:
        for article in mapped:
            batch.append(article)
            if len(batch) >= batch_size:
                writer.submit(batch)
                batch = []
        if batch:
            writer.submit(batch)
    except BaseException:
        writer.stop(drop_waiting=True)
        raise
    writer.stop(drop_waiting=False)
    return writer.report


class _BackgroundWriter:
    """One thread writing batches in order; its first error is raised in the caller's thread."""

    _END = None

    def __init__(self, store: GraphStore) -> None:
        self.write = store.write_articles
        self.report = WriteReport()
        self.error: BaseException | None = None
        self.queue: queue.Queue[list[MappedArticle | SerialisedArticle] | None] = queue.Queue(maxsize=2)
        self.thread = threading.Thread(target=self._run, name="eventgraph-writer", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while (batch := self.queue.get()) is not self._END:
            if self.error is None:
                try:
                    self.report.merge(self.write(batch))
                except BaseException as error:  # noqa: BLE001 - handed to the caller's thread
                    self.error = error

    def submit(self, batch: list[MappedArticle | SerialisedArticle]) -> None:
        self._raise_error()
        self.queue.put(batch)

    def stop(self, *, drop_waiting: bool) -> None:
        if drop_waiting:
            while True:
                try:
                    self.queue.get_nowait()
                except queue.Empty:
                    break
        self.queue.put(self._END)
        self.thread.join()
        if not drop_waiting:  # when dropping, the caller is already raising an error of its own
            self._raise_error()

    def _raise_error(self) -> None:
        if self.error is not None:
            error, self.error = self.error, None
            raise error


def _read_and_map(
    files: list[Path],
    gazetteer: Gazetteer,
    report: IngestReport,
    progress: Callable[[int], None] | None,
    processes: int | None,
    on_unresolved: Callable[[str, str, str], None] | None,
) -> Iterator[MappedArticle | SerialisedArticle]:
    """Event files read, validated and mapped; from PARALLEL_FROM files on, in worker processes."""
    workers = worker_processes() if processes is None else processes
    if len(files) >= PARALLEL_FROM and gazetteer is Gazetteer.default() and workers > 0:
        results: Iterable[_FileResult] = map_in_processes(
            _read_and_map_default, files, processes=workers, chunk=FILES_PER_TASK
        )
    else:
        results = (_read_and_map_one(path, gazetteer) for path in files)
    for path, mapped, error, unresolved in results:
        report.files += 1
        if error is not None:
            report.failures.append((path, error))
        else:
            for text in unresolved:
                where, _, name = text.partition(": ")  # eventfile writes "events[0].actor: 'Name'"
                report.unresolved.add(path, where, name)
                if on_unresolved is not None:
                    on_unresolved(path, where, name)
            assert mapped is not None
            yield mapped
        if progress is not None:
            progress(1)


_FileResult = tuple[str, "MappedArticle | SerialisedArticle | None", "str | None", list[str]]


def _read_and_map_one(
    path: Path,
    gazetteer: Gazetteer,
    mapper: Callable[[ArticleEvents, Gazetteer], MappedArticle | SerialisedArticle] = map_article,
) -> _FileResult:
    try:
        if not is_event_file(path) and path.exists() and not path.is_dir():
            raise InputError("not an event file (.yaml, .yml or .json)", location=str(path))
        result = read_event_file(path, gazetteer)
    except EventGraphError as error:
        return str(path), None, str(error), []
    return str(path), mapper(result.document, gazetteer), None, result.unresolved


def _read_and_map_default(path: Path) -> _FileResult:
    """In a worker process: an event file read and mapped straight to N-Quads and index rows (the
    quad objects ``map_article`` makes were a third of a worker's time, and the writer needs none)."""
    from eventgraph.mapping_text import map_article_serialised

    def mapper(document: ArticleEvents, gazetteer: Gazetteer) -> SerialisedArticle:
        return map_article_serialised(document, gazetteer, described=_SHIPPED_ENTITIES)

    return _read_and_map_one(path, Gazetteer.default(), mapper)


# Below this many files a worker process costs more to start (about 0.5 s) than it saves.
PARALLEL_FROM = 400
FILES_PER_TASK = 50  # event files a worker reads and maps before it hands them over


def worker_processes() -> int:
    """Processes that read and map beside the one that writes: one per core (none on one core).

    The writer's time is mostly pyoxigraph's (its bulk loader sorts and writes in threads of its
    own), so it overlaps the workers rather than needing a core to itself: see the README's
    Performance section for 1 and 2 workers on 2 cores.
    """
    cores = os.cpu_count() or 1
    return cores if cores > 1 else 0


def map_in_processes(
    function: Callable[[T], R], items: Iterable[T], *, processes: int | None = None, chunk: int = 1, ahead: int = 16
) -> Iterator[R]:
    """``function`` over ``items`` in worker processes, results in input order, while this process writes.

    Reading and mapping are Python and hold the interpreter; so do pyoxigraph's loads, which
    would stall workers sending results through a pipe.  So each worker maps ``chunk`` items
    at a time and spools the pickled results (mapped articles pickle as N-Quads) to a file
    of its own, sending back only its name; at most ``ahead`` chunks per worker are in
    flight, which bounds memory and disk.  Workers are spawned, not forked: the writing
    process has the store's threads running.
    """
    import multiprocessing
    import pickle
    import tempfile

    workers = processes or max(1, worker_processes())
    context = multiprocessing.get_context("spawn")
    with tempfile.TemporaryDirectory(prefix="eventgraph-map-") as spool, context.Pool(workers) as pool:
        pending: deque[Any] = deque()

        def collect() -> list[R]:
            path = Path(pending.popleft().get())
            try:
                with path.open("rb") as handle:
                    results: list[R] = pickle.load(handle)
            finally:
                path.unlink(missing_ok=True)
            return results

        group: list[T] = []
        for item in items:
            group.append(item)
            if len(group) == chunk:
                pending.append(pool.apply_async(_spooled, (function, group, spool)))
                group = []
                if len(pending) > ahead * workers:
                    yield from collect()
        if group:
            pending.append(pool.apply_async(_spooled, (function, group, spool)))
        while pending:
            yield from collect()


def _spooled(function: Callable[[T], R], items: list[T], directory: str) -> str:
    """In a worker: ``function`` over ``items``, pickled to a new file in ``directory``; its name."""
    import pickle
    import tempfile

    results = [function(item) for item in items]
    _carry_index_rows(results)
    with tempfile.NamedTemporaryFile("wb", dir=directory, suffix=".pickle", delete=False) as handle:
        pickle.dump(results, handle, protocol=pickle.HIGHEST_PROTOCOL)
    return handle.name


def _carry_index_rows(results: object) -> None:
    """The mapped articles among a worker's results (in lists or tuples) carry their lookup index rows, derived
    here from the quads in hand, so that the writing process need not parse their N-Quads back to index them."""
    if isinstance(results, MappedArticle):
        carry_rows(results)
        _drop_shipped_entities(results)
    elif isinstance(results, SerialisedArticle) and results.index_rows is not None:
        _drop_shipped_entities(results)  # mapped with its rows (mapping_text)
    elif isinstance(results, list | tuple):
        for result in results:
            _carry_index_rows(result)


# In a worker process: the entities whose descriptions (N-Quads and index rows) an article of an earlier result
# of this process carried.  The writer takes results in the order they were handed out, so it has each
# description from the first article that carried it before any later article of the same worker needs it;
# sent again with every task, the few hundred entities of a large ingest were a third of what crossed over.
_SHIPPED_ENTITIES: set[str] = set()


def _drop_shipped_entities(article: MappedArticle | SerialisedArticle) -> None:
    if article.entity_nquads is None or article.entity_index_rows is None:
        return  # descriptions made at pickling time: sent whole
    shipped = _SHIPPED_ENTITIES
    article.entity_nquads = {iri: data for iri, data in article.entity_nquads.items() if iri not in shipped}
    article.entity_index_rows = {iri: rows for iri, rows in article.entity_index_rows.items() if iri not in shipped}
    shipped.update(article.entity_nquads)


def _chain(
    *streams: Iterable[MappedArticle | SerialisedArticle],
) -> Iterator[MappedArticle | SerialisedArticle]:
    for stream in streams:
        yield from stream


def _extract_and_map(
    files: list[Path],
    gazetteer: Gazetteer,
    report: IngestReport,
    progress: Callable[[int], None] | None,
    meta: ArticleMeta | None,
    n_process: int | None,
    reader: str,
) -> Iterator[MappedArticle]:
    """Read article files, extract their events (spaCy is loaded only here) and map them."""
    if not files:
        return
    from eventgraph.extract import extract_many
    from eventgraph.extract.learned import reader_extractor

    articles: list[ArticleText] = []
    last_of_file: list[int] = []  # index of each file's last article, to advance the progress bar
    for path in files:
        report.files += 1
        try:
            for item in read_article_file(path, meta):
                if isinstance(item, InputError):
                    report.failures.append((str(path), str(item)))  # one file, however many bad lines
                else:
                    articles.append(item)
        except EventGraphError as error:
            report.failures.append((str(path), str(error)))
        last_of_file.append(len(articles) - 1)
    extractor = reader_extractor(reader, gazetteer)
    done = 0
    while progress is not None and done < len(last_of_file) and last_of_file[done] < 0:
        progress(1)
        done += 1
    for index, document in enumerate(extract_many(articles, n_process=n_process, extractor=extractor)):
        yield map_article(document, gazetteer)
        while progress is not None and done < len(last_of_file) and last_of_file[done] <= index:
            progress(1)
            done += 1
    if progress is not None and done < len(last_of_file):
        progress(len(last_of_file) - done)
