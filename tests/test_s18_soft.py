"""Soft triggers: words the trigger lexicon lacks, close in meaning to trigger words of one type, read by the
learned reader's features only (``data/trigger_neighbours.csv``, ``extract/candidates.py``).

Sentences are invented.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from eventgraph.articles import parse_text_article
from eventgraph.extract import Extractor
from eventgraph.extract.candidates import CandidateBuilder, PairCandidate, trigger_neighbours
from eventgraph.extract.learned import CandidateReader
from eventgraph.model import EventType

DATA = Path(__file__).resolve().parents[1] / "data"
SENTENCE = "Russian artillery peppered Ukrainian positions near the border on Tuesday."
TABLE = {("pepper", "VERB"): (EventType.ATTACK, 0.72, "pound")}


@pytest.fixture(scope="module")
def reader() -> CandidateReader:
    return CandidateReader()


def pair(reader: CandidateReader, builder: CandidateBuilder, text: str, key: tuple[str, str]) -> PairCandidate:
    article = parse_text_article(f"Report\nWire\n2024-06-20\n\n{text}\n", source="invented.txt")
    docs = list(reader.nlp.pipe(reader._texts(article)))
    _, views, _ = reader.read(article, docs)
    return next(c for c in builder.build(views) if c.key == key and c.view.text == text)


def test_a_word_the_lexicon_lacks_is_a_soft_trigger_of_its_nearest_type(reader: CandidateReader) -> None:
    soft = pair(reader, CandidateBuilder(reader.lexicon, TABLE), SENTENCE, ("RUS", "UKR"))
    features = set(soft.features)
    assert {"soft:attack", "soft:attack:0.7", "trig:attack", "tw:pepper"} <= features
    # the relations of A and B to the soft trigger carry the names of a lexicon trigger's, so their weights carry over
    assert {"a:rel:attack:nsubj:", "b:rel:attack:dobj:", "joint:attack:nsubj:|dobj:"} <= features
    assert any(f.startswith("slot:attack:") for f in features)
    plain = pair(reader, CandidateBuilder(reader.lexicon, {}), SENTENCE, ("RUS", "UKR"))
    assert not any(f.startswith(("soft:", "trig:", "joint:")) or ":rel:" in f for f in plain.features)


def test_the_rules_reading_of_a_soft_trigger_is_a_feature_of_its_own(reader: CandidateReader) -> None:
    builder = CandidateBuilder(reader.lexicon, TABLE)
    assert "soft_rule:attack" in pair(reader, builder, SENTENCE, ("RUS", "UKR")).features
    backwards = pair(reader, builder, SENTENCE, ("UKR", "RUS")).features
    assert "soft_rule_rev:attack" in backwards and "soft_rule:attack" not in backwards
    assert not any(f.startswith("rule") for f in backwards)  # the rules themselves read nothing


def test_a_soft_trigger_takes_over_its_anchors_conditions(reader: CandidateReader) -> None:
    """ "transport" near "transfer" (which needs a weapon in its phrase): tanks are carried, voters are not."""
    builder = CandidateBuilder(reader.lexicon, {("transport", "VERB"): (EventType.TRANSFER, 0.62, "transfer")})
    tanks = "Belarus transported 40 tanks for Russia by rail in May."  # "to Russia" is a frame the rules read
    assert "soft_rule:transfer" in pair(reader, builder, tanks, ("BLR", "RUS")).features
    voters = pair(reader, builder, tanks.replace("40 tanks", "voters"), ("BLR", "RUS")).features
    assert not any("soft" in f for f in voters)


def test_a_lexicon_trigger_is_never_also_soft(reader: CandidateReader) -> None:
    table = {("shell", "VERB"): (EventType.TRANSFER, 0.9, "supply")}  # a lexicon trigger: no table retypes it
    shelled = SENTENCE.replace("peppered", "shelled")
    candidate = pair(reader, CandidateBuilder(reader.lexicon, table), shelled, ("RUS", "UKR"))
    assert "trig:attack" in candidate.features and not any("transfer" in f for f in candidate.features)


def test_the_packaged_reader_reads_no_soft_trigger_unless_given_the_table(reader: CandidateReader) -> None:
    """Measured, soft triggers did not pay (README): the table is there for experiments, off by default."""
    assert reader.builder.neighbours == {}
    assert CandidateReader(neighbours=TABLE, nlp=reader.nlp).builder.neighbours == TABLE


def test_the_rule_reader_reads_no_event_from_a_soft_trigger() -> None:
    article = parse_text_article(f"Report\nWire\n2024-06-20\n\n{SENTENCE}\n", source="invented.txt")
    assert Extractor().extract(article).events == []


def test_the_table_is_built_for_words_the_lexicon_lacks() -> None:
    with (DATA / "triggers.csv").open(encoding="utf-8", newline="") as handle:
        lexicon = {(row["lemma"], row["pos"]) for row in csv.DictReader(handle)}
    table = trigger_neighbours()
    assert len(table) > 1000 and not set(table) & lexicon
    assert all(0.6 <= similarity <= 1.0 for _, similarity, _ in table.values())
    assert table[("blast", "VERB")][:1] == (EventType.ATTACK,)  # a word of fighting, like "bomb"
    assert table[("restrict", "VERB")][:1] == (EventType.SANCTION,)
