"""Transfers whose recipient the sentence leaves to the context (session 21, round 2): a pair whose supplier
the rules read with an open recipient slot and whose recipient comes from the context is marked with the
context it comes from (``rule_fill``), and one open slot takes one recipient, the likeliest.  Invented
articles."""

from __future__ import annotations

from eventgraph.articles import parse_text_article
from eventgraph.extract.candidates import PairCandidate
from eventgraph.extract.learned import CandidateReader, Decision, _one_transfer_party_from_the_context
from eventgraph.model import EventType
from test_s21_attack import rule_pairs


def _candidates(title: str, text: str) -> list[PairCandidate]:
    """The pair candidates of the last sentence of an article."""
    reader = CandidateReader()
    article = parse_text_article(f"{title}\nWire\n2024-06-20\n\n{text}\n", source="invented.txt")
    candidates = reader.candidates(article, list(reader.nlp.pipe(reader._texts(article))))[1]
    last = max(c.view.index for c in candidates)
    return [c for c in candidates if c.view.index == last and c.recipient is not None]


def _fills(candidates: list[PairCandidate]) -> dict[tuple[str, str], list[str]]:
    return {c.key: sorted(f for f in c.features if f.startswith("rule_fill")) for c in candidates}


def test_a_context_state_filling_an_open_recipient_slot_is_marked_with_its_context() -> None:
    fills = _fills(
        _candidates("Report", "A Chilean F-16 crashed on Monday. The jet was one of the F-16s supplied by Norway.")
    )
    assert fills[("NOR", "CHL")] == ["rule_fill:transfer:prev"]
    assert fills[("CHL", "NOR")] == []  # the context state as the supplier fills no open recipient slot


def test_a_headline_state_is_marked_as_such() -> None:
    fills = _fills(_candidates("Chile loses an F-16 in a crash", "The jet was one of the F-16s supplied by Norway."))
    assert fills[("NOR", "CHL")] == ["rule_fill:transfer:title"]


def test_a_supplier_read_with_its_recipient_fills_nothing() -> None:
    fills = _fills(_candidates("Chile and Peru hold talks", "Norway delivered F-16 jets to Chile in May."))
    assert all(not f for f in fills.values())


def test_one_open_recipient_slot_takes_the_likeliest_context_state() -> None:
    candidates = _candidates(
        "Chilean pilot killed in Peruvian air attack", "The jet was one of the F-16s supplied by Norway."
    )
    by_key = {c.key: c for c in candidates}
    assert by_key[("NOR", "CHL")].features.count("rule_fill:transfer:title") == 1
    assert "rule_fill:transfer:title" in by_key[("NOR", "PER")].features

    def decision(key: tuple[str, str], score: float) -> Decision:
        return Decision(by_key[key], EventType.TRANSFER, score, 0.9, {})

    kept = _one_transfer_party_from_the_context([decision(("NOR", "CHL"), 0.97), decision(("NOR", "PER"), 0.92)])
    assert [d.candidate.key for d in kept] == [("NOR", "CHL")]
    # states the heads score alike are both kept: nothing tells them apart
    tied = _one_transfer_party_from_the_context([decision(("NOR", "CHL"), 0.95), decision(("NOR", "PER"), 0.948)])
    assert len(tied) == 2


def test_a_sentence_naming_both_parties_keeps_its_several_customers() -> None:
    candidates = _candidates("Report", "Norway delivered F-16 jets to Chile and Peru in May.")
    by_key = {c.key: c for c in candidates}
    decisions = [
        Decision(by_key[("NOR", "CHL")], EventType.TRANSFER, 0.97, 0.9, {}),
        Decision(by_key[("NOR", "PER")], EventType.TRANSFER, 0.92, 0.9, {}),
    ]
    assert len(_one_transfer_party_from_the_context(decisions)) == 2


def _rule_transfers(text: str) -> list[tuple[list[str], list[str]]]:
    return rule_pairs(text, EventType.TRANSFER)


def test_one_of_those_supplied_stands_for_the_subjects_weapon() -> None:
    assert _rule_transfers("The tank was one of the ones sent by Poland.") == [(["POL"], [])]
    assert _rule_transfers("The Patriot battery that fired is one of those delivered by Germany last year.") == [
        (["DEU"], [])
    ]


def test_one_of_those_sent_with_no_weapon_as_subject_is_no_supply() -> None:
    assert _rule_transfers("The minister was one of those sent by Poland.") == []
