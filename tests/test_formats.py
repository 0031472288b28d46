"""Format names and media types to pyoxigraph's formats (formats.py), and the server's choice by them."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from eventgraph.formats import (
    graph_format,
    graph_format_of_media,
    rdf_format,
    render_table,
    results_format,
    spreadsheet_cell,
)
from eventgraph.server.protocol import graph_media, results_media


def test_names_give_pyoxigraph_formats() -> None:
    assert rdf_format("trig") == ox.RdfFormat.TRIG and rdf_format("nquads") == ox.RdfFormat.N_QUADS
    assert graph_format("rdfxml") == ox.RdfFormat.RDF_XML and graph_format("trig") is None  # a dataset format
    assert results_format("tsv") == ox.QueryResultsFormat.TSV and results_format("turtle") is None


def test_a_graph_is_read_by_any_of_its_media_types_but_not_the_generic_ones() -> None:
    assert graph_format_of_media("application/x-turtle") == ox.RdfFormat.TURTLE
    assert graph_format_of_media("text/plain; charset=utf-8") == ox.RdfFormat.N_TRIPLES
    for media in ("application/json", "application/xml", "application/sparql-results+json", "application/trig"):
        assert graph_format_of_media(media) is None, media  # SELECT results may come as the first two


@pytest.mark.parametrize(
    ("formats", "accept", "graph", "results"),
    [
        ([], [], "text/turtle", "application/sparql-results+json"),
        (["json"], [], "application/ld+json", "application/sparql-results+json"),
        (["xml"], [], "application/rdf+xml", "application/sparql-results+xml"),
        (["csv"], ["application/n-triples"], "application/n-triples", "text/csv"),
        (["text/turtle", "tsv"], [], "text/turtle", "text/tab-separated-values"),
        ([" TTL "], ["text/*"], "text/turtle", "text/csv"),
        ([], ["application/*"], "application/n-triples", "application/sparql-results+json"),
    ],
)
def test_the_server_answers_in_the_format_named_else_the_one_accepted(
    formats: list[str], accept: list[str], graph: str, results: str
) -> None:
    assert graph_media(formats, accept) == graph
    assert results_media(formats, accept) == results


def test_table_and_spreadsheet_cells() -> None:
    table = render_table(["name", "id"], [["a" * 70, "x" * 70]], whole=("id",))
    assert "a" * 59 + "…" in table and "x" * 70 in table and table.endswith("(1 row)\n")
    # cells on one line (runs of white space, newlines and tabs made one space), columns padded to the widest
    lines = render_table(["a", "longer"], [[" two\n lines ", "x"], ["y", "tab\there"]]).splitlines()
    assert lines == ["a          longer", "---------  --------", "two lines  x", "y          tab here", "(2 rows)"]
    assert render_table(["name", "id"], []).splitlines() == ["name  id", "----  --", "(0 rows)"]
    assert spreadsheet_cell("=HYPERLINK(1)") == "'=HYPERLINK(1)" and spreadsheet_cell("-12.5") == "-12.5"
