"""Every benchmark of issue 7 at the chosen sizes, one table each, with ratios and targets met or not.

    python benchmarks/run_all.py --events 10000 100000

1. ingest (benchmarks/ingest.py): eventgraph's write path (the lookup index written with the store: its
   build cost is in eventgraph's time) against pyoxigraph's bulk_load, peak memory;
2. lookups (benchmarks/lookups.py): library calls (from the lookup index) against the named SPARQL queries on
   pyoxigraph, every lookup from a cold process beside its named queries in a cold pyoxigraph process, and the
   index's size, over the store benchmark 1 wrote;
3. start-up (benchmarks/startup.py): `eventgraph --help` wall time, heavy imports of help and a lookup;
4. extraction (benchmarks/extract.py): articles/s against the bare spaCy pipeline, one and two processes;
5. views (benchmarks/views.py): `draw`'s path for 500, 5,000 and 20,000 nodes against pyvis, settle time;
6. engines (benchmarks/store_engines.py): rdflib's memory store on the same lookups, up to --rdflib-max events.

Each benchmark measures its own baseline in the same run.  Not part of the test suite.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import sys
import tempfile
import time
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import extract  # noqa: E402
import ingest  # noqa: E402
import lookups  # noqa: E402
import startup  # noqa: E402
import store_engines  # noqa: E402
import views  # noqa: E402

BENCHMARKS = ("ingest", "lookups", "startup", "extract", "views", "engines")


def versions() -> str:
    names = ("eventgraph", "pyoxigraph", "rdflib", "spacy", "pyvis", "networkx", "playwright")
    found = []
    for name in names:
        with contextlib.suppress(metadata.PackageNotFoundError):
            found.append(f"{name} {metadata.version(name)}")
    return ", ".join([f"Python {platform.python_version()}", *found])


def section(title: str, lines: list[str], started: float) -> None:
    print(f"\n### {title}\n\n" + "\n".join(lines) + f"\n\n({time.perf_counter() - started:.0f} s)", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, nargs="+", default=[10_000], help="sizes for ingest and lookups")
    parser.add_argument("--nodes", type=int, nargs="+", default=[500, 5000, 20000], help="sizes for views")
    parser.add_argument("--articles", type=int, default=500, help="articles per extraction run")
    parser.add_argument("--rdflib-max", type=int, default=100_000, help="largest size rdflib is loaded at")
    parser.add_argument("--only", nargs="+", choices=BENCHMARKS, default=list(BENCHMARKS))
    parser.add_argument("--repeat", type=int, default=5, help="runs per lookup timing (median)")
    args = parser.parse_args()
    print(
        f"# eventgraph benchmarks, {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC\n\n"
        f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}; {versions()}\n"
        f"command: python benchmarks/run_all.py {' '.join(sys.argv[1:])}",
        flush=True,
    )
    with tempfile.TemporaryDirectory() as tmp:
        stores = {n: Path(tmp) / f"store-{n}" for n in args.events}
        if "ingest" in args.only:
            started = time.perf_counter()
            results = [ingest.measure(n, keep_store=stores[n]) for n in args.events]
            section(
                "1. Structured ingest (target: ratio >= 0.5 and peak RSS < 2 GB at 1M events)",
                ingest.table(results),
                started,
            )
        if "lookups" in args.only:
            started = time.perf_counter()
            results = [lookups.measure(n, stores[n], args.repeat) for n in args.events]
            section(
                "2. Lookups (targets at 1M events: every lookup from a cold process < 1 s, path < 2 s; "
                "the library reads the lookup index, raw = the named queries on pyoxigraph)",
                lookups.table(results),
                started,
            )
        if "startup" in args.only:
            started = time.perf_counter()
            largest = stores[max(args.events)]
            section(
                "3. Start-up (target: --help < 0.3 s; no spaCy, pyvis, networkx)",
                startup.table(startup.measure(largest if largest.exists() else None)),
                started,
            )
    if "extract" in args.only:
        started = time.perf_counter()
        section(
            "4. Extraction (target: extractor within 25% of bare spaCy)",
            extract.table(extract.measure(args.articles)),
            started,
        )
    if "views" in args.only:
        started = time.perf_counter()
        section(
            "5. Views (target: 20,000 nodes in < 3 s)", views.table([views.measure(n) for n in args.nodes]), started
        )
    if "engines" in args.only:
        started = time.perf_counter()
        sizes = [n for n in args.events if n <= args.rdflib_max]
        section(
            "6. pyoxigraph (the default) against rdflib's memory store",
            store_engines.table([store_engines.measure(n) for n in sizes]),
            started,
        )


if __name__ == "__main__":
    main()
