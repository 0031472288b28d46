"""docs/python-api.md runs: its sessions are doctests (as sqlite-utils tests its Python API docs), and the
package's public names are exactly the ones it documents, importable without loading the heavy libraries."""

from __future__ import annotations

import doctest
import importlib.metadata
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO

DOC = REPO / "docs" / "python-api.md"


def sessions() -> str:
    return "\n".join(re.findall(r"```pycon\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S))


def test_the_python_api_doc_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pandas

    monkeypatch.setenv("EVENTGRAPH_STORE", str(tmp_path / "store"))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data").symlink_to(REPO / "data")  # the doc's relative paths, from the repository root
    text = sessions()
    assert text.count(">>>") >= 25
    parsed = doctest.DocTestParser().get_doctest(text, {}, "python-api.md", str(DOC), 0)
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS)
    with pandas.option_context("display.width", 120):
        runner.run(parsed)
    assert runner.failures == 0, f"{runner.failures} of {runner.tries} examples in docs/python-api.md failed"
    assert (tmp_path / "actors.graphml").is_file()


def test_the_public_names_are_the_documented_ones() -> None:
    import eventgraph

    table = DOC.read_text(encoding="utf-8").split("## The names", 1)[1]
    documented = set(re.findall(r"`(\w+)[(`]", table))
    assert documented == set(eventgraph.__all__)
    for name in eventgraph.__all__:
        assert getattr(eventgraph, name) is not None, name
    assert eventgraph.__version__ == importlib.metadata.version("eventgraph")
    with pytest.raises(AttributeError):
        eventgraph.no_such_name  # noqa: B018
    assert (REPO / "src" / "eventgraph" / "py.typed").is_file()


def test_import_eventgraph_stays_light() -> None:
    code = (
        "import sys, eventgraph\n"
        "eventgraph.transfers, eventgraph.EventStore\n"
        "print(' '.join(m for m in ('spacy', 'pyvis', 'networkx', 'pandas') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stdout.split() == [], result.stdout + result.stderr
