"""Start-up: wall time of `eventgraph --help` from a cold process against a bare `python -c pass`, and which
heavy libraries (spaCy, pyvis, networkx) `--help` and a lookup import.  tests/test_startup.py checks the imports.

    python benchmarks/startup.py [--store DIR]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HEAVY = ("spacy", "pyvis", "networkx")
TARGET_HELP_S = 0.3


def wall(command: list[str], repeat: int, env: dict[str, str] | None = None) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def heavy_imports(args: list[str], store: Path | None) -> list[str]:
    code = (
        "import sys\nfrom click.testing import CliRunner\nfrom eventgraph.cli import cli\n"
        f"CliRunner().invoke(cli, {args!r})\n"
        f"print(' '.join(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    env = {**os.environ, **({"EVENTGRAPH_STORE": str(store)} if store else {})}
    output = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True, env=env)
    return output.stdout.split()


def measure(store: Path | None = None, repeat: int = 7) -> dict[str, Any]:
    eventgraph = str(Path(sys.executable).with_name("eventgraph"))
    result = {
        "help_s": wall([eventgraph, "--help"], repeat),
        "python_s": wall([sys.executable, "-c", "pass"], repeat),
        "help_imports": heavy_imports(["--help"], store),
    }
    if store is not None:
        result["lookup_imports"] = heavy_imports(["transfers", "--from", "Russia"], store)
    return result


def table(result: dict[str, Any]) -> list[str]:
    met = "met" if result["help_s"] < TARGET_HELP_S else "NOT met"
    lines = [
        "| measure | value | baseline | target |",
        "| --- | ---: | ---: | --- |",
        f"| `eventgraph --help` wall s | {result['help_s']:.3f} | {result['python_s']:.3f} (`python -c pass`) "
        f"| < {TARGET_HELP_S} s: {met} |",
        f"| heavy modules imported by `--help` | {' '.join(result['help_imports']) or 'none'} | | none: "
        f"{'NOT met' if result['help_imports'] else 'met'} |",
    ]
    if "lookup_imports" in result:
        lines.append(
            f"| heavy modules imported by `transfers --from Russia` | "
            f"{' '.join(result['lookup_imports']) or 'none'} | | none: "
            f"{'NOT met' if result['lookup_imports'] else 'met'} |"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", type=Path, help="a store to run the lookup against")
    args = parser.parse_args()
    print("\n".join(table(measure(args.store))))


if __name__ == "__main__":
    main()
