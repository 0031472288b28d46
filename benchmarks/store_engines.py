"""Why the default store is pyoxigraph: the same synthetic events in pyoxigraph (on disk) and rdflib (memory).

Run:  python benchmarks/store_engines.py --events 10000 100000
Prints load time and the time of three lookups on each engine, and their ratio.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import rdflib

from eventgraph.backends.embedded import EventStore
from eventgraph.mapping import map_article
from eventgraph.vocab import PREFIXES
from synthetic import synthetic_articles

LOOKUPS = {
    "transfers from a country": """
        SELECT ?e ?item ?date WHERE {
          ?e a eg:Transfer ; eg:actor country:RUS ; eg:item ?item .
          OPTIONAL { ?e eg:date ?date } }""",
    "events per type per year": """
        SELECT ?type ?year (COUNT(?e) AS ?n) WHERE {
          ?e eg:eventType ?type ; eg:date ?d . BIND(SUBSTR(STR(?d), 1, 4) AS ?year) }
        GROUP BY ?type ?year""",
    "2-hop partners": """
        SELECT DISTINCT ?c WHERE {
          ?e1 eg:actor country:RUS ; eg:recipient ?b . ?e2 eg:actor ?b ; eg:recipient ?c }""",
}


def to_rdflib(term):
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.Literal):
        return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))
    return rdflib.BNode(term.value)


def timed(function):
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def measure(events: int) -> dict[str, Any]:
    """Load time and three lookups on pyoxigraph (on disk, as eventgraph writes) and rdflib's memory store."""
    mapped = [map_article(a) for a in synthetic_articles(events)]
    quads = sum(len(m.quads) + len(m.entity_quads) for m in mapped)
    prefix_text = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items())

    with tempfile.TemporaryDirectory() as tmp:
        store = EventStore(Path(tmp) / "store")
        ox_load, _ = timed(lambda: [store.write_articles(mapped[i : i + 200]) for i in range(0, len(mapped), 200)])

        dataset = rdflib.Dataset()

        def load_rdflib() -> None:
            for m in mapped:
                for q in m.quads + m.entity_quads:
                    dataset.add(
                        (
                            to_rdflib(q.subject),
                            to_rdflib(q.predicate),
                            to_rdflib(q.object),
                            rdflib.URIRef(q.graph_name.value),
                        )
                    )

        rdf_load, _ = timed(load_rdflib)
        dataset.default_union = True
        rows = [("load", ox_load, rdf_load)]
        for name, text in LOOKUPS.items():
            ox_time, ox_rows = timed(lambda text=text: len(list(store.query(text))))
            rdf_time, rdf_rows = timed(lambda text=text: len(list(dataset.query(prefix_text + text))))
            assert ox_rows == rdf_rows, (name, ox_rows, rdf_rows)
            rows.append((f"{name} ({ox_rows} rows)", ox_time, rdf_time))
        store.close()
    return {"events": events, "articles": len(mapped), "quads": quads, "rows": rows}


def table(results: list[dict[str, Any]]) -> list[str]:
    lines = [
        f"pyoxigraph {ox.__version__}, rdflib {rdflib.__version__}",
        "",
        "| events | quads mapped (entity descriptions counted per article) | step | pyoxigraph s | rdflib s "
        "| rdflib / pyoxigraph |",
        "| ---: | ---: | --- | ---: | ---: | ---: |",
    ]
    for r in results:
        for name, ox_time, rdf_time in r["rows"]:
            lines.append(
                f"| {r['events']:,} | {r['quads']:,} | {name} | {ox_time:.3f} | {rdf_time:.3f} "
                f"| {rdf_time / ox_time:.1f}x |"
            )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, nargs="+", default=[10000])
    args = parser.parse_args()
    print("\n".join(table([measure(n) for n in args.events])))


if __name__ == "__main__":
    main()
