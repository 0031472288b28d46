"""What the store backends share: the write report, the entity clean-up update, serialisation prefixes."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

import pyoxigraph as ox
from pyoxigraph import Quad

from eventgraph.mapping import MappedArticle, SerialisedArticle
from eventgraph.vocab import ENTITIES_GRAPH, ONTOLOGY_GRAPH, PREFIXES

# Removes entity descriptions that nothing outside themselves refers to any more.
GC_ENTITIES = f"""
DELETE {{ GRAPH {ENTITIES_GRAPH} {{ ?e ?p ?o }} }}
WHERE {{
  GRAPH {ENTITIES_GRAPH} {{ ?e ?p ?o }}
  FILTER NOT EXISTS {{ GRAPH ?g {{ ?s ?q ?e }} FILTER(?s != ?e && ?g != {ONTOLOGY_GRAPH}) }}
}}
"""


@dataclass
class WriteReport:
    """What one write did, article ids by outcome."""

    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    events: int = 0
    quads: int = 0

    def merge(self, other: WriteReport) -> None:
        self.added += other.added
        self.replaced += other.replaced
        self.unchanged += other.unchanged
        self.events += other.events
        self.quads += other.quads


# egr: would force escaped slashes in every instance IRI; the per-kind prefixes read better
SERIALIZE_PREFIXES = {k: v for k, v in PREFIXES.items() if k != "egr"}


def distinct_triples(quads: Iterable[Quad]) -> Iterator[ox.Triple]:
    seen: set[ox.Triple] = set()
    for quad in quads:
        triple = quad.triple
        if triple not in seen:
            seen.add(triple)
            yield triple


ArticleT = TypeVar("ArticleT", MappedArticle, SerialisedArticle, MappedArticle | SerialisedArticle)


def last_of_each(articles: Sequence[ArticleT]) -> list[ArticleT]:
    """One entry per article graph: the last wins when a batch names an article twice."""
    return list({a.graph.value: a for a in articles}.values())
