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

from eventgraph.articles import read_article_files
from eventgraph.extract import Extractor
from eventgraph.extract.nlp import MODEL_PACKAGES

SHARED_ARTICLES = Path(__file__).resolve().parents[2] / "shared" / "data" / "articles"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000, help="articles per run (the set is repeated)")
    parser.add_argument("--articles", type=Path, default=SHARED_ARTICLES)
    args = parser.parse_args()
    read = read_article_files(sorted(args.articles.glob("*.txt")))
    base = read.articles
    articles = (base * (args.count // len(base) + 1))[:args.count]
    texts = [(a.article.text or "")[s:e] for a in articles for s, e in a.body]
    extractor = Extractor()
    extractor.extract(articles[0])  # warm up: model and name matcher loaded
    tokens = sum(len(doc) for doc in extractor.nlp.pipe(texts[:200]))
    print(f"{len(articles)} articles ({len(base)} distinct), {len(texts)} paragraphs, "
          f"~{tokens * len(texts) // 200} tokens")
    full = _full_pipeline()
    for n_process in (1, 2):
        bare = _rate(len(articles), lambda: sum(1 for _ in extractor.nlp.pipe(texts, n_process=n_process)))
        reference = _rate(len(articles), lambda: sum(1 for _ in full.pipe(texts, n_process=n_process)))
        ours = _rate(len(articles), lambda: sum(1 for _ in extractor.extract_many(articles, n_process=n_process)))
        print(f"n_process={n_process}: spaCy (tagger, parser) {bare:7.1f} articles/s | "
              f"spaCy with NER {reference:7.1f} articles/s | extractor {ours:7.1f} articles/s | "
              f"extractor / spaCy = {ours / bare:.2f} (vs spaCy with NER {ours / reference:.2f})")


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
