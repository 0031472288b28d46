"""Transfer candidates whose other party the rules left open (session 21): a state the rules read as the
supplier of an event with no recipient ("F-16s supplied by Norway and Finland") is marked on the candidates
that could fill the empty slot, which a rule event of that state with another party does not.  Invented
articles."""

from __future__ import annotations

from eventgraph.articles import parse_text_article
from eventgraph.extract.learned import CandidateReader


def _features(text: str, prefix: str) -> dict[tuple[str, str], list[str]]:
    """The features starting with ``prefix`` of each pair candidate of the last sentence of an article."""
    reader = CandidateReader()
    article = parse_text_article(f"Report\nWire\n2024-06-20\n\n{text}\n", source="invented.txt")
    candidates = reader.candidates(article, list(reader.nlp.pipe(reader._texts(article))))[1]
    last = max(c.view.index for c in candidates)
    return {
        c.key: sorted(f for f in c.features if f.startswith(prefix))
        for c in candidates
        if c.view.index == last and c.recipient is not None
    }


def test_a_supplier_with_no_recipient_read_marks_the_pair_with_a_context_state() -> None:
    features = _features(
        "A Chilean F-16 crashed on Monday. The jet was one of the F-16s supplied by Norway and Finland.",
        "rule_open",
    )
    assert features[("NOR", "CHL")] == ["rule_open:transfer"]
    assert features[("FIN", "CHL")] == ["rule_open:transfer"]
    assert features[("CHL", "NOR")] == []


def test_a_supplier_read_with_its_recipient_is_not_open() -> None:
    features = _features("Norway delivered F-16 jets to Chile in May, and Peru praised the deal.", "rule_open")
    assert features[("NOR", "CHL")] == []
    assert features[("NOR", "PER")] == []
