"""Whom "we" and "the country" stand for (session 22, round 2): a first-person pronoun inside a quotation is
the state of the speaker a recent sentence named; in a transcript's answer line, the state of the office the
transcript comes from; "the country" / "the kingdom" as a subject is the last state named as a subject, not
the last group of states named.  Sentences are invented."""

from __future__ import annotations

import pytest

from eventgraph.articles import parse_text_article
from eventgraph.extract import Extractor
from eventgraph.extract.output import document_json
from eventgraph.extract.references import answer_line, country_noun, in_quotation, publisher_state


@pytest.fixture(scope="module")
def rules() -> Extractor:
    return Extractor()


def _pairs(reader: Extractor, body: str, outlet: str = "Wire", title: str = "Report") -> set[tuple[str, str, str]]:
    article = parse_text_article(f"{title}\n{outlet}\n2024-06-20\n\n{body}\n", source="invented.txt")
    found = document_json(reader.extract(article))
    return {
        (event["type"], actor.get("label"), recipient.get("label"))
        for event in found["events"]
        for actor in event.get("actor", [])
        for recipient in event.get("recipient", [])
    }


def test_we_in_a_quote_is_the_state_of_the_speaker_named_before(rules: Extractor) -> None:
    body = (
        "France's defence minister said on Monday that his government had helped Chad.\n\n"
        '"We sold Chad four helicopters last year," Jean Dupont told reporters in Brussels.'
    )
    pairs = _pairs(rules, body)
    assert ("transfer", "France", "Chad") in pairs
    assert not any(p[0] == "transfer" and p[1] != "France" for p in pairs)


def test_we_in_a_transcript_answer_is_the_publishing_office_state(rules: Extractor) -> None:
    body = (
        "MINISTER: Sweden and Finland joined the exercise.\n\n"
        "QUESTION: When do the radars reach Chile?\n\n"
        "MINISTER: We will deliver four radars to Chile next year."
    )
    pairs = _pairs(rules, body, outlet="Ministry of Defence, Norway - unofficial translation")
    assert ("transfer", "Norway", "Chile") in pairs
    assert ("transfer", "Sweden", "Chile") not in pairs


def test_the_pieces(rules: Extractor) -> None:
    doc = rules.nlp('He said: "We will send them." Then we left.')
    we = [t for t in doc if t.lower_ == "we"]
    assert in_quotation(we[0]) and not in_quotation(we[1])
    country = next(t for t in rules.nlp("The country agreed to lend shells.") if t.lower_ == "country")
    assert country_noun(country)
    two = next(t for t in rules.nlp("The two countries agreed.") if t.lower_ == "countries")
    assert not country_noun(two)
    assert answer_line(next(iter(rules.nlp("MINISTER: We will deliver radars.").sents)), rules.lexicon)
    assert not answer_line(next(iter(rules.nlp("QUESTION: Will you deliver radars?").sents)), rules.lexicon)
    assert not answer_line(next(iter(rules.nlp("Officials said: we deliver.").sents)), rules.lexicon)
    state = publisher_state(("Ministry of Defence, Norway",), rules.gazetteer)
    assert state is not None and state.key == "NOR"
    assert publisher_state(("Some Review, opinion",), rules.gazetteer) is None


# (body, outlet, a tuple read, a tuple not read or None)
RESOLVED = {
    "the country as subject is the state named as subject before": (
        "Brazil's policy bars it from selling arms to states at war. In 2023, however, the country agreed to "
        "sell 5,000 shells to Canada, which could free stocks for Ukraine.",
        "Wire",
        ("transfer", "Brazil", "Canada"),
        ("transfer", "Ukraine", "Canada"),
    ),
    "it opening a sentence is the last sentence's subject state": (
        "Brazil has sent Peru helmets and body armour. In 2022 it also sold 155mm shells to Canada, on condition "
        "that they stayed in Canada.",
        "Wire",
        ("transfer", "Brazil", "Canada"),
        ("transfer", "Peru", "Canada"),
    ),
    "our in a state release is that state": (
        "Peruvian troops shelled our positions near the border on Tuesday.",
        "Ministry of National Defence of Chile, press release",
        ("attack", "Peru", "Chile"),
        None,
    ),
    "our in a transcript names the publishing city's state": (
        "SPOKESMAN: Washington approved the sale of 40 new jets to modernise 79 of our existing jets.",
        "Ankara - transcript (translation)",
        ("transfer", "United States", "Türkiye"),
        None,
    ),
}


@pytest.mark.parametrize("case", list(RESOLVED), ids=list(RESOLVED))
def test_a_reference_is_resolved_to_its_state(rules: Extractor, case: str) -> None:
    body, outlet, wanted, unwanted = RESOLVED[case]
    pairs = _pairs(rules, body, outlet=outlet)
    assert wanted in pairs
    assert unwanted is None or unwanted not in pairs
