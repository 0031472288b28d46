"""The learned reader's second stage: boosted trees over each candidate's score in its context, in numpy."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest

from eventgraph.extract.classifier import EventClassifier, Head
from eventgraph.extract.learned import decide
from eventgraph.extract.stacking import CONTEXT_COLUMNS, Trees, context_features

PAIR = ("transfer", "deployment", "attack", "agreement", "sanction", "cooperation")
TINY_CORPUS = Path(__file__).resolve().parent / "data" / "corpus_tiny"


def candidate(view: Any, actor: str, recipient: str, features: list[str]) -> Any:
    """What the second stage and ``decide`` read of a candidate: its sentence, parties and features."""
    return SimpleNamespace(
        view=view,
        actor=SimpleNamespace(key=actor),
        recipient=SimpleNamespace(key=recipient),
        key=(actor, recipient),
        features=features,
    )


def classifier(stack: dict[str, Trees] | None = None) -> EventClassifier:
    heads = {
        "pair": Head(PAIR, np.array([[3.0, 0, 0, 0, 0, 0]]), np.zeros(6), np.full(6, 0.4), np.full(6, 0.4)),
        "single": Head(("casualties", "production"), np.zeros((1, 2)), np.zeros(2), np.full(2, 0.5)),
        "certainty": Head(
            ("confirmed", "reported", "alleged", "possible"), np.zeros((1, 4)), np.zeros(4), np.zeros(4), softmax=True
        ),
    }
    return EventClassifier({"tw:deliver": 0}, heads, {}, stack)


def best_of_sentence_trees() -> Trees:
    """One split: the candidate scoring best of its sentence for the type is likely (log-odds +5), others not."""
    return Trees(
        feature=np.array([2, 0, 0], dtype=np.int32),
        threshold=np.array([0.5, 0.0, 0.0]),
        left=np.array([1, 0, 0], dtype=np.int32),
        right=np.array([2, 0, 0], dtype=np.int32),
        value=np.array([0.0, -5.0, 5.0]),
        leaf=np.array([False, True, True]),
        roots=np.array([0], dtype=np.int32),
        baseline=0.0,
    )


def test_trees_taken_from_scikit_learn_give_its_probabilities() -> None:
    from sklearn.ensemble import HistGradientBoostingClassifier

    generator = np.random.default_rng(3)
    x = generator.normal(size=(400, 5))
    y = (x[:, 0] + x[:, 1] * x[:, 2] > 0.3).astype(int)
    model = HistGradientBoostingClassifier(max_iter=30, max_leaf_nodes=6, random_state=0).fit(x, y)
    trees = Trees.from_fitted(model)
    fresh = generator.normal(size=(50, 5))
    assert np.allclose(trees.probabilities(fresh), model.predict_proba(fresh)[:, 1], atol=1e-9)
    assert len(trees.roots) == 30


def test_the_context_compares_a_candidate_with_its_rivals() -> None:
    sentence, other = SimpleNamespace(is_title=False), SimpleNamespace(is_title=True)
    candidates = [
        candidate(sentence, "ARN", "GON", ["rule:transfer"]),
        candidate(sentence, "ROH", "GON", []),  # another actor for the same recipient
        candidate(sentence, "GON", "ARN", []),  # the reverse pair
        candidate(other, "ARN", "GON", ["ctx_b:prev"]),  # the same pair in the headline, a party from context
    ]
    scores = np.zeros((4, 6))
    scores[:, 0] = [0.9, 0.6, 0.2, 0.4]
    table = context_features(PAIR, candidates, scores)
    assert table.shape == (4, 6, CONTEXT_COLUMNS + 12)
    first, second, headline = table[0, 0], table[1, 0], table[3, 0]
    assert first[2] == 1.0 and second[2] == 0.0  # best of its sentence or not
    assert first[1] == 0.0 and second[1] == pytest.approx(-0.3)
    assert first[3] == pytest.approx(0.3) and second[3] == pytest.approx(-0.3)  # against the same recipient's rival
    assert first[5] == pytest.approx(np.log(0.2 / 0.8))  # the reverse pair's score, as log-odds
    assert first[6] == pytest.approx(np.log(0.9 / 0.1)) == headline[6]  # the pair's best in the article
    assert first[7] == pytest.approx(np.log(3))  # two sentences where the pair scores at least 0.3
    assert (first[9], first[10], first[11]) == (1.0, 1.0, 0.0)  # the rules agree, both named, not the headline
    assert (headline[9], headline[10], headline[11]) == (0.0, 0.0, 1.0)
    assert first[CONTEXT_COLUMNS + 0] == 1.0 and first[CONTEXT_COLUMNS + 6] == first[0]  # its type, its log-odds


def test_the_second_stage_decides_and_survives_saving(tmp_path: Path) -> None:
    sentence = SimpleNamespace(is_title=False)
    candidates = [
        candidate(sentence, "ARN", "GON", ["tw:deliver"]),  # first stage 0.95
        candidate(sentence, "ROH", "MOR", []),  # first stage 0.5: over the 0.4 threshold, but not best
    ]
    alone = decide(classifier(), candidates, certainty=False)  # type: ignore[arg-type]
    assert [(d.candidate.key, d.type.value) for d in alone if d.type.value == "transfer"] == [
        (("ARN", "GON"), "transfer"),
        (("ROH", "MOR"), "transfer"),
    ]
    model = classifier({"pair": best_of_sentence_trees()})
    model.save(tmp_path / "reader.npz")
    loaded = EventClassifier.load(tmp_path / "reader.npz")
    assert set(loaded.stack) == {"pair"}
    scores = loaded.score_candidates("pair", candidates)  # type: ignore[arg-type]
    assert scores[0]["transfer"] == pytest.approx(1 / (1 + np.exp(-5)))
    assert scores[1]["transfer"] == pytest.approx(1 / (1 + np.exp(5)))
    staged = decide(loaded, candidates, certainty=False)  # type: ignore[arg-type]
    transfers = [d.candidate.key for d in staged if d.type.value == "transfer"]
    assert transfers == [("ARN", "GON")]  # the rival, second in its sentence for transfer, is dropped
    assert loaded.score_candidates("single", []) == []


def test_a_model_without_a_second_stage_keeps_the_heads_scores(tmp_path: Path) -> None:
    classifier().save(tmp_path / "reader.npz")
    loaded = EventClassifier.load(tmp_path / "reader.npz")
    assert loaded.stack == {}
    sentence = SimpleNamespace(is_title=False)
    both = [candidate(sentence, "ARN", "GON", ["tw:deliver"]), candidate(sentence, "ROH", "MOR", [])]
    assert loaded.score_candidates("pair", both) == loaded.score("pair", [c.features for c in both])  # type: ignore[arg-type]


@pytest.mark.slow
def test_training_fits_the_second_stage_unless_told_not_to(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from eventgraph.training import main

    for flags, expected in (([], ["pair", "single"]), (["--no-stack"], [])):
        output = tmp_path / ("plain" if flags else "stacked") / "reader.npz"
        assert main(["--corpus", str(TINY_CORPUS), "--output", str(output), *flags]) == 0
        assert json.loads(capsys.readouterr().out)["second_stage"] == expected
        assert sorted(EventClassifier.load(output).stack) == expected
