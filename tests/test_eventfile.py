from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import ARNOR_DOC, REPO
from eventgraph.errors import InputError
from eventgraph.eventfile import dump_event_document, parse_event_document, read_event_file, read_file_bytes
from eventgraph.gazetteer import Gazetteer
from eventgraph.model import Certainty, EntityKind, EventType, Status


def parse(doc: dict[str, Any], gazetteer: Gazetteer):
    return parse_event_document(doc, location="doc.yaml", gazetteer=gazetteer)


def broken(change) -> dict[str, Any]:
    doc = copy.deepcopy(ARNOR_DOC)
    change(doc)
    return doc


def test_reads_every_field(gazetteer: Gazetteer) -> None:
    result = parse(ARNOR_DOC, gazetteer)
    assert result.unresolved == []
    transfer, attack = result.document.events
    assert transfer.type is EventType.TRANSFER
    assert [e.key for e in transfer.actors] == ["ARN"]
    assert [e.key for e in transfer.recipients] == ["GON"]
    assert [e.key for e in transfer.items] == ["catapult"]
    assert transfer.quantity.value == 40
    assert str(transfer.date) == "2024-06"
    assert transfer.status is Status.OCCURRED and transfer.certainty is Certainty.REPORTED
    assert [e.key for e in transfer.attributed_to] == ["white-council"]
    assert [e.key for e in transfer.via] == ["palantir-news"]
    # offsets found from the quote when the file gives none
    assert (transfer.evidence.start, transfer.evidence.end) == (0, 47)
    assert attack.actors[0].key == "GON"  # the demonym stands for its state
    assert attack.places[0].kind is EntityKind.PLACE
    assert str(attack.date) == "2024-12-20/2024-12-22"


@pytest.mark.parametrize(
    ("change", "where", "message"),
    [
        (lambda d: d["events"][0].update(type="invasion"), "events[0].type", "not one of: transfer"),
        (lambda d: d["events"][1].update(date="2024-02-30"), "events[1].date", "not a real date"),
        (lambda d: d["events"][1].update(date="0000-00-00"), "events[1].date", "out of range"),
        (lambda d: d["events"][0].pop("actor"), "events[0].actor", "at least one actor"),
        (lambda d: d["events"][0].update(certainty="sure"), "events[0].certainty", "confirmed, reported"),
        (lambda d: d["events"][0].update(status="done"), "events[0].status", "occurred, ongoing"),
        (lambda d: d["events"][0].update(colour="red"), "events[0]", "unknown field(s): colour"),
        (lambda d: d["events"][1]["evidence"].update(start=80), "events[1].evidence", "the quote is at 82-142"),
        (lambda d: d["events"][0].update(evidence="never said"), "events[0].evidence.text", "does not occur"),
        (
            lambda d: d["events"][0].update(quantity={"text": "x", "value": -1}),
            "events[0].quantity.value",
            "at least 0",
        ),
        (lambda d: d["article"].pop("title"), "article.title", "missing"),
        (lambda d: d["article"].update(published="23 Dec 2024"), "article.published", "not a date"),
        (lambda d: d["article"].update(id="a b/c"), "article.id", "letters, digits"),
        (lambda d: d.update(events={"a": 1}), "events", "must be a list"),
        (
            lambda d: d["events"][0].update(actor=[{"label": "X", "kind": "wizard"}]),
            "events[0].actor[0].kind",
            "not one of",
        ),
        (
            lambda d: d["events"][0].update(actor=[{"label": "X", "iso3": "ZZZ"}]),
            "events[0].actor[0].iso3",
            "ISO 3166-1",
        ),
        (
            lambda d: d["events"][0].update(items=[{"label": "X", "category": "lasers"}]),
            "events[0].items[0].category",
            "not one of",
        ),
    ],
)
def test_invalid_documents_name_the_place(gazetteer: Gazetteer, change, where: str, message: str) -> None:
    with pytest.raises(InputError) as error:
        parse(broken(change), gazetteer)
    assert f"doc.yaml: {where}: " in str(error.value)
    assert message in str(error.value)


def test_unknown_names_are_kept_and_reported(gazetteer: Gazetteer) -> None:
    doc = broken(lambda d: d["events"][0].update(recipient=["Rohan"], items=["mumakil"]))
    result = parse(doc, gazetteer)
    event = result.document.events[0]
    assert event.recipients[0].label == "Rohan" and not event.recipients[0].resolved
    assert event.items[0].kind is EntityKind.WEAPON
    assert len(result.unresolved) == 2


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "not UTF-8"),
        (b"article: {title: x}\x00\nevents: []", "NUL"),
        (b"\xff\xfe\x00a", "not UTF-8"),
        (b"article: [unclosed\n", "invalid YAML at line"),
        (b"a: &x [1]\nb: *x\n", "aliases are not allowed"),
        (b"- 1\n- 2\n", "a mapping with 'article' and 'events'"),
        (b"", "a mapping with 'article' and 'events'"),
        (b"[" * 50000, "nested too deeply|invalid YAML"),
    ],
)
def test_bad_files(tmp_path: Path, gazetteer: Gazetteer, content: bytes, message: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        read_event_file(path, gazetteer)


def test_bad_json_and_missing_file(tmp_path: Path, gazetteer: Gazetteer) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"article": {"title": "x"}, "events": [', encoding="utf-8")
    with pytest.raises(InputError, match="invalid JSON at line 1"):
        read_event_file(path, gazetteer)
    with pytest.raises(InputError, match="no such file"):
        read_event_file(tmp_path / "missing.yaml", gazetteer)
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100000 + "]" * 100000, encoding="utf-8")
    with pytest.raises(InputError):
        read_event_file(deep, gazetteer)


def test_json_and_yaml_forms_agree(tmp_path: Path, gazetteer: Gazetteer) -> None:
    as_json = tmp_path / "a.json"
    as_json.write_text(json.dumps(ARNOR_DOC), encoding="utf-8")
    as_yaml = tmp_path / "a.yaml"
    as_yaml.write_text(yaml.safe_dump(ARNOR_DOC, allow_unicode=True), encoding="utf-8")
    from_json = read_event_file(as_json, gazetteer).document
    from_yaml = read_event_file(as_yaml, gazetteer).document
    assert (from_json.article, from_json.events) == (from_yaml.article, from_yaml.events)


def test_dump_reads_back_the_same(gazetteer: Gazetteer) -> None:
    document = parse(ARNOR_DOC, gazetteer).document
    dumped = dump_event_document(document)
    dumped["article"]["text"] = ARNOR_DOC["article"]["text"]
    again = parse(json.loads(json.dumps(dumped)), gazetteer).document
    assert again == document


def test_the_seed_example_validates() -> None:
    path = REPO / "data" / "examples" / "00_seed_nk_troops_drones_russia.yaml"
    result = read_event_file(path)
    events = result.document.events
    assert result.unresolved == []
    assert len(events) == 8
    assert {e.type.value for e in events} >= {
        "transfer",
        "deployment",
        "attack",
        "agreement",
        "casualties",
        "production",
    }
    text = result.document.article.text
    for event in events:
        assert text[event.evidence.start : event.evidence.end] == event.evidence.text


def test_a_file_is_read_whole_up_to_the_limit_whatever_its_size_says(tmp_path: Path) -> None:
    small = tmp_path / "small.json"
    small.write_bytes(b'{"a": 1}')
    assert read_file_bytes(small, limit=8) == b'{"a": 1}'
    with pytest.raises(InputError, match="over the 7 byte limit"):
        read_file_bytes(small, limit=7)
    status = Path("/proc/self/status")  # a regular file whose size says 0
    if status.exists() and status.stat().st_size == 0:
        assert b"Name:" in read_file_bytes(status, limit=1 << 20, what="x")
        with pytest.raises(InputError, match="over the 10 byte limit"):
            read_file_bytes(status, limit=10, what="x")
