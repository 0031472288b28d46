"""The learned reader's errors on a split it may be tuned on, sorted by mechanism.

For every document of ``data/corpus/validation`` (or ``train``): each missed gold tuple (no candidate, a
candidate only in other sentences, a candidate under its threshold, read as another type or in the other
direction), each false tuple (one party wrong, wrong type, wrong direction, no gold event of the type) and,
on matched tuples, each date, certainty and transfer item that disagrees with the gold; then the count of
each family.  The evaluation sets (``test``, ``gold-dev``) are not offered: they are never tuned on.

    python benchmarks/extract_errors.py [--split validation|train] [--scores] [--model PATH]

``--model`` reads with another weights file than the packaged one, such as heads fitted on ``train`` alone
(``python -m eventgraph.training --no-refit --output PATH``), whose errors on validation are held out.
"""

from __future__ import annotations

import argparse
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from eventgraph.evaluation import _date_agrees, _item_match, tuples_of
from eventgraph.extract.candidates import PairCandidate
from eventgraph.extract.labels import GoldEvent, candidate_tuple, gold_events
from eventgraph.extract.learned import LearnedExtractor
from eventgraph.extract.output import document_json
from eventgraph.model import EventType
from eventgraph.training import read_split

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"
Tuple = tuple[str, str, str]
Scored = tuple[float, float, PairCandidate]  # probability, threshold, candidate


def scored_candidates(reader: LearnedExtractor, candidates: list[PairCandidate]) -> dict[Tuple, list[Scored]]:
    """Every candidate's probability and threshold per type, by the tuple it would give."""
    out: dict[Tuple, list[Scored]] = defaultdict(list)
    for head in ("pair", "single"):
        wanted = [c for c in candidates if (c.recipient is None) == (head == "single")]
        for candidate, row in zip(wanted, reader.classifier.score(head, [c.features for c in wanted]), strict=True):
            for name, p in row.items():
                agree = f"rule:{name}" in candidate.features
                threshold = reader.classifier.threshold(head, name, rules_agree=agree)
                out[candidate_tuple(candidate, EventType(name))].append((p, threshold, candidate))
    return out


def missed_family(t: Tuple, gold: GoldEvent, scored: list[Scored], named: set[str], predicted: set[Tuple]) -> str:
    if not scored:
        parties = {t[1]} | ({t[2]} if t[2] != "-" else set())
        return "missed: a state never named" if not parties <= named else "missed: the pair never a candidate"
    if gold.span is None:
        return "missed: gold evidence not found in the text"
    start, end = gold.span
    in_sentence = [s for s in scored if s[2].view.start < end and start < s[2].view.end]
    if not in_sentence:
        return "missed: candidates only in other sentences"
    if any(p >= threshold for p, threshold, _ in in_sentence):
        return "missed: taken, then dropped (veto, mirror, headline)"
    if any(u[0] != t[0] and u[1:] == t[1:] for u in predicted):
        return "missed: read as another type"
    if any(u[0] == t[0] and (u[1], u[2]) == (t[2], t[1]) for u in predicted):
        return "missed: wrong direction"
    return "missed: scored under the threshold"


def false_family(t: Tuple, gold: set[Tuple]) -> str:
    if any(u[0] == t[0] and (u[1], u[2]) == (t[2], t[1]) for u in gold):
        return "false: wrong direction"
    if any(u[1:] == t[1:] for u in gold):
        return "false: wrong type"
    if any(u[0] == t[0] and (u[1] == t[1] or u[2] == t[2]) for u in gold):
        return "false: one party wrong"
    if any(u[0] == t[0] for u in gold):
        return "false: the type in the article, both parties wrong"
    return "false: no gold event of that type in the article"


def attribute_errors(t: Tuple, golds: list[dict[str, Any]], preds: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """(family, detail) of each date, certainty and item of a matched tuple that disagrees with the gold."""
    gold, out = golds[0], []
    if "date" in gold and not any(_date_agrees(gold.get("date"), p.get("date")) for p in preds):
        out.append(("date wrong", f"gold {gold.get('date')} read {preds[0].get('date')}"))
    if gold.get("certainty") and not any(p.get("certainty") == gold["certainty"] for p in preds):
        out.append((f"certainty {preds[0].get('certainty')} for {gold['certainty']}", ""))
    if t[0] == "transfer":
        labels = [str(i.get("label", "")).lower() for p in preds for i in p.get("items") or []]
        for aliases in [a for g in golds for a in g.get("items") or []]:
            if not any(_item_match(aliases, label) for label in labels):
                out.append(("transfer item missed", f"{aliases[0]} (read: {', '.join(labels) or 'none'})"))
    return out


def errors_of(reader: LearnedExtractor, article: Any, gold: dict[str, Any], scores: bool) -> list[tuple[str, str]]:
    docs = list(reader.nlp.pipe(reader._texts(article)))
    predicted = document_json(reader.extract_parsed(article, docs))
    _, views, _ = reader.read(article, docs)
    candidates = reader.builder.build(views)
    scored = scored_candidates(reader, candidates)
    golds = gold_events(gold, article.article.text or "")
    gold_index: dict[Tuple, list[dict[str, Any]]] = defaultdict(list)
    pred_index: dict[Tuple, list[dict[str, Any]]] = defaultdict(list)
    for event in gold.get("events", []):
        for t in tuples_of(event):
            gold_index[t].append(event)
    for event in predicted["events"]:
        for t in tuples_of(event):
            pred_index[t].append(event)
    named = {code for c in candidates for code in c.key}
    out = []
    for t in sorted(set(gold_index) - set(pred_index)):
        holder = next(g for g in golds if t in g.tuples)
        family = missed_family(t, holder, scored.get(t, []), named, set(pred_index))
        best = max(scored.get(t, []), key=lambda s: s[0], default=None)
        score = f" [best {best[0]:.2f} against {best[1]:.2f}: {best[2].marked()[:120]}]" if scores and best else ""
        out.append((family, f"{t} {str(gold_index[t][0].get('evidence', ''))[:100]}{score}"))
    for t in sorted(set(pred_index) - set(gold_index)):
        evidence = pred_index[t][0].get("evidence") or {}
        out.append((false_family(t, set(gold_index)), f"{t} {str(evidence.get('text', ''))[:100]}"))
    for t in sorted(set(gold_index) & set(pred_index)):
        out += [(family, f"{t} {detail}") for family, detail in attribute_errors(t, gold_index[t], pred_index[t])]
    return out


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["validation", "train"], default="validation")
    parser.add_argument("--scores", action="store_true", help="show the best candidate's score for each miss")
    parser.add_argument("--model", type=Path, default=None, help="a weights file (default: the packaged model)")
    return parser.parse_args(argv)


def main() -> None:
    args = parse_args()
    reader = LearnedExtractor(model_path=args.model)
    counts: Counter[str] = Counter()
    for article, gold in read_split(CORPUS / args.split):
        for family, detail in errors_of(reader, article, gold, args.scores):
            counts[family] += 1
            print(f"{gold.get('file')}: {family}: {detail}")
    print()
    for family, n in sorted(counts.items()):
        print(f"{n:4d}  {family}")


if __name__ == "__main__":
    main()
