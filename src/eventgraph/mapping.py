"""Articles and events to RDF quads, with deterministic IRIs.

An article's events, their evidence and the article's own description go in
one named graph whose name is the article's IRI.  Descriptions of the entities
they refer to (a country's label, ISO codes, Wikidata link) go in the shared
entities graph, so an entity is one node however many articles name it.
The same input always gives the same quads.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import pyoxigraph as ox
from pyoxigraph import Literal, NamedNode, Quad

from eventgraph.dates import PartialDate, Precision
from eventgraph.gazetteer import Gazetteer
from eventgraph.model import (
    Article,
    ArticleEvents,
    Certainty,
    Claim,
    DataRecord,
    DataSet,
    Entity,
    EntityKind,
    Event,
    EventType,
    Evidence,
    Stance,
    Status,
)
from eventgraph.vocab import (
    DCTERMS,
    EG,
    EGC,
    EGT,
    ENTITIES_GRAPH,
    ID,
    OA,
    OWL,
    PROV,
    RDF,
    RDFS,
    SEM,
    SKOS,
    TIME,
    WIKIDATA,
    XSD,
)

KIND_PATHS = {
    EntityKind.COUNTRY: "country",
    EntityKind.ORGANIZATION: "org",
    EntityKind.MILITARY_UNIT: "unit",
    EntityKind.PERSON: "person",
    EntityKind.ARMED_GROUP: "group",
    EntityKind.ACTOR: "actor",
    EntityKind.WEAPON: "weapon",
    EntityKind.TREATY: "treaty",
    EntityKind.PLACE: "place",
}
KIND_CLASSES = {
    EntityKind.COUNTRY: EG.Country,
    EntityKind.ORGANIZATION: EG.Organization,
    EntityKind.MILITARY_UNIT: EG.MilitaryUnit,
    EntityKind.PERSON: EG.Person,
    EntityKind.ARMED_GROUP: EG.ArmedGroup,
    EntityKind.ACTOR: EG.Actor,
    EntityKind.WEAPON: EG.WeaponSystem,
    EntityKind.TREATY: EG.Treaty,
    EntityKind.PLACE: EG.Place,
}
EVENT_CLASSES = {t: EG[t.value.capitalize()] for t in EventType}
STATUS_NODES = {Status.OCCURRED: EG.Occurred, Status.ONGOING: EG.Ongoing, Status.PLANNED: EG.Planned}
CERTAINTY_NODES = {
    Certainty.CONFIRMED: EG.Confirmed,
    Certainty.REPORTED: EG.Reported,
    Certainty.ALLEGED: EG.Alleged,
    Certainty.POSSIBLE: EG.Possible,
}
STANCE_NODES = {
    Stance.ASSERTS: EG.Asserts,
    Stance.DENIES: EG.Denies,
    Stance.CONFIRMS: EG.Confirms,
    Stance.RETRACTS: EG.Retracts,
}
PRECISION_NODES = {Precision.YEAR: TIME.unitYear, Precision.MONTH: TIME.unitMonth, Precision.DAY: TIME.unitDay}
DATE_TYPES = {Precision.YEAR: XSD.gYear, Precision.MONTH: XSD.gYearMonth, Precision.DAY: XSD.date}


def article_iri(article_id: str) -> NamedNode:
    return NamedNode(f"{ID}article/{article_id}")


@lru_cache(maxsize=65536)
def entity_iri(entity: Entity) -> NamedNode:
    """The entity's IRI (cached: an event names its entities three times over, and checking an IRI costs)."""
    return NamedNode(f"{ID}{KIND_PATHS[entity.kind]}/{entity.key}")


def country_iri(iso3: str) -> NamedNode:
    return NamedNode(f"{ID}country/{iso3}")


def event_iri(article: Article, event: Event) -> NamedNode:
    """A hash of what identifies an event within its article."""
    parts = [
        article.id,
        event.type._value_,  # the enum's value without its descriptor (a tenth of this function's time)
        *_sorted_iris(event.actors),
        "|",
        *_sorted_iris(event.recipients),
        "|",
        *_sorted_iris(event.items),
        "|",
        *_sorted_iris(event.places),
        "|",
        str(event.date or ""),
        event.evidence.text if event.evidence else "",
        str(event.evidence.start) if event.evidence else "",
    ]
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:24]
    return NamedNode(f"{ID}event/{digest}")


def _sorted_iris(entities: list[Entity]) -> list[str]:
    if len(entities) == 1:  # the common case, without a sort
        return [entity_iri(entities[0]).value]
    return sorted(entity_iri(e).value for e in entities)


def date_literal(value: PartialDate) -> Literal:
    return Literal(value.start_iso(), datatype=DATE_TYPES[value.precision])


@dataclass
class MappedArticle:
    """The quads of one article: its own named graph, and the entity descriptions it needs."""

    article_id: str
    graph: NamedNode
    quads: list[Quad]
    entity_quads: list[Quad]
    content_hash: str
    events: int
    # entity IRI -> its description as N-Quads, when map_article had them at hand (for pickling)
    entity_nquads: dict[str, bytes] | None = field(default=None, repr=False, compare=False)
    # the graph's quads but the content hash as N-Quads, when map_article made them (hashed and pickled as they are)
    body_nquads: bytes | None = field(default=None, repr=False, compare=False)
    # the lookup index's rows of the graph and (by entity IRI) of the entity descriptions, when a worker process
    # derived them from these quads (``eventgraph.index.rows.carry_rows``) for the writer; opaque here
    index_rows: object | None = field(default=None, repr=False, compare=False)
    entity_index_rows: dict[str, object] | None = field(default=None, repr=False, compare=False)

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        """Pickled as N-Quads (serialised by pyoxigraph; pickling the quad objects themselves took 5.1 s
        for 286,036 quads, N-Quads 0.1 s), and unpickled as a ``SerialisedArticle``."""
        body = self.body_nquads if self.body_nquads is not None else nquads(self._body_quads())
        entity_nquads = self.entity_nquads
        if entity_nquads is None:
            by_entity: dict[str, list[Quad]] = {}
            for quad in self.entity_quads:
                by_entity.setdefault(subject_value(quad), []).append(quad)
            entity_nquads = {k: nquads(v) for k, v in by_entity.items()}
        return (
            SerialisedArticle,
            (
                self.article_id,
                self.graph.value,
                self.content_hash,
                self.events,
                body,
                entity_nquads,
                len(self.quads),
                self.index_rows,
                self.entity_index_rows,
            ),
        )

    def _body_quads(self) -> list[Quad]:
        last = self.quads[-1] if self.quads else None
        if last is not None and last.predicate == EG.contentHash and last.subject == self.graph:
            return self.quads[:-1]  # map_article puts the hash last
        return [q for q in self.quads if q.predicate != EG.contentHash or q.subject != self.graph]


class SerialisedArticle:
    """A mapped article as it comes from a worker process: N-Quads, parsed only when asked.

    The bulk writer loads ``body_nquads`` and the entity descriptions it needs
    (``entity_nquads``, by entity IRI) as they are: parsing them back into quad
    objects cost as much as mapping them (0.77 s against 0.93 s for 10,000 events).
    """

    def __init__(
        self,
        article_id: str,
        graph: str,
        content_hash: str,
        events: int,
        body_nquads: bytes,
        entity_nquads: dict[str, bytes],
        quad_count: int | None = None,
        index_rows: object | None = None,
        entity_index_rows: dict[str, object] | None = None,
    ) -> None:
        self.article_id = article_id
        self.graph = NamedNode(graph)
        self.content_hash = content_hash
        self.events = events
        self.body_nquads = body_nquads
        self.entity_nquads = entity_nquads
        # the graph's quads, its content hash included (counted in the worker: counting lines cost the writer)
        self.quad_count = body_nquads.count(b"\n") + 1 if quad_count is None else quad_count
        # the lookup index's rows, when the worker derived them (see MappedArticle): the writer need not parse
        self.index_rows = index_rows
        self.entity_index_rows = entity_index_rows

    @property
    def marker(self) -> Quad:
        return Quad(self.graph, EG.contentHash, Literal(self.content_hash), self.graph)

    @cached_property
    def quads(self) -> list[Quad]:
        return [*_parsed(self.body_nquads), self.marker]

    @cached_property
    def entity_quads(self) -> list[Quad]:
        return [q for data in self.entity_nquads.values() for q in _parsed(data)]

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        return (
            SerialisedArticle,
            (
                self.article_id,
                self.graph.value,
                self.content_hash,
                self.events,
                self.body_nquads,
                self.entity_nquads,
                self.quad_count,
                self.index_rows,
                self.entity_index_rows,
            ),
        )


def subject_value(quad: Quad) -> str:
    """The IRI (or blank node id) of a quad's subject; eventgraph writes no RDF-star triples as subjects."""
    subject = quad.subject
    if isinstance(subject, ox.Triple):
        raise TypeError(f"an RDF-star triple as the subject of {quad}")
    return subject.value


def quad_count(article: MappedArticle | SerialisedArticle) -> int:
    """The quads of an article's graph, without parsing one that came as N-Quads."""
    if isinstance(article, SerialisedArticle):
        return article.quad_count
    return len(article.quads)


def nquads(quads: list[Quad]) -> bytes:
    """Quads as N-Quads bytes (empty for none)."""
    return (ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"") if quads else b""


@lru_cache(maxsize=65536)
def _cached_description_nquads(entity: Entity) -> bytes:
    """An entity's description as N-Quads (cached: the same few thousand entities recur in every article)."""
    return nquads(list(_cached_description(entity)))


def _parsed(data: bytes) -> list[Quad]:
    return list(ox.parse(data, ox.RdfFormat.N_QUADS)) if data else []


def map_article(document: ArticleEvents, gazetteer: Gazetteer | None = None) -> MappedArticle:
    """Map one article and its events to quads (the content hash triple included).

    The states that organisations, units and places belong to are described
    too, from ``gazetteer`` (the packaged one by default).
    """
    graph = article_iri(document.article.id)
    quads = list(_article_quads(document.article, graph))
    nodes = [event_iri(document.article, event) for event in document.events]  # hashed once per event
    for node, event in zip(nodes, document.events, strict=True):
        quads.extend(_event_quads(node, event, graph))
    entities = article_entities(document, gazetteer)
    entity_quads = [q for e in entities.values() for q in _cached_description(e)]
    entity_nquads = {iri: _cached_description_nquads(e) for iri, e in entities.items()}
    body_nquads = nquads(quads)  # serialised once, in Rust: hashed here, and what a worker process hands over
    content_hash = hash_nquads(body_nquads)
    quads.append(Quad(graph, EG.contentHash, Literal(content_hash), graph))
    return MappedArticle(
        article_id=document.article.id,
        graph=graph,
        quads=quads,
        entity_quads=entity_quads,
        content_hash=content_hash,
        events=len(set(nodes)),
        entity_nquads=entity_nquads,
        body_nquads=body_nquads,
    )


def article_entities(document: ArticleEvents, gazetteer: Gazetteer | None = None) -> dict[str, Entity]:
    """The entities an article's events name, and the states that its organisations, units and places belong
    to, by IRI in the order they are first named: the descriptions that go with the article's graph."""
    entities: dict[str, Entity] = {}
    for event in document.events:
        for entity in _event_entities(event):
            entities.setdefault(entity_iri(entity).value, entity)
    owners = {e.country for e in entities.values() if e.country and e.kind != EntityKind.COUNTRY}
    for iso3 in sorted(owners):
        owner = (gazetteer or Gazetteer.default()).country(iso3)
        if owner is not None:
            entities.setdefault(entity_iri(owner).value, owner)
    return entities


def hash_quads(quads: Iterable[Quad]) -> str:
    """The content hash of a set of quads: SHA-256 of their distinct N-Quads lines (without " ."), sorted."""
    lines = sorted({str(q) for q in quads})
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def hash_nquads(data: bytes) -> str:
    """``hash_quads`` of quads serialised by pyoxigraph as N-Quads, without making a string of each quad.

    A quad's ``str`` is its N-Quads line without the closing " ."; UTF-8 bytes sort as their
    code points do, so the sorted lines and the hash are the same.
    """
    lines = sorted({line[:-2] for line in data.split(b"\n") if line})
    return hashlib.sha256(b"\n".join(lines)).hexdigest()


def _event_entities(event: Event) -> Iterator[Entity]:
    for group in (event.actors, event.recipients, event.items, event.places, event.attributed_to, event.via):
        yield from group
    for claim in event.claims:
        yield from claim.claimants
        yield from claim.scope.items


def _article_quads(article: Article, graph: NamedNode) -> Iterator[Quad]:
    yield Quad(graph, RDF.type, EG.Article, graph)
    yield Quad(graph, DCTERMS.title, Literal(article.title), graph)
    yield Quad(graph, RDFS.label, Literal(article.title), graph)
    if article.published is not None:
        yield Quad(graph, DCTERMS.issued, Literal(article.published.isoformat(), datatype=XSD.date), graph)
    if article.outlet:
        yield Quad(graph, EG.outlet, Literal(article.outlet), graph)
    if article.url:
        yield Quad(graph, EG.url, Literal(article.url, datatype=XSD.anyURI), graph)
    if article.author:
        yield Quad(graph, DCTERMS.creator, Literal(article.author), graph)
    if article.text:
        yield Quad(graph, EG.text, Literal(article.text), graph)


def _event_quads(node: NamedNode, event: Event, graph: NamedNode) -> Iterator[Quad]:
    yield from _event_body_quads(node, event, graph)
    yield Quad(node, PROV.wasDerivedFrom, graph, graph)
    if event.evidence is not None:
        yield from _evidence_quads(node, event.evidence, graph)
    for claim in event.claims:
        yield from _claim_quads(node, claim, graph)


def claim_iri(event_node: NamedNode, claim: Claim) -> NamedNode:
    """A hash of what identifies a claim of an event: stance, claimants, date, quote and scope."""
    scope = claim.scope
    parts = [
        claim.stance.value,
        *(_sorted_iris(claim.claimants) if claim.claimants else []),
        "|",
        str(claim.date or ""),
        claim.evidence.text if claim.evidence else "",
        str(claim.evidence.start) if claim.evidence else "",
        "|",
        str(scope.since or ""),
        str(scope.until or ""),
        *(_sorted_iris(list(scope.items)) if scope.items else []),
    ]
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]
    return NamedNode(f"{event_node.value}/claim/{digest}")


def _claim_quads(event_node: NamedNode, claim: Claim, graph: NamedNode) -> Iterator[Quad]:
    """A claim is a PROV entity attributed to its claimants, derived from the article, about the event."""
    node = claim_iri(event_node, claim)
    yield Quad(event_node, EG.claim, node, graph)
    yield Quad(node, RDF.type, EG.Claim, graph)
    yield Quad(node, EG.stance, STANCE_NODES[claim.stance], graph)
    yield Quad(node, PROV.wasDerivedFrom, graph, graph)
    for claimant in claim.claimants:
        yield Quad(node, PROV.wasAttributedTo, entity_iri(claimant), graph)
    if claim.date is not None:
        yield Quad(node, EG.claimDate, date_literal(claim.date), graph)
    if claim.scope.since is not None:
        yield Quad(node, EG.scopeStart, date_literal(claim.scope.since), graph)
    if claim.scope.until is not None:
        yield Quad(node, EG.scopeEnd, date_literal(claim.scope.until), graph)
    for item in claim.scope.items:
        yield Quad(node, EG.scopeItem, entity_iri(item), graph)
    if claim.evidence is not None:
        yield from _evidence_quads(node, claim.evidence, graph)


def _event_body_quads(node: NamedNode, event: Event, graph: NamedNode) -> Iterator[Quad]:
    """What an event states, whatever its source: type, roles, quantity, date, status, certainty."""

    def quad(predicate: NamedNode, obj: NamedNode | Literal) -> Quad:
        return Quad(node, predicate, obj, graph)

    yield quad(RDF.type, EVENT_CLASSES[event.type])
    yield quad(EG.eventType, EGT[event.type.value])
    yield quad(RDFS.label, Literal(event.label or summarise(event)))
    for predicate, entities in (
        (EG.actor, event.actors),
        (EG.recipient, event.recipients),
        (EG.item, event.items),
        (SEM.hasPlace, event.places),
        (PROV.wasAttributedTo, event.attributed_to),
        (EG.reportedVia, event.via),
    ):
        for entity in entities:
            yield quad(predicate, entity_iri(entity))
    if event.quantity is not None:
        yield quad(EG.quantity, Literal(event.quantity.text))
        if event.quantity.value is not None:
            yield quad(EG.quantityValue, Literal(str(event.quantity.value), datatype=XSD.integer))
    if event.date is not None:
        yield quad(EG.date, date_literal(event.date))
        yield quad(EG.datePrecision, PRECISION_NODES[event.date.precision])
        if event.date.end is not None:
            yield quad(EG.dateEnd, date_literal(event.date.end))
    yield quad(EG.status, STATUS_NODES[event.status])
    yield quad(EG.certainty, CERTAINTY_NODES[event.certainty])


def _evidence_quads(node: NamedNode, evidence: Evidence, graph: NamedNode) -> Iterator[Quad]:
    annotation = NamedNode(node.value + "/evidence")
    target = NamedNode(node.value + "/target")
    quote = NamedNode(node.value + "/quote")
    yield Quad(node, EG.evidence, annotation, graph)
    yield Quad(annotation, RDF.type, OA.Annotation, graph)
    yield Quad(annotation, OA.hasBody, node, graph)
    yield Quad(annotation, OA.hasTarget, target, graph)
    yield Quad(target, RDF.type, OA.SpecificResource, graph)
    yield Quad(target, OA.hasSource, graph, graph)
    yield Quad(target, OA.hasSelector, quote, graph)
    yield Quad(quote, RDF.type, OA.TextQuoteSelector, graph)
    yield Quad(quote, OA.exact, Literal(evidence.text), graph)
    if evidence.start is not None and evidence.end is not None:
        position = NamedNode(node.value + "/position")
        yield Quad(target, OA.hasSelector, position, graph)
        yield Quad(position, RDF.type, OA.TextPositionSelector, graph)
        yield Quad(position, OA.start, Literal(str(evidence.start), datatype=XSD.integer), graph)
        yield Quad(position, OA.end, Literal(str(evidence.end), datatype=XSD.integer), graph)


@lru_cache(maxsize=65536)
def _cached_description(entity: Entity) -> tuple[Quad, ...]:
    return tuple(entity_description(entity))


def entity_description(entity: Entity) -> Iterator[Quad]:
    """The entity's own triples, in the shared entities graph."""
    node = entity_iri(entity)
    g = ENTITIES_GRAPH
    yield Quad(node, RDF.type, KIND_CLASSES[entity.kind], g)
    yield Quad(node, RDFS.label, Literal(entity.label), g)
    for alias in entity.aliases:
        if alias != entity.label:
            yield Quad(node, SKOS.altLabel, Literal(alias), g)
    if entity.iso3:
        yield Quad(node, EG.iso3, Literal(entity.iso3), g)
    if entity.iso2:
        yield Quad(node, EG.iso2, Literal(entity.iso2), g)
    if entity.wikidata:
        yield Quad(node, OWL.sameAs, NamedNode(WIKIDATA + entity.wikidata), g)
    if entity.category:
        yield Quad(node, EG.category, EGC[entity.category], g)
    if entity.country and entity.kind != EntityKind.COUNTRY:
        yield Quad(node, EG.country, country_iri(entity.country), g)
    if entity.latitude is not None and entity.longitude is not None:
        yield Quad(node, EG.latitude, Literal(_decimal(entity.latitude), datatype=XSD.decimal), g)
        yield Quad(node, EG.longitude, Literal(_decimal(entity.longitude), datatype=XSD.decimal), g)


def _decimal(value: float) -> str:
    return format(value, ".6f").rstrip("0").rstrip(".")


def summarise(event: Event) -> str:
    """A one-line label: "transfer: North Korea -> Russia (240mm MRL, ...)".

    Names are sorted, so the label does not depend on the order the source listed them in (RDF keeps none).
    """

    def names(entities: list[Entity]) -> str:
        return entities[0].label if len(entities) == 1 else ", ".join(sorted(e.label for e in entities))

    text = f"{event.type._value_}: {names(event.actors)}"  # _value_: .value is a descriptor, slow
    if event.recipients:
        text += f" -> {names(event.recipients)}"
    if event.items:
        text += f" ({names(event.items)})"
    if event.date is not None:
        text += f" [{event.date}]"
    return text


# -- data sets ----------------------------------------------------------------------------------
def dataset_iri(dataset_id: str) -> NamedNode:
    return NamedNode(f"{ID}dataset/{dataset_id}")


def record_iri(dataset_id: str, line: int, event_type: EventType) -> NamedNode:
    """A hash of the data set, the row's line in it and the event type: the same file gives the same events.

    The line, not the row's own id, because data sets repeat ids (GDELT 1.0 files hold duplicates);
    the type, because one row can state two events (an ACLED attack and its fatalities).
    """
    basis = f"{dataset_id}\x1fline {line}\x1f{event_type.value}"
    digest = hashlib.sha256(basis.encode("utf-8")).hexdigest()[:24]
    return NamedNode(f"{ID}event/{digest}")


def source_article_iri(url: str) -> NamedNode:
    """The article a data set row was coded from, known only by its URL."""
    return article_iri("url-" + hashlib.sha256(url.encode("utf-8")).hexdigest()[:16])


def map_dataset(dataset: DataSet) -> MappedArticle:
    """The data set's own description, in a named graph of its own (named by its IRI)."""
    graph = dataset_iri(dataset.id)
    quads = [
        Quad(graph, RDF.type, EG.DataSet, graph),
        Quad(graph, DCTERMS.title, Literal(dataset.title), graph),
        Quad(graph, RDFS.label, Literal(dataset.title), graph),
        Quad(graph, DCTERMS.source, Literal(dataset.file_name), graph),
        Quad(graph, DCTERMS.identifier, Literal(f"sha256:{dataset.content_hash}"), graph),
    ]
    entity_quads: list[Quad] = []
    if dataset.publisher is not None:
        quads.append(Quad(graph, DCTERMS.publisher, entity_iri(dataset.publisher), graph))
        entity_quads = list(entity_description(dataset.publisher))
    if dataset.url:
        quads.append(Quad(graph, EG.url, Literal(dataset.url, datatype=XSD.anyURI), graph))
    return _mapped(f"dataset/{dataset.id}", graph, quads, entity_quads, 0)


def map_records(
    dataset: DataSet,
    part: str,
    records: Iterable[DataRecord],
    gazetteer: Gazetteer | None = None,
) -> MappedArticle:
    """A batch of a data set's rows as one named graph, ``<dataset IRI>/<part>``.

    Each event is derived from its source article when the row names one (GDELT),
    else from the data set; the graph itself is derived from the data set.
    """
    source = dataset_iri(dataset.id)
    graph = NamedNode(f"{source.value}/{part}")
    quads = [Quad(graph, PROV.wasDerivedFrom, source, graph)]
    entities: dict[str, Entity] = {}
    events: set[NamedNode] = set()
    for record in records:
        node = record_iri(dataset.id, record.line, record.event.type)
        events.add(node)
        quads.extend(_record_quads(node, record, source, graph))
        for entity in _event_entities(record.event):
            entities.setdefault(entity_iri(entity).value, entity)
    _add_owners(entities, gazetteer)
    # only the gazetteer's entities are cached: a data set's own places and actors are unbounded in number
    entity_quads = [
        q for e in entities.values() for q in (_cached_description(e) if e.resolved else entity_description(e))
    ]
    return _mapped(f"dataset/{dataset.id}/{part}", graph, quads, entity_quads, len(events))


def _record_quads(node: NamedNode, record: DataRecord, dataset: NamedNode, graph: NamedNode) -> Iterator[Quad]:
    yield from _event_body_quads(node, record.event, graph)
    yield Quad(node, EG.sourceRecord, Literal(record.record_id), graph)
    if record.source_article is not None and record.source_article.url:
        article = source_article_iri(record.source_article.url)
        yield Quad(node, PROV.wasDerivedFrom, article, graph)
        yield Quad(article, RDF.type, EG.Article, graph)
        yield Quad(article, DCTERMS.title, Literal(record.source_article.title), graph)
        yield Quad(article, EG.url, Literal(record.source_article.url, datatype=XSD.anyURI), graph)
    else:
        yield Quad(node, PROV.wasDerivedFrom, dataset, graph)
    for predicate, number in ((EG.numberOrdered, record.number_ordered), (EG.numberDelivered, record.number_delivered)):
        if number is not None:
            yield Quad(node, predicate, Literal(str(number), datatype=XSD.integer), graph)
    if record.uncertain:
        yield Quad(node, EG.uncertain, Literal("true", datatype=XSD.boolean), graph)
    if record.comment:
        yield Quad(node, RDFS.comment, Literal(record.comment), graph)


def _add_owners(entities: dict[str, Entity], gazetteer: Gazetteer | None) -> None:
    """Describe the states that organisations, units and places belong to."""
    owners = {e.country for e in entities.values() if e.country and e.kind != EntityKind.COUNTRY}
    for iso3 in sorted(owners):
        owner = (gazetteer or Gazetteer.default()).country(iso3)
        if owner is not None:
            entities.setdefault(entity_iri(owner).value, owner)


def _mapped(key: str, graph: NamedNode, quads: list[Quad], entity_quads: list[Quad], events: int) -> MappedArticle:
    content_hash = hash_quads(quads + entity_quads)
    quads.append(Quad(graph, EG.contentHash, Literal(content_hash), graph))
    return MappedArticle(
        article_id=key, graph=graph, quads=quads, entity_quads=entity_quads, content_hash=content_hash, events=events
    )
