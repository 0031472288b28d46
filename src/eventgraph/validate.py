"""SHACL validation of the stored graph against the packaged shapes (pyshacl, imported lazily)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from eventgraph.formats import compact_iri
from eventgraph.resources import SHAPES_FILE, ontology_turtle, read_ontology_file


@dataclass
class Violation:
    focus: str
    path: str
    message: str
    severity: str


@dataclass
class ValidationReport:
    conforms: bool
    violations: list[Violation] = field(default_factory=list)
    triples: int = 0


def validate_quads(quads: Iterable[ox.Quad]) -> ValidationReport:
    """Validate the union of the given quads' triples against the shapes."""
    import rdflib
    from pyshacl import validate

    data = rdflib.Graph()
    triples = {q.triple for q in quads}
    payload = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
    data.parse(data=payload.decode("utf-8"), format="nt")
    ontology = rdflib.Graph()
    for text in ontology_turtle():
        ontology.parse(data=text.decode("utf-8"), format="turtle")
    shapes = rdflib.Graph().parse(data=read_ontology_file(SHAPES_FILE).decode("utf-8"), format="turtle")
    conforms, report, _ = validate(
        data,
        shacl_graph=shapes,
        ont_graph=ontology,
        inference="none",
        advanced=False,
        allow_warnings=True,
    )
    return ValidationReport(conforms=bool(conforms), violations=_violations(report), triples=len(triples))


def _violations(report: object) -> list[Violation]:
    import rdflib
    from rdflib.namespace import SH

    assert isinstance(report, rdflib.Graph)
    found = []

    def value(result: rdflib.term.Node, predicate: rdflib.URIRef) -> str:
        obj = report.value(result, predicate)
        return compact_iri(str(obj)) if isinstance(obj, rdflib.URIRef) else str(obj or "")

    for result in report.subjects(rdflib.RDF.type, SH.ValidationResult):
        found.append(
            Violation(
                focus=value(result, SH.focusNode),
                path=value(result, SH.resultPath),
                message=value(result, SH.resultMessage),
                severity=value(result, SH.resultSeverity).rpartition("#")[2],
            )
        )
    found.sort(key=lambda v: (v.focus, v.path, v.message))
    return found
