"""Where the training chooses its regularisation and thresholds (``--select``): validation alone, train's
folds read out of fold, or both pooled (the default)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from eventgraph.extract.classifier import EventClassifier

TINY_CORPUS = Path(__file__).resolve().parent / "data" / "corpus_tiny"


def _train(corpus: Path, output: Path, select: str) -> EventClassifier:
    from eventgraph.training import main

    assert (
        main(["--corpus", str(corpus), "--output", str(output), "--seed", "7", "--no-refit", "--select", select]) == 0
    )
    return EventClassifier.load(output)


def _choices(model: EventClassifier) -> tuple[object, ...]:
    record = model.record
    return record["C"], record["certainty_C"], record["threshold"], record["keep_threshold"], record["thresholds"]


@pytest.mark.slow
def test_folds_keep_validation_out_of_every_choice(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """With ``--select folds`` the validation gold can say anything: the model chosen is the same, so the
    record's validation figures are those of unseen text; with ``--select validation`` the same change moves
    the choices (the tiny corpus's validation decides them)."""
    silenced = tmp_path / "corpus"
    shutil.copytree(TINY_CORPUS, silenced)
    for gold in (silenced / "validation").glob("*.gold.json"):
        data = json.loads(gold.read_text(encoding="utf-8"))
        gold.write_text(json.dumps({**data, "events": []}), encoding="utf-8")  # a validation with no events

    real = _train(TINY_CORPUS, tmp_path / "real.npz", "folds")
    empty = _train(silenced, tmp_path / "empty.npz", "folds")
    assert real.record["select"] == empty.record["select"] == "folds"
    assert _choices(real) == _choices(empty)
    assert (tmp_path / "real.npz").read_bytes() == (tmp_path / "empty.npz").read_bytes()
    assert real.record["validation"] != empty.record["validation"]  # still scored on it, never chosen on it

    by_validation = _train(TINY_CORPUS, tmp_path / "v_real.npz", "validation")
    by_empty_validation = _train(silenced, tmp_path / "v_empty.npz", "validation")
    assert _choices(by_validation) != _choices(by_empty_validation)
    capsys.readouterr()


@pytest.mark.slow
def test_pooled_thresholds_are_shared_and_never_lower_the_pooled_f1() -> None:
    """The per-type search over several parts gives every part's heads the same thresholds, and it only moves
    one where the pooled tuple F1 rises."""
    from eventgraph.extract.learned import CandidateReader
    from eventgraph.training import (
        fit_binary_heads,
        out_of_fold_parts,
        pooled_scores,
        prepare,
        read_split,
        search_pooled_thresholds,
        vocabulary_of,
    )

    reader = CandidateReader()
    train_docs = prepare(reader, read_split(TINY_CORPUS / "train"))
    validation_docs = prepare(reader, read_split(TINY_CORPUS / "validation"))
    vocabulary = vocabulary_of(train_docs)
    full = EventClassifier(vocabulary, dict(fit_binary_heads(train_docs, vocabulary, 1.0, 7)), {})
    parts = [(full, validation_docs), *out_of_fold_parts(train_docs, vocabulary, 1.0, 7)]
    assert sorted(id(d) for _, docs in parts[1:] for d in docs) == sorted(id(d) for d in train_docs)
    for part, _ in parts:
        for head in part.heads.values():
            head.thresholds[:] = 0.9
            head.keep = np.full(len(head.classes), 0.2, dtype=np.float32)
    before = pooled_scores(parts)["f1"]
    after = search_pooled_thresholds(parts)
    assert after >= before and after == pytest.approx(pooled_scores(parts)["f1"])
    for name in ("pair", "single"):
        first = parts[0][0].heads[name]
        for part, _ in parts[1:]:
            assert list(part.heads[name].thresholds) == list(first.thresholds)
            assert list(part.heads[name].keep) == list(first.keep)
