"""The training corpus (data/corpus/): every gold file is well formed and agrees with its article.

Standard library and the project's gazetteer (data/countries.csv) only, so that the check runs before any model
or extractor exists.  Rules: shared/eval/GUIDELINES.md and data/corpus/README.md.
"""

from __future__ import annotations

import csv
import json
import os
import re
from datetime import date
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "data" / "corpus"
COUNTRIES = REPO / "data" / "countries.csv"
MIN_DOCUMENTS = 300

TYPES = {"transfer", "deployment", "attack", "agreement", "casualties", "sanction", "production", "cooperation"}
STATUSES = {"occurred", "ongoing", "planned"}
CERTAINTIES = {"confirmed", "reported", "alleged", "possible"}
EVENT_KEYS = {
    "type",
    "actor",
    "recipient",
    "items",
    "date",
    "status",
    "certainty",
    "attributed_to",
    "evidence",
    "denied_by",
    "confirmed_by",
    "denial_scope",
}
REQUIRED_KEYS = {"type", "actor", "recipient", "items", "date", "status", "certainty", "evidence"}
NAME = re.compile(r"^(?P<number>\d{3})_[a-z0-9]+(?:_[a-z0-9]+)*\.gold\.json$")
ISO_DATE = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?$")


def split_of(number: int) -> str:
    """The split a document belongs to, fixed by its number before any training."""
    rest = number % 20
    if rest in (0, 1, 2):
        return "test"
    if rest in (3, 4, 5):
        return "validation"
    return "train"


def iso3_codes() -> set[str]:
    with COUNTRIES.open(encoding="utf-8", newline="") as handle:
        return {row["iso3"] for row in csv.DictReader(handle)}


def is_iso_date(value: object) -> bool:
    if not isinstance(value, str):
        return False
    match = ISO_DATE.match(value)
    if not match:
        return False
    try:
        date(int(match["year"]), int(match["month"] or 1), int(match["day"] or 1))
    except ValueError:
        return False
    return True


def gold_paths() -> list[Path]:
    return sorted(CORPUS.glob("*/*.gold.json"))


def check_event(event: object, text: str, codes: set[str]) -> list[str]:
    """What is wrong with one gold event (empty when nothing is)."""
    if not isinstance(event, dict):
        return ["an event is not an object"]
    problems = []
    missing = REQUIRED_KEYS - event.keys()
    if missing:
        return [f"missing keys {sorted(missing)}"]
    unknown = event.keys() - EVENT_KEYS
    if unknown:
        problems.append(f"unknown keys {sorted(unknown)}")
    if event["type"] not in TYPES:
        problems.append(f"type {event['type']!r} not in the closed list")
    for role in ("actor", "recipient"):
        values = event[role]
        if not isinstance(values, list):
            problems.append(f"{role} is not a list")
            continue
        for code in values:
            if not isinstance(code, str) or not (code in codes or (code.startswith("org:") and len(code) > 4)):
                problems.append(f"{role} {code!r} is neither an ISO alpha-3 code of the gazetteer nor org:<name>")
    if not event["actor"]:
        problems.append("no actor")
    if event["type"] == "casualties" and event["recipient"]:
        problems.append("casualties have no recipient")
    items = event["items"]
    if not isinstance(items, list) or not all(
        isinstance(item, list) and item and all(isinstance(s, str) and s.strip() for s in item) for item in items
    ):
        problems.append("items must be a list of non-empty lists of spellings")
    if event["date"] is not None and not is_iso_date(event["date"]):
        problems.append(f"date {event['date']!r} is not ISO 8601 (YYYY, YYYY-MM or YYYY-MM-DD) nor null")
    if event["status"] not in STATUSES:
        problems.append(f"status {event['status']!r} not in {sorted(STATUSES)}")
    if event["certainty"] not in CERTAINTIES:
        problems.append(f"certainty {event['certainty']!r} not in {sorted(CERTAINTIES)}")
    for key in ("attributed_to", "denied_by", "confirmed_by"):
        if key in event and not (
            isinstance(event[key], list) and all(isinstance(s, str) and s.strip() for s in event[key])
        ):
            problems.append(f"{key} must be a list of names")
    if "denial_scope" in event:
        scope = event["denial_scope"]
        if not (
            isinstance(scope, dict)
            and set(scope) == {"from", "to"}
            and all(v is None or is_iso_date(v) for v in scope.values())
            and any(v is not None for v in scope.values())
        ):
            problems.append('denial_scope must be {"from": ISO date or null, "to": ISO date or null}')
        elif not event.get("denied_by"):
            problems.append("denial_scope without denied_by")
    evidence = event["evidence"]
    if not isinstance(evidence, str) or not evidence.strip():
        problems.append("no evidence")
    elif evidence not in text:
        problems.append(f"evidence not verbatim in the article: {evidence[:60]!r}")
    return problems


def check_gold(path: Path, codes: set[str]) -> list[str]:
    """What is wrong with one gold file (empty when nothing is)."""
    match = NAME.match(path.name)
    if not match:
        return ["name is not NNN_slug.gold.json (slug lowercase ascii with underscores)"]
    problems = []
    wanted = split_of(int(match["number"]))
    if path.parent.name != wanted:
        problems.append(f"in {path.parent.name}/, the number rule puts it in {wanted}/")
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        return problems + [f"not JSON: {error}"]
    if not isinstance(gold, dict) or set(gold) != {"file", "events"} or not isinstance(gold["events"], list):
        return problems + ['must be {"file": ..., "events": [...]}']
    expected = path.name[: -len(".gold.json")] + ".txt"
    if gold["file"] != expected:
        problems.append(f"file is {gold['file']!r}, expected {expected!r}")
    article = path.with_name(expected)
    if not article.is_file():
        return problems + [f"{expected} is not beside the gold file"]
    text = article.read_text(encoding="utf-8")
    if not text.strip():
        problems.append("the article is empty")
    for index, event in enumerate(gold["events"]):
        problems += [f"event {index}: {p}" for p in check_event(event, text, codes)]
    return problems


def test_every_gold_file_is_valid() -> None:
    codes = iso3_codes()
    paths = gold_paths()
    if not paths:
        pytest.skip("no corpus under data/corpus/ yet")
    problems = {str(path.relative_to(CORPUS)): found for path in paths if (found := check_gold(path, codes))}
    assert problems == {}


def test_every_article_has_a_gold_file() -> None:
    articles = sorted(CORPUS.glob("*/*.txt"))
    assert [str(p.relative_to(CORPUS)) for p in articles if not p.with_name(p.name[:-4] + ".gold.json").is_file()] == []
    assert {p.parent.name for p in articles} <= {"train", "validation", "test"}


def test_numbers_are_unique() -> None:
    numbers = [path.name[:3] for path in gold_paths()]
    assert sorted({n for n in numbers if numbers.count(n) > 1}) == []


def test_index_files_name_existing_documents() -> None:
    """Each writer's index_NNN_NNN.csv (genre and hard cases per document) names documents that exist."""
    problems = []
    for index in sorted(CORPUS.glob("index_*.csv")):
        with index.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                path = CORPUS / row["split"] / row["file"]
                if (
                    not path.is_file()
                    or row["split"] != split_of(int(row["number"]))
                    or not row["file"].startswith(row["number"] + "_")
                    or not row["genre"].strip()
                ):
                    problems.append((index.name, row["number"], row["file"]))
    assert problems == []


def test_the_corpus_is_large_enough() -> None:
    count = len(gold_paths())
    if count < MIN_DOCUMENTS and os.environ.get("EVENTGRAPH_CORPUS_PARTIAL") == "1":
        pytest.skip(
            f"EVENTGRAPH_CORPUS_PARTIAL=1: only {count} of the {MIN_DOCUMENTS} documents are present "
            "(one half of the corpus, before both halves are merged)"
        )
    assert count >= MIN_DOCUMENTS, (
        f"the corpus holds {count} documents, at least {MIN_DOCUMENTS} are required "
        "(set EVENTGRAPH_CORPUS_PARTIAL=1 to check one half before the merge)"
    )


def test_the_checker_finds_bad_gold(tmp_path: Path) -> None:
    """The checks themselves: a bad event and a misplaced file are reported."""
    codes = iso3_codes()
    text = "Title\nOutlet\n2024-06\n\nRussia fired missiles at Kyiv.\n"
    good = {
        "type": "attack",
        "actor": ["RUS"],
        "recipient": ["UKR"],
        "items": [["missile", "missiles"]],
        "date": "2024-06",
        "status": "occurred",
        "certainty": "reported",
        "evidence": "Russia fired missiles",
    }
    assert check_event(good, text, codes) == []
    assert (
        check_event({**good, "denied_by": ["Moscow"], "denial_scope": {"from": "2022-02-24", "to": None}}, text, codes)
        == []
    )
    for bad in (
        {"type": "strike"},
        {"actor": ["XXX"]},
        {"recipient": ["Ukraine"]},
        {"date": "2024-13"},
        {"date": "June 2024"},
        {"status": "done"},
        {"certainty": "sure"},
        {"evidence": "fired rockets"},
        {"items": [[]]},
        {"actor": []},
        {"denial_scope": {"from": None, "to": None}, "denied_by": ["x"]},
        {"denial_scope": {"from": "2022", "to": None}},
        {"type": "casualties"},
        {"extra": 1},
    ):
        assert check_event({**good, **bad}, text, codes) != [], bad
    assert check_event({**good, "actor": ["org:Hezbollah"]}, text, codes) == []
    folder = tmp_path / "train"
    folder.mkdir()
    (folder / "001_x.txt").write_text(text, encoding="utf-8")
    (folder / "001_x.gold.json").write_text(json.dumps({"file": "001_x.txt", "events": [good]}), encoding="utf-8")
    assert any("number rule" in p for p in check_gold(folder / "001_x.gold.json", codes))
    assert split_of(1) == "test" and split_of(24) == "validation" and split_of(26) == "train"
