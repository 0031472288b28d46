"""Import speed and memory of the SIPRI and GDELT importers on large synthetic files.

For each format, a synthetic file of N rows is written (GDELT 2.0 export rows with a realistic share of codes
we model; SIPRI register rows built from the packaged gazetteer), then, each in a fresh process:

- the baseline: plain ``csv`` parsing of the same file (rows/s);
- ``import_file`` into an on-disk store (rows/s, and the ratio to the baseline);
- peak resident memory (``resource.getrusage``) of importing a quarter of the file and the whole file: flat
  memory means the two are close.

    python benchmarks/importers.py --rows 200000
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GDELT_CODES = [
    "042",
    "043",
    "010",
    "046",
    "190",
    "020",
    "051",
    "173",
    "040",
    "080",
    "036",
    "110",
    "057",
    "072",
    "193",
    "0841",
    "074",
    "163",
    "062",
    "1951",
    "183",
    "0253",
]


def write_gdelt(path: Path, rows: int, seed: int = 7) -> None:
    from eventgraph.gazetteer import Gazetteer
    from eventgraph.model import EntityKind

    rng = random.Random(seed)
    codes = [e.key for e in Gazetteer.default().entities if e.kind == EntityKind.COUNTRY][:200]
    with path.open("w", encoding="utf-8") as handle:
        for n in range(rows):
            a1, a2 = rng.sample(codes, 2)
            code = rng.choice(GDELT_CODES)
            day = f"20{rng.randrange(15, 25)}{rng.randrange(1, 13):02d}{rng.randrange(1, 29):02d}"
            actor = lambda c: [c, c, c] + [""] * 7  # noqa: E731
            geo = [
                "4",
                f"Town {n % 5000}, Region, {a2}",
                "XX",
                "",
                "",
                f"{rng.uniform(-60, 60):.4f}",
                f"{rng.uniform(-170, 170):.4f}",
                str(n % 5000),
            ]
            cells = [
                str(10_000_000 + n),
                day,
                day[:6],
                day[:4],
                "2020.5",
                *actor(a1),
                *actor(a2),
                "1",
                code,
                code[:3],
                code[:2],
                "4",
                "-5",
                "3",
                "1",
                "3",
                "-2.5",
                *geo,
                *geo,
                *geo,
                day + "000000",
                f"https://example.org/news/{n // 3}",
            ]
            handle.write("\t".join(cells) + "\n")


def write_sipri(path: Path, rows: int, seed: int = 7) -> None:
    from eventgraph.gazetteer import Gazetteer
    from eventgraph.model import EntityKind

    rng = random.Random(seed)
    entities = Gazetteer.default().entities
    states = [e.label for e in entities if e.kind == EntityKind.COUNTRY][:200]
    weapons = [
        (e.label, (e.aliases or ("APC",))[0])
        for e in entities
        if e.kind == EntityKind.WEAPON and e.category == "armour"
    ][:300]
    header = (
        "Recipient,Supplier,Year of order, ,Number ordered, ,Weapon designation,Weapon description,"
        "Number delivered, ,Year(s) of delivery,status,Comments,SIPRI TIV per unit,"
        "SIPRI TIV for total order,SIPRI TIV of delivered weapons"
    )
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(header + "\n")
        writer = csv.writer(handle, lineterminator="\n")
        for _ in range(rows):
            recipient, supplier = rng.sample(states, 2)
            weapon, _alias = rng.choice(weapons)
            year = rng.randrange(1990, 2024)
            ordered = rng.randrange(1, 500)
            delivered = rng.randrange(0, ordered + 1)
            years = "; ".join(str(y) for y in range(year + 1, min(year + 4, 2025)))
            writer.writerow(
                [
                    recipient,
                    supplier,
                    year,
                    rng.choice(["", "?"]),
                    ordered,
                    rng.choice(["", "?"]),
                    weapon,
                    "APC",
                    delivered,
                    "",
                    years if delivered else "",
                    "New",
                    "synthetic row",
                    "0.1",
                    "1",
                    "1",
                ]
            )


def baseline(path: Path, fmt: str) -> dict[str, float]:
    start = time.perf_counter()
    with path.open(encoding="utf-8", newline="") as handle:
        count = sum(1 for _ in csv.reader(handle, delimiter="\t" if fmt == "gdelt" else ","))
    return {"rows": count, "seconds": time.perf_counter() - start}


def worker(fmt: str, path: Path, store_dir: Path) -> dict[str, float]:
    from eventgraph.backends.embedded import EventStore
    from eventgraph.importers import import_format
    from eventgraph.importers.common import import_file

    with EventStore(store_dir) as store:
        start = time.perf_counter()
        report = import_file(store, import_format(fmt), path)
        seconds = time.perf_counter() - start
    return {
        "rows": report.rows,
        "imported": report.imported,
        "seconds": seconds,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def in_subprocess(*args: str) -> dict[str, float]:
    output = subprocess.run([sys.executable, __file__, *args], check=True, capture_output=True, text=True).stdout
    result: dict[str, float] = json.loads(output)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--formats", default="gdelt,sipri")
    parser.add_argument("--worker", nargs=3, metavar=("FORMAT", "FILE", "STORE"), help=argparse.SUPPRESS)
    parser.add_argument("--baseline", nargs=2, metavar=("FORMAT", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker[0], Path(args.worker[1]), Path(args.worker[2]))))
        return
    if args.baseline:
        print(json.dumps(baseline(Path(args.baseline[1]), args.baseline[0])))
        return
    writers = {"gdelt": write_gdelt, "sipri": write_sipri}
    print(
        "| format | rows | csv parse rows/s | import rows/s | import / csv | events | peak RSS 1/4 file (MB) "
        "| peak RSS whole file (MB) |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in args.formats.split(","):
            files = {}
            for label, count in (("quarter", args.rows // 4), ("whole", args.rows)):
                files[label] = Path(tmp) / f"{fmt}-{label}.csv"
                writers[fmt](files[label], count)
            base = in_subprocess("--baseline", fmt, str(files["whole"]))
            quarter = in_subprocess("--worker", fmt, str(files["quarter"]), str(Path(tmp) / f"store-{fmt}-q"))
            whole = in_subprocess("--worker", fmt, str(files["whole"]), str(Path(tmp) / f"store-{fmt}-w"))
            base_rate = base["rows"] / base["seconds"]
            rate = whole["rows"] / whole["seconds"]
            print(
                f"| {fmt} | {int(whole['rows']):,} | {base_rate:,.0f} | {rate:,.0f} | {rate / base_rate:.3f} "
                f"| {int(whole['imported']):,} | {quarter['peak_rss_mb']:.0f} | {whole['peak_rss_mb']:.0f} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
