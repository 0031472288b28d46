"""The embedded store against SPARQL servers over HTTP: the same synthetic events written and looked up.

Run:  python benchmarks/remote_store.py --events 2000
Starts the Oxigraph server (pip install oxigraph) and Virtuoso (Debian virtuoso-opensource) on free loopback
ports when they are installed, writes the same articles in batches of 200 to each, runs three lookups, and
prints the times with their ratio to the embedded store's.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "tests"), str(REPO / "benchmarks")]

from eventgraph.backends.embedded import EventStore  # noqa: E402
from eventgraph.backends.sparql import SparqlStore  # noqa: E402
from eventgraph.lookups import Resolver, actor_profile, find_transfers, list_events  # noqa: E402
from eventgraph.mapping import map_article  # noqa: E402
from servers import ServerProcess, free_port  # noqa: E402
from synthetic import synthetic_articles  # noqa: E402
from test_remote import VIRTUOSO_INI  # noqa: E402


def start_servers(tmp: Path) -> dict[str, tuple[ServerProcess, dict[str, str]]]:
    servers = {}
    oxigraph = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    if Path(oxigraph).exists():
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        server = ServerProcess(
            [oxigraph, "serve", "--location", str(tmp / "ox"), "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
            url,
            tmp / "ox.log",
        )
        server.wait(url + "/query?query=ASK%7B%7D")
        servers["oxigraph server"] = (server, {"query_url": f"{url}/query", "update_url": f"{url}/update"})
    virtuoso = shutil.which("virtuoso-t")
    if virtuoso:
        http_port, sql_port = free_port(), free_port()
        (tmp / "virtuoso").mkdir()
        ini = tmp / "virtuoso" / "virtuoso.ini"
        ini.write_text(VIRTUOSO_INI.format(dir=tmp / "virtuoso", sql_port=sql_port, http_port=http_port))
        url = f"http://127.0.0.1:{http_port}"
        server = ServerProcess([virtuoso, "+foreground", "+configfile", str(ini)], url, tmp / "virtuoso.log")
        server.wait(url + "/sparql?query=ASK%7B%7D", timeout=90)
        servers["virtuoso"] = (server, {"query_url": f"{url}/sparql-auth"})
    return servers


def measure(store, mapped) -> dict[str, float]:
    times = {}
    start = time.perf_counter()
    for index in range(0, len(mapped), 200):
        store.write_articles(mapped[index : index + 200])
    store.flush()
    times["write"] = time.perf_counter() - start
    resolver = Resolver(store)
    russia = resolver.resolve("Russia")
    for name, lookup in (
        ("transfers from Russia", lambda: find_transfers(store, supplier=russia)),
        ("events of Russia", lambda: list_events(store, actor=russia)),
        ("profile of Russia", lambda: actor_profile(store, russia)),
    ):
        start = time.perf_counter()
        lookup()
        times[name] = time.perf_counter() - start
    return times


def main() -> None:
    import httpx

    from eventgraph.backends.sparql import Endpoint

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=2000)
    args = parser.parse_args()
    mapped = [map_article(a) for a in synthetic_articles(args.events)]
    quads = sum(len(m.quads) + len(m.entity_quads) for m in mapped)
    print(f"{args.events} events in {len(mapped)} articles, {quads} quads")
    with tempfile.TemporaryDirectory() as tmp:
        with EventStore(Path(tmp) / "embedded") as embedded:
            results = {"embedded": measure(embedded, mapped)}
        servers = start_servers(Path(tmp))
        try:
            for name, (_, urls) in servers.items():
                auth = httpx.DigestAuth("dba", "dba") if name == "virtuoso" else None
                store = SparqlStore(urls["query_url"], update_url=urls.get("update_url"), endpoint=Endpoint(auth=auth))
                with store:
                    results[name] = measure(store, mapped)
        finally:
            for server, _ in servers.values():
                server.stop()
    base = results["embedded"]
    print(
        f"{'step':<24}"
        + "".join(f"{name:>18}" for name in results)
        + "".join(f"{name + ' / embedded':>30}" for name in results if name != "embedded")
    )
    for step in base:
        print(
            f"{step:<24}"
            + "".join(f"{r[step]:>17.3f}s" for r in results.values())
            + "".join(f"{results[n][step] / base[step]:>29.1f}x" for n in results if n != "embedded")
        )


if __name__ == "__main__":
    main()
