"""The SPARQL 1.1 Protocol: the operation and dataset of a request, the answer's media type, and the
service description (``GET /sparql`` without a query)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING

import pyoxigraph as ox

from eventgraph.formats import GRAPH_FORMAT_ALIASES, graph_format, results_format, writes_prefixes
from eventgraph.server.settings import RequestFailed

if TYPE_CHECKING:
    from starlette.requests import Request

# media types a SELECT/ASK result and a CONSTRUCT/DESCRIBE graph can be sent as, the default first
RESULT_MEDIA_TYPES = (
    "application/sparql-results+json",
    "application/json",
    "application/sparql-results+xml",
    "application/xml",
    "text/csv",
    "text/tab-separated-values",
)
GRAPH_MEDIA_TYPES = ("text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml")
# parameters naming a format (SPARQLWrapper, rdflib and the query page send them): "xml" and "json" mean
# SPARQL results for SELECT/ASK, RDF/XML and JSON-LD for a graph
FORMAT_PARAMETERS = ("format", "output", "results")


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


def graph_media(formats: Sequence[str], accept: Sequence[str]) -> str:
    """The media type to send a graph as: by the first format= name that names a graph format, else by Accept."""
    for name in formats:
        name = name.strip().lower()
        found = graph_format(GRAPH_FORMAT_ALIASES.get(name, name))
        if found is not None or name in GRAPH_MEDIA_TYPES:
            return found.media_type if found is not None else name
    return choose_media(accept, GRAPH_MEDIA_TYPES)


def results_media(formats: Sequence[str], accept: Sequence[str]) -> str:
    """The media type to send SELECT/ASK results as: by format= (a name that fits the query form), else Accept.

    A name that does not fit the form (turtle for a SELECT) leaves the choice to the Accept header.
    """
    for name in formats:
        name = name.strip().lower()
        found = results_format(name)
        if found is not None or name in RESULT_MEDIA_TYPES:
            return found.media_type.split(";")[0] if found is not None else name
    return choose_media(accept, RESULT_MEDIA_TYPES)


def choose_media(accept: Sequence[str], offered: Sequence[str]) -> str:
    """The first offered media type the client accepts (``offered[0]`` if it states no preference)."""
    default = offered[0]
    for media in accept:
        if media in offered:
            return media
        if media in ("*/*", "application/*", "text/*"):
            kind = media.split("/")[0]
            if kind == "*" or default.startswith(kind):
                return default
            return next((m for m in offered if m.startswith(kind)), default)
    if accept:
        raise RequestFailed(406, f"cannot answer as {', '.join(accept)}; offered: {', '.join(offered)}")
    return default


def with_charset(media: str) -> str:
    return media if media.endswith("json") or "xml" in media else f"{media}; charset=utf-8"


# -- the request -------------------------------------------------------------------------------
def protocol_values(request: Request, name: str) -> list[str]:
    """A protocol parameter's values, from the URL and (after ``read_operation``) a POSTed form."""
    form: dict[str, list[str]] = getattr(request.state, "form", {})
    return [*request.query_params.getlist(name), *form.get(name, [])]


def requested_formats(request: Request) -> list[str]:
    return [value for name in FORMAT_PARAMETERS for value in protocol_values(request, name)]


def protocol_dataset(request: Request) -> dict[str, list[str]]:
    """default-graph-uri and named-graph-uri (SPARQL 1.1 Protocol §2.1.4): when either is given, the
    dataset is exactly these graphs, in place of the query's FROM/FROM NAMED or the union default graph."""
    default, named = protocol_values(request, "default-graph-uri"), protocol_values(request, "named-graph-uri")
    if not default and not named:
        return {}
    return {"default_graph": default, "named_graphs": named}


async def read_operation(request: Request, read_body: Callable[[Request], Awaitable[bytes]]) -> tuple[str, str | None]:
    """The query (or update) of a SPARQL Protocol request: GET ?query=, POST form, or POST body.

    SERVICE and LOAD are refused in the query processes (sparqlcheck.check_operation), which cannot reach
    the network in any case (sandbox.block_network).
    """
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
        return _form_operation(request, body)
    raise RequestFailed(415, "POST application/sparql-query, application/sparql-update or a form")


def _form_operation(request: Request, body: bytes) -> tuple[str, str | None]:
    from urllib.parse import parse_qs

    form = parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True)
    request.state.form = form
    if len(form.get("query", [])) + len(form.get("update", [])) != 1:
        raise RequestFailed(400, "give exactly one query= or update= field")
    if "update" in form:
        return "", form["update"][0]
    return form["query"][0], None


# -- the service description -------------------------------------------------------------------
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
    media = choose_media(accept, GRAPH_MEDIA_TYPES)
    rdf = ox.RdfFormat.from_media_type(media)
    assert rdf is not None, "GRAPH_MEDIA_TYPES are RDF media types"
    prefixes = {"sd": SD, "formats": FORMATS} if writes_prefixes(rdf) else None
    body = ox.serialize(_description(endpoint, writable=writable), format=rdf, prefixes=prefixes)
    return with_charset(media), body or b""


def _description(endpoint: str, *, writable: bool) -> list[ox.Triple]:
    service, dataset, graph = ox.BlankNode(), ox.BlankNode(), ox.BlankNode()

    def sd(name: str) -> ox.NamedNode:
        return ox.NamedNode(SD + name)

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
    return triples
