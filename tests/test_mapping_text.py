"""The text mapper of worker processes (``mapping_text``) writes what ``map_article`` writes: the same N-Quads
bytes, content hash, quad count, entity descriptions and lookup index rows, on any article."""

from __future__ import annotations

import pickle
from datetime import date

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventgraph.dates import PartialDate
from eventgraph.gazetteer import Gazetteer
from eventgraph.index.rows import carry_rows
from eventgraph.mapping import SerialisedArticle, map_article
from eventgraph.mapping_text import literal_text, map_article_serialised, typed_literal_text
from eventgraph.model import (
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

G = ox.NamedNode("https://example.org/g")


def _written_literal(value: str, datatype: ox.NamedNode | None = None) -> str:
    """How pyoxigraph writes a literal in N-Quads."""
    quad = ox.Quad(G, G, ox.Literal(value, datatype=datatype), G)
    line = ox.serialize([quad], format=ox.RdfFormat.N_QUADS).decode("utf-8")
    return line.removeprefix(f"<{G.value}> <{G.value}> ").removesuffix(f" <{G.value}> .\n")


def test_literals_are_escaped_as_pyoxigraph_escapes_them_for_every_code_point() -> None:
    points = [chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]  # lone surrogates are not text
    for start in range(0, len(points), 8192):
        text = "".join(points[start : start + 8192])
        if literal_text(text) != _written_literal(text):
            wrong = [hex(ord(c)) for c in text if literal_text(c) != _written_literal(c)]
            pytest.fail(f"escaped unlike pyoxigraph: {wrong[:10]}")
    integer = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
    assert typed_literal_text("12", integer.value) == _written_literal("12", integer)


def _mapped_alike(document: ArticleEvents, gazetteer: Gazetteer) -> None:
    quads = map_article(document, gazetteer)
    carry_rows(quads)  # the rows a worker derived from the quads before
    text = map_article_serialised(document, gazetteer)
    assert text.body_nquads == quads.body_nquads
    assert text.content_hash == quads.content_hash
    assert text.quad_count == len(quads.quads)
    assert text.events == quads.events
    assert text.entity_nquads == quads.entity_nquads
    assert text.index_rows == quads.index_rows
    assert text.entity_index_rows == quads.entity_index_rows
    assert text.quads == quads.quads  # parsed back: the same quads, the content hash last
    travelled = pickle.loads(pickle.dumps(text))
    assert isinstance(travelled, SerialisedArticle) and travelled.index_rows == quads.index_rows


# -- articles of every shape ------------------------------------------------------------------------------
texts = st.text(max_size=40)  # any code point but lone surrogates, control characters included
keys = st.from_regex(r"[a-z0-9][a-z0-9-]{0,11}", fullmatch=True)


@st.composite
def entities(draw: st.DrawFn, kinds: tuple[EntityKind, ...] = tuple(EntityKind)) -> Entity:
    known = draw(st.sampled_from(["RUS", "UKR", "PRK", "IRN", "USA", "FRA", None]))
    kind = draw(st.sampled_from(kinds))
    if known is not None and kind == EntityKind.COUNTRY:
        country = Gazetteer.default().country(known)
        assert country is not None
        return country
    return Entity(
        key=draw(keys),
        label=draw(texts.filter(bool)),
        kind=kind,
        iso3=draw(st.none() | st.just("XYZ")),
        wikidata=draw(st.none() | st.just("Q42")),
        category=draw(st.none() | st.sampled_from(["drone", "missile"])),
        country=draw(st.none() | st.sampled_from(["RUS", "UKR", "PRK"])),
        aliases=tuple(draw(st.lists(texts.filter(bool), max_size=2))),
        resolved=draw(st.booleans()),
    )


partial_dates = st.builds(
    PartialDate,
    year=st.integers(1, 9999),
    month=st.none() | st.integers(1, 12),
).map(lambda d: d if d.month is None else PartialDate(d.year, d.month, 1 if d.year % 2 else None))


@st.composite
def spans(draw: st.DrawFn) -> PartialDate:
    start = draw(partial_dates)
    if start.year == 9999 or draw(st.booleans()):
        return start
    return PartialDate(start.year, start.month, start.day, end=PartialDate(start.year + 1))


evidence = st.builds(
    Evidence,
    text=texts,
    start=st.none() | st.integers(0, 10_000),
    end=st.none() | st.integers(0, 10_000),
)
claims = st.builds(
    Claim,
    stance=st.sampled_from(list(Stance)),
    claimants=st.lists(entities(), max_size=2),
    date=st.none() | partial_dates,
    evidence=st.none() | evidence,
    scope=st.builds(
        ClaimScope,
        since=st.none() | partial_dates,
        until=st.none(),
        items=st.lists(entities((EntityKind.WEAPON,)), max_size=2).map(tuple),
    ),
)
events = st.builds(
    Event,
    type=st.sampled_from(list(EventType)),
    actors=st.lists(entities(), min_size=1, max_size=3),
    recipients=st.lists(entities(), max_size=2),
    items=st.lists(entities((EntityKind.WEAPON,)), max_size=3),
    places=st.lists(entities((EntityKind.PLACE,)), max_size=2),
    quantity=st.none() | st.builds(Quantity, text=texts, value=st.none() | st.integers(-5, 10**12)),
    date=st.none() | spans(),
    status=st.sampled_from(list(Status)),
    certainty=st.sampled_from(list(Certainty)),
    attributed_to=st.lists(entities(), max_size=2),
    via=st.lists(entities(), max_size=1),
    evidence=st.none() | evidence,
    label=st.none() | texts,
    claims=st.lists(claims, max_size=2),
)
articles = st.builds(
    Article,
    id=keys,
    title=texts,
    published=st.none() | st.dates(date(1, 1, 1), date(9999, 12, 31)),
    outlet=st.none() | texts,
    url=st.none() | st.just("https://example.org/a?b=1&c=\u00e9"),
    author=st.none() | texts,
    text=st.none() | texts,
)


@st.composite
def documents(draw: st.DrawFn) -> ArticleEvents:
    found = draw(st.lists(events, max_size=5))
    if draw(st.booleans()):  # without claims and repeated events, the rows are made from the events themselves
        for event in found:
            event.claims = []
    elif found and draw(st.booleans()):
        found.append(found[0])  # the same event twice: one node in the graph, its quads written twice
    return ArticleEvents(article=draw(articles), events=found)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_the_text_mapper_writes_what_the_quad_mapper_writes(document: ArticleEvents) -> None:
    _mapped_alike(document, Gazetteer.default())


def test_the_text_mapper_writes_the_shipped_example_and_the_test_documents_alike(gazetteer: Gazetteer) -> None:
    from conftest import ARNOR_DOC, REPO, report_doc
    from eventgraph.eventfile import parse_event_document, read_event_file

    example = read_event_file(REPO / "data" / "examples" / "00_seed_nk_troops_drones_russia.yaml").document
    assert len(example.events) > 3
    _mapped_alike(example, Gazetteer.default())
    for doc in (ARNOR_DOC, report_doc(1), report_doc(2, certainty="reported")):
        _mapped_alike(parse_event_document(doc, location="test", gazetteer=gazetteer).document, gazetteer)


def test_a_string_rdf_cannot_hold_fails_as_in_the_quad_mapper() -> None:
    document = ArticleEvents(article=Article(id="a", title="broken \ud800 title"), events=[])
    with pytest.raises(Exception) as quads:
        map_article(document)
    with pytest.raises(Exception) as text:
        map_article_serialised(document)
    assert type(text.value) is type(quads.value)


def test_descriptions_a_worker_has_sent_are_left_out(gazetteer: Gazetteer) -> None:
    from conftest import ARNOR_DOC
    from eventgraph.eventfile import parse_event_document

    document = parse_event_document(ARNOR_DOC, location="test", gazetteer=gazetteer).document
    whole = map_article_serialised(document, gazetteer)
    assert whole.entity_nquads and whole.entity_index_rows is not None
    sent = sorted(whole.entity_nquads)[:1]
    rest = map_article_serialised(document, gazetteer, described=set(sent))
    assert set(rest.entity_nquads) == set(whole.entity_nquads) - set(sent)
    assert rest.entity_index_rows is not None and set(rest.entity_index_rows) == set(rest.entity_nquads)
    assert (rest.body_nquads, rest.index_rows) == (whole.body_nquads, whole.index_rows)
