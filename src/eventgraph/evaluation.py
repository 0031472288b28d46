"""Extraction quality against gold event files: the scoring of ``shared/eval/score_extract.py``, in-process.

A document's predicted events (the JSON contract of ``extract --format json``) and its gold file reduce to
sets of (type, actor, recipient) tuples with states as ISO3 codes (agreements and cooperation unordered;
casualties and production without recipient); precision, recall and F1 are micro-averaged over documents
and per type.  On matched tuples: transfer item recall, date agreement and certainty agreement.  States are
read from the predicted entities' ``iso3``; the shared scorer also maps bare labels through its gazetteer,
which the extractor's output never needs (every state it names carries its ISO3 code).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventgraph.model import EventType

SCORED = {t.value for t in EventType}
NO_RECIPIENT = {"casualties", "production"}
UNORDERED = {"agreement", "cooperation"}


def _key(entity: Any) -> str | None:
    if isinstance(entity, str):
        return entity if not entity.startswith("org:") else None
    if isinstance(entity, dict) and isinstance(entity.get("iso3"), str) and len(entity["iso3"]) == 3:
        return str(entity["iso3"]).upper()
    return None


def tuples_of(event: dict[str, Any]) -> set[tuple[str, str, str]]:
    kind = event.get("type")
    if kind not in SCORED:
        return set()
    actors = {k for k in map(_key, event.get("actor") or []) if k}
    recipients = {k for k in map(_key, event.get("recipient") or []) if k}
    out = set()
    for a in actors:
        if kind in NO_RECIPIENT:
            out.add((kind, a, "-"))
            continue
        for r in recipients:
            if r != a:
                pair = tuple(sorted((a, r))) if kind in UNORDERED else (a, r)
                out.add((kind, pair[0], pair[1]))
    return out


@dataclass
class Score:
    documents: int = 0
    tp: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    fp: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    fn: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    items: list[int] = field(default_factory=lambda: [0, 0])  # gold items, found
    dates: list[int] = field(default_factory=lambda: [0, 0])  # compared, agreeing
    certainty: list[int] = field(default_factory=lambda: [0, 0])

    def add(self, predicted: dict[str, Any], gold: dict[str, Any]) -> None:
        self.documents += 1
        gold_index: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
        for event in gold.get("events", []):
            for t in tuples_of(event):
                gold_index[t].append(event)
        pred_index: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
        for event in predicted.get("events", []):
            for t in tuples_of(event):
                pred_index[t].append(event)
        for t in set(gold_index) & set(pred_index):
            self.tp[t[0]] += 1
            self._attributes(t, gold_index[t], pred_index[t])
        for t in set(pred_index) - set(gold_index):
            self.fp[t[0]] += 1
        for t in set(gold_index) - set(pred_index):
            self.fn[t[0]] += 1

    def _attributes(self, t: tuple[str, str, str], golds: list[dict[str, Any]], preds: list[dict[str, Any]]) -> None:
        gold = golds[0]
        if "date" in gold:
            self.dates[0] += 1
            self.dates[1] += any(_date_agrees(gold.get("date"), p.get("date")) for p in preds)
        if gold.get("certainty"):
            self.certainty[0] += 1
            self.certainty[1] += any(p.get("certainty") == gold["certainty"] for p in preds)
        if t[0] == "transfer":
            labels = [str(i.get("label", "")).lower() for p in preds for i in p.get("items") or []]
            aliases = [a for g in golds for a in g.get("items") or []]
            self.items[0] += len(aliases)
            self.items[1] += sum(any(_item_match(a, label) for label in labels) for a in aliases)

    def summary(self) -> dict[str, Any]:
        types = sorted(set(self.tp) | set(self.fp) | set(self.fn))
        tp, fp, fn = sum(self.tp.values()), sum(self.fp.values()), sum(self.fn.values())
        return {
            "documents": self.documents,
            **prf(tp, fp, fn),
            "tp": tp,
            "fp": fp,
            "fn": fn,
            "per_type": {
                t: {**prf(self.tp[t], self.fp[t], self.fn[t]), "tp": self.tp[t], "fp": self.fp[t], "fn": self.fn[t]}
                for t in types
            },
            "item_recall": _rate(self.items),
            "date_agreement": _rate(self.dates),
            "certainty_agreement": _rate(self.certainty),
        }


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3)}


def _rate(pair: list[int]) -> float | None:
    return round(pair[1] / pair[0], 3) if pair[0] else None


def _date_agrees(gold: Any, predicted: Any) -> bool:
    if gold is None:
        return predicted in (None, "")
    return isinstance(predicted, str) and predicted.startswith(str(gold))


def _item_match(aliases: Iterable[str], label: str) -> bool:
    return any(a.lower() in label or label in a.lower() for a in aliases if label)


def score_documents(pairs: Iterable[tuple[dict[str, Any], dict[str, Any]]]) -> dict[str, Any]:
    """Scores of (predicted document JSON, gold file) pairs."""
    score = Score()
    for predicted, gold in pairs:
        score.add(predicted, gold)
    return score.summary()


def read_gold_dir(directory: Path) -> list[tuple[Path, dict[str, Any]]]:
    """The gold files of a directory with the article file each names (beside it, by default)."""
    out = []
    for path in sorted(directory.glob("*.gold.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        out.append((path.with_name(gold.get("file") or path.name[: -len(".gold.json")] + ".txt"), gold))
    return out
