"""Who the partners of a cooperation are: the hub of a multilateral activity; a partner the sentence names.

"Forces from Arnor and Gondor, as well as from Rohan, take part in the exercise in Dale": the corpus pairs each
participant of a multilateral exercise with its host or partner (31 of the 34 sentences of `train` whose gold
cooperation joins three or more states are such stars).  The heads score the pairs of a sentence one by one,
so they often keep, beside the star, pairs of two participants.  ``one_hub`` keeps the star: a pair of two
states named in a sentence that each cooperate with a third in it goes when that third is paired with more
states than either of them.  (A state the sentence leaves to the context may be the hub itself: "the carrier
group exercised with Gondorian destroyers", so a pair with it is never dropped; where three states are paired
alike, "Arnor, Gondor and Rohan began a joint exercise", the corpus is split, two stars and two triangles on
`train`, and all pairs stand.)  ``partners.with_the_host`` and ``learned._one_side_of_a_hub`` do the same
where the participants are one list and the hub is named apart from it; this covers two lists of
participants ("from A and B, as well as from C") and a hub the heads pair with each.
"""

from __future__ import annotations

from typing import Any

from eventgraph.extract.partners import listed_together
from eventgraph.model import EventType


def one_hub(decisions: list[Any]) -> list[Any]:
    """The decisions without the cooperation pairs of two participants of a sentence's hub (module doc)."""
    coop = [d for d in decisions if d.type == EventType.COOPERATION and d.candidate.recipient is not None]
    by_view: dict[int, list[Any]] = {}
    for d in coop:
        by_view.setdefault(id(d.candidate.view), []).append(d)
    dropped: set[int] = set()
    for group in by_view.values():
        view = group[0].candidate.view
        partners: dict[str, set[str]] = {}
        for d in group:
            a, b = d.candidate.key
            partners.setdefault(a, set()).add(b)
            partners.setdefault(b, set()).add(a)
        for d in group:
            a, b = d.candidate.key
            hubs = (partners[a] & partners[b]) - {a, b}
            if not view.states.get(a) or not view.states.get(b):
                continue
            degree = max(len(partners[a]), len(partners[b]))
            if any(len(partners[h]) > degree for h in hubs):
                dropped.add(id(d))
    return [d for d in decisions if id(d) not in dropped]


def named_partner_first(decisions: list[Any]) -> list[Any]:
    """ "Arnorian ships drilled with forces of Gondor and Rohan" after sentences on Dale and Esgaroth: a
    cooperation or agreement the sentence tells between two states it names, not one list ("Arnor and Gondor"
    are co-participants, whose partner may be the context's), has its partner there: the named state
    takes no partner from the context for the same type in that sentence.  A state named only as where it
    happens ("Gondorian crews trained in Arnor", "we will keep training Gondorian soldiers in Arnor") is no
    such partner: the trainer may be the context's; nor are two states each named as someone's partner
    ("exercised with Gondorian destroyers, then drilled with the Rohirric navy": the subject's partners)."""
    unordered = (EventType.COOPERATION, EventType.AGREEMENT)
    partnered: set[tuple[int, EventType, str]] = set()
    for d in decisions:
        c = d.candidate
        if d.type not in unordered or c.recipient is None:
            continue
        first, second = c.view.states.get(c.actor.key), c.view.states.get(c.recipient.key)
        if (
            first
            and second
            and not listed_together(first, second)
            and not (_placed(first) or _placed(second))
            and not (_with(first) and _with(second))
        ):
            partnered |= {(id(c.view), d.type, c.actor.key), (id(c.view), d.type, c.recipient.key)}

    def from_the_context(d: Any) -> bool:
        c = d.candidate
        if d.type not in unordered or c.recipient is None:
            return False
        named = [k for k in c.key if c.view.states.get(k)]
        return len(named) == 1 and (id(c.view), d.type, named[0]) in partnered

    return [d for d in decisions if not from_the_context(d)]


WHERE = frozenset({"in", "at", "near", "inside", "across", "throughout", "over", "around"})


def _placed(roots: list[Any]) -> bool:
    """Every mention of the state is the object of a preposition of place ("in Arnor", "near Minas Tirith")."""
    return all(root.dep_ == "pobj" and root.head.lower_ in WHERE for root in roots)


def _with(roots: list[Any]) -> bool:
    """Every mention of the state names whom someone acts with ("with Gondorian destroyers", "alongside")."""

    def partner(token: Any) -> bool:
        while token.dep_ in ("amod", "compound", "poss", "nmod") and token.head is not token:
            token = token.head
        return token.dep_ == "pobj" and token.head.lower_ in ("with", "alongside")

    return all(partner(root) for root in roots)
