"""The human-editable event file: an article's metadata and its events, in YAML or JSON.

See ``docs/event-file.md`` for the format.  Reading validates every field and
raises ``InputError`` naming the file, the event index and the field.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

from eventgraph.dates import PartialDate, parse_day
from eventgraph.errors import InputError, InvalidValue
from eventgraph.gazetteer import Gazetteer, slug
from eventgraph.model import (
    ACTOR_KINDS,
    WEAPON_CATEGORIES,
    Article,
    ArticleEvents,
    Certainty,
    Claim,
    ClaimScope,
    Entity,
    EntityKind,
    Event,
    EventType,
    Evidence,
    Quantity,
    Stance,
    Status,
)

MAX_FILE_BYTES = 20 * 1024 * 1024
EVENT_FILE_SUFFIXES = (".yaml", ".yml", ".json")
_ARTICLE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,119}")
_NUMBER = re.compile(r"\d[\d,.]*")

ARTICLE_FIELDS = {"id", "title", "published", "outlet", "url", "author", "text", "text_file"}
EVENT_FIELDS = {
    "type",
    "actor",
    "recipient",
    "items",
    "place",
    "quantity",
    "date",
    "status",
    "certainty",
    "attributed_to",
    "via",
    "evidence",
    "label",
    "claims",
    "denied_by",
    "confirmed_by",
    "denial_scope",
}
CLAIM_FIELDS = {"stance", "by", "date", "evidence", "scope"}
ROLE_KINDS: dict[str, tuple[frozenset[EntityKind], EntityKind]] = {
    "actor": (ACTOR_KINDS, EntityKind.ACTOR),
    "recipient": (ACTOR_KINDS, EntityKind.ACTOR),
    "attributed_to": (ACTOR_KINDS, EntityKind.ACTOR),
    "via": (ACTOR_KINDS, EntityKind.ORGANIZATION),
    "by": (ACTOR_KINDS, EntityKind.ACTOR),
    "denied_by": (ACTOR_KINDS, EntityKind.ACTOR),
    "confirmed_by": (ACTOR_KINDS, EntityKind.ACTOR),
    "items": (frozenset({EntityKind.WEAPON, EntityKind.TREATY}), EntityKind.WEAPON),
    "place": (frozenset({EntityKind.PLACE, EntityKind.COUNTRY}), EntityKind.PLACE),
}
KIND_NAMES = {kind.value: kind for kind in EntityKind}


@dataclass
class ReadResult:
    """What reading one event file gave: the article with its events, and names left unresolved."""

    document: ArticleEvents
    unresolved: list[str] = field(default_factory=list)


class _NoAliasLoader(yaml.SafeLoader):
    """Safe YAML without anchors and aliases (a small file cannot expand into a huge one) or repeated keys."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]  # unannotated in types-PyYAML
            raise yaml.composer.ComposerError(
                None, None, "YAML aliases are not allowed in event files", event.start_mark
            )
        return super().compose_node(parent, index)

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if isinstance(key, (str, int, float, bool)) or key is None:
                if key in seen:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"the key {key!r} is given twice", key_node.start_mark
                    )
                seen.add(key)
        return super().construct_mapping(node, deep=deep)


def load_json(text: str, location: str) -> Any:
    """Parse JSON as event files and uploads are read: a repeated key, ``NaN``/``Infinity``, a number too long
    to convert or a string that is not Unicode text (a lone surrogate, ``"\\ud800"``) is an ``InputError``."""
    try:
        data = json.loads(
            text, object_pairs_hook=_unique_keys, parse_constant=_no_constant, parse_float=_finite_float(location)
        )
    except json.JSONDecodeError as error:
        raise InputError(
            f"invalid JSON at line {error.lineno} column {error.colno}: {error.msg}", location=location
        ) from None
    except RecursionError:
        raise InputError("nested too deeply", location=location) from None
    except ValueError as error:  # a repeated key, NaN, or an integer of more than 4,300 digits
        raise InputError(f"invalid JSON: {_first_line(error)}", location=location) from None
    if "\\u" in text or not _encodes(text):  # a lone surrogate is in the text or comes of a \\u escape
        check_values(data, location)
    return data


def _encodes(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _finite_float(location: str) -> Callable[[str], float]:
    """JSON's numbers with a fraction or exponent, refused when too large to be finite (``1e999``): checked as
    they are parsed, the strings are left to ``check_values`` only when the text may hold a lone surrogate
    (it walked every value of every file: parsing 4,000 synthetic event files took 0.20-0.23 CPU s with it,
    0.14-0.21 s without)."""

    def parse(lexical: str) -> float:
        value = float(lexical)
        if not math.isfinite(value):
            raise InputError(f"{value!r} is not a number an event file can hold (NaN or infinite)", location=location)
        return value

    return parse


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key, value in pairs:
        if key in data:
            raise ValueError(f"the key {key!r} is given twice")
        data[key] = value
    return data


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number an event file can hold")


def check_values(data: Any, location: str) -> None:
    """Refuse strings that cannot be written as UTF-8 (lone surrogates) and numbers that are not finite."""
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError as error:
                raise InputError(
                    f"the text {item[:40]!r} holds a lone surrogate ({item[error.start]!r}): not Unicode text",
                    location=location,
                ) from None
        elif isinstance(item, float) and not math.isfinite(item):
            raise InputError(f"{item!r} is not a number an event file can hold (NaN or infinite)", location=location)
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def _first_line(error: BaseException) -> str:
    return str(error).splitlines()[0] if str(error) else type(error).__name__


def is_event_file(path: Path) -> bool:
    return path.suffix.lower() in EVENT_FILE_SUFFIXES


def read_event_file(path: Path, gazetteer: Gazetteer | None = None) -> ReadResult:
    """Read and validate one event file."""
    raw = read_file_bytes(path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(f"not UTF-8 text (byte {error.start})", location=str(path)) from None
    if "\x00" in text:
        raise InputError("contains NUL bytes: not a text file", location=str(path))
    data = _parse(text, path)
    return parse_event_document(data, location=str(path), base_dir=path.parent, gazetteer=gazetteer)


def read_file_bytes(path: Path, limit: int = MAX_FILE_BYTES, what: str = "event file") -> bytes:
    """A whole input file, refused with an InputError when missing, a directory, not a regular file (a device,
    a FIFO, a socket: their size says nothing and a FIFO may never end) or over ``limit`` bytes.

    The file is opened without blocking and checked by its open descriptor, and at most
    ``limit + 1`` bytes are read whatever its size claims.
    """
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(descriptor, "rb") as handle:
            info = os.fstat(handle.fileno())
            if stat.S_ISDIR(info.st_mode):
                raise IsADirectoryError
            if not stat.S_ISREG(info.st_mode):
                raise InputError(f"is not a regular file (a device, FIFO or socket): not an {what}", location=str(path))
            if info.st_size > limit:
                raise InputError(
                    f"file is {info.st_size} bytes, over the {limit} byte limit for {what}s", location=str(path)
                )
            # sized by the file (a buffer of limit + 1 bytes for each small file cost a tenth of a 1M-event ingest),
            # then on to the limit when the file is longer than it said
            data = handle.read(min(info.st_size, limit) + 1)
            if len(data) > info.st_size:
                data += handle.read(limit + 1 - len(data))
        if len(data) > limit:
            raise InputError(f"file is over the {limit} byte limit for {what}s", location=str(path))
        return data
    except FileNotFoundError:
        raise InputError("no such file", location=str(path)) from None
    except IsADirectoryError:
        raise InputError(f"is a directory, not an {what}", location=str(path)) from None
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror}", location=str(path)) from None


def _parse(text: str, path: Path) -> Any:
    if path.suffix.lower() == ".json":
        return load_json(text, str(path))
    try:
        data = yaml.load(text, Loader=_NoAliasLoader)  # noqa: S506 - a SafeLoader subclass
        check_values(data, str(path))
        return data
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        where = f" at line {mark.line + 1} column {mark.column + 1}" if mark else ""
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise InputError(f"invalid YAML{where}: {problem}", location=str(path)) from None
    except RecursionError:
        raise InputError("nested too deeply", location=str(path)) from None
    except ValueError as error:  # an integer of more than 4,300 digits
        raise InputError(f"invalid YAML: {_first_line(error)}", location=str(path)) from None


def parse_event_document(
    data: Any, *, location: str, base_dir: Path | None = None, gazetteer: Gazetteer | None = None
) -> ReadResult:
    """Validate a parsed event document (a mapping with ``article`` and ``events``)."""
    reader = _DocumentReader(location, base_dir, gazetteer or Gazetteer.default())
    return reader.read(data)


class _DocumentReader:
    def __init__(self, location: str, base_dir: Path | None, gazetteer: Gazetteer) -> None:
        self.location = location
        self.base_dir = base_dir
        self.gazetteer = gazetteer
        self.unresolved: list[str] = []

    def fail(self, where: str, message: str) -> InputError:
        return InputError(message, location=f"{self.location}: {where}" if where else self.location)

    def read(self, data: Any) -> ReadResult:
        if not isinstance(data, dict):
            raise self.fail("", "an event file is a mapping with 'article' and 'events'")
        unknown = set(data) - {"article", "events"}
        if unknown:
            raise self.fail("", f"unknown top-level field(s): {', '.join(sorted(map(str, unknown)))}")
        article = self.read_article(data.get("article"))
        events_data = data.get("events")
        if not isinstance(events_data, list):
            raise self.fail("events", "must be a list of events")
        events = [self.read_event(i, item, article) for i, item in enumerate(events_data)]
        document = ArticleEvents(article=article, events=events, source=self.location)
        return ReadResult(document=document, unresolved=self.unresolved)

    # -- article -----------------------------------------------------------------------------
    def read_article(self, data: Any) -> Article:
        if not isinstance(data, dict):
            raise self.fail("article", "missing: give at least the article's title")
        unknown = set(data) - ARTICLE_FIELDS
        if unknown:
            raise self.fail("article", f"unknown field(s): {', '.join(sorted(map(str, unknown)))}")
        title = self.string(data, "title", "article.title", required=True)
        assert title is not None
        published = self.day(data.get("published"), "article.published")
        url = self.string(data, "url", "article.url")
        text = self.string(data, "text", "article.text")
        text_file = self.string(data, "text_file", "article.text_file")
        if text_file is not None:
            if text is not None:
                raise self.fail("article", "give either 'text' or 'text_file', not both")
            text = self.read_text_file(text_file)
        article_id = self.string(data, "id", "article.id") or derive_article_id(title, published, url)
        if not _ARTICLE_ID.fullmatch(article_id):
            raise self.fail("article.id", f"{article_id!r}: use letters, digits, '.', '_' and '-' (at most 120)")
        return Article(
            id=article_id,
            title=title,
            published=published,
            outlet=self.string(data, "outlet", "article.outlet"),
            url=url,
            author=self.string(data, "author", "article.author"),
            text=text,
        )

    def read_text_file(self, name: str) -> str:
        """The article text beside the event file: a relative path inside the event file's folder, no ``..``,
        no absolute path, no symlink leading out (an event file must not make ``ingest`` read ``/etc/passwd``)."""
        base = (self.base_dir or Path.cwd()).resolve()
        relative = Path(name)
        if relative.is_absolute() or ".." in relative.parts or relative.drive:
            raise self.fail(
                "article.text_file", f"{name!r}: give a path inside the event file's folder (no absolute path, no '..')"
            )
        path = base / relative
        try:
            inside = path.resolve().is_relative_to(base)
        except (OSError, RuntimeError):  # a symlink loop
            inside = False
        if not inside:
            raise self.fail("article.text_file", f"{name!r} leads out of the event file's folder (a symlink)")
        try:
            return read_file_bytes(path).decode("utf-8-sig")
        except UnicodeDecodeError:
            raise self.fail("article.text_file", f"{path} is not UTF-8 text") from None
        except InputError as error:
            raise self.fail("article.text_file", error.reason + f" ({path})") from None

    def day(self, value: Any, where: str) -> date | None:
        if value is None:
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        try:
            return parse_day(str(value))
        except InvalidValue as error:
            raise self.fail(where, str(error)) from None

    def string(self, data: dict[str, Any], key: str, where: str, *, required: bool = False) -> str | None:
        value = data.get(key)
        if value is None:
            if required:
                raise self.fail(where, "missing")
            return None
        if isinstance(value, (dict, list, bool)):
            raise self.fail(where, f"must be text, not {type(value).__name__}")
        text = str(value).strip()
        if required and not text:
            raise self.fail(where, "must not be empty")
        return text or None

    # -- events ------------------------------------------------------------------------------
    def read_event(self, index: int, data: Any, article: Article) -> Event:
        where = f"events[{index}]"
        if not isinstance(data, dict):
            raise self.fail(where, "each event is a mapping of fields")
        unknown = set(data) - EVENT_FIELDS
        if unknown:
            raise self.fail(where, f"unknown field(s): {', '.join(sorted(map(str, unknown)))}")
        event_type = self.choice(data.get("type"), EventType, f"{where}.type", required=True)
        actors = self.entities(data, "actor", where)
        if not actors:
            raise self.fail(f"{where}.actor", "missing: every event needs at least one actor")
        return Event(
            type=event_type,
            actors=actors,
            recipients=self.entities(data, "recipient", where),
            items=self.entities(data, "items", where),
            places=self.entities(data, "place", where),
            quantity=self.quantity(data.get("quantity"), f"{where}.quantity"),
            date=self.partial_date(data.get("date"), f"{where}.date"),
            status=self.choice(data.get("status", "occurred"), Status, f"{where}.status"),
            certainty=self.choice(data.get("certainty", "reported"), Certainty, f"{where}.certainty"),
            attributed_to=self.entities(data, "attributed_to", where),
            via=self.entities(data, "via", where),
            evidence=self.evidence(data.get("evidence"), f"{where}.evidence", article.text),
            label=self.string(data, "label", f"{where}.label"),
            claims=self.claims(data, where, article),
        )

    # -- claims ------------------------------------------------------------------------------
    def claims(self, data: dict[str, Any], where: str, article: Article) -> list[Claim]:
        """``claims: [{stance, by, date, evidence, scope}]``, and the short forms ``denied_by``,
        ``confirmed_by`` and ``denial_scope`` of the annotation guidelines."""
        if not any(key in data for key in ("claims", "denied_by", "confirmed_by", "denial_scope")):
            return []  # most events (a seventh of reading one, under a profile, went to finding none)
        value = data.get("claims")
        if value is not None and not isinstance(value, list):
            raise self.fail(f"{where}.claims", "must be a list of claims")
        claims = [self.claim(item, f"{where}.claims[{i}]", article) for i, item in enumerate(value or [])]
        scope = self.scope(data.get("denial_scope"), f"{where}.denial_scope")
        if scope and not data.get("denied_by"):
            raise self.fail(f"{where}.denial_scope", "a denial scope needs 'denied_by'")
        for key, stance in (("denied_by", Stance.DENIES), ("confirmed_by", Stance.CONFIRMS)):
            for claimant in self.entities(data, key, where):
                claims.append(
                    Claim(stance=stance, claimants=[claimant], scope=scope if stance == Stance.DENIES else ClaimScope())
                )
        if claims and "claims" not in data and (data.get("attributed_to") or data.get("evidence")):
            # the short forms add to the article's statement of the event (who it is attributed to, the
            # sentence that states it), which becomes an assertion of its own; without either, the event
            # is only denied or confirmed
            claims.insert(
                0,
                Claim(
                    stance=Stance.ASSERTS,
                    claimants=self.entities(data, "attributed_to", where),
                    evidence=self.evidence(data.get("evidence"), f"{where}.evidence", article.text),
                ),
            )
        return claims

    def claim(self, value: Any, where: str, article: Article) -> Claim:
        if not isinstance(value, dict):
            raise self.fail(where, "each claim is a mapping with 'stance' and 'by'")
        unknown = set(value) - CLAIM_FIELDS
        if unknown:
            raise self.fail(where, f"unknown field(s): {', '.join(sorted(map(str, unknown)))}")
        stance = self.choice(value.get("stance"), Stance, f"{where}.stance")
        return Claim(
            stance=stance,
            claimants=self.entities(value, "by", where),
            date=self.partial_date(value.get("date"), f"{where}.date"),
            evidence=self.evidence(value.get("evidence"), f"{where}.evidence", article.text),
            scope=self.scope(value.get("scope"), f"{where}.scope"),
        )

    def scope(self, value: Any, where: str) -> ClaimScope:
        """``2022-03/`` (from), ``/2022-02`` (until), ``2022-03/2022-12``, or ``{since, until, items}``."""
        if value is None:
            return ClaimScope()
        if isinstance(value, dict):
            unknown = set(value) - {"since", "until", "items"}
            if unknown:
                raise self.fail(where, f"unknown field(s): {', '.join(sorted(map(str, unknown)))}")
            since = self.partial_date(value.get("since"), f"{where}.since")
            until = self.partial_date(value.get("until"), f"{where}.until")
            items = tuple(self.entities(value, "items", where))
        elif isinstance(value, (str, date)):
            text = str(value).strip()
            start, slash, end = text.partition("/")
            if not slash:
                start = end = text  # one date: the claim covers that year, month or day
            since = self.partial_date(start, f"{where}") if start.strip() not in ("", "..") else None
            until = self.partial_date(end, f"{where}") if end.strip() not in ("", "..") else None
            items = ()
        else:
            raise self.fail(
                where, "must be a date range START/END (either side may be left open) or {since, until, items}"
            )
        for part in (since, until):
            if part is not None and part.end is not None:
                raise self.fail(where, "each end of a scope is one date, not a span")
        if since is not None and until is not None and until.last_day() < since.first_day():
            raise self.fail(where, f"the scope ends ({until}) before it starts ({since})")
        return ClaimScope(since=since, until=until, items=items)

    def choice(self, value: Any, enum_type: Any, where: str, *, required: bool = False) -> Any:
        if value is None:
            raise self.fail(where, "missing")
        try:
            return enum_type(str(value).strip().lower())
        except ValueError:
            allowed = ", ".join(member.value for member in enum_type)
            raise self.fail(where, f"{value!r} is not one of: {allowed}") from None

    def partial_date(self, value: Any, where: str) -> PartialDate | None:
        if value is None:
            return None
        if isinstance(value, date):
            return PartialDate.from_date(value)
        try:
            return PartialDate.parse(str(value))
        except InvalidValue as error:
            raise self.fail(where, str(error)) from None

    def quantity(self, value: Any, where: str) -> Quantity | None:
        if value is None:
            return None
        if isinstance(value, bool):
            raise self.fail(where, "must be a number or text")
        if isinstance(value, int):
            if value < 0:
                raise self.fail(where, "must not be negative")
            return Quantity(text=str(value), value=value)
        if isinstance(value, dict):
            text = self.string(value, "text", where, required=True)
            number = value.get("value")
            if number is not None and (isinstance(number, bool) or not isinstance(number, int) or number < 0):
                raise self.fail(f"{where}.value", "must be a whole number of at least 0")
            assert text is not None
            return Quantity(text=text, value=number)
        if isinstance(value, (str, float)):
            return Quantity(text=str(value).strip(), value=number_in(str(value)))
        raise self.fail(where, "must be a number, text or {text, value}")

    def evidence(self, value: Any, where: str, article_text: str | None) -> Evidence | None:
        if value is None:
            return None
        if isinstance(value, str):
            value = {"text": value}
        if not isinstance(value, dict):
            raise self.fail(where, "must be the quoted sentence, or {text, start, end}")
        unknown = set(value) - {"text", "start", "end"}
        if unknown:
            raise self.fail(where, f"unknown field(s): {', '.join(sorted(map(str, unknown)))}")
        quote = value.get("text")
        if not isinstance(quote, str) or not quote.strip():
            raise self.fail(f"{where}.text", "missing: quote the sentence that states the event")
        start, end = value.get("start"), value.get("end")
        for name, offset in (("start", start), ("end", end)):
            if offset is not None and (isinstance(offset, bool) or not isinstance(offset, int) or offset < 0):
                raise self.fail(f"{where}.{name}", "must be a character offset (a whole number >= 0)")
        if (start is None) != (end is None):
            raise self.fail(where, "give both 'start' and 'end', or neither")
        if start is not None and end is not None:
            if end < start:
                raise self.fail(where, f"end ({end}) is before start ({start})")
            if article_text is not None and article_text[start:end] != quote:
                found = article_text.find(quote)
                hint = f"; the quote is at {found}-{found + len(quote)}" if found >= 0 else ""
                raise self.fail(where, f"the article text at {start}-{end} is not the quote{hint}")
        elif article_text is not None:
            found = article_text.find(quote)
            if found < 0:
                raise self.fail(f"{where}.text", "the quote does not occur in the article text")
            start, end = found, found + len(quote)
        return Evidence(text=quote, start=start, end=end)

    def entities(self, data: dict[str, Any], role: str, where: str) -> list[Entity]:
        value = data.get(role)
        if value is None:
            return []
        values = value if isinstance(value, list) else [value]
        result: list[Entity] = []
        for i, item in enumerate(values):
            entity = self.entity(item, role, f"{where}.{role}[{i}]" if isinstance(value, list) else f"{where}.{role}")
            if entity not in result:
                result.append(entity)
        return result

    def entity(self, value: Any, role: str, where: str) -> Entity:
        kinds, default_kind = ROLE_KINDS[role]
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            name = str(value).strip()
            if not name:
                raise self.fail(where, "empty name")
            found = self.gazetteer.lookup(name, kinds)
            if found is not None:
                return found
            self.unresolved.append(f"{where}: {name!r}")
            return Entity(key=slug(name), label=name, kind=default_kind, resolved=False)
        if isinstance(value, dict):
            return self.described_entity(value, kinds, default_kind, where)
        raise self.fail(where, "must be a name or a mapping with 'label'")

    def described_entity(
        self, value: dict[str, Any], kinds: frozenset[EntityKind], default_kind: EntityKind, where: str
    ) -> Entity:
        unknown = set(value) - {"label", "kind", "iso3", "wikidata", "category", "country"}
        if unknown:
            raise self.fail(where, f"unknown field(s): {', '.join(sorted(map(str, unknown)))}")
        label = self.string(value, "label", f"{where}.label", required=True)
        assert label is not None
        kind_name = self.string(value, "kind", f"{where}.kind")
        kind = default_kind
        if kind_name is not None:
            kind = KIND_NAMES.get(kind_name.lower())  # type: ignore[assignment]
            if kind is None or kind not in kinds:
                allowed = ", ".join(sorted(k.value for k in kinds))
                raise self.fail(f"{where}.kind", f"{kind_name!r} is not one of: {allowed}")
        iso3 = self.string(value, "iso3", f"{where}.iso3")
        if iso3 is not None:
            country = self.gazetteer.country(iso3)
            if country is None:
                raise self.fail(f"{where}.iso3", f"{iso3!r} is not an ISO 3166-1 alpha-3 code we know")
            if EntityKind.COUNTRY in kinds and (kind_name is None or kind == EntityKind.COUNTRY):
                return country
        found = self.gazetteer.lookup(label, {kind})
        if found is not None:
            return found
        wikidata = self.string(value, "wikidata", f"{where}.wikidata")
        if wikidata is not None and not re.fullmatch(r"Q[1-9]\d*", wikidata):
            raise self.fail(f"{where}.wikidata", f"{wikidata!r} is not a Wikidata QID like Q423")
        category = self.string(value, "category", f"{where}.category")
        if category is not None and category not in WEAPON_CATEGORIES:
            raise self.fail(f"{where}.category", f"{category!r} is not one of: {', '.join(WEAPON_CATEGORIES)}")
        owner = self.string(value, "country", f"{where}.country")
        if owner is not None and self.gazetteer.country(owner) is None:
            raise self.fail(f"{where}.country", f"{owner!r} is not an ISO 3166-1 alpha-3 code we know")
        return Entity(
            key=slug(label), label=label, kind=kind, wikidata=wikidata, category=category, country=owner, resolved=False
        )


def number_in(text: str) -> int | None:
    """The first whole number written in a quantity ("at least 1,000 shells" gives 1000)."""
    match = _NUMBER.search(text)
    if not match:
        return None
    digits = match.group().rstrip(".,").replace(",", "")
    return int(digits) if digits.isdigit() else None


def derive_article_id(title: str, published: date | None, url: str | None) -> str:
    """A stable id for an article that has none: its URL, or else its title and date, hashed."""
    basis = url or f"{title}\n{published or ''}"
    digest = hashlib.sha256(basis.encode("utf-8")).hexdigest()[:12]
    return f"{slug(title)[:48].strip('-')}-{digest}"


def find_event_files(paths: Iterable[Path], accept: Callable[[Path], bool] = is_event_file) -> list[Path]:
    """Expand directories (recursively, sorted) into the files ``accept`` takes."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.is_file() and accept(p)))
        else:
            files.append(path)
    return files


def dump_event_document(document: ArticleEvents) -> dict[str, Any]:
    """The event file form of an article and its events (for ``extract --format yaml``)."""
    article = document.article
    out_article: dict[str, Any] = {"id": article.id, "title": article.title}
    for key in ("published", "outlet", "url", "author"):
        value = getattr(article, key)
        if value is not None:
            out_article[key] = str(value)
    return {"article": out_article, "events": [_dump_event(e) for e in document.events]}


def _dump_entity(entity: Entity) -> Any:
    if entity.resolved:
        return entity.label
    out: dict[str, Any] = {"label": entity.label, "kind": entity.kind.value}
    for key in ("wikidata", "category", "country"):
        if getattr(entity, key):
            out[key] = getattr(entity, key)
    return out


def _dump_event(event: Event) -> dict[str, Any]:
    out: dict[str, Any] = {"type": event.type.value, "actor": [_dump_entity(e) for e in event.actors]}
    for key, entities in (
        ("recipient", event.recipients),
        ("items", event.items),
        ("place", event.places),
        ("attributed_to", event.attributed_to),
        ("via", event.via),
    ):
        if entities:
            out[key] = [_dump_entity(e) for e in entities]
    if event.quantity is not None:
        out["quantity"] = {"text": event.quantity.text, "value": event.quantity.value}
    if event.date is not None:
        out["date"] = str(event.date)
    out["status"] = event.status.value
    out["certainty"] = event.certainty.value
    if event.evidence is not None:
        out["evidence"] = {"text": event.evidence.text, "start": event.evidence.start, "end": event.evidence.end}
    if event.label:
        out["label"] = event.label
    if event.claims:
        out["claims"] = [_dump_claim(c) for c in event.claims]
    return out


def _dump_claim(claim: Claim) -> dict[str, Any]:
    out: dict[str, Any] = {"stance": claim.stance.value, "by": [_dump_entity(e) for e in claim.claimants]}
    if claim.date is not None:
        out["date"] = str(claim.date)
    if claim.evidence is not None:
        out["evidence"] = {"text": claim.evidence.text, "start": claim.evidence.start, "end": claim.evidence.end}
    scope = claim.scope
    if scope.items:
        out["scope"] = {
            key: str(value) for key, value in (("since", scope.since), ("until", scope.until)) if value is not None
        }
        out["scope"]["items"] = [_dump_entity(e) for e in scope.items]
    elif scope:
        out["scope"] = scope.range_text()
    return out
