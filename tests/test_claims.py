"""Claims and counter-claims: invented articles in which one side asserts an event and another denies it.

Each test writes its articles (the project's own words) and ingests them through the CLI, as a user would.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from eventgraph.backends.embedded import EventStore
from eventgraph.cli import cli
from eventgraph.errors import InputError
from eventgraph.eventfile import parse_event_document
from eventgraph.lookups.claims import ClaimIndex, store_has_claims
from eventgraph.model import Stance
from eventgraph.validate import validate_quads
from eventgraph.vocab import EG, ID, RDF

REPO = Path(__file__).resolve().parents[1]
SIPRI = Path(__file__).resolve().parent / "data" / "importers" / "sipri_register_utf8.csv"

ACCUSED = """Ukraine accuses Belarus of sending tanks to Russia

Ukraine's defence ministry said on Monday that Belarus delivered 40 T-72 tanks to Russia in April. \
Belarus denied sending tanks to Russia. Russia also rejected the claim. \
Separately, Belarus delivered artillery shells to Kazakhstan in March.
"""
ADMITTED = """Iran admits early drone shipments to Russia

Ukraine said Iran delivered Shahed drones to Russia in October 2022. Iran's foreign minister admitted that \
Iran sent a small number of drones to Russia in 2021. Tehran denied any deliveries of drones after February 2022.
"""
ASSERTING = """Poland says Belarus sent tanks to Russia

Poland's foreign ministry said Belarus delivered T-72 tanks to Russia in April 2024.
"""
DENYING = """Minsk rejects tank claims

Belarus denied delivering T-72 tanks to Russia.
"""
NOTHING_DENIED = """Officials deny everything

Moscow denied everything. The ministry rejected the claim. Nobody denied it.
"""


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "store"


@pytest.fixture
def runner(store_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("EVENTGRAPH_STORE", str(store_path))
    return CliRunner()


def run(runner: CliRunner, *args: str, code: int = 0):
    result = runner.invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == code, result.output
    return result


def as_json(runner: CliRunner, *args: str) -> list[dict]:
    return json.loads(run(runner, *args, "--format", "json").stdout)


def ingest_text(runner: CliRunner, tmp_path: Path, name: str, text: str, published: str) -> str:
    path = tmp_path / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    return run(runner, "ingest", str(path), "--published", published).stdout


def side(record: dict, stance_supports: bool) -> dict[str, list[str]]:
    """Claimant -> quotes of the claims on one side of a disputed event."""
    out: dict[str, list[str]] = {}
    for claim in record["claims"]:
        if Stance(claim["stance"]).supports == stance_supports:
            out.setdefault(claim["claimant_label"], []).append(claim["quote"])
    return out


def article_ids(runner: CliRunner) -> list[str]:
    return [row["id"] for row in json.loads(run(runner, "stats", "--articles", "--format", "json").stdout)["articles"]]


# -- one article: an accusation and two denials ---------------------------------------------------------
@pytest.mark.slow
def test_an_accused_transfer_is_disputed_with_both_sides_and_their_quotes(runner: CliRunner, tmp_path: Path) -> None:
    ingest_text(runner, tmp_path, "accused", ACCUSED, "2024-05-02")
    disputes = as_json(runner, "disputes")
    assert len(disputes) == 1  # the shells for Kazakhstan, asserted and denied by nobody, are not listed
    record = disputes[0]
    assert record["type"] == "transfer" and record["items"] == ["T-72"] and record["dates"] == "2024-04"
    assert record["asserted_by"] == ["Ministry of Defence of Ukraine"]
    assert record["denied_by"] == ["Belarus", "Russia"]
    assert record["corroboration"] == {"asserting": 1, "denying": 2}
    assert side(record, False) == {
        "Belarus": ["Belarus denied sending tanks to Russia."],
        "Russia": ["Russia also rejected the claim."],
    }
    assert side(record, True)["Ministry of Defence of Ukraine"][0].startswith("Ukraine's defence ministry said")
    table = run(runner, "disputes").stdout
    assert "against  Belarus" in table and "against  Russia" in table and "for      Ministry of Defence" in table
    csv_lines = run(runner, "disputes", "--format", "csv").stdout.splitlines()
    assert csv_lines[0].startswith("event,dates,side,claimant,stance") and len(csv_lines) == 4


def test_transfers_and_events_show_who_asserts_and_who_denies(runner: CliRunner, tmp_path: Path) -> None:
    ingest_text(runner, tmp_path, "accused", ACCUSED, "2024-05-02")
    groups = {g["item"]["label"]: g for g in as_json(runner, "transfers", "--from", "Belarus")}
    assert groups["T-72"]["asserted_by"] == ["Ministry of Defence of Ukraine"]
    assert groups["T-72"]["denied_by"] == ["Belarus", "Russia"]
    assert groups["artillery shells"]["denied_by"] == []
    disputed = as_json(runner, "transfers", "--from", "Belarus", "--disputed")
    undisputed = as_json(runner, "transfers", "--from", "Belarus", "--undisputed")
    assert [g["item"]["label"] for g in disputed] == ["T-72"]
    assert [g["item"]["label"] for g in undisputed] == ["artillery shells"]
    reports = as_json(runner, "transfers", "--from", "Belarus", "--reports", "--disputed")
    assert [r["items"] for r in reports] == [["T-72"]] and reports[0]["denied_by"] == ["Belarus", "Russia"]
    events = as_json(runner, "events", "--disputed")
    assert [e["items"] for e in events] == ["T-72"] and events[0]["asserted_by"] == ["Ministry of Defence of Ukraine"]
    assert [e["items"] for e in as_json(runner, "events", "--undisputed")] == ["artillery shells"]
    assert "asserted by" in run(runner, "events").stdout.splitlines()[0]


def test_events_disputed_reads_only_the_disputed_events(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--disputed starts from the disputed groups' events, from the index and from SPARQL alike."""
    from eventgraph.index import queries as indexqueries
    from eventgraph.lookups import common
    from eventgraph.lookups.claims import ClaimIndex
    from eventgraph.lookups.events import list_events

    ingest_text(runner, tmp_path, "accused", ACCUSED, "2024-05-02")
    ingest_text(runner, tmp_path, "asserting", ASSERTING, "2024-05-03")
    assert (
        "No disputed sanction events in the store." in run(runner, "events", "--disputed", "--type", "sanction").stdout
    )
    asked: list[int] = []
    original = indexqueries.QUERIES["event-list"]

    def spy(db: object, bindings: dict) -> list:
        asked.append(len(bindings.get(indexqueries.AMONG, ())))
        return original(db, bindings)

    monkeypatch.setitem(indexqueries.QUERIES, "event-list", spy)
    with EventStore(tmp_path / "store", read_only=True) as store:
        claims = ClaimIndex(store)
        from_index = list_events(store, claims=claims, disputed=True).records
        assert asked == [2]  # the two reports of the T-72 delivery, not every event in the store
        monkeypatch.setattr(common, "lookup_index", lambda _store: None)
        from_sparql = list_events(store, claims=claims, disputed=True).records
        everything = list_events(store, claims=claims).records
    assert from_index == from_sparql and [e["items"] for e in from_index] == ["T-72", "T-72"]
    assert from_index == [e for e in everything if e["denied_by"]]


def test_the_index_narrows_the_kin_of_claimed_events_to_the_same_answer(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the lookup index the kin are found from its candidates, without it by SPARQL alone: the same."""
    from eventgraph.index import queries as indexqueries
    from eventgraph.lookups import claims as claims_module

    for name, text, published in (
        ("accused", ACCUSED, "2024-05-02"),
        ("asserting", ASSERTING, "2024-05-03"),
        ("denying", DENYING, "2024-05-20"),
        ("admitted", ADMITTED, "2023-02-01"),
    ):
        ingest_text(runner, tmp_path, name, text, published)
    found: list[int] = []
    original = indexqueries.identity_candidates

    def spy(db: object, identities: object) -> list[tuple[str, str]]:
        pairs = original(db, identities)  # type: ignore[arg-type]
        found.append(len(pairs))
        return pairs

    monkeypatch.setattr(indexqueries, "identity_candidates", spy)

    def answers() -> tuple[list[dict], dict[str, list[str]]]:
        with EventStore(tmp_path / "store", read_only=True) as store:
            groups = [g.record() for g in claims_module.claimed_events(store, against=False)]
            index = claims_module.ClaimIndex(store)
            return groups, {iri: group.iris for iri, group in sorted(index.groups.items())}

    with_index = answers()
    assert found and found[0] >= 4  # the T-72 reports of three articles and the drones of two
    monkeypatch.setattr(claims_module, "lookup_index", lambda _store: None)
    found.clear()
    assert answers() == with_index and not found
    assert len(with_index[0]) >= 2 and any(len(g["events"]) >= 3 for g in with_index[0])


# -- a denial limited to a period -----------------------------------------------------------------------
def test_a_denial_limited_to_a_period_leaves_an_admitted_earlier_transfer_confirmed(
    runner: CliRunner, tmp_path: Path
) -> None:
    ingest_text(runner, tmp_path, "admitted", ADMITTED, "2022-11-05")
    disputes = as_json(runner, "disputes")
    assert [d["dates"] for d in disputes] == ["2022-10"]
    assert disputes[0]["denied_by"] == ["Iran"]
    assert disputes[0]["claims"][-1]["scope"] == "2022-03/"
    by_date = {g["dates"]: g for g in as_json(runner, "transfers", "--from", "Iran")}
    earlier = by_date["2021"]
    assert earlier["certainty"] == "confirmed"
    assert earlier["asserted_by"] == ["Iran"] and earlier["denied_by"] == []
    chronology = as_json(runner, "claims", earlier["events"][0])[0]
    assert [(c["stance"], c["claimant_label"]) for c in chronology["claims"]] == [("confirms", "Iran")]
    assert by_date["2022-10"]["denied_by"] == ["Iran"]


def test_the_scope_decides_which_stored_events_a_denial_reaches(runner: CliRunner, tmp_path: Path) -> None:
    """An article that only denies, with a scope, against deliveries before and after it."""
    files = {
        "assert.yaml": {
            "article": {"id": "claims-assert", "title": "Deliveries reported", "published": "2023-03-01"},
            "events": [
                {
                    "type": "transfer",
                    "actor": ["Iran"],
                    "recipient": ["Russia"],
                    "items": ["Shahed-136"],
                    "date": "2021-06",
                    "attributed_to": ["Ukraine"],
                },
                {
                    "type": "transfer",
                    "actor": ["Iran"],
                    "recipient": ["Russia"],
                    "items": ["Shahed-136"],
                    "date": "2022-10",
                    "attributed_to": ["Ukraine"],
                },
            ],
        },
        "deny.yaml": {
            "article": {"id": "claims-deny", "title": "No deliveries since the war", "published": "2023-03-02"},
            "events": [
                {
                    "type": "transfer",
                    "actor": ["Iran"],
                    "recipient": ["Russia"],
                    "items": ["drones"],
                    "denied_by": ["Iran"],
                    "denial_scope": "2022-03/..",
                }
            ],
        },
    }
    for name, data in files.items():
        (tmp_path / name).write_text(json.dumps(data), encoding="utf-8")
        (tmp_path / name).rename(tmp_path / name.replace(".yaml", ".json"))
    run(runner, "ingest", str(tmp_path / "assert.json"), str(tmp_path / "deny.json"))
    assert [d["dates"] for d in as_json(runner, "disputes")] == ["2022-10"]
    assert [d["dates"] for d in as_json(runner, "disputes", "--until", "2022-09")] == []
    assert [d["dates"] for d in as_json(runner, "disputes", "--actor", "Iran", "--type", "transfer")] == ["2022-10"]
    assert as_json(runner, "disputes", "--type", "attack") == []


# -- two articles -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("removed", ["asserting", "denying"])
def test_two_articles_give_one_disputed_event_and_removing_either_ends_it(
    runner: CliRunner, tmp_path: Path, removed: str
) -> None:
    ingest_text(runner, tmp_path, "asserting", ASSERTING, "2024-05-03")
    ingest_text(runner, tmp_path, "denying", DENYING, "2024-05-20")
    disputes = as_json(runner, "disputes")
    assert len(disputes) == 1
    record = disputes[0]
    assert record["sources"] == 2 and len(record["events"]) == 2
    assert record["asserted_by"] == ["Poland's foreign ministry"] and record["denied_by"] == ["Belarus"]
    assert [c["date"] for c in record["claims"]] == ["2024-05-03", "2024-05-20"]  # in date order
    before = run(runner, "disputes", "--format", "json").stdout
    for name, text, published in (("asserting", ASSERTING, "2024-05-03"), ("denying", DENYING, "2024-05-20")):
        assert "1 unchanged" in ingest_text(runner, tmp_path, name, text, published)
    assert run(runner, "disputes", "--format", "json").stdout == before
    gone = next(
        a for a in article_ids(runner) if a.startswith("poland-says" if removed == "asserting" else "minsk-rejects")
    )
    run(runner, "remove", gone)
    assert as_json(runner, "disputes") == []
    assert "No disputed events in the store." in run(runner, "disputes").stdout


def test_a_data_set_row_and_an_article_denial_are_a_dispute(runner: CliRunner, tmp_path: Path) -> None:
    run(runner, "import", "sipri", str(SIPRI))
    denial = {
        "article": {
            "id": "tehran-rejects",
            "title": "Tehran rejects drone accusations",
            "published": "2023-01-15",
            "outlet": "Example Wire",
            "text": "The foreign ministry rejected reports that Iran supplies drones to Russia.",
        },
        "events": [
            {
                "type": "transfer",
                "actor": ["Iran"],
                "recipient": ["Russia"],
                "items": ["drones"],
                "claims": [
                    {
                        "stance": "denies",
                        "by": ["Iran"],
                        "evidence": "The foreign ministry rejected reports that Iran supplies drones to Russia.",
                    }
                ],
            }
        ],
    }
    (tmp_path / "denial.json").write_text(json.dumps(denial), encoding="utf-8")
    run(runner, "ingest", str(tmp_path / "denial.json"))
    disputes = {tuple(d["items"]): d for d in as_json(runner, "disputes", "--actor", "Iran")}
    shahed = disputes[("Shahed-136",)]
    assert shahed["asserted_by"] == ["Stockholm International Peace Research Institute"]
    assert shahed["denied_by"] == ["Iran"] and shahed["sources"] == 2
    assert ("Fath-360",) not in disputes  # a missile: the denial of drones does not reach it
    transfers = {g["item"]["label"]: g for g in as_json(runner, "transfers", "--from", "Iran", "--to", "Russia")}
    assert "drones" not in transfers  # a transfer only denied is no report of one
    assert transfers["Shahed-136"]["denied_by"] == ["Iran"] and transfers["Fath-360"]["denied_by"] == []


# -- validation, round trip, lookups by id ------------------------------------------------------------------
@pytest.mark.slow
def test_validate_passes_and_the_yaml_round_trip_keeps_the_claims(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ingest_text(runner, tmp_path, "accused", ACCUSED, "2024-05-02")
    ingest_text(runner, tmp_path, "admitted", ADMITTED, "2022-11-05")
    assert "conforms" in run(runner, "validate").stdout
    before = as_json(runner, "disputes")
    drafts = []
    for number, article in enumerate(article_ids(runner)):
        draft = tmp_path / f"draft{number}.yaml"
        run(runner, "article", article, "--format", "yaml", "-o", str(draft))
        assert "claims:" in draft.read_text(encoding="utf-8")
        drafts.append(draft)
        run(runner, "ingest", str(draft))  # in the article's place
    assert as_json(runner, "disputes") == before
    monkeypatch.setenv("EVENTGRAPH_STORE", str(tmp_path / "fresh"))
    run(runner, "ingest", *map(str, drafts))
    assert as_json(runner, "disputes") == before
    assert "conforms" in run(runner, "validate").stdout


def test_claims_gives_the_chronology_of_one_event(runner: CliRunner, tmp_path: Path) -> None:
    ingest_text(runner, tmp_path, "asserting", ASSERTING, "2024-05-03")
    ingest_text(runner, tmp_path, "denying", DENYING, "2024-05-20")
    event = as_json(runner, "events", "--type", "transfer")[0]["event"]
    record = as_json(runner, "claims", event)[0]
    assert [(c["date"], c["stance"], c["claimant_label"]) for c in record["claims"]] == [
        ("2024-05-03", "asserts", "Poland's foreign ministry"),
        ("2024-05-20", "denies", "Belarus"),
    ]
    assert as_json(runner, "claims", event.removeprefix(f"{ID}event/")) == [record]
    table = run(runner, "claims", event).stdout
    assert table.index("asserts") < table.index("denies")
    missing = run(runner, "claims", "0123456789abcdef01234567", code=1)
    assert "Error: no event '0123456789abcdef01234567' in the store" in missing.output
    assert "Error:" in run(runner, "claims", "event/a b", code=1).output


def test_a_denial_that_names_no_event_is_ignored(runner: CliRunner, tmp_path: Path) -> None:
    out = ingest_text(runner, tmp_path, "nothing", NOTHING_DENIED, "2024-05-20")
    assert "1 added" in out and "(0 events" in out
    assert as_json(runner, "disputes") == []
    with EventStore(tmp_path / "store", read_only=True) as store:
        assert not store_has_claims(store)


def test_stores_without_claims_keep_working(runner: CliRunner) -> None:
    run(runner, "ingest", str(REPO / "data" / "examples"))
    events = as_json(runner, "events")
    assert events and all(e["denied_by"] == [] and e["asserted_by"] for e in events)
    attributed = [e for e in events if e["source"]["attributed_to"]]
    assert attributed and all(e["asserted_by"] == e["source"]["attributed_to"].split("; ") for e in attributed)
    assert as_json(runner, "disputes") == []
    assert as_json(runner, "events", "--disputed") == []
    assert len(as_json(runner, "events", "--undisputed")) == len(events)


def test_the_named_queries_behind_disputes_run_over_sparql(runner: CliRunner, tmp_path: Path) -> None:
    """A SPARQL user takes the lookup's three steps: claimed events, their kin, the facts of each."""
    ingest_text(runner, tmp_path, "accused", ACCUSED, "2024-05-02")

    def bindings(*args: str) -> list[dict]:
        return json.loads(run(runner, "query", *args, "--format", "json").stdout)["results"]["bindings"]

    denied = [b["event"]["value"] for b in bindings("--name", "claimed-events")]
    everything = [b["event"]["value"] for b in bindings("--name", "claimed-events", "-p", "all=1")]
    assert denied and set(denied) <= set(everything)
    members = {b["member"]["value"] for e in denied for b in bindings("--name", "event-members", "-p", f"event={e}")}
    assert set(denied) <= members
    facts = {
        (b["fact"]["value"], b.get("valueLabel", b["value"])["value"])
        for m in sorted(members)
        for b in bindings("--name", "event-facts", "-p", f"member={m}")
    }
    assert ("claimant", "Belarus") in facts and ("claimant", "Russia") in facts
    assert ("stance", "denies") in facts  # the ontology labels eg:Denies
    with EventStore(tmp_path / "store", read_only=True) as store:
        index = ClaimIndex(store)
        assert index.groups and any(group.disputed for group in index.groups.values())


def test_a_dispute_is_read_in_bounded_steps(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """More claimed events than one VALUES block holds are read a block at a time, with the same answer."""
    from eventgraph.lookups import claims as claims_module

    ingest_text(runner, tmp_path, "accused", ACCUSED, "2024-05-02")
    ingest_text(runner, tmp_path, "asserting", ASSERTING, "2024-05-03")
    ingest_text(runner, tmp_path, "denying", DENYING, "2024-05-20")
    whole = run(runner, "disputes", "--format", "json").stdout
    assert len(json.loads(whole)[0]["events"]) > 2  # one event reported in three articles
    monkeypatch.setattr(claims_module, "BOUND_ROWS", 1)
    seen: list[str] = []
    original = claims_module.bind_rows

    def counting(text: str, names: list[str], rows: list[list[object]]) -> str:
        seen.append(f"{names[0]}:{len(list(rows))}")
        return original(text, names, rows)

    monkeypatch.setattr(claims_module, "bind_rows", counting)
    assert run(runner, "disputes", "--format", "json").stdout == whole
    assert seen and all(s.endswith(":1") for s in seen) and len({s for s in seen if s.startswith("member")}) == 1
    assert sum(s.startswith("member") for s in seen) > 1  # several members, one query each


# -- the event file ---------------------------------------------------------------------------------------
def event_document(**event: object) -> dict:
    base = {"type": "transfer", "actor": ["Belarus"], "recipient": ["Russia"]}
    return {"article": {"title": "t", "published": "2024-01-02"}, "events": [{**base, **event}]}


@pytest.mark.parametrize(
    ("event", "message"),
    [
        ({"claims": "denied"}, "events[0].claims: must be a list of claims"),
        ({"claims": [{"stance": "doubts", "by": ["Belarus"]}]}, "events[0].claims[0].stance: 'doubts' is not one of"),
        ({"claims": [{"by": ["Belarus"]}]}, "events[0].claims[0].stance: missing"),
        ({"claims": [{"stance": "denies", "who": ["Belarus"]}]}, "events[0].claims[0]: unknown field(s): who"),
        ({"claims": [{"stance": "denies", "scope": "2024/2023"}]}, "scope: the scope ends (2023) before it starts"),
        ({"claims": [{"stance": "denies", "scope": "soon/"}]}, "events[0].claims[0].scope: 'soon' is not a date"),
        ({"denial_scope": "2022-03/"}, "events[0].denial_scope: a denial scope needs 'denied_by'"),
    ],
)
def test_bad_claims_in_an_event_file_name_the_field(event: dict, message: str) -> None:
    with pytest.raises(InputError) as error:
        parse_event_document(event_document(**event), location="f.yaml")
    assert message in str(error.value)


def test_the_short_forms_of_the_guidelines_read_as_claims() -> None:
    document = parse_event_document(
        event_document(
            attributed_to=["Ukraine"],
            denied_by=["Belarus", "Russia"],
            confirmed_by=["Belarus"],
            denial_scope="/2022-02",
        ),
        location="f.yaml",
    ).document
    claims = document.events[0].claims
    assert [(c.stance, [e.label for e in c.claimants]) for c in claims] == [
        (Stance.ASSERTS, ["Ukraine"]),
        (Stance.DENIES, ["Belarus"]),
        (Stance.DENIES, ["Russia"]),
        (Stance.CONFIRMS, ["Belarus"]),
    ]
    assert str(claims[1].scope.until) == "2022-02" and claims[1].scope.since is None
    assert not claims[3].scope


# -- shapes -------------------------------------------------------------------------------------------------
def test_a_claim_about_no_event_violates_the_shapes() -> None:
    claim = ox.NamedNode(f"{ID}event/x/claim/y")
    article = ox.NamedNode(f"{ID}article/a")
    quads = [
        ox.Quad(claim, RDF.type, EG.Claim),
        ox.Quad(claim, EG.stance, EG.Denies),
        ox.Quad(claim, ox.NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom"), article),
    ]
    report = validate_quads(quads)
    assert not report.conforms
    assert any("a claim about no event" in v.message for v in report.violations)
    quads.append(ox.Quad(claim, EG.stance, EG.Reported))
    assert any("exactly one eg:stance" in v.message for v in validate_quads(quads).violations)


# -- the reader across sentences, and retractions -----------------------------------------------------------
def test_a_denial_without_a_named_subject_is_the_accused_partys_and_a_retraction_ends_support(
    runner: CliRunner, tmp_path: Path
) -> None:
    text = (
        "Tanks for Russia\n\nUkraine said Belarus delivered T-72 tanks to Russia in April 2024. "
        "The ministry rejected the claim on Tuesday.\n"
    )
    ingest_text(runner, tmp_path, "unnamed", text, "2024-05-20")
    record = as_json(runner, "disputes")[0]
    assert record["asserted_by"] == ["Ukraine"] and record["denied_by"] == ["Belarus"]
    assert side(record, False) == {"Belarus": ["The ministry rejected the claim on Tuesday."]}
    retracted = text.replace("on Tuesday.\n", "on Tuesday. Later, Ukraine retracted its report.\n")
    assert "replaced" in ingest_text(runner, tmp_path, "unnamed", retracted, "2024-05-20")
    assert as_json(runner, "disputes") == []  # nobody asserts it any more
    event = as_json(runner, "events")[0]
    assert event["asserted_by"] == [] and event["denied_by"] == ["Belarus", "Ukraine"]
    stances = [c["stance"] for c in as_json(runner, "claims", event["event"])[0]["claims"]]
    assert sorted(stances) == ["asserts", "denies", "retracts"]


# -- the README's worked example, and the views ----------------------------------------------------------------
def readme_block(command: str) -> list[str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    start = readme.index(f"$ {command}\n") + len(command) + 3
    return readme[start : readme.index("\n$ ", start)].splitlines()


def test_the_readme_worked_example_is_what_the_commands_print(runner: CliRunner) -> None:
    run(runner, "ingest", str(REPO / "docs" / "claims-example.txt"), "--published", "2024-05-02")
    assert run(runner, "disputes").stdout.splitlines() == readme_block("eventgraph disputes")
    assert run(runner, "transfers", "--to", "Russia").stdout.splitlines() == readme_block(
        "eventgraph transfers --to Russia"
    )
    event = as_json(runner, "disputes")[0]["event"].rsplit("/", 1)[1]
    assert f"$ eventgraph claims {event} --format csv" in (REPO / "README.md").read_text(encoding="utf-8")
    assert len(run(runner, "claims", event, "--format", "csv").stdout.splitlines()) == 4
    assert [t["item"]["label"] for t in as_json(runner, "transfers", "--from", "Belarus", "--undisputed")] == [
        "artillery shells"
    ]


def test_the_views_make_disputed_events_stand_out_and_list_the_claims(runner: CliRunner, tmp_path: Path) -> None:
    from eventgraph.lookups import graph_records
    from eventgraph.projections import event_graph
    from eventgraph.views import graph_data, render_html

    ingest_text(
        runner,
        tmp_path,
        "accused",
        ACCUSED.replace("Russia also rejected the claim.", "Russia also rejected the claim as <b>absurd</b>."),
        "2024-05-02",
    )
    with EventStore(tmp_path / "store", read_only=True) as store:
        graph = event_graph(graph_records(store))
    data = graph_data(graph, title="t", view="events")
    events = {n["info"].get("summary", ""): n["info"] for n in data["nodes"] if n["kind"] == "event"}
    tanks = next(info for label, info in events.items() if "T-72" in label)
    shells = next(info for label, info in events.items() if "Kazakhstan" in label)
    assert tanks["disputed"] == "disputed" and "disputed" not in shells
    assert tanks["denied_by"] == "Belarus; Russia" and tanks["asserted_by"] == "Ministry of Defence of Ukraine"
    assert tanks["claims_against"].splitlines() == [
        "Belarus (denies, 2024-05-02): Belarus denied sending tanks to Russia.",
        "Russia (denies, 2024-05-02): Russia also rejected the claim as <b>absurd</b>.",
    ]
    page = render_html(graph, title="t", view="events")
    assert "<b>absurd" not in page and "\\u003cb\\u003eabsurd" in page  # data, never markup
    script = (REPO / "src" / "eventgraph" / "assets" / "graph.js").read_text(encoding="utf-8")
    assert "info.disputed" in script and 'claimList(box, "Claims against", info.claims_against)' in script


def test_extract_json_carries_the_claims(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "admitted.txt"
    path.write_text(ADMITTED, encoding="utf-8")
    events = json.loads(run(runner, "extract", str(path), "--published", "2022-11-05", "--format", "json").stdout)[
        "events"
    ]
    by_date = {e["date"]: e for e in events}
    assert [(c["stance"], c["by"][0]["label"], c["scope"]) for c in by_date["2022-10"]["claims"]] == [
        ("asserts", "Ukraine", None),
        ("denies", "Iran", "2022-03/"),
    ]
    assert [c["stance"] for c in by_date["2021"]["claims"]] == ["confirms"]
