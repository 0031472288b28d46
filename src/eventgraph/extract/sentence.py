"""One sentence to event candidates: triggers from the lexicon, roles from the dependency parse.

A trigger's roles come from where each name sits relative to it: the subject (or "by" agent, or possessor
of a noun trigger) acts, the "to"/"for" object or the dative receives, "against"/"on" names a target, the
weapons in its clause are its items.  Names under a country demonym ("North Korean soldiers") stand for the
state; a state's official or organ stands for the state.  What the sentence leaves open (a pronoun subject,
a missing recipient) is left to the article-level pass in ``extract/__init__.py``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from eventgraph.extract.lexicon import Lexicon, Mention, TriggerRule, held, mention_root
from eventgraph.extract.references import country_noun
from eventgraph.gazetteer import slug
from eventgraph.model import ACTOR_KINDS, Certainty, Entity, EntityKind, EventType, Status

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

CLIMB = {"compound", "amod", "nmod", "nummod", "det", "case", "quantmod", "npadvmod"}
SUBJECTS = {"nsubj", "csubj", "expl"}
PASSIVE_SUBJECTS = {"nsubjpass", "csubjpass"}
CLAUSES = {"xcomp", "advcl", "ccomp"}  # a clause of its own under a verb: "arrived to train ..."
UNMANNED = frozenset({"drone", "missile", "munitions"})  # what is shot down on its way, not a crewed jet
PLACE_PREPS = ("in", "to", "into")  # a destination of a sending or arrival
PURPOSE_PLACE_PREPS = (*PLACE_PREPS, "over", "across", "near", "along", "at", "on")  # where a purpose is carried out
CLAUSE_LINKS = {"xcomp", "advcl", "conj", "acl", "relcl", "pcomp", "prep", "pobj", "dobj", "ccomp", "attr", "appos"}
HEADLINE_WORDS = 25
SENTENCE_ENDS = {".", "!", "?", '"', "\u201d", "'", ")", ":"}
OWNER_LINKS = {"compound", "amod", "nmod", "poss"}
PRONOUNS = {"it", "its", "they", "their", "them", "we", "our", "us", "i", "my", "he", "his", "she", "her"}
NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "fifty": 50,
    "hundred": 100,
}
PERSONNEL = "personnel"
TARGET_PREPS = ("on", "against", "at", "into", "towards", "toward")
ATTACK_PREPS = ("on", "onto", "against")  # where weapons are sent at: a target, not a receiver (and "at" a state)
DEPLOYMENT_PREPS = ("to", "into", "in", "inside", "on", "along", "near", "across", "at")  # where troops go or stay
GOAL_PREPS = frozenset({*DEPLOYMENT_PREPS, *ATTACK_PREPS, "at", "with"})
# verbs the frame never reads (a standing verb, "keeps", "flew", reads only as a deployment)
FRAMELESS_CUES = ("frameless", "attribution", "stance", "denial", "support_verb")
LIST_JOINS = {",", "and", "or", "as", "well", "plus", "&"}  # what separates the names of one list
LIST_MODIFIERS = {"DET", "NUM", "ADJ"}  # "and 40 older tanks": words of the next name, not of another phrase
PRONOUN_SETS = frozenset({"those", "these", "ones"})  # "one of those supplied by Norway"
ACCOMPANYING = frozenset({"along", "together"})  # "along with engines": what goes with the event's items
LIST_GAP = 6  # tokens between two listed names at most
LISTING = frozenset({"add", "put", "place"})  # "added two firms to its sanctions list"
TARGETING = frozenset({"target", "cover", "include", "hit", "name", "list"})  # "the sanctions target ..."


@dataclass
class Reference:
    """Something the sentence refers to that the article must resolve: a pronoun, "the two nations"."""

    kind: str  # "pronoun" | "group" | "treaty" | "voice" | "country"
    text: str
    size: int | None = None
    token: int = -1  # the token's position, to resolve "its" to the nearest name before it


@dataclass
class Candidate:
    """An event as the sentence states it; unresolved parts are filled from the article."""

    type: EventType
    trigger: Token
    actors: list[Entity] = field(default_factory=list)
    recipients: list[Entity] = field(default_factory=list)
    items: list[Entity] = field(default_factory=list)
    places: list[Entity] = field(default_factory=list)
    enemies: list[Entity] = field(default_factory=list)
    owners: list[Entity] = field(default_factory=list)
    co_actors: list[Entity] = field(default_factory=list)  # "alongside Russian forces"
    hosts: list[Entity] = field(default_factory=list)  # the states of the places an attack struck
    treaties: list[Entity] = field(default_factory=list)
    origins: list[Entity] = field(default_factory=list)  # "Iranian-made drones", "drones of Iranian origin"
    actor_ref: Reference | None = None
    host_ref: Reference | None = None  # "deployed troops to the country": a state the article named before
    quantity: tuple[str, int | None] | None = None
    status: Status = Status.OCCURRED
    certainty: Certainty | None = None
    sources: list[Entity] = field(default_factory=list)
    via: list[Entity] = field(default_factory=list)
    hypothetical: bool = False
    negated: bool = False
    adjectival: bool = False
    trade: bool = False  # read from arms-trade language ("X's biggest supplier", "45 percent of its imports")
    finite_past: bool = False


def _without_clauses(token: Token) -> list[Token]:
    """The phrase of ``token`` without the clauses that hang on it ("the explosions that wrecked jets")."""
    inside = {t.i for ch in token.children if ch.dep_ in ("relcl", "acl", *CLAUSES) for t in ch.subtree}
    return [t for t in token.subtree if t.i not in inside]


def _verb_lemmas(verb: Token) -> list[str]:
    """The verb's lemma, and the stems its inflected form may have where the lemmatiser knows no such verb
    ("kitted" -> "kit", not spaCy's "kitte"; "blocklisted" -> "blocklist")."""
    lemmas = [verb.lemma_.lower()]
    word = verb.lower_
    for ending in ("ed", "ing", "s"):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            stem = word[: -len(ending)]
            lemmas += [stem, stem + "e"] if ending != "s" else [stem]
            if len(stem) > 2 and stem[-1] == stem[-2]:
                lemmas.append(stem[:-1])  # "kitted", "gunned"
    return list(dict.fromkeys(lemmas))


class SentenceReader:
    """Finds event candidates in one parsed sentence."""

    def __init__(
        self, lexicon: Lexicon, sent: Span, mentions: list[Mention], countries: dict[str, Entity] | None = None
    ) -> None:
        self.lexicon = lexicon
        self.countries = countries or {}
        self.sent = sent
        self.mentions = mentions
        self.by_token: dict[int, Mention] = {i: m for m in mentions for i in range(m.start, m.end)}
        self.origin_marks = {m.start for m in mentions if self._marked(m, "origin_suffix")}
        self.seat_marks = {m.start for m in mentions if self._marked(m, "seat_suffix") or self._named_company(m)}
        self.triggers = self._distinct_triggers(list(self._triggers()))
        self.trigger_tokens = {t.i for t, _ in self.triggers}

    # -- triggers ------------------------------------------------------------------------------
    def _triggers(self) -> Iterator[tuple[Token, EventType]]:
        for token in self.sent:
            pos = (
                "VERB"
                if token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB")
                else ("NOUN" if token.pos_ in ("NOUN", "PROPN") else "")
            )
            if not pos:
                continue
            lemma = token.lemma_.lower()
            if token.i in self.by_token and self.by_token[token.i].first({EntityKind.WEAPON}):
                continue  # "attack" in "attack submarines" names a weapon, not an event
            if (
                token.dep_ == "compound"
                and token.head.pos_ == "NOUN"
                and (
                    self.lexicon.triggers.get((token.head.lemma_.lower(), "NOUN"))
                    or self.lexicon.names_treaty(token.head)  # "a defence cooperation pact": the pact's event
                )
            ):
                continue  # "security assistance packages": the head noun is the trigger
            found: set[EventType] = set()
            rules = self.lexicon.triggers.get((lemma, pos), ())
            if not rules and pos == "VERB" and (framed := self._frame(token)) is not None:
                yield token, framed
            for rule in rules:
                if rule.type in found or (found and not rule.needs):
                    continue  # a word with a general reading and a conditioned one: the first that holds
                if not rule.needs or any(
                    all(self._holds(part, token) for part in need.split("+")) for need in rule.needs
                ):
                    found.add(rule.type)
                    yield token, rule.type  # "used Iranian drones against Ukraine": a transfer and an attack
            if not found and pos == "VERB" and (framed := self._unheld_frame(token, rules)) is not None:
                yield token, framed

    def _unheld_frame(self, verb: Token, rules: Sequence[TriggerRule]) -> EventType | None:
        """A listed verb whose every rule is conditioned and none holds is read by its frame, as a verb the table
        lacks ("Norway handed 40 tanks to Ukraine": "hand" is a transfer only with "over", but tanks moved to a
        state are one whatever the verb)."""
        if not rules or not all(rule.needs for rule in rules):
            return None
        return self._frame(verb)

    @staticmethod
    def _distinct_triggers(found: list[tuple[Token, EventType]]) -> list[tuple[Token, EventType]]:
        """ "imposed sanctions", "signed an agreement": the object of a trigger of its type is the same event."""
        kinds = {token.i: kind for token, kind in found}
        nouns = {token.head.i: kind for token, kind in found if token.dep_ == "dobj" and token.pos_ == "NOUN"}
        return [
            (token, kind)
            for token, kind in found
            if not (token.dep_ in ("dobj", "nsubjpass", "attr") and kinds.get(token.head.i) == kind)
            # "provided technological assistance": the verb only carries the noun's event
            and not (token.pos_ == "VERB" and nouns.get(token.i, kind) != kind)
        ]

    def _frame(self, verb: Token) -> EventType | None:
        """A verb the trigger table lacks, read by what it moves and where, or makes: a pact, treaty or accord
        made by states ("penned a defence memorandum") is an agreement, unless the verb is one of talking,
        judging or undoing (cue kind ``unconcluded``: "discussed the pact"); weapons moved "to" a state are a
        transfer ("trucked ammunition to Ukraine", "shells were funnelled to Russia"), weapons sent "at" or "on"
        a state an attack ("lobbed missiles at Israel", "rained drones on Kyiv"), troops moved to or kept
        in a state's ground a deployment ("posted a brigade to Lithuania", "garrisoned 1,500 troops in
        Tajikistan", "reinforced Estonia with 1,000 soldiers"; bases kept there count as troops: "has bases in
        Chad").  A verb of keeping or flying (cue kind ``standing_verb``) reads only as such a deployment ("keeps
        3,000 troops in Tajikistan", "were flown into Kazakhstan").  A verb of giving (cue kind ``giving``, WordNet's
        verbs of possession) that equips a state "with" weapons is a transfer ("rearmed Lithuania with 40
        tanks"), and one that puts weapons "on" a state names a receiver ("bestowed drones on Azerbaijan"); a
        verb of striking (``striking``) "with" weapons, or of weapons or troops, attacks the state struck
        ("battered Ukraine with missiles", "Russian artillery battered Ukrainian positions").
        Troops a verb of killing or injuring befalls (cue kind ``harming``: "were mown down near Bakhmut"), or
        that die by a verb of dying ("perished"), are casualties; a state that makes weapons (its object, not
        a clause on it) by a verb of creation (``making``: "churned out 300 howitzers") is production.  A state
        that restricts another state's firms or officials is a sanction (``_sanctions``), read first: its verbs
        ("restricted", "barred") are frameless for moving things.  Two states acting "together" or "jointly" in a
        military activity, or "teamed up with" each other, cooperate (``_joint``), and so does a state whose
        people teach another state's (``teaching``: "American officers tutored Ukrainian gunners").
        Troops that are the subject of a verb of arriving (``arriving``: "paratroopers landed in the Maldives") are
        a deployment there.  The noun a past participle or a passive or object relative clause describes is what
        the verb moves ("howitzers trucked to Ukraine by Norway", ``_moved_noun``).
        Verbs of saying, stance, seeing or tracing
        and those that move nothing to anyone (cue kind ``frameless``: "traced the drones to Iran", "withdrew
        troops to Russia") never are."""
        lemma = verb.lemma_.lower()
        standing = self.lexicon.has_cue("standing_verb", lemma)  # "keeps troops in", "flew troops into"
        if lemma == "be" and verb.dep_ in ("ROOT", "conj", "ccomp", "relcl", "advcl"):
            return self._presence(verb)
        if verb.pos_ != "VERB":
            return None
        objects = [ch for ch in verb.children if ch.dep_ in ("dobj", "nsubjpass")]
        goals: dict[str, list[Token]] = {}  # "quartered 400 troops in Georgia": the phrase may hang on the object
        for ch in [c for head in (verb, *objects) for c in head.children if c.dep_ == "prep"]:
            goals.setdefault(ch.lower_, []).extend(ch.subtree)
        objects += self._moved_noun(verb)  # "40 tanks trucked to Ukraine": the noun the participle describes
        if any(t.lower_ in ("no", "neither") and t.dep_ == "det" for ch in objects for t in ch.children):
            return None  # "it has no troops in Congo"
        if any(ch.tag_ == "MD" for ch in verb.children):
            return None  # "forces in Okinawa would be involved": a modal tells no move
        if self._sanctions(verb, objects, goals):
            return EventType.SANCTION
        if any(self.lexicon.has_cue(kind, lemma) for kind in FRAMELESS_CUES):
            return None
        placed = {t.i for prep in GOAL_PREPS for t in goals.get(prep, [])}
        moved = [
            e
            for ch in objects
            for t in (ch.subtree if ch.head is verb else _without_clauses(ch))  # not the participle's own phrases
            if t.i in self.by_token and t.i not in placed
            for e in self.by_token[t.i].entities
        ]
        troops = any(e.category == PERSONNEL for e in moved) or any(self._garrison(ch) for ch in objects)
        if standing:  # a verb of keeping or flying moves or keeps troops, never makes a pact or hands arms over
            in_state = any(
                self._names_state(goals.get(prep, [])) or self._the_country(goals.get(prep, [])) is not None
                for prep in DEPLOYMENT_PREPS
            )
            if troops and not in_state and self._verb_cue_value("standing_verb", verb) == "host":
                # "Latvia hosts 5,000 Norwegian soldiers", "hosts bases of Spain": the host is the subject
                hosts = [t for ch in verb.children if ch.dep_ in SUBJECTS for t in ch.subtree]
                # the guests named on the troops themselves ("Norwegian soldiers", "Norway's troops")
                guests = [t for ch in objects for t in ch.subtree if t.dep_ in ("amod", "poss", "compound")]
                return EventType.DEPLOYMENT if self._names_state(hosts) and self._names_state(guests) else None
            return EventType.DEPLOYMENT if troops and in_state else None
        if any(self.lexicon.names_treaty(ch) for ch in verb.children if ch.dep_ == "dobj"):
            # "Armenia and Iran penned a defence memorandum": a pact made by states named as its makers
            # not the agents on a subject that is an effort ("efforts by Angola and Kenya produced a ceasefire",
            # "talks hosted by Qatar": mediators), as "the ministers of A and B" are makers
            mediators = {
                t.i
                for ch in verb.children
                if ch.dep_ in SUBJECTS
                for p in ch.children
                if (p.dep_ == "prep" and p.lower_ == "by") or p.dep_ in ("acl", "relcl")
                for t in p.subtree
            }
            makers = [
                t for ch in verb.children if ch.dep_ in SUBJECTS for t in ch.subtree if t.i not in mediators
            ] + goals.get("with", [])
            unconcluded = self.lexicon.has_cue("unconcluded", lemma)
            return EventType.AGREEMENT if not unconcluded and self._names_state(makers, places=False) else None
        if any((ch.lemma_.lower(), "NOUN") in self.lexicon.triggers for ch in objects):
            return None  # "approved the sale of 40 tanks to B": the event is its object's, a noun the rules read
        arms = any(e.kind == EntityKind.WEAPON and e.category != PERSONNEL for e in moved)
        subjects = [t for ch in verb.children if ch.dep_ in SUBJECTS for t in ch.subtree]
        if self._joint(verb, subjects, objects, goals):
            return EventType.COOPERATION
        if (
            self._verb_cue("teaching", verb)  # "American officers tutored Ukrainian gunners", "mentored Ukrainians"
            and self._names_state([t for ch in objects for t in _without_clauses(ch)], places=False)
            and self._names_state(subjects, places=False)
            and not any(ch.dep_ in CLAUSES for ch in verb.children)  # "instructed Israeli officials to leave"
        ):
            return EventType.COOPERATION
        if self._verb_cue("harming", verb) and (
            troops or (self._verb_cue_value("harming", verb) == "die" and self._personnel(subjects))
        ):
            return EventType.CASUALTIES  # "soldiers were mowed down near Bakhmut", "three marines succumbed"
        if arms and self._names_state(goals.get("to", [])):
            return EventType.TRANSFER
        if self._troops_arrive(verb, subjects, goals):
            return EventType.DEPLOYMENT
        giving = self._verb_cue("giving", verb)  # WordNet's verbs of possession: "bestowed", "kitted out"
        if arms and (
            any(self._names_state(goals.get(prep, [])) for prep in ATTACK_PREPS)
            or self._names_state(goals.get("at", []), places=False)  # "unloaded at Ashdod" is a port, no target
        ):
            # "bestowed drones on Azerbaijan": a verb of giving names a receiver, not a target
            return EventType.TRANSFER if giving and goals.get("on") else EventType.ATTACK
        if troops and any(
            self._names_state(goals.get(prep, [])) or self._the_country(goals.get(prep, [])) is not None
            for prep in DEPLOYMENT_PREPS
        ):
            return EventType.DEPLOYMENT
        if (
            self._verb_cue("making", verb)
            and self._names_state(subjects, places=False)
            and not self._armed(subjects)  # "Ukrainian missiles caused the explosions": weapons make no weapons
            and self._armed([t for ch in objects for t in _without_clauses(ch)])  # not "caused blasts that hit jets"
        ):
            return EventType.PRODUCTION  # "Turkey cranked out 120 drones", "Iran fabricated Shahed drones"
        hosts = [t for ch in verb.children if ch.dep_ == "dobj" for t in ch.subtree]
        with_troops = any(
            e.category == PERSONNEL
            for t in goals.get("with", [])
            if t.i in self.by_token
            for e in self.by_token[t.i].entities
        )
        if with_troops and self._names_state(hosts):
            return EventType.DEPLOYMENT
        with_arms = any(
            e.kind == EntityKind.WEAPON and e.category != PERSONNEL
            for t in goals.get("with", [])
            if t.i in self.by_token
            for e in self.by_token[t.i].entities
        )
        if giving and with_arms and self._names_state(hosts, places=False):
            return EventType.TRANSFER  # "rearmed Lithuania with 40 tanks"; not "pounded Kyiv with missiles"
        if not self._verb_cue("striking", verb) or not self._names_state(hosts):
            return None
        armed = self._armed(subjects) or self._personnel(subjects)  # "Russian artillery battered ... positions"
        return EventType.ATTACK if with_arms or armed else None  # "battered Ukraine with 90 cruise missiles"

    def _troops_arrive(self, verb: Token, subjects: list[Token], goals: dict[str, list[Token]]) -> bool:
        """Troops that come by a verb of arriving (cue kind ``arriving``) into a state's ground are deployed there:
        the troops are its subject, not an object ("Indian paratroopers landed in the Maldives"), the subject of
        the verb a clause hangs on ("Russian marines began landing at Latakia airport") or the noun a clause on it
        describes ("the marines who landed in Goma")."""
        if any(ch.dep_ == "dobj" for ch in verb.children) or not self._verb_cue("arriving", verb):
            return False
        if not subjects and verb.dep_ == "xcomp":
            subjects = [t for ch in verb.head.children if ch.dep_ in SUBJECTS for t in ch.subtree]
        if verb.dep_ in ("acl", "relcl") and not self._personnel(subjects):  # "the marines who landed in ..."
            subjects = [*subjects, *_without_clauses(verb.head)]
        return self._personnel(subjects) and any(
            self._names_state(goals.get(prep, [])) or self._the_country(goals.get(prep, [])) is not None
            for prep in ("in", "into", "at", "to")
        )

    def _moved_noun(self, verb: Token) -> list[Token]:
        """The noun a clause on it says was moved or made, which the verb's frame reads as its object: a past
        participle on it ("40 tanks trucked to Ukraine by Norway", "frigates built in Italy for Egypt"), a passive
        relative clause ("shells, which were funnelled to Russia") or an object relative one ("the tanks that
        Spain trucked to Chile").  Not a present participle, whose noun acts ("drones attacking Kyiv").  A
        participle the parser took for a past tense with the noun as its subject ("howitzers trucked to Ukraine by
        Norway were destroyed") is one when it has a "by" phrase naming someone and no object."""
        if (verb.dep_ == "acl" and verb.tag_ in ("VBN", "VBD")) or _passive_relative(verb) or _object_relative(verb):
            return [verb.head]
        if verb.tag_ in ("VBN", "VBD") and not any(ch.dep_ in ("dobj", "nsubjpass") for ch in verb.children):
            by = [t for ch in verb.children if ch.dep_ in ("agent", "prep") and ch.lower_ == "by" for t in ch.subtree]
            if any(t.i in self.by_token for t in by):  # not "returned to the front by January"
                return [ch for ch in verb.children if ch.dep_ == "nsubj"]
        return []

    def _joint(self, verb: Token, subjects: list[Token], objects: list[Token], goals: dict[str, list[Token]]) -> bool:
        """Two states or their forces act together in a military activity: "together" or "jointly" ("India and
        France drilled together", "Indonesian and Australian marines trained jointly"), or a verb with "up"
        and a state "with" ("Poland teamed up with South Korea on a howitzer"), or a verb the table has as a noun
        of cooperation with a state's force ("exercised with two Japanese destroyers"). The activity must be military
        (troops, weapons or a military word about it), or the verb one the table has as a noun of cooperation
        ("drill", "exercise") not done "for" something ("drilled for oil together")."""
        together = any(  # "rehearsed naval tactics together off Goa": it may hang on the phrase of place
            ch.dep_ == "advmod" and ch.lower_ in ("together", "jointly")
            for head in (verb, *(c for c in verb.children if c.dep_ == "prep"))
            for ch in head.children
        )
        paired = any(ch.dep_ == "prt" and ch.lower_ == "up" for ch in verb.children) and goals.get("with")
        drill = any(
            rule.type == EventType.COOPERATION for rule in self.lexicon.triggers.get((verb.lemma_.lower(), "NOUN"), ())
        )
        if drill and "for" not in goals and self._names_state(goals.get("with", []), places=False):
            return True  # "the carrier group exercised with two Japanese destroyers": a drill with a state's force
        if not (together or paired):
            return False
        sides = {
            e.label
            for t in [*subjects, *goals.get("with", [])]
            if t.i in self.by_token
            for e in self.by_token[t.i].entities
            if e.kind == EntityKind.COUNTRY
        }
        if len(sides) < 2:
            return False
        around = [*subjects, *(t for ch in objects for t in ch.subtree), *(t for ts in goals.values() for t in ts)]
        military = (
            self._armed(around)
            or self._personnel(around)
            or any(self.lexicon.has_cue("military", t.lemma_.lower()) for t in around)
        )
        return military or (drill and "for" not in goals)

    def _sanctions(self, verb: Token, objects: list[Token], goals: dict[str, list[Token]]) -> bool:
        """A state restricts another state's firms, banks or officials: by a verb of restricting (cue kind
        ``restricting``: "blocklisted nine Iranian drone makers", "cut off Iranian banks") or by putting them
        under or punishing them with a restrictive measure (``restrictive``: "placed 25 Russian firms under
        financial restrictions").  Not weapons or troops restricted ("barred tanks from the bridge"), nor a
        state fined as such ("fined Italy for its deficit"), unless a measure is named; nor what is no firm or
        person ("blocked Philippine supply missions")."""
        subjects = [t for ch in verb.children if ch.dep_ in SUBJECTS for t in ch.subtree]
        union = any(  # "the European Union punished ...": a union of states sanctions too
            self.by_token[t.i].first({EntityKind.ORGANIZATION}) is not None for t in subjects if t.i in self.by_token
        )
        if not objects or not (union or self._names_state(subjects, places=False)):
            return False
        restricting = self._verb_cue("restricting", verb)
        lemma = verb.lemma_.lower()
        if not restricting and any(self.lexicon.has_cue(k, lemma) for k in FRAMELESS_CUES if k != "support_verb"):
            return False  # "threatened India with sanctions"; but "placed firms under restrictions"
        # the object's own words, not its phrases ("flights near its borders with Belarus")
        targets = [t for ch in objects for t in ch.subtree if t.i == ch.i or t.dep_ in ("amod", "compound", "poss")]
        if self._armed(objects) or not self._names_state(targets, places=False):
            return False
        named = [self.by_token[ch.i] for ch in objects if ch.i in self.by_token]
        itself = any(m.first({EntityKind.COUNTRY}) is not None for m in named)  # "punished Iran with new measures"
        listed = any(  # "Iranian drone suppliers", "Russian banks", "North Korean officials"
            self.lexicon.has_cue(kind, ch.lemma_.lower())
            for ch in objects
            for kind in ("company", "delegation", "designee")
        )
        if not (itself or listed):
            return False  # "blocked Philippine supply missions"
        measure = any(
            self.lexicon.has_cue("restrictive", t.lemma_.lower())
            for prep in ("under", "with")
            for t in goals.get(prep, [])
            if t.pos_ == "NOUN"
        )
        return measure or (restricting and not itself)  # "fined Italy for its deficit": a state fined, no measure

    def _armed(self, tokens: list[Token]) -> bool:
        """Some token names a weapon (not troops)."""
        return any(
            e.kind == EntityKind.WEAPON and e.category != PERSONNEL
            for t in tokens
            if t.i in self.by_token
            for e in self.by_token[t.i].entities
        )

    def _personnel(self, tokens: list[Token]) -> bool:
        return any(e.category == PERSONNEL for t in tokens if t.i in self.by_token for e in self.by_token[t.i].entities)

    def _verb_cue_value(self, kind: str, verb: Token) -> str | None:
        particles = [ch.lower_ for ch in verb.children if ch.dep_ == "prt"]
        for lemma in _verb_lemmas(verb):
            for p in particles or [""]:
                value = self.lexicon.cue(kind, f"{lemma} {p}" if p else lemma)
                if value is not None:
                    return value
        return None

    def _verb_cue(self, kind: str, verb: Token) -> bool:
        """The verb, or the verb with its particle ("kitted out", "churned out"), has a cue of ``kind``."""
        particles = [ch.lower_ for ch in verb.children if ch.dep_ == "prt"]
        return any(
            self.lexicon.has_cue(kind, f"{lemma} {p}" if p else lemma)
            for lemma in _verb_lemmas(verb)
            for p in particles or [""]
        )

    def _the_country(self, tokens: list[Token]) -> Token | None:
        """ "the country", "this country": one state the phrase refers back to, not named in it."""
        if any(t.i in self.by_token and self.by_token[t.i].first(ACTOR_KINDS) for t in tokens):
            return None
        for t in tokens:
            if t.lower_ == "country" and t.dep_ == "pobj" and [ch.lower_ for ch in t.children] in (["the"], ["this"]):
                return t
        return None

    def _host_reference(self, candidate: Candidate) -> None:
        """A deployment "to the country" or "in the country" with no state it goes to: the article resolves
        the state referred back to."""
        if candidate.type != EventType.DEPLOYMENT or candidate.recipients:
            return
        trigger = candidate.trigger
        heads = [trigger, *(ch for ch in trigger.children if ch.dep_ in ("dobj", "nsubjpass"))]
        for prep in (ch for head in heads for ch in head.children if ch.dep_ == "prep"):
            if prep.lower_ in DEPLOYMENT_PREPS and (country := self._the_country(list(prep.children))) is not None:
                candidate.host_ref = Reference("country", country.text, size=1, token=country.i)
                return

    def _presence(self, verb: Token) -> EventType | None:
        """Troops a state's adjective or possessive names that are "in" another state's ground ("800 Danish
        troops are still in Iraq", "Turkish soldiers have been in Libya since 2020"): a deployment standing
        there.  Not with a modal or a negation ("may be in", "are no longer in")."""
        if any(
            ch.tag_ == "MD" or ch.dep_ == "neg" or (ch.dep_ == "advmod" and ch.lower_ == "longer")
            for ch in verb.children
        ):
            return None
        subjects = [ch for ch in verb.children if ch.dep_ == "nsubj"]
        troops = [
            t
            for ch in subjects
            for t in _without_clauses(ch)
            if t.i in self.by_token and any(e.category == PERSONNEL for e in self.by_token[t.i].entities)
        ]
        if not troops:
            return None
        owners = [t for ch in subjects for t in _without_clauses(ch) if t.dep_ in ("amod", "poss", "compound")]
        where = [t for ch in verb.children if ch.dep_ == "prep" and ch.lower_ in ("in", "inside") for t in ch.subtree]
        guests, hosts = self._state_keys(owners, places=False), self._state_keys(where)
        return EventType.DEPLOYMENT if guests and hosts - guests else None  # not "Iraqi troops are in Mosul"

    def _state_keys(self, tokens: list[Token], *, places: bool = True) -> set[str]:
        """The states the tokens name: themselves or (``places``) by a place of theirs."""
        keys = set()
        for t in tokens:
            mention = self.by_token.get(t.i)
            if mention is None:
                continue
            state = mention.first({EntityKind.COUNTRY})
            place = mention.first({EntityKind.PLACE}) if places and state is None else None
            if state is not None:
                keys.add(state.key)
            elif place is not None and place.country:
                keys.add(place.country)
        return keys

    def _garrison(self, noun: Token) -> bool:
        """A noun of a standing military presence (cue kind ``garrison``: "bases", "a garrison"), which a
        state keeps in another's ground as it keeps troops there."""
        return noun.pos_ in ("NOUN", "PROPN") and (
            self.lexicon.has_cue("garrison", noun.lower_) or self.lexicon.has_cue("garrison", noun.lemma_.lower())
        )

    def _names_state(self, tokens: list[Token], *, places: bool = True) -> bool:
        """Some token names a state: the state itself or (``places``) a place of one."""
        for t in tokens:
            mention = self.by_token.get(t.i)
            if mention is None:
                continue
            if mention.first({EntityKind.COUNTRY}) is not None:
                return True
            place = mention.first({EntityKind.PLACE}) if places else None
            if place is not None and self._place_state(place) is not None:
                return True
        return False

    def _holds(self, need: str, token: Token) -> bool:
        if need == "@item":
            lent = [  # "placed an order with South Korea for 180 tanks": the light verb's phrases are the noun's
                e
                for ch in (token.head.children if self._light_verb(token.head, token) else ())
                if ch.dep_ == "prep"
                for t in ch.subtree
                if t.i in self.by_token
                for e in self.by_token[t.i].entities
            ]
            told = self._entities_under(token) + self._relativized_object(token) + self._copular_antecedent(token)
            return any(e.kind == EntityKind.WEAPON for e in [*told, *lent])
        if need == "@arms":  # "glide bombs killed four soldiers": a weapon, not the soldiers themselves
            return any(e.kind == EntityKind.WEAPON and e.category != PERSONNEL for e in self._entities_under(token))
        if need == "@personnel":
            return any(e.category == PERSONNEL for e in self._entities_under(token))
        if need == "@captive":  # "captured 15 soldiers", "soldiers were captured"; not "forces captured a town"
            subjects = {t.i for ch in token.children if ch.dep_ in SUBJECTS for t in ch.subtree}
            held = [t for t in token.subtree if t.i not in subjects]
            if token.dep_ == "acl" or _passive_relative(token):
                held.append(token.head)  # "soldiers captured near Kursk"
            return any(
                e.category == PERSONNEL for t in held if t.i in self.by_token for e in self.by_token[t.i].entities
            )
        if need == "@treaty":
            return self._treaty_near(token)
        if need == "@origin":  # "an Iranian-made drone used by ...": the weapon names where it came from
            near = [*self._near(token), *self._described(token)]
            return any(t.i in self.origin_marks or self._demonym_of_item(t) for t in near)
        if need == "@mutual":  # "fighting between A and B", "A and B fought a war"
            return self._fought_between(token)
        if need == "@purchase":  # "a contract with France for 42 Rafales", "an agreement with B to buy frigates"
            return self.purchase(token)
        if need == "@bought_for":  # "signed for 30 Gripens": weapons in a "for" phrase of the verb's own, no
            # object ("signed a deal with B for tanks" is the deal's purchase)
            return not any(ch.dep_ == "dobj" for ch in token.children) and any(
                ch.dep_ == "prep"
                and ch.lower_ == "for"
                and any(
                    e.kind == EntityKind.WEAPON and e.category != PERSONNEL
                    for t in ch.subtree
                    if t.i in self.by_token
                    for e in self.by_token[t.i].entities
                )
                for ch in token.children
            )
        if need == "@head":  # "fierce combat", not "combat troops"
            return token.dep_ not in ("compound", "amod", "nmod")
        if need == "@delegation":  # "a Russian military delegation visited": who visits must be military
            people = [t for ch in token.children if ch.dep_ in SUBJECTS | {"poss", "prep", "agent"} for t in ch.subtree]
            return any(self.lexicon.has_cue("delegation", t.lemma_.lower()) for t in people) and any(
                self.lexicon.has_cue("military", t.lemma_.lower()) for t in people
            )
        if need == "@people":  # "to train Ukrainians": a nation's people as the object
            return any(ch.dep_ == "dobj" and self._people(ch) for ch in token.children)
        if need == "@trade":  # "Germany is Israel's biggest supplier": a state's possessor and a state it is
            return bool(self._trade_parties(token))
        if need == "@share":  # "45 percent of its imports": a share of a state's trade (of arms: not "oil imports")
            return (
                token.dep_ == "pobj"
                and token.head.lower_ == "of"
                and self.lexicon.has_cue("share", token.head.head.lemma_.lower())
                and any(ch.dep_ == "poss" for ch in token.children)
                and not any(
                    ch.dep_ in ("compound", "amod", "nmod") and not self._is_item_token(ch) for ch in token.children
                )
            )
        if need == "@military":
            return any(self.lexicon.has_cue("military", t.lemma_.lower()) for t in self._near(token))
        if need == "@vessel":  # "a Russian frigate called at Havana": the verb's subject is a warship or a fleet
            return self._vessel_subject(token)
        if need == "@port":  # "warships arrived in the port of Tobruk": a ship's visit to a port or base
            return self._vessel_subject(token) and any(
                self.lexicon.has_cue("port", t.lemma_.lower()) for t in self._near(token)
            )
        if need == "@cargo":  # "HIMARS arrived in Ukraine"; not a warship's arrival in a port (a visit), nor
            # the weapons of a purpose clause ("officers arrived to train Russians on the new launchers")
            purpose = {t.i for ch in token.children if ch.dep_ in CLAUSES for t in ch.subtree}
            tokens = [t for t in token.subtree if t.i not in purpose]
            if token.dep_ in ("acl", "relcl"):
                tokens.append(token.head)  # "the tanks that arrived in Ukraine"
            arrived = any(
                e.kind == EntityKind.WEAPON for t in tokens if t.i in self.by_token for e in self.by_token[t.i].entities
            )
            return arrived and not self._holds("@port", token)
        if need == "@fire":  # "opened fire on the border guards": fire is the object (not "opened a fire station")
            return any(ch.dep_ == "dobj" and ch.lower_ == "fire" for ch in token.children)
        return any(t.lemma_.lower() == need for t in self._near(token))

    def purchase(self, noun: Token) -> bool:
        """A contract or deal (cue kind ``purchase``) for weapons: "signed a contract with France for 42 Rafale
        jets", "a deal for the purchase of 25 jets", "inked a deal with Germany to buy four frigates" (the phrase
        on the noun, or on the verb of signing it is the object of).  Not "agreement": the corpus reads a
        government-to-government agreement for jets as an agreement too."""
        if noun.pos_ != "NOUN" or not self.lexicon.has_cue("purchase", noun.lemma_.lower()):
            return False
        holders = [noun, noun.head] if noun.dep_ == "dobj" else [noun]
        for holder in holders:
            for child in holder.children:
                bought = child.dep_ == "prep" and child.lower_ == "for"
                bought = bought or (
                    child.dep_ in ("acl", "relcl", "advcl", "xcomp")
                    and self.lexicon.has_cue("receiving", child.lemma_.lower())
                )
                if bought and any(
                    e.kind == EntityKind.WEAPON and e.category != PERSONNEL
                    for t in child.subtree
                    if t.i in self.by_token
                    for e in self.by_token[t.i].entities
                ):
                    return True
        return False

    def receives(self, trigger: Token) -> bool:
        """The trigger's subject or signer receives: "Russia received drones", "placed an order", "signed a
        contract for Rafales"."""
        lemma = trigger.lemma_.lower()
        return (
            self.lexicon.has_cue("receiving", lemma)
            or self.lexicon.has_cue("signing", lemma)  # "signed for 30 Gripens from Sweden"
            or self.purchase(trigger)
        )

    def _vessel_subject(self, verb: Token) -> bool:
        """Whether what the verb tells of is a ship: its subject names a ship ("two Iranian warships docked")
        or a fleet ("a Chinese naval flotilla sailed into")."""
        subject = self._subject_of(verb)
        if subject is None or verb.pos_ not in ("VERB", "AUX"):
            return False
        for t in subject.subtree:
            mention = self.by_token.get(t.i)
            if mention is not None and any(
                e.kind == EntityKind.WEAPON and e.category == "ship" for e in mention.entities
            ):
                return True
        return self.lexicon.has_cue("vessel", subject.lemma_.lower())

    def _trade_parties(self, noun: Token) -> tuple[list[Entity], list[Entity]] | None:
        """ "Germany is Israel's second-biggest supplier after the United States", "France's largest customer
        was India": the states of a trade-role noun's possessor and of what the copula equates with it (and
        the "after" object of a ranking), or None."""
        if noun.pos_ not in ("NOUN", "PROPN"):
            return None
        owner = [a for ch in noun.children if ch.dep_ == "poss" for a in self.actors_in(ch, bounded=True)]
        verb = noun.head
        partners: list[Entity] = []
        if noun.dep_ in ("attr", "oprd"):
            sides = [ch for ch in verb.children if ch.dep_ in SUBJECTS]
        elif noun.dep_ in SUBJECTS:
            sides = [ch for ch in verb.children if ch.dep_ in ("attr", "oprd")]
        else:
            sides = []
        sides += [g for ch in noun.children if ch.dep_ == "prep" and ch.lower_ == "after" for g in ch.children]
        for side in sides:
            for actor in self.actors_in(side, bounded=True):
                if actor not in owner:
                    _add(partners, actor)
        return (owner, partners) if owner and partners else None

    def _relative_passive(self, candidate: Candidate) -> None:
        """ "Russian troops, who have been stationed in Armenia since 1995": the relative pronoun stands for
        the noun the clause describes, the passive subject of the trigger (its weapons, its state's forces)."""
        trigger = candidate.trigger
        if trigger.dep_ != "relcl" or candidate.type not in (EventType.DEPLOYMENT, EventType.TRANSFER):
            return
        if not any(ch.dep_ in PASSIVE_SUBJECTS and ch.lower_ in ("who", "which", "that") for ch in trigger.children):
            return
        noun = trigger.head
        parts = [noun, *(ch for ch in noun.children if ch.dep_ in OWNER_LINKS)]
        for part in parts:
            mention = self.by_token.get(part.i)
            if mention is None:
                continue
            weapon = mention.first({EntityKind.WEAPON})
            actor = self._as_actor(mention)
            if actor is not None and part.i != noun.i:
                _add(candidate.owners, actor)
            elif weapon is not None and actor is None and not held(candidate.items, weapon):
                candidate.items.append(weapon)

    def _relative_object_items(self, candidate: Candidate) -> None:
        """ "the tanks that Spain sent to Chile", "a Patriot or IRIS-T system, air defences that Germany has
        supplied": what a supply verb of an object relative clause supplies is the noun the clause describes
        (and the noun it stands in apposition to; the items listed with them join in ``_listed_items``)."""
        if candidate.type != EventType.TRANSFER:
            return
        for entity in self._relativized_object(candidate.trigger):
            if entity.kind == EntityKind.WEAPON and not held(candidate.items, entity):
                candidate.items.append(entity)

    def _share_roles(self, candidate: Candidate) -> None:
        """ "The United States accounted for 45 percent of Qatar's imports": the possessor of the imports
        receives; the supplier is the one named by "from", else the subject of the clause."""
        trigger = candidate.trigger
        owner = [a for ch in trigger.children if ch.dep_ == "poss" for a in self.actors_in(ch, bounded=True)]
        if not owner:
            return  # "its imports": left to the article
        for actor in owner:
            _add(candidate.recipients, actor)
        candidate.actors = [a for a in candidate.actors if a not in owner]
        if candidate.actors:
            return
        verb = next((a for a in trigger.ancestors if a.pos_ in ("VERB", "AUX")), None)
        subject = self._subject_of(verb) if verb is not None else None
        for actor in self.actors_in(subject, bounded=True) if subject is not None else []:
            if actor not in owner:
                _add(candidate.actors, actor)

    def _demonym_of_item(self, token: Token) -> bool:
        """ "Iranian drones": a state named by its demonym in front of a weapon."""
        mention = self.by_token.get(token.i)
        country = mention.first({EntityKind.COUNTRY}) if mention is not None else None
        return (
            country is not None
            and token.dep_ in ("amod", "compound")
            and self._is_item_token(token.head)
            and token.text != country.label
        )

    def _people(self, token: Token) -> bool:
        """A plural demonym ("Ukrainians"): a country named by its people, not by its name."""
        mention = self.by_token.get(token.i)
        country = mention.first({EntityKind.COUNTRY}) if mention is not None else None
        return (
            country is not None
            and token.text.endswith("s")
            and token.text != country.label
            and token.lower_ not in PRONOUNS  # "us" in reported speech is the speaker's state, not its people
        )

    @staticmethod
    def _described(token: Token) -> list[Token]:
        """The noun a participle clause describes ("a drone said to be used by ..."): its tokens."""
        current = token
        while current.dep_ in ("xcomp", "acl", "relcl", "ccomp") and current.head.i != current.i:
            current = current.head
            if current.pos_ in ("NOUN", "PROPN"):
                return [t for t in current.subtree if t.i < token.i]
            subject = next((ch for ch in current.children if ch.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is not None and token.dep_ == "xcomp":  # "a drone (is) said to be used by ..."
                return [t for t in subject.subtree if t.i < token.i]
        return []

    def _near(self, token: Token) -> Iterator[Token]:
        """The trigger's own modifiers and, for a verb, its objects; for a noun, its head."""
        for child in token.children:
            yield child
            if child.dep_ in ("prep", "agent", "dobj", "nsubjpass"):
                yield from child.subtree
        if token.dep_ in ("compound", "amod"):
            yield token.head
        if token.dep_ == "pobj" and token.head.dep_ == "prep":
            yield token.head.head

    def _currency(self, token: Token) -> bool:
        return self.lexicon.has_cue("currency", token.lemma_.lower()) or self.lexicon.has_cue("currency", token.lower_)

    def _entities_under(self, token: Token) -> list[Entity]:
        # not those of a clause joined with a subject of its own ("received a request and it delivered
        # Patriots": the Patriots are not what was received); a verb sharing the subject shares its object
        joined = {
            t.i
            for ch in token.children
            if ch.dep_ == "conj" and ch.pos_ in ("VERB", "AUX") and any(g.dep_ in SUBJECTS for g in ch.children)
            for t in ch.subtree
        }
        tokens = [t for t in token.subtree if t.i not in joined] + (
            [token.head] if token.dep_ in ("nsubj", "nsubjpass", "acl", "amod") or _passive_relative(token) else []
        )
        if token.pos_ in ("NOUN", "PROPN") and token.dep_ in SUBJECTS | PASSIVE_SUBJECTS:
            tokens += [t for candidate in token.head.children if candidate.dep_ == "dobj" for t in candidate.subtree]
        return [e for t in tokens for e in (self.by_token[t.i].entities if t.i in self.by_token else ())]

    def _copular_antecedent(self, token: Token) -> list[Entity]:
        """ "The jet was one of those supplied by Norway", "the battery is one of the ones sent by Germany": a
        participle on a pronoun ("those", "ones") that is what the clause's subject is one of stands for the
        subject's kind, whose names are the participle's objects."""
        head = token.head
        if token.dep_ not in ("acl", "relcl") or head.lower_ not in PRONOUN_SETS or head.dep_ != "pobj":
            return []
        of = head.head
        whole = of.head
        if of.lower_ != "of" or whole.dep_ != "attr" or whole.head.lemma_ != "be":
            return []
        return [
            e
            for subject in whole.head.children
            if subject.dep_ == "nsubj"
            for t in subject.subtree
            if t.i in self.by_token
            for e in self.by_token[t.i].entities
        ]

    def _relativized_object(self, token: Token) -> list[Entity]:
        """The entities of the noun an object relative clause describes: "the tanks that Spain sent to Chile",
        "Storm Shadow missiles, which Britain has delivered to Kyiv", "the boats Bangladesh bought from China"
        (the verb's object is the relative pronoun, or it has a subject and no object of its own): the noun,
        and the one a weapon noun stands in apposition to, with the names before a weapon noun ("a Patriot or
        IRIS-T system, air defences that ..."), not those of another noun ("a tank capability the Netherlands
        had given up": no tank; "80 jets, the largest order the maker has received": no jets)."""
        if not _object_relative(token):
            return []
        noun = token.head
        nouns = [noun, noun.head] if noun.dep_ == "appos" and self._is_item_token(noun) else [noun]
        tokens = []
        for described in nouns:
            tokens.append(described)
            if self.lexicon.has_cue("weapon_head", described.lemma_.lower()):
                tokens += [t for t in described.subtree if t.i < described.i]
        return [e for t in tokens if t.i in self.by_token for e in self.by_token[t.i].entities]

    def _treaty_near(self, token: Token) -> bool:
        tokens = list(token.subtree)
        if token.dep_ in ("acl", "relcl", "amod"):
            tokens.append(token.head)
        for child in token.children:
            if child.dep_ in PASSIVE_SUBJECTS | SUBJECTS:
                tokens.extend(child.subtree)
        if token.head.dep_ in PASSIVE_SUBJECTS | SUBJECTS and token.dep_ == "advcl":
            tokens.append(token.head)
        for head in (token.head,) if token.dep_ == "advcl" else ():
            tokens.extend(candidate for candidate in head.children if candidate.dep_ in SUBJECTS | PASSIVE_SUBJECTS)
        for t in tokens:
            if self.lexicon.names_treaty(t):
                return True
            mention = self.by_token.get(t.i)
            if mention and mention.first({EntityKind.TREATY}):
                return True
        return False

    # -- candidates ----------------------------------------------------------------------------
    def candidates(self) -> list[Candidate]:
        found = []
        for token, event_type in self.triggers:
            candidate = self._candidate(token, event_type)
            found.append(candidate)
        found.extend(self._fighting_beside_deployments(found))
        return found

    def _fighting_beside_deployments(self, candidates: list[Candidate]) -> list[Candidate]:
        """ "Cuban soldiers fought alongside Venezuelan units", "troops crossed the border and fought for the
        Chadian army": a state's forces fighting beside another state's (cue kind ``co_actor``, or "for") are
        deployed to it, so a fight word (cue kind ``mutual``) with a co-actor state also tells a deployment of
        the other side to the co-actor's state, unless the sentence has a word of sending or deploying, or the
        fight is on the sender's own ground."""
        if any(c.type in (EventType.DEPLOYMENT, EventType.TRANSFER) for c in candidates):
            return []  # "sent forces to fight alongside ...": the sending word tells the deployment
        derived = []
        for candidate in candidates:
            if candidate.type != EventType.ATTACK or not self.lexicon.has_cue(
                "mutual", candidate.trigger.lemma_.lower()
            ):
                continue
            hosts = [e for e in candidate.co_actors if e.kind == EntityKind.COUNTRY]
            senders = [e for e in candidate.actors if e.kind == EntityKind.COUNTRY and e not in candidate.co_actors]
            if not hosts or not senders or countries_of(hosts) & countries_of(senders):
                continue
            if countries_of(candidate.hosts) & countries_of(senders):
                continue  # "Syrian troops fought alongside Russian forces in Aleppo": at home, not deployed
            derived.append(
                replace(
                    candidate,
                    type=EventType.DEPLOYMENT,
                    actors=list(senders),
                    recipients=list(hosts),
                    co_actors=[],
                    hosts=[],
                    enemies=[],
                    items=[],
                )
            )
        return derived

    def _candidate(self, trigger: Token, event_type: EventType) -> Candidate:
        candidate = Candidate(type=event_type, trigger=trigger)
        for mention in self.mentions:
            self._place_mention(candidate, mention)
        self._relative_passive(candidate)
        self._relative_object_items(candidate)
        if event_type == EventType.SANCTION:
            self._sanctioned_seats(candidate)
        if event_type == EventType.PRODUCTION and not candidate.actors:
            self._made_where(candidate)
        self._listed_items(candidate)  # after every reading of an item, so that its list joins it
        self._accompanying_items(candidate)
        self._climb_for_actor(candidate)
        self._host_reference(candidate)
        if event_type == EventType.ATTACK and not candidate.actors and self._inverse(candidate):
            for actor in self._launchers(trigger):  # "shot down most of the missiles fired by Iran": Iran attacked
                _add(candidate.actors, actor)
        role = self.lexicon.cue("trade_role", trigger.lemma_.lower())
        parties = self._trade_parties(trigger) if event_type == EventType.TRANSFER and role else None
        if parties:  # the possessor of "supplier" receives, the possessor of "customer" supplies
            owner, partners = parties
            candidate.actors, candidate.recipients = (partners, owner) if role == "supplier" else (owner, partners)
            candidate.owners, candidate.co_actors = [], []
            candidate.trade = True
        if event_type == EventType.TRANSFER and self._holds("@share", trigger):
            self._share_roles(candidate)
            candidate.trade = True
        if candidate.actors or candidate.actor_ref is None:
            for actor in candidate.co_actors:
                _add(candidate.actors, actor)
        self._cues(candidate)
        self._quantity(candidate)
        candidate.adjectival = trigger.tag_ == "VBN" and trigger.dep_ in ("acl", "amod", "compound")
        verb = trigger.head if trigger.pos_ == "NOUN" and trigger.dep_ in ("dobj", "nsubjpass") else trigger
        candidate.finite_past = verb.tag_ == "VBD" or (
            verb.tag_ == "VBN"
            and any(
                (ch.dep_ == "auxpass" and ch.tag_ == "VBD") or (ch.dep_ == "aux" and ch.lemma_ == "have")
                for ch in verb.children
            )
        )
        if candidate.type == EventType.CASUALTIES:
            self._casualty_roles(candidate)
        if candidate.type == EventType.TRANSFER and not candidate.recipients and candidate.adjectival:
            self._holder(candidate)
        return candidate

    def reciprocal(self, candidate: Candidate) -> bool:
        """An attack told by a word of mutual fire ("exchanged fire", cue kind ``reciprocal``) or with "each
        other" / "one another" as its object: the corpus records one attack each way."""
        if candidate.type != EventType.ATTACK:
            return False
        trigger = candidate.trigger
        if self.lexicon.has_cue("reciprocal", trigger.lemma_.lower()):
            return True
        if self._fought_between(trigger):
            return True
        return any(
            ch.lower_ in ("other", "another") and any(g.lower_ in ("each", "one") for g in ch.children)
            for ch in trigger.children
        )

    def _fought_between(self, trigger: Token) -> bool:
        """A word of fighting between two sides (cue kind ``mutual``): "hostilities between A and B", "clashes
        between A and B", "A and B clashed", "A and B fought a war".  Each side is the other's target; a side
        fighting in a place or alongside another ("A and B troops fought in Kursk") is not."""
        if not self.lexicon.has_cue("mutual", trigger.lemma_.lower()):
            return False
        if any(ch.dep_ == "prep" and ch.lower_ == "between" for ch in trigger.children):
            return True
        if trigger.pos_ != "VERB":
            return False
        subjects = [ch for ch in trigger.children if ch.dep_ in SUBJECTS]
        objects = [ch for ch in trigger.children if ch.dep_ == "dobj"]
        joined = any(any(t.dep_ == "conj" for t in s.subtree) for s in subjects)
        fought = all(self.lexicon.has_cue("mutual", o.lemma_.lower()) for o in objects)
        # "clashed" alone, or "fought a war"/"a battle": not "fought in the Kursk region"
        return joined and fought and (bool(objects) or trigger.lemma_.lower() != "fight")

    def _listed_items(self, candidate: Candidate) -> None:
        """ "selling artillery, rocket launchers and anti-drone systems": the weapons listed beside an item of
        the event are its items too, whatever the parse made of the list (it often hangs a conjunct on the verb)."""
        weapons = [
            (m, w)
            for m in self.mentions
            if (w := m.first({EntityKind.WEAPON})) is not None and not m.first(ACTOR_KINDS)
        ]
        weapons.sort(key=lambda pair: pair[0].start)
        for _ in range(2):  # forwards and backwards along the list
            for (left, left_weapon), (right, right_weapon) in zip(weapons, weapons[1:], strict=False):
                if not self._list_between(left.end, right.start):
                    continue
                if held(candidate.items, left_weapon) and not held(candidate.items, right_weapon):
                    candidate.items.append(right_weapon)
                elif held(candidate.items, right_weapon) and not held(candidate.items, left_weapon):
                    candidate.items.append(left_weapon)

    def _accompanying_items(self, candidate: Candidate) -> None:
        """ "approved the sale of 12 helicopters to B, along with engines, rockets and guidance kits": the
        weapons of an "along with" / "together with" phrase hung on the event's word, or on the clause above it,
        go with its items (of a transfer that already has some)."""
        if candidate.type != EventType.TRANSFER or not candidate.items:
            return
        trigger = candidate.trigger
        above = {trigger.i}
        for token in trigger.ancestors:  # up to the clause the event's word is told in
            above.add(token.i)
            if token.pos_ in ("VERB", "AUX"):
                break
        for token in self.sent:
            if not (token.lower_ == "with" and token.head.lower_ in ACCOMPANYING and token.head.head.i in above):
                continue
            phrase = {t.i for t in token.subtree}
            for mention in self.mentions:
                weapon = mention.first({EntityKind.WEAPON})
                if (
                    weapon is not None
                    and not mention.first(ACTOR_KINDS)
                    and mention.start in phrase
                    and not held(candidate.items, weapon)
                ):
                    candidate.items.append(weapon)

    def _list_between(self, end: int, start: int) -> bool:
        """Only list punctuation, "and"/"or" and the next name's modifiers between two names."""
        between = self.sent.doc[end:start]
        if len(between) > LIST_GAP or not any(t.text in LIST_JOINS for t in between):
            return False
        return all(t.text.lower() in LIST_JOINS or t.pos_ in LIST_MODIFIERS for t in between)

    def _holder(self, candidate: Candidate) -> None:
        """ "Russia fired missiles supplied by North Korea": who has the weapons supplied received them."""
        item = candidate.trigger.head
        if item.dep_ not in ("dobj", "nsubjpass"):
            return
        subject = self._subject_of(item.head) or _hung_agent(item.head)  # "... were fired at B by Russian troops"
        for actor in self.actors_in(subject) if subject is not None else []:
            if actor not in candidate.actors:
                _add(candidate.recipients, actor)

    def _place_mention(self, candidate: Candidate, mention: Mention) -> None:
        root = self.mention_root(mention)
        path = self._path_to(root, candidate.trigger)
        weapon = mention.first({EntityKind.WEAPON})
        treaty = mention.first({EntityKind.TREATY})
        place = mention.first({EntityKind.PLACE})
        actor = self._as_actor(mention)
        if actor is not None and root.dep_ in ("compound", "amod", "nmod") and self._currency(root.head):
            return  # "worth 6.5 billion US dollars", "Swedish crowns": a currency, not its state
        if actor is not None and mention.start in self.origin_marks:
            item = self._origin_of(root)
            if (
                candidate.type == EventType.TRANSFER
                and item is not None
                and (
                    item.i == candidate.trigger.i
                    or self._path_to(item, candidate.trigger) is not None
                    or self._object_of_head(item, candidate.trigger)
                    or item in self._described(candidate.trigger)
                )
            ):
                _add(candidate.origins, actor)
            return  # where a weapon was made says who supplied it, not who acts in another event
        if path is None:
            if actor is not None and self._beside(root, candidate.trigger):
                _add(candidate.co_actors, actor)
            elif (
                actor is not None
                and candidate.type in (EventType.TRANSFER, EventType.DEPLOYMENT)
                and self._fought_beside(root, candidate.trigger)
            ):
                _add(candidate.recipients, actor)
            elif (
                weapon is not None
                and actor is None
                and (self._object_of_head(root, candidate.trigger) or self._cargo(root, candidate.trigger))
            ) and not held(candidate.items, weapon):
                candidate.items.append(weapon)
            return
        relation, prep, through_item, enemy = path
        if weapon is not None and actor is None:
            if (relation != "inner" or self._cargo(root, candidate.trigger)) and not held(candidate.items, weapon):
                candidate.items.append(weapon)
            return
        if treaty is not None and actor is None:
            candidate.treaties.append(treaty)
            return
        if place is not None and actor is None:
            candidate.places.append(place)
            state = self._place_state(place)
            if state is not None and candidate.type == EventType.ATTACK and relation != "inner":
                # where the attack struck says who was hit only when no target is named ("combat against
                # Ukrainian forces in the Kursk region" hits Ukraine, not Russia)
                _add(candidate.hosts if not (relation in SUBJECTS or prep == "by") else candidate.actors, state)
            elif (
                state is not None
                and relation != "inner"
                and (
                    (candidate.type == EventType.DEPLOYMENT and prep in ("to", "into", "in", "at"))
                    or (
                        candidate.type == EventType.TRANSFER
                        and prep in ("to", "into", "in", "at")
                        and self.lexicon.has_cue("arriving", candidate.trigger.lemma_.lower())
                    )
                )
            ):
                # "deployed troops to Kursk", "stationed at a base in Jordan", "arrived in Pemba": the state
                # hosting the place
                _add(candidate.recipients, state)
            return
        if actor is None:
            return
        if candidate.type == EventType.TRANSFER and self._used_there(root, candidate.trigger):
            return  # "shells for Russia for use in Ukraine": where, or on whom, the weapons are used
        if candidate.type == EventType.TRANSFER and self._setting(root, candidate.trigger):
            return  # "At the IDEX show in Abu Dhabi, Egypt ordered ...": where the deal was made
        if relation == "inner" and root.dep_ in ("compound", "amod", "nmod"):
            return  # "a submarine that incorporates U.S. technologies": no party to the event
        if enemy:
            _add(candidate.enemies, actor)
        elif candidate.type == EventType.DEPLOYMENT and self._troops_from(root):
            _add(candidate.actors, actor)  # "deployed to Congo with troops from A, B and C": each sends troops
        elif through_item and prep and self.lexicon.has_cue("co_actor", prep):
            _add(candidate.co_actors, actor)  # "alongside Russian forces": the forces' state is on the same side
        elif (
            through_item
            and candidate.type == EventType.TRANSFER
            and root.dep_ in ("compound", "nmod")
            and root.i > candidate.trigger.i
            and all(t.dep_ == "det" for t in self.sent.doc[candidate.trigger.i + 1 : mention.start])
            and actor.kind == EntityKind.COUNTRY
        ):
            # "sold Armenia Pinaka launchers", "granted Armenia three radars", "sold the Poles 96 helicopters": a
            # second object (after no more than a determiner) parsed as a modifier
            _add(candidate.recipients, actor)
        elif through_item and (relation in SUBJECTS or prep == "by"):
            self._assign(candidate, actor, relation, prep)  # "Ukrainian forces killed": the forces' state acts
        elif (
            through_item
            and candidate.type == EventType.ATTACK
            and (
                prep in TARGET_PREPS
                or (prep == "from" and self.lexicon.has_cue("taken_from", candidate.trigger.lemma_.lower()))
                or (
                    relation in ("dobj", "nsubjpass")
                    and not self.lexicon.has_cue("instrument_verb", candidate.trigger.lemma_.lower())
                    and not self._inverse(candidate)
                )
            )
        ):
            _add(candidate.recipients, actor)  # "strikes on Ukrainian positions": the positions' side is hit
        elif through_item:
            _add(candidate.owners, actor)
        elif (
            relation == "inner"
            and prep in PURPOSE_PLACE_PREPS
            and candidate.type in (EventType.DEPLOYMENT, EventType.TRANSFER)
            and self._own_destination(candidate.trigger, mention)
        ):
            return  # "troops arrived in Russia to fight in Ukraine": the purpose's place is not where they went
        else:
            self._assign(candidate, actor, relation, prep)

    def _troops_from(self, token: Token) -> bool:
        """The name is one of the states of a "from" phrase on a noun of troops ("troops from A, B and C",
        "contingents from A and B"): the states that send them, wherever the troops sit in the clause."""
        current = token
        while current.dep_ in ("conj", "compound", "appos") and current.head.i != current.i:
            current = current.head
        prep = current.head
        if current.dep_ != "pobj" or prep.lower_ != "from" or prep.dep_ != "prep":
            return False
        mention = self.by_token.get(prep.head.i)
        return mention is not None and any(e.category == PERSONNEL for e in mention.entities)

    def _setting(self, token: Token, trigger: Token) -> bool:
        """The name sits in a place phrase set before the subject of the clause ("At the IDEX show in Abu
        Dhabi, Egypt signed for howitzers", "In Riyadh, Morocco ordered ..."): the setting where the supply was
        agreed, not who receives it.  Not for arrivals ("In Kyiv, the first tanks arrived")."""
        if self.lexicon.has_cue("arriving", trigger.lemma_.lower()):
            return False
        current, steps = token, 0
        while current.dep_ in ("compound", "amod", "poss", "nmod", "appos", "conj", "pobj", "prep") and steps < 8:
            current, steps = current.head, steps + 1
            if current.dep_ == "prep" and current.head.pos_ in ("VERB", "AUX"):
                break
        if current.dep_ != "prep" or current.lower_ not in ("in", "at", "during"):
            return False
        verb = current.head
        if verb.i != trigger.i and trigger not in verb.subtree:
            return False
        subjects = [child for child in verb.children if child.dep_ in SUBJECTS | PASSIVE_SUBJECTS]
        return bool(subjects) and current.i < subjects[0].i and current.i < verb.i

    def _used_there(self, token: Token, trigger: Token) -> bool:
        """The name sits in a phrase of the supply's use below the trigger ("for use in Ukraine", "for use
        against Ukraine", "for its war in Ukraine", "to be used against Ukraine"): it says where or on whom
        the weapons are to be used, not who receives them."""
        current, below = token, token
        for _ in range(12):
            head = current.head
            if head.i == current.i or current.i == trigger.i:
                return False
            if self.lexicon.has_cue("use_purpose", current.lemma_.lower()) and below.i != current.i:
                through = below.lower_ if below.dep_ == "prep" else ""
                if current.dep_ == "pobj" and head.lower_ == "for":
                    return True  # "for use in", "for its war against"
                if (
                    current.pos_ == "VERB"
                    and current.dep_ in ("xcomp", "advcl", "acl")
                    and through
                    in (
                        *PURPOSE_PLACE_PREPS,
                        *TARGET_PREPS,
                    )
                ):
                    return True  # "to be used against Ukraine" (not "used by the Russian army")
            below, current = current, head
        return False

    def _own_destination(self, trigger: Token, other: Mention) -> bool:
        """A sending or arriving verb with a state of its own after "in", "to" or "into" (not ``other``)."""
        if trigger.pos_ != "VERB":
            return False
        named = [
            self.by_token[t.i]
            for ch in trigger.children
            if ch.dep_ == "prep" and ch.lower_ in PLACE_PREPS
            for t in ch.subtree
            if t.i in self.by_token
        ]
        return any(m is not other and self._as_actor(m) is not None for m in named)

    def intercepted(self, candidate: Candidate) -> bool:
        """An attack told by its defender: drones or missiles shot down or intercepted, an assault repelled,
        or the launch of what was shot down ("shot down 20 drones launched by Russia")."""
        if candidate.type != EventType.ATTACK:
            return False
        if self._inverse(candidate):
            return True
        trigger = candidate.trigger
        return trigger.dep_ in ("acl", "relcl") and any(
            self.lexicon.has_cue("interception", verb.lemma_.lower()) and self._downs_unmanned(verb)
            for verb in trigger.ancestors
            if verb.pos_ == "VERB"
        )

    def _inverse(self, candidate: Candidate) -> bool:
        """The subject of the attack word was attacked: "Ukraine repelled Russian troops", and "air defences
        shot down 40 Russian drones" (the side that launched drones or missiles attacked the one that
        downed them; shooting down a manned jet or a surveillance drone is the shooter's attack)."""
        trigger = candidate.trigger
        lemma = trigger.lemma_.lower()
        if self.lexicon.has_cue("inverse_attack", lemma):
            return True
        if not self.lexicon.has_cue("interception", lemma):
            return False
        return self._downs_unmanned(trigger)

    def _downs_unmanned(self, trigger: Token) -> bool:
        """What the interception word downs is drones or missiles only (no jet, no surveillance drone)."""
        downed = [t for ch in trigger.children if ch.dep_ in ("dobj", "nsubjpass") for t in ch.subtree]
        if any(self.lexicon.has_cue("surveillance", t.lower_) for t in downed):
            return False  # "shot down an American surveillance drone": the shooter's act, as with a jet
        weapons = [
            e
            for t in downed
            if t.i in self.by_token
            for e in self.by_token[t.i].entities
            if e.kind == EntityKind.WEAPON
        ]
        return bool(weapons) and all(w.category in UNMANNED for w in weapons)

    def _assign(self, candidate: Candidate, actor: Entity, relation: str, prep: str) -> None:
        t = candidate.type
        acting = (
            relation in SUBJECTS
            or relation in ("agent", "poss")
            or prep == "by"
            or (relation in ("compound", "amod", "nmod") and candidate.trigger.pos_ == "NOUN")
        )
        receiving = self.receives(candidate.trigger)
        if t == EventType.ATTACK and self._inverse(candidate):
            # "Ukraine repelled Russian troops": the repelled side attacked the one that repelled it
            _add(candidate.recipients if acting else candidate.actors, actor)
            return
        if prep and (self.lexicon.has_cue("co_actor", prep) or (t == EventType.ATTACK and prep == "for")):
            _add(candidate.co_actors, actor)  # "fighting alongside Russian units", "fighting for Russia": one side
        elif self.lexicon.has_cue("arriving", candidate.trigger.lemma_.lower()) and prep in ("in", "at", "to", "into"):
            _add(candidate.recipients, actor)  # "the first HIMARS arrived in Ukraine"
        elif t in (EventType.TRANSFER, EventType.DEPLOYMENT) and prep == "from":
            _add(candidate.actors, actor)  # "missiles from Iran", "troops from North Korea": the supplier or sender
        elif receiving and t == EventType.TRANSFER and prep == "with" and candidate.trigger.pos_ == "NOUN":
            _add(candidate.actors, actor)  # "an order with South Korea for K2 tanks", "a contract with France for ..."
        elif receiving and t == EventType.TRANSFER:
            if acting or relation in ("nsubjpass",) or prep in ("in", "at", "to", "for"):
                _add(candidate.recipients, actor)  # "Russia received drones", "drones arrived in Russia"
        elif acting and t != EventType.CASUALTIES:
            _add(candidate.actors, actor)
        elif t in (EventType.AGREEMENT, EventType.COOPERATION):
            named = relation in ("dobj", "conj") and prep in ("", "with", "between", "among", "and", "of")
            if named or prep in ("with", "between", "among", "and") or (t == EventType.COOPERATION and prep == "in"):
                _add(candidate.recipients, actor)  # "pilots trained in Denmark": the host trains them
        elif t == EventType.ATTACK:
            if relation in ("dobj", "nsubjpass") or prep in (
                "on",
                "against",
                "in",
                "into",
                "at",
                "across",
                "towards",
                "toward",
            ):
                _add(candidate.recipients, actor)
            elif prep == "from" and self.lexicon.has_cue("taken_from", candidate.trigger.lemma_.lower()):
                _add(candidate.recipients, actor)  # "recaptured villages from Ukrainian forces"
            elif prep == "between" and self._fought_between(candidate.trigger):
                _add(candidate.actors, actor)  # "hostilities between A and B": each side attacks the other
        elif t == EventType.SANCTION:
            if relation in ("dobj", "nsubjpass") or prep in ("on", "against", "to"):
                _add(candidate.recipients, actor)
        elif t in (EventType.TRANSFER, EventType.DEPLOYMENT, EventType.PRODUCTION):
            hosting = ("to", "for", "into") + (("in", "through", "inside", "at") if t == EventType.DEPLOYMENT else ())
            if relation in ("dative", "iobj", "dobj") or prep in hosting or relation == "inner":
                _add(candidate.recipients, actor)

    def _object_of_head(self, token: Token, trigger: Token) -> bool:
        """ "The package includes X, Y and Z": what follows the verb a noun trigger is subject of.

        Also the noun a participle trigger modifies: "U.S.-provided HIMARS", "helicopters sent in May".
        """
        if _participle(trigger):  # the noun, or a name before it ("Bayraktar TB2 drones bought from Turkey")
            return token.i == trigger.head.i or (token.dep_ == "compound" and token.head.i == trigger.head.i)
        if trigger.dep_ not in SUBJECTS | PASSIVE_SUBJECTS:
            return False
        verb = trigger.head
        ancestors = list(token.ancestors)
        return (
            token.i > verb.i
            and verb in ancestors
            and trigger not in ancestors
            and not any(a.i in self.trigger_tokens for a in ancestors[: ancestors.index(verb)])
        )

    def _cargo(self, token: Token, trigger: Token) -> bool:
        """ "sent 6,700 containers carrying artillery shells", "ships loaded with tanks": a weapon in what a
        participle of carrying (cue kind ``cargo``) says of the trigger's own object is sent with it."""
        for ancestor in token.ancestors:
            if ancestor.i in self.trigger_tokens:
                return False
            if (
                ancestor.dep_ == "acl"
                and ancestor.tag_ in ("VBG", "VBN")
                and self.lexicon.has_cue("cargo", ancestor.lemma_.lower())
            ):
                carrier = ancestor.head
                return carrier.head.i == trigger.i and carrier.dep_ in ("dobj", "nsubjpass", "attr")
        return False

    def _beside(self, token: Token, trigger: Token) -> bool:
        """ "fought alongside Russian forces": a co-actor named in the trigger's governing clause."""
        current = token
        while current.dep_ in CLIMB | {"conj"} and current.head.i != current.i:
            current = current.head
        prep = current.head
        return (
            current.dep_ == "pobj"
            and self.lexicon.has_cue("co_actor", prep.lower_)
            and (prep.head.i == trigger.i or prep.head in list(trigger.ancestors))
        )

    def _fought_beside(self, token: Token, trigger: Token) -> bool:
        """ "troops sent to fight alongside Russian forces": the side that the purpose clause of a sending
        fights beside is the one the troops are sent to."""
        current = token
        while current.dep_ in CLIMB | {"conj"} and current.head.i != current.i:
            current = current.head
        prep = current.head
        purpose = prep.head
        return (
            current.dep_ == "pobj"
            and self.lexicon.has_cue("co_actor", prep.lower_)
            and purpose.dep_ in ("xcomp", "advcl")
            and purpose.head.i == trigger.i
            and purpose.i > trigger.i
        )

    def _place_state(self, place: Entity) -> Entity | None:
        return self.countries.get(place.country or "")

    def mention_root(self, mention: Mention) -> Token:
        return mention_root(self.sent.doc, mention)

    def _path_to(self, token: Token, trigger: Token) -> tuple[str, str, bool, bool] | None:
        """How a name relates to the trigger: (relation, preposition, under an item, an enemy), or None.

        Climbs from the name towards the trigger; a name outside the trigger's clause is None unless
        it is the trigger's possessor/modifier.
        """
        relation, prep, through_item, enemy = "", "", False, False
        first_prep: Token | None = None
        current = token
        if self._speaker_apposition(token):
            return None
        while current.dep_ == "conj" and current.head.i != current.i and current.head.i != trigger.i:
            current = current.head
        steps = 0
        while current.i != trigger.i and steps < 40:
            steps += 1
            head = current.head
            if head.i == current.i:
                return None
            if head.i in self.trigger_tokens and head.i != trigger.i:
                return None  # the name belongs to another trigger's clause
            if head.i == trigger.i and current.dep_ == "conj":
                return None  # a coordinated phrase or clause is not the trigger's own
            if current.dep_ == "pobj" and head.dep_ in ("prep", "agent"):
                if not prep:
                    first_prep = head
                prep = prep or head.lower_
                if self.lexicon.has_cue("enemy", head.lower_):
                    enemy = True
            if self._is_item_token(head) and current.dep_ in OWNER_LINKS and head.i != trigger.i:
                through_item = True
            if self._bounded(current, head, trigger):
                return None  # inside a clause describing another noun, or the subject of another clause
            if current.dep_ in ("prep", "dative") and self._supports(head, trigger):
                head = trigger  # "staged an incursion into Kursk": the light verb's phrase is the noun's
            elif (
                current.dep_ == "dobj"
                and trigger.pos_ == "NOUN"
                and trigger.dep_ == "nsubj"
                and head.i == trigger.head.i
                and head.i not in self.trigger_tokens
            ):
                head = trigger  # "Israeli strikes hit Beirut": what the event's noun hits is its object
            if head.i == trigger.i:
                relation = relation or current.dep_
                if current.dep_ in ("prep", "agent"):
                    relation = current.dep_
                    # "transfer of missiles from B", "training of pilots in Denmark": the object's own phrase
                    # "signed for 30 Gripens from Sweden": the supplier of the things a "for" phrase asks for
                    keep = (
                        (current.lower_ == "of" and bool(prep))
                        or (current.lower_ == "from" and prep in TARGET_PREPS)
                        or (current.lower_ == "for" and prep == "from")
                    )
                    if first_prep is not None and _misplaced_agent(first_prep, current, trigger):
                        return "agent", "by", through_item, enemy  # "fired at Ukrainian positions by Russian troops"
                    if not keep:
                        prep = current.lower_ if current.dep_ == "prep" else "by"
                    if self.lexicon.has_cue("enemy", current.lower_):
                        enemy = True
                elif current.dep_ in ("xcomp", "advcl", "ccomp", "relcl", "acl", "conj") or relation == "inner":
                    relation = "inner"
                else:
                    relation = current.dep_
                return relation, prep, through_item, enemy
            if current.dep_ in ("xcomp", "advcl", "ccomp", "relcl", "acl", "conj") and not relation:
                relation = "inner"
            current = head
        return None

    def _supports(self, verb: Token, trigger: Token) -> bool:
        """A light verb whose object is the trigger noun: "staged an incursion", "carried out strikes"."""
        return verb.i not in self.trigger_tokens and self._light_verb(verb, trigger)

    def _light_verb(self, verb: Token, trigger: Token) -> bool:
        return (
            trigger.pos_ == "NOUN"
            and trigger.dep_ == "dobj"
            and trigger.head.i == verb.i
            and (
                self.lexicon.has_cue("support_verb", verb.lemma_.lower())
                or self.lexicon.has_cue("support_verb", verb.lower_)
                or (self.lexicon.has_cue("taking", verb.lemma_.lower()) and self._supply_noun(trigger))
                or self.purchase(trigger)  # "signed a deal with South Korea for 180 tanks"
            )
        )

    def _supply_noun(self, trigger: Token) -> bool:
        """A noun of supply ("delivery", "shipment"), which a verb of taking makes its subject receive."""
        rules = self.lexicon.triggers.get((trigger.lemma_.lower(), "NOUN"), ())
        return any(rule.type == EventType.TRANSFER for rule in rules)

    def _bounded(self, current: Token, head: Token, trigger: Token) -> bool:
        """A clause boundary between a name and the trigger: the name is no party of the trigger's event.

        "Kursk, the region held by Ukrainian troops": an apposition, relative clause or participle clause of
        another noun describes that noun; "... if Berlin agrees": the subject of another clause acts there.
        An apposition naming who an unnamed subject is ("its neighbour, North Korea, sent") is kept.
        """
        if head.i == trigger.i:
            return False
        if current.dep_ in ("relcl", "acl") and head.pos_ in ("NOUN", "PROPN", "PRON"):
            return True
        if current.dep_ == "appos" and head.i in self.by_token:
            return True
        return current.dep_ in SUBJECTS | PASSIVE_SUBJECTS and head.dep_ in ("advcl", "ccomp", "relcl", "acl")

    def _named_company(self, mention: Mention) -> bool:
        """ "the German arms maker Rheinmetall", "Elbit, the Israeli defence firm,": a demonym of a company noun
        (cue kind ``company``) that names the company is where the company is from; the company acts, not
        its state (the corpus: production "by Rheinmetall" is the company's).  Unnamed "Indian firms" stay."""
        doc = self.sent.doc
        if mention.first({EntityKind.COUNTRY}) is None or doc[mention.end - 1].pos_ != "ADJ":
            return False
        i = mention.end
        while i < self.sent.end and i - mention.end < 4 and not self.lexicon.has_cue("company", doc[i].lower_):
            if not (doc[i].is_lower or doc[i].text == "-"):
                return False  # "arms", "defence", "state-owned" may stand between
            i += 1
        if i >= self.sent.end or not self.lexicon.has_cue("company", doc[i].lower_):
            return False
        noun = doc[i]
        after = doc[i + 1] if i + 1 < self.sent.end else None
        named_after = after is not None and after.pos_ == "PROPN" and after.is_title and after.i not in self.by_token
        named_before = noun.dep_ == "appos" and noun.head.pos_ in ("PROPN", "NOUN") and noun.head.i not in self.by_token
        return named_after or (named_before and noun.head.is_title)

    def _marked(self, mention: Mention, kind: str) -> bool:
        """ "Iranian-made", "of Iranian origin" (origin_suffix); "a US-based company" (seat_suffix)."""
        doc = self.sent.doc
        end = mention.end
        following = [doc[i] for i in range(end, min(end + 2, len(doc)))]
        if following and following[0].text in ("-", "–") and len(following) > 1:
            return self.lexicon.has_cue(kind, following[1].lower_)
        if following and following[0].text.startswith("-"):
            return self.lexicon.has_cue(kind, following[0].lower_[1:])
        if kind == "origin_suffix" and following and following[0].lower_ == "origin" and mention.start > 0:
            return doc[mention.start - 1].lower_ == "of"
        if kind == "origin_suffix" and mention.start > 1:  # "drones made in Iran", "built by Iran"
            prep, verb = doc[mention.start - 1], doc[mention.start - 2]
            rules = self.lexicon.triggers.get((verb.lemma_.lower(), "VERB"), ())
            supplies = any(r.type == EventType.TRANSFER for r in rules)
            return (
                prep.lower_ in ("in", "by")
                and verb.dep_ == "acl"
                and self.lexicon.has_cue(kind, verb.lower_)
                and not supplies
            )  # "supplied by X" is a transfer of its own, with X its actor
        return False

    def _origin_of(self, token: Token) -> Token | None:
        """The weapon an origin describes: "Iranian-made drones", "drones made in Iran", "of Iranian origin"."""
        current = token
        for _ in range(5):
            if current.head.i == current.i:
                return None
            current = current.head
            if self._is_item_token(current):
                return current
        return None

    def _speaker_apposition(self, token: Token) -> bool:
        """ "..., the Rangers said": an apposition right before a speech verb names the speaker."""
        while token.dep_ in CLIMB | {"pobj", "prep"} and token.head.i != token.i and token.dep_ != "appos":
            token = token.head
        if token.dep_ != "appos":
            return False
        following = token.right_edge.i + 1
        return following < self.sent.end and self.is_speech(self.sent.doc[following])

    def _is_item_token(self, token: Token) -> bool:
        mention = self.by_token.get(token.i)
        return (
            mention is not None
            and mention.first({EntityKind.WEAPON}) is not None
            and mention.first(ACTOR_KINDS) is None
        )

    def _as_actor(self, mention: Mention) -> Entity | None:
        if mention.start in self.seat_marks:
            return None  # "a US-based corporation": a company, not the state it sits in
        return mention.first(ACTOR_KINDS)

    def _climb_for_actor(self, candidate: Candidate) -> None:
        """No subject on the trigger: take the subject of the clause it hangs from ("X is preparing to deploy")."""
        if candidate.actors and candidate.type != EventType.CASUALTIES:
            if not candidate.recipients and self._received_noun(candidate, candidate.trigger.head):
                # "Morocco and Ethiopia took deliveries from Turkey": the supplier is named, the takers receive
                subject = self._subject_of(candidate.trigger.head)
                for actor in self.actors_in(subject, bounded=True) if subject is not None else []:
                    _add(candidate.recipients, actor)
            elif not candidate.recipients and (holder := self._holder_of_bought(candidate)) is not None:
                for actor in self.actors_in(holder, bounded=True):
                    if actor not in candidate.actors:
                        _add(candidate.recipients, actor)
            return
        trigger = candidate.trigger
        receiving = self.receives(trigger) and candidate.type == EventType.TRANSFER
        if candidate.recipients and (receiving or (candidate.type == EventType.ATTACK and self._inverse(candidate))):
            return  # "Russia received ...", "Ukraine repelled ...": the subject is the recipient
        if candidate.type == EventType.PRODUCTION and trigger.tag_ == "VBN" and trigger.dep_ in ("acl", "amod"):
            return  # "commissioned two frigates built in South Korea": who commissioned them built nothing
        token = trigger
        subject = self._subject_of(token)
        if subject is None and token.pos_ == "NOUN":
            if token.dep_ == "pobj" and self.lexicon.has_cue("background_prep", token.head.lower_):
                if token.head.lower_ in ("for", "over") and self._sanction_word(token.head.head):
                    for target in self._sanction_targets(token.head.head):
                        _add(candidate.actors, target)  # "sanctioned Iranian firms over the deliveries"
                return  # "sanctions over the drone deliveries": the deliveries are not the subject's
            token = next((a for a in token.ancestors if a.pos_ in ("VERB", "AUX")), token)
            if self._stance(token):
                self._accused(candidate, token)  # "A condemned the transfer": the critic is not the actor
                return
            subject = self._own(self._subject_of(token), trigger)
        # the trigger heading its clause's subject ("packages ... continue") is no speech reported
        inside = subject is None and any(
            ch.i == trigger.i or trigger in list(ch.subtree) for ch in token.children if ch.dep_ in SUBJECTS
        )
        seen = 0
        while subject is None and token.dep_ in CLAUSE_LINKS | {"nsubj", "nsubjpass"} and seen < 8:
            seen += 1
            if self.is_speech(token.head) and token.dep_ in ("ccomp", "parataxis") and not inside:
                break
            if self._stance(token.head) or (self.is_speech(token.head) and token.dep_ in ("prep", "pcomp")):
                self._accused(candidate, token.head)  # "A accused B of supplying": B acts, not the accuser
                return
            if token.dep_ == "prep" and token.lower_ in ("for", "over") and self._sanction_word(token.head):
                for target in self._sanction_targets(token.head):  # "sanctions on B for supplying": B acts
                    _add(candidate.actors, target)
                return
            doers = self._participle_doers(candidate, token)
            if doers:
                # "sanctions on Chinese companies supplying engines to Russia": the companies supply, and
                # the clause above them is not theirs
                for actor in doers:
                    _add(candidate.actors, actor)
                return
            if token.dep_ == "acl" and token.tag_ == "VBG" and self.lexicon.has_cue("standing_verb", token.lemma_):
                return  # "bases hosting US troops": the bases host them, not the subject of the clause above
            raised = token.dep_ == "xcomp"
            token = token.head
            subject = self._own(self._subject_of(token), trigger)
            if subject is None and raised:
                subject = self._own(self._raised_subject(token), trigger)
            if token.head.i == token.i:
                break
        if subject is None:
            self._subject_before(candidate, token)
            return
        if candidate.type == EventType.CASUALTIES:
            return
        if subject.lower_ in ("which", "who", "that") and subject.head.dep_ == "relcl":
            subject = subject.head.head  # "Turkey, which bought the S-400": the relative stands for Turkey
        users = self._weapon_users(subject, token) if candidate.type == EventType.ATTACK else []
        actors = users or self.actors_in(subject, bounded=True)
        if receiving or self._received_noun(candidate, token):  # "placed an order", "took delivery": the buyer receives
            for actor in actors:
                _add(candidate.recipients, actor)
        elif actors:
            for actor in actors:
                _add(candidate.actors, actor)
        else:
            candidate.actor_ref = self._reference(subject)
            if candidate.actor_ref is None:
                self._subject_before(candidate, token)  # "Sept 12 - Russia and Belarus begin": a misread subject

    def _holder_of_bought(self, candidate: Candidate) -> Token | None:
        """ "Azerbaijan used drones bought from Turkey", "Romania flies F-16s bought from Portugal": a supply
        participle on the object of a clause names the supplier; that clause's subject holds what was bought."""
        trigger = candidate.trigger
        if candidate.type != EventType.TRANSFER or not _participle(trigger):
            return None
        noun = trigger.head
        if noun.dep_ not in ("dobj", "conj") or noun.pos_ not in ("NOUN", "PROPN"):
            return None
        while noun.dep_ == "conj" and noun.head.i != noun.i:
            noun = noun.head
        verb = noun.head
        if noun.dep_ != "dobj" or verb.pos_ != "VERB":
            return None
        return self._subject_of(verb)

    def _weapon_users(self, subject: Token, verb: Token) -> list[Entity]:
        """ "Turkish-made drones operated by Azerbaijan hit ...", "drones believed to be flown by Russian forces
        struck ...": the agent of a verb of use on the weapons that strike attacks, not their maker."""
        if not self._is_item_token(subject):
            return []
        participles = [ch for ch in subject.children if ch.dep_ in ("acl", "relcl")]
        participles += [ch for ch in verb.children if ch.dep_ == "xcomp"]  # raised: "believed to be operated by"
        found: list[Entity] = []
        for participle in participles:
            if not self.lexicon.has_cue("weapon_user", participle.lemma_.lower()):
                continue
            for agent in (ch for ch in participle.children if ch.dep_ == "agent"):
                for actor in self.actors_in(agent, bounded=True):
                    _add(found, actor)
        return found

    def _launchers(self, trigger: Token) -> list[Entity]:
        """ "Israel shot down most of the missiles fired by Iran": who launched (a verb of use) what was downed."""
        found: list[Entity] = []
        for downed in (ch for ch in trigger.children if ch.dep_ in ("dobj", "nsubjpass")):
            parts = [p for p in downed.children if p.dep_ == "prep" and p.lower_ == "of"]  # "most of the missiles"
            nouns = [downed] + [t for p in parts for t in p.children if t.dep_ == "pobj"]
            for noun in nouns:
                for actor in self._weapon_users(noun, noun):
                    _add(found, actor)
        return found

    def _participle_doers(self, candidate: Candidate, token: Token) -> list[Entity]:
        """The states named by the noun an -ing participle describes ("Iranian firms shipping drones"): they
        do what it says.  A noun of no known state ("the countries sending howitzers") names none."""
        if not (token.dep_ == "acl" and token.tag_ == "VBG" and token.head.pos_ in ("NOUN", "PROPN")):
            return []
        noun = token.head  # its own name or the state it is of ("Chinese", "Iran's"), not its phrases ("to Armenia")
        parts = [noun] if noun.i in self.by_token else []
        parts += [ch for ch in noun.children if ch.dep_ in ("amod", "compound", "poss", "nmod")]
        found = [a for part in parts for a in self.actors_in(part, bounded=True)]
        return [a for a in found if a not in candidate.recipients]

    def _received_noun(self, candidate: Candidate, verb: Token) -> bool:
        """ "Chile took delivery of two frigates", "India received the first shipment": a word of supply that
        is the object of a verb of taking or receiving; the verb's subject is the recipient."""
        trigger = candidate.trigger
        return (
            candidate.type == EventType.TRANSFER
            and trigger.pos_ == "NOUN"
            and trigger.dep_ == "dobj"
            and trigger.head.i == verb.i
            and (
                self.lexicon.has_cue("receiving", verb.lemma_.lower())
                or self.lexicon.has_cue("taking", verb.lemma_.lower())
            )
            and self._supply_noun(trigger)
        )

    def _stance(self, verb: Token) -> bool:
        """Verbs of judging an event ("condemned", "accused ... of"): their subject did not do it."""
        return verb.pos_ == "VERB" and self.lexicon.has_cue("stance", verb.lemma_.lower())

    def _sanction_word(self, token: Token) -> bool:
        return any(t.i == token.i and kind == EventType.SANCTION for t, kind in self.triggers) or any(
            ch.dep_ == "dobj" and any(t.i == ch.i and kind == EventType.SANCTION for t, kind in self.triggers)
            for ch in token.children
        )

    def _sanction_targets(self, word: Token) -> list[Entity]:
        """Who a sanction word hits: the object of "sanctioned", the "on"/"against" object of "sanctions" (or
        of "imposed sanctions")."""
        nouns = [word, *(ch for ch in word.children if ch.dep_ == "dobj")]
        phrases = [ch for ch in word.children if ch.dep_ == "dobj" and word.pos_ == "VERB"]
        phrases += _on_or_against(nouns)
        return [actor for phrase in phrases for actor in self.actors_in(phrase)]

    def _sanctioned_seats(self, candidate: Candidate) -> None:
        """ "sanctioned nine firms and five people in Iran, Belarus and Hong Kong", "imposed sanctions on 300
        entities in Russia and in third countries, including China": the states in which the targets of a
        sanction word sit ("in"/"from" phrases on the sanctioned nouns, each listed one) are sanctioned, as "Iranian
        firms" would be. Not a target's own clause ("firms that ship oil to Syria")."""
        trigger = candidate.trigger
        word = trigger.head if trigger.pos_ == "NOUN" and trigger.dep_ == "dobj" else trigger
        objects = [ch for ch in word.children if ch.dep_ in ("dobj", "nsubjpass")] if word.pos_ == "VERB" else []
        # "imposed sanctions on ...": the verb's object is the measure, and its "on" phrase the target
        measures = [ch for ch in objects if self._sanction_noun(ch)]
        heads = list({t.i: t for t in (word, trigger, *measures)}.values())
        targets = [ch for ch in objects if ch not in measures and ch.i != trigger.i]
        targets += _on_or_against(heads)
        listing = self._listing_verb(trigger)
        if listing is not None or (
            trigger.pos_ == "NOUN" and trigger.dep_ == "nsubj" and trigger.head.lemma_.lower() in TARGETING
        ):
            # "the sanctions also target a Cuban bank", "the designations cover firms in Turkey", "added two
            # Iranian firms to its sanctions list": the verb's object is hit
            verb = listing if listing is not None else trigger.head
            hit = [ch for ch in verb.children if ch.dep_ == "dobj"]
            for actor in (a for ch in hit for a in self.actors_in(ch, bounded=True)):
                if actor.kind == EntityKind.COUNTRY and actor not in candidate.actors:
                    _add(candidate.recipients, actor)
            targets += hit
            seats = [verb] if hit else []  # "cover firms in Turkey": the phrase may hang on the verb
        else:
            seats = []
        listed = [*targets, *seats]
        for target in targets:  # "two officials and a Russian bank", "on firms and on ships"
            conjuncts = [t for t in target.subtree if t.dep_ == "conj" and t.pos_ in ("NOUN", "PROPN")]
            for owner in (ch for noun in conjuncts for ch in noun.children if ch.dep_ in ("amod", "compound", "poss")):
                for actor in self.actors_in(owner):
                    if actor.kind == EntityKind.COUNTRY and actor not in candidate.actors:
                        _add(candidate.recipients, actor)
            listed += conjuncts
        for noun in listed:  # "two China-based entities": where the sanctioned sit, as "entities in China"
            for t in (t for ch in noun.children if ch.dep_ in ("amod", "compound") for t in ch.subtree):
                mention = self.by_token.get(t.i)
                if mention is not None and t.i == mention.start and mention.start in self.seat_marks:
                    state = mention.first({EntityKind.COUNTRY})
                    if state is not None and state not in candidate.actors:
                        _add(candidate.recipients, state)
        for noun in listed:
            for prep in noun.children:
                if prep.dep_ != "prep" or prep.lower_ not in ("in", "from"):
                    continue
                for actor in self.actors_in(prep, bounded=True):
                    if actor.kind == EntityKind.COUNTRY and actor not in candidate.actors:
                        _add(candidate.recipients, actor)

    def _made_where(self, candidate: Candidate) -> None:
        """ "Subsequent frigates will be built at Henderson in Western Australia", "were assembled in Egypt":
        weapons made, in a passive with no maker named, in a state's ground are that state's production (not a
        participle on a weapon another event uses: "drones built in Iran were launched at Kyiv")."""
        trigger = candidate.trigger
        passive = any(ch.dep_ == "auxpass" for ch in trigger.children)
        if not passive or any(ch.dep_ == "agent" for ch in trigger.children):
            return
        for prep in trigger.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("in", "at"):
                continue
            for t in prep.subtree:
                mention = self.by_token.get(t.i)
                if mention is None or t.i != mention.start:
                    continue
                state = mention.first({EntityKind.COUNTRY})
                if state is None and (place := mention.first({EntityKind.PLACE})) is not None:
                    state = self._place_state(place)
                if state is not None:
                    _add(candidate.actors, state)

    @staticmethod
    def _listing_verb(trigger: Token) -> Token | None:
        """ "added two firms to its sanctions list", "put three banks on the sanctions list": the verb of adding
        whose "to"/"on" phrase is the list a sanction word names."""
        noun = trigger
        while noun.dep_ == "compound" and noun.head.i != noun.i:
            noun = noun.head
        prep = noun.head
        if noun.dep_ != "pobj" or prep.lower_ not in ("to", "on") or prep.head.lemma_.lower() not in LISTING:
            return None
        return prep.head

    def _sanction_noun(self, token: Token) -> bool:
        return any(
            rule.type == EventType.SANCTION for rule in self.lexicon.triggers.get((token.lemma_.lower(), "NOUN"), ())
        )

    def _accused(self, candidate: Candidate, verb: Token) -> None:
        """ "A accused B of supplying drones", "blamed B for the strike": the object of the judging verb acts;
        "A thanked B for the tanks": B supplied them to A."""
        passive = any(ch.dep_ == "auxpass" for ch in verb.children) and any(
            ch.dep_ == "prep" and ch.lower_ in ("of", "for") for ch in verb.children
        )  # "was accused of", "is blamed for"; not "the embargo was violated by
        for child in verb.children:
            if child.dep_ == "dobj" or (passive and child.dep_ in PASSIVE_SUBJECTS):
                for actor in self.actors_in(child):  # "Russia has been accused of using ...": Russia acts
                    _add(candidate.actors, actor)
        grateful = self.lexicon.cue("stance", verb.lemma_.lower()) == "grateful"
        if grateful and candidate.type in (EventType.TRANSFER, EventType.DEPLOYMENT) and not candidate.recipients:
            for child in verb.children:
                if child.dep_ in SUBJECTS:
                    for recipient in self.actors_in(child):
                        if recipient not in candidate.actors:
                            _add(candidate.recipients, recipient)

    @staticmethod
    def _own(subject: Token | None, trigger: Token) -> Token | None:
        """A subject that contains the trigger is not the trigger's actor."""
        if subject is None or subject.i == trigger.i or trigger in list(subject.subtree):
            return None
        return subject

    def _subject_before(self, candidate: Candidate, verb: Token) -> None:
        """The parser found no subject: take the states named right before the verb ("X and Y will increase")."""
        if verb.pos_ not in ("VERB", "AUX") or candidate.type == EventType.CASUALTIES:
            return
        i = verb.i - 1
        while i >= self.sent.start and self.sent.doc[i].dep_ in ("aux", "advmod", "neg", "punct"):
            i -= 1
        mention = self.by_token.get(i)
        if mention is None or mention.first(ACTOR_KINDS) is None:
            return
        if candidate.trigger.left_edge.i <= mention.start <= candidate.trigger.right_edge.i:
            return  # "the training of pilots in Denmark has begun": a name inside the trigger's own phrase
        for other in self.mentions:
            actor = other.first(ACTOR_KINDS)
            if actor is None or other.end > mention.end:
                continue
            between = self.sent.doc[other.end : mention.start]
            if other is mention or all(
                t.dep_ in ("cc", "det", "punct", "compound") or t.lower_ in ("and", "the") for t in between
            ):
                _add(candidate.actors, actor)

    @staticmethod
    def _raised_subject(verb: Token) -> Token | None:
        """ "Moscow is believed to have deployed troops": the passive verb's subject does what its
        complement says."""
        if not any(ch.dep_ == "auxpass" for ch in verb.children):
            return None
        return next((ch for ch in verb.children if ch.dep_ == "nsubjpass"), None)

    def _subject_of(self, token: Token) -> Token | None:
        for child in token.children:
            if child.dep_ in SUBJECTS or child.dep_ == "agent":
                return child
        if token.pos_ == "NOUN":
            for child in token.children:
                if child.dep_ == "poss":
                    return child
        return None

    def actors_in(self, token: Token, *, enemies: bool = False, bounded: bool = False) -> list[Entity]:
        """The actors named in a phrase; ``bounded``: not those of a clause inside it ("Turkey, which ...")."""
        found: list[Entity] = []
        for t in token.subtree:
            mention = self.by_token.get(t.i)
            if mention is None:
                continue
            if t.i != mention.start:
                continue
            if bounded and self._in_clause_below(t, token):
                continue
            actor = self._as_actor(mention)
            if actor is not None:
                root = self.mention_root(mention)
                if not enemies and self.enemy_between(root, token):
                    continue
                _add(found, actor)
        return found

    @staticmethod
    def _in_clause_below(token: Token, top: Token) -> bool:
        current = token
        while current.i != top.i and current.head.i != current.i:
            if current.dep_ in ("relcl", "acl", "advcl"):
                return True
            current = current.head
        return False

    def enemy_between(self, token: Token, top: Token) -> bool:
        current = token
        while current.i != top.i and current.head.i != current.i:
            if current.dep_ == "pobj" and self.lexicon.has_cue("enemy", current.head.lower_):
                return True
            current = current.head
        return False

    def _reference(self, token: Token) -> Reference | None:
        if token.dep_ == "agent":
            token = next((candidate for candidate in token.children if candidate.dep_ == "pobj"), token)
        lower = token.lower_
        if lower in PRONOUNS:
            return Reference("pronoun", lower, token=token.i)
        if country_noun(token):
            return Reference("country", token.text, size=1, token=token.i)  # "the country agreed to lend"
        if self.lexicon.has_cue("group_noun", token.lemma_.lower()):
            size = next((NUMBER_WORDS.get(ch.lower_) for ch in token.children if ch.lower_ in NUMBER_WORDS), None)
            if any(ch.lower_ == "both" for ch in token.children):
                size = 2
            return Reference("group", token.text, size=size, token=token.i)
        if self.lexicon.names_treaty(token):
            return Reference("treaty", token.text, token=token.i)
        poss = next((ch for ch in token.children if ch.dep_ == "poss" and ch.lower_ in PRONOUNS), None)
        if poss is not None:
            return Reference("pronoun", poss.lower_, token=poss.i)
        return None

    def names_things_told(self, trigger: Token) -> bool:
        """The supply word's thing is one told before: "they" / "them", or "the" or "these" before a
        weapon word that no state's name or demonym marks ("The guns were donated by ...")."""
        for child in trigger.children:
            if child.dep_ not in ("nsubj", "nsubjpass", "dobj"):
                continue
            if child.lower_ in ("they", "them"):
                return True
            marked = any(t.i in self.by_token and self.by_token[t.i].first(ACTOR_KINDS) for t in child.subtree)
            definite = any(d.dep_ == "det" and d.lower_ in ("the", "these", "those") for d in child.children)
            if definite and not marked and self._is_item_token(child):
                return True
        return False

    def reported_speaker(self, position: int) -> list[Entity]:
        """ "Iran's Guards said they shot down a drone": a pronoun subject of what a speaker says is that
        speaker (its actors), before any name of an earlier sentence."""
        if not 0 <= position < len(self.sent.doc):
            return []
        token = self.sent.doc[position]
        if token.dep_ not in SUBJECTS:
            return []
        clause = token.head
        while clause.dep_ == "conj" and clause.head.i != clause.i:
            clause = clause.head
        if clause.pos_ != "VERB" or clause.dep_ not in ("ccomp", "parataxis") or not self.is_speech(clause.head):
            return []  # "it was the first attack": "it" is the attack, not the speaker
        speaker = self._subject_of(clause.head)
        return self.actors_in(speaker, bounded=True) if speaker is not None else []

    def conjunct_subject(self, position: int) -> list[Entity]:
        """ "Germany received a request from Ukraine and it delivered two systems": the pronoun subject of a
        clause joined by "and" to one whose subject names a state is that subject, not the last state named."""
        if not 0 <= position < len(self.sent.doc):
            return []
        token = self.sent.doc[position]
        if token.dep_ not in ("nsubj", "nsubjpass") or token.lower_ not in ("it", "he", "she", "they"):
            return []
        verb = token.head
        if verb.dep_ != "conj" or verb.head.i == verb.i or verb.head.pos_ not in ("VERB", "AUX"):
            return []
        if not any(ch.dep_ == "cc" and ch.lower_ == "and" for ch in verb.head.children if ch.i < verb.i):
            return []
        subject = next((ch for ch in verb.head.children if ch.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None or subject.lower_ in PRONOUNS:
            return []
        return self.actors_in(subject, bounded=True)

    def is_speech(self, token: Token) -> bool:
        return self.lexicon.has_cue("attribution", token.lemma_.lower())

    def _noncombatants(self, phrase: Token) -> bool:
        """ "12 Indian civilians", "five people": the dead are not members of a force (no casualties of one)."""
        return noncombatant_phrase(phrase, self.lexicon)

    def _casualty_roles(self, candidate: Candidate) -> None:
        """Casualties belong to the side that suffers them: the killed, wounded or captured."""
        trigger = candidate.trigger
        victims: list[Entity] = list(candidate.owners)
        verbs = [trigger, *(ch for ch in trigger.children if ch.dep_ == "conj")]
        if trigger.dep_ == "conj":
            verbs.append(trigger.head)  # "killed or wounded 300 troops" share the object
        for verb in verbs:
            for child in verb.children:
                if child.dep_ in PASSIVE_SUBJECTS | {"dobj"} and not self._noncombatants(child):
                    victims += self.actors_in(child)
        if trigger.pos_ == "NOUN":
            head = trigger.head
            while head.dep_ in ("compound", "amod", "dobj", "pobj", "prep") and head.head.i != head.i:
                head = head.head
                if head.pos_ == "VERB":
                    break
            subject = self._subject_of(head)
            if subject is not None:
                victims += self.actors_in(subject)
                if not victims:
                    candidate.actor_ref = self._reference(subject)
        elif (
            trigger.lemma_ == "die"
            or self.lexicon.has_cue("suffering", trigger.lemma_.lower())
            or self._verb_cue_value("harming", trigger) == "die"  # WordNet's verbs of dying: "perished", "succumbed"
        ):
            subject = self._subject_of(trigger)
            victims += self.actors_in(subject) if subject is not None and not self._noncombatants(subject) else []
        people = {e for m in self.mentions if self._people(self.sent.doc[m.start]) for e in m.entities}
        candidate.actors = []
        for victim in victims:
            if victim not in people:  # "12 Palestinians were killed": people, not members of a force
                _add(candidate.actors, victim)
        candidate.recipients = []

    # -- cues ----------------------------------------------------------------------------------
    def _cues(self, candidate: Candidate) -> None:
        status: str | None = None
        certainty: str | None = None
        chain = [candidate.trigger, *candidate.trigger.ancestors]
        for depth, token in enumerate(chain):
            coordinate = depth > 0 and chain[depth - 1].dep_ == "conj"
            if coordinate and _own_clause(chain[depth - 1]):
                continue  # "refused to supply weapons to Kyiv but has sold howitzers": another clause's words
            words = [
                *([] if coordinate else [token]),  # a coordinated verb governs nothing of its sibling's
                *[ch for ch in token.children if ch.dep_ in ("aux", "advmod", "neg", "mark", "acomp", "prt")],
            ]
            if token.pos_ == "NOUN" and depth > 0 and token.dep_ in ("acl", "relcl"):
                words.append(token.head)
            if token.pos_ == "NOUN" and depth == 0:
                # "banned exports of dual-use goods": a participle before the event's noun
                words += [ch for ch in token.children if ch.dep_ == "amod" and ch.tag_ == "VBN"]
            if (
                token.pos_ == "NOUN"
                and 0 < depth <= 2
                and any(ch.dep_ == "det" and ch.lower_ == "no" for ch in token.children)
            ):
                candidate.negated = True  # "has no plans to send troops", "no intention of sending"
            for word in words:
                lemma = word.lemma_.lower()
                if self.lexicon.has_cue("hypothetical", lemma) and (word is not candidate.trigger):
                    candidate.hypothetical = True
                if word.dep_ == "neg" and depth <= 1:
                    candidate.negated = True
                if word is token and depth > 0 and self.lexicon.has_cue("denial", lemma):
                    candidate.negated = True  # the denied claim is no event; it makes earlier claims alleged
                if status is None and (word is not candidate.trigger or self.lexicon.has_cue("promise", lemma)):
                    status = self.lexicon.cue("status", lemma)  # "pledged tanks": a planned transfer
                if status is None and word is candidate.trigger and self.purchase(word):
                    status = "planned"  # "signed a contract for 42 jets": bought, not yet delivered
                decided = word is token and 0 < depth <= 3 and chain[depth - 1].dep_ == "xcomp"
                if status is None and decided and self.lexicon.has_cue("decision", lemma):
                    status = "planned"  # "agreed to sell F-35s", "to hold drills": decided, not yet done
                if certainty is None and word is not candidate.trigger:
                    certainty = self.lexicon.cue("certainty", lemma)
            if self.is_speech(token) and depth > 0:
                self.attribution(candidate, token)
                if candidate.sources:
                    break  # "cited Y as saying that ...": a speech without a speaker looks further up
        if not candidate.sources:
            self._trailing_speech(candidate)
        for token in candidate.trigger.subtree:
            if (
                token.dep_ == "mark"
                and self.lexicon.has_cue("hypothetical", token.lemma_.lower())
                and token.head.i == candidate.trigger.i
            ):
                candidate.hypothetical = True
        if self._conditioned(candidate.trigger):
            # "will send tanks if Mordor agrees": an event on a condition is possible; "might send ... if",
            # "would send ... if" are options, not events
            if any(
                self.lexicon.has_cue("modal", ch.lemma_.lower())
                for t in chain[:3]
                for ch in t.children
                if ch.dep_ == "aux"
            ):
                candidate.hypothetical = True
            elif certainty is None:
                certainty = "possible"
        if self.sent.text.rstrip().endswith("?"):
            candidate.hypothetical = True  # "should Berlin send Taurus missiles?": a question asserts nothing
        self._according_to(candidate)
        if status is None:
            status = self._tense_status(candidate.trigger)
        candidate.status = Status(status) if status else Status.OCCURRED
        if certainty in (None, "confirmed", "reported") and self._unconfirmed():
            certainty = "alleged"  # "Ukraine claimed the strike, but Moscow did not confirm it"
        candidate.certainty = Certainty(certainty) if certainty else None

    def _unconfirmed(self) -> bool:
        """The sentence says that what it tells was not confirmed or could not be verified (cue kind
        ``unconfirming``, negated): a claim with an explicit lack of confirmation is alleged."""
        return any(
            self.lexicon.has_cue("unconfirming", t.lemma_.lower()) and any(ch.dep_ == "neg" for ch in t.children)
            for t in self.sent
        )

    def _conditioned(self, trigger: Token) -> bool:
        """The trigger's clause (up to a verb of saying) carries an "if"/"unless" clause."""
        for token in [trigger, *trigger.ancestors]:
            for child in token.children:
                if (
                    child.dep_ == "advcl"
                    and child.i != trigger.i
                    and trigger not in child.subtree
                    and any(
                        m.dep_ == "mark" and self.lexicon.has_cue("hypothetical", m.lemma_.lower())
                        for m in child.children
                    )
                ):
                    return True
            if token.i != trigger.i and self.is_speech(token):
                return False
        return False

    def _tense_status(self, trigger: Token) -> str | None:
        verb = (
            trigger
            if trigger.pos_ == "VERB"
            else next((a for a in trigger.ancestors if a.pos_ in ("VERB", "AUX")), None)
        )
        if verb is None:
            return None
        aux = [ch for ch in verb.children if ch.dep_ in ("aux", "auxpass")]
        if self._headline_style():
            # headlines tell past events in the present ("Japan, Philippines sign defence pact") and coming
            # ones with a bare "to" ("US to send more troops")
            if verb.dep_ == "ROOT" and verb.tag_ == "VB" and any(a.tag_ == "TO" for a in aux):
                return "planned"
            return None
        if verb.tag_ == "VBG" and any(a.tag_ in ("VBZ", "VBP") for a in aux):
            return "ongoing"
        if verb.tag_ in ("VBZ", "VBP") and verb.lemma_ not in ("be", "have"):
            return "ongoing"
        return None

    def _headline_style(self) -> bool:
        """A headline (or a headline-only item): short, and without the full stop of a written sentence."""
        words = [t for t in self.sent if not t.is_space]
        return bool(words) and len(words) <= HEADLINE_WORDS and words[-1].text not in SENTENCE_ENDS

    def attribution(self, candidate: Candidate, speech: Token) -> None:
        lemma = speech.lemma_.lower()
        relay = self.lexicon.cue("attribution", lemma) == "relay"
        for child in speech.children:
            if child.dep_ in SUBJECTS or child.dep_ == "agent":
                target = candidate.via if relay else candidate.sources
                for entity in self._speakers(child):
                    _add(target, entity)
            elif relay and child.dep_ == "dobj":
                for entity in self._speakers(child):
                    _add(candidate.sources, entity)
            elif child.dep_ == "prep" and self.lexicon.cue("attribution", child.lower_) == "via":
                for entity in self._speakers(child):
                    _add(candidate.via, entity)

    def _trailing_speech(self, candidate: Candidate) -> None:
        """ "X will send Y, the Rangers said": a speech verb beside the event's clause, not above it."""
        for token in self.sent:
            if (
                token.i <= candidate.trigger.i
                or token.pos_ != "VERB"
                or token.dep_ not in ("conj", "parataxis", "ROOT")
                or not self.is_speech(token)
            ):
                continue
            if (
                token.head.i != candidate.trigger.i
                and candidate.trigger.left_edge.i <= token.i <= candidate.trigger.right_edge.i
            ):
                continue  # inside the event's own clause
            self.attribution(candidate, token)
            if not candidate.sources:
                before = self.sent.doc[token.i - 1] if token.i > self.sent.start else None
                while before is not None and before.dep_ == "punct" and before.i > self.sent.start:
                    before = self.sent.doc[before.i - 1]
                mention = self.by_token.get(before.i) if before is not None else None
                speaker = mention.first(ACTOR_KINDS) if mention is not None else None
                if speaker is None and before is not None:
                    head = before
                    while head.dep_ in ("pobj", "prep") and head.head.i < token.i:
                        head = head.head
                    mention = self.by_token.get(head.i)
                    speaker = mention.first(ACTOR_KINDS) if mention is not None else None
                if speaker is not None:
                    _add(candidate.sources, speaker)
            return

    def _according_to(self, candidate: Candidate) -> None:
        for token in self.sent:
            if self.lexicon.cue("attribution", token.lower_) == "prep" and not candidate.sources:
                for entity in self._speakers(token):
                    _add(candidate.sources, entity)

    def _speakers(self, token: Token) -> list[Entity]:
        """The speaker a subject names: the gazetteer entity heading it, or the phrase as written."""
        if token.dep_ in ("agent", "prep"):
            pobj = next((child for child in token.children if child.dep_ == "pobj"), None) or next(
                (child for t in token.children for child in t.children if child.dep_ == "pobj"), None
            )
            if pobj is None:
                return []
            token = pobj
        head = self.by_token.get(token.i)
        if head is not None and head.first(ACTOR_KINDS) is not None:
            entity = head.first(ACTOR_KINDS)
            assert entity is not None
            return [entity]
        subtree = list(token.subtree)
        inside = {t.i for t in subtree}  # a set: a long chain ("according to the - - - ...") made this cubic
        tokens = [
            t
            for t in subtree
            if not any(
                a.dep_ in ("relcl", "acl", "appos") and a.i != token.i for a in [t, *t.ancestors] if a.i in inside
            )
        ]
        phrase = self.sent.doc[tokens[0].i : tokens[-1].i + 1] if tokens else None
        if phrase is None or token.lower_ in PRONOUNS:
            return []
        label = phrase.text.strip(" ,\"“”'")
        if label.lower().startswith("the "):
            label = label[4:]
        if not label:
            return []
        countries = [
            e
            for m in self.mentions
            if phrase.start <= m.start < phrase.end
            for e in m.entities
            if e.kind == EntityKind.COUNTRY
        ]
        return [
            Entity(
                key=slug(label),
                label=label[:120],
                kind=EntityKind.ACTOR,
                country=countries[0].iso3 if countries else None,
                resolved=False,
            )
        ]

    def _quantity(self, candidate: Candidate) -> None:
        for mention in self.mentions:
            if mention.first({EntityKind.WEAPON}) is None:
                continue
            root = self.mention_root(mention)
            if self._path_to(root, candidate.trigger) is None:
                continue
            quantity = _quantity_of(root)
            if quantity is not None:
                candidate.quantity = quantity
                return


def _quantity_of(token: Token) -> tuple[str, int | None] | None:
    number = next((ch for ch in token.children if ch.dep_ == "nummod"), None)
    if number is None and token.dep_ == "pobj" and token.head.lower_ == "of":
        holder = token.head.head
        if holder.like_num or holder.lemma_.lower() in ("thousand", "hundred", "dozen", "million"):
            span = token.doc[holder.left_edge.i : token.head.i + 1]
            return span.text, _number(holder)
        number = next((ch for ch in holder.children if ch.dep_ == "nummod"), None)
        if number is not None:
            span = token.doc[number.left_edge.i : holder.i + 1]
            return span.text, _number(number)
    if number is None:
        return None
    span = token.doc[number.left_edge.i : number.right_edge.i + 1]
    return span.text, _number(number)


def _number(token: Token) -> int | None:
    text = token.text.replace(",", "")
    if text.isascii() and text.isdigit():  # '²' is a digit to isdigit, not to int
        return int(text)
    return NUMBER_WORDS.get(token.lower_)


def _add(target: list[Entity], entity: Entity) -> None:
    if entity not in target:
        target.append(entity)


def noncombatant_phrase(phrase: Token, lexicon: Lexicon) -> bool:
    """A phrase of people who are no members of a force, and none listed with them ("eleven Thai civilians and
    one soldier" names a soldier)."""
    listed = [phrase, *(t for t in phrase.subtree if t.dep_ == "conj" and t.head.i == phrase.i)]
    return all(lexicon.has_cue("noncombatant", t.lemma_.lower()) for t in listed)


def _own_clause(verb: Token) -> bool:
    """A coordinated verb with its own subject or auxiliary ("... but has sold"): a clause of its own."""
    return any(ch.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for ch in verb.children)


def countries_of(entities: Iterable[Entity]) -> set[str]:
    return {code for e in entities if (code := e.iso3 or e.country)}


def _participle(token: Token) -> bool:
    """A past participle describing a noun ("drones bought from Turkey"; the small parser often tags it VBD)."""
    return token.dep_ in ("acl", "amod") and token.tag_ in ("VBN", "VBD")


RELATIVE_PRONOUNS = ("that", "which", "whom", "who")


def _passive_relative(token: Token) -> bool:
    """ "drones, which were delivered to Arnor": a passive relative clause whose pronoun stands for its noun."""
    return token.dep_ == "relcl" and any(
        ch.dep_ in PASSIVE_SUBJECTS and ch.lower_ in ("who", "which", "that") for ch in token.children
    )


def _object_relative(token: Token) -> bool:
    """A relative clause whose verb's object is the noun it describes: "the tanks that Spain sent", "missiles,
    which Britain delivered", "the boats Bangladesh bought" (no object of its own, a subject that is no
    relative pronoun); not "the company that sent tanks"."""
    if token.dep_ != "relcl" or token.pos_ not in ("VERB", "AUX"):
        return False
    objects = [ch for ch in token.children if ch.dep_ == "dobj"]
    if objects:
        return all(ch.lower_ in RELATIVE_PRONOUNS for ch in objects)
    subjects = [ch for ch in token.children if ch.dep_ == "nsubj"]
    return bool(subjects) and all(ch.lower_ not in RELATIVE_PRONOUNS for ch in subjects)


def _misplaced_agent(by: Token, prep: Token, trigger: Token) -> bool:
    """ "Shells were fired at Ukrainian positions by Russian troops": the parse hangs the passive's agent on
    the noun of the phrase before it; a "by" phrase on the object of the trigger's own preposition is the
    agent of a passive verb that has none."""
    return (
        by.lower_ == "by"
        and by.head.dep_ == "pobj"
        and by.head.head.i == prep.i
        and prep.lower_ != "by"
        and trigger.pos_ == "VERB"
        and any(child.dep_ == "auxpass" for child in trigger.children)
        and not any(
            child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by") for child in trigger.children
        )
    )


def _hung_agent(verb: Token) -> Token | None:
    """The "by" phrase of a passive verb the parse hung on the object of one of its prepositions."""
    for prep in verb.children:
        if prep.dep_ != "prep":
            continue
        for pobj in prep.children:
            for by in pobj.children if pobj.dep_ == "pobj" else ():
                if by.dep_ == "prep" and _misplaced_agent(by, prep, verb):
                    return by
    return None


def _on_or_against(nouns: Iterable[Token]) -> list[Token]:
    """The objects of the "on"/"against" phrases of the nouns ("sanctions on X", "measures against Y")."""
    return [
        g
        for noun in nouns
        for prep in noun.children
        if prep.dep_ == "prep" and prep.lower_ in ("on", "against")
        for g in prep.children
        if g.dep_ == "pobj"
    ]
