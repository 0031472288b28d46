"""Who the partners of a cooperation are: the host of a multilateral activity, and no state named aside.

"Some 9,000 personnel began air combat training over southern Chile. Brazil, Argentina and Colombia also fly
in the exercise": the corpus pairs each participant of a multilateral exercise with its host (or its partner),
not with each other, and the host is often named only in a sentence before the list of participants.
``hosts_of`` finds the states a sentence names as the place of its noun of a joint activity ("exercise in
Finland", "training over northern Australia"), and ``with_the_host`` pairs the participants listed in a
sentence of the activity with it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from eventgraph.model import EventType

# "in Norway", "over northern Australia": a host; "off Taiwan", "near the border" name no host
PLACE_PREPS = frozenset({"in", "over", "across", "at"})
OBJECTS = frozenset({"dobj", "nsubj", "nsubjpass", "attr", "pobj"})
MARKS = frozenset({"as", "while", "after", "before", "since", "when", "because", "although", "though", "whereas"})
PARTICIPATION = frozenset({"contingent", "participate", "participant", "join"})  # "forces of A and B joined"
# the nouns of a joint activity that takes place somewhere (the rules read them as cooperation only with a
# partner named; here the place is what matters)
ACTIVITIES = frozenset({"exercise", "drill", "training", "manoeuvre", "maneuver", "maneuvers", "wargame", "patrol"})


def _activity_words(sent: Any) -> set[int]:
    """The nouns of a joint activity, by lemma or, for a name's word ("Exercise Cold Response"), by form."""
    return {
        int(t.i)
        for t in sent
        if t.pos_ in ("NOUN", "PROPN") and (t.lemma_.lower() in ACTIVITIES or t.lower_.rstrip("s") in ACTIVITIES)
    }


def _states_the_event_word_places(roots: list[Any], words: set[int]) -> bool:
    """One of the roots is the object of a place preposition that hangs on a noun of a joint activity, or on the
    verb that takes that word as its subject or object ("began the exercise in Finland")."""
    for root in roots:
        prep = root.head
        if root.dep_ != "pobj" or prep.lower_ not in PLACE_PREPS:
            continue
        head = prep.head
        if head.i in words or any(c.dep_ == "compound" and c.i in words for c in head.children):
            return True  # "an exercise in Finland", "Exercise Northern Shield in Finland"
        if head.pos_ in ("VERB", "AUX") and any(c.i in words and c.dep_ in OBJECTS for c in head.children):
            return True
    return False


def hosts_of(states: dict[str, list[Any]], sent: Any) -> set[str]:
    """The states (by key) a sentence names as the place of one of its nouns of a joint activity."""
    words = _activity_words(sent)
    if not words:
        return set()
    return {code for code, roots in states.items() if roots and _states_the_event_word_places(roots, words)}


def listed_together(first: list[Any], second: list[Any]) -> bool:
    """Two states named in one list ("Brazil, Argentina and Colombia"), however the parse chains it."""
    for x in first:
        group = {x.i, *(t.i for t in x.conjuncts)}
        if x.dep_ == "appos":
            group.add(x.head.i)
        for y in second:
            if y.i in group or (y.dep_ == "appos" and y.head.i == x.i):
                return True
    return False


def _group(view: Any, start: set[str], states: set[str]) -> set[str]:
    """The states of ``states`` joined to those of ``start`` through the lists of the sentence."""
    codes = sorted(states)
    group, todo = set(start), sorted(start)
    while todo:
        first = todo.pop()
        for other in codes:
            if other not in group and listed_together(view.states.get(first, []), view.states.get(other, [])):
                group.add(other)
                todo.append(other)
    return group


def _one_group(view: Any, states: set[str]) -> bool:
    """The states, two or more, are one list of the sentence (each joined to the others through the list)."""
    return len(states) >= 2 and _group(view, {min(states)}, states) == states


def _takes_part(view: Any) -> bool:
    """The sentence tells of a joint activity or of taking part in one."""
    if any(kind == EventType.COOPERATION for _, kind in view.reader.triggers) or _activity_words(view.sent):
        return True
    return any(t.lemma_.lower() in PARTICIPATION for t in view.sent)


def with_the_host(
    decisions: list[Any], candidates: list[Any], views: list[Any], score: Callable[[list[Any]], list[Any]]
) -> list[Any]:
    """ "About 20,000 troops began an exercise in Finland. Forces from Arnor, Gondor and Rohan take part":
    the states of one list of a sentence of a joint activity (or that the heads take as cooperating with each
    other), where the sentence or one of the two before names one host of the activity outside the list, are
    each the host's partner, not the others' (the corpus pairs a multilateral exercise's participants with its
    host).  ``score`` gives the heads' cooperation decisions for given candidates, at any score."""
    coop = EventType.COOPERATION
    hosted = {view.index: hosts_of(view.states, view.sent) for view in views}
    inner: dict[int, list[Any]] = {}
    for d in decisions:
        c = d.candidate
        if (
            d.type == coop
            and c.recipient is not None
            and listed_together(c.view.states.get(c.actor.key, []), c.view.states.get(c.recipient.key, []))
        ):
            inner.setdefault(c.view.index, []).append(d)
    taken = {(d.candidate.view.index, frozenset(d.candidate.key)) for d in decisions if d.type == coop}
    dropped: set[int] = set()
    wanted: list[Any] = []
    for view in views:
        named = {code for code, roots in view.states.items() if roots}
        hosts = set().union(*(hosted.get(i, set()) for i in range(view.index - 2, view.index + 1)))
        if view.index in inner:
            members = _group(view, {k for d in inner[view.index] for k in d.candidate.key}, named)
        elif _takes_part(view) and len(named - hosts) >= 2 and _one_group(view, named - hosts):
            members = named - hosts
        else:
            continue
        hosts -= members
        if len(hosts) != 1:
            continue
        (host,) = hosts
        for c in candidates:
            if c.view is not view or c.recipient is None or c.recipient.key != host or c.actor.key not in members:
                continue
            if (view.index, frozenset(c.key)) not in taken:
                taken.add((view.index, frozenset(c.key)))
                wanted.append(c)
        dropped |= {id(d) for d in inner.get(view.index, [])}
    return [d for d in decisions if id(d) not in dropped] + score(wanted)


def aside(candidate: Any, kind: EventType) -> bool:
    """ "Arnorian and Gondorian troops began drills as Mordor bristled", "..., the ministry said, days after
    Mordor protested": a state named only in a clause of its own (an adverbial clause opened by "as",
    "while", "after", ...) that holds no word of an event, while the other state is named outside it, takes no
    part in the sentence's cooperation."""
    if kind != EventType.COOPERATION or candidate.recipient is None:
        return False
    view = candidate.view
    words = _activity_words(view.sent) | {int(t.i) for t, _ in view.reader.triggers}
    first = view.states.get(candidate.actor.key, [])
    second = view.states.get(candidate.recipient.key, [])
    if not first or not second:
        return False
    for clause in view.sent:
        if clause.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ in MARKS for c in clause.children):
            continue
        inside = {t.i for t in clause.subtree}
        if inside & words:
            continue
        for one, other in ((first, second), (second, first)):
            if all(r.i in inside for r in one) and not any(r.i in inside for r in other):
                return True
    return False


SUPPORT = frozenset({"support", "help", "assistance"})
GIVING = frozenset({"provide", "give", "offer", "lend"})


def _supporters(view: Any) -> set[str]:
    """The states a sentence names as giving support: "with help from A, B and C", "A, B and C provided
    support"."""
    named = {code for code, roots in view.states.items() if roots}
    for code in sorted(named):
        for root in view.states[code]:
            head = root.head
            by_from = root.dep_ == "pobj" and head.lower_ == "from" and head.head.lemma_.lower() in SUPPORT
            by_giving = (
                root.dep_ == "nsubj"
                and head.lemma_.lower() in GIVING
                and any(c.dep_ == "dobj" and c.lemma_.lower() in SUPPORT for c in head.children)
            )
            if by_from or by_giving:
                return _group(view, {code}, named)
    return set()


def with_the_supported(
    decisions: list[Any],
    candidates: list[Any],
    views: list[Any],
    lexicon: Any,
    score: Callable[[list[Any]], list[Any]],
) -> list[Any]:
    """ "Arnor and Gondor struck Mordor. Rohan and Dale provided support", "... were intercepted, with help
    from Rohan and Dale": the states that support a strike cooperate with its attackers, those that help to
    intercept with the defender (the corpus conventions: "allies helping to intercept are cooperation with
    the defender"), not with each other nor with the side struck."""
    coop = EventType.COOPERATION
    countries = {code for view in views for code in view.states}
    attacks: dict[int, list[Any]] = {}
    for d in decisions:
        if d.type == EventType.ATTACK and d.candidate.recipient is not None:
            attacks.setdefault(d.candidate.view.index, []).append(d)
    dropped: set[int] = set()
    wanted: list[Any] = []
    taken = {(d.candidate.view.index, frozenset(d.candidate.key)) for d in decisions if d.type == coop}
    for view in views:
        helpers = _supporters(view)
        if not helpers:
            continue
        near = [v for v in views if view.index - 2 <= v.index <= view.index]
        intercepted = any(lexicon.has_cue("interception", t.lemma_.lower()) for v in near[-2:] for t in v.sent)
        # the nearest sentence's strike: the heads' attacks of two states, or the rules' (a group struck)
        struck: list[tuple[set[str], set[str]]] = []
        for v in reversed(near):
            struck = [({d.candidate.actor.key}, {d.candidate.recipient.key}) for d in attacks.get(v.index, [])]
            struck += [
                ({e.key for e in event.actors}, {e.key for e in event.recipients})
                for event in v.rule_events
                if event.type == EventType.ATTACK
            ]
            if struck:
                break
        if intercepted:  # the defender the sentence names ("Arnor's army said ..."), or the side struck
            hub = {code for code, roots in view.states.items() if roots and code not in helpers} or set().union(
                *(r for _, r in struck)
            )
        else:
            hub = set().union(*(a for a, _ in struck))
        hub = (hub & set(countries)) - helpers
        if not hub:
            continue
        targets = set().union(*(r for _, r in struck)) - hub
        for d in decisions:
            c = d.candidate
            if d.type == coop and c.view is view and c.recipient is not None and set(c.key) <= helpers | targets:
                dropped.add(id(d))
        for c in candidates:
            if c.view is not view or c.recipient is None or c.actor.key not in helpers or c.recipient.key not in hub:
                continue
            if (view.index, frozenset(c.key)) not in taken:
                taken.add((view.index, frozenset(c.key)))
                wanted.append(c)
    return [d for d in decisions if id(d) not in dropped] + score(wanted)
