"""Labels for the learned reader's candidates from a document's gold events (training and error analysis):
a candidate is a positive of a type when a gold event of its tuple is stated in its sentence."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from eventgraph.extract.candidates import SINGLE_TYPES, UNORDERED, PairCandidate
from eventgraph.model import EventType


@dataclass
class GoldEvent:
    """A gold event of a document, reduced to what the labels need."""

    type: str
    tuples: set[tuple[str, str, str]]
    span: tuple[int, int] | None  # where its evidence sits in the article text, if found
    certainty: str | None = None


def gold_events(gold: dict[str, Any], text: str) -> list[GoldEvent]:
    out = []
    for event in gold.get("events", []):
        out.append(
            GoldEvent(
                event.get("type", ""),
                gold_tuples(event),
                _locate(event.get("evidence") or "", text),
                event.get("certainty"),
            )
        )
    return out


def gold_tuples(event: dict[str, Any]) -> set[tuple[str, str, str]]:
    """The scored (type, actor, recipient) tuples of a gold event (states only; unordered types sorted)."""
    kind = event.get("type")
    if kind not in {t.value for t in EventType}:
        return set()
    states = [a for a in event.get("actor") or [] if isinstance(a, str) and not a.startswith("org:")]
    others = [r for r in event.get("recipient") or [] if isinstance(r, str) and not r.startswith("org:")]
    out = set()
    for a in states:
        if kind in (t.value for t in SINGLE_TYPES):
            out.add((kind, a, "-"))
            continue
        for r in others:
            if r != a:
                pair = tuple(sorted((a, r))) if kind in (t.value for t in UNORDERED) else (a, r)
                out.add((kind, pair[0], pair[1]))
    return out


def _locate(evidence: str, text: str) -> tuple[int, int] | None:
    evidence = evidence.strip()
    if not evidence:
        return None
    at = text.find(evidence)
    if at < 0:
        at = text.find(evidence[:60])
    if at < 0:
        return None
    return at, at + len(evidence)


def candidate_tuple(candidate: PairCandidate, kind: EventType) -> tuple[str, str, str]:
    a, b = candidate.key
    if kind in UNORDERED:
        a, b = sorted((a, b))
    return kind.value, a, b


def label_candidates(
    candidates: Iterable[PairCandidate], golds: list[GoldEvent]
) -> list[tuple[PairCandidate, dict[EventType, float]]]:
    """Per candidate, per type it may take: 1 (a gold event of that tuple is stated in its sentence), 0 (no
    gold event of the document has that tuple), or left out (the tuple is gold but stated elsewhere, or its
    evidence could not be placed): such a candidate teaches nothing either way."""
    out = []
    for candidate in candidates:
        labels: dict[EventType, float] = {}
        for kind in candidate.types:
            t = candidate_tuple(candidate, kind)
            holders = [g for g in golds if t in g.tuples]
            if not holders:
                labels[kind] = 0.0
            elif any(
                g.span is not None and g.span[0] < candidate.view.end and candidate.view.start < g.span[1]
                for g in holders
            ):
                labels[kind] = 1.0
            # else: stated elsewhere in the document: no label
        out.append((candidate, labels))
    return out
