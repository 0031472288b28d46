"""The participants of one multilateral activity cooperate with its hub, not with each other.

"Forces from Arnor and Gondor, as well as from Rohan, take part in the exercise in Dale": the corpus pairs each
participant of a multilateral exercise with its host or partner (31 of the 34 sentences of `train` whose gold
cooperation joins three or more states are such stars; three pair every state with every other).  The heads
score the pairs of a sentence one by one, so they often keep, beside the star, pairs of two participants.
``one_hub`` keeps the star: a pair of two states named in a sentence that each cooperate with a third in it
goes when that third is the sentence's hub, the state paired with more states than either of them or, where
the three are paired alike ("Arnor, Gondor and Rohan began a joint exercise"), the one the article turns on:
the host of the activity, the article's own state (its outlet's), the state the article names most, else
the first named.  (A state the sentence leaves to the context may be the hub itself: "the carrier group
exercised with Gondorian destroyers", so its pairs are not dropped.)  ``partners.with_the_host`` and
``learned._one_side_of_a_hub`` do the same where the participants are one list and the hub is named apart
from it; this covers two lists of participants ("from A and B, as well as from C") and a hub named in the
list itself.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from eventgraph.extract.partners import hosts_of
from eventgraph.model import EventType


def one_hub(decisions: list[Any], views: list[Any]) -> list[Any]:
    """The decisions without the cooperation pairs of two participants of a sentence's hub (module doc)."""
    coop = [d for d in decisions if d.type == EventType.COOPERATION and d.candidate.recipient is not None]
    by_view: dict[int, list[Any]] = {}
    for d in coop:
        by_view.setdefault(id(d.candidate.view), []).append(d)
    named = Counter(code for view in views for code, roots in view.states.items() if roots)
    dropped: set[int] = set()
    for group in by_view.values():
        view = group[0].candidate.view
        pairs = {frozenset(d.candidate.key) for d in group}
        partners: dict[str, set[str]] = {}
        for pair in pairs:
            a, b = sorted(pair)
            partners.setdefault(a, set()).add(b)
            partners.setdefault(b, set()).add(a)
        preferred: str | None = None
        for d in group:
            a, b = d.candidate.key
            hubs = (partners[a] & partners[b]) - {a, b}
            if not hubs or not view.states.get(a) or not view.states.get(b):
                continue
            degree = max(len(partners[a]), len(partners[b]))
            if any(len(partners[h]) > degree for h in hubs):
                dropped.add(id(d))
                continue
            if preferred is None:
                preferred = _hub(view, views, partners, named) or ""
            if preferred in hubs and all(len(partners[h]) <= len(partners[preferred]) for h in hubs):
                dropped.add(id(d))
    return [d for d in decisions if id(d) not in dropped]


def _hub(view: Any, views: list[Any], partners: dict[str, set[str]], named: Counter[str]) -> str | None:
    """The state a sentence's activity turns on, of those paired in it: the host of the activity (named in
    the sentence or one of the two before), the article's own state, the state the article names most,
    else the first named in the sentence."""
    states = set(partners)
    near = [v for v in views if view.index - 2 <= v.index <= view.index]
    hosts: set[str] = set().union(*(hosts_of(v.states, v.sent) for v in near)) & states
    if len(hosts) == 1:
        return next(iter(hosts))
    voice: str | None = view.voice.key if view.voice is not None else None
    if voice in states:
        return voice
    ranked = sorted(states, key=lambda code: -named[code])
    if len(ranked) > 1 and named[ranked[0]] > named[ranked[1]]:
        return ranked[0]
    first = sorted((min(root.i for root in view.states[code]), code) for code in states if view.states.get(code))
    return first[0][1] if first else None
