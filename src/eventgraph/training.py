"""Train the learned reader from the corpus in the repository: ``python -m eventgraph.training``.

Reads ``data/corpus/train`` and ``data/corpus/validation`` (articles ``NNN_slug.txt`` with gold files
``NNN_slug.gold.json``), builds the candidates of every article with the rule reader, labels them with the
gold events, fits the logistic heads on ``train`` (scikit-learn, the ``train`` extra), chooses the
regularisation and the decision thresholds (``--select``: by default on ``validation``; or on ``validation``
together with ``train`` read out of fold, each fold by heads fitted on the other four; or on the folds alone,
which keeps ``validation`` held out), and writes the model with its record (corpus hash, seed, time,
the choice, validation figures of the learned reader and of the rules alone).  The ``test`` split is never
read here.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventgraph.articles import ArticleText, read_article_files
from eventgraph.errors import EventGraphError
from eventgraph.evaluation import prf, score_documents
from eventgraph.extract.candidates import PAIR_TYPES, SINGLE_TYPES, PairCandidate
from eventgraph.extract.classifier import EventClassifier, Head, packaged_model_path, with_types
from eventgraph.extract.labels import candidate_tuple, gold_events, gold_tuples, label_candidates
from eventgraph.model import Certainty, EventType

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "data" / "corpus"
C_GRID = (0.3, 1.0, 3.0, 10.0)
CERTAINTY_C_GRID = (0.1, 0.3, 1.0, 3.0, 10.0)
THRESHOLDS = (0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
KEEP_THRESHOLDS = (0.0, 0.05, 0.1, 0.2, 0.3, 0.5)  # for events the rules read too
FOLDS = 5  # folds of train whose out-of-fold scores make the choices (--select pooled or folds)
MIN_COUNT = 2  # a feature seen fewer times in train is left out of the vocabulary


@dataclass
class Document:
    article: ArticleText
    gold: dict[str, Any]
    candidates: list[PairCandidate]
    labels: list[dict[EventType, float]]
    rule_json: dict[str, Any]


def read_split(directory: Path) -> list[tuple[ArticleText, dict[str, Any]]]:
    """The articles of a split with their gold files, in file order."""
    out = []
    for gold_path in sorted(directory.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        article_path = gold_path.with_name(gold.get("file") or gold_path.name[: -len(".gold.json")] + ".txt")
        read = read_article_files([article_path])
        if read.failures or not read.articles:
            raise EventGraphError(
                f"{article_path}: cannot be read for training "
                f"({read.failures[0][1] if read.failures else 'no article'})"
            )
        out.append((read.articles[0], gold))
    return out


def corpus_hash(directories: list[Path]) -> str:
    digest = hashlib.sha256()
    for directory in directories:
        for path in sorted(directory.iterdir()):
            if path.is_file():
                digest.update(f"{directory.name}/{path.name}\n".encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def prepare(reader: Any, split: list[tuple[ArticleText, dict[str, Any]]]) -> list[Document]:
    from eventgraph.extract import Extractor
    from eventgraph.extract.output import document_json

    documents = []
    for article, gold in split:
        docs = list(reader.nlp.pipe(reader._texts(article)))
        rule_events, candidates = reader.candidates(article, docs)
        labelled = label_candidates(candidates, gold_events(gold, article.article.text or ""))
        body = docs[len(docs) - len(article.body) :] if article.body else []
        rules = document_json(Extractor.extract_parsed(reader, article, body))
        documents.append(Document(article, gold, candidates, [labels for _, labels in labelled], rules))
    return documents


def coverage(documents: list[Document]) -> str:
    """How many gold tuples have a candidate labelled 1: the learned reader's ceiling on recall."""
    found = total = 0
    for document in documents:
        gold = set().union(*(gold_tuples(e) for e in document.gold.get("events", [])))
        positive = {
            candidate_tuple(candidate, kind)
            for candidate, labels in zip(document.candidates, document.labels, strict=True)
            for kind, y in labels.items()
            if y == 1.0
        }
        total += len(gold)
        found += len(gold & positive)
    return f"{found} of {total}"


def vocabulary_of(documents: list[Document]) -> dict[str, int]:
    counts: Counter[str] = Counter()
    for document in documents:
        for candidate in document.candidates:
            counts.update(set(candidate.features))
    names = sorted(f for f, n in counts.items() if n >= MIN_COUNT)
    return {f: n for n, f in enumerate(names)}


def matrix(rows: list[list[str]], vocabulary: dict[str, int]) -> Any:
    from scipy.sparse import csr_matrix

    indptr, indices = [0], []
    for features in rows:
        indices.extend(sorted({vocabulary[f] for f in features if f in vocabulary}))
        indptr.append(len(indices))
    data = [1.0] * len(indices)
    return csr_matrix((data, indices, indptr), shape=(len(rows), len(vocabulary)))


def fit_binary_heads(
    documents: list[Document], vocabulary: dict[str, int], inverse_regularisation: float, seed: int
) -> dict[str, Head]:
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    heads = {}
    for head, types, single in (("pair", PAIR_TYPES, False), ("single", SINGLE_TYPES, True)):
        pool = [
            (cand, labels)
            for d in documents
            for cand, labels in zip(d.candidates, d.labels, strict=True)
            if (cand.recipient is None) == single
        ]
        weights = np.zeros((len(vocabulary), len(types)), dtype=np.float32)
        bias = np.zeros(len(types), dtype=np.float32)
        for n, kind in enumerate(types):
            rows = [(cand.features, labels[kind]) for cand, labels in pool if kind in labels]
            targets = [y for _, y in rows]
            if len(set(targets)) < 2:
                bias[n] = -10.0  # never seen as an event in train: never predicted
                continue
            model = LogisticRegression(
                C=inverse_regularisation, solver="liblinear", class_weight="balanced", random_state=seed, max_iter=500
            )
            model.fit(matrix([f for f, _ in rows], vocabulary), targets)
            weights[:, n] = model.coef_[0]
            bias[n] = model.intercept_[0]
        heads[head] = Head(tuple(t.value for t in types), weights, bias, np.full(len(types), 0.5))
    return heads


def certainty_rows(documents: list[Document]) -> tuple[list[list[str]], list[int]]:
    """The features of each candidate stating a gold event (with its type) and the gold certainty's index."""
    classes = tuple(level.value for level in Certainty)
    rows, targets = [], []
    for document in documents:
        golds = gold_events(document.gold, document.article.article.text or "")
        for cand, labels in zip(document.candidates, document.labels, strict=True):
            for kind, y in labels.items():
                if y != 1.0:
                    continue
                t = candidate_tuple(cand, kind)
                certainty = next((g.certainty for g in golds if t in g.tuples and g.certainty in classes), None)
                if certainty is not None:
                    rows.append(cand.features + [f"as:{kind.value}"])
                    targets.append(classes.index(certainty))
    return rows, targets


def fit_certainty_head(
    documents: list[Document], vocabulary: dict[str, int], seed: int, inverse_regularisation: float = 1.0
) -> Head:
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    classes = tuple(level.value for level in Certainty)
    rows, targets = certainty_rows(documents)
    weights = np.zeros((len(vocabulary) + len(PAIR_TYPES) + len(SINGLE_TYPES), len(classes)), dtype=np.float32)
    bias = np.full(len(classes), -10.0, dtype=np.float32)
    extended = with_types(vocabulary)
    present = sorted(set(targets))
    if len(present) >= 2:
        model = LogisticRegression(C=inverse_regularisation, max_iter=1000, random_state=seed)
        model.fit(matrix(rows, extended), targets)
        for column, cls in enumerate(model.classes_):
            weights[: len(extended), cls] = (
                model.coef_[column] if len(present) > 2 else (model.coef_[0] * (1 if column else -1) / 2)
            )
            bias[cls] = (
                model.intercept_[column] if len(present) > 2 else model.intercept_[0] * (1 if column else -1) / 2
            )
    elif present:
        bias[present[0]] = 0.0
    return Head(classes, weights, bias, np.zeros(len(classes)), softmax=True)


def choose_certainty_head(
    train_docs: list[Document],
    validation_docs: list[Document],
    vocabulary: dict[str, int],
    seed: int,
    log: Any,
    pooled: bool = False,
) -> tuple[Head, float]:
    """The certainty head whose regularisation agrees best with the gold certainty of validation's events (and,
    ``pooled``, of train's events read by heads fitted on the other folds)."""
    rows, targets = certainty_rows(validation_docs)
    best: tuple[float, Head, float] | None = None
    for inverse_regularisation in CERTAINTY_C_GRID:
        head = fit_certainty_head(train_docs, vocabulary, seed, inverse_regularisation)
        parts = [(head, rows, targets)] if validation_docs else []
        if pooled:
            for k in range(FOLDS):
                fitted = [d for n, d in enumerate(train_docs) if fold_of(n) != k]
                held_rows, held_targets = certainty_rows([d for n, d in enumerate(train_docs) if fold_of(n) == k])
                parts.append(
                    (fit_certainty_head(fitted, vocabulary, seed, inverse_regularisation), held_rows, held_targets)
                )
        agreed = total = 0
        for fitted_head, part_rows, part_targets in parts:
            scores = EventClassifier(vocabulary, {"certainty": fitted_head}, {}).score("certainty", part_rows)
            agreed += sum(
                max(row, key=row.__getitem__) == fitted_head.classes[y]
                for row, y in zip(scores, part_targets, strict=True)
            )
            total += len(part_targets)
        agreement = agreed / max(1, total)
        log(f"  certainty C={inverse_regularisation}: agreement {agreement:.3f} ({total} events)")
        if best is None or agreement > best[0]:
            best = (agreement, head, inverse_regularisation)
    assert best is not None
    return best[1], best[2]


def tuple_scores(
    classifier: EventClassifier, documents: list[Document], add: float | None = None, keep: float | None = None
) -> dict[str, float]:
    """Tuple precision, recall and F1 of the events the classifier takes, document by document (with its own
    thresholds unless ``add`` and ``keep`` are given)."""
    return pooled_scores([(classifier, documents)], add, keep)


Part = tuple[EventClassifier, list[Document]]  # heads and the documents they are scored on (never fitted on)


def pooled_scores(parts: list[Part], add: float | None = None, keep: float | None = None) -> dict[str, float]:
    """Tuple precision, recall and F1 over several parts, each document read by its part's heads."""
    from eventgraph.extract.learned import decide

    tp = fp = fn = 0
    for classifier, documents in parts:
        for document in documents:
            gold = set().union(*(gold_tuples(e) for e in document.gold.get("events", [])))
            predicted = {
                candidate_tuple(d.candidate, d.type)
                for d in decide(classifier, document.candidates, add=add, keep=keep, certainty=False)
            }
            tp += len(gold & predicted)
            fp += len(predicted - gold)
            fn += len(gold - predicted)
    return prf(tp, fp, fn)


def fold_of(n: int) -> int:
    return n % FOLDS


def out_of_fold_parts(
    train_docs: list[Document], vocabulary: dict[str, int], inverse_regularisation: float, seed: int
) -> list[Part]:
    """Each fold of ``train`` with heads fitted on the other folds: scores of text the heads never saw."""
    parts: list[Part] = []
    for k in range(FOLDS):
        fitted = [d for n, d in enumerate(train_docs) if fold_of(n) != k]
        held = [d for n, d in enumerate(train_docs) if fold_of(n) == k]
        heads = fit_binary_heads(fitted, vocabulary, inverse_regularisation, seed)
        parts.append((EventClassifier(vocabulary, dict(heads), {}), held))
    return parts


class ScoreCache(EventClassifier):
    """The classifier with its scores kept per list of candidates: thresholds move, scores do not."""

    def __init__(self, classifier: EventClassifier) -> None:
        super().__init__(classifier.vocabulary, classifier.heads, classifier.record)
        self.kept: dict[tuple[str, tuple[int, ...]], list[dict[str, float]]] = {}

    def score(self, head: str, features: list[list[str]]) -> list[dict[str, float]]:
        key = (head, tuple(id(f) for f in features))
        if key not in self.kept:
            self.kept[key] = super().score(head, features)
        return self.kept[key]


def per_type_thresholds(classifier: EventClassifier, documents: list[Document], log: Any) -> None:
    """Move each type's threshold (and its threshold when the rules agree) from the common one where that
    raises validation tuple F1, one type at a time (two rounds)."""
    search_type_thresholds(ScoreCache(classifier), documents, THRESHOLDS, log)  # the same heads, scores kept


def search_type_thresholds(
    classifier: EventClassifier, documents: list[Document], grid: tuple[float, ...] = THRESHOLDS, log: Any = None
) -> float:
    """The search of ``per_type_thresholds`` on ``classifier``'s own thresholds (``grid``: the add thresholds
    tried; the experiments in ``benchmarks/`` search wider ones); the tuple F1 reached."""
    return search_pooled_thresholds([(classifier, documents)], grid, log)


def search_pooled_thresholds(parts: list[Part], grid: tuple[float, ...] = THRESHOLDS, log: Any = None) -> float:
    """The per-type threshold search over several parts at once: every part's heads take the same thresholds
    (those of the first part's, which all start from)."""
    best = pooled_scores(parts)["f1"]
    first = parts[0][0]
    for _ in range(2):
        for head_name in ("pair", "single"):
            for n in range(len(first.heads[head_name].classes)):
                for which, values in (("thresholds", grid), ("keep", KEEP_THRESHOLDS)):
                    original = float(getattr(first.heads[head_name], which)[n])
                    for value in values:
                        for classifier, _ in parts:
                            getattr(classifier.heads[head_name], which)[n] = value
                        f1 = pooled_scores(parts)["f1"]
                        if f1 > best + 1e-9:
                            best, original = f1, value
                    for classifier, _ in parts:
                        getattr(classifier.heads[head_name], which)[n] = original
            if log is not None:
                log(f"  per-type thresholds: tuple F1 {best:.3f}")
    return best


def train(
    corpus: Path, output: Path, seed: int, log: Any, refit: bool = True, select: str = "validation"
) -> dict[str, Any]:
    import numpy as np

    from eventgraph.extract.learned import CandidateReader, LearnedExtractor
    from eventgraph.extract.output import document_json

    started = time.monotonic()
    splits = {name: read_split(corpus / name) for name in ("train", "validation")}
    if not splits["train"] or not splits["validation"]:
        raise EventGraphError(f"{corpus}: needs train/ and validation/ with articles and .gold.json files")
    reader = CandidateReader()
    prepared = {name: prepare(reader, split) for name, split in splits.items()}
    train_docs, validation_docs = prepared["train"], prepared["validation"]
    vocabulary = vocabulary_of(train_docs)
    counts = Counter(k.value for d in train_docs for labels in d.labels for k, y in labels.items() if y == 1.0)
    for name, documents in prepared.items():
        log(f"{name}: candidates cover {coverage(documents)} gold tuples in their evidence sentence")
    log(
        f"train: {len(train_docs)} documents, {sum(len(d.candidates) for d in train_docs)} candidates, "
        f"{len(vocabulary)} features, positives {dict(sorted(counts.items()))}"
    )
    pooled = select in ("pooled", "folds")
    chosen_on = [] if select == "folds" else validation_docs  # "folds": validation stays held out
    certainty, certainty_regularisation = choose_certainty_head(
        train_docs, chosen_on, vocabulary, seed, log, pooled=pooled
    )
    best: tuple[float, float, float, float, list[Part]] | None = None
    for inverse_regularisation in C_GRID:
        heads = fit_binary_heads(train_docs, vocabulary, inverse_regularisation, seed)
        parts: list[Part] = [(EventClassifier(vocabulary, {**heads, "certainty": certainty}, {}), chosen_on)]
        if pooled:
            parts += out_of_fold_parts(train_docs, vocabulary, inverse_regularisation, seed)
        parts = [(ScoreCache(classifier), documents) for classifier, documents in parts]
        for add in THRESHOLDS:
            for keep in KEEP_THRESHOLDS:
                f1 = pooled_scores(parts, add, keep)["f1"]
                log(f"  C={inverse_regularisation} threshold={add} keep={keep}: {select} tuple F1 {f1:.3f}")
                if best is None or f1 > best[0]:
                    best = (f1, inverse_regularisation, add, keep, parts)
    assert best is not None
    _, inverse_regularisation, threshold, keep, parts = best
    for part, _ in parts:
        for name in ("pair", "single"):
            head = part.heads[name]
            head.thresholds[:] = threshold
            head.keep = np.full(len(head.classes), keep, dtype=np.float32)
    search_pooled_thresholds(parts, THRESHOLDS, log)
    heads = {name: parts[0][0].heads[name] for name in ("pair", "single")}
    classifier = EventClassifier(vocabulary, {**heads, "certainty": certainty}, {})
    learned = LearnedExtractor(classifier, nlp=reader.nlp, gazetteer=reader.gazetteer, lexicon=reader.lexicon)
    pairs_learned, pairs_rules = [], []
    for document in validation_docs:
        docs = list(reader.nlp.pipe(reader._texts(document.article)))
        pairs_learned.append((document_json(learned.extract_parsed(document.article, docs)), document.gold))
        pairs_rules.append((document.rule_json, document.gold))
    if refit:  # the choices made, the heads fitted again on all the text they may see (validation held out above)
        documents = train_docs + validation_docs
        vocabulary = vocabulary_of(documents)
        heads = fit_binary_heads(documents, vocabulary, inverse_regularisation, seed)
        for name, head in heads.items():
            head.thresholds[:] = classifier.heads[name].thresholds
            head.keep = classifier.heads[name].keep.copy()
        certainty = fit_certainty_head(documents, vocabulary, seed, certainty_regularisation)
        classifier = EventClassifier(vocabulary, {**heads, "certainty": certainty}, {})
        log(f"refitted on train and validation: {len(documents)} documents, {len(vocabulary)} features")
    record = {
        "corpus": str(corpus.relative_to(REPO)) if corpus.is_relative_to(REPO) else str(corpus),
        "corpus_sha256": corpus_hash([corpus / "train", corpus / "validation"]),
        "documents": {"train": len(train_docs), "validation": len(validation_docs)},
        "refit": refit,
        "select": select,
        "seed": seed,
        "C": inverse_regularisation,
        "certainty_C": certainty_regularisation,
        "threshold": threshold,
        "thresholds": {
            name: {"add": float(add), "keep": float(kept)}
            for head in ("pair", "single")
            for name, add, kept in zip(
                classifier.heads[head].classes,
                classifier.heads[head].thresholds,
                classifier.heads[head].keep,
                strict=True,
            )
        },
        "keep_threshold": keep,
        "features": len(vocabulary),
        "training_seconds": round(time.monotonic() - started, 1),
        "trained_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "validation": {"learned": score_documents(pairs_learned), "rules": score_documents(pairs_rules)},
    }
    classifier.record = record
    classifier.save(output)
    return record


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eventgraph.training", description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="corpus with train/ and validation/")
    parser.add_argument("--output", type=Path, default=packaged_model_path(), help="where to write the model")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument(
        "--refit",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="after choosing on validation, fit the heads again on train and validation together (the default; "
        "the record's validation figures are those of the model before the refit, the only held-out ones)",
    )
    parser.add_argument(
        "--select",
        choices=("validation", "pooled", "folds"),
        default="validation",
        help="where the regularisation and thresholds are chosen: validation (the default), validation together "
        f"with train read out of fold ({FOLDS} folds, each by heads fitted on the others), or train's folds alone "
        "(validation then stays held out: the record's validation figures are unseen text)",
    )
    args = parser.parse_args(argv)
    try:
        record = train(
            args.corpus,
            args.output,
            args.seed,
            lambda line: print(line, file=sys.stderr),
            refit=args.refit,
            select=args.select,
        )
    except ImportError as error:
        print(f"Error: training needs the 'train' extra (pip install -e '.[train]'): {error}", file=sys.stderr)
        return 1
    except EventGraphError as error:
        print(f"Error: {error}", file=sys.stderr)
        return 1
    summary = {
        split: {k: v for k, v in figures.items() if k != "per_type"} for split, figures in record["validation"].items()
    }
    print(
        json.dumps(
            {
                "model": str(args.output),
                "C": record["C"],
                "threshold": record["threshold"],
                "keep": record["keep_threshold"],
                "seconds": record["training_seconds"],
                "validation": summary,
            },
            indent=2,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
