"""GDELT event files: GDELT 2.0 exports (61 tab-separated fields), GDELT 1.0 daily files (57 or 58), and
the same columns as CSV under a header row (as gdeltPyR saves them).

The CAMEO event code gives the event type through the ontology's CAMEO
alignment (``ontology/vocabularies.ttl``); rows whose code maps to no type we
model are counted and skipped.  Each event is derived from the article at the
row's SOURCEURL and attributed to the GDELT Project, which coded it.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from functools import lru_cache

from eventgraph.dates import PartialDate
from eventgraph.errors import InputError, InvalidValue
from eventgraph.gazetteer import slug
from eventgraph.importers.common import (
    ImportFormat,
    Item,
    Resolver,
    RowError,
    RowProblem,
    SourceFile,
    ad_hoc,
    at_coordinates,
    check_encoding,
    csv_rows,
    first_line,
    problem,
)
from eventgraph.model import Article, Certainty, DataRecord, Entity, EntityKind, Event, EventType, Status

_ACTOR = (
    "Code",
    "Name",
    "CountryCode",
    "KnownGroupCode",
    "EthnicCode",
    "Religion1Code",
    "Religion2Code",
    "Type1Code",
    "Type2Code",
    "Type3Code",
)
_EVENT = (
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
)
_GEO_1 = ("Type", "FullName", "CountryCode", "ADM1Code", "Lat", "Long", "FeatureID")
_GEO_2 = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")


def _columns(geo: tuple[str, ...], url: bool) -> tuple[str, ...]:
    return (
        "GLOBALEVENTID",
        "SQLDATE",
        "MonthYear",
        "Year",
        "FractionDate",
        *(f"Actor1{c}" for c in _ACTOR),
        *(f"Actor2{c}" for c in _ACTOR),
        *_EVENT,
        *(f"{who}Geo_{c}" for who in ("Actor1", "Actor2", "Action") for c in geo),
        "DATEADDED",
        *(("SOURCEURL",) if url else ()),
    )


COLUMNS_BY_COUNT = {61: _columns(_GEO_2, True), 58: _columns(_GEO_1, True), 57: _columns(_GEO_1, False)}
ACTOR_KINDS = [EntityKind.COUNTRY, EntityKind.ORGANIZATION, EntityKind.ARMED_GROUP, EntityKind.MILITARY_UNIT]

# CAMEO code -> our event type, walked in the ontology (see ontology/README.md)
_CAMEO_TYPES = """
SELECT ?code ?type WHERE {
  ?concept skos:inScheme <https://w3id.org/eventgraph/cameo/> ; skos:notation ?code .
  OPTIONAL {
    ?concept skos:broader* ?ancestor .
    ?t skos:inScheme <https://w3id.org/eventgraph/event-type/> ; skos:notation ?type ;
       skos:narrowMatch|skos:closeMatch ?ancestor .
  }
}
"""


@lru_cache(maxsize=1)
def cameo_event_types() -> dict[str, EventType | None]:
    """Every CAMEO code of the ontology's scheme and the event type it maps to (None: a type we do not model)."""
    import pyoxigraph as ox

    from eventgraph.resources import read_ontology_file
    from eventgraph.vocab import PREFIXES

    store = ox.Store()
    store.load(read_ontology_file("vocabularies.ttl"), format=ox.RdfFormat.TURTLE)
    table: dict[str, EventType | None] = {}
    solutions = store.query(_CAMEO_TYPES, prefixes=PREFIXES)
    assert isinstance(solutions, ox.QuerySolutions)  # a SELECT
    for solution in solutions:
        code = str(solution["code"].value)
        found = solution["type"]
        kind = EventType(str(found.value)) if found is not None else None
        if table.get(code) not in (None, kind):
            raise InvalidValue(f"vocabularies.ttl maps CAMEO {code} to two event types")
        table[code] = table.get(code) or kind
    return table


def cameo_event_type(code: str) -> EventType | None:
    """The event type of a CAMEO code; a code missing from the scheme is walked by dropping its last digit."""
    table = cameo_event_types()
    if not (code.isascii() and code.isdigit()):
        raise RowError("unknown CAMEO code", repr(code))
    walked = code
    while walked and walked not in table:
        walked = walked[:-1]
    if len(walked) < 2:
        raise RowError("unknown CAMEO code", repr(code))
    return table[walked]


def read_gdelt(source: SourceFile, resolver: Resolver) -> Iterator[Item]:
    lines = source.lines()
    first = next(lines, "")
    header: tuple[str, ...] | None = None
    if first.lstrip("\ufeff").startswith("GLOBALEVENTID"):
        delimiter = "\t" if "\t" in first else ","
        try:
            header = tuple(next(csv.reader([first.lstrip("\ufeff")], delimiter=delimiter)))
        except csv.Error as error:
            raise InputError(f"unreadable header ({error})", location=str(source.path)) from None
        reader = csv.reader(lines, delimiter=delimiter)
        offset = 1
    else:
        # raw GDELT files are unquoted TSV: a quote is data
        reader = csv.reader(_chain(first, lines), delimiter="\t", quoting=csv.QUOTE_NONE)
        offset = 0
    for cells in csv_rows(reader, offset):
        if isinstance(cells, RowProblem):
            yield cells
            continue
        line = offset + first_line(reader.line_num, cells)
        if not any(cell.strip() for cell in cells):
            continue
        try:
            yield _record(cells, header, line, resolver)
        except RowError as error:
            yield problem(line, error)


def _chain(first: str, rest: Iterator[str]) -> Iterator[str]:
    yield first
    yield from rest


def _record(cells: list[str], header: tuple[str, ...] | None, line: int, resolver: Resolver) -> DataRecord:
    columns = header or COLUMNS_BY_COUNT.get(len(cells))
    if columns is None or len(cells) != len(columns):
        expected = str(len(columns)) if columns else "61 (GDELT 2.0), 58 or 57 (GDELT 1.0)"
        raise RowError("wrong field count", f"{len(cells)} fields, expected {expected}")
    row = dict(zip(columns, (cell.strip() for cell in cells), strict=True))
    check_encoding(row.values())
    kind = cameo_event_type(row.get("EventCode", ""))
    day = _day(row.get("SQLDATE", ""))
    if kind is None:
        raise RowError("CAMEO code of no modelled event type", row["EventCode"], malformed=False)
    actor = _actor(row, "Actor1", resolver)
    if actor is None:
        raise RowError("no actor", "Actor1 is empty", malformed=False)
    recipient = _actor(row, "Actor2", resolver)
    place = _place(row, resolver)
    url = row.get("SOURCEURL") or None
    event = Event(
        type=kind,
        actors=[actor],
        recipients=[recipient] if recipient else [],
        places=[place] if place else [],
        date=day,
        status=Status.OCCURRED,
        certainty=Certainty.REPORTED,
        attributed_to=[resolver.named("gdelt-project")],
    )
    return DataRecord(
        event=event,
        line=line,
        record_id=row["GLOBALEVENTID"],
        comment=f"CAMEO {row['EventCode']}",
        source_article=Article(id="", title=url, url=url) if url else None,
    )


def _day(text: str) -> PartialDate:
    if not (len(text) == 8 and text.isascii() and text.isdigit()):
        raise RowError("bad date", f"SQLDATE {text!r}")
    try:
        return PartialDate.parse(f"{text[:4]}-{text[4:6]}-{text[6:]}")
    except InvalidValue:
        raise RowError("bad date", f"SQLDATE {text!r}") from None


def _actor(row: dict[str, str], who: str, resolver: Resolver) -> Entity | None:
    """The state of the actor's CAMEO country code, else a known organisation by name, else the actor as coded."""
    code, name, country = row[f"{who}Code"], row[f"{who}Name"], row[f"{who}CountryCode"]
    if country:
        entity = resolver.country(country)
        if entity is None:
            raise RowError("unknown country code", f"{who}CountryCode {country!r}")
        return entity
    if not code and not name:
        return None
    known = resolver.lookup(name, ACTOR_KINDS) if name else None
    return known or ad_hoc(name.title() or code, EntityKind.ACTOR, key=f"gdelt-{slug(code or name)}")


def _place(row: dict[str, str], resolver: Resolver) -> Entity | None:
    """Where the action took place: a state for country-level geocodes, else the GDELT feature with coordinates."""
    name, kind = row.get("ActionGeo_FullName", ""), row.get("ActionGeo_Type", "")
    if not name:
        return None
    state = resolver.country(name.rsplit(",", 1)[-1].strip())
    if kind == "1" and state is not None:
        return state
    place = ad_hoc(
        name,
        EntityKind.PLACE,
        country=state.key if state else None,
        key=f"gdelt-{slug(row.get('ActionGeo_FeatureID') or name)}",
    )
    return at_coordinates(place, row.get("ActionGeo_Lat"), row.get("ActionGeo_Long"), required=False)


GDELT = ImportFormat(
    name="gdelt",
    title="GDELT event file",
    publisher="gdelt-project",
    url="https://www.gdeltproject.org/",
    read=read_gdelt,
    encoding="utf-8-sig",
)
