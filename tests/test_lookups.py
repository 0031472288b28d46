"""Lookups over a store built from the seed article and invented articles (tests/invented_reports.py)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventgraph.backends.embedded import EventStore
from eventgraph.cli import cli
from eventgraph.dates import PartialDate
from eventgraph.errors import InvalidValue, NotFoundError
from eventgraph.lookups import (
    DateRange,
    Named,
    Resolver,
    Source,
    TransferReport,
    actor_profile,
    find_paths,
    find_transfers,
    group_transfers,
    list_events,
    timeline,
)
from eventgraph.model import Certainty
from invented_reports import INJECTION_NAME, build_store

PRK = "https://w3id.org/eventgraph/id/country/PRK"
RUS = "https://w3id.org/eventgraph/id/country/RUS"


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("lookups") / "store")


@pytest.fixture
def store(store_path: Path):
    with EventStore(store_path, read_only=True) as opened:
        yield opened


@pytest.fixture
def runner(store_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("EVENTGRAPH_STORE", str(store_path))
    return CliRunner()


def run(runner: CliRunner, *args: str, code: int = 0):
    result = runner.invoke(cli, list(args))
    assert result.exit_code == code, result.output
    return result


# -- names ------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["DPRK", "Pyongyang", "north korean", "North Korea", "country:PRK", PRK])
def test_aliases_resolve_to_the_same_actor(store: EventStore, name: str) -> None:
    assert Resolver(store).resolve(name) == Named(PRK, "North Korea")


def test_ad_hoc_and_injection_looking_names_resolve_to_what_the_store_holds(store: EventStore) -> None:
    resolver = Resolver(store)
    red_star = resolver.resolve("company of the red star")
    assert red_star.label == "Company of the Red Star" and red_star.iri.startswith(
        "https://w3id.org/eventgraph/id/actor/"
    )
    odd = resolver.resolve(INJECTION_NAME)
    assert odd.label == INJECTION_NAME
    reports = find_transfers(store, supplier=odd)
    assert [(r.recipient.label, r.item.label) for r in reports if r.recipient and r.item] == [("Belarus", "small arms")]


def test_unknown_name_suggests_the_closest(store: EventStore) -> None:
    with pytest.raises(NotFoundError, match=r"no actor named 'Nroth Korea'.*did you mean 'North Korea'"):
        Resolver(store).resolve("Nroth Korea")
    with pytest.raises(NotFoundError, match="no actor named"):
        Resolver(store).resolve('x" } DROP ALL #')
    with pytest.raises(NotFoundError, match="no actor named"):  # an eventgraph IRI that is not a valid IRI
        Resolver(store).resolve("https://w3id.org/eventgraph/id/country/x y")
    with pytest.raises(NotFoundError, match="no actor named"):  # stored, but as an item, not an actor
        Resolver(store).resolve(next(iter(store.query("SELECT ?i WHERE { ?e eg:item ?i } LIMIT 1")))["i"].value)


# -- transfers --------------------------------------------------------------------------------
def test_reports_of_the_same_transfer_are_grouped_across_articles(store: EventStore) -> None:
    prk = Resolver(store).resolve("Pyongyang")
    groups = [
        g for g in group_transfers(find_transfers(store, supplier=prk)) if g.item and g.item.label == "kamikaze drones"
    ]
    assert [g.dates for g in groups] == ["2024-11", "2024-12"]  # November (two articles) and the seed's December
    november, december = groups
    assert len(november.reports) == 2 and november.certainty == Certainty.CONFIRMED  # the strongest
    assert {s.outlet for s in november.sources} == {"Example Wire", "Example Daily"}
    assert {s.attributed_to for s in november.sources} == {"Ukraine", "Joint Chiefs of Staff (South Korea)"}
    assert {s.url for s in november.sources} == {"https://example.org/wire/drones", "https://example.org/daily/front"}
    assert len(december.reports) == 1 and december.sources[0].title.startswith("North Korea to Send")


def test_who_supplies_and_filters(store: EventStore) -> None:
    resolver = Resolver(store)
    russia = resolver.resolve("Russian Federation")
    suppliers = {r.supplier.label for r in find_transfers(store, recipient=russia)}
    assert suppliers == {"North Korea", "Company of the Red Star"}
    drones = find_transfers(store, recipient=russia, category="drone")
    assert {r.item.label for r in drones if r.item} == {"kamikaze drones"}
    by_text = find_transfers(store, recipient=russia, item="ROCKET")
    assert {r.item.label for r in by_text if r.item} == {"240mm multiple rocket launcher"}
    with pytest.raises(InvalidValue, match="not a weapon category"):
        find_transfers(store, category="lasers")


def test_date_filters(store: EventStore) -> None:
    prk = Resolver(store).resolve("DPRK")
    november = find_transfers(store, supplier=prk, dates=DateRange.parse("2024-11-01", "2024-11-30"))
    assert {str(r.date) for r in november} == {"2024-11", "2024-11-20"}
    since_december = find_transfers(store, supplier=prk, dates=DateRange.parse(since="2024-12"))
    assert {str(r.date) for r in since_december} == {"2024-12"}  # undated reports are left out
    assert DateRange.parse("2024", "2024-02") == DateRange("2024-01-01", "2024-02-29")
    with pytest.raises(InvalidValue, match="before --since"):
        DateRange.parse("2025", "2024")


def _report(date: str | None, certainty: Certainty = Certainty.REPORTED, article: str = "a") -> TransferReport:
    return TransferReport(
        event=f"e-{date}-{article}",
        supplier=Named("s", "S"),
        recipient=Named("r", "R"),
        item=Named("i", "I"),
        category="",
        date=PartialDate.parse(date) if date else None,
        certainty=certainty,
        status="occurred",
        quantity="",
        quote="",
        source=Source(article=article, title=article),
    )


def test_grouping_rules() -> None:
    overlapping = group_transfers(
        [_report("2024-06"), _report("2024-06-10", Certainty.ALLEGED, "b"), _report("2024-08", article="c")]
    )
    assert [(g.dates, len(g.reports)) for g in overlapping] == [("2024-06", 2), ("2024-08", 1)]
    year = group_transfers([_report("2024"), _report("2024-03", article="b"), _report(None, article="c")])
    assert [(g.dates, len(g.reports)) for g in year] == [("2024", 3)]  # the undated one joins the only group
    split = group_transfers([_report("2023"), _report("2025", article="b"), _report(None, article="c")])
    assert [(g.dates, len(g.reports)) for g in split] == [("2023", 1), ("2025", 1), ("", 1)]


# -- events, profile, timeline, path ----------------------------------------------------------
def test_events_filters(store: EventStore) -> None:
    resolver = Resolver(store)
    attacks = list_events(store, event_type="attack")
    assert [r["actors"] for r in attacks.records] == ["North Korea; Russia"]
    in_russia = list_events(
        store, place=resolver.resolve("Russia", what="place", classes=frozenset({"Place", "Country"}))
    )
    assert [r["places"] for r in in_russia.records] == ["Kursk Oblast"]  # Kursk Oblast is in Russia
    dates = [r["date"] for r in list_events(store, actor=resolver.resolve("DPRK")).records if r["date"]]
    assert dates == sorted(dates)
    empty = list_events(store, actor=resolver.resolve("Belarus"), event_type="attack")
    assert len(empty) == 0 and empty.empty == "No attack events involving Belarus in the store."


def test_actor_profile(store: EventStore) -> None:
    profile = actor_profile(store, Resolver(store).resolve("DPRK"))
    assert (profile.kind, profile.iso3, profile.wikidata) == ("Country", "PRK", "Q423")
    assert "DPRK" in profile.aliases
    assert profile.events == 10 and (profile.first, profile.last) == ("2024-06", "2024-12")
    transfers = next(r for r in profile.roles if r["type"] == "transfer" and r["role"] == "actor")
    assert transfers == {"type": "transfer", "role": "actor", "events": 5, "articles": 3}
    assert profile.partners[0]["partner"]["label"] == "Russia" and profile.partners[0]["events"] == 9
    assert len(profile.sources) == 3
    jcs = actor_profile(store, Resolver(store).resolve("JCS"))  # a source of claims, not a participant
    assert jcs.events == 0 and {(r["role"], r["type"]) for r in jcs.roles} >= {("attributed to", "transfer")}


def test_timeline_and_path(store: EventStore) -> None:
    resolver = Resolver(store)
    rows = timeline(store, resolver.resolve("Russia"), dates=DateRange.parse("2024-11", "2024-11")).records
    assert {(r["role"], r["counterparts"]) for r in rows} == {("recipient", "North Korea")}
    paths = find_paths(store, resolver.resolve("Ukraine"), resolver.resolve("Company of the Red Star"))
    assert [[(h.source.label, h.target.label) for h in p] for p in paths] == [
        [("Ukraine", "Russia"), ("Russia", "Company of the Red Star")]
    ]
    assert paths[0][0].events[0]["type"] == "attack"
    assert find_paths(store, resolver.resolve("Belarus"), resolver.resolve("Ukraine")) == []


# -- the command line -------------------------------------------------------------------------
def test_cli_transfers_formats(runner: CliRunner) -> None:
    table = run(runner, "transfers", "--from", "DPRK", "--to", "Russia", "--item", "drone").output
    assert "kamikaze drones" in table and "(2 rows)" in table
    records = json.loads(run(runner, "transfers", "--from", "Pyongyang", "--item", "drone", "--format", "json").output)
    assert [(r["dates"], r["reports"], r["certainty"]) for r in records] == [
        ("2024-11", 2, "confirmed"),
        ("2024-12", 1, "reported"),
    ]
    assert {s["outlet"] for s in records[0]["sources"]} == {"Example Wire", "Example Daily"}
    rows = list(csv.DictReader(io.StringIO(run(runner, "transfers", "--to", "Belarus", "--format", "csv").output)))
    assert [(r["supplier"], r["item"]) for r in rows] == [(INJECTION_NAME, "small arms")]
    reports = run(runner, "transfers", "--from", "DPRK", "--item", "drone", "--reports").output
    assert "(3 rows)" in reports and "Drones made in Pyongyang were delivered" in reports


def test_cli_unknown_and_empty(runner: CliRunner) -> None:
    unknown = run(runner, "transfers", "--from", "Nroth Korea", code=1)
    assert unknown.output.startswith("Error: no actor named 'Nroth Korea'") and "'North Korea'" in unknown.output
    empty = run(runner, "transfers", "--from", "Ukraine")
    assert empty.output == "No transfers from Ukraine in the store.\n"
    as_json = run(runner, "transfers", "--from", "Ukraine", "--format", "json")
    assert json.loads(as_json.stdout) == [] and "No transfers" in as_json.stderr
    dated = run(runner, "events", "--actor", "Belarus", "--since", "2025")
    assert dated.output == "No events involving Belarus since 2025-01-01 in the store.\n"
    assert run(runner, "events", "--since", "2024-13", code=1).output.startswith("Error: '2024-13' is not a real date")


@pytest.mark.slow
def test_cli_actor_timeline_path_events(runner: CliRunner) -> None:
    profile = run(runner, "actor", "Pyongyang").output
    assert profile.startswith("North Korea (Country)") and "Wikidata Q423" in profile and "Main partners" in profile
    as_json = json.loads(run(runner, "actor", "DPRK", "--format", "json").output)
    assert as_json["iso3"] == "PRK"
    assert "section,name,detail,events" in run(runner, "actor", "DPRK", "--format", "csv").output
    assert "recipient" in run(runner, "timeline", "Russia", "--until", "2024-06").output
    path = run(runner, "path", "Ukraine", "DPRK").output
    assert "Ukraine" in path and "North Korea" in path and "attack" in path
    events = list(csv.DictReader(io.StringIO(run(runner, "events", "--type", "agreement", "--format", "csv").output)))
    assert [e["items"] for e in events][0].startswith("Treaty on Comprehensive Strategic Partnership")


def test_cli_events_a_page_at_a_time(runner: CliRunner) -> None:
    """--limit/--offset print one page of the listing in its order, and say on stderr where it lies."""
    every = json.loads(run(runner, "events", "--format", "json").output)
    assert len(every) > 4
    page = runner.invoke(cli, ["events", "--format", "json", "--limit", "2", "--offset", "1"])
    assert page.exit_code == 0 and json.loads(page.stdout) == every[1:3]
    assert f"(rows 2-3 of {len(every)}; --offset 3 for the next page)" in page.stderr
    last = runner.invoke(cli, ["events", "--offset", str(len(every) - 1)])
    assert last.stdout.count("\n") == 4 and f"(rows {len(every)}-{len(every)} of {len(every)})" in last.stderr
    beyond = runner.invoke(cli, ["events", "--offset", str(len(every)), "--format", "csv"])
    assert beyond.exit_code == 0 and f"No rows from offset {len(every)}: the answer has {len(every)}." in beyond.stderr
    undisputed = json.loads(run(runner, "events", "--undisputed", "--format", "json").output)
    page = runner.invoke(cli, ["events", "--undisputed", "--format", "json", "--limit", "1", "--offset", "1"])
    assert json.loads(page.stdout) == undisputed[1:2]  # the page of what the filter keeps
    run(runner, "events", "--limit", "0", code=2)


def test_lookups_are_named_queries_listed_by_queries(runner: CliRunner) -> None:
    listing = run(runner, "queries").output
    for name in (
        "transfers",
        "event-list",
        "actor",
        "actor-roles",
        "actor-partners",
        "actor-sources",
        "actor-timeline",
        "graph",
        "entity-names",
    ):
        assert f"{name}:" in listing, name
    bound = run(
        runner,
        "query",
        "--name",
        "transfers",
        "--param",
        "supplier=country:PRK",
        "--param",
        "itemText=drone",
        "--format",
        "csv",
    ).output
    assert len(list(csv.DictReader(io.StringIO(bound)))) == 3
    injected = run(
        runner,
        "query",
        "--name",
        "transfers",
        "--param",
        'itemText=") } DELETE WHERE { ?s ?p ?o } #',
        "--format",
        "csv",
    ).output
    assert len(list(csv.DictReader(io.StringIO(injected)))) == 0
    assert "(12 rows)" in run(runner, "query", "--name", "events").output  # nothing was deleted


def _canonical(row) -> tuple[str, ...]:
    """A row's values as text, GROUP_CONCAT lists in sorted order (SPARQL leaves their order to the engine)."""
    return tuple("" if row[i] is None else "; ".join(sorted(row[i].value.split("; "))) for i in range(len(row)))


ACTOR_BINDINGS = [
    {},
    {"actor": RUS},
    {"actor": PRK, "since": "2024-06-01"},
    {"supplier": PRK},
    {"supplier": PRK, "recipient": RUS, "until": "2024-10-31"},
    {"itemText": "drone"},
]


@pytest.mark.parametrize("name", sorted(__import__("eventgraph.queries", fromlist=["x"]).named_queries()))
def test_lateral_optionals_give_the_same_answers(store: EventStore, name: str) -> None:
    """The embedded store runs named queries with LATERAL optionals; every answer must equal the plain text's."""
    import pyoxigraph as ox

    from eventgraph.queries import lateral_optionals, named_query

    query = named_query(name)
    lateral = query.text_for(store)
    assert lateral == lateral_optionals(query.text)
    params = {p.name for p in query.parameters}
    tried = 0
    for bindings in ACTOR_BINDINGS:
        if not set(bindings) <= params:
            continue
        terms = {k: ox.NamedNode(v) if v.startswith("https:") else ox.Literal(v) for k, v in bindings.items()}
        plain, wrapped = (sorted(_canonical(row) for row in store.query(text, terms)) for text in (query.text, lateral))
        assert plain == wrapped, bindings
        tried += 1
    assert tried, "every named query runs at least unbound or with one of the bindings"


def test_lateral_wraps_only_one_line_optionals_on_the_event_or_article() -> None:
    from eventgraph.queries import lateral_optionals

    text = (
        "SELECT * WHERE {\n  ?event a eg:Event ; prov:wasDerivedFrom ?article .\n"
        "  OPTIONAL { ?event eg:evidence/oa:hasTarget/oa:hasSelector/oa:exact ?quote }\n"
        "    OPTIONAL { ?article eg:url ?url }  \n  OPTIONAL { ?actor eg:iso3 ?iso3 }\n"
        "  OPTIONAL { ?eventual eg:x ?y }\n  OPTIONAL {\n    ?event eg:date ?d }\n"
        "  OPTIONAL { ?event eg:actor ?o FILTER(?o != ?actor) }\n  { # lateral: found from ?event\n"
        "    ?member eg:actor ?o }\n  { # a plain group\n  }\n}"
    )
    assert lateral_optionals(text).splitlines()[2:] == [
        "  LATERAL { OPTIONAL { ?event eg:evidence/oa:hasTarget/oa:hasSelector/oa:exact ?quote } }",
        "    LATERAL { OPTIONAL { ?article eg:url ?url } }",
        "  OPTIONAL { ?actor eg:iso3 ?iso3 }",
        "  OPTIONAL { ?eventual eg:x ?y }",
        "  OPTIONAL {",
        "    ?event eg:date ?d }",
        "  LATERAL { OPTIONAL { ?event eg:actor ?o FILTER(?o != ?actor) } }",
        "  LATERAL { # found from ?event",
        "    ?member eg:actor ?o }",
        "  { # a plain group",
        "  }",
        "}",
    ]
