"""Faults: a killed ingest leaves only whole articles; any order or batching gives the same graph."""

from __future__ import annotations

import copy
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
import yaml

from conftest import ARNOR_DOC
from eventgraph.eventfile import find_event_files
from eventgraph.pipeline import ingest_paths
from eventgraph.store import EventStore
from eventgraph.vocab import EG

ARTICLES = 240


def write_batch(directory: Path, count: int = ARTICLES, certainty: str = "alleged") -> Path:
    """``count`` event files over the packaged gazetteer, each a distinct article with two events."""
    directory.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        doc = copy.deepcopy(ARNOR_DOC)
        doc["article"] = {"id": f"report-{number:04d}", "title": f"Report {number}",
                          "published": f"2024-{1 + number % 12:02d}-15"}
        doc["events"] = [
            {"type": "transfer", "actor": ["North Korea"], "recipient": ["Russia"],
             "items": ["artillery ammunition", "KN-23"], "date": f"2024-{1 + number % 12:02d}",
             "quantity": number, "evidence": f"North Korea sent Russia {number} shells."},
            {"type": "attack", "actor": ["Russia"], "recipient": ["Ukraine"], "place": ["Kursk Oblast"],
             "certainty": certainty, "evidence": f"Russia struck Ukraine, report {number} says."},
        ]
        (directory / f"report-{number:04d}.yaml").write_text(yaml.safe_dump(doc), encoding="utf-8")
    return directory


def ingest_command(store: Path, batch: Path, batch_size: int) -> list[str]:
    return [sys.executable, "-m", "eventgraph", "--store", str(store), "ingest", str(batch),
            "--batch-size", str(batch_size)]


def article_quads(store: EventStore) -> dict[str, set[ox.Quad]]:
    graphs: dict[str, set[ox.Quad]] = {}
    for graph in store.article_graphs():
        graphs[graph.value] = set(store.quads(graph))
    return graphs


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
        process = subprocess.Popen(ingest_command(path, source, batch_size=rng.choice([5, 20, 60])),
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.4, 1.6))
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
        process.wait()
        if not (path / "CURRENT").exists():
            continue  # killed before the store was created
        with EventStore(path, read_only=True) as store:
            stored = article_quads(store)
            for graph, quads in stored.items():
                assert quads in (versions[0][graph], versions[1][graph]), f"{graph} is not whole after a kill"
            target = versions[round_number % 2]
            partial += 0 < sum(stored.get(g) == q for g, q in target.items()) < ARTICLES
    assert partial >= 1, "no round was killed in the middle of writing"
    subprocess.run(ingest_command(path, batch, batch_size=50), check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with EventStore(path, read_only=True) as store:
        assert set(store.data_quads()) == set(clean.data_quads())
    report = subprocess.run([sys.executable, "-m", "eventgraph", "--store", str(path), "validate"],
                            capture_output=True, text=True)
    assert report.returncode == 0, report.stdout + report.stderr


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


def test_every_stored_article_carries_its_content_hash(clean: EventStore) -> None:
    graphs = list(clean.article_graphs())
    assert len(graphs) == ARTICLES
    for graph in graphs:
        assert any(True for _ in clean.quads(graph) if _.predicate == EG.contentHash)
