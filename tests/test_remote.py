"""The same data in the embedded store and on real SPARQL servers (Oxigraph server, Virtuoso): same answers.

Each server is started on a free loopback port for this module.  Without the server installed the
tests are skipped, except in CI (EVENTGRAPH_REQUIRE_SERVERS=1), where that is a failure.
"""

from __future__ import annotations

import io
import json
import shutil
import sys
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

import httpx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from conftest import TEST_DATA
from eventgraph.backends.embedded import EventStore
from eventgraph.backends.sparql import Endpoint, SparqlStore, bind_values
from eventgraph.cli import cli
from eventgraph.errors import NotFoundError, StoreError
from eventgraph.importers import import_format
from eventgraph.importers.common import import_file
from eventgraph.lookups import (
    DateRange,
    Resolver,
    actor_profile,
    find_paths,
    find_transfers,
    graph_records,
    group_transfers,
    list_events,
    timeline,
)
from eventgraph.pipeline import ingest_paths
from eventgraph.queries import named_query
from invented_reports import DAILY, EXAMPLES, INJECTION_NAME, WIRE, write_documents
from rdfcompare import assert_same_datasets, dataset_from
from servers import ServerProcess, free_port, unavailable

pytestmark = [pytest.mark.slow, pytest.mark.servers]

VIRTUOSO_INI = """[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
CaseMode = 2
DirsAllowed = .
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
MaxQueryMem = 200M
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
ServerThreads = 10
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
"""
NAMES = [
    "DPRK",
    "Pyongyang",
    "north korean",
    "country:PRK",
    "Russia",
    "Ukraine",
    "company of the red star",
    INJECTION_NAME,
    "JCS",
    "Belarus",
]


def start_oxigraph(tmp: Path) -> tuple[ServerProcess, dict[str, str]]:
    command = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    if not Path(command).exists():
        unavailable("the Oxigraph server is not installed (pip install oxigraph)")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = ServerProcess(
        [command, "serve", "--location", str(tmp / "data"), "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
        url,
        tmp / "oxigraph.log",
    )
    server.wait(url + "/query?query=ASK%7B%7D")
    # no Graph Store Protocol here: imports go through batched updates (Virtuoso's tests take the GSP path)
    return server, {
        "EVENTGRAPH_STORE": f"{url}/query",
        "EVENTGRAPH_STORE_UPDATE_URL": f"{url}/update",
        "EVENTGRAPH_STORE_BATCH": "50",
    }


def start_virtuoso(tmp: Path) -> tuple[ServerProcess, dict[str, str]]:
    command = shutil.which("virtuoso-t")
    if command is None:
        unavailable("Virtuoso is not installed (Debian: apt-get install virtuoso-opensource)")
    http_port, sql_port = free_port(), free_port()
    ini = tmp / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(dir=tmp, sql_port=sql_port, http_port=http_port), encoding="utf-8")
    url = f"http://127.0.0.1:{http_port}"
    server = ServerProcess([command, "+foreground", "+configfile", str(ini)], url, tmp / "virtuoso.out")
    server.wait(url + "/sparql?query=ASK%7B%7D", timeout=90)
    # the dba account of a new database (password dba) may update; /sparql-auth asks for digest authentication
    return server, {
        "EVENTGRAPH_STORE": f"{url}/sparql-auth",
        "EVENTGRAPH_STORE_USER": "dba",
        "EVENTGRAPH_STORE_PASSWORD": "dba",
        "EVENTGRAPH_STORE_AUTH": "digest",
        "EVENTGRAPH_STORE_GSP_URL": f"{url}/sparql-graph-crud-auth",
    }


@pytest.fixture(scope="module", params=["oxigraph", "virtuoso"])
def server_env(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    tmp = tmp_path_factory.mktemp(request.param)
    server, env = (start_oxigraph if request.param == "oxigraph" else start_virtuoso)(tmp)
    yield env
    server.stop()


def remote_store(
    env: dict[str, str], monkeypatch: pytest.MonkeyPatch | None = None, *, write: bool = False
) -> SparqlStore:
    patch = monkeypatch or pytest.MonkeyPatch()
    for name, value in env.items():
        patch.setenv(name, value)
    try:
        return SparqlStore.from_environment(env["EVENTGRAPH_STORE"], read_only=not write)
    finally:
        if monkeypatch is None:
            patch.undo()


@pytest.fixture(scope="module")
def stores(server_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, Any]]:
    """The embedded store and the server, each given the seed article and the invented reports."""
    files = write_documents(tmp_path_factory.mktemp("input"), {"wire": WIRE, "daily": DAILY})
    embedded = EventStore()
    remote = remote_store(server_env, write=True)
    for store in (embedded, remote):
        report = ingest_paths(store, [EXAMPLES, files])
        assert not report.failures and len(report.written.added) == 3
    yield embedded, remote
    remote.close()


def same(answer: Any) -> Any:
    """Lookups answers made comparable: dataclasses to dicts, lists of records sorted."""
    if isinstance(answer, list):
        return sorted((same(a) for a in answer), key=lambda a: json.dumps(a, sort_keys=True, default=str))
    if hasattr(answer, "__dataclass_fields__"):
        return same(asdict(answer))
    if isinstance(answer, dict):
        return {k: same(v) for k, v in answer.items()}
    return answer


def test_every_lookup_answers_the_same(stores: tuple[Any, Any]) -> None:
    embedded, remote = stores
    here, there = Resolver(embedded), Resolver(remote)
    assert there.stored_names() == here.stored_names()
    for name in NAMES:
        assert there.resolve(name) == here.resolve(name), name
    prk, rus, ukr = (here.resolve(n) for n in ("DPRK", "Russia", "Ukraine"))
    odd = here.resolve(INJECTION_NAME)
    november = DateRange.parse("2024-11", "2024-11")
    questions = [
        lambda s: find_transfers(s, supplier=prk),
        lambda s: find_transfers(s, recipient=rus, category="drone"),
        lambda s: find_transfers(s, recipient=rus, item="ROCKET", dates=DateRange.parse(since="2024-12")),
        lambda s: find_transfers(s, supplier=odd),
        lambda s: group_transfers(find_transfers(s, supplier=prk, dates=november)),
        lambda s: list_events(s).records,
        lambda s: list_events(s, actor=prk, event_type="transfer").records,
        lambda s: (
            list_events(s, place=here.resolve("Russia", what="place", classes=frozenset({"Place", "Country"}))).records
        ),
        lambda s: actor_profile(s, prk).record(),
        lambda s: actor_profile(s, here.resolve("JCS")).record(),
        lambda s: timeline(s, rus, dates=november).records,
        lambda s: find_paths(s, ukr, here.resolve("Company of the Red Star")),
        lambda s: graph_records(s),
        lambda s: graph_records(s, event_type="transfer", certainty="alleged", source="Example Wire"),
    ]
    for index, question in enumerate(questions):
        expected = same(question(embedded))
        assert expected, f"question {index} has an empty answer: it tests nothing"
        assert same(question(remote)) == expected, f"question {index}"
    for name in ("stats-classes", "stats-event-types", "stats-articles", "events"):
        text = named_query(name).text
        assert solutions(remote.query(text)) == solutions(embedded.query(text)), name


def solutions(results: Any) -> list[list[Any]]:
    """Rows of terms; a GROUP_CONCAT's parts sorted (the order of its parts is up to the engine)."""

    def term(value: Any) -> Any:
        if value == ox.Literal(""):  # a GROUP_CONCAT of nothing: "" on Virtuoso, unbound on Oxigraph
            return None
        if isinstance(value, ox.Literal) and "; " in value.value:
            return ox.Literal("; ".join(sorted(value.value.split("; "))), datatype=value.datatype)
        return value

    return [[term(value) for value in row] for row in results]


def dataset(store: Any) -> dict[str, Any]:
    buffer = io.BytesIO()
    store.dump(buffer, ox.RdfFormat.N_QUADS)
    return dataset_from(buffer.getvalue(), "nquads")


def test_export_is_the_same_dataset_graph_by_graph(stores: tuple[Any, Any]) -> None:
    embedded, remote = stores
    assert_same_datasets(dataset(remote), dataset(embedded))
    assert sorted(g.value for g in remote.article_graphs()) == sorted(g.value for g in embedded.article_graphs())


def test_cli_commands_against_the_server(
    server_env: dict[str, str], stores: tuple[Any, Any], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    for name, value in server_env.items():
        monkeypatch.setenv(name, value)
    runner = CliRunner()
    url = server_env["EVENTGRAPH_STORE"]
    for args in (
        ["transfers", "--from", "DPRK", "--format", "json"],
        ["actor", "Russia", "--format", "json"],
        ["path", "Ukraine", "DPRK", "--format", "csv"],
        ["query", "--name", "transfers", "--param", "supplier=country:PRK", "--format", "csv"],
        ["events", "--type", "attack"],
    ):
        answer = runner.invoke(cli, ["--store", url, *args])
        assert answer.exit_code == 0, answer.output
        assert "North Korea" in answer.output or "country/PRK" in answer.output, args
    drawn = runner.invoke(cli, ["--store", url, "draw", "--view", "actors", "-o", str(tmp_path / "g.html")])
    assert drawn.exit_code == 0, drawn.output
    construct = runner.invoke(
        cli, ["--store", url, "query", "CONSTRUCT WHERE { ?e a eg:Attack }", "--format", "ntriples"]
    )
    assert construct.exit_code == 0 and construct.output.count(" .\n") == 1, construct.output
    own_prefix = runner.invoke(
        cli,
        [
            "--store",
            url,
            "query",
            "--format",
            "csv",
            "PREFIX eg: <https://w3id.org/eventgraph/ns#>\nSELECT ?e WHERE { ?e a eg:Attack }",
        ],
    )
    assert own_prefix.exit_code == 0 and len(own_prefix.output.splitlines()) == 2, own_prefix.output
    bad = runner.invoke(cli, ["--store", url, "query", "SELECT ?e WHERE { ?e a eg:Attack"])
    assert bad.exit_code == 1 and bad.output.startswith("Error: the SPARQL server answered HTTP 400"), bad.output


SEED_GRAPH = "https://w3id.org/eventgraph/id/article/seed-nk-troops-drones-russia-2024-12-23"
WIRE_GRAPH = "https://w3id.org/eventgraph/id/article/wire-dprk-drones-2024-11"


def test_from_and_from_named_as_sparql_says(
    stores: tuple[Any, Any], server_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """SPARQL 1.1 §13.2: FROM makes the default graph, FROM NAMED alone leaves it empty (the Oxigraph server
    runs with --union-default-graph, which ignores FROM unless the protocol's parameters name the graphs)."""

    def counted(store: Any, query: str, **dataset: Any) -> int:
        return int(next(iter(store.query(query, **dataset)))["n"].value)

    seed = len(list(stores[0].quads(ox.NamedNode(SEED_GRAPH))))
    wire = len(list(stores[0].quads(ox.NamedNode(WIRE_GRAPH))))
    expected = {
        "SELECT (COUNT(*) AS ?n) FROM <http://example.org/nothing> WHERE { ?s ?p ?o }": 0,
        f"SELECT (COUNT(*) AS ?n) FROM <{SEED_GRAPH}> WHERE {{ ?s ?p ?o }}": seed,
        "PREFIX a: <https://w3id.org/eventgraph/id/article/>\nSELECT (COUNT(*) AS ?n) FROM NAMED "
        "a:wire-dprk-drones-2024-11 WHERE { GRAPH ?g { ?s ?p ?o } }": wire,
        f"SELECT (COUNT(*) AS ?n) FROM NAMED <{WIRE_GRAPH}> WHERE {{ ?s ?p ?o }}": 0,
    }
    for store in stores:
        for query, number in expected.items():
            assert counted(store, query) == number, (store, query)
        assert counted(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", default_graph=[WIRE_GRAPH]) == wire
    for name, value in server_env.items():
        monkeypatch.setenv(name, value)
    answer = CliRunner().invoke(cli, ["query", "--format", "csv", next(iter(expected))])
    assert answer.exit_code == 0 and answer.output.split() == ["n", "0"], answer.output


def test_replace_remove_and_import_keep_the_stores_equal(server_env: dict[str, str], tmp_path: Path) -> None:
    embedded, remote = EventStore(), remote_store(server_env, write=True)
    try:
        for graph in list(remote.article_graphs()):  # the module's data: start from an empty server
            remote.remove_article(graph.value)
        changed = {**WIRE, "events": WIRE["events"][:1]}
        first = write_documents(tmp_path / "first", {"wire": WIRE, "daily": DAILY})
        second = write_documents(tmp_path / "second", {"wire": changed})
        for store in (embedded, remote):
            ingest_paths(store, [first])
            report = ingest_paths(store, [second]).written
            assert report.replaced == ["wire-dprk-drones-2024-11"]
            assert store.remove_article("daily-pyongyang-drones-2024-12") == "daily-pyongyang-drones-2024-12"
            sipri = import_file(
                store, import_format("sipri"), TEST_DATA / "importers" / "sipri_register_utf8.csv", chunk_rows=5
            )
            assert sipri.error is None and sipri.imported > 5
        assert_same_datasets(dataset(remote), dataset(embedded))
        with pytest.raises(NotFoundError):
            remote.remove_article("daily-pyongyang-drones-2024-12")
    finally:
        remote.close()


def test_claims_lookups_answer_the_same(server_env: dict[str, str], tmp_path: Path) -> None:
    from eventgraph.lookups.claims import ClaimIndex, event_claims, find_disputes

    embedded, remote = EventStore(), remote_store(server_env, write=True)
    claims = {
        "asserting": {
            "article": {"id": "claims-asserting", "title": "Tanks for Russia", "published": "2024-05-03"},
            "events": [
                {
                    "type": "transfer",
                    "actor": ["Belarus"],
                    "recipient": ["Russia"],
                    "items": ["T-72"],
                    "date": "2024-04",
                    "attributed_to": ["Poland"],
                }
            ],
        },
        "denying": {
            "article": {"id": "claims-denying", "title": "Minsk says no", "published": "2024-05-20"},
            "events": [
                {
                    "type": "transfer",
                    "actor": ["Belarus"],
                    "recipient": ["Russia"],
                    "items": ["T-72"],
                    "claims": [{"stance": "denies", "by": ["Belarus"], "scope": "2024-03/"}],
                }
            ],
        },
    }
    try:
        for graph in list(remote.article_graphs()):  # start from an empty server
            remote.remove_article(graph.value)
        files = write_documents(tmp_path / "claims", claims)
        for store in (embedded, remote):
            assert not ingest_paths(store, [EXAMPLES, files]).failures
        expected = [g.record() for g in find_disputes(embedded)]
        assert len(expected) == 1 and expected[0]["denied_by"] == ["Belarus"]
        assert [g.record() for g in find_disputes(remote)] == expected
        event = expected[0]["event"]
        assert event_claims(remote, event).record() == event_claims(embedded, event).record()
        assert same(list_events(remote, claims=ClaimIndex(remote), disputed=True).records) == same(
            list_events(embedded, claims=ClaimIndex(embedded), disputed=True).records
        )
    finally:
        remote.close()


def test_read_only_remote_store_refuses_writes(server_env: dict[str, str]) -> None:
    with remote_store(server_env) as store, pytest.raises(StoreError, match="read-only"):
        store.remove_article("wire-dprk-drones-2024-11")


# -- without a server ------------------------------------------------------------------------
EMPTY_RESULTS = b'{"head": {"vars": ["x"]}, "results": {"bindings": []}}'


def test_transient_errors_are_retried_then_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("eventgraph.backends.sparql.time.sleep", lambda seconds: None)
    calls: list[httpx.Request] = []

    def flaky(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        if len(calls) < 3:
            return httpx.Response(503)
        return httpx.Response(200, content=EMPTY_RESULTS, headers={"Content-Type": "application/sparql-results+json"})

    store = SparqlStore(
        "http://sparql.invalid/q", endpoint=Endpoint(transport=httpx.MockTransport(flaky)), read_only=True
    )
    assert list(store.query("SELECT ?x WHERE { ?x ?p ?o }")) == [] and len(calls) == 3
    down = SparqlStore(
        "http://sparql.invalid/q",
        read_only=True,
        endpoint=Endpoint(transport=httpx.MockTransport(lambda r: httpx.Response(503))),
    )
    with pytest.raises(StoreError, match="503"):
        down.query("ASK {}")

    def slow(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        raise httpx.ReadTimeout("timed out", request=request)

    calls.clear()
    waiting = SparqlStore(
        "http://sparql.invalid/q", read_only=True, endpoint=Endpoint(timeout=5, transport=httpx.MockTransport(slow))
    )
    with pytest.raises(StoreError, match="did not answer within 5"):
        waiting.query("ASK {}")
    assert len(calls) == 1  # a slow query is not sent again


def test_credentials_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, content=EMPTY_RESULTS, headers={"Content-Type": "application/sparql-results+json"})

    transport = httpx.MockTransport(answer)
    monkeypatch.setenv("EVENTGRAPH_STORE_TOKEN", "t0ken")
    SparqlStore.from_environment("http://sparql.invalid/q", read_only=True, transport=transport).query("ASK {}")
    assert seen[-1].headers["authorization"] == "Bearer t0ken"
    monkeypatch.delenv("EVENTGRAPH_STORE_TOKEN")
    monkeypatch.setenv("EVENTGRAPH_STORE_USER", "ana")
    monkeypatch.setenv("EVENTGRAPH_STORE_PASSWORD", "pw")
    SparqlStore.from_environment("http://sparql.invalid/q", read_only=True, transport=transport).query("ASK {}")
    assert seen[-1].headers["authorization"] == "Basic YW5hOnB3"


def test_values_are_bound_as_escaped_terms() -> None:
    hostile = ox.Literal('x" ) } DROP ALL ; SELECT * WHERE { ?s ?p ?o # \n')
    query = bind_values("SELECT ?name ?s WHERE { ?s <http://x/p> ?name }", {"name": hostile})
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("http://x/s"), ox.NamedNode("http://x/p"), hostile))
    store.add(ox.Quad(ox.NamedNode("http://x/t"), ox.NamedNode("http://x/p"), ox.Literal("other")))
    assert [row["s"].value for row in store.query(query)] == ["http://x/s"]
    construct = bind_values("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", {"o": ox.Literal("other")})
    assert len(list(store.query(construct))) == 1
    commented = bind_values(
        "PREFIX x: <http://x/#> # a { in a comment\nSELECT ?s WHERE { ?s ?p ?o }", {"o": ox.Literal("other")}
    )
    assert [row["s"].value for row in store.query(commented)] == ["http://x/t"]
