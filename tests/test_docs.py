"""The README, .ci/run, --help and the docs must stay true to the code."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner

from conftest import REPO
from eventgraph.cli import cli
from rdfcompare import assert_same_datasets

README = (REPO / "README.md").read_text(encoding="utf-8")


def readme_commands() -> list[str]:
    return re.findall(r"```sh\n(.*?)\n```", README, flags=re.S)


def test_readme_has_two_setup_commands_and_ci_runs_the_test_one() -> None:
    commands = readme_commands()
    assert len(commands) == 2
    main_job, tests = commands
    assert "eventgraph ingest data/examples/" in main_job
    assert "pytest" in tests
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert tests in ci.splitlines()


def test_every_command_is_documented_in_the_readme() -> None:
    for name in cli.commands:
        assert f"`eventgraph {name}" in README, name


@pytest.mark.slow
def test_seed_article_turtle_in_docs_matches_the_export(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("EVENTGRAPH_STORE", str(tmp_path / "store"))
    runner = CliRunner()
    assert runner.invoke(cli, ["ingest", str(REPO / "data" / "examples")]).exit_code == 0
    exported = runner.invoke(cli, ["export", "--format", "turtle"]).output
    actual = rdflib.Graph().parse(data=exported, format="turtle")
    documented = rdflib.Graph().parse(REPO / "docs" / "seed-article.ttl", format="turtle")
    assert_same_datasets({"g": actual}, {"g": documented})


@pytest.mark.slow
def test_the_wheel_ships_ontology_data_and_queries(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(REPO)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    wheel = next(tmp_path.glob("eventgraph-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in (
        "eventgraph/ontology/eventgraph.ttl",
        "eventgraph/ontology/shapes.ttl",
        "eventgraph/ontology/vocabularies.ttl",
        "eventgraph/data/countries.csv",
        "eventgraph/data/weapons.csv",
        "eventgraph/data/SOURCES.md",
        "eventgraph/data/examples/00_seed_nk_troops_drones_russia.yaml",
        "eventgraph/sparql/events.rq",
        "eventgraph/cli/__init__.py",
        "eventgraph/cli/base.py",
        "eventgraph/backends/sparql.py",
        "eventgraph/sparql/transfers.rq",
        "eventgraph/assets/graph.js",
        "eventgraph/assets/graph.css",
        "eventgraph/models/reader.npz",
        "eventgraph/models/reader.json",
    ):
        assert required in names, required
