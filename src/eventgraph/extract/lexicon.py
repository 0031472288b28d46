"""The extractor's data: trigger words, cue words and treaty parties (``data/*.csv``), and a name matcher.

``Lexicon.default()`` reads the packaged files once per process.  ``NameMatcher`` finds gazetteer names in
parsed text: names and text pass through the same tokenizer and ``gazetteer.normalise``, so "240mm" in the
text finds the "240mm rocket launchers" alias however spaCy splits it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from eventgraph.gazetteer import Gazetteer, normalise, slug
from eventgraph.model import Entity, EntityKind, EventType
from eventgraph.resources import read_data_table

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

PROPER_KINDS = frozenset(EntityKind) - {EntityKind.WEAPON}
NAME_BREAKS = frozenset({",", ";", ":", "(", ")", "[", "]", '"', "\u201c", "\u201d"})
_PLAIN_NAME = re.compile(r"[a-z]+(?: [a-z]+)*")
ARGUMENT_LINKS = frozenset({"nsubj", "nsubjpass", "dobj", "dative", "pobj", "appos", "conj", "poss"})


CAMEO_TRIGGERS = "cameo_triggers.csv"  # verbs from PETRARCH2's CAMEO dictionary (benchmarks/build_cameo_triggers.py)
WORDNET_VERBS = "wordnet_verbs.csv"  # verb classes of the frames from WordNet 3.0 (benchmarks/build_wordnet_verbs.py)


def cameo_rows(triggers: list[dict[str, str]], cameo: Iterable[dict[str, str]]) -> list[dict[str, str]]:
    """The rows of the CAMEO-derived table for words (lemma and part of speech) ``triggers`` lacks: a word the
    written table has keeps its own rows."""
    written = {(row["lemma"], row["pos"]) for row in triggers}
    return [row for row in cameo if (row["lemma"], row["pos"]) not in written]


@dataclass(frozen=True)
class TriggerRule:
    """A word that states an event of ``type``; ``needs`` lists conditions of which one must hold."""

    lemma: str
    pos: str
    type: EventType
    needs: tuple[str, ...] = ()


@dataclass
class Lexicon:
    triggers: dict[tuple[str, str], list[TriggerRule]] = field(default_factory=dict)
    cues: dict[str, dict[str, str]] = field(default_factory=dict)  # kind -> {lemma: value}
    treaty_parties: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def cue(self, kind: str, lemma: str) -> str | None:
        return self.cues.get(kind, {}).get(lemma)

    def names_treaty(self, token: Any) -> bool:
        """A noun naming an agreement ("the accord", "a pact"); not "according to", whose lemma is "accord"."""
        return token.pos_ in ("NOUN", "PROPN") and self.has_cue("treaty_noun", token.lemma_.lower())

    def has_cue(self, kind: str, lemma: str) -> bool:
        return lemma in self.cues.get(kind, {})

    @classmethod
    @lru_cache(maxsize=1)
    def default(cls) -> Lexicon:
        triggers = read_data_table("triggers.csv")
        return cls.from_rows(
            triggers + cameo_rows(triggers, read_data_table(CAMEO_TRIGGERS)),
            read_data_table("cues.csv") + read_data_table(WORDNET_VERBS),
            read_data_table("treaties.csv"),
        )

    @classmethod
    def from_rows(
        cls, triggers: Iterable[dict[str, str]], cues: Iterable[dict[str, str]], treaties: Iterable[dict[str, str]] = ()
    ) -> Lexicon:
        lexicon = cls()
        for row in triggers:
            rule = TriggerRule(
                row["lemma"], row["pos"], EventType(row["type"]), tuple(n for n in row["needs"].split("|") if n)
            )
            lexicon.triggers.setdefault((rule.lemma, rule.pos), []).append(rule)
        for row in cues:
            lexicon.cues.setdefault(row["kind"], {})[row["cue"]] = row["value"]
        for row in treaties:
            lexicon.treaty_parties[row["id"]] = tuple(p for p in row["parties"].split("|") if p)
        return lexicon


@dataclass(frozen=True)
class Mention:
    """A gazetteer name found in a document: tokens ``start``..``end`` (exclusive) and what it may be."""

    start: int
    end: int
    entities: tuple[Entity, ...]

    def first(self, kinds: Iterable[EntityKind]) -> Entity | None:
        wanted = set(kinds)
        return next((e for e in self.entities if e.kind in wanted), None)


def mention_root(doc: Doc, mention: Mention) -> Token:
    """The token of a mention whose head lies outside it (or that heads the sentence)."""
    for i in range(mention.start, mention.end):
        head = doc[i].head
        if head.i < mention.start or head.i >= mention.end or head.i == i:
            return doc[i]
    return doc[mention.end - 1]


class NameMatcher:
    """Longest-match lookup of gazetteer names over the tokens of a parsed document."""

    def __init__(self, gazetteer: Gazetteer, tokenizer: Any, weapon_heads: Mapping[str, str] | None = None) -> None:
        """``weapon_heads``: the nouns after which a single capitalised word is a weapon ("Patriot systems"),
        each with the category of a weapon an unknown model designation before it names (cue kind
        ``weapon_head``, the cue's value)."""
        self.index: dict[tuple[str, ...], tuple[Entity, ...]] = {}
        self.weapon_heads = dict(weapon_heads or {})
        self._norms: dict[str, tuple[str, ...]] = {}
        grouped: dict[tuple[str, ...], list[Entity]] = defaultdict(list)
        special = set(getattr(tokenizer, "rules", None) or ())
        for key, entities in gazetteer.index_items():
            parts = self._parts(key, tokenizer, special)
            if parts:
                grouped[parts].extend(e for e in entities if e not in grouped[parts])
        self.index = {k: tuple(v) for k, v in grouped.items()}
        # the categories of the named weapons each beginning of a name starts ("jf 17" of "JF-17 Thunder Block-3")
        self.families: dict[tuple[str, ...], set[str | None]] = defaultdict(set)
        for k, named in self.index.items():
            for entity in named:
                if entity.kind == EntityKind.WEAPON and entity.label != entity.label.lower():
                    for n in range(1, len(k)):
                        self.families[k[:n]].add(entity.category)
        self.prefixes = {k[:i] for k in self.index for i in range(1, len(k) + 1)}
        self.max_len = max((len(k) for k in self.index), default=0)

    def _parts(self, key: str, tokenizer: Any, special: set[str]) -> tuple[str, ...]:
        """The normalised words of a name as the tokenizer splits it.  Plain lower-case words the tokenizer has
        no special case for ("cannot") are its tokens as they stand: thousands of city names need not pass
        through it (each unseen word would also become an entry of the pipeline's vocabulary)."""
        if _PLAIN_NAME.fullmatch(key) and not any(word in special for word in key.split()):
            return tuple(key.split())
        return tuple(p for token in tokenizer(key) for p in self.norm(token.text))

    def norm(self, text: str) -> tuple[str, ...]:
        found = self._norms.get(text)
        if found is None:
            found = tuple(normalise(text).split())
            if len(self._norms) < 200_000:
                self._norms[text] = found
        return found

    def find(self, tokens: Span | Doc) -> list[Mention]:
        """Mentions in a token sequence (a spaCy Doc or Span), longest first, never overlapping."""
        flat: list[tuple[str, int]] = [(p, t.i) for t in tokens for p in self.norm(t.text)]
        # a name never runs across a comma, colon or bracket ("In Jericho, missiles fell")
        breaks = {t.i for t in tokens if t.text in NAME_BREAKS}
        lemmas = {t.i: self.norm(t.lemma_) for t in tokens if t.lemma_ != t.text and t.tag_ in ("NNS", "NNPS")}
        mentions: list[Mention] = []
        i = 0
        while i < len(flat):
            best: tuple[int, tuple[Entity, ...]] | None = None
            key: tuple[str, ...] = ()
            for j in range(i, min(len(flat), i + self.max_len)):
                if j > i and breaks and any(b in breaks for b in range(flat[j - 1][1] + 1, flat[j][1])):
                    break
                singular = lemmas.get(flat[j][1])
                if singular and len(singular) == 1 and key + singular in self.index:
                    best = (j, self.index[key + singular])  # "rocket systems" finds "rocket system"
                elif (plural := self._weapon_plural(key, flat, j)) is not None:
                    best = (j, plural)  # "F-16s", "Su-35s", "Rafales": a weapon's name with a plural "s"
                key = key + (flat[j][0],)
                if key not in self.prefixes:
                    break
                if key in self.index:
                    best = (j, self.index[key])
            if best is None:
                i += 1
                continue
            j, entities = best
            doc = tokens[0].doc
            start, end = flat[i][1], flat[j][1] + 1
            # "AT-11" is no name of "at 11,000": a name ends where a number of the text does not go on
            within = j + 1 < len(flat) and flat[j + 1][1] == flat[j][1] and _number(doc[flat[j][1]].text)
            kept = () if within else self._plausible(doc, start, end, entities)
            if kept:
                floor = mentions[-1].end if mentions else tokens[0].i
                calibre = _calibre_before(doc, start, floor) if _generic(kept[0]) else None
                if calibre is not None:
                    start = calibre  # "105mm artillery rounds": the calibre is part of the item as written
                named = _named_system(doc, start, end, kept, floor)
                kind_start = start
                if named is not None:
                    start, kept = named
                mentions += _coordinated(doc, start, kind_start, end, kept, floor)
                mention = Mention(start, end, _as_written(kept, doc[start:end].text))
                if mentions and (system := _of_its_class(doc, mentions[-1], mention)) is not None:
                    mentions.pop()  # "Rafale jets": one item, the system, as the article names it
                    # "Switchblade and Altius loitering munitions": names before it are items of the class too
                    floor = mentions[-1].end if mentions else tokens[0].i
                    mentions += _coordinated(doc, system.start, start, end, system.entities, floor)
                    mentions.append(system)
                else:
                    mentions.append(mention)
                while j + 1 < len(flat) and flat[j + 1][1] < end:
                    j += 1
                i = j + 1
            else:
                i += 1
        return self._designations(tokens, mentions)

    def _designations(self, tokens: Span | Doc, mentions: list[Mention]) -> list[Mention]:
        """ "Su-30SME fighters", "FTC-2000G jets": a model designation the gazetteer does not know (capitals
        and digits in one word) before a weapon noun ("fighter", "tank", "drone": cue kind ``weapon_head``),
        or qualifying one a few words on ("J-35 stealth fighters"), names a weapon of the noun's category, as
        the text spells it.  A designation, or a name in a weapon's context, that begins the names of known
        weapons ("JF-17s", "Gripens") names their family (``_family``)."""
        taken = {i for m in mentions for i in range(m.start, m.end)}
        found = []
        for token in tokens:
            if token.i in taken:
                continue
            designation = _designation(token.text)
            if (designation and self._counted(token)) or (
                token.pos_ == "PROPN"
                and token.is_alpha
                and not token.is_sent_start
                and not _name_goes_on(token)
                and self._weapon_context(token.doc, token.i)
            ):
                family = self._family(token.text)
                if family is not None:
                    found.append(Mention(token.i, token.i + 1, (family,)))
                    continue
            if not designation or token.i + 1 in taken:
                continue
            doc = token.doc
            head = doc[token.i + 1] if token.i + 1 < len(doc) else None
            if head is not None and head.lemma_.lower() not in self.weapon_heads and _qualifies(token):
                head = token.head  # "J-35 stealth fighters": the noun the designation qualifies
            if head is None or head.lemma_.lower() not in self.weapon_heads or head.i >= tokens[-1].i + 1:
                continue
            # "L-15 advanced trainer jets" where "trainer jets" is a weapon of its own: the designation alone
            end = token.i + 1 if any(i in taken for i in range(token.i + 1, head.i + 1)) else head.i + 1
            label = doc[token.i : end].text
            weapon = Entity(
                key=slug(label),
                label=label,
                kind=EntityKind.WEAPON,
                category=self.weapon_heads[head.lemma_.lower()] or None,
                resolved=False,
            )
            found.append(Mention(token.i, end, (weapon,)))
        return sorted(mentions + found, key=lambda m: m.start) if found else mentions

    def _counted(self, token: Any) -> bool:
        """A designation read as a weapon: plural ("JF-17s"), counted ("three B-2"), or before a weapon noun
        (not "a B-2 visa", "an E-7 in the navy")."""
        doc = token.doc
        after = doc[token.i + 1] if token.i + 1 < len(doc) else None
        before = doc[token.i - 1] if token.i > 0 else None
        return (
            (token.text.endswith("s") and token.text[-2:-1].isdigit())
            or (before is not None and before.like_num)
            or (after is not None and after.lemma_.lower() in self.weapon_heads)
        )

    def _family(self, text: str) -> Entity | None:
        """ "JF-17s", "Gripens": a designation or name that begins the names of known weapons ("JF-17
        Thunder Block-3", "Gripen-E") names their family, as the text spells it (without a plural "s"), of
        their category when they share one."""
        label = text
        if text.endswith("s") and self.norm(text[:-1]) in self.families and self.norm(text) not in self.families:
            label = text[:-1]
        parts = self.norm(label)
        categories = self.families.get(parts)
        if not categories or parts in self.index:
            return None
        category = next(iter(categories)) if len(categories) == 1 else None
        return Entity(key=slug(label), label=label, kind=EntityKind.WEAPON, category=category, resolved=False)

    def _weapon_plural(self, key: tuple[str, ...], flat: list[tuple[str, int]], j: int) -> tuple[Entity, ...] | None:
        """The weapons named by ``key`` and the part at ``j`` without the plural "s" that closes its token
        (spaCy leaves "F-16s" and "Rafales" as they are), or None."""
        part, token = flat[j]
        last_of_token = j + 1 == len(flat) or flat[j + 1][1] != token
        if not last_of_token or len(part) < 3 or not part.endswith("s") or part.endswith("ss"):
            return None
        weapons = tuple(e for e in self.index.get(key + (part[:-1],), ()) if e.kind == EntityKind.WEAPON)
        return weapons or None

    def _plausible(self, doc: Any, start: int, end: int, entities: tuple[Entity, ...]) -> tuple[Entity, ...]:
        """Drop readings a single word cannot carry: "us" is no country, "Eagle" alone no weapon; and a
        weapon's designation the text writes as a small word and a number ("at 11 am", "a 50-year-old": the
        names "AT-11", "A-50")."""
        if end - start > 1:
            if _small_word_and_number(doc[start], doc[start + 1]):
                return tuple(e for e in entities if e.kind != EntityKind.WEAPON or e.label == e.label.lower())
            return entities
        token = doc[start]
        kept = []
        for entity in entities:
            proper = entity.kind in PROPER_KINDS or entity.label != entity.label.lower()
            if proper and token.is_lower:
                continue
            if proper and entity.kind == EntityKind.COUNTRY and len(token.text) <= 3 and not token.is_upper:
                continue
            if entity.kind == EntityKind.WEAPON and proper and not self._weapon_context(doc, start):
                continue
            kept.append(entity)
        return tuple(kept)

    def _class_follows(self, doc: Any, i: int) -> bool:
        """A weapon class of the gazetteer (a lower-case label or alias, not of soldiers: "Patriot units")
        begins at token ``i`` ("Bushmaster protected mobility vehicles", whatever the parse made of
        "protected")."""
        key: tuple[str, ...] = ()
        for token in doc[i : i + self.max_len]:
            if not token.is_lower:
                return False
            key = key + self.norm(token.text)
            if key not in self.prefixes:
                return False
            if any(_generic(e) and e.category != "personnel" for e in self.index.get(key, ())):
                return True
        return False

    def _other_name(self, token: Any) -> bool:
        """A proper noun that names no state (so "Tamil Tigers" is a group, "French Rafales" are jets)."""
        if token.pos_ != "PROPN":
            return False
        return not any(e.kind == EntityKind.COUNTRY for e in self.index.get(self.norm(token.text), ()))

    def _weapon_context(self, doc: Any, i: int) -> bool:
        """A single capitalised word names a weapon when it is written as a name ("HIMARS", "BrahMos",
        "Su-25"), counted or made plural ("40 Leopards", "French Rafales": not after another name, as in
        "Tamil Tigers"), or in front of a weapon noun it qualifies ("Harpoon coastal defence systems")."""
        token = doc[i]
        text = token.text
        if token.is_upper or any(c.isdigit() for c in text) or "-" in text or _camel_case(text):
            return True
        after = doc[i + 1] if i + 1 < len(doc) else None
        before = doc[i - 1] if i > 0 else None
        if (after is not None and after.lemma_.lower() in self.weapon_heads) or (
            before is not None and before.like_num
        ):
            return True
        if token.tag_ in ("NNS", "NNPS") and text.endswith("s") and (before is None or not self._other_name(before)):
            return True
        if _qualifies(token) and token.head.lemma_.lower() in self.weapon_heads:
            return True
        if self._class_follows(doc, i + 1):
            return True
        # "Leopard and Marder vehicles": coordinated with a weapon noun
        return any(c.dep_ == "conj" and c.lemma_.lower() in self.weapon_heads for c in token.children)


_DESIGNATION = re.compile(r"^(?=.*\d)(?=.*[A-Z])[A-Z][A-Za-z]*-?\d[\w/-]*$")


def _as_written(entities: tuple[Entity, ...], text: str) -> tuple[Entity, ...]:
    """The weapons of a mention with the article's spelling beside their own label ("K9 howitzers")."""
    return tuple(replace(e, written=text) if e.kind == EntityKind.WEAPON and e.label != text else e for e in entities)


def _number(text: str) -> bool:
    """A number as written, with separators ("11,000", "1.5")."""
    return any(c.isdigit() for c in text) and all(c.isdigit() or c in ",." for c in text)


def _small_word_and_number(first: Any, second: Any) -> bool:
    """A function word written small (or as a sentence begins) and a word with a digit after it ("at 11", "A
    50-year-old")."""
    small = first.is_lower or (first.is_sent_start and first.is_title)
    return bool(small and first.is_stop and any(c.isdigit() for c in second.text))


def held(items: Iterable[Entity], item: Entity) -> bool:
    """The item is among the items already: the same entity written the same way or one way within the other
    ("F-16" and "F-16s").  An entity the article names in two words of one list ("helmets, body armour", two
    aliases of one entry) is there twice, each as the article wrote it."""
    written = normalise(item.written or item.label)
    for other in items:
        if other == item:
            theirs = normalise(other.written or other.label)
            if written in theirs or theirs in written:
                return True
    return False


def _name_goes_on(token: Any) -> bool:
    """A name continues after the word ("HMS Trent", "Typhoon Haiyan"): the word is part of another name."""
    doc = token.doc
    return token.i + 1 < len(doc) and bool(doc[token.i + 1].pos_ == "PROPN")


def _qualifies(token: Any) -> bool:
    """The word qualifies a noun a few words after it ("BrahMos supersonic cruise missiles", "a Patriot or
    IRIS-T system")."""
    return token.dep_ in ("compound", "amod", "nmod", "nummod") and 0 < token.head.i - token.i <= 6


def _camel_case(text: str) -> bool:
    """A capital after a small letter inside one word ("BrahMos", "HaWK"): written as a name."""
    return any(a.islower() and b.isupper() for a, b in zip(text, text[1:], strict=False))


def _designation(text: str) -> bool:
    """A model designation: a capital first, a digit, no spaces ("Su-30SME", "FTC-2000G", "KF-21", "T-90M")."""
    return len(text) >= 3 and bool(_DESIGNATION.match(text))


def _named_system(
    doc: Any, start: int, end: int, entities: tuple[Entity, ...], floor: int
) -> tuple[int, tuple[Entity, ...]] | None:
    """ "Harop loitering munitions", "Sky Sabre air defence systems": a weapon class (a lower-case gazetteer
    label) after proper names the gazetteer does not know is that named system, of the class's category;
    the class stays as the mention's second reading."""
    generic = entities[0]
    if generic.kind != EntityKind.WEAPON or generic.label != generic.label.lower():
        return None
    first = start
    while first - 1 >= floor:
        if _system_name(doc[first - 1]) and (
            _modifies(doc[first - 1], first, end)
            or _coordinated_name(doc[first - 1], first, end)
            or (first == start and _designation(doc[first - 1].text))  # "and MS-110 reconnaissance pods"
        ):
            first -= 1
        elif first - 2 >= floor and _joined_by_hyphen(doc, first - 1) and _system_name(doc[first - 2]):
            first -= 2  # "SLAM-ER missiles": the tokenizer splits the name at its hyphen
        else:
            break
    if first == start:
        return None
    label = doc[first:end].text
    named = Entity(key=slug(label), label=label, kind=EntityKind.WEAPON, category=generic.category, resolved=False)
    return first, (named, *entities)


def _of_its_class(doc: Any, name: Mention, kind: Mention) -> Mention | None:
    """ "Rafale jets", "Iron Dome batteries": a known system just before a weapon class of its own category is
    one mention, the system written with its class, the class as its second reading; else None."""
    system, generic = name.entities[0], kind.entities[0]
    if (
        name.end != kind.start
        or system.kind != EntityKind.WEAPON
        or _generic(system)
        or not _generic(generic)
        or system.category != generic.category
    ):
        return None
    return Mention(name.start, kind.end, (*_as_written((system,), doc[name.start : kind.end].text), *kind.entities))


def _generic(entity: Entity) -> bool:
    """A weapon class (a lower-case label: "artillery shells"), not a named system."""
    return entity.kind == EntityKind.WEAPON and entity.label == entity.label.lower()


_CALIBRE = re.compile(r"^\d{1,3}(?:[.,]\d+)?\s?-?mm$", re.IGNORECASE)


def _calibre_before(doc: Any, start: int, floor: int) -> int | None:
    """The first token of a calibre just before ``start`` ("155mm", which spaCy splits in two, "155 mm"), or
    None."""
    for first in (start - 1, start - 2, start - 3):
        if first >= floor and _CALIBRE.match(doc[first:start].text):
            return first
    return None


def _calibre_end(doc: Any, start: int, end: int) -> int | None:
    """The token after a calibre that begins the tokens ``start``..``end`` ("122mm shells"), or None."""
    for stop in (start + 1, start + 2, start + 3):
        if stop < end and _CALIBRE.match(doc[start:stop].text):
            return stop
    return None


def _coordinated(
    doc: Any, start: int, kind_start: int, end: int, entities: tuple[Entity, ...], floor: int
) -> list[Mention]:
    """ "155mm and 105mm artillery rounds", "Switchblade and Altius loitering munitions": calibres or system
    names coordinated before the one that qualifies a weapon class are items of that class too, each as the
    article writes it with the class ("155mm artillery rounds").  ``kind_start`` is where the class (or, for a
    calibre, the item after it) begins."""
    if _generic(entities[0]):
        stop = _calibre_end(doc, start, end)
        if stop is None:
            return []
        kind = doc[stop:end].text

        def before(at: int) -> int | None:
            return _calibre_before(doc, at, floor)

        def made(first: int, last: int) -> tuple[Entity, ...]:
            return tuple(replace(e, written=f"{doc[first:last].text} {kind}") for e in entities if _generic(e))

    elif entities[0].kind == EntityKind.WEAPON and kind_start > start:
        kind = doc[kind_start:end].text
        generic = entities[1:]

        def before(at: int) -> int | None:
            first = at
            while first - 1 >= floor and at - first < 3 and _system_name(doc[first - 1]):
                first -= 1
            return first if first < at else None

        def made(first: int, last: int) -> tuple[Entity, ...]:
            label = f"{doc[first:last].text} {kind}"
            category = entities[0].category
            named = Entity(key=slug(label), label=label, kind=EntityKind.WEAPON, category=category, resolved=False)
            return (named, *generic)

    else:
        return []
    found: list[Mention] = []
    at = start
    while True:
        joint = at
        while joint - 1 >= floor and doc[joint - 1].text.lower() in (",", "and", "or") and at - joint < 2:
            joint -= 1
        first = before(joint) if joint < at else None
        if first is None:
            break
        found.insert(0, Mention(first, joint, made(first, joint)))
        at = first
    return found


def _joined_by_hyphen(doc: Any, i: int) -> bool:
    """The token is a hyphen written without spaces between two words ("SLAM-ER")."""
    return doc[i].text == "-" and not doc[i - 1].whitespace_ and not doc[i].whitespace_


def _system_name(token: Any) -> bool:
    """A word of a weapon system's name: a proper noun, or a word with a capital and a digit ("Barak-8")."""
    if token.is_punct or token.is_stop or token.like_num and not any(c.isalpha() for c in token.text):
        return False
    return token.pos_ == "PROPN" or (any(c.isdigit() for c in token.text) and any(c.isupper() for c in token.text))


def _coordinated_name(token: Any, start: int, end: int) -> bool:
    """ "Switchblade and Altius loitering munitions": the parse hangs the last name on the first, which
    qualifies the class."""
    head = token.head
    return token.dep_ == "conj" and head.i < token.i and _system_name(head) and _modifies(head, start, end)


def _modifies(token: Any, start: int, end: int) -> bool:
    """The word belongs to the weapon's phrase: it hangs from it, or it is no argument of its own (the small
    parser attaches unknown names loosely: "delivered Palantir-7 drones" makes "Palantir-7" an adverb)."""
    return token.head.i in range(start, end + 1) or token.dep_ not in ARGUMENT_LINKS
