"""Fuzz the article readers, the event file reader and the importers for a fixed time budget.

Each round takes one of the repository's fixtures (articles in ``tests/data/articles/``, the seed event
file, the importer samples in ``tests/data/importers/``), mutates its bytes (bit flips, deleted, repeated and
inserted chunks, truncation, and tokens known to hurt parsers: NUL bytes, bidi marks, quotes, newlines,
deep nesting, impossible dates, huge numbers) and feeds it to the reader that owns it: ``read_article_file``
(.txt, .html, .jsonl), the extractor (read, extract, map: what ``ingest`` does with an article),
``read_event_file`` followed by ``map_article`` (the seed event file) and ``import_file``
into an in-memory store (SIPRI, GDELT, ACLED).  A reader may refuse input only with an ``EventGraphError``;
any other exception is a finding.  Findings are counted by reader and exception type, and the first input of
each kind is saved under ``--out`` to reproduce it.

    python benchmarks/fuzz.py --seconds 60
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TOKENS = [b"\x00", b"\xff\xfe", b"\xe2\x80\x8f", b"\xe2\x80\xae", b'"', b"'", b"\n", b"\r", b"\t", b",", b"\\",
          b"[" * 5000, b"{" * 5000, b"- " * 3000, b"0000-00-00", b"2024-02-30", b"9" * 400, b"-1", b"1e309",
          b"&#0;", b"<script>", b"</p>", b"\xc3", b"\xed\xa0\x80", b"%s%n", b"\x1b[2J", b"::", b"*", b"?"]


def mutate(data: bytes, rng: random.Random) -> bytes:
    buffer = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        operation = rng.randrange(6)
        position = rng.randint(0, len(buffer))
        if operation == 0 and buffer:
            index = min(position, len(buffer) - 1)
            buffer[index] ^= 1 << rng.randrange(8)
        elif operation == 1:
            del buffer[position:position + rng.randint(1, 64)]
        elif operation == 2:
            chunk = bytes(buffer[position:position + rng.randint(1, 200)])
            buffer[position:position] = chunk * rng.randint(1, 20)
        elif operation == 3:
            buffer[position:position] = rng.choice(TOKENS)
        elif operation == 4:
            del buffer[position:]
        else:
            buffer[position:position] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
    return bytes(buffer)


def readers() -> dict[str, tuple[list[Path], str, Callable[[Path], object]]]:
    """Reader name -> (fixtures, suffix, function that reads a file)."""
    from eventgraph.articles import read_article_file
    from eventgraph.errors import EventGraphError
    from eventgraph.eventfile import read_event_file
    from eventgraph.gazetteer import Gazetteer
    from eventgraph.importers import import_format
    from eventgraph.importers.common import import_file
    from eventgraph.mapping import map_article
    from eventgraph.store import EventStore

    gazetteer = Gazetteer.default()
    articles = sorted((REPO / "tests" / "data" / "articles").glob("*.txt"))
    imports = REPO / "tests" / "data" / "importers"

    def event_file(path: Path) -> object:
        return map_article(read_event_file(path, gazetteer).document, gazetteer)

    def importer(name: str) -> Callable[[Path], object]:
        fmt = import_format(name)

        def run(path: Path) -> object:
            report = import_file(EventStore(), fmt, path, gazetteer=gazetteer)
            if report.failed:  # an importer reports a file it cannot read instead of raising
                raise EventGraphError(report.error or "every row malformed")
            return report
        return run

    extractor = None

    def extract(path: Path) -> object:  # what ingest does with an article: read, extract, map
        nonlocal extractor
        from eventgraph.extract import Extractor

        extractor = extractor or Extractor(gazetteer)
        return [map_article(extractor.extract(article), gazetteer) for article in read_article_file(path)]

    return {
        "article .txt": (articles, ".txt", lambda p: list(read_article_file(p))),
        "extract .txt": (articles, ".txt", extract),
        "article .html": (articles, ".html", lambda p: list(read_article_file(p))),
        "article .jsonl": (articles, ".jsonl", lambda p: list(read_article_file(p))),
        "event file": ([REPO / "data" / "examples" / "00_seed_nk_troops_drones_russia.yaml"], ".yaml", event_file),
        "sipri": ([imports / "sipri_register_utf8.csv", imports / "sipri_register_cp1252.csv"], ".csv",
                  importer("sipri")),
        "gdelt": ([imports / "gdelt2_export.tsv", imports / "gdelt1_daily.tsv"], ".tsv", importer("gdelt")),
        "acled": ([imports / "acled_export.csv"], ".csv", importer("acled")),
    }


def seed_bytes(name: str, path: Path) -> bytes:
    """A fixture's bytes in the reader's own format (articles wrapped as HTML or as a JSON Lines corpus)."""
    import html
    import json

    data = path.read_bytes()
    if name == "article .html":
        text = data.decode("utf-8")
        paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n\n"))
        return f"<html><head><title>{html.escape(text.splitlines()[0])}</title></head><body><article>" \
               f"{paragraphs}</article></body></html>".encode()
    if name == "article .jsonl":
        text = data.decode("utf-8")
        return (json.dumps({"title": text.splitlines()[0], "text": text, "published": "2024-05-01"}) + "\n").encode() * 3
    return data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="time budget")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "eventgraph-fuzz",
                        help="where the first input of each finding is saved")
    args = parser.parse_args()
    from eventgraph.errors import EventGraphError

    rng = random.Random(args.seed)
    targets = readers()
    seeds = {name: [seed_bytes(name, p) for p in paths] for name, (paths, _, _) in targets.items()}
    runs: Counter[str] = Counter()
    refused: Counter[str] = Counter()
    findings: Counter[tuple[str, str]] = Counter()
    args.out.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + args.seconds
    with tempfile.TemporaryDirectory() as work:
        while time.monotonic() < deadline:
            name = rng.choice(list(targets))
            _, suffix, read = targets[name]
            data = mutate(rng.choice(seeds[name]), rng)
            path = Path(work) / f"input{suffix}"
            path.write_bytes(data)
            runs[name] += 1
            try:
                read(path)
            except EventGraphError:
                refused[name] += 1
            except Exception as error:  # noqa: BLE001 - every other exception is what we are looking for
                key = (name, type(error).__name__)
                if not findings[key]:
                    saved = args.out / f"{name.replace(' ', '_').replace('.', '')}-{type(error).__name__}{suffix}"
                    saved.write_bytes(data)
                    print(f"finding: {name}: {type(error).__name__}: {str(error)[:200]} (input: {saved})",
                          file=sys.stderr)
                    traceback.print_exc(limit=-3, file=sys.stderr)
                findings[key] += 1
    print(f"{'reader':<16} {'inputs':>7} {'refused':>8} {'crashes':>8}")
    for name in targets:
        crashes = sum(n for (reader, _), n in findings.items() if reader == name)
        print(f"{name:<16} {runs[name]:>7} {refused[name]:>8} {crashes:>8}")
    print(f"{sum(runs.values())} inputs in {args.seconds:g} s; findings by exception type: "
          + (", ".join(f"{r}: {e} x{n}" for (r, e), n in sorted(findings.items())) or "none"))


if __name__ == "__main__":
    main()
