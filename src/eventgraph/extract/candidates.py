"""Event candidates for the learned reader: who might have done what to whom, sentence by sentence.

The rule reader parses the article and names the gazetteer's actors in each sentence.  Every sentence that
names states gives candidates: each ordered pair of distinct states (A acts, B receives) and each single
state (for casualties and production), plus the parties of the rule events read from that sentence (a
pronoun or "the two nations" resolved by the rules).  Each candidate carries sparse features: where A and
B sit in the parse (their dependency relation to each trigger word, the words between them, the path
joining them), the trigger words and cue words of the sentence and of its neighbours, and what the rules
decided for the same pair.  ``extract/labels.py`` marks candidates with the gold events of a document.

Given a table of soft triggers (``trigger_neighbours()``: words the lexicon lacks, near a trigger word of one
type), such a word, where its anchor's conditions hold, also counts as a trigger of that type for these
features (marked ``soft:<type>``), and the rules' reading of it gives ``soft_rule:<type>`` features; the rule
reader never reads it.  Off by default: measured, it did not pay (README, "Soft triggers, session 18").
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from eventgraph.dates import PartialDate
from eventgraph.extract import Draft
from eventgraph.extract.lexicon import Lexicon, Mention, TriggerRule
from eventgraph.extract.sentence import Candidate, SentenceReader, countries_of
from eventgraph.model import ACTOR_KINDS, Entity, EntityKind, Event, EventType
from eventgraph.resources import read_data_table

PAIR_TYPES = (
    EventType.TRANSFER,
    EventType.DEPLOYMENT,
    EventType.ATTACK,
    EventType.AGREEMENT,
    EventType.SANCTION,
    EventType.COOPERATION,
)
SINGLE_TYPES = (EventType.CASUALTIES, EventType.PRODUCTION)
UNORDERED = (EventType.AGREEMENT, EventType.COOPERATION)
CONTENT = {"VERB", "NOUN", "ADJ", "ADP", "PART", "AUX", "ADV"}
MAX_BETWEEN = 12  # tokens between two actors that still count as words between them
ACTOR_SLOTS = ("nsubj", "csubj")
NOUN_CUES = frozenset({"treaty_noun", "package_noun", "group_noun", "weapon_head", "delegation"})
# read by the rules only: their certainty (drafts, speaker), a contract's or a signer's purchase ("signed for
# Rafales": its trigger words are features), a company's noun ("the German arms maker Rheinmetall": no state), a
# border ("near the Polish border"), the remains of a downed weapon ("wreckage ... was found in Latvia")
SPEAKER_ONLY_CUES = frozenset(
    {
        "accusing",
        "questioner",
        "purchase",
        "signing",
        "company",
        "boundary",
        "debris",
        "medium",
        "frameless",
        "unconcluded",
    }
    # the frames' verb and noun classes (WordNet's and the sanction frame's): the rules read them, the heads
    # see only the candidates they make (as cue features they changed the heads' fit and lost out of fold)
    | {"giving", "making", "harming", "striking", "teaching", "restricting", "restrictive", "designee"}
)
RECIPIENT_PREPS = ("to", "for", "into", "in", "on", "against", "at", "with", "towards")
NEIGHBOURS_FILE = "trigger_neighbours.csv"
SOFT_BINS = (0.7, 0.6)  # similarity bins of a soft trigger's marker feature (``soft:attack:0.6``)
SOFT_PREFIX = ""  # before the names of a soft trigger's features: "" shares the lexicon's triggers' weights
SOFT_RULE_PREFIX = "soft_"  # before the rules' reading of a soft trigger ("soft_rule:attack"); "" shares the rules'

Neighbours = dict[tuple[str, str], tuple[EventType, float, str]]  # (lemma, VERB|NOUN) -> (type, similarity, anchor)


@lru_cache(maxsize=1)
def trigger_neighbours() -> Neighbours:
    """The words close in meaning to the trigger words of one event type (``data/trigger_neighbours.csv``,
    built offline by ``benchmarks/trigger_neighbours.py``): the learned reader's soft triggers."""
    return {
        (row["lemma"], row["pos"]): (EventType(row["type"]), float(row["similarity"]), row["anchor"])
        for row in read_data_table(NEIGHBOURS_FILE)
    }


@dataclass
class SentenceView:
    """One parsed sentence of an article, its names, and the events the rules read from it."""

    index: int
    sent: Any  # spaCy Span
    start: int  # character offset of the sentence in the article text
    mentions: list[Mention]
    reader: SentenceReader
    rule_events: list[Event] = field(default_factory=list)
    states: dict[str, list[Any]] = field(default_factory=dict)  # ISO3 -> root tokens of its mentions
    entities: dict[str, Entity] = field(default_factory=dict)  # ISO3 -> the state
    is_title: bool = False
    drafts: list[Draft] = field(default_factory=list)  # the rules' reading of each trigger word
    article_date: PartialDate | None = None  # what undated events of the article take (its date, or year)
    voice: Entity | None = None  # who speaks for the article when a sentence names no source (its outlet)
    date_context: PartialDate | None = None  # the last date written out before it, for "that year"
    undated_date: PartialDate | None = None  # what an event with no date of its own takes (a headline's period)
    # the dates the sentence writes, as the rules' events take them (not an end alone: "until late 2018")
    written_dates: list[PartialDate] | None = None

    @property
    def end(self) -> int:
        return self.start + len(self.sent.text.rstrip())

    @property
    def text(self) -> str:
        return str(self.sent.text.strip())


@dataclass
class PairCandidate:
    """A possible event: ``actor`` acts on ``recipient`` (None for a single state) in one sentence."""

    view: SentenceView
    actor: Entity
    recipient: Entity | None
    features: list[str]

    @property
    def key(self) -> tuple[str, str]:
        return (self.actor.key, self.recipient.key if self.recipient is not None else "-")

    @property
    def types(self) -> tuple[EventType, ...]:
        return SINGLE_TYPES if self.recipient is None else PAIR_TYPES

    def marked(self) -> str:
        """The sentence with the actor's names in [A ...] and the recipient's in [R ...]."""
        view = self.view
        marks: dict[int, tuple[str, int]] = {}
        for code, tag in ((self.actor.key, "A"), (self.recipient.key if self.recipient else "", "R")):
            for root in view.states.get(code, []):
                mention = view.reader.by_token.get(root.i)
                start, end = (mention.start, mention.end) if mention else (root.i, root.i + 1)
                marks[start] = (tag, end)
        out = []
        i = view.sent.start
        while i < view.sent.end:
            token = view.sent.doc[i]
            if i in marks:
                tag, end = marks[i]
                span = view.sent.doc[i:end]
                out.append(f"[{tag} {span.text}]" + span[-1].whitespace_)
                i = end
                continue
            out.append(token.text_with_ws)
            i += 1
        return "".join(out).strip()


def state_of(entity: Entity, countries: dict[str, Entity]) -> Entity | None:
    """The state an actor stands for: itself, or the state of an official, organ or unit (not of rebels)."""
    if entity.kind == EntityKind.COUNTRY:
        return entity
    if entity.kind == EntityKind.ARMED_GROUP or not entity.resolved or not entity.country:
        return None
    if entity.kind in ACTOR_KINDS or entity.kind == EntityKind.PLACE:
        return countries.get(entity.country)
    return None


def note_states(view: SentenceView, countries: dict[str, Entity]) -> None:
    """Fill ``view.states``: each state named in the sentence (directly, by an organ, or by a place)."""
    datelines = set()
    for mention in view.mentions:
        entity = mention.first(ACTOR_KINDS) or mention.first({EntityKind.PLACE})
        state = state_of(entity, countries) if entity is not None else None
        if state is None:
            continue
        if _dateline(view, mention):
            datelines.add(state.key)
            continue
        if mention.start in view.reader.seat_marks:
            continue  # "a US-based company", "the German arms maker Rheinmetall": the company's seat, no party
        view.states.setdefault(state.key, []).append(view.reader.mention_root(mention))
        view.entities.setdefault(state.key, state)
    for event in view.rule_events:
        for entity in event.actors + event.recipients:
            # the dateline's state is a party only where the rules made it the defender of an attack ("KYIV -
            # Air defences shot down drones launched by Russia")
            defender = event.type == EventType.ATTACK and entity in event.recipients
            if (
                entity.kind == EntityKind.COUNTRY
                and entity.key not in view.entities
                and (entity.key not in datelines or defender)
            ):
                view.entities[entity.key] = entity
                view.states.setdefault(entity.key, [])


def _dateline(view: SentenceView, mention: Mention) -> bool:
    """ "BAKU - Azerbaijan's forces ...": the city a report is filed from is no party to its events."""
    doc = view.sent.doc
    return (
        mention.start == view.sent.start
        and mention.end < len(doc)
        and doc[mention.end].text in ("-", "—", "–", "--", ":", "(")
    )


class CandidateBuilder:
    """Turns the sentence views of one article into candidates with their features."""

    def __init__(self, lexicon: Lexicon, neighbours: Neighbours | None = None) -> None:
        """``neighbours``: the soft triggers' table (``trigger_neighbours()``), none by default: measured, they
        did not pay (``benchmarks/soft_trigger_experiment.py``, README)."""
        self.lexicon = lexicon
        self.neighbours = {key: value for key, value in (neighbours or {}).items() if key not in lexicon.triggers}
        # the lexicon with each soft word a trigger of its type under its anchor's conditions ("transport" needs
        # an item, like "transfer"): what the learned reader's soft readings use, never the rule reader
        soft_rules = {
            (lemma, pos): [TriggerRule(lemma, pos, kind, _needs(lexicon, anchor, pos, kind))]
            for (lemma, pos), (kind, _, anchor) in self.neighbours.items()
        }
        self.soft_lexicon = Lexicon({**lexicon.triggers, **soft_rules}, lexicon.cues, lexicon.treaty_parties)
        self._soft_of: dict[int, list[tuple[Any, EventType, float]]] = {}  # per sentence view of one article
        self._soft_readings: dict[int, list[Candidate]] = {}
        self.cue_kinds: dict[str, set[str]] = {}
        for kind, cues in lexicon.cues.items():
            if kind in SPEAKER_ONLY_CUES:
                continue
            for cue in cues:
                self.cue_kinds.setdefault(cue, set()).add(kind)

    def build(self, views: list[SentenceView]) -> list[PairCandidate]:
        out: list[PairCandidate] = []
        self._soft_of, self._soft_readings = {}, {}
        known = {code: e for view in views for code, e in view.entities.items()}
        counts = Counter(code for view in views for code, roots in view.states.items() if roots)
        frequent = [code for code, n in counts.most_common(2) if n >= 2]
        told = _rule_tuples(views)
        headline = set(views[0].entities) if views and views[0].is_title else set()
        made = {view.index: _makers(view) for view in views}
        made_here = set().union(*made.values()) if made else set()
        for n, view in enumerate(views):
            if not view.entities:
                continue
            context = self._sentence_features(view)
            context += [f"prev:{f}" for f in self._trigger_words(views[n - 1])] if n else []
            context += [f"next:{f}" for f in self._trigger_words(views[n + 1])] if n + 1 < len(views) else []
            roles = {code: self._role_features(view, roots) for code, roots in view.states.items()}
            codes = list(view.entities)
            for a in codes:
                single = ["single"] + context + [f"a:{f}" for f in roles[a]] + self._rule_features(view, a, None)
                single += self._soft_rule_features(view, a, None)
                single += self._source_features(view, a, None)
                out.append(PairCandidate(view, view.entities[a], None, single))
                for b in codes:
                    if a == b:
                        continue
                    features = ["pair"] + context + [f"a:{f}" for f in roles[a]] + [f"b:{f}" for f in roles[b]]
                    features += self._pair_features(view, view.states[a], view.states[b])
                    features += self._joint_features(view, view.states[a], view.states[b])
                    features += _slot_features(view, self._triggers(view), view.states[a], view.states[b])
                    features += _document_features(told, headline, a, b)
                    features += _maker_features(made[view.index], made_here, a, b)
                    features += self._rule_features(view, a, b)
                    features += _open_slot_features(view, a, b)
                    features += self._soft_rule_features(view, a, b)
                    features += self._source_features(view, a, b)
                    out.append(PairCandidate(view, view.entities[a], view.entities[b], features))
                for b, source in self._context(views, n, frequent).items():
                    if b in view.entities:
                        continue
                    for first, second, side in ((a, b, "b"), (b, a, "a")):
                        features = (
                            ["pair", f"ctx_{side}:{source}"]
                            + context
                            + [f"{'a' if side == 'b' else 'b'}:{f}" for f in roles[a]]
                        )
                        features += self._rule_features(view, first, second)
                        features += _open_slot_features(view, first, second)
                        features += _context_fill_features(view, first, second, side, source)
                        features += self._soft_rule_features(view, first, second)
                        features += self._source_features(view, first, second)
                        roots = view.states[a]
                        features += _slot_features(
                            view, self._triggers(view), roots if side == "b" else [], roots if side == "a" else []
                        )
                        features += _document_features(told, headline, first, second)
                        features += _maker_features(made[view.index], made_here, first, second)
                        out.append(PairCandidate(view, known[first], known[second], features))
        return out

    @staticmethod
    def _context(views: list[SentenceView], n: int, frequent: list[str]) -> dict[str, str]:
        """States a sentence may leave implicit: the article's most named, those of the last two sentences,
        and the headline's."""
        context = dict.fromkeys(frequent, "frequent")
        for view in views[max(0, n - 2) : n]:
            context.update({code: "prev" for code, roots in view.states.items() if roots})
        if views and views[0].is_title and n:
            context.update({code: "title" for code, roots in views[0].states.items() if roots})
        return context

    # -- soft triggers ---------------------------------------------------------------------------
    def soft_triggers(self, view: SentenceView) -> list[tuple[Any, EventType, float]]:
        """The sentence's words the trigger lexicon lacks that are close in meaning to trigger words of one
        type ("battered", "transported"), where the conditions of that trigger word hold: each with that type
        and its similarity.  Only the learned reader's features read them, as triggers of their type marked
        soft; the rule reader never does."""
        if id(view) in self._soft_of:
            return self._soft_of[id(view)]
        found: list[tuple[Any, EventType, float]] = []
        readings: list[Candidate] = []
        if any((t.lemma_.lower(), p) in self.neighbours for t in view.sent for p in ("VERB", "NOUN")):
            reader = SentenceReader(self.soft_lexicon, view.sent, view.mentions, view.reader.countries)
            for token, kind in reader.triggers:
                if token.i in view.reader.trigger_tokens:
                    continue
                pos = "VERB" if token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB") else "NOUN"
                near = self.neighbours.get((token.lemma_.lower(), pos))
                if near is None:
                    continue
                found.append((token, kind, near[1]))
                readings.append(reader._candidate(token, kind))
        self._soft_of[id(view)] = found
        self._soft_readings[id(view)] = readings
        return found

    def _soft_rule_features(self, view: SentenceView, a: str, b: str | None) -> list[str]:
        """What the rules' reading of each soft trigger says of A and B (the parties the rules' slots would
        give it: its subject, its "to" object), as ``soft_rule:<type>`` features of their own."""
        self.soft_triggers(view)
        countries = view.reader.countries
        features = []
        for reading in self._soft_readings.get(id(view), []):
            actors = {s.key for e in reading.actors if (s := state_of(e, countries)) is not None}
            recipients = {s.key for e in reading.recipients if (s := state_of(e, countries)) is not None}
            kind = reading.type.value
            if a in actors and (b is None or b in recipients):
                features.append(f"{SOFT_RULE_PREFIX}rule:{kind}")
            elif b is not None and b in actors and a in recipients:
                features.append(f"{SOFT_RULE_PREFIX}rule_rev:{kind}")
            elif a in actors:
                features.append(f"{SOFT_RULE_PREFIX}rule_actor:{kind}")
        return features

    def _triggers(self, view: SentenceView) -> list[tuple[Any, EventType, str]]:
        """The trigger words of the lexicon the rules read, then the soft triggers, each with the prefix of
        its features' names."""
        return [(token, kind, "") for token, kind in view.reader.triggers] + [
            (token, kind, SOFT_PREFIX) for token, kind, _ in self.soft_triggers(view)
        ]

    # -- features --------------------------------------------------------------------------------
    def _trigger_words(self, view: SentenceView) -> list[str]:
        triggers = self._triggers(view)
        soft = []
        for _, kind, similarity in self.soft_triggers(view):
            soft.append(f"soft:{kind.value}")
            soft += [f"soft:{kind.value}:{cut}" for cut in SOFT_BINS if similarity >= cut][:1]
        return (
            [f"{p}trig:{kind.value}" for _, kind, p in triggers]
            + [f"{p}tw:{token.lemma_.lower()}" for token, _, p in triggers]
            + soft
        )

    def _sentence_features(self, view: SentenceView) -> list[str]:
        features = self._trigger_words(view)
        for token in view.sent:
            lemma = token.lemma_.lower()
            if token.pos_ in ("VERB", "NOUN") and not token.is_stop:
                features.append(f"w:{lemma}")
            if token.dep_ in ("neg", "aux") or token.tag_ == "MD":
                features.append(f"aux:{lemma}")
            modal_word = "modal" in self.cue_kinds.get(lemma, ())
            for kind in self.cue_kinds.get(lemma, ()):
                if kind in NOUN_CUES and token.pos_ not in ("NOUN", "PROPN"):
                    continue  # "according to" is no accord
                if modal_word and token.tag_ != "MD":
                    continue  # "since May" is no hedge
                features.append(f"cue:{kind}")
                features.append(f"cue:{kind}:{lemma}")
        for mention in view.mentions:
            weapon = mention.first({EntityKind.WEAPON})
            if weapon is not None:
                features.append(f"item:{weapon.category or 'weapon'}")
            if mention.first({EntityKind.TREATY}) is not None:
                features.append("treaty")
        if view.index == 0:
            features.append("headline")
        features.append(f"states:{min(len(view.entities), 4)}")
        return features

    def _role_features(self, view: SentenceView, roots: list[Any]) -> list[str]:
        if not roots:
            return ["implicit"]  # a party only the rules resolved (a pronoun, "the two nations")
        features = []
        for root in roots:
            features.append(f"dep:{root.dep_}")
            doc = root.doc
            mention = view.reader.by_token.get(root.i)
            start, end = (mention.start, mention.end) if mention else (root.i, root.i + 1)
            for offset in (1, 2):
                if start - offset >= view.sent.start:
                    features.append(f"left{offset}:{doc[start - offset].lemma_.lower()}")
                if end - 1 + offset < view.sent.end:
                    features.append(f"right{offset}:{doc[end - 1 + offset].lemma_.lower()}")
            head = root.head
            if root.dep_ == "pobj":
                features.append(f"prep:{head.lower_}")
                features.append(f"prep:{head.lower_}:{head.head.lemma_.lower()}")
            else:
                features.append(f"head:{root.dep_}:{head.lemma_.lower()}")
            if root.tag_ in ("NNPS", "NNS") or root.lower_.endswith("ns"):
                features.append("plural")
            verb = next((a for a in [root, *root.ancestors] if a.pos_ in ("VERB", "AUX")), None)
            if verb is not None:
                features.append(f"verb:{verb.lemma_.lower()}")
                if self.cue_kinds.get(verb.lemma_.lower(), set()) & {"attribution", "denial"}:
                    features.append("under_speech")
            for trigger, kind, p in self._triggers(view):
                path = view.reader._path_to(root, trigger)
                if path is None:
                    continue
                relation, prep, through_item, enemy = path
                features.append(f"{p}rel:{kind.value}:{relation}:{prep}")
                features.append(f"{p}rel:{relation}:{prep}")
                if through_item:
                    features.append(f"{p}rel:{kind.value}:owner")
                if enemy:
                    features.append(f"{p}rel:{kind.value}:enemy")
        return features

    def _pair_features(self, view: SentenceView, a_roots: list[Any], b_roots: list[Any]) -> list[str]:
        if not a_roots or not b_roots:
            return ["pair_implicit"]
        a, b = a_roots[0], b_roots[0]
        features = ["a_first" if a.i < b.i else "b_first"]
        low, high = sorted((a.i, b.i))
        between = view.sent.doc[low + 1 : high]
        if len(between) <= MAX_BETWEEN:
            features += [f"btw:{t.lemma_.lower()}" for t in between if t.pos_ in CONTENT]
        else:
            features.append("far")
        features += [f"path:{step}" for step in _path(a, b)]
        if a.head.i == b.i or b.head.i == a.i:
            features.append("adjacent_in_parse")
        return features

    @staticmethod
    def _source_features(view: SentenceView, a: str, b: str | None) -> list[str]:
        """Who states it: the sentence's named source (from the rules' reading of its trigger words) or,
        with none named, the article's voice; each as A's own state, B's, or another."""
        sources = countries_of(source for draft in view.drafts for source in draft.candidate.sources)
        origin = "source"
        if not sources and view.voice is not None:
            sources, origin = countries_of([view.voice]), "voice"
        if not sources:
            return ["source:none"]
        if a in sources:
            return [f"{origin}:actor"]
        if b is not None and b in sources:
            return [f"{origin}:recipient"]
        return [f"{origin}:other"]

    def _joint_features(self, view: SentenceView, a_roots: list[Any], b_roots: list[Any]) -> list[str]:
        """How A and B relate to the same trigger word together ("A delivers ... to B": subject and "to"
        object of one transfer word), which the separate relations of A and of B cannot say."""
        features = []
        for trigger, kind, p in self._triggers(view):
            a_paths = [p for p in (view.reader._path_to(root, trigger) for root in a_roots) if p is not None]
            b_paths = [p for p in (view.reader._path_to(root, trigger) for root in b_roots) if p is not None]
            a_role = f"{a_paths[0][0]}:{a_paths[0][1]}" if a_paths else "none"
            b_role = f"{b_paths[0][0]}:{b_paths[0][1]}" if b_paths else "none"
            if a_role == b_role == "none":
                continue
            features.append(f"{p}joint:{kind.value}:{a_role}|{b_role}")
            features.append(f"{p}joint:{a_role}|{b_role}")
            features.append(f"{p}joint:{trigger.lemma_.lower()}:{a_role}|{b_role}")  # "received ... from"
        return features

    @staticmethod
    def _rule_features(view: SentenceView, a: str, b: str | None) -> list[str]:
        features = []
        for event in view.rule_events:
            actors = {e.key for e in event.actors}
            recipients = {e.key for e in event.recipients}
            kind = event.type.value
            if a in actors and (b is None or b in recipients):
                features.append(f"rule:{kind}")
                features.append(f"rule:{kind}:{event.certainty.value}")
            elif b is not None and b in actors and a in recipients:
                features.append(f"rule_rev:{kind}")
            elif a in actors:
                features.append(f"rule_actor:{kind}")
            features.append(f"rule_any:{kind}")
        return features


def _open_slot_features(view: SentenceView, a: str, b: str) -> list[str]:
    """The rules read A as the actor of an event of the sentence and left its recipient slot empty ("the F-16s
    supplied by Norway", "Russia supplied most of the rest").  The pair may fill that slot (often with a state
    the sentence leaves to the context), which a rule event of A with another recipient ("rule_actor") does
    not say.  (A recipient read with no actor is rare: the rules seldom keep such an event.)"""
    features = []
    for event in view.rule_events:
        actors = {e.key for e in event.actors}
        recipients = {e.key for e in event.recipients}
        if a in actors and not recipients:
            features.append(f"rule_open:{event.type.value}")
    return features


def _context_fill_features(view: SentenceView, a: str, b: str, side: str, source: str) -> list[str]:
    """ "The jet was one of the F-16s supplied by Norway" under a headline on Ukraine: the rules read A as the
    supplier of a transfer whose recipient the sentence leaves open, and B, the state the pair takes from the
    context, fills that slot.  Which context it comes from (the headline, the sentences before, the
    article's most named states) tells how likely it is the one meant; ``rule_open`` and ``ctx_b`` apart
    cannot say that both hold of one pair."""
    if side != "b":
        return []
    for event in view.rule_events:
        actors = {e.key for e in event.actors}
        if event.type == EventType.TRANSFER and not event.recipients and a in actors and b not in actors:
            return [f"rule_fill:transfer:{source}"]
    return []


def _rule_tuples(views: list[SentenceView]) -> set[tuple[str, str, str]]:
    """The (type, actor, recipient) the rules read anywhere in the article (unordered types both ways)."""
    told = set()
    for view in views:
        for event in view.rule_events:
            for actor in event.actors:
                for recipient in event.recipients:
                    told.add((event.type.value, actor.key, recipient.key))
                    if event.type in UNORDERED:
                        told.add((event.type.value, recipient.key, actor.key))
    return told


def _document_features(told: set[tuple[str, str, str]], headline: set[str], a: str, b: str) -> list[str]:
    """What the article says of the pair elsewhere: a rule event of A and B in any sentence, both in the
    headline.  An article about one supply names it in many sentences, most of which the rules cannot read."""
    features = [f"doc_rule:{kind.value}" for kind in PAIR_TYPES if (kind.value, a, b) in told]
    features += [f"doc_rule_rev:{kind.value}" for kind in PAIR_TYPES if (kind.value, b, a) in told]
    if a in headline and b in headline:
        features.append("headline_pair")
    return features


def _makers(view: SentenceView) -> set[str]:
    """The states that make the weapons a sentence names (``origin_iso3`` of data/weapons.csv)."""
    return {
        weapon.country
        for mention in view.mentions
        if (weapon := mention.first({EntityKind.WEAPON})) is not None and weapon.country
    }


def _maker_features(sentence: set[str], article: set[str], a: str, b: str) -> list[str]:
    """Whether A or B makes a weapon the sentence names, or one the article names: "Chile received its first
    Gripens" in an article about Sweden's fighter leaves its supplier to the weapon's maker."""
    if not article & {a, b}:
        return []
    status = ["sent" if code in sentence else "doc" if code in article else "no" for code in (a, b)]
    return [f"maker:{status[0]}|{status[1]}"]


def _slot_features(
    view: SentenceView, triggers: list[tuple[Any, EventType, str]], a_roots: list[Any], b_roots: list[Any]
) -> list[str]:
    """Who fills the actor and the recipient slots of each event word A or B relates to: A or B, some other
    phrase ("to the coast guard", "Baku's forces"), or nothing ("China has supplied jets": the recipient is
    left to the article).  What the words around a party cannot say, and what a party left implicit needs."""
    features = []
    reader = view.reader
    for trigger, kind, p in triggers:
        related_a = any(reader._path_to(root, trigger) is not None for root in a_roots)
        related_b = any(reader._path_to(root, trigger) is not None for root in b_roots)
        if not related_a and not related_b:
            continue
        actor = _slot_status(actor_fillers(trigger), a_roots)
        recipient = _slot_status(recipient_fillers(trigger), b_roots)
        features += [f"{p}slot:{kind.value}:{actor}|{recipient}", f"{p}slot:{actor}|{recipient}"]
    return features


def actor_fillers(trigger: Any) -> list[Any]:
    """The phrases that name who acts: the subject, the "by" agent, the possessor or modifier of a noun."""
    fillers = [ch for ch in trigger.children if ch.dep_ in ACTOR_SLOTS]
    fillers += [g for ch in trigger.children if ch.dep_ == "agent" for g in ch.children if g.dep_ == "pobj"]
    if trigger.pos_ == "NOUN":
        fillers += [ch for ch in trigger.children if ch.dep_ in ("poss", "compound", "amod") and ch.pos_ == "PROPN"]
    if not fillers and trigger.dep_ in ("xcomp", "conj") and trigger.head.pos_ in ("VERB", "AUX"):
        fillers = [ch for ch in trigger.head.children if ch.dep_ in ACTOR_SLOTS]  # "agreed to send", "built and sold"
    return fillers


def recipient_fillers(trigger: Any) -> list[Any]:
    """The phrases that name who receives or is hit: the dative, a "to"/"for"/"in"/"against" object."""
    fillers = [ch for ch in trigger.children if ch.dep_ == "dative"]
    for prep in trigger.children:
        if prep.dep_ == "prep" and prep.lower_ in RECIPIENT_PREPS:
            fillers += [g for g in prep.children if g.dep_ == "pobj"]
    return fillers


def _slot_status(fillers: list[Any], roots: list[Any]) -> str:
    if not fillers:
        return "open"
    if any(root.i in {t.i for t in filler.subtree} for filler in fillers for root in roots):
        return "party"
    return "other"


def _path(a: Any, b: Any) -> list[str]:
    """The steps from a up to the common ancestor of a and b and down to b, as lemmas and relations."""
    up_a = [a, *a.ancestors]
    up_b = [b, *b.ancestors]
    ids_b = {t.i for t in up_b}
    common = next((t for t in up_a if t.i in ids_b), None)
    if common is None:
        return ["none"]
    left = [t for t in up_a if t.i != common.i][:6]
    right = [t for t in up_b if t.i != common.i][:6]
    steps = [f"^{t.dep_}" for t in left] + [f"={common.lemma_.lower()}"] + [f"v{t.dep_}" for t in right]
    words = [f"pw:{t.lemma_.lower()}" for t in left[1:] + right[1:] if t.pos_ in CONTENT]
    return ["".join(steps), f"top:{common.lemma_.lower()}", f"topdep:{common.dep_}"] + words


def _needs(lexicon: Lexicon, anchor: str, pos: str, kind: EventType) -> tuple[str, ...]:
    """The conditions of the anchor's reading as a trigger of ``kind`` (its first such row with none, else its
    first), which its soft neighbour takes over."""
    rules = [rule for rule in lexicon.triggers.get((anchor, pos), ()) if rule.type == kind]
    rules.sort(key=lambda rule: bool(rule.needs))
    return rules[0].needs if rules else ()
