"""How often each word of ``data/cameo_triggers.csv`` gives a true event on a split, read by the rules.

For every document of the split (``train`` by default: never the evaluation sets), each event the rule reader
takes from a trigger word of the CAMEO table is scored by its tuples against the gold: true when one of its
(type, actor, recipient) tuples is gold, false otherwise.  With ``--model`` (heads fitted without the table,
such as ``python -m eventgraph.training --no-refit``), each tuple the learned reader reads only with the
table counts too, for each word of the table of its type in the tuple's sentence.  Prints
``lemma,type,true,false`` for each word that gave an event; with ``--excluded PATH`` writes the words that are
mostly no event (``exclude``) there, for ``benchmarks/build_cameo_triggers.py``.

    python benchmarks/cameo_trigger_precision.py [--split train] [--excluded benchmarks/cameo_excluded.csv]
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from eventgraph.evaluation import tuples_of
from eventgraph.extract import Extractor, _Reading
from eventgraph.extract.labels import gold_tuples
from eventgraph.extract.lexicon import CAMEO_TRIGGERS
from eventgraph.extract.output import document_json
from eventgraph.resources import read_data_table
from eventgraph.training import read_split

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"
MIN_FALSE = 2  # a word is left out when it gave at least this many false events and more false than true


def exclude(true: int, false: int) -> bool:
    """Mostly no event, seen false at least twice."""
    return false >= MIN_FALSE and false > true


def learned_counts(
    split: str, model: Path, rules: Extractor, cameo: set[tuple[str, str]], counts: dict[tuple[str, str], Counter[str]]
) -> None:
    """Add the learned reader's tuples that only the table brings, by the table's words in their sentence."""
    from eventgraph.extract.learned import LearnedExtractor
    from eventgraph.extract.lexicon import Lexicon

    full = Lexicon.default()
    plain = Lexicon(
        {k: [r for r in v if (r.lemma, r.type.value) not in cameo or k[1] != "VERB"] for k, v in full.triggers.items()},
        full.cues,
        full.treaty_parties,
    )
    with_table = LearnedExtractor(model_path=model, nlp=rules.nlp, gazetteer=rules.gazetteer, lexicon=full)
    without = LearnedExtractor(model_path=model, nlp=rules.nlp, gazetteer=rules.gazetteer, lexicon=plain)
    for article, gold in read_split(CORPUS / split):
        truth = set().union(*(gold_tuples(e) for e in gold.get("events", [])))
        before = {t for e in document_json(without.extract(article))["events"] for t in tuples_of(e)}
        for data in document_json(with_table.extract(article))["events"]:
            new = tuples_of(data) - before
            evidence = (data.get("evidence") or {}).get("text") or ""
            if not new or not evidence:
                continue
            lemmas = {(t.lemma_.lower(), data["type"]) for t in rules.nlp(evidence) if t.pos_ == "VERB"}
            for key in lemmas & cameo:
                counts.setdefault(key, Counter())["true" if new & truth else "false"] += 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("train", "validation"), default="train")
    parser.add_argument("--excluded", type=Path, default=None, help="write the excluded words here")
    parser.add_argument("--model", type=Path, default=None, help="count the learned reader's new tuples too")
    args = parser.parse_args(argv)
    cameo = {(r["lemma"], r["type"]) for r in read_data_table(CAMEO_TRIGGERS)}
    origin: dict[int, tuple[str, str]] = {}
    original = _Reading._events

    def events(self: Any, candidate: Any, *rest: Any) -> Any:
        found = original(self, candidate, *rest)
        for event in found:
            origin[id(event)] = (candidate.trigger.lemma_.lower(), candidate.type.value)
        return found

    _Reading._events = events  # type: ignore[method-assign]
    reader = Extractor()
    counts: dict[tuple[str, str], Counter[str]] = {}
    for article, gold in read_split(CORPUS / args.split):
        truth = set().union(*(gold_tuples(e) for e in gold.get("events", [])))
        document = reader.extract(article)
        for event, data in zip(document.events, document_json(document)["events"], strict=True):
            key = origin.get(id(event))
            if key in cameo:
                counts.setdefault(key, Counter())["true" if tuples_of(data) & truth else "false"] += 1
    if args.model:
        learned_counts(args.split, args.model, reader, cameo, counts)
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["lemma", "type", "true", "false"])
    for (lemma, kind), c in sorted(counts.items()):
        writer.writerow([lemma, kind, c["true"], c["false"]])
    if args.excluded:
        with args.excluded.open("w", encoding="utf-8", newline="") as f:
            out = csv.writer(f, lineterminator="\n")
            out.writerow(["lemma", "type", "true", "false"])
            for (lemma, kind), c in sorted(counts.items()):
                if exclude(c["true"], c["false"]):
                    out.writerow([lemma, kind, c["true"], c["false"]])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
