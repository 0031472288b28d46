"""Property-based tests (hypothesis): the RDF mapping keeps every field, dates resolve, readers never crash."""

from __future__ import annotations

import contextlib
import tempfile
from datetime import date
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventgraph.articles import parse_jsonl, read_article_file
from eventgraph.backends.embedded import EventStore
from eventgraph.dates import PartialDate
from eventgraph.errors import EventGraphError
from eventgraph.eventfile import read_event_file
from eventgraph.extract.timex import WEEKDAYS, find_dates
from eventgraph.gazetteer import Gazetteer
from eventgraph.mapping import event_iri, map_article, summarise
from eventgraph.model import (
    Article,
    ArticleEvents,
    Certainty,
    Entity,
    EntityKind,
    Event,
    EventType,
    Evidence,
    Quantity,
    Status,
)

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
GAZETTEER = Gazetteer.default()
COUNTRIES = [GAZETTEER.country(c) for c in ("PRK", "RUS", "UKR", "IRN", "BLR", "CHN")]
# any text a user can type, less the characters RDF literals cannot carry (surrogates)
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40).filter(str.strip)


def ad_hoc(kind: EntityKind) -> st.SearchStrategy[Entity]:
    return st.builds(
        lambda label: Entity(key="x-" + str(abs(hash(label))), label=label, kind=kind, resolved=False), TEXT
    )


ACTORS = st.one_of(st.sampled_from(COUNTRIES), ad_hoc(EntityKind.ACTOR))
DATES = st.builds(
    lambda d, precision: PartialDate(d.year, d.month if precision > 0 else None, d.day if precision > 1 else None),
    st.dates(date(1, 1, 1), date(9999, 12, 31)),
    st.integers(0, 2),
)
EVENTS = st.builds(
    Event,
    type=st.sampled_from(list(EventType)),
    actors=st.lists(ACTORS, min_size=1, max_size=3, unique=True),
    recipients=st.lists(ACTORS, max_size=2, unique=True),
    items=st.lists(ad_hoc(EntityKind.WEAPON), max_size=2, unique=True),
    places=st.lists(ad_hoc(EntityKind.PLACE), max_size=1),
    quantity=st.one_of(st.none(), st.builds(Quantity, TEXT, st.one_of(st.none(), st.integers(0, 10**12)))),
    date=st.one_of(st.none(), DATES),
    status=st.sampled_from(list(Status)),
    certainty=st.sampled_from(list(Certainty)),
    evidence=st.one_of(st.none(), st.builds(lambda t, s: Evidence(t, s, s + len(t)), TEXT, st.integers(0, 10**6))),
    attributed_to=st.lists(ACTORS, max_size=2, unique=True),
    via=st.lists(ACTORS, max_size=1),
    label=st.one_of(st.none(), TEXT),
)
ARTICLES = st.builds(
    Article,
    id=st.from_regex(r"[a-z0-9][a-z0-9-]{0,30}", fullmatch=True),
    title=TEXT,
    published=st.one_of(st.none(), st.dates(date(1900, 1, 1), date(2100, 1, 1))),
    url=st.one_of(st.none(), st.from_regex(r"https://example\.org/[a-z0-9/]{0,20}", fullmatch=True)),
    outlet=st.one_of(st.none(), TEXT),
    author=st.one_of(st.none(), TEXT),
    text=st.one_of(st.none(), TEXT),
)

EVENT_FIELDS = """
SELECT ?type ?label ?status ?certainty ?date ?precision ?quantity ?value ?quote ?start ?end WHERE {
  ?event eg:eventType ?type ; rdfs:label ?label ; eg:status ?status ; eg:certainty ?certainty .
  OPTIONAL { ?event eg:date ?date ; eg:datePrecision ?precision }
  OPTIONAL { ?event eg:quantity ?quantity OPTIONAL { ?event eg:quantityValue ?value } }
  OPTIONAL { ?event eg:evidence/oa:hasTarget/oa:hasSelector/oa:exact ?quote }
  OPTIONAL { ?event eg:evidence/oa:hasTarget/oa:hasSelector ?p . ?p oa:start ?start ; oa:end ?end }
}"""


def labels(store: EventStore, event: ox.NamedNode, role: str) -> list[str]:
    rows = store.query(f"SELECT ?label ?event WHERE {{ ?event {role} ?x . ?x rdfs:label ?label }}", {"event": event})
    return sorted(r["label"].value for r in rows)


def identity(event: Event) -> str:
    """What names an event in its article (type, participants, date, evidence): two events of one article that
    agree on it are one event, so a valid article has distinct identities."""
    return event_iri(Article(id="a", title="a"), event).value


@pytest.mark.slow
@SETTINGS
@given(ARTICLES, st.lists(EVENTS, min_size=1, max_size=4, unique_by=identity))
def test_every_field_of_every_event_is_recoverable_from_the_stored_graph(article: Article, events: list[Event]) -> None:
    store = EventStore()
    store.write_articles([map_article(ArticleEvents(article, events), GAZETTEER)])
    for event in events:
        node = event_iri(article, event)
        row = next(iter(store.query(EVENT_FIELDS.replace("SELECT ", "SELECT ?event ", 1), {"event": node})))
        assert row["type"].value.endswith("/" + event.type.value)
        assert row["label"].value == (event.label or summarise(event))
        assert row["status"].value.endswith(event.status.value.capitalize())
        assert row["certainty"].value.endswith(event.certainty.value.capitalize())
        if event.date is None:
            assert row["date"] is None
        else:
            assert PartialDate.parse(row["date"].value) == event.date
            assert row["precision"].value.lower().endswith(event.date.precision)
        if event.quantity is not None:
            assert row["quantity"].value == event.quantity.text
            assert (row["value"] and int(row["value"].value)) == event.quantity.value
        if event.evidence is not None:
            assert row["quote"].value == event.evidence.text
            assert (int(row["start"].value), int(row["end"].value)) == (event.evidence.start, event.evidence.end)
        for role, entities in (
            ("eg:actor", event.actors),
            ("eg:recipient", event.recipients),
            ("eg:item", event.items),
            ("sem:hasPlace", event.places),
            ("prov:wasAttributedTo", event.attributed_to),
            ("eg:reportedVia", event.via),
        ):
            assert labels(store, node, role) == sorted({e.label for e in entities}) or len(
                {e.label for e in entities}
            ) != len(entities)  # two ad hoc entities may share a label
    [meta] = list(
        store.query(
            "SELECT * WHERE { ?a a eg:Article ; dcterms:title ?title "
            "OPTIONAL { ?a dcterms:issued ?issued } OPTIONAL { ?a eg:url ?url } "
            "OPTIONAL { ?a eg:outlet ?outlet } OPTIONAL { ?a dcterms:creator ?author } "
            "OPTIONAL { ?a eg:text ?text } }"
        )
    )
    assert meta["title"].value == article.title
    assert (meta["issued"] and meta["issued"].value) == (article.published and article.published.isoformat())
    for name in ("url", "outlet", "author", "text"):
        assert (meta[name] and meta[name].value) == getattr(article, name), name


RELATIVE = st.sampled_from(
    [
        "today",
        "yesterday",
        "tonight",
        "this year",
        "this month",
        "this week",
        "last year",
        "last month",
        "last week",
        "earlier this year",
        "recent weeks",
        "in recent days",
        *(f"on {day}" for day in WEEKDAYS),
    ]
)
MONTH_WORDS = st.sampled_from(["in January", "in June", "on November 5", "5 March", "since Dec.", "by Sept"])


@SETTINGS
@given(st.dates(date(1, 1, 1), date(9999, 12, 31)), RELATIVE, TEXT)
def test_relative_dates_resolve_to_the_publication_or_before(published: date, expression: str, noise: str) -> None:
    start = len(noise) + 1
    found = find_dates(f"{noise} {expression} {noise}", published)  # never raises, even in year 1
    for mention in (m for m in found if start <= m.start and m.end <= start + len(expression)):
        assert mention.value.first_day() <= published
        assert mention.value.last_day().toordinal() >= published.toordinal() - 400  # ordinals: no year 0


@SETTINGS
@given(st.one_of(st.none(), st.dates(date(1, 1, 1), date(9999, 12, 31))), MONTH_WORDS, st.text(max_size=200))
def test_month_dates_fall_in_the_year_before_publication(published: date | None, expression: str, noise: str) -> None:
    for mention in find_dates(f"{noise} {expression}. {noise}", published):  # never raises
        if published is not None and mention.value.year not in range(1900, 2100):
            assert published.year - 1 <= mention.value.year <= published.year


READERS = (".txt", ".html", ".jsonl", ".yaml", ".json", "sipri", "gdelt", "acled")
CSV_LINE = st.lists(st.text(st.characters(blacklist_categories=("Cs",)), max_size=12), max_size=16)


def read_any(path: Path, reader: str) -> None:
    if reader in ("sipri", "gdelt", "acled"):
        from eventgraph.importers import import_format
        from eventgraph.importers.common import import_file

        import_file(EventStore(), import_format(reader), path, gazetteer=GAZETTEER)  # reports, never raises
    elif reader in (".yaml", ".json"):
        read_event_file(path, GAZETTEER)
    else:
        list(read_article_file(path))


@pytest.mark.slow
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(
        st.binary(max_size=600),
        st.lists(CSV_LINE, max_size=6).map(lambda rows: "\n".join(",".join(r) for r in rows).encode()),
    ),
    st.sampled_from(READERS),
)
def test_readers_raise_only_their_own_errors_on_any_bytes(content: bytes, reader: str) -> None:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / f"input{reader if reader.startswith('.') else '.csv'}"
        path.write_bytes(content)
        with contextlib.suppress(EventGraphError):
            read_any(path, reader)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400))
def test_jsonl_reader_reports_every_bad_line(text: str) -> None:
    for item in parse_jsonl(text, "corpus.jsonl"):
        assert isinstance(item, EventGraphError) or item.article.title


# -- the mapping round-trips: model -> RDF -> model --------------------------------------------
@pytest.mark.slow
@SETTINGS
@given(ARTICLES, st.lists(EVENTS, max_size=4))
def test_any_article_round_trips_through_the_store_unchanged(article: Article, events: list[Event]) -> None:
    from eventgraph.readback import canonical, read_stored_article

    # events that agree on everything that identifies them are one node in RDF (their statements merge):
    # the round trip is for distinct events
    distinct = list({event_iri(article, e).value: e for e in events}.values())
    document = ArticleEvents(article=article, events=distinct)
    store = EventStore()
    store.write_articles([map_article(document)])
    back = read_stored_article(store, article.id)
    assert back.article == article
    assert back.events == canonical(document).events
