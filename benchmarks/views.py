"""How long a graph view takes to make, and how big the page is: eventgraph's page next to pyvis's own path.

Run:  python benchmarks/views.py --nodes 500 5000 20000
For each size, synthetic events (benchmarks/synthetic.py) go into an in-memory store; then the event view
is made as `eventgraph draw` makes it (lookup index -> records -> networkx projection -> HTML, with Python's
cycle collector off as the command has it, and off for pyvis too), and, as the baseline, the same graph is
written with pyvis (Network.add_node/add_edge, and Network.from_nx up to --from-nx-limit nodes, as it is
quadratic) with cdn_resources="in_line".  Prints seconds and megabytes,
and the seconds from opening eventgraph's page in headless Chromium (Playwright, /usr/bin/chromium) until
its layout settles (vis-network's stabilization, or at once for large graphs drawn without physics).
"""

from __future__ import annotations

import argparse
import gc
import math
import tempfile
import time
from pathlib import Path
from typing import Any

from eventgraph.backends.embedded import EventStore
from eventgraph.lookups import graph_records
from eventgraph.mapping import map_article
from eventgraph.projections import event_graph
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
        network.add_node(node, label=data["label"], title=data.get("summary") or data["label"], size=8 + data["degree"])
    for source, target, data in graph.edges(data=True):
        network.add_edge(source, target, title=data.get("label", ""))
    return network.generate_html()


def pyvis_from_nx(graph: Any) -> str:
    import networkx as nx
    from pyvis.network import Network

    simple = nx.DiGraph()
    simple.add_nodes_from(
        (n, {"label": d["label"], "title": d.get("summary") or d["label"]}) for n, d in graph.nodes(data=True)
    )
    simple.add_edges_from((s, t, {"title": d.get("label", "")}) for s, t, d in graph.edges(data=True))
    network = Network(height="800px", width="100%", directed=True, cdn_resources="in_line")
    network.from_nx(simple)
    return network.generate_html()


TARGET_20K_S = 3.0


def settle_seconds(page_path: Path, timeout_s: float = 120.0) -> float | None:
    """Seconds from opening the page in headless Chromium to the layout settling (None: did not, or no browser)."""
    chromium = Path("/usr/bin/chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if not chromium.exists():
        return None
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(chromium), args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 800})
            start = time.perf_counter()
            page.goto(page_path.as_uri(), timeout=timeout_s * 1000)
            page.wait_for_selector("body[data-settled='true']", state="attached", timeout=timeout_s * 1000)
            return time.perf_counter() - start
        except Exception:  # noqa: BLE001 - a page that does not settle in time is a result, not a failure
            return None
        finally:
            browser.close()


def measure(wanted: int, *, from_nx_limit: int = 5000, browser: bool = True) -> dict[str, Any]:
    """One size: eventgraph's draw path, pyvis's add_node path (and from_nx up to the limit), the browser."""
    import pyvis.network  # noqa: F401 - imported before timing, so neither side pays for imports

    store = EventStore()
    store.write_articles([map_article(a) for a in synthetic_articles(events_for(wanted))])
    gc.disable()  # as `eventgraph draw` runs (cli.base._without_cycle_collection); pyvis's side alike
    try:
        query_s, records = timed(lambda: graph_records(store))
        project_s, graph = timed(lambda: event_graph(records))
        html_s, page = timed(lambda: render_html(graph, title="benchmark", view="events"))
        store.close()
        base_s, base_page = timed(lambda: pyvis_add_nodes(graph))
    finally:
        gc.enable()
    result = {
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
        "query_s": query_s,
        "project_s": project_s,
        "html_s": html_s,
        "total_s": query_s + project_s + html_s,
        "mb": len(page.encode()) / 1e6,
        "pyvis_s": base_s,
        "pyvis_mb": len(base_page.encode()) / 1e6,
        "from_nx_s": timed(lambda: pyvis_from_nx(graph))[0] if wanted <= from_nx_limit else None,
        "settle_s": None,
        "browser": browser,
    }
    if browser:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "view.html"
            path.write_text(page, encoding="utf-8")
            result["settle_s"] = settle_seconds(path)
    return result


def table(results: list[dict[str, Any]]) -> list[str]:
    lines = [
        "| nodes | edges | query s | project s | html s | total s | MB | pyvis add_node+html s | pyvis MB "
        "| pyvis from_nx+html s | total / pyvis add_node | settled in Chromium s | target |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for r in results:
        from_nx = "-" if r["from_nx_s"] is None else f"{r['from_nx_s']:.2f}"
        settle = "-" if not r["browser"] else ("did not settle" if r["settle_s"] is None else f"{r['settle_s']:.2f}")
        target = "-"
        if r["nodes"] >= 15000:
            target = f"< {TARGET_20K_S:.0f} s: " + ("met" if r["total_s"] < TARGET_20K_S else "NOT met")
        lines.append(
            f"| {r['nodes']:,} | {r['edges']:,} | {r['query_s']:.2f} | {r['project_s']:.2f} "
            f"| {r['html_s']:.2f} | {r['total_s']:.2f} | {r['mb']:.2f} | {r['pyvis_s']:.2f} "
            f"| {r['pyvis_mb']:.2f} | {from_nx} | {r['total_s'] / r['pyvis_s']:.2f} | {settle} | {target} |"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--nodes", type=int, nargs="+", default=[500, 5000, 20000])
    parser.add_argument("--from-nx-limit", type=int, default=5000)
    parser.add_argument("--no-browser", action="store_true", help="skip the headless Chromium settle time")
    args = parser.parse_args()
    results = []
    for wanted in args.nodes:
        results.append(measure(wanted, from_nx_limit=args.from_nx_limit, browser=not args.no_browser))
    print("\n".join(table(results)))


if __name__ == "__main__":
    main()
