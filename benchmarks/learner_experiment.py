"""Experiment: other learners over the learned reader's candidates and features, measured on ``validation``.

The candidates and their sparse features are those of ``python -m eventgraph.training`` (``prepare``); only
the learner of the pair and single heads changes.  Variants:

- ``lr``: the training's logistic heads (liblinear, balanced classes), regularisation chosen on
  ``validation`` from the training's grid: the retrained baseline;
- ``lr-unweighted``: the same without class balancing;
- ``lr-x-trigger``: each A and B feature that names no trigger type (dependency, head, neighbouring words,
  verb) crossed with each trigger type of the sentence, which a linear head cannot form;
- ``lr-x-roles``: A's dependency, head and preposition crossed with B's;
- ``lr-x-rules``: every A, B, joint and slot feature crossed with whether the rules read an event of the
  pair in the sentence, and with whether the pair is named in it or one party comes from the context;
- ``lr-x-rules-roles``: both of the last two;
- ``gbt``: gradient-boosted trees (scikit-learn ``HistGradientBoostingClassifier``) per type over the
  ``--top`` most frequent features of ``train``, dense; ``mean`` (``mean-x-rules``): its probability
  averaged with ``lr``'s (``lr-x-rules``'s);
- ``stack`` (logistic) and ``stack-gbt`` (boosted trees): a second stage over ``lr``'s score of each
  candidate and type in its context (against the best of its sentence, the candidates of its sentence with
  the same recipient or actor, the reverse pair, the same pair in other sentences, the rules' reading),
  fitted on out-of-fold ``lr`` scores of ``train`` (four folds: by document number, or shuffled with
  ``--fold-seed``), whose probability replaces ``lr``'s.

Each variant's thresholds are chosen on ``validation`` as the training chooses them (one add and one keep
threshold for all types from the training's grid, or ``--grid wide`` from 0.02 to 0.99, then each type's own,
two rounds), with the training's
certainty head.  Printed per variant: the training's tuple P/R/F1 (``tuple_scores``) and the figures of
``benchmarks/extract_quality.py --split validation`` (the whole learned reader: P/R/F1, item recall, date
and certainty agreement), computed the same way in this process.  The test split is never read.

Needs the ``train`` extra (scikit-learn, scipy).

    nice -n 19 python benchmarks/learner_experiment.py [--variants lr,gbt,mean] [--top 2000] [--seed 13]
    nice -n 19 python benchmarks/learner_experiment.py --grid wide --variants lr,stack,stack-gbt [--fold-seed 1]

Variants that combine others need them earlier in ``--variants``: ``mean`` after ``lr`` and ``gbt``,
``mean-x-rules`` after ``lr-x-rules`` and ``gbt``, ``stack`` and ``stack-gbt`` after ``lr``.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from eventgraph.evaluation import score_documents
from eventgraph.extract.candidates import PAIR_TYPES, SINGLE_TYPES, PairCandidate
from eventgraph.extract.classifier import EventClassifier, Head
from eventgraph.extract.learned import CandidateReader, Decision, LearnedExtractor
from eventgraph.extract.output import document_json
from eventgraph.model import EventType
from eventgraph.training import (
    C_GRID,
    CORPUS,
    KEEP_THRESHOLDS,
    MIN_COUNT,
    THRESHOLDS,
    Document,
    choose_certainty_head,
    matrix,
    prepare,
    read_split,
    search_type_thresholds,
    tuple_scores,
    vocabulary_of,
)

HEAD_TYPES = {"pair": PAIR_TYPES, "single": SINGLE_TYPES}
Transform = Callable[[list[str]], list[str]]
Scorer = Callable[[str, list[list[str]]], Any]  # head, feature lists -> array (candidates, types)
UNTYPED_ROLES = ("dep:", "head:", "left1:", "left2:", "right1:", "right2:", "prep:", "verb:", "plural")


def plain(features: list[str]) -> list[str]:
    return features


def cross_trigger(features: list[str]) -> list[str]:
    """A's and B's untyped features crossed with each trigger type of the sentence."""
    kinds = sorted({f[5:] for f in features if f.startswith("trig:")})
    roles = [f for f in features if f[:2] in ("a:", "b:") and f[2:].startswith(UNTYPED_ROLES)]
    return features + [f"{role}@{kind}" for role in roles for kind in kinds]


def cross_roles(features: list[str]) -> list[str]:
    """A's dependency, head and preposition crossed with B's."""
    keys = ("dep:", "head:", "prep:")
    a = [f for f in features if f.startswith("a:") and f[2:].startswith(keys)]
    b = [f for f in features if f.startswith("b:") and f[2:].startswith(keys)]
    return features + [f"{x}&{y}" for x in a for y in b]


def cross_rules(features: list[str]) -> list[str]:
    """Role, joint and slot features crossed with the rules' reading of the pair and where its parties are."""
    ruled = "ruled" if any(f.startswith(("rule:", "rule_rev:")) for f in features) else "unruled"
    origin = "ctx" if any(f.startswith("ctx_") for f in features) else "named"
    parts = [f for f in features if f.startswith(("a:", "b:", "joint:", "slot:"))]
    return features + [f"{ruled}|{f}" for f in parts] + [f"{origin}|{f}" for f in parts]


TRANSFORMS: dict[str, Transform] = {
    "lr": plain,
    "lr-unweighted": plain,
    "lr-x-trigger": cross_trigger,
    "lr-x-roles": cross_roles,
    "lr-x-rules": cross_rules,
    "lr-x-rules-roles": lambda features: cross_roles(cross_rules(features)),
}


def labelled_rows(documents: list[Document], head: str, kind: EventType) -> tuple[list[list[str]], list[float]]:
    rows, targets = [], []
    for document in documents:
        for candidate, labels in zip(document.candidates, document.labels, strict=True):
            if (candidate.recipient is None) == (head == "single") and kind in labels:
                rows.append(candidate.features)
                targets.append(labels[kind])
    return rows, targets


def fit_lr(documents: list[Document], transform: Transform, c: float, seed: int, weighted: bool, log: Any) -> Scorer:
    """Logistic heads over the transformed features (the training's solver and vocabulary rule)."""
    from sklearn.linear_model import LogisticRegression

    counts: Counter[str] = Counter()
    for document in documents:
        for candidate in document.candidates:
            counts.update(set(transform(candidate.features)))
    vocabulary = {f: n for n, f in enumerate(sorted(f for f, k in counts.items() if k >= MIN_COUNT))}
    tables: dict[str, tuple[Any, Any]] = {}
    for head, types in HEAD_TYPES.items():
        weights = np.zeros((len(vocabulary), len(types)))
        bias = np.full(len(types), -10.0)
        for n, kind in enumerate(types):
            rows, targets = labelled_rows(documents, head, kind)
            if len(set(targets)) < 2:
                continue
            model = LogisticRegression(
                C=c,
                solver="liblinear",
                class_weight="balanced" if weighted else None,
                random_state=seed,
                max_iter=500,
            )
            model.fit(matrix([transform(r) for r in rows], vocabulary), targets)
            weights[:, n], bias[n] = model.coef_[0], model.intercept_[0]
        tables[head] = (weights, bias)
    log(f"  lr C={c}: {len(vocabulary)} features")

    def scorer(head: str, features: list[list[str]]) -> Any:
        weights, bias = tables[head]
        z = matrix([transform(f) for f in features], vocabulary) @ weights + bias
        return 1.0 / (1.0 + np.exp(-z))

    return scorer


def fit_gbt(documents: list[Document], top: int, seed: int, log: Any) -> Scorer:
    """Gradient-boosted trees per type over the ``top`` most frequent features of ``train``."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    vocabulary = vocabulary_of(documents)
    counts: Counter[str] = Counter()
    for document in documents:
        for candidate in document.candidates:
            counts.update({f for f in candidate.features if f in vocabulary})
    kept = {f: n for n, (f, _) in enumerate(counts.most_common(top))}
    models: dict[str, list[Any]] = {}
    for head, types in HEAD_TYPES.items():
        models[head] = []
        for kind in types:
            rows, targets = labelled_rows(documents, head, kind)
            if len(set(targets)) < 2:
                models[head].append(None)
                continue
            started = time.monotonic()
            model = HistGradientBoostingClassifier(
                max_iter=300,
                learning_rate=0.05,
                max_leaf_nodes=15,
                min_samples_leaf=10,
                l2_regularization=1.0,
                early_stopping=False,
                class_weight="balanced",
                random_state=seed,
            )
            model.fit(matrix(rows, kept).toarray().astype(np.float32), targets)
            models[head].append(model)
            log(
                f"  gbt {kind.value}: {len(rows)} rows, {sum(targets):.0f} positive, {time.monotonic() - started:.0f} s"
            )

    def scorer(head: str, features: list[list[str]]) -> Any:
        x = matrix(features, kept).toarray().astype(np.float32)
        out = np.zeros((len(features), len(HEAD_TYPES[head])))
        for n, model in enumerate(models[head]):
            if model is not None:
                out[:, n] = model.predict_proba(x)[:, 1]
        return out

    return scorer


REGISTRY: dict[int, PairCandidate] = {}  # id of a candidate's feature list -> the candidate (kept alive here)


def register(candidates: list[PairCandidate]) -> None:
    REGISTRY.update((id(c.features), c) for c in candidates)


class RegisteringReader(LearnedExtractor):
    """The learned reader, noting its candidates for the scorers that look at a candidate's neighbours."""

    def decide(self, candidates: list[PairCandidate]) -> list[Decision]:
        register(candidates)
        return super().decide(candidates)


def _logit(p: Any) -> Any:
    p = np.clip(p, 1e-4, 1 - 1e-4)
    return np.log(p / (1 - p))


def context_features(head: str, candidates: list[PairCandidate], scores: Any) -> Any:
    """Per (candidate, type): its first-stage score against its rivals (the other candidates of its sentence
    with its recipient, with its actor, the reverse pair), the same pair elsewhere in the document, the rules'
    reading, and the type; shape (candidates, types, features)."""
    n, k = scores.shape
    types = HEAD_TYPES[head]
    out = np.zeros((n, k, 12 + 2 * k))
    by_sentence: dict[int, list[int]] = {}
    by_pair: dict[tuple[str, str], list[int]] = {}
    for i, c in enumerate(candidates):
        by_sentence.setdefault(id(c.view), []).append(i)
        by_pair.setdefault(c.key, []).append(i)
    document_max = scores.max(axis=0) if n else np.zeros(k)
    for i, c in enumerate(candidates):
        same = [j for j in by_sentence[id(c.view)] if j != i]
        a, b = c.key
        pair = by_pair[c.key]
        for t, kind in enumerate(types):
            s = scores[i, t]
            rivals_b = [scores[j, t] for j in same if candidates[j].key[1] == b and b != "-"]
            rivals_a = [scores[j, t] for j in same if candidates[j].key[0] == a]
            reverse = [scores[j, t] for j in same if candidates[j].key == (b, a)]
            sentence_max = max([s, *(scores[j, t] for j in same)])
            row = [
                _logit(s),
                s - sentence_max,
                float(s >= sentence_max),
                s - max(rivals_b, default=0.0),
                s - max(rivals_a, default=0.0),
                _logit(max(reverse, default=1e-4)),
                _logit(max(scores[j, t] for j in pair)),
                np.log1p(sum(scores[j, t] >= 0.3 for j in pair)),
                _logit(document_max[t]),
                float(f"rule:{kind.value}" in c.features),
                float(not any(f.startswith("ctx_") for f in c.features)),
                float(c.view.is_title),
            ]
            out[i, t, :12] = row
            out[i, t, 12 + t] = 1.0
            out[i, t, 12 + k + t] = row[0]
    return out


FOLD_SEED = [0]  # 0: document n in fold n % 4; else a shuffled order of that seed


def out_of_fold_scores(documents: list[Document], c: float, seed: int, folds: int, log: Any) -> dict[int, Any]:
    """First-stage scores of every train candidate from heads fitted without its document's fold."""
    import random

    order = list(range(len(documents)))
    if FOLD_SEED[0]:
        random.Random(FOLD_SEED[0]).shuffle(order)
    fold_of = {id(documents[i]): n % folds for n, i in enumerate(order)}
    out: dict[int, Any] = {}
    for fold in range(folds):
        held = [d for d in documents if fold_of[id(d)] == fold]
        scorer = fit_lr([d for d in documents if fold_of[id(d)] != fold], plain, c, seed, True, log)
        for document in held:
            for head in HEAD_TYPES:
                wanted = [x for x in document.candidates if (x.recipient is None) == (head == "single")]
                if wanted:
                    for x, row in zip(wanted, scorer(head, [x.features for x in wanted]), strict=True):
                        out[id(x.features)] = row
    return out


def fit_stack(documents: list[Document], first: Scorer, c: float, seed: int, trees: bool, log: Any) -> Scorer:
    """A second stage over the first stage's scores in context, fitted on out-of-fold scores of ``train``."""
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.linear_model import LogisticRegression

    oof = out_of_fold_scores(documents, c, seed, 4, log)
    models: dict[str, Any] = {}
    for head in HEAD_TYPES:
        rows, targets = [], []
        for document in documents:
            pairs = [
                (x, labels)
                for x, labels in zip(document.candidates, document.labels, strict=True)
                if (x.recipient is None) == (head == "single")
            ]
            if not pairs:
                continue
            scores = np.array([oof[id(x.features)] for x, _ in pairs])
            table = context_features(head, [x for x, _ in pairs], scores)
            for i, (_, labels) in enumerate(pairs):
                for t, kind in enumerate(HEAD_TYPES[head]):
                    if kind in labels:
                        rows.append(table[i, t])
                        targets.append(labels[kind])
        if trees:
            model: Any = HistGradientBoostingClassifier(
                max_iter=200,
                learning_rate=0.05,
                max_leaf_nodes=8,
                min_samples_leaf=20,
                class_weight="balanced",
                random_state=seed,
            )
        else:
            model = LogisticRegression(C=1.0, max_iter=2000, class_weight="balanced", random_state=seed)
        model.fit(np.array(rows), targets)
        models[head] = model
        log(f"  stack {head}: {len(rows)} rows, {sum(targets):.0f} positive")

    def scorer(head: str, features: list[list[str]]) -> Any:
        candidates = [REGISTRY[id(f)] for f in features]
        table = context_features(head, candidates, first(head, features))
        n, k, d = table.shape
        return models[head].predict_proba(table.reshape(n * k, d))[:, 1].reshape(n, k)

    return scorer


def averaged(first: Scorer, second: Scorer) -> Scorer:
    def scorer(head: str, features: list[list[str]]) -> Any:
        return (first(head, features) + second(head, features)) / 2

    return scorer


class Scored(EventClassifier):
    """The training's certainty head, with the pair and single probabilities of a scorer; while
    ``cached``, scores are kept per list of candidates (the documents stay, the thresholds move)."""

    def __init__(self, certainty: EventClassifier, scorer: Scorer) -> None:
        heads = {
            name: Head(tuple(t.value for t in types), None, None, np.full(len(types), 0.5), np.full(len(types), 0.5))
            for name, types in HEAD_TYPES.items()
        }
        super().__init__(certainty.vocabulary, {**heads, "certainty": certainty.heads["certainty"]}, {})
        self.scorer = scorer
        self.cached = True
        self.kept: dict[tuple[str, tuple[int, ...]], list[dict[str, float]]] = {}

    def score(self, head: str, features: list[list[str]]) -> list[dict[str, float]]:
        if head == "certainty" or not features:
            return super().score(head, features)
        key = (head, tuple(id(f) for f in features))
        if self.cached and key in self.kept:
            return self.kept[key]
        classes = self.heads[head].classes
        rows = [dict(zip(classes, map(float, row), strict=True)) for row in self.scorer(head, features)]
        if self.cached:
            self.kept[key] = rows
        return rows


WIDE_THRESHOLDS = (0.02, 0.05, 0.1, *THRESHOLDS, 0.95, 0.98, 0.99)
GRIDS = {"training": THRESHOLDS, "wide": WIDE_THRESHOLDS}


def tune(classifier: Scored, documents: list[Document], grid: tuple[float, ...] = THRESHOLDS) -> float:
    """One add and one keep threshold for all types, then each type's own (two rounds): the training's search
    (``grid``: the add thresholds tried)."""
    best = (-1.0, 0.5, 0.5)
    for add in grid:
        for keep in KEEP_THRESHOLDS:
            f1 = tuple_scores(classifier, documents, add, keep)["f1"]
            if f1 > best[0]:
                best = (f1, add, keep)
    for name in HEAD_TYPES:
        classifier.heads[name].thresholds[:] = best[1]
        classifier.heads[name].keep[:] = best[2]
    search_type_thresholds(classifier, documents, grid)
    return best[0]


def whole_reader(classifier: Scored, reader: CandidateReader, documents: list[Document]) -> dict[str, Any]:
    """The figures of ``benchmarks/extract_quality.py --split validation`` for the learned reader."""
    classifier.cached = False  # candidates are built again: their feature lists are new objects
    learned = RegisteringReader(classifier, nlp=reader.nlp, gazetteer=reader.gazetteer, lexicon=reader.lexicon)
    scores = score_documents((document_json(learned.extract(d.article)), d.gold) for d in documents)
    classifier.cached = True
    return scores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--variants",
        default="lr,lr-unweighted,lr-x-trigger,lr-x-roles,lr-x-rules,gbt,mean",
        help="comma-separated, of: " + ", ".join([*TRANSFORMS, "gbt", "mean", "mean-x-rules", "stack", "stack-gbt"]),
    )
    parser.add_argument("--top", type=int, default=2000, help="features the trees see (most frequent in train)")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument(
        "--grid", choices=sorted(GRIDS), default="training", help="add thresholds searched: the training's, or wide"
    )
    parser.add_argument("--fold-seed", type=int, default=0, help="0: document n in fold n %% 4; else shuffled")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="corpus with train/ and validation/")
    args = parser.parse_args()
    FOLD_SEED[0] = args.fold_seed

    def log(line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    started = time.monotonic()
    reader = CandidateReader()
    train_docs = prepare(reader, read_split(args.corpus / "train"))
    validation_docs = prepare(reader, read_split(args.corpus / "validation"))
    log(f"prepared in {time.monotonic() - started:.0f} s")
    for document in train_docs + validation_docs:
        register(document.candidates)
    vocabulary = vocabulary_of(train_docs)
    certainty_head, _ = choose_certainty_head(train_docs, validation_docs, vocabulary, args.seed, log)
    certainty = EventClassifier(vocabulary, {"certainty": certainty_head}, {})
    scorers: dict[str, Scorer] = {}
    lr_c = 1.0
    print(
        "| learner | training (s) | C | tuple F1, one threshold | tuned P | R | F1 "
        "| reader P | R | F1 | items | date | certainty |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for variant in args.variants.split(","):
        started = time.monotonic()
        chosen_c: Any = "-"
        if variant in TRANSFORMS:
            options = []
            for c in C_GRID:
                scorer = fit_lr(train_docs, TRANSFORMS[variant], c, args.seed, variant != "lr-unweighted", log)
                classifier = Scored(certainty, scorer)
                options.append((tune(classifier, validation_docs, GRIDS[args.grid]), c, scorer, classifier))
                log(f"  {variant} C={c}: one threshold F1 {options[-1][0]:.3f}")
            first, chosen_c, scorer, classifier = max(options, key=lambda o: o[0])
            if variant == "lr":
                lr_c = chosen_c
        elif variant in ("stack", "stack-gbt"):
            scorer = fit_stack(train_docs, scorers["lr"], lr_c, args.seed, variant == "stack-gbt", log)
            classifier = Scored(certainty, scorer)
            first = tune(classifier, validation_docs, GRIDS[args.grid])
        elif variant == "gbt":
            scorer = fit_gbt(train_docs, args.top, args.seed, log)
            classifier = Scored(certainty, scorer)
            first = tune(classifier, validation_docs, GRIDS[args.grid])
        elif variant.startswith("mean"):
            first_name = "lr-x-rules" if variant == "mean-x-rules" else "lr"
            scorer = averaged(scorers[first_name], scorers["gbt"])
            classifier = Scored(certainty, scorer)
            first = tune(classifier, validation_docs, GRIDS[args.grid])
        else:
            raise SystemExit(f"unknown variant {variant}")
        scorers[variant] = scorer
        seconds = time.monotonic() - started
        tuned = tuple_scores(classifier, validation_docs)
        whole = whole_reader(classifier, reader, validation_docs)
        print(
            f"| {variant} | {seconds:.0f} | {chosen_c} | {first:.3f} | {tuned['precision']:.3f} | "
            f"{tuned['recall']:.3f} | {tuned['f1']:.3f} | {whole['precision']:.3f} | {whole['recall']:.3f} | "
            f"**{whole['f1']:.3f}** | {_fmt(whole['item_recall'])} | {_fmt(whole['date_agreement'])} | "
            f"{_fmt(whole['certainty_agreement'])} |",
            flush=True,
        )
        thresholds = {
            t: (float(a), float(k))
            for name in HEAD_TYPES
            for t, a, k in zip(
                classifier.heads[name].classes,
                classifier.heads[name].thresholds,
                classifier.heads[name].keep,
                strict=True,
            )
        }
        log(f"  {variant} thresholds (add, keep): {thresholds}")


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


if __name__ == "__main__":
    main()
