"""``eventgraph serve`` started for real on a loopback port, used by SPARQLWrapper, rdflib and plain HTTP."""

from __future__ import annotations

import shutil
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import rdflib
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, TURTLE, XML, SPARQLWrapper

from eventgraph.server import parse_accept
from invented_reports import HOSTILE_NAME, build_store
from servers import ServerProcess, free_port

pytestmark = [pytest.mark.slow, pytest.mark.servers]

TOKEN = "s3cret-token-for-tests"
PREFIXES = "PREFIX eg: <https://w3id.org/eventgraph/ns#>\n"
TRANSFERS = PREFIXES + "SELECT ?e WHERE { ?e a eg:Transfer } ORDER BY ?e"
# three independent scans of every quad: far more solutions than any deadline allows
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def start(store: Path, tmp: Path, *options: str, env: dict[str, str] | None = None) -> ServerProcess:
    port = free_port()
    command = [sys.executable, "-m", "eventgraph", "--store", str(store), "serve", "--port", str(port), *options]
    server = ServerProcess(command, f"http://127.0.0.1:{port}", tmp / f"serve-{port}.log", env=env)
    server.wait(server.url + "/")
    return server


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("served") / "store", hostile=True)


@pytest.fixture(scope="module")
def server(store_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    running = start(
        store_path, tmp_path_factory.mktemp("logs"), "--timeout", "2", "--max-rows", "40", "--max-body", "4000"
    )
    yield running
    running.stop()


@pytest.fixture(scope="module")
def writable(store_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    copy = tmp_path_factory.mktemp("writable") / "store"
    shutil.copytree(store_path, copy)
    running = start(
        copy, tmp_path_factory.mktemp("logs"), "--cors", "https://yasgui.example", env={"EVENTGRAPH_WRITE_TOKEN": TOKEN}
    )
    yield running
    running.stop()


def transfer_count(server: ServerProcess) -> int:
    answer = httpx.get(
        server.url + "/sparql", params={"query": TRANSFERS}, headers={"Accept": "application/sparql-results+json"}
    )
    assert answer.status_code == 200, answer.text
    return len(answer.json()["results"]["bindings"])


# -- real clients ----------------------------------------------------------------------------
def test_sparqlwrapper_select_in_every_results_format(server: ServerProcess) -> None:
    client = SPARQLWrapper(server.url + "/sparql")
    client.setQuery(TRANSFERS)
    client.setReturnFormat(JSON)
    rows = client.queryAndConvert()["results"]["bindings"]
    assert len(rows) >= 5 and all(r["e"]["type"] == "uri" for r in rows)
    client.setReturnFormat(XML)
    xml_rows = client.queryAndConvert().getElementsByTagName("result")
    assert len(xml_rows) == len(rows)
    client.setReturnFormat(CSV)
    assert client.queryAndConvert().decode("utf-8").splitlines()[0] == "e"
    client.setMethod("POST")  # form-encoded POST
    client.setReturnFormat(JSON)
    assert client.queryAndConvert()["results"]["bindings"] == rows


def test_sparqlwrapper_construct_and_ask(server: ServerProcess) -> None:
    client = SPARQLWrapper(server.url + "/sparql")
    client.setQuery(PREFIXES + "CONSTRUCT { ?e a eg:Transfer } WHERE { ?e a eg:Transfer }")
    client.setReturnFormat(TURTLE)
    graph = rdflib.Graph().parse(data=client.queryAndConvert(), format="turtle")
    assert len(graph) == transfer_count(server)
    client.setQuery(PREFIXES + "ASK { ?e a eg:Attack }")
    client.setReturnFormat(JSON)
    assert client.queryAndConvert()["boolean"] is True


def test_rdflib_sparqlstore(server: ServerProcess) -> None:
    store = SPARQLStore(server.url + "/sparql", returnFormat="xml")
    graph = rdflib.Graph(store=store)
    labels = {
        str(row[0])
        for row in graph.query(
            "SELECT ?label WHERE { ?c a <https://w3id.org/eventgraph/ns#Country> ; "
            "<http://www.w3.org/2000/01/rdf-schema#label> ?label }"
        )
    }
    assert {"North Korea", "Russia", "Ukraine"} <= labels
    graph.close()


def test_protocol_post_body_and_content_negotiation(server: ServerProcess) -> None:
    posted = httpx.post(
        server.url + "/sparql",
        content=TRANSFERS.encode(),
        headers={"Content-Type": "application/sparql-query", "Accept": "text/tab-separated-values"},
    )
    assert posted.status_code == 200 and posted.headers["content-type"].startswith("text/tab-separated-values")
    assert posted.text.splitlines()[0] == "?e"
    graph = httpx.get(
        server.url + "/sparql",
        params={"query": "CONSTRUCT WHERE { ?s a eg:Attack }"},
        headers={"Accept": "application/ld+json;q=0.5, application/n-triples"},
    )
    assert graph.headers["content-type"].startswith("application/n-triples") and graph.text.count("\n") >= 2
    refused = httpx.get(server.url + "/sparql", params={"query": TRANSFERS}, headers={"Accept": "image/png"})
    assert refused.status_code == 406
    bad = httpx.get(server.url + "/sparql", params={"query": "SELECT WHERE {"})
    assert bad.status_code == 400 and "SPARQL" in bad.text


def test_serve_refuses_a_missing_or_remote_store(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from eventgraph.cli import cli

    missing = CliRunner().invoke(cli, ["--store", str(tmp_path / "none"), "serve"])
    assert missing.exit_code == 1 and missing.output.startswith("Error: no store at")
    remote = CliRunner().invoke(cli, ["--store", "http://127.0.0.1:9/sparql", "serve"])
    assert remote.exit_code == 2 and "embedded store" in remote.output


def test_accept_header_order() -> None:
    assert parse_accept("text/csv;q=0.2, application/json, */*;q=0.1") == ["application/json", "text/csv", "*/*"]
    assert parse_accept("text/csv;q=0") == []


# -- authorisation ---------------------------------------------------------------------------
INSERT = PREFIXES + "INSERT DATA { GRAPH <https://example.org/g> { <https://example.org/t> a eg:Transfer } }"


def test_read_only_server_refuses_updates(server: ServerProcess) -> None:
    for headers in ({}, {"Authorization": f"Bearer {TOKEN}"}):
        answer = httpx.post(server.url + "/sparql", data={"update": INSERT}, headers=headers)
        assert answer.status_code == 403 and "read-only" in answer.text


def test_updates_need_the_right_bearer_token(writable: ServerProcess) -> None:
    before = transfer_count(writable)
    body = {"content": INSERT.encode(), "headers": {"Content-Type": "application/sparql-update"}}
    missing = httpx.post(writable.url + "/sparql", **body)
    assert missing.status_code == 401 and missing.headers["www-authenticate"].startswith("Bearer")
    wrong = httpx.post(
        writable.url + "/sparql",
        content=body["content"],
        headers={**body["headers"], "Authorization": "Bearer not-the-token"},
    )
    assert wrong.status_code == 403
    basic = httpx.post(writable.url + "/sparql", content=body["content"], auth=("user", TOKEN), headers=body["headers"])
    assert basic.status_code == 401
    assert transfer_count(writable) == before
    right = httpx.post(
        writable.url + "/sparql",
        content=body["content"],
        headers={**body["headers"], "Authorization": f"Bearer {TOKEN}"},
    )
    assert right.status_code == 204, right.text
    assert transfer_count(writable) == before + 1  # the query processes see the committed write


def test_uploads_need_the_token_and_never_read_server_files(writable: ServerProcess, server: ServerProcess) -> None:
    document = {
        "article": {"id": "uploaded-arnor", "title": "Arnor ships drones", "published": "2024-10-01"},
        "events": [
            {
                "type": "transfer",
                "actor": ["Ukraine"],
                "recipient": ["Belarus"],
                "items": ["kamikaze drones"],
                "date": "2024-09",
                "certainty": "reported",
                "evidence": "Ukraine shipped drones to Belarus.",
            }
        ],
    }
    bearer = {"Authorization": f"Bearer {TOKEN}"}
    assert httpx.post(server.url + "/upload", json=document, headers=bearer).status_code == 403
    assert httpx.post(writable.url + "/upload", json=document).status_code == 401
    sneaky = {
        "article": {**document["article"], "id": "sneaky", "text_file": "/etc/passwd"},
        "events": document["events"],
    }
    refused = httpx.post(writable.url + "/upload", json=sneaky, headers=bearer)
    assert refused.status_code == 400 and "text_file" in refused.text
    before = transfer_count(writable)
    stored = httpx.post(writable.url + "/upload", json=document, headers=bearer)
    assert stored.status_code == 200 and stored.json()["added"] == ["uploaded-arnor"], stored.text
    again = httpx.post(writable.url + "/upload", json=document, headers=bearer)
    assert again.json()["unchanged"] == ["uploaded-arnor"]
    assert transfer_count(writable) == before + 1
    invalid = httpx.post(
        writable.url + "/upload", json={"article": {"title": "x"}, "events": [{"type": "teleport"}]}, headers=bearer
    )
    assert invalid.status_code == 400 and "teleport" in invalid.text


def test_readers_see_what_an_ingest_beside_them_commits(
    server: ServerProcess, store_path: Path, tmp_path: Path
) -> None:
    from eventgraph.backends.embedded import EventStore
    from eventgraph.pipeline import ingest_paths
    from invented_reports import write_documents

    ask = PREFIXES + "ASK { <https://w3id.org/eventgraph/id/article/beside-the-server> a eg:Article }"
    assert httpx.get(server.url + "/sparql", params={"query": ask}).json()["boolean"] is False
    document = {
        "article": {"id": "beside-the-server", "title": "Written beside the server"},
        "events": [
            {
                "type": "attack",
                "actor": ["Russia"],
                "recipient": ["Ukraine"],
                "certainty": "reported",
                "evidence": "Russia struck Ukraine.",
            }
        ],
    }
    with EventStore(store_path) as writer:  # the read-only server holds no lock
        assert ingest_paths(writer, [write_documents(tmp_path, {"beside": document})]).written.added
    assert httpx.get(server.url + "/sparql", params={"query": ask}).json()["boolean"] is True


# -- limits ----------------------------------------------------------------------------------
def test_a_query_past_the_deadline_is_stopped_and_the_server_keeps_serving(server: ServerProcess) -> None:
    outcome: dict[str, httpx.Response] = {}
    heavy = threading.Thread(
        target=lambda: outcome.update(heavy=httpx.get(server.url + "/sparql", params={"query": HEAVY}, timeout=30))
    )
    started = time.monotonic()
    heavy.start()
    time.sleep(0.3)
    assert transfer_count(server) >= 5  # another reader is answered while the heavy query runs
    heavy.join()
    assert 1.5 < time.monotonic() - started < 15
    assert outcome["heavy"].status_code == 503 and "limit of 2 s" in outcome["heavy"].text
    assert transfer_count(server) >= 5  # the killed worker was replaced


def test_result_and_body_limits(server: ServerProcess) -> None:
    rows = httpx.get(server.url + "/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert rows.status_code == 422 and "more than 40 rows" in rows.text
    limited = httpx.get(server.url + "/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 40"})
    assert limited.status_code == 200 and len(limited.json()["results"]["bindings"]) == 40
    triples = httpx.get(server.url + "/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"})
    assert triples.status_code == 422 and "triples" in triples.text
    big = httpx.post(
        server.url + "/sparql",
        content=b"#" * 5000 + TRANSFERS.encode(),
        headers={"Content-Type": "application/sparql-query"},
    )
    assert big.status_code == 413


def test_federated_queries_are_refused(server: ServerProcess) -> None:
    service = "SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }"
    assert httpx.get(server.url + "/sparql", params={"query": service}).status_code == 400
    named = PREFIXES + 'SELECT ?service WHERE { ?service eg:note "SERVICE <x>" } LIMIT 1 # SERVICE'
    assert httpx.get(server.url + "/sparql", params={"query": named}).status_code == 200


# -- pages -----------------------------------------------------------------------------------
def test_home_page_and_views_escape_text(server: ServerProcess) -> None:
    home = httpx.get(server.url + "/")
    assert home.status_code == 200 and "<textarea" in home.text and "SELECT" in home.text
    view = httpx.get(server.url + "/view", params={"view": "actors", "actor": "Ukraine"})
    assert view.status_code == 200 and view.headers["content-type"].startswith("text/html")
    assert "Content-Security-Policy" in view.text
    assert HOSTILE_NAME not in view.text  # the hostile actor is in the data, as JSON-escaped text only
    unknown = httpx.get(server.url + "/view", params={"actor": "<script>alert(1)</script>"})
    assert unknown.status_code == 400 and unknown.headers["content-type"].startswith("text/plain")


def test_the_page_template_escapes_every_value() -> None:
    from eventgraph.server.app import _page_template

    hostile = "</textarea><script>alert(1)</script>"
    page = _page_template().render(
        mode=hostile, default_query=hostile, formats=[hostile], examples=[{"title": hostile, "text": hostile}]
    )
    assert "<script>" not in page and "</textarea><script>" not in page
    assert page.count("&lt;script&gt;") == 6  # mode, query, option value and label, example title and text
    with pytest.raises(Exception, match="undefined"):
        _page_template().render(mode="read-only")  # a value left out is an error, not an empty string


def test_loopback_server_answers_loopback_host_names_only(server: ServerProcess) -> None:
    rebound = httpx.get(server.url + "/sparql", params={"query": TRANSFERS}, headers={"Host": "attacker.example"})
    assert rebound.status_code == 400
    assert httpx.get(server.url.replace("127.0.0.1", "localhost") + "/").status_code == 200
    preflight = httpx.options(
        server.url + "/sparql", headers={"Origin": "https://elsewhere.example", "Access-Control-Request-Method": "POST"}
    )
    assert "access-control-allow-origin" not in preflight.headers  # no CORS unless --cors names the origin


def test_cors_for_the_origins_named(writable: ServerProcess) -> None:
    answer = httpx.get(
        writable.url + "/sparql", params={"query": TRANSFERS}, headers={"Origin": "https://yasgui.example"}
    )
    assert answer.headers["access-control-allow-origin"] == "https://yasgui.example"
    other = httpx.get(writable.url + "/sparql", params={"query": TRANSFERS}, headers={"Origin": "https://x.example"})
    assert "access-control-allow-origin" not in other.headers


@pytest.mark.parametrize(
    "path", ["/../../etc/passwd", "/view/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/assets/graph.js"]
)
def test_no_file_routes(server: ServerProcess, path: str) -> None:
    answer = httpx.get(server.url + path)
    assert answer.status_code == 404 and "root:" not in answer.text


# -- hostile requests ------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ['"} ; DROP ALL ; #', "<", "\\", "x> } ; CLEAR ALL ; SELECT * { <y"])
def test_sparql_syntax_in_view_parameters_is_never_executed(server: ServerProcess, text: str) -> None:
    before = transfer_count(server)
    for name in ("actor", "source", "type", "certainty", "since", "depth", "view"):
        answer = httpx.get(server.url + "/view", params={name: text}, timeout=30)
        assert answer.status_code in (200, 400), (name, answer.text)
        assert answer.headers["content-type"].startswith("text/html" if answer.status_code == 200 else "text/plain")
        if answer.status_code == 400:
            assert "Traceback" not in answer.text and "\n" not in answer.text.rstrip("\n")
    # updates, even spelled inside a query, are refused on the read-only endpoint
    for update in ("DROP ALL", "CLEAR ALL ; INSERT DATA { <a> <b> <c> }"):
        assert httpx.get(server.url + "/sparql", params={"query": update}).status_code == 400
        assert httpx.post(server.url + "/sparql", data={"update": update}).status_code == 403
    assert transfer_count(server) == before


def test_a_flood_of_queries_is_answered_or_refused_and_the_server_stays_up(server: ServerProcess) -> None:
    from concurrent.futures import ThreadPoolExecutor

    def ask(_: int) -> int:
        try:
            return httpx.get(server.url + "/sparql", params={"query": TRANSFERS}, timeout=60).status_code
        except httpx.TransportError:
            return -1

    with ThreadPoolExecutor(max_workers=64) as pool:
        statuses = list(pool.map(ask, range(160)))
    assert set(statuses) <= {200, 503}, statuses
    assert statuses.count(200) >= 2
    # still serving after the flood: query processes stopped at the 2 s limit are being replaced, which on a
    # loaded machine can outlast the flood, so the server gets a minute to answer again
    deadline = time.monotonic() + 60
    while (answer := httpx.get(server.url + "/sparql", params={"query": TRANSFERS})).status_code == 503:
        assert time.monotonic() < deadline, answer.text
        time.sleep(0.5)
    assert transfer_count(server) >= 5


@pytest.mark.parametrize(
    "path",
    [
        "/view?actor=../../etc/passwd",
        "/sparql/../../etc/passwd",
        "/assets/../../etc/passwd",
        "/..%2f..%2fetc%2fpasswd",
        "//etc/passwd",
        "/static/graph.js",
    ],
)
def test_traversal_paths_never_give_files(server: ServerProcess, path: str) -> None:
    answer = httpx.get(server.url + path)
    assert answer.status_code in (400, 404, 405) and "root:" not in answer.text, (path, answer.status_code)


def test_requests_past_the_waiting_limit_are_refused_at_once(store_path: Path) -> None:
    import asyncio

    from eventgraph.server import RequestFailed, ServerSettings, WorkerPool

    pool = WorkerPool(ServerSettings(store_path=store_path, workers=1, max_pending=2, timeout=1.5))

    async def flood() -> list[object]:
        await pool.start()
        task = {"kind": "query", "query": HEAVY, "accept": []}
        return await asyncio.gather(*(pool.run(task) for _ in range(5)), return_exceptions=True)

    try:
        started = time.monotonic()
        outcomes = asyncio.run(flood())
    finally:
        pool.close()
    statuses = sorted(o.status for o in outcomes if isinstance(o, RequestFailed))
    assert len(statuses) == 5, outcomes
    busy = [o for o in outcomes if isinstance(o, RequestFailed) and "busy" in o.message]
    assert len(busy) == 3 and statuses == [503] * 5  # two ran to the deadline, three were refused at once
    assert time.monotonic() - started < 15
