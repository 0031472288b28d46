"""extract and ingest of article files through the CLI, and the extraction quality on real articles.

The quality tests score the development articles (and this repository's invented gold articles) with the
project's scorer itself (``../shared/eval/score_extract.py``, same matching rules), extracting in-process
instead of through a subprocess per article.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from conftest import REPO, SHARED, TEST_DATA
from eventgraph.articles import read_article_file
from eventgraph.cli import cli
from eventgraph.extract import extract_events
from eventgraph.extract.output import document_json

ARTICLE = """Iran Ships Drones to Russia
Example Wire
2023-11-08
https://example.org/iran-drones

Iran delivered hundreds of Shahed-136 drones to Russia in October, Ukrainian intelligence said on Tuesday.

Tehran has denied supplying weapons for use in Ukraine.
"""


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "iran.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def run(runner: CliRunner, *args: str, code: int = 0) -> Any:
    result = runner.invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == code, result.output
    return result


def test_extract_json_contract(runner: CliRunner, article: Path) -> None:
    data = json.loads(run(runner, "extract", str(article), "--format", "json").output)
    assert data["article"]["published"] == "2023-11-08" and data["article"]["outlet"] == "Example Wire"
    [event] = [e for e in data["events"] if e["evidence"]["text"].startswith("Iran delivered")]
    assert event["type"] == "transfer" and event["date"] == "2023-10"
    assert [a["iso3"] for a in event["actor"]] == ["IRN"] and [r["iso3"] for r in event["recipient"]] == ["RUS"]
    assert event["actor"][0]["wikidata"] == "Q794"
    assert any((i["label"], i.get("canonical")) == ("Shahed-136 drones", "Shahed-136") for i in event["items"])
    assert event["certainty"] == "alleged"  # Tehran denies it
    assert event["attributed_to"][0]["label"] == "Ukrainian intelligence"
    start, end = event["evidence"]["start"], event["evidence"]["end"]
    assert ARTICLE[start:end] == event["evidence"]["text"]


def test_extract_overrides_metadata_and_prints_a_table(runner: CliRunner, article: Path) -> None:
    data = json.loads(
        run(
            runner,
            "extract",
            str(article),
            "--format",
            "json",
            "--published",
            "2024-12-23",
            "--url",
            "https://other.example/x",
            "--outlet",
            "Other",
        ).output
    )
    assert (data["article"]["published"], data["article"]["url"], data["article"]["outlet"]) == (
        "2024-12-23",
        "https://other.example/x",
        "Other",
    )
    assert data["events"][0]["date"] == "2024-10"
    table = run(runner, "extract", str(article)).output
    assert "transfer" in table and "Iran" in table and "Russia" in table


@pytest.mark.slow
def test_extract_yaml_draft_can_be_corrected_and_ingested(runner: CliRunner, article: Path, tmp_path: Path) -> None:
    draft = tmp_path / "draft.yaml"
    run(runner, "extract", str(article), "--format", "yaml", "-o", str(draft))
    document = yaml.safe_load(draft.read_text(encoding="utf-8"))
    document["events"][0]["certainty"] = "confirmed"  # the analyst's correction
    draft.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    assert "1 added" in run(runner, "ingest", str(draft)).output
    rows = run(runner, "query", "SELECT ?c WHERE { ?e a eg:Transfer ; eg:certainty ?c }", "--format", "csv")
    assert "Confirmed" in rows.output
    as_json = json.loads(run(runner, "extract", str(article), "--format", "eventfile-json").output)
    assert as_json["article"]["text"] == ARTICLE and as_json["events"][0]["type"] == "transfer"


def test_extract_refuses_bad_input(runner: CliRunner, tmp_path: Path) -> None:
    binary = tmp_path / "x.txt"
    binary.write_bytes(b"\x00\x01\x02")
    assert "NUL bytes" in run(runner, "extract", str(binary), code=1).output
    assert "not a real date" in run(runner, "extract", str(binary), "--published", "2024-02-30", code=1).output


def test_ingest_reads_articles_and_keeps_going_after_a_bad_one(
    runner: CliRunner, article: Path, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(
        json.dumps(
            {
                "title": "Poland sends tanks",
                "published": "2023-03-02",
                "text": "Poland will send 14 Leopard 2 tanks to Ukraine, Mateusz Morawiecki said.",
            }
        )
        + "\n{broken\n",
        encoding="utf-8",
    )
    (tmp_path / "bad.html").write_bytes(b"\x00binary")
    result = run(runner, "ingest", str(tmp_path), "--outlet", "Example Wire", code=1)
    assert "2 added" in result.output and "skipped:" in result.output
    rows = run(
        runner,
        "query",
        "SELECT ?actor ?outlet WHERE { ?e a eg:Transfer ; eg:actor/eg:iso3 ?actor ; "
        "prov:wasDerivedFrom/eg:outlet ?outlet } ORDER BY ?actor",
        "--format",
        "csv",
    )
    assert rows.output.splitlines()[1:] == ["IRN,Example Wire", "POL,Example Wire"]
    evidence = run(
        runner,
        "query",
        "SELECT ?start ?exact WHERE { ?e a eg:Transfer ; eg:actor/eg:iso3 'IRN' ; "
        "eg:evidence/oa:hasTarget/oa:hasSelector ?s . ?s oa:exact ?exact . "
        "?e eg:evidence/oa:hasTarget/oa:hasSelector/oa:start ?start }",
        "--format",
        "json",
    )
    binding = json.loads(evidence.output)["results"]["bindings"][0]
    start = int(binding["start"]["value"])
    assert ARTICLE[start : start + len(binding["exact"]["value"])] == binding["exact"]["value"]
    again = run(runner, "ingest", str(article), "--outlet", "Example Wire")
    assert "1 unchanged" in again.output


def test_commands_that_read_no_article_do_not_import_spacy(tmp_path: Path) -> None:
    code = (
        "import sys\nfrom click.testing import CliRunner\nfrom eventgraph.cli import cli\n"
        f"r = CliRunner().invoke(cli, ['--store', {str(tmp_path / 's')!r}, 'ingest', "
        f"{str(REPO / 'data' / 'examples')!r}])\n"
        "assert r.exit_code == 0, r.output\nCliRunner().invoke(cli, ['extract', '--help'])\n"
        "print('spacy' in sys.modules, 'trafilatura' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False"]


# -- quality on real and invented articles --------------------------------------------------------


def _scorer() -> Any:
    path = SHARED / "eval" / "score_extract.py"
    if not path.is_file():
        pytest.skip("shared/ is not beside the repository")
    spec = importlib.util.spec_from_file_location("score_extract", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _score(monkeypatch: pytest.MonkeyPatch, gold: Path, articles: Path) -> dict[str, Any]:
    module = _scorer()

    def extract_in_process(cmd: str, path: Path) -> dict[str, Any]:
        [article] = list(read_article_file(path))
        return document_json(extract_events(article))

    monkeypatch.setattr(module, "run_extract", extract_in_process)
    result: dict[str, Any] = module.score(gold, articles, "", False)
    assert result["errors"] == []
    return result


def test_quality_on_the_development_articles(monkeypatch: pytest.MonkeyPatch) -> None:
    result = _score(monkeypatch, SHARED / "eval" / "gold-dev", SHARED / "data" / "articles")
    assert result["articles"] == 9
    assert result["f1"] >= 0.9
    assert result["item_recall"] >= 0.75
    assert result["date_agreement"] >= 0.75 and result["certainty_agreement"] >= 0.75


def test_quality_on_invented_gold_articles(monkeypatch: pytest.MonkeyPatch) -> None:
    articles = TEST_DATA / "articles"
    result = _score(monkeypatch, articles, articles)
    assert result["articles"] >= 2
    assert result["f1"] >= 0.8 and result["item_recall"] >= 0.75
    assert result["date_agreement"] >= 0.75 and result["certainty_agreement"] >= 0.75
