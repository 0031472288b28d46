"""What a hostile corpus and a careless command line found in the second round (issue 16): paths an event file
points at, files that never end, values that break encoders, formulas in CSV cells, special output targets,
one-line texts longer than spaCy takes, folders that are not stores."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import report_doc
from eventgraph.backends.embedded import EventStore
from eventgraph.cli import cli
from eventgraph.errors import InputError
from eventgraph.eventfile import read_event_file


def stored_ids(path: Path) -> set[str]:
    with EventStore(path, read_only=True) as store:
        return {g.value.rsplit("/", 1)[1] for g in store.article_graphs()}


def write_doc(path: Path, doc: dict) -> Path:
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


# -- 3. text_file stays in the event file's folder ---------------------------------------------------------
@pytest.mark.parametrize("name", ["../" * 40 + "etc/passwd", "/etc/passwd", "sub/../../outside.txt", "link.txt"])
def test_text_file_cannot_leave_the_event_files_folder(tmp_path: Path, name: str) -> None:
    folder = tmp_path / "events"
    (folder / "sub").mkdir(parents=True)
    (tmp_path / "outside.txt").write_text("a secret outside the folder", encoding="utf-8")
    (folder / "link.txt").symlink_to(tmp_path / "outside.txt")
    doc = {"article": {"title": "T", "text_file": name}, "events": []}
    with pytest.raises(InputError, match="article.text_file") as refused:
        read_event_file(write_doc(folder / "doc.json", doc))
    assert "secret" not in str(refused.value)


def test_text_file_inside_the_folder_is_read(tmp_path: Path) -> None:
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "a.txt").write_text("Arnor supplied Gondor.", encoding="utf-8")
    doc = {"article": {"title": "T", "text_file": "texts/a.txt"}, "events": []}
    assert read_event_file(write_doc(tmp_path / "doc.json", doc)).document.article.text == "Arnor supplied Gondor."


# -- 4. devices, FIFOs: refused at once, never read without end ---------------------------------------------
def test_devices_and_fifos_are_refused_with_one_line(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "zero.json").symlink_to("/dev/zero")
    os.mkfifo(folder / "pipe.yaml")
    (folder / "zero-text.txt").symlink_to("/dev/zero")
    os.mkfifo(folder / "pipe-text.txt")
    write_doc(folder / "good.json", report_doc(1))
    os.mkfifo(folder / "fifo-text")
    write_doc(folder / "reads-fifo.json", {"article": {"title": "F", "text_file": "fifo-text"}, "events": []})
    inputs = [
        folder / n for n in ("zero.json", "pipe.yaml", "zero-text.txt", "pipe-text.txt", "good.json", "reads-fifo.json")
    ]
    done: dict[str, object] = {}
    worker = threading.Thread(
        target=lambda: done.update(result=runner.invoke(cli, ["ingest", *map(str, inputs)])), daemon=True
    )
    worker.start()
    worker.join(120)
    assert not worker.is_alive(), "ingest hangs on a FIFO or reads a device without end"
    result = done["result"]
    assert result.exit_code == 1, result.output
    assert result.output.count("not a regular file") == 5, result.output
    assert stored_ids(tmp_path / "store") == {"report-0001"}


# -- 5 and 13. one bad value fails its own file, with one line ------------------------------------------------
BAD_VALUES = {
    "surrogate.json": '{"article": {"title": "\\ud800 bad"}, "events": []}',
    "surrogate.yaml": 'article: {title: "\\ud800 bad"}\nevents: []\n',
    "digits.json": '{"article": {"title": "T"}, "events": [{"type": "transfer", "actor": "Arnor", "quantity": '
    + "9" * 5000
    + "}]}",
    "digits.yaml": "article: {title: T}\nevents:\n- {type: transfer, actor: Arnor, quantity: " + "9" * 5000 + "}\n",
    "twice.json": '{"article": {"title": "T", "title": "U"}, "events": []}',
    "twice.yaml": "article: {title: T}\narticle: {title: U}\nevents: []\n",
    "nan.json": '{"article": {"title": "T"}, "events": [{"type": "transfer", "actor": "Arnor", "quantity": NaN}]}',
    "inf.json": '{"article": {"title": "T"}, "events": [{"type": "transfer", "actor": "Arnor", "quantity": 1e999}]}',
    "inf.yaml": "article: {title: T}\nevents:\n- {type: transfer, actor: Arnor, quantity: .inf}\n",
}


def test_a_bad_value_fails_its_file_alone(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    for name, text in BAD_VALUES.items():
        (folder / name).write_text(text, encoding="utf-8")
    write_doc(folder / "good-1.json", report_doc(1))
    (folder / "lines.jsonl").write_text(
        json.dumps({"title": "Fine", "text": "Arnor supplied Gondor with catapults."})
        + "\n"
        + '{"title": "Bad", "text": "x \\udfff y"}\n',
        encoding="utf-8",
    )
    result = runner.invoke(cli, ["ingest", str(folder)])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    skipped = [line for line in result.output.splitlines() if line.startswith("skipped: ")]
    assert len(skipped) == len(BAD_VALUES) + 1, result.output
    for name in BAD_VALUES:
        assert sum(name in line for line in skipped) == 1, (name, skipped)
    ids = stored_ids(tmp_path / "store")
    assert "report-0001" in ids and len(ids) == 2  # the good event file and the good corpus line


# -- 13. a folder that is not a store ----------------------------------------------------------------------
def test_a_folder_of_other_files_is_not_made_a_store(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "photos"
    folder.mkdir()
    (folder / "holiday.jpg").write_bytes(b"\xff\xd8 not a store")
    document = write_doc(tmp_path / "doc.json", report_doc(2))
    result = runner.invoke(cli, ["--store", str(folder), "ingest", str(document)])
    assert result.exit_code == 1 and "not a store" in result.output
    assert sorted(p.name for p in folder.iterdir()) == ["holiday.jpg"]
    empty = tmp_path / "empty"
    empty.mkdir()
    assert runner.invoke(cli, ["--store", str(empty), "ingest", str(document)]).exit_code == 0


# -- 8. CSV cells a spreadsheet would run ------------------------------------------------------------------
FORMULAS = [
    '=HYPERLINK("http://evil.example","x")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1)",
    "\tleading tab",
    "\rleading return",
]


def csv_cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def test_csv_outputs_neutralise_formulas_and_keep_numbers(runner: CliRunner, tmp_path: Path) -> None:
    doc = report_doc(3)
    doc["events"][0]["actor"] = [{"label": FORMULAS[0], "kind": "organization"}]
    doc["events"][0]["recipient"] = [{"label": FORMULAS[3], "kind": "organization"}]
    doc["article"]["outlet"] = FORMULAS[1]
    assert runner.invoke(cli, ["ingest", str(write_doc(tmp_path / "doc.json", doc))]).exit_code == 0
    lookup = runner.invoke(cli, ["events", "--format", "csv"])
    exported = runner.invoke(cli, ["export", "--format", "csv", "-o", str(tmp_path / "csv")])
    queried = runner.invoke(
        cli,
        [
            "query",
            "--format",
            "csv",
            "SELECT ?label ?n WHERE { VALUES (?label ?n) { "
            + " ".join(f"({json.dumps(f)} -12.5)" for f in FORMULAS)
            + " } }",
        ],
    )
    assert lookup.exit_code == exported.exit_code == queried.exit_code == 0, lookup.output + queried.output
    texts = {
        "events": lookup.output,
        "query": queried.output,
        "export": (tmp_path / "csv" / "nodes.csv").read_text(encoding="utf-8")
        + (tmp_path / "csv" / "edges.csv").read_text(encoding="utf-8"),
    }
    for name, text in texts.items():
        cells = csv_cells(text)
        dangerous = [
            c
            for c in cells
            if c[:1] in ("=", "+", "@", "\t", "\r")
            or (c.startswith("-") and not c.lstrip("-").replace(".", "").isdigit())
        ]
        assert dangerous == [], (name, dangerous)
        assert any(c.startswith("'=HYPERLINK") for c in cells), name
    query_cells = csv_cells(queried.output)
    assert query_cells.count("-12.5") == len(FORMULAS)  # numbers stay numbers
    assert "'-2+3" in query_cells and "'@SUM(A1)" in query_cells


# -- 2. -o onto something that is not a regular file ---------------------------------------------------------
def test_output_to_a_fifo_writes_into_it(runner: CliRunner, tmp_path: Path) -> None:
    assert runner.invoke(cli, ["ingest", str(write_doc(tmp_path / "doc.json", report_doc(4)))]).exit_code == 0
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = runner.invoke(cli, ["export", "--format", "nquads", "-o", str(fifo)])
    reader.join(30)
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(fifo.lstat().st_mode) and received and b"report-0004" in received[0]


def test_output_to_a_device_node_keeps_the_node(runner: CliRunner, tmp_path: Path) -> None:
    node = tmp_path / "null"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a second /dev/null
    except PermissionError:
        pytest.skip("creating a device node needs root (CI runs as root)")
    assert runner.invoke(cli, ["ingest", str(write_doc(tmp_path / "doc.json", report_doc(5)))]).exit_code == 0
    result = runner.invoke(cli, ["export", "--format", "turtle", "-o", str(node)])
    assert result.exit_code == 0, result.output
    assert stat.S_ISCHR(node.lstat().st_mode) and node.read_bytes() == b""
    symlink = tmp_path / "to-null"
    symlink.symlink_to(node)
    assert (
        runner.invoke(
            cli, ["query", "--format", "csv", "-o", str(symlink), "SELECT * WHERE { ?s ?p ?o } LIMIT 1"]
        ).exit_code
        == 0
    )
    assert symlink.is_symlink() and stat.S_ISCHR(node.lstat().st_mode)


# -- 12. a text of one very long line ------------------------------------------------------------------------
@pytest.mark.slow
def test_a_line_longer_than_spacy_takes_is_read_in_pieces(tmp_path: Path) -> None:
    from eventgraph.articles import read_article_file
    from eventgraph.extract import Extractor
    from eventgraph.extract.nlp import load_pipeline

    nlp = load_pipeline()
    sentence = "Iran supplied Russia with 40 drones in June. "
    article = tmp_path / "one-line.txt"
    article.write_text(
        "One long line\n\n" + sentence * (2 * nlp.max_length // len(sentence) // 40) + "\n", encoding="utf-8"
    )
    saved = nlp.max_length
    nlp.max_length = 20_000  # the same relation as a 2 MB line and spaCy's 1,000,000, in less time
    try:
        (text,) = list(read_article_file(article))
        assert max(end - start for start, end in text.body) > nlp.max_length
        events = Extractor(nlp=nlp).extract(text).events
    finally:
        nlp.max_length = saved
    body = text.article.text or ""
    assert events and all(body[e.evidence.start : e.evidence.end] == e.evidence.text for e in events if e.evidence)


@pytest.mark.slow
def test_a_long_run_of_dashes_after_according_to_does_not_hang_the_extractor(tmp_path: Path) -> None:
    """Found by benchmarks/fuzz.py: the speaker phrase of "according to the - - - ..." was checked token by token
    against a generator of the whole subtree, cubic in its length (over 10 minutes for 3,000 dashes)."""
    import subprocess
    import sys

    article = tmp_path / "dashes.txt"
    article.write_text(
        "Drones for Russia\n\nIran delivered drones to Russia in October, officials said.\n\n"
        "Russia is building a drone factory in Tatarstan, according to the " + "- " * 3000 + "\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "eventgraph", "extract", str(article), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=300,
    )  # seconds once fixed; a hang before
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["events"]
