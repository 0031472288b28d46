"""Fuzz the article readers, the event file reader and the importers for a fixed time budget.

Each round takes one of the repository's fixtures (articles in ``tests/data/articles/``, the seed event
file, the importer samples in ``tests/data/importers/``), mutates its bytes (bit flips, deleted, repeated and
inserted chunks, truncation, and tokens known to hurt parsers: NUL bytes, bidi marks, quotes, newlines,
deep nesting, impossible dates, huge numbers) and feeds it to the reader that owns it: ``read_article_file``
(.txt, .html, .jsonl), the extractor (read, extract, map: what ``ingest`` does with an article),
``read_event_file`` followed by ``map_article`` (the seed event file) and ``import_file``
into an in-memory store (SIPRI, GDELT, ACLED).  A reader may refuse input only with an ``EventGraphError``;
any other exception is a finding.  Event files (YAML, and the seed as JSON) also get the values that made
one file abort a whole batch (lone surrogates, numbers of 5,000 digits, NaN, 1e999, repeated keys) and
``text_file`` lines pointing out of the folder or at ``/dev/zero``.

Two more targets go through ``eventgraph serve``, started on a store of the examples with a write token:
"sparql query" mutates the shipped named queries and a federated one with SPARQL tokens (SERVICE and LOAD
spellings, ``\\u`` escapes, comments, quotes, nesting thousands deep) and posts them as queries; "sparql
update" posts mutated updates (LOAD, INSERT, DELETE around SERVICE) with the token.  A 4xx answer is a
refusal; a 5xx other than 503 (a query stopped at its limit), a server that stops answering, or any
connection to a listening socket on loopback that every SERVICE and LOAD points at (a fetch that left the
query process) is a finding.  An input that keeps a reader busy for two minutes is a finding too (``Hang``).
Findings are counted by reader and exception type, and the first input of each kind is saved under ``--out``
to reproduce it.

    python benchmarks/fuzz.py --seconds 60
    python benchmarks/fuzz.py --seconds 600 --targets sparql   # the endpoint only
"""

from __future__ import annotations

import argparse
import json
import random
import signal
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
TOKENS = [
    b"\x00",
    b"\xff\xfe",
    b"\xe2\x80\x8f",
    b"\xe2\x80\xae",
    b'"',
    b"'",
    b"\n",
    b"\r",
    b"\t",
    b",",
    b"\\",
    b"[" * 5000,
    b"{" * 5000,
    b"- " * 3000,
    b"0000-00-00",
    b"2024-02-30",
    b"9" * 400,
    b"-1",
    b"1e309",
    b"&#0;",
    b"<script>",
    b"</p>",
    b"\xc3",
    b"\xed\xa0\x80",
    b"%s%n",
    b"\x1b[2J",
    b"::",
    b"*",
    b"?",
    # values that made one file abort a whole batch, and paths an event file must not read (issue 16)
    b"\\ud800",
    b'"\\udfff"',
    b"9" * 5000,
    b"NaN",
    b"1e999",
    b".inf",
    b".nan",
    b"-Infinity",
    b"\x0c",
    b"\ntext_file: ../../../../../../etc/passwd\n",
    b"\ntext_file: /dev/zero\n",
    b'"text_file": "/dev/zero", ',
    b'"title": "again", ',
    b"\ntitle: again\n",
]
# SPARQL that a lexer or a parser can misread, and SERVICE/LOAD aimed at the listener (PORT is replaced)
SPARQL_TOKENS = [
    b"SERVICE <http://127.0.0.1:PORT/s> { ?a ?b ?c }",
    b"SERVICE SILENT <http://127.0.0.1:PORT/q> {}",
    b"SERVICE ?g { ?x ?y ?z }",
    b"VALUES ?g { <http://127.0.0.1:PORT/v> }",
    b"<http://x/\\u0041#>",
    b"<http://x/\\U00000041#>",
    b"<http://x/\\u0041'>",
    b"eg:x\\'",
    b"eg:x\\#",
    b"\\u0022",
    b"#",
    b"'",
    b'"',
    b'"""',
    b"'''",
    b"\n",
    b"{",
    b"}",
    b"(",
    b")",
    b"!",
    b"^",
    b"{" * 4000,
    b"(" * 4000,
    b"!" * 4000,
    b"[" * 3000,
    b"- " * 3000,
    b"LATERAL",
    b"OPTIONAL",
    b"UNION",
    b"MINUS",
    b"FILTER(",
    b"BIND(",
    b" AS ?x)",
    b"GRAPH ?g",
    b"ORDER BY ?e",
    b"LIMIT 0",
    b"\x00",
    b"\xed\xa0\x80",
    b'"' + b"a" * 100 + b'"',
    b"?event",
    b";",
    b".",
    b",",
    b"*",
    b"a",
    b"<",
    b">",
    b"\\",
]
UPDATES = [
    b"LOAD <http://127.0.0.1:PORT/l>",
    b"LOAD SILENT <http://127.0.0.1:PORT/l> INTO GRAPH <http://g/>",
    b"INSERT DATA { GRAPH <https://w3id.org/eventgraph/id/article/fuzz> { <http://s/> <http://p/> 'o' } }",
    b"DELETE { ?s ?p ?o } WHERE { SERVICE <http://127.0.0.1:PORT/d> { ?s ?p ?o } }",
    b"DELETE WHERE { GRAPH <https://w3id.org/eventgraph/id/article/fuzz> { ?s ?p ?o } }",
]


def mutate(data: bytes, rng: random.Random, tokens: list[bytes] = TOKENS) -> bytes:
    buffer = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        operation = rng.randrange(6)
        position = rng.randint(0, len(buffer))
        if operation == 0 and buffer:
            index = min(position, len(buffer) - 1)
            buffer[index] ^= 1 << rng.randrange(8)
        elif operation == 1:
            del buffer[position : position + rng.randint(1, 64)]
        elif operation == 2:
            chunk = bytes(buffer[position : position + rng.randint(1, 200)])
            buffer[position:position] = chunk * rng.randint(1, 20)
        elif operation == 3:
            buffer[position:position] = rng.choice(tokens)
        elif operation == 4:
            del buffer[position:]
        else:
            buffer[position:position] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
    return bytes(buffer)


def readers() -> dict[str, tuple[list[Path], str, Callable[[Path], object]]]:
    """Reader name -> (fixtures, suffix, function that reads a file)."""
    from eventgraph.articles import read_article_file
    from eventgraph.backends.embedded import EventStore
    from eventgraph.errors import EventGraphError
    from eventgraph.eventfile import read_event_file
    from eventgraph.gazetteer import Gazetteer
    from eventgraph.importers import import_format
    from eventgraph.importers.common import import_file
    from eventgraph.mapping import map_article

    gazetteer = Gazetteer.default()
    articles = sorted((REPO / "tests" / "data" / "articles").glob("*.txt"))
    imports = REPO / "tests" / "data" / "importers"

    def event_file(path: Path) -> object:
        return map_article(read_event_file(path, gazetteer).document, gazetteer)

    def importer(name: str) -> Callable[[Path], object]:
        fmt = import_format(name)

        def run(path: Path) -> object:
            report = import_file(EventStore(), fmt, path, gazetteer=gazetteer)
            if report.failed:  # an importer reports a file it cannot read instead of raising
                raise EventGraphError(report.error or "every row malformed")
            return report

        return run

    extractor = None

    def extract(path: Path) -> object:  # what ingest does with an article: read, extract, map
        nonlocal extractor
        from eventgraph.extract import Extractor

        extractor = extractor or Extractor(gazetteer)
        return [map_article(extractor.extract(article), gazetteer) for article in read_article_file(path)]

    return {
        "event file .json": (
            [REPO / "data" / "examples" / "00_seed_nk_troops_drones_russia.yaml"],
            ".json",
            event_file,
        ),
        "article .txt": (articles, ".txt", lambda p: list(read_article_file(p))),
        "extract .txt": (articles, ".txt", extract),
        "article .html": (articles, ".html", lambda p: list(read_article_file(p))),
        "article .jsonl": (articles, ".jsonl", lambda p: list(read_article_file(p))),
        "event file": ([REPO / "data" / "examples" / "00_seed_nk_troops_drones_russia.yaml"], ".yaml", event_file),
        "sipri": (
            [imports / "sipri_register_utf8.csv", imports / "sipri_register_cp1252.csv"],
            ".csv",
            importer("sipri"),
        ),
        "gdelt": ([imports / "gdelt2_export.tsv", imports / "gdelt1_daily.tsv"], ".tsv", importer("gdelt")),
        "acled": ([imports / "acled_export.csv"], ".csv", importer("acled")),
    }


HANG_SECONDS = 120  # one input; the slowest reader (extract) takes a few seconds on the largest fixture


class Hang(Exception):
    """One input kept a reader busy for HANG_SECONDS."""


def _hang(signum: int, frame: object) -> None:
    raise Hang(f"still reading after {HANG_SECONDS} s")


class EndpointFailure(Exception):
    """A 5xx other than 503, a server that stopped answering, or a connection to the listener."""


class Endpoint:
    """``eventgraph serve`` on a copy of a store of the examples, with a write token, and a listening socket on
    loopback that every SERVICE and LOAD of the inputs points at; it must never get a connection."""

    TOKEN = "fuzz-write-token"

    def __init__(self, work: Path) -> None:
        import socket
        import threading

        from eventgraph.backends.embedded import EventStore
        from eventgraph.pipeline import ingest_paths

        self.store = work / "served-store"
        with EventStore(self.store) as store:
            ingest_paths(store, [REPO / "data" / "examples"])
        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(64)
        self.listener.settimeout(0.2)
        self.port = self.listener.getsockname()[1]
        self.fetches = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()
        self.log = work / "serve.log"
        self.process: Any = None
        self.restarts = -1
        self.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self.listener.accept()
            except OSError:
                continue
            self.fetches += 1
            connection.close()

    def start(self) -> None:
        import os
        import socket
        import subprocess

        import httpx

        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"
        command = [
            sys.executable,
            "-m",
            "eventgraph",
            "--store",
            str(self.store),
            "serve",
            "--port",
            str(port),
            "--timeout",
            "5",
            "--max-memory",
            "1024",
            "--max-body",
            "2000000",
        ]
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                command, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "EVENTGRAPH_WRITE_TOKEN": self.TOKEN}
            )
        for _ in range(300):
            try:
                httpx.get(self.url + "/", timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        self.restarts += 1

    def send(self, body: bytes, *, update: bool) -> int:
        import httpx

        body = body.replace(b"PORT", str(self.port).encode())
        headers = {
            "Content-Type": "application/sparql-update" if update else "application/sparql-query",
            "Accept": "application/sparql-results+json",
        }
        if update:
            headers["Authorization"] = f"Bearer {self.TOKEN}"
        before = self.fetches
        try:
            status = httpx.post(self.url + "/sparql", content=body, headers=headers, timeout=60).status_code
        except httpx.TransportError as error:
            alive = self.process.poll() is None
            if not alive:
                self.start()
            raise EndpointFailure(f"no answer ({type(error).__name__}); server {'up' if alive else 'down'}") from None
        time.sleep(0.01)
        if self.fetches != before:
            raise EndpointFailure(f"a fetch left the query process: {self.fetches - before} connection(s)")
        if status >= 500 and status != 503:
            raise EndpointFailure(f"HTTP {status}")
        return status

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self.listener.close()
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(30)


def endpoint_targets(endpoint: Endpoint) -> dict[str, tuple[list[bytes], str, Callable[[Path], object]]]:
    """Target name -> (seed inputs, suffix, function sending a file's bytes); a 4xx answer is a refusal."""
    from eventgraph.errors import EventGraphError
    from eventgraph.queries import named_queries

    def sender(update: bool) -> Callable[[Path], object]:
        def send(path: Path) -> object:
            status = endpoint.send(path.read_bytes(), update=update)
            if status >= 400:
                raise EventGraphError(f"HTTP {status}")
            return status

        return send

    federated = [
        b"SELECT * WHERE { OPTIONAL { ?s <http://x/\\u0041#> ?o } SERVICE <http://127.0.0.1:PORT/x> { ?a ?b ?c } }",
        b"SELECT * WHERE { ?e a eg:Transfer } LIMIT 5",
    ]
    queries = [q.text.encode() for q in named_queries().values()] + federated
    return {"sparql query": (queries, ".rq", sender(False)), "sparql update": (UPDATES, ".ru", sender(True))}


def seed_bytes(name: str, path: Path) -> bytes:
    """A fixture's bytes in the reader's own format (articles wrapped as HTML or as a JSON Lines corpus)."""
    import html

    data = path.read_bytes()
    if name == "event file .json":
        import yaml

        return json.dumps(yaml.safe_load(data), default=str, indent=1).encode()
    if name == "article .html":
        text = data.decode("utf-8")
        paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n\n"))
        return (
            f"<html><head><title>{html.escape(text.splitlines()[0])}</title></head><body><article>"
            f"{paragraphs}</article></body></html>".encode()
        )
    if name == "article .jsonl":
        text = data.decode("utf-8")
        return (
            json.dumps({"title": text.splitlines()[0], "text": text, "published": "2024-05-01"}) + "\n"
        ).encode() * 3
    return data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="time budget")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--out",
        type=Path,
        default=Path(tempfile.gettempdir()) / "eventgraph-fuzz",
        help="where the first input of each finding is saved",
    )
    parser.add_argument(
        "--targets",
        choices=["all", "readers", "sparql"],
        default="all",
        help="the readers, the endpoint (sparql query and update), or both",
    )
    args = parser.parse_args()
    from eventgraph.errors import EventGraphError

    signal.signal(signal.SIGALRM, _hang)
    rng = random.Random(args.seed)
    runs: Counter[str] = Counter()
    refused: Counter[str] = Counter()
    findings: Counter[tuple[str, str]] = Counter()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        targets: dict[str, tuple[Any, str, Callable[[Path], object]]] = {}
        seeds: dict[str, list[bytes]] = {}
        if args.targets in ("all", "readers"):
            targets.update(readers())
            seeds.update({name: [seed_bytes(name, p) for p in paths] for name, (paths, _, _) in targets.items()})
        endpoint = Endpoint(Path(work)) if args.targets in ("all", "sparql") else None
        if endpoint is not None:
            served = endpoint_targets(endpoint)
            targets.update(served)
            seeds.update({name: inputs for name, (inputs, _, _) in served.items()})
        deadline = time.monotonic() + args.seconds
        while time.monotonic() < deadline:
            name = rng.choice(list(targets))
            _, suffix, read = targets[name]
            tokens = SPARQL_TOKENS if name.startswith("sparql") else TOKENS
            data = mutate(rng.choice(seeds[name]), rng, tokens)
            path = Path(work) / f"input{suffix}"
            path.write_bytes(data)
            runs[name] += 1
            signal.alarm(HANG_SECONDS)  # a reader still busy then is a finding (Hang), not a stalled run
            try:
                read(path)
            except EventGraphError:
                refused[name] += 1
            except Exception as error:  # noqa: BLE001 - every other exception is what we are looking for
                key = (name, type(error).__name__)
                if not findings[key]:
                    saved = args.out / f"{name.replace(' ', '_').replace('.', '')}-{type(error).__name__}{suffix}"
                    saved.write_bytes(data)
                    print(
                        f"finding: {name}: {type(error).__name__}: {str(error)[:200]} (input: {saved})", file=sys.stderr
                    )
                    traceback.print_exc(limit=-3, file=sys.stderr)
                findings[key] += 1
            finally:
                signal.alarm(0)
        if endpoint is not None:
            endpoint.close()
            time.sleep(0.3)
    print(f"{'reader':<16} {'inputs':>7} {'refused':>8} {'crashes':>8}")
    for name in targets:
        crashes = sum(n for (reader, _), n in findings.items() if reader == name)
        print(f"{name:<16} {runs[name]:>7} {refused[name]:>8} {crashes:>8}")
    if endpoint is not None:
        print(
            f"endpoint: {endpoint.fetches} connection(s) to the listener (fetches that left a query process), "
            f"{endpoint.restarts} server restart(s)"
        )
    print(
        f"{sum(runs.values())} inputs in {args.seconds:g} s; findings by exception type: "
        + (", ".join(f"{r}: {e} x{n}" for (r, e), n in sorted(findings.items())) or "none")
    )


if __name__ == "__main__":
    main()
