"""A corpus of broken and hostile inputs, run against every reader and importer.

Each input gets a clear message and exit code; nothing is written for a rejected file; the rest of a batch
still goes in.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import REPO, TEST_DATA
from eventgraph.cli import cli
from eventgraph.store import EventStore

SEED = REPO / "data" / "examples" / "00_seed_nk_troops_drones_russia.yaml"
IMPORT_FIXTURES = {
    "sipri": TEST_DATA / "importers" / "sipri_register_utf8.csv",
    "gdelt": TEST_DATA / "importers" / "gdelt2_export.tsv",
    "acled": TEST_DATA / "importers" / "acled_export.csv",
}
HUGE = 100 * 1024 * 1024


def hostile_files(directory: Path, suffix: str) -> dict[str, Path]:
    """The corpus, written with the given suffix: name -> path."""
    directory.mkdir(parents=True, exist_ok=True)
    corpus = {
        "empty": b"",
        "binary": bytes(range(256)) * 64,
        "nul-bytes": b"title,text\nok,fine\x00\x00\n",
        "utf16": "Recipient,Supplier\nRussia,Iran\n".encode("utf-16"),
        "latin1-garbage": "\xe9\xe8\xff\xfe\xfd" .encode("latin-1") * 1000,
        "long-line": b"x" * (3 * 1024 * 1024) + b"\n",
        "truncated-json": b'{"article": {"title": "T"}, "events": [{"type": "transfer", "act',
        "deep-json": b"[" * 200000 + b"]" * 200000,
        "deep-yaml": b"a:\n" + b"".join(b"  " * i + b"- \n" for i in range(1, 3000)),
        "unclosed-quote": b'Recipient,Supplier\n"Russia,Iran\n' + b"x," * 100000 + b"\n",
    }
    paths = {}
    for name, content in corpus.items():
        path = directory / f"{name}{suffix}"
        path.write_bytes(content)
        paths[name] = path
    huge = directory / f"huge{suffix}"
    with huge.open("wb") as handle:  # 100 MB of one endless line
        handle.truncate(HUGE)
    paths["huge"] = huge
    return paths


@pytest.fixture
def runner(tmp_path: Path, monkeypatch) -> CliRunner:
    monkeypatch.setenv("EVENTGRAPH_STORE", str(tmp_path / "store"))
    return CliRunner()


def data_quads(path: Path) -> set:
    with EventStore(path, read_only=True) as store:
        return set(store.data_quads())


def last_line(output: str) -> str:
    return output.rstrip("\n").splitlines()[-1]


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_event_file_corpus(runner: CliRunner, tmp_path: Path, suffix: str) -> None:
    assert runner.invoke(cli, ["ingest", str(SEED)]).exit_code == 0
    before = data_quads(tmp_path / "store")
    files = hostile_files(tmp_path / "corpus", suffix)
    for name, path in files.items():
        result = runner.invoke(cli, ["ingest", str(path)])
        assert result.exit_code == 1, (name, result.output)
        assert last_line(result.output) == "Error: 1 of 1 files failed; see above", name
        assert f"skipped: {path}" in result.output, name
        assert "Traceback" not in result.output
    assert data_quads(tmp_path / "store") == before
    # one batch: the good file goes in, the bad ones are reported
    batch = runner.invoke(cli, ["--store", str(tmp_path / "other"), "ingest", str(SEED), *map(str, files.values())])
    assert batch.exit_code == 1
    assert "1 added" in batch.output
    assert f"{len(files)} of {len(files) + 1} files failed" in batch.output


@pytest.mark.parametrize("fmt", ["sipri", "gdelt", "acled"])
def test_importer_corpus(runner: CliRunner, tmp_path: Path, fmt: str) -> None:
    suffix = ".tsv" if fmt == "gdelt" else ".csv"
    files = hostile_files(tmp_path / "corpus", suffix)
    good = IMPORT_FIXTURES[fmt]
    assert runner.invoke(cli, ["import", fmt, str(good)]).exit_code == 0
    before = data_quads(tmp_path / "store")
    for name, path in files.items():
        result = runner.invoke(cli, ["import", fmt, str(path)])
        assert result.exit_code == 1, (name, result.output)
        assert last_line(result.output) == f"Error: nothing could be imported from {path}", (name, result.output)
        assert "Traceback" not in result.output
        assert data_quads(tmp_path / "store") == before, name
    batch = runner.invoke(cli, ["--store", str(tmp_path / "other"), "import", fmt, str(good),
                                *map(str, files.values())])
    assert batch.exit_code == 1
    assert f"{good}: " in batch.output and " rows imported" in batch.output
    assert data_quads(tmp_path / "other") == before


def test_bad_dates_and_lookalike_names_in_event_files(runner: CliRunner, tmp_path: Path) -> None:
    for date in ("0000-00-00", "2024-02-30", "2024-13", "99999"):
        doc = {"article": {"title": "T"}, "events": [{"type": "attack", "actor": ["Russia"], "date": date}]}
        path = tmp_path / "bad-date.json"
        path.write_text(json.dumps(doc), encoding="utf-8")
        result = runner.invoke(cli, ["ingest", str(path)])
        assert result.exit_code == 1 and "events[0].date" in result.output, date
    # an RTL mark and a Cyrillic 'о' inside a Latin name still resolve; the stored label is the canonical one
    doc = {"article": {"title": "Look-alikes"},
           "events": [{"type": "attack", "actor": ["\u200fRussia\u200e"], "recipient": ["Ukrаine".replace("а", "\u0430")]}]}
    path = tmp_path / "lookalike.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    result = runner.invoke(cli, ["ingest", str(path)])
    assert result.exit_code == 0 and "warning" not in result.output
    rows = runner.invoke(cli, ["query", "SELECT ?l WHERE { ?e eg:recipient/rdfs:label ?l }", "--format", "csv"])
    assert rows.output.splitlines()[1:] == ["Ukraine"]
