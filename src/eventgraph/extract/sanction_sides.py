"""The two sides of an article's sanctions: a sentence that leaves a side of a sanction to the context
("Japan and South Korea said they were preparing similar measures", "The new designations also cover
companies in Turkey") takes it from the sides the article's other sanctions name, not from any state named
nearby: the states imposing sanctions are not their target, and no state of the context but them imposes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from eventgraph.extract.sentence import countries_of
from eventgraph.model import EventType

if TYPE_CHECKING:
    from collections.abc import Sequence


def _named(candidate: Any, key: str) -> bool:
    return bool(candidate.view.states.get(key))


def sanction_sides(decisions: Sequence[Any]) -> list[Any]:
    """Drop a sanction whose recipient, taken from the context, is a state the rules read (in its own
    sentence) as imposing the article's sanctions and never as their target; or whose actor, taken from the
    context, is not one of those imposers when there are some.  (A target's state named as the actor is kept:
    "it had banned 48 Japanese officials" may be the countersanction of a state the article's sanctions hit.)"""
    views = {id(d.candidate.view): d.candidate.view for d in decisions}.values()
    # the sentences' own readings of sanction words (not the sides the rules then take from the context)
    read = [d.candidate for view in views for d in view.drafts if d.candidate.type == EventType.SANCTION]
    imposers = {code for c in read for code in countries_of(c.actors)}
    targets = {code for c in read for code in countries_of(c.recipients)}
    kept = []
    for d in decisions:
        candidate = d.candidate
        if d.type == EventType.SANCTION and candidate.recipient is not None and imposers:
            actor, recipient = candidate.actor.key, candidate.recipient.key
            if not _named(candidate, recipient) and recipient in imposers and recipient not in targets:
                continue  # "Japan said it was preparing similar measures": not against the United States
            if actor not in imposers and not _named(candidate, actor):
                continue  # "the designations also cover firms in Turkey": the imposer is not any state nearby
        kept.append(d)
    return kept


REASONS = frozenset({"for", "over"})


def named_for_the_reason(candidate: Any, kind: EventType) -> bool:
    """ "Treasury designates a refinery for buying Iranian crude", "sanctions Chinese firms for building
    drones for Russia": a state named only in the "for"/"over" phrase of the sanction words its sentence
    has (what the targets did) is not what they hit."""
    if kind != EventType.SANCTION or candidate.recipient is None:
        return False
    view = candidate.view
    roots = view.states.get(candidate.recipient.key, [])
    words = [token for token, found in view.reader.triggers if found == EventType.SANCTION]
    if not roots or not words:
        return False
    reasons = set()
    for word in words:
        heads = [word, word.head] if word.dep_ == "dobj" else [word]
        heads += [ch for head in heads for ch in head.children if ch.dep_ in ("dobj", "nsubjpass")]  # its targets
        for head in heads:
            for prep in head.children:
                if prep.dep_ == "prep" and prep.lower_ in REASONS:
                    reasons |= {t.i for t in prep.subtree}
    return all(root.i in reasons for root in roots)
