"""An article mapped straight to N-Quads text and its lookup index rows, without quad objects in between.

``eventgraph.mapping.map_article`` makes pyoxigraph quads, which a worker process of a large ingest then
serialised, hashed and walked again for the index rows: the quad objects were the largest part of a worker's
time.  ``map_article_serialised`` writes the same N-Quads lines as text (the same terms, in the same order,
escaped as pyoxigraph escapes them) and, beside each line, the subject/predicate/value table that
``eventgraph.index.rows`` derives the index rows from, so the rows come from the one derivation the store's
quads go through on ``reindex``.  ``tests/test_mapping_text.py`` checks bytes, hash and rows against
``map_article`` on every kind of event and on every Unicode code point in a literal.

The IRIs are the mapping's own (``article_iri``, ``entity_iri``, ``event_iri``...), so they are checked
as ever; claims, which few events have, are made as quads by the mapping and written as pyoxigraph
writes them.
"""

from __future__ import annotations

from collections.abc import Collection
from functools import lru_cache

from pyoxigraph import Triple

from eventgraph.gazetteer import Gazetteer
from eventgraph.index.rows import (
    PARTICIPANT_PROPERTIES,
    EntityRows,
    GraphRows,
    count_rows,
    entity_rows,
    rows_from_subjects,
)
from eventgraph.mapping import (
    CERTAINTY_NODES,
    DATE_TYPES,
    EVENT_CLASSES,
    PRECISION_NODES,
    STATUS_NODES,
    SerialisedArticle,
    _cached_description,
    _cached_description_nquads,
    _claim_quads,
    article_entities,
    article_iri,
    entity_iri,
    event_iri,
    hash_nquads,
    map_article,
    subject_value,
    summarise,
)
from eventgraph.model import ArticleEvents, Entity, Event, EventType
from eventgraph.vocab import DCTERMS, EG, EGT, OA, PROV, RDF, RDFS, SEM, XSD

# How pyoxigraph writes a literal's characters in N-Quads (checked on every code point by the tests).
_ESCAPES: dict[int, str] = {c: f"\\u{c:04X}" for c in (*range(0x20), 0x7F, 0xFFFE, 0xFFFF)}
_ESCAPES.update({0x08: "\\b", 0x09: "\\t", 0x0A: "\\n", 0x0C: "\\f", 0x0D: "\\r", 0x22: '\\"', 0x5C: "\\\\"})


def literal_text(value: str) -> str:
    """A plain (xsd:string) literal as N-Quads writes it."""
    return '"' + value.translate(_ESCAPES) + '"'


def typed_literal_text(value: str, datatype: str) -> str:
    return '"' + value.translate(_ESCAPES) + '"^^<' + datatype + ">"


def _term(node: object) -> tuple[str, str]:
    value: str = node.value  # type: ignore[attr-defined]
    return value, f"<{value}>"


# (value, N-Quads text) of every IRI the text mapper writes
_TYPE, _LABEL, _DERIVED = _term(RDF.type), _term(RDFS.label), _term(PROV.wasDerivedFrom)
_EVENT_TYPE, _QUANTITY, _QUANTITY_VALUE = _term(EG.eventType), _term(EG.quantity), _term(EG.quantityValue)
_DATE, _DATE_PRECISION, _DATE_END = _term(EG.date), _term(EG.datePrecision), _term(EG.dateEnd)
_STATUS, _CERTAINTY, _EVIDENCE = _term(EG.status), _term(EG.certainty), _term(EG.evidence)
_ROLES = (
    ("actors", _term(EG.actor)),
    ("recipients", _term(EG.recipient)),
    ("items", _term(EG.item)),
    ("places", _term(SEM.hasPlace)),
    ("attributed_to", _term(PROV.wasAttributedTo)),
    ("via", _term(EG.reportedVia)),
)
_EVENT_TERMS = {t: (_term(EVENT_CLASSES[t]), _term(EGT[t.value])) for t in EventType}
_STATUS_TERMS = {k: _term(v) for k, v in STATUS_NODES.items()}
_CERTAINTY_TERMS = {k: _term(v) for k, v in CERTAINTY_NODES.items()}
_PRECISION_TERMS = {k: _term(v) for k, v in PRECISION_NODES.items()}
_DATE_TYPE_VALUES = {k: v.value for k, v in DATE_TYPES.items()}
_INTEGER, _DATE_TYPE, _ANY_URI = XSD.integer.value, XSD.date.value, XSD.anyURI.value
_ARTICLE_CLASS = _term(EG.Article)
# what the index rows hold of them (eventgraph.index.rows: certainty and status as lower-case local names)
_CERTAINTY_NAMES = {k: v.value.rpartition("#")[2].lower() for k, v in CERTAINTY_NODES.items()}
_STATUS_NAMES = {k: v.value.rpartition("#")[2].lower() for k, v in STATUS_NODES.items()}
_ROW_ROLES = tuple((attribute, PARTICIPANT_PROPERTIES[term[0]]) for attribute, term in _ROLES)
_TITLE, _ISSUED, _OUTLET, _URL = _term(DCTERMS.title), _term(DCTERMS.issued), _term(EG.outlet), _term(EG.url)
_CREATOR, _TEXT, _CONTENT_HASH = _term(DCTERMS.creator), _term(EG.text), _term(EG.contentHash)
_HAS_BODY, _HAS_TARGET, _HAS_SOURCE = _term(OA.hasBody), _term(OA.hasTarget), _term(OA.hasSource)
_HAS_SELECTOR, _EXACT, _START, _END = _term(OA.hasSelector), _term(OA.exact), _term(OA.start), _term(OA.end)
_ANNOTATION, _SPECIFIC = _term(OA.Annotation), _term(OA.SpecificResource)
_QUOTE_SELECTOR, _POSITION_SELECTOR = _term(OA.TextQuoteSelector), _term(OA.TextPositionSelector)


@lru_cache(maxsize=65536)
def _entity_term(entity: Entity) -> tuple[str, str]:
    return _term(entity_iri(entity))


@lru_cache(maxsize=65536)
def _cached_entity_rows(entity: Entity) -> EntityRows:
    """An entity description's index rows, as ``carry_rows`` derives them from the same quads."""
    return entity_rows(_cached_description(entity))


class _Lines:
    """The graph's N-Quads lines and, when ``table``, beside them subject -> predicate -> values for the
    index rows (``rows_from_subjects``)."""

    __slots__ = ("graph", "lines", "subjects")

    def __init__(self, graph: str, table: bool) -> None:
        self.graph = f" <{graph}> .\n"
        self.lines: list[str] = []
        self.subjects: dict[str, dict[str, list[str]]] | None = {} if table else None

    def add(self, subject: tuple[str, str], predicate: tuple[str, str], value: str, text: str) -> None:
        self.lines.append(f"{subject[1]} {predicate[1]} {text}{self.graph}")
        if self.subjects is None:
            return
        properties = self.subjects.get(subject[0])
        if properties is None:
            properties = self.subjects[subject[0]] = {}
        values = properties.get(predicate[0])
        if values is None:
            properties[predicate[0]] = [value]
        else:
            values.append(value)

    def node(self, subject: tuple[str, str], predicate: tuple[str, str], obj: tuple[str, str]) -> None:
        self.add(subject, predicate, obj[0], obj[1])

    def plain(self, subject: tuple[str, str], predicate: tuple[str, str], value: str) -> None:
        self.add(subject, predicate, value, literal_text(value))

    def typed(self, subject: tuple[str, str], predicate: tuple[str, str], value: str, datatype: str) -> None:
        self.add(subject, predicate, value, typed_literal_text(value, datatype))


def map_article_serialised(
    document: ArticleEvents, gazetteer: Gazetteer | None = None, described: Collection[str] = ()
) -> SerialisedArticle:
    """``map_article(document)`` as a worker process hands it over: N-Quads, content hash and index rows;
    without the descriptions of the entities in ``described`` (IRIs this process has sent with an article
    before: see ``pipeline._drop_shipped_entities``)."""
    graph_node = article_iri(document.article.id)  # checks the IRI, as map_article does
    graph = _term(graph_node)
    nodes = [event_iri(document.article, event) for event in document.events]
    # rows straight from the events, unless nodes repeat (one node then has the values of several events)
    # or claims add nodes of their own: then from the table of what the lines say, as reindex would
    direct = len(set(nodes)) == len(nodes) and not any(event.claims for event in document.events)
    out = _Lines(graph[0], table=not direct)
    _article_lines(out, document, graph)
    labels = [event.label or summarise(event) for event in document.events]
    for node, event, label in zip(nodes, document.events, labels, strict=True):
        _event_lines(out, _term(node), event, label, graph)
        for claim in event.claims:
            for quad in _claim_quads(node, claim, graph_node):
                text = str(quad)  # the N-Quads line without " ." (see mapping.hash_nquads)
                subject, predicate, obj = text.split(" ", 2)
                obj = obj.removesuffix(out.graph[:-3])  # " <graph>"
                value = obj if isinstance(quad.object, Triple) else quad.object.value  # the mapping makes no triples
                out.add((subject_value(quad), subject), (quad.predicate.value, predicate), value, obj)
    try:
        body = "".join(out.lines).encode("utf-8")
    except UnicodeEncodeError:
        map_article(document, gazetteer)  # raises as the quad mapping does on a string RDF cannot hold
        raise
    content_hash = hash_nquads(body)
    quads = len(out.lines) + 1  # and the content hash
    if out.subjects is None:
        rows = _event_rows(document, graph[0], [node.value for node in nodes], labels, content_hash)
    else:
        out.plain(graph, _CONTENT_HASH, content_hash)  # not in the body: the store's marker, as in map_article
        rows = rows_from_subjects(graph[0], out.subjects)
    entities = article_entities(document, gazetteer)
    if described:
        entities = {iri: entity for iri, entity in entities.items() if iri not in described}
    return SerialisedArticle(
        document.article.id,
        graph[0],
        content_hash,
        len(set(nodes)),
        body,
        {iri: _cached_description_nquads(e) for iri, e in entities.items()},
        quad_count=quads,
        index_rows=rows,
        entity_index_rows={iri: _cached_entity_rows(e) for iri, e in entities.items()},
    )


def _event_rows(
    document: ArticleEvents, graph: str, nodes: list[str], labels: list[str], content_hash: str
) -> GraphRows:
    """The rows ``rows_from_subjects`` derives from the lines of an article whose events have distinct nodes
    and no claims, made from the events themselves (the tests check that both agree)."""
    article = document.article
    rows = GraphRows(graph, content_hash)
    classes: dict[str, int] = {_ARTICLE_CLASS[0]: 1}
    for node, event, label in zip(nodes, document.events, labels, strict=True):
        klass, kind = _EVENT_TERMS[event.type]
        classes[klass[0]] = classes.get(klass[0], 0) + 1
        date = event.date
        start = end = None
        if date is not None:
            start = date.start_iso()
            end = date.end.start_iso() if date.end is not None else None
        last = end if end is not None else start
        rows.events.append(
            (
                node,
                graph,
                kind[0].removeprefix(EGT.base),
                start,
                end,
                _CERTAINTY_NAMES[event.certainty],
                _STATUS_NAMES[event.status],
                label,
                event.evidence.text if event.evidence is not None else None,
                event.quantity.text if event.quantity is not None else None,
                graph,
                None if last is None else last + "~",
            )
        )
        for attribute, role in _ROW_ROLES:
            entities = getattr(event, attribute)
            if entities:
                for iri in sorted({_entity_term(e)[0] for e in entities}):
                    rows.participants.append((node, role, iri))
    rows.sources.append(
        (
            graph,
            graph,
            article.title,
            article.outlet or None,
            article.published.isoformat() if article.published is not None else None,
            article.url or None,
            1,
        )
    )
    rows.counts = count_rows(rows, classes)
    return rows


def _article_lines(out: _Lines, document: ArticleEvents, graph: tuple[str, str]) -> None:
    article = document.article
    out.node(graph, _TYPE, _ARTICLE_CLASS)
    out.plain(graph, _TITLE, article.title)
    out.plain(graph, _LABEL, article.title)
    if article.published is not None:
        out.typed(graph, _ISSUED, article.published.isoformat(), _DATE_TYPE)
    if article.outlet:
        out.plain(graph, _OUTLET, article.outlet)
    if article.url:
        out.typed(graph, _URL, article.url, _ANY_URI)
    if article.author:
        out.plain(graph, _CREATOR, article.author)
    if article.text:
        out.plain(graph, _TEXT, article.text)


def _event_lines(out: _Lines, node: tuple[str, str], event: Event, label: str, graph: tuple[str, str]) -> None:
    """``mapping._event_quads`` but claims, as text."""
    klass, kind = _EVENT_TERMS[event.type]
    out.node(node, _TYPE, klass)
    out.node(node, _EVENT_TYPE, kind)
    out.plain(node, _LABEL, label)
    for attribute, predicate in _ROLES:
        for entity in getattr(event, attribute):
            out.node(node, predicate, _entity_term(entity))
    if event.quantity is not None:
        out.plain(node, _QUANTITY, event.quantity.text)
        if event.quantity.value is not None:
            out.typed(node, _QUANTITY_VALUE, str(event.quantity.value), _INTEGER)
    date = event.date
    if date is not None:
        out.typed(node, _DATE, date.start_iso(), _DATE_TYPE_VALUES[date.precision])
        out.node(node, _DATE_PRECISION, _PRECISION_TERMS[date.precision])
        if date.end is not None:
            out.typed(node, _DATE_END, date.end.start_iso(), _DATE_TYPE_VALUES[date.end.precision])
    out.node(node, _STATUS, _STATUS_TERMS[event.status])
    out.node(node, _CERTAINTY, _CERTAINTY_TERMS[event.certainty])
    out.node(node, _DERIVED, graph)
    evidence = event.evidence
    if evidence is not None:
        annotation, target, quote = (_term_of(node[0] + suffix) for suffix in ("/evidence", "/target", "/quote"))
        out.node(node, _EVIDENCE, annotation)
        out.node(annotation, _TYPE, _ANNOTATION)
        out.node(annotation, _HAS_BODY, node)
        out.node(annotation, _HAS_TARGET, target)
        out.node(target, _TYPE, _SPECIFIC)
        out.node(target, _HAS_SOURCE, graph)
        out.node(target, _HAS_SELECTOR, quote)
        out.node(quote, _TYPE, _QUOTE_SELECTOR)
        out.plain(quote, _EXACT, evidence.text)
        if evidence.start is not None and evidence.end is not None:
            position = _term_of(node[0] + "/position")
            out.node(target, _HAS_SELECTOR, position)
            out.node(position, _TYPE, _POSITION_SELECTOR)
            out.typed(position, _START, str(evidence.start), _INTEGER)
            out.typed(position, _END, str(evidence.end), _INTEGER)


def _term_of(iri: str) -> tuple[str, str]:
    """An IRI made from an event's IRI (hexadecimal, checked when made) and a fixed suffix."""
    return iri, f"<{iri}>"
