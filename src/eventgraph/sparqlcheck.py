"""What the HTTP endpoint refuses to run: operations that reach outside the store (``SERVICE``, ``LOAD``).

pyoxigraph answers ``SERVICE <url>`` and ``LOAD <url>`` by fetching the URL: from a public
endpoint that is a way into the server's own network.  The check parses the operation
with rdflib's SPARQL 1.1 grammar (a real parser, not a keyword search) and refuses one
whose parse tree holds a ``ServiceGraphPattern`` or a ``Load``, and one it cannot parse at
all: a query the check cannot read is not run, even where Oxigraph could (its extensions,
such as ``LATERAL``, are refused on the endpoint).

Unicode escapes (``\\u0041``, ``\\U00000041``) are refused outright: SPARQL parsers disagree
on where they apply (Oxigraph reads them inside IRIs, strings and names; rdflib rewrites the
whole text before parsing), so a query holding one can lex differently in the check and in
the store, which is how ``<http://x/\\u0041#> ... SERVICE`` got past the keyword filter this
replaces.  Nesting is bounded first (``sparqltext.check_nesting``): rdflib's parser recurses
once per bracket, and the check raises Python's recursion limit to read up to that bound.
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache
from typing import Any

from eventgraph.errors import QueryError
from eventgraph.sparqltext import MAX_NESTING, check_nesting

_UNICODE_ESCAPE = re.compile(r"\\[uU]")
_REMOTE = {"ServiceGraphPattern": "SERVICE (federated query)", "Load": "LOAD"}
_RECURSION_FOR_NESTING = 120 * MAX_NESTING + 2000  # rdflib's parser takes about 100 frames per level


class RemoteAccessRefused(QueryError):
    """The operation would make the server fetch a URL, or cannot be checked for it."""


def check_operation(text: str, *, update: bool = False) -> None:
    """Raise ``RemoteAccessRefused`` unless ``text`` is a query (or update) that reads only the store.

    Parsing takes 20 to 200 ms for the shipped queries (pyparsing): the verdicts on short texts are
    remembered, as clients tend to send the same queries again.
    """
    verdict = _remembered_verdict(text, update) if len(text) <= _REMEMBERED_LENGTH else _verdict(text, update)
    if verdict is not None:
        raise RemoteAccessRefused(verdict)


_REMEMBERED_LENGTH = 20_000


def _verdict(text: str, update: bool) -> str | None:
    try:
        _check(text, update)
    except QueryError as refusal:
        return str(refusal)
    return None


_remembered_verdict = lru_cache(maxsize=512)(_verdict)


def _check(text: str, update: bool) -> None:
    check_nesting(text)
    if _UNICODE_ESCAPE.search(text):
        raise RemoteAccessRefused(
            "\\u and \\U escapes are not accepted by this endpoint: write the characters themselves"
        )
    tree = _parse(text, update)
    found = next((_REMOTE[name] for name in _names(tree) if name in _REMOTE), None)
    if found is not None:
        raise RemoteAccessRefused(f"{found} is not allowed on this endpoint: it would make the server fetch a URL")


def _parse(text: str, update: bool) -> Any:
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql import parser

    grammar = parser.UpdateUnit if update else parser.QueryUnit
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, _RECURSION_FOR_NESTING))
    try:
        return grammar.parse_string(text, parse_all=True)
    except ParseBaseException as error:
        what = "update" if update else "query"
        raise RemoteAccessRefused(
            f"this endpoint runs only standard SPARQL 1.1 it can check, and cannot read "
            f"the {what}: {error.msg} at line {error.lineno} column {error.col}"
        ) from None
    except (RecursionError, ValueError, TypeError, IndexError) as error:
        raise RemoteAccessRefused(f"this endpoint cannot check the operation: {type(error).__name__}") from None
    finally:
        sys.setrecursionlimit(limit)


def _names(node: Any) -> Any:
    """The name of every parse-tree node (rdflib's ``CompValue``) under ``node``."""
    from pyparsing import ParseResults

    stack = [node]
    while stack:
        item = stack.pop()
        name = getattr(item, "name", None)
        if isinstance(name, str):
            yield name
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, (list, tuple, ParseResults)):
            stack.extend(item)
