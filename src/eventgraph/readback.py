"""The inverse of ``mapping``: an article and its events rebuilt from the quads of its named graph.

``read_article`` takes the article graph's quads and the entity descriptions they refer to and returns the
``ArticleEvents`` that ``map_article`` would turn into the same quads.  RDF has no order, so entity lists
come back sorted by IRI and events sorted by IRI; an event label equal to the generated summary comes back
as ``None``; an entity is ``resolved`` when the gazetteer knows it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any

from pyoxigraph import Literal, NamedNode, Quad

from eventgraph.dates import PartialDate
from eventgraph.errors import NotFoundError
from eventgraph.gazetteer import Gazetteer
from eventgraph.mapping import KIND_PATHS, subject_value, summarise
from eventgraph.model import (
    Article,
    ArticleEvents,
    Certainty,
    Claim,
    ClaimScope,
    Entity,
    Event,
    EventType,
    Evidence,
    Quantity,
    Stance,
    Status,
)
from eventgraph.vocab import DCTERMS, EG, EGC, EGT, ENTITIES_GRAPH, ID, OA, OWL, PROV, RDFS, SEM, SKOS, WIKIDATA

_KINDS_BY_PATH = {path: kind for kind, path in KIND_PATHS.items()}
_ROLES = (
    ("actors", EG.actor),
    ("recipients", EG.recipient),
    ("items", EG.item),
    ("places", SEM.hasPlace),
    ("attributed_to", PROV.wasAttributedTo),
    ("via", EG.reportedVia),
)


class _Index:
    """Objects by (subject, predicate) over a set of quads."""

    def __init__(self, quads: Iterable[Quad]) -> None:
        self.values: dict[tuple[str, str], list[NamedNode | Literal]] = defaultdict(list)
        self.subjects: dict[str, list[str]] = defaultdict(list)
        for quad in quads:
            subject, value = subject_value(quad), quad.object
            if isinstance(value, (NamedNode, Literal)):  # eventgraph's graphs hold no blank nodes or RDF-star
                self.values[(subject, quad.predicate.value)].append(value)
            self.subjects[quad.predicate.value].append(subject)

    def all(self, subject: str, predicate: NamedNode) -> list[NamedNode | Literal]:
        return self.values.get((subject, predicate.value), [])

    def one(self, subject: str, predicate: NamedNode) -> NamedNode | Literal | None:
        found = self.all(subject, predicate)
        return found[0] if found else None

    def text(self, subject: str, predicate: NamedNode) -> str | None:
        found = self.one(subject, predicate)
        return found.value if found is not None else None


def read_stored_article(store: Any, reference: str) -> ArticleEvents:
    """An article (by id, IRI or URL) and its events, rebuilt from a store (embedded or remote)."""
    graph = store.find_article(reference)
    quads = list(store.quads(graph))
    referenced = {q.object.value for q in quads if isinstance(q.object, NamedNode) and q.object.value.startswith(ID)}
    entity_quads = [q for q in store.quads(ENTITIES_GRAPH) if subject_value(q) in referenced]
    return read_article(graph, quads, entity_quads)


def read_article(
    graph: NamedNode, quads: Iterable[Quad], entity_quads: Iterable[Quad], gazetteer: Gazetteer | None = None
) -> ArticleEvents:
    """Rebuild the article named ``graph`` from its graph's quads and the entities graph's."""
    index = _Index(quads)
    if index.text(graph.value, DCTERMS.title) is None:
        raise NotFoundError(f"{graph.value} holds no article")
    entities = _Index(entity_quads)
    gazetteer = gazetteer or Gazetteer.default()
    issued = index.text(graph.value, DCTERMS.issued)
    article = Article(
        id=graph.value.removeprefix(f"{ID}article/"),
        title=index.text(graph.value, DCTERMS.title) or "",
        published=date.fromisoformat(issued) if issued else None,
        outlet=index.text(graph.value, EG.outlet),
        url=index.text(graph.value, EG.url),
        author=index.text(graph.value, DCTERMS.creator),
        text=index.text(graph.value, EG.text),
    )
    nodes = sorted(set(index.subjects.get(EG.eventType.value, [])))
    events = [_event(node, index, entities, gazetteer) for node in nodes]
    return ArticleEvents(article=article, events=events, source=graph.value)


def _event(node: str, index: _Index, entities: _Index, gazetteer: Gazetteer) -> Event:
    concept = index.text(node, EG.eventType) or ""
    roles = {
        name: [
            _entity(iri.value, entities, gazetteer)
            for iri in sorted(index.all(node, predicate), key=lambda term: term.value)
        ]
        for name, predicate in _ROLES
    }
    quantity_text = index.text(node, EG.quantity)
    quantity_value = index.text(node, EG.quantityValue)
    start, end = index.text(node, EG.date), index.text(node, EG.dateEnd)
    when = PartialDate.parse(f"{start}/{end}" if end else start) if start else None
    event = Event(
        type=EventType(concept.removeprefix(EGT.base)),
        quantity=Quantity(quantity_text, int(quantity_value) if quantity_value is not None else None)
        if quantity_text is not None
        else None,
        date=when,
        status=Status(_local(index.text(node, EG.status)).lower()),
        certainty=Certainty(_local(index.text(node, EG.certainty)).lower()),
        evidence=_evidence(node, index),
        claims=[
            _claim(claim.value, index, entities, gazetteer)
            for claim in sorted(index.all(node, EG.claim), key=lambda term: term.value)
        ],
        actors=roles["actors"],
        recipients=roles["recipients"],
        items=roles["items"],
        places=roles["places"],
        attributed_to=roles["attributed_to"],
        via=roles["via"],
    )
    label = index.text(node, RDFS.label)
    event.label = None if label == summarise(event) else label
    return event


def _claim(node: str, index: _Index, entities: _Index, gazetteer: Gazetteer) -> Claim:
    def entities_of(predicate: NamedNode) -> list[Entity]:
        return [
            _entity(iri.value, entities, gazetteer)
            for iri in sorted(index.all(node, predicate), key=lambda term: term.value)
        ]

    def when(predicate: NamedNode) -> PartialDate | None:
        value = index.text(node, predicate)
        return PartialDate.parse(value) if value else None

    return Claim(
        stance=Stance(_local(index.text(node, EG.stance)).lower()),
        claimants=entities_of(PROV.wasAttributedTo),
        date=when(EG.claimDate),
        evidence=_evidence(node, index),
        scope=ClaimScope(since=when(EG.scopeStart), until=when(EG.scopeEnd), items=tuple(entities_of(EG.scopeItem))),
    )


def _evidence(node: str, index: _Index) -> Evidence | None:
    annotation = index.text(node, EG.evidence)
    if annotation is None:
        return None
    target = index.text(annotation, OA.hasTarget) or ""
    quote, start, end = "", None, None
    for selector in index.all(target, OA.hasSelector):
        exact = index.text(selector.value, OA.exact)
        if exact is not None:
            quote = exact
        if index.text(selector.value, OA.start) is not None:
            start = int(index.text(selector.value, OA.start) or 0)
            end = int(index.text(selector.value, OA.end) or 0)
    return Evidence(text=quote, start=start, end=end)


def _entity(iri: str, entities: _Index, gazetteer: Gazetteer) -> Entity:
    path, _, key = iri.removeprefix(ID).partition("/")
    kind = _KINDS_BY_PATH[path]
    sameas = entities.text(iri, OWL.sameAs)
    category = entities.text(iri, EG.category)
    owner = entities.text(iri, EG.country)
    latitude, longitude = entities.text(iri, EG.latitude), entities.text(iri, EG.longitude)
    return Entity(
        key=key,
        label=entities.text(iri, RDFS.label) or key,
        kind=kind,
        iso3=entities.text(iri, EG.iso3),
        iso2=entities.text(iri, EG.iso2),
        wikidata=sameas.removeprefix(WIKIDATA) if sameas else None,
        category=category.removeprefix(EGC.base) if category else None,
        country=owner.rpartition("/")[2] if owner else None,
        aliases=tuple(sorted(alias.value for alias in entities.all(iri, SKOS.altLabel))),
        resolved=gazetteer.get(kind, key) is not None,
        latitude=float(latitude) if latitude is not None else None,
        longitude=float(longitude) if longitude is not None else None,
    )


def _local(iri: str | None) -> str:
    return (iri or "").rpartition("#")[2]


def canonical(document: ArticleEvents) -> ArticleEvents:
    """The form ``read_article`` gives: lists sorted as RDF returns them, generated labels dropped."""
    from eventgraph.mapping import claim_iri, entity_iri, event_iri

    def entity(e: Entity) -> Entity:
        aliases = tuple(sorted({a for a in e.aliases if a != e.label}))
        return Entity(**{**e.__dict__, "aliases": aliases})

    def entities(group: Iterable[Entity]) -> list[Entity]:
        return sorted({entity_iri(x).value: entity(x) for x in group}.values(), key=lambda x: entity_iri(x).value)

    def claims(event: Event) -> list[Claim]:
        node = event_iri(document.article, event)
        out = {
            claim_iri(node, c).value: Claim(
                stance=c.stance,
                claimants=entities(c.claimants),
                date=c.date,
                evidence=c.evidence,
                scope=ClaimScope(c.scope.since, c.scope.until, tuple(entities(c.scope.items))),
            )
            for c in event.claims
        }
        return [out[key] for key in sorted(out)]

    events = []
    for event in sorted(document.events, key=lambda e: event_iri(document.article, e).value):
        copy = Event(
            **{
                **event.__dict__,
                **{
                    name: sorted(
                        {entity_iri(x).value: entity(x) for x in getattr(event, name)}.values(),
                        key=lambda x: entity_iri(x).value,
                    )
                    for name, _ in _ROLES
                },
                "claims": claims(event),
            }
        )
        copy.label = None if event.label in (None, summarise(copy)) else event.label
        events.append(copy)
    return ArticleEvents(article=document.article, events=events, source=document.source)
