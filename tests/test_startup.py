"""The CLI starts light: help and lookups load no spaCy, pyvis or networkx (they are imported where used)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO

HEAVY = ("spacy", "pyvis", "networkx", "onnxruntime", "sklearn")


def _modules_after(store: Path, *commands: list[str]) -> list[str]:
    """Run CLI commands in a fresh interpreter; return the heavy modules it imported."""
    code = (
        "import sys\nfrom click.testing import CliRunner\nfrom eventgraph.cli import cli\n"
        f"for args in {list(commands)!r}:\n"
        f"    result = CliRunner().invoke(cli, ['--store', {str(store)!r}, *args])\n"
        "    assert result.exit_code == 0, (args, result.output)\n"
        f"print(' '.join(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


@pytest.mark.slow
def test_help_and_lookups_import_no_heavy_library(tmp_path: Path) -> None:
    store = tmp_path / "store"
    assert _modules_after(store, ["ingest", str(REPO / "data" / "examples")]) == []
    assert _modules_after(store, ["--help"]) == []
    assert (
        _modules_after(
            store,
            ["transfers", "--from", "DPRK"],
            ["events", "--actor", "Russia", "--since", "2020"],
            ["query", "--name", "events"],
            ["path", "DPRK", "Russia"],
        )
        == []
    )


@pytest.mark.slow
def test_the_check_sees_a_heavy_import(tmp_path: Path) -> None:
    """The same check does see networkx when a command uses it (a graph view)."""
    store = tmp_path / "store"
    _modules_after(store, ["ingest", str(REPO / "data" / "examples")])
    assert "networkx" in _modules_after(store, ["draw", "-o", str(tmp_path / "view.html")])
