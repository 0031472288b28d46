"""Extraction speed: articles per second of the extractor against the bare spaCy pipeline on the same texts.

The development articles (``../shared/data/articles``, or ``--articles DIR``) are repeated to about
``--count`` articles.  Each run parses the same body paragraphs: the baseline is ``nlp.pipe`` alone (the
pipeline the extractor loads, and the full ``en_core_web_sm`` with NER for reference), the extractor is
``Extractor.extract_many`` (parsing plus everything the extractor does).  Both run with one process and
with two.  The ratio extractor / baseline should stay at 0.75 or more.

    python benchmarks/extract.py [--count 2000] [--articles DIR]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

from eventgraph.articles import read_article_files
from eventgraph.extract import Extractor
from eventgraph.extract.nlp import MODEL_PACKAGES

SHARED_ARTICLES = Path(__file__).resolve().parents[2] / "shared" / "data" / "articles"


TARGET_RATIO = 0.75


def measure(count: int = 2000, articles_dir: Path = SHARED_ARTICLES) -> dict[str, Any]:
    """Articles/s of bare spaCy, spaCy with NER and the extractor, with one process and with two."""
    read = read_article_files(sorted(articles_dir.glob("*.txt")))
    base = read.articles
    articles = (base * (count // len(base) + 1))[:count]
    texts = [(a.article.text or "")[s:e] for a in articles for s, e in a.body]
    extractor = Extractor()
    extractor.extract(articles[0])  # warm up: model and name matcher loaded
    tokens = sum(len(doc) for doc in extractor.nlp.pipe(texts[:200]))
    full = _full_pipeline()
    runs = []
    for n_process in (1, 2):
        bare = _rate(len(articles), lambda n=n_process: sum(1 for _ in extractor.nlp.pipe(texts, n_process=n)))
        reference = _rate(len(articles), lambda n=n_process: sum(1 for _ in full.pipe(texts, n_process=n)))
        ours = _rate(len(articles), lambda n=n_process: sum(1 for _ in extractor.extract_many(articles, n_process=n)))
        runs.append({"n_process": n_process, "spacy": bare, "spacy_ner": reference, "extractor": ours})
    return {
        "articles": len(articles),
        "distinct": len(base),
        "paragraphs": len(texts),
        "tokens": tokens * len(texts) // max(1, min(200, len(texts))),
        "runs": runs,
    }


def table(result: dict[str, Any]) -> list[str]:
    lines = [
        f"{result['articles']} articles ({result['distinct']} distinct), {result['paragraphs']} paragraphs, "
        f"~{result['tokens']} tokens",
        "",
        "| processes | spaCy (tagger, parser) articles/s | spaCy with NER articles/s | extractor articles/s "
        "| extractor / spaCy (target >= 0.75) | extractor / spaCy with NER |",
        "| ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for run in result["runs"]:
        ratio = run["extractor"] / run["spacy"]
        met = "met" if ratio >= TARGET_RATIO else "NOT met"
        lines.append(
            f"| {run['n_process']} | {run['spacy']:.1f} | {run['spacy_ner']:.1f} | {run['extractor']:.1f} "
            f"| {ratio:.2f} ({met}) | {run['extractor'] / run['spacy_ner']:.2f} |"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000, help="articles per run (the set is repeated)")
    parser.add_argument("--articles", type=Path, default=SHARED_ARTICLES)
    args = parser.parse_args()
    print("\n".join(table(measure(args.count, args.articles))))


def _full_pipeline():  # type: ignore[no-untyped-def]
    import importlib

    for name in MODEL_PACKAGES:
        try:
            return importlib.import_module(name).load()
        except ImportError:
            continue
    raise SystemExit("no English spaCy model installed")


def _rate(count: int, work) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    work()
    return count / (time.perf_counter() - start)


if __name__ == "__main__":
    main()
