"""Faults: a killed ingest leaves only whole articles; any order or batching gives the same graph."""

from __future__ import annotations

import contextlib
import os
import random
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import pytest
import yaml

from conftest import REPO, report_doc
from eventgraph.backends.embedded import EventStore
from eventgraph.errors import StoreError
from eventgraph.eventfile import find_event_files
from eventgraph.index import hooks as storeindex
from eventgraph.pipeline import ingest_paths
from eventgraph.vocab import EG

pytestmark = [pytest.mark.slow]

ARTICLES = 240
SEED_FILE = REPO / "data" / "examples" / "00_seed_nk_troops_drones_russia.yaml"


def write_batch(directory: Path, count: int = ARTICLES, certainty: str = "alleged") -> Path:
    """``count`` event files over the packaged gazetteer, each a distinct article with two events."""
    directory.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        doc = report_doc(number, certainty)
        (directory / f"report-{number:04d}.yaml").write_text(yaml.safe_dump(doc), encoding="utf-8")
    return directory


def ingest_command(store: Path, batch: Path, batch_size: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "eventgraph",
        "--store",
        str(store),
        "ingest",
        str(batch),
        "--batch-size",
        str(batch_size),
    ]


def article_quads(store: EventStore) -> dict[str, set[ox.Quad]]:
    graphs: dict[str, set[ox.Quad]] = {}
    for graph in store.article_graphs():
        graphs[graph.value] = set(store.quads(graph))
    return graphs


def kill_when(process: subprocess.Popen[bytes], reached: Callable[[], bool], timeout: float = 60) -> bool:
    """SIGKILL ``process`` as soon as ``reached()`` holds (polled); False if the process ended first.

    The kill loops below wait for a sign of progress rather than for a fixed time, so that they
    kill in the middle of writing on a slow machine and on a fast one alike.
    """
    deadline = time.monotonic() + timeout
    while process.poll() is None and time.monotonic() < deadline:
        if reached():
            process.kill()
            process.wait()
            return True
        time.sleep(0.002)
    if process.poll() is None:
        process.kill()
    process.wait()
    return False


def batches_seen(journal: Path, wanted: int) -> Callable[[], bool]:
    """Whether ``wanted`` distinct contents of the bulk-write journal (a batch each) have been seen so far."""
    batches: set[str] = set()

    def reached() -> bool:
        with contextlib.suppress(FileNotFoundError):
            batches.add(journal.read_text(encoding="utf-8"))
        return len(batches) >= wanted

    return reached


def events_with(path: Path, certainty: str) -> int:
    """How many stored events have ``certainty`` (0 when the store is not there or not ready yet)."""
    if not (path / "CURRENT").exists():
        return 0
    try:
        with EventStore(path, read_only=True) as store:
            rows = store.query("SELECT (COUNT(?e) AS ?n) WHERE { ?e eg:certainty ?c }", {"c": EG[certainty]})
            return int(next(iter(rows))["n"].value)
    except StoreError:
        return 0


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_batch(tmp_path_factory.mktemp("batch") / "events")


@pytest.fixture(scope="module")
def clean(batch: Path, tmp_path_factory: pytest.TempPathFactory) -> EventStore:
    store = EventStore(tmp_path_factory.mktemp("clean") / "store")
    ingest_paths(store, [batch])
    return store


def test_killed_ingest_leaves_whole_articles_and_resumes(batch: Path, clean: EventStore, tmp_path: Path) -> None:
    # two versions of every article, so that every round has to write (add, then replace)
    corrected = write_batch(tmp_path / "corrected", certainty="confirmed")
    corrected_store = EventStore(tmp_path / "corrected-clean")
    ingest_paths(corrected_store, [corrected])
    versions = [article_quads(clean), article_quads(corrected_store)]
    path = tmp_path / "store"
    rng = random.Random(20261125)
    partial = 0
    for round_number in range(8):
        source = [batch, corrected][round_number % 2]
        certainty = ["Alleged", "Confirmed"][round_number % 2]  # the attacks of this round's version
        before = events_with(path, certainty)
        wanted = before + rng.randint(1, max(1, (ARTICLES - before) // 2))
        process = subprocess.Popen(
            ingest_command(path, source, batch_size=rng.choice([5, 20, 60])),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        kill_when(
            process, lambda certainty=certainty, wanted=wanted: events_with(path, certainty) >= wanted
        )  # part of this round is written
        if not (path / "CURRENT").exists():
            continue  # killed before the store was created
        with EventStore(path, read_only=True) as store:
            stored = article_quads(store)
            for graph, quads in stored.items():
                assert quads in (versions[0][graph], versions[1][graph]), f"{graph} is not whole after a kill"
            target = versions[round_number % 2]
            partial += 0 < sum(stored.get(g) == q for g, q in target.items()) < ARTICLES
    assert partial >= 1, "no round was killed in the middle of writing"
    subprocess.run(
        ingest_command(path, batch, batch_size=50), check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    with EventStore(path, read_only=True) as store:
        assert set(store.data_quads()) == set(clean.data_quads())
    report = subprocess.run(
        [sys.executable, "-m", "eventgraph", "--store", str(path), "validate"], capture_output=True, text=True
    )
    assert report.returncode == 0, report.stdout + report.stderr


def test_killed_bulk_ingest_is_undone_by_the_next_writer(batch: Path, clean: EventStore, tmp_path: Path) -> None:
    """``ingest --bulk`` has no transaction: after a kill, the next writer removes its half-written articles."""
    whole = article_quads(clean)
    rng = random.Random(1125)
    partial = 0
    for round_number in range(6):
        path = tmp_path / f"store-{round_number}"
        command = [*ingest_command(path, batch, batch_size=rng.choice([10, 30])), "--bulk"]
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # kill while the k-th batch seen is being written (its journal names its articles: a new name, a new batch)
        kill_when(process, batches_seen(path / "eventgraph-bulk-write-in-progress.txt", rng.randint(1, 4)))
        if not (path / "CURRENT").exists():
            continue
        with EventStore(path) as store:  # opening for writing finishes the interrupted bulk write
            stored = article_quads(store)
            for graph, quads in stored.items():
                assert quads == whole[graph], f"{graph} is not whole after a killed bulk ingest"
            partial += 0 < len(stored) < ARTICLES
            assert not (path / "eventgraph-bulk-write-in-progress.txt").exists()
            assert storeindex.disagreements(store) == [], "the lookup index was not repaired"
        finish = subprocess.run(command, capture_output=True, text=True)
        assert finish.returncode == 0, finish.stderr
        with EventStore(path, read_only=True) as store:
            assert set(store.data_quads()) == set(clean.data_quads())
    assert partial >= 1, "no round was killed in the middle of writing"


def test_any_order_and_batching_gives_the_same_graph(batch: Path, clean: EventStore, tmp_path: Path) -> None:
    files = find_event_files([batch])
    rng = random.Random(7)
    shuffled = files[:]
    rng.shuffle(shuffled)
    store = EventStore(tmp_path / "store")
    # half first, in random order and odd batches, then everything again
    ingest_paths(store, shuffled[: len(files) // 2], batch_size=7)
    ingest_paths(store, list(reversed(files)), batch_size=33)
    ingest_paths(store, shuffled, batch_size=1)
    assert set(store.data_quads()) == set(clean.data_quads())


@pytest.mark.parametrize("processes", [1, 2])
def test_event_files_mapped_in_worker_processes_give_the_same_graph(
    batch: Path, clean: EventStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, processes: int
) -> None:
    import eventgraph.pipeline as pipeline

    monkeypatch.setattr(pipeline, "PARALLEL_FROM", 50)
    monkeypatch.setattr(pipeline, "FILES_PER_TASK", 7)  # many tasks, taken in order from the workers
    bad = tmp_path / "bad" / "broken.yaml"
    bad.parent.mkdir()
    bad.write_bytes(b"article: [unclosed\n")
    store = EventStore(tmp_path / "store")
    report = ingest_paths(store, [batch, bad.parent], batch_size=17, processes=processes)
    assert report.files == ARTICLES + 1 and [path for path, _ in report.failures] == [str(bad)]
    assert len(report.written.added) == ARTICLES
    assert set(store.data_quads()) == set(clean.data_quads())


def test_every_stored_article_carries_its_content_hash(clean: EventStore) -> None:
    graphs = list(clean.article_graphs())
    assert len(graphs) == ARTICLES
    for graph in graphs:
        assert any(True for _ in clean.quads(graph) if _.predicate == EG.contentHash)


# -- articles read for events: the same guarantees ---------------------------------------------------
ARTICLE_FILES = 150
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
OUTLETS = ("Example Wire", "Example Daily")  # two versions of every article: --outlet replaces the graph


def write_article_files(directory: Path, count: int = ARTICLE_FILES) -> Path:
    """Invented plain-text articles, each with a transfer and an attack the extractor reads."""
    directory.mkdir(parents=True, exist_ok=True)
    suppliers = ("North Korea", "Iran", "Belarus", "China")
    for number in range(count):
        text = (
            f"Report {number} on arms for Russia\nExample Herald\n2024-{1 + number % 12:02d}-20\n\n"
            f"{suppliers[number % 4]} delivered {number + 2} artillery shells to Russia in "
            f"{MONTH_NAMES[number % 12]}, Ukrainian intelligence said on Tuesday.\n\n"
            f"Russian forces attacked Kharkiv with drones last week, report {number} says.\n"
        )
        (directory / f"report-{number:03d}.txt").write_text(text, encoding="utf-8")
    return directory


def articles_from(path: Path, outlet: str) -> int:
    """How many stored articles carry ``outlet`` (0 when there is no store yet); read beside the writer."""
    if not (path / "CURRENT").exists():
        return 0
    try:
        with EventStore(path, read_only=True) as store:
            rows = store.query(
                "SELECT (COUNT(?a) AS ?n) ?outlet WHERE { ?a eg:outlet ?outlet } GROUP BY ?outlet",
                {"outlet": ox.Literal(outlet)},
            )
            return sum(int(row["n"].value) for row in rows)
    except StoreError:  # being created
        return 0


def test_killed_article_ingest_leaves_whole_articles_and_resumes(tmp_path: Path) -> None:
    from eventgraph.articles import ArticleMeta

    articles = write_article_files(tmp_path / "articles")
    clean: dict[str, EventStore] = {}
    for outlet in OUTLETS:
        clean[outlet] = EventStore()
        assert (
            len(ingest_paths(clean[outlet], [articles], meta=ArticleMeta(outlet=outlet)).written.added) == ARTICLE_FILES
        )
    versions = [article_quads(clean[outlet]) for outlet in OUTLETS]
    path = tmp_path / "store"
    rng = random.Random(8)
    partial = validated = 0
    for round_number in range(6):
        outlet = OUTLETS[round_number % 2]
        before = articles_from(path, outlet)
        process = subprocess.Popen(
            [*ingest_command(path, articles, batch_size=rng.choice([3, 10])), "--outlet", outlet],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wanted = before + rng.randint(1, max(1, (ARTICLE_FILES - before) // 2))
        kill_when(
            process, lambda outlet=outlet, wanted=wanted: articles_from(path, outlet) >= wanted
        )  # part of this round is written
        with EventStore(path, read_only=True) as store:
            stored = article_quads(store)
        for graph, quads in stored.items():
            assert quads in (versions[0][graph], versions[1][graph]), f"{graph} is not whole after a kill"
        written = sum(stored.get(g) == q for g, q in versions[round_number % 2].items())
        if 0 < written < ARTICLE_FILES:
            partial += 1
            if not validated:  # the store a kill left behind conforms to the shapes
                report = subprocess.run(
                    [sys.executable, "-m", "eventgraph", "--store", str(path), "validate"],
                    capture_output=True,
                    text=True,
                )
                assert report.returncode == 0, report.stdout + report.stderr
                validated = 1
    assert partial >= 1, "no round was killed in the middle of writing"
    subprocess.run(
        [*ingest_command(path, articles, batch_size=50), "--outlet", OUTLETS[0]],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    with EventStore(path, read_only=True) as store:
        assert set(store.data_quads()) == set(clean[OUTLETS[0]].data_quads())


def test_articles_in_any_order_and_batching_give_the_same_graph(tmp_path: Path) -> None:
    articles = write_article_files(tmp_path / "articles", count=24)
    files = sorted(articles.iterdir())
    clean = EventStore()
    ingest_paths(clean, [articles])
    store = EventStore()
    shuffled = files[:]
    random.Random(3).shuffle(shuffled)
    ingest_paths(store, shuffled[:10], batch_size=3)
    ingest_paths(store, list(reversed(files)), batch_size=7)
    again = ingest_paths(store, shuffled, batch_size=1)
    assert len(again.written.unchanged) == len(files) and again.written.quads == 0
    assert set(store.data_quads()) == set(clean.data_quads())


# -- data set rows ---------------------------------------------------------------------------------
def test_data_set_imports_are_idempotent_in_any_order_and_chunking(tmp_path: Path) -> None:
    from conftest import TEST_DATA
    from eventgraph.importers import import_format
    from eventgraph.importers.common import import_file

    sipri = import_format("sipri")
    gdelt = import_format("gdelt")
    files = [
        (sipri, TEST_DATA / "importers" / "sipri_register_utf8.csv"),
        (gdelt, TEST_DATA / "importers" / "gdelt2_export.tsv"),
    ]
    one = EventStore()
    for fmt, path in files:
        assert import_file(one, fmt, path).imported > 0
    first = set(one.data_quads())
    for fmt, path in files:  # the same files again write nothing
        again = import_file(one, fmt, path)
        assert again.imported == 0 and again.unchanged > 0
    assert set(one.data_quads()) == first
    other = EventStore()  # the other order, one row to a chunk, and each file twice
    for fmt, path in [*reversed(files), *files]:
        import_file(other, fmt, path, chunk_rows=1)

    def triples(store: EventStore) -> set[ox.Triple]:
        # chunks are named graphs of their own, each with its hash: the rest is the same triples
        return {q.triple for q in store.data_quads() if "/rows-" not in q.subject.value}

    assert triples(other) == triples(one)
    assert sum(1 for q in other.data_quads() if "/rows-" in q.subject.value) > sum(
        1 for q in one.data_quads() if "/rows-" in q.subject.value
    )


def test_an_import_failing_half_way_leaves_none_of_its_new_chunks(tmp_path: Path) -> None:
    """Imports stream into the journalled bulk writer: an error in the input undoes the load under way."""
    from dataclasses import replace

    from conftest import TEST_DATA
    from eventgraph.errors import InputError
    from eventgraph.importers import import_format
    from eventgraph.importers.common import import_file

    sipri = import_format("sipri")
    path = TEST_DATA / "importers" / "sipri_register_utf8.csv"

    def failing(source, resolver):  # type: ignore[no-untyped-def]
        for number, item in enumerate(sipri.read(source, resolver)):
            if number == 12:  # after several chunks of 2 rows went to the loader
                raise InputError("cannot read: Input/output error", location=str(path))
            yield item

    with EventStore(tmp_path / "store") as store:
        before = set(store.data_quads())
        report = import_file(store, replace(sipri, read=failing), path, chunk_rows=2)
        assert report.error is not None and "Input/output error" in report.error
        assert set(store.data_quads()) == before
        assert not (tmp_path / "store" / "eventgraph-bulk-write-in-progress.txt").exists()
        assert import_file(store, sipri, path, chunk_rows=2).imported > 12  # and the file goes in whole after


# -- readers beside a running ingest ---------------------------------------------------------------
def confirmed_events(path: Path) -> int:
    with EventStore(path, read_only=True) as store:
        rows = store.query("SELECT (COUNT(?e) AS ?n) WHERE { ?e eg:certainty eg:Confirmed }")
        return int(next(iter(rows))["n"].value)


@pytest.mark.servers
def test_readers_answer_while_an_ingest_runs(tmp_path: Path) -> None:
    """Every reader works beside a process that holds the store and keeps writing.

    The writer (tests/ingest_loop.py) ingests article after article until the test tells it to stop, so
    each reader below starts while writes are going on, however fast this machine ingests (a fixed batch
    ran out before the readers were done on a faster CI machine).
    """
    import httpx
    from click.testing import CliRunner

    from eventgraph.cli import cli
    from servers import ServerProcess, free_port

    path = tmp_path / "store"
    with EventStore(path) as store:
        ingest_paths(store, [write_batch(tmp_path / "first", count=20)])
    port = free_port()
    server = ServerProcess(
        [sys.executable, "-m", "eventgraph", "--store", str(path), "serve", "--port", str(port)],
        f"http://127.0.0.1:{port}",
        tmp_path / "serve.log",
    )
    workdir = tmp_path / "writer"
    writer = None
    try:
        server.wait(server.url + "/")
        writer = subprocess.Popen(
            [sys.executable, str(Path(__file__).parent / "ingest_loop.py"), str(path), str(workdir)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        deadline = time.monotonic() + 60
        while writer.poll() is None and not confirmed_events(path) and time.monotonic() < deadline:
            time.sleep(0.05)  # until the writer has committed its first article

        def writing() -> int:
            """The writer is still running, and how many of its articles a new reader sees."""
            assert writer.poll() is None, writer.communicate()
            return confirmed_events(path)

        runner = CliRunner()
        base = ["--store", str(path)]
        seen = [writing()]
        assert seen[0] >= 1
        started = time.monotonic()
        second = runner.invoke(cli, [*base, "ingest", str(tmp_path / "first" / "report-0000.yaml")])
        assert second.exit_code == 1 and "in use by another process" in second.output, second.output
        assert time.monotonic() - started < 10  # at once, not after the ingest
        seen.append(writing())
        transfers = runner.invoke(cli, [*base, "transfers", "--from", "North Korea", "--item", "KN-23"])
        assert transfers.exit_code == 0 and "North Korea" in transfers.output, transfers.output
        seen.append(writing())
        events = runner.invoke(cli, [*base, "events", "--actor", "Russia", "--type", "attack", "--format", "csv"])
        assert events.exit_code == 0 and events.output.count("attack") >= 20, events.output
        seen.append(writing())
        drawn = runner.invoke(cli, [*base, "draw", "-o", str(tmp_path / "view.html")])
        assert drawn.exit_code == 0 and (tmp_path / "view.html").stat().st_size > 1000, drawn.output
        ask = "SELECT (COUNT(?a) AS ?n) WHERE { ?a a <https://w3id.org/eventgraph/ns#Article> }"
        seen.append(writing())
        served = httpx.get(server.url + "/sparql", params={"query": ask}, timeout=30)
        assert served.status_code == 200 and int(served.json()["results"]["bindings"][0]["n"]["value"]) >= 20
        seen.append(writing())
        view = httpx.get(server.url + "/view", params={"actor": "Russia"}, timeout=30)
        assert view.status_code == 200
        seen.append(writing())
        assert seen == sorted(seen) and seen[-1] > seen[0], seen  # readers saw the writes go on
        (workdir / "stop").touch()
        out, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err
        written = int(out.strip())
        assert written >= seen[-1]
        final = httpx.get(server.url + "/sparql", params={"query": ask}, timeout=30)
        assert int(final.json()["results"]["bindings"][0]["n"]["value"]) == 20 + written  # every commit is seen
        assert confirmed_events(path) == written
    finally:
        if writer is not None:
            if writer.poll() is None:
                writer.kill()
            writer.communicate()
        server.stop()


# -- a full disk and a read-only file system -------------------------------------------------------
@pytest.fixture
def small_disk(tmp_path: Path):
    """A 4 MB tmpfs mounted for the test (needs root and mount; skipped where they are not allowed)."""
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    mounted = (
        subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount_point)], capture_output=True, text=True
        )
        if os.geteuid() == 0
        else None
    )
    if mounted is None or mounted.returncode != 0:
        pytest.skip(
            "mounting a small tmpfs needs root and mount permission: "
            + (mounted.stderr.strip() if mounted else "not root")
        )
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def run_cli(store: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "eventgraph", "--store", str(store), *args], capture_output=True, text=True
    )


def test_full_disk_and_read_only_file_system(batch: Path, clean: EventStore, small_disk: Path) -> None:
    path = small_disk / "store"
    full = run_cli(path, "ingest", str(batch), "--batch-size", "20")
    assert full.returncode == 1 and "Traceback" not in full.stderr, full.stderr
    assert full.stderr.strip().splitlines()[-1].startswith("Error: the disk holding") and "is full" in full.stderr
    expected = article_quads(clean)
    with EventStore(path, read_only=True) as store:
        stored = article_quads(store)
    assert stored and all(expected[g] == q for g, q in stored.items())  # whole articles only
    assert run_cli(path, "validate").returncode == 0
    # with room again, the same command completes the batch
    subprocess.run(["mount", "-o", "remount,size=64m", str(small_disk)], check=True)
    assert run_cli(path, "ingest", str(batch), "--batch-size", "20").returncode == 0
    with EventStore(path, read_only=True) as store:
        assert set(store.data_quads()) == set(clean.data_quads())
    # a read-only file system: writers get a clear error, readers still read
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    for command in (["ingest", str(SEED_FILE)], ["remove", "report-0001"]):
        refused = run_cli(path, *command)
        assert refused.returncode == 1 and refused.stderr.startswith("Error: cannot write the store"), refused.stderr
        assert "read-only file system" in refused.stderr and refused.stderr.count("\n") == 1
    events = run_cli(path, "events", "--actor", "Russia", "--type", "attack", "--format", "csv")
    assert events.returncode == 0 and events.stdout.count("\n") == ARTICLES + 1
    with EventStore(path, read_only=True) as store:
        assert set(store.data_quads()) == set(clean.data_quads())


# A writer killed after its store write and before its index write: the hook that writes the index exits
# the process on the spot (os._exit, no cleanup), as a kill at that moment would.
KILLED_BETWEEN_WRITES = """
import os, sys
from pathlib import Path
from eventgraph.index import hooks as storeindex
from eventgraph.pipeline import ingest_paths
from eventgraph.backends.embedded import EventStore

store = EventStore(Path(sys.argv[1]))
hook = sys.argv[2]
setattr(storeindex, hook, lambda *args, **kwargs: os._exit(9))
if hook == "commit_removal":
    store.remove_article(sys.argv[3])
else:
    ingest_paths(store, [Path(sys.argv[3])], bulk=hook == "commit_bulk_segment")
"""


@pytest.mark.parametrize("hook", ["commit", "commit_bulk_segment", "commit_removal"])
def test_a_kill_between_the_store_write_and_the_index_write_is_repaired_on_the_next_open(
    batch: Path, tmp_path: Path, hook: str
) -> None:
    path = tmp_path / "store"
    first = write_batch(tmp_path / "first", count=5)
    with EventStore(path) as store:
        ingest_paths(store, [first])
        victim = next(store.article_graphs()).value
    source = victim if hook == "commit_removal" else str(batch)
    killed = subprocess.run([sys.executable, "-c", KILLED_BETWEEN_WRITES, str(path), hook, source])
    assert killed.returncode == 9
    with EventStore(path, read_only=True) as store:
        assert store.index is not None and store.index.pending(), "the kill did not fall between the two writes"
        assert storeindex.lookup_index(store) is None  # readers ask the store until the next writer repairs
    with EventStore(path) as store:  # the next writer re-derives the pending graphs from the store
        assert storeindex.disagreements(store) == []
        assert store.index is not None and store.index.pending() == []
    report = subprocess.run(
        [sys.executable, "-m", "eventgraph", "--store", str(path), "validate"], capture_output=True, text=True
    )
    assert report.returncode == 0, report.stdout + report.stderr
