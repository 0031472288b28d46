"""An organ of state named with another state's name before it ("Britain's Treasury", "the British
Treasury") is that state's organ, not the one the gazetteer gives its bare name ("Treasury": the US Treasury)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventgraph.extract.lexicon import Mention
from eventgraph.model import EntityKind

if TYPE_CHECKING:
    from spacy.tokens import Span

OWNER_DEPS = ("poss", "amod", "compound", "nmod")
ORGAN_KINDS = (EntityKind.ORGANIZATION, EntityKind.MILITARY_UNIT)


def without_foreign_organs(sent: Span, mentions: list[Mention]) -> list[Mention]:
    """Drop an organ's mention whose head word a mention of another state owns or qualifies: the state's own
    name then stands for it (the sentence reader reads a possessor or modifier of the subject as its state)."""
    doc = sent.doc
    states = {}
    for m in mentions:
        country = m.first({EntityKind.COUNTRY})
        if country is not None:
            for i in range(m.start, m.end):
                states[i] = country.key
    if not states:
        return mentions
    kept = []
    for m in mentions:
        organ = m.first(ORGAN_KINDS)
        if organ is None or not organ.country or m.first({EntityKind.COUNTRY}) is not None:
            kept.append(m)
            continue
        owners = {
            states[t.i]
            for i in range(m.start, m.end)
            for t in doc[i].children
            if t.dep_ in OWNER_DEPS and t.i in states and not m.start <= t.i < m.end
        }
        if owners and organ.country not in owners:
            continue  # "Britain's Treasury": Britain's organ, not the US Treasury
        kept.append(m)
    return kept
