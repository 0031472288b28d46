"""Session 22: the `train` gold files follow one convention where they used to disagree (data/corpus/README.md).

Mechanical checks of the conventions that a pattern can see: multilateral cooperation paired with a host or lead,
strikes on a group's named targets given to the group, and suspensions of export licences or permits annotated as
sanctions. Standard library only.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
TRAIN = REPO / "data" / "corpus" / "train"


def _train() -> list[tuple[str, str, dict[str, Any]]]:
    out = []
    for path in sorted(TRAIN.glob("*.gold.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = (TRAIN / gold["file"]).read_text(encoding="utf-8")
        out.append((path.name[:3], text, gold))
    return out


def _states(codes: list[str]) -> set[str]:
    return {c for c in codes if not c.startswith("org:")}


@pytest.fixture(scope="module")
def train() -> list[tuple[str, str, dict[str, Any]]]:
    if not TRAIN.is_dir():
        pytest.skip("no train split")
    return _train()


def test_multilateral_cooperation_pairs_each_participant_with_a_hub(train):
    """Three or more states in one cooperation are not written every one with every other (agreements may be)."""
    bad = []
    for doc, _, gold in train:
        for i, event in enumerate(gold["events"]):
            actors, recipients = _states(event["actor"]), _states(event["recipient"])
            if event["type"] == "cooperation" and len(actors | recipients) >= 3 and len(actors & recipients) >= 2:
                bad.append((doc, i))
    assert not bad


def test_strikes_on_a_groups_named_targets_have_the_group_as_recipient(train):
    """A state recipient for an attack whose evidence names targets of a group the same file writes as `org:`."""
    bad = []
    for doc, _, gold in train:
        groups = {
            r[4:]
            for event in gold["events"]
            if event["type"] == "attack"
            for r in event["recipient"]
            if r.startswith("org:")
        }
        for i, event in enumerate(gold["events"]):
            if (
                event["type"] != "attack"
                or not _states(event["recipient"])
                or event["actor"] != list(_states(event["actor"]))
            ):
                continue
            for group in groups:
                stem = re.escape(group.split()[0][:5])
                if re.search(stem + r"\w*\s+(targets|positions|sites|depots|fighters)\b", event["evidence"], re.I):
                    bad.append((doc, i, group))
    assert not bad


SUSPENSION = re.compile(
    r"(?<!the )\b(suspend|halt|paus|stopp)\w*\b[^.]{0,60}\b(export licen[cs]es|licen[cs]es|permits|approvals)\b", re.I
)


def test_suspended_export_licences_and_permits_are_sanctions(train):
    """A body sentence suspending or pausing licences or permits holds the evidence of a `sanction` event."""
    bad = []
    for doc, text, gold in train:
        body = text.split("\n", 1)[1] if "\n" in text else ""
        sanctions = [e["evidence"] for e in gold["events"] if e["type"] == "sanction"]
        for sentence in re.split(r"(?<=[.!?])\s+|\n+", body):
            if SUSPENSION.search(sentence) and not any(ev in sentence or sentence in ev for ev in sanctions):
                bad.append((doc, sentence[:60]))
    assert not bad
