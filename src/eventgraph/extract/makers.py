"""Who makes the weapons a sentence's production words tell of, when it is no state: a company ("built by
Korea Aerospace Industries for Poland", "Rheinmetall ... will build Lynx vehicles in Ukraine": the corpus
gives production by a named company to the company, its state being no producer), or a state that another
helps ("the United States helped Japan build its own interceptors": help, not a state's production)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from eventgraph.extract.candidates import actor_fillers
from eventgraph.model import EventType

if TYPE_CHECKING:
    from eventgraph.extract.candidates import PairCandidate, SentenceView

RELATIVE_PRONOUNS = frozenset({"that", "which", "who"})
BACK_PRONOUNS = frozenset({"it", "they"})
HELPING = frozenset({"help", "assist", "aid"})


def made_by_others(candidate: PairCandidate, kind: EventType) -> bool:
    """A state's production where every production word of its sentence has a company as its maker, or is
    what one side helps another do: no production of the state's own."""
    if kind != EventType.PRODUCTION or candidate.recipient is not None:
        return False
    view = candidate.view
    if not view.states.get(candidate.actor.key):
        return False  # a state the rules resolved from a pronoun: theirs to read
    words = [token for token, found in view.reader.triggers if found == EventType.PRODUCTION]
    return bool(words) and all(helped(word) or company_made(view, word) for word in words)


def helped(word: Any) -> bool:
    """ "helped Japan build interceptors", "helping China build a system": the word is what a verb of helping
    asks for."""
    current = word
    while current.dep_ in ("xcomp", "ccomp", "conj") and current.head.i != current.i:
        current = current.head
        if current.lemma_.lower() in HELPING:
            return True
    return False


def company_made(view: SentenceView, word: Any) -> bool:
    """The maker of a production word is a company: a noun of company (cue kind ``company``: "a Russian defence
    company is producing") or a proper name the gazetteer does not know ("built by Korea Aerospace
    Industries"), as its subject, "by" agent or possessor; a relative pronoun stands for the noun it describes
    ("firms that produce drones"), and "it"/"they" for the subject of the sentence's main verb ("Rheinmetall
    has opened a plant, where it will build ..."). Not a state or an organ of one, nor a state's industry."""
    fillers = actor_fillers(word)
    if not fillers and word.pos_ == "NOUN":  # "companies are expanding production lines"
        head = word
        while head.dep_ == "compound" and head.head.i != head.i:
            head = head.head
        if head.dep_ == "dobj":
            fillers = [ch for ch in head.head.children if ch.dep_ in ("nsubj", "csubj")]
    makers = []
    for filler in fillers:
        if filler.lower_ in RELATIVE_PRONOUNS and word.dep_ == "relcl":
            filler = word.head
        elif filler.lower_ in BACK_PRONOUNS:
            root = filler.sent.root
            subjects = [ch for ch in root.children if ch.dep_ in ("nsubj", "csubj") and ch.i < filler.i]
            if not subjects or subjects[0].i == filler.i:
                return False
            filler = subjects[0]
        makers.append(filler)
    return bool(makers) and all(_company(view, maker) for maker in makers)


def _company(view: SentenceView, token: Any) -> bool:
    mention = view.reader.by_token.get(token.i)
    if mention is not None:
        return False  # a state, an organ, a person the gazetteer knows
    if view.reader.lexicon.has_cue("company", token.lemma_.lower()):
        return True
    # an unknown name; at the start of a sentence the tagger may take it for a common noun ("Rheinmetall has")
    return bool(token.is_title and (token.pos_ == "PROPN" or (token.tag_ == "NN" and token.i == token.sent.start)))
