"""Plain data classes for articles, entities, events and evidence.

The model knows nothing of RDF, click or pyvis: every other stage reads and
writes these classes, and the closed vocabularies below are the single list of
what an event can be.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date

from eventgraph.dates import PartialDate


class EventType(str, enum.Enum):
    TRANSFER = "transfer"
    DEPLOYMENT = "deployment"
    ATTACK = "attack"
    AGREEMENT = "agreement"
    CASUALTIES = "casualties"
    SANCTION = "sanction"
    PRODUCTION = "production"
    COOPERATION = "cooperation"


class Status(str, enum.Enum):
    OCCURRED = "occurred"
    ONGOING = "ongoing"
    PLANNED = "planned"


class Certainty(str, enum.Enum):
    """Ordered from strongest to weakest."""

    CONFIRMED = "confirmed"
    REPORTED = "reported"
    ALLEGED = "alleged"
    POSSIBLE = "possible"

    @property
    def rank(self) -> int:
        return list(Certainty).index(self)


class Stance(str, enum.Enum):
    """What a claimant says of an event: it happened, it did not, the party itself admits it, or it takes back
    what it said before."""

    ASSERTS = "asserts"
    DENIES = "denies"
    CONFIRMS = "confirms"
    RETRACTS = "retracts"

    @property
    def supports(self) -> bool:
        return self in (Stance.ASSERTS, Stance.CONFIRMS)


class EntityKind(str, enum.Enum):
    COUNTRY = "country"
    ORGANIZATION = "organization"
    MILITARY_UNIT = "military_unit"
    PERSON = "person"
    ARMED_GROUP = "armed_group"
    ACTOR = "actor"  # an actor whose kind is not known
    WEAPON = "weapon"
    TREATY = "treaty"
    PLACE = "place"

    @property
    def is_actor(self) -> bool:
        return self in ACTOR_KINDS


ACTOR_KINDS = frozenset(
    {
        EntityKind.COUNTRY,
        EntityKind.ORGANIZATION,
        EntityKind.MILITARY_UNIT,
        EntityKind.PERSON,
        EntityKind.ARMED_GROUP,
        EntityKind.ACTOR,
    }
)

WEAPON_CATEGORIES = (
    "artillery",
    "missile",
    "drone",
    "air-defence",
    "armour",
    "aircraft",
    "ship",
    "small-arms",
    "munitions",
    "personnel",
    "equipment",
)


@dataclass(frozen=True)
class Entity:
    """A resolved (or, when ``resolved`` is false, ad hoc) actor, item, treaty or place."""

    key: str  # stable identifier within its kind: ISO3 for countries, a slug otherwise
    label: str
    kind: EntityKind
    iso3: str | None = None
    iso2: str | None = None
    wikidata: str | None = None
    category: str | None = None  # weapon category, for weapons
    country: str | None = None  # ISO3 of the state an organisation, unit, person or place belongs to
    aliases: tuple[str, ...] = ()
    resolved: bool = True
    latitude: float | None = None  # WGS 84 degrees, for places a data set locates
    longitude: float | None = None
    # how the article spelled a weapon ("K9 howitzers" for K-9 Thunder 155mm); not part of its identity
    written: str | None = field(default=None, compare=False)

    def __hash__(self) -> int:
        """The key's hash (equal entities have equal keys): the mapping's caches look entities up about 16
        times an event, and the generated hash of all twelve fields was a tenth of a large ingest's mapping."""
        return hash(self.key)


@dataclass(frozen=True)
class Evidence:
    """The sentence that states an event, with character offsets into the article text."""

    text: str
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class Quantity:
    text: str
    value: int | None = None


@dataclass(frozen=True)
class ClaimScope:
    """What a claim covers when the text limits it: a period (either end open) and a subset of the items.

    "No deliveries after February 2022" is a denial whose scope starts in March 2022.
    """

    since: PartialDate | None = None
    until: PartialDate | None = None
    items: tuple[Entity, ...] = ()

    def __bool__(self) -> bool:
        return self.since is not None or self.until is not None or bool(self.items)

    def overlaps(self, first: date | None, last: date | None) -> bool:
        """Whether the scope's period meets the days ``first``..``last`` (an undated event meets every period)."""
        if first is None or last is None:
            return True
        if self.since is not None and last < self.since.first_day():
            return False
        return self.until is None or first <= self.until.last_day()

    def range_text(self) -> str:
        """``2022-03/`` (from March 2022), ``/2022-02`` (until February 2022), ``2022/2023``, or empty."""
        if self.since is None and self.until is None:
            return ""
        return f"{self.since.start_iso() if self.since else ''}/{self.until.start_iso() if self.until else ''}"


@dataclass
class Claim:
    """One claimant's word on an event: its stance, when it said so, in which words, and what it covers."""

    stance: Stance
    claimants: list[Entity]
    date: PartialDate | None = None  # when the claim was made (the article's date when not given)
    evidence: Evidence | None = None
    scope: ClaimScope = field(default_factory=ClaimScope)


@dataclass
class Event:
    type: EventType
    actors: list[Entity]
    recipients: list[Entity] = field(default_factory=list)
    items: list[Entity] = field(default_factory=list)
    places: list[Entity] = field(default_factory=list)
    quantity: Quantity | None = None
    date: PartialDate | None = None
    status: Status = Status.OCCURRED
    certainty: Certainty = Certainty.REPORTED
    attributed_to: list[Entity] = field(default_factory=list)
    via: list[Entity] = field(default_factory=list)
    evidence: Evidence | None = None
    label: str | None = None
    # who says what of the event; empty: the source simply asserts it (attributed to ``attributed_to``)
    claims: list[Claim] = field(default_factory=list)


@dataclass
class Article:
    """A source document; ``id`` is the stable key its named graph is built from."""

    id: str
    title: str
    published: date | None = None
    outlet: str | None = None
    url: str | None = None
    author: str | None = None
    text: str | None = None


@dataclass
class ArticleEvents:
    """One article and the events read from it: the unit that is stored as one named graph."""

    article: Article
    events: list[Event]
    source: str = ""  # where it was read from, for messages


@dataclass(frozen=True)
class DataSet:
    """A structured data set import (a SIPRI register, a GDELT or ACLED file), named by its content hash."""

    id: str
    title: str
    file_name: str
    content_hash: str  # sha256 of the file's bytes
    publisher: Entity | None = None
    url: str | None = None


@dataclass
class DataRecord:
    """An event read from one row of a data set, with the columns articles lack.

    ``source_article`` is the article the row was coded from (GDELT's source URL);
    without one, the event is derived from the data set itself.
    """

    event: Event
    line: int  # where the row starts in its file: with the data set, what identifies the event
    record_id: str  # the row's id in the data set (GDELT GLOBALEVENTID, ACLED event_id_cnty, SIPRI line)
    number_ordered: int | None = None
    number_delivered: int | None = None
    uncertain: bool = False
    comment: str | None = None
    source_article: Article | None = None
