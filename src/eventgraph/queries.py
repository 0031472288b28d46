"""Named SPARQL queries shipped with the package, and the formatting of query results.

A named query is a ``queries/NAME.rq`` file whose header comments describe it:

    # title: Events by type
    # description: how many events of each type the store holds
    # param: type  IRI  an event type concept, e.g. egt:transfer

Parameters are bound as a VALUES block of serialised terms (sparqltext.bind_values), never formatted into the text.

The files are standard SPARQL 1.1.  For the embedded store (Oxigraph), ``NamedQuery.text_for`` wraps
each one-line ``OPTIONAL { ?event ... }`` and ``OPTIONAL { ?article ... }`` in ``LATERAL`` (SEP-0006,
which Oxigraph implements): Oxigraph's planner evaluates an OPTIONAL holding a path or several triple
patterns as a hash join over the whole store, so ``transfers --from Russia`` spent 8.3 of its 8.7 s at
1M events reading every quoted sentence in the store; per row it takes 0.37 s in all.  ``?event`` and
``?article`` are bound in every row before such a line (the query's main pattern binds them), which is
when the two forms give the same answers (tests/test_lookups.py checks it for every named query).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import pyoxigraph as ox

from eventgraph.errors import InvalidValue, NotFoundError, QueryError
from eventgraph.vocab import PREFIXES
from eventgraph.xmltext import xml_safe_document

RESULT_FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
    "xml": ox.QueryResultsFormat.XML,
}
GRAPH_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}
_HEADER = re.compile(r"#\s*(title|description|param):\s*(.*)")


@dataclass
class Parameter:
    name: str
    kind: str  # IRI, string, date, integer
    description: str


@dataclass
class NamedQuery:
    name: str
    text: str
    title: str = ""
    description: str = ""
    parameters: list[Parameter] = field(default_factory=list)

    def text_for(self, store: Any) -> str:
        """The text to run on ``store``: with LATERAL optionals where the store supports them."""
        return lateral_optionals(self.text) if getattr(store, "lateral_joins", False) else self.text


# a one-line OPTIONAL on the event or its article, both bound by every named query's main pattern
_KEYED_OPTIONAL = re.compile(r"^([ \t]*)(OPTIONAL \{ \?(?:event|article)\b.*\})[ \t]*$", re.M)


def lateral_optionals(text: str) -> str:
    """Each one-line ``OPTIONAL { ?event ... }`` / ``{ ?article ... }`` wrapped in ``LATERAL { }``."""
    return _KEYED_OPTIONAL.sub(r"\1LATERAL { \2 }", text)


def named_queries() -> dict[str, NamedQuery]:
    """Every ``.rq`` file shipped in ``eventgraph/queries``, by name."""
    found: dict[str, NamedQuery] = {}
    for entry in sorted(resources.files("eventgraph.sparql").iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            query = _parse_named(entry.name[:-3], entry.read_text(encoding="utf-8"))
            found[query.name] = query
    return found


def named_query(name: str) -> NamedQuery:
    queries = named_queries()
    if name not in queries:
        raise NotFoundError(f"no named query {name!r}; 'eventgraph queries' lists them")
    return queries[name]


def _parse_named(name: str, text: str) -> NamedQuery:
    query = NamedQuery(name=name, text=text)
    for line in text.splitlines():
        match = _HEADER.match(line.strip())
        if not match:
            continue
        key, value = match.groups()
        if key == "param":
            pname, kind, *rest = value.split(None, 2) + ["", ""]
            query.parameters.append(Parameter(pname, kind, rest[0] if rest else ""))
        else:
            setattr(query, key, value.strip())
    return query


def bind_parameters(query: NamedQuery, values: dict[str, str]) -> dict[str, ox.NamedNode | ox.Literal]:
    """Turn ``name=value`` strings into RDF terms of each parameter's declared kind."""
    known = {p.name: p for p in query.parameters}
    unknown = set(values) - set(known)
    if unknown:
        raise InvalidValue(
            f"query {query.name!r} has no parameter {', '.join(sorted(unknown))}; "
            f"it takes: {', '.join(known) or 'none'}"
        )
    return {name: term_of(known[name].kind, value) for name, value in values.items()}


def term_of(kind: str, value: str) -> ox.NamedNode | ox.Literal:
    kind = kind.lower()
    xsd = PREFIXES["xsd"]
    try:
        if kind == "iri":
            return ox.NamedNode(expand_iri(value))
        if kind == "date":
            return ox.Literal(value, datatype=ox.NamedNode(xsd + "date"))
        if kind == "integer":
            return ox.Literal(str(int(value)), datatype=ox.NamedNode(xsd + "integer"))
    except ValueError as error:
        raise InvalidValue(f"{value!r} is not a valid {kind}: {error}") from None
    return ox.Literal(value)


def expand_iri(value: str) -> str:
    """``egt:transfer`` to its full IRI; full IRIs pass through."""
    prefix, colon, local = value.partition(":")
    if colon and prefix in PREFIXES and not local.startswith("//"):
        return PREFIXES[prefix] + local
    return value


# -- formatting ------------------------------------------------------------------------------
def format_results(results: Any, fmt: str) -> bytes:
    """Serialise SELECT/ASK results (W3C formats or a table) or CONSTRUCT/DESCRIBE triples."""
    if isinstance(results, ox.QueryTriples):
        rdf_format = GRAPH_FORMATS.get(fmt, ox.RdfFormat.TURTLE if fmt == "table" else None)
        if rdf_format is None:
            raise InvalidValue(f"a CONSTRUCT/DESCRIBE result is a graph: use --format {'|'.join(GRAPH_FORMATS)}")
        prefixes = PREFIXES if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML) else None
        data = ox.serialize(results, format=rdf_format, prefixes=prefixes) or b""
        return xml_safe_document(data) if rdf_format == ox.RdfFormat.RDF_XML else data
    if fmt == "table":
        if isinstance(results, ox.QueryBoolean):
            return (b"true" if bool(results) else b"false") + b"\n"
        variables = [v.value for v in results.variables]
        rows = [[display(solution[v]) for v in variables] for solution in results]
        return render_table(variables, rows).encode("utf-8")
    if fmt not in RESULT_FORMATS:
        raise InvalidValue(f"a SELECT/ASK result can be written as table, {', '.join(RESULT_FORMATS)}")
    if fmt == "csv" and isinstance(results, ox.QuerySolutions):
        return results_to_csv(results)
    try:
        data = results.serialize(format=RESULT_FORMATS[fmt]) or b""
        return xml_safe_document(data) if fmt == "xml" else data
    except (OSError, RuntimeError) as error:
        raise QueryError(str(error)) from None


def display(term: Any) -> str:
    """A term as a person reads it: literals by value, IRIs with a known prefix shortened."""
    if term is None:
        return ""
    if isinstance(term, ox.Literal):
        return term.value
    if isinstance(term, ox.NamedNode):
        return compact_iri(term.value)
    return str(term)


def compact_iri(iri: str) -> str:
    best = ""
    for prefix, base in PREFIXES.items():
        if iri.startswith(base) and len(base) > len(PREFIXES.get(best, "")):
            best = prefix
    return f"{best}:{iri[len(PREFIXES[best]) :]}" if best else iri


def render_table(
    headers: Sequence[str], rows: Iterable[Sequence[str]], *, max_width: int = 60, whole: Sequence[str] = ()
) -> str:
    """A plain-text table with a header rule; long cells are cut with an ellipsis, except in ``whole`` columns."""
    widths_allowed = [10**9 if h in whole else max_width for h in headers]
    cells = [[_cell(v, w) for v, w in zip(row, widths_allowed)] for row in rows]
    widths = [max([len(h), *(len(r[i]) for r in cells)]) for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths)).rstrip(), "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in cells]
    lines.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
    return "\n".join(lines) + "\n"


def _cell(value: str, max_width: int) -> str:
    text = " ".join(str(value).split())
    return text if len(text) <= max_width else text[: max_width - 1] + "…"


def rows_to_csv(headers: Sequence[str], rows: Iterable[Sequence[Any]], delimiter: str = ",") -> str:
    """CSV for spreadsheets: every cell through ``spreadsheet_cell``."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow([spreadsheet_cell(h) for h in headers])
    writer.writerows([spreadsheet_cell(v) for v in row] for row in rows)
    return out.getvalue()


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


def spreadsheet_cell(value: Any) -> Any:
    """A CSV cell a spreadsheet shows as text, never runs (CSV injection, as OWASP advises): text starting with
    ``= + - @``, a tab or a carriage return gets a leading ``'``.  Numbers stay numbers (``-12.5``, ``+3``)."""
    if not isinstance(value, str) or not value.startswith(_FORMULA_START) or _NUMBER.fullmatch(value):
        return value
    return "'" + value


def results_to_csv(results: Any) -> bytes:
    """SELECT results as the W3C SPARQL CSV format (IRIs and literals by value, CRLF lines), cells made safe
    for spreadsheets (``spreadsheet_cell``)."""
    variables = [v.value for v in results.variables]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(variables)
    for solution in results:
        writer.writerow([spreadsheet_cell(_csv_value(solution[v])) for v in variables])
    return out.getvalue().encode("utf-8")


def _csv_value(term: Any) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return str(term.value)
