"""What the store holds, in counts: `eventgraph stats`.

The counts (nodes by class, events by type, totals) are one query each.  The article listing is paged:
the articles are put in order by one light query (IRI and date only), and the titles and event counts are
read for the page alone, so a page costs the same in a store of ten articles or of two hundred thousand.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from eventgraph.index import stats as indexstats
from eventgraph.index.hooks import lookup_index
from eventgraph.queries import display, named_query
from eventgraph.sparqltext import bind_rows

COUNT_SECTIONS = ("stats-totals", "stats-classes", "stats-event-types")


@dataclass
class Section:
    name: str
    title: str
    columns: list[str]
    rows: list[list[str]] = field(default_factory=list)

    def records(self) -> list[dict[str, str]]:
        return [dict(zip(self.columns, row, strict=False)) for row in self.rows]


INDEX_COLUMNS = {
    "stats-totals": ["articles", "events"],
    "stats-classes": ["class", "count"],
    "stats-event-types": ["type", "events", "sources"],
    "stats-articles": ["id", "title", "published", "outlet", "events"],
}


def count_sections(store: Any) -> list[Section]:
    """Totals, nodes by class and events by type (from the lookup index when the store has one)."""
    index = lookup_index(store)
    if index is not None:
        counts = (indexstats.stats_totals, indexstats.stats_classes, indexstats.stats_event_types)
        return [_index_section(name, count(index.db)) for name, count in zip(COUNT_SECTIONS, counts, strict=True)]
    return [_section(store, name, named_query(name).text_for(store)) for name in COUNT_SECTIONS]


def _index_section(name: str, rows: list[list[Any]]) -> Section:
    shown = [[_shown(value) for value in row] for row in rows]
    return Section(name, named_query(name).title, INDEX_COLUMNS[name], shown)


def _shown(value: Any) -> str:
    """As ``queries.display`` shows the same value read by SPARQL."""
    return "" if value is None else str(value)


def article_section(store: Any, *, limit: int, offset: int = 0) -> Section:
    """The articles from ``offset`` on (at most ``limit``), in date order, with their event counts."""
    index = lookup_index(store)
    if index is not None:
        return _index_section("stats-articles", indexstats.stats_articles(index.db, limit=limit, offset=offset))
    page: list[ox.NamedNode] = []
    for position, row in enumerate(store.query(named_query("article-order").text_for(store))):
        if position >= offset + limit:
            break
        if position >= offset:
            page.append(row[0])
    query = named_query("stats-articles")
    if not page:
        return Section("stats-articles", query.title, _columns(store, query.text_for(store)))
    text = bind_rows(query.text_for(store), ["article"], [[iri] for iri in page])
    return _section(store, "stats-articles", text)


def _section(store: Any, name: str, text: str) -> Section:
    results = store.query(text)
    columns = [variable.value for variable in results.variables]
    rows = [[display(solution[column]) for column in columns] for solution in results]
    return Section(name, named_query(name).title, columns, rows)


def _columns(store: Any, text: str) -> list[str]:
    """The columns of a query that has no rows to show (its variables, from an empty evaluation)."""
    empty = bind_rows(text, ["article"], [[ox.NamedNode("https://w3id.org/eventgraph/id/article/-")]])
    return [variable.value for variable in store.query(empty).variables]
