"""The learned reader: candidates, labels from gold, the classifier file, --explain, a missing model, training.

Sentences are invented (Arnor, Gondor, Mordor: the petrarch2 habit); the shipped model reads them like any
other, since its features are parse relations and words, never the names of states.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from conftest import invented_gazetteer
from eventgraph.articles import parse_text_article
from eventgraph.cli import cli
from eventgraph.extract import Extractor
from eventgraph.extract import classifier as classifier_module
from eventgraph.extract import learned as learned_module
from eventgraph.extract.candidates import PairCandidate
from eventgraph.extract.classifier import EventClassifier, Head, ModelMissing, load_classifier
from eventgraph.extract.labels import gold_events, label_candidates
from eventgraph.extract.learned import CandidateReader, Decision, LearnedExtractor
from eventgraph.extract.nlp import load_pipeline
from eventgraph.model import ArticleEvents, Certainty, Entity, EntityKind, Event, EventType

ARTICLE = """Arnor sends catapults to Gondor
Palantir News
2024-06-20

Arnor delivered 40 catapults to Gondor on Monday, officials in Minas Tirith said.

Mordor condemned the delivery. It was the largest shipment this year.
"""


@pytest.fixture(scope="module")
def reader() -> CandidateReader:
    return CandidateReader(gazetteer=invented_gazetteer())


@pytest.fixture(scope="module")
def shipped() -> LearnedExtractor:
    return LearnedExtractor(gazetteer=invented_gazetteer(), nlp=load_pipeline())


def candidates_of(reader: CandidateReader, text: str):  # type: ignore[no-untyped-def]
    article = parse_text_article(text, source="invented.txt")
    docs = list(reader.nlp.pipe(reader._texts(article)))
    return article, reader.candidates(article, docs)[1]


def test_every_ordered_pair_and_single_state_of_a_sentence_is_a_candidate(reader: CandidateReader) -> None:
    _, candidates = candidates_of(reader, ARTICLE)
    body = [candidate for candidate in candidates if candidate.view.text.startswith("Arnor delivered")]
    assert {candidate.key for candidate in body} == {("ARN", "GON"), ("GON", "ARN"), ("ARN", "-"), ("GON", "-")}
    forward = next(candidate for candidate in body if candidate.key == ("ARN", "GON"))
    assert "a:dep:nsubj" in forward.features  # Arnor is the subject
    assert "b:prep:to" in forward.features  # Gondor follows "to"
    assert "rule:transfer" in forward.features  # the rules read the same transfer
    assert "tw:deliver" in forward.features and "a_first" in forward.features
    assert (
        forward.marked()
        == "[A Arnor] delivered 40 catapults to [R Gondor] on Monday, officials in [R Minas Tirith] said."
    )


def test_how_both_parties_relate_to_one_trigger_and_who_says_it_are_features(reader: CandidateReader) -> None:
    _, candidates = candidates_of(reader, ARTICLE)
    forward = next(
        candidate
        for candidate in candidates
        if candidate.view.text.startswith("Arnor delivered") and candidate.key == ("ARN", "GON")
    )
    assert {"joint:transfer:nsubj:|prep:to", "joint:deliver:nsubj:|prep:to"} <= set(forward.features)
    assert "source:recipient" in forward.features  # "officials in Minas Tirith said": Gondor says so


def test_who_fills_the_slots_of_the_event_word_is_a_feature(reader: CandidateReader) -> None:
    text = (
        "Catapults\nWire\n2024-06-20\n\nArnor has shipped catapults to Gondor since May.\n\n"
        "Mordor has supplied older catapults as well.\n\nMordor sent catapults to the Gondorian coast guard.\n"
    )
    _, candidates = candidates_of(reader, text)

    def features(start: str, key: tuple[str, str]) -> set[str]:
        return next(set(c.features) for c in candidates if c.view.text.startswith(start) and c.key == key)

    assert "slot:transfer:party|party" in features("Arnor has shipped", ("ARN", "GON"))
    implicit = features("Mordor has supplied", ("MOR", "GON"))  # Gondor from the sentences before
    assert "slot:transfer:party|open" in implicit  # nobody named as the receiver: open for Gondor
    assert "slot:transfer:party|other" in features("Mordor sent", ("MOR", "ARN"))  # the coast guard receives


def test_what_the_article_says_of_the_pair_elsewhere_is_a_feature(reader: CandidateReader) -> None:
    text = ARTICLE + "\nGondor's generals thanked Arnor for the help at a ceremony.\n"
    _, candidates = candidates_of(reader, text)
    thanks = {c.key: set(c.features) for c in candidates if c.view.text.startswith("Gondor's generals")}
    assert {"doc_rule:transfer", "headline_pair"} <= thanks[("ARN", "GON")]  # told in the first sentence
    assert "doc_rule_rev:transfer" in thanks[("GON", "ARN")] and "doc_rule:transfer" not in thanks[("GON", "ARN")]
    assert not any(f.startswith("doc_rule") for f in thanks[("GON", "MOR")])  # nothing told of that pair


def taken(
    extractor: LearnedExtractor,
    text: str,
    start: str,
    key: tuple[str, str],
    levels: dict[str, float] | None = None,
) -> Event:
    """The transfer the reader makes of a candidate when the model takes it (confidently confirmed, unless the
    certainty head's ``levels`` are given)."""
    article = parse_text_article(text, source="invented.txt")
    docs = list(extractor.nlp.pipe(extractor._texts(article)))
    _, views, _ = extractor.read(article, docs)
    candidate = next(c for c in extractor.builder.build(views) if c.view.text.startswith(start) and c.key == key)
    levels = levels or {"confirmed": 0.7, "reported": 0.2, "alleged": 0.05, "possible": 0.05}
    return extractor._event(Decision(candidate, EventType.TRANSFER, 0.9, 0.5, levels), article, views)


def test_the_heads_alleged_needs_a_word_of_dispute_in_the_text(shipped: LearnedExtractor) -> None:
    """Was: `alleged` whenever the certainty head said so, which it learns from pairs whose shipments the
    corpus's articles dispute elsewhere.  A third state's plain report is `reported`; an accusation, a denial or
    "allegedly" in the sentence keeps the head's `alleged`."""
    head_says_alleged = {"confirmed": 0.05, "reported": 0.25, "alleged": 0.6, "possible": 0.1}
    plain = "Catapults\nWire\n2024-06-20\n\nArnor shipped catapults to Gondor, Rohan's defence ministry said.\n"
    reported = taken(shipped, plain, "Arnor shipped", ("ARN", "GON"), head_says_alleged)
    assert reported.certainty == Certainty.REPORTED
    for disputed in (
        "Rohan's defence ministry accused Arnor of shipping catapults to Gondor.",
        "Arnor allegedly shipped catapults to Gondor, Rohan's defence ministry said.",
        "Arnor shipped catapults to Gondor, Rohan said, a charge Arnor denied.",
    ):
        text = f"Catapults\nWire\n2024-06-20\n\n{disputed}\n"
        start = disputed.split(" ")[0]
        assert taken(shipped, text, start, ("ARN", "GON"), head_says_alleged).certainty == Certainty.ALLEGED, disputed


def test_a_supplier_named_by_where_the_weapon_was_made_is_reported_and_undated(shipped: LearnedExtractor) -> None:
    text = "Catapults\nWire\n2024-06-20\n\nIn 2023 Gondor's army used Arnorian-made catapults against Mordor.\n"
    used = taken(shipped, text, "In 2023", ("ARN", "GON"))
    assert (used.certainty, used.date) == (Certainty.REPORTED, None)  # the year of the use, not of the supply
    text = "Catapults\nWire\n2024-06-20\n\nArnor delivered catapults to Gondor in March 2023.\n"
    delivered = taken(shipped, text, "Arnor delivered", ("ARN", "GON"))
    assert (delivered.certainty, str(delivered.date)) == (Certainty.CONFIRMED, "2023-03")


def test_a_past_event_no_rule_reads_takes_the_earlier_day_its_paragraph_wrote(shipped: LearnedExtractor) -> None:
    """Was: the article's day.  An event the rules read no word of falls back as the rules' own events do: a
    sentence told in the past tense after a paragraph dated an earlier day tells of that day; a new paragraph,
    or the present tense, does not."""
    head = "Catapults\nWire\n2024-10-20\n\nOn 22 September Mordor shelled Osgiliath."
    thanked = taken(shipped, f"{head} Gondor's generals thanked Arnor for the help.\n", "Gondor's", ("ARN", "GON"))
    assert str(thanked.date) == "2024-09-22"
    apart = taken(shipped, f"{head}\n\nGondor's generals thanked Arnor for the help.\n", "Gondor's", ("ARN", "GON"))
    assert str(apart.date) == "2024-10-20"
    now = taken(shipped, f"{head} Gondor's generals thank Arnor for the help.\n", "Gondor's", ("ARN", "GON"))
    assert str(now.date) == "2024-10-20"


def test_an_event_takes_the_date_of_the_trigger_its_parties_relate_to(reader: CandidateReader) -> None:
    text = (
        "Arms\nWire\n2024-06-20\n\n"
        "Mordor sold catapults to Gondor in 2019, and Arnor delivered catapults to Gondor in March 2023.\n"
    )
    _, candidates = candidates_of(reader, text)
    body = {
        candidate.key: candidate
        for candidate in candidates
        if candidate.recipient is not None and not candidate.view.is_title
    }
    later = learned_module._draft_for(body[("ARN", "GON")], EventType.TRANSFER)
    earlier = learned_module._draft_for(body[("MOR", "GON")], EventType.TRANSFER)
    assert later is not None and str(later.date) == "2023-03"  # not the sentence's first date
    assert earlier is not None and str(earlier.date) == "2019"


def test_the_headline_is_read_and_unnamed_parties_come_from_context(reader: CandidateReader) -> None:
    _, candidates = candidates_of(reader, ARTICLE)
    headline = [candidate for candidate in candidates if candidate.view.is_title]
    assert ("ARN", "GON") in {candidate.key for candidate in headline}
    condemned = [candidate for candidate in candidates if candidate.view.text.startswith("Mordor condemned")]
    context = {
        candidate.key: candidate.features
        for candidate in condemned
        if any(f.startswith("ctx_") for f in candidate.features)
    }
    assert ("MOR", "ARN") in context and ("ARN", "MOR") in context  # Arnor from the sentences before
    assert "ctx_b:title" in context[("MOR", "ARN")]  # named in the headline (and the sentence before)


def test_labels_come_from_gold_tuples_stated_in_the_candidate_sentence(reader: CandidateReader) -> None:
    article, candidates = candidates_of(reader, ARTICLE)
    gold = {
        "events": [
            {
                "type": "transfer",
                "actor": ["ARN"],
                "recipient": ["GON"],
                "evidence": "Arnor delivered 40 catapults to Gondor",
            }
        ]
    }
    labels = {
        (candidate.view.is_title, candidate.key): candidate_labels
        for candidate, candidate_labels in label_candidates(candidates, gold_events(gold, article.article.text))
    }
    assert labels[(False, ("ARN", "GON"))][EventType.TRANSFER] == 1.0
    assert labels[(False, ("GON", "ARN"))][EventType.TRANSFER] == 0.0  # the wrong direction is no transfer
    assert labels[(False, ("ARN", "GON"))][EventType.ATTACK] == 0.0
    assert EventType.TRANSFER not in labels[(True, ("ARN", "GON"))]  # stated in the headline too: no label
    assert labels[(False, ("ARN", "-"))] == {EventType.CASUALTIES: 0.0, EventType.PRODUCTION: 0.0}


def test_the_shipped_model_loads_and_reads_an_invented_transfer(shipped: LearnedExtractor) -> None:
    record = shipped.classifier.record
    assert record["corpus_sha256"] and record["seed"] is not None and record["validation"]["learned"]["f1"] >= 0
    document = shipped.extract(parse_text_article(ARTICLE, source="invented.txt"))
    found = {
        (e.type, e.actors[0].key, e.recipients[0].key if e.recipients else None): (e, why)
        for e, why in zip(document.events, document.explanations, strict=True)
    }
    event, why = found[(EventType.TRANSFER, "ARN", "GON")]
    assert [i.key for i in event.items] == ["catapult"]
    assert why.score is not None and why.threshold is not None and why.score >= why.threshold
    assert "[A Arnor]" in why.candidate and "[R Gondor]" in why.candidate
    assert (EventType.TRANSFER, "GON", "ARN") not in found


def test_the_rules_veto_denied_events_and_the_headline_defers_to_the_body(shipped: LearnedExtractor) -> None:
    text = (
        "Arnor sends catapults to Gondor\nPalantir News\n2024-06-20\n\n"
        "Arnor delivered 40 catapults to Gondor in May, officials in Minas Tirith said.\n\n"
        "Mordor denied sending catapults to Arnor. Gondor allegedly delivered catapults to Mordor in April.\n"
    )
    document = shipped.extract(parse_text_article(text, source="invented.txt"))
    found = {
        (e.type, e.actors[0].key, e.recipients[0].key): (e, why)
        for e, why in zip(document.events, document.explanations, strict=True)
    }
    assert len(document.events) == len(found) == 3
    event, _ = found[(EventType.TRANSFER, "ARN", "GON")]  # once: the headline's is the body's event
    assert str(event.date) == "2024-05"
    denied, why = found[(EventType.TRANSFER, "MOR", "ARN")]
    assert why.decided_by == "rules" and denied.certainty.value == "alleged"  # only denied, as the rules read it
    alleged, why = found[(EventType.TRANSFER, "GON", "MOR")]
    assert why.decided_by == "model" and alleged.certainty.value == "alleged"  # "allegedly", read by the rules


class TakesEveryTransfer(LearnedExtractor):
    """The learned reader with a model that takes every candidate of the given pairs as a transfer."""

    def __init__(self, pairs: set[tuple[str, str]]) -> None:
        gazetteer = invented_gazetteer()
        gazetteer.add(Entity(key="drones", label="drones", kind=EntityKind.WEAPON, category="drone"))
        super().__init__(gazetteer=gazetteer, nlp=load_pipeline())
        self.pairs = pairs

    def decide(self, candidates: list[PairCandidate]) -> list[Decision]:
        return [
            Decision(c, EventType.TRANSFER, 1.0, 0.5, {"confirmed": 1.0}) for c in candidates if c.key in self.pairs
        ]


def test_a_sentence_leaving_a_party_implicit_adds_its_items_to_the_named_event() -> None:
    text = (
        "Catapults\nWire\n2024-06-20\n\nArnor delivered catapults to Gondor in May.\n\n"
        "Arnor's shipment also held drones, officials said.\n"
    )
    document = TakesEveryTransfer({("ARN", "GON")}).extract(parse_text_article(text, source="invented.txt"))
    (event,) = [e for e in document.events if e.type == EventType.TRANSFER]  # one event, not one per sentence
    assert event.evidence is not None and event.evidence.text.startswith("Arnor delivered")
    assert sorted(i.key for i in event.items) == ["catapult", "drones"]


def test_a_party_from_the_context_fills_no_slot_another_state_holds() -> None:
    text = "Catapults\nWire\n2024-06-20\n\nGondor is at war.\n\nArnor also delivered catapults to Mordor in May.\n"
    document = TakesEveryTransfer({("ARN", "GON"), ("ARN", "MOR")}).extract(
        parse_text_article(text, source="invented.txt")
    )
    assert {(e.actors[0].key, e.recipients[0].key) for e in document.events} == {("ARN", "MOR")}


class TakesScored(LearnedExtractor):
    """The learned reader with a model that gives each listed pair one type at a fixed score."""

    def __init__(self, kind: EventType, scores: dict[tuple[str, str], float]) -> None:
        super().__init__(gazetteer=invented_gazetteer(), nlp=load_pipeline())
        self.kind, self.scores = kind, scores

    def decide(self, candidates: list[PairCandidate]) -> list[Decision]:
        return [
            Decision(c, self.kind, self.scores[c.key], 0.5, {"confirmed": 1.0})
            for c in candidates
            if c.key in self.scores and c.view.index > 0  # the body's sentence, not the headline
        ]


def read_scored(kind: EventType, scores: dict[tuple[str, str], float], text: str) -> ArticleEvents:
    """An invented article read by the learned reader with a model that takes each listed pair at its score."""
    return TakesScored(kind, scores).extract(parse_text_article(text, source="invented.txt"))


@pytest.mark.parametrize(
    ("sentence", "scores", "expected"),
    [
        # the speaker and the place named beside the event word are no second deployment of the same word
        (
            "Arnor says Gondor deployed troops to Mordor.",
            {("GON", "MOR"): 0.9, ("ARN", "MOR"): 0.8, ("ARN", "GON"): 0.7},
            {("GON", "MOR")},
        ),
        # troops sent or arriving: the word of supply is the deployment's word
        (
            "Arnor says Gondorian troops have arrived in Mordor.",
            {("GON", "MOR"): 0.9, ("ARN", "MOR"): 0.8, ("ARN", "GON"): 0.7},
            {("GON", "MOR")},
        ),
        # listed actors share the word: both kept, the pair of them is none
        (
            "Arnor and Gondor deployed troops to Mordor.",
            {("ARN", "MOR"): 0.9, ("GON", "MOR"): 0.8, ("ARN", "GON"): 0.7},
            {("ARN", "MOR"), ("GON", "MOR")},
        ),
        # the same pairs through two words are two events
        (
            "Gondor deployed troops to Mordor, and Arnor deployed ships to Mordor.",
            {("GON", "MOR"): 0.9, ("ARN", "MOR"): 0.8},
            {("GON", "MOR"), ("ARN", "MOR")},
        ),
    ],
)
def test_an_event_word_has_one_actor_and_one_recipient_unless_listed(
    sentence: str, scores: dict[tuple[str, str], float], expected: set[tuple[str, str]]
) -> None:
    text = f"Troops\nWire\n2024-06-20\n\n{sentence}\n"
    document = read_scored(EventType.DEPLOYMENT, scores, text)
    found = {(e.actors[0].key, e.recipients[0].key) for e in document.events if e.type == EventType.DEPLOYMENT}
    assert found == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Gondorian troops fought alongside Arnorian units.", set()),  # side by side: no one's target
        ("Gondorian troops fought Arnorian units.", {("GON", "ARN")}),
        ("Gondorian and Arnorian troops fought near the river.", {("GON", "ARN")}),  # a clash is an attack
        # mutual fire: each side attacks the other, whichever way the model scored the pair
        ("Gondorian and Arnorian troops exchanged fire near the river.", {("GON", "ARN"), ("ARN", "GON")}),
        ("Gondor and Arnor struck each other for the first time.", {("GON", "ARN"), ("ARN", "GON")}),
        # fighting between two sides: each attacks the other
        ("Hostilities between Gondor and Arnor resumed on Thursday.", {("GON", "ARN"), ("ARN", "GON")}),
        ("Clashes between Gondorian and Arnorian troops broke out near the river.", {("GON", "ARN"), ("ARN", "GON")}),
        ("Gondor and Arnor fought a brief border war in May.", {("GON", "ARN"), ("ARN", "GON")}),
        ("Gondorian and Arnorian troops traded fire near the river.", {("GON", "ARN"), ("ARN", "GON")}),
        # a war named as the means of another act, or fought in a place: no mutual attack
        ("Gondor's war against Arnor is being fought with drones.", {("GON", "ARN")}),
    ],
)
def test_a_co_actor_is_not_the_target(sentence: str, expected: set[tuple[str, str]]) -> None:
    text = f"Fighting\nWire\n2024-06-20\n\n{sentence}\n"
    document = read_scored(EventType.ATTACK, {("GON", "ARN"): 0.95}, text)
    assert {(e.actors[0].key, e.recipients[0].key) for e in document.events if e.type == EventType.ATTACK} == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # the other side is a group the sentence names: no state of the headline is the target
        ("Gondorian forces recaptured the bridge after fierce combat with the White Council.", set()),
        # nothing names the other side: a state of the context may be it (never two of them alone)
        ("Gondorian forces recaptured the bridge after fierce combat.", {("GON", "ARN")}),
    ],
)
def test_a_party_from_the_context_fills_no_slot_a_group_holds(body: str, expected: set[tuple[str, str]]) -> None:
    text = f"Arnor and Mordor trade threats\nWire\n2024-06-20\n\n{body}\n"
    scores = {("GON", "ARN"): 0.95, ("GON", "MOR"): 0.9}
    document = read_scored(EventType.ATTACK, scores, text)
    assert {(e.actors[0].key, e.recipients[0].key) for e in document.events if e.type == EventType.ATTACK} == expected


def test_a_sentence_naming_a_state_states_nothing_between_two_others() -> None:
    text = (
        "Gondor and Mordor trade threats as fighting goes on\nWire\n2024-06-20\n\n"
        "Mordor warned Gondor against any strike.\nArnorian forces recaptured the bridge after fierce combat.\n"
    )

    class InTheLastSentence(TakesScored):
        def decide(self, candidates: list[PairCandidate]) -> list[Decision]:
            return [d for d in super().decide(candidates) if d.candidate.view.index == 2]

    scored = InTheLastSentence(EventType.ATTACK, {("MOR", "GON"): 0.9, ("ARN", "GON"): 0.8})
    document = scored.extract(parse_text_article(text, source="invented.txt"))
    assert {(e.actors[0].key, e.recipients[0].key) for e in document.events} == {("ARN", "GON")}


def test_transfers_keep_every_pair_the_model_takes() -> None:
    text = "Arms\nWire\n2024-06-20\n\nMordor bought half of its arms from Gondor and a third from Arnor.\n"
    scores = {("GON", "MOR"): 0.9, ("ARN", "MOR"): 0.8}
    document = read_scored(EventType.TRANSFER, scores, text)
    assert {(e.actors[0].key, e.recipients[0].key) for e in document.events} == set(scores)


def test_a_classifier_survives_saving_and_loading(tmp_path: Path) -> None:
    heads = {
        "pair": Head(
            tuple(t.value for t in EventType if t not in (EventType.CASUALTIES, EventType.PRODUCTION)),
            np.array([[2.0, 0, 0, 0, 0, 0], [-1.0, 0, 0, 0, 0, 0]]),
            np.zeros(6),
            np.full(6, 0.5),
            np.full(6, 0.2),
        ),
        "single": Head(("casualties", "production"), np.zeros((2, 2)), np.zeros(2), np.full(2, 0.5)),
        "certainty": Head(
            ("confirmed", "reported", "alleged", "possible"), np.zeros((2, 4)), np.zeros(4), np.zeros(4), softmax=True
        ),
    }
    model = EventClassifier({"tw:deliver": 0, "aux:not": 1}, heads, {"seed": 1})
    model.save(tmp_path / "reader.npz")
    loaded = EventClassifier.load(tmp_path / "reader.npz")
    scores = loaded.score("pair", [["tw:deliver"], ["tw:deliver", "aux:not"], ["unknown"]])
    assert [round(s["transfer"], 3) for s in scores] == [0.881, 0.731, 0.5]
    assert loaded.threshold("pair", "transfer") == 0.5
    assert loaded.threshold("pair", "transfer", rules_agree=True) == pytest.approx(0.2)
    assert loaded.score("certainty", [[]])[0]["reported"] == pytest.approx(0.25)
    assert loaded.record == {"seed": 1}


def test_the_certainty_head_reads_the_type_a_candidate_is_taken_as() -> None:
    """The certainty head is fitted with a feature per type (``as:attack``, rows past the vocabulary's); it
    reads it when it scores too, so a type's lean (attacks told as charges) reaches the certainty."""
    from eventgraph.extract.classifier import with_types

    vocabulary = {"tw:strike": 0}
    extended = with_types(vocabulary)
    weights = np.zeros((len(extended), 4))
    weights[extended["as:attack"], 2] = 3.0  # alleged
    classes = ("confirmed", "reported", "alleged", "possible")
    model = EventClassifier(
        vocabulary, {"certainty": Head(classes, weights, np.zeros(4), np.zeros(4), softmax=True)}, {}
    )
    attack, transfer = model.score("certainty", [["tw:strike", "as:attack"], ["tw:strike", "as:transfer"]])
    assert max(attack, key=attack.__getitem__) == "alleged"
    assert transfer["alleged"] == pytest.approx(0.25)


def test_a_missing_model_is_one_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ModelMissing, match="python -m eventgraph.training"):
        EventClassifier.load(tmp_path / "absent.npz")
    (tmp_path / "broken.npz").write_bytes(b"not a model")
    with pytest.raises(ModelMissing, match="cannot be read"):
        EventClassifier.load(tmp_path / "broken.npz")
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    monkeypatch.setattr(classifier_module, "packaged_model_path", lambda: tmp_path / "absent.npz")
    load_classifier.cache_clear()
    learned_module.default_learned_extractor.cache_clear()
    store = tmp_path / "store"
    try:
        results = [
            CliRunner().invoke(cli, ["extract", str(article), "--reader", "learned"]),
            CliRunner().invoke(cli, ["extract", str(article)]),  # the default reader
            CliRunner(env={"EVENTGRAPH_STORE": str(store)}).invoke(cli, ["ingest", str(article)]),
        ]
        rules = CliRunner().invoke(cli, ["extract", str(article), "--reader", "rules"])
    finally:
        load_classifier.cache_clear()
        learned_module.default_learned_extractor.cache_clear()
    for result in results:
        assert result.exit_code == 1
        lines = result.output.strip().splitlines()
        assert lines[-1].startswith("Error: the learned reader's model") and "--reader rules" in lines[-1]
    assert rules.exit_code == 0, rules.output  # the rules need no model


@pytest.mark.slow
def test_explain_shows_sentence_candidate_and_scores(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(
        "Poland sends tanks\nWire\n2024-06-20\n\nPoland delivered 40 T-72 tanks to Ukraine on Monday.\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    table = runner.invoke(cli, ["extract", str(article), "--reader", "learned", "--explain"])
    assert table.exit_code == 0, table.output
    assert "transfer Poland -> Ukraine: score" in table.output
    assert "candidate: [A Poland] delivered 40 T-72 tanks to [R Ukraine] on Monday." in table.output
    data = json.loads(
        runner.invoke(cli, ["extract", str(article), "--reader", "learned", "--explain", "--format", "json"]).output
    )
    transfer = next(e for e in data["events"] if e["type"] == "transfer")
    why = transfer["explanation"]
    assert why["decided_by"] == "model" and why["score"] >= why["threshold"]
    assert why["sentence"] == "Poland delivered 40 T-72 tanks to Ukraine on Monday."
    assert set(why["certainty_scores"]) == {"confirmed", "reported", "alleged", "possible"}
    default = json.loads(runner.invoke(cli, ["extract", str(article), "--explain", "--format", "json"]).output)
    assert default == data  # the learned reader is the default
    rules = json.loads(
        runner.invoke(cli, ["extract", str(article), "--reader", "rules", "--explain", "--format", "json"]).output
    )
    assert rules["events"][0]["explanation"]["decided_by"] == "rules"
    assert rules["events"][0]["explanation"]["score"] is None
    usage = runner.invoke(cli, ["extract", str(article), "--explain", "--format", "yaml"])
    assert usage.exit_code == 2 and "--explain works with --format table or json" in usage.output


TINY_CORPUS = Path(__file__).resolve().parent / "data" / "corpus_tiny"


@pytest.mark.slow
def test_training_writes_a_model_with_its_record(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from eventgraph.training import corpus_hash, main

    output = tmp_path / "model" / "reader.npz"
    assert main(["--corpus", str(TINY_CORPUS), "--output", str(output), "--seed", "7"]) == 0
    printed = json.loads(capsys.readouterr().out)
    record = json.loads((tmp_path / "model" / "reader.json").read_text(encoding="utf-8"))
    assert record["corpus_sha256"] == corpus_hash([TINY_CORPUS / "train", TINY_CORPUS / "validation"])
    assert record["seed"] == 7 and record["documents"] == {"train": 4, "validation": 2}
    assert set(record["validation"]) == {"learned", "rules"} and printed["validation"]["learned"]["documents"] == 2
    model = EventClassifier.load(output)
    assert model.record == record and len(model.vocabulary) == record["features"]
    reader = LearnedExtractor(model, nlp=load_pipeline())
    document = reader.extract(
        parse_text_article(
            "Poland sends tanks\nWire\n2024-06-20\n\nPoland delivered 40 T-72 tanks to Ukraine on Monday.\n"
        )
    )
    assert all(why.score is None or why.score >= why.threshold for why in document.explanations)
    # the shipped heads are fitted again on train and validation after the choices; the record's validation
    # figures stay those of the model that did not see validation
    held_out = tmp_path / "held_out" / "reader.npz"
    argv = ["--corpus", str(TINY_CORPUS), "--output", str(held_out), "--seed", "7", "--no-refit"]
    assert main(argv) == 0
    unrefitted = EventClassifier.load(held_out)
    assert record["refit"] is True and unrefitted.record["refit"] is False
    assert set(model.vocabulary) > set(unrefitted.vocabulary)
    assert unrefitted.record["validation"] == record["validation"]


def test_training_without_a_validation_split_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from eventgraph.training import main

    (tmp_path / "train").mkdir()
    assert main(["--corpus", str(tmp_path), "--output", str(tmp_path / "reader.npz")]) == 1
    assert capsys.readouterr().err.startswith("Error: ")
    assert not (tmp_path / "reader.npz").exists()


def test_who_states_the_event_overrides_the_heads_confirmed(shipped: LearnedExtractor) -> None:
    """The certainty head says confirmed; the speaker the sentence names (or the state whose release it is)
    decides between confirmed and reported."""
    said = "Arms\nWire\n2024-06-20\n\nArnor delivered catapults to Gondor on Monday, {} said.\n"
    by_third_state = taken(shipped, said.format("Mordor's foreign ministry"), "Arnor delivered", ("ARN", "GON"))
    by_recipient = taken(shipped, said.format("Gondor's defence ministry"), "Arnor delivered", ("ARN", "GON"))
    unnamed = taken(shipped, said.format("an Arnorian defence source"), "Arnor delivered", ("ARN", "GON"))
    assert (by_third_state.certainty, by_recipient.certainty, unnamed.certainty) == (
        Certainty.REPORTED,
        Certainty.CONFIRMED,
        Certainty.REPORTED,
    )
    # an organisation of no state, or watchers of the parties, take part in no state's event: a report
    by_body = taken(shipped, said.format("the White Council"), "Arnor delivered", ("ARN", "GON"))
    by_watchers = taken(shipped, said.format("independent analysts"), "Arnor delivered", ("ARN", "GON"))
    assert (by_body.certainty, by_watchers.certainty) == (Certainty.REPORTED, Certainty.REPORTED)
    by_person = taken(shipped, said.format("Aragorn"), "Arnor delivered", ("ARN", "GON"))
    assert by_person.certainty == Certainty.CONFIRMED  # a name may speak for a party: the head decides
    release = "Arms\nMinistry of Defence (Mordor)\n2024-06-20\n\nArnor delivered catapults to Gondor on Monday.\n"
    assert taken(shipped, release, "Arnor delivered", ("ARN", "GON")).certainty == Certainty.REPORTED
    plain = "Arms\nWire\n2024-06-20\n\nArnor delivered catapults to Gondor on Monday.\n"
    assert taken(shipped, plain, "Arnor delivered", ("ARN", "GON")).certainty == Certainty.CONFIRMED  # the head's


def test_the_event_word_is_the_one_whose_actor_slot_the_actor_fills(reader: CandidateReader) -> None:
    """ "In the first weeks of the Mordorian invasion, Gondorian catapults struck Mordorian camps": Mordor
    relates to both attack words, but the strike's subject is another phrase; the invasion is Mordor's."""
    text = (
        "War\nWire\n2024-06-20\n\n"
        "In the first weeks of the Mordorian invasion, Gondorian catapults struck Mordorian camps, "
        "Gondor's army said.\n"
    )
    _, candidates = candidates_of(reader, text)
    candidate = next(c for c in candidates if c.key == ("MOR", "GON") and not c.view.is_title)
    draft = learned_module._draft_for(candidate, EventType.ATTACK)
    assert draft is not None and draft.candidate.trigger.lower_ == "invasion"
    assert learned_module.speaker_certainty(candidate, draft) is None  # background: Gondor's army says the strike


def test_background_and_unstated_spans_leave_the_event_undated(reader: CandidateReader) -> None:
    text = (
        "War\nWire\n2024-06-20\n\n"
        "Gondor joined the alliance after Mordor's invasion of Arnor.\n\n"
        "Mordor, which had sold catapults to Gondor for years, stopped the trade.\n"
    )
    _, candidates = candidates_of(reader, text)

    def of(start: str, key: tuple[str, str]) -> PairCandidate:
        return next(c for c in candidates if c.view.text.startswith(start) and c.key == key)

    invasion = learned_module._draft_for(of("Gondor joined", ("MOR", "ARN")), EventType.ATTACK)
    sale = learned_module._draft_for(of("Mordor, which", ("MOR", "GON")), EventType.TRANSFER)
    assert invasion is not None and invasion.date is None
    assert sale is not None and sale.date is None


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Arnor said it could send catapults to Gondor.", Certainty.POSSIBLE),  # the head said confirmed
        ("Mordor accused Arnor of sending catapults to Gondor.", Certainty.ALLEGED),
        ("Arnor sent catapults to Gondor, its defence ministry said.", Certainty.CONFIRMED),
    ],
)
def test_a_hedge_the_rules_read_outranks_the_certainty_head(sentence: str, expected: Certainty) -> None:
    text = f"Catapults\nWire\n2024-06-20\n\n{sentence}\n"
    document = read_scored(EventType.TRANSFER, {("ARN", "GON"): 0.95}, text)
    assert [e.certainty for e in document.events if e.type == EventType.TRANSFER] == [expected]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a group of no party attacked: the state whose ship was hit does not act on the state that speaks
        ("The White Council attacked a Mordorian ship near the coast, Gondor's navy said.", set()),
        ("Mordor attacked a Gondorian ship near the coast, the White Council said.", {("MOR", "GON")}),
    ],
)
def test_a_state_does_not_act_where_a_group_is_the_subject(sentence: str, expected: set[tuple[str, str]]) -> None:
    text = f"Ships\nWire\n2024-06-20\n\n{sentence}\n"
    document = read_scored(EventType.ATTACK, {("MOR", "GON"): 0.9}, text)
    pairs = {(e.actors[0].key, e.recipients[0].key) for e in document.events if e.type == EventType.ATTACK}
    assert {p for p in pairs if p[0] != "white-council"} == expected  # (the group's own attack, as the rules read it)


def test_an_event_of_a_state_with_a_group_is_kept_as_the_rules_read_it() -> None:
    text = "Truce\nWire\n2024-06-20\n\nGondor and the White Council agreed to a ceasefire on Tuesday.\n"
    document = read_scored(EventType.AGREEMENT, {}, text)
    parties = [sorted(e.key for e in [*x.actors, *x.recipients]) for x in document.events]
    assert parties == [["GON", "white-council"]]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Mordorian shelling killed 12 Gondorian civilians on Monday.", []),
        ("Mordorian shelling killed 12 Gondorian soldiers on Monday.", ["GON"]),
    ],
)
def test_the_heads_count_no_civilians_as_casualties_of_a_force(sentence: str, expected: list[str]) -> None:
    text = f"Shelling\nWire\n2024-06-20\n\n{sentence}\n"
    document = read_scored(EventType.CASUALTIES, {("GON", "-"): 0.9}, text)
    assert [e.actors[0].key for e in document.events if e.type == EventType.CASUALTIES] == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The catapults, delivered by Arnor in May, were used in strikes on Minas Tirith.",
        "Arnorian-made catapults were used in strikes on Minas Tirith.",
    ],
)
def test_the_side_weapons_are_used_on_did_not_receive_them(sentence: str) -> None:
    text = f"Catapults\nWire\n2024-06-20\n\n{sentence}\n"
    document = read_scored(EventType.TRANSFER, {("ARN", "GON"): 0.95}, text)
    assert [e for e in document.events if e.type == EventType.TRANSFER] == []


@pytest.mark.parametrize(
    "body",
    [
        "Gondor will not send troops to Arnor, the king said.",  # the rules read "send" as a supply, negated
        "Gondor has no plans to send troops to Arnor.",
        "Gondor has no intention of sending troops to Arnor.",
    ],
)
def test_a_word_negated_in_any_reading_states_no_event(body: str) -> None:
    text = f"Troops\nWire\n2024-06-20\n\n{body}\n"
    document = read_scored(EventType.DEPLOYMENT, {("GON", "ARN"): 0.95}, text)
    assert [e for e in document.events if e.type == EventType.DEPLOYMENT] == []


def test_a_claim_left_unconfirmed_is_alleged(shipped: LearnedExtractor) -> None:
    """ "..., but Mordor did not confirm the attack": no party's confirmation (a negated stance takes none),
    and the claim the sentence tells is alleged, with both readers."""
    text = (
        "Strike\nWire\n2024-06-20\n\n"
        "Gondor claimed to have struck a Mordorian warship, but Mordor did not confirm the attack.\n"
    )
    article = parse_text_article(text, source="invented.txt")
    for reader in (shipped, Extractor(invented_gazetteer())):
        attacks = [e for e in reader.extract(article).events if e.type == EventType.ATTACK]
        assert [(e.actors[0].key, e.recipients[0].key, e.certainty) for e in attacks] == [
            ("GON", "MOR", Certainty.ALLEGED)
        ]


def test_a_speaker_that_downed_drones_was_attacked() -> None:
    gazetteer = invented_gazetteer()
    gazetteer.add(Entity(key="drones", label="drones", kind=EntityKind.WEAPON, category="drone", aliases=("drone",)))
    text = "Drones\nWire\n2024-06-20\n\nMordor said it shot down 30 Gondorian drones overnight.\n"
    events = Extractor(gazetteer).extract(parse_text_article(text, source="invented.txt")).events
    assert [(e.actors[0].key, e.recipients[0].key) for e in events if e.type == EventType.ATTACK] == [("GON", "MOR")]


def test_a_strike_that_could_not_be_verified_is_alleged() -> None:
    text = (
        "Strike\nWire\n2024-06-20\n\n"
        "Gondor struck a Mordorian warship overnight, but the strike could not be independently verified.\n"
    )
    events = Extractor(invented_gazetteer()).extract(parse_text_article(text, source="invented.txt")).events
    assert {(e.actors[0].key, e.certainty) for e in events if e.type == EventType.ATTACK} == {
        ("GON", Certainty.ALLEGED)
    }


def test_the_rule_events_of_one_sentence_pool_their_named_items() -> None:
    """Two words of one sentence stating one transfer: the first one's items, the other's named systems, and
    the other's generic words only when nothing is named yet."""
    from eventgraph.extract.learned import _sentence_items

    arnor, gondor = (Entity(key=k, label=k, kind=EntityKind.COUNTRY) for k in ("ARN", "GON"))
    gear = Entity(key="military-equipment", label="military equipment", kind=EntityKind.WEAPON)
    grond = Entity(key="grond", label="Grond", kind=EntityKind.WEAPON)
    arms = Entity(key="weapons", label="weapons", kind=EntityKind.WEAPON)

    def transfer(*items: Entity) -> Event:
        return Event(EventType.TRANSFER, [arnor], recipients=[gondor], items=list(items))

    assert _sentence_items([transfer(gear), transfer(grond, arms)]) == [gear, grond]
    assert _sentence_items([transfer(), transfer(arms)]) == [arms]
    assert _sentence_items([]) == []


def test_a_transfer_naming_nothing_supplied_takes_the_system_named_just_before() -> None:
    """ "Gondor has received two from Arnor": what was supplied is the named system of the nearest sentence
    before (not of an earlier one); a sentence more than three back is not read."""

    def transfer_items(body: str) -> list[list[str]]:
        text = f"Siege engines\nWire\n2024-06-20\n\n{body}\n"
        document = TakesEveryTransfer({("ARN", "GON")}).extract(parse_text_article(text, source="invented.txt"))
        return [[i.label for i in e.items] for e in document.events if e.type == EventType.TRANSFER]

    first = "Mordor fielded the Morgul catapult in 2019."
    assert transfer_items(f"{first} Arnor tested the Grond catapult in 2020. Gondor has received two from Arnor.") == [
        ["Grond catapult"]
    ]
    far = " ".join(f"Mordor was quiet in week {n}." for n in range(3))
    body = f"{first} Arnor tested the Grond catapult. {far} Gondor received two from Arnor."
    assert transfer_items(body) == [[]]


@pytest.mark.parametrize(
    ("sentence", "scores", "expected"),
    [
        # where the weapon was made names neither side of the attack it is used in
        ("Air defences destroyed an Arnorian-made missile over Minas Tirith.", {("ARN", "GON"): 0.9}, set()),
        ("The drones, made in Arnor, were launched at Gondor by Mordor.", {("MOR", "ARN"): 0.9}, set()),
        (
            "Mordorian troops fired Arnorian-made missiles at Gondor.",
            {("ARN", "GON"): 0.9, ("MOR", "GON"): 0.8},
            {("MOR", "GON")},
        ),
    ],
)
def test_the_maker_of_a_weapon_is_no_side_of_its_attack(
    sentence: str, scores: dict[tuple[str, str], float], expected: set[tuple[str, str]]
) -> None:
    text = f"Strikes\nWire\n2024-06-20\n\n{sentence}\n"
    document = read_scored(EventType.ATTACK, scores, text)
    assert {(e.actors[0].key, e.recipients[0].key) for e in document.events if e.type == EventType.ATTACK} == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the state that downs or reports a weapon named by its maker did not receive it
        ("Air defences shot down 40 Arnorian-made catapults overnight, Gondor's air force said.", set()),
        ("Gondorian air defences intercepted 12 Arnorian-made trebuchets on Monday.", set()),
        # the weapon's own phrase names who used it
        ("Gondor shot down 25 Arnorian-made catapults sent by Mordor.", {("ARN", "MOR")}),
    ],
)
def test_a_weapon_shot_down_was_not_supplied_to_the_side_that_downed_it(
    sentence: str, expected: set[tuple[str, str]]
) -> None:
    text = f"Drones\nWire\n2024-06-20\n\n{sentence}\n"
    document = read_scored(EventType.TRANSFER, {("ARN", "GON"): 0.95, ("ARN", "MOR"): 0.9}, text)
    found = {(e.actors[0].key, e.recipients[0].key) for e in document.events if e.type == EventType.TRANSFER}
    assert found == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Arnor shipped catapults to Gondor for use in Mordor.",
        "Arnor has supplied catapults to Gondor for use against Mordor.",
        "Arnor handed over drones to Gondor for use in its war in Mordor.",
    ],
)
def test_where_a_supply_is_to_be_used_receives_nothing(sentence: str) -> None:
    text = f"Shells\nWire\n2024-06-20\n\n{sentence}\n"
    document = read_scored(EventType.TRANSFER, {("ARN", "GON"): 0.95, ("ARN", "MOR"): 0.9}, text)
    found = {(e.actors[0].key, e.recipients[0].key) for e in document.events if e.type == EventType.TRANSFER}
    assert found == {("ARN", "GON")}


def test_a_state_named_only_as_the_source_fills_no_slot_the_event_gives_another() -> None:
    text = "Catapults\nWire\n2024-06-20\n\nGondor has supplied Arnor with catapults, Mordorian officials said.\n"
    document = read_scored(EventType.TRANSFER, {("GON", "ARN"): 0.95, ("GON", "MOR"): 0.9}, text)
    assert {(e.actors[0].key, e.recipients[0].key) for e in document.events} == {("GON", "ARN")}
    text = "Losses\nWire\n2024-06-20\n\nGondor has lost 500 soldiers, Arnor's defence ministry estimated.\n"
    document = read_scored(EventType.CASUALTIES, {("GON", "-"): 0.95, ("ARN", "-"): 0.9}, text)
    assert [e.actors[0].key for e in document.events if e.type == EventType.CASUALTIES] == ["GON"]


def test_a_transfer_of_units_alone_takes_the_system_named_just_before() -> None:
    """ "Gondor bought the batteries from Arnor": batteries count units of a system and name none; the system
    the sentence before names is the item, the batteries beside it."""
    text = (
        "Siege engines\nWire\n2024-06-20\n\nArnor tested the Grond catapult. Gondor bought the batteries from Arnor.\n"
    )
    gazetteer = invented_gazetteer()
    gazetteer.add(Entity(key="batteries", label="batteries", kind=EntityKind.WEAPON, category="air-defence"))
    reader = TakesEveryTransfer({("ARN", "GON")})
    LearnedExtractor.__init__(reader, gazetteer=gazetteer, nlp=load_pipeline())
    document = reader.extract(parse_text_article(text, source="invented.txt"))
    [event] = [e for e in document.events if e.type == EventType.TRANSFER]
    assert [i.label for i in event.items] == ["Grond catapult", "batteries"]
