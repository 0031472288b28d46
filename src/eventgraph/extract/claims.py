"""Denials, confirmations and retractions: who answers a claim, in which words, and what the answer covers.

Run once an article has been read (``Extractor.extract_parsed`` calls :func:`read_claims`).  A sentence
whose verb or noun is a stance cue of ``data/claim_cues.csv`` ("deny", "admit", "retract") makes a claim:

- its claimant is the verb's subject, a state standing for its officials and organs; a subject that names
  nobody ("The ministry rejected the claim") is the accused: the actor of the answered event last named;
- the event it answers is the one its own clause states ("Minsk denied sending tanks to Russia": found again
  among the article's events, or else kept as an event that is only denied), or else, when it points back
  ("rejected the claim", "denied it", or nothing), the events of the sentences just before;
- its scope is the period a preposition of ``scope`` kind limits it to ("no deliveries after February 2022":
  from March 2022), which also decides which of the article's events it answers.

The article's own statement of an answered event becomes an explicit ``asserts`` claim (by its attribution),
so the event keeps both sides.  A claim that answers no event is dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

from eventgraph.dates import PartialDate
from eventgraph.extract.sentence import Candidate, SentenceReader, countries_of
from eventgraph.extract.speaker import questioner_line
from eventgraph.extract.timex import find_dates
from eventgraph.model import Certainty, Claim, ClaimScope, Entity, EntityKind, Event, EventType, Evidence, Stance
from eventgraph.resources import read_data_table

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from eventgraph.extract import _Reading

LOOKBACK = 2  # sentences before a pointing-back denial whose events it may answer


@dataclass(frozen=True)
class ClaimCues:
    stances: dict[str, Stance]
    references: frozenset[str]
    scopes: dict[str, str]
    falsehoods: frozenset[str] = frozenset()

    @classmethod
    @lru_cache(maxsize=1)
    def default(cls) -> ClaimCues:
        rows = read_data_table("claim_cues.csv")
        return cls(
            stances={r["cue"]: Stance(r["value"]) for r in rows if r["kind"] == "stance"},
            references=frozenset(r["cue"] for r in rows if r["kind"] == "reference"),
            scopes={r["cue"]: r["value"] for r in rows if r["kind"] == "scope"},
            falsehoods=frozenset(r["cue"] for r in rows if r["kind"] == "falsehood"),
        )


@dataclass
class _Sentence:
    number: int
    sent: Span
    offset: int


def read_claims(reading: _Reading, sentences: list[tuple[Span, int]], events: list[Event]) -> list[Event]:
    """The article's events with the claims its sentences make about them (and events only denied)."""
    cues = ClaimCues.default()
    found = list(events)
    by_start: dict[int, list[Event]] = {}
    for event in events:
        if event.evidence is not None and event.evidence.start is not None:
            by_start.setdefault(event.evidence.start, []).append(event)
    for number, (sent, offset) in enumerate(sentences):
        here = _Sentence(number, sent, offset)
        # "did not confirm", "did not deny": no stance taken (a claim left unconfirmed is read as alleged)
        verbs = [
            t
            for t in sent
            if t.lemma_.lower() in cues.stances
            and t.pos_ in ("VERB", "NOUN")
            and not _negated(t)
            and not describes_a_thing(t, cues)
        ]
        if sent.text.rstrip().endswith("?"):
            verbs = []  # "Do you confirm?", "Does Minsk deny it?": a question takes no stance
        question = sent.text.rstrip().endswith("?")
        for word in [] if question else [t for t in sent if t.lemma_.lower() in cues.falsehoods]:
            _dismissal(reading, here, word, found, sentences)
        negation = not sent.text.rstrip().endswith("?") and any(t.dep_ == "neg" or t.lower_ in NEGATING for t in sent)
        if verbs or negation:  # most sentences make no claim: they are not matched for names again
            reader = SentenceReader(
                reading.lexicon, sent, reading.extractor.mentions(sent), reading.extractor.countries
            )
            for verb in verbs:
                _claim(reading, cues, here, verb, reader, found, by_start, sentences)
            if negation:
                _own_negation(reading, cues, here, reader, found, sentences)
    return found


NEGATING = frozenset({"no", "never", "nothing"})
PHRASE = frozenset({"amod", "compound", "pobj", "prep", "conj", "oprd", "attr", "acomp", "dobj", "xcomp"})


def _dismissal(
    reading: _Reading, here: _Sentence, word: Token, found: list[Event], sentences: list[tuple[Span, int]]
) -> None:
    """A state calling the claim before a falsehood ("Burundi's army called the figures 'pure propaganda'",
    "Moscow described the report as a fabrication", "Tehran said the claims were baseless"): a denial, by the
    subject of the verb that calls it so, of what the sentences before accuse it of."""
    if word.dep_ == "amod" and word.head.lemma_.lower() not in ClaimCues.default().references:
        return  # "a false flag operation" calls no claim false; "a baseless accusation" does
    verb = word
    while verb.pos_ not in ("VERB", "AUX") and verb.dep_ in PHRASE and verb.head.i != verb.i:
        verb = verb.head  # "a baseless accusation", "as a fabrication", "called it pure propaganda"
    if verb.pos_ not in ("VERB", "AUX") or _negated(verb):
        return
    subject = next((ch for ch in verb.children if ch.dep_ == "nsubj"), None)
    if verb.dep_ == "ccomp" and verb.head.i != verb.i:  # "Tehran said the claims were baseless"
        subject = next((ch for ch in verb.head.children if ch.dep_ == "nsubj"), None)
    if subject is None:
        return
    reader = SentenceReader(
        reading.lexicon, here.sent, reading.extractor.mentions(here.sent), reading.extractor.countries
    )
    claimants = [e for e in reading._states(reader.actors_in(subject)) if e.kind == EntityKind.COUNTRY]
    if not claimants:
        return
    scope = ClaimScope()
    evidence = reading._evidence(here.sent, here.offset)
    for event in _recent_events(found, sentences, here, claimants, scope, denial=True):
        if countries_of(claimants) & _doers(event):
            _add_claim(event, Claim(stance=Stance.DENIES, claimants=claimants, evidence=evidence, scope=scope))


def _negated_word(trigger: Token) -> bool:
    """The event word itself is negated ("had not supplied", "sent no drones", "no missiles have been
    sent", "never delivered"), not a word above it ("did not claim the attack", "was not aware of exports")."""
    for child in trigger.children:
        if child.dep_ == "neg" or (child.dep_ == "advmod" and child.lower_ == "never"):
            return True
        if child.dep_ in ("dobj", "nsubjpass") and any(g.dep_ == "det" and g.lower_ == "no" for g in child.children):
            return True
    return trigger.dep_ == "conj" and trigger.head.i != trigger.i and _negated_word(trigger.head)


def _own_negation(
    reading: _Reading,
    cues: ClaimCues,
    here: _Sentence,
    reader: SentenceReader,
    found: list[Event],
    sentences: list[tuple[Span, int]],
) -> None:
    """A party says in its own words that it did not do what the article tells ("China's commerce ministry
    said it had not supplied any weapons to either side", "'Iran has sent no drones to Russia,' a ministry
    spokesman said", "Iran says no missiles have been sent", a transcript's "We have not supplied any"): a
    denial by that party of its events of the same type (and recipient, when named) the article tells, before
    or after it, within the period the denial is limited to.  Not when another state says so ("Ukraine said
    Russia has sent no troops"), nor the writer's own negation, in which no one speaks."""
    negated = [  # "sent no drones", which the rules may leave unnegated, too; "We have not sent": its own voice
        c
        for c in reader.candidates()
        if not c.hypothetical and (c.sources or _first_person(c)) and _negated_word(c.trigger)
    ]
    for candidate in negated:
        speakers = countries_of(reading._states(candidate.sources))
        doers = countries_of(reading._states(candidate.actors))
        if not doers and (
            candidate.actor_ref is not None and candidate.actor_ref.kind == "pronoun" or _none_done(candidate)
        ):
            doers = speakers  # "the ministry said it had not supplied", "Iran says no missiles have been sent"
            # "'We have not sent any,' a spokesman said"; not a transcript's questioner ("Q: We have not seen ...")
            if not doers and candidate.actor_ref is not None and not questioner_line(here.sent, reading.lexicon):
                doers = _accused_named_before(reading, sentences, here, candidate, found)
        if len(doers) != 1 or (speakers and not speakers & doers):
            continue
        # "has not sent or sold shells to Ukraine": the recipient the joined words share
        receivers = countries_of(
            reading._states([r for c in negated if c.type == candidate.type for r in c.recipients])
        )
        scope = _scope(reading, cues, here, candidate.trigger)
        evidence = reading._evidence(here.sent, here.offset)
        # told before, it answers the claim; told after, only an event of the items it names ("has not sent any
        # drones. ... Russia has received drones from Iran", not "Russia buys machine tools from China", nor a
        # strike told later after "said it had not struck the hospital")
        here_start = here.offset + here.sent.start_char
        targets = [
            e
            for e in found
            if e.type == candidate.type
            and e.evidence is not None
            and e.evidence.start is not None
            and e.evidence.start != here_start
            and countries_of(e.actors) == doers
            and (not receivers or receivers & countries_of(e.recipients))
            and (e.evidence.start < here_start or _names_its_items(candidate.items, e.items))
            and not doers & countries_of(e.attributed_to)
            and scope.overlaps(*_span(e))
        ]
        claimants = [e for e in reading._states(candidate.actors) if e.kind == EntityKind.COUNTRY] or [
            e for e in reading._states(candidate.sources) if e.kind == EntityKind.COUNTRY
        ]
        if not claimants:
            claimants = [next(a for e in targets for a in e.actors if a.key in doers)] if targets else []
        for event in targets:
            _add_claim(event, Claim(stance=Stance.DENIES, claimants=claimants, evidence=evidence, scope=scope))


def _none_done(candidate: Candidate) -> bool:
    """ "no missiles have been sent": a passive that names no one who did it and denies that any was done, which
    its speaker says of itself ("its sites could not be bombed" denies nothing of the speaker's)."""
    if candidate.actors or candidate.actor_ref is not None:
        return False
    subjects = [ch for ch in candidate.trigger.children if ch.dep_ == "nsubjpass"]
    return any(g.dep_ == "det" and g.lower_ == "no" for s in subjects for g in s.children)


GENERIC_ARMS = "weapons"  # the gazetteer's id of weapons of no named kind ("arms", "weapons")


def _covers(denied: list[Entity], told: list[Entity]) -> bool:
    """The items a denial names cover the event's: the same items or kind of weapon, or "weapons" for named
    weapons only; not goods of generic equipment ("never provided lethal weapons" leaves the machine tools it
    sold, even those "used in missiles")."""
    if not denied or not told:
        return True
    keys = {e.key for e in denied}
    if keys & {e.key for e in told}:
        return True
    kinds = {e.category for e in denied if e.category and e.category != "equipment"}
    if kinds & {e.category for e in told}:
        return True
    return GENERIC_ARMS in keys and all(e.category and e.category != "equipment" for e in told)


def _names_its_items(denied: list[Entity], told: list[Entity]) -> bool:
    """A denial told before an event reaches it only naming what the event carries."""
    return bool(denied and told) and _covers(denied, told)


def _first_person(candidate: Candidate) -> bool:
    """ "We have not supplied any weapons": a speaker's own voice, with or without "said" (a transcript)."""
    ref = candidate.actor_ref
    return ref is not None and ref.kind == "pronoun" and ref.text.lower() in FIRST_PERSON


FIRST_PERSON = frozenset({"we", "i"})


def _accused_named_before(
    reading: _Reading, sentences: list[tuple[Span, int]], here: _Sentence, denied: Candidate, found: list[Event]
) -> set[str]:
    """The state a pronoun of a speaker who names no state stands for ("Tehran rejected the account. 'We have
    not provided any drones,' a spokesman said"; a transcript's "We have not supplied any"): the last state
    named up to here that the article tells doing an event of that type with the items denied, not in its own
    word."""
    accused = {
        code
        for e in found
        if e.type == denied.type and _covers(denied.items, e.items)
        for code in _doers(e)
        if code not in countries_of(e.attributed_to)
    }
    for entity in reversed(_named_before(reading, sentences, here)):
        codes = countries_of([entity])
        if codes & accused:
            return codes & accused
    return set()


UNABLE = frozenset({"unable", "impossible"})


NO_ONE = frozenset({"nobody", "none", "neither"})


def _no_one(verb: Token) -> bool:
    """ "neither Seoul nor Hanoi confirmed the reports", "no official denied it", "none of them confirmed":
    a subject that names no one who takes the stance."""
    for subject in (ch for ch in verb.children if ch.dep_ in ("nsubj", "nsubjpass")):
        if subject.lower_ in NO_ONE:
            return True
        if any(t.lower_ in ("neither", "no") and t.i < subject.i for t in subject.subtree):  # before its noun
            return True
    return False


def _negated(verb: Token) -> bool:
    """ "did not confirm", and a word of stance completing a negated or unable one: "are not in a position to
    confirm", "were unable to deny"."""
    token = verb
    for _ in range(4):
        if any(ch.dep_ == "neg" for ch in token.children) or token.lower_ in UNABLE or _no_one(token):
            return True
        if token.dep_ not in ("xcomp", "acl", "relcl", "pobj", "prep", "acomp") or token.head.i == token.i:
            return False
        token = token.head
    return False


def describes_a_thing(word: Token, cues: ClaimCues | None = None) -> bool:
    """A word of stance that tells what a thing is, not what someone answers: an adjective ("the disputed
    frontier") or a passive whose subject is no claim ("the islands are disputed by both"; "the claim was
    rejected" still answers one)."""
    cues = cues or ClaimCues.default()
    if word.pos_ != "VERB":
        return False
    if word.dep_ == "amod":
        return True
    subjects = [ch for ch in word.children if ch.dep_ == "nsubjpass"]
    if not subjects:
        return False
    # "a valley that is disputed": the noun the relative pronoun stands for
    words = [word.head] if word.dep_ == "relcl" else [t for subject in subjects for t in subject.subtree]
    return not any(t.lemma_.lower() in cues.references for t in words)


def _named_before(reading: _Reading, sentences: list[tuple[Span, int]], here: _Sentence) -> list[Entity]:
    """The states named in the sentences up to this one, in order."""
    named: list[Entity] = []
    for sent, _ in sentences[max(0, here.number - LOOKBACK) : here.number + 1]:
        for mention in reading.extractor.mentions(sent):
            actor = mention.first({EntityKind.COUNTRY, EntityKind.ORGANIZATION, EntityKind.PERSON})
            if actor is not None:
                named.extend(reading._states([actor]))
    return named


def _claim(
    reading: _Reading,
    cues: ClaimCues,
    here: _Sentence,
    verb: Token,
    reader: SentenceReader,
    found: list[Event],
    by_start: dict[int, list[Event]],
    sentences: list[tuple[Span, int]],
) -> None:
    stance = cues.stances[verb.lemma_.lower()]
    subject = next((ch for ch in verb.children if ch.dep_ in ("nsubj", "poss")), None)
    claimants = reading._states(reader.actors_in(subject)) if subject is not None else []
    scope = _scope(reading, cues, here, verb)
    evidence = reading._evidence(here.sent, here.offset)
    own = [
        candidate
        for candidate in reader.candidates()
        if _governs(verb, candidate.trigger) and not _names_the_claim(cues, verb, candidate.trigger)
    ]
    if own:
        targets = _stated_events(reading, reader, here, own, found, by_start, stance, scope)
    elif _points_back(cues, verb):
        targets = _recent_events(found, sentences, here, claimants, scope, denial=stance == Stance.DENIES)
    else:
        targets = []
    targets = [e for e in targets if scope.overlaps(*_span(e))]
    if not targets:
        return  # a claim about nothing the article states: ignored
    if not claimants:  # "The ministry rejected the claim": the party the claim accuses, named just before
        parties = [p for e in targets for p in e.actors]
        named = _named_before(reading, sentences, here)
        claimants = [next((n for n in reversed(named) if n in parties), None) or targets[0].actors[0]]
    if stance == Stance.CONFIRMS and not countries_of(claimants) & {
        code for e in targets for code in countries_of(e.actors + e.recipients)
    }:
        stance = Stance.ASSERTS  # "X confirmed that Y sent ...": only a party confirms; a third party asserts
    for event in targets:
        _add_claim(event, Claim(stance=stance, claimants=claimants, evidence=evidence, scope=scope))
        if stance == Stance.CONFIRMS:
            event.certainty = Certainty.CONFIRMED  # a party admits it, whatever another sentence denies


def _governs(verb: Token, trigger: Token) -> bool:
    """The trigger is in the verb's clause; not in a clause before it that a semicolon closes ("It says
    Arnor's jets were used; Gondor disputes the account", which the parser may hang from the later verb)."""
    if trigger.i == verb.i or verb not in trigger.ancestors:
        return False
    branch = next(t for t in [trigger, *trigger.ancestors] if t.head.i == verb.i)
    if branch.i > verb.i:
        return True
    doc = verb.doc
    return not any(t.text == ";" for t in doc[branch.right_edge.i + 1 : verb.i])


def _names_the_claim(cues: ClaimCues, verb: Token, trigger: Token) -> bool:
    """The event word only names what the claim answered is about ("disputes the Pakistani account of that
    clash", "rejected the report of strikes"): the claim made before, not an event stated anew."""
    for token in trigger.ancestors:
        if token.i == verb.i:
            return False
        if token.pos_ == "NOUN" and token.lemma_.lower() in cues.references and trigger.dep_ == "pobj":
            return True
    return False


def _points_back(cues: ClaimCues, verb: Token) -> bool:
    """ "rejected the claim", "denied it", or a bare "denied": the claim made before."""
    objects = [ch for ch in verb.children if ch.dep_ in ("dobj", "pobj", "attr", "prep")]
    if not objects:
        # "Tehran denied", and a noun of a named claimant: "Iran's denials are not credible"
        return verb.pos_ == "VERB" or any(ch.dep_ == "poss" for ch in verb.children)
    words = {t.lemma_.lower() for ch in objects for t in ch.subtree}
    return bool(words & cues.references)


def _stated_events(
    reading: _Reading,
    reader: SentenceReader,
    here: _Sentence,
    own: list[Candidate],
    found: list[Event],
    by_start: dict[int, list[Event]],
    stance: Stance,
    scope: ClaimScope,
) -> list[Event]:
    """The events the claim's own clause states: this sentence's events (an admission states them), else
    the article's events of the same identity, else the clause itself as an event only denied."""
    evidence = reading._evidence(here.sent, here.offset)
    stated = by_start.get(evidence.start or 0, [])
    if stance.supports:
        return [e for e in stated if any(e.type == candidate.type for candidate in own)]
    targets: list[Event] = []
    for candidate in own:
        plain = replace(candidate, negated=False, hypothetical=False)
        dates = [(token, value) for token, value in reading._dates(here.sent) if not _is_scope_date(reading, token)]
        for event in reading._events(plain, reader, here.sent, here.offset, dates):
            if not dates:
                event.date = None  # a denial dates the claim, not the event
            matches = [e for e in found if _same_event(e, event)]
            if matches:
                targets.extend(m for m in matches if m not in targets)
            else:
                event.certainty = Certainty.ALLEGED
                event.attributed_to = []
                event.claims = []
                found.append(event)
                targets.append(event)
    return targets


def _is_scope_date(reading: _Reading, token: Token) -> bool:
    cues = ClaimCues.default()
    return any(a.lemma_.lower() in cues.scopes for a in [token, *token.ancestors][:3])


def _same_event(a: Event, b: Event) -> bool:
    """Same type and actors, recipients and items where both name them, dates that overlap."""
    if a.type != b.type or {e.key for e in a.actors} != {e.key for e in b.actors}:
        return False
    for left, right in ((a.recipients, b.recipients), (a.items, b.items)):
        if (
            left
            and right
            and not (
                {e.key for e in left} & {e.key for e in right}
                or {e.category for e in left if e.category} & {e.category for e in right if e.category}
            )
        ):
            return False
    if a.date is not None and b.date is not None:
        return a.date.first_day() <= b.date.last_day() and b.date.first_day() <= a.date.last_day()
    return True


def _recent_events(
    found: list[Event],
    sentences: list[tuple[Span, int]],
    here: _Sentence,
    claimants: list[Entity],
    scope: ClaimScope,
    *,
    denial: bool = False,
) -> list[Event]:
    """The events stated in the few sentences before: those the claimant takes part in, if any."""
    first = sentences[max(0, here.number - LOOKBACK)][1]
    recent = [
        e
        for e in found
        if e.evidence is not None
        and e.evidence.start is not None
        and first <= e.evidence.start < here.offset + here.sent.start_char
        and not _only_denied(e)
    ]
    own = countries_of(claimants)
    # what the claimant is accused of doing, unless it says so itself: all of it ("Arnor sent drones. Its
    # officers trained Rohan's crews, the Wise said. Arnor rejected the accusation")
    accused = [e for e in recent if denial and own & _doers(e) and not own & countries_of(e.attributed_to)]
    if accused:
        return accused
    mine = [e for e in recent if own & countries_of(e.actors + e.recipients)]
    chosen = mine or recent
    if not chosen:
        return []
    last = max(e.evidence.start for e in chosen if e.evidence is not None and e.evidence.start is not None)
    return [e for e in chosen if e.evidence is not None and e.evidence.start == last]


def _doers(event: Event) -> set[str]:
    """The states that act in the event: its actors, or both sides of a cooperation or an agreement."""
    mutual = event.type in (EventType.AGREEMENT, EventType.COOPERATION)
    return countries_of(event.actors + event.recipients if mutual else event.actors)


def _only_denied(event: Event) -> bool:
    return bool(event.claims) and not any(claim.stance.supports for claim in event.claims)


def _scope(reading: _Reading, cues: ClaimCues, here: _Sentence, verb: Token) -> ClaimScope:
    """The period the claim covers: "after February 2022" (from March 2022), "before 2022" (until 2021)."""
    since = until = None
    text = here.sent.text
    for mention in find_dates(text, reading.published):
        words = text[: mention.start].split()
        marker = words[-1].lower() if words else ""
        if marker in ("of", "mid", "early", "late") and len(words) > 1:
            marker = words[-2].lower()
        kind = cues.scopes.get(marker)
        if kind is None:
            continue
        span = here.sent.doc.char_span(
            here.sent.start_char + mention.start, here.sent.start_char + mention.end, alignment_mode="expand"
        )
        if span is None or not (span.root == verb or verb in span.root.ancestors):
            continue
        value = mention.value if mention.value.end is None else None
        if value is None:
            continue
        if kind == "since":
            since = value
        elif kind == "since-after":
            since = _next(value)
        elif kind == "until":
            until = value
        elif kind == "until-before":
            until = _previous(value)
    return ClaimScope(since=since, until=until)


def _next(value: PartialDate) -> PartialDate:
    """The year, month or day after."""
    if value.day is not None:
        from datetime import timedelta

        return PartialDate.from_date(value.first_day() + timedelta(days=1))
    if value.month is not None:
        return PartialDate(value.year + (value.month == 12), value.month % 12 + 1)
    return PartialDate(value.year + 1)


def _previous(value: PartialDate) -> PartialDate:
    """The year, month or day before."""
    if value.day is not None:
        from datetime import timedelta

        return PartialDate.from_date(value.first_day() - timedelta(days=1))
    if value.month is not None:
        return PartialDate(value.year - (value.month == 1), (value.month - 2) % 12 + 1)
    return PartialDate(value.year - 1)


def _span(event: Event) -> tuple[date | None, date | None]:
    if event.date is None:
        return None, None
    return event.date.first_day(), event.date.last_day()


def _add_claim(event: Event, claim: Claim) -> None:
    """Add a claim; the article's own statement of the event becomes its first, explicit claim."""
    if not event.claims and not _states_itself(event, claim):
        event.claims.append(Claim(stance=Stance.ASSERTS, claimants=list(event.attributed_to), evidence=event.evidence))
    if claim not in event.claims:
        event.claims.append(claim)


def _states_itself(event: Event, claim: Claim) -> bool:
    """An event only denied has no statement of its own; an admission is the statement itself."""
    same_sentence = isinstance(claim.evidence, Evidence) and event.evidence == claim.evidence
    return (
        event.certainty == Certainty.ALLEGED
        and not event.attributed_to
        and same_sentence
        or (claim.stance == Stance.CONFIRMS and same_sentence)
    )
