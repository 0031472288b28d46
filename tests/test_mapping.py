from __future__ import annotations

import copy

import pyoxigraph as ox

from conftest import ARNOR_DOC, TEST_DATA
from eventgraph.eventfile import parse_event_document
from eventgraph.gazetteer import Gazetteer
from eventgraph.mapping import event_iri, map_article
from eventgraph.vocab import EG
from rdfcompare import assert_same_datasets, dataset_from


def mapped_trig(doc, gazetteer: Gazetteer, *, with_hash: bool = True) -> bytes:
    document = parse_event_document(doc, location="doc", gazetteer=gazetteer).document
    mapped = map_article(document, gazetteer)
    quads = [q for q in mapped.quads + mapped.entity_quads if with_hash or q.predicate != EG.contentHash]
    return ox.serialize(quads, format=ox.RdfFormat.TRIG) or b""


def test_mapping_matches_the_golden_graph(gazetteer: Gazetteer) -> None:
    golden = (TEST_DATA / "golden" / "arnor_gondor.trig").read_bytes()
    # the content hash is a digest of the other quads, so the golden file leaves it out
    actual = mapped_trig(ARNOR_DOC, gazetteer, with_hash=False)
    assert_same_datasets(dataset_from(actual), dataset_from(golden))


def test_same_input_gives_the_same_quads(gazetteer: Gazetteer) -> None:
    assert mapped_trig(ARNOR_DOC, gazetteer) == mapped_trig(copy.deepcopy(ARNOR_DOC), gazetteer)


def test_event_iri_depends_on_what_identifies_the_event(gazetteer: Gazetteer) -> None:
    document = parse_event_document(ARNOR_DOC, location="doc", gazetteer=gazetteer).document
    first = event_iri(document.article, document.events[0])
    changed = copy.deepcopy(ARNOR_DOC)
    changed["events"][0]["certainty"] = "alleged"  # a correction, not another event
    again = parse_event_document(changed, location="doc", gazetteer=gazetteer).document
    assert event_iri(again.article, again.events[0]) == first
    changed["events"][0]["recipient"] = ["Mordor"]
    other = parse_event_document(changed, location="doc", gazetteer=gazetteer).document
    assert event_iri(other.article, other.events[0]) != first


def test_content_hash_changes_with_content(gazetteer: Gazetteer) -> None:
    document = parse_event_document(ARNOR_DOC, location="doc", gazetteer=gazetteer).document
    changed = copy.deepcopy(ARNOR_DOC)
    changed["events"][0]["certainty"] = "alleged"
    other = parse_event_document(changed, location="doc", gazetteer=gazetteer).document
    assert map_article(document, gazetteer).content_hash != map_article(other, gazetteer).content_hash


def test_unit_owner_state_is_described(gazetteer: Gazetteer) -> None:
    doc = copy.deepcopy(ARNOR_DOC)
    doc["events"] = [{"type": "deployment", "actor": ["Dunedain"], "recipient": ["Gondor"]}]
    document = parse_event_document(doc, location="doc", gazetteer=gazetteer).document
    mapped = map_article(document, gazetteer)
    subjects = {q.subject.value for q in mapped.entity_quads}
    assert "https://w3id.org/eventgraph/id/country/ARN" in subjects
