"""The endpoint as an attacker uses it: federated queries and LOAD (SSRF), deep nesting, huge values, memory,
slow bodies, Host headers.  A listening socket on loopback stands for the server's internal network: it must
never receive a connection."""

from __future__ import annotations

import multiprocessing
import random
import shutil
import socket
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

from eventgraph.backends.embedded import EventStore
from eventgraph.errors import QueryError
from eventgraph.sparqlcheck import check_operation
from invented_reports import build_store
from servers import ServerProcess, free_port

pytestmark = [pytest.mark.slow, pytest.mark.servers]

TOKEN = "another-s3cret-for-tests"
HUGE = "a" * (17 * 1024 * 1024)
HUGE_GRAPH = "<https://w3id.org/eventgraph/id/article/huge-value>"


class Listener:
    """A loopback TCP server that counts the connections it gets and hangs up on each at once."""

    def __init__(self) -> None:
        self.socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(64)
        self.socket.settimeout(0.2)
        self.port = self.socket.getsockname()[1]
        self.received: list[bytes] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self.socket.accept()
            except OSError:
                continue
            with connection:
                connection.settimeout(1)
                try:
                    self.received.append(connection.recv(4096) or b"(connected)")
                except OSError:
                    self.received.append(b"(connected)")

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self.socket.close()


@pytest.fixture()
def listener() -> Iterator[Listener]:
    running = Listener()
    yield running
    running.close()


def start(
    store: Path, tmp: Path, *options: str, env: dict[str, str] | None = None, host: str = "127.0.0.1"
) -> ServerProcess:
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "eventgraph",
        "--store",
        str(store),
        "serve",
        "--host",
        host,
        "--port",
        str(port),
        *options,
    ]
    url_host = f"[{host}]" if ":" in host else host
    server = ServerProcess(command, f"http://{url_host}:{port}", tmp / f"serve-{port}.log", env=env)
    server.wait(server.url + "/")
    return server


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("secured") / "store")


@pytest.fixture(scope="module")
def writable(store_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    copy = tmp_path_factory.mktemp("writable") / "store"
    shutil.copytree(store_path, copy)
    with EventStore(copy) as store:  # a value over pyoxigraph's 16 MB results buffer
        store.update(f'INSERT DATA {{ GRAPH {HUGE_GRAPH} {{ <http://s/> <http://p/huge> "{HUGE}" }} }}')
    running = start(copy, tmp_path_factory.mktemp("logs"), "--timeout", "5", env={"EVENTGRAPH_WRITE_TOKEN": TOKEN})
    yield running
    running.stop()


def sparql(server: ServerProcess, query: str) -> httpx.Response:
    return httpx.post(
        server.url + "/sparql",
        content=query.encode("utf-8"),
        timeout=30,
        headers={"Content-Type": "application/sparql-query", "Accept": "application/json"},
    )


def update(server: ServerProcess, text: str) -> httpx.Response:
    return httpx.post(
        server.url + "/sparql",
        content=text.encode("utf-8"),
        timeout=30,
        headers={"Content-Type": "application/sparql-update", "Authorization": f"Bearer {TOKEN}"},
    )


# -- SERVICE and LOAD ------------------------------------------------------------------------------
def issue_spellings(port: int) -> list[str]:
    """The spellings that got past the keyword filter, and more of their kind."""
    target = f"<http://127.0.0.1:{port}/x>"
    return [
        f"SELECT * WHERE {{ OPTIONAL {{ ?s <http://x/\\u0041#> ?o }} SERVICE {target} {{ ?a ?b ?c }} }}",
        f"SELECT * WHERE {{ OPTIONAL {{ ?s <http://x/\\U00000041#> ?o }} SERVICE {target} {{ ?a ?b ?c }} }}",
        f"SELECT * WHERE {{ OPTIONAL {{ ?s <http://x/\\u0041'> ?o }} SERVICE {target} {{ ?a ?b ?c }} }}",
        f"PREFIX eg: <http://e/> SELECT * WHERE {{ OPTIONAL {{ ?s eg:x\\' ?o }} SERVICE {target} {{ ?a ?b ?c }} }}",
        f"PREFIX eg: <http://e/> SELECT * WHERE {{ ?s eg:x\\# ?o SERVICE SILENT {target} {{ ?a ?b ?c }} }}",
        f"SELECT * WHERE {{ VALUES ?g {{ {target} }} SERVICE ?g {{ ?a ?b ?c }} }}",
        f'SELECT * WHERE {{ ?s ?p "\\u0022" SERVICE {target} {{ ?a ?b ?c }} BIND("\\u0022" AS ?z) }}',
        f"sElEcT * {{ FILTER EXISTS {{ SeRvIcE\n{target}{{}} }} }}",
        f"ASK {{ {{ SERVICE {target} {{ ?a ?b ?c }} }} UNION {{ ?s ?p ?o }} }}",
        f"CONSTRUCT {{ ?a ?b ?c }} WHERE {{ SERVICE {target} {{ ?a ?b ?c }} }}",
        f"DESCRIBE ?a WHERE {{ MINUS {{ SERVICE {target} {{ ?a ?b ?c }} }} }}",
    ]


# pieces a fuzzed query is made of: escapes, comments and strings that a lexer can misread, around SERVICE
FUZZ_BEFORE = [
    "<http://x/\\u0041#>",
    "<http://x/\\U00000041#>",
    "<http://x/\\u0041'>",
    "eg:x\\'",
    "eg:x\\#",
    "<http://x/#>",
    '"a#"',
    "'a#'",
    '"""a\n#"""',
    "'''a' '#'''",
    '"\\"#"',
    "'\\'#'",
    '"\\u0022"',
    "<http://x/\\u003E>",
    "?o",
    "eg:a-b",
    '"x"@en',
    '"1"^^xsd:int',
    "1.5e-3",
    "<http://x/a\\>",
    '"\\\\"',
    "'''\\''''",
]
FUZZ_NOISE = [" ", "\n", "\t", "# SERVICE <http://127.0.0.1:1/> {}\n", "#\n", "# '\"<\n", "\r\n", "/*x*/"]


def fuzz_query(rng: random.Random, port: int) -> tuple[str, bool]:
    """A query around a SERVICE block, and whether the block is real (not hidden in a string or comment).

    Real blocks come with every piece, valid or not; hidden ones with the pieces Oxigraph and the check
    both accept, so that most of them run."""
    real = rng.random() < 0.6
    pieces = FUZZ_BEFORE if real else [p for p in FUZZ_BEFORE if "\\u" not in p.lower() and "a\\>" not in p]
    noises = FUZZ_NOISE if real else [n for n in FUZZ_NOISE if n != "/*x*/"]

    def noise() -> str:
        return "".join(rng.choice(noises) for _ in range(rng.randint(0, 2))) or " "

    service = rng.choice(["SERVICE", "service", "SeRvIcE", "SERVICE SILENT", "SERVICE\nSILENT"])
    target = rng.choice([f"<http://127.0.0.1:{port}/{rng.randrange(99)}>", "?g"])
    ends = [".", ";", "", "}", "{", ""] if real else [".", ""]
    predicates = pieces if real else [p for p in pieces if p[0] in "<?e"]
    where = "".join(
        f"?s{noise()}{rng.choice(predicates)}{noise()}{rng.choice(pieces)}{noise()}{rng.choice(ends)}{noise()}"
        for _ in range(rng.randint(1, 3))
    )
    if real:
        block = f"{service}{noise()}{target}{noise()}{{ ?a ?b ?c }}"
    else:
        hidden = f"{service.replace(chr(10), ' ')} {target} {{ ?a ?b ?c }}"
        block = rng.choice(
            [
                f'BIND("{hidden}" AS ?h)',
                f"# {hidden}\n",
                f"BIND('''{hidden}''' AS ?h)",
                f"?s eg:p '{hidden}'",
                f'FILTER(?s != """{hidden}""")',
            ]
        )
    bind = f"VALUES ?g {{ <http://127.0.0.1:{port}/v> }} " if target == "?g" else ""
    prologue = "PREFIX eg: <http://e/> PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> "
    form = rng.choice(["SELECT *", "ASK", "SELECT ?a"])
    return f"{prologue}{form} WHERE {{ {bind}{where}{noise()}{block}{noise()}}}", real


def fuzz_update(rng: random.Random, port: int) -> str:
    noise = rng.choice(FUZZ_NOISE)
    before = rng.choice(FUZZ_BEFORE)
    return rng.choice(
        [
            f"LOAD{noise}<http://127.0.0.1:{port}/l>",
            f"LOAD SILENT <http://127.0.0.1:{port}/l> INTO GRAPH <http://g/>",
            f"PREFIX eg: <http://e/> INSERT DATA {{ <http://s/> <http://p/> {before} }} ;{noise}LOAD "
            f"<http://127.0.0.1:{port}/l>",
            f"PREFIX eg: <http://e/> DELETE {{ ?a ?b ?c }} WHERE {{ ?s ?p {before}{noise}SERVICE "
            f"<http://127.0.0.1:{port}/u> {{ ?a ?b ?c }} }}",
        ]
    )


def test_the_check_refuses_every_spelling_that_oxigraph_would_fetch(listener: Listener) -> None:
    """The parser wall alone: whatever the check lets through, run by pyoxigraph with the network open,
    must not reach the listener; the issue's spellings are refused outright."""
    for query in issue_spellings(listener.port):
        with pytest.raises(QueryError):
            check_operation(query)
    rng = random.Random(16)
    accepted = 0
    for _ in range(600):
        query, real = fuzz_query(rng, listener.port)
        try:
            check_operation(query)
        except QueryError:
            continue
        assert not real, query
        accepted += 1
        try:
            results = ox.Store().query(query)
            list(results) if not isinstance(results, ox.QueryBoolean) else bool(results)
        except (SyntaxError, OSError, ValueError, RuntimeError):
            pass
    for _ in range(100):
        text = fuzz_update(rng, listener.port)
        with pytest.raises(QueryError):
            check_operation(text, update=True)
    time.sleep(0.3)
    assert listener.received == []
    assert accepted > 20  # queries that only name SERVICE in a string or comment were run


def test_comments_and_strings_naming_service_are_not_refused() -> None:
    check_operation('PREFIX eg: <http://e/> SELECT ?s WHERE { ?s eg:note "SERVICE <http://x/> {}" } # SERVICE')
    check_operation("SELECT * WHERE { ?s <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> ?o . ?o ?p ?x }")
    check_operation("INSERT DATA { <http://s/> <http://p/> 'LOAD <http://x/>' }", update=True)


def test_what_the_check_cannot_parse_is_refused_even_when_oxigraph_can() -> None:
    """rdflib's grammar is the check: an Oxigraph extension (LATERAL) or an escape it reads differently is
    refused, never run unchecked."""
    store = ox.Store()
    for query in (
        "SELECT * WHERE { ?s ?p ?o LATERAL { ?s ?q ?r } }",
        "SELECT (<http://x/\\u0041> AS ?x) WHERE {}",
        'SELECT ("\\u0022" AS ?x) WHERE {}',
    ):
        list(store.query(query))  # valid for Oxigraph
        with pytest.raises(QueryError):
            check_operation(query)


def _fetch_from_walled_process(port: int, wall: bool, answers: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    from eventgraph.sandbox import block_network

    how = block_network() if wall else "none"
    try:
        list(ox.Store().query(f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/wall> {{ ?a ?b ?c }} }}"))
        answers.put((how, "answered"))
    except OSError as error:
        answers.put((how, type(error).__name__))


@pytest.mark.parametrize("wall", [False, True])
def test_a_walled_process_cannot_fetch_even_when_asked_to(listener: Listener, wall: bool) -> None:
    """The second wall, without the first: pyoxigraph's own (Rust) HTTP client is stopped by the kernel.
    Without the wall the same query reaches the listener, so the test can tell the two apart."""
    context = multiprocessing.get_context("spawn")
    answers = context.Queue()
    process = context.Process(target=_fetch_from_walled_process, args=(listener.port, wall, answers))
    process.start()
    how, outcome = answers.get(timeout=60)
    process.join(30)
    time.sleep(0.3)
    if wall:
        assert how in ("seccomp", "netns") and outcome == "PermissionError" and listener.received == []
    else:
        assert listener.received and listener.received[0].startswith(b"POST /wall")


def test_the_endpoint_refuses_service_and_load_and_fetches_nothing(writable: ServerProcess, listener: Listener) -> None:
    for query in issue_spellings(listener.port):
        answer = sparql(writable, query)
        assert answer.status_code == 400, (query, answer.text)
    rng = random.Random(1616)
    for _ in range(60):
        query, real = fuzz_query(rng, listener.port)
        answer = sparql(writable, query)
        assert answer.status_code == 400 if real else answer.status_code in (200, 400), (query, answer.text)
        text = fuzz_update(rng, listener.port)
        assert update(writable, text).status_code == 400, text
    get = httpx.get(writable.url + "/sparql", params={"query": issue_spellings(listener.port)[0]})
    form = httpx.post(
        writable.url + "/sparql",
        data={"update": f"LOAD <http://127.0.0.1:{listener.port}/f>"},
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert get.status_code == 400 and "\\u" in get.text
    assert form.status_code == 400 and "LOAD is not allowed" in form.text
    time.sleep(0.3)
    assert listener.received == []
    assert sparql(writable, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").status_code == 200


# -- nesting and huge values ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "nested",
    [
        "{" * 4000 + "}" * 4000,
        "{ FILTER(" + "(" * 4000 + "1" + ")" * 4000 + ") }",
        "{ FILTER(" + "!" * 4000 + "true) }",
    ],
)
def test_deep_nesting_is_refused_before_parsing(writable: ServerProcess, nested: str, store_path: Path) -> None:
    import subprocess

    query = "SELECT * WHERE " + nested
    answer = sparql(writable, query)
    assert answer.status_code == 400 and "nested more than" in answer.text
    done = subprocess.run(
        [sys.executable, "-m", "eventgraph", "--store", str(store_path), "query", query],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1 and done.stderr.startswith("Error: ") and "nested more than" in done.stderr
    assert sparql(writable, "SELECT * WHERE { { { ?s ?p ?o } } } LIMIT 1").status_code == 200


def test_a_value_over_16_mb_is_refused_and_the_worker_lives(writable: ServerProcess) -> None:
    answer = sparql(writable, "SELECT ?o WHERE { ?s <http://p/huge> ?o }")
    assert answer.status_code == 422 and "16 MB" in answer.text
    assert sparql(writable, "SELECT (STRLEN(?o) AS ?n) WHERE { ?s <http://p/huge> ?o }").json()["results"]["bindings"][
        0
    ]["n"]["value"] == str(len(HUGE))


# -- resources: memory, slow bodies, log ---------------------------------------------------------------
def test_the_memory_ceiling_is_counted_above_the_resting_size() -> None:
    """--max-memory is room for a query: the same on a machine whose resting process reserves more."""
    import subprocess

    probe = (
        "import resource\n"
        "from eventgraph.sandbox import address_space, cap_memory\n"
        "ballast = [bytearray(64 << 20) for _ in range(4)]  # a heavier resting process\n"
        "resting = address_space()\n"
        "cap_memory(128 << 20)\n"
        "assert 0 < resting <= resource.getrlimit(resource.RLIMIT_AS)[0] - (128 << 20) < resting + (8 << 20)\n"
        "room = bytearray(64 << 20)  # within the room above the resting size\n"
        "try:\n"
        "    bytearray(256 << 20)\n"
        "except MemoryError:\n"
        "    print('stopped')\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "stopped"


def test_a_query_past_the_memory_limit_gets_503_and_the_server_goes_on(store_path: Path, tmp_path: Path) -> None:
    server = start(store_path, tmp_path, "--max-memory", "700", "--timeout", "60", "--workers", "1")
    try:
        # every triple against every triple against every triple, sorted: billions of rows held at once
        heavy = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?a ?c ?f ?i LIMIT 1"
        answer = sparql(server, heavy)
        assert answer.status_code == 503 and "700 MB" in answer.text
        assert sparql(server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").status_code == 200
    finally:
        server.stop()


def test_a_half_sent_body_times_out(store_path: Path, tmp_path: Path) -> None:
    server = start(store_path, tmp_path, "--body-timeout", "1")
    try:
        port = int(server.url.rsplit(":", 1)[1])
        with socket.create_connection(("127.0.0.1", port), timeout=10) as slow:
            slow.sendall(
                b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
                b"Content-Length: 1000\r\n\r\nSELECT"
            )
            started = time.monotonic()
            answer = slow.recv(4096)
        assert answer.startswith(b"HTTP/1.1 408") and time.monotonic() - started < 5
        assert sparql(server, "SELECT * WHERE { ?s ?p ?o } LIMIT 1").status_code == 200
    finally:
        server.stop()


def test_a_repeated_log_message_is_rate_limited() -> None:
    import logging

    from eventgraph.server import RateLimitedLog

    limiter = RateLimitedLog(burst=5, period=0.2)
    passed = sum(
        limiter.filter(logging.LogRecord("asyncio", logging.ERROR, "", 0, "accept failed", None, None))
        for _ in range(10_000)
    )
    assert passed == 5
    time.sleep(0.25)
    summary = logging.LogRecord("asyncio", logging.ERROR, "", 0, "accept failed", None, None)
    assert limiter.filter(summary) and "9995 more like it" in summary.getMessage()
    assert limiter.filter(logging.LogRecord("asyncio", logging.ERROR, "", 0, "another message", None, None))


# -- Host headers and binding --------------------------------------------------------------------------
def status_for_host(server: ServerProcess, host: str) -> int:
    return httpx.get(server.url + "/", headers={"Host": host}).status_code


def test_a_server_on_ipv6_loopback_answers_its_own_url(store_path: Path, tmp_path: Path) -> None:
    server = start(store_path, tmp_path, host="::1")
    try:
        port = server.url.rsplit(":", 1)[1]
        assert httpx.get(server.url + "/").status_code == 200  # Host: [::1]:port
        assert status_for_host(server, f"localhost:{port}") == 200
        assert status_for_host(server, f"evil.example:{port}") == 400
        assert status_for_host(server, f"[::2]:{port}") == 400
    finally:
        server.stop()


def test_another_loopback_address_still_checks_the_host(store_path: Path, tmp_path: Path) -> None:
    server = start(store_path, tmp_path, host="127.0.0.2")
    try:
        assert httpx.get(server.url + "/").status_code == 200
        assert status_for_host(server, "rebind.attacker.example") == 400
        assert status_for_host(server, "127.0.0.2.attacker.example:80") == 400
    finally:
        server.stop()


def test_a_non_loopback_address_needs_an_allow_host_list(store_path: Path, tmp_path: Path) -> None:
    import subprocess

    refused = subprocess.run(
        [
            sys.executable,
            "-m",
            "eventgraph",
            "--store",
            str(store_path),
            "serve",
            "--host",
            "0.0.0.0",
            "--port",
            str(free_port()),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert refused.returncode == 2 and "--allow-host" in refused.stderr
    star = subprocess.run(
        [
            sys.executable,
            "-m",
            "eventgraph",
            "--store",
            str(store_path),
            "serve",
            "--host",
            "0.0.0.0",
            "--allow-host",
            "*",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert star.returncode == 2 and "DNS rebinding" in star.stderr
    server = start(store_path, tmp_path, "--allow-host", "graph.example.org", host="0.0.0.0")
    try:
        port = server.url.rsplit(":", 1)[1]
        assert status_for_host(server, f"graph.example.org:{port}") == 200
        assert status_for_host(server, "graph.example.org") == 200
        assert status_for_host(server, f"rebind.attacker.example:{port}") == 400
        assert status_for_host(server, f"127.0.0.1:{port}") == 400
    finally:
        server.stop()


# -- uploads with values that break encoders ---------------------------------------------------------------
@pytest.mark.parametrize(
    "body",
    [
        b'{"article": {"title": "\\ud800"}, "events": []}',
        b'{"article": {"title": "T"}, "events": [{"type": "transfer", "actor": "Iran", "quantity": '
        + b"9" * 5000
        + b"}]}",
        b'{"article": {"title": "T", "title": "U"}, "events": []}',
        b'{"article": {"title": "T"}, "events": [{"type": "transfer", "actor": "Iran", "quantity": NaN}]}',
    ],
)
def test_uploads_with_bad_values_get_400(writable: ServerProcess, body: bytes) -> None:
    answer = httpx.post(
        writable.url + "/upload",
        content=body,
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {TOKEN}"},
    )
    assert answer.status_code == 400 and answer.text.startswith("not a JSON event document"), answer.text
