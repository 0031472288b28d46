"""Lookups: eventgraph's library calls against the same SPARQL run directly on pyoxigraph, and cold CLI runs.

For each size a store of synthetic events (benchmarks/synthetic.py) is written as ``eventgraph ingest`` writes
it (or an existing one is reused, ``--store``).  Four lookups, each timed as the library call (what the CLI
calls: query, rows to Python values, grouping) and as the same query text and bindings through
``pyoxigraph.Store.query`` with the rows listed (the median of --repeat runs each, after one warm-up):

- ``transfers --from X`` (find_transfers + group_transfers), ``events --actor X --since Y`` (list_events),
- an aggregate (events per type per year) and a 2-hop query (who supplies the actor's suppliers), both through
  ``EventStore.query``.

Then wall times from a cold process: ``eventgraph transfers --from X`` and ``events --actor X --since Y``,
against a fresh ``python -c`` that opens the store read-only and runs the same transfers query with pyoxigraph.

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
    from eventgraph.mapping import map_article
    from eventgraph.store import EventStore
    from synthetic import synthetic_articles

    with EventStore(path) as store:
        batch = []
        for article in synthetic_articles(events):
            batch.append(map_article(article))
            if len(batch) == 200:
                store.write_articles(batch)
                batch = []
        store.write_articles(batch)


def median_time(work: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    result = work()  # warm-up: caches filled, the same for both sides
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def library_pairs(path: Path) -> list[tuple[str, Callable[[], Any], Callable[[], Any]]]:
    """(name, library call, raw pyoxigraph call) for each lookup, over one store."""
    import pyoxigraph as ox

    from eventgraph import lookups
    from eventgraph.formats import display
    from eventgraph.queries import named_query
    from eventgraph.sparqltext import bind_values
    from eventgraph.store import EventStore
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


def replay(store: Any, raw: Any, work: Callable[[], Any]) -> Callable[[], int]:
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
  "oa": "http://www.w3.org/ns/oa#", "skos": "http://www.w3.org/2004/02/skos/core#"}
store = ox.Store.read_only(sys.argv[1])
text = Path(sys.argv[2]).read_text()
rows = list(store.query(text, prefixes=prefixes, use_default_graph_as_union=True))
print(len(rows))
"""


def cold_runs(path: Path, repeat: int) -> list[tuple[str, float, float | None]]:
    import pyoxigraph as ox

    from eventgraph.queries import lateral_optionals, named_query
    from eventgraph.sparqltext import bind_values

    env = {**os.environ, "EVENTGRAPH_STORE": str(path)}
    eventgraph = str(Path(sys.executable).with_name("eventgraph"))
    with tempfile.NamedTemporaryFile("w", suffix=".rq", delete=False) as handle:
        # the query text the library runs, with the supplier bound as it binds it (a VALUES block)
        handle.write(
            bind_values(lateral_optionals(named_query("transfers").text), {"supplier": ox.NamedNode(ACTOR_IRI)})
        )
    try:
        raw = cold_wall([sys.executable, "-c", RAW_COLD, str(path), handle.name], env, repeat)
    finally:
        os.unlink(handle.name)
    transfers = cold_wall([eventgraph, "transfers", "--from", ACTOR], env, repeat)
    events = cold_wall([eventgraph, "events", "--actor", ACTOR, "--since", SINCE], env, repeat)
    path_wall = cold_wall([eventgraph, "path", ACTOR, PATH_TO], env, repeat)
    return [
        (f"eventgraph path {ACTOR} {PATH_TO}", path_wall, None),
        (f"eventgraph transfers --from {ACTOR}", transfers, raw),
        (f"eventgraph events --actor {ACTOR} --since {SINCE}", events, None),
    ]


LOOKUP_HEADER = [
    "| events | lookup | raw SPARQL rows | library s | raw pyoxigraph s | library / raw (target <= 1.5) |",
    "| ---: | --- | ---: | ---: | ---: | ---: |",
]
COLD_HEADER = [
    "| events | cold process | wall s | raw pyoxigraph process s | target |",
    "| ---: | --- | ---: | ---: | --- |",
]


def measure(
    events: int,
    store: Path | None = None,
    repeat: int = 5,
    show: Callable[[str], None] | None = None,
    only: str = "",
    cold: bool = True,
) -> dict[str, Any]:
    """One size; ``show`` gets each table row as soon as it is measured (a 1M-event run takes long)."""
    with tempfile.TemporaryDirectory() as tmp:
        if store is None or not (store / "CURRENT").exists():
            store = store or Path(tmp) / "store"
            build_store(events, store)
        result: dict[str, Any] = {"events": events, "lookups": [], "cold": []}
        if show:
            show("\n".join(LOOKUP_HEADER))
        for name, library, raw in library_pairs(store):
            if only not in name:
                continue
            library_s, library_rows = median_time(library, repeat)
            raw_s, raw_rows = median_time(raw, repeat)
            result["lookups"].append(
                {"name": name, "library_s": library_s, "raw_s": raw_s, "rows": raw_rows, "results": library_rows}
            )
            if show:
                show(lookup_row(events, result["lookups"][-1]))
        if show:
            show("\n" + "\n".join(COLD_HEADER))
        for cold_run in cold_runs(store, repeat) if cold else []:
            result["cold"].append(cold_run)
            if show:
                show(cold_row(events, *cold_run))
    return result


def lookup_row(events: int, x: dict[str, Any]) -> str:
    ratio = x["library_s"] / x["raw_s"]
    met = "met" if ratio <= TARGET_LIBRARY_RATIO else "NOT met"
    return (
        f"| {events:,} | {x['name']} | {x['rows']:,} | {x['library_s']:.3f} | {x['raw_s']:.3f} | {ratio:.2f} ({met}) |"
    )


def cold_row(events: int, name: str, wall: float, raw: float | None) -> str:
    target = "-"
    if "transfers" in name:
        target = f"< {TARGET_TRANSFERS_WALL_S} s: " + ("met" if wall < TARGET_TRANSFERS_WALL_S else "NOT met")
    if " path " in name:
        target = f"< {TARGET_PATH_WALL_S} s: " + ("met" if wall < TARGET_PATH_WALL_S else "NOT met")
    return f"| {events:,} | `{name}` | {wall:.2f} | {'' if raw is None else f'{raw:.2f}'} | {target} |"


def table(results: list[dict[str, Any]]) -> list[str]:
    lines = list(LOOKUP_HEADER)
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
    args = parser.parse_args()
    if len(args.events) == 1:  # rows are printed as they are measured
        measure(
            args.events[0],
            args.store,
            args.repeat,
            show=lambda line: print(line, flush=True),
            only=args.only,
            cold=not args.no_cold,
        )
        return
    print("\n".join(table([measure(n, None, args.repeat) for n in args.events])))


if __name__ == "__main__":
    main()
