"""Transfers whose supplier the sentence leaves to the context (session 20): a state listed with others in
the slot of the named party ("ordered by Chile, Peru and Hungary") leaves the supplier's slot open, while
a state of its own in that slot ("Belarus delivered shells to Kazakhstan") still fills it. Invented articles."""

from __future__ import annotations

from eventgraph.articles import parse_text_article
from eventgraph.extract.drafts import _slot_taken
from eventgraph.extract.learned import CandidateReader
from eventgraph.model import EventType


def _slots(text: str) -> dict[tuple[str, str], bool]:
    """Whether the slot of the party left to the context is taken, for each pair candidate of the last
    sentence of an invented article."""
    reader = CandidateReader()
    article = parse_text_article(f"Report\nWire\n2024-06-20\n\n{text}\n", source="invented.txt")
    candidates = reader.candidates(article, list(reader.nlp.pipe(reader._texts(article))))[1]
    last = max(c.view.index for c in candidates)
    return {
        c.key: _slot_taken(c, EventType.TRANSFER)
        for c in candidates
        if c.view.index == last and c.recipient is not None
    }


def test_a_listed_buyer_leaves_the_supplier_to_the_context() -> None:
    slots = _slots(
        "Sweden delivered Gripen fighters to Thailand. The company said the Gripen fighter had also been "
        "ordered by Chile, Peru and Hungary."
    )
    assert slots[("SWE", "CHL")] is False
    assert slots[("SWE", "HUN")] is False


def test_another_supplier_named_in_the_slot_still_takes_it() -> None:
    slots = _slots("Russia received shells from North Korea in May. Belarus delivered shells to Kazakhstan.")
    assert slots[("RUS", "KAZ")] is True


def _features(text: str) -> dict[tuple[str, str], list[str]]:
    """The maker features of each pair candidate of the last sentence of an invented article."""
    reader = CandidateReader()
    article = parse_text_article(f"Report\nWire\n2024-06-20\n\n{text}\n", source="invented.txt")
    candidates = reader.candidates(article, list(reader.nlp.pipe(reader._texts(article))))[1]
    last = max(c.view.index for c in candidates)
    return {
        c.key: [f for f in c.features if "maker:" in f]
        for c in candidates
        if c.view.index == last and c.recipient is not None
    }


def test_the_maker_of_a_weapon_received_is_marked_on_the_candidate() -> None:
    features = _features("Sweden builds the Gripen fighter. Chile received its first Gripen fighters in 2021.")
    assert features[("SWE", "CHL")] == ["maker:sent|no"]
    assert features[("CHL", "SWE")] == ["maker:no|sent"]


def test_the_maker_of_a_weapon_the_article_names_elsewhere_is_marked_too() -> None:
    features = _features("Sweden builds the Gripen fighter. Chile and Peru took deliveries in 2021.")
    assert features[("SWE", "CHL")] == ["maker:doc|no"]


def _rule_tuples(text: str) -> set[tuple[str, str, str]]:
    """The scored (type, actor, recipient) tuples of an invented article read by the rules."""
    from eventgraph.evaluation import tuples_of
    from eventgraph.extract.learned import reader_extractor
    from eventgraph.extract.output import document_json

    article = parse_text_article(f"Report\nWire\n2024-06-20\n\n{text}\n", source="invented.txt")
    found = document_json(reader_extractor("rules").extract(article))
    return {t for event in found["events"] for t in tuples_of(event)}


def test_signing_for_weapons_from_a_state_is_a_purchase_from_it() -> None:
    # the seller of second-hand jets, not their maker (the United States), nor a recipient
    assert _rule_tuples("Peru signed for 24 used F-16 fighters from Norway in March.") == {("transfer", "NOR", "PER")}


def test_signing_a_treaty_is_still_no_transfer() -> None:
    assert _rule_tuples("Poland and Ukraine signed a security agreement in July.") == {("agreement", "POL", "UKR")}
