"""IRIs of the ontology and of the standard vocabularies it aligns with.

Every namespace the mapping writes is closed: asking for a term that is not in
its list raises ``AttributeError`` instead of minting a wrong IRI (the habit of
rdflib's ``DefinedNamespace``).  A test checks that the eg: list here is exactly
what ``ontology/eventgraph.ttl`` defines.
"""

from __future__ import annotations

from pyoxigraph import NamedNode


class ClosedNamespace:
    def __init__(self, base: str, terms: str) -> None:
        self.base = base
        self.terms = frozenset(terms.split())
        self._nodes = {term: NamedNode(base + term) for term in self.terms}
        # the terms as attributes, so that EG.actor is a plain lookup (the mapping asks for
        # terms about 30 times an event); __getattr__ only sees the names that are not terms
        self.__dict__.update({t: n for t, n in self._nodes.items() if t not in ("base", "terms", "_nodes")})

    def __getattr__(self, name: str) -> NamedNode:
        nodes: dict[str, NamedNode] = self.__dict__["_nodes"]
        try:
            return nodes[name]
        except KeyError:
            raise AttributeError(f"{name!r} is not a term of <{self.base}>") from None

    def __getitem__(self, name: str) -> NamedNode:
        return self.__getattr__(name)


BASE = "https://w3id.org/eventgraph/"
ID = BASE + "id/"
ENTITIES_GRAPH = NamedNode(BASE + "graph/entities")
ONTOLOGY_GRAPH = NamedNode(BASE + "ns")

EG = ClosedNamespace(
    BASE + "ns#",
    """
    Article DataSet Event Transfer Deployment Attack Agreement Casualties Sanction Production
    Cooperation Actor Country Organization MilitaryUnit Person ArmedGroup WeaponSystem Treaty
    Place Status Certainty WeaponCategory EventType
    actor recipient item eventType eventClass status certainty datePrecision reportedVia evidence
    category country party
    date dateEnd quantity quantityValue iso3 iso2 outlet url text contentHash numberOrdered
    numberDelivered uncertain latitude longitude sourceRecord
    Occurred Ongoing Planned Confirmed Reported Alleged Possible
    Claim Stance Asserts Denies Confirms Retracts claim stance claimDate scopeStart scopeEnd scopeItem
    """,
)
EGT = ClosedNamespace(
    BASE + "event-type/",
    "transfer deployment attack agreement casualties sanction production cooperation",
)
EGC = ClosedNamespace(
    BASE + "weapon-category/",
    "artillery missile drone air-defence armour aircraft ship small-arms munitions personnel equipment",
)

RDF = ClosedNamespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#", "type")
RDFS = ClosedNamespace("http://www.w3.org/2000/01/rdf-schema#", "label comment")
OWL = ClosedNamespace("http://www.w3.org/2002/07/owl#", "sameAs")
SKOS = ClosedNamespace("http://www.w3.org/2004/02/skos/core#", "altLabel prefLabel notation")
XSD = ClosedNamespace(
    "http://www.w3.org/2001/XMLSchema#",
    "string integer boolean decimal date gYear gYearMonth anyURI",
)
PROV = ClosedNamespace("http://www.w3.org/ns/prov#", "wasDerivedFrom wasAttributedTo Entity Agent")
SEM = ClosedNamespace("http://semanticweb.cs.vu.nl/2009/11/sem/", "Event hasActor hasPlace hasTimeStamp")
TIME = ClosedNamespace("http://www.w3.org/2006/time#", "unitYear unitMonth unitDay")
DCTERMS = ClosedNamespace("http://purl.org/dc/terms/", "title issued creator publisher identifier source")
OA = ClosedNamespace(
    "http://www.w3.org/ns/oa#",
    """Annotation hasBody hasTarget SpecificResource hasSource hasSelector
    TextQuoteSelector exact TextPositionSelector start end""",
)
WIKIDATA = "http://www.wikidata.org/entity/"

# Instance IRIs by kind: country:PRK, weapon:kamikaze-drones, article:..., event:...
ID_PREFIXES = {
    kind: f"{ID}{kind}/"
    for kind in (
        "article",
        "event",
        "country",
        "org",
        "unit",
        "person",
        "group",
        "actor",
        "weapon",
        "treaty",
        "place",
        "dataset",
    )
}

# Prefixes predeclared for every query and used when writing Turtle.
PREFIXES = {
    **ID_PREFIXES,
    "eg": EG.base,
    "egt": EGT.base,
    "egc": EGC.base,
    "egr": ID,
    "plover": BASE + "plover/",
    "cameo": BASE + "cameo/",
    "rdf": RDF.base,
    "rdfs": RDFS.base,
    "owl": OWL.base,
    "skos": SKOS.base,
    "xsd": XSD.base,
    "prov": PROV.base,
    "sem": SEM.base,
    "time": TIME.base,
    "dcterms": DCTERMS.base,
    "oa": OA.base,
    "wd": WIKIDATA,
}
