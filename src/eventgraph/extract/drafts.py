"""What the rules read of a candidate of the learned reader: the rule event and the trigger word's reading
(``Draft``) it borrows from, whether the rules deny it or give its slot to another state, who states it
(``speaker_certainty``), and its sentence's date."""

from __future__ import annotations

from typing import Any

from eventgraph.dates import PartialDate
from eventgraph.extract import Draft
from eventgraph.extract.candidates import (
    UNORDERED,
    PairCandidate,
    SentenceView,
    _slot_status,
    actor_fillers,
    recipient_fillers,
)
from eventgraph.extract.claims import ClaimCues
from eventgraph.extract.lexicon import Mention
from eventgraph.extract.sentence import countries_of, noncombatant_phrase
from eventgraph.extract.speaker import (
    by_speaker,
    by_voice,
    listed_with,
    presupposed,
    said_without_speaker,
    standing_state,
    undated_form,
)
from eventgraph.extract.timex import find_dates
from eventgraph.model import ACTOR_KINDS, Certainty, EntityKind, Event, EventType, Stance

SIDE_BY_SIDE = frozenset(
    {EventType.TRANSFER, EventType.DEPLOYMENT, EventType.SANCTION}
)  # listed actors never at each other


def _matching_rule_event(candidate: PairCandidate, kind: EventType) -> Event | None:
    return next(iter(_matching_rule_events(candidate, kind)), None)


def _matching_rule_events(candidate: PairCandidate, kind: EventType) -> list[Event]:
    """The rule events of the candidate's sentence of its type and parties, in the order the rules read them."""
    out = []
    for event in candidate.view.rule_events:
        if event.type != kind:
            continue
        actors = {e.key for e in event.actors}
        recipients = {e.key for e in event.recipients}
        if candidate.recipient is None:
            if candidate.actor.key in actors:
                out.append(event)
        elif (candidate.actor.key in actors and candidate.recipient.key in recipients) or (
            kind in UNORDERED and {candidate.actor.key, candidate.recipient.key} <= actors | recipients
        ):
            out.append(event)
    return out


def _draft_for(candidate: PairCandidate, kind: EventType) -> Draft | None:
    """The rules' reading of a trigger word of the event's type in the candidate's sentence: the one both
    parties relate to in the parse, else the actor, else the recipient, else the first."""
    view = candidate.view
    drafts = [d for d in view.drafts if d.candidate.type == kind and not d.candidate.negated]
    if not drafts:
        return None
    actor_roots = view.states.get(candidate.actor.key, [])
    recipient_roots = view.states.get(candidate.recipient.key, []) if candidate.recipient is not None else []

    def relates(roots: list[Any], draft: Draft) -> bool:
        return any(view.reader._path_to(root, draft.candidate.trigger) is not None for root in roots)

    def fills(roots: list[Any], fillers: list[Any]) -> int:
        """1 when a party fills the slot, -1 when another phrase does, 0 when the word leaves it open."""
        status = _slot_status(fillers, roots)
        return 1 if status == "party" else -1 if status == "other" else 0

    def fit(draft: Draft) -> int:
        trigger = draft.candidate.trigger
        slots = 2 * fills(actor_roots, actor_fillers(trigger))
        if recipient_roots:
            slots += fills(recipient_roots, recipient_fillers(trigger))
        return 2 * relates(actor_roots, draft) + relates(recipient_roots, draft) + slots

    # "In the first weeks of the Russian invasion, drones struck Russian convoys": the invasion is Russia's
    # act, the strike (whose subject is another phrase) is not
    return max(drafts, key=fit)


def _slot_taken(candidate: PairCandidate, kind: EventType) -> bool:
    """ "Belarus delivered shells to Kazakhstan" states no delivery to Russia, however much the article is
    about Russia: a party taken from the context fills only a slot the sentence leaves open, so the candidate
    is no event when every word of its type the named party relates to gives that slot to another state, or
    when a word of its type has a party that is no state (an armed group, a company) of its own."""
    view = candidate.view
    if candidate.recipient is None or _both_named(candidate):
        return False
    named, implicit_is_recipient = (
        (candidate.actor.key, True) if view.states.get(candidate.actor.key) else (candidate.recipient.key, False)
    )
    roots = view.states.get(named, [])
    groups = _group_roots(view, {candidate.actor.key, candidate.recipient.key})
    if any(
        t.i in groups
        for trigger, found in view.reader.triggers
        if found == kind
        for filler in [*actor_fillers(trigger), *recipient_fillers(trigger)]
        for t in filler.subtree
    ):
        return True  # "recaptured the crossing after fierce combat with Hamas fighters": the other side is named
    others = {root.i for code, found in view.states.items() if code != named for root in found}
    words = [
        trigger
        for trigger, found in view.reader.triggers
        if found == kind and any(view.reader._path_to(root, trigger) is not None for root in roots)
    ]
    if not words or not others:
        return False
    fillers = recipient_fillers if implicit_is_recipient else actor_fillers
    mine = {root.i for root in roots}
    # a phrase that lists the named party with others ("ordered by Chile, Peru and Hungary") is
    # the named party's own slot, shared: it leaves the other slot to the context
    return all(
        any(
            t.i in others
            for filler in fillers(word)
            if not mine & {u.i for u in filler.subtree}
            for t in filler.subtree
        )
        for word in words
    )


def _party_elsewhere(candidate: PairCandidate, kind: EventType) -> bool:
    """An agreement or cooperation between two named states of which one relates to no word of the type,
    while every word the other relates to has a second party of its own ("Russia, which has armed Mali,
    signed a pact with Chad": no pact with Mali; "..., Mali said": no pact with the speaker), or of which
    neither relates to a word whose parties are others.  (The same for supplies, "the Netherlands will
    deliver F-16s to Ukraine, and Norway will provide training", cost true tuples on `train`: not kept.)"""
    view = candidate.view
    if candidate.recipient is None or kind not in UNORDERED or not _both_named(candidate):
        return False
    reader = view.reader
    words = [trigger for trigger, found in reader.triggers if found == kind]
    others = {
        root.i
        for code, found in view.states.items()
        if code not in (candidate.actor.key, candidate.recipient.key)
        for root in found
    }

    def related(code: str) -> list[Any]:
        roots = view.states.get(code, [])
        return [word for word in words if any(reader._path_to(root, word) is not None for root in roots)]

    def joined(word: Any, named: str) -> bool:
        """Another state relates to the word ("signed a pact with Chad"): the second party is there; one listed
        with the named party ("with India, the United States and Japan") is a party beside it, not instead."""
        mine = view.states.get(named, [])
        return any(
            reader._path_to(view.sent.doc[i], word) is not None
            and not any(_listed_together(view.sent.doc[i], root) for root in mine)
            for i in others
        )

    for named, other in (
        (candidate.actor.key, candidate.recipient.key),
        (candidate.recipient.key, candidate.actor.key),
    ):
        mine = related(named)
        if mine and not related(other) and all(joined(word, named) for word in mine):
            return True
    # neither relates to a word of the type, whose parties are others ("Russia, which has armed Mali and
    # Niger, signed a pact with Chad": no pact between Mali and Niger)
    neither = not related(candidate.actor.key) and not related(candidate.recipient.key)
    return bool(words) and neither and all(joined(word, candidate.actor.key) for word in words)


def _listed_subjects(candidate: PairCandidate, kind: EventType) -> bool:
    """ "The Netherlands and Denmark will deliver F-16s": two states listed together as the subject of one
    word of supply, of sending troops or of sanctions act side by side, not on each other."""
    view = candidate.view
    if candidate.recipient is None or kind not in SIDE_BY_SIDE:
        return False
    reader = view.reader
    actor_roots = view.states.get(candidate.actor.key, [])
    recipient_roots = view.states.get(candidate.recipient.key, [])
    for word, found in reader.triggers:
        if found != kind:
            continue
        subject = {t.i for filler in actor_fillers(word) for t in filler.subtree}
        if any(
            a.i in subject and b.i in subject and _listed_together(a, b) for a in actor_roots for b in recipient_roots
        ):
            return True
    return False


def _listed_together(a: Any, b: Any) -> bool:
    """Two names in one list ("India, the United States and Japan"): conjuncts of the same first name."""

    def first(token: Any) -> Any:
        while token.dep_ in ("conj", "appos") and token.head.i != token.i:
            token = token.head
        return token

    return bool(first(a).i == first(b).i)


def _actor_slot_held(candidate: PairCandidate, kind: EventType) -> bool:
    """ "The Houthis attacked a Greek-flagged tanker, the UK agency said": every word of the event's type the
    named actor relates to has a subject (or agent) that is a group of no party, so the state does not act."""
    view = candidate.view
    roots = {root.i for root in view.states.get(candidate.actor.key, [])}
    if not roots or candidate.recipient is None or kind in UNORDERED:
        return False  # (casualties are the victims' own; agreements and cooperation have no order)
    groups = _group_roots(view, {candidate.actor.key, candidate.recipient.key})
    words = [
        trigger
        for trigger, found in view.reader.triggers
        if found == kind and any(view.reader._path_to(view.sent.doc[i], trigger) is not None for i in roots)
    ]
    if not words or not groups:
        return False
    return all(
        (held := {t.i for filler in actor_fillers(word) for t in filler.subtree}) & groups and not held & roots
        for word in words
    )


def _neither_named(candidate: PairCandidate) -> bool:
    """Both parties are taken from the sentences around one that names another state ("Israeli forces
    recaptured the crossing" is no attack between two states of the headline)."""
    view = candidate.view
    if candidate.recipient is None:
        return False  # "the country was producing Iranian-designed drones": one party, named by reference
    named = {code for code, roots in view.states.items() if roots}
    return bool(named) and not {candidate.actor.key, candidate.recipient.key} & named


def _group_roots(view: SentenceView, states: set[str]) -> set[int]:
    """The root tokens of the sentence's names of actors that are no state and no body of ``states`` (an
    armed group, a company, an alliance, a third state's unit)."""
    return {view.reader.mention_root(m).i for m in view.mentions if _other_body(m, states)}


def _other_body(mention: Mention, states: set[str]) -> bool:
    actor = mention.first(ACTOR_KINDS)
    return actor is not None and actor.kind != EntityKind.COUNTRY and (actor.iso3 or actor.country or "") not in states


def _both_named(candidate: PairCandidate) -> bool:
    """Both parties are named in the candidate's sentence (neither taken from the sentences around it)."""
    view = candidate.view
    return bool(view.states.get(candidate.actor.key)) and (
        candidate.recipient is None or bool(view.states.get(candidate.recipient.key))
    )


def _denied_or_hypothetical(candidate: PairCandidate, kind: EventType) -> bool:
    """The rules read every trigger word of the event's type that a party relates to (or, with none of that
    type, every word a party relates to) as denied, negated or hypothetical ("Belarus denied sending tanks to
    Russia", "would consider sending arms", "will not send troops"): no event stated."""
    view = candidate.view
    roots = [*view.states.get(candidate.actor.key, [])]
    if candidate.recipient is not None:
        roots += view.states.get(candidate.recipient.key, [])
    related = [
        d for d in view.drafts if any(view.reader._path_to(root, d.candidate.trigger) is not None for root in roots)
    ]
    # the words of the event's type; else any word the parties relate to ("will not send troops": the rules
    # read "send" as a supply, the heads as a deployment, and the word is negated either way)
    related = [d for d in related if d.candidate.type == kind] or related
    lexicon = view.reader.lexicon
    # "rejects the accusation that Peruvian forces opened fire": the charge denied is still the charge's content,
    # an alleged event (the guidelines: a denial lowers the certainty of the event it denies)
    return bool(related) and all(
        (d.candidate.negated and not _charged(d.candidate.trigger, lexicon)) or d.candidate.hypothetical
        for d in related
    )


def _acting_together(candidate: PairCandidate, kind: EventType) -> bool:
    """ "North Korean troops fought alongside Russian forces": the rules read one party as the other's
    co-actor on a word of the event's type, and neither as the other's recipient, so neither acts on the other."""
    if candidate.recipient is None or kind in UNORDERED:
        return False
    pair = {candidate.actor.key, candidate.recipient.key}
    drafts = [d for d in candidate.view.drafts if d.candidate.type == kind]
    together = any(
        pair <= countries_of(d.candidate.actors) and len(pair & countries_of(d.candidate.co_actors)) == 1
        for d in drafts
    )  # one acts, the other beside it ("Indian and Chinese soldiers fought" is a clash, each the other's target)
    return together and not any(
        candidate.actor.key in (actors := countries_of(d.candidate.actors))
        and candidate.recipient.key in countries_of(d.candidate.recipients) - actors  # "in Kursk" is Russia's too
        for d in drafts
    )


def speaker_certainty(candidate: PairCandidate, draft: Draft | None) -> Certainty | None:
    """Who states the event, against who takes part in it (``extract/speaker.py``): the source the rules
    read for the event's trigger word, with the states listed with it; with no word of the event's type read,
    the sources the sentence's other event words name; else, when the sentence names no source at all, a
    passive word of saying with no speaker ("are expected to") or the article's voice when its outlet is a
    state's.  ``None`` (the certainty head decides) for a source of no known state, for an
    event the sentence presupposes rather than reports ("after Israel struck ..."), and when no one speaks."""
    view = candidate.view
    lexicon = view.reader.lexicon
    parties = {candidate.actor.key} | ({candidate.recipient.key} if candidate.recipient is not None else set())
    if draft is not None and draft.candidate.sources:
        if presupposed(draft.candidate.trigger, lexicon):
            return None
        sources = draft.candidate.sources
        speaker_roots = {root.i for code in countries_of(sources) for root in view.states.get(code, [])}
        listed = {code for code, roots in view.states.items() if listed_with(roots, speaker_roots)}
        return by_speaker(sources, listed, parties, lexicon)
    if any(d.candidate.sources for d in view.drafts):
        return _sentence_speaker(candidate, parties) if draft is None else None
    words = [draft.candidate.trigger] if draft is not None else view.states.get(candidate.actor.key, [])
    if any(said_without_speaker(word, lexicon) for word in words):
        return Certainty.REPORTED  # "troops are expected to join": someone's word, no party's
    return by_voice(view.voice, parties)


def _sentence_speaker(candidate: PairCandidate, parties: set[str]) -> Certainty | None:
    """An event the rules read no word of its type for, in a sentence whose other event words name who says
    them ("North Korea has begun sending troops to Russia, South Korea's spy agency said": the spy agency's
    word is the sentence's, whatever reads the event): those sources, with the states listed with them."""
    view = candidate.view
    sources = list({id(s): s for d in view.drafts for s in d.candidate.sources}.values())
    speaker_roots = {root.i for code in countries_of(sources) for root in view.states.get(code, [])}
    listed = {code for code, roots in view.states.items() if listed_with(roots, speaker_roots)}
    return by_speaker(sources, listed, parties, view.reader.lexicon)


PASSED_THROUGH = frozenset(
    {"prep", "pobj", "agent", "dobj", "nsubj", "nsubjpass", "compound", "poss", "amod", "appos", "conj", "nmod"}
)  # a state's phrase up to the verb of its clause


def hedge_of(candidate: PairCandidate) -> Certainty | None:
    """The hedge on the clause that tells the event, which no rule trigger of the type read: a modal or
    adverb of the verb ("Russia probably supplies oil", "may have helped", "troops, likely including
    Tanzanians") or a verb of seeming it hangs from ("appear to be", "is believed to have sent").  The
    clause is that of the lowest verb both parties' names reach ("could provide technology to help North
    Korea": provide), or of the verb the one named reaches first; so "X may impose sanctions after Y sent
    troops to Z" hedges X's act, not Y's."""
    view = candidate.view
    actor_roots = view.states.get(candidate.actor.key, [])
    recipient_roots = view.states.get(candidate.recipient.key, []) if candidate.recipient is not None else []
    if actor_roots and recipient_roots:
        verbs = []
        shared = {v.i for root in actor_roots for v in _verbs_up(root, shared_subject=True)}
        for root in recipient_roots:
            verbs += [next((v for v in _verbs_up(root) if v.i in shared), None)]
        hedges = [_hedge_at(verb, view.reader) if verb is not None else None for verb in verbs]
        hedge = next((h for h in hedges if h is not None), None)
        if hedge is None and any(
            _charged(verb, view.reader.lexicon) for root in actor_roots for verb in _verbs_up(root)[:1]
        ):
            return Certainty.ALLEGED  # "rejects the Arnorian accusation that Gondorian forces fired"
        return hedge
    # one party named: each of its names in a hedged clause ("lend shells to the United States, which could
    # free American stocks" hedges no lending)
    hedges = [
        _hedge_at(verb, view.reader) if (verb := next(iter(_verbs_up(root)), None)) else None
        for root in actor_roots or recipient_roots
    ]
    return hedges[0] if hedges and all(h is not None for h in hedges) else None


def denied_by_party(candidate: PairCandidate) -> bool:
    """A party of the event is the subject of a word of denial in its sentence ("...; Tehran denies",
    "which Islamabad denied"): what the sentence tells is the other side's claim."""
    view = candidate.view
    lexicon = view.reader.lexicon
    parties = [candidate.actor.key] + ([candidate.recipient.key] if candidate.recipient is not None else [])
    roots = {root.i for code in parties for root in view.states.get(code, [])}
    denying = {cue for cue, stance in ClaimCues.default().stances.items() if stance == Stance.DENIES}
    return any(
        (lexicon.has_cue("denial", token.lemma_.lower()) or token.lemma_.lower() in denying)  # "India disputes"
        and token.pos_ == "VERB"
        and any(child.dep_ == "nsubj" and _names_one_of(child, roots) for child in token.children)
        for token in view.sent
    )


def _names_one_of(subject: Any, roots: set[int]) -> bool:
    """The subject is a party's name, or a phrase it modifies ("Armenia's defence ministry", "the Iranian
    foreign ministry"): the state's organ speaks for it."""
    return subject.i in roots or any(subject.left_edge.i <= i < subject.i for i in roots)


def _verbs_up(root: Any, shared_subject: bool = False) -> list[Any]:
    """The verbs above a name, lowest first: up through its phrase ("troops from Tanzania", "by Iran") to
    its clause's verb, then through the verbs that clause completes or joins ("to help", "and will use");
    with ``shared_subject``, also the verbs joined to those that share their subject ("received ... and will
    likely use them")."""
    token = root
    while token.pos_ not in ("VERB", "AUX") and token.dep_ in PASSED_THROUGH and token.head.i != token.i:
        token = token.head
    if token.pos_ not in ("VERB", "AUX"):
        return []
    out = [token]
    while token.dep_ in ("xcomp", "advcl", "conj") and token.head.i != token.i and token.head.pos_ in ("VERB", "AUX"):
        token = token.head
        out.append(token)
    if shared_subject:
        out += [
            ch
            for verb in out
            for ch in verb.children
            if ch.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in ch.children)
        ]
    return out


def _charged(verb: Any, lexicon: Any) -> bool:
    """The clause is what a charge or claim says ("the accusation that Arnorian forces opened fire", "the
    claim that Gondor sent troops"): the accused side's act is alleged, whoever made the charge."""
    return _noun_clause_level(verb, lexicon) == Certainty.ALLEGED


def _noun_clause_level(verb: Any, lexicon: Any) -> Certainty | None:
    """The certainty of the noun whose content the clause is: `alleged` for a charge or claim ("the
    accusation that ..."), `possible` for a sign of doubt ("indications that ..."), else none."""
    head = verb.head
    if verb.dep_ not in ("acl", "relcl", "ccomp", "appos") or head.pos_ != "NOUN":
        return None
    level = lexicon.cue("certainty", head.lemma_.lower())
    return Certainty(level) if level in (Certainty.ALLEGED.value, Certainty.POSSIBLE.value) else None


def _hedge_at(verb: Any, reader: Any) -> Certainty | None:
    """A modal or adverb of doubt on the verb, or a verb of seeming it completes ("appears to have sent")."""
    lexicon = reader.lexicon
    lemma = verb.lemma_.lower()
    if lexicon.cue("certainty", lemma) == Certainty.ALLEGED.value or lexicon.has_cue("accusing", lemma):
        return Certainty.ALLEGED  # "Pakistan accused Indian forces of breaches": the accusation's parties
    level = _noun_clause_level(verb, lexicon)  # "the accusation that ...", "indications that Arnor is preparing"
    if level is not None:
        return level
    token = verb
    while not reader.is_speech(token):  # "analysts say": the speaker's own verb hedges nothing it tells
        for child in token.children:
            if child.dep_ == "advmod" or (child.dep_ == "aux" and child.tag_ == "MD"):
                hedge = lexicon.cue("certainty", child.lemma_.lower())
                if hedge in (Certainty.POSSIBLE.value, Certainty.ALLEGED.value):
                    return Certainty(hedge)
        if token.dep_ != "xcomp" or token.head.i == token.i:
            return None
        token = token.head  # "appears to have supplied", "is believed to have sent"
        if lexicon.cue("certainty", token.lemma_.lower()) == Certainty.POSSIBLE.value:
            return Certainty.POSSIBLE
    return None


def _named_by_origin(candidate: PairCandidate) -> bool:
    """ "Iranian-made drones", "drones of Iranian origin": the actor is named in the sentence only by where a
    weapon was made.  Such a transfer is the writer's inference from the weapon (``reported`` at most, per
    the annotation guidelines), and the sentence's date is that of the weapon's use, unless a word of
    supply ("arrived", "delivered") the parties relate to dates the transfer itself."""
    return _named_as_origin(candidate.view, candidate.actor.key)


def _named_as_origin(view: SentenceView, key: str) -> bool:
    """The state is named in the sentence only by where a weapon was made ("Iranian-made", "made in Iran")."""
    roots = view.states.get(key, [])
    starts = [view.reader.by_token[root.i].start for root in roots if root.i in view.reader.by_token]
    return bool(starts) and len(starts) == len(roots) and all(start in view.reader.origin_marks for start in starts)


def _maker_in_a_fight(candidate: PairCandidate, kind: EventType) -> bool:
    """ "Air defences destroyed a North Korean-made missile over Kyiv", "the drones, made in Iran, were
    launched from Kursk": where a weapon was made names no side of the attack it is used in."""
    if kind != EventType.ATTACK or candidate.recipient is None:
        return False
    view = candidate.view
    return _named_as_origin(view, candidate.actor.key) or _named_as_origin(view, candidate.recipient.key)


def _downed_by_the_recipient(candidate: PairCandidate, kind: EventType) -> bool:
    """ "Air defences shot down 40 Iranian-made drones, Ukraine's air force said": the weapon named by its
    maker was shot down or intercepted, so the state that reports or downs it did not receive it; only one the
    sentence names as acting with it ("launched by Russia") may have."""
    if kind != EventType.TRANSFER or candidate.recipient is None or not _named_by_origin(candidate):
        return False
    view = candidate.view
    reader = view.reader
    recipient = {root.i for root in view.states.get(candidate.recipient.key, [])}
    downing: set[int] = set()  # the words that down the weapon
    for root in view.states.get(candidate.actor.key, []):
        item = reader._origin_of(root)
        if item is not None and recipient & {t.i for t in item.subtree}:
            return False  # "Israeli-made drones sent by India": the weapon's own phrase names who used it
        current, steps = item, 0
        while current is not None and current.dep_ in ("conj", "appos", "pobj", "prep") and steps < 4:
            current, steps = current.head, steps + 1
        if (
            current is not None
            and current.dep_ in ("dobj", "nsubjpass")
            and reader.lexicon.has_cue("interception", current.head.lemma_.lower())
        ):
            downing.add(current.head.i)
    # "... drones launched by Russia": a side that acts with the weapon in another attack word may hold it
    acting = {
        key
        for d in view.drafts
        if d.candidate.type == EventType.ATTACK and d.candidate.trigger.i not in downing
        for key in countries_of(d.candidate.actors)
    }
    return bool(downing) and candidate.recipient.key not in acting


SOURCE_PRONOUNS = frozenset({"it", "its", "we", "our", "us", "they", "their", "them"})


def _only_the_source(candidate: PairCandidate, kind: EventType) -> bool:
    """ "Iran has supplied Russia with drones, U.S. officials said", "Russia has lost 500,000 soldiers,
    Britain's defence ministry estimated": a state named only as the source of the sentence, relating to no
    event word, is no party where the rules' reading of the event gives its slot to another state.  (A source
    whose slot is left open, "Kyiv said it shot down 25 drones launched by Russia", may be the party.)"""
    view = candidate.view
    drafts = [d for d in view.drafts if d.candidate.type == kind and not d.candidate.negated]
    if not drafts or any(t.lower_ in SOURCE_PRONOUNS for t in view.sent):
        return False  # "Tehran confirmed the strike on its consulate": the source may be a party by a pronoun
    sources = countries_of(source for d in view.drafts for source in d.candidate.sources)
    words = [trigger for trigger, _ in view.reader.triggers]
    parties = [(candidate.actor.key, "actor")]
    if candidate.recipient is not None:
        parties.append((candidate.recipient.key, "recipient"))
    for key, slot in parties:
        roots = view.states.get(key, [])
        if key not in sources or not roots:
            continue
        if any(view.reader._path_to(root, word) is not None for root in roots for word in words):
            continue
        filled = [
            countries_of(d.candidate.actors)
            if slot == "actor" and kind not in UNORDERED
            else countries_of(d.candidate.recipients)
            if kind not in UNORDERED
            else countries_of([*d.candidate.actors, *d.candidate.recipients])
            for d in drafts
        ]
        # an agreement or cooperation has its two sides in one slot
        needed = 2 if kind in UNORDERED else 1
        if any(len(states - {key}) >= needed for states in filled) and not any(key in states for states in filled):
            return True
    return False


def _made_for_the_target(candidate: PairCandidate, kind: EventType) -> bool:
    """ "The missiles, delivered by Iran in September, were used in strikes on Kyiv", "air defences shot down
    40 Iranian-made drones": the side the weapons were used on is not who received them."""
    if kind != EventType.TRANSFER or candidate.recipient is None:
        return False
    recipient = candidate.recipient.key
    return any(
        recipient in countries_of(d.candidate.recipients) - countries_of(d.candidate.actors)
        for d in candidate.view.drafts
        if d.candidate.type == EventType.ATTACK
    )


def _used_there_only(candidate: PairCandidate, kind: EventType) -> bool:
    """ "Iran shipped missiles to Russia for use in Ukraine": the recipient is named only where, or on whom,
    the weapons are to be used (``SentenceReader._used_there``), so it receives nothing."""
    return _recipient_only(candidate, kind, "_used_there")


def _noncombatant_party(candidate: PairCandidate, kind: EventType) -> bool:
    """ "killing 12 Indian civilians": the state is named only for people who are no members of a force, so
    they are no casualties of it."""
    if kind != EventType.CASUALTIES:
        return False
    view = candidate.view
    roots = view.states.get(candidate.actor.key, [])
    lexicon = view.reader.lexicon
    return bool(roots) and all(
        root.dep_ in ("amod", "compound", "poss") and noncombatant_phrase(root.head, lexicon) for root in roots
    )


def _sentence_date(candidate: PairCandidate, fallback: PartialDate | None) -> PartialDate | None:
    """The date of the sentence's rule event; else the first date the sentence writes; else the article's,
    unless the parties' clause tells a standing state (``standing_state``).

    (The date nearest the candidate's parties measured one event worse on validation.)"""
    published = candidate.view.article_date
    if fallback is not None:
        return fallback
    view = candidate.view
    if view.written_dates is not None:
        if view.written_dates:
            return view.written_dates[0]
    else:
        found = find_dates(view.sent.text, published, view.date_context)
        if found:
            return found[0].value
    roots = view.states.get(candidate.actor.key, []) + (
        view.states.get(candidate.recipient.key, []) if candidate.recipient is not None else []
    )
    if roots and all(standing_state(root, view.reader.lexicon) for root in roots):
        return None  # "Poland hosts American soldiers": a standing state, which the article does not date
    doer = view.states.get(candidate.actor.key, [])
    if doer and all(_over_unstated_years(root, view.reader.lexicon) for root in doer):
        return None  # "Arnor has long helped Gondor", "have trained there for years": no time of its own
    return view.undated_date or published


def _over_unstated_years(root: Any, lexicon: Any) -> bool:
    """The doer's name under a verb that tells an act spread over unstated years ("Arnor has long helped
    Gondor build ...", "Arnorian officers have operated helicopters there for years"; ``undated_form``,
    which the rules ask of a trigger word), its own clause's or one that clause completes."""
    return any(undated_form(verb, lexicon) for verb in _verbs_up(root))


def _purchase_no_pact(candidate: PairCandidate, kind: EventType) -> bool:
    """ "Poland signed a deal with South Korea for 180 tanks": the rules read the deal as a purchase between
    a party (``SentenceReader.purchase``) and read no agreement in the sentence, so the pair signed no pact."""
    if kind != EventType.AGREEMENT or candidate.recipient is None:
        return False
    drafts = candidate.view.drafts
    pair = {candidate.actor.key, candidate.recipient.key}
    return not any(d.candidate.type == EventType.AGREEMENT for d in drafts) and any(
        d.candidate.type == EventType.TRANSFER
        and candidate.view.reader.purchase(d.candidate.trigger)
        and pair & (countries_of(d.candidate.actors) | countries_of(d.candidate.recipients))
        for d in drafts
    )


def _border_only(candidate: PairCandidate, kind: EventType) -> bool:
    """ "exercises near the Polish border", "areas close to the Russian border": a state named only for the
    border where something happens (cue kind ``boundary``) takes no part in it (attacks aside: fire across a
    border hits the state beyond it)."""
    if kind == EventType.ATTACK:
        return False
    view = candidate.view
    lexicon = view.reader.lexicon
    parties = [candidate.actor] + ([candidate.recipient] if candidate.recipient is not None else [])
    for party in parties:
        roots = view.states.get(party.key, [])
        if roots and all(
            root.dep_ in ("amod", "compound", "poss", "nmod") and lexicon.has_cue("boundary", root.head.lemma_.lower())
            for root in roots
        ):
            return True
    return False


def _where_debris_fell(candidate: PairCandidate, kind: EventType) -> bool:
    """ "Wreckage of a drone downed by Ukrainian forces was found in Latvia", "a drone whose debris fell on
    Moldovan territory": a state named only for the place where the remains of a weapon (cue kind ``debris``)
    came down or were found, after it was brought down, takes no part in what brought the weapon down."""
    view = candidate.view
    lexicon = view.reader.lexicon
    parties = [candidate.actor] + ([candidate.recipient] if candidate.recipient is not None else [])
    return any(
        (roots := view.states.get(party.key, [])) and all(_debris_place(root, lexicon) for root in roots)
        for party in parties
    )


def _debris_place(root: Any, lexicon: Any) -> bool:
    """The state's word stands in a place phrase ("in Latvia", "on Moldovan territory", "in a field in
    eastern Poland") of a verb whose subject is a cue of kind ``debris`` ("wreckage", "fragments", "debris")."""
    token, places = root, 0
    while places < 3:  # "in a field in eastern Poland": place phrases inside place phrases
        while token.dep_ in ("amod", "compound", "poss", "nmod", "conj") and token.head is not token:
            token = token.head
        if token.dep_ != "pobj" or token.head.dep_ != "prep":
            return False
        token, places = token.head.head, places + 1
        if token.pos_ in ("VERB", "AUX"):
            break
    verb = token
    if verb.pos_ not in ("VERB", "AUX") or lexicon.has_cue("interception", verb.lemma_.lower()):
        return False  # "shot down over Ukraine": where a weapon is downed is the defender's
    subjects = [child for child in verb.children if child.dep_ in ("nsubj", "nsubjpass")]
    if not subjects and verb.dep_ == "conj":  # "Debris ... shot down over Ukraine fell in Poland"
        subjects = [child for child in verb.head.children if child.dep_ in ("nsubj", "nsubjpass")]
    # of a weapon brought down ("downed", "shot down", "intercepted"): the remains of one that struck mark
    # its target ("fragments of the missiles were found in Kharkiv")
    downed = any(lexicon.has_cue("interception", t.lemma_.lower()) for t in verb.sent if t.i != verb.i)
    return downed and any(lexicon.has_cue("debris", subject.lemma_.lower()) for subject in subjects)


def _setting_only(candidate: PairCandidate, kind: EventType) -> bool:
    """ "At the IDEX show in Abu Dhabi, Egypt signed for howitzers from South Korea": the recipient is named
    only in a place phrase set before the clause's subject (``SentenceReader._setting``), where the supply was
    agreed, so it receives nothing."""
    return _recipient_only(candidate, kind, "_setting")


def _recipient_only(candidate: PairCandidate, kind: EventType, relation: str) -> bool:
    """Whether every mention of a transfer's recipient stands, to each word of the supply, in the
    ``SentenceReader`` relation named (``_used_there``, ``_setting``): a place of use or a setting, no receiver."""
    if kind != EventType.TRANSFER or candidate.recipient is None:
        return False
    view = candidate.view
    reader = view.reader
    related = getattr(reader, relation)
    # the supply's words; else the sentence's main verb ("handed over drones" with no weapon the lexicon knows)
    words = [word for word, found in reader.triggers if found == EventType.TRANSFER] or [view.sent.root]
    roots = view.states.get(candidate.recipient.key, [])
    return bool(roots) and all(any(related(root, word) for word in words) for root in roots)


def _port_call(candidate: PairCandidate, kind: EventType) -> bool:
    """ "A Dutch navy frigate visited the port of Cape Town", "two Chinese destroyers docked at Ream": a
    warship's visit to a port (a word of deployment whose subject is a vessel, cue kind ``vessel``, named by its
    state) is the ship's deployment there, no cooperation between its state and the host, unless the sentence
    tells a cooperation of its own ("... for joint drills with the South African navy")."""
    if kind != EventType.COOPERATION or candidate.recipient is None:
        return False
    view = candidate.view
    reader = view.reader
    if any(found == EventType.COOPERATION for _, found in reader.triggers):
        return False
    visits = {word.i for word, found in reader.triggers if found == EventType.DEPLOYMENT}
    lexicon = reader.lexicon
    for party in (candidate.actor, candidate.recipient):
        roots = view.states.get(party.key, [])
        if roots and all(_vessel_of(root, visits, lexicon) for root in roots):
            return True
    return False


def _vessel_of(root: Any, visits: set[int], lexicon: Any) -> bool:
    """The state's word names a vessel ("a Dutch navy frigate", "China's destroyers") that is the subject of
    one of the visiting words."""
    token, steps = root, 0
    while token.dep_ in ("amod", "compound", "poss", "nmod") and steps < 4:
        token, steps = token.head, steps + 1
    return (
        token is not root
        and lexicon.has_cue("vessel", token.lemma_.lower())
        and token.dep_ in ("nsubj", "nsubjpass")
        and token.head.i in visits
    )
