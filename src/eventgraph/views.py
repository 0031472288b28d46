"""A projection (networkx) to one self-contained, explorable HTML page drawn by vis-network.

The vis-network script and stylesheet are the ones the pyvis package ships, inlined:
the page makes no network request (its Content-Security-Policy forbids any).  Graph
data travels as JSON inside ``<script type="application/json">`` and the page builds
every label, tooltip, legend entry and menu with DOM text APIs, so no text from the
store is ever parsed as HTML; only http(s) URLs become links.
"""

from __future__ import annotations

import base64
import hashlib
import html
import importlib.util
import json
import math
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from eventgraph.errors import EventGraphError, InvalidValue
from eventgraph.resources import read_asset

if TYPE_CHECKING:
    import networkx as nx

LAYOUTS = ("auto", "physics", "static")
PHYSICS_LIMIT = 1500  # above this many nodes, "auto" lays the graph out in Python, physics off
MAX_EDGE_EVENTS = 20  # events listed in an aggregated edge's tooltip
VIS_VERSION = "vis-9.1.2"

# colour and shape by kind (shapes that draw the label below, so size can follow degree)
KIND_STYLES: dict[str, dict[str, str]] = {
    "country": {"color": "#4e79a7", "shape": "dot"},
    "organisation": {"color": "#f28e2b", "shape": "square"},
    "unit": {"color": "#e15759", "shape": "triangle"},
    "person": {"color": "#b07aa1", "shape": "dot"},
    "armed group": {"color": "#9c755f", "shape": "triangle"},
    "actor": {"color": "#bab0ac", "shape": "dot"},
    "weapon system": {"color": "#59a14f", "shape": "diamond"},
    "treaty": {"color": "#edc948", "shape": "star"},
    "place": {"color": "#76b7b2", "shape": "hexagon"},
    "event": {"color": "#ff9da7", "shape": "triangleDown"},
}
ROLE_COLOURS = {"actor": "#6b6b6b", "recipient": "#2f4b7c", "item": "#59a14f", "place": "#76b7b2"}
NODE_FIELDS = (
    "kind",
    "iri",
    "summary",
    "type",
    "date",
    "certainty",
    "status",
    "attributed_to",
    "via",
    "quote",
    "title",
    "outlet",
    "published",
    "url",
    "events",
    "degree",
    "disputed",
    "asserted_by",
    "denied_by",
    "claims_for",
    "claims_against",
)

# the views' default limit (``draw --max-events``, the server's /view): 17,801 events (20,001 nodes) draw in
# 2 s and open in a browser in 7 s; a million would take minutes and gigabytes, and no browser would draw them
MAX_VIEW_EVENTS = 50_000


def vis_assets() -> tuple[str, str]:
    """vis-network's JavaScript and CSS as shipped inside the pyvis package."""
    spec = importlib.util.find_spec("pyvis")  # located, not imported: pyvis's own imports are slow
    if spec is None or spec.origin is None:
        raise EventGraphError("the pyvis package is not installed; it provides the vis-network files")
    base = Path(spec.origin).resolve().parent / "lib" / VIS_VERSION
    return (
        (base / "vis-network.min.js").read_text(encoding="utf-8"),
        (base / "vis-network.css").read_text(encoding="utf-8"),
    )


def safe_url(url: str) -> str:
    """The URL if it is http or https, else empty (a ``javascript:`` URL never becomes a link)."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return ""
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else ""


def script_json(data: Any) -> str:
    """JSON that is inert inside a ``<script>`` element: no ``<``, ``>`` or ``&`` can close or open a tag."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escape)
    return text


def graph_data(graph: nx.Graph[str], *, title: str, view: str, layout: str = "auto") -> dict[str, Any]:
    """The JSON the page draws: nodes with style, size and details; edges with label and details."""
    if layout not in LAYOUTS:
        raise InvalidValue(f"{layout!r} is not a layout; use one of: {', '.join(LAYOUTS)}")
    static = layout == "static" or (layout == "auto" and graph.number_of_nodes() > PHYSICS_LIMIT)
    index = {node: number for number, node in enumerate(graph.nodes)}
    positions = static_layout(graph) if static else {}
    top = max((d.get("degree", 0) for _, d in graph.nodes(data=True)), default=1) or 1
    nodes = []
    for node, data in graph.nodes(data=True):
        info = {k: _text(data[k]) for k in NODE_FIELDS if k in data and data[k] not in ("", None)}
        if "url" in info:
            info["url"] = safe_url(info["url"])
        item: dict[str, Any] = {
            "id": index[node],
            "label": _text(data.get("label", node)),
            "kind": data.get("kind", "actor"),
            "size": round(8 + 22 * math.sqrt(data.get("degree", 0) / top), 1),
            "info": info,
        }
        if node in positions:
            item["x"], item["y"] = positions[node]
        nodes.append(item)
    edges = [_edge(index, source, target, data) for source, target, data in graph.edges(data=True)]
    kinds = sorted({n["kind"] for n in nodes}, key=list(KIND_STYLES).index)
    return {
        "title": title,
        "view": view,
        "layout": "static" if static else "physics",
        "nodes": nodes,
        "edges": edges,
        "styles": {k: KIND_STYLES[k] for k in kinds},
        "roles": ROLE_COLOURS,
    }


def _edge(index: Mapping[Any, int], source: Any, target: Any, data: Mapping[str, Any]) -> dict[str, Any]:
    info = {k: _text(data[k]) for k in ("role", "type", "date", "first", "last", "weight") if data.get(k)}
    events = [
        {k: (safe_url(v) if k == "url" else _text(v)) for k, v in e.items() if v}
        for e in data.get("events", [])[:MAX_EDGE_EVENTS]
    ]
    edge: dict[str, Any] = {
        "from": index[source],
        "to": index[target],
        "label": _text(data.get("label", "")),
        "role": data.get("role", ""),
        "type": data.get("type", ""),
        "info": info,
    }
    if events:
        edge["events"] = events
        edge["more"] = max(0, len(data.get("events", [])) - MAX_EDGE_EVENTS)
        edge["value"] = data.get("weight", 1)
    return edge


def _text(value: Any) -> str:
    return value if isinstance(value, str) else str(value)


def render_html(graph: nx.Graph[str], *, title: str, view: str, layout: str = "auto") -> str:
    """The whole page as text: inline vis-network, inline data, no external reference."""
    data = graph_data(graph, title=title, view=view, layout=layout)
    vis_js, vis_css = vis_assets()
    app_js, app_css = read_asset("graph.js"), read_asset("graph.css")
    scripts = [vis_js, app_js]
    policy = "; ".join(
        [
            "default-src 'none'",
            "script-src " + " ".join(f"'sha256-{_digest(s)}'" for s in scripts),
            "style-src 'unsafe-inline'",
            "img-src data:",
            "font-src data:",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )
    return "".join(
        [
            '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n',
            f'<meta http-equiv="Content-Security-Policy" content="{html.escape(policy)}">\n',
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
            f"<title>{html.escape(title)}</title>\n",
            f"<style>{_style(vis_css)}</style>\n<style>{_style(app_css)}</style>\n</head>\n<body>\n",
            f'<header><h1>{html.escape(title)}</h1><div id="controls"></div></header>\n',
            '<main><div id="graph"></div><aside id="details" hidden></aside><div id="legend"></div></main>\n',
            '<div id="tooltip" hidden></div>\n',
            f'<script type="application/json" id="graph-data">{script_json(data)}</script>\n',
            f"<script>{scripts[0]}</script>\n<script>{scripts[1]}</script>\n</body>\n</html>\n",
        ]
    )


def _digest(script: str) -> str:
    return base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")


def _style(css: str) -> str:
    if "</style" in css.lower():
        raise InvalidValue("a stylesheet must not contain '</style'")
    return css


# -- layout for large graphs -----------------------------------------------------------------
def static_layout(graph: nx.Graph[str], spacing: float = 60.0) -> dict[str, tuple[float, float]]:
    """Positions without physics, in linear time: each connected component in rings around its
    best-connected node (breadth-first levels, children near their parent), components side by side.
    The same graph gets the same positions in every run (the same page for the same store)."""
    undirected: dict[str, set[str]] = {node: set() for node in graph.nodes}
    for source, target in graph.edges():
        if source != target:
            undirected[source].add(target)
            undirected[target].add(source)
    seen: set[str] = set()
    placed: list[tuple[float, dict[str, tuple[float, float]]]] = []
    for node in sorted(undirected, key=lambda n: -len(undirected[n])):
        if node not in seen:
            placed.append(_rings(node, undirected, seen, spacing))
    positions: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    width = math.sqrt(sum((2 * r) ** 2 for r, _ in placed)) * 1.2 + spacing
    for radius, component in placed:
        if x > 0 and x + 2 * radius > width:
            x, y, row_height = 0.0, y + row_height + spacing, 0.0
        for node, (px, py) in component.items():
            positions[node] = (round(x + radius + px, 1), round(y + radius + py, 1))
        x += 2 * radius + spacing
        row_height = max(row_height, 2 * radius)
    return positions


def _rings(
    root: str, neighbours: Mapping[str, set[str]], seen: set[str], spacing: float
) -> tuple[float, dict[str, tuple[float, float]]]:
    seen.add(root)
    angle: dict[str, float] = {root: 0.0}
    positions = {root: (0.0, 0.0)}
    level, radius = [root], 0.0
    while level:
        following: list[tuple[float, str]] = []
        for parent in level:
            for child in sorted(neighbours[parent]):  # a set's order changes with each process's string hashes
                if child not in seen:
                    seen.add(child)
                    following.append((angle[parent], child))
        if not following:
            break
        following.sort(key=lambda pair: pair[0])
        radius = max(radius + spacing * 2, len(following) * spacing / (2 * math.pi))
        level = []
        for number, (_, child) in enumerate(following):
            theta = 2 * math.pi * number / len(following)
            angle[child] = theta
            positions[child] = (radius * math.cos(theta), radius * math.sin(theta))
            level.append(child)
    return radius + spacing / 2, positions
