"""The graph exports read by the tools analysts use: networkx and python-igraph (GraphML), the GEXF 1.3
rules for edges, pandas (CSV); and every XML output well-formed when the text holds characters XML 1.0
forbids (form feeds and other controls from PDFs, U+FFFE, U+FFFF)."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from pathlib import Path

import igraph
import networkx as nx
import pandas
import pyoxigraph
import pytest
from click.testing import CliRunner

from eventgraph.backends.embedded import EventStore
from eventgraph.cli import cli
from eventgraph.pipeline import ingest_paths
from eventgraph.projections import select_graph, write_csv, write_gexf, write_graphml
from invented_reports import EXAMPLES, build_store, write_documents

GEXF = "{http://gexf.net/1.3}"
# what PDF text holds and XML 1.0 forbids, in the title and the evidence sentence of a .txt article
FORBIDDEN = "\x0c\x01\x07\x0b\x1b\ufffe\uffff"
PDF_TEXT = (
    "Drones\x0c shipped\x07 to Russia\n\n"
    "North Korea has sent kamikaze drones\x0b to Russia,\x0c South Korea\x01 said on Monday.\x1b "
    "\ufffe\uffff\n"
)

# co-actors without a recipient: the actors view joins them by a "production with" edge
JOINT = {
    "article": {
        "id": "joint-drone-plant",
        "title": "A joint drone plant",
        "published": "2024-12-03",
        "outlet": "Example Wire",
        "url": "https://example.org/wire/plant",
    },
    "events": [
        {
            "type": "production",
            "actor": ["Russia", "DPRK"],
            "items": ["kamikaze drones"],
            "date": "2024-11",
            "certainty": "reported",
            "evidence": "Russia and the DPRK build kamikaze drones together, the report said.",
        }
    ],
}


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = build_store(tmp_path_factory.mktemp("exports") / "store")
    article = path.parent / "pdf-article.txt"
    article.write_text(PDF_TEXT, encoding="utf-8")
    joint = write_documents(path.parent / "joint", {"joint": JOINT})
    with EventStore(path) as store:
        report = ingest_paths(store, [article, joint])
    assert len(report.written.added) == 2 and report.written.events == 2
    return path


@pytest.fixture
def store(store_path: Path):
    with EventStore(store_path, read_only=True) as opened:
        yield opened


@pytest.mark.parametrize("view", ["events", "actors"])
def test_graphml_has_unique_edge_ids_and_keeps_roles(store: EventStore, tmp_path: Path, view: str) -> None:
    graph = select_graph(store, view=view)
    path = tmp_path / f"{view}.graphml"
    write_graphml(graph, path)
    edges = ET.parse(path).getroot().iter("{http://graphml.graphdrawing.org/xmlns}edge")
    ids = [e.get("id") for e in edges]
    assert len(ids) == graph.number_of_edges() > 5
    assert len(set(ids)) == len(ids) and all(i and i.isidentifier() for i in ids)  # XML names, no spaces
    roles = sorted(d["role"] for *_, d in graph.edges(data=True))
    parsed = nx.read_graphml(path)
    assert parsed.number_of_edges() == graph.number_of_edges()
    assert sorted(d["role"] for *_, d in parsed.edges(data=True)) == roles
    read = igraph.Graph.Read_GraphML(str(path))
    assert (read.vcount(), read.ecount()) == (graph.number_of_nodes(), graph.number_of_edges())
    assert sorted(read.es["role"]) == roles
    if view == "events":
        assert set(roles) == {"actor", "recipient", "item", "place"}
    else:
        assert any(r.endswith(" with") for r in roles)  # the co-actor edges, whose ids had spaces


@pytest.mark.parametrize("view", ["events", "actors"])
def test_gexf_follows_the_gexf_1_3_edge_rules(store: EventStore, tmp_path: Path, view: str) -> None:
    graph = select_graph(store, view=view)
    path = tmp_path / f"{view}.gexf"
    write_gexf(graph, path)
    root = ET.parse(path).getroot()
    assert root.tag == f"{GEXF}gexf" and root.get("version") == "1.3"
    declared = {
        a.get("class"): {x.get("id"): x.get("title") for x in a.iter(f"{GEXF}attribute")}
        for a in root.iter(f"{GEXF}attributes")
    }
    assert "networkx_key" not in declared["edge"].values() and "type" not in declared["edge"].values()
    edges = list(root.iter(f"{GEXF}edge"))
    assert len(edges) == graph.number_of_edges()
    assert len({e.get("id") for e in edges}) == len(edges)
    for edge in edges:
        # GEXF reserves the edge type for directed/undirected/mutual; every attvalue is declared
        assert edge.get("type") in (None, "directed", "undirected", "mutual")
        assert all(v.get("for") in declared["edge"] for v in edge.iter(f"{GEXF}attvalue"))
    for node in root.iter(f"{GEXF}node"):
        assert all(v.get("for") in declared["node"] for v in node.iter(f"{GEXF}attvalue"))
    parsed = nx.read_gexf(path)
    assert parsed.number_of_edges() == graph.number_of_edges()  # networkx drops no edge
    types = sorted(d["type"] for *_, d in graph.edges(data=True))
    assert sorted(d["event_type"] for *_, d in parsed.edges(data=True)) == types
    assert {d.get("type", "directed") for *_, d in parsed.edges(data=True)} == {"directed"}


def test_csv_reads_into_pandas(store: EventStore, tmp_path: Path) -> None:
    graph = select_graph(store, view="actors")
    nodes, edges = write_csv(graph, tmp_path / "csv")
    node_frame, edge_frame = pandas.read_csv(nodes), pandas.read_csv(edges)
    assert len(node_frame) == graph.number_of_nodes() and len(edge_frame) == graph.number_of_edges()
    assert set(edge_frame["source"]) | set(edge_frame["target"]) <= set(node_frame["id"])
    assert edge_frame["weight"].dtype.kind == "i" and edge_frame["weight"].sum() >= graph.number_of_edges()
    assert node_frame.set_index("id").loc["https://w3id.org/eventgraph/id/country/PRK", "label"] == "North Korea"


def test_csv_export_onto_a_file_is_an_error(store_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTGRAPH_STORE", str(store_path))
    existing = tmp_path / "edges.txt"
    existing.write_text("keep me", encoding="utf-8")
    result = CliRunner().invoke(cli, ["export", "--format", "csv", "-o", str(existing)])
    assert result.exit_code == 1 and result.output.startswith("Error: ") and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1 and existing.read_text(encoding="utf-8") == "keep me"


def _xml_outputs(store_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    monkeypatch.setenv("EVENTGRAPH_STORE", str(store_path))
    runner = CliRunner()
    outputs = {}
    for name, args in {
        "graphml": ["export", "--format", "graphml"],
        "graphml-actors": ["export", "--format", "graphml", "--view", "actors"],
        "gexf": ["export", "--format", "gexf"],
        "rdfxml": ["export", "--format", "rdfxml"],
        "construct": ["query", "--format", "rdfxml", "CONSTRUCT WHERE { ?s ?p ?o }"],
        "results": ["query", "--format", "xml", "SELECT ?s ?o WHERE { ?s ?p ?o }"],
    }.items():
        result = runner.invoke(cli, args)
        assert result.exit_code == 0, (name, result.output)
        outputs[name] = result.stdout_bytes
    return outputs


@pytest.mark.slow
def test_every_xml_output_is_well_formed_with_forbidden_characters(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with EventStore(store_path, read_only=True) as store:
        stored = "".join(q.object.value for q in store.data_quads() if hasattr(q.object, "language"))
    assert all(c in stored for c in FORBIDDEN)  # the store keeps the text as read
    for name, body in _xml_outputs(store_path, monkeypatch).items():
        text = body.decode("utf-8")
        root = ET.fromstring(body)  # a parse error fails the test
        assert root is not None and not any(c in text for c in FORBIDDEN), name
        assert "&#12;" not in text and "&#1;" not in text and "&#xC;" not in text.upper(), name
        assert "South Korea  said" in text or name == "graphml-actors", name  # the evidence, \x01 now a space
    graph = nx.read_graphml(io.BytesIO(_xml_outputs(store_path, monkeypatch)["graphml"]))
    quotes = [d.get("quote", "") for _, d in graph.nodes(data=True)]
    assert any("South Korea  said" in q for q in quotes)  # a control character becomes a space


@pytest.mark.slow
def test_pyshacl_with_the_shapes_alone_finds_what_validate_finds(tmp_path: Path) -> None:
    import subprocess
    import sys

    import rdflib
    from rdflib.namespace import SH

    from conftest import REPO
    from eventgraph.validate import validate_quads

    store = EventStore()
    ingest_paths(store, [EXAMPLES])
    # break the export: an event loses its actors, another its certainty, a country its ISO code
    store.update(
        "DELETE { GRAPH ?g { ?e eg:actor ?a } } WHERE { { SELECT ?e WHERE { GRAPH ?h { ?e a eg:Transfer } } "
        "ORDER BY ?e LIMIT 1 } GRAPH ?g { ?e eg:actor ?a } }"
    )
    store.update(
        "DELETE { GRAPH ?g { ?e eg:certainty ?c } } WHERE { { SELECT ?e WHERE { GRAPH ?h { ?e a eg:Attack } } "
        "LIMIT 1 } GRAPH ?g { ?e eg:certainty ?c } }"
    )
    store.update("DELETE WHERE { GRAPH ?g { country:RUS eg:iso3 ?code } }")
    found = validate_quads(store.data_quads())
    assert not found.conforms and len(found.violations) >= 3
    data = tmp_path / "data.nt"
    buffer = io.BytesIO()
    store.dump(buffer, pyoxigraph.RdfFormat.N_TRIPLES)
    data.write_bytes(buffer.getvalue())
    command = [
        str(Path(sys.executable).parent / "pyshacl"),
        "-s",
        str(REPO / "ontology" / "shapes.ttl"),
        "-f",
        "turtle",
        str(data),
    ]
    run = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert run.returncode == 1, run.stderr
    report = rdflib.Graph().parse(data=run.stdout, format="turtle")
    alone = sorted(
        (str(report.value(r, SH.focusNode)).rpartition("/")[2], str(report.value(r, SH.resultMessage)))
        for r in report.subjects(rdflib.RDF.type, SH.ValidationResult)
    )
    assert alone == sorted((v.focus.rpartition("/")[2].rpartition(":")[2], v.message) for v in found.violations)


def test_the_cli_offers_the_format_names_formats_knows() -> None:
    """The CLI spells its choices out (it starts without pyoxigraph); they are formats.py's names."""
    import click

    from eventgraph.cli import EXPORT_FORMATS
    from eventgraph.formats import GRAPH_FORMAT_NAMES, RDF_FORMAT_EXTENSIONS, RESULTS_FORMAT_NAMES, rdf_format

    assert tuple(RDF_FORMAT_EXTENSIONS) == EXPORT_FORMATS
    assert all(rdf_format(name) is not None for name in EXPORT_FORMATS)
    option = next(p for p in cli.commands["query"].params if p.name == "fmt")
    assert isinstance(option.type, click.Choice)
    assert set(option.type.choices) == {"table", *RESULTS_FORMAT_NAMES, *GRAPH_FORMAT_NAMES}
