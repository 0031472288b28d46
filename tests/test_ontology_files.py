"""Checks of the ontology files: they parse, every term is documented, the eg: term list is the agreed one,
the CAMEO -> event type walk is unambiguous, and the SHACL shapes accept a valid event and reject broken ones."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pyshacl
import pytest
from rdflib import OWL, RDF, RDFS, SKOS, Graph, Namespace, URIRef

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"
EVENTGRAPH_TTL = ONTOLOGY_DIR / "eventgraph.ttl"
VOCABULARIES_TTL = ONTOLOGY_DIR / "vocabularies.ttl"
SHAPES_TTL = ONTOLOGY_DIR / "shapes.ttl"

EG = Namespace("https://w3id.org/eventgraph/ns#")
EGT = Namespace("https://w3id.org/eventgraph/event-type/")
EGC = Namespace("https://w3id.org/eventgraph/weapon-category/")
PLOVER = Namespace("https://w3id.org/eventgraph/plover/")
CAMEO = Namespace("https://w3id.org/eventgraph/cameo/")
SH = Namespace("http://www.w3.org/ns/shacl#")

CLASSES = {
    "Article",
    "DataSet",
    "Event",
    "Transfer",
    "Deployment",
    "Attack",
    "Agreement",
    "Casualties",
    "Sanction",
    "Production",
    "Cooperation",
    "Actor",
    "Country",
    "Organization",
    "MilitaryUnit",
    "Person",
    "ArmedGroup",
    "WeaponSystem",
    "Treaty",
    "Place",
    "Status",
    "Certainty",
    "WeaponCategory",
    "EventType",
    "Claim",
    "Stance",
}
OBJECT_PROPERTIES = {
    "actor",
    "recipient",
    "item",
    "eventType",
    "eventClass",
    "status",
    "certainty",
    "datePrecision",
    "reportedVia",
    "evidence",
    "category",
    "country",
    "party",
    "claim",
    "stance",
    "scopeItem",
}
DATATYPE_PROPERTIES = {
    "date",
    "dateEnd",
    "quantity",
    "quantityValue",
    "iso3",
    "iso2",
    "outlet",
    "url",
    "text",
    "contentHash",
    "numberOrdered",
    "numberDelivered",
    "uncertain",
    "latitude",
    "longitude",
    "sourceRecord",
    "claimDate",
    "scopeStart",
    "scopeEnd",
}
INDIVIDUALS = {
    "Occurred",
    "Ongoing",
    "Planned",
    "Confirmed",
    "Reported",
    "Alleged",
    "Possible",
    "Asserts",
    "Denies",
    "Confirms",
    "Retracts",
}
EXPECTED_TERMS = CLASSES | OBJECT_PROPERTIES | DATATYPE_PROPERTIES | INDIVIDUALS

EVENT_TYPES = {"transfer", "deployment", "attack", "agreement", "casualties", "sanction", "production", "cooperation"}
WEAPON_CATEGORIES = {
    "artillery",
    "missile",
    "drone",
    "air-defence",
    "armour",
    "aircraft",
    "ship",
    "small-arms",
    "munitions",
    "personnel",
    "equipment",
}
PLOVER_TYPES = {
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
}

# The importer's walk: a CAMEO code, or one of its skos:broader ancestors, is the object of skos:narrowMatch or
# skos:closeMatch of an event-type concept.
CAMEO_WALK_QUERY = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?code ?type WHERE {
    ?concept skos:inScheme <https://w3id.org/eventgraph/cameo/> ;
             skos:notation ?code ;
             skos:broader* ?ancestor .
    ?eventType skos:inScheme <https://w3id.org/eventgraph/event-type/> ;
               skos:notation ?type ;
               skos:narrowMatch|skos:closeMatch ?ancestor .
}
"""


@cache
def load(path: Path) -> Graph:
    return Graph().parse(path, format="turtle")


def ontology_graph() -> Graph:
    return load(EVENTGRAPH_TTL) + load(VOCABULARIES_TTL)


def local_name(term: URIRef, namespace: Namespace) -> str:
    return str(term)[len(str(namespace)) :]


def terms_in(graph: Graph, namespace: Namespace) -> set[URIRef]:
    return {
        node
        for triple in graph
        for node in triple
        if isinstance(node, URIRef) and str(node).startswith(str(namespace)) and node != URIRef(str(namespace))
    }


def all_files_graph() -> Graph:
    return load(EVENTGRAPH_TTL) + load(VOCABULARIES_TTL) + load(SHAPES_TTL)


# --- parsing and documentation -------------------------------------------------------------------------------


def test_files_parse() -> None:
    for path in (EVENTGRAPH_TTL, VOCABULARIES_TTL, SHAPES_TTL):
        assert len(load(path)) > 0, path


def test_ontology_header() -> None:
    graph = load(EVENTGRAPH_TTL)
    ontology = URIRef("https://w3id.org/eventgraph/ns")
    assert (ontology, RDF.type, OWL.Ontology) in graph
    assert str(graph.value(ontology, OWL.versionInfo)) == "0.1.0"
    assert graph.value(ontology, URIRef("http://purl.org/dc/terms/license")) == URIRef(
        "https://creativecommons.org/licenses/by/4.0/"
    )


def test_defined_eg_terms_are_exactly_the_agreed_list() -> None:
    graph = load(EVENTGRAPH_TTL)
    kinds = {
        OWL.Class: CLASSES,
        OWL.ObjectProperty: OBJECT_PROPERTIES,
        OWL.DatatypeProperty: DATATYPE_PROPERTIES,
        OWL.NamedIndividual: INDIVIDUALS,
    }
    for rdf_type, expected in kinds.items():
        defined = {local_name(s, EG) for s in graph.subjects(RDF.type, rdf_type) if str(s).startswith(str(EG))}
        assert defined == expected, f"{rdf_type}: extra {defined - expected}, missing {expected - defined}"


def test_no_eg_term_outside_the_list_is_used() -> None:
    used = {local_name(term, EG) for term in terms_in(all_files_graph(), EG)}
    assert used <= EXPECTED_TERMS, f"undefined eg: terms used: {sorted(used - EXPECTED_TERMS)}"


@pytest.mark.slow
def test_every_eg_term_has_label_and_comment() -> None:
    ontology = load(EVENTGRAPH_TTL)
    for term in terms_in(all_files_graph(), EG) | {EG[name] for name in EXPECTED_TERMS}:
        assert ontology.value(term, RDFS.label) is not None, f"{term} has no rdfs:label"
        assert ontology.value(term, RDFS.comment) is not None, f"{term} has no rdfs:comment"


@pytest.mark.slow
def test_every_concept_has_pref_label_and_definition() -> None:
    vocabularies = load(VOCABULARIES_TTL)
    for namespace in (EGT, EGC, PLOVER):
        for concept in terms_in(all_files_graph(), namespace):
            assert (concept, RDF.type, SKOS.Concept) in vocabularies, f"{concept} is not a skos:Concept"
            assert vocabularies.value(concept, SKOS.prefLabel) is not None, f"{concept} has no skos:prefLabel"
            assert vocabularies.value(concept, SKOS.definition) is not None, f"{concept} has no skos:definition"


def test_concept_schemes_hold_the_agreed_concepts() -> None:
    vocabularies = load(VOCABULARIES_TTL)
    schemes = {
        EGT: (EVENT_TYPES, EG.EventType),
        EGC: (WEAPON_CATEGORIES, EG.WeaponCategory),
        PLOVER: (PLOVER_TYPES, None),
    }
    for namespace, (expected, concept_class) in schemes.items():
        members = set(vocabularies.subjects(SKOS.inScheme, URIRef(str(namespace))))
        assert {local_name(m, namespace) for m in members} == expected
        for member in members:
            assert str(vocabularies.value(member, SKOS.notation)) == local_name(member, namespace)
            if concept_class is not None:
                assert (member, RDF.type, concept_class) in vocabularies


def test_event_types_name_their_event_class() -> None:
    vocabularies, ontology = load(VOCABULARIES_TTL), load(EVENTGRAPH_TTL)
    for name in EVENT_TYPES:
        event_class = vocabularies.value(EGT[name], EG.eventClass)
        assert event_class == EG[name.capitalize()], name
        assert (event_class, RDFS.subClassOf, EG.Event) in ontology


def test_pref_labels_are_unique_within_each_scheme() -> None:
    vocabularies = load(VOCABULARIES_TTL)
    for scheme in set(vocabularies.objects(None, SKOS.inScheme)):
        labels = [
            str(label)
            for concept in vocabularies.subjects(SKOS.inScheme, scheme)
            for label in vocabularies.objects(concept, SKOS.prefLabel)
        ]
        duplicates = {label for label in labels if labels.count(label) > 1}
        assert not duplicates, f"{scheme}: {duplicates}"


# --- CAMEO --------------------------------------------------------------------------------------------------


def cameo_concepts(vocabularies: Graph) -> dict[str, URIRef]:
    return {
        str(vocabularies.value(concept, SKOS.notation)): concept
        for concept in vocabularies.subjects(SKOS.inScheme, URIRef(str(CAMEO)))
    }


def test_cameo_concepts_and_hierarchy() -> None:
    vocabularies = load(VOCABULARIES_TTL)
    concepts = cameo_concepts(vocabularies)
    assert len(concepts) > 280
    for code, concept in concepts.items():
        assert concept == CAMEO[code]
        assert vocabularies.value(concept, SKOS.prefLabel) is not None, code
        parents = list(vocabularies.objects(concept, SKOS.broader))
        if len(code) == 2:
            assert parents == [], code
        else:
            expected_parent = code[:2] if len(code) == 3 else code[:3]
            assert parents == [CAMEO[expected_parent]], code
    assert str(vocabularies.value(CAMEO["0872"], SKOS.prefLabel)) == "Ease military blockade"
    assert str(vocabularies.value(CAMEO["163"], SKOS.prefLabel)) == "Impose embargo, boycott, or sanctions"


def test_mapping_targets_exist() -> None:
    vocabularies = load(VOCABULARIES_TTL)
    mapping_properties = (SKOS.closeMatch, SKOS.broadMatch, SKOS.narrowMatch, SKOS.relatedMatch, SKOS.exactMatch)
    for prop in mapping_properties:
        for _, target in vocabularies.subject_objects(prop):
            assert (target, RDF.type, SKOS.Concept) in vocabularies, f"{prop} points to unknown {target}"


def cameo_walk() -> dict[str, set[str]]:
    types: dict[str, set[str]] = {}
    for row in load(VOCABULARIES_TTL).query(CAMEO_WALK_QUERY):
        types.setdefault(str(row.code), set()).add(str(row.type))
    return types


@pytest.mark.slow
def test_cameo_walk_reaches_our_event_types() -> None:
    walk = cameo_walk()
    assert walk["072"] == {"transfer"}
    assert walk["057"] == {"agreement"}
    assert walk["062"] == {"cooperation"}
    assert walk["074"] == {"deployment"}
    assert walk["163"] == {"sanction"}
    for code in ("19", "190", "191", "192", "193", "194", "195", "196", "183", "1831", "186", "204", "2042"):
        assert walk[code] == {"attack"}, code
    for code in ("010", "042", "070", "071", "073", "0332", "138", "154", "1622", "166", "173", "182", "201"):
        assert code not in walk, code


def test_cameo_walk_never_gives_two_event_types() -> None:
    ambiguous = {code: types for code, types in cameo_walk().items() if len(types) > 1}
    assert not ambiguous


# --- SHACL --------------------------------------------------------------------------------------------------

VALID_EVENT_TTL = """
@base <https://example.org/> .
@prefix eg: <https://w3id.org/eventgraph/ns#> .
@prefix egt: <https://w3id.org/eventgraph/event-type/> .
@prefix egc: <https://w3id.org/eventgraph/weapon-category/> .
@prefix sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix time: <http://www.w3.org/2006/time#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

<article/1> a eg:Article ;
    dcterms:title "Arnor sends rocket launchers to Gondor, Eriador says" ;
    dcterms:issued "2024-12-23"^^xsd:date ;
    dcterms:creator "A. Writer" ;
    eg:outlet "Example News" ;
    eg:url "https://example.org/news/1"^^xsd:anyURI .

<country/PRK> a eg:Country ; rdfs:label "North Korea" ; eg:iso3 "PRK" ; eg:iso2 "KP" ;
    owl:sameAs <http://www.wikidata.org/entity/Q423> .
<country/RUS> a eg:Country ; rdfs:label "Russia" ; eg:iso3 "RUS" ; eg:iso2 "RU" ;
    owl:sameAs <http://www.wikidata.org/entity/Q159> .
<country/KOR> a eg:Country ; rdfs:label "South Korea" ; eg:iso3 "KOR" .
<actor/jcs> a eg:Organization ; rdfs:label "Joint Chiefs of Staff" ; eg:country <country/KOR> .
<actor/yonhap> a eg:Organization ; rdfs:label "Yonhap" ; eg:country <country/KOR> .
<item/mrl-240mm> a eg:WeaponSystem ; rdfs:label "240mm multiple rocket launcher" ; eg:category egc:artillery .
<place/kursk> a eg:Place ; rdfs:label "Kursk region" ; eg:country <country/RUS> ;
    eg:latitude 51.7 ; eg:longitude 36.2 .

<event/1> a eg:Transfer ;
    rdfs:label "North Korea supplies 240mm rocket launchers to Russia" ;
    eg:eventType egt:transfer ;
    eg:actor <country/PRK> ;
    eg:recipient <country/RUS> ;
    eg:item <item/mrl-240mm> ;
    sem:hasPlace <place/kursk> ;
    eg:quantity "at least 100" ;
    eg:quantityValue 100 ;
    eg:date "2024-12"^^xsd:gYearMonth ;
    eg:datePrecision time:unitMonth ;
    eg:status eg:Ongoing ;
    eg:certainty eg:Reported ;
    prov:wasDerivedFrom <article/1> ;
    prov:wasAttributedTo <actor/jcs> ;
    eg:reportedVia <actor/yonhap> ;
    eg:evidence <event/1/evidence> .

<event/1/evidence> a oa:Annotation ; oa:hasBody <event/1> ; oa:hasTarget <event/1/target> .
<event/1/target> a oa:SpecificResource ; oa:hasSource <article/1> ;
    oa:hasSelector <event/1/quote> , <event/1/position> .
<event/1/quote> a oa:TextQuoteSelector ; oa:exact "while continuing to supply 240mm rocket launchers" .
<event/1/position> a oa:TextPositionSelector ;
    oa:start "10"^^xsd:integer ; oa:end "59"^^xsd:integer .
"""


def validate(data_ttl: str) -> tuple[bool, list[str]]:
    """Validate with the ontology as pyshacl's ontology graph (as eventgraph validate does), and with the
    shapes alone (as 'pyshacl -s ontology/shapes.ttl data.nt' does): the two must agree."""
    answers = []
    for ontology in (ontology_graph(), None):
        data = Graph().parse(data=data_ttl, format="turtle")
        conforms, results, _ = pyshacl.validate(
            data,
            shacl_graph=load(SHAPES_TTL),
            ont_graph=ontology,
            inference="none",
            abort_on_first=False,
            allow_warnings=False,
            advanced=False,
        )
        answers.append((bool(conforms), sorted(str(m) for m in results.objects(None, SH.resultMessage))))
    assert answers[0] == answers[1], answers
    return answers[0]


def test_shapes_name_every_subclass_they_target_or_require() -> None:
    """SHACL follows rdfs:subClassOf only in the data graph: the shapes list the ontology's subclasses."""
    shapes, ontology = load(SHAPES_TTL), ontology_graph()

    def subclasses(cls: URIRef) -> set[URIRef]:
        return {s for s in ontology.transitive_subjects(RDFS.subClassOf, cls) if isinstance(s, URIRef)}

    for shape in shapes.subjects(SH.targetClass, None):
        targets = set(shapes.objects(shape, SH.targetClass))
        for target in targets:
            assert subclasses(target) <= targets, (shape, target)
    parents = [URIRef(EG + "Actor"), URIRef(EG + "Event")]
    lists = {
        parent: [
            item
            for item in shapes.objects(None, SH["or"])
            if parent in {shapes.value(member, SH["class"]) for member in shapes.items(item)}
        ]
        for parent in parents
    }
    assert len(lists[URIRef(EG + "Actor")]) == 5 and len(lists[URIRef(EG + "Event")]) == 1
    for parent, items in lists.items():
        for item in items:
            assert {shapes.value(member, SH["class"]) for member in shapes.items(item)} == subclasses(parent)
        assert len(list(shapes.subjects(SH["class"], parent))) == len(items)  # only inside those lists


@pytest.mark.slow
def test_the_pyshacl_command_with_the_shapes_alone(tmp_path: Path) -> None:
    """The one-line command of ontology/README.md finds what eventgraph validate finds."""
    import shutil
    import subprocess
    import sys

    command = shutil.which("pyshacl") or str(Path(sys.executable).parent / "pyshacl")
    assert "pyshacl -s ontology/shapes.ttl data.nt" in (ONTOLOGY_DIR / "README.md").read_text(encoding="utf-8")
    for text, conforms in (
        (VALID_EVENT_TTL, True),
        (broken("eg:actor <country/PRK> ;", ""), False),
        (broken("<country/RUS> a eg:Country ;", "<country/RUS> a eg:Place ;"), False),
    ):
        data = tmp_path / "data.nt"
        data.write_text(Graph().parse(data=text, format="turtle").serialize(format="nt"), encoding="utf-8")
        result = subprocess.run(
            [command, "-s", str(SHAPES_TTL), str(data)], capture_output=True, text=True, timeout=120
        )
        assert result.returncode == (0 if conforms else 1), result.stdout + result.stderr
        assert f"Conforms: {conforms}" in result.stdout


def broken(old: str, new: str) -> str:
    assert old in VALID_EVENT_TTL, old
    return VALID_EVENT_TTL.replace(old, new)


def assert_single_violation(data_ttl: str, expected: str) -> None:
    conforms, messages = validate(data_ttl)
    assert not conforms
    assert len(messages) == 1 and expected in messages[0], messages


def test_valid_event_conforms() -> None:
    conforms, messages = validate(VALID_EVENT_TTL)
    assert conforms, messages


def test_event_without_actor_fails() -> None:
    assert_single_violation(broken("eg:actor <country/PRK> ;", ""), "Event has no eg:actor")


def test_status_outside_the_list_fails() -> None:
    assert_single_violation(broken("eg:status eg:Ongoing", "eg:status eg:Confirmed"), "eg:status is not one of")


def test_date_as_plain_string_fails() -> None:
    assert_single_violation(broken('"2024-12"^^xsd:gYearMonth', '"2024-12"'), "eg:date must be a valid xsd:gYear")


def test_evidence_start_after_end_fails() -> None:
    assert_single_violation(
        broken('oa:start "10"^^xsd:integer', 'oa:start "120"^^xsd:integer'),
        "oa:start is greater than oa:end",
    )


@pytest.mark.slow
def test_lowercase_iso3_fails() -> None:
    assert_single_violation(broken('eg:iso3 "RUS"', 'eg:iso3 "ru"'), "eg:iso3 must be three capital letters")


def test_untyped_actor_fails() -> None:
    assert_single_violation(
        broken("<country/PRK> a eg:Country ;", "<country/PRK>"), "eg:actor value is not an eg:Actor"
    )


@pytest.mark.slow
def test_wikidata_page_url_as_same_as_fails() -> None:
    data = broken("<http://www.wikidata.org/entity/Q423>", "<https://www.wikidata.org/wiki/Q423>")
    assert_single_violation(data, "owl:sameAs must link to a Wikidata item")


def test_event_type_disagreeing_with_class_fails() -> None:
    assert_single_violation(
        broken("eg:eventType egt:transfer", "eg:eventType egt:attack"), "An eg:Transfer must have eg:eventType"
    )


def test_shapes_pair_each_event_class_with_its_event_type() -> None:
    shapes, vocabularies = load(SHAPES_TTL), load(VOCABULARIES_TTL)
    pairs = {
        (shapes.value(node_shape, SH.targetClass), shapes.value(property_shape, SH.hasValue))
        for node_shape, property_shape in shapes.subject_objects(SH.property)
        if shapes.value(property_shape, SH.hasValue) is not None
    }
    assert pairs == {(EG[name.capitalize()], EGT[name]) for name in EVENT_TYPES}
    assert pairs == {(cls, concept) for concept, cls in vocabularies.subject_objects(EG.eventClass)}
