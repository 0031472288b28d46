"""The learned reader's classifier: logistic heads over sparse candidate features, in numpy.

The model is one ``.npz`` file shipped in the package (``eventgraph/models/reader.npz``) with a record
beside it (``reader.json``: corpus hash, seed, training time, validation figures).  Each head holds a
weight per (feature, class) and a bias per class:

- ``pair``: for an ordered pair of states, one independent probability per pair type (the pair may be a
  transfer and a cooperation at once); ``single``: the same for casualties and production of one state;
- ``certainty``: confirmed / reported / alleged / possible for a candidate taken as an event (softmax).

A class is taken when its probability reaches the class's threshold, or the lower ``keep`` threshold when the
rule reader read the same event from the same sentence (both chosen on the validation split): the rules'
reading is a feature and a prior, and the model adds what they miss and drops what they misread.
``python -m eventgraph.training`` writes the file; nothing here needs more than numpy.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from eventgraph.errors import EventGraphError

MODEL_FILE = "reader.npz"
RECORD_FILE = "reader.json"
HEADS = ("pair", "single", "certainty")


def packaged_model_path() -> Path:
    return Path(str(resources.files("eventgraph").joinpath("models").joinpath(MODEL_FILE)))


def with_types(vocabulary: dict[str, int]) -> dict[str, int]:
    """The vocabulary with a feature per event type after it (``as:transfer``, ...): the certainty head's,
    which learns how sure each type tends to be told."""
    from eventgraph.extract.candidates import PAIR_TYPES, SINGLE_TYPES

    extended = dict(vocabulary)
    for kind in PAIR_TYPES + SINGLE_TYPES:
        extended.setdefault(f"as:{kind.value}", len(extended))
    return extended


class ModelMissing(EventGraphError):
    """The learned reader's weights are not where they should be."""


@dataclass
class Head:
    classes: tuple[str, ...]
    weights: Any  # numpy array (features, classes)
    bias: Any  # numpy array (classes,)
    thresholds: Any  # numpy array (classes,): taken at or above it; unused for softmax heads
    keep: Any = None  # numpy array (classes,): the threshold when the rules read the same event
    softmax: bool = False

    def scores(self, rows: list[list[int]]) -> Any:
        import numpy as np

        out = np.tile(self.bias, (len(rows), 1)).astype(np.float64)
        for n, row in enumerate(rows):
            if row:
                out[n] += self.weights[row].sum(axis=0)
        if self.softmax:
            out = np.exp(out - out.max(axis=1, keepdims=True))
            return out / out.sum(axis=1, keepdims=True)
        return 1.0 / (1.0 + np.exp(-out))


class EventClassifier:
    """Scores candidates' features with the trained heads."""

    def __init__(self, vocabulary: dict[str, int], heads: dict[str, Head], record: dict[str, Any]) -> None:
        self.vocabulary = vocabulary
        self.heads = heads
        self.record = record
        self._typed: dict[str, int] | None = None  # the vocabulary with the type features, built once

    def typed_vocabulary(self) -> dict[str, int]:
        if self._typed is None or len(self._typed) < len(self.vocabulary):
            self._typed = with_types(self.vocabulary)
        return self._typed

    def rows(self, features: list[list[str]], vocabulary: dict[str, int] | None = None) -> list[list[int]]:
        vocabulary = self.vocabulary if vocabulary is None else vocabulary
        return [sorted({vocabulary[f] for f in fs if f in vocabulary}) for fs in features]

    def score(self, head: str, features: list[list[str]]) -> list[dict[str, float]]:
        """Per candidate, the probability of each class of ``head`` (the certainty head also reads the type
        the candidate is taken as, ``as:<type>``, the rows past the vocabulary's)."""
        chosen = self.heads[head]
        if not features:
            return []
        extended = self.typed_vocabulary() if len(chosen.weights) > len(self.vocabulary) else None
        table = chosen.scores(self.rows(features, extended))
        return [{name: float(p) for name, p in zip(chosen.classes, row, strict=True)} for row in table]

    def threshold(self, head: str, name: str, *, rules_agree: bool = False) -> float:
        """The probability from which a class is taken; lower where the rules read the same event."""
        chosen = self.heads[head]
        table = chosen.keep if rules_agree and chosen.keep is not None else chosen.thresholds
        return float(table[chosen.classes.index(name)])

    def save(self, path: Path) -> None:
        import numpy as np

        arrays: dict[str, Any] = {"vocabulary": np.array(sorted(self.vocabulary, key=self.vocabulary.__getitem__))}
        for name, head in self.heads.items():
            arrays[f"{name}_classes"] = np.array(head.classes)
            arrays[f"{name}_weights"] = head.weights.astype(np.float16)
            arrays[f"{name}_bias"] = head.bias.astype(np.float32)
            arrays[f"{name}_thresholds"] = np.asarray(head.thresholds, dtype=np.float32)
            arrays[f"{name}_keep"] = np.asarray(
                head.keep if head.keep is not None else head.thresholds, dtype=np.float32
            )
            arrays[f"{name}_softmax"] = np.array(head.softmax)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            np.savez_compressed(handle, **arrays)
        path.with_suffix(".json").write_text(json.dumps(self.record, indent=2, sort_keys=True) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> EventClassifier:
        import numpy as np

        if not path.is_file():
            raise ModelMissing(
                f"the learned reader's model {path} is missing: train it with "
                "'python -m eventgraph.training' or read with --reader rules"
            )
        try:
            with np.load(path, allow_pickle=False) as data:
                vocabulary = {str(f): n for n, f in enumerate(data["vocabulary"])}
                heads = {
                    name: Head(
                        tuple(str(c) for c in data[f"{name}_classes"]),
                        data[f"{name}_weights"].astype(np.float32),
                        data[f"{name}_bias"],
                        data[f"{name}_thresholds"],
                        data[f"{name}_keep"],
                        bool(data[f"{name}_softmax"]),
                    )
                    for name in HEADS
                }
        except (OSError, KeyError, ValueError) as error:
            raise ModelMissing(
                f"the learned reader's model {path} cannot be read ({error}): train it again with "
                "'python -m eventgraph.training'"
            ) from None
        record_path = path.with_suffix(".json")
        record = json.loads(record_path.read_text(encoding="utf-8")) if record_path.is_file() else {}
        return cls(vocabulary, heads, record)


@lru_cache(maxsize=4)
def load_classifier(path: Path | None = None) -> EventClassifier:
    return EventClassifier.load(path or packaged_model_path())
