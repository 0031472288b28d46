"""Structured ingest: eventgraph's write paths against pyoxigraph's own bulk loader, on the same quads.

Each side runs in a fresh process with an empty on-disk store, and reports its peak resident memory:

- eventgraph: synthetic events (benchmarks/synthetic.py) made and mapped (``map_article``) in a worker
  process (``pipeline.map_in_processes``, as ``eventgraph ingest`` reads and maps 400 event files or more)
  and written with ``pipeline.write_batches`` as ``ingest`` writes them, in two modes:
  - the default: 200 articles to a transaction, an article never half in;
  - ``ingest --bulk``: new articles streamed into pyoxigraph's bulk loader, one load per 50,000 articles,
    journalled (``EventStore.write_articles_in_bulk``).
  Event-file parsing is not included: the events are made in memory; the time of making them alone is
  printed beside it.
- baseline: ``pyoxigraph.Store.bulk_load`` of an N-Quads file of the same quads (written beforehand, not timed).

``--from-files``: the whole of ``eventgraph ingest --bulk DIR`` instead, from JSON event files (one per
article of 5 events, written beforehand and not timed): reading, validating and mapping in
``--processes`` worker processes (each count in a run of its own) while the first process writes.
The baseline then loads exactly the quads that ingest wrote (dumped from its store, not timed).
Peak memory is the writing process's, beside it the largest worker's (``getrusage`` gives no sum), and the
writer's peak plus each worker at the largest worker's peak: an upper bound on the processes' memory together.

    python benchmarks/ingest.py --events 10000 100000
    python benchmarks/ingest.py --events 100000 --from-files --processes 1 2
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

BATCH = 200
TARGET_RATIO = 0.5
TARGET_PEAK_MB = 2048


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def ingest_worker(events: int, store_dir: Path, bulk: bool = False) -> dict[str, Any]:
    from eventgraph.backends.embedded import EventStore
    from eventgraph.pipeline import map_in_processes, worker_processes, write_batches
    from synthetic import chunk_specs, mapped_chunk

    start = time.perf_counter()
    with EventStore(store_dir) as store:
        opened = len(store)
        specs = chunk_specs(events)
        chunks = map_in_processes(mapped_chunk, specs) if worker_processes() else map(mapped_chunk, specs)
        write_batches(
            store, (article for chunk in chunks for article in chunk), batch_size=None if bulk else BATCH, bulk=bulk
        )
        seconds = time.perf_counter() - start
        quads = len(store) - opened
    return {"seconds": seconds, "quads": quads, "peak_rss_mb": peak_rss_mb()}


def files_worker(files: Path, store_dir: Path, processes: int, dump: Path | None) -> dict[str, Any]:
    """``ingest --bulk`` of a directory of event files, as the command does it; ``dump``: then write
    what it stored as N-Quads (not timed), for the baseline."""
    import pyoxigraph as ox

    from eventgraph.backends.embedded import EventStore
    from eventgraph.pipeline import ingest_paths

    start = time.perf_counter()
    with EventStore(store_dir) as store:
        opened = len(store)
        report = ingest_paths(store, [files], bulk=True, processes=processes)
        store.flush()
        seconds = time.perf_counter() - start
        quads = len(store) - opened
        result = {
            "seconds": seconds,
            "quads": quads,
            "peak_rss_mb": peak_rss_mb(),
            "cpu_s": _cpu_seconds(resource.RUSAGE_SELF),
            "workers_cpu_s": _cpu_seconds(resource.RUSAGE_CHILDREN),
            "workers_peak_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
            "events": report.written.events,
            "files": report.files,
            "failed": len(report.failures),
            "unresolved_names": len(report.unresolved),
            "unresolved": report.unresolved.occurrences,
        }
        if dump is not None:
            with dump.open("wb") as output:
                ox.serialize(store.data_quads(), output, ox.RdfFormat.N_QUADS)
    return result


def _cpu_seconds(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def measure_from_files(events: int, processes: list[int]) -> dict[str, Any]:
    """``ingest --bulk`` of event files with each worker count, against ``bulk_load`` of what it wrote."""
    from synthetic import write_event_files

    with tempfile.TemporaryDirectory() as tmp:
        files, nquads = Path(tmp) / "files", Path(tmp) / "data.nq"
        start = time.perf_counter()
        count = write_event_files(events, files)
        written_s = time.perf_counter() - start
        runs = []
        for index, workers in enumerate(processes):
            args = ["--files-worker", str(files), str(Path(tmp) / f"ours-{workers}"), "--processes", str(workers)]
            runs.append(in_subprocess(*args, *(["--dump", str(nquads)] if index == 0 else [])))
            shutil.rmtree(Path(tmp) / f"ours-{workers}")
        base = in_subprocess("--bulk-load-worker", str(nquads), str(Path(tmp) / "raw"))
    base_rate = base["quads"] / base["seconds"]
    return {
        "events": events,
        "files": count,
        "files_written_s": written_s,
        "bulk_load_s": base["seconds"],
        "bulk_load_quads": base["quads"],
        "bulk_load_quads_per_s": base_rate,
        "bulk_load_peak_rss_mb": base["peak_rss_mb"],
        "bulk_load_cpu_s": base["cpu_s"],
        "load": os.getloadavg()[0],
        "modes": [
            {
                **_mode(f"--bulk from files, {workers} worker{'s' if workers > 1 else ''}", events, run, base_rate),
                "workers_peak_rss_mb": run["workers_peak_rss_mb"],
                "workers": workers,
                "cpu_s": run["cpu_s"],
                "workers_cpu_s": run["workers_cpu_s"],
                "unresolved": run["unresolved"],
                "unresolved_names": run["unresolved_names"],
            }
            for workers, run in zip(processes, runs, strict=True)
        ],
    }


def files_table(results: list[dict[str, Any]]) -> list[str]:
    lines = [
        "| events (files) | mode | quads (per event) | eventgraph s | events/s | quads/s | bulk_load s "
        "| bulk_load quads/s | ratio (target >= 0.5) | peak RSS MB writer (target < 2048) "
        "| largest worker MB | writer + workers MB, at most (target < 2048) | bulk_load peak RSS MB "
        "| CPU s writer + workers | bulk_load CPU s |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        for m in r["modes"]:
            ratio_met = "met" if m["ratio"] >= TARGET_RATIO else "NOT met"
            rss_met = "met" if m["peak_rss_mb"] < TARGET_PEAK_MB else "NOT met"
            # getrusage gives the largest worker's peak, not their sum: the writer's and every worker's
            # peak added is an upper bound on what the processes held at any one time
            total = m["peak_rss_mb"] + m["workers"] * m["workers_peak_rss_mb"]
            total_met = "met" if total < TARGET_PEAK_MB else "NOT met"
            lines.append(
                f"| {r['events']:,} ({r['files']:,}) | {m['mode']} | {m['quads']:,} ({m['quads_per_event']:.1f}) "
                f"| {m['seconds']:.1f} | {m['events_per_s']:,.0f} | {m['quads_per_s']:,.0f} | {r['bulk_load_s']:.1f} "
                f"| {r['bulk_load_quads_per_s']:,.0f} | {m['ratio']:.2f} ({ratio_met}) "
                f"| {m['peak_rss_mb']:,.0f} ({rss_met}) | {m['workers_peak_rss_mb']:,.0f} | {total:,.0f} ({total_met}) "
                f"| {r['bulk_load_peak_rss_mb']:,.0f} | {m['cpu_s']:.0f} + {m['workers_cpu_s']:.0f} "
                f"| {r['bulk_load_cpu_s']:.0f} |"
            )
    lines.append(f"(load average at the end: {results[-1]['load']:.2f})" if results else "")
    return lines


def generate_worker(events: int) -> dict[str, Any]:
    from synthetic import synthetic_articles

    start = time.perf_counter()
    count = sum(1 for _ in synthetic_articles(events))
    return {"seconds": time.perf_counter() - start, "articles": count}


def write_nquads(events: int, path: Path) -> int:
    """The quads eventgraph would write (entity descriptions once), as N-Quads."""
    import pyoxigraph as ox

    from eventgraph.mapping import map_article
    from synthetic import synthetic_articles

    described: set[ox.Quad] = set()
    count = 0
    with path.open("wb") as output:
        for article in synthetic_articles(events):
            mapped = map_article(article)
            quads = list(mapped.quads) + [q for q in mapped.entity_quads if q not in described]
            described.update(mapped.entity_quads)
            ox.serialize(quads, output, ox.RdfFormat.N_QUADS)
            count += len(quads)
    return count


def bulk_load_worker(nquads: Path, store_dir: Path) -> dict[str, Any]:
    import pyoxigraph as ox

    store = ox.Store(str(store_dir))
    start = time.perf_counter()
    store.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
    store.flush()
    seconds = time.perf_counter() - start
    return {
        "seconds": seconds,
        "quads": len(store),
        "peak_rss_mb": peak_rss_mb(),
        "cpu_s": _cpu_seconds(resource.RUSAGE_SELF),
    }


def in_subprocess(*args: str) -> dict[str, Any]:
    output = subprocess.run([sys.executable, __file__, *args], check=True, capture_output=True, text=True).stdout
    result: dict[str, Any] = json.loads(output)
    return result


def measure(events: int, keep_store: Path | None = None) -> dict[str, Any]:
    """One size: both sides, each in its own process; ``keep_store``: where eventgraph's store is left."""
    with tempfile.TemporaryDirectory() as tmp:
        nquads = Path(tmp) / "data.nq"
        write_nquads(events, nquads)
        base = in_subprocess("--bulk-load-worker", str(nquads), str(Path(tmp) / "raw"))
        nquads.unlink()
        ours = in_subprocess("--ingest-worker", str(events), str(keep_store or Path(tmp) / "ours"))
        bulk = in_subprocess("--ingest-worker", str(events), str(Path(tmp) / "bulk"), "--bulk")
    made = in_subprocess("--generate-worker", str(events))
    base_rate = base["quads"] / base["seconds"]
    return {
        "events": events,
        "generate_s": made["seconds"],
        "bulk_load_s": base["seconds"],
        "bulk_load_quads": base["quads"],
        "bulk_load_quads_per_s": base_rate,
        "bulk_load_peak_rss_mb": base["peak_rss_mb"],
        "modes": [_mode("transactions (default)", events, ours, base_rate), _mode("--bulk", events, bulk, base_rate)],
    }


def _mode(name: str, events: int, run: dict[str, Any], base_rate: float) -> dict[str, Any]:
    rate = run["quads"] / run["seconds"]
    return {
        "mode": name,
        "quads": run["quads"],
        "quads_per_event": run["quads"] / events,
        "seconds": run["seconds"],
        "events_per_s": events / run["seconds"],
        "quads_per_s": rate,
        "peak_rss_mb": run["peak_rss_mb"],
        "ratio": rate / base_rate,
    }


def table(results: list[dict[str, Any]]) -> list[str]:
    lines = [
        "| events | mode | quads (per event) | eventgraph s | events/s | quads/s | of which making events s "
        "| bulk_load quads/s | ratio (target >= 0.5) | peak RSS MB (target < 2048) | bulk_load peak RSS MB |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        for m in r["modes"]:
            ratio_met = "met" if m["ratio"] >= TARGET_RATIO else "NOT met"
            rss_met = "met" if m["peak_rss_mb"] < TARGET_PEAK_MB else "NOT met"
            lines.append(
                f"| {r['events']:,} | {m['mode']} | {m['quads']:,} ({m['quads_per_event']:.1f}) | {m['seconds']:.1f} "
                f"| {m['events_per_s']:,.0f} | {m['quads_per_s']:,.0f} | {r['generate_s']:.1f} "
                f"| {r['bulk_load_quads_per_s']:,.0f} | {m['ratio']:.2f} ({ratio_met}) "
                f"| {m['peak_rss_mb']:,.0f} ({rss_met}) | {r['bulk_load_peak_rss_mb']:,.0f} |"
            )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--ingest-worker", nargs=2, metavar=("EVENTS", "STORE"), help=argparse.SUPPRESS)
    parser.add_argument("--bulk", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--generate-worker", metavar="EVENTS", help=argparse.SUPPRESS)
    parser.add_argument("--bulk-load-worker", nargs=2, metavar=("NQUADS", "STORE"), help=argparse.SUPPRESS)
    parser.add_argument(
        "--from-files", action="store_true", help="ingest --bulk from JSON event files, reading and mapping included"
    )
    parser.add_argument(
        "--processes",
        type=int,
        nargs="+",
        help="with --from-files: worker processes, each count in a run of its own [default: as ingest, one per core]",
    )
    parser.add_argument("--files-worker", nargs=2, metavar=("FILES", "STORE"), help=argparse.SUPPRESS)
    parser.add_argument("--dump", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.files_worker:
        print(
            json.dumps(
                files_worker(Path(args.files_worker[0]), Path(args.files_worker[1]), args.processes[0], args.dump)
            )
        )
    elif args.from_files:
        from eventgraph.pipeline import worker_processes

        processes = args.processes or [worker_processes()]
        print("\n".join(files_table([measure_from_files(n, processes) for n in args.events])))
    elif args.ingest_worker:
        print(json.dumps(ingest_worker(int(args.ingest_worker[0]), Path(args.ingest_worker[1]), args.bulk)))
    elif args.generate_worker:
        print(json.dumps(generate_worker(int(args.generate_worker))))
    elif args.bulk_load_worker:
        print(json.dumps(bulk_load_worker(Path(args.bulk_load_worker[0]), Path(args.bulk_load_worker[1]))))
    else:
        print("\n".join(table([measure(n) for n in args.events])))


if __name__ == "__main__":
    main()
