"""The learned reader: rules find the names, items and dates; a trained classifier decides the events.

For each article the rule reader runs as usual (``extract/__init__.py``); its sentences, names and events
become candidates (``extract/candidates.py``), and the classifier (``extract/classifier.py``) decides, per
candidate, which event type it states, if any, in which direction, and how certain it is.  An event the
classifier takes borrows its items, quantity, places, date and attribution from a rule event of the same
sentence when there is one.  Rule events whose parties are no states (rebels, companies, alliances) are
kept as the rules read them: the classifier is trained on states only.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from eventgraph.articles import ArticleText
from eventgraph.dates import PartialDate
from eventgraph.extract import Draft, Extractor, _Reading, default_extractor
from eventgraph.extract.candidates import (
    UNORDERED,
    CandidateBuilder,
    PairCandidate,
    SentenceView,
    _slot_status,
    actor_fillers,
    note_states,
    recipient_fillers,
)
from eventgraph.extract.claims import read_claims
from eventgraph.extract.classifier import EventClassifier, load_classifier
from eventgraph.extract.sentence import SentenceReader, countries_of
from eventgraph.extract.speaker import by_speaker, by_voice, listed_with, presupposed, said_without_speaker
from eventgraph.extract.timex import find_dates
from eventgraph.gazetteer import Gazetteer
from eventgraph.model import ArticleEvents, Certainty, Entity, EntityKind, Event, EventType, Evidence

PERSONNEL = "personnel"
MAX_TITLE = 400  # characters: a longer first line is no headline to parse
PACKAGE_SENTENCES = 2  # sentences after an event that may list its items
PACKAGE_WORDS = {"include", "comprise", "contain", "consist", "package", "list"}


@dataclass
class Explanation:
    """Why an event was read: the sentence, the candidate with its parties marked, the model's scores."""

    sentence: str
    candidate: str
    score: float | None  # the probability of the event's type; None for a rule event kept as read
    threshold: float | None
    certainty: dict[str, float] = field(default_factory=dict)
    decided_by: str = "model"  # "model" or "rules"


@dataclass
class ExplainedEvents(ArticleEvents):
    explanations: list[Explanation] = field(default_factory=list)  # one per event, in order


@dataclass
class Decision:
    candidate: PairCandidate
    type: EventType
    score: float
    threshold: float
    certainty: dict[str, float]


class CandidateReader(Extractor):
    """The rule extractor, keeping its sentences, names and events as candidates for the classifier."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.builder = CandidateBuilder(self.lexicon)

    def read(self, article: ArticleText, docs: list[Any]) -> tuple[list[Event], list[SentenceView], _Reading]:
        """The rule events of an article, its sentences as views (names, states, rule events), and the
        rules' reading of it (for the claims its sentences make)."""
        reading = _Reading(self, article.article, article.published_as)
        views: list[SentenceView] = []
        title = _title_span(article)
        spans = ([title] if title else []) + self._spans(article)
        for n, ((start, _), doc) in enumerate(zip(spans, docs, strict=False)):
            for sent in doc.sents:
                date_context = reading.date_context
                reading.sentence(sent, start)
                mentions = self.matcher.find(sent)
                reader = SentenceReader(self.lexicon, sent, mentions, self.countries)
                views.append(
                    SentenceView(
                        len(views),
                        sent,
                        start + sent.start_char,
                        mentions,
                        reader,
                        is_title=bool(title) and n == 0,
                        date_context=date_context,
                    )
                )
        events = reading.finish()
        by_start: dict[int | None, list[Event]] = {}
        for event in events:
            by_start.setdefault(event.evidence.start if event.evidence else None, []).append(event)
        drafts: dict[int, list[Draft]] = {}
        for draft in reading.drafts:
            drafts.setdefault(draft.sentence_start, []).append(draft)
        for view in views:
            view.rule_events = by_start.get(view.start, [])
            view.drafts = drafts.get(view.start, [])
            view.article_date = reading.published
            view.voice = reading.voice
            note_states(view, self.countries)
        return events, views, reading

    def _texts(self, article: ArticleText) -> list[str]:
        """The body's paragraphs, after the headline when the article's text starts with one."""
        title = _title_span(article)
        head = [(article.article.text or "")[title[0] : title[1]]] if title else []
        return head + super()._texts(article)

    def candidates(self, article: ArticleText, docs: list[Any]) -> tuple[list[Event], list[PairCandidate]]:
        events, views, _ = self.read(article, docs)
        return events, self.builder.build(views)


class LearnedExtractor(CandidateReader):
    """The rule extractor's parse and names, with events decided by the trained classifier."""

    def __init__(
        self, classifier: EventClassifier | None = None, *, model_path: Path | None = None, **kwargs: Any
    ) -> None:
        self.classifier = classifier or load_classifier(model_path)
        super().__init__(**kwargs)

    def decide(self, candidates: list[PairCandidate]) -> list[Decision]:
        return decide(self.classifier, candidates)

    def extract_parsed(self, article: ArticleText, docs: list[Any]) -> ArticleEvents:
        rule_events, views, reading = self.read(article, docs)
        candidates = self.builder.build(views)
        events: list[Event] = []
        explanations: list[Explanation] = []
        seen: set[tuple[Any, ...]] = set()
        decisions = [
            d
            for d in self.decide(candidates)
            if not _denied_or_hypothetical(d.candidate, d.type) and not _slot_taken(d.candidate, d.type)
        ]
        named = {_identity(d) for d in decisions if _both_named(d.candidate)}
        # a party left to the context ("It included 40 tanks") repeats an event another sentence names
        repeats = [d for d in decisions if not _both_named(d.candidate) and _identity(d) in named]
        decisions = [d for d in decisions if _both_named(d.candidate) or _identity(d) not in named]
        in_body = {_identity(d) for d in decisions if not d.candidate.view.is_title}
        first: dict[tuple[Any, ...], int] = {}
        for decision in decisions:
            if decision.candidate.view.is_title and _identity(decision) in in_body:
                continue  # the headline announces what the body tells, with its date and items
            event = self._event(decision, article, views)
            key = (
                event.type,
                tuple(e.key for e in event.actors),
                tuple(e.key for e in event.recipients),
                event.evidence.start if event.evidence else None,
            )
            if key in seen:
                continue
            seen.add(key)
            first.setdefault(_identity(decision), len(events))
            events.append(event)
            candidate = decision.candidate
            explanations.append(
                Explanation(
                    candidate.view.text,
                    candidate.marked(),
                    round(decision.score, 3),
                    round(decision.threshold, 3),
                    {k: round(v, 3) for k, v in decision.certainty.items()},
                )
            )
        self._merge_repeats(repeats, first, events, article, views)
        for event in rule_events:
            if not _is_state_event(event):
                events.append(event)
                text = event.evidence.text if event.evidence else ""
                explanations.append(Explanation(text, text, None, None, decided_by="rules"))
        sentences = [(view.sent, view.start - view.sent.start_char) for view in views if not view.is_title]
        claimed = read_claims(reading, sentences, events)  # who denies, confirms or retracts what
        for event in claimed[len(events) :]:  # an event only denied: the rules' reading of the denial
            text = event.evidence.text if event.evidence else ""
            explanations.append(Explanation(text, text, None, None, decided_by="rules"))
        events = claimed
        order = sorted(range(len(events)), key=lambda n: _start_of(events[n]))
        return ExplainedEvents(
            article=article.article,
            events=[events[n] for n in order],
            source=article.source,
            explanations=[explanations[n] for n in order],
        )

    def _merge_repeats(
        self,
        repeats: list[Decision],
        first: dict[tuple[Any, ...], int],
        events: list[Event],
        article: ArticleText,
        views: list[SentenceView],
    ) -> None:
        """The items a repeat of an event names join the event where both parties are named."""
        for decision in repeats:
            at = first.get(_identity(decision))
            if at is not None and decision.type in (EventType.TRANSFER, EventType.DEPLOYMENT):
                items = self._event(decision, article, views).items
                events[at] = replace(events[at], items=_distinct([*events[at].items, *items]))

    def _package(self, view: SentenceView, views: list[SentenceView]) -> list[Entity]:
        """ "It comprises X, Y and Z": the items of the next sentences that name no state of their own."""
        items: list[Entity] = []
        for following in views[view.index + 1 : view.index + 1 + PACKAGE_SENTENCES]:
            if (
                any(roots for roots in following.states.values())
                or following.reader.triggers
                and not any(
                    self.lexicon.has_cue("group_noun", t.lemma_.lower()) or t.lemma_.lower() in PACKAGE_WORDS
                    for t in following.sent
                )
            ):
                break
            items += [weapon for m in following.mentions if (weapon := m.first({EntityKind.WEAPON})) is not None]
        return [i for i in items if i.category != PERSONNEL]

    def _origin_only_word(self, draft: Draft) -> bool:
        """A word that states a transfer only of a weapon named by its origin ("used" an Iranian-made drone)."""
        trigger = draft.candidate.trigger
        rules = self.lexicon.triggers.get((trigger.lemma_.lower(), trigger.pos_), ())
        return any(rule.type == EventType.TRANSFER and "@origin" in rule.needs for rule in rules)

    def _event(self, decision: Decision, article: ArticleText, views: list[SentenceView]) -> Event:
        candidate, kind = decision.candidate, decision.type
        actors = [candidate.actor]
        recipients = [candidate.recipient] if candidate.recipient is not None else []
        certainty = Certainty(max(decision.certainty, key=decision.certainty.__getitem__))
        draft = _draft_for(candidate, kind)
        inferred = kind == EventType.TRANSFER and _named_by_origin(candidate)
        # "Iranian-made drones arrived in March": a word of supply dates the supply itself
        inferred_date = inferred and (draft is None or self._origin_only_word(draft))
        if inferred and certainty == Certainty.CONFIRMED:
            certainty = Certainty.REPORTED  # the writer's inference from the weapon, which no supplier confirmed
        elif certainty in (Certainty.CONFIRMED, Certainty.REPORTED):
            certainty = speaker_certainty(candidate, draft) or certainty
        same = _matching_rule_event(candidate, kind)
        following = self._package(candidate.view, views) if kind == EventType.TRANSFER else []
        if same is not None:
            return replace(
                same,
                actors=actors,
                recipients=recipients,
                # a denial (or "allegedly") the rules read from the article's cue words outranks the head
                certainty=Certainty.ALLEGED if same.certainty == Certainty.ALLEGED else certainty,
                items=_distinct([*same.items, *following]),
                date=None if inferred_date else same.date,
            )
        base = next(iter(candidate.view.rule_events), None)
        items = [
            m.first({EntityKind.WEAPON}) for m in candidate.view.mentions if m.first({EntityKind.WEAPON})
        ] + following
        if kind == EventType.DEPLOYMENT:
            items = [i for i in items if i is not None and i.category == PERSONNEL]
        elif kind == EventType.TRANSFER:
            items = [i for i in items if i is not None and i.category != PERSONNEL]
        elif kind != EventType.PRODUCTION:
            items = []
        return Event(
            type=kind,
            actors=actors,
            recipients=recipients,
            items=_distinct(items),
            date=None
            if inferred_date  # "used Iranian-made drones in 2023": the year of the use, not of the supply
            else draft.date
            if draft is not None
            else _sentence_date(candidate, base.date if base else None),
            status=draft.candidate.status if draft else base.status if base else Event(kind, []).status,
            certainty=certainty,
            attributed_to=list(base.attributed_to) if base is not None else [],
            evidence=_evidence(candidate.view, article),
        )


def decide(
    classifier: EventClassifier,
    candidates: list[PairCandidate],
    *,
    add: float | None = None,
    keep: float | None = None,
    certainty: bool = True,
) -> list[Decision]:
    """The events the classifier takes among the candidates (``add``/``keep`` override its thresholds)."""
    out: list[Decision] = []
    for head, wanted in (
        ("pair", [candidate for candidate in candidates if candidate.recipient is not None]),
        ("single", [candidate for candidate in candidates if candidate.recipient is None]),
    ):
        scores = classifier.score(head, [candidate.features for candidate in wanted])
        taken = []
        for candidate, row in zip(wanted, scores, strict=True):
            for name, p in row.items():
                agree = f"rule:{name}" in candidate.features
                threshold = (
                    (keep if agree else add)
                    if add is not None and keep is not None
                    else classifier.threshold(head, name, rules_agree=agree)
                )
                if p >= threshold:
                    taken.append((candidate, EventType(name), p, threshold))
        taken = [t for t in taken if not _mirrored(t, taken)]
        levels = (
            classifier.score("certainty", [candidate.features + [f"as:{k.value}"] for candidate, k, _, _ in taken])
            if certainty
            else [{} for _ in taken]
        )
        out.extend(
            Decision(candidate, k, p, t, level) for (candidate, k, p, t), level in zip(taken, levels, strict=True)
        )
    return out


def _title_span(article: ArticleText) -> tuple[int, int] | None:
    """Where the headline sits in the article's text, when it is there and outside the body."""
    title, text = article.article.title or "", article.article.text or ""
    at = text.find(title) if title.strip() and len(title) <= MAX_TITLE else -1
    if at < 0 or any(start <= at < end for start, end in article.body):
        return None
    return at, at + len(title)


def _mirrored(
    taken: tuple[PairCandidate, EventType, float, float], found: list[tuple[PairCandidate, EventType, float, float]]
) -> bool:
    """A-B and B-A of one type in one sentence: one event.  An agreement keeps its first order; a
    directed event keeps the direction the model scores higher."""
    candidate, kind, score = taken[0], taken[1], taken[2]
    if candidate.recipient is None:
        return False
    for other in found:
        o = other[0]
        if (
            other[1] == kind
            and o.view is candidate.view
            and o.actor == candidate.recipient
            and o.recipient == candidate.actor
        ):
            if kind in UNORDERED:
                return candidate.actor.key > candidate.recipient.key
            return score < other[2] or (score == other[2] and candidate.actor.key > candidate.recipient.key)
    return False


def _matching_rule_event(candidate: PairCandidate, kind: EventType) -> Event | None:
    for event in candidate.view.rule_events:
        if event.type != kind:
            continue
        actors = {e.key for e in event.actors}
        recipients = {e.key for e in event.recipients}
        if candidate.recipient is None:
            if candidate.actor.key in actors:
                return event
        elif (candidate.actor.key in actors and candidate.recipient.key in recipients) or (
            kind in UNORDERED and {candidate.actor.key, candidate.recipient.key} <= actors | recipients
        ):
            return event
    return None


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
    is no event when every word of its type the named party relates to gives that slot to another state."""
    view = candidate.view
    if candidate.recipient is None or _both_named(candidate):
        return False
    named, implicit_is_recipient = (
        (candidate.actor.key, True) if view.states.get(candidate.actor.key) else (candidate.recipient.key, False)
    )
    roots = view.states.get(named, [])
    others = {root.i for code, found in view.states.items() if code != named for root in found}
    words = [
        trigger
        for trigger, found in view.reader.triggers
        if found == kind and any(view.reader._path_to(root, trigger) is not None for root in roots)
    ]
    if not words or not others:
        return False
    fillers = recipient_fillers if implicit_is_recipient else actor_fillers
    return all(any(t.i in others for filler in fillers(word) for t in filler.subtree) for word in words)


def _both_named(candidate: PairCandidate) -> bool:
    """Both parties are named in the candidate's sentence (neither taken from the sentences around it)."""
    view = candidate.view
    return bool(view.states.get(candidate.actor.key)) and (
        candidate.recipient is None or bool(view.states.get(candidate.recipient.key))
    )


def _identity(decision: Decision) -> tuple[Any, ...]:
    """What one event is, wherever it is told: its type and ordered parties (unordered for agreements)."""
    candidate = decision.candidate
    parties = [candidate.actor.key, candidate.recipient.key if candidate.recipient is not None else None]
    if decision.type in UNORDERED:
        parties = sorted(parties, key=str)
    return (decision.type, *parties)


def _denied_or_hypothetical(candidate: PairCandidate, kind: EventType) -> bool:
    """The rules read every trigger word of the event's type that a party relates to as denied, negated or
    hypothetical ("Belarus denied sending tanks to Russia", "would consider sending arms"): no event stated."""
    view = candidate.view
    roots = [*view.states.get(candidate.actor.key, [])]
    if candidate.recipient is not None:
        roots += view.states.get(candidate.recipient.key, [])
    related = [
        d
        for d in view.drafts
        if d.candidate.type == kind
        and any(view.reader._path_to(root, d.candidate.trigger) is not None for root in roots)
    ]
    return bool(related) and all(d.candidate.negated or d.candidate.hypothetical for d in related)


def speaker_certainty(candidate: PairCandidate, draft: Draft | None) -> Certainty | None:
    """Who states the event, against who takes part in it (``extract/speaker.py``): the source the rules
    read for the event's trigger word, with the states listed with it; else, when the sentence names no
    source at all, a passive word of saying with no speaker ("are expected to") or the article's voice when
    its outlet is a state's.  ``None`` (the certainty head decides) for a source of no known state, for an
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
        return None
    words = [draft.candidate.trigger] if draft is not None else view.states.get(candidate.actor.key, [])
    if any(said_without_speaker(word, lexicon) for word in words):
        return Certainty.REPORTED  # "troops are expected to join": someone's word, no party's
    return by_voice(view.voice, parties)


def _named_by_origin(candidate: PairCandidate) -> bool:
    """ "Iranian-made drones", "drones of Iranian origin": the actor is named in the sentence only by where a
    weapon was made.  Such a transfer is the writer's inference from the weapon (``reported`` at most, per
    the annotation guidelines), and the sentence's date is that of the weapon's use, unless a word of
    supply ("arrived", "delivered") the parties relate to dates the transfer itself."""
    view = candidate.view
    roots = view.states.get(candidate.actor.key, [])
    starts = [view.reader.by_token[root.i].start for root in roots if root.i in view.reader.by_token]
    return bool(starts) and len(starts) == len(roots) and all(start in view.reader.origin_marks for start in starts)


def _is_state_event(event: Event) -> bool:
    return any(e.kind == EntityKind.COUNTRY for e in event.actors)


def _sentence_date(candidate: PairCandidate, fallback: PartialDate | None) -> PartialDate | None:
    """The date of the sentence's rule event; else the first date the sentence writes; else the article's.

    (The date nearest the candidate's parties measured one event worse on validation.)"""
    published = candidate.view.article_date
    if fallback is not None:
        return fallback
    found = find_dates(candidate.view.sent.text, published, candidate.view.date_context)
    if found:
        return found[0].value
    return published


def _evidence(view: SentenceView, article: ArticleText) -> Evidence:
    text = (article.article.text or "")[view.start : view.end] or view.text
    return Evidence(text=text, start=view.start, end=view.start + len(text))


def _distinct(entities: list[Entity | None]) -> list[Entity]:
    out: list[Entity] = []
    for entity in entities:
        if entity is not None and entity not in out:
            out.append(entity)
    return out


@lru_cache(maxsize=1)
def default_learned_extractor() -> LearnedExtractor:
    """The learned reader with the packaged model (loaded once per process)."""
    return LearnedExtractor()


def reader_extractor(reader: str, gazetteer: Gazetteer | None = None) -> Extractor:
    """The extractor a reader's name stands for ("learned", the default of the commands, or "rules"), with
    the packaged gazetteer (one extractor per process) or another.  The learned reader's model missing raises
    ``ModelMissing``, whose message names the way out (train it, or read with the rules)."""
    packaged = gazetteer is None or gazetteer is Gazetteer.default()
    if reader == "rules":
        return default_extractor() if packaged else Extractor(gazetteer)
    if reader != "learned":
        raise ValueError(f"unknown reader {reader!r}: learned or rules")
    return default_learned_extractor() if packaged else LearnedExtractor(gazetteer=gazetteer)


def _start_of(event: Event) -> int:
    """Where an event's evidence starts in the article (0 when it has none)."""
    return (event.evidence.start or 0) if event.evidence is not None else 0
