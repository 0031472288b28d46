"""Names to canonical entities: countries, organisations, units, people, weapons, treaties, places.

The knowledge is data (``data/*.csv``, see ``data/SOURCES.md``); this module only
indexes it.  Nothing is loaded at import time: ``Gazetteer.default()`` reads the
packaged files on first use.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from eventgraph.model import WEAPON_CATEGORIES, Entity, EntityKind
from eventgraph.resources import read_data_table

# Latin look-alikes from Cyrillic and Greek that turn up inside Latin-script names.
_HOMOGLYPHS = str.maketrans(
    "АВЕКМНОРСТХаеорсухіјѕԁӏΑΒΕΗΙΚΜΝΟΡΤΧΥΖο",
    "ABEKMHOPCTXaeopcyxijsdlABEHIKMNOPTXYZo",
)
_INVISIBLE = dict.fromkeys(
    map(ord, "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"),
    None,
)
INVISIBLE_CHARACTERS = "".join(map(chr, _INVISIBLE))  # bidi marks and zero-width characters
_APOSTROPHES = str.maketrans("’‘`´ʼ", "'''''")
_NON_WORD = re.compile(r"[^\w']+")
_POSSESSIVE = re.compile(r"^(?P<owner>.+?)'s? (?P<rest>.+)$")

ANSWERS_KEPT = 1 << 16  # lookup answers cached per gazetteer

ORG_KINDS = {
    "organization": EntityKind.ORGANIZATION,
    "military_unit": EntityKind.MILITARY_UNIT,
    "armed_group": EntityKind.ARMED_GROUP,
    "person": EntityKind.PERSON,
}


@lru_cache(maxsize=1 << 16)
def normalise(name: str) -> str:
    """The matching key of a name: case, accents, punctuation, look-alikes and a leading 'the' ignored.

    Cached: event files and data sets repeat the same few thousand names (about half the time of
    reading 2,000 event files went here before).
    """
    text = unicodedata.normalize("NFKC", name).translate(_INVISIBLE).translate(_APOSTROPHES)
    text = " ".join(_fold_lookalikes(word) for word in text.split())
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = _NON_WORD.sub(" ", text.casefold()).strip(" '")
    text = re.sub(r"\s+", " ", text)
    return text[4:] if text.startswith("the ") else text


def _fold_lookalikes(word: str) -> str:
    """Cyrillic or Greek look-alikes inside a Latin-script word become Latin; whole Cyrillic words stay."""
    if any("a" <= c.lower() <= "z" for c in word):
        return word.translate(_HOMOGLYPHS)
    return word


def slug(name: str) -> str:
    """A lowercase ASCII identifier for a name; a hash when the name has no ASCII letters."""
    ascii_text = normalise(name).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if not text:
        text = "x" + hashlib.sha256(name.encode()).hexdigest()[:12]
    return text[:80]


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


@dataclass
class Gazetteer:
    """An index from normalised names to entities."""

    entities: list[Entity] = field(default_factory=list)
    _index: dict[str, list[Entity]] = field(default_factory=dict)
    _by_id: dict[tuple[EntityKind, str], Entity] = field(default_factory=dict)
    # (name, kinds) -> what lookup answered; emptied when names are added, and when full
    _answers: dict[tuple[str, frozenset[EntityKind] | None], Entity | None] = field(
        default_factory=dict, repr=False, compare=False
    )

    def add(self, entity: Entity, names: Iterable[str] = ()) -> None:
        self._answers.clear()
        self.entities.append(entity)
        self._by_id[(entity.kind, entity.key)] = entity
        for name in (entity.label, *entity.aliases, *names):
            key = normalise(name)
            if key:
                bucket = self._index.setdefault(key, [])
                if entity not in bucket:
                    bucket.append(entity)

    def add_names(self, kind: EntityKind, key: str, names: Iterable[str]) -> None:
        """More names for an entity already added (``data/country_names.csv``: "U.S.", "UK", "Kremlin").

        The entity becomes the first reading of each name: "American" is shared by the United States and
        the Northern Mariana Islands, and this file says which one a text usually means.
        """
        entity = self._by_id[(kind, key)]
        self._answers.clear()
        for name in names:
            bucket = self._index.setdefault(normalise(name), [])
            if entity in bucket:
                bucket.remove(entity)
            bucket.insert(0, entity)

    def get(self, kind: EntityKind, key: str) -> Entity | None:
        return self._by_id.get((kind, key))

    def country(self, iso3: str) -> Entity | None:
        return self.get(EntityKind.COUNTRY, iso3.upper())

    def lookup(self, name: str, kinds: Iterable[EntityKind] | None = None) -> Entity | None:
        """The entity a name stands for, or None.

        Exact names, aliases, demonyms and capitals match; "South Korea's Joint
        Chiefs of Staff" also finds the JCS row by its own name and owner state.
        """
        wanted = frozenset(kinds) if kinds is not None else None
        asked = (name, wanted)
        if asked in self._answers:
            return self._answers[asked]
        key = normalise(name)
        match = self._best(self._index.get(key, ()), wanted)
        if match is None:
            match = self._lookup_possessive(key, wanted)
        if len(self._answers) >= ANSWERS_KEPT:  # names in files are unbounded: start again rather than grow
            self._answers.clear()
        self._answers[asked] = match
        return match

    def _best(
        self, candidates: Iterable[Entity], wanted: frozenset[EntityKind] | None, country: str | None = None
    ) -> Entity | None:
        fitting = [e for e in candidates if wanted is None or e.kind in wanted]
        if country is not None:
            fitting = [e for e in fitting if e.country in (None, country)]
        # countries first: "Georgia" the state, not a place named after it
        fitting.sort(key=lambda e: (e.kind != EntityKind.COUNTRY, e.country != country))
        return fitting[0] if fitting else None

    def _lookup_possessive(self, key: str, wanted: frozenset[EntityKind] | None) -> Entity | None:
        match = _POSSESSIVE.match(key)
        if not match:
            return None
        owner = self._best(self._index.get(match["owner"], ()), frozenset({EntityKind.COUNTRY}))
        if owner is None:
            return None
        rest = [e for e in self._index.get(match["rest"], ()) if e.kind != EntityKind.COUNTRY]
        return self._best(rest, wanted, country=owner.key)

    def suggest(self, name: str, kinds: Iterable[EntityKind] | None = None, n: int = 3) -> list[str]:
        """Up to ``n`` known labels closest to a name that matched nothing."""
        wanted = frozenset(kinds) if kinds is not None else None
        keys = [k for k, es in self._index.items() if wanted is None or any(e.kind in wanted for e in es)]
        labels: list[str] = []
        for key in difflib.get_close_matches(normalise(name), keys, n=n * 3, cutoff=0.6):
            entity = self._best(self._index[key], wanted)
            if entity is not None and entity.label not in labels:
                labels.append(entity.label)
        return labels[:n]

    def index_items(self) -> Iterator[tuple[str, list[Entity]]]:
        """Every normalised name with the entities it stands for (to build a text matcher)."""
        yield from self._index.items()

    def names(self, entity: Entity) -> list[str]:
        """Every name that resolves to the entity (for alias-aware lookups)."""
        return sorted(k for k, es in self._index.items() if entity in es)

    @classmethod
    @lru_cache(maxsize=1)
    def default(cls) -> Gazetteer:
        """The gazetteer built from the packaged data files (read once per process)."""
        gazetteer = cls()
        for loader, filename in _LOADERS:
            for entity, extra in loader(read_data_table(filename)):
                gazetteer.add(entity, extra)
        for row in read_data_table("country_names.csv"):
            gazetteer.add_names(EntityKind.COUNTRY, row["iso3"], [row["name"]])
        return gazetteer


# aliases of the shared gazetteer (kept byte for byte) that are English words in running text: Icelandic
# "Island" for Iceland ("Jeju Island")
NOT_NAMES_IN_ENGLISH = frozenset({"Island"})


def _countries(rows: Iterable[dict[str, str]]) -> Iterator[tuple[Entity, list[str]]]:
    for row in rows:
        aliases = tuple(a for a in _split(row["aliases"]) if a not in NOT_NAMES_IN_ENGLISH)
        demonyms = _split(row["demonyms"])
        extra = [row["official_name"], row["iso3"], *demonyms, *plural_demonyms(demonyms), *_split(row["capital"])]
        yield (
            Entity(
                key=row["iso3"],
                label=row["name"],
                kind=EntityKind.COUNTRY,
                iso3=row["iso3"],
                iso2=row["iso2"] or None,
                wikidata=row["wikidata"] or None,
                aliases=aliases,
            ),
            extra,
        )


def plural_demonyms(demonyms: Iterable[str]) -> list[str]:
    """ "Ukrainians", "Israelis", "Filipinos": the people as a plural ("to train Ukrainians").

    Demonyms ending in -ese, -sh, -ch or a sibilant ("Chinese", "British", "French", "Swiss") have no -s
    plural and stay as they are.
    """
    return [d + "s" for d in demonyms if not d.lower().endswith(("ese", "sh", "ch", "s", "x", "z"))]


def _curated(
    kind_of: Callable[[dict[str, str]], EntityKind], country_column: str | None
) -> Callable[[Iterable[dict[str, str]]], Iterator[tuple[Entity, list[str]]]]:
    """A loader for the curated files: id, label, aliases, wikidata, and per file a kind and owner column."""

    def load(rows: Iterable[dict[str, str]]) -> Iterator[tuple[Entity, list[str]]]:
        for row in rows:
            category = row.get("category")
            yield (
                Entity(
                    key=row["id"],
                    label=row["label"],
                    kind=kind_of(row),
                    wikidata=row.get("wikidata") or None,
                    country=(row.get(country_column) or None) if country_column else None,
                    category=category if category in WEAPON_CATEGORIES else None,
                    aliases=tuple(_split(row.get("aliases", ""))),
                ),
                [],
            )

    return load


_LOADERS = (
    (_countries, "countries.csv"),
    (_curated(lambda row: ORG_KINDS[row["kind"]], "country_iso3"), "organizations.csv"),
    (_curated(lambda row: EntityKind.WEAPON, "origin_iso3"), "weapons.csv"),
    (_curated(lambda row: EntityKind.PLACE, "country_iso3"), "places.csv"),
    # the world's larger cities (built by benchmarks/world_places.py): a dateline or a strike at one names its state
    (_curated(lambda row: EntityKind.PLACE, "country_iso3"), "world_places.csv"),
    (_curated(lambda row: EntityKind.TREATY, None), "treaties.csv"),
)
