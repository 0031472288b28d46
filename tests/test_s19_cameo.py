"""Trigger words derived from the CAMEO verb dictionary (``data/cameo_triggers.csv``, session 19)."""

from __future__ import annotations

import csv
import importlib.util
import sys
from pathlib import Path

import pytest

from eventgraph.articles import parse_text_article
from eventgraph.extract.lexicon import CAMEO_TRIGGERS, Lexicon, cameo_rows
from eventgraph.extract.output import document_json
from eventgraph.resources import read_data_table

ROOT = Path(__file__).resolve().parents[1]


def _build_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("build_cameo_triggers", ROOT / "benchmarks/build_cameo_triggers.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


build = _build_module()

# A few blocks of the CAMEO format, written for this test (not copied): default codes, a word's own code,
# irregular forms, a multi-word verb, patterns, a block with no default code and patterns that decide it.
FIXTURE = """\
####### VERB PATTERNS #######

---  HARASS_FORCE   [190]  ---
HARRY {HARRIES HARRIED HARRYING}  # a coder's comment
SLUG [180]
+LAY_INTO {+LAID_INTO}
STRIKE
- * OUTPOST                                  [190]         # HARRY

---  FERRY_GOODS   [---]  ---
CONVEY
FERRY
SHIP
- * &WEAPON                                  [072]         # CONVEY
- * LETTER                                   [010]         # CONVEY

---  LOB   [---]  ---
LOB
- * &WEAPON (AT)                             [194]
- * SHELLS                                   [193]
- * IDEA                                     [010]

---  PRAISE_LOUDLY   [051]  ---
EXTOL
"""
LEXICON_ROWS = [
    {"lemma": "strike", "pos": "VERB", "type": "attack", "needs": "", "note": ""},
    {"lemma": "attack", "pos": "VERB", "type": "attack", "needs": "", "note": ""},
    {"lemma": "ferry", "pos": "VERB", "type": "transfer", "needs": "@item", "note": ""},
    {"lemma": "ship", "pos": "VERB", "type": "transfer", "needs": "@item", "note": ""},
    {"lemma": "transfer", "pos": "VERB", "type": "transfer", "needs": "@item", "note": ""},
]


def test_the_parser_reads_blocks_words_own_codes_and_patterns() -> None:
    blocks = build.parse_blocks(FIXTURE)
    assert [(b.name, b.code) for b in blocks] == [
        ("HARASS_FORCE", "190"),
        ("FERRY_GOODS", None),
        ("LOB", None),
        ("PRAISE_LOUDLY", "051"),
    ]
    assert blocks[0].words == [("harry", None), ("slug", "180"), ("strike", None)]  # no multi-word verb
    assert blocks[1].patterns == ["072", "010"]


def test_the_build_derives_types_and_conditions_from_codes_and_the_lexicon() -> None:
    rows = build.derive(build.parse_blocks(FIXTURE), LEXICON_ROWS, patterns=True, anchored=True)
    got = [(r["lemma"], r["type"], r["needs"]) for r in rows]
    assert got == [
        ("convey", "transfer", "@item"),  # patterns code 072 and the lexicon reads two verbs of the block so
        ("harry", "attack", build.ARMED),  # the block's default code; "strike" needs nothing, so armed force
        ("lob", "attack", build.ARMED),  # two of three patterns map to an attack
    ]  # "slug" has its own code (180), "strike" keeps its row, praise is no event of ours


def test_excluded_words_and_switches_leave_rows_out() -> None:
    blocks = build.parse_blocks(FIXTURE)
    both = {"patterns": True, "anchored": True}
    assert [r["lemma"] for r in build.derive(blocks, LEXICON_ROWS, [("harry", "attack")], **both)] == ["convey", "lob"]
    assert [r["lemma"] for r in build.derive(blocks, LEXICON_ROWS)] == ["harry"]  # the defaults: codes only


def test_main_writes_the_table_as_the_committed_one_is_written(tmp_path: Path) -> None:
    cameo, triggers, out = tmp_path / "cameo.txt", tmp_path / "triggers.csv", tmp_path / "out.csv"
    cameo.write_text(FIXTURE, encoding="utf-8")
    with triggers.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, ["lemma", "pos", "type", "needs", "note"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(LEXICON_ROWS)
    args = [str(cameo), "--output", str(out), "--triggers", str(triggers), "--excluded", "none"]
    assert build.main(args) == 0
    assert [line.split(",")[0] for line in out.read_text(encoding="utf-8").splitlines()] == ["lemma", "harry"]
    assert build.main([*args, "--patterns", "--anchored"]) == 0
    text = out.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "lemma,pos,type,needs,note"
    assert text.splitlines()[1] == 'convey,VERB,transfer,@item,"CAMEO FERRY_GOODS [patterns, lexicon], like ferry"'
    committed = (ROOT / "data" / CAMEO_TRIGGERS).read_text(encoding="utf-8")
    assert committed.splitlines()[0] == text.splitlines()[0]


def test_the_committed_table_adds_only_words_the_written_table_lacks() -> None:
    written = {(r["lemma"], r["pos"]) for r in read_data_table("triggers.csv")}
    cameo = read_data_table(CAMEO_TRIGGERS)
    assert cameo and all((r["lemma"], r["pos"]) not in written for r in cameo)
    assert all(r["note"].startswith("CAMEO ") for r in cameo)
    with (ROOT / "benchmarks/cameo_excluded.csv").open(encoding="utf-8") as f:
        excluded = {(r["lemma"], r["type"]) for r in csv.DictReader(f)}
    assert not excluded & {(r["lemma"], r["type"]) for r in cameo}


def test_a_word_of_the_written_table_keeps_its_rows() -> None:
    triggers = [{"lemma": "raid", "pos": "NOUN", "type": "attack", "needs": "", "note": ""}]
    cameo = [
        {"lemma": "raid", "pos": "NOUN", "type": "sanction", "needs": "", "note": "CAMEO"},
        {"lemma": "raid", "pos": "VERB", "type": "attack", "needs": "", "note": "CAMEO"},
    ]
    assert cameo_rows(triggers, cameo) == cameo[1:]
    lexicon = Lexicon.default()
    assert [r.type.value for r in lexicon.triggers[("slay", "VERB")]] == ["casualties", "attack"]
    assert ("transport", "VERB") not in lexicon.triggers  # a pattern code only (072): off by measurement


@pytest.fixture(scope="module")
def reader():  # type: ignore[no-untyped-def]
    from eventgraph.extract import Extractor

    return Extractor()


def _events(reader, sentence: str) -> set[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    article = parse_text_article(f"Report\nWire\n2024-06-20\n\n{sentence}\n", source="s19.txt")
    out = set()
    for event in document_json(reader.extract(article))["events"]:
        actors = [a.get("label") for a in event["actor"]] or ["-"]
        recipients = [r.get("label") for r in event["recipient"]] or ["-"]
        out |= {(event["type"], a, r) for a in actors for r in recipients}
    return out


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Militants slew three Malian soldiers near the border on Sunday.", ("casualties", "Mali", "-")),
        ("Ethiopian troops razed two villages in Eritrea on Tuesday.", ("attack", "Ethiopia", "Eritrea")),
        ("Sudanese artillery devastated three towns in Chad on Friday.", ("attack", "Sudan", "Chad")),
    ],
)
def test_the_rules_read_verbs_only_the_cameo_table_brings(reader, sentence: str, expected: tuple) -> None:  # type: ignore[no-untyped-def]
    assert expected in _events(reader, sentence)


def test_a_killing_verb_of_the_table_reads_like_kill(reader) -> None:  # type: ignore[no-untyped-def]
    found = _events(reader, "Armenian drones murdered four Azerbaijani soldiers on Monday.")
    assert {("casualties", "Azerbaijan", "-"), ("attack", "Armenia", "Azerbaijan")} <= found
