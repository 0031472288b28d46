"""The bulk ingest path end to end: event files read and mapped in worker processes, handed to the writer as
N-Quads made in the worker, give the same store as the same files mapped and written in one process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import eventgraph.pipeline as pipeline
from conftest import report_doc
from eventgraph.backends.embedded import EventStore


def _write_reports(directory: Path, count: int) -> None:
    directory.mkdir()
    for number in range(count):
        doc = report_doc(number, certainty="reported" if number % 2 else "alleged")
        doc["events"][0]["items"].append(f"an unknown rocket {number % 3}")  # ad hoc entities, described once
        (directory / f"report-{number:04d}.json").write_text(json.dumps(doc), encoding="utf-8")


@pytest.mark.parametrize("bulk", [True, False])
def test_worker_serialised_articles_store_the_same_quads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bulk: bool
) -> None:
    files = tmp_path / "files"
    _write_reports(files, 12)
    monkeypatch.setattr(pipeline, "PARALLEL_FROM", 4)  # worker processes from 4 files on
    monkeypatch.setattr(pipeline, "FILES_PER_TASK", 5)  # several spooled chunks, from both workers
    with EventStore(tmp_path / "in-process") as single:
        alone = pipeline.ingest_paths(single, [files], bulk=bulk, processes=0)
        expected = set(single.data_quads())
    with EventStore(tmp_path / "workers") as store:
        spread = pipeline.ingest_paths(store, [files], bulk=bulk, processes=2)
        assert set(store.data_quads()) == expected
        assert sorted(spread.written.added) == sorted(alone.written.added) and len(alone.written.added) == 12
        assert (spread.written.events, spread.written.quads) == (alone.written.events, alone.written.quads)
        again = pipeline.ingest_paths(store, [files], bulk=bulk, processes=2)  # the same hashes: nothing new
        assert len(again.written.unchanged) == 12 and not again.written.added and not again.written.replaced


@pytest.mark.parametrize("bulk", [True, False])
def test_index_rows_carried_from_workers_equal_those_derived_from_the_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bulk: bool
) -> None:
    from eventgraph.index import hooks
    from test_lookup_index import assert_agrees_with_rebuild

    files = tmp_path / "files"
    _write_reports(files, 12)
    monkeypatch.setattr(pipeline, "PARALLEL_FROM", 4)
    monkeypatch.setattr(pipeline, "FILES_PER_TASK", 5)

    def not_in_the_writer(graph: str, quads: object) -> None:
        raise AssertionError(f"the writer derived the rows of {graph}: the worker's were not carried")

    with EventStore(tmp_path / "workers") as store:
        with monkeypatch.context() as patch:
            patch.setattr(hooks, "graph_rows", not_in_the_writer)
            patch.setattr(hooks, "entity_rows", lambda quads: hooks.EntityRows())  # the writer parses none
            report = pipeline.ingest_paths(store, [files], bulk=bulk, processes=2)
        assert len(report.written.added) == 12
        assert_agrees_with_rebuild(store)  # the carried rows are those reindex derives from the stored quads
