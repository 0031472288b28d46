"""What every importer shares: reading a file as a stream of lines, row problems, batching into named graphs.

A file is read twice, both times as a stream: once to hash its bytes (the data
set is named by that hash, so importing the same file again writes nothing
new), once to parse it.  Rows go to the store ``chunk_rows`` lines at a time,
each chunk one named graph, streamed into the store's bulk writer, so memory
stays flat however long the file is.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from eventgraph.backends import GraphStore
from eventgraph.backends.embedded import EventStore, WriteReport
from eventgraph.errors import InputError
from eventgraph.gazetteer import Gazetteer, slug
from eventgraph.mapping import MappedArticle, map_dataset, map_records
from eventgraph.model import DataRecord, DataSet, Entity, EntityKind

CHUNK_ROWS = 2000
# rows per bulk load: pyoxigraph's loader holds a load's quads in memory (about 20 a row)
SEGMENT_ROWS = 20_000
PROBLEMS_KEPT = 100  # row problems kept per file for the listing; all are counted
_SAMPLE = 1 << 20
MAX_LINE_BYTES = 1 << 20  # a longer line is reported as malformed, never read into memory
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")
_NON_ASCII = re.compile(rb"[\x80-\xff]")


@dataclass(frozen=True)
class RowProblem:
    """A row that was not imported: malformed (listed with its line) or of a kind we do not model (counted)."""

    line: int
    reason: str  # short, for the counts: "wrong field count"
    detail: str = ""  # the specific message: "57 fields, expected 61"
    malformed: bool = True


class RowError(Exception):
    """Raised while parsing a row; the reader turns it into a RowProblem."""

    def __init__(self, reason: str, detail: str = "", *, malformed: bool = True) -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail
        self.malformed = malformed


Item = DataRecord | RowProblem


@dataclass
class FileReport:
    """What importing one file did."""

    path: str
    dataset_id: str = ""
    rows: int = 0
    imported: int = 0  # rows whose event is new in the store
    unchanged: int = 0  # rows already in the store from an earlier import of the same file
    skipped: Counter[str] = field(default_factory=Counter)
    problems: list[RowProblem] = field(default_factory=list)
    malformed: int = 0
    error: str | None = None  # the file could not be read at all

    @property
    def failed(self) -> bool:
        """Unreadable, or every row malformed."""
        return self.error is not None or (self.rows > 0 and self.malformed == self.rows)

    def count(self, problem: RowProblem) -> None:
        self.skipped[problem.reason] += 1
        if problem.malformed:
            self.malformed += 1
            if len(self.problems) < PROBLEMS_KEPT:
                self.problems.append(problem)

    def summary(self) -> str:
        text = f"{self.imported} rows imported"
        if self.unchanged:
            text += f" ({self.unchanged} already in the store)"
        text += f", {sum(self.skipped.values())} skipped"
        if self.skipped:
            text += " (" + ", ".join(f"{reason}: {n}" for reason, n in self.skipped.most_common()) + ")"
        return text


class SourceFile:
    """A text file read as decoded lines, counting the bytes read for a progress bar.

    The encoding is UTF-8 (a BOM allowed) unless the file is clearly something
    else, which is taken as Windows-1252 (SIPRI's export).  Undecodable bytes
    become U+FFFD, and ``check_encoding`` reports the row that holds them.
    """

    def __init__(
        self, path: Path, *, encoding: str | None = None, progress: Callable[[int], None] | None = None
    ) -> None:
        self.path = path
        self.progress = progress
        self.size, self.sha256, sample = _inspect(path)
        self.encoding = encoding or _guess_encoding(sample)

    def lines(self) -> Iterator[str]:
        """The decoded lines, line ends kept (the csv module wants them for quoted newlines).

        A line over ``MAX_LINE_BYTES`` is not held in memory: it is read past and
        given as an empty line, and its number is kept in ``overlong``.
        """
        self.overlong: list[int] = []
        try:
            with self.path.open("rb") as handle:
                number = 0
                while raw := handle.readline(MAX_LINE_BYTES + 1):
                    number += 1
                    size = len(raw)
                    if size > MAX_LINE_BYTES and not raw.endswith(b"\n"):
                        while (rest := handle.readline(MAX_LINE_BYTES)) and not rest.endswith(b"\n"):
                            size += len(rest)
                        size += len(rest)
                        self.overlong.append(number)
                        raw = b"\n"
                    if self.progress is not None:
                        self.progress(size)
                    yield raw.decode(self.encoding, errors="replace")
        except OSError as error:
            raise InputError(f"cannot read: {error.strerror}", location=str(self.path)) from None


def csv_rows(reader: Any, offset: int = 0) -> Iterator[list[str] | RowProblem]:
    """A csv reader's rows; a row the csv module cannot parse (an unclosed quote running into a
    huge field) becomes a RowProblem and reading goes on with the next line."""
    while True:
        try:
            yield next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield RowProblem(line=offset + reader.line_num, reason="unreadable CSV row", detail=str(error))


def check_encoding(cells: Iterable[str]) -> None:
    if any("\ufffd" in cell for cell in cells):
        raise RowError("mis-encoded bytes", "bytes that are not valid text in the file's encoding")


def _inspect(path: Path) -> tuple[int, str, bytes]:
    """Size, sha256 and the first megabyte; refuses directories, empty and binary files."""
    if path.is_dir():
        raise InputError("is a directory; give the data files", location=str(path))
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            sample = handle.read(_SAMPLE)
            digest.update(sample)
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
            size = handle.tell()
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror}", location=str(path)) from None
    if not sample.strip():
        raise InputError("empty file, nothing to import", location=str(path))
    if b"\x00" in sample:
        raise InputError("binary file (NUL bytes), not a CSV/TSV export", location=str(path))
    return size, digest.hexdigest(), sample


def _guess_encoding(sample: bytes) -> str:
    if sample.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    valid = len(_UTF8_SEQUENCE.findall(sample))
    invalid = len(_NON_ASCII.findall(sample)) - sum(len(m) for m in _UTF8_SEQUENCE.findall(sample))
    return "utf-8" if invalid == 0 or valid > invalid else "cp1252"


# -- places ----------------------------------------------------------------------------------
def at_coordinates(place: Entity, latitude: str | None, longitude: str | None, *, required: bool) -> Entity:
    """The place with a row's latitude and longitude (decimal degrees).

    Values that are not numbers make the row bad when the format gives every row coordinates (``required``),
    else the place is kept without them; numbers off the globe always make the row bad.
    """
    try:
        lat, lon = float(latitude or ""), float(longitude or "")
    except ValueError:
        if required:
            raise RowError("bad coordinates", f"{latitude!r}, {longitude!r}") from None
        return place
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise RowError("bad coordinates", f"{lat}, {lon}")
    return replace(place, latitude=lat, longitude=lon)


# -- resolving names --------------------------------------------------------------------------
class Resolver:
    """Gazetteer look-ups with a cache (data sets repeat the same names on every row)."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self._cache: dict[tuple[str, frozenset[EntityKind] | None], Entity | None] = {}
        self._qualified: dict[tuple[str, EntityKind], list[Entity]] | None = None

    def lookup(self, name: str, kinds: Iterable[EntityKind] | None = None) -> Entity | None:
        key = (name, frozenset(kinds) if kinds is not None else None)
        if key not in self._cache:
            self._cache[key] = self.gazetteer.lookup(name, key[1])
        return self._cache[key]

    def qualified(self, name: str, kind: EntityKind) -> list[Entity]:
        """Entities of a kind labelled "<name> (<qualifier>)": how the gazetteer tells apart things sharing a name."""
        if self._qualified is None:
            self._qualified = {}
            for entity in self.gazetteer.entities:
                base, sep, _ = entity.label.partition(" (")
                if sep:
                    self._qualified.setdefault((base.casefold(), entity.kind), []).append(entity)
        return self._qualified.get((name.casefold(), kind), [])

    def country(self, name: str) -> Entity | None:
        return self.lookup(name, [EntityKind.COUNTRY])

    def named(self, key: str, kind: EntityKind = EntityKind.ORGANIZATION) -> Entity:
        """A packaged gazetteer entity the importer relies on (SIPRI, ACLED, GDELT as publishers)."""
        entity = self.gazetteer.get(kind, key) or Gazetteer.default().get(kind, key)
        if entity is None:
            raise InputError(f"the gazetteer lacks {kind.value} {key!r}; data/organizations.csv is incomplete")
        return entity


def ad_hoc(label: str, kind: EntityKind, *, country: str | None = None, key: str | None = None) -> Entity:
    """An entity the gazetteer does not know, kept as the data set writes it."""
    return Entity(key=key or slug(label), label=label, kind=kind, country=country, resolved=False)


# -- writing ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class ImportFormat:
    """One importer: how to name its data sets and how to read a file's rows."""

    name: str
    title: str  # "SIPRI Arms Transfers Database, trade register"
    publisher: str  # organisation id in data/organizations.csv
    url: str
    read: Callable[[SourceFile, Resolver], Iterator[Item]]
    encoding: str | None = None  # None: UTF-8 unless the bytes say otherwise (then Windows-1252)


def import_file(
    store: GraphStore,
    fmt: ImportFormat,
    path: Path,
    *,
    gazetteer: Gazetteer | None = None,
    chunk_rows: int = CHUNK_ROWS,
    progress: Callable[[int], None] | None = None,
    on_problem: Callable[[RowProblem], None] | None = None,
) -> FileReport:
    """Import one file: its data set description, then its rows a chunk (one named graph) at a time.

    The graphs stream into the store's bulk writer (``EventStore.write_articles_in_bulk``, as
    ``ingest --bulk``): journalled, so a killed import is undone by the next writer; chunks
    already stored unchanged are skipped, changed ones replaced.  ``on_problem`` is told of every
    row not imported (the report keeps the first PROBLEMS_KEPT).
    """
    report = FileReport(path=str(path))
    try:
        source = SourceFile(path, encoding=fmt.encoding, progress=progress)
    except InputError as error:
        report.error = str(error)
        return report
    resolver = Resolver(gazetteer or Gazetteer.default())
    dataset = DataSet(
        id=f"{fmt.name}-{source.sha256[:16]}",
        title=f"{fmt.title}: {path.name}",
        file_name=path.name,
        content_hash=source.sha256,
        publisher=resolver.named(fmt.publisher),
        url=fmt.url,
    )
    report.dataset_id = dataset.id
    rows: dict[str, int] = {}  # graph id -> rows in it
    graphs = _mapped_graphs(fmt.read(source, resolver), dataset, resolver, chunk_rows, report, rows, on_problem)
    try:
        written = _write_graphs(store, graphs, segment=max(1, SEGMENT_ROWS // chunk_rows))
    except InputError as error:
        report.error = str(error)
        return report
    report.imported += sum(rows.get(graph, 0) for graph in written.added + written.replaced)
    report.unchanged += sum(rows.get(graph, 0) for graph in written.unchanged)
    for line in source.overlong:
        report.rows += 1
        _count(report, RowProblem(line=line, reason="line too long", detail=f"over {MAX_LINE_BYTES} bytes"), on_problem)
    return report


def _mapped_graphs(
    items: Iterable[Item],
    dataset: DataSet,
    resolver: Resolver,
    chunk_rows: int,
    report: FileReport,
    rows: dict[str, int],
    on_problem: Callable[[RowProblem], None] | None,
) -> Iterator[MappedArticle]:
    """The data set's description (before its first chunk), then its rows as graphs of ``chunk_rows`` lines."""
    chunk: list[DataRecord] = []
    chunk_index = 0
    last_line = 0
    described = False
    for item in items:
        if item.line != last_line:  # a row can give two events (ACLED: an attack and its fatalities)
            report.rows += 1
            last_line = item.line
        if isinstance(item, RowProblem):
            _count(report, item, on_problem)
            continue
        if item.line // chunk_rows != chunk_index and chunk:
            if not described:
                described = True
                yield map_dataset(dataset)
            yield _chunk_graph(dataset, chunk_index, chunk, resolver, rows)
            chunk = []
        chunk_index = item.line // chunk_rows
        chunk.append(item)
    if chunk:
        if not described:
            yield map_dataset(dataset)
        yield _chunk_graph(dataset, chunk_index, chunk, resolver, rows)


def _chunk_graph(
    dataset: DataSet, index: int, records: list[DataRecord], resolver: Resolver, rows: dict[str, int]
) -> MappedArticle:
    mapped = map_records(dataset, f"rows-{index:06d}", records, resolver.gazetteer)
    rows[mapped.article_id] = len({record.line for record in records})
    return mapped


def _write_graphs(store: GraphStore, graphs: Iterable[MappedArticle], *, segment: int) -> WriteReport:
    """Into the bulk writer where the store has one, ``segment`` graphs to a load; a graph at a time
    otherwise (a remote store)."""
    if isinstance(store, EventStore):
        return store.write_articles_in_bulk(graphs, segment=segment)
    report = WriteReport()
    for graph in graphs:
        outcome = store.write_graph_in_bulk(graph)
        getattr(report, outcome).append(graph.article_id)
    return report


def _count(report: FileReport, item: RowProblem, on_problem: Callable[[RowProblem], None] | None) -> None:
    report.count(item)
    if on_problem is not None and item.malformed:
        on_problem(item)


def first_line(line_num: int, cells: list[str]) -> int:
    """The line a csv row starts on, from ``reader.line_num`` (where it ends) and its quoted newlines."""
    return line_num - sum(cell.count("\n") for cell in cells)


def problem(line: int, error: RowError) -> RowProblem:
    return RowProblem(line=line, reason=error.reason, detail=error.detail, malformed=error.malformed)
