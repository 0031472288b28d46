"""Files in, graph out: read inputs, map them to RDF and write them to the store in batches."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from eventgraph.articles import ArticleMeta, ArticleText, is_article_file, read_article_file
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


def is_input_file(path: Path) -> bool:
    """Event files and article files (.txt, .html, .htm, .jsonl) both go in."""
    return is_event_file(path) or is_article_file(path)


def find_input_files(paths: Iterable[Path]) -> list[Path]:
    return find_event_files(paths, accept=is_input_file)


def ingest_paths(
    store: EventStore,
    paths: Iterable[Path],
    *,
    gazetteer: Gazetteer | None = None,
    batch_size: int = DEFAULT_BATCH,
    progress: Callable[[int], None] | None = None,
    meta: ArticleMeta | None = None,
    n_process: int | None = None,
) -> IngestReport:
    """Read every event file and article under ``paths`` and store it.

    Articles are read for events on the way in (``extract``), ``meta`` overriding
    what they say of themselves; large batches are parsed by two processes.
    A file that cannot be read or does not validate is reported and skipped;
    the rest go in, ``batch_size`` articles to a transaction, each article whole.
    """
    report = IngestReport()
    files = find_input_files(paths)
    gazetteer = gazetteer or Gazetteer.default()
    batch: list[MappedArticle] = []
    event_files = [f for f in files if not is_article_file(f)]
    article_files = [f for f in files if is_article_file(f)]
    mapped_stream = _chain(_read_and_map(event_files, gazetteer, report, progress),
                           _extract_and_map(article_files, gazetteer, report, progress, meta, n_process))
    for mapped in mapped_stream:
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


def _chain(*streams: Iterable[MappedArticle]) -> Iterator[MappedArticle]:
    for stream in streams:
        yield from stream


def _extract_and_map(
    files: list[Path], gazetteer: Gazetteer, report: IngestReport,
    progress: Callable[[int], None] | None, meta: ArticleMeta | None, n_process: int | None,
) -> Iterator[MappedArticle]:
    """Read article files, extract their events (spaCy is loaded only here) and map them."""
    if not files:
        return
    from eventgraph.extract import Extractor, default_extractor, extract_many

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
    extractor = default_extractor() if gazetteer is Gazetteer.default() else Extractor(gazetteer)
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
