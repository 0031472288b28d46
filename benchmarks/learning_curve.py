"""Experiment: how the learned reader's figures on ``validation`` grow with the training documents.

For each fraction of ``data/corpus/train`` (nested subsets: the first documents of one shuffle by
``--seed``, so each larger subset holds the smaller ones) a corpus of symbolic links is built in a temporary
directory (the subset as ``train``, the whole ``validation``) and ``python -m eventgraph.training
--no-refit`` is run on it in this process: the heads are fitted on the subset only and the regularisation
and thresholds chosen on ``validation`` as always.  Printed per fraction: the documents, the training's
figures of the learned reader and of the rules on ``validation`` (tuple P/R/F1, item recall, date and
certainty agreement).  The rules are the same in every row; only the heads see more text.  The test split is
never read.  Needs the ``train`` extra.

    nice -n 19 python benchmarks/learning_curve.py [--fractions 0.25,0.5,0.75,1] [--seed 13]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from pathlib import Path

from eventgraph.training import CORPUS, train


def nested_subsets(names: list[str], fractions: list[float], seed: int) -> list[list[str]]:
    """The first ``round(f * len(names))`` names of one shuffle, per fraction (each in file order)."""
    order = sorted(names)
    random.Random(seed).shuffle(order)
    return [sorted(order[: max(1, round(f * len(order)))]) for f in fractions]


def subset_corpus(corpus: Path, gold_names: list[str], directory: Path) -> Path:
    """A corpus of links: the named gold files of ``train`` with their articles, and all of ``validation``."""
    (directory / "train").mkdir(parents=True)
    (directory / "validation").symlink_to((corpus / "validation").resolve(), target_is_directory=True)
    for name in gold_names:
        gold = corpus / "train" / name
        article = json.loads(gold.read_text(encoding="utf-8")).get("file") or name[: -len(".gold.json")] + ".txt"
        for path in (gold, corpus / "train" / article):
            (directory / "train" / path.name).symlink_to(path.resolve())
    return directory


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--fractions", default="0.25,0.5,0.75,1")
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args(argv)
    fractions = [float(f) for f in args.fractions.split(",")]
    if not fractions or any(not 0 < f <= 1 for f in fractions):
        print("Error: --fractions must be numbers in (0, 1], comma-separated", file=sys.stderr)
        return 1
    names = [p.name for p in (args.corpus / "train").glob("*.gold.json")]
    keys = ("precision", "recall", "f1", "item_recall", "date_agreement", "certainty_agreement")
    print("| train documents | learned P | R | F1 | items | date | certainty | rules F1 |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for fraction, subset in zip(fractions, nested_subsets(names, fractions, args.seed), strict=True):
        with tempfile.TemporaryDirectory(prefix="eventgraph-curve-") as tmp:
            corpus = subset_corpus(args.corpus, subset, Path(tmp) / "corpus")
            record = train(corpus, Path(tmp) / "reader.npz", args.seed, lambda line: None, refit=False)
        learned, rules = record["validation"]["learned"], record["validation"]["rules"]
        cells = " | ".join(f"{learned[k]:.3f}" for k in keys)
        print(f"| {len(subset)} ({fraction:g}) | {cells} | {rules['f1']:.3f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
