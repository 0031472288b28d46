"""``eventgraph serve`` used the way third-party clients use it at their defaults: SPARQLWrapper (XML, with its
format=/output=/results= parameters), rdflib's Dataset/Graph over SPARQLStore and SPARQLUpdateStore (the
protocol's default-graph-uri and named-graph-uri), FROM/FROM NAMED, HEAD, Vary, the Service Description, and
XML answers with characters XML 1.0 forbids."""

from __future__ import annotations

import socket
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph
import pytest
import rdflib
from rdflib import Dataset, Graph, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore, SPARQLUpdateStore
from SPARQLWrapper import JSON, SPARQLWrapper

from eventgraph.backends.embedded import EventStore
from eventgraph.pipeline import ingest_paths
from invented_reports import build_store
from servers import ServerProcess
from test_exports import FORBIDDEN, PDF_TEXT
from test_server import start

EG = "PREFIX eg: <https://w3id.org/eventgraph/ns#>\n"
SEED = "https://w3id.org/eventgraph/id/article/seed-nk-troops-drones-russia-2024-12-23"
WIRE = "https://w3id.org/eventgraph/id/article/wire-dprk-drones-2024-11"
# SPARQLWrapper parses RDF answers into rdflib's deprecated ConjunctiveGraph
pytestmark = [
    pytest.mark.slow,
    pytest.mark.servers,
    pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning"),
]
SD = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = build_store(tmp_path_factory.mktemp("clients") / "store")
    article = path.parent / "pdf-article.txt"
    article.write_text(PDF_TEXT, encoding="utf-8")
    with EventStore(path) as store:
        assert ingest_paths(store, [article]).written.events == 1
    return path


@pytest.fixture(scope="module")
def server(store_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    running = start(store_path, tmp_path_factory.mktemp("logs"))
    yield running
    running.stop()


def count(server: ServerProcess, query: str, **params: str | list[str]) -> int:
    answer = httpx.get(
        server.url + "/sparql", params={"query": query, **params}, headers={"Accept": "application/sparql-results+json"}
    )
    assert answer.status_code == 200, answer.text
    return int(answer.json()["results"]["bindings"][0]["n"]["value"])


def graph_size(store_path: Path, graph: str) -> int:
    """The triples of one named graph, counted by the store itself."""
    with EventStore(store_path, read_only=True) as store:
        return sum(1 for _ in store.quads(pyoxigraph.NamedNode(graph)))


# -- SPARQLWrapper at its defaults ------------------------------------------------------------
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_defaults_for_every_query_form(server: ServerProcess, method: str) -> None:
    client = SPARQLWrapper(server.url + "/sparql")  # return format XML: it sends format=xml&output=xml&results=xml
    client.setMethod(method)
    client.setQuery(EG + "SELECT ?e WHERE { ?e a eg:Transfer }")
    transfers = len(client.queryAndConvert().getElementsByTagName("result"))
    assert transfers >= 5
    client.setQuery(EG + "ASK { ?e a eg:Attack }")
    assert client.queryAndConvert().getElementsByTagName("boolean")[0].firstChild.data == "true"
    client.setQuery(EG + "CONSTRUCT { ?e a eg:Transfer } WHERE { ?e a eg:Transfer }")
    graph = client.queryAndConvert()  # RDF/XML, parsed by rdflib
    assert isinstance(graph, rdflib.Graph) and len(graph) == transfers
    client.setQuery(f"DESCRIBE <{SEED}>")
    described = client.queryAndConvert()
    assert isinstance(described, rdflib.Graph) and (URIRef(SEED), None, None) in described


def test_sparqlwrapper_json_for_a_graph_is_json_ld(server: ServerProcess) -> None:
    client = SPARQLWrapper(server.url + "/sparql")
    client.setQuery(EG + "CONSTRUCT { ?e a eg:Attack } WHERE { ?e a eg:Attack }")
    client.setReturnFormat(JSON)
    with pytest.warns(RuntimeWarning):  # SPARQLWrapper's own warning: it sends Accept: */* and format=json
        graph = client.queryAndConvert()  # JSON-LD, which SPARQLWrapper parses with rdflib
    assert isinstance(graph, rdflib.Graph) and len(graph) >= 1
    assert all(str(o).endswith("#Attack") for o in graph.objects())


def test_a_format_name_that_does_not_fit_the_form_leaves_it_to_accept(server: ServerProcess) -> None:
    answer = httpx.get(
        server.url + "/sparql",
        params={"query": "CONSTRUCT WHERE { ?s a eg:Attack }", "format": "csv"},
        headers={"Accept": "text/turtle"},
    )
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/turtle")


# -- rdflib's named-graph API -----------------------------------------------------------------
def test_rdflib_dataset_and_named_graphs(server: ServerProcess, store_path: Path) -> None:
    url = server.url + "/sparql"
    seed_size = graph_size(store_path, SEED)
    for store in (SPARQLStore(url), SPARQLUpdateStore(url, url)):
        dataset = Dataset(store=store, default_union=True)
        assert {URIRef(SEED), URIRef(WIRE)} <= set(store.contexts())
        named = Graph(store, identifier=URIRef(SEED))  # rdflib sends default-graph-uri=SEED
        assert len(named) == seed_size and len(list(named.triples((None, None, None)))) == seed_size
        rows = list(named.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"))
        assert int(rows[0][0]) == seed_size
        assert len(dataset) > seed_size  # the union of every graph
        assert int(next(iter(dataset.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")))[0]) == len(
            dataset
        )
        store.close()
    updating = Dataset(store=SPARQLUpdateStore(url, url))
    assert len(updating.get_graph(URIRef(SEED))) == seed_size
    updating.close()


# -- FROM, FROM NAMED and the protocol's dataset -----------------------------------------------
def test_from_and_from_named(server: ServerProcess, store_path: Path) -> None:
    everything = count(server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    seed, wire = graph_size(store_path, SEED), graph_size(store_path, WIRE)
    assert everything > seed + wire
    assert count(server, "SELECT (COUNT(*) AS ?n) FROM <http://example.org/nothing> WHERE { ?s ?p ?o }") == 0
    assert count(server, f"SELECT (COUNT(*) AS ?n) FROM <{SEED}> WHERE {{ ?s ?p ?o }}") == seed
    both = f"SELECT (COUNT(*) AS ?n) FROM <{SEED}> FROM <{WIRE}> WHERE {{ ?s ?p ?o }}"
    assert count(server, both) <= seed + wire and count(server, both) > max(seed, wire)
    # FROM NAMED alone: an empty default graph, and only the graphs named
    named = f"SELECT (COUNT(*) AS ?n) FROM NAMED <{WIRE}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"
    assert count(server, named) == wire
    assert count(server, f"SELECT (COUNT(*) AS ?n) FROM NAMED <{WIRE}> WHERE {{ ?s ?p ?o }}") == 0
    # FROM in a comment or a string names no dataset
    assert (
        count(server, 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o BIND("FROM <x>" AS ?note) } # FROM <x>') == everything
    )
    # the protocol's parameters win over the query's FROM
    assert (
        count(
            server,
            "SELECT (COUNT(*) AS ?n) FROM <http://example.org/nothing> WHERE { ?s ?p ?o }",
            **{"default-graph-uri": SEED},
        )
        == seed
    )
    assert (
        count(server, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", **{"named-graph-uri": [SEED, WIRE]})
        == seed + wire
    )
    posted = httpx.post(
        server.url + "/sparql",
        data={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "default-graph-uri": WIRE},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert int(posted.json()["results"]["bindings"][0]["n"]["value"]) == wire
    bad = httpx.get(server.url + "/sparql", params={"query": "ASK {}", "default-graph-uri": "not an iri"})
    assert bad.status_code == 400 and bad.text.count("\n") == 1


# -- HTTP details ------------------------------------------------------------------------------
def test_head_vary_and_the_service_description(server: ServerProcess) -> None:
    head = httpx.head(server.url + "/sparql", params={"query": "ASK {}"})
    assert head.status_code == 200 and head.content == b"" and head.headers["vary"] == "Accept"
    assert httpx.head(server.url + "/sparql").status_code == 200
    answer = httpx.get(server.url + "/sparql", params={"query": "ASK {}"})
    assert answer.headers["vary"] == "Accept" and answer.json() == {"head": {}, "boolean": True}
    assert httpx.get(server.url + "/sparql", params={"query": "SELECT WHERE {"}).headers["vary"] == "Accept"
    turtle = httpx.get(server.url + "/sparql")
    assert turtle.status_code == 200 and turtle.headers["content-type"].startswith("text/turtle")
    xml = httpx.get(server.url + "/sparql", headers={"Accept": "application/rdf+xml"})
    assert xml.headers["content-type"].startswith("application/rdf+xml") and xml.headers["vary"] == "Accept"
    for body, fmt in ((turtle.text, "turtle"), (xml.text, "xml")):
        description = rdflib.Graph().parse(data=body, format=fmt)
        service = description.value(predicate=rdflib.RDF.type, object=SD.Service)
        assert description.value(service, SD.endpoint) == URIRef(server.url + "/sparql")
        assert (service, SD.supportedLanguage, SD.SPARQL11Query) in description
        assert (service, SD.supportedLanguage, SD.SPARQL11Update) not in description  # read-only
        assert (service, SD.feature, SD.UnionDefaultGraph) in description
        assert len(list(description.objects(service, SD.resultFormat))) == 8
    assert httpx.get(server.url + "/sparql", params={"update": "CLEAR ALL"}).status_code == 400


def test_xml_answers_hold_no_forbidden_characters(server: ServerProcess) -> None:
    for query, accept in (
        ("SELECT ?o WHERE { ?s ?p ?o }", "application/sparql-results+xml"),
        ("CONSTRUCT WHERE { ?s ?p ?o }", "application/rdf+xml"),
    ):
        answer = httpx.get(server.url + "/sparql", params={"query": query}, headers={"Accept": accept})
        assert answer.status_code == 200
        ET.fromstring(answer.content)
        assert not any(c in answer.text for c in FORBIDDEN) and "South Korea  said" in answer.text


def test_serve_on_a_busy_port_is_one_error_line(store_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "eventgraph", "--store", str(store_path), "serve", "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.startswith("Error: cannot listen on 127.0.0.1:") and result.stderr.count("\n") == 1
    assert "serving" not in result.stderr


def test_query_command_honours_from(store_path: Path) -> None:
    from click.testing import CliRunner

    from eventgraph.cli import cli

    def answer(query: str) -> list[str]:
        result = CliRunner().invoke(cli, ["--store", str(store_path), "query", "--format", "csv", query])
        assert result.exit_code == 0, result.output
        return result.output.split()

    assert answer("SELECT (COUNT(*) AS ?n) FROM <http://example.org/nothing> WHERE { ?s ?p ?o }") == ["n", "0"]
    assert answer(f"SELECT (COUNT(*) AS ?n) FROM <{SEED}> WHERE {{ ?s ?p ?o }}") == [
        "n",
        str(graph_size(store_path, SEED)),
    ]
    assert int(answer("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o } # FROM <http://example.org/nothing>")[1]) > 0
