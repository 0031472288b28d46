"""Extraction quality and speed of the learned reader and of the rules alone, on evaluation sets only.

Quality: per evaluation set (the corpus ``test`` split, and ``shared/eval/gold-dev`` with its articles in
``shared/data/articles``), tuple precision/recall/F1 per type and overall, transfer item recall, date and
certainty agreement on matched tuples, scored as ``shared/eval/score_extract.py`` scores
(``eventgraph.evaluation``).  Speed: articles per second on one core (one process, one BLAS thread) of the
bare spaCy ``en_core_web_sm`` pipeline (all its components), of the rule reader and of the learned reader
(model included) over the same texts, repeated to about ``--count`` articles; and the peak memory.

Neither set is used to train or tune anything; the model is trained on ``train`` and tuned on
``validation`` (``python -m eventgraph.training``).

    python benchmarks/extract_quality.py [--count 200] [--json]
    python benchmarks/extract_quality.py --split validation [--count 0]   # the split decisions are taken on
    python benchmarks/extract_quality.py --split validation --model /tmp/reader.npz   # weights not packaged
"""

from __future__ import annotations

import os

for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")  # one core: numpy must not spread the classifier over two

import argparse  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
import time  # noqa: E402
from datetime import datetime, timezone  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

from eventgraph.articles import ArticleText, read_article_files  # noqa: E402
from eventgraph.evaluation import score_documents  # noqa: E402
from eventgraph.extract import Extractor  # noqa: E402
from eventgraph.extract.learned import LearnedExtractor  # noqa: E402
from eventgraph.extract.nlp import MODEL_PACKAGES  # noqa: E402
from eventgraph.extract.output import document_json  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
EVALUATION_SETS = {
    "corpus test": (REPO / "data" / "corpus" / "test", None),
    "gold-dev": (SHARED / "eval" / "gold-dev", SHARED / "data" / "articles"),
}
# the split decisions are taken on (``--split validation``): never mixed with the evaluation sets in one run
VALIDATION_SET = {"corpus validation": (REPO / "data" / "corpus" / "validation", None)}
TARGETS = {"f1": 0.85, "item_recall": 0.85, "date_agreement": 0.85, "certainty_agreement": 0.80}
SPEED_TARGET = 0.5


def read_set(gold_dir: Path, articles_dir: Path | None) -> list[tuple[ArticleText, dict[str, Any]]]:
    out = []
    for gold_path in sorted(gold_dir.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        article = (articles_dir or gold_dir) / gold["file"]
        read = read_article_files([article])
        if not read.articles:
            raise SystemExit(f"cannot read {article}: {read.failures}")
        out.append((read.articles[0], gold))
    return out


def quality(readers: dict[str, Extractor], items: list[tuple[ArticleText, dict[str, Any]]]) -> dict[str, Any]:
    return {
        name: score_documents((document_json(reader.extract(article)), gold) for article, gold in items)
        for name, reader in readers.items()
    }


def speed(readers: dict[str, Extractor], articles: list[ArticleText], count: int) -> dict[str, Any]:
    batch = (articles * (count // max(1, len(articles)) + 1))[:count]
    texts = [(a.article.text or "")[s:e] for a in batch for s, e in a.body]
    full = _full_pipeline()
    rates = {"spaCy en_core_web_sm": _rate(len(batch), lambda: sum(1 for _ in full.pipe(texts, n_process=1)))}
    for name, reader in readers.items():
        rates[name] = _rate(len(batch), lambda r=reader: sum(1 for _ in r.extract_many(batch, n_process=1)))
    return {
        "articles": len(batch),
        "rates": rates,
        "peak_memory_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def _rate(n: int, run: Any) -> float:
    started = time.perf_counter()
    run()
    return n / (time.perf_counter() - started)


def _full_pipeline() -> Any:
    import importlib

    for name in MODEL_PACKAGES:
        try:
            return importlib.import_module(name).load()
        except ImportError:
            continue
    raise SystemExit("no English spaCy model installed")


def report(result: dict[str, Any]) -> list[str]:
    lines = [f"Run of {result['date']} ({result['model']})", ""]
    if result.get("note"):
        lines += [f"Note: {result['note']}.", ""]
    for set_name, by_reader in result["quality"].items():
        documents = next(iter(by_reader.values()))["documents"]
        lines += [
            f"### {set_name} ({documents} documents)",
            "",
            "| reader | P | R | F1 | item recall | date | certainty | F1 by type |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
        ]
        for reader, s in by_reader.items():
            types = ", ".join(f"{t} {v['f1']:.2f} ({v['tp']}/{v['tp'] + v['fn']})" for t, v in s["per_type"].items())
            lines.append(
                f"| {reader} | {s['precision']:.2f} | {s['recall']:.2f} | **{s['f1']:.2f}** | "
                f"{_fmt(s['item_recall'])} | {_fmt(s['date_agreement'])} | "
                f"{_fmt(s['certainty_agreement'])} | {types} |"
            )
        learned = by_reader["learned"]
        unmet = [k for k, target in TARGETS.items() if learned[k] is None or learned[k] < target]
        lines += [
            "",
            "targets (F1 >= 0.85, items >= 0.85, date >= 0.85, certainty >= 0.80) for the learned reader: "
            + ("met" if not unmet else "NOT met: " + ", ".join(unmet)),
            "",
        ]
    s = result["speed"]
    if s is None:
        return lines
    base = s["rates"]["spaCy en_core_web_sm"]
    lines += [
        f"### throughput, one core ({s['articles']} articles)",
        "",
        "| pipeline | articles/s | / bare spaCy (target >= 0.5 for the learned reader) |",
        "| --- | ---: | ---: |",
    ]
    for name, rate in s["rates"].items():
        lines.append(f"| {name} | {rate:.1f} | {rate / base:.2f} |")
    ratio = s["rates"]["learned"] / base
    lines += [
        "",
        f"learned / spaCy = {ratio:.2f} ({'met' if ratio >= SPEED_TARGET else 'NOT met'}); "
        f"peak memory {s['peak_memory_mb']} MB (target < 1024: "
        f"{'met' if s['peak_memory_mb'] < 1024 else 'NOT met'})",
    ]
    return lines


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _held_out_note(record: dict[str, Any]) -> str | None:
    """Weights refitted on ``validation`` after the choices (the training default) have seen it: say so, with
    the held-out figure the training record keeps."""
    if not record.get("refit"):
        return None
    held = record.get("validation", {}).get("learned", {})
    return (
        "the learned reader's heads were refitted on train and validation: its figures on validation are not "
        f"held out (the training record's held-out validation F1, heads fitted on train alone: {held.get('f1', '?')})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200, help="articles per speed run (the texts are repeated)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--split",
        choices=["evaluation", "validation"],
        default="evaluation",
        help="evaluation: the test split and gold-dev (reported, never tuned on); validation: the split "
        "decisions are taken on",
    )
    parser.add_argument(
        "--model",
        type=Path,
        default=None,
        help="the learned reader's weights to measure (a reader.npz written by 'python -m eventgraph.training "
        "--output'); default: the packaged ones",
    )
    args = parser.parse_args()
    rules = Extractor()
    learned = LearnedExtractor(model_path=args.model, nlp=rules.nlp, gazetteer=rules.gazetteer, lexicon=rules.lexicon)
    readers: dict[str, Extractor] = {"learned": learned, "rules": rules}
    chosen = VALIDATION_SET if args.split == "validation" else EVALUATION_SETS
    sets = {name: read_set(gold, articles) for name, (gold, articles) in chosen.items() if gold.is_dir()}
    result = {
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "model": f"model trained {learned.classifier.record.get('trained_at', '?')}, corpus sha256 "
        f"{str(learned.classifier.record.get('corpus_sha256', '?'))[:12]}",
        "note": _held_out_note(learned.classifier.record) if args.split == "validation" else None,
        "quality": {name: quality(readers, items) for name, items in sets.items()},
        "speed": speed(readers, [a for items in sets.values() for a, _ in items], args.count) if args.count else None,
    }
    print(json.dumps(result, indent=2) if args.json else "\n".join(report(result)))


if __name__ == "__main__":
    main()
