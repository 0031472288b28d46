"""Named SPARQL queries shipped with the package, and their parameters.

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
when the two forms give the same answers (tests/test_lookups.py checks it for every named query).  A group
opened by ``{ # lateral: ...`` becomes ``LATERAL {`` in the same way: the query binds every variable it
shares with the rest before it, and keeps the filters that need both outside it (``event-members.rq``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from eventgraph.errors import InvalidValue, NotFoundError
from eventgraph.formats import compact_iri as compact_iri  # lookups.py imports it from here (until it moves)
from eventgraph.formats import display as display  # statistics.py imports it from here (until it moves)
from eventgraph.resources import named_query_files
from eventgraph.vocab import PREFIXES

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
        """The text to run on ``store``: with LATERAL optionals and groups where the store supports them."""
        return lateral_optionals(self.text) if getattr(store, "lateral_joins", False) else self.text


# a one-line OPTIONAL on the event or its article, both bound by every named query's main pattern
_KEYED_OPTIONAL = re.compile(r"^([ \t]*)(OPTIONAL \{ \?(?:event|article)\b.*\})[ \t]*$", re.M)


# a group marked for LATERAL: every variable it shares with the query is bound before it
_LATERAL_GROUP = re.compile(r"^([ \t]*)\{ # lateral:", re.M)


def lateral_optionals(text: str) -> str:
    """Each one-line ``OPTIONAL { ?event ... }`` / ``{ ?article ... }`` wrapped in ``LATERAL { }``, and each
    group opened by ``{ # lateral: ...`` made ``LATERAL {``."""
    return _LATERAL_GROUP.sub(r"\1LATERAL { #", _KEYED_OPTIONAL.sub(r"\1LATERAL { \2 }", text))


def named_queries() -> dict[str, NamedQuery]:
    """Every ``.rq`` file shipped in ``eventgraph/queries``, by name."""
    found: dict[str, NamedQuery] = {}
    for name, text in named_query_files():
        found[name] = _parse_named(name, text)
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
