"""Where the graph lives: the embedded pyoxigraph store, or any SPARQL 1.1 server.

Both backends offer the same methods, the ones the rest of eventgraph calls
(:class:`GraphStore`).  The embedded one is :class:`eventgraph.backends.embedded.EventStore`;
the server one is :class:`eventgraph.backends.sparql.SparqlStore`.  A store
location that is an ``http(s)://`` URL is a SPARQL query endpoint; anything else
is a directory.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any, Protocol

import pyoxigraph as ox

from eventgraph.mapping import MappedArticle, SerialisedArticle


class GraphStore(Protocol):
    """What pipelines, importers, lookups and the CLI need from a store."""

    read_only: bool

    def query(
        self,
        sparql: str,
        bindings: Mapping[str, Any] | None = None,
        *,
        default_graph: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
    ) -> Any: ...
    def update(self, sparql: str) -> None: ...
    def write_articles(self, articles: Sequence[MappedArticle | SerialisedArticle]) -> Any: ...
    def write_graph_in_bulk(self, graph: MappedArticle) -> str: ...
    def remove_article(self, reference: str) -> str: ...
    def find_article(self, reference: str) -> ox.NamedNode: ...
    def article_graphs(self) -> Iterator[ox.NamedNode]: ...
    def quads(self, graph: ox.NamedNode | None = None) -> Iterator[ox.Quad]: ...
    def data_quads(self) -> Iterator[ox.Quad]: ...
    def dump(self, output: IO[bytes], format: ox.RdfFormat, *, include_ontology: bool = False) -> None: ...
    def flush(self) -> None: ...
    def close(self) -> None: ...
    def __len__(self) -> int: ...


def is_remote(location: str | Path) -> bool:
    return str(location).startswith(("http://", "https://"))


def open_store(location: str | Path, *, write: bool = False) -> GraphStore:
    """The store at a directory or a SPARQL endpoint URL; for reading unless ``write``."""
    if is_remote(location):
        from eventgraph.backends.sparql import SparqlStore

        return SparqlStore.from_environment(str(location), read_only=not write)
    from eventgraph.backends.embedded import EventStore

    return EventStore(Path(location), read_only=not write, create=write)
