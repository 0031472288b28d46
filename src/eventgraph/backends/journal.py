"""The bulk writer's journal, and the stream of N-Quads it guards (``EventStore.write_articles_in_bulk``).

pyoxigraph's bulk loader has no transaction.  Before any quad of a new article is
handed to it, the article's graph name is appended to a journal file in the store
directory and synced; the article's content hash is written after its load, in a
transaction; the journal is removed when the whole write is done.  A journal found
by the next writer names graphs that may be half loaded: those without a content
hash were not in the store before, and are removed (``EventStore`` does that when it
opens a store for writing).
"""

from __future__ import annotations

import contextlib
import io
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from pyoxigraph import Literal, NamedNode, Quad

from eventgraph.mapping import MappedArticle, SerialisedArticle, nquads, quad_count, subject_value
from eventgraph.vocab import EG

# names the new article graphs of a bulk write in progress (RocksDB leaves files it does not know alone)
BULK_JOURNAL = "eventgraph-bulk-write-in-progress.txt"
# the bulk writer: bytes per read, bytes of articles per journal sync
BULK_READ_BYTES = 1 << 20
BULK_GROUP_BYTES = 8 << 20

Article = MappedArticle | SerialisedArticle


class BulkJournal:
    """The journal of one store directory: graph names appended (synced), read back after a kill."""

    def __init__(self, directory: Path) -> None:
        self.path = directory / BULK_JOURNAL
        self._handle: IO[str] | None = None

    def append(self, graphs: Iterable[str]) -> None:
        """Append graph names and sync them, before their quads are handed to the loader."""
        if self._handle is None:
            self._handle = self.path.open("a", encoding="utf-8")
            _sync_directory(self.path.parent)
        self._handle.write("".join(f"<{graph}>\n" for graph in graphs))
        self._handle.flush()
        os.fsync(self._handle.fileno())

    def close(self) -> None:
        """Close the file, keeping it (the write did not finish); never raises."""
        if self._handle is not None:
            with contextlib.suppress(OSError):
                self._handle.close()
            self._handle = None

    def remove(self) -> None:
        """The write is whole: close and delete the journal."""
        if self._handle is not None:
            self._handle.close()
            self._handle = None
        self.path.unlink(missing_ok=True)

    def interrupted_graphs(self) -> list[NamedNode]:
        """The graphs a journal left by an interrupted write names (none when there is no journal)."""
        if not self.path.exists():
            return []
        return [
            NamedNode(line[1:-1])
            for line in self.path.read_text(encoding="utf-8").splitlines()
            if line.endswith(">")  # a line cut short by a kill: its quads were never handed over
        ]


class BulkStream:
    """The new articles of a stream as N-Quads, read by ``Store.bulk_load`` a segment at a time.

    Articles are taken from the input as the loader asks for bytes, a group of about
    ``BULK_GROUP_BYTES`` at a time; the group's graph names go into the journal before its
    bytes are handed over.  A segment ends (the loader sees the end of its input) after
    ``segment`` new articles, when ``replace_batch`` articles that are already stored wait to
    be replaced, or at the end of the input.  ``stored_hash`` gives a graph's stored content
    hash; ``described`` holds the entity IRIs whose descriptions the store already has.
    ``on_group`` is told a group's graphs once they are journalled, ``on_new`` each new article
    (the lookup index writes a group's rows once its graphs are named, and settles them at the segment's end).
    ``started_empty``: the store held no data graph when the write began, so a graph this stream has not
    loaded is not stored and its hash need not be looked up (a look-up per article was 4% of the writer's
    time at 1,000,000 events); the stream keeps the Python hashes of the graphs it loaded, 8 bytes each, and
    looks up only those.
    """

    def __init__(
        self,
        articles: Iterable[Article],
        journal: BulkJournal,
        *,
        stored_hash: Callable[[NamedNode], str | None],
        described: set[str],
        segment: int,
        replace_batch: int,
        on_group: Callable[[list[str]], None] = lambda graphs: None,
        on_new: Callable[[Article], None] = lambda article: None,
        started_empty: bool = False,
    ) -> None:
        self.articles = iter(articles)
        self.started_empty = started_empty
        self.loaded: set[int] = set()  # hash() of the graphs loaded or kept to be replaced, when started empty
        self.on_group, self.on_new = on_group, on_new
        self.journal = journal
        self.stored_hash = stored_hash
        self.store_described = described
        self.segment = segment
        self.replace_batch = replace_batch
        self.exhausted = False
        self.added: list[str] = []
        self.unchanged: list[str] = []
        self.events = 0
        self.quads = 0
        self.known: dict[str, Article] = {}  # graph -> stored with other content: replaced after the segment
        self.hashes: dict[str, str] = {}  # graph -> content hash of the segment's new articles
        self.described: set[str] = set()  # entity descriptions sent in this segment
        self.buffer = memoryview(b"")

    def start_segment(self) -> None:
        self.hashes, self.described = {}, set()

    def markers(self) -> Iterator[Quad]:
        """The segment's content hash triples, written after its quads: its articles are whole from then on.
        (Made when written: held as quads, 250,000 articles' took 132 MB.)"""
        for graph, content_hash in self.hashes.items():
            node = NamedNode(graph)
            yield Quad(node, EG.contentHash, Literal(content_hash), node)

    def end_segment(self) -> None:
        """The segment's hashes are written: its entity descriptions are in the store."""
        self.store_described.update(self.described)

    def reader(self) -> io.BufferedReader:
        """A binary stream over the segment, for one ``bulk_load``."""
        return io.BufferedReader(_Reader(self.readinto), BULK_READ_BYTES)

    def readinto(self, target: Any) -> int:
        if not self.buffer and not self.fill():
            return 0
        count = min(len(target), len(self.buffer))
        target[:count] = self.buffer[:count]
        self.buffer = self.buffer[count:]
        return count

    def fill(self) -> bool:
        """Take the next group of new articles into the buffer; False at the end of the segment."""
        parts: list[bytes] = []
        size = 0
        graphs: list[str] = []
        group_bytes = BULK_GROUP_BYTES
        while size < group_bytes and len(self.hashes) < self.segment and len(self.known) < self.replace_batch:
            article = next(self.articles, None)
            if article is None:
                self.exhausted = True
                break
            data = self._new_article_bytes(article)
            if data:
                parts += data
                size += sum(len(part) for part in data)
                graphs.append(article.graph.value)
            elif article.graph.value in self.known:
                # its replacement waits for the segment's end, but an article loaded before then may rely on
                # the descriptions it carries (a worker sends each entity's description once): load them now
                parts += self._entity_nquads(article)
        if not parts:
            return False
        if graphs:
            self.journal.append(graphs)
            self.on_group(graphs)
        self.buffer = memoryview(b"".join(parts))
        return True

    def _new_article_bytes(self, article: Article) -> list[bytes]:
        """The N-Quads to load for ``article`` when it is new (its description of entities included);
        otherwise it is counted as unchanged or kept to be replaced, and nothing is returned."""
        graph = article.graph.value
        if graph in self.known:  # a later version of one waiting to be replaced: the last one wins
            self.known[graph] = article
            return []
        stored = self.hashes.get(graph)
        if stored is None and (not self.started_empty or hash(graph) in self.loaded):
            stored = self.stored_hash(article.graph)
        if self.started_empty:
            self.loaded.add(hash(graph))
        if stored == article.content_hash:
            self.unchanged.append(article.article_id)
            return []
        if stored is not None:
            self.known[graph] = article  # write_articles reports it as replaced (or unchanged)
            return []
        self.hashes[graph] = article.content_hash
        self.on_new(article)
        self.added.append(article.article_id)
        self.events += article.events
        self.quads += quad_count(article)
        return self._article_nquads(article)

    def _article_nquads(self, article: Article) -> list[bytes]:
        """The article's graph but its content hash, and the descriptions of entities not sent before."""
        if isinstance(article, SerialisedArticle):
            return [article.body_nquads, *self._entity_nquads(article)]
        sent = self.store_described
        body = [q for q in article.quads if q.predicate != EG.contentHash or q.subject != article.graph]
        entity = [
            q for q in article.entity_quads if subject_value(q) not in sent and subject_value(q) not in self.described
        ]
        self.described.update(subject_value(q) for q in entity)
        return [nquads([*body, *entity])]

    def _entity_nquads(self, article: Article) -> list[bytes]:
        """The descriptions of the article's entities not sent before (N-Quads: a worker's article)."""
        if not isinstance(article, SerialisedArticle):
            return []
        sent, parts = self.store_described, []
        for iri, data in article.entity_nquads.items():
            if iri not in sent and iri not in self.described:
                self.described.add(iri)
                parts.append(data)
        return parts


class _Reader(io.RawIOBase):
    """A raw binary stream over a ``readinto`` function (one per bulk load: a reader closes it when dropped)."""

    def __init__(self, readinto: Callable[[Any], int]) -> None:
        super().__init__()
        self._readinto = readinto

    def readable(self) -> bool:
        return True

    def readinto(self, target: Any) -> int:
        return self._readinto(target)


def _sync_directory(path: Path) -> None:
    """Make a new file in ``path`` durable (a no-op where directories cannot be opened)."""
    try:
        handle = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)
