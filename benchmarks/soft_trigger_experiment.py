"""Experiment: do soft triggers recover what event words missing from the lexicon lose?

Simulates unseen vocabulary: a seeded random share of the trigger lemmas of ``data/triggers.csv`` is hidden
from the lexicon (from the rule reader and the learned reader's features alike, as a word no one wrote
down), on train and validation.  For each seed the heads are trained on train as ``python -m
eventgraph.training --no-refit`` does (regularisation and thresholds chosen on validation) twice: without
soft triggers, and with the soft triggers of ``benchmarks/trigger_neighbours.py``'s table computed with the
hidden lemmas taken out of the anchors (they may come back as soft triggers of their nearest visible
trigger, as an unseen word would).  Printed: the validation figures of the learned reader (as the training
record computes them) and the tuple F1 on train, per seed and configuration.  ``--hide 0`` runs the full
lexicon.  The test split is never read.

    nice -n 10 python benchmarks/soft_trigger_experiment.py --embeddings /tmp/words.npz [--seeds 1 2 3]
        [--hide 0.3] [--cut 0.6] [--prefix "~"]

(the embeddings file is step 2 of ``benchmarks/trigger_neighbours.py``.)
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import trigger_neighbours as build  # noqa: E402
from eventgraph import training  # noqa: E402
from eventgraph.extract import candidates, learned  # noqa: E402
from eventgraph.extract.classifier import EventClassifier  # noqa: E402
from eventgraph.extract.lexicon import Lexicon  # noqa: E402
from eventgraph.model import EventType  # noqa: E402
from eventgraph.resources import read_data_table  # noqa: E402

UNTRAINED = False  # --untrained
PARSED: dict[str, list[Any]] = {}  # article path -> its parsed paragraphs, kept across runs


def cached_prepare(reader: Any, split: list[Any]) -> list[training.Document]:
    from eventgraph.extract import Extractor
    from eventgraph.extract.labels import gold_events, label_candidates
    from eventgraph.extract.output import document_json

    documents = []
    untrained = UNTRAINED and any("/train/" in article.source for article, _ in split)
    kept = reader.builder.neighbours
    if untrained:  # the heads are fitted without soft triggers; validation (and use) reads them
        reader.builder.neighbours = {}
    for article, gold in split:
        key = article.source + (article.article.text or "")[:200]
        if key not in PARSED:
            PARSED[key] = list(reader.nlp.pipe(reader._texts(article)))
        docs = PARSED[key]
        rule_events, found = reader.candidates(article, docs)
        labelled = label_candidates(found, gold_events(gold, article.article.text or ""))
        body = docs[len(docs) - len(article.body) :] if article.body else []
        rules = document_json(Extractor.extract_parsed(reader, article, body))
        documents.append(training.Document(article, gold, found, [labels for _, labels in labelled], rules))
    reader.builder.neighbours = kept
    return documents


def run(lexicon: Lexicon, neighbours: candidates.Neighbours, output: Path) -> dict[str, Any]:
    original_reader, original_extractor = learned.CandidateReader, learned.LearnedExtractor

    class Reader(original_reader):  # type: ignore[misc, valid-type]
        def __init__(self, **kwargs: Any) -> None:
            kwargs.setdefault("lexicon", lexicon)
            super().__init__(neighbours=neighbours, **kwargs)

    class Extractor(original_extractor):  # type: ignore[misc, valid-type]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, neighbours=neighbours, **kwargs)

    learned.CandidateReader, learned.LearnedExtractor = Reader, Extractor  # type: ignore[misc]
    original_prepare = training.prepare
    training.prepare = cached_prepare
    kept: dict[str, Any] = {}
    original_tuple_scores = training.tuple_scores
    try:
        record = training.train(training.CORPUS, output, 13, lambda line: None, refit=False)
        classifier = EventClassifier.load(output)
        train_docs = cached_prepare(Reader(), training.read_split(training.CORPUS / "train"))
        kept["train_tuple"] = original_tuple_scores(classifier, train_docs)
    finally:
        learned.CandidateReader, learned.LearnedExtractor = original_reader, original_extractor  # type: ignore[misc]
        training.prepare = original_prepare
    figures = record["validation"]["learned"]
    return {
        "validation": {k: figures[k] for k in ("precision", "recall", "f1", "tp", "fp", "fn")},
        "train_tuple_f1": round(kept["train_tuple"]["f1"], 3),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--embeddings", type=Path, required=True)
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument("--hide", type=float, default=0.3)
    parser.add_argument("--cut", type=float, default=build.CUT)
    parser.add_argument("--output", type=Path, default=Path("/tmp/soft_trigger_experiment.npz"))
    parser.add_argument("--only-soft", action="store_true", help="skip the runs without soft triggers")
    parser.add_argument(
        "--prefix", default=candidates.SOFT_PREFIX, help="before soft triggers' feature names ('' shares weights)"
    )
    parser.add_argument("--rule-prefix", default=candidates.SOFT_RULE_PREFIX, help="'' shares the rules' weights")
    parser.add_argument("--untrained", action="store_true", help="fit the heads on train without soft triggers")
    args = parser.parse_args(argv)
    candidates.SOFT_PREFIX = args.prefix
    candidates.SOFT_RULE_PREFIX = args.rule_prefix
    global UNTRAINED
    UNTRAINED = args.untrained
    vocabulary, vectors = build.load_embeddings(args.embeddings)
    rows = read_data_table("triggers.csv")
    lemmas = sorted({row["lemma"] for row in rows})
    cues, treaties = read_data_table("cues.csv"), read_data_table("treaties.csv")
    for seed in args.seeds if args.hide else [0]:
        hidden = frozenset(random.Random(seed).sample(lemmas, round(args.hide * len(lemmas))))
        lexicon = Lexicon.from_rows([r for r in rows if r["lemma"] not in hidden], cues, treaties)
        table = {
            (lemma, pos): (EventType(kind), similarity, anchor)
            for lemma, pos, kind, similarity, anchor in build.neighbour_table(
                vocabulary, vectors, rows, args.cut, hidden
            )
        }
        recovered = sorted(lemma for lemma in hidden if any((lemma, p) in table for p in build.POS))
        print(f"seed {seed}: {len(hidden)} of {len(lemmas)} lemmas hidden, {len(recovered)} back as soft", flush=True)
        configurations = [("soft", table)] if args.only_soft else [("none", {}), ("soft", table)]
        for name, neighbours in configurations:
            result = run(lexicon, neighbours, args.output)
            print(
                json.dumps(
                    {
                        "seed": seed,
                        "hide": args.hide,
                        "cut": args.cut,
                        "soft": name,
                        "prefix": args.prefix,
                        "rule_prefix": args.rule_prefix,
                        "untrained": args.untrained,
                        **result,
                    }
                ),
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
