"""Files in, graph out: read inputs, map them to RDF and write them to the store in batches."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from eventgraph.errors import EventGraphError, InputError
from eventgraph.eventfile import find_event_files, is_event_file, read_event_file
from eventgraph.gazetteer import Gazetteer
from eventgraph.mapping import MappedArticle, map_article
from eventgraph.store import EventStore, WriteReport

DEFAULT_BATCH = 200


@dataclass
class IngestReport:
    """What an ingest did: the store's write report, files that failed, names left unresolved."""

    written: WriteReport = field(default_factory=WriteReport)
    files: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)


def ingest_paths(
    store: EventStore,
    paths: Iterable[Path],
    *,
    gazetteer: Gazetteer | None = None,
    batch_size: int = DEFAULT_BATCH,
    progress: Callable[[int], None] | None = None,
) -> IngestReport:
    """Read every event file under ``paths`` and store it.

    A file that cannot be read or does not validate is reported and skipped;
    the rest go in, ``batch_size`` articles to a transaction, each article whole.
    """
    report = IngestReport()
    files = find_event_files(paths)
    gazetteer = gazetteer or Gazetteer.default()
    batch: list[MappedArticle] = []
    for mapped in _read_and_map(files, gazetteer, report, progress):
        batch.append(mapped)
        if len(batch) >= batch_size:
            report.written.merge(store.write_articles(batch))
            batch = []
    if batch:
        report.written.merge(store.write_articles(batch))
    return report


def _read_and_map(
    files: list[Path], gazetteer: Gazetteer, report: IngestReport,
    progress: Callable[[int], None] | None,
) -> Iterator[MappedArticle]:
    for path in files:
        report.files += 1
        try:
            if not is_event_file(path) and path.exists() and not path.is_dir():
                raise InputError("not an event file (.yaml, .yml or .json)", location=str(path))
            result = read_event_file(path, gazetteer)
        except EventGraphError as error:
            report.failures.append((str(path), str(error)))
        else:
            report.unresolved += result.unresolved
            yield map_article(result.document, gazetteer)
        if progress is not None:
            progress(1)
