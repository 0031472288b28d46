"""``eventgraph serve``: a SPARQL 1.1 Protocol endpoint, a query page and the graph views over the store.

Starlette (the ASGI toolkit) under uvicorn serves the requests.  pyoxigraph cannot
cancel a running query, so queries and graph views are evaluated in worker
processes, each holding the store open read-only and reopening it when its
files change (so it sees what a writer has committed): at the deadline the worker is killed and replaced,
and the client gets ``503``.  A worker stops reading solutions one past the row
limit and answers ``422`` instead of building a huge document.  Updates (only
with a write token, sent as ``Authorization: Bearer TOKEN``) run in the server
process on the one writable store.
"""

from __future__ import annotations

import asyncio
import hmac
import html
import json
import logging
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from eventgraph.errors import EventGraphError, InvalidValue, QueryError
from eventgraph.sparqlcheck import check_operation

# media types a SELECT/ASK result and a CONSTRUCT/DESCRIBE graph can be sent as, with their short names
RESULT_TYPES = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
# format=, output= and results= names (the ones SPARQLWrapper, rdflib and the query page send) to media types,
# by the query form: "xml" and "json" mean SPARQL results for SELECT/ASK, RDF/XML and JSON-LD for a graph
RESULT_FORMAT_NAMES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
GRAPH_FORMAT_NAMES = {
    "turtle": "text/turtle",
    "ttl": "text/turtle",
    "ntriples": "application/n-triples",
    "n-triples": "application/n-triples",
    "json-ld": "application/ld+json",
    "jsonld": "application/ld+json",
    "json": "application/ld+json",
    "rdf+xml": "application/rdf+xml",
    "rdfxml": "application/rdf+xml",
    "xml": "application/rdf+xml",
}
FORMAT_PARAMETERS = ("format", "output", "results")


LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")
MAX_CONNECTIONS = 256  # open connections and requests; past it new ones get 503 before they hold a file each


def is_loopback(host: str) -> bool:
    """Whether a listening address is reachable from this machine only (127.0.0.0/8, ::1, localhost)."""
    import ipaddress

    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def host_name(header: str) -> str:
    """The host name of a Host header, without its port: ``[::1]:8000`` gives ``::1``."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1 : header.find("]")] if "]" in header else ""
    name, _, port = header.rpartition(":")
    return name if name and port.isdigit() and ":" not in name else header


@dataclass(frozen=True)
class ServerSettings:
    """What ``eventgraph serve`` is started with."""

    store_path: Path
    write_token: str | None = None
    timeout: float = 30.0  # seconds a query or graph view may run
    max_rows: int = 100_000  # solutions (SELECT) or triples (CONSTRUCT) in one answer
    max_body: int = 1_000_000  # bytes in a request body
    workers: int = 2  # query processes: concurrent readers
    max_pending: int = 32  # requests waiting for a query process; past it a flood is refused (503)
    max_memory: int = 2048  # MB of address space one query process may take (past it: 503)
    body_timeout: float = 10.0  # seconds a client may take to send its request body (past it: 408)
    allowed_hosts: tuple[str, ...] = LOOPBACK_NAMES  # host names a request may be addressed to (Host header)
    cors_origins: tuple[str, ...] = ()  # web origins whose pages may query (YASGUI served elsewhere)


class RequestFailed(Exception):
    """An answer that is an HTTP error: status and a one-line message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


# -- evaluation, in a worker process ----------------------------------------------------------
def evaluate(store: Any, task: Mapping[str, Any], max_rows: int) -> tuple[str, bytes]:
    """Run one task (a query or a graph view) on an open store: the media type and body of the answer."""
    if task["kind"] == "view":
        return "text/html; charset=utf-8", render_view(store, task["params"]).encode("utf-8")
    check_operation(task["query"])
    results = store.query(task["query"], default_graph=task.get("default_graph"), named_graphs=task.get("named_graphs"))
    accept: list[str] = task["accept"]
    formats: list[str] = task.get("formats", [])
    if isinstance(results, ox.QueryTriples):
        media = _named(formats, GRAPH_FORMAT_NAMES, GRAPH_TYPES) or _choose(accept, GRAPH_TYPES, "text/turtle")
        triples = list(islice(results, max_rows + 1))
        _check_size(len(triples), max_rows, "triples")
        return _with_charset(media), _xml_safe(media, ox.serialize(triples, format=GRAPH_TYPES[media]) or b"")
    media = _named(formats, RESULT_FORMAT_NAMES, RESULT_TYPES) or _choose(
        accept, RESULT_TYPES, "application/sparql-results+json"
    )
    if isinstance(results, ox.QueryBoolean):
        return _with_charset(media), results.serialize(format=RESULT_TYPES[media]) or b""
    variables = [v.value for v in results.variables]
    rows = list(islice(results, max_rows + 1))
    _check_size(len(rows), max_rows, "rows")
    try:
        body = solutions(variables, rows).serialize(format=RESULT_TYPES[media]) or b""
    except MemoryError as error:  # pyoxigraph's results parser holds one value in a buffer of at most 16 MB
        if "maximal size" not in str(error):
            raise
        raise RequestFailed(
            422, "a value in the answer is over 16 MB, more than the server sends; select a shorter value (e.g. SUBSTR)"
        ) from None
    return _with_charset(media), _xml_safe(media, body)


def _named(formats: list[str], names: Mapping[str, str], offered: Mapping[str, Any]) -> str | None:
    """The media type the first format= (output=, results=) value that fits the query form names, if any.

    A name that does not fit the form (csv for a graph) leaves the choice to the Accept header.
    """
    for name in formats:
        name = name.strip().lower()
        media = names.get(name) or (name if name in offered else None)
        if media is not None:
            return media
    return None


def _xml_safe(media: str, body: bytes) -> bytes:
    from eventgraph.xmltext import xml_safe_document

    return xml_safe_document(body) if "xml" in media else body


def solutions(variables: list[str], rows: Iterable[Any]) -> ox.QuerySolutions:
    """Solutions already read, as pyoxigraph results again (it serialises every W3C format)."""
    document = {
        "head": {"vars": variables},
        "results": {"bindings": [{v: term_json(row[v]) for v in variables if row[v] is not None} for row in rows]},
    }
    parsed = ox.parse_query_results(json.dumps(document).encode("utf-8"), format=ox.QueryResultsFormat.JSON)
    assert isinstance(parsed, ox.QuerySolutions)
    return parsed


def term_json(term: Any) -> dict[str, str]:
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


def _with_charset(media: str) -> str:
    return media if media.endswith("json") or "xml" in media else f"{media}; charset=utf-8"


def _choose(accept: list[str], offered: Mapping[str, Any], default: str) -> str:
    for media in accept:
        if media in offered:
            return media
        if media in ("*/*", "application/*", "text/*"):
            kind = media.split("/")[0]
            return (
                default
                if kind == "*" or default.startswith(kind)
                else next((m for m in offered if m.startswith(kind)), default)
            )
    if accept:
        raise RequestFailed(406, f"cannot answer as {', '.join(accept)}; offered: {', '.join(offered)}")
    return default


def parse_accept(header: str) -> list[str]:
    """Media types of an Accept header, most wanted first (q=0 dropped)."""
    ranked: list[tuple[float, int, str]] = []
    for index, part in enumerate(header.split(",")):
        media, *params = (p.strip() for p in part.split(";"))
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if media and quality > 0:
            ranked.append((-quality, index, media.lower()))
    return [media for _, _, media in sorted(ranked)]


VIEW_PARAMETERS = ("view", "actor", "depth", "type", "certainty", "source", "since", "until", "layout")


def render_view(store: Any, params: Mapping[str, str]) -> str:
    """A graph view page (as ``eventgraph draw`` writes) for the filters in the query string."""
    from eventgraph.lookups import DateRange, Resolver
    from eventgraph.projections import select_graph
    from eventgraph.views import LAYOUTS, render_html

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
    )
    title = f"eventgraph: {view} view" + (f" around {actor.label}" if actor else "")
    return render_html(graph, title=title, view=view, layout=layout)


def _worker(connection: Any, store_path: str, max_rows: int, max_memory: int) -> None:
    """A query process: one task at a time, on a read-only store reopened whenever its files changed.

    Before it reads a request it walls itself in (``sandbox``): no IPv4/IPv6 sockets,
    whatever a query asks of pyoxigraph, and at most ``max_memory`` MB of address space.
    A read-only pyoxigraph store sees the data as it was when opened; a writer
    changes the store's files (its write-ahead log grows, new tables appear),
    so comparing their sizes and times tells when to open it again.
    """
    from eventgraph.sandbox import block_network, cap_memory
    from eventgraph.store import EventStore

    try:
        wall = block_network()
    except OSError as error:
        wall = f"none ({error.strerror})"
    cap_memory(max_memory * 1024 * 1024)
    connection.send(("ready", wall))
    path = Path(store_path)
    store, seen = None, None
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


class WorkerPool:
    """Query processes handed out one request at a time; one past its deadline is killed and replaced."""

    def __init__(self, settings: ServerSettings) -> None:
        self.settings = settings
        self._context = multiprocessing.get_context("spawn")
        self._idle: asyncio.Queue[tuple[Any, Any]] | None = None
        self._all: list[Any] = []
        self._pending = 0
        self.network_wall = ""  # how the query processes are kept off the network (sandbox.block_network)

    async def start(self) -> None:
        self._idle = asyncio.Queue()
        for _ in range(self.settings.workers):
            self._idle.put_nowait(await asyncio.to_thread(self._spawn))

    def _spawn(self) -> tuple[Any, Any]:
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

    def _stop(self, process: Any, connection: Any) -> None:
        process.kill()
        process.join()
        connection.close()
        self._all.remove(process)

    def close(self) -> None:
        for process in list(self._all):
            process.kill()
            process.join()
        self._all.clear()


# -- the web application -----------------------------------------------------------------------
def create_app(settings: ServerSettings) -> Any:
    """The ASGI application (Starlette) for these settings."""
    from contextlib import asynccontextmanager

    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.middleware.cors import CORSMiddleware
    from starlette.requests import Request
    from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
    from starlette.routing import Route

    from eventgraph.store import EventStore

    pool = WorkerPool(settings)
    writer: dict[str, Any] = {}
    write_lock = threading.Lock()

    @asynccontextmanager
    async def lifespan(app: Any) -> Any:
        if settings.write_token:
            writer["store"] = EventStore(settings.store_path, create=True)
        else:
            EventStore(settings.store_path, read_only=True).close()  # fail now if there is no store
        await pool.start()
        try:
            yield
        finally:
            pool.close()
            if "store" in writer:
                writer["store"].close()

    def failure(error: RequestFailed) -> Response:
        headers = {"WWW-Authenticate": 'Bearer realm="eventgraph"'} if error.status == 401 else None
        return PlainTextResponse(error.message + "\n", status_code=error.status, headers=headers)

    async def read_body(request: Request) -> bytes:
        declared = request.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > settings.max_body:
            raise RequestFailed(413, f"the request body is over the server's limit of {settings.max_body} bytes")
        body = bytearray()

        async def receive() -> None:
            async for chunk in request.stream():
                body.extend(chunk)
                if len(body) > settings.max_body:
                    raise RequestFailed(
                        413, f"the request body is over the server's limit of {settings.max_body} bytes"
                    )

        try:  # a client sending its body slowly holds a connection (a file) of the server's: not for long
            await asyncio.wait_for(receive(), settings.body_timeout)
        except asyncio.TimeoutError:
            raise RequestFailed(408, f"the request body did not arrive within {settings.body_timeout:g} s") from None
        return bytes(body)

    async def sparql(request: Request) -> Response:
        vary = {"Vary": "Accept"}
        try:
            if request.method in ("GET", "HEAD") and not request.query_params.keys() & {"query", "update"}:
                accept = parse_accept(request.headers.get("accept", ""))
                media, body = service_description(
                    str(request.url.replace(query="")), accept, writable=bool(settings.write_token)
                )
                return Response(body, media_type=media, headers=vary)
            query, update = await _operation(request, read_body)
            if update is not None:
                return await run_update(request, update)
            task = {
                "kind": "query",
                "query": query,
                "accept": parse_accept(request.headers.get("accept", "")),
                "formats": [f for name in FORMAT_PARAMETERS for f in _protocol_values(request, name)],
                **_protocol_dataset(request),
            }
            media, body = await pool.run(task)
            return Response(body, media_type=media, headers=vary)
        except RequestFailed as error:
            response = failure(error)
            response.headers["Vary"] = "Accept"
            return response

    async def run_update(request: Request, update: str) -> Response:
        authorise(request)
        await pool.run({"kind": "check", "update": update})

        def apply() -> None:
            with write_lock:
                writer["store"].update(update)

        try:
            await asyncio.to_thread(apply)
        except EventGraphError as error:
            raise RequestFailed(400, " ".join(str(error).split())) from None
        return Response(status_code=204)

    def authorise(request: Request) -> None:
        if not settings.write_token:
            raise RequestFailed(403, "this server is read-only (start it with EVENTGRAPH_WRITE_TOKEN to allow updates)")
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token:
            raise RequestFailed(401, "updates need 'Authorization: Bearer TOKEN'")
        if not hmac.compare_digest(token.strip().encode("utf-8"), settings.write_token.encode("utf-8")):
            raise RequestFailed(403, "wrong write token")

    async def upload(request: Request) -> Response:
        """An event document (JSON, the event file format) stored as ``ingest`` stores an event file."""
        try:
            authorise(request)
            if request.headers.get("content-type", "").split(";")[0].strip().lower() != "application/json":
                raise RequestFailed(415, "upload an event document as application/json")
            body = await read_body(request)
            report = await asyncio.to_thread(store_upload, writer["store"], body, write_lock)
        except RequestFailed as error:
            return failure(error)
        return JSONResponse(report)

    async def view(request: Request) -> Response:
        params = {k: v for k, v in request.query_params.items() if k in VIEW_PARAMETERS}
        try:
            _, body = await pool.run({"kind": "view", "params": params})
        except RequestFailed as error:
            return failure(error)
        return Response(body, media_type="text/html; charset=utf-8")

    async def home(request: Request) -> Response:
        return HTMLResponse(query_page(writable=bool(settings.write_token)))

    # Host checking keeps a web page from reaching the server through DNS rebinding;
    # cross-origin reads are off unless origins are named (they would let any site read the store)
    middleware = [Middleware(HostCheck, allowed_hosts=settings.allowed_hosts)]
    if settings.cors_origins:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=list(settings.cors_origins),
                allow_methods=["GET", "POST"],
                allow_headers=["Content-Type", "Accept"],
            )
        )
    return Starlette(
        routes=[
            Route("/", home),
            Route("/sparql", sparql, methods=["GET", "POST"]),
            Route("/view", view),
            Route("/upload", upload, methods=["POST"]),
        ],
        middleware=middleware,
        lifespan=lifespan,
    )


class HostCheck:
    """Answer only requests addressed (``Host``) to one of the allowed names; ``[::1]:port`` is ``::1``."""

    def __init__(self, app: Any, allowed_hosts: Iterable[str]) -> None:
        self.app = app
        self.allowed = {name.strip("[]").lower() for name in allowed_hosts}

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] in ("http", "websocket"):
            headers = dict(scope.get("headers") or [])
            name = host_name(headers.get(b"host", b"").decode("latin-1"))
            if name not in self.allowed:
                from starlette.responses import PlainTextResponse

                await PlainTextResponse("Invalid host header\n", status_code=400)(scope, receive, send)
                return
        await self.app(scope, receive, send)


class RateLimitedLog(logging.Filter):
    """At most ``burst`` records of one kind (logger and message) per ``period`` seconds, then one note of how
    many were dropped: a loop failing on every connection (out of files) must not fill the disk with log."""

    def __init__(self, burst: int = 10, period: float = 10.0) -> None:
        super().__init__()
        self.burst, self.period = burst, period
        self.counts: dict[tuple[str, str], tuple[float, int]] = {}

    def filter(self, record: logging.LogRecord) -> bool:
        key = (record.name, str(record.msg))
        now = time.monotonic()
        start, count = self.counts.get(key, (now, 0))
        if now - start > self.period:
            if count > self.burst:
                record.msg = f"{record.msg} (and {count - self.burst} more like it in {self.period:g} s)"
            start, count = now, 0
        self.counts[key] = (start, count + 1)
        if len(self.counts) > 1000:
            self.counts.clear()
        return count < self.burst


def limit_logging() -> None:
    """Rate-limit the loggers that a flood or a failing accept loop writes to."""
    limiter = RateLimitedLog()
    for name in ("asyncio", "uvicorn", "uvicorn.error", "uvicorn.access", "eventgraph"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, RateLimitedLog) for f in logger.filters):
            logger.addFilter(limiter)


def store_upload(store: Any, body: bytes, lock: threading.Lock) -> dict[str, Any]:
    """Validate an uploaded event document and write it; what was added, replaced or unchanged."""
    from eventgraph.eventfile import load_json, parse_event_document
    from eventgraph.gazetteer import Gazetteer
    from eventgraph.mapping import map_article

    try:
        data = load_json(body.decode("utf-8"), "upload")
    except UnicodeDecodeError as error:
        raise RequestFailed(400, f"not a JSON event document: {error}") from None
    except EventGraphError as error:
        raise RequestFailed(400, f"not a JSON event document: {error}") from None
    article = data.get("article") if isinstance(data, dict) else None
    if isinstance(article, dict) and "text_file" in article:
        # a path would be read on the server: uploads carry their text inline
        raise RequestFailed(400, "article.text_file is not accepted in uploads; put the text in article.text")
    try:
        gazetteer = Gazetteer.default()
        mapped = map_article(parse_event_document(data, location="upload", gazetteer=gazetteer).document, gazetteer)
        with lock:
            written = store.write_articles([mapped])
    except EventGraphError as error:
        raise RequestFailed(400, " ".join(str(error).split())) from None
    return {
        "added": written.added,
        "replaced": written.replaced,
        "unchanged": written.unchanged,
        "events": written.events,
        "quads": written.quads,
    }


def _protocol_values(request: Any, name: str) -> list[str]:
    """A protocol parameter's values, from the URL and (after ``_read_operation``) a POSTed form."""
    form: dict[str, list[str]] = getattr(request.state, "form", {})
    return [*request.query_params.getlist(name), *form.get(name, [])]


def _protocol_dataset(request: Any) -> dict[str, list[str]]:
    """default-graph-uri and named-graph-uri (SPARQL 1.1 Protocol §2.1.4): when either is given, the
    dataset is exactly these graphs, in place of the query's FROM/FROM NAMED or the union default graph."""
    default, named = _protocol_values(request, "default-graph-uri"), _protocol_values(request, "named-graph-uri")
    if not default and not named:
        return {}
    return {"default_graph": default, "named_graphs": named}


async def _operation(request: Any, read_body: Any) -> tuple[str, str | None]:
    """The query (or update) of a SPARQL Protocol request: GET ?query=, POST form, or POST body."""
    # SERVICE and LOAD are refused in the query processes (sparqlcheck.check_operation), which cannot reach
    # the network in any case (sandbox.block_network)
    return await _read_operation(request, read_body)


async def _read_operation(request: Any, read_body: Any) -> tuple[str, str | None]:
    if request.method in ("GET", "HEAD"):
        queries = request.query_params.getlist("query")
        if len(queries) != 1:
            raise RequestFailed(400, "give exactly one query= parameter")
        return queries[0], None
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    body = await read_body(request)
    if content_type == "application/sparql-query":
        return body.decode("utf-8", errors="replace"), None
    if content_type == "application/sparql-update":
        return "", body.decode("utf-8", errors="replace")
    if content_type == "application/x-www-form-urlencoded":
        from urllib.parse import parse_qs

        form = parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True)
        request.state.form = form
        if len(form.get("query", [])) + len(form.get("update", [])) != 1:
            raise RequestFailed(400, "give exactly one query= or update= field")
        if "update" in form:
            return "", form["update"][0]
        return form["query"][0], None
    raise RequestFailed(415, "POST application/sparql-query, application/sparql-update or a form")


SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS = "http://www.w3.org/ns/formats/"
SD_RESULT_FORMATS = (
    "SPARQL_Results_JSON",
    "SPARQL_Results_XML",
    "SPARQL_Results_CSV",
    "SPARQL_Results_TSV",
    "Turtle",
    "N-Triples",
    "JSON-LD",
    "RDF_XML",
)


def service_description(endpoint: str, accept: list[str], *, writable: bool) -> tuple[str, bytes]:
    """The endpoint described in the SPARQL 1.1 Service Description vocabulary (``GET /sparql`` without a
    query), as Turtle, RDF/XML, N-Triples or JSON-LD by the Accept header."""
    service, dataset, graph = ox.BlankNode(), ox.BlankNode(), ox.BlankNode()
    sd = lambda name: ox.NamedNode(SD + name)  # noqa: E731
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    triples = [
        ox.Triple(service, rdf_type, sd("Service")),
        ox.Triple(service, sd("endpoint"), ox.NamedNode(endpoint)),
        ox.Triple(service, sd("supportedLanguage"), sd("SPARQL11Query")),
        # the default graph is the union of the article graphs unless a query or request names a dataset
        ox.Triple(service, sd("feature"), sd("UnionDefaultGraph")),
        ox.Triple(service, sd("defaultEntailmentRegime"), ox.NamedNode("http://www.w3.org/ns/entailment/Simple")),
        ox.Triple(service, sd("defaultDataset"), dataset),
        ox.Triple(dataset, rdf_type, sd("Dataset")),
        ox.Triple(dataset, sd("defaultGraph"), graph),
        ox.Triple(graph, rdf_type, sd("Graph")),
        *(ox.Triple(service, sd("resultFormat"), ox.NamedNode(FORMATS + name)) for name in SD_RESULT_FORMATS),
    ]
    if writable:
        triples.append(ox.Triple(service, sd("supportedLanguage"), sd("SPARQL11Update")))
    media = _choose(accept, GRAPH_TYPES, "text/turtle")
    body = ox.serialize(
        triples,
        format=GRAPH_TYPES[media],
        prefixes={"sd": SD, "formats": FORMATS}
        if GRAPH_TYPES[media] in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML)
        else None,
    )
    return _with_charset(media), body or b""


EXAMPLE_QUERIES = ("events", "transfers", "stats-event-types", "actor-partners")


def query_page(*, writable: bool) -> str:
    """The home page: a query box, the shipped example queries, links to the graph views."""
    from eventgraph.queries import named_query

    examples = []
    for name in EXAMPLE_QUERIES:
        named = named_query(name)
        examples.append(
            f"<details><summary>{html.escape(named.title or name)}</summary>"
            f"<pre>{html.escape(named.text)}</pre></details>"
        )
    mode = "read-write (updates need the write token)" if writable else "read-only"
    formats = "".join(
        f'<option value="{html.escape(n)}">{html.escape(n)}</option>'
        for n in ("json", "xml", "csv", "tsv", "turtle", "ntriples", "json-ld")
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>eventgraph SPARQL</title>'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        "form-action 'self'\"></head><body>"
        f"<h1>eventgraph SPARQL endpoint</h1><p>This endpoint is {html.escape(mode)}. "
        "SPARQL 1.1 Protocol at <code>/sparql</code>; the project's prefixes (eg:, egt:, country: ...) are "
        "predeclared.</p>"
        '<form method="get" action="sparql"><textarea name="query" rows="12" cols="100">'
        "SELECT ?type (COUNT(?e) AS ?events) WHERE { ?e eg:eventType ?type } GROUP BY ?type</textarea><br>"
        f'<label>format <select name="format">{formats}</select></label> <button>Run</button></form>'
        "<h2>Example queries</h2>"
        + "".join(examples)
        + '<h2>Graph views</h2><ul><li><a href="view">events view</a></li>'
        '<li><a href="view?view=actors">actors view</a></li></ul>'
        "<p>Filters: <code>/view?view=actors&amp;actor=DPRK&amp;depth=2&amp;since=2024&amp;type=transfer</code> "
        "(the options of <code>eventgraph draw</code>).</p></body></html>\n"
    )


def serve(
    settings: ServerSettings, *, host: str = "127.0.0.1", port: int = 8000, announce: Callable[[], None] | None = None
) -> None:
    """Run the server until interrupted; ``announce`` is called once the store has opened and the port is
    bound (a port in use is a ``ServeError``, not a message from uvicorn and exit code 3)."""
    import uvicorn

    from eventgraph.store import EventStore

    # open the store once before serving, so that a missing or locked store is one clear error
    EventStore(settings.store_path, read_only=not settings.write_token, create=bool(settings.write_token)).close()
    listener = listening_socket(host, port)
    if announce is not None:
        announce()
    _raise_open_files_limit()
    config = uvicorn.Config(
        create_app(settings), log_level="warning", limit_concurrency=MAX_CONNECTIONS, timeout_keep_alive=5
    )
    server = uvicorn.Server(config)
    limit_logging()  # after uvicorn has configured its loggers
    try:
        server.run(sockets=[listener])
    finally:
        listener.close()


def listening_socket(host: str, port: int) -> Any:
    """A socket bound to ``host:port`` and listening, or an ``InvalidValue`` naming why it cannot be."""
    import socket

    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except socket.gaierror as error:
        raise InvalidValue(f"cannot listen on {host}: {error.strerror}") from None
    listener = socket.socket(family, kind, proto)
    try:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if family == socket.AF_INET6:
            listener.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
        listener.bind(address)
        listener.listen(2048)
    except OSError as error:
        listener.close()
        raise InvalidValue(
            f"cannot listen on {host}:{port}: {error.strerror}"
            + (" (another server is using the port; choose one with --port)" if error.errno in (98, 48) else "")
        ) from None
    listener.set_inheritable(True)
    return listener


def _raise_open_files_limit() -> None:
    """Up to the hard limit: idle and slow clients then run out of time before the server runs out of files."""
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY or soft < hard:
        try:
            resource.setrlimit(
                resource.RLIMIT_NOFILE, (min(hard, 65536) if hard != resource.RLIM_INFINITY else 65536, hard)
            )
        except (ValueError, OSError):
            pass
