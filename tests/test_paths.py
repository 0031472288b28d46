"""`path`: the bounded search from both ends finds exactly the shortest paths networkx finds on the same graph."""

from __future__ import annotations

import itertools
import json
import random
from pathlib import Path

import networkx as nx
import pytest

from eventgraph.backends.embedded import EventStore
from eventgraph.lookups import DateRange, Resolver, find_paths
from eventgraph.pipeline import ingest_paths

COUNTRIES = [
    "Arnoria",
    "France",
    "Germany",
    "Poland",
    "Spain",
    "Italy",
    "Norway",
    "Sweden",
    "Finland",
    "Chile",
    "Peru",
    "Brazil",
    "Kenya",
    "Ghana",
    "Japan",
    "India",
][1:]


def _world(seed: int) -> tuple[list[tuple[str, str, str]], nx.Graph]:
    """Random events between countries: (actor, recipient, date), and the actor graph they make."""
    rng = random.Random(seed)
    links = []
    for _ in range(rng.randint(8, 22)):
        a, b = rng.sample(COUNTRIES, 2)
        links.append((a, b, f"20{rng.randint(10, 24)}"))
    graph = nx.Graph()
    graph.add_nodes_from(COUNTRIES)
    graph.add_edges_from((a, b) for a, b, _ in links)
    return links, graph


def _store(tmp_path: Path, links: list[tuple[str, str, str]]) -> Path:
    events = [{"type": "cooperation", "actor": [a], "recipient": [b], "date": date} for a, b, date in links]
    source = tmp_path / "world.json"
    source.write_text(json.dumps({"article": {"id": "world", "title": "A world of links"}, "events": events}))
    store = EventStore(tmp_path / "store")
    try:
        assert not ingest_paths(store, [source]).failures
    finally:
        store.close()
    return tmp_path / "store"


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(12))
def test_paths_are_networkx_shortest_paths(tmp_path: Path, seed: int) -> None:
    links, graph = _world(seed)
    with EventStore(_store(tmp_path, links), read_only=True) as store:
        resolver = Resolver(store)
        rng = random.Random(seed + 100)
        for _ in range(6):
            a, b = rng.sample(COUNTRIES, 2)
            found = find_paths(store, resolver.resolve(a), resolver.resolve(b), limit=1000, max_hops=len(COUNTRIES))
            chains = sorted([h.source.label for h in path] + [path[-1].target.label] for path in found)
            try:
                expected = sorted(nx.all_shortest_paths(graph, a, b))
            except nx.NetworkXNoPath:
                expected = []
            assert chains == expected, (a, b)
            for path in found:  # every hop lists the events its two actors share, and only those
                for hop in path:
                    shared = sorted(d for x, y, d in links if {x, y} == {hop.source.label, hop.target.label})
                    assert sorted(e["date"] for e in hop.events) == shared


def test_limit_max_hops_and_dates(tmp_path: Path) -> None:
    chain = ["France", "Germany", "Poland", "Spain", "Italy", "Norway", "Sweden", "Finland"]
    links = [(a, b, "2020") for a, b in itertools.pairwise(chain)] + [
        ("France", "Chile", "2021"),
        ("Chile", "Poland", "2015"),
    ]
    with EventStore(_store(tmp_path, links), read_only=True) as store:
        resolver = Resolver(store)
        france, poland, finland = (resolver.resolve(n) for n in ("France", "Poland", "Finland"))
        both = find_paths(store, france, poland)
        assert sorted(tuple(h.target.label for h in p) for p in both) == [("Chile", "Poland"), ("Germany", "Poland")]
        assert len(find_paths(store, france, poland, limit=1)) == 1
        # the 2015 link is outside the dates: only the path through Germany is left
        later = find_paths(store, france, poland, dates=DateRange.parse("2016", None))
        assert [[h.target.label for h in p] for p in later] == [["Germany", "Poland"]]
        assert [len(p) for p in find_paths(store, france, finland, max_hops=7)] == [7, 7]
        assert find_paths(store, france, finland) == []  # longer than the default 6 hops
