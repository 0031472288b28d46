"""Projections (networkx), the HTML page's escaping and self-containment, GraphML/GEXF/CSV exports."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from eventgraph.backends.embedded import EventStore
from eventgraph.cli import cli
from eventgraph.lookups import DateRange, Resolver
from eventgraph.projections import select_graph, write_csv, write_gexf, write_graphml
from eventgraph.views import graph_data, render_html, safe_url, script_json, static_layout, vis_assets
from invented_reports import EXAMPLES, HOSTILE_NAME, HOSTILE_QUOTE, build_store

PRK = "https://w3id.org/eventgraph/id/country/PRK"


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("views") / "store", hostile=True)


@pytest.fixture
def store(store_path: Path):
    with EventStore(store_path, read_only=True) as opened:
        yield opened


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory: pytest.TempPathFactory) -> EventStore:
    from eventgraph.pipeline import ingest_paths

    store = EventStore()
    ingest_paths(store, [EXAMPLES])
    return store


def test_event_projection_of_the_seed(seed_store: EventStore) -> None:
    graph = select_graph(seed_store, view="events")
    kinds = [d["kind"] for _, d in graph.nodes(data=True)]
    # 8 events, 3 countries, 8 items (weapons and the treaty), 1 place
    assert (kinds.count("event"), kinds.count("country"), kinds.count("place"), kinds.count("treaty")) == (8, 3, 1, 1)
    assert graph.number_of_nodes() == 20
    roles = {d["role"] for *_, d in graph.edges(data=True)}
    assert roles == {"actor", "recipient", "item", "place"}
    assert graph.nodes[PRK]["degree"] == 8 and graph.has_edge(PRK, next(iter(graph.successors(PRK))))
    attack = next(n for n, d in graph.nodes(data=True) if d.get("type") == "attack")
    assert graph.nodes[attack]["certainty"] == "alleged" and "Kursk" in graph.nodes[attack]["quote"]


def test_actor_projection_aggregates_events(seed_store: EventStore) -> None:
    graph = select_graph(seed_store, view="actors")
    assert sorted(d["label"] for _, d in graph.nodes(data=True)) == ["North Korea", "Russia", "Ukraine"]
    rus = "https://w3id.org/eventgraph/id/country/RUS"
    transfers = graph.edges[PRK, rus, "transfer"]
    assert transfers["weight"] == 3 and transfers["label"].startswith("transfer ×3")
    assert {e["certainty"] for e in transfers["events"]} == {"reported"}


def test_filters_and_neighbourhood(store: EventStore) -> None:
    confirmed = select_graph(store, view="events", certainty="confirmed")
    assert {d["type"] for _, d in confirmed.nodes(data=True) if d["kind"] == "event"} == {"agreement", "transfer"}
    belarus = Resolver(store).resolve("Belarus")
    near = select_graph(store, view="actors", actor=belarus, depth=1)
    assert sorted(d["label"] for _, d in near.nodes(data=True)) == [
        "Belarus",
        'Red Star" } ; DROP ALL ; SELECT * WHERE { ?s ?p ?o',
    ]
    by_outlet = select_graph(store, view="events", source="Example Wire")
    assert sum(d["kind"] == "event" for _, d in by_outlet.nodes(data=True)) == 2
    dated = select_graph(store, view="events", dates=DateRange.parse("2024-11", "2024-11"))
    assert sum(d["kind"] == "event" for _, d in dated.nodes(data=True)) == 2


@pytest.mark.parametrize(
    "bindings",
    [
        {},
        {"maxRank": 0},
        {"since": "2024-11-01"},
        {"until": "2024-06-30"},
        {"outlet": "Example Wire"},
        {"type": "https://w3id.org/eventgraph/id/event-type/transfer", "since": "2023"},
    ],
)
def test_graph_participants_are_filtered_as_the_graph_events(store: EventStore, bindings: dict) -> None:
    """The graph view reads events and participants in two queries: both must select the same events."""
    import pyoxigraph as ox

    from eventgraph.queries import named_query

    terms = {
        k: ox.NamedNode(v)
        if str(v).startswith("https:")
        else ox.Literal(str(v), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
        if isinstance(v, int)
        else ox.Literal(v)
        for k, v in bindings.items()
    }
    events = {r["event"] for r in store.query(named_query("graph").text, terms)}
    participants = {r["event"] for r in store.query(named_query("graph-participants").text, terms)}
    assert events == participants
    assert events or bindings, "the unfiltered graph has events"


def test_hostile_text_is_escaped_in_the_page(store: EventStore) -> None:
    page = render_html(select_graph(store, view="events"), title="<script>alert(1)</script>", view="events")
    page = page.replace(vis_assets()[0], "VIS")  # vis-network's own code mentions "<script"
    # the only script elements are the data block and the two inline scripts of the page itself
    assert len(re.findall(r"<script\b", page, flags=re.I)) == 3
    assert "<img" not in page and "<svg" not in page.lower().replace("http://www.w3.org/2000/svg", "")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    data = json.loads(re.search(r'id="graph-data">(.*?)</script>', page, flags=re.S).group(1))
    labels = {n["label"] for n in data["nodes"]}
    assert HOSTILE_NAME in labels  # the text itself survives, as data
    hostile_event = next(n for n in data["nodes"] if n["info"].get("quote") == HOSTILE_QUOTE)
    assert hostile_event["info"]["url"] == ""  # the javascript: URL never becomes a link


def test_page_is_self_contained(seed_store: EventStore) -> None:
    page = render_html(select_graph(seed_store, view="events"), title="seed", view="events")
    assert not re.search(r"<(link|iframe|img|object|embed)\b", page, flags=re.I)
    assert not re.search(r"""<script[^>]*\bsrc=""", page, flags=re.I)
    policy = html.unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page).group(1))
    assert policy.startswith("default-src 'none'; script-src 'sha256-")
    assert "vis.Network" in page and "vis-network" in page


def test_script_json_and_urls() -> None:
    text = script_json({"a": "</script><!-- & \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and json.loads(text)["a"].startswith("</script>")
    assert safe_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    for bad in ("javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,<b>", "//evil.example", "ftp://x/y"):
        assert safe_url(bad) == ""


def test_static_layout_for_large_graphs() -> None:
    graph = nx.MultiDiGraph()
    graph.add_edges_from((f"hub{i % 3}", f"leaf{i}") for i in range(60))
    graph.add_node("alone")
    positions = static_layout(graph)
    assert set(positions) == set(graph.nodes) and len(set(positions.values())) == graph.number_of_nodes()
    data = graph_data(graph, title="t", view="events", layout="auto")
    assert data["layout"] == "physics" and "x" not in data["nodes"][0]
    static = graph_data(graph, title="t", view="events", layout="static")
    assert static["layout"] == "static" and all("x" in n for n in static["nodes"])


def test_static_layout_is_the_same_in_every_process() -> None:
    """The same graph gets the same positions whatever the process's string hashing (PYTHONHASHSEED), so
    drawing the same store twice writes the same page."""
    import subprocess
    import sys

    program = (
        "import json, networkx as nx; from eventgraph.views import static_layout; g = nx.MultiDiGraph();"
        "g.add_edges_from((f'hub{i % 4}', f'leaf{i % 17}') for i in range(80)); print(json.dumps(static_layout(g)))"
    )
    runs = [
        subprocess.run(
            [sys.executable, "-c", program], env={"PYTHONHASHSEED": seed}, capture_output=True, text=True, check=True
        ).stdout
        for seed in ("1", "2", "3")
    ]
    assert runs[0] == runs[1] == runs[2] and json.loads(runs[0])


def test_graphml_gexf_and_csv_parse_back(store: EventStore, tmp_path: Path) -> None:
    for view in ("events", "actors"):
        graph = select_graph(store, view=view)
        write_graphml(graph, tmp_path / f"{view}.graphml")
        write_gexf(graph, tmp_path / f"{view}.gexf")
        for parsed in (nx.read_graphml(tmp_path / f"{view}.graphml"), nx.read_gexf(tmp_path / f"{view}.gexf")):
            assert parsed.number_of_nodes() == graph.number_of_nodes()
            assert parsed.number_of_edges() == graph.number_of_edges()
            assert parsed.nodes[PRK]["label"] == "North Korea"
        nodes, edges = write_csv(graph, tmp_path / f"{view}-csv")
        assert len(list(csv.DictReader(io.StringIO(nodes.read_text(encoding="utf-8"))))) == graph.number_of_nodes()
        assert len(list(csv.DictReader(io.StringIO(edges.read_text(encoding="utf-8"))))) == graph.number_of_edges()
    actors = nx.read_graphml(tmp_path / "actors.graphml")
    weights = [d["weight"] for *_, d in actors.edges(data=True)]
    assert all(isinstance(w, int) for w in weights) and max(weights) >= 3


def test_cli_draw_and_export(store_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTGRAPH_STORE", str(store_path))
    runner = CliRunner()
    page = tmp_path / "view.html"
    result = runner.invoke(cli, ["draw", "-o", str(page), "--view", "actors", "--actor", "DPRK", "--depth", "2"])
    assert result.exit_code == 0, result.output
    assert "<!DOCTYPE html>" in page.read_text(encoding="utf-8")
    nothing = runner.invoke(cli, ["draw", "-o", str(tmp_path / "x.html"), "--since", "2030"])
    assert nothing.exit_code == 1 and "no events match" in nothing.output
    graphml = runner.invoke(cli, ["export", "--format", "graphml", "--view", "actors", "--type", "transfer"])
    assert graphml.exit_code == 0, graphml.output
    parsed = nx.read_graphml(io.BytesIO(graphml.stdout_bytes))
    assert {d["type"] for *_, d in parsed.edges(data=True)} == {"transfer"}
    assert runner.invoke(cli, ["export", "--format", "csv"]).exit_code == 2
    mixed = runner.invoke(cli, ["export", "--format", "turtle", "--view", "actors"])
    assert mixed.exit_code == 2 and "only with --format graphml" in mixed.output
