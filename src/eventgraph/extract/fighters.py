"""'Fighters' as aircraft.

The gazetteer leaves the bare word "fighters" out: far more often it names armed men ("Hamas fighters",
"foreign fighters") than jets.  Where the sentence treats it as a kind of weapon, it is the gazetteer's
fighter jets, as the article writes it: listed with other weapons ("fighters, tanks and missiles"), listed
under a word for weapons ("arms imports, mainly fighters", "arms, including fighters"), or what a verb or noun
of sale or delivery takes ("sold 24 fighters", "deliveries of fighters"), and never with a word that makes
them men of a group or a side ("Hamas fighters", "foreign fighters").
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from eventgraph.extract.lexicon import Lexicon, Mention
from eventgraph.model import Entity, EntityKind, EventType

WORDS = frozenset({"fighters"})
FIGHTER_JETS = "fighter-jets"  # the gazetteer's generic entry for combat aircraft
MOVES_MEN = frozenset({"send", "provide"})  # words of supply that as often move men ("sent fighters to Syria")
LISTING = frozenset({"including", "like", "as"})  # prepositions that open a list of kinds ("such as")
# words that make "fighters" men: of a side, a cause or a kind of force
OF_MEN = frozenset(
    {
        "foreign",
        "rebel",
        "militant",
        "islamist",
        "jihadist",
        "opposition",
        "armed",
        "enemy",
        "resistance",
        "tribal",
        "local",
        "volunteer",
        "allied",
        "insurgent",
        "guerrilla",
        "freedom",
    }
)


def with_fighter_jets(sent: Any, mentions: list[Mention], lexicon: Lexicon, jets: Entity | None) -> list[Mention]:
    """The mentions with "fighters" read as fighter jets where the sentence treats it as a weapon."""
    if jets is None:
        return mentions
    taken = {i for m in mentions for i in range(m.start, m.end)}
    weapons = {
        i
        for m in mentions
        if (w := m.first({EntityKind.WEAPON})) is not None and w.category != "personnel"
        for i in range(m.start, m.end)
    }
    found = [
        Mention(token.i, token.i + 1, (replace(jets, written=token.text),))
        for token in sent
        if token.i not in taken
        and token.lower_ in WORDS
        and token.pos_ == "NOUN"
        and not _of_men(token)
        and token.i - 1 not in weapons  # "F-35 fighters": the system before it names them
        and (_listed_with_weapons(token, weapons) or _supplied(token, lexicon))
    ]
    return sorted(mentions + found, key=lambda m: m.start) if found else mentions


def _of_men(token: Any) -> bool:
    """ "Hamas fighters", "foreign fighters", "the group's fighters": men of a side, not jets."""
    return any(
        child.dep_ in ("compound", "amod", "poss", "nmod")
        and (
            child.pos_ == "PROPN"
            or child.ent_type_ in ("NORP", "ORG", "GPE", "PERSON")
            or child.lower_ in OF_MEN
            or child.tag_ == "PRP$"
        )
        for child in token.children
    )


def _coordination(token: Any) -> tuple[Any, list[Any]]:
    """The first noun of the list the token is in, and the list's nouns."""
    first = token
    while first.dep_ == "conj" and first.head.pos_ in ("NOUN", "PROPN"):
        first = first.head
    members = [first]
    at = 0
    while at < len(members):
        members += [c for c in members[at].children if c.dep_ == "conj"]
        at += 1
    return first, members


def _listed_with_weapons(token: Any, weapons: set[int]) -> bool:
    """ "fighters and submarines", "arms, including fighters", "arms imports, mainly fighters"."""
    first, members = _coordination(token)
    if any(m.i in weapons for m in members if m.i != token.i):
        return True
    noun = None
    if first.dep_ == "pobj" and first.head.lower_ in LISTING:
        noun = first.head.head
    elif first.dep_ == "appos":
        noun = first.head
    if noun is None:
        return False
    return noun.i in weapons or any(c.dep_ in ("compound", "amod") and c.i in weapons for c in noun.children)


def _supplied(token: Any, lexicon: Lexicon) -> bool:
    """ "sold 24 fighters", "the delivery of fighters": what a word of supply (not of deployment, nor one that
    as often sends men: "sent fighters to Syria") takes."""
    first, _ = _coordination(token)
    if first.dep_ == "dobj":
        word = first.head
    elif first.dep_ == "pobj" and first.head.lower_ == "of":
        word = first.head.head
    else:
        return False
    if word.lemma_.lower() in MOVES_MEN:
        return False
    rules = lexicon.triggers.get((word.lemma_.lower(), word.pos_), ())
    kinds = {rule.type for rule in rules}
    return EventType.TRANSFER in kinds and EventType.DEPLOYMENT not in kinds
