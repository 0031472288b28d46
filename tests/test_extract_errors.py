"""The error families of ``benchmarks/extract_errors.py`` (the learned reader's error analysis on validation)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from extract_errors import attribute_errors, false_family  # noqa: E402

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


def test_dates_certainties_and_items_of_a_matched_tuple_are_compared() -> None:
    gold = {"date": "2024-05", "certainty": "reported", "items": [["catapults", "catapult"], ["drones"]]}
    read = {"date": "2024-05-02", "certainty": "confirmed", "items": [{"label": "catapult"}]}
    errors = attribute_errors(("transfer", "ARN", "GON"), [gold], [read])
    assert [family for family, _ in errors] == ["certainty confirmed for reported", "transfer item missed"]
    assert attribute_errors(("transfer", "ARN", "GON"), [gold], [{**read, "date": "2023"}])[0][0] == "date wrong"
