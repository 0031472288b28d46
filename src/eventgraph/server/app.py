"""The web application (Starlette): the routes, the write side, and the home page.

Queries and graph views go to the query processes (``workers``); updates and uploads (only with a write
token, sent as ``Authorization: Bearer TOKEN``) run in the server process on the one writable store.
"""

from __future__ import annotations

import asyncio
import hmac
import threading
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from eventgraph.errors import EventGraphError
from eventgraph.server.protocol import (
    parse_accept,
    protocol_dataset,
    read_operation,
    requested_formats,
    service_description,
)
from eventgraph.server.settings import RequestFailed, ServerSettings
from eventgraph.server.workers import VIEW_PARAMETERS, WorkerPool

if TYPE_CHECKING:
    import jinja2

    from eventgraph.backends.embedded import EventStore

EXAMPLE_QUERIES = ("events", "transfers", "stats-event-types", "actor-partners")
PAGE_FORMATS = ("json", "xml", "csv", "tsv", "turtle", "ntriples", "json-ld")  # the query page's format menu
DEFAULT_QUERY = "SELECT ?type (COUNT(?e) AS ?events) WHERE { ?e eg:eventType ?type } GROUP BY ?type"


@dataclass
class Service:
    """What the routes share: the settings, the query processes and (with a write token) the writable store."""

    settings: ServerSettings
    pool: WorkerPool
    writer: EventStore | None = None
    write_lock: threading.Lock = field(default_factory=threading.Lock)


def create_app(settings: ServerSettings) -> Starlette:
    """The ASGI application (Starlette) for these settings."""
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
    app = Starlette(
        routes=[
            Route("/", home),
            Route("/sparql", sparql, methods=["GET", "POST"]),
            Route("/view", view),
            Route("/upload", upload, methods=["POST"]),
        ],
        middleware=middleware,
        lifespan=lifespan,
    )
    app.state.service = Service(settings, WorkerPool(settings))
    return app


@asynccontextmanager
async def lifespan(app: Starlette) -> AsyncIterator[None]:
    from eventgraph.backends.embedded import EventStore

    service: Service = app.state.service
    settings = service.settings
    if settings.write_token:
        service.writer = EventStore(settings.store_path, create=True)
    else:
        EventStore(settings.store_path, read_only=True).close()  # fail now if there is no store
    await service.pool.start()
    try:
        yield
    finally:
        service.pool.close()
        if service.writer is not None:
            service.writer.close()


def _service(request: Request) -> Service:
    service: Service = request.app.state.service
    return service


# -- routes ------------------------------------------------------------------------------------
async def home(request: Request) -> Response:
    return HTMLResponse(query_page(writable=bool(_service(request).settings.write_token)))


async def sparql(request: Request) -> Response:
    """The SPARQL 1.1 Protocol: a query, an update, or (GET without either) the service description."""
    service = _service(request)
    vary = {"Vary": "Accept"}
    try:
        accept = parse_accept(request.headers.get("accept", ""))
        if request.method in ("GET", "HEAD") and not request.query_params.keys() & {"query", "update"}:
            endpoint = str(request.url.replace(query=""))
            media, body = service_description(endpoint, accept, writable=bool(service.settings.write_token))
            return Response(body, media_type=media, headers=vary)
        query, update = await read_operation(request, read_body)
        if update is not None:
            return await run_update(request, update)
        task = {
            "kind": "query",
            "query": query,
            "accept": accept,
            "formats": requested_formats(request),
            **protocol_dataset(request),
        }
        media, body = await service.pool.run(task)
        return Response(body, media_type=media, headers=vary)
    except RequestFailed as error:
        response = failure(error)
        response.headers["Vary"] = "Accept"
        return response


async def view(request: Request) -> Response:
    """A graph view page, drawn in a query process."""
    params = {k: v for k, v in request.query_params.items() if k in VIEW_PARAMETERS}
    try:
        _, body = await _service(request).pool.run({"kind": "view", "params": params})
    except RequestFailed as error:
        return failure(error)
    return Response(body, media_type="text/html; charset=utf-8")


async def upload(request: Request) -> Response:
    """An event document (JSON, the event file format) stored as ``ingest`` stores an event file."""
    service = _service(request)
    try:
        writer = authorise(request)
        if request.headers.get("content-type", "").split(";")[0].strip().lower() != "application/json":
            raise RequestFailed(415, "upload an event document as application/json")
        body = await read_body(request)
        report = await asyncio.to_thread(store_upload, writer, body, service.write_lock)
    except RequestFailed as error:
        return failure(error)
    return JSONResponse(report)


async def run_update(request: Request, update: str) -> Response:
    """A SPARQL update, checked in a query process (hostile text is parsed behind its walls), then applied."""
    service = _service(request)
    writer = authorise(request)
    await service.pool.run({"kind": "check", "update": update})

    def apply() -> None:
        with service.write_lock:
            writer.update(update)

    try:
        await asyncio.to_thread(apply)
    except EventGraphError as error:
        raise RequestFailed(400, " ".join(str(error).split())) from None
    return Response(status_code=204)


def authorise(request: Request) -> EventStore:
    """The writable store, if the request carries the write token."""
    service = _service(request)
    token_wanted = service.settings.write_token
    if not token_wanted or service.writer is None:
        raise RequestFailed(403, "this server is read-only (start it with EVENTGRAPH_WRITE_TOKEN to allow updates)")
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise RequestFailed(401, "updates need 'Authorization: Bearer TOKEN'")
    if not hmac.compare_digest(token.strip().encode("utf-8"), token_wanted.encode("utf-8")):
        raise RequestFailed(403, "wrong write token")
    return service.writer


def failure(error: RequestFailed) -> Response:
    headers = {"WWW-Authenticate": 'Bearer realm="eventgraph"'} if error.status == 401 else None
    return PlainTextResponse(error.message + "\n", status_code=error.status, headers=headers)


async def read_body(request: Request) -> bytes:
    """The request body, up to the server's limits of size and time."""
    settings = _service(request).settings
    too_big = f"the request body is over the server's limit of {settings.max_body} bytes"
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > settings.max_body:
        raise RequestFailed(413, too_big)
    body = bytearray()

    async def receive() -> None:
        async for chunk in request.stream():
            body.extend(chunk)
            if len(body) > settings.max_body:
                raise RequestFailed(413, too_big)

    try:  # a client sending its body slowly holds a connection (a file) of the server's: not for long
        await asyncio.wait_for(receive(), settings.body_timeout)
    except asyncio.TimeoutError:
        raise RequestFailed(408, f"the request body did not arrive within {settings.body_timeout:g} s") from None
    return bytes(body)


def store_upload(store: EventStore, body: bytes, lock: threading.Lock) -> dict[str, Any]:
    """Validate an uploaded event document and write it; what was added, replaced or unchanged."""
    from eventgraph.eventfile import load_json, parse_event_document
    from eventgraph.gazetteer import Gazetteer
    from eventgraph.mapping import map_article

    try:
        data = load_json(body.decode("utf-8"), "upload")
    except (UnicodeDecodeError, EventGraphError) as error:
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


# -- the home page -----------------------------------------------------------------------------
def query_page(*, writable: bool) -> str:
    """The home page: a query box, the shipped example queries, links to the graph views."""
    from eventgraph.queries import named_query

    examples = [named_query(name) for name in EXAMPLE_QUERIES]
    return _page_template().render(
        mode="read-write (updates need the write token)" if writable else "read-only",
        default_query=DEFAULT_QUERY,
        formats=PAGE_FORMATS,
        examples=[{"title": named.title or named.name, "text": named.text} for named in examples],
    )


@lru_cache(maxsize=1)
def _page_template() -> jinja2.Template:
    """The home page's template (assets/query-page.html); every value put in it is HTML-escaped."""
    import jinja2

    from eventgraph.resources import read_asset

    environment = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    return environment.from_string(read_asset("query-page.html"))


# -- the Host header ---------------------------------------------------------------------------
def host_name(header: str) -> str:
    """The host name of a Host header, without its port: ``[::1]:8000`` gives ``::1``."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1 : header.find("]")] if "]" in header else ""
    name, _, port = header.rpartition(":")
    return name if name and port.isdigit() and ":" not in name else header


class HostCheck:
    """Answer only requests addressed (``Host``) to one of the allowed names; ``[::1]:port`` is ``::1``."""

    def __init__(self, app: ASGIApp, allowed_hosts: Iterable[str]) -> None:
        self.app = app
        self.allowed = {name.strip("[]").lower() for name in allowed_hosts}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket"):
            headers = dict(scope.get("headers") or [])
            name = host_name(headers.get(b"host", b"").decode("latin-1"))
            if name not in self.allowed:
                await PlainTextResponse("Invalid host header\n", status_code=400)(scope, receive, send)
                return
        await self.app(scope, receive, send)
