"""The rows the lookup index holds for one named graph, derived from that graph's quads alone.

``graph_rows`` is the one derivation: ingest calls it on the quads it is about to store, ``reindex`` on the
quads the store holds, so the two cannot disagree.  ``entity_rows`` does the same for entity descriptions
(the entities graph).  Values are kept as the lookups' SPARQL would read them: literals by their lexical
value, certainty and status as lower-case local names, event types by their notation (the local name of
their ``egt:`` concept).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from eventgraph.mapping import MappedArticle, subject_value
from eventgraph.vocab import DCTERMS, EG, EGT, OA, OWL, PROV, RDF, RDFS, SEM, SKOS

EG_NS = EG.base
PARTICIPANT_PROPERTIES = {
    EG.actor.value: "actor",
    EG.recipient.value: "recipient",
    EG.item.value: "item",
    SEM.hasPlace.value: "place",
    PROV.wasAttributedTo.value: "attributedTo",
    EG.reportedVia.value: "via",
}
SOURCE_TYPES = {EG.Article.value, EG.DataSet.value}

EventRow = tuple[
    str, str, str, str | None, str | None, str, str, str | None, str | None, str | None, str | None, str | None
]
SourceRow = tuple[str, str, str | None, str | None, str | None, str | None, int]
EntityRow = tuple[str, str, str, str | None, str | None, str | None, str | None, str | None]


@dataclass
class GraphRows:
    """What one graph adds to the index (every tuple in its table's column order)."""

    graph: str
    content_hash: str | None = None
    events: list[EventRow] = field(default_factory=list)  # event graph type date date_end certainty status ...
    participants: list[tuple[str, str, str]] = field(default_factory=list)  # event role entity
    sources: list[SourceRow] = field(default_factory=list)  # iri graph title outlet published url article
    # what the graph adds to the store's counts: (graph, kind, key, count, sources), kind "class" (nodes of
    # a class), "type" (events of a type, and their distinct sources), "events" or "articles"
    counts: list[tuple[str, str, str, int, int]] = field(default_factory=list)
    claims: int = 0


@dataclass
class EntityRows:
    """Entity descriptions: one row per entity, its names and its eventgraph classes."""

    entities: list[EntityRow] = field(default_factory=list)  # iri label kind iso3 iso2 wikidata country category
    names: list[tuple[str, str, int]] = field(default_factory=list)  # iri name alias (0: a label, 1: an alias)
    classes: list[tuple[str, str]] = field(default_factory=list)  # iri class


def _by_subject(quads: Iterable[ox.Quad]) -> dict[str, dict[str, list[str]]]:
    """Subject to predicate to the objects' texts (plain dicts: this runs on every quad an ingest writes)."""
    subjects: dict[str, dict[str, list[str]]] = {}
    triple = ox.Triple
    for quad in quads:  # _text inlined: a call per term was a third of this loop
        node, term = quad.subject, quad.object
        subject = str(node) if isinstance(node, triple) else node.value
        value = str(term) if isinstance(term, triple) else term.value
        properties = subjects.get(subject)
        if properties is None:
            properties = subjects[subject] = {}
        values = properties.get(quad.predicate.value)
        if values is None:
            properties[quad.predicate.value] = [value]
        else:
            values.append(value)
    return subjects


def _text(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> str:
    """An IRI, blank node id or literal's lexical form (eventgraph writes no RDF-star triples)."""
    return str(term) if isinstance(term, ox.Triple) else term.value


def _first(values: list[str] | None) -> str | None:
    """The least value, as the lookups' MIN or first-of-group would read it (one value in practice)."""
    return min(values) if values else None


def _local(values: list[str] | None) -> str:
    return (_first(values) or "").rpartition("#")[2].lower()


def graph_rows(graph: str, quads: Iterable[ox.Quad]) -> GraphRows:
    """The index rows of one article or data set graph, from its quads."""
    return rows_from_subjects(graph, _by_subject(quads))


def rows_from_subjects(graph: str, subjects: dict[str, dict[str, list[str]]]) -> GraphRows:
    """The index rows of a graph given as subject -> predicate -> the objects' texts, a value per quad
    (IRIs, blank node ids and literals' lexical forms; ``eventgraph.mapping_text`` makes this table as it
    writes an article's N-Quads)."""
    rows = GraphRows(graph)
    classes: dict[str, int] = defaultdict(int)
    for subject, properties in subjects.items():
        for klass in set(properties.get(RDF.type.value, ())):  # quads may repeat; a store's do not
            if klass.startswith(EG_NS):
                classes[klass] += 1
        if subject == graph and EG.contentHash.value in properties:
            rows.content_hash = _first(properties[EG.contentHash.value])
        if EG.eventType.value in properties:
            _add_event(rows, subject, properties, subjects)
        if any(t in SOURCE_TYPES for t in properties.get(RDF.type.value, ())):
            rows.sources.append(_source_row(subject, graph, properties))
    rows.claims = classes.get(EG.Claim.value, 0)
    rows.counts = count_rows(rows, classes)
    return rows


def count_rows(rows: GraphRows, classes: dict[str, int]) -> list[tuple[str, str, str, int, int]]:
    """What the graph adds to the store's counts, from its event and source rows and its nodes by class."""
    graph = rows.graph
    counts = [(graph, "class", klass, count, 0) for klass, count in sorted(classes.items())]
    sources: dict[str, set[str]] = defaultdict(set)
    events: dict[str, int] = defaultdict(int)
    for event in rows.events:
        events[event[2]] += 1
        if event[10] is not None:
            sources[event[2]].add(event[10])
    counts += [(graph, "type", kind, count, len(sources[kind])) for kind, count in sorted(events.items())]
    articles = sum(1 for source in rows.sources if source[0] == graph and source[6])
    return [*counts, (graph, "events", "", len(rows.events), 0), (graph, "articles", "", articles, 0)]


def _add_event(
    rows: GraphRows, event: str, properties: dict[str, list[str]], subjects: dict[str, dict[str, list[str]]]
) -> None:
    types = sorted(t.removeprefix(EGT.base) for t in properties[EG.eventType.value])
    start, end = _first(properties.get(EG.date.value)), _first(properties.get(EG.dateEnd.value))
    last = end if end is not None else start
    rows.events.append(
        (
            event,
            rows.graph,
            types[0],
            start,
            end,
            _local(properties.get(EG.certainty.value)),
            _local(properties.get(EG.status.value)),
            _first(properties.get(RDFS.label.value)),
            _quote(properties, subjects),
            _first(properties.get(EG.quantity.value)),
            _first(properties.get(PROV.wasDerivedFrom.value)),
            None if last is None else last + "~",  # what --since compares: CONCAT(COALESCE(end, date), "~")
        )
    )
    for predicate, role in PARTICIPANT_PROPERTIES.items():
        for entity in sorted(set(properties.get(predicate, ()))):
            rows.participants.append((event, role, entity))


def _quote(properties: dict[str, list[str]], subjects: dict[str, dict[str, list[str]]]) -> str | None:
    """eg:evidence/oa:hasTarget/oa:hasSelector/oa:exact, followed within the graph."""
    quotes = []
    for annotation in properties.get(EG.evidence.value, ()):
        for target in subjects.get(annotation, {}).get(OA.hasTarget.value, ()):
            for selector in subjects.get(target, {}).get(OA.hasSelector.value, ()):
                quotes += list(subjects.get(selector, {}).get(OA.exact.value, ()))
    return min(quotes) if quotes else None


def _source_row(subject: str, graph: str, properties: dict[str, list[str]]) -> SourceRow:
    return (
        subject,
        graph,
        _first(properties.get(DCTERMS.title.value)),
        _first(properties.get(EG.outlet.value)),
        _first(properties.get(DCTERMS.issued.value)),
        _first(properties.get(EG.url.value)),
        int(any(t == EG.Article.value for t in properties.get(RDF.type.value, ()))),
    )


def entity_rows(quads: Iterable[ox.Quad]) -> EntityRows:
    """The index rows of entity descriptions (quads of the entities graph)."""
    rows = EntityRows()
    for entity, properties in _by_subject(quads).items():
        classes = sorted({c for c in properties.get(RDF.type.value, ()) if c.startswith(EG_NS)})
        labels = properties.get(RDFS.label.value)
        if not labels:
            continue
        rows.entities.append(
            (
                entity,
                _first(labels) or "",
                classes[0].removeprefix(EG_NS) if classes else "",
                _first(properties.get(EG.iso3.value)),
                _first(properties.get(EG.iso2.value)),
                _first(properties.get(OWL.sameAs.value)),
                _first(properties.get(EG.country.value)),
                _first(properties.get(EG.category.value)),
            )
        )
        names = {(v, 0) for v in labels} | {(v, 1) for v in properties.get(SKOS.altLabel.value, ())}
        rows.names += [(entity, name, alias) for name, alias in sorted(names)]
        rows.classes += [(entity, klass) for klass in classes]
    return rows


def carry_rows(article: MappedArticle) -> None:
    """In a worker process: the article's index rows, derived from the quads it has in hand, to travel with it.

    The writer then need not parse the article's N-Quads back into quads to index them (that parse was the bulk
    writer's largest cost).  The same derivation as the writer's, on the same quads, so the same rows.
    """
    article.index_rows = graph_rows(article.graph.value, article.quads)
    serialised = article.entity_nquads or {}
    found: dict[str, object] = {}
    for iri, data in serialised.items():  # the same entities recur in every article: most are cached
        cached = _ENTITY_ROWS.get((iri, data))
        if cached is not None:
            found[iri] = cached
    if len(found) < len(serialised) or not serialised:
        by_entity: dict[str, list[ox.Quad]] = {}
        for quad in article.entity_quads:
            iri = subject_value(quad)
            if iri not in found:
                by_entity.setdefault(iri, []).append(quad)
        for iri, quads in by_entity.items():
            found[iri] = _cached_entity_rows(iri, serialised.get(iri), quads)
    article.entity_index_rows = found


_ENTITY_ROWS: dict[tuple[str, bytes], EntityRows] = {}


def _cached_entity_rows(iri: str, serialised: bytes | None, quads: list[ox.Quad]) -> EntityRows:
    """One entity's rows; cached by its description's N-Quads (the same entities recur in every article)."""
    if serialised is None:
        return entity_rows(quads)
    key = (iri, serialised)
    rows = _ENTITY_ROWS.get(key)
    if rows is None:
        if len(_ENTITY_ROWS) >= 65536:
            _ENTITY_ROWS.clear()
        rows = _ENTITY_ROWS[key] = entity_rows(quads)
    return rows
