from __future__ import annotations

import pytest
import rdflib

from conftest import REPO
from eventgraph.vocab import EG, EGC, EGT


def defined_terms(namespace: str) -> set[str]:
    graph = rdflib.Graph()
    for name in ("eventgraph.ttl", "vocabularies.ttl"):
        graph.parse(REPO / "ontology" / name, format="turtle")
    return {
        str(s)[len(namespace) :]
        for s in graph.subjects(rdflib.RDF.type, None)
        if str(s).startswith(namespace) and len(str(s)) > len(namespace)
    }


def test_the_closed_namespaces_match_the_ontology() -> None:
    assert EG.terms == defined_terms(EG.base)
    assert EGT.terms == defined_terms(EGT.base)
    assert EGC.terms == defined_terms(EGC.base)


def test_a_typo_raises_instead_of_minting_an_iri() -> None:
    assert EG.Transfer.value == "https://w3id.org/eventgraph/ns#Transfer"
    with pytest.raises(AttributeError, match="not a term"):
        EG.Tranfser  # noqa: B018
