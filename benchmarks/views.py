"""How long a graph view takes to make, and how big the page is: eventgraph's page next to pyvis's own path.

Run:  python benchmarks/views.py --nodes 500 5000 20000
For each size, synthetic events (benchmarks/synthetic.py) go into an in-memory store; then the event view
is made as `eventgraph draw` makes it (named query -> records -> networkx projection -> HTML), and, as the
baseline, the same graph is written with pyvis (Network.add_node/add_edge, and Network.from_nx up to
--from-nx-limit nodes, as it is quadratic) with cdn_resources="in_line".  Prints seconds and megabytes.
"""

from __future__ import annotations

import argparse
import math
import time
from typing import Any

from eventgraph.lookups import graph_records
from eventgraph.mapping import map_article
from eventgraph.projections import event_graph
from eventgraph.store import EventStore
from eventgraph.views import render_html
from synthetic import synthetic_articles


def events_for(nodes: int) -> int:
    """Events whose event view has about ``nodes`` nodes (200 countries, 2,000 weapons drawn at random)."""
    def expected(events: int) -> float:
        return events + 200 * (1 - math.exp(-2 * events / 200)) + 2000 * (1 - math.exp(-events / 2000))

    low, high = 1, nodes
    while low < high:
        middle = (low + high) // 2
        low, high = (middle + 1, high) if expected(middle) < nodes else (low, middle)
    return low


def timed(function: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def pyvis_add_nodes(graph: Any) -> str:
    from pyvis.network import Network

    network = Network(height="800px", width="100%", directed=True, cdn_resources="in_line")
    for node, data in graph.nodes(data=True):
        network.add_node(node, label=data["label"], title=data.get("summary") or data["label"],
                         size=8 + data["degree"])
    for source, target, data in graph.edges(data=True):
        network.add_edge(source, target, title=data.get("label", ""))
    return network.generate_html()


def pyvis_from_nx(graph: Any) -> str:
    import networkx as nx
    from pyvis.network import Network

    simple = nx.DiGraph()
    simple.add_nodes_from((n, {"label": d["label"], "title": d.get("summary") or d["label"]})
                          for n, d in graph.nodes(data=True))
    simple.add_edges_from((s, t, {"title": d.get("label", "")}) for s, t, d in graph.edges(data=True))
    network = Network(height="800px", width="100%", directed=True, cdn_resources="in_line")
    network.from_nx(simple)
    return network.generate_html()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--nodes", type=int, nargs="+", default=[500, 5000, 20000])
    parser.add_argument("--from-nx-limit", type=int, default=5000)
    args = parser.parse_args()
    import pyvis.network  # noqa: F401 - imported before timing, so neither side pays for imports
    print(f"{'nodes':>6} {'edges':>6} {'query s':>8} {'project s':>9} {'html s':>7} {'total s':>8} {'MB':>6}"
          f" | {'pyvis add_node s':>16} {'MB':>6} {'ratio':>6} | {'pyvis from_nx s':>15}")
    print("(ratio: pyvis add_node+generate_html time / eventgraph html time, both from the same networkx graph)")
    for wanted in args.nodes:
        store = EventStore()
        store.write_articles([map_article(a) for a in synthetic_articles(events_for(wanted))])
        query_s, records = timed(lambda: graph_records(store))
        project_s, graph = timed(lambda: event_graph(records))
        html_s, page = timed(lambda: render_html(graph, title="benchmark", view="events"))
        total = query_s + project_s + html_s
        base_s, base_page = timed(lambda: pyvis_add_nodes(graph))
        line = (f"{graph.number_of_nodes():>6} {graph.number_of_edges():>6} {query_s:>8.3f} {project_s:>9.3f}"
                f" {html_s:>7.3f} {total:>8.3f} {len(page.encode()) / 1e6:>6.2f}"
                f" | {base_s:>16.3f} {len(base_page.encode()) / 1e6:>6.2f} {base_s / html_s:>5.1f}x")
        if graph.number_of_nodes() <= args.from_nx_limit:
            line += f" | {timed(lambda: pyvis_from_nx(graph))[0]:>15.3f}"
        print(line, flush=True)
        store.close()


if __name__ == "__main__":
    main()
