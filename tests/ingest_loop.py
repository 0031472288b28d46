"""A writer that keeps an ingest running until it is told to stop (for the readers-beside-a-writer test).

    python ingest_loop.py STORE WORKDIR

Holding the store open for writing the whole time, it writes one new event file after another into
WORKDIR/files and ingests each through the ingest pipeline (one article to a transaction, as
``eventgraph ingest --batch-size 1``), until WORKDIR/stop exists. It then prints how many articles it
wrote.  The test can run readers for as long as it likes without racing the end of the ingest.
An upper bound (``LIMIT`` articles) keeps a forgotten writer from filling the disk.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from conftest import report_doc
from eventgraph.backends.embedded import EventStore
from eventgraph.gazetteer import Gazetteer
from eventgraph.pipeline import ingest_paths

LIMIT = 20_000


def main(store_path: Path, workdir: Path) -> int:
    files = workdir / "files"
    files.mkdir(parents=True, exist_ok=True)
    stop = workdir / "stop"
    gazetteer = Gazetteer.default()
    written = 0
    with EventStore(store_path) as store:
        while not stop.exists():
            if written >= LIMIT:
                print(f"no stop after {LIMIT} articles", file=sys.stderr)
                return 2
            path = files / f"live-{written:05d}.yaml"
            path.write_text(yaml.safe_dump(report_doc(written, "confirmed", prefix="live")), encoding="utf-8")
            report = ingest_paths(store, [path], gazetteer=gazetteer, batch_size=1)
            if report.written.added != [f"live-{written:04d}"]:
                print(f"{path.name}: not written ({report.written})", file=sys.stderr)
                return 1
            written += 1
    print(written)
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
