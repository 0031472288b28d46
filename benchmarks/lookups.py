"""Lookups: eventgraph's library calls against the same SPARQL run directly on pyoxigraph, and cold CLI runs.

For each size a store of synthetic events (benchmarks/synthetic.py) is written as ``eventgraph ingest`` writes
it (or an existing one is reused, ``--store``).  Four lookups, each timed as the library call (what the CLI
calls: query, rows to Python values, grouping) and as the same query text and bindings through
``pyoxigraph.Store.query`` with the rows listed (the median of --repeat runs each, after one warm-up):

- ``transfers --from X`` (find_transfers + group_transfers), ``events --actor X --since Y`` (list_events),
- an aggregate (events per type per year) and a 2-hop query (who supplies the actor's suppliers), both through
  ``EventStore.query``.

The library calls read the lookup index (eventgraph/eventindex.py) the store was written with; the raw side
runs the named queries that answered them before the index.  Then every lookup's wall time from a cold process
(``transfers``, ``events`` by actor, by type, ``timeline``, ``actor``, ``stats``, a page of ``stats --articles``,
``disputes``, ``events --disputed``, ``path``), each against a fresh ``python -c`` that opens the store
read-only and runs the named queries that answered the same lookup before the index, bound alike
(``--raw-repeat`` runs each, 1 by default: at 1,000,000 events they take minutes).  ``--no-library`` skips
the library pairs.

One article with claims (``docs/claims-example.txt``: a transfer asserted by one source and denied by two)
is ingested into every store, a built one or one given with ``--store`` (re-ingesting it changes nothing),
so that the lookups pay for who asserts and who denies their events as they do on a real store, and
``disputes`` and ``events --disputed`` have something to find.

    python benchmarks/lookups.py --events 10000 100000
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ACTOR = "Russia"
PATH_TO = "Ukraine"
TARGET_PATH_WALL_S = 2.0
ACTOR_IRI = "https://w3id.org/eventgraph/id/country/RUS"
SINCE = "2020"
TARGET_LIBRARY_RATIO = 1.5
TARGET_TRANSFERS_WALL_S = 1.0

AGGREGATE = """
SELECT ?type ?year (COUNT(?e) AS ?events) WHERE {
  ?e eg:eventType/skos:notation ?type ; eg:date ?d . BIND(SUBSTR(STR(?d), 1, 4) AS ?year) }
GROUP BY ?type ?year ORDER BY ?type ?year"""

TWO_HOP = """
SELECT ?second ?supplier (COUNT(DISTINCT ?e2) AS ?transfers) WHERE {
  ?e1 a eg:Transfer ; eg:recipient ?actor ; eg:actor ?supplier .
  ?e2 a eg:Transfer ; eg:recipient ?supplier ; eg:actor ?second .
  FILTER(?second != ?actor) }
GROUP BY ?second ?supplier ORDER BY DESC(?transfers)"""


def build_store(events: int, path: Path) -> None:
    """Synthetic events written as ``eventgraph ingest`` writes them: batches of 200 articles."""
    from eventgraph.backends.embedded import EventStore
    from eventgraph.mapping import map_article
    from synthetic import synthetic_articles

    with EventStore(path) as store:
        batch = []
        for article in synthetic_articles(events):
            batch.append(map_article(article))
            if len(batch) == 200:
                store.write_articles(batch)
                batch = []
        store.write_articles(batch)


CLAIMS_ARTICLE = Path(__file__).resolve().parent.parent / "docs" / "claims-example.txt"


def add_claims(path: Path) -> None:
    """The article with claims, ingested as a user would (unchanged on a second run)."""
    eventgraph = str(Path(sys.executable).with_name("eventgraph"))
    env = {**os.environ, "EVENTGRAPH_STORE": str(path)}
    subprocess.run(
        [eventgraph, "ingest", str(CLAIMS_ARTICLE), "--published", "2024-05-02"],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def median_time(work: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    result = work()  # warm-up: caches filled, the same for both sides
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def library_pairs(path: Path) -> list[tuple[str, Callable[[], Any], Callable[[], Any] | None]]:
    """(name, library call, raw pyoxigraph call) for each lookup, over one store (None: no SPARQL sent)."""
    import pyoxigraph as ox

    from eventgraph import lookups
    from eventgraph.backends.embedded import EventStore
    from eventgraph.formats import display
    from eventgraph.queries import named_query
    from eventgraph.sparqltext import bind_values
    from eventgraph.vocab import PREFIXES

    store = EventStore(path, read_only=True)
    raw = store._store  # the same open pyoxigraph store: both sides read the same files and caches
    actor = lookups.Resolver(store).resolve(ACTOR)
    dates = lookups.DateRange.parse(SINCE)

    def raw_query(text: str, bindings: dict[str, Any]) -> Callable[[], int]:
        bound = bind_values(text, bindings) if bindings else text  # the same text the library runs
        return lambda: len(list(raw.query(bound, prefixes=PREFIXES, use_default_graph_as_union=True)))

    def rows(text: str, bindings: dict[str, Any]) -> Callable[[], int]:
        return lambda: len([[display(v) for v in row] for row in store.query(text, bindings)])

    node = ox.NamedNode(actor.iri)
    other = lookups.Resolver(store).resolve(PATH_TO)
    return [
        (
            f"transfers --from {ACTOR}",
            lambda: len(lookups.group_transfers(lookups.find_transfers(store, supplier=actor))),
            raw_query(named_query("transfers").text_for(store), {"supplier": node}),
        ),
        (
            f"events --actor {ACTOR} --since {SINCE}",
            lambda: len(lookups.list_events(store, actor=actor, dates=dates)),
            raw_query(named_query("actor-events").text_for(store), {"actor": node, **dates.bindings()}),
        ),
        ("events per type per year", rows(AGGREGATE, {}), raw_query(AGGREGATE, {})),
        (
            f"2-hop: suppliers of {ACTOR}'s suppliers",
            rows(TWO_HOP, {"actor": node}),
            raw_query(TWO_HOP, {"actor": node}),
        ),
        (
            f"path {ACTOR} {PATH_TO}",
            lambda: len(lookups.find_paths(store, actor, other)),
            replay(store, raw, lambda: lookups.find_paths(store, actor, other)),
        ),
    ]


def replay(store: Any, raw: Any, work: Callable[[], Any]) -> Callable[[], int] | None:
    """The queries ``work`` sends to the store, recorded once, replayed on raw pyoxigraph."""
    from eventgraph.sparqltext import bind_values
    from eventgraph.vocab import PREFIXES

    texts: list[str] = []
    query = store.query

    def recording(text: str, bindings: Any = None) -> Any:
        texts.append(bind_values(text, bindings) if bindings else text)
        return query(text, bindings)

    store.query = recording
    try:
        work()
    finally:
        del store.query
    if not texts:  # answered from the lookup index: no SPARQL to replay
        return None
    return lambda: sum(len(list(raw.query(t, prefixes=PREFIXES, use_default_graph_as_union=True))) for t in texts)


def cold_wall(command: list[str], env: dict[str, str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


RAW_COLD = """
import sys, pyoxigraph as ox
from pathlib import Path
prefixes = {"eg": "https://w3id.org/eventgraph/ns#", "prov": "http://www.w3.org/ns/prov#",
  "rdfs": "http://www.w3.org/2000/01/rdf-schema#", "dcterms": "http://purl.org/dc/terms/",
  "oa": "http://www.w3.org/ns/oa#", "skos": "http://www.w3.org/2004/02/skos/core#",
  "sem": "http://semanticweb.cs.vu.nl/2009/11/sem/", "owl": "http://www.w3.org/2002/07/owl#"}
store = ox.Store.read_only(sys.argv[1])
rows = 0
for name in sys.argv[2:]:
    rows += len(list(store.query(Path(name).read_text(), prefixes=prefixes, use_default_graph_as_union=True)))
print(rows)
"""

# every lookup from a cold process, and the named queries that answered it before the index, replayed in a
# fresh pyoxigraph process (path: its breadth-first search sends many small queries, so none is replayed)
COLD_LOOKUPS: list[tuple[list[str], list[tuple[str, dict[str, str]]]]] = [
    (["transfers", "--from", ACTOR], [("transfers", {"supplier": ACTOR_IRI})]),
    (["events", "--actor", ACTOR, "--since", SINCE], [("actor-events", {"actor": ACTOR_IRI, "since": "2020-01-01"})]),
    (["events", "--actor", ACTOR, "--since", SINCE, "--limit", "50", "--offset", "1000"], []),  # one page of it
    (
        ["events", "--type", "sanction", "--since", "2024-06"],
        [("event-list", {"type": "egt:sanction", "since": "2024-06-01"})],
    ),
    (["timeline", ACTOR, "--since", "2024"], [("actor-timeline", {"actor": ACTOR_IRI, "since": "2024-01-01"})]),
    (
        ["actor", ACTOR],
        [
            ("actor", {"actor": ACTOR_IRI}),
            ("actor-roles", {"actor": ACTOR_IRI}),
            ("actor-partners", {"actor": ACTOR_IRI}),
            ("actor-sources", {"actor": ACTOR_IRI}),
            ("actor-timeline", {"actor": ACTOR_IRI}),
        ],
    ),
    (["stats"], [("stats-totals", {}), ("stats-classes", {}), ("stats-event-types", {})]),
    (["stats", "--articles", "--limit", "20", "--offset", "1000"], [("article-order", {})]),
    (["disputes"], []),
    (["events", "--disputed"], []),
    (["path", ACTOR, PATH_TO], []),
    (["path", ACTOR, "France"], []),
    (["path", "Chile", "Japan"], []),
]
TARGET_WALL_S = {"path": TARGET_PATH_WALL_S}


def raw_query_files(directory: Path, queries: list[tuple[str, dict[str, str]]]) -> list[str]:
    """The named queries' texts with their values bound as the library binds them, one file each."""
    import pyoxigraph as ox

    from eventgraph.queries import expand_iri, lateral_optionals, named_query
    from eventgraph.sparqltext import bind_values

    files = []
    for number, (name, values) in enumerate(queries):
        bindings = {
            k: ox.NamedNode(expand_iri(v)) if ":" in v and not v[0].isdigit() else ox.Literal(v)
            for k, v in values.items()
        }
        text = lateral_optionals(named_query(name).text)
        path = directory / f"{number}-{name}.rq"
        path.write_text(bind_values(text, bindings) if bindings else text, encoding="utf-8")
        files.append(str(path))
    return files


def cold_runs(path: Path, repeat: int, raw_repeat: int = 1) -> list[tuple[str, float, float | None]]:
    """Each lookup's median wall time from a cold process, beside its named queries' on raw pyoxigraph."""
    env = {**os.environ, "EVENTGRAPH_STORE": str(path)}
    eventgraph = str(Path(sys.executable).with_name("eventgraph"))
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for args, queries in COLD_LOOKUPS:
            wall = cold_wall([eventgraph, *args], env, repeat)
            raw = None
            if queries and raw_repeat:
                files = raw_query_files(Path(tmp), queries)
                raw = cold_wall([sys.executable, "-c", RAW_COLD, str(path), *files], env, raw_repeat)
            results.append((f"eventgraph {' '.join(args)}", wall, raw))
    return results


def index_size(path: Path) -> float:
    """The lookup index's size on disk beside the store, MB (its write-ahead log included)."""
    from eventgraph.index.database import index_path

    index = index_path(path)
    return sum(p.stat().st_size for p in index.parent.glob(index.name + "*")) / 1e6


LOOKUP_HEADER = [
    "| events | lookup | raw SPARQL rows | library s | raw pyoxigraph s | library / raw (target <= 1.5) |",
    "| ---: | --- | ---: | ---: | ---: | ---: |",
]
COLD_HEADER = [
    "| events | cold process | wall s | the same named queries on raw pyoxigraph, cold process s | target |",
    "| ---: | --- | ---: | ---: | --- |",
]


def measure(
    events: int,
    store: Path | None = None,
    repeat: int = 5,
    show: Callable[[str], None] | None = None,
    only: str | None = "",
    cold: bool = True,
    raw_repeat: int = 1,
) -> dict[str, Any]:
    """One size; ``show`` gets each table row as soon as it is measured (a 1M-event run takes long).

    ``only=None`` skips the library pairs; ``raw_repeat=0`` skips the raw pyoxigraph processes."""
    with tempfile.TemporaryDirectory() as tmp:
        if store is None or not (store / "CURRENT").exists():
            store = store or Path(tmp) / "store"
            build_store(events, store)
        add_claims(store)
        result: dict[str, Any] = {"events": events, "lookups": [], "cold": [], "index_mb": index_size(store)}
        if show:
            show(f"lookup index beside the store: {result['index_mb']:,.0f} MB\n")
            show("\n".join(LOOKUP_HEADER))
        for name, library, raw in library_pairs(store) if only is not None else []:
            if only not in name:
                continue
            library_s, library_rows = median_time(library, repeat)
            raw_s, raw_rows = median_time(raw, repeat) if raw is not None else (None, None)
            result["lookups"].append(
                {"name": name, "library_s": library_s, "raw_s": raw_s, "rows": raw_rows, "results": library_rows}
            )
            if show:
                show(lookup_row(events, result["lookups"][-1]))
        if show:
            show("\n" + "\n".join(COLD_HEADER))
        for cold_run in cold_runs(store, repeat, raw_repeat) if cold else []:
            result["cold"].append(cold_run)
            if show:
                show(cold_row(events, *cold_run))
    return result


def lookup_row(events: int, x: dict[str, Any]) -> str:
    if x["raw_s"] is None:
        return f"| {events:,} | {x['name']} | | {x['library_s']:.3f} | | answered from the index: no SPARQL |"
    ratio = x["library_s"] / x["raw_s"]
    met = "met" if ratio <= TARGET_LIBRARY_RATIO else "NOT met"
    return (
        f"| {events:,} | {x['name']} | {x['rows']:,} | {x['library_s']:.3f} | {x['raw_s']:.3f} | {ratio:.2f} ({met}) |"
    )


def cold_row(events: int, name: str, wall: float, raw: float | None) -> str:
    limit = TARGET_PATH_WALL_S if " path " in name else TARGET_TRANSFERS_WALL_S
    target = f"< {limit:g} s: " + ("met" if wall < limit else "NOT met")
    return f"| {events:,} | `{name}` | {wall:.2f} | {'' if raw is None else f'{raw:.2f}'} | {target} |"


def table(results: list[dict[str, Any]]) -> list[str]:
    lines = [f"lookup index at {r['events']:,} events: {r['index_mb']:,.0f} MB" for r in results]
    lines += ["", *LOOKUP_HEADER]
    lines += [lookup_row(r["events"], x) for r in results for x in r["lookups"]]
    lines += ["", *COLD_HEADER]
    lines += [cold_row(r["events"], *c) for r in results for c in r["cold"]]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--store", type=Path, help="reuse (or keep) the store for a single --events size")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--only", default="", metavar="TEXT", help="only the library lookups whose name has TEXT")
    parser.add_argument("--no-cold", action="store_true", help="skip the cold-process runs")
    parser.add_argument("--no-library", action="store_true", help="skip the library pairs (cold runs only)")
    parser.add_argument("--raw-repeat", type=int, default=1, help="runs of each raw pyoxigraph process (0: none)")
    args = parser.parse_args()
    if len(args.events) == 1:  # rows are printed as they are measured
        measure(
            args.events[0],
            args.store,
            args.repeat,
            show=lambda line: print(line, flush=True),
            only=None if args.no_library else args.only,
            cold=not args.no_cold,
            raw_repeat=args.raw_repeat,
        )
        return
    options = {
        "only": None if args.no_library else args.only,
        "cold": not args.no_cold,
        "raw_repeat": args.raw_repeat,
    }
    print("\n".join(table([measure(n, None, args.repeat, **options) for n in args.events])))


if __name__ == "__main__":
    main()
