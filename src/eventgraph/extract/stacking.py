"""The learned reader's second stage: each candidate's score read beside its rivals', in numpy.

The logistic heads score every candidate on its own.  Where a model has a second stage, small
gradient-boosted trees (one ensemble per head, shared by its types) take, per candidate and type, a dozen
numbers about that score in its context: how it compares with the best of its sentence, with the other
candidates of its sentence that share its recipient or its actor ("X, Y and Z, which used it against W"),
with the reverse pair; how the same pair scores in the article's other sentences; whether the rules read
the same event; whether both parties are named; and the type.  Their probability replaces the first
stage's, and the type's thresholds apply to it.  ``python -m eventgraph.training`` fits the trees on
out-of-fold first-stage scores of ``train`` (scikit-learn); nothing here needs more than numpy.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from eventgraph.extract.candidates import PairCandidate

CONTEXT_COLUMNS = 12  # then one indicator and one score column per type of the head
TREE_FIELDS = ("feature", "threshold", "left", "right", "value", "leaf", "roots")
RIVAL_SCORE = 0.3  # a sentence of the document whose candidate for the pair scores at least this counts


def _logit(p: Any) -> Any:
    import numpy as np

    p = np.clip(p, 1e-4, 1 - 1e-4)
    return np.log(p / (1 - p))


def context_features(classes: tuple[str, ...], candidates: list[PairCandidate], scores: Any) -> Any:
    """Per (candidate, type) the second stage's inputs, from the first stage's ``scores`` (candidates, types)
    of all the candidates of one head in one article: an array (candidates, types, columns)."""
    import numpy as np

    n, k = scores.shape
    out = np.zeros((n, k, CONTEXT_COLUMNS + 2 * k))
    by_sentence: dict[int, list[int]] = {}
    by_pair: dict[tuple[str, str], list[int]] = {}
    for i, candidate in enumerate(candidates):
        by_sentence.setdefault(id(candidate.view), []).append(i)
        by_pair.setdefault(candidate.key, []).append(i)
    article_best = scores.max(axis=0) if n else np.zeros(k)
    for i, candidate in enumerate(candidates):
        others = [j for j in by_sentence[id(candidate.view)] if j != i]
        actor, recipient = candidate.key
        same_pair = by_pair[candidate.key]
        named = not any(f.startswith("ctx_") for f in candidate.features)
        for t, kind in enumerate(classes):
            s = scores[i, t]
            same_recipient = [scores[j, t] for j in others if recipient != "-" and candidates[j].key[1] == recipient]
            same_actor = [scores[j, t] for j in others if candidates[j].key[0] == actor]
            reverse = [scores[j, t] for j in others if candidates[j].key == (recipient, actor)]
            sentence_best = max([s, *(scores[j, t] for j in others)])
            out[i, t, :CONTEXT_COLUMNS] = (
                _logit(s),
                s - sentence_best,
                float(s >= sentence_best),
                s - max(same_recipient, default=0.0),
                s - max(same_actor, default=0.0),
                _logit(max(reverse, default=0.0)),
                _logit(max(scores[j, t] for j in same_pair)),
                np.log1p(sum(scores[j, t] >= RIVAL_SCORE for j in same_pair)),
                _logit(article_best[t]),
                float(f"rule:{kind}" in candidate.features),
                float(named),
                float(candidate.view.is_title),
            )
            out[i, t, CONTEXT_COLUMNS + t] = 1.0
            out[i, t, CONTEXT_COLUMNS + k + t] = out[i, t, 0]
    return out


@dataclass
class Trees:
    """Boosted regression trees for a logistic output, as flat node arrays (every tree's nodes in one)."""

    feature: Any  # per node: the column it tests
    threshold: Any  # per node: left when the column's value is at most this
    left: Any  # per node: the index of its left child
    right: Any
    value: Any  # per node: the leaf's contribution to the log-odds
    leaf: Any  # per node: whether it is a leaf
    roots: Any  # per tree: the index of its root
    baseline: float

    def probabilities(self, x: Any) -> Any:
        """The probability of each row of ``x`` (rows, columns)."""
        import numpy as np

        if len(x) == 0:
            return np.zeros(0)
        node = np.tile(self.roots, (len(x), 1))
        rows = np.arange(len(x))[:, None]
        while True:
            done = self.leaf[node]
            if done.all():
                break
            left = x[rows, self.feature[node]] <= self.threshold[node]
            node = np.where(done, node, np.where(left, self.left[node], self.right[node]))
        raw = self.baseline + self.value[node].sum(axis=1)
        return 1.0 / (1.0 + np.exp(-raw))

    def arrays(self, prefix: str) -> dict[str, Any]:
        import numpy as np

        out = {f"{prefix}_{name}": getattr(self, name) for name in TREE_FIELDS}
        out[f"{prefix}_baseline"] = np.array(self.baseline)
        return out

    @classmethod
    def from_arrays(cls, data: Any, prefix: str) -> Trees | None:
        if f"{prefix}_roots" not in data:
            return None
        fields = {name: data[f"{prefix}_{name}"] for name in TREE_FIELDS}
        return cls(**fields, baseline=float(data[f"{prefix}_baseline"]))

    @classmethod
    def from_fitted(cls, model: Any) -> Trees:
        """The trees of a fitted scikit-learn ``HistGradientBoostingClassifier`` (binary, numeric columns)."""
        import numpy as np

        nodes: list[Any] = []
        roots: list[int] = []
        for (predictor,) in model._predictors:
            roots.append(sum(len(n) for n in nodes))
            nodes.append(predictor.nodes)
        table = np.concatenate(nodes)
        offsets = np.repeat(roots, [len(n) for n in nodes])
        leaf = table["is_leaf"].astype(bool)
        return cls(
            feature=table["feature_idx"].astype(np.int32),
            threshold=table["num_threshold"].astype(np.float64),
            left=np.where(leaf, 0, table["left"].astype(np.int64) + offsets).astype(np.int32),
            right=np.where(leaf, 0, table["right"].astype(np.int64) + offsets).astype(np.int32),
            value=np.where(leaf, table["value"], 0.0).astype(np.float64),
            leaf=leaf,
            roots=np.array(roots, dtype=np.int32),
            baseline=float(np.ravel(model._baseline_prediction)[0]),
        )
