"""What a long ingest or import writes when its output goes to a log: real processes, stderr to a file.

``CliRunner`` would not do here: its stderr is no terminal either, but the periodic progress lines
come from a thread and the point is what a person finds in a log file after the run.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import TEST_DATA, report_doc

FILES = 120  # over the 50 articles listed one a line by default
PROGRESS = re.compile(
    r"^ingesting: ([\d,]+) of 120 files \((\d+)%\), [\d,]+ files/s, \d+:\d\d so far"
    r"(, about \d+:\d\d left)?$"
)
WRITING = re.compile(r"^ingesting: all (120) files read, writing, \d+:\d\d so far$")


def unknown_names_doc(number: int) -> dict:
    """A report with two names the gazetteer does not know: one in every file, one in every third."""
    doc = report_doc(number, prefix="log")
    doc["events"][0]["recipient"] = ["Ruritania"]
    if number % 3 == 0:
        doc["events"][1]["place"] = ["Zenda Castle"]
    return doc


def write_files(directory: Path) -> list[Path]:
    directory.mkdir()
    paths = []
    for number in range(FILES):
        path = directory / f"log-{number:04d}.json"
        path.write_text(json.dumps(unknown_names_doc(number)), encoding="utf-8")
        paths.append(path)
    return paths


def eventgraph(store: Path, tmp_path: Path, *args: str, **env: str) -> tuple[int, str, str]:
    """Run the command with stdout and stderr redirected to files, as a scheduled job would."""
    out, err = tmp_path / "stdout.txt", tmp_path / "stderr.txt"
    with out.open("wb") as stdout, err.open("wb") as stderr:
        code = subprocess.run(
            [sys.executable, "-m", "eventgraph", "--store", str(store), *args],
            stdout=stdout,
            stderr=stderr,
            stdin=subprocess.DEVNULL,
            env={**os.environ, "COLUMNS": "200", **env},
        ).returncode
    return code, out.read_text(encoding="utf-8"), err.read_text(encoding="utf-8")


@pytest.mark.slow
def test_ingest_to_a_log_has_progress_lines_grouped_warnings_and_a_summary(tmp_path: Path) -> None:
    paths = write_files(tmp_path / "files")
    warnings = tmp_path / "warnings.txt"
    code, out, err = eventgraph(
        tmp_path / "store",
        tmp_path,
        "ingest",
        str(tmp_path / "files"),
        "--progress-interval",
        "0.01",
        "--warnings-file",
        str(warnings),
    )
    assert code == 0, err
    lines = err.splitlines()
    progress = [line for line in lines if line.startswith("ingesting: ")]
    assert len(progress) >= 2, err  # at least one periodic line, and the last one
    assert re.fullmatch(r"ingesting: 120 files in \d+:\d\d \([\d,]+ files/s\)", progress[-1])
    periodic = [PROGRESS.match(line) or WRITING.match(line) for line in progress[:-1]]
    assert all(periodic), progress
    counts = [int(match[1].replace(",", "")) for match in periodic]  # type: ignore[index]
    assert counts == sorted(counts)
    # each unknown name once, with its count and the first file that has it
    warned = [line for line in lines if line.startswith("warning:")]
    assert warned == [
        "warning: 2 names not in the gazetteer, stored as written (160 occurrences):",
        f"warning: not in the gazetteer, stored as written: 'Ruritania' "
        f"(120 times, first in {paths[0]}: events[0].recipient[0])",
        f"warning: not in the gazetteer, stored as written: 'Zenda Castle' "
        f"(40 times, first in {paths[0]}: events[1].place[0])",
    ]
    assert set(lines) <= set(progress) | set(warned), err
    # the summary alone on stdout: 120 articles are not listed one by one
    assert len(out.splitlines()) == 1
    assert re.fullmatch(
        r"120 added, 0 replaced, 0 unchanged \(240 events, \d+ quads written\); 0 failed "
        r"\(--verbose lists the articles\)\n",
        out,
    )
    # the warnings file has every occurrence
    every = warnings.read_text(encoding="utf-8").splitlines()
    assert len(every) == 160
    assert f"{paths[3]}: events[1].place[0]: not in the gazetteer, stored as written: 'Zenda Castle'" in every


@pytest.mark.slow
def test_verbose_lists_every_article(tmp_path: Path) -> None:
    write_files(tmp_path / "files")
    code, out, err = eventgraph(tmp_path / "store", tmp_path, "ingest", "--verbose", str(tmp_path / "files"))
    assert code == 0, err
    listed = out.splitlines()
    assert listed[:FILES] == [f"added     log-{number:04d}" for number in range(FILES)]
    assert listed[FILES].startswith("120 added, 0 replaced, 0 unchanged (240 events")
    assert "--verbose" not in listed[FILES]


@pytest.mark.slow
def test_a_small_ingest_lists_its_articles_and_writes_no_progress_lines(tmp_path: Path) -> None:
    directory = tmp_path / "files"
    directory.mkdir()
    (directory / "one.json").write_text(json.dumps(unknown_names_doc(3)), encoding="utf-8")
    code, out, err = eventgraph(tmp_path / "store", tmp_path, "ingest", str(directory))
    assert code == 0, err
    assert out.splitlines()[0] == "added     log-0003"
    assert err.splitlines() == [  # one occurrence each: no heading line, the file and place given
        f"warning: not in the gazetteer, stored as written: 'Ruritania' ({directory / 'one.json'}: "
        "events[0].recipient[0])",
        f"warning: not in the gazetteer, stored as written: 'Zenda Castle' ({directory / 'one.json'}: "
        "events[1].place[0])",
    ]


@pytest.mark.slow
def test_import_to_a_log_has_progress_lines_and_every_malformed_row_in_the_warnings_file(tmp_path: Path) -> None:
    register = (TEST_DATA / "importers" / "sipri_register_utf8.csv").read_text(encoding="utf-8").splitlines()
    header, rows = register[0], [row for row in register[1:] if row.strip()]
    path = tmp_path / "register.csv"
    body = [rows[n % len(rows)] for n in range(3000)]
    body[10::100] = ["broken,row"] * len(body[10::100])  # 30 malformed rows
    path.write_text("\n".join([header, *body]) + "\n", encoding="utf-8")
    warnings = tmp_path / "warnings.txt"
    code, out, err = eventgraph(
        tmp_path / "store",
        tmp_path,
        "import",
        "sipri",
        str(path),
        "--warnings-file",
        str(warnings),
        EVENTGRAPH_PROGRESS_INTERVAL="0.01",
    )
    assert code == 0, err
    progress = [line for line in err.splitlines() if line.startswith("importing sipri: ")]
    assert progress, err
    for line in progress[:-1]:
        assert re.match(
            r"^importing sipri: (all [\d.]+ MB read, writing|[\d.]+ of [\d.]+ MB \(\d+%\), [\d.]+ MB/s), "
            r"\d+:\d\d so far",
            line,
        ), line
    assert re.fullmatch(r"importing sipri: [\d.]+ MB in \d+:\d\d \([\d.]+ MB/s\)", progress[-1])
    listed = [line for line in err.splitlines() if not line.startswith("importing sipri: ")]
    assert len(listed) == 21 and listed[-1] == f"{path}: ... and 10 more malformed rows"
    every = warnings.read_text(encoding="utf-8").splitlines()
    assert every == [f"{path}:{12 + 100 * n}: wrong field count (2 fields, expected 13 to 16)" for n in range(30)]
    assert out.startswith(f"{path}: ")
