"""The error families of ``benchmarks/extract_errors.py`` (the learned reader's error analysis on validation)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from extract_errors import attribute_errors, false_family, parse_args  # noqa: E402

GOLD = {("transfer", "ARN", "GON"), ("attack", "MOR", "GON")}


@pytest.mark.parametrize(
    ("false", "family"),
    [
        (("transfer", "GON", "ARN"), "false: wrong direction"),
        (("attack", "ARN", "GON"), "false: wrong type"),
        (("transfer", "ARN", "MOR"), "false: one party wrong"),
        (("attack", "ARN", "ROH"), "false: the type in the article, both parties wrong"),
        (("sanction", "ARN", "ROH"), "false: no gold event of that type in the article"),
    ],
)
def test_a_false_tuple_is_sorted_by_what_it_shares_with_the_gold(false: tuple[str, str, str], family: str) -> None:
    assert false_family(false, GOLD) == family


def test_the_errors_of_another_weights_file_can_be_listed() -> None:
    """``--model`` names the weights to read with (heads fitted on train alone: held-out errors)."""
    assert parse_args(["--model", "heads.npz"]).model == Path("heads.npz")
    assert parse_args([]).model is None  # the packaged model


def test_dates_certainties_and_items_of_a_matched_tuple_are_compared() -> None:
    gold = {"date": "2024-05", "certainty": "reported", "items": [["catapults", "catapult"], ["drones"]]}
    read = {"date": "2024-05-02", "certainty": "confirmed", "items": [{"label": "catapult"}]}
    errors = attribute_errors(("transfer", "ARN", "GON"), [gold], [read])
    assert [family for family, _ in errors] == ["certainty confirmed for reported", "transfer item missed"]
    assert attribute_errors(("transfer", "ARN", "GON"), [gold], [{**read, "date": "2023"}])[0][0] == "date wrong"


def test_validation_figures_of_refitted_weights_are_marked_not_held_out() -> None:
    """Weights refitted on validation (the training default) have seen it: the benchmark says so, with the
    held-out figure the training record keeps; weights fitted on train alone get no note."""
    from extract_quality import _held_out_note, report

    record = {"refit": True, "validation": {"learned": {"f1": 0.64}}}
    note = _held_out_note(record)
    assert note is not None and "not held out" in note and "0.64" in note
    assert _held_out_note({**record, "refit": False}) is None and _held_out_note({}) is None
    lines = report({"date": "d", "model": "m", "note": note, "quality": {}, "speed": None})
    assert f"Note: {note}." in lines


def test_annotator_agreement_scores_annotations_as_a_reader_is_scored(tmp_path: Path) -> None:
    """A blind annotation is scored against the gold of the same name like a reader's output: every alias of
    an item it wrote is a label, its dates and certainties are compared on the tuples both have."""
    from annotator_agreement import agreement

    gold_dir, mine = tmp_path / "gold", tmp_path / "A"
    gold_dir.mkdir()
    mine.mkdir()
    event = {"type": "transfer", "actor": ["ARN"], "recipient": ["GON"], "items": [["catapults", "catapult"]]}
    gold = {"file": "001_x.txt", "events": [{**event, "date": "2024-05", "certainty": "reported"}]}
    (gold_dir / "001_x.gold.json").write_text(json.dumps(gold), encoding="utf-8")
    annotation = {
        "file": "001_x.txt",
        "events": [
            {**event, "items": [["siege engines", "catapult"]], "date": "2024-05-02", "certainty": "confirmed"},
            {"type": "attack", "actor": ["MOR"], "recipient": ["GON"], "items": [], "date": None},
        ],
    }
    (mine / "001_x.gold.json").write_text(json.dumps(annotation), encoding="utf-8")
    scores, names = agreement(gold_dir, [mine])
    assert names == ["001_x.gold.json"]
    assert (scores["precision"], scores["recall"]) == (0.5, 1.0)
    assert (scores["item_recall"], scores["date_agreement"], scores["certainty_agreement"]) == (1.0, 1.0, 0.0)
