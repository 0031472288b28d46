"""Compare RDF datasets graph by graph, by isomorphism (blank nodes allowed)."""

from __future__ import annotations

import rdflib
from rdflib.compare import graph_diff, isomorphic, to_isomorphic


def dataset_from(data: bytes | str, fmt: str = "trig") -> dict[str, rdflib.Graph]:
    dataset = rdflib.Dataset()
    dataset.parse(data=data, format=fmt)
    graphs: dict[str, rdflib.Graph] = {}
    for context in dataset.graphs():
        graph = rdflib.Graph()
        for triple in context:
            graph.add(triple)
        if len(graph):
            graphs[str(context.identifier)] = graph
    return graphs


def assert_same_datasets(actual: dict[str, rdflib.Graph], expected: dict[str, rdflib.Graph]) -> None:
    assert sorted(actual) == sorted(expected)
    for name, graph in expected.items():
        if not isomorphic(actual[name], graph):
            _, only_actual, only_expected = graph_diff(to_isomorphic(actual[name]), to_isomorphic(graph))
            raise AssertionError(
                f"graph {name} differs\nonly in actual:\n{only_actual.serialize(format='nt')}\n"
                f"only in expected:\n{only_expected.serialize(format='nt')}"
            )
