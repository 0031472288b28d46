"""The graph on a SPARQL 1.1 server (Oxigraph server, Virtuoso, Fuseki, GraphDB, QLever, Neptune ...).

Same layout as the embedded store: one named graph per article, entity
descriptions in the entities graph, the ontology in its own graph, and each
graph's content hash written last.  Reads are SPARQL 1.1 Protocol queries;
writes are SPARQL 1.1 Updates (``DROP SILENT GRAPH`` and ``INSERT DATA`` in
batches), or Graph Store Protocol ``PUT`` for bulk loads when a GSP endpoint is
configured.  Every update is idempotent, so a request that fails on a
connection error or a 5xx answer is sent again (with backoff).  A write cut
short leaves a graph without its content hash, and the next write of that
graph completes it.

Values reach a query as a ``VALUES`` block of RDF terms serialised by
pyoxigraph (N-Triples syntax, escaped), never as raw text: HTTP has no
equivalent of pyoxigraph's substitutions.

Configuration, all from the environment so that no secret lands in shell history:
``EVENTGRAPH_STORE_UPDATE_URL`` (default: the query URL), ``EVENTGRAPH_STORE_GSP_URL``
(none: bulk loads use updates), ``EVENTGRAPH_STORE_USER``/``EVENTGRAPH_STORE_PASSWORD``
(HTTP basic, or digest with ``EVENTGRAPH_STORE_AUTH=digest``), ``EVENTGRAPH_STORE_TOKEN``
(bearer), ``EVENTGRAPH_STORE_TIMEOUT`` (seconds per request, default 120) and
``EVENTGRAPH_STORE_BATCH`` (quads per update request, default 5000).
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import IO, Any

import httpx
import pyoxigraph as ox
from pyoxigraph import Literal, NamedNode, Quad

from eventgraph.backends.common import GC_ENTITIES, SERIALIZE_PREFIXES, WriteReport, distinct_triples, last_of_each
from eventgraph.errors import InvalidValue, NotFoundError, QueryError, StoreError
from eventgraph.formats import graph_format_of_media
from eventgraph.mapping import MappedArticle, SerialisedArticle, subject_value
from eventgraph.resources import ontology_hash, ontology_turtle
from eventgraph.sparqltext import bare_syntax, bind_rows, bind_values, query_dataset, query_form, uses_keyword  # noqa: F401
from eventgraph.vocab import EG, ID, ONTOLOGY_GRAPH, PREFIXES, XSD

RETRIES = 5
RETRY_STATUSES = frozenset({502, 503, 504})  # 500 is usually a query the server cannot run: not sent again
OURS = "https://w3id.org/eventgraph/"  # every graph eventgraph writes is named under it
BLANK_BATCH = 100  # quads per INSERT template: Virtuoso compiles each into SQL of bounded length
PROLOGUE = "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in PREFIXES.items())
RESULTS_ACCEPT = "application/sparql-results+json"
GRAPH_ACCEPT = "application/n-triples, text/turtle;q=0.9"


class Endpoint:
    """The HTTP side: one client, authentication, retries with backoff, errors as EventGraphErrors."""

    def __init__(
        self,
        *,
        auth: httpx.Auth | None = None,
        token: str | None = None,
        timeout: float = 120.0,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        self.client = httpx.Client(
            auth=auth, headers=headers, timeout=timeout, transport=transport, follow_redirects=True
        )

    def send(self, method: str, url: str, *, updating: bool = False, **request: Any) -> httpx.Response:
        for attempt in range(RETRIES):
            try:
                response = self.client.request(method, url, **request)
            except httpx.ReadTimeout:  # the server is working on it: sending it again would only add load
                raise StoreError(
                    f"the SPARQL server at {url} did not answer within {self.client.timeout.read} s "
                    "(EVENTGRAPH_STORE_TIMEOUT)"
                ) from None
            except httpx.TransportError as error:
                if attempt == RETRIES - 1:
                    raise StoreError(f"cannot reach the SPARQL server at {url}: {error}") from None
            else:
                if response.status_code not in RETRY_STATUSES or attempt == RETRIES - 1:
                    return _checked(response, url, updating)
            time.sleep(0.25 * 2**attempt)
        raise AssertionError("unreachable")

    def close(self) -> None:
        self.client.close()


def _checked(response: httpx.Response, url: str, updating: bool) -> httpx.Response:
    if updating and response.status_code in (404, 405, 415):
        raise StoreError(
            f"{url} does not take SPARQL updates (HTTP {response.status_code}); set "
            "EVENTGRAPH_STORE_UPDATE_URL to the server's update endpoint (Oxigraph: /update)"
        )
    if response.status_code in (401, 403):
        raise StoreError(
            f"the SPARQL server at {url} refused the request (HTTP {response.status_code}); set "
            "EVENTGRAPH_STORE_USER and EVENTGRAPH_STORE_PASSWORD, or EVENTGRAPH_STORE_TOKEN"
        )
    if response.status_code == 404:
        raise StoreError(f"no SPARQL endpoint at {url} (HTTP 404)")
    if response.status_code >= 400:
        detail = " ".join(response.text.split())[:300]
        error = QueryError if response.status_code == 400 else StoreError
        raise error(f"the SPARQL server answered HTTP {response.status_code}: {detail}")
    return response


class SparqlStore:
    """An event graph on a SPARQL 1.1 server: ``SparqlStore(query_url)``; writes need ``read_only=False``."""

    def __init__(
        self,
        query_url: str,
        *,
        update_url: str | None = None,
        gsp_url: str | None = None,
        endpoint: Endpoint | None = None,
        read_only: bool = False,
        batch: int = 5000,
    ) -> None:
        self.url = query_url
        self.path = None
        self.update_url = update_url or query_url
        self.gsp_url = gsp_url
        self.read_only = read_only
        self.batch = batch
        self.endpoint = endpoint or Endpoint()
        self._described: set[str] = set()
        if not read_only:
            self._ensure_ontology()

    @classmethod
    def from_environment(
        cls, query_url: str, *, read_only: bool = False, transport: httpx.BaseTransport | None = None
    ) -> SparqlStore:
        """Endpoints and credentials from ``EVENTGRAPH_STORE_*`` variables (see the module's docstring)."""
        env = os.environ
        user, password = env.get("EVENTGRAPH_STORE_USER"), env.get("EVENTGRAPH_STORE_PASSWORD", "")
        auth: httpx.Auth | None = None
        if user:
            auth = (
                httpx.DigestAuth(user, password)
                if env.get("EVENTGRAPH_STORE_AUTH") == "digest"
                else httpx.BasicAuth(user, password)
            )
        try:
            timeout = float(env.get("EVENTGRAPH_STORE_TIMEOUT", "120"))
            batch = int(env.get("EVENTGRAPH_STORE_BATCH", "5000"))
        except ValueError:
            raise InvalidValue("EVENTGRAPH_STORE_TIMEOUT and EVENTGRAPH_STORE_BATCH are numbers") from None
        endpoint = Endpoint(
            auth=auth, token=env.get("EVENTGRAPH_STORE_TOKEN") or None, timeout=timeout, transport=transport
        )
        return cls(
            query_url,
            update_url=env.get("EVENTGRAPH_STORE_UPDATE_URL") or None,
            gsp_url=env.get("EVENTGRAPH_STORE_GSP_URL") or None,
            endpoint=endpoint,
            read_only=read_only,
            batch=max(1, batch),
        )

    # -- reading -----------------------------------------------------------------------------
    def query(
        self,
        sparql: str,
        bindings: Mapping[str, Any] | None = None,
        *,
        default_graph: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
    ) -> Any:
        """A SPARQL query with the project's prefixes; bindings go in as a VALUES block of RDF terms.

        The dataset a query names with FROM/FROM NAMED (or the caller with ``default_graph``/
        ``named_graphs``) is also sent as the protocol's default-graph-uri/named-graph-uri: a
        server whose default graph is the union of all graphs (Oxigraph's --union-default-graph)
        ignores FROM, but not these.
        """
        text = bind_values(sparql, bindings) if bindings else sparql
        accept = GRAPH_ACCEPT if query_form(text) in ("CONSTRUCT", "DESCRIBE") else RESULTS_ACCEPT
        form: dict[str, Any] = {"query": PROLOGUE + text}
        if default_graph is not None or named_graphs is not None:
            form.update({"default-graph-uri": list(default_graph or ()), "named-graph-uri": list(named_graphs or ())})
        else:
            dataset = query_dataset(text, PREFIXES)
            if dataset is not None and dataset.known:
                form.update({"default-graph-uri": list(dataset.default), "named-graph-uri": list(dataset.named)})
        response = self.endpoint.send("POST", self.url, data=form, headers={"Accept": accept})
        media = response.headers.get("content-type", "").split(";")[0].strip().lower()
        graph_format = graph_format_of_media(media) if media else None
        if graph_format is not None:
            return _as_query_triples(response.content, graph_format)
        try:
            return ox.parse_query_results(response.content, format=ox.QueryResultsFormat.JSON)
        except (SyntaxError, ValueError) as error:
            raise StoreError(f"the SPARQL server sent results eventgraph cannot read ({media}): {error}") from None

    def find_article(self, reference: str) -> NamedNode:
        candidates = []
        for iri in (f"{ID}article/{reference}", reference):
            if iri.startswith(f"{ID}article/"):
                with contextlib.suppress(ValueError):
                    candidates.append(NamedNode(iri))
        hashes = self._stored_hashes(candidates)
        for graph in candidates:
            if graph.value in hashes:
                return graph
        for row in self.query(
            "SELECT ?g ?url WHERE { GRAPH ?g { ?g eg:url ?url } }", {"url": Literal(reference, datatype=XSD.anyURI)}
        ):
            graph = row["g"]
            if isinstance(graph, NamedNode):
                return graph
        raise NotFoundError(
            f"no article {reference!r} in the store (give its id, IRI or URL; 'eventgraph stats' lists them)"
        )

    def _stored_hashes(self, graphs: Sequence[NamedNode]) -> dict[str, str]:
        found: dict[str, str] = {}
        for start in range(0, len(graphs), 500):
            chunk = [[graph] for graph in graphs[start : start + 500]]
            rows = self.query(bind_rows("SELECT ?g ?hash WHERE { GRAPH ?g { ?g eg:contentHash ?hash } }", ["g"], chunk))
            found.update({row["g"].value: row["hash"].value for row in rows})
        return found

    def article_graphs(self) -> Iterator[NamedNode]:
        rows = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?g eg:contentHash ?h } } ORDER BY ?g")
        for row in rows:
            if row["g"].value.startswith(f"{ID}article/"):
                yield row["g"]

    def graphs(self) -> list[NamedNode]:
        """eventgraph's named graphs; a server's other graphs (Virtuoso's system graphs ...) are not ours."""
        rows = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g")
        return [row["g"] for row in rows if isinstance(row["g"], NamedNode) and row["g"].value.startswith(OURS)]

    def quads(self, graph: NamedNode | None = None) -> Iterator[Quad]:
        for name in [graph] if graph is not None else self.graphs():
            yield from self._graph_quads(name)

    def data_quads(self) -> Iterator[Quad]:
        """Every quad but the ontology's, one graph per request."""
        for graph in self.graphs():
            if graph != ONTOLOGY_GRAPH:
                yield from self._graph_quads(graph)

    def _graph_quads(self, graph: NamedNode) -> Iterator[Quad]:
        rows = self.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": graph})
        for row in rows:
            yield Quad(row["s"], row["p"], row["o"], graph)

    def dump(self, output: IO[bytes], format: ox.RdfFormat, *, include_ontology: bool = False) -> None:
        quads: Iterable[Quad] = self.quads() if include_ontology else self.data_quads()
        if format in (ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS):
            ox.serialize(quads, output, format, prefixes=SERIALIZE_PREFIXES)
            return
        ox.serialize(
            distinct_triples(quads),
            output,
            format,
            prefixes=SERIALIZE_PREFIXES if format != ox.RdfFormat.JSON_LD else None,
        )

    def __len__(self) -> int:
        rows = list(self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"))
        return int(rows[0]["n"].value) if rows else 0

    # -- writing -----------------------------------------------------------------------------
    def update(self, sparql: str) -> None:
        self._check_writable()
        self._described.clear()
        self._send_update(PROLOGUE + sparql)

    def write_articles(self, articles: Sequence[MappedArticle | SerialisedArticle]) -> WriteReport:
        """Store a batch of articles: replaced graphs dropped, quads inserted in batches, hashes last."""
        self._check_writable()
        report = WriteReport()
        batch = last_of_each(articles)
        stored = self._stored_hashes([a.graph for a in batch])
        changed: list[MappedArticle | SerialisedArticle] = []
        for article in batch:
            before = stored.get(article.graph.value)
            if before == article.content_hash:
                report.unchanged.append(article.article_id)
                continue
            changed.append(article)
            (report.added if before is None else report.replaced).append(article.article_id)
            report.events += article.events
            report.quads += len(article.quads)
        if not changed:
            return report
        replaced = [a.graph for a in changed if a.graph.value in stored]
        if replaced:
            self.update(" ;\n".join(f"DROP SILENT GRAPH {g}" for g in replaced))
        entity_quads = {q for a in changed for q in a.entity_quads if subject_value(q) not in self._described}
        markers = [_marker(a) for a in changed]
        written_last = set(markers)
        self._insert(q for a in changed for q in a.quads if q not in written_last)
        self._insert(entity_quads)
        self._insert(markers)
        self._described.update(subject_value(q) for q in entity_quads)
        if replaced:
            self._collect_entities()
        return report

    def write_graph_in_bulk(self, graph: MappedArticle) -> str:
        """One large graph: Graph Store Protocol PUT when configured, else batched updates; hash last."""
        self._check_writable()
        before = self._stored_hashes([graph.graph]).get(graph.graph.value)
        if before == graph.content_hash:
            return "unchanged"
        marker = _marker(graph)
        if self.gsp_url:
            body = ox.serialize((q.triple for q in graph.quads if q != marker), format=ox.RdfFormat.N_TRIPLES)
            self.endpoint.send(
                "PUT",
                self.gsp_url,
                params={"graph": graph.graph.value},
                content=body or b"",
                updating=True,
                headers={"Content-Type": "application/n-triples"},
            )
        else:
            if before is not None:
                self.update(f"DROP SILENT GRAPH {graph.graph}")
            self._insert(q for q in graph.quads if q != marker)
        self._insert(graph.entity_quads)
        self._insert([marker])
        return "added" if before is None else "replaced"

    def remove_article(self, reference: str) -> str:
        self._check_writable()
        graph = self.find_article(reference)
        self.update(f"DROP SILENT GRAPH {graph}")
        self._collect_entities()
        return graph.value.removeprefix(f"{ID}article/")

    def _insert(self, quads: Iterable[Quad]) -> None:
        """INSERT DATA in requests of ``batch`` quads (the mapping writes no blank nodes to split)."""
        chunk: list[Quad] = []
        for quad in quads:
            chunk.append(quad)
            if len(chunk) >= self.batch:
                self._insert_data(chunk)
                chunk = []
        if chunk:
            self._insert_data(chunk)

    def _insert_data(self, quads: Sequence[Quad]) -> None:
        self._send_update(f"INSERT DATA {{\n{_quad_block(quads)}\n}}")

    def _insert_template(self, quads: Sequence[Quad]) -> None:
        self._send_update(f"INSERT {{\n{_quad_block(quads)}\n}} WHERE {{}}")

    def _send_update(self, update: str) -> None:
        self.endpoint.send(
            "POST",
            self.update_url,
            content=update.encode("utf-8"),
            updating=True,
            headers={"Content-Type": "application/sparql-update; charset=utf-8"},
        )

    def _collect_entities(self) -> None:
        self._described.clear()
        for _ in range(8):  # an organisation's removal can orphan its country: repeat to a fixpoint
            before = len(self)
            self.update(GC_ENTITIES)
            if len(self) == before:
                break

    def _ensure_ontology(self) -> None:
        digest = ontology_hash()
        if self._stored_hashes([ONTOLOGY_GRAPH]).get(ONTOLOGY_GRAPH.value) == digest:
            return
        self.update(f"DROP SILENT GRAPH {ONTOLOGY_GRAPH}")
        plain, linked = _split_blank(
            [
                Quad(t.subject, t.predicate, t.object, ONTOLOGY_GRAPH)
                for text in ontology_turtle()
                for t in ox.parse(text, format=ox.RdfFormat.TURTLE, without_named_graphs=True)
            ]
        )
        self._insert(plain)
        # quads sharing a blank node (an OWL list, a SHACL property shape) go in one request, as a template:
        # INSERT DATA may not hold blank nodes on some servers (Virtuoso)
        request: list[Quad] = []
        for group in linked:
            if request and len(request) + len(group) > BLANK_BATCH:
                self._insert_template(request)
                request = []
            request += group
        if request:
            self._insert_template(request)
        self._insert([Quad(ONTOLOGY_GRAPH, EG.contentHash, Literal(digest), ONTOLOGY_GRAPH)])

    def _check_writable(self) -> None:
        if self.read_only:
            raise StoreError("the store is open read-only")

    def flush(self) -> None:
        """Nothing to do: the server commits each update."""

    def close(self) -> None:
        self.endpoint.close()

    def __enter__(self) -> SparqlStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _quad_block(quads: Iterable[Quad]) -> str:
    """Quads as one SPARQL ``GRAPH`` block per graph, every term written by pyoxigraph.

    (One block per graph, not per quad: Virtuoso fails on a template that opens the same graph twice.)
    """
    graphs: dict[str, list[str]] = {}
    for q in quads:
        graphs.setdefault(str(q.graph_name), []).append(f"{q.subject} {q.predicate} {q.object} .")
    return "\n".join(f"GRAPH {graph} {{\n" + "\n".join(triples) + "\n}" for graph, triples in graphs.items())


def _split_blank(quads: Iterable[Quad]) -> tuple[list[Quad], list[list[Quad]]]:
    """Quads without blank nodes, and the others grouped so that quads sharing a blank node are together."""
    parent: dict[ox.BlankNode, ox.BlankNode] = {}

    def root(node: ox.BlankNode) -> ox.BlankNode:
        while parent.setdefault(node, node) != node:
            node = parent[node]
        return node

    plain: list[Quad] = []
    linked: list[tuple[Quad, ox.BlankNode]] = []
    for quad in quads:
        blanks = [t for t in (quad.subject, quad.object) if isinstance(t, ox.BlankNode)]
        if not blanks:
            plain.append(quad)
            continue
        for other in blanks[1:]:
            parent[root(other)] = root(blanks[0])
        linked.append((quad, blanks[0]))
    groups: dict[ox.BlankNode, list[Quad]] = {}
    for quad, blank in linked:
        groups.setdefault(root(blank), []).append(quad)
    return plain, list(groups.values())


def _marker(article: MappedArticle | SerialisedArticle) -> Quad:
    return Quad(article.graph, EG.contentHash, Literal(article.content_hash), article.graph)


def _as_query_triples(data: bytes, format: ox.RdfFormat) -> ox.QueryTriples:
    """A graph the server sent, as pyoxigraph query results (what the embedded store returns)."""
    store = ox.Store()
    try:
        store.extend(
            ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in ox.parse(data, format=format)
        )
    except SyntaxError as error:
        raise StoreError(f"the SPARQL server sent a graph eventgraph cannot read: {error}") from None
    results = store.query("CONSTRUCT WHERE { ?s ?p ?o }")
    assert isinstance(results, ox.QueryTriples)
    return results
