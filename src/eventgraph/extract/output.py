"""The printed forms of extracted events: the JSON contract, a table, and the event file (YAML or JSON)."""

from __future__ import annotations

import json
from typing import Any

import yaml

from eventgraph.eventfile import dump_event_document
from eventgraph.model import ArticleEvents, Claim, Entity


def entity_json(entity: Entity) -> dict[str, Any]:
    from eventgraph.mapping import entity_iri

    out: dict[str, Any] = {"label": entity.label, "kind": entity.kind.value}
    if entity.written and entity.written.casefold() != entity.label.casefold():
        # the item as the article names it ("K9 howitzers", "Challenger 2" for "Challenger-2"); its entity's own
        # label beside it
        out["label"], out["canonical"] = entity.written, entity.label
    if entity.iso3:
        out["iso3"] = entity.iso3
    if entity.wikidata:
        out["wikidata"] = entity.wikidata
    if entity.category:
        out["category"] = entity.category
    out["id"] = entity_iri(entity).value
    return out


def document_json(document: ArticleEvents) -> dict[str, Any]:
    """The JSON form of ``extract --format json`` (a contract: the quality scorer reads it)."""
    from eventgraph.mapping import event_iri

    article = document.article
    events = []
    for event in document.events:
        events.append(
            {
                "id": event_iri(article, event).value,
                "type": event.type.value,
                "actor": [entity_json(e) for e in event.actors],
                "recipient": [entity_json(e) for e in event.recipients],
                "items": [entity_json(e) for e in event.items],
                "place": [entity_json(e) for e in event.places],
                "quantity": event.quantity.text if event.quantity else None,
                "date": str(event.date) if event.date else None,
                "status": event.status.value,
                "certainty": event.certainty.value,
                "attributed_to": [entity_json(e) for e in event.attributed_to],
                "via": [entity_json(e) for e in event.via],
                "evidence": {"text": event.evidence.text, "start": event.evidence.start, "end": event.evidence.end}
                if event.evidence
                else None,
                **({"claims": [_claim_json(c) for c in event.claims]} if event.claims else {}),
            }
        )
    return {
        "article": {
            "id": article.id,
            "title": article.title,
            "published": article.published.isoformat() if article.published else None,
            "outlet": article.outlet,
            "url": article.url,
        },
        "events": events,
    }


def _claim_json(claim: Claim) -> dict[str, Any]:
    """A claim in the JSON contract (present only on events with claims; the scorer ignores it)."""
    return {
        "stance": claim.stance.value,
        "by": [entity_json(e) for e in claim.claimants],
        "date": str(claim.date) if claim.date else None,
        "evidence": {"text": claim.evidence.text, "start": claim.evidence.start, "end": claim.evidence.end}
        if claim.evidence
        else None,
        "scope": claim.scope.range_text() or None,
        "scope_items": [entity_json(e) for e in claim.scope.items],
    }


def format_documents(documents: list[ArticleEvents], fmt: str) -> str:
    """``json``: the contract (one object per article, one per line for a corpus); ``table``; ``yaml`` and
    ``eventfile-json``: the event file format, ready to correct by hand and ingest."""
    if fmt == "json":
        if len(documents) == 1:
            return json.dumps(document_json(documents[0]), ensure_ascii=False, indent=2) + "\n"
        return "".join(json.dumps(document_json(d), ensure_ascii=False) + "\n" for d in documents)
    if fmt == "eventfile-json":
        if len(documents) == 1:
            return json.dumps(_event_file(documents[0]), ensure_ascii=False, indent=2) + "\n"
        return "".join(json.dumps(_event_file(d), ensure_ascii=False) + "\n" for d in documents)
    if fmt == "yaml":
        return yaml.safe_dump_all([_event_file(d) for d in documents], allow_unicode=True, sort_keys=False, width=110)
    return "".join(_table(d) for d in documents)


def _event_file(document: ArticleEvents) -> dict[str, Any]:
    data = dump_event_document(document)
    if document.article.text is not None:
        data["article"]["text"] = document.article.text
    return data


def _table(document: ArticleEvents) -> str:
    from eventgraph.formats import render_table

    def names(entities: list[Entity]) -> str:
        return ", ".join(e.label for e in entities)

    rows = [
        [
            e.type.value,
            names(e.actors),
            names(e.recipients),
            names(e.items),
            str(e.date or ""),
            e.status.value,
            e.certainty.value,
            names(e.attributed_to),
            (e.evidence.text if e.evidence else ""),
        ]
        for e in document.events
    ]
    header = f"{document.article.title} ({document.article.published or 'no date'}): {len(rows)} events\n"
    columns = ["type", "actor", "recipient", "items", "date", "status", "certainty", "source", "evidence"]
    return header + render_table(columns, rows, max_width=60)
