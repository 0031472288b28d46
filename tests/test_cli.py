from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
import rdflib
import yaml
from click.testing import CliRunner

from conftest import REPO
from eventgraph.cli import cli

EXAMPLES = REPO / "data" / "examples"
SEED = EXAMPLES / "00_seed_nk_troops_drones_russia.yaml"


def run(runner: CliRunner, *args: str, code: int = 0):
    result = runner.invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == code, result.output
    return result


def test_every_command_has_help_with_an_example(runner: CliRunner) -> None:
    for name, command in cli.commands.items():
        output = run(runner, name, "--help").output
        assert "Example" in output, name
        assert command.help


def test_ingest_help_gives_the_bulk_writers_segment(runner: CliRunner) -> None:
    from eventgraph.backends.embedded import BULK_SEGMENT

    output = " ".join(run(runner, "ingest", "--help").output.split())
    assert f"the most a kill can lose [default: {BULK_SEGMENT}]" in output


def test_ingest_prints_what_it_added_and_is_idempotent(runner: CliRunner) -> None:
    first = run(runner, "ingest", str(EXAMPLES))
    assert "added     seed-nk-troops-drones-russia-2024-12-23" in first.output
    assert "1 added, 0 replaced, 0 unchanged (8 events" in first.output
    second = run(runner, "ingest", str(SEED))
    assert "unchanged seed-nk-troops-drones-russia-2024-12-23" in second.output
    assert "0 added, 0 replaced, 1 unchanged (0 events, 0 quads written)" in second.output


def test_query_formats(runner: CliRunner) -> None:
    run(runner, "ingest", str(SEED))
    sparql = "SELECT ?label WHERE { ?e a eg:Transfer ; eg:item/rdfs:label ?label } ORDER BY ?label"
    table = run(runner, "query", sparql).output
    assert "kamikaze drones" in table.lower() and "rows)" in table
    as_json = json.loads(run(runner, "query", sparql, "--format", "json").output)
    labels = [b["label"]["value"] for b in as_json["results"]["bindings"]]
    assert len(labels) == 6 and as_json["head"]["vars"] == ["label"]
    as_csv = list(csv.reader(io.StringIO(run(runner, "query", sparql, "--format", "csv").output)))
    assert as_csv[0] == ["label"] and len(as_csv) == 7
    as_tsv = run(runner, "query", sparql, "--format", "tsv").output.splitlines()
    assert as_tsv[0] == "?label" and len(as_tsv) == 7
    events = run(runner, "query", "--name", "events").output
    assert "North Korea" in events and "(8 rows)" in events


def test_named_query_parameters_are_bound(runner: CliRunner, tmp_path: Path) -> None:
    run(runner, "ingest", str(SEED))
    listing = run(runner, "queries").output
    assert "events:" in listing and "stats-event-types:" in listing
    bad = run(runner, "query", "--name", "events", "--param", "actor=x", code=1)
    assert "Error: query 'events' has no parameter actor" in bad.output
    missing = run(runner, "query", "--name", "no-such-query", code=1)
    assert "no named query 'no-such-query'" in missing.output


def test_query_from_file_and_construct(runner: CliRunner, tmp_path: Path) -> None:
    run(runner, "ingest", str(SEED))
    rq = tmp_path / "q.rq"
    rq.write_text("CONSTRUCT { ?e eg:actor ?a } WHERE { ?e a eg:Agreement ; eg:actor ?a }", encoding="utf-8")
    turtle = run(runner, "query", "-f", str(rq)).output
    graph = rdflib.Graph().parse(data=turtle, format="turtle")
    assert len(graph) == 1


def test_bad_sparql_and_usage(runner: CliRunner) -> None:
    run(runner, "ingest", str(SEED))
    bad = run(runner, "query", "SELECT ?x WHERE { ?x", code=1)
    assert bad.output.startswith("Error: invalid SPARQL") and bad.output.count("\n") == 1
    update = run(runner, "query", "DELETE WHERE { ?s ?p ?o }", code=1)
    assert "Error: invalid SPARQL" in update.output
    assert "(8 rows)" in run(runner, "query", "--name", "events").output  # nothing deleted
    assert run(runner, "query", code=2).exit_code == 2
    assert run(runner, "query", "ASK {}", "--format", "yaml", code=2).exit_code == 2


def test_missing_store_is_a_clear_error(runner: CliRunner, tmp_path: Path) -> None:
    for args in (["query", "ASK {}"], ["stats"], ["export"], ["validate"]):
        result = run(runner, "--store", str(tmp_path / "absent"), *args, code=1)
        assert result.output.startswith("Error: no store at"), args
    assert not (tmp_path / "absent").exists()


@pytest.mark.parametrize(
    ("fmt", "rdflib_format", "dataset"),
    [
        ("turtle", "turtle", False),
        ("trig", "trig", True),
        ("nquads", "nquads", True),
        ("ntriples", "nt", False),
        ("jsonld", "json-ld", False),
    ],
)
def test_export_formats_parse(runner: CliRunner, tmp_path: Path, fmt: str, rdflib_format: str, dataset: bool) -> None:
    run(runner, "ingest", str(SEED))
    out = tmp_path / f"export.{fmt}"
    run(runner, "export", "--format", fmt, "-o", str(out))
    parsed = rdflib.Dataset() if dataset else rdflib.Graph()
    parsed.parse(out, format=rdflib_format)
    triples = set(parsed.quads() if dataset else parsed)
    assert len(triples) > 150
    events = "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e <https://w3id.org/eventgraph/ns#eventType> ?t }"
    graph = rdflib.Graph()
    for quad in triples:
        graph.add(quad[:3])
    assert int(next(iter(graph.query(events)))[0]) == 8


@pytest.mark.slow
def test_validate_stats_and_remove(runner: CliRunner) -> None:
    run(runner, "ingest", str(SEED))
    assert "conforms" in run(runner, "validate").output
    stats = json.loads(run(runner, "stats", "--articles", "--format", "json").output)
    types = {row["type"]: int(row["events"]) for row in stats["event-types"]}
    assert types == {"transfer": 3, "deployment": 1, "attack": 1, "agreement": 1, "casualties": 1, "production": 1}
    assert stats["articles"][0]["id"] == "seed-nk-troops-drones-russia-2024-12-23"
    removed = run(runner, "remove", "seed-nk-troops-drones-russia-2024-12-23")
    assert "removed" in removed.output
    assert "(0 rows)" in run(runner, "query", "--name", "events").output
    again = run(runner, "remove", "seed-nk-troops-drones-russia-2024-12-23", code=1)
    assert "Error: no article" in again.output


def test_ingest_reports_bad_files_and_keeps_the_good_ones(runner: CliRunner, tmp_path: Path) -> None:
    batch = tmp_path / "batch"
    batch.mkdir()
    shutil.copy(SEED, batch / "a_good.yaml")
    doc = yaml.safe_load(SEED.read_text(encoding="utf-8"))
    doc["events"][0]["type"] = "invasion"
    (batch / "b_bad_type.yaml").write_text(yaml.safe_dump(doc), encoding="utf-8")
    (batch / "c_binary.json").write_bytes(b"\x00\x01\x02\xff")
    result = run(runner, "ingest", str(batch), code=1)
    assert "b_bad_type.yaml: events[0].type: 'invasion' is not one of" in result.output
    assert "c_binary.json" in result.output
    assert result.output.rstrip().endswith("Error: 2 of 3 files failed; see above")
    assert "(8 rows)" in run(runner, "query", "--name", "events").output


@pytest.mark.slow
def test_invalid_graph_fails_validation(runner: CliRunner, tmp_path: Path) -> None:
    run(runner, "ingest", str(SEED))
    # a graph written outside eventgraph: an event with no actor and a malformed date
    import pyoxigraph as ox

    from eventgraph.backends.embedded import EventStore

    store = EventStore(tmp_path / "store")
    store._store.update(
        "INSERT DATA { GRAPH <https://w3id.org/eventgraph/id/article/bad> {"
        " <https://w3id.org/eventgraph/id/event/bad> a <https://w3id.org/eventgraph/ns#Transfer> ;"
        " <https://w3id.org/eventgraph/ns#eventType> <https://w3id.org/eventgraph/event-type/transfer> ;"
        ' <https://w3id.org/eventgraph/ns#date> "June" } }'
    )
    store.close()
    del ox
    result = run(runner, "validate", code=1)
    assert "SHACL violation" in result.output
    assert "eg:actor" in result.output


@pytest.mark.slow
def test_locked_store_is_one_clear_line(runner: CliRunner, tmp_path: Path) -> None:
    import subprocess
    import sys

    from test_store import HOLD_STORE

    run(runner, "ingest", str(SEED))
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_STORE, str(tmp_path / "store")], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        locked = run(runner, "ingest", str(SEED), code=1)
        assert locked.output.startswith("Error: the store at") and "in use by another process" in locked.output
        assert locked.output.count("\n") == 1
        assert "(8 rows)" in run(runner, "query", "--name", "events").output  # readers still read
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()


@pytest.mark.slow
def test_a_stored_article_comes_back_as_an_event_file_that_ingests_to_the_same_graph(
    runner: CliRunner, tmp_path: Path
) -> None:
    run(runner, "ingest", str(SEED))
    table = run(runner, "article", "seed-nk-troops-drones-russia-2024-12-23").output
    assert "8 events" in table and "kamikaze drones" in table
    back = tmp_path / "back.yaml"
    run(runner, "article", "seed-nk-troops-drones-russia-2024-12-23", "--format", "yaml", "-o", str(back))
    original = run(runner, "export", "--format", "nquads").output
    fresh = run(runner, "--store", str(tmp_path / "fresh"), "ingest", str(back)).output
    assert "1 added" in fresh
    again = run(runner, "--store", str(tmp_path / "fresh"), "export", "--format", "nquads").output
    assert set(again.splitlines()) == set(original.splitlines())
    # corrected by hand, it replaces the stored article
    corrected = back.read_text(encoding="utf-8").replace("certainty: possible", "certainty: alleged")
    back.write_text(corrected, encoding="utf-8")
    assert "replaced" in run(runner, "ingest", str(back)).output
    missing = run(runner, "article", "no-such-article", code=1)
    assert missing.output.startswith("Error: no article 'no-such-article'")


def test_stats_counts_by_default_and_pages_articles(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for number in range(7):
        doc = {
            "article": {"id": f"page-{number}", "title": f"Report {number}", "published": f"2024-01-{number + 10}"},
            "events": [{"type": "transfer", "actor": ["France"], "recipient": ["Poland"], "items": ["tanks"]}]
            * (number % 3 + 1),
        }
        (folder / f"{number}.json").write_text(json.dumps(doc), encoding="utf-8")
    run(runner, "ingest", str(folder))
    counts = json.loads(run(runner, "stats", "--format", "json").output)
    assert "articles" not in counts and counts["totals"] == [{"articles": "7", "events": "7"}]
    page = json.loads(run(runner, "stats", "--articles", "--limit", "3", "--offset", "2", "--format", "json").output)
    assert [row["id"] for row in page["articles"]] == ["page-2", "page-3", "page-4"]
    assert [row["events"] for row in page["articles"]] == ["1", "1", "1"]
    beyond = json.loads(run(runner, "stats", "--articles", "--offset", "50", "--format", "json").output)
    assert beyond["articles"] == []
    table = run(runner, "stats", "--articles", "--limit", "2").output
    assert "page-0" in table and "page-1" in table and "page-2" not in table
    assert "Error" in run(runner, "stats", "--limit", "0", code=2).output
