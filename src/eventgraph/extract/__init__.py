"""Text to events: read an article's body sentence by sentence and resolve what each event leaves open.

``extract_events(article_text)`` gives the article with its events; ``extract_many`` does the same for a
stream of articles through ``nlp.pipe`` (two processes for large batches).  spaCy is imported only here,
when an article is actually read.  The sentence-level work is in ``extract/sentence.py``; this module
keeps what a reader remembers across sentences: the states named so far (for "the two nations", "it",
"they"), the treaty under discussion, who is at war with whom, the events just read (for "the package
includes ..."), and who speaks for the article (its outlet).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter, deque
from collections.abc import Container, Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from eventgraph.articles import ArticleText
from eventgraph.dates import PartialDate
from eventgraph.extract.anchors import anchor_of, anchored_under, counted
from eventgraph.extract.background import background_perfect, news_line, participle_mistagged
from eventgraph.extract.fighters import FIGHTER_JETS, with_fighter_jets
from eventgraph.extract.lexicon import Lexicon, Mention, NameMatcher, held, mention_root
from eventgraph.extract.namesakes import without_states_in_longer_names
from eventgraph.extract.nlp import load_pipeline
from eventgraph.extract.organs import without_foreign_organs
from eventgraph.extract.references import (
    answer_line,
    in_quotation,
    publisher_state,
    speaker_states,
    subject_states,
)
from eventgraph.extract.sentence import Candidate, Reference, SentenceReader, countries_of
from eventgraph.extract.speaker import (
    by_speaker,
    by_voice,
    listed_with,
    said_without_speaker,
    standing_state,
    undated_form,
    with_first_person,
)
from eventgraph.extract.timex import (
    ANAPHORIC,
    EXPLICIT_YEAR,
    LAST_MONTH,
    RELATIVE,
    DateMention,
    find_dates,
    written_out,
)
from eventgraph.gazetteer import INVISIBLE_CHARACTERS, Gazetteer, normalise, slug
from eventgraph.model import (
    ACTOR_KINDS,
    Article,
    ArticleEvents,
    Certainty,
    Entity,
    EntityKind,
    Event,
    EventType,
    Evidence,
    Quantity,
)
from eventgraph.resources import read_data_table

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

PARALLEL_THRESHOLD = 200  # articles; below it a second process costs more than it saves
MUTUAL = (EventType.AGREEMENT, EventType.COOPERATION)
NEEDS_RECIPIENT = (EventType.SANCTION, EventType.COOPERATION)
HANDED_OVER = {"drone", "munitions", "equipment", "missile", "artillery", "small-arms", "armour", "air-defence"}
ONWARDS = re.compile(r"on(?:wards?)?\b", re.I)
NAMING_LINKS = ("nummod", "compound", "amod", "nmod", "poss")  # "the 2015 deal": a date that names a thing
DATELINE_DASHES = {"-", "—", "–", "--"}
# the stamp of a live report's entry: "23 Sep, 09:00 - ", "Oct 2, 16:20 - "
ENTRY_STAMP = re.compile(
    r"\s*(?P<day>\d{1,2} [A-Z][a-z]{2,8}|[A-Z][a-z]{2,8}\.? \d{1,2}),? \d{1,2}[:.]\d\d\s*(?:-|–|—)\s"
)
MEMORY = 3  # sentences an event's roles stay available to a following "the package includes ..."


THIRD_PERSON = frozenset({"they", "it", "he", "she"})  # subject pronouns a reported speaker may stand behind


class Extractor:
    """The extraction rules bound to a gazetteer, a lexicon and a spaCy pipeline."""

    def __init__(
        self, gazetteer: Gazetteer | None = None, lexicon: Lexicon | None = None, nlp: Language | None = None
    ) -> None:
        self.gazetteer = gazetteer or Gazetteer.default()
        self.lexicon = lexicon or Lexicon.default()
        self.nlp = nlp or load_pipeline()
        heads = self.lexicon.cues.get("weapon_head", {})
        self.matcher = NameMatcher(self.gazetteer, self.nlp.tokenizer, heads)
        self.countries = {e.key: e for e in self.gazetteer.entities if e.kind == EntityKind.COUNTRY}
        self.capitals = _capitals(self.gazetteer)

    def mentions(self, sent: Span) -> list[Mention]:
        """The gazetteer's names in a sentence, and "we"/"our" in reported speech as the speaker's state."""
        found = _without_capitals_in_other_names(sent, self.matcher.find(sent), self.capitals)
        found = _without_states_in_water_names(sent, found)
        found = without_states_in_longer_names(sent, found, self._known_name)
        found = without_foreign_organs(sent, found)
        found = with_fighter_jets(sent, found, self.lexicon, self.gazetteer.get(EntityKind.WEAPON, FIGHTER_JETS))
        return with_first_person(sent, _without_group_origins(sent, found), self.lexicon, self.countries)

    def _known_name(self, text: str) -> bool:
        """Whether the gazetteer knows a word as a name of its own."""
        return self.matcher.norm(text) in self.matcher.index

    def extract(self, article: ArticleText) -> ArticleEvents:
        return self.extract_parsed(article, list(self.nlp.pipe(self._texts(article))))

    def extract_parsed(self, article: ArticleText, docs: list[Doc]) -> ArticleEvents:
        from eventgraph.extract.claims import read_claims

        reading = _Reading(self, article.article, article.published_as)
        sentences = []
        # not strict: training.prepare passes the body's parses alone, fewer than the spans when a paragraph was cut
        for (start, _), doc in zip(self._spans(article), docs, strict=False):
            for sent in doc.sents:
                reading.sentence(sent, start)
                sentences.append((sent, start))
        events = read_claims(reading, sentences, reading.finish())  # who denies, confirms or retracts what
        return ArticleEvents(article=article.article, events=events, source=article.source)

    def extract_many(
        self, articles: Iterable[ArticleText], *, n_process: int = 1, batch_size: int | None = None
    ) -> Iterator[ArticleEvents]:
        """Extract a stream of articles, in order; ``n_process=2`` parses in two processes."""
        pending: deque[tuple[ArticleText, int]] = deque()

        def paragraphs() -> Iterator[str]:
            for article in articles:
                parts = self._texts(article)
                pending.append((article, len(parts)))
                yield from parts

        docs: list[Doc] = []
        for doc in self.nlp.pipe(paragraphs(), n_process=n_process, batch_size=batch_size):
            docs.append(doc)
            while pending and len(docs) >= pending[0][1]:
                article, count = pending.popleft()
                yield self.extract_parsed(article, docs[:count])
                del docs[:count]
        while pending:  # articles without a body
            article, count = pending.popleft()
            yield self.extract_parsed(article, docs[:count])
            del docs[:count]

    def _texts(self, article: ArticleText) -> list[str]:
        # bidi marks and zero-width characters would split a name ("\u200fIran"): parsed as spaces, one for
        # one, so offsets still point into the article's text
        text = article.article.text or ""
        return [text[start:end].translate(INVISIBLE_AS_SPACES) for start, end in self._spans(article)]

    def _spans(self, article: ArticleText) -> list[tuple[int, int]]:
        """The body's paragraphs, a paragraph longer than spaCy takes at once (``nlp.max_length``; a 2 MB
        article on one line) cut into pieces at sentence ends, else at spaces: read whole, piece by piece."""
        text = article.article.text or ""
        limit = max(1000, min(MAX_PIECE, self.nlp.max_length))
        return [piece for span in article.body for piece in split_span(text, span, limit)]


INVISIBLE_AS_SPACES = str.maketrans(INVISIBLE_CHARACTERS, " " * len(INVISIBLE_CHARACTERS))
MAX_PIECE = 100_000  # characters parsed at once: spaCy's parser needs about 1 GB per 100,000


def split_span(text: str, span: tuple[int, int], limit: int) -> list[tuple[int, int]]:
    """``span`` of ``text`` in pieces of at most ``limit`` characters, cut after a sentence end where one is
    in the second half of a piece, else after a space, else anywhere."""
    start, end = span
    pieces = []
    while end - start > limit:
        window = text[start : start + limit]
        cut = max(window.rfind(". "), window.rfind("! "), window.rfind("? "))
        cut = cut + 2 if cut >= limit // 2 else window.rfind(" ") + 1
        cut = cut if cut > 0 else limit
        pieces.append((start, start + cut))
        start += cut
    pieces.append((start, end))
    return pieces


@lru_cache(maxsize=1)
def default_extractor() -> Extractor:
    return Extractor()


def extract_events(article: ArticleText, extractor: Extractor | None = None) -> ArticleEvents:
    """The events one article states, each with its evidence sentence and offsets."""
    return (extractor or default_extractor()).extract(article)


def extract_many(
    articles: Iterable[ArticleText], *, n_process: int | None = None, extractor: Extractor | None = None
) -> Iterator[ArticleEvents]:
    """The events of many articles; large batches are parsed by two processes unless told otherwise."""
    articles = list(articles)
    if n_process is None:
        n_process = 2 if len(articles) >= PARALLEL_THRESHOLD else 1
    yield from (extractor or default_extractor()).extract_many(articles, n_process=n_process)


@dataclass
class Draft:
    """What one trigger word of a sentence states before its parties are settled (the rules may drop it for
    want of parties): the learned reader borrows its date and status for an event of the same type."""

    sentence_start: int  # character offset of the sentence in the article text
    candidate: Candidate
    date: PartialDate | None


@dataclass
class _Memory:
    countries: list[Entity] = field(default_factory=list)  # in order of mention
    last_named: list[Entity] = field(default_factory=list)  # the states of the last sentence that named one
    group: list[Entity] = field(default_factory=list)  # the last states named together
    treaty: Entity | None = None
    last_was_treaty: bool = False  # the last sentence's subject was a treaty: "it" may be the treaty
    conflicts: dict[str, Entity] = field(default_factory=dict)  # aggressor ISO3 -> the state attacked
    recent: list[tuple[int, Event]] = field(default_factory=list)  # (sentence number, event)
    speakers: list[tuple[int, Entity]] = field(default_factory=list)  # (sentence number, the state a speaker named)
    subjects: list[Entity] = field(default_factory=list)  # the states named as a sentence's subject, in order
    last_subjects: list[Entity] = field(default_factory=list)  # those of the last sentence read


class _Reading:
    """One article being read: its memory and the events found so far."""

    def __init__(self, extractor: Extractor, article: Article, published_as: PartialDate | None = None) -> None:
        self.extractor = extractor
        self.lexicon = extractor.lexicon
        self.gazetteer = extractor.gazetteer
        self.article = article
        # the publication date at its known precision: a header "2024-10" dates the article to the month
        self.published: PartialDate | None = (
            PartialDate.from_date(article.published) if article.published else published_as or _headline_year(article)
        )
        self.memory = _Memory()
        self.events: list[Event] = []
        self.sentences = 0
        self.voice, self.reference_voice = self._voice()
        # "Ministry of Defense, Japan": the state of the office a transcript or release comes from
        self.publisher = publisher_state((article.outlet, article.author), self.gazetteer)
        self.previous: list[Event] = []
        self.drafts: list[Draft] = []
        self.date_context: PartialDate | None = None  # the last date written out with its year ("that year")
        # a live report's entry stamped "23 Sep, 09:00 - ": the day its paragraph tells of
        self.entry_offset: int | None = None
        self.entry_date: PartialDate | None = None
        self.context_offset: int | None = None
        # the last date the paragraph wrote before the sentence being read ("on Friday", "on 26 August")
        self.paragraph_date: PartialDate | None = None
        self.written: list[PartialDate] = []  # the dates of the sentence last read, as its events take them
        self.undated_here: PartialDate | None = None  # and the date of its events that write none
        # "Arms suppliers to Gondor, 2016-2020": a headline naming an earlier time than the article's
        self.headline_time = _headline_time(article, self.published)
        # the last date written for an event of each type ("Gondor shelled Osgiliath on Tuesday"), for "the
        # shelling" of a later sentence; ``telling`` holds the sentence being read
        self.told: dict[EventType, PartialDate] = {}
        self.telling: dict[EventType, PartialDate] = {}
        self.referring: set[int] = set()  # the articles of "the attack" holding a date told before
        # the state of the city a wire report is filed from ("KYIV - Air defences shot down ..."): no party
        # named in its sentence, but the side whose defences an unowned interception speaks of
        self.dateline: Entity | None = None
        # the body's paragraphs read so far (the headline, read first by the learned reader, not among them):
        # the first is the article's lead, which tells the news the article's date dates
        title = (article.title or "").strip()
        self._title_at = (article.text or "").find(title) if title else -1
        self.body_paragraphs = 0
        self.news_entry = False  # the paragraph being read is a live report's entry or a questioner's line

    def _voice(self) -> tuple[Entity | None, bool]:
        """Who speaks for the article when a sentence names no source: its outlet (or author)."""
        for text in (self.article.outlet, self.article.author):
            if not text:
                continue
            head = text.split("(")[0].split(",")[0].split(" via ")[0].strip()
            words = [w.strip("()., ").lower() for w in text.replace(",", " ").replace("(", " ").split()]
            reference = any(self.lexicon.has_cue("reference_source", w) for w in words)
            entity = self.gazetteer.lookup(head, ACTOR_KINDS)
            if entity is None:
                inner = text[text.find("(") + 1 : text.find(")")] if "(" in text and ")" in text else ""
                entity = self.gazetteer.lookup(inner, ACTOR_KINDS) if inner else None
            if entity is not None or reference:
                return entity, reference
        return None, False

    # -- one sentence --------------------------------------------------------------------------
    def sentence(self, sent: Span, offset: int) -> None:
        self.sentences += 1
        if offset != self._title_at and offset != self.entry_offset:
            self.body_paragraphs += 1
        if offset != self.entry_offset:
            self.entry_offset, self.entry_date, self.paragraph_date = offset, None, None
            self.news_entry = False
        # a live report's entry ("11:10 Slovakia has handed over ...") or a questioner's line tells the news
        self.news_entry = self.news_entry or news_line(sent, self.lexicon)
        stamp = ENTRY_STAMP.match(sent.text)
        if stamp and self.published is not None:
            day = find_dates(stamp.group("day"), self.published)
            self.entry_date = day[0].value if day else self.entry_date
        # what an event of the sentence with no date of its own takes, before the sentence's own dates (an end
        # alone, "until late 2018", or a dateline) become the context of the next
        self.undated_here = self.undated(sent.root)
        found_mentions = self._with_own_voice(sent, self.extractor.mentions(sent))
        mentions = _without_dateline(sent, found_mentions)
        if self.dateline is None and self.sentences <= 2 and (place := _dateline_span(sent)) is not None:
            self.dateline = self._dateline_state(place, [m for m in found_mentions if m.end <= place.end])
        reader = SentenceReader(self.lexicon, sent, mentions, self.extractor.countries)
        self._note_conflicts(reader, sent)
        found: list[Event] = []
        written = self._dates(sent)
        self.written = [value for _, value in written]
        candidates = reader.candidates()
        dates = written + self._referred(candidates, written)
        for candidate in candidates:
            self.drafts.append(Draft(offset + sent.start_char, candidate, self._date_for(candidate, reader, dates)))
            found.extend(self._events(candidate, reader, sent, offset, dates))
        self.told.update(self.telling)
        self.telling = {}
        if not found:
            self._carry_attribution(reader, sent)
            self._link_contents(reader, sent, mentions)
        self._remember(reader, mentions)
        self.previous = found
        if written:
            self.paragraph_date = written[-1][1]
        self._apply_denials(reader, found)
        self.events.extend(found)
        self.memory.recent.extend((self.sentences, e) for e in found)
        # "exports fell by 64 percent compared with 2015-19": the time compared with is not the time the
        # sentences after it tell of
        told = [
            m
            for m in find_dates(sent.text, self.published)
            if not COMPARED.search(sent.text[: m.start].rstrip().lower())
        ]
        context = written_out(sent.text, told, self.date_context)
        if context is not self.date_context:
            self.context_offset = offset
        self.date_context = context

    def _events(
        self,
        candidate: Candidate,
        reader: SentenceReader,
        sent: Span,
        offset: int,
        dates: list[tuple[Token, PartialDate]],
    ) -> list[Event]:
        if candidate.hypothetical or candidate.negated:
            return []
        actors = self._states(candidate.actors)
        recipients = self._states(candidate.recipients)
        owners = self._states(candidate.owners)
        enemies = self._states(candidate.enemies)
        if not actors and candidate.actor_ref is not None:
            if candidate.type != EventType.AGREEMENT and self._names_treaty(candidate.actor_ref):
                return []  # "it (the treaty) covers security cooperation": content, no event
            resolved = self._resolve(candidate.actor_ref, reader, candidate)
            if candidate.type == EventType.ATTACK and reader._inverse(candidate):
                recipients = recipients or resolved  # "Russia said it shot down Ukrainian drones": it was attacked
            else:
                actors = resolved
        by_origin = False
        if candidate.type == EventType.TRANSFER:
            supplied = self._supplier(candidate, reader, actors, recipients, owners)
            if supplied is None:
                return []  # a state receiving or using its own weapons supplies no one
            actors, recipients, by_origin = supplied
        if candidate.type == EventType.ATTACK:
            actors = actors or owners  # "Russian missiles struck"; not Iran in "Russia used Iranian drones"
            if not recipients:
                recipients = [e for e in enemies if e not in actors]  # "used drones against Ukraine"
            if not [e for e in recipients if e not in actors]:
                recipients = self._states(candidate.hosts)  # "strikes in Kharkiv": the place's state is hit
        hosted = self._hosted(candidate, reader)
        if hosted is not None:
            actors, recipients = hosted
            owners = []
        if (
            candidate.type == EventType.DEPLOYMENT
            and owners
            and actors
            and not set(map(id, owners)) & set(map(id, actors))
        ):
            recipients, actors = actors, owners
        if not actors and owners and candidate.type != EventType.CASUALTIES:
            actors = owners
        if not actors and candidate.type in MUTUAL:
            actors = self._treaty_parties(candidate) or self._treaty_parties_of(self.memory.treaty)
        if not actors and candidate.type == EventType.AGREEMENT and len(_distinct(recipients)) >= 2:
            actors = recipients  # "signed an agreement between A and B": the parties, whoever signed
        if not actors:
            actors, inherited = self._inherit(candidate.type)
            if not recipients:
                recipients = inherited
        if not actors:
            return []
        if candidate.type == EventType.COOPERATION and owners and not recipients:
            recipients = [o for o in owners if o not in actors]  # "trained Ukrainian crews"
        mutual_fire = reader.reciprocal(candidate) and len(_distinct(actors)) > 1
        if candidate.type in MUTUAL and not (recipients and not set(map(id, recipients)) & set(map(id, actors))):
            actors, recipients = self._mutual(actors + recipients, candidate)
        elif mutual_fire and not [r for r in recipients if r not in actors]:
            recipients = list(actors)  # "A and B exchanged fire": each side is the other's target
        else:
            recipients = [r for r in recipients if r not in actors]
            if candidate.type not in (EventType.CASUALTIES, EventType.PRODUCTION) and not recipients:
                recipients = self._fill_recipient(candidate, reader, actors, enemies)
        if candidate.type in NEEDS_RECIPIENT and not recipients:
            return []
        event = Event(
            type=candidate.type,
            actors=actors,
            recipients=recipients,
            items=self._items(candidate, reader),
            places=candidate.places,
            quantity=Quantity(*candidate.quantity) if candidate.quantity else None,
            date=self._date_for(candidate, reader, dates),
            status=candidate.status,
            certainty=self._certainty(candidate, actors, recipients, by_origin, reader),
            attributed_to=candidate.sources,
            via=candidate.via,
            evidence=self._evidence(sent, offset),
        )
        in_service = self._in_service(candidate, reader, actors)
        if in_service and event.type == EventType.DEPLOYMENT:
            return [event]  # "the US Army deployed its launcher to the Philippines": it stays the army's
        if in_service and event.type == EventType.TRANSFER and not reader._verb_cue("giving", candidate.trigger):
            return [replace(event, type=EventType.DEPLOYMENT)]  # "Britain will send RAF Typhoons to Qatar"
        return self._split_materiel(event)

    def _hosted(self, candidate: Candidate, reader: SentenceReader) -> tuple[list[Entity], list[Entity]] | None:
        """The guests and the host of a deployment read from a verb of hosting ("Latvia hosts 5,000 Norwegian
        soldiers", "Qatar hosts the largest US base"): the states named on the troops or bases, and its subject."""
        trigger = candidate.trigger
        if candidate.type != EventType.DEPLOYMENT or reader._verb_cue_value("standing_verb", trigger) != "host":
            return None

        def states(deps: tuple[str, ...]) -> list[Entity]:
            found = [
                e
                for ch in trigger.children
                if ch.dep_ in deps
                for t in ch.subtree
                if t.i in reader.by_token
                for e in [reader.by_token[t.i].first(ACTOR_KINDS)]
                if e is not None and e.kind != EntityKind.WEAPON
            ]
            return _distinct([e for e in self._states(found) if e.kind == EntityKind.COUNTRY])

        guests, hosts = states(("dobj",)), states(("nsubj", "nsubjpass"))
        guests = [e for e in guests if e not in hosts]
        return (guests, hosts) if guests and hosts else None

    @staticmethod
    def _in_service(candidate: Candidate, reader: SentenceReader, actors: list[Entity]) -> bool:
        """Weapons a state's own armed service moves or is named with ("RAF jets", "a Royal Navy patrol ship",
        "the US Army deployed its launcher"): they stay in that state's service, a deployment, not a handing
        over.  Only a verb's subject and objects count, and only a service of one of the event's actors."""
        trigger = candidate.trigger
        if trigger.pos_ != "VERB" or candidate.type not in (EventType.TRANSFER, EventType.DEPLOYMENT):
            return False
        states = {e.key for e in actors}
        roles = ("dobj", "nsubj", "nsubjpass") if candidate.type == EventType.DEPLOYMENT else ("dobj", "nsubjpass")
        for child in trigger.children:
            if child.dep_ not in roles:
                continue
            clauses = {t.i for ch in child.children if ch.dep_ in ("relcl", "acl") for t in ch.subtree}
            for token in (t for t in child.subtree if t.i not in clauses):
                mention = reader.by_token.get(token.i)
                if mention is not None and any(
                    e.kind == EntityKind.MILITARY_UNIT and e.country in states for e in mention.entities
                ):
                    return True
        return False

    def _supplier(
        self,
        candidate: Candidate,
        reader: SentenceReader,
        actors: list[Entity],
        recipients: list[Entity],
        owners: list[Entity],
    ) -> tuple[list[Entity], list[Entity], bool] | None:
        """Who supplied a transfer the sentence names by its weapons or its recipient: (actors, recipients,
        inferred); None when the recipient is its own supplier.

        "Iranian-made drones" (an origin), "Russia used Iranian drones" (the demonym of a weapon used), "Egypt
        ordered Rafales" (the maker in data/weapons.csv when one state makes all the weapons received).
        """
        by_origin = False
        if candidate.origins:
            origins = self._states(candidate.origins)
            recipients = [r for r in recipients if r not in origins]
            if not actors or set(map(id, actors)) & set(map(id, recipients)):
                actors, by_origin = origins, True
        lemma = candidate.trigger.lemma_.lower()
        receiving = reader.receives(candidate.trigger)
        if (
            (receiving or self.lexicon.has_cue("arriving", lemma))
            and not actors
            and not owners
            and recipients
            and sum(k == EventType.TRANSFER for _, k in reader.triggers) == 1
        ):
            actors = self._makers(candidate.items, recipients)
            by_origin = bool(actors)
        if receiving and not actors and owners and not set(map(id, owners)) & set(map(id, recipients)):
            actors, by_origin = owners, True
        if receiving and set(map(id, actors or owners)) & set(map(id, recipients)):
            return None
        return actors, recipients, by_origin

    def _makers(self, items: list[Entity], recipients: list[Entity]) -> list[Entity]:
        """The one state that makes the weapons received (``origin_iso3`` of data/weapons.csv), if only one."""
        makers = {i.country for i in items if i.country} - countries_of(recipients)
        if len(makers) != 1:
            return []
        state = self.gazetteer.country(makers.pop())
        return [state] if state is not None else []

    def _states(self, entities: list[Entity]) -> list[Entity]:
        """A state's official, organ or unit acts for the state."""
        out: list[Entity] = []
        for entity in entities:
            if (
                entity.kind != EntityKind.COUNTRY
                and entity.kind in ACTOR_KINDS
                and entity.country
                and entity.kind != EntityKind.ARMED_GROUP
                and entity.resolved
            ):
                entity = self.gazetteer.country(entity.country) or entity
            if entity not in out:
                out.append(entity)
        return out

    def _resolve(self, ref: Reference, reader: SentenceReader, candidate: Candidate) -> list[Entity]:
        memory = self.memory
        recipients = self._states(candidate.recipients)
        if ref.kind == "treaty" or (
            ref.kind == "pronoun"
            and ref.text in ("it", "its")
            and candidate.type in MUTUAL
            and memory.treaty is not None
        ):
            # a treaty signs nothing but itself: "it covers security cooperation" is content, no event
            return self._treaty_parties_of(memory.treaty) if candidate.type == EventType.AGREEMENT else []
        if ref.kind == "pronoun":
            before = [
                self._states([actor])[0]
                for m in reader.mentions
                if m.end <= ref.token and (actor := m.first(ACTOR_KINDS)) is not None
            ]
            before = [e for e in before if e.kind == EntityKind.COUNTRY]
            speaker = self._states(reader.reported_speaker(ref.token)) if ref.text in THIRD_PERSON else []
            if speaker:
                return speaker  # "Iran's Guards said they shot down ...": who says it
            joined = self._states(reader.conjunct_subject(ref.token)) if ref.text in THIRD_PERSON else []
            if joined and (ref.text != "they" or len(_distinct(joined)) >= 2) and not set(joined) & set(recipients):
                return joined  # "Germany received a request from Ukraine and it delivered ...": Germany
            if ref.text in ("it", "its", "he", "his", "she", "her"):
                if not before and ref.text == "it" and self._opens_with_subject(reader, ref.token):
                    return memory.last_subjects[:1]  # "Gondor sent Arnor helmets. In 2022 it also sold shells"
                return before[-1:] or memory.countries[-1:]
            if ref.text in ("they", "their", "them"):
                distinct = _distinct(before)
                return distinct if len(distinct) >= 2 else list(memory.group)
            plural = ref.text in ("we", "our", "us")
            quoted = self._quoted_speaker(reader, ref.token) if plural else []
            if quoted:
                return list(memory.group) if candidate.type in MUTUAL and quoted[0] in memory.group else quoted
            if self.voice is not None:  # we, our, us, I: the article's own voice
                voice = self._states([self.voice])
                if plural and candidate.type in MUTUAL and voice[0] in memory.group:
                    return list(memory.group)
                return voice
            if plural and self.publisher is not None:
                return [self.publisher]
            return list(memory.group) if plural else []
        if ref.kind == "country":
            return self._country_referred(reader, ref.token)
        if ref.kind == "group":
            if ref.size is not None and ref.size <= 2:
                return _distinct(list(reversed(memory.countries)))[: ref.size][::-1]
            return list(memory.group)
        return []

    def _quoted_speaker(self, reader: SentenceReader, position: int) -> list[Entity]:
        """ "We gave Arnor drones," Bob Smith told reporters: "we" inside a quotation is the state of the speaker
        a recent sentence named ("Gondor's foreign minister said ..."); in a transcript's answer line, the
        state of the office the transcript comes from."""
        if not 0 <= position < len(reader.sent.doc):
            return []
        token = reader.sent.doc[position]
        if answer_line(reader.sent, self.lexicon):
            state = self._states([self.voice])[0] if self.voice is not None else self.publisher
            if state is not None and state.kind == EntityKind.COUNTRY:
                return [state]
        if in_quotation(token):
            for number, state in reversed(self.memory.speakers):
                if self.sentences - number <= MEMORY:
                    return [state]
                break
        return []

    def _with_own_voice(self, sent: Span, mentions: list[Mention]) -> list[Mention]:
        """ "Thai troops detained 18 of our soldiers" in a release of Cambodia's ministry: "our" and "us" that
        are not a clause's subject (a subject is resolved as the actor) are the state that speaks: the
        quoted speaker's, or in the article's own words the voice's or the publishing office's state."""
        taken = {i for m in mentions for i in range(m.start, m.end)}
        found = []
        for token in sent:
            if token.lower_ not in ("our", "us") or token.i in taken or token.dep_ in ("nsubj", "nsubjpass"):
                continue
            if token.text == "US":
                continue
            state = self._speaking_state(sent, token)
            if state is not None:
                found.append(Mention(token.i, token.i + 1, (state,)))
        return sorted([*mentions, *found], key=lambda m: m.start) if found else mentions

    def _speaking_state(self, sent: Span, token: Token) -> Entity | None:
        if in_quotation(token):
            recent = self.memory.speakers[-1:] if self.memory.speakers else []
            return recent[0][1] if recent and self.sentences - recent[0][0] <= MEMORY else None
        voice = self._states([self.voice])[0] if self.voice is not None else None
        if voice is not None and voice.kind == EntityKind.COUNTRY:
            return voice
        return self.publisher

    def _opens_with_subject(self, reader: SentenceReader, position: int) -> bool:
        """ "it" is the subject of the sentence's main verb and the last sentence named a state as its subject."""
        if not self.memory.last_subjects or not 0 <= position < len(reader.sent.doc):
            return False
        token = reader.sent.doc[position]
        return token.dep_ in ("nsubj", "nsubjpass") and token.head.i == reader.sent.root.i

    def _country_referred(self, reader: SentenceReader, position: int) -> list[Entity]:
        """ "South Korea's policy bars it ... the country agreed to lend": the last state named as a subject
        before it, else the state the article named most."""
        before = [s for at, s in subject_states(reader.sent, reader.mentions, self._states) if at < position]
        if before:
            return before[-1:]
        if self.memory.subjects:
            return self.memory.subjects[-1:]
        counts = Counter(c.iso3 for c in self.memory.countries)
        return [max(self.memory.countries, key=lambda c: counts[c.iso3])] if self.memory.countries else []

    def _names_treaty(self, ref: Reference) -> bool:
        return ref.kind == "treaty" or (
            ref.kind == "pronoun"
            and ref.text in ("it", "its")
            and self.memory.treaty is not None
            and self.memory.last_was_treaty
        )

    def _treaty_parties(self, candidate: Candidate) -> list[Entity]:
        for treaty in candidate.treaties:
            parties = self._treaty_parties_of(treaty)
            if parties:
                return parties
        return []

    def _treaty_parties_of(self, treaty: Entity | None) -> list[Entity]:
        if treaty is None:
            return []
        codes = self.lexicon.treaty_parties.get(treaty.key, ())
        return [e for e in (self.gazetteer.country(code) for code in codes) if e is not None]

    def _mutual(self, parties: list[Entity], candidate: Candidate) -> tuple[list[Entity], list[Entity]]:
        parties = _distinct(parties)
        if len(parties) == 1:
            known = self._treaty_parties(candidate) or self._treaty_parties_of(self.memory.treaty)
            if parties[0] in known:
                parties = known
        if len(parties) == 2:
            return parties[:1], parties[1:]
        return parties, (list(parties) if len(parties) > 2 else [])

    def _inherit(self, event_type: EventType) -> tuple[list[Entity], list[Entity]]:
        """Roles of the same kind of event read in the last few sentences ("The package includes ...")."""
        for number, event in reversed(self.memory.recent):
            if self.sentences - number > MEMORY:
                break
            if event.type == event_type:
                return list(event.actors), list(event.recipients)
        return [], []

    def _fill_recipient(
        self, candidate: Candidate, reader: SentenceReader, actors: list[Entity], enemies: list[Entity]
    ) -> list[Entity]:
        excluded = set(countries_of(actors)) | countries_of(enemies) | countries_of(candidate.sources)
        if candidate.type == EventType.ATTACK:
            for actor in actors:
                victim = self.memory.conflicts.get(actor.iso3 or "")
                if victim is not None and victim not in actors:
                    return [victim]
            if self.dateline is not None and self.dateline not in actors and reader.intercepted(candidate):
                return [self.dateline]  # "KYIV - Air defences shot down drones launched by Russia"
            return []
        others = []
        own_clause = []  # the verbs the trigger hangs from, up to a verb of saying
        for verb in candidate.trigger.ancestors:
            if reader.is_speech(verb):
                break
            own_clause.append(verb)
        for mention in reader.mentions:
            entity = mention.first({EntityKind.COUNTRY})
            root = reader.mention_root(mention)
            if entity is None or entity.iso3 in excluded or root.dep_ in ("compound", "amod", "nmod"):
                continue
            if (
                root.dep_ in ("nsubj", "nsubjpass")
                and root.head.i != candidate.trigger.i
                and root.head not in own_clause
            ):
                continue  # "..., Germany pledges ...": the subject of another clause is no recipient
            if not reader.enemy_between(root, reader.sent.root):
                others.append((root.i < candidate.trigger.i, abs(root.i - candidate.trigger.i), entity))
        if others:
            return [min(others, key=lambda o: (o[0], o[1]))[2]]
        if candidate.type == EventType.DEPLOYMENT and candidate.host_ref is not None:
            # "Tajikistan is Russia's closest partner. Russia keeps its base in the country": the first state
            # of the last sentence naming one, not the sender; else the state the article named most
            last = [c for c in self.memory.last_named if c.iso3 not in excluded]
            named = [c for c in self.memory.countries if c.iso3 not in excluded]
            counts = Counter(c.iso3 for c in named)
            return last[:1] or ([max(named, key=lambda c: counts[c.iso3])] if named else [])
        for number, event in reversed(self.memory.recent):
            if self.sentences - number > MEMORY:
                break
            if (
                event.type in (EventType.TRANSFER, EventType.DEPLOYMENT)
                and countries_of(event.actors) & countries_of(actors)
                and event.recipients
            ):
                return list(event.recipients)
        if candidate.type == EventType.TRANSFER and reader.names_things_told(candidate.trigger):
            # "The first F-16s arrived in Ukraine. They were donated by Denmark": the things of the last
            # transfer told, so its recipient
            for number, event in reversed(self.memory.recent):
                if self.sentences - number > 1:
                    break
                if event.type == EventType.TRANSFER and (told := [r for r in event.recipients if r not in actors]):
                    return told
        spoken_of = candidate.trigger.dep_ in ("nsubj", "nsubjpass") and countries_of(actors) & countries_of(
            candidate.sources
        )  # "China said the delivery violates ...": the state speaks of a transfer, maybe none of its own
        # "Mordorian catapults were sold by Arnor": things named by another state that made them may have gone
        # anywhere, not where the article's transfers went
        resold = countries_of(self._states(candidate.origins + candidate.owners)) - countries_of(actors)
        if (
            candidate.type == EventType.TRANSFER
            and not spoken_of
            and not resold
            and not self._told_before(candidate, reader)
        ):
            return self._sole_recipient(actors)
        if candidate.type == EventType.DEPLOYMENT:
            # "the force was deployed with troops from A"
            return self._sole_recipient(actors, EventType.DEPLOYMENT) or self._mission_ground(actors)
        return []

    def _told_before(self, candidate: Candidate, reader: SentenceReader) -> bool:
        """A transfer noun with a definite article and no state of its own inside it ("Mordor condemned the
        delivery", "It was the largest shipment"): the transfer told before, not another of the state named."""
        trigger = candidate.trigger
        if trigger.pos_ != "NOUN" or not any(
            c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in trigger.children
        ):
            return False
        inside = {t.i for t in trigger.subtree}
        return not any(reader.mention_root(m).i in inside and m.first(ACTOR_KINDS) is not None for m in reader.mentions)

    def _sole_recipient(self, actors: list[Entity], kind: EventType = EventType.TRANSFER) -> list[Entity]:
        """The one state every transfer (or deployment) of the article so far went to, when one names its
        supplier but no recipient ("Ukraine received its first jets from Denmark. Norway has also promised
        aircraft"; "Kenyan police landed in Haiti. A force with troops from A and B was deployed in March")."""
        received = {r.iso3: r for e in self.events if e.type == kind for r in e.recipients if r.iso3}
        if len(received) != 1:
            return []
        (state,) = received.values()
        return [] if state.iso3 in countries_of(actors) else [state]

    def _dateline_state(self, place: Span, mentions: list[Mention]) -> Entity | None:
        """The state of a dateline's city ("KYIV", "KHARKIV", "TEL AVIV, June 20 (Reuters)")."""
        name = " ".join(t.text for t in itertools.takewhile(lambda t: t.is_alpha, place))
        named = self.gazetteer.lookup(name.title(), {EntityKind.COUNTRY, EntityKind.PLACE}) if name else None
        for entity in [named] if named is not None else [m.first(ACTOR_KINDS | {EntityKind.PLACE}) for m in mentions]:
            if entity is None or entity.kind == EntityKind.ARMED_GROUP:
                continue
            if entity.kind == EntityKind.COUNTRY:
                return entity
            if entity.resolved and entity.country:
                return self.extractor.countries.get(entity.country)
        return None

    def _items(self, candidate: Candidate, reader: SentenceReader) -> list[Entity]:
        if candidate.type == EventType.AGREEMENT:
            if candidate.treaties:
                return list(candidate.treaties)
            treaty = self._treaty_phrase(candidate.trigger) or self.memory.treaty
            return [treaty] if treaty is not None else []
        if candidate.trade and not candidate.items:
            # "Russia remained India's biggest supplier": a share of the arms trade, of weapons unnamed
            weapons = self.extractor.gazetteer.get(EntityKind.WEAPON, "weapons")
            return [weapons] if weapons is not None else []
        return list(candidate.items)

    def _treaty_phrase(self, trigger: Token) -> Entity | None:
        tokens = (
            list(trigger.subtree) + [trigger.head] + [t for candidate in trigger.children for t in candidate.subtree]
        )
        for token in tokens:
            if self.lexicon.names_treaty(token):
                words = [t for t in token.lefts if t.dep_ in ("compound", "amod")] + [token]
                label = " ".join(t.text for t in words)
                return Entity(key=slug(label), label=label, kind=EntityKind.TREATY, resolved=False)
        return None

    def _dates(self, sent: Span) -> list[tuple[Token, PartialDate]]:
        out = []
        text = sent.text
        found = find_dates(text, self.published, self.date_context, told=self.paragraph_date)
        skip: set[int] = set()
        for n, mention in enumerate(found):
            if n in skip:
                continue
            before = text[: mention.start].rstrip().lower()
            after = text[mention.end :]
            lead = text[mention.start : mention.end].split()[0].lower()
            if lead in ("since", "from", "until", "by"):  # "since August": the pattern took the preposition
                before = f"{before} {lead}"
            if before.endswith(("until", "through")) or UNTIL_PART.search(before):
                continue  # an end alone does not date the event
            if COMPARED.search(before):
                continue  # "down by half compared with 2014-2018": the time compared with, not the event's
            if after.lstrip().startswith("(") and ("—" in after[:60] or " - " in after[:60]):
                continue  # a dateline: "Pyongyang, June 20 (KCNA) —" dates the report, not the event
            value = self._range(
                self._in_headline_year(text[mention.start : mention.end], mention.value),
                before,
                after,
                found[n + 1] if n + 1 < len(found) else None,
                text[mention.end : found[n + 1].start] if n + 1 < len(found) else "",
            )
            if value is None:
                continue
            if value.end is not None and n + 1 < len(found) and value.end == found[n + 1].value:
                skip.add(n + 1)
            span = sent.doc.char_span(
                sent.start_char + mention.start, sent.start_char + mention.end, alignment_mode="expand"
            )
            if span is not None:
                out.append((_time_phrase(span), value))
        return out

    def _referred(
        self, candidates: list[Candidate], dates: list[tuple[Token, PartialDate]]
    ) -> list[tuple[Token, PartialDate]]:
        """ "Gondor shelled Osgiliath on Tuesday. Ten soldiers were killed in the attack.": an event noun with a
        definite article and no date of its own refers back to the event of its type the article last dated, and
        takes that date (hung from its article, so that the noun's own clause reads it as written for the noun)."""
        self.referring = set()
        out = []
        for candidate in candidates:
            trigger = candidate.trigger
            value = self.told.get(candidate.type)
            if value is None or value.day is None or value.end is not None or trigger.pos_ != "NOUN":
                continue
            article = next((c for c in trigger.children if c.dep_ == "det" and c.lower_ in DEFINITE), None)
            if article is None or any(token in trigger.subtree for token, _ in dates):
                continue
            out.append((article, value))
            self.referring.add(article.i)
        return out

    def _in_headline_year(self, written: str, value: PartialDate) -> PartialDate:
        """Under a headline naming an earlier time ("Twelve days in 2019", then "On 27 February ..."), a day or
        month written without its year falls in the year the article last wrote out (the headline's, at first),
        not in the year of publication."""
        if (
            self.headline_time is None
            or value.month is None
            or value.end is not None
            or EXPLICIT_YEAR.search(written)
            or RELATIVE.search(written)
            or LAST_MONTH.search(written)
            or any(pattern.search(written) for pattern in ANAPHORIC)  # "a year later" counts from the context
        ):
            return value
        year = (self.date_context or self.headline_time).year
        try:
            return PartialDate(year, value.month, value.day)
        except ValueError:  # 29 February
            return value

    def _range(
        self, value: PartialDate, before: str, after: str, following: DateMention | None, gap: str
    ) -> PartialDate | None:
        """ "since August 2022" runs to the article's date; "from 2023 to 2024" is a span; else the date itself."""
        end: PartialDate | None = None
        if (
            before.endswith(("from", "between"))
            and following is not None
            and gap.strip().lower() in ("to", "until", "through", "and", "-", "–", "to the end of")
        ):
            end = following.value
        elif before.endswith("since") or (before.endswith("from") and ONWARDS.match(after.lstrip())):
            end = self.published
        if end is None:
            return value
        end = PartialDate(end.year, end.month, end.day)
        if value.end is not None or end.last_day() <= value.last_day():
            return value
        return PartialDate(value.year, value.month, value.day, end=end)

    def _date_for(
        self, candidate: Candidate, reader: SentenceReader, dates: list[tuple[Token, PartialDate]]
    ) -> PartialDate | None:
        # "after Russia's invasion of Ukraine": an event named as the background of another takes no date but
        # its own, not the clause's it is the background of
        background = undated_form(candidate.trigger, self.lexicon)
        anchored = None if background else self._anchored_date(candidate.trigger, reader, dates)
        if anchored is not None:
            self.telling[candidate.type] = anchored
            return anchored
        own = self._own_date(candidate.trigger, reader, dates, loose_ok=not background)
        if background and own is None:
            return None
        if own is not None:
            self.telling[candidate.type] = own
            return own
        shared = self._clause_date(candidate.trigger, reader, dates)
        if shared is not None:
            self.telling[candidate.type] = shared
            return shared
        if self.published is None or undated_form(candidate.trigger, self.lexicon):
            return None
        if standing_state(candidate.trigger, self.lexicon):
            return None
        written = [
            value
            for token, value in dates
            if token.i not in self.referring
            and not self._names_other(token, candidate.trigger)
            and not _other_time(token, candidate.trigger)
        ]
        if written:
            # "Turkish troops, sent in January 2020, remain at the base": a date the sentence writes, though
            # the parse hangs it from no word of the event, dates it before the article's day does
            self.telling[candidate.type] = written[0]
            return written[0]
        if candidate.adjectival or participle_mistagged(candidate.trigger):
            # "drones bought from Arnor": a participle naming a thing dates nothing by itself, but "the first
            # frigate built by Arnor was launched in October 2022" dates it by the time its sentence writes
            return None
        if candidate.trade and self.date_context is not None and self.date_context.year < self.published.year:
            return self.date_context  # "45 percent of its imports": a share over the period the article named
        if self.past_the_lead() and background_perfect(candidate.trigger, candidate.type, self.lexicon):
            return None  # "Seoul has sold K9s to ten countries": the record behind the news (background.py)
        earlier = self._story_time(candidate)
        if earlier is not None:
            return earlier
        return self.undated(candidate.trigger)

    def _story_time(self, candidate: Candidate) -> PartialDate | None:
        """ "Gondor said on Wednesday that ten soldiers were killed in the fighting the day before. Arnor said
        eight of its soldiers had been killed.": an event told in the past perfect with no date of its own, after
        the article dated an event of its type before its own day, happened then (the story's time), not on
        the article's day."""
        told = self.told.get(candidate.type)
        if told is None or self.published is None or told.end is not None:
            return None
        if not told.last_day() < self.published.first_day() or not _past_perfect(candidate.trigger):
            return None
        return told

    def _anchored_date(
        self, trigger: Token, reader: SentenceReader, dates: list[tuple[Token, PartialDate]]
    ) -> PartialDate | None:
        """ "shot down two jets on Wednesday, a day after Arnorian aircraft struck a camp": an event told in a
        clause counted from another ("a day after", "two days before", "hours after") takes the other event's
        date counted back or forward (``anchors.py``), unless its clause writes a date of its own."""
        anchor = anchor_of(trigger)
        if anchor is None or any(anchor.covers(token) for token, _ in dates):
            # "Arnor struck back two weeks after Mordor shelled the town on 1 April": counted the other way,
            # from the date the clause writes, when the trigger's own words write none
            under = anchored_under(trigger)
            if under is None or self._own_date(trigger, reader, dates) is not None:
                return None
            inside = [value for token, value in dates if under.covers(token)]
            outside = [token for token, _ in dates if not under.covers(token) and not self._names_other(token, trigger)]
            return counted(under, inside[0]) if inside and not outside else None
        head = anchor.head
        other = (
            self._own_date(head, reader, dates)
            or self._clause_date(head, reader, dates)
            or next((value for token, value in dates if not self._names_other(token, head)), None)
            or self.undated(head)
        )
        return counted(anchor, other) if other is not None else None

    def past_the_lead(self) -> bool:
        """The sentence being read is past the article's lead paragraph, in no live report's entry."""
        return self.body_paragraphs > 1 and self.entry_date is None and not self.news_entry

    def undated(self, trigger: Token) -> PartialDate | None:
        """The date of an event the sentence writes none for: the earlier time its paragraph told of, when
        told in the past tense; else the live report's entry, the headline's time or the article's date."""
        if self.published is None:
            return None
        if (
            self.date_context is not None
            and self.context_offset == self.entry_offset
            and self.date_context.year < self.published.year
            and _told_in_past(trigger)
        ):
            # "In June 2020 the armies clashed in the valley. Twenty soldiers were killed.": a paragraph that
            # wrote out an earlier year tells of that time in the past tense
            return self.date_context
        earlier = self.paragraph_date
        if (
            earlier is not None
            and earlier.end is None
            and (
                earlier.last_day() < self.published.first_day()
                # an article known to the year or the month only ("Six weeks in 2020"): a day or month of
                # that time its paragraph told of is no later than the article, and finer
                or (
                    self.published.day is None
                    and (earlier.day is not None or (earlier.month is not None and self.published.month is None))
                    and self.published.first_day() <= earlier.first_day() <= self.published.last_day()
                )
            )
            and _told_in_past(trigger)
        ):
            # "On 22 September a missile hit the headquarters. Thirty officers were killed.": the paragraph
            # tells in the past tense of the moment it dated
            return earlier
        return self.entry_date or self.headline_time or self.published

    def _own_date(
        self, trigger: Token, reader: SentenceReader, dates: list[tuple[Token, PartialDate]], loose_ok: bool = True
    ) -> PartialDate | None:
        """The date written for the trigger itself: under it, or hanging from the verbs above it that are no
        event words ("Gondor said on Tuesday that Mordor had shelled Osgiliath and that ten soldiers were
        killed": the saying's date dates every event word it tells of)."""
        loose: PartialDate | None = None
        for token, value in dates:
            if self._names_other(token, trigger):
                continue
            owner = _owner(token, reader.trigger_tokens, self.lexicon)
            if owner is not None and owner.i == trigger.i:
                return value
            if (
                owner is None
                and loose is None
                and self._governs(token, trigger)
                and not self._nearer_dated(token, trigger, reader, dates)
            ):
                loose = value
        if loose is not None and loose_ok:
            # "said on Wednesday that 89 soldiers were killed when rockets hit the barracks on New Year's night":
            # the time of a "when" clause under the trigger is nearer than the saying's
            return self._when_date(trigger, reader, dates) or loose
        return None

    def _when_date(
        self, trigger: Token, reader: SentenceReader, dates: list[tuple[Token, PartialDate]]
    ) -> PartialDate | None:
        for token, value in dates:
            owner = next(
                (a for a in token.ancestors if a.i in reader.trigger_tokens or a.pos_ in ("VERB", "AUX")), None
            )
            if owner is not None and trigger in list(owner.ancestors) and _when_clause(owner, trigger):
                return value
        return None

    def _clause_date(
        self, trigger: Token, reader: SentenceReader, dates: list[tuple[Token, PartialDate]]
    ) -> PartialDate | None:
        """A date written for another word of the same moment dates a trigger that has none of its own: the
        clause the trigger hangs from ("the attack on 28 January, in which three soldiers were killed"), a
        "when" clause under it ("was killed when artillery shelled the town on Wednesday"), the occasion it
        happened in ("killed in the attack on 27 October") or a verb joined to its own by "and"."""
        ancestors = list(trigger.ancestors)
        owners = [
            None
            if self._names_other(token, trigger)
            else next((a for a in token.ancestors if a.i in reader.trigger_tokens or a.pos_ in ("VERB", "AUX")), None)
            for token, _ in dates
        ]
        # "... and in November that year a jet shot down a bomber, killing its pilot": of the clauses above the
        # trigger that write a date, the nearest dates it (not the first clause of the sentence)
        dated_above = [
            ancestors.index(o) for o in owners if o is not None and o in ancestors and _same_time_path(trigger, o)
        ]
        nearest = ancestors[min(dated_above)] if dated_above else None
        for (_, value), owner in zip(dates, owners, strict=True):
            if owner is None or owner.i == trigger.i:
                continue
            if (
                (owner is nearest)
                or (trigger in list(owner.ancestors) and _when_clause(owner, trigger))
                or _occasion(owner, trigger)
                or _conjoined(owner, trigger)
            ):
                return value
        # "took delivery in June of catapults bought from Gondor": the date of the event word it hangs from
        above = _enclosing_trigger(trigger, reader.trigger_tokens)
        return self._own_date(above, reader, dates) if above is not None else None

    @staticmethod
    def _names_other(token: Token, trigger: Token) -> bool:
        """ "under the 2015 nuclear deal": a date in front of another noun dates that thing, not the event."""
        if token.dep_ not in NAMING_LINKS or token.head.pos_ not in ("NOUN", "PROPN") or token.i > token.head.i:
            return False
        thing = token.head
        return thing.i != trigger.i and not (thing.head.i == trigger.i and thing.dep_ in ("dobj", "nsubjpass"))

    def _nearer_dated(
        self, token: Token, trigger: Token, reader: SentenceReader, dates: list[tuple[Token, PartialDate]]
    ) -> bool:
        """ "In May 2015 Gondor began strikes, and in June that year Arnor shot down a jet, killing its pilot": a
        clause between the trigger and the verb a date hangs from writes a date of its own, which is nearer."""
        ancestors = list(trigger.ancestors)

        def clause(t: Token) -> Token | None:
            return next((a for a in t.ancestors if a.i in reader.trigger_tokens or a.pos_ in ("VERB", "AUX")), None)

        verb = clause(token)
        if verb is None or verb not in ancestors:
            return False
        for other, _ in dates:
            owner = clause(other) if other.i != token.i and not self._names_other(other, trigger) else None
            if owner is not None and owner in ancestors and ancestors.index(owner) < ancestors.index(verb):
                return True
        return False

    @staticmethod
    def _governs(token: Token, trigger: Token) -> bool:
        """A date outside every trigger's clause dates the trigger when it hangs from the trigger's verbs."""
        verb = next((a for a in token.ancestors if a.pos_ in ("VERB", "AUX")), None)
        return verb is None or verb.i == trigger.i or verb in list(trigger.ancestors)

    def _certainty(
        self,
        candidate: Candidate,
        actors: list[Entity],
        recipients: list[Entity],
        by_origin: bool = False,
        reader: SentenceReader | None = None,
    ) -> Certainty:
        if candidate.certainty is not None:
            return candidate.certainty
        if by_origin:
            return Certainty.REPORTED  # the supplier is inferred from where the weapon was made
        # "confirmed": a party says so itself (the actor, or the recipient: "Mali's minister said Russia
        # delivered helicopters to Mali"); "reported": another state, or an unnamed source, says so
        parties = countries_of(actors) | countries_of(recipients)
        if candidate.sources:
            listed = _listed_with_sources(reader, candidate.sources) if reader is not None else set()
            return by_speaker(candidate.sources, listed, parties, self.lexicon) or Certainty.REPORTED
        if said_without_speaker(candidate.trigger, self.lexicon):
            return Certainty.REPORTED  # "troops are expected to join": someone's word, no party's
        voice = by_voice(self.voice, parties)
        if voice == Certainty.CONFIRMED:
            return voice
        group = countries_of(self.memory.group)
        if self.voice is not None and countries_of([self.voice]) <= group and parties and parties <= group:
            return Certainty.CONFIRMED  # a partner speaking of the partnership
        if voice is not None:
            return voice  # a state's release on others' acts
        if self.reference_voice or candidate.finite_past:
            return Certainty.CONFIRMED
        return Certainty.REPORTED

    def _evidence(self, sent: Span, offset: int) -> Evidence:
        start = offset + sent.start_char
        text = (self.article.text or "")[start : start + len(sent.text.rstrip())] or sent.text.rstrip()
        return Evidence(text=text, start=start, end=start + len(text))

    def _split_materiel(self, event: Event) -> list[Event]:
        """Troops sent are a deployment; drones or shells "deployed" to another state are handed over."""
        personnel = [i for i in event.items if i.category == "personnel"]
        materiel = [i for i in event.items if i.category in HANDED_OVER]
        if event.type == EventType.TRANSFER and personnel:
            deployment = replace(event, type=EventType.DEPLOYMENT, items=personnel)
            if not deployment.recipients:
                deployment = self._sent_where_troops_went(deployment)
            rest = [i for i in event.items if i not in personnel]
            return [deployment] + ([replace(event, items=rest)] if rest else [])
        if event.type == EventType.DEPLOYMENT and materiel and event.recipients:
            return [
                replace(event, items=[i for i in event.items if i not in materiel]),
                replace(event, type=EventType.TRANSFER, items=materiel),
            ]
        return [event]

    def _sent_where_troops_went(self, deployment: Event) -> Event:
        """Personnel "promised" or "arrived" with no state named to receive them ("A Kenyan contingent landed in
        Haiti. Jamaica and Belize have promised personnel"; "Troops from A and B, the first of a regional force,
        have since arrived in the province"): the one state every deployment of the article so far went to, as
        for a deployment word (``_sole_recipient``), not the transfer recipient a word of giving would take."""
        actors = deployment.actors
        return replace(
            deployment,
            recipients=self._sole_recipient(actors, EventType.DEPLOYMENT) or self._mission_ground(actors),
        )

    def _mission_ground(self, actors: list[Entity]) -> list[Entity]:
        """The one state that every word of sending troops in the article so far sent them to, whoever sent them
        ("The regional bloc sent soldiers to Congo. The force was deployed in March with troops from A, B and
        C"): a bloc's or mission's deployment, whose contributing states the article names apart from where it
        went, goes where the bloc sent it (the events of ``_sole_recipient`` have only states as senders).
        None when troops went to more than one state, or to one of the contributors."""
        grounds: dict[str, Entity] = {}
        for draft in self.drafts:
            candidate = draft.candidate
            troops = candidate.type == EventType.DEPLOYMENT or any(i.category == "personnel" for i in candidate.items)
            if not troops or candidate.type not in (EventType.DEPLOYMENT, EventType.TRANSFER):
                continue
            if candidate.negated:
                continue
            for state in self._states(candidate.recipients):
                if state.iso3:
                    grounds[state.iso3] = state
        if len(grounds) != 1:
            return []
        (state,) = grounds.values()
        return [] if state.iso3 in countries_of(actors) else [state]

    # -- memory --------------------------------------------------------------------------------
    def _note_conflicts(self, reader: SentenceReader, sent: Span) -> None:
        for token in sent:
            if not self.lexicon.has_cue("conflict", token.lemma_.lower()):
                continue
            victims = [
                e
                for prep in token.children
                if prep.dep_ == "prep" and prep.lower_ in ("against", "on", "of", "with")
                for e in reader.actors_in(prep, enemies=True)
            ]
            aggressors = []
            for child in token.children:
                if child.dep_ in ("poss", "compound", "amod"):
                    aggressors += reader.actors_in(child)
                    if child.lower_ in ("its", "their"):
                        before = [m.first({EntityKind.COUNTRY}) for m in reader.mentions if m.end <= child.i]
                        aggressors += [e for e in before if e is not None][-1:]
            for aggressor in self._states(aggressors):
                for victim in self._states(victims):
                    if aggressor.iso3 and victim.kind == EntityKind.COUNTRY and victim != aggressor:
                        self.memory.conflicts[aggressor.iso3] = victim

    def _remember(self, reader: SentenceReader, mentions: list[Mention]) -> None:
        named: list[Entity] = []
        for mention in mentions:
            treaty = mention.first({EntityKind.TREATY})
            if treaty is not None and self.lexicon.treaty_parties.get(treaty.key):
                self.memory.treaty = treaty
            actor = mention.first(ACTOR_KINDS)
            if actor is not None:
                state = self._states([actor])[0]
                if state.kind == EntityKind.COUNTRY:
                    named.append(state)
        self.memory.countries.extend(named)
        self.memory.last_subjects = [s for _, s in subject_states(reader.sent, mentions, self._states)]
        self.memory.subjects.extend(self.memory.last_subjects)
        self.memory.speakers.extend(
            (self.sentences, s) for s in speaker_states(reader.sent, mentions, self.lexicon, self._states)
        )
        self.memory.last_named = named or self.memory.last_named
        subject = next((t for t in reader.sent if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT"), None)
        self.memory.last_was_treaty = subject is not None and (
            self.lexicon.names_treaty(subject)
            or any(m.first({EntityKind.TREATY}) for m in mentions if m.start <= subject.i < m.end)
        )
        distinct = _distinct(named)
        if len(distinct) >= 2:
            self.memory.group = distinct
        for event in self.previous:
            if event.type == EventType.ATTACK:
                for actor in event.actors:
                    if actor.iso3 and event.recipients:
                        self.memory.conflicts.setdefault(actor.iso3, event.recipients[0])

    def _apply_denials(self, reader: SentenceReader, found: list[Event]) -> None:
        """ "Tehran has denied supplying weapons": the claims of that kind against it become alleged."""
        for verb in reader.sent:
            if verb.pos_ != "VERB" or not self.lexicon.has_cue("denial", verb.lemma_.lower()):
                continue
            subject = next((ch for ch in verb.children if ch.dep_ == "nsubj"), None)
            deniers = countries_of(self._states(reader.actors_in(subject))) if subject is not None else set()
            kinds = {
                rule.type
                for t in verb.subtree
                for pos in ("VERB", "NOUN")
                for rule in self.lexicon.triggers.get((t.lemma_.lower(), pos), ())
            }
            for earlier in self.events:
                if earlier.type in kinds and deniers & countries_of(earlier.actors):
                    earlier.certainty = Certainty.ALLEGED

    def _link_contents(self, reader: SentenceReader, sent: Span, mentions: list[Mention]) -> None:
        """ "It comprises X and Y", "Among the items are X": the contents of the transfer just read."""
        weapons = [
            weapon
            for m in mentions
            if m.first(ACTOR_KINDS) is None and (weapon := m.first({EntityKind.WEAPON})) is not None
        ]
        if not weapons or not any(self._lists_contents(token) for token in sent):
            return
        for number, event in reversed(self.memory.recent):
            if self.sentences - number > MEMORY:
                return
            if event.type == EventType.TRANSFER:
                event.items.extend(w for w in weapons if not held(event.items, w))
                return

    def _lists_contents(self, verb: Token) -> bool:
        """A verb of containing whose subject is the package ("it", "the package") or "among the items are"."""
        lemma = verb.lemma_.lower()
        if verb.pos_ not in ("VERB", "AUX") or not self.lexicon.has_cue("contents", lemma):
            return False
        if lemma == "be":
            return any(ch.dep_ == "prep" and ch.lower_ == "among" for ch in verb.children)
        subject = next((ch for ch in verb.children if ch.dep_ in ("nsubj", "nsubjpass")), None)
        return subject is not None and (
            subject.lower_ in ("it", "this", "which", "these", "they")
            or self.lexicon.has_cue("package_noun", subject.lemma_.lower())
        )

    def _carry_attribution(self, reader: SentenceReader, sent: Span) -> None:
        """ "This development was reported by X via Y": the source of the sentence before."""
        if not self.previous:
            return
        for token in sent:
            if token.pos_ != "VERB" or not reader.is_speech(token):
                continue
            subject = next((ch for ch in token.children if ch.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is None or not any(t.lower_ in ("this", "that", "these", "it") for t in subject.subtree):
                continue
            probe = Candidate(type=EventType.TRANSFER, trigger=token)
            reader.attribution(probe, token)
            for event in self.previous:
                if not event.attributed_to:
                    event.attributed_to = probe.sources
                    event.via = event.via or probe.via
                    if event.certainty == Certainty.CONFIRMED and probe.sources:
                        parties = countries_of(event.actors) | countries_of(event.recipients)
                        if not countries_of(probe.sources) & parties:
                            event.certainty = Certainty.REPORTED
            return

    def finish(self) -> list[Event]:
        seen: set[tuple[Any, ...]] = set()
        out = []
        for event in self.events:
            key = (
                event.type,
                tuple(e.key for e in event.actors),
                tuple(e.key for e in event.recipients),
                tuple(e.key for e in event.items),
                str(event.date),
                event.evidence.start if event.evidence else None,
            )
            if key not in seen:
                seen.add(key)
                out.append(event)
        return out


def _listed_with_sources(reader: SentenceReader, sources: list[Entity]) -> set[str]:
    """The states the sentence lists with a speaking state ("the United States, Germany and Italy said")."""
    speakers = countries_of(sources)
    roots: dict[str, list[Token]] = {}
    for mention in reader.mentions:
        for entity in mention.entities:
            if entity.kind == EntityKind.COUNTRY and (code := entity.iso3 or entity.country):
                roots.setdefault(code, []).append(reader.mention_root(mention))
    speaker_roots = {root.i for code in speakers for root in roots.get(code, [])}
    return {code for code, found in roots.items() if listed_with(found, speaker_roots)}


def _headline_time(article: Article, published: PartialDate | None) -> PartialDate | None:
    """The time a headline names before the article's year ("Arms suppliers to Gondor, 2016-2020", "January
    2020: the week Arnor and Gondor came to blows"): the article tells of that time, and an event it writes
    no date for falls in it rather than on the day of publication."""
    if published is None or not article.title:
        return None
    found = find_dates(article.title, published)
    return found[0].value if found and found[0].value.year < published.year else None


def _headline_year(article: Article) -> PartialDate | None:
    """An undated article whose headline names a year ("Six weeks in 2020 that ...") is read as of that
    year: its undated events take the year, and "on 9 November" falls in it."""
    years = [m.value for m in find_dates(article.title or "", None) if m.value.end is None]
    return PartialDate(years[0].year) if years else None


PLACE_NOUNS = frozenset({"city", "town", "port", "village", "capital", "district", "province", "region"})
WATER_NOUNS = frozenset({"gulf", "sea", "bay", "strait", "straits"})
NAME_PARTICLES = frozenset({"de", "da", "do", "del", "di", "dos", "das", "du", "la", "upon"})


def _capitals(gazetteer: Gazetteer) -> dict[str, str]:
    """The capitals of the packaged country table that the gazetteer reads as their state: name -> ISO3."""
    out = {}
    for row in read_data_table("countries.csv"):
        for capital in row["capital"].split("|"):
            entity = gazetteer.lookup(capital, {EntityKind.COUNTRY}) if capital else None
            if entity is not None and entity.key == row["iso3"]:
                out[normalise(capital)] = row["iso3"]
    return out


def _without_capitals_in_other_names(sent: Span, mentions: list[Mention], capitals: dict[str, str]) -> list[Mention]:
    """A capital's name that names something else is no state: an acronym in capitals inside a sentence ("the
    LIMA exhibition"), part of a longer place name ("Santiago de Cuba", "Porto da Praia"), or a town another
    state's name places ("the Lebanese city of Tripoli")."""
    if not capitals:
        return mentions
    doc = sent.doc
    place = _dateline_span(sent)
    dateline_end = place.end if place is not None else sent.start
    kept = []
    for m in mentions:
        span = doc[m.start : m.end]
        state = capitals.get(normalise(span.text))
        if state is None or m.first({EntityKind.COUNTRY}) is None or len(m.entities) > 1:
            kept.append(m)
            continue
        before = doc[m.start - 1] if m.start > sent.start else None
        after = doc[m.end] if m.end < sent.end else None
        acronym = (
            m.start >= dateline_end
            and m.start > sent.start
            and all(t.is_upper and len(t) > 1 for t in span if t.is_alpha)
        )
        particle = (
            after is not None and after.lower_ in NAME_PARTICLES and m.end + 1 < sent.end and doc[m.end + 1].is_title
        ) or (
            before is not None
            and before.lower_ in NAME_PARTICLES
            and m.start - 2 >= sent.start
            and doc[m.start - 2].is_title
        )
        placed = (
            before is not None
            and before.lower_ == "of"
            and m.start - 2 >= sent.start
            and doc[m.start - 2].lower_ in PLACE_NOUNS
            and any(
                o.end in (m.start - 2, m.start - 3)
                and (c := o.first({EntityKind.COUNTRY})) is not None
                and c.key != state
                for o in mentions
            )
        )
        if not (acronym or particle or placed):
            kept.append(m)
    return kept


def _without_states_in_water_names(sent: Span, mentions: list[Mention]) -> list[Mention]:
    """ "the Gulf of Oman", "the Philippine Sea", "the Gulf of Finland": a state's name inside the name of a
    sea, gulf, bay or strait names a place (the body of water), not the state, as a party or as a place."""
    doc = sent.doc
    kept = []
    for m in mentions:
        if m.first({EntityKind.COUNTRY}) is None or len(m.entities) > 1:
            kept.append(m)
            continue
        before = doc[m.start - 2 : m.start] if m.start - 2 >= sent.start else None
        after = doc[m.end] if m.end < sent.end else None
        inside = (
            before is not None and before[1].lower_ == "of" and before[0].is_title and before[0].lower_ in WATER_NOUNS
        ) or (after is not None and after.is_title and after.lower_ in WATER_NOUNS)
        if not inside:
            kept.append(m)
    return kept


def _without_group_origins(sent: Span, mentions: list[Mention]) -> list[Mention]:
    """ "Lebanon's Hezbollah", "Yemen's Houthi movement", "Iranian-backed Houthis": a state named as where an
    armed group is from, or who backs it, describes the group; the group acts, not the state (the guidelines:
    militant groups do not stand for their state)."""
    doc = sent.doc
    groups = {
        i
        for m in mentions
        if m.first({EntityKind.ARMED_GROUP}) is not None and m.first({EntityKind.COUNTRY}) is None
        for i in range(m.start, m.end)
    }
    if not groups:
        return mentions
    kept = []
    for mention in mentions:
        root = mention_root(doc, mention)
        describes = root.dep_ in ("poss", "compound", "amod", "nmod", "npadvmod") and root.head.i in groups
        if (
            describes
            and mention.first({EntityKind.COUNTRY}) is not None
            and mention.first({EntityKind.ARMED_GROUP}) is None
        ):
            continue
        kept.append(mention)
    return kept


def _dateline_span(sent: Span) -> Span | None:
    """ "NEW DELHI, June 20 (Reuters) -": the words before a wire report's dash, when they are a dateline."""
    dash = next((t for t in sent[:12] if t.text in DATELINE_DASHES), None)
    if dash is None or dash.i == sent.start:
        return None
    before = sent.doc[sent.start : dash.i]
    words = [t for t in before if t.is_alpha]
    if (
        not words
        or not all(t.is_upper or t.is_title or t.like_num for t in before if not t.is_punct)
        or not any(t.is_upper and len(t.text) > 1 for t in words)
    ):
        return None
    return before


def _without_dateline(sent: Span, mentions: list[Mention]) -> list[Mention]:
    """ "NEW DELHI - Russia will deliver ...": the place a wire report was filed from is no party."""
    place = _dateline_span(sent)
    return mentions if place is None else [m for m in mentions if m.start >= place.end]


def _distinct(entities: list[Entity]) -> list[Entity]:
    out: list[Entity] = []
    for entity in entities:
        if entity not in out:
            out.append(entity)
    return out


# links down which a clause's time reaches the words under it (a relative clause, a participle, a phrase)
SAME_TIME_LINKS = ("relcl", "acl", "advcl", "conj", "pobj", "prep", "appos")
OTHER_TIME_MARKS = ("after", "before", "since", "until", "till", "once", "ahead", "following", "prior")
WHEN_MARKS = ("when", "as", "while", "during")
OTHER_TIME_PREPS = ("after", "before", "following", "prior", "ahead", "for")  # "since" starts the event's span


def _marks(token: Token) -> set[str]:
    return {c.lower_ for c in token.children if c.dep_ in ("mark", "advmod") and c.i < token.i}


def _same_time_path(trigger: Token, owner: Token) -> bool:
    """The trigger hangs from the owner of a date by links that keep the time (a relative clause, a
    participle, a phrase), never by the content of a saying nor by an "after" or "until" clause."""
    token = trigger
    while token.i != owner.i:
        if token.dep_ not in SAME_TIME_LINKS:
            return False
        if token.dep_ == "advcl" and _marks(token) & set(OTHER_TIME_MARKS):
            return False
        token = token.head
    return True


def _time_phrase(span: Span) -> Token:
    """The token a date hangs from the sentence by.  "On 13 March Gondor fired missiles", "On 27 February
    Gondorian jets struck": the parse may take the date for a modifier of the words after it, as in "the 2015
    deal"; a date after a preposition is that preposition's object, and hangs from the sentence by it."""
    root = span.root
    before = span.doc[span.start - 1] if span.start > span.sent.start else None
    if (
        before is not None
        and before.tag_ == "IN"
        and root.dep_ in NAMING_LINKS
        and root.head.i >= span.end
        and (root.head.pos_ in ("PROPN", "ADJ") or before.lower_ == "on")  # not "from 2014 levels"
    ):
        return before
    if (
        span.start == span.sent.start
        and root.dep_ in NAMING_LINKS
        and root.head.i >= span.end
        and root.head.pos_ == "PROPN"
        and root.head.dep_ in ("nsubj", "nsubjpass")
        and not EXPLICIT_YEAR.fullmatch(span.text)
    ):
        # "Last Saturday Gondor said ...": a time opening the sentence that the parse takes for a modifier of
        # the subject's name dates the clause, as the subject does
        return root.head
    return root


DEFINITE = frozenset(["the", "that", "this", "these", "those"])
# "until late 2018", "through the end of 2023": an end alone, though a part of the year stands between
UNTIL_PART = re.compile(r"\b(?:until|till|through)\s+(?:early|late|mid|mid-|the (?:end|start|beginning|middle) of)$")
COMPARED = re.compile(r"\b(?:compared (?:with|to)|than(?: in)?|relative to|up from|down from)$")
# "before dawn on 13 March", "after midnight": a time of day, not another act
TIMES_OF_DAY = frozenset(["dawn", "daybreak", "sunrise", "sunset", "dusk", "nightfall", "midnight", "noon", "dark"])


def _other_time(token: Token, trigger: Token) -> bool:
    """ "supplied catapults after Mordor shelled Osgiliath on Friday", "in retaliation for a strike on 1 April":
    a date inside an "after" or "before" clause or phrase, or the occasion of another act, which does not hold
    the trigger, tells another time."""
    above = {a.i for a in trigger.ancestors} | {trigger.i}
    node = token
    while node.i not in above and node.head.i != node.i:
        if node.dep_ == "advcl" and _marks(node) & set(OTHER_TIME_MARKS):
            return True
        if (
            node.dep_ == "prep"
            and node.lower_ in OTHER_TIME_PREPS
            and node.i not in (token.i, token.head.i)
            and not any(c.dep_ == "pobj" and c.lower_ in TIMES_OF_DAY for c in node.children)
        ):
            return True
        node = node.head
    return False


def _when_clause(owner: Token, trigger: Token) -> bool:
    """ "was killed when artillery pounded the town on Wednesday": a "when" clause's date dates its governor
    (and the verbs joined to it: "was killed and 12 died when ...")."""
    token = owner
    while token.dep_ == "conj" and token.head.i != trigger.i:
        token = token.head
    if token.dep_ != "advcl" or not _marks(token) & set(WHEN_MARKS):
        return False
    governor = token.head
    return governor.i == trigger.i or any(c.i == trigger.i for c in governor.conjuncts)


def _occasion(owner: Token, trigger: Token) -> bool:
    """ "were killed in the attack on 27 October": the date of the occasion a phrase of the trigger names."""
    return (
        owner.pos_ == "NOUN"
        and owner.dep_ == "pobj"
        and owner.head.lower_ in ("in", "during")
        and owner.head.head.i == trigger.i
    )


def _conjoined(owner: Token, trigger: Token) -> bool:
    """ "carried out strikes and sent troops in on Monday": verbs joined by "and" share the date one writes."""
    verb = trigger
    if (
        trigger.pos_ not in ("VERB", "AUX")
        and trigger.dep_ in ("dobj", "nsubj", "nsubjpass")
        and trigger.head.pos_ == "VERB"
    ):
        verb = trigger.head
    return owner.pos_ in ("VERB", "AUX") and owner.i != verb.i and owner in verb.conjuncts


def _enclosing_trigger(trigger: Token, triggers: set[int]) -> Token | None:
    """The nearest other trigger the trigger hangs from by links that keep the time."""
    token = trigger
    while token.dep_ in SAME_TIME_LINKS and token.head.i != token.i:
        if token.dep_ == "advcl" and _marks(token) & set(OTHER_TIME_MARKS):
            return None
        token = token.head
        if token.i in triggers:
            return token
    return None


def _owner(token: Token, triggers: Container[int], lexicon: Lexicon) -> Token | None:
    """The event word a date hangs from; none when the date is a saying's joined by "and" to the clause above
    ("They signed the pact in May 2021, and officials said in 2022 that ...": 2022 dates the saying and
    what it tells, not the signing)."""
    for above in token.ancestors:
        if above.i in triggers:
            return above
        if above.dep_ == "conj" and above.pos_ == "VERB" and lexicon.has_cue("attribution", above.lemma_.lower()):
            return None
    return None


def _past_perfect(trigger: Token) -> bool:
    """ "had been killed", "had shelled": a verb told in the past perfect."""
    auxes = [c for c in trigger.children if c.dep_ in ("aux", "auxpass")]
    return trigger.tag_ == "VBN" and any(a.lower_ == "had" for a in auxes)


def _told_in_past(trigger: Token) -> bool:
    """ "were killed", "had sent", "crossed": a verb told in the simple past or the past perfect."""
    auxes = [c for c in trigger.children if c.dep_ in ("aux", "auxpass")]
    if trigger.tag_ == "VBD":
        return not auxes
    return trigger.tag_ == "VBN" and bool(auxes) and all(a.tag_ == "VBD" for a in auxes)
