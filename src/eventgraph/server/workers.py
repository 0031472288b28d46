"""The query processes: queries and graph views evaluated away from the server process.

pyoxigraph cannot cancel a running query, so each runs in a worker process that holds the store open
read-only: at the deadline the worker is killed and replaced.  A worker stops reading solutions one past
the row limit and answers ``422`` instead of building a huge document.
"""

from __future__ import annotations

import asyncio
import json
import logging
import multiprocessing
import os
from collections.abc import Iterable, Mapping
from itertools import islice
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from eventgraph.errors import EventGraphError, InvalidValue, QueryError
from eventgraph.server.protocol import graph_media, results_media, with_charset
from eventgraph.server.settings import RequestFailed, ServerSettings
from eventgraph.sparqlcheck import check_operation

if TYPE_CHECKING:
    from eventgraph.backends.embedded import EventStore

VIEW_PARAMETERS = ("view", "actor", "depth", "type", "certainty", "source", "since", "until", "layout")
Worker = tuple[BaseProcess, Connection]


# -- evaluation, in a worker process ----------------------------------------------------------
def evaluate(store: EventStore, task: Mapping[str, Any], max_rows: int) -> tuple[str, bytes]:
    """Run one task (a query or a graph view) on an open store: the media type and body of the answer."""
    if task["kind"] == "view":
        return "text/html; charset=utf-8", render_view(store, task["params"]).encode("utf-8")
    check_operation(task["query"])
    results = store.query(task["query"], default_graph=task.get("default_graph"), named_graphs=task.get("named_graphs"))
    accept: list[str] = task["accept"]
    formats: list[str] = task.get("formats", [])
    if isinstance(results, ox.QueryTriples):
        media = graph_media(formats, accept)
        triples = list(islice(results, max_rows + 1))
        _check_size(len(triples), max_rows, "triples")
        rdf = ox.RdfFormat.from_media_type(media)
        assert rdf is not None, "graph_media gives an RDF media type"
        return with_charset(media), _xml_safe(media, ox.serialize(triples, format=rdf) or b"")
    media = results_media(formats, accept)
    results_format = ox.QueryResultsFormat.from_media_type(media)
    assert results_format is not None, "results_media gives a results media type"
    if isinstance(results, ox.QueryBoolean):
        return with_charset(media), results.serialize(format=results_format) or b""
    variables = [v.value for v in results.variables]
    rows = list(islice(results, max_rows + 1))
    _check_size(len(rows), max_rows, "rows")
    try:
        body = solutions(variables, rows).serialize(format=results_format) or b""
    except MemoryError as error:  # pyoxigraph's results parser holds one value in a buffer of at most 16 MB
        if "maximal size" not in str(error):
            raise
        raise RequestFailed(
            422, "a value in the answer is over 16 MB, more than the server sends; select a shorter value (e.g. SUBSTR)"
        ) from None
    return with_charset(media), _xml_safe(media, body)


def _xml_safe(media: str, body: bytes) -> bytes:
    from eventgraph.xmltext import xml_safe_document

    return xml_safe_document(body) if "xml" in media else body


def solutions(variables: list[str], rows: Iterable[ox.QuerySolution]) -> ox.QuerySolutions:
    """Solutions already read, as pyoxigraph results again (it serialises every W3C format)."""
    document = {
        "head": {"vars": variables},
        "results": {"bindings": [{v: term_json(row[v]) for v in variables if row[v] is not None} for row in rows]},
    }
    parsed = ox.parse_query_results(json.dumps(document).encode("utf-8"), format=ox.QueryResultsFormat.JSON)
    assert isinstance(parsed, ox.QuerySolutions)
    return parsed


def term_json(term: object) -> dict[str, str]:
    """One RDF term in the SPARQL 1.1 JSON results format."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        if term.language:
            return {"type": "literal", "value": term.value, "xml:lang": term.language}
        return {"type": "literal", "value": term.value, "datatype": term.datatype.value}
    raise QueryError(f"cannot send a {type(term).__name__} in query results")


def _check_size(count: int, limit: int, what: str) -> None:
    if count > limit:
        raise RequestFailed(
            422, f"the answer has more than {limit} {what} (the server's limit); add LIMIT or narrow the query"
        )


def render_view(store: EventStore, params: Mapping[str, str]) -> str:
    """A graph view page (as ``eventgraph draw`` writes) for the filters in the query string."""
    from eventgraph.lookups import DateRange, Resolver
    from eventgraph.projections import select_graph
    from eventgraph.views import LAYOUTS, MAX_VIEW_EVENTS, render_html

    view = params.get("view", "events")
    layout = params.get("layout", "auto")
    if view not in ("events", "actors") or layout not in LAYOUTS:
        raise InvalidValue("view is events or actors; layout is auto, physics or static")
    try:
        depth = int(params.get("depth", "1"))
    except ValueError:
        raise InvalidValue("depth is a whole number") from None
    actor = Resolver(store).resolve(params["actor"]) if params.get("actor") else None
    graph = select_graph(
        store,
        view=view,
        actor=actor,
        depth=max(1, depth),
        event_type=params.get("type"),
        certainty=params.get("certainty"),
        source=params.get("source"),
        dates=DateRange.parse(params.get("since"), params.get("until")),
        max_events=MAX_VIEW_EVENTS,
    )
    title = f"eventgraph: {view} view" + (f" around {actor.label}" if actor else "")
    return render_html(graph, title=title, view=view, layout=layout)


def _worker(connection: Connection, store_path: str, max_rows: int, max_memory: int) -> None:
    """A query process: one task at a time, on a read-only store reopened whenever its files changed.

    Before it reads a request it walls itself in (``sandbox``): no IPv4/IPv6 sockets,
    whatever a query asks of pyoxigraph, and at most ``max_memory`` MB of address space above its
    resting size.
    A read-only pyoxigraph store sees the data as it was when opened; a writer
    changes the store's files (its write-ahead log grows, new tables appear),
    so comparing their sizes and times tells when to open it again.
    """
    from eventgraph.backends.embedded import EventStore
    from eventgraph.sandbox import block_network, cap_memory

    try:
        wall = block_network()
    except OSError as error:
        wall = f"none ({error.strerror})"
    cap_memory(max_memory * 1024 * 1024)
    connection.send(("ready", wall))
    path = Path(store_path)
    store: EventStore | None = None
    seen: tuple[tuple[str, int, int], ...] | None = None
    while True:
        try:
            task = connection.recv()
        except EOFError:
            return
        try:
            if task["kind"] == "check":  # an update, checked here so that parsing hostile text has these walls too
                check_operation(task["update"], update=True)
                connection.send(("ok", "", b""))
                continue
            current = _files_state(path)
            if store is None or current != seen:
                if store is not None:
                    store.close()
                store, seen = EventStore(path, read_only=True), current
            media, body = evaluate(store, task, max_rows)
            connection.send(("ok", media, body))
        except RequestFailed as failure:
            connection.send(("error", failure.status, failure.message))
        except EventGraphError as error:
            connection.send(("error", 400, " ".join(str(error).split())))
        except MemoryError:
            connection.send(
                (
                    "error",
                    503,
                    f"the query needed more than the server's memory limit of "
                    f"{max_memory} MB per query process and was stopped",
                )
            )


def _files_state(path: Path) -> tuple[tuple[str, int, int], ...]:
    try:
        return tuple(sorted((e.name, e.stat().st_size, e.stat().st_mtime_ns) for e in os.scandir(path)))
    except OSError:
        return ()


# -- the pool, in the server process -----------------------------------------------------------
class WorkerPool:
    """Query processes handed out one request at a time; one past its deadline is killed and replaced."""

    def __init__(self, settings: ServerSettings) -> None:
        self.settings = settings
        self._context = multiprocessing.get_context("spawn")
        self._idle: asyncio.Queue[Worker] | None = None
        self._all: list[BaseProcess] = []
        self._pending = 0
        self.network_wall = ""  # how the query processes are kept off the network (sandbox.block_network)

    async def start(self) -> None:
        self._idle = asyncio.Queue()
        for _ in range(self.settings.workers):
            self._idle.put_nowait(await asyncio.to_thread(self._spawn))

    def _spawn(self) -> Worker:
        parent, child = self._context.Pipe()
        process = self._context.Process(
            target=_worker,
            daemon=True,
            args=(child, str(self.settings.store_path), self.settings.max_rows, self.settings.max_memory),
        )
        process.start()
        child.close()
        self._all.append(process)
        if parent.poll(60):
            self.network_wall = parent.recv()[1]
            if self.network_wall.startswith("none"):
                logging.getLogger("eventgraph").warning(
                    "the query processes could not be kept off the network (%s): SERVICE and LOAD are still "
                    "refused by the query check",
                    self.network_wall,
                )
        return process, parent

    async def run(self, task: dict[str, Any]) -> tuple[str, bytes]:
        assert self._idle is not None, "the pool is not started"
        if self._pending >= self.settings.max_pending:
            raise RequestFailed(503, "the server is busy (too many queries waiting); try again shortly")
        self._pending += 1
        try:
            return await self._run(task)
        finally:
            self._pending -= 1

    async def _run(self, task: dict[str, Any]) -> tuple[str, bytes]:
        assert self._idle is not None
        process, connection = await self._idle.get()
        try:
            connection.send(task)
            ready = await asyncio.to_thread(connection.poll, self.settings.timeout)
            if not ready:
                self._stop(process, connection)
                process, connection = await asyncio.to_thread(self._spawn)
                raise RequestFailed(
                    503, f"the query ran longer than the server's limit of {self.settings.timeout:g} s and was stopped"
                )
            answer = connection.recv()
        except (EOFError, OSError, BrokenPipeError):
            # a query process ends without answering when the kernel or Rust's allocator stops it: most often the
            # query reached the memory limit
            self._stop(process, connection)
            process, connection = await asyncio.to_thread(self._spawn)
            raise RequestFailed(
                503,
                f"the query process stopped while answering (most often: the query needed "
                f"more than the limit of {self.settings.max_memory} MB); try a narrower "
                "query",
            ) from None
        finally:
            self._idle.put_nowait((process, connection))
        if answer[0] == "error":
            raise RequestFailed(answer[1], answer[2])
        return answer[1], answer[2]

    def _stop(self, process: BaseProcess, connection: Connection) -> None:
        process.kill()
        process.join()
        connection.close()
        self._all.remove(process)

    def close(self) -> None:
        for process in list(self._all):
            process.kill()
            process.join()
        self._all.clear()
