"""How far two annotators of the corpus agree: blind annotations of `validation` documents scored against the
corpus gold the way the reader is scored, and the learned reader on the same documents beside them.

Two annotators who had not seen the gold (nor each other's work) annotated 20 `validation` documents each
(`data/corpus/agreement/A` and `B`, written 2026-12-05 by the rules of `shared/eval/GUIDELINES.md` and the
conventions of `data/corpus/README.md`).  Scored as `shared/eval/score_extract.py` scores, with the corpus gold
as the reference: tuple precision/recall/F1, transfer item recall, date and certainty agreement on matched
tuples.  Where two careful people differ, no reader can be expected to agree with either more often, so this
is the ceiling the reader's targets are read against.

    python benchmarks/annotator_agreement.py [--model PATH] [--json] [DIR ...]

``--model``: the learned reader's weights to score on the same documents (default: the packaged ones;
weights refitted on `validation` have seen these documents, so the figure for weights fitted on `train`
alone is the fair one: ``python -m eventgraph.training --no-refit --output PATH``).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from eventgraph.evaluation import score_documents

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO / "data" / "corpus" / "validation"
ANNOTATIONS = [REPO / "data" / "corpus" / "agreement" / name for name in ("A", "B")]


def as_read(annotation: dict[str, Any]) -> dict[str, Any]:
    """An annotation in the form the scorer reads a reader's output: each alias of each item a label."""
    events = []
    for event in annotation.get("events", []):
        items = [{"label": alias} for item in event.get("items") or [] for alias in item]
        events.append({**event, "items": items})
    return {"events": events}


def agreement(gold_dir: Path, annotation_dirs: list[Path]) -> tuple[dict[str, Any], list[str]]:
    """The scores of every annotation file in ``annotation_dirs`` against the gold file of the same name in
    ``gold_dir``, and the names of the documents scored."""
    pairs, names = [], []
    for directory in annotation_dirs:
        for path in sorted(directory.glob("*.gold.json")):
            gold_path = gold_dir / path.name
            if not gold_path.is_file():
                raise SystemExit(f"{path}: no gold file {gold_path.name} in {gold_dir}")
            annotation = json.loads(path.read_text(encoding="utf-8"))
            pairs.append((as_read(annotation), json.loads(gold_path.read_text(encoding="utf-8"))))
            names.append(path.name)
    return score_documents(pairs), names


def reader_scores(gold_dir: Path, names: list[str], model: Path | None) -> dict[str, Any]:
    from eventgraph.articles import read_article_files
    from eventgraph.extract.learned import LearnedExtractor
    from eventgraph.extract.output import document_json

    reader = LearnedExtractor(model_path=model)
    pairs = []
    for name in names:
        gold = json.loads((gold_dir / name).read_text(encoding="utf-8"))
        article = read_article_files([gold_dir / gold["file"]]).articles[0]
        pairs.append((document_json(reader.extract(article)), gold))
    return score_documents(pairs)


def line(name: str, s: dict[str, Any]) -> str:
    def fmt(value: float | None) -> str:
        return "-" if value is None else f"{value:.2f}"

    return (
        f"| {name} | {s['documents']} | {s['precision']:.2f} | {s['recall']:.2f} | **{s['f1']:.2f}** | "
        f"{fmt(s['item_recall'])} | {fmt(s['date_agreement'])} | {fmt(s['certainty_agreement'])} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("annotations", nargs="*", type=Path, default=ANNOTATIONS, help="directories of annotations")
    parser.add_argument("--model", type=Path, default=None, help="the learned reader's weights (reader.npz)")
    parser.add_argument("--no-reader", action="store_true", help="score the annotators only")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    rows: dict[str, dict[str, Any]] = {}
    every: list[str] = []
    for directory in args.annotations:
        rows[f"annotator {directory.name}"], names = agreement(GOLD, [directory])
        every += names
    rows["annotators together"], _ = agreement(GOLD, args.annotations)
    if not args.no_reader:
        rows["learned reader, same documents"] = reader_scores(GOLD, every, args.model)
    if args.json:
        print(json.dumps(rows, indent=2))
        return
    print("| against the corpus gold | documents | P | R | F1 | item recall | date | certainty |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, scores in rows.items():
        print(line(name, scores))


if __name__ == "__main__":
    main()
