"""SPARQL as text: binding values with a VALUES block, and finding keywords outside strings and IRIs.

Values enter a query as a ``VALUES`` block of RDF terms serialised by pyoxigraph
(N-Triples syntax, escaped), opening the WHERE group, never as raw text.  Both
stores bind this way: over HTTP there is nothing else, and in pyoxigraph a VALUES
block at the start of the group lets the planner use the values (28x faster than
its ``substitutions`` on a bound supplier at 50k events), while substituted
variables are only filtered after the joins.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pyoxigraph import Literal, NamedNode

from eventgraph.errors import InvalidValue, QueryError

# what a query may hold before the group the VALUES block goes into: IRIs, strings, comments, braces
_TOKENS = re.compile(
    r'<[^<>"{}|^`\\\x00-\x20]*>|"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|#[^\n]*|[{}]',
    re.S,
)
_CONSTRUCT_TEMPLATE = re.compile(r"\bCONSTRUCT\s*\{", re.I)
# the lexer of the nesting bound: the terminals a bracket can hide in, as Oxigraph reads them (IRIs may hold
# \u escapes, a backslash outside a string escapes the next character of a prefixed name: eg:x\')
_NESTING_TOKENS = re.compile(
    r'<(?:[^<>"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>'
    r'|"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n\r]|\\.)*"|\'(?:[^\'\\\n\r]|\\.)*\'|#[^\n\r]*|\\.'
    r"|[{(\[]|[})\]]|[!^+\-]|\S",
    re.S,
)
MAX_NESTING = 64  # brackets and unary operators one inside another; Oxigraph's parser recurses on each


def bind_values(sparql: str, bindings: Mapping[str, Any]) -> str:
    """The query with ``VALUES (?a ?b) { (term term) }`` opening its WHERE group.

    The terms are pyoxigraph terms written in their N-Triples form (escaped by
    pyoxigraph), so a value can never end the block and add SPARQL of its own.
    """
    return bind_rows(sparql, list(bindings), [list(bindings.values())])


def bind_rows(sparql: str, names: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """The query with a VALUES block of several rows (``VALUES (?a ?b) { (t t) (t t) }``) opening its WHERE group.

    As ``bind_values``: every value must be a pyoxigraph IRI or literal, written in its escaped N-Triples form.
    """
    for name in names:
        if not re.fullmatch(r"\w+", name):
            raise InvalidValue(f"cannot bind ?{name}: a variable name is letters, digits and underscores")
    lines = []
    for row in rows:
        if len(row) != len(names):
            raise InvalidValue(f"a row of {len(row)} values for {len(names)} variables")
        for name, term in zip(names, row, strict=True):
            if not isinstance(term, (NamedNode, Literal)):
                raise InvalidValue(f"cannot bind ?{name} to {term!r}: bindings are named IRIs and literals")
        lines.append(f"({' '.join(str(term) for term in row)})")
    block = f" VALUES ({' '.join(f'?{name}' for name in names)}) {{ {' '.join(lines)} }} "
    position = _where_group(sparql)
    return sparql[:position] + block + sparql[position:]


def bare_syntax(sparql: str) -> str:
    """The query with its IRIs, strings and comments blanked out: what is left is keywords, names and braces."""
    return _TOKENS.sub(lambda t: t.group() if t.group() in "{}" else " ", sparql)


def uses_keyword(sparql: str, keyword: str) -> bool:
    """Whether a SPARQL keyword (SERVICE, LOAD ...) is used, not merely named in a string, IRI or variable."""
    return re.search(rf"(?<![?$:\w-]){keyword}(?![\w:-])", bare_syntax(sparql), re.I) is not None


def check_nesting(sparql: str, limit: int = MAX_NESTING) -> None:
    """Refuse a query nested deeper than ``limit``: Oxigraph's recursive parser overflows its stack
    (a segmentation fault, no message) at a few thousand ``{``, ``(`` or ``!`` one inside another.

    Brackets are counted outside IRIs, strings and comments; a run of unary operators
    (``! ! !``, ``- -``, ``^^``) counts one level each, as the parser descends once for each.
    """
    depth = run = 0
    for token in _NESTING_TOKENS.finditer(sparql):
        mark = token.group()
        if mark in "{([":
            depth, run = depth + 1, 0
        elif mark in "})]":
            depth, run = max(0, depth - 1), 0
        elif mark in "!^+-":
            run += 1
        else:
            run = 0
            continue
        if depth + run > limit:
            raise QueryError(
                f"the query is nested more than {limit} levels deep (brackets and operators "
                "one inside another); write it flatter"
            )


def query_form(sparql: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first keyword after the prologue."""
    bare = bare_syntax(sparql)
    bare = re.sub(r"(?i)\b(PREFIX\s+[^\s:]*:|BASE)\s*", " ", bare)
    found = re.search(r"(?i)\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", bare)
    return found.group(1).upper() if found else "SELECT"


def _where_group(sparql: str) -> int:
    """Where the body of the query's WHERE group begins (just after its brace)."""
    depth, groups = 0, []
    for token in _TOKENS.finditer(sparql):
        if token.group() == "{":
            if depth == 0:
                groups.append(token.end())
            depth += 1
        elif token.group() == "}":
            depth -= 1
    template = _CONSTRUCT_TEMPLATE.search(bare_syntax(sparql))
    index = 1 if template is not None else 0
    if len(groups) <= index:
        raise QueryError("cannot find the WHERE clause to bind values in")
    return groups[index]


@dataclass(frozen=True)
class QueryDataset:
    """The RDF dataset a query names with FROM (default graph) and FROM NAMED (named graphs) clauses.

    ``known`` is False when the query has a dataset clause the parser here could not read
    (it uses syntax only pyoxigraph knows): then only its existence is known.
    """

    default: tuple[str, ...] = ()
    named: tuple[str, ...] = ()
    known: bool = True


def query_dataset(sparql: str, prefixes: Mapping[str, str]) -> QueryDataset | None:
    """The dataset a query names (SPARQL 1.1 §13.2), or None when it names none.

    A query without FROM outside its strings, IRIs and comments names none; one with it is
    parsed (rdflib's SPARQL parser) for its dataset clauses, their prefixed names resolved
    with the query's PREFIX lines and then ``prefixes``.
    """
    if not uses_keyword(sparql, "FROM"):
        return None
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        prologue, body = parseQuery(sparql)
    except ParseException:
        return QueryDataset(known=False)  # FROM outside strings, IRIs and comments is a dataset clause
    clauses = body.get("datasetClause", [])
    if not clauses:
        return None
    declared = {**prefixes, **{str(d.get("prefix") or ""): str(d["iri"]) for d in prologue if "iri" in d}}
    default: list[str] = []
    named: list[str] = []
    for clause in clauses:
        which, term = ("default", clause["default"]) if "default" in clause else ("named", clause["named"])
        if "localname" in term or "prefix" in term:
            prefix = str(term.get("prefix") or "")
            if prefix not in declared:
                raise QueryError(f"invalid SPARQL: the prefix {prefix}: is not declared")
            iri = declared[prefix] + str(term.get("localname") or "")
        else:
            iri = str(term)
        (default if which == "default" else named).append(iri)
    return QueryDataset(tuple(default), tuple(named))
