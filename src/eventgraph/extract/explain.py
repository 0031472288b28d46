"""``extract --explain``: per event, the sentence, the candidate with its parties marked, and the scores."""

from __future__ import annotations

import json
from typing import Any

from eventgraph.extract.learned import ExplainedEvents, Explanation
from eventgraph.extract.output import document_json
from eventgraph.model import ArticleEvents


def explanations_of(document: ArticleEvents) -> list[Explanation]:
    """The explanation of each event; a rule reader's events are explained by their sentence alone."""
    if isinstance(document, ExplainedEvents):
        return document.explanations
    return [
        Explanation(
            e.evidence.text if e.evidence else "", e.evidence.text if e.evidence else "", None, None, decided_by="rules"
        )
        for e in document.events
    ]


def explanation_json(explanation: Explanation) -> dict[str, Any]:
    return {
        "decided_by": explanation.decided_by,
        "sentence": explanation.sentence,
        "candidate": explanation.candidate,
        "score": explanation.score,
        "threshold": explanation.threshold,
        "certainty_scores": explanation.certainty or None,
    }


def explained_json(documents: list[ArticleEvents]) -> str:
    """The JSON contract with an ``explanation`` object on every event."""
    out = []
    for document in documents:
        data = document_json(document)
        for event, explanation in zip(data["events"], explanations_of(document), strict=True):
            event["explanation"] = explanation_json(explanation)
        out.append(data)
    if len(out) == 1:
        return json.dumps(out[0], ensure_ascii=False, indent=2) + "\n"
    return "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in out)


def explained_table(documents: list[ArticleEvents]) -> str:
    """The events' table, then one block per event: its parties, scores and the marked candidate sentence."""
    from eventgraph.extract.output import format_documents

    parts = []
    for document in documents:
        lines = [format_documents([document], "table").rstrip("\n"), "", "why:"]
        for n, (event, why) in enumerate(zip(document.events, explanations_of(document), strict=True), 1):
            parties = " -> ".join(", ".join(e.label for e in side) for side in (event.actors, event.recipients) if side)
            if why.score is None:
                decided = "kept as the rules read it (no model score)"
            else:
                decided = f"score {why.score:.2f} (threshold {why.threshold:.2f})"
            lines.append(
                f"{n}. {event.type.value} {parties}: {decided}; certainty {event.certainty.value}"
                + (" (" + ", ".join(f"{k} {v:.2f}" for k, v in why.certainty.items()) + ")" if why.certainty else "")
            )
            lines.append(f"   candidate: {' '.join(why.candidate.split())}")
        parts.append("\n".join(lines) + "\n")
    return "\n".join(parts)
