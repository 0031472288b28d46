"""What a new user meets first: files written with the usual permissions, ids shown whole, the README's and
--help's examples naming files and ids that exist, the packaging metadata a current setuptools needs."""

from __future__ import annotations

import os
import re
import shlex
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import REPO
from eventgraph.backends.embedded import EventStore
from eventgraph.cli import cli
from eventgraph.pipeline import ingest_paths
from invented_reports import EXAMPLES, write_documents

LONG_ID = "a-rather-long-article-identifier-as-slugs-of-real-headlines-tend-to-be-2024-12-01"


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("usability") / "store"
    document = {
        "article": {"id": LONG_ID, "title": "A long id", "published": "2024-12-01"},
        "events": [
            {
                "type": "transfer",
                "actor": ["DPRK"],
                "recipient": ["Russia"],
                "items": ["drones"],
                "date": "2024-11",
                "certainty": "reported",
                "evidence": "The DPRK sent drones to Russia.",
            }
        ],
    }
    with EventStore(path) as store:
        assert not ingest_paths(store, [EXAMPLES, write_documents(path.parent / "in", {"long": document})]).failures
    return path


@pytest.fixture
def umask() -> Iterator[int]:
    old = os.umask(0o022)
    yield 0o022
    os.umask(old)


@pytest.mark.parametrize(
    "command",
    [
        ["draw", "-o", "{out}"],
        ["export", "--format", "turtle", "-o", "{out}"],
        ["export", "--format", "graphml", "-o", "{out}"],
        ["article", "seed-nk-troops-drones-russia-2024-12-23", "--format", "yaml", "-o", "{out}"],
    ],
)
def test_written_files_get_the_umask_permissions(
    store_path: Path, tmp_path: Path, umask: int, command: list[str]
) -> None:
    out = tmp_path / "written"
    result = CliRunner().invoke(cli, ["--store", str(store_path), *(a.format(out=out) for a in command)])
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(out.stat().st_mode) == 0o644  # 0666 under umask 022, as any tool creates files
    out.chmod(0o640)  # a file written again keeps the mode its owner gave it
    assert CliRunner().invoke(cli, ["--store", str(store_path), *(a.format(out=out) for a in command)]).exit_code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    os.umask(0o027)
    fresh = tmp_path / "fresh"
    assert CliRunner().invoke(cli, ["--store", str(store_path), *(a.format(out=fresh) for a in command)]).exit_code == 0
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o640


def test_stats_shows_article_ids_that_article_and_remove_accept(store_path: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    listing = runner.invoke(cli, ["--store", str(store_path), "stats", "--articles"])
    assert listing.exit_code == 0 and LONG_ID in listing.output
    ids = re.findall(r"^(\S+-\d{4}-\d{2}-\d{2})\s", listing.output, flags=re.M)
    assert set(ids) == {LONG_ID, "seed-nk-troops-drones-russia-2024-12-23"}
    for article_id in ids:
        assert runner.invoke(cli, ["--store", str(store_path), "article", article_id]).exit_code == 0


def help_examples(command: str) -> list[list[str]]:
    text = CliRunner().invoke(cli, [command, "--help"]).output
    return [shlex.split(line.strip())[1:] for line in text.splitlines() if line.strip().startswith("eventgraph ")]


def test_ingest_and_remove_help_examples_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    store = ["--store", str(tmp_path / "store")]
    runner = CliRunner()
    examples = help_examples("ingest")
    assert len(examples) == 3
    for example in examples:
        result = runner.invoke(cli, [*store, *example])
        assert result.exit_code == 0 and "0 failed" in result.output, (example, result.output)
    for example in help_examples("remove"):
        result = runner.invoke(cli, [*store, *example])
        assert result.exit_code == 0 and result.output.startswith("removed "), (example, result.output)


def test_the_readme_says_to_activate_the_environment() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    setup, using = readme.split("## Using it", 1)
    assert ". .venv/bin/activate" in setup and "$ eventgraph " in using


def test_the_readme_sipri_example_file_is_in_the_repository(tmp_path: Path) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    command, shown = re.search(r"\$ eventgraph import sipri (\S+)\n(.*)\n", readme).groups()
    assert (REPO / command).is_file()
    result = CliRunner().invoke(cli, ["--store", str(tmp_path / "store"), "import", "sipri", str(REPO / command)])
    assert result.exit_code == 0 and result.output.strip() == shown.replace(command, str(REPO / command))


def test_setuptools_is_new_enough_for_the_licence_expression() -> None:
    tomllib = pytest.importorskip("tomllib")  # Python 3.11 on
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert isinstance(project["project"]["license"], str)  # an SPDX expression: PEP 639, setuptools 77
    required = next(r for r in project["build-system"]["requires"] if r.startswith("setuptools"))
    assert tuple(int(p) for p in required.split(">=")[1].split(".")) >= (77,)
