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
from datetime import timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from eventgraph.articles import ArticleText
from eventgraph.dates import PartialDate
from eventgraph.extract import Draft, Extractor, _Reading, default_extractor
from eventgraph.extract.candidates import (
    UNORDERED,
    CandidateBuilder,
    Neighbours,
    PairCandidate,
    SentenceView,
    note_states,
)
from eventgraph.extract.claims import describes_a_thing, read_claims
from eventgraph.extract.classifier import EventClassifier, load_classifier
from eventgraph.extract.coparticipants import named_partner_first, one_hub
from eventgraph.extract.drafts import (
    _acting_together,
    _actor_slot_held,
    _border_only,
    _both_named,
    _denied_or_hypothetical,
    _downed_by_the_recipient,
    _draft_for,
    _listed_subjects,
    _listed_together,
    _made_for_the_target,
    _maker_in_a_fight,
    _matching_rule_events,
    _named_by_origin,
    _neither_named,
    _noncombatant_party,
    _only_the_source,
    _party_elsewhere,
    _port_call,
    _purchase_no_pact,
    _sentence_date,
    _setting_only,
    _slot_taken,
    _used_there_only,
    _where_debris_fell,
    denied_by_party,
    hedge_of,
    speaker_certainty,
)
from eventgraph.extract.lexicon import held
from eventgraph.extract.makers import made_by_others
from eventgraph.extract.partners import aside, with_the_host, with_the_supported
from eventgraph.extract.sanction_sides import named_for_the_reason, sanction_sides
from eventgraph.extract.sentence import SentenceReader, countries_of
from eventgraph.extract.speaker import questioner_line
from eventgraph.gazetteer import Gazetteer
from eventgraph.model import (
    ACTOR_KINDS,
    ArticleEvents,
    Certainty,
    Entity,
    EntityKind,
    Event,
    EventType,
    Evidence,
    Stance,
)

PERSONNEL = "personnel"
HEDGED = (Certainty.POSSIBLE, Certainty.ALLEGED)
DISPUTING_CUES = ("denial", "accusing", "unconfirming")  # cue kinds whose word in a sentence disputes its events
MAX_TITLE = 400  # characters: a longer first line is no headline to parse
PACKAGE_SENTENCES = 2  # sentences after an event that may list its items
LEAD_SENTENCES = 2  # the body's first sentences, whose time a headline's event takes
HEADLINE_NEWS_DAYS = 31  # how far before the article the lead's time of a headline's event may be
LOOKBACK = 3  # sentences before an itemless transfer that may name what it supplies
CATCH_ALL = frozenset({"weapons", "military-equipment"})  # item classes that name no kind of weapon ("arms")
UNITS = frozenset({"batteries"})  # items that count units of a system and name none ("bought the batteries")
PACKAGE_WORDS = {"include", "comprise", "contain", "consist", "package", "list"}
CONTENTS = {"include", "comprise", "contain", "consist"}  # verbs that list what a package holds


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

    def __init__(self, *, neighbours: Neighbours | None = None, **kwargs: Any) -> None:
        """``neighbours``: soft triggers for the candidates' features (``candidates.trigger_neighbours()``;
        none by default)."""
        super().__init__(**kwargs)
        self.builder = CandidateBuilder(self.lexicon, neighbours)

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
                mentions = self.mentions(sent)
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
                        undated_date=reading.undated_here,
                        written_dates=reading.written,
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
        decisions = _one_party_per_slot(
            [
                d
                for d in self.decide(candidates)
                if not _denied_or_hypothetical(d.candidate, d.type)
                and not _slot_taken(d.candidate, d.type)
                and not _acting_together(d.candidate, d.type)
                and not _neither_named(d.candidate)
                and not _actor_slot_held(d.candidate, d.type)
                and not _party_elsewhere(d.candidate, d.type)
                and not _listed_subjects(d.candidate, d.type)
                and not _made_for_the_target(d.candidate, d.type)
                and not _maker_in_a_fight(d.candidate, d.type)
                and not _downed_by_the_recipient(d.candidate, d.type)
                and not _only_the_source(d.candidate, d.type)
                and not _only_the_sanctioner(d.candidate, d.type)
                and not made_by_others(d.candidate, d.type)
                and not _sanctioner_made_nothing(d.candidate, d.type)
                and not named_for_the_reason(d.candidate, d.type)
                and not _a_groups_ground(d.candidate, d.type)
                and not _noncombatant_party(d.candidate, d.type)
                and not _used_there_only(d.candidate, d.type)
                and not _purchase_no_pact(d.candidate, d.type)
                and not _border_only(d.candidate, d.type)
                and not _where_debris_fell(d.candidate, d.type)
                and not _setting_only(d.candidate, d.type)
                and not _port_call(d.candidate, d.type)
                and not aside(d.candidate, d.type)
            ]
        )
        decisions = [d for d in decisions if not _across_an_interception(d, self.lexicon)]
        decisions = [
            d
            for d in decisions
            if not _a_groups_home(d, views) and not _fired_into_the_sea(d) and not _firms_targeted(d, self.lexicon)
        ]
        decisions = with_the_host(_one_side_of_a_hub(decisions), candidates, views, self._cooperation)
        decisions = with_the_supported(decisions, candidates, views, self.lexicon, self._cooperation)
        decisions = named_partner_first(one_hub(decisions))
        decisions = _one_party_from_the_context(decisions)
        decisions = _one_transfer_party_from_the_context(decisions)
        decisions = sanction_sides(decisions)
        named = {_identity(d) for d in decisions if _both_named(d.candidate)}
        # a party left to the context ("It included 40 tanks") repeats an event another sentence names
        repeats = [d for d in decisions if not _both_named(d.candidate) and _identity(d) in named]
        decisions = [d for d in decisions if _both_named(d.candidate) or _identity(d) not in named]
        in_body = {_identity(d) for d in decisions if not d.candidate.view.is_title}
        first: dict[tuple[Any, ...], int] = {}
        headlines: list[Decision] = []
        for decision in decisions:
            if decision.candidate.view.is_title and _identity(decision) in in_body:
                headlines.append(decision)
                continue  # the headline announces what the body tells, with its date and items
            event = self._event(decision, article, views)
            # "A and B exchanged fire", "struck each other": each side attacks the other
            both = [event, replace(event, actors=event.recipients, recipients=event.actors)]
            for n, told in enumerate(both if self._reciprocal(decision) else both[:1]):
                key = (
                    told.type,
                    tuple(e.key for e in told.actors),
                    tuple(e.key for e in told.recipients),
                    told.evidence.start if told.evidence else None,
                )
                if key in seen:
                    continue
                seen.add(key)
                if n == 0:
                    first.setdefault(_identity(decision), len(events))
                events.append(told)
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
        self._merge_headline_items(headlines, first, events, article, views)
        events = _named_before(_the_one_system(events, views), views)
        events = self._unnamed_supplies(events, views)
        events = _kinds_in_the_sentence(events, views)
        events = self._of_weapons_unnamed(events)
        decided = {(d.candidate.view.start, d.type) for d in decisions}
        for event in rule_events:
            start = event.evidence.start if event.evidence else None
            # a group's own event; and one of a state with a group ("Israel and Hezbollah agreed to a
            # ceasefire"), which no pair of states can give, unless the heads read its type in its sentence
            if (
                not _is_state_event(event)
                or (not _states_only(event) and (start, event.type) not in decided)
                or ((start, event.type) not in decided and _sides_listed_in_a_phrase(event, views))
            ):
                events.append(_off_a_groups_home(_off_the_ground(event, views), views))
                text = event.evidence.text if event.evidence else ""
                explanations.append(Explanation(text, text, None, None, decided_by="rules"))
        sentences = [(view.sent, view.start - view.sent.start_char) for view in views if not view.is_title]
        claimed = read_claims(reading, sentences, events)  # who denies, confirms or retracts what
        for event in claimed[len(events) :]:  # an event only denied: the rules' reading of the denial
            text = event.evidence.text if event.evidence else ""
            explanations.append(Explanation(text, text, None, None, decided_by="rules"))
        events = [_denied_by_a_party(event) for event in claimed]
        order = sorted(range(len(events)), key=lambda n: _start_of(events[n]))
        return ExplainedEvents(
            article=article.article,
            events=[events[n] for n in order],
            source=article.source,
            explanations=[explanations[n] for n in order],
        )

    def _cooperation(self, candidates: list[PairCandidate]) -> list[Decision]:
        """The heads' reading of the candidates as cooperation, whatever its score."""
        if not candidates:
            return []
        return [d for d in decide(self.classifier, candidates, add=0.0, keep=0.0) if d.type == EventType.COOPERATION]

    @staticmethod
    def _reciprocal(decision: Decision) -> bool:
        """An attack the rules read as mutual (``SentenceReader.reciprocal``): each side attacks the other."""
        if decision.type != EventType.ATTACK or decision.candidate.recipient is None:
            return False
        draft = _draft_for(decision.candidate, decision.type)
        return draft is not None and decision.candidate.view.reader.reciprocal(draft.candidate)

    def _merge_repeats(
        self,
        repeats: list[Decision],
        first: dict[tuple[Any, ...], int],
        events: list[Event],
        article: ArticleText,
        views: list[SentenceView],
    ) -> None:
        """The items a repeat of an event names join the event where both parties are named ("Its shipment also
        held drones"), unless the repeat is a party's own doing with no word of the event's type ("B has also
        looked at frigates" in an article of A's supply to B names what was not supplied: ``_own_doing``)."""
        for decision in repeats:
            at = first.get(_identity(decision))
            if at is None:
                continue
            told = self._event(decision, article, views)
            date = _date_of_a_retelling(events[at], told, decision.candidate.view.article_date)
            if date is not None:
                events[at] = replace(events[at], date=date)
            if decision.type in (EventType.TRANSFER, EventType.DEPLOYMENT) and not _own_doing(decision):
                events[at] = replace(events[at], items=_distinct([*events[at].items, *told.items]))

    def _merge_headline_items(
        self,
        headlines: list[Decision],
        first: dict[tuple[Any, ...], int],
        events: list[Event],
        article: ArticleText,
        views: list[SentenceView],
    ) -> None:
        """ "Arnor to sell submarines to Gondor", then "Arnor approved arms exports to Gondor": the headline
        and the body tell one supply, and what the headline names is its items too: the systems it names,
        and its classes where the body names none but a word for any weapon (as ``_sentence_items``); never
        its own words for any weapon ("arms")."""
        for decision in headlines:
            at = first.get(_identity(decision))
            if at is None or decision.type != EventType.TRANSFER:
                continue
            unnamed = _names_nothing(events[at].items)
            items = [
                i
                for i in self._event(decision, article, views).items
                if i.key not in CATCH_ALL and (unnamed or i.label != i.label.lower())
            ]
            if items:
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

    def _unnamed_supplies(self, events: list[Event], views: list[SentenceView]) -> list[Event]:
        """ "What else is in the package? - About five billion euros of support, including IRIS-T systems and
        missiles": where every transfer the article tells is between the same two states, a sentence that
        names no state but tells a supply (a word of transfer, or "includes", "comprises") supplies the
        weapons it names in that transfer; so does a list of contents that names no state but those two ("It
        includes X and Y, which Ukraine has used").  They join the one told nearest before it (else the
        first)."""
        transfers = [n for n, e in enumerate(events) if e.type == EventType.TRANSFER]
        pairs = {
            (tuple(sorted(a.key for a in events[n].actors)), tuple(sorted(r.key for r in events[n].recipients)))
            for n in transfers
        }
        if len(pairs) != 1:
            return events
        [(actors, recipients)] = pairs
        events = list(events)
        for view in views:
            if view.is_title or any(roots and code not in actors + recipients for code, roots in view.states.items()):
                continue
            words = {t.lemma_.lower() for t in view.sent}
            supply = any(kind == EventType.TRANSFER for _, kind in view.reader.triggers)
            # naming the pair's own states, only a list of contents ("It includes X, Y ... that Ukraine has
            # used"), not "including": "has looked at fighters, including the F-16"
            contents = any(t.lemma_.lower() in CONTENTS and t.pos_ == "VERB" and t.tag_ != "VBG" for t in view.sent)
            if not (contents if any(view.states.values()) else supply or words & PACKAGE_WORDS):
                continue
            weapons = [
                weapon
                for mention in view.mentions
                if (weapon := mention.first({EntityKind.WEAPON})) is not None
                and weapon.category != PERSONNEL
                and weapon.key not in CATCH_ALL
            ]
            if not weapons:
                continue
            before = [n for n in transfers if _start_of(events[n]) <= view.start]
            at = before[-1] if before else transfers[0]
            events[at] = replace(events[at], items=_distinct([*events[at].items, *weapons]))
        return events

    def _of_weapons_unnamed(self, events: list[Event]) -> list[Event]:
        """ "Arnor was Gondor's largest supplier in 2020-2024": a transfer whose article names nothing it
        supplied is of weapons of unnamed kind (a transfer is of weapons, munitions or materiel), the
        gazetteer's generic entry."""
        weapons = self.gazetteer.get(EntityKind.WEAPON, "weapons")
        if weapons is None:
            return events
        return [
            replace(event, items=[weapons]) if event.type == EventType.TRANSFER and not event.items else event
            for event in events
        ]

    def _disputed(self, candidate: PairCandidate, draft: Draft | None) -> bool:
        """Whether the text gives a word for doubt about the event: the rules' reading of it is `alleged`, or
        its sentence holds a cue of allegation ("allegedly", "claims", "unconfirmed"), accusation ("accused",
        "blames"), denial ("denied", "rejected") or of a confirmation not given ("could not verify")."""
        if draft is not None and draft.candidate.certainty == Certainty.ALLEGED:
            return True
        if any(
            event.certainty == Certainty.ALLEGED and _of_the_pair(candidate, event)
            for event in candidate.view.rule_events
        ):
            return True
        cues = self.lexicon.cues
        words = _event_words(candidate, draft)
        for token in candidate.view.sent:
            lemma = token.lemma_.lower()
            disputing = cues.get("certainty", {}).get(lemma) == Certainty.ALLEGED.value or any(
                lemma in cues.get(kind, {}) for kind in DISPUTING_CUES
            )
            if disputing and not _outside_its_clause(token, words) and not describes_a_thing(token):
                return True
        return False

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
        if certainty == Certainty.ALLEGED and not self._disputed(candidate, draft):
            # the head's "alleged" with no word of dispute in the text: the pair's usual fate in the corpus
            # (shipments others deny), not what this sentence says; the likeliest of the other levels
            certainty = Certainty(
                max((c for c in decision.certainty if c != Certainty.ALLEGED.value), key=decision.certainty.__getitem__)
            )
        inferred = kind == EventType.TRANSFER and _named_by_origin(candidate)
        # "Iranian-made drones arrived in March": a word of supply dates the supply itself
        inferred_date = inferred and (draft is None or self._origin_only_word(draft))
        if inferred and certainty == Certainty.CONFIRMED:
            certainty = Certainty.REPORTED  # the writer's inference from the weapon, which no supplier confirmed
        elif certainty in (Certainty.CONFIRMED, Certainty.REPORTED):
            certainty = speaker_certainty(candidate, draft) or certainty
        if draft and draft.candidate.certainty in HEDGED:
            certainty = draft.candidate.certainty  # "warned that it could supply weapons": the rules' cue word
        elif certainty in (Certainty.CONFIRMED, Certainty.REPORTED) and (
            draft is None or draft.candidate.certainty is None
        ):
            certainty = hedge_of(candidate) or certainty  # "Russia probably supplies oil": the party's own clause
        if certainty == Certainty.CONFIRMED and _relayed_by_questioner(candidate, draft, self.lexicon):
            certainty = Certainty.REPORTED  # "Q: Arnor has sent troops": the questioner passes it on
        if certainty in (Certainty.CONFIRMED, Certainty.REPORTED) and denied_by_party(candidate):
            certainty = Certainty.ALLEGED  # "shells reached Ukraine, a report says; Tehran denies": a party denies
        matching = _matching_rule_events(candidate, kind)
        same = matching[0] if matching else None
        following = self._package(candidate.view, views) if kind == EventType.TRANSFER else []
        if kind == EventType.TRANSFER:
            following = [*_named_elsewhere(candidate.view, views), *_conjoined_supply(candidate, draft), *following]
        if same is not None:
            return _dated_as_the_lead(
                replace(
                    same,
                    actors=actors,
                    recipients=recipients,
                    # a denial (or "allegedly") the rules read from the article's cue words outranks the head
                    certainty=Certainty.ALLEGED if same.certainty == Certainty.ALLEGED else certainty,
                    items=_distinct([*_sentence_items(matching), *following]),
                    date=None if inferred_date else same.date,
                ),
                candidate,
                views,
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
        event = Event(
            type=kind,
            actors=actors,
            recipients=recipients,
            items=_distinct(items),
            date=None
            if inferred_date  # "used Iranian-made drones in 2023": the year of the use, not of the supply
            else draft.date
            if draft is not None
            else _undrafted_date(candidate, kind),
            status=draft.candidate.status if draft else base.status if base else Event(kind, []).status,
            certainty=certainty,
            attributed_to=list(base.attributed_to) if base is not None else [],
            evidence=_evidence(candidate.view, article),
        )
        return _dated_as_the_lead(event, candidate, views)


def _own_doing(decision: Decision) -> bool:
    """The repeat's sentence holds no word of its type and names the receiving state as the subject of its
    main verb: it tells what the receiver does on its own ("Moldova has also looked at larger ships,
    including frigates"), not more of the supply."""
    view = decision.candidate.view
    recipient = decision.candidate.recipient
    if recipient is None or any(kind == decision.type for _, kind in view.reader.triggers):
        return False
    return any(
        root.dep_ == "nsubj" and root.head.dep_ == "ROOT" and root.head.pos_ == "VERB"
        for root in view.states.get(recipient.key, [])
    )


def _date_of_a_retelling(event: Event, retold: Event, published: PartialDate | None) -> PartialDate | None:
    """ "Gondor fired missiles at Arnor, a spokesman said on Thursday", then "One of the missiles hit a field on
    Monday": a sentence that tells the same event again, leaving a party to the context, writes its time.
    Its day replaces the event's single time when it falls within the event's month ("this month", then
    "on 25 May"), or is earlier than the event's day, within the month of news before the article (the news
    told with the day it was reported, or a later live entry's).  Not a supply's earlier day: a supply comes
    in packages, orders and deliveries ("today's package is the fourth since the one of 24 April"), each of
    its own day; nor a time older than the news, which tells background, nor over a year or a span."""
    told, own = retold.date, event.date
    if told is None or own is None or published is None or told == own or told.end is not None:
        return None
    if own.end is not None or told.day is None:
        return None
    if own.day is None and own.month is not None:  # "this month", then "on 25 May"
        return told if own.first_day() <= told.first_day() <= own.last_day() else None
    recent = published.first_day() - timedelta(days=HEADLINE_NEWS_DAYS) <= told.first_day()
    one_time = event.type != EventType.TRANSFER  # a supply comes in packages, orders and deliveries
    if (
        one_time
        and own.day is not None
        and told.first_day() < own.first_day()
        and recent
        and told.last_day() <= published.last_day()
    ):
        return told
    return None


def _dated_as_the_lead(event: Event, candidate: PairCandidate, views: list[SentenceView]) -> Event:
    """ "Gondorian troops land in Arnor" over "The first Gondorian soldiers landed in Arnor on Saturday": an
    event the headline tells, with no time of its own (the article's date), takes the time the body's lead
    writes for a word of its type (the first of its sentences that has one), when that is no later than
    the article nor older than a month (news; "Arnor, which sent troops in 2019, ..." is background); the
    headline announces what the lead tells."""
    published = candidate.view.article_date
    if not candidate.view.is_title or published is None or event.date != published:
        return event
    body = [view for view in views if not view.is_title][:LEAD_SENTENCES]
    for view in body:
        dates = [d.date for d in view.drafts if _of_type(d, event.type) and not d.candidate.negated and d.date]
        if dates:
            lead = dates[0]
            recent = published.first_day() - timedelta(days=HEADLINE_NEWS_DAYS) <= lead.first_day()
            if lead != published and lead.end is None and lead.last_day() <= published.last_day() and recent:
                return replace(event, date=lead)
            return event
    return event


def _of_type(draft: Draft, kind: EventType) -> bool:
    """A trigger word read for the type, or for troops handed over ("soldiers arrived": a deployment, as the
    rules split it, ``Extractor._split_materiel``)."""
    if draft.candidate.type == kind:
        return True
    return (
        kind == EventType.DEPLOYMENT
        and draft.candidate.type == EventType.TRANSFER
        and any(item.category == PERSONNEL for item in draft.candidate.items)
    )


def _undrafted_date(candidate: PairCandidate, kind: EventType) -> PartialDate | None:
    """The date of an event the rules read no word of its type for in the sentence: that of the sentence's
    first rule event when it is of the same type, else the sentence's (``_sentence_date``).  "Arnorian troops
    have been in Gondor since 9 July, and Arnor said on Wednesday that they had shelled Mordor": the shelling's
    Wednesday is no date of the stay."""
    base = next(iter(candidate.view.rule_events), None)
    return _sentence_date(candidate, base.date if base is not None and base.type == kind else None)


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


def _the_one_system(events: list[Event], views: list[SentenceView]) -> list[Event]:
    """ "Turkey sells the TB2 ... Morocco and Ethiopia took deliveries in 2021": a transfer whose sentence
    names nothing supplied is of the one weapon system the article names, if it names exactly one."""
    systems = {
        weapon
        for view in views
        for mention in view.mentions
        if (weapon := mention.first({EntityKind.WEAPON})) is not None and weapon.label != weapon.label.lower()
    }
    if len(systems) != 1:
        return events
    system = next(iter(systems))
    return [
        replace(event, items=[system]) if event.type == EventType.TRANSFER and not event.items else event
        for event in events
    ]


def _kinds_in_the_sentence(events: list[Event], views: list[SentenceView]) -> list[Event]:
    """ "Arnor supplied 45 percent of Gondor's arms imports, mainly fighters and submarines": a transfer read
    with no item but a word for any weapon ("arms"), whose sentence names no state but its parties, is of the
    kinds of weapon the sentence names, wherever the parse hung them."""
    at = {view.start: view for view in views}
    out = []
    for event in events:
        start = event.evidence.start if event.evidence is not None else None
        view = at.get(start) if start is not None else None
        parties = {e.key for e in [*event.actors, *event.recipients]}
        if (
            event.type == EventType.TRANSFER
            and view is not None
            and all(i.key in CATCH_ALL for i in event.items)
            and all(code in parties for code, roots in view.states.items() if roots)
        ):
            kinds = [
                weapon
                for mention in view.mentions
                if mention.first(ACTOR_KINDS) is None
                and (weapon := mention.first({EntityKind.WEAPON})) is not None
                and weapon.category != PERSONNEL
                and weapon.key not in CATCH_ALL
            ]
            if kinds:
                event = replace(event, items=_distinct([*event.items, *kinds]))
        out.append(event)
    return out


def _named_before(events: list[Event], views: list[SentenceView]) -> list[Event]:
    """ "Kyiv has received both from London and Paris", "Washington had approved that sale in 2020": a
    transfer whose sentence names nothing supplied is of the weapon systems the nearest sentence before it
    names (at most ``LOOKBACK`` sentences back).  Systems by name only: the generic words of an earlier
    sentence ("drones", "arms") are as often of another event.  A transfer of units alone ("bought the
    batteries") takes the system too."""
    at = {view.start: view for view in views}
    out = []
    for event in events:
        start = event.evidence.start if event.evidence is not None else None
        view = at.get(start) if start is not None else None
        if event.type == EventType.TRANSFER and all(i.key in UNITS for i in event.items) and view is not None:
            for earlier in reversed(views[max(0, view.index - LOOKBACK) : view.index]):
                named = [
                    weapon
                    for mention in earlier.mentions
                    if (weapon := mention.first({EntityKind.WEAPON})) is not None
                    and weapon.category != PERSONNEL
                    and weapon.label != weapon.label.lower()
                ]
                if named:
                    event = replace(event, items=_distinct([*named, *event.items]))
                    break
        out.append(event)
    return out


def _one_party_per_slot(decisions: list[Decision]) -> list[Decision]:
    """One event word has one actor and one recipient, or a list of them: of two directed events of one type
    that the same word of a sentence states and that share a party, the one the model scores lower is
    dropped unless its other party is listed with the other's ("Seoul says North Korean troops arrived in
    Russia to fight in Ukraine" is one deployment, North Korea to Russia; "Arnor and Gondor troops arrived in
    Mordor" is two).  Agreements and cooperation have no roles to fill (a pact of three states is three
    pairs that share parties and a word), and transfers are left as taken: a supply sentence often names
    several suppliers or recipients the parse does not join ("66 percent from A and 33 percent from B")."""
    directed = [
        d
        for d in decisions
        if d.candidate.recipient is not None and d.type != EventType.TRANSFER and d.type not in UNORDERED
    ]
    words = {id(d): _slot_word(d) for d in directed}
    kept: list[Decision] = []
    for decision in sorted(directed, key=lambda d: -d.score):
        word = words[id(decision)]
        if word is None or not any(words[id(o)] == word and _rivals(decision, o) for o in kept):
            kept.append(decision)
    dropped = {id(d) for d in directed} - {id(d) for d in kept}
    return [d for d in decisions if id(d) not in dropped]


def _one_side_of_a_hub(decisions: list[Decision]) -> list[Decision]:
    """ "Instructors from Chile, Peru and Uruguay taught alongside Brazilian soldiers", "Kenya hosted Indian
    and Omani warships for an exercise": states listed together that each cooperate with a third
    state (named in the sentence or taken from the context) are one side of the activity; the corpus pairs
    each with that partner, not with each other (a multilateral exercise is its partner or host with each
    participant).  A state named only as the kind of a thing ("Iranian missile launch data") is no
    such partner."""
    coop = [d for d in decisions if d.type == EventType.COOPERATION and d.candidate.recipient is not None]
    pairs: dict[int, set[frozenset[str]]] = {}
    for d in coop:
        pairs.setdefault(id(d.candidate.view), set()).add(frozenset(d.candidate.key))
    dropped = set()
    for d in coop:
        view, (a, b) = d.candidate.view, d.candidate.key
        if a not in view.states or b not in view.states or not _one_list(view, a, b):
            continue
        here = pairs[id(view)]
        hubs = {
            k
            for pair in here
            for k in pair
            if k not in (a, b)
            and frozenset((a, k)) in here
            and frozenset((b, k)) in here
            and not _one_list(view, a, k)
            and not _kind_of_thing(view, k)
        }
        if hubs:
            dropped.add(id(d))
    return [d for d in decisions if id(d) not in dropped]


def _only_the_sanctioner(candidate: PairCandidate, kind: EventType) -> bool:
    """ "Norway imposes sanctions on Syrian firms over rockets supplied to Sudan", "imposed sanctions on
    companies involved in the transfer of rockets to Sudan": the state imposing a sanction is no party of
    the supply, attack or help the sanction's own phrase names (where the rules read it as the supplier
    too, taking the sentence's subject for the participle), nor of one it relates to by no word of its own."""
    if kind == EventType.SANCTION or candidate.recipient is None:
        return False
    view = candidate.view
    drafts = [d.candidate for d in view.drafts if not d.candidate.negated]
    sanctions = [d for d in drafts if d.type == EventType.SANCTION]
    for key in candidate.key:
        imposed = [d for d in sanctions if key in countries_of(d.actors)]
        if not imposed:
            continue
        under = {i for d in imposed for i in _sanction_phrase(d.trigger)}
        roots = view.states.get(key, [])
        own = [
            d
            for d in drafts
            if d.type == kind
            and key in countries_of([*d.actors, *d.recipients])
            and (d.trigger.i not in under or any(r.i in under for r in roots))
        ]
        if not own:
            return True
    return False


def _sanctioner_made_nothing(candidate: PairCandidate, kind: EventType) -> bool:
    """ "Treasury sanctioned two firms for their role in producing the drone": the state imposing a sanction
    makes none of the weapons its sanction's own phrase names (the single-state side of
    ``_only_the_sanctioner``)."""
    if kind != EventType.PRODUCTION or candidate.recipient is not None:
        return False
    view = candidate.view
    drafts = [d.candidate for d in view.drafts if not d.candidate.negated]
    key = candidate.actor.key
    imposed = [d for d in drafts if d.type == EventType.SANCTION and key in countries_of(d.actors)]
    made = [d for d in drafts if d.type == EventType.PRODUCTION]
    if not imposed or not made:
        return False
    under = {i for d in imposed for i in _sanction_phrase(d.trigger)}
    return all(d.trigger.i in under for d in made)


LEADERS = frozenset({"leader", "leadership", "official", "negotiator", "delegation", "delegate", "envoy"})
PLACE_PREPOSITIONS = frozenset({"in", "across", "inside", "near", "throughout", "from", "over", "around"})


def _a_groups_ground(candidate: PairCandidate, kind: EventType) -> bool:
    """ "Italian jets struck Houthi radar sites in Yemen", "a missile the Houthis fired from Yemen": a state
    named only as where an armed group's target or launch was is the ground the group holds, not a side of
    the attack (the guidelines: militant groups do not stand for their state)."""
    if kind != EventType.ATTACK or candidate.recipient is None:
        return False
    return bool(_grounds(candidate.view) & set(candidate.key))


def _grounds(view: SentenceView) -> set[str]:
    """The states a sentence names only as the place ("in", "from", "over") of a phrase that names an armed
    group ("Houthi radar sites in Yemen", "fired by the Houthis from Yemen"); "strikes on depots in southern
    Lebanon" names no group, and Lebanon is no group's ground there.  A group's leaders struck abroad
    ("struck Hamas leaders in Turkey") were struck on a state's soil: the corpus makes that state a
    recipient."""
    groups = {
        view.reader.mention_root(m).i
        for m in view.mentions
        if (g := m.first(ACTOR_KINDS)) is not None and g.kind == EntityKind.ARMED_GROUP
    }
    if not groups:
        return set()

    def ground(root: Any) -> bool:
        if root.dep_ != "pobj" or root.head.lower_ not in PLACE_PREPOSITIONS:
            return False
        phrase = {t.i for t in root.head.subtree}
        named = [t for t in root.head.head.subtree if t.i in groups and t.i not in phrase]
        return bool(named) and not any(t.head.lemma_.lower() in LEADERS for t in named)

    return {key for key, roots in view.states.items() if roots and all(ground(r) for r in roots)}


def _off_the_ground(event: Event, views: list[SentenceView]) -> Event:
    """A rule event of an attack without the states its sentence names only as an armed group's ground."""
    start = event.evidence.start if event.evidence else None
    view = next((v for v in views if v.start == start), None)
    if event.type != EventType.ATTACK or view is None:
        return event
    grounds = _grounds(view)
    recipients = [e for e in event.recipients if e.kind != EntityKind.COUNTRY or e.key not in grounds]
    if not grounds or not recipients or len(recipients) == len(event.recipients):
        return event
    return replace(event, recipients=recipients)


SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})


def _sanction_phrase(trigger: Any) -> set[int]:
    """The words of a sanction word's clause but its subject and the clauses joined to it: whom it targets
    and what for ("imposes sanctions on Syrian firms over rockets supplied to Sudan"; not "and sent rockets
    to Sudan")."""
    verb = trigger.head if trigger.pos_ != "VERB" and trigger.dep_ in ("dobj", "pobj") else trigger
    outside = {
        t.i
        for child in verb.children
        if child.dep_ in SUBJECTS or (child.dep_ == "conj" and child.pos_ in ("VERB", "AUX"))
        for t in child.subtree
    }
    return {t.i for t in verb.subtree} - outside


ONE_PLACE = (EventType.DEPLOYMENT, EventType.ATTACK)
TIE = 0.005  # scores this close are one: the context's states then differ in nothing the heads read


def _one_party_from_the_context(decisions: list[Decision]) -> list[Decision]:
    """ "Tanzanian staff officers are expected later": a deployment or attack of a state the
    sentence names, with its other party left to the context, goes to the likeliest of the states around it
    (and to those the heads score as likely), not to each (Kenya, Uganda, Rwanda, ... of the sentences
    before): one event word, one actor and one recipient, as ``_one_party_per_slot`` holds for named
    parties.  Transfers and sanctions are left as taken (a supplier's several customers, a sanction's
    several targets)."""

    def slot(d: Decision) -> tuple[int, EventType, str, bool] | None:
        c = d.candidate
        if c.recipient is None or d.type not in ONE_PLACE or _both_named(c):
            return None
        if c.view.states.get(c.actor.key):  # named, not only a party of the sentence's rule events
            return (id(c.view), d.type, c.actor.key, True)
        if c.view.states.get(c.recipient.key):
            return (id(c.view), d.type, c.recipient.key, False)
        return None

    best: dict[tuple[int, EventType, str, bool], float] = {}
    for d in decisions:
        if (key := slot(d)) is not None:
            best[key] = max(best.get(key, 0.0), d.score)
    return [d for d in decisions if (key := slot(d)) is None or d.score >= best[key] - TIE]


def _one_transfer_party_from_the_context(decisions: list[Decision]) -> list[Decision]:
    """ "Ukrainian pilot killed in Russian air attack ... The jet was one of the F-16s supplied by Norway": the
    rules read a transfer whose suppliers the sentence names and whose recipient it leaves open
    (``rule_fill`` features: the pair's recipient comes from the context and fills that slot).  One open slot
    takes one recipient, the likeliest of the states around the sentence (with those scored as likely), not
    each state of the headline and the sentences before (Ukraine, and Russia).  A transfer whose recipient the
    sentence names, or that the rules do not read, is left as taken (a supplier's several customers; a
    purchase from one state for another)."""

    def slot(d: Decision) -> int | None:
        c = d.candidate
        if c.recipient is None or d.type != EventType.TRANSFER or _both_named(c):
            return None
        if not c.view.states.get(c.actor.key) or not any(f.startswith("rule_fill:transfer:") for f in c.features):
            return None
        return id(c.view)

    best: dict[int, float] = {}
    for d in decisions:
        if (key := slot(d)) is not None:
            best[key] = max(best.get(key, 0.0), d.score)
    kept = {
        (key, d.candidate.recipient.key)
        for d in decisions
        if (key := slot(d)) is not None and d.candidate.recipient is not None and d.score >= best[key] - TIE
    }
    return [
        d
        for d in decisions
        if (key := slot(d)) is None or (d.candidate.recipient is not None and (key, d.candidate.recipient.key) in kept)
    ]


def _a_groups_home(decision: Decision, views: list[SentenceView]) -> bool:
    """ "Israeli jets struck the port of Hodeidah" in an article about the Houthis, "a missile was launched
    from Yemen", "Hezbollah and Israel have exchanged fire" (Lebanon left to the context): a state that is
    the home of an armed group the article names, and that the attack's sentence names only as a place (a
    city or region, the country after "in", "from", "over") or not at all, is the ground the group holds,
    not a side of the attack (the guidelines: militant groups do not stand for their state).  A state the
    sentence names as such ("Lebanese soldiers", "strikes on Lebanon", "Yemen's government") stays a side, and
    so does a state the article names as such anywhere ("Russia's defence ministry" beside the Wagner Group)."""
    c = decision.candidate
    if decision.type != EventType.ATTACK or c.recipient is None:
        return False
    homes = _armed_groups_homes(views)
    return any(
        key in homes and _only_a_place(c.view, key) and all(_only_a_place(v, key) for v in views) for key in c.key
    )


def _off_a_groups_home(event: Event, views: list[SentenceView]) -> Event:
    """A rule event of an attack without the states ``_a_groups_home`` reads as an armed group's ground ("US
    and British jets struck launchers in Yemen" in an article about the Houthis)."""
    start = event.evidence.start if event.evidence else None
    view = next((v for v in views if v.start == start), None)
    if event.type != EventType.ATTACK or view is None:
        return event
    homes = _armed_groups_homes(views)
    ground = {
        e.key
        for e in [*event.actors, *event.recipients]
        if e.kind == EntityKind.COUNTRY
        and e.key in homes
        and _only_a_place(view, e.key)
        and all(_only_a_place(v, e.key) for v in views)
    }
    if not ground:
        return event
    return replace(
        event,
        actors=[e for e in event.actors if e.key not in ground] or event.actors,
        recipients=[e for e in event.recipients if e.key not in ground],
    )


OPEN_WATER = frozenset({"sea", "ocean", "water", "waters"})


def _fired_into_the_sea(decision: Decision) -> bool:
    """ "North Korea fired 200 shells into the sea near the border islands", "launched missiles into waters
    around the island": weapons fired into the sea hit no one (a test or a show of force; the guidelines
    annotate no state's own drills and missile tests), whichever state's coast the sea is near."""
    if decision.type != EventType.ATTACK or decision.candidate.recipient is None:
        return False
    draft = _draft_for(decision.candidate, decision.type)
    if draft is None:
        return False
    trigger = draft.candidate.trigger
    # the phrase hangs on the verb or on what it fires ("fired 200 rounds into the sea")
    holders = [trigger, *(child for child in trigger.children if child.dep_ == "dobj")]
    return any(
        child.dep_ == "prep"
        and child.lower_ == "into"
        and any(o.dep_ == "pobj" and o.lemma_.lower() in OPEN_WATER for o in child.children)
        for holder in holders
        for child in holder.children
    )


def _firms_targeted(decision: Decision, lexicon: Any) -> bool:
    """ "US targets Chinese firms over drone engines", "the package targets vessels and entities in China":
    a state that "targets" firms, entities or people (cue kinds ``company`` and ``designee``) lists them under
    a sanction; it attacks no one."""
    if decision.type != EventType.ATTACK or decision.candidate.recipient is None:
        return False
    draft = _draft_for(decision.candidate, decision.type)
    if draft is None or draft.candidate.trigger.lemma_.lower() != "target":
        return False
    objects = [child for child in draft.candidate.trigger.children if child.dep_ == "dobj"]
    objects += [c for o in objects for c in o.conjuncts]
    return any(lexicon.has_cue(kind, o.lemma_.lower()) for o in objects for kind in ("company", "designee"))


def _armed_groups_homes(views: list[SentenceView]) -> set[str]:
    """The states of the armed groups an article names (``organizations.csv``: Hezbollah is Lebanon's)."""
    return {
        g.country
        for view in views
        for m in view.mentions
        if (g := m.first(ACTOR_KINDS)) is not None and g.kind == EntityKind.ARMED_GROUP and g.country
    }


def _only_a_place(view: SentenceView, key: str) -> bool:
    """The sentence names the state ``key`` only as a place (or leaves it to the context)."""
    for root in view.states.get(key, []):
        mention = view.reader.by_token.get(root.i)
        entity = mention.first(ACTOR_KINDS) if mention is not None else None
        if entity is None:
            continue  # a place of the state ("Sanaa", "southern Lebanon")
        if entity.kind != EntityKind.COUNTRY or root.dep_ != "pobj" or root.head.lower_ not in PLACE_PREPOSITIONS:
            return False
    return True


def _across_an_interception(decision: Decision, lexicon: Any) -> bool:
    """ "Two Arnorian bombers were intercepted by Gondorian jets during a joint patrol": the side that
    intercepts (or shoots down) and the side intercepted do not cooperate, whatever else the sentence
    calls joint."""
    c = decision.candidate
    if decision.type != EventType.COOPERATION or c.recipient is None:
        return False
    view = c.view
    first, second = view.states.get(c.actor.key, []), view.states.get(c.recipient.key, [])
    if not first or not second:
        return False
    for verb in view.sent:
        if verb.pos_ != "VERB" or not lexicon.has_cue("interception", verb.lemma_.lower()):
            continue
        agent = {t.i for child in verb.children if child.dep_ in ("nsubj", "agent") for t in child.subtree}
        target = {t.i for child in verb.children if child.dep_ in ("dobj", "nsubjpass") for t in child.subtree}
        for one, other in ((first, second), (second, first)):
            if all(r.i in agent for r in one) and all(r.i in target for r in other):
                return True
    return False


def _one_list(view: SentenceView, first: str, second: str) -> bool:
    """Two states named in one list of the sentence, however the parse chains it ("Korea, the United States
    and Japan": the second an apposition of the first, the third its conjunct)."""
    return any(_listed_together(x, y) for x in view.states.get(first, []) for y in view.states.get(second, []))


MODIFIERS = frozenset({"amod", "compound"})


def _kind_of_thing(view: SentenceView, key: str) -> bool:
    """ "share Iranian missile launch data": a state named only as a modifier of a noun that names
    no force, weapon or other thing the gazetteer knows (or of a modifier of another noun) tells what kind of
    thing the noun is: it takes no side in the sentence's events ("Italian aircraft carrier" and "British
    soldiers" do)."""
    roots = view.states.get(key, [])
    named = {i for m in view.mentions for i in range(m.start, m.end)}
    return bool(roots) and all(
        r.dep_ in MODIFIERS and (r.head.dep_ in MODIFIERS or r.head.i not in named) for r in roots
    )


def _event_word(decision: Decision) -> int | None:
    """The token index of the event word whose rule reading the decision borrows, if any; for a deployment
    with no word of its own, the word of supply that sends or brings the troops ("troops have arrived in")."""
    draft = _draft_for(decision.candidate, decision.type)
    if draft is None and decision.type == EventType.DEPLOYMENT:
        draft = _draft_for(decision.candidate, EventType.TRANSFER)
    return None if draft is None else int(draft.candidate.trigger.i)


def _slot_word(decision: Decision) -> int | None:
    """The event word whose slots the decision fills (``_event_word``), unless its recipient is named in a
    clause joined to that word's by "and" (``_in_a_conjoined_clause``)."""
    word = _event_word(decision)
    return None if word is None or _in_a_conjoined_clause(decision, word) else word


def _in_a_conjoined_clause(decision: Decision, word: int) -> bool:
    """The decision's recipient is named in a clause of its own, joined to the event word's by "and" ("keeps
    a battalion in Arnor, and its troops may also return to Gondor", "leads the battlegroup in Arnor and
    keeps a contingent in Gondor"): the word it borrows states another event, whose slots it does not take.
    Only as the place of that clause ("in", "to"), not its subject ("instructors arrived in Arnor, and
    Gondorian troops left"), and not in a clause that hangs on the word ("arrived in Arnor to fight in Gondor")."""
    candidate = decision.candidate
    if candidate.recipient is None:
        return False
    doc = candidate.view.sent.doc
    trigger = doc[word]
    roots = candidate.view.states.get(candidate.recipient.key, [])
    if not roots:
        return False
    for root in roots:
        verb, placed = root, False
        while verb.i != trigger.i and verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            placed = placed or verb.dep_ == "prep"
            verb = verb.head
        # the place the clause's troops go or stay ("return to Gondor"), not its subject ("Gondorian troops left")
        if verb.i == trigger.i or not placed or not any(c.i == verb.i for c in trigger.conjuncts):
            return False
    return True


def _rivals(decision: Decision, other: Decision) -> bool:
    """Two events of one type and sentence that share a party without being one event of listed parties."""
    a, b = decision.candidate, other.candidate
    if other.type != decision.type or b.view is not a.view or b.recipient is None or a.recipient is None:
        return False
    if {a.actor.key, a.recipient.key}.isdisjoint({b.actor.key, b.recipient.key}):
        return False
    return not (_listed(a.view, a.actor.key, b.actor.key) and _listed(a.view, a.recipient.key, b.recipient.key))


def _listed(view: SentenceView, first: str, second: str) -> bool:
    """The same state, or two states named in one list of the sentence ("Arnor, Gondor and Mordor",
    "among them Arnor and Gondor")."""
    if first == second:
        return True
    for x in view.states.get(first, []):
        group = {x.i, *(t.i for t in x.conjuncts)} | ({x.head.i} if x.dep_ == "appos" else set())
        for y in view.states.get(second, []):
            if y.i in group or (y.dep_ == "appos" and y.head.i == x.i):
                return True
    return False


def _identity(decision: Decision) -> tuple[Any, ...]:
    """What one event is, wherever it is told: its type and ordered parties (unordered for agreements)."""
    candidate = decision.candidate
    parties = [candidate.actor.key, candidate.recipient.key if candidate.recipient is not None else None]
    if decision.type in UNORDERED:
        parties = sorted(parties, key=str)
    return (decision.type, *parties)


def _of_the_pair(candidate: PairCandidate, event: Event) -> bool:
    """The rule event takes both of the candidate's parties (its actor, when it has no recipient)."""
    parties = {candidate.actor.key} | ({candidate.recipient.key} if candidate.recipient is not None else set())
    return parties <= {e.key for e in [*event.actors, *event.recipients]}


def _event_words(candidate: PairCandidate, draft: Draft | None) -> set[int]:
    """The words that state the event in its sentence: the rules' trigger word for it and the names of its
    recipient (of its actor, when it has none)."""
    view = candidate.view
    party = candidate.recipient if candidate.recipient is not None else candidate.actor
    words = {root.i for root in view.states.get(party.key, [])}
    return words | {draft.candidate.trigger.i} if draft is not None else words


CLAUSE_COMPLEMENTS = frozenset({"ccomp", "xcomp"})


def _outside_its_clause(word: Any, event_words: set[int]) -> bool:
    """A verb of doubt or denial that states what it disputes in a clause of its own ("... but denied that
    Arnor had sent any to Rohan") disputes that clause, not an event the sentence states outside it ("said
    Arnor had sold shells to Gondor"); a bare one ("Tehran denies", "rejected the claim") disputes the
    sentence's events."""
    if word.pos_ != "VERB" or not event_words:
        return False
    if not any(child.dep_ in CLAUSE_COMPLEMENTS for child in word.children):
        return False
    return not any(token.i in event_words for token in word.subtree)


def _relayed_by_questioner(candidate: PairCandidate, draft: Draft | None, lexicon: Any) -> bool:
    """A transcript's questioner states the event ("Q: Arnor has sent troops to Gondor") and names no party
    as its source: a third party's word, whatever the article's voice (a ministry's transcript)."""
    if not questioner_line(candidate.view.sent, lexicon):
        return False
    parties = {candidate.actor.key} | ({candidate.recipient.key} if candidate.recipient is not None else set())
    drafts = [draft] if draft is not None else candidate.view.drafts
    return not countries_of(source for d in drafts for source in d.candidate.sources) & parties


def _denied_by_a_party(event: Event) -> Event:
    """An event its actor denies in any sentence ("Minsk denied sending tanks", "a report Delhi rejected") is
    `alleged`: what the article tells is the accuser's claim.  Not when a party confirms it too (an admission
    outranks the denial; ``read_claims`` has already made it `confirmed`), and not for a denial by the side
    acted on, which ``read_claims`` may tie to the wrong event of the sentences before ("... sanctioned Iran.
    Tehran rejected the accusation" denies the supply, not the sanctions)."""
    if event.certainty in (Certainty.ALLEGED, Certainty.POSSIBLE) or not event.claims:
        return event
    parties = countries_of(event.actors)
    stances = {claim.stance for claim in event.claims if countries_of(claim.claimants) & parties}
    if Stance.DENIES in stances and Stance.CONFIRMS not in stances:
        return replace(event, certainty=Certainty.ALLEGED)
    return event


def _sides_listed_in_a_phrase(event: Event, views: list[SentenceView]) -> bool:
    """ "joint exercises held by Japan and the Philippines", "drills between Finland and Sweden": a
    cooperation of two states the rules read from their names joined by "and" in a phrase of the event ("by",
    "of", "between", "among"), where the heads take no cooperation in the sentence (they read the pair from its
    place as the object of a preposition, which mostly marks a side's role, not both sides)."""
    if event.type != EventType.COOPERATION or len(event.actors) != 1 or len(event.recipients) != 1:
        return False
    start = event.evidence.start if event.evidence else None
    view = next((v for v in views if v.start == start and not v.is_title), None)
    if view is None:
        return False
    first = view.states.get(event.actors[0].key, [])
    second = view.states.get(event.recipients[0].key, [])
    for a in first:
        for b in second:
            head, tail = (a, b) if a.i < b.i else (b, a)
            if (
                tail.dep_ == "conj"
                and tail.head.i == head.i
                and head.dep_ == "pobj"
                and head.head.lower_ in ("by", "of", "between", "among")
            ):
                return True
    return False


def _is_state_event(event: Event) -> bool:
    return any(e.kind == EntityKind.COUNTRY for e in event.actors)


def _states_only(event: Event) -> bool:
    return all(e.kind == EntityKind.COUNTRY for e in [*event.actors, *event.recipients])


def _evidence(view: SentenceView, article: ArticleText) -> Evidence:
    text = (article.article.text or "")[view.start : view.end] or view.text
    return Evidence(text=text, start=view.start, end=view.start + len(text))


def _designation(token: Any) -> bool:
    """A word that names a system by itself: a designation with a number ("L-15", "K2") or a proper name."""
    text = token.text
    return len(text) > 1 and text[0].isupper() and (any(c.isdigit() for c in text) or token.pos_ == "PROPN")


def _named_elsewhere(view: SentenceView, views: list[SentenceView]) -> list[Entity]:
    """ "China sold 12 L-15 trainer jets to Zambia ... The L-15, built by Hongdu, is flown by Zambia": a bare
    name the article wrote elsewhere as a weapon ("L-15 trainer jets", "K2 tanks", a designation read from its
    context) names that weapon in a sentence where the gazetteer knows no name ("the second K2 contract"), as
    written there.  For
    the items of the learned reader's events only: the names a candidate's features read are untouched."""
    names: dict[str, Entity] = {}
    for other in views:
        doc = other.sent.doc
        for mention in other.mentions:
            weapon = mention.first({EntityKind.WEAPON})
            if weapon is None or mention.first(ACTOR_KINDS):
                continue
            lead = doc[mention.start]
            if _designation(lead):
                names.setdefault(lead.text.casefold(), weapon)
    if not names:
        return []
    covered = {i for mention in view.mentions for i in range(mention.start, mention.end)}
    found: list[Entity] = []
    for token in view.sent:
        if token.i in covered or not _designation(token):
            continue
        text = token.text
        weapon = names.get(text.casefold())
        if weapon is None and text.endswith("s") and any(c.isdigit() for c in text):
            text = text[:-1]  # "L-15s"
            weapon = names.get(text.casefold())
        if weapon is not None:
            found.append(replace(weapon, written=text))
    return found


def _conjoined_supply(candidate: PairCandidate, draft: Draft | None) -> list[Entity]:
    """ "handed over five aircraft to B, and it has given spare parts", "A delivered helicopters to B, its
    minister said, and more aircraft, including X and Y, arrived": a clause joined by "and" to the event's
    verb (or to the verb reporting it), whose verb is itself a word of supply and which names no other state,
    goes on telling the same supply; its weapons are the event's items too."""
    if draft is None:
        return []
    view = candidate.view
    trigger = draft.candidate.trigger
    verbs = {trigger.i}
    if trigger.dep_ == "ccomp":
        verbs.add(trigger.head.i)  # "A delivered X to B, the minister said, and ...": the reporting verb
    supply = {t.i for t, kind in view.reader.triggers if kind == EventType.TRANSFER}
    parties = {candidate.actor.key, candidate.recipient.key if candidate.recipient is not None else ""}
    items: list[Entity] = []
    for token in view.sent:
        if token.dep_ != "conj" or token.head.i not in verbs or token.i not in supply or token.pos_ != "VERB":
            continue
        clause = {t.i for t in token.subtree}
        if any(root.i in clause for code, roots in view.states.items() if code not in parties for root in roots):
            continue
        items += [
            weapon
            for mention in view.mentions
            if mention.start in clause
            and (weapon := mention.first({EntityKind.WEAPON})) is not None
            and weapon.category != PERSONNEL
            and weapon.key not in CATCH_ALL
        ]
    return items


def _sentence_items(events: list[Event]) -> list[Entity]:
    """The items of the rule events of one sentence that state the same event: the first event's, and the
    named systems of the others ("restricted to non-lethal equipment; the United States agreed to sell Javelin
    missiles"); their generic words ("the largest arms package") only when nothing is named yet, and their
    classes ("frigates") when only a word for any weapon ("arms") is."""
    items = list(events[0].items) if events else []
    for event in events[1:]:
        items += [
            i
            for i in event.items
            if not items or i.label != i.label.lower() or (_names_nothing(items) and i.key not in CATCH_ALL)
        ]
    return items


def _names_nothing(items: list[Entity]) -> bool:
    """No item yet, or only words for any weapon ("arms", "military equipment"): a class another reading of
    the same event names ("Italy, Egypt's second arms supplier, delivering frigates") says what they were."""
    return all(i.key in CATCH_ALL for i in items)


def _distinct(entities: list[Entity | None]) -> list[Entity]:
    out: list[Entity] = []
    for entity in entities:
        if entity is not None and not held(out, entity):
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
