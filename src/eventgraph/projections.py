"""Event records to networkx graphs, and those graphs to GraphML, GEXF and node/edge CSV.

Two projections of the same events:

- the **event graph**: every event is a node, joined to its actors (actor -> event),
  recipients (event -> recipient), items and places (event -> item/place);
- the **actor graph**: actors only, one edge per (actor, recipient, event type)
  aggregated over events, weighted by their number.  Co-actors of an event with no
  recipient are joined by an undirected-in-spirit "with" edge.

networkx is imported here and nowhere on the CLI's start-up path.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

import networkx as nx

from eventgraph.errors import InvalidValue
from eventgraph.lookups import DateRange, EventRecord, Named

if TYPE_CHECKING:
    import xml.etree.ElementTree as ET

VIEWS = ("events", "actors")
KIND_NAMES = {
    "Country": "country",
    "Organization": "organisation",
    "MilitaryUnit": "unit",
    "Person": "person",
    "ArmedGroup": "armed group",
    "Actor": "actor",
    "WeaponSystem": "weapon system",
    "Treaty": "treaty",
    "Place": "place",
}
ACTOR_ROLES = ("actor", "recipient")


def kind_name(rdf_class: str) -> str:
    return KIND_NAMES.get(rdf_class, "actor")


def event_summary(record: EventRecord) -> dict[str, Any]:
    """What a tooltip or an edge needs to know about one event (plain strings)."""
    source = record.source
    return {
        "event": record.iri,
        "type": record.type,
        "date": record.date,
        "certainty": record.certainty,
        "status": record.status,
        "label": record.label,
        "quote": record.quote,
        "attributed_to": "; ".join(record.attributed_to),
        "via": "; ".join(record.via),
        "disputed": "disputed" if record.disputed else "",
        "asserted_by": "; ".join(record.asserted_by),
        "denied_by": "; ".join(record.denied_by),
        "claims_for": "\n".join(record.claims_for),
        "claims_against": "\n".join(record.claims_against),
        "title": source.title,
        "outlet": source.outlet,
        "published": source.published,
        "url": source.url,
    }


def _add_entity(graph: nx.MultiDiGraph[str], iri: str, label: str, rdf_class: str) -> None:
    if iri not in graph:
        graph.add_node(iri, label=label, kind=kind_name(rdf_class), iri=iri, events=0)
    graph.nodes[iri]["events"] += 1


def event_graph(records: Iterable[EventRecord]) -> nx.MultiDiGraph[str]:
    """Events as nodes between their actors, recipients, items and places."""
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for record in records:
        graph.add_node(
            record.iri,
            label=f"{record.type} {record.date}".strip(),
            kind="event",
            iri=record.iri,
            summary=record.label,
            **{k: v for k, v in event_summary(record).items() if k not in ("event", "label")},
        )
        for role, iri, label, rdf_class in dict.fromkeys(record.participants):
            _add_entity(graph, iri, label, rdf_class)
            source, target = (iri, record.iri) if role == "actor" else (record.iri, iri)
            graph.add_edge(
                source,
                target,
                key=role,
                role=role,
                date=record.date,
                type=record.type,
                label=f"{role} {record.date}".strip(),
                event=record.iri,
            )
    _set_degrees(graph)
    return graph


def actor_graph(records: Iterable[EventRecord]) -> nx.MultiDiGraph[str]:
    """Actors joined by edges aggregated over events: one per (actor, recipient, type), weighted by count."""
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for record in records:
        actors = [(iri, label, kind) for role, iri, label, kind in record.participants if role == "actor"]
        recipients = [(iri, label, kind) for role, iri, label, kind in record.participants if role == "recipient"]
        for iri, label, rdf_class in dict.fromkeys(actors + recipients):
            _add_entity(graph, iri, label, rdf_class)
        pairs = [(a[0], r[0], record.type) for a in actors for r in recipients if a[0] != r[0]]
        if not recipients:
            pairs = [(a[0], b[0], f"{record.type} with") for i, a in enumerate(actors) for b in actors[i + 1 :]]
        for source, target, key in dict.fromkeys(pairs):
            if not graph.has_edge(source, target, key):
                graph.add_edge(source, target, key=key, type=key, role=key, weight=0, events=[])
            data = graph.edges[source, target, key]
            data["weight"] += 1
            data["events"].append(event_summary(record))
    for _, _, data in graph.edges(data=True):
        dates = sorted(e["date"] for e in data["events"] if e["date"])
        data["first"], data["last"] = (dates[0], dates[-1]) if dates else ("", "")
        span = data["first"] if data["first"] == data["last"] else f"{data['first']}..{data['last']}"
        data["label"] = f"{data['type']} ×{data['weight']} {span}".strip()
    _set_degrees(graph)
    return graph


def actor_links(records: Iterable[EventRecord]) -> nx.Graph[str]:
    """The undirected actor graph paths run over: an edge per pair of actors sharing events."""
    graph: nx.Graph[str] = nx.Graph()
    for record in records:
        actors = list(dict.fromkeys((iri, label) for role, iri, label, _ in record.participants if role in ACTOR_ROLES))
        for iri, label in actors:
            graph.add_node(iri, label=label)
        for index, (a, _) in enumerate(actors):
            for b, _ in actors[index + 1 :]:
                if not graph.has_edge(a, b):
                    graph.add_edge(a, b, events=[])
                summary = event_summary(record)
                graph.edges[a, b]["events"].append(
                    {k: summary[k] for k in ("event", "type", "date", "label", "certainty", "title")}
                )
    return graph


def neighbourhood(records: Sequence[EventRecord], actor: str, depth: int) -> list[EventRecord]:
    """The events among the actors within ``depth`` hops of ``actor`` on the actor graph."""
    if depth < 1:
        raise InvalidValue("--depth must be 1 or more")
    links = actor_links(records)
    if actor not in links:
        return []
    near = set(nx.single_source_shortest_path_length(links, actor, cutoff=depth))
    return [
        r
        for r in records
        if {i for role, i, _, _ in r.participants if role in ACTOR_ROLES} <= near
        and any(role in ACTOR_ROLES for role, *_ in r.participants)
    ]


def project(records: Sequence[EventRecord], view: str) -> nx.MultiDiGraph[str]:
    if view == "events":
        return event_graph(records)
    if view == "actors":
        return actor_graph(records)
    raise InvalidValue(f"{view!r} is not a view; use one of: {', '.join(VIEWS)}")


def _set_degrees(graph: nx.MultiDiGraph[str]) -> None:
    for node, degree in graph.degree():
        graph.nodes[node]["degree"] = degree


# -- writers ---------------------------------------------------------------------------------
def flat_copy(graph: nx.MultiDiGraph[str]) -> nx.MultiDiGraph[str]:
    """A copy with only string, integer and float attributes, as GraphML and GEXF require.

    An actor edge's event list becomes the ``;``-joined event IRIs.  Edge keys become
    ``e0``, ``e1`` ...: unique across the graph and valid XML names, as the edge ids
    Gephi and igraph read (an edge's role stays in its ``role`` attribute).
    """
    flat: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        flat.add_node(node, **_flat(data))
    for index, (source, target, data) in enumerate(graph.edges(data=True)):
        flat.add_edge(source, target, key=f"e{index}", **_flat(data))
    return flat


def _flat(data: dict[str, Any]) -> dict[str, str | int | float]:
    out: dict[str, str | int | float] = {}
    for name, value in data.items():
        if isinstance(value, list):
            out[name] = "; ".join(v["event"] if isinstance(v, dict) else str(v) for v in value)
        elif isinstance(value, bool) or value is None:
            out[name] = str(value or "")
        elif isinstance(value, (int, float)):
            out[name] = value
        else:
            out[name] = str(value)
    return out


def _xml_ready(graph: nx.MultiDiGraph[str]) -> nx.MultiDiGraph[str]:
    """The flat, uniform copy with every string XML 1.0 can hold (text from PDFs has form feeds)."""
    from eventgraph.xmltext import xml_safe

    flat = _uniform(flat_copy(graph))
    clean: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for node, data in flat.nodes(data=True):
        clean.add_node(xml_safe(str(node)), **{k: xml_safe(v) if isinstance(v, str) else v for k, v in data.items()})
    for source, target, key, data in flat.edges(keys=True, data=True):
        clean.add_edge(
            xml_safe(str(source)),
            xml_safe(str(target)),
            key=key,
            **{k: xml_safe(v) if isinstance(v, str) else v for k, v in data.items()},
        )
    return clean


def write_graphml(graph: nx.MultiDiGraph[str], output: Path | BinaryIO) -> None:
    """GraphML (Gephi, igraph, yEd, Cytoscape) to a file or a binary stream: typed keys, unique edge ids, the role
    as an attribute."""
    nx.write_graphml(_xml_ready(graph), output)


def write_gexf(graph: nx.MultiDiGraph[str], output: Path | BinaryIO) -> None:
    """GEXF 1.3 (Gephi's own format), written here rather than by networkx, whose writer puts an
    edge attribute named ``type`` into the edge's ``type``, which GEXF reserves for
    directed/undirected/mutual, and adds a ``networkx_key`` attribute.

    Every edge is directed, with a unique id, its label, its weight (actor view) and the
    rest as declared ``attvalue`` s; the event type is the attribute ``event_type``.
    """
    import xml.etree.ElementTree as ET

    flat = _xml_ready(graph)
    root = ET.Element(
        "gexf",
        {
            "xmlns": GEXF_NS,
            "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
            "xsi:schemaLocation": f"{GEXF_NS} {GEXF_NS}/gexf.xsd",
            "version": "1.3",
        },
    )
    meta = ET.SubElement(root, "meta")
    ET.SubElement(meta, "creator").text = "eventgraph"
    element = ET.SubElement(root, "graph", {"defaultedgetype": "directed", "mode": "static"})
    nodes = [(node, dict(data)) for node, data in flat.nodes(data=True)]
    edges = [
        (s, t, key, {("event_type" if k == "type" else k): v for k, v in data.items()})
        for s, t, key, data in flat.edges(keys=True, data=True)
    ]
    node_ids = _gexf_attributes(element, "node", [d for _, d in nodes], reserved={"label"})
    edge_ids = _gexf_attributes(element, "edge", [d for *_, d in edges], reserved={"label", "weight"})
    listing = ET.SubElement(element, "nodes")
    for node, data in nodes:
        item = ET.SubElement(listing, "node", {"id": node, "label": str(data.get("label", node))})
        _gexf_values(item, data, node_ids)
    listing = ET.SubElement(element, "edges")
    for source, target, key, data in edges:
        attributes = {"id": key, "source": source, "target": target}
        if data.get("label"):
            attributes["label"] = str(data["label"])
        if isinstance(data.get("weight"), (int, float)) and data["weight"]:
            attributes["weight"] = str(data["weight"])
        item = ET.SubElement(listing, "edge", attributes)
        _gexf_values(item, data, edge_ids)
    ET.indent(root)
    ET.ElementTree(root).write(output, encoding="utf-8", xml_declaration=True)


GEXF_NS = "http://gexf.net/1.3"


def _gexf_attributes(graph: ET.Element, kind: str, items: list[dict[str, Any]], reserved: set[str]) -> dict[str, str]:
    """Declare the attributes of nodes or edges (GEXF types from the values); their ids by name."""
    import xml.etree.ElementTree as ET

    types: dict[str, str] = {}
    for data in items:
        for name, value in data.items():
            if name in reserved:
                continue
            kind_of = "integer" if isinstance(value, int) else "double" if isinstance(value, float) else "string"
            if types.setdefault(name, kind_of) != kind_of:
                types[name] = "double" if {types[name], kind_of} == {"integer", "double"} else "string"
    declared = ET.SubElement(graph, "attributes", {"class": kind, "mode": "static"})
    ids = {}
    for index, (name, kind_of) in enumerate(types.items()):
        ids[name] = str(index)
        ET.SubElement(declared, "attribute", {"id": str(index), "title": name, "type": kind_of})
    return ids


def _gexf_values(element: ET.Element, data: dict[str, Any], ids: dict[str, str]) -> None:
    import xml.etree.ElementTree as ET

    values = ET.SubElement(element, "attvalues")
    for name, value in data.items():
        if name in ids:
            ET.SubElement(values, "attvalue", {"for": ids[name], "value": str(value)})


def _uniform(graph: nx.MultiDiGraph[str]) -> nx.MultiDiGraph[str]:
    """Every node (edge) gets every attribute any node (edge) has, so typed GraphML/GEXF keys agree."""
    node_data = [data for _, data in graph.nodes(data=True)]
    edge_data = [data for *_, data in graph.edges(data=True)]
    for items in (node_data, edge_data):
        defaults: dict[str, str | int | float] = {}
        for data in items:
            for name, value in data.items():
                defaults.setdefault(name, 0 if isinstance(value, (int, float)) else "")
        for data in items:
            for name, default in defaults.items():
                data.setdefault(name, default)
    return graph


NODE_COLUMNS = [
    "id",
    "label",
    "kind",
    "degree",
    "events",
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
]
EDGE_COLUMNS = ["source", "target", "label", "role", "type", "date", "first", "last", "weight", "event", "events"]


def write_csv(graph: nx.MultiDiGraph[str], directory: Path) -> tuple[Path, Path]:
    """``nodes.csv`` and ``edges.csv`` in ``directory`` (created if missing), Gephi's spreadsheet import.

    Text cells that a spreadsheet would run as a formula get a leading ``'`` (formats.spreadsheet_cell)."""
    from eventgraph.formats import spreadsheet_cell

    if directory.exists() and not directory.is_dir():
        raise InvalidValue(f"{directory} is a file: --format csv writes nodes.csv and edges.csv into a directory")
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InvalidValue(f"cannot create the directory {directory}: {error.strerror}") from None
    flat = flat_copy(graph)
    nodes, edges = directory / "nodes.csv", directory / "edges.csv"
    with nodes.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(NODE_COLUMNS)
        for node, data in flat.nodes(data=True):
            writer.writerow([spreadsheet_cell(v) for v in [node, *(data.get(c, "") for c in NODE_COLUMNS[1:])]])
    with edges.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(EDGE_COLUMNS)
        for source, target, data in flat.edges(data=True):
            writer.writerow(
                [spreadsheet_cell(v) for v in [source, target, *(data.get(c, "") for c in EDGE_COLUMNS[2:])]]
            )
    return nodes, edges


def select_graph(
    store: Any,
    *,
    view: str = "events",
    actor: Named | None = None,
    depth: int = 1,
    event_type: str | None = None,
    dates: DateRange | None = None,
    certainty: str | None = None,
    source: str | None = None,
    max_events: int | None = None,
) -> nx.MultiDiGraph[str]:
    """The projection of the stored events that pass the filters (``actor`` is a lookups.Named); more than
    ``max_events`` events is an error (``InvalidValue``)."""
    from eventgraph.lookups.graph import check_view_size, graph_records

    if actor is not None and depth < 1:
        raise InvalidValue("--depth must be 1 or more")
    records = graph_records(
        store,
        event_type=event_type,
        dates=dates or DateRange(),
        certainty=certainty,
        source=source,
        around=None if actor is None else (actor.iri, depth),
        max_events=max_events,
    )
    if actor is not None:
        records = neighbourhood(records, actor.iri, depth)
        if max_events is not None:
            check_view_size(len(records), max_events)
    return project(records, view)
