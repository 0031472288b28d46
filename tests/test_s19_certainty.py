"""Certainty: who states an event, what a denial or a hedge reaches, and which claim a denial answers.

Sentences are invented.
"""

from __future__ import annotations

import pytest

from eventgraph.articles import parse_text_article
from eventgraph.extract import Extractor
from eventgraph.extract.candidates import PairCandidate
from eventgraph.extract.drafts import _draft_for
from eventgraph.extract.learned import LearnedExtractor
from eventgraph.extract.speaker import by_speaker
from eventgraph.model import Certainty, Entity, EntityKind, EventType


@pytest.fixture(scope="module")
def learned() -> LearnedExtractor:
    return LearnedExtractor()


def article(text: str):  # type: ignore[no-untyped-def]
    return parse_text_article(f"Report\nWire\n2024-06-20\n\n{text}\n", source="invented.txt")


def candidate(reader: LearnedExtractor, text: str, key: tuple[str, str]) -> PairCandidate:
    art = article(text)
    docs = list(reader.nlp.pipe(reader._texts(art)))
    _, candidates = reader.candidates(art, docs)
    return next(c for c in candidates if c.key == key)


ADMITTED_AND_DENIED = (
    "The president said Serbia had sold shells to Spain and Greece, but denied that Serbia had sent any to "
    "Ukraine since the war began."
)


@pytest.mark.parametrize(
    ("key", "disputed"),
    [(("SRB", "ESP"), False), (("SRB", "GRC"), False), (("SRB", "UKR"), True)],
)
def test_a_denial_with_a_clause_of_its_own_disputes_only_that_clause(
    learned: LearnedExtractor, key: tuple[str, str], disputed: bool
) -> None:
    """The admitted sales stand as the president states them; only the denied supply is in doubt."""
    pair = candidate(learned, ADMITTED_AND_DENIED, key)
    assert learned._disputed(pair, _draft_for(pair, EventType.TRANSFER)) is disputed


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Ukraine said Russia fired missiles at Kyiv, and Moscow denied it.", ("RUS", "UKR")),
        ("Pakistan accused Indian forces of shelling villages near the border.", ("IND", "PAK")),
    ],
)
def test_a_bare_denial_or_an_accusation_still_disputes_its_sentence(
    learned: LearnedExtractor, text: str, key: tuple[str, str]
) -> None:
    pair = candidate(learned, text, key)
    assert learned._disputed(pair, _draft_for(pair, EventType.ATTACK))


def certainties(reader: Extractor, text: str) -> dict[tuple[str, tuple[str, ...], tuple[str, ...]], Certainty]:
    out = reader.extract(article(text))
    return {
        (e.type.value, tuple(a.key for a in e.actors), tuple(r.key for r in e.recipients)): e.certainty
        for e in out.events
    }


@pytest.fixture(scope="module")
def rules() -> Extractor:
    return Extractor()


def denials(reader: Extractor, text: str) -> dict[tuple[str, tuple[str, ...], tuple[str, ...]], list[str]]:
    """The deniers (state codes) of the events of each identity."""
    found: dict[tuple[str, tuple[str, ...], tuple[str, ...]], list[str]] = {}
    for e in reader.extract(article(text)).events:
        key = (e.type.value, tuple(a.key for a in e.actors), tuple(r.key for r in e.recipients))
        found.setdefault(key, []).extend(c.claimants[0].key for c in e.claims if c.stance.value == "denies")
    return found


@pytest.mark.parametrize(
    "answer",
    ["Kigali rejected the account.", "Rwanda's government rejected the findings.", "Rwanda disputed that version."],
)
def test_a_denial_of_the_account_or_the_findings_answers_the_claim_before(
    learned: LearnedExtractor, answer: str
) -> None:
    text = f"A report by United Nations experts says Rwandan army units operated in Burundi during the spring. {answer}"
    assert denials(learned, text)[("deployment", ("RWA",), ("BDI",))] == ["RWA"]


def test_a_pointing_back_denial_answers_what_its_claimant_is_accused_of_not_what_was_done_to_it(
    rules: Extractor,
) -> None:
    """The sanctions against Iran are not what Iran rejects; the training the official charges it with is."""
    text = (
        "A US official said Russian personnel had been trained in Iran to operate the launchers. "
        "Britain and France announced they would sanction Iran's flag carrier in response. "
        "Iran's foreign ministry rejected the accusation."
    )
    found = denials(rules, text)
    assert all(not deniers for key, deniers in found.items() if key[0] == "sanction")
    assert any(deniers == ["IRN"] for key, deniers in found.items() if key[0] == "cooperation")


def test_a_named_claimants_denials_point_back(rules: Extractor, learned: LearnedExtractor) -> None:
    text = (
        "Russia has received shipments of Iranian ballistic missiles, the secretary said. "
        "Iran's denials are not credible."
    )
    assert denials(rules, text)[("transfer", ("IRN",), ("RUS",))] == ["IRN"]
    assert certainties(learned, text)[("transfer", ("IRN",), ("RUS",))] == Certainty.ALLEGED


def test_a_party_disputing_the_account_in_the_sentence_makes_it_alleged(learned: LearnedExtractor) -> None:
    text = (
        "Its report says Pakistani jets were used against Indian aircraft in May; India disputes the Pakistani account."
    )
    assert certainties(learned, text).get(("attack", ("PAK",), ("IND",))) == Certainty.ALLEGED


@pytest.mark.parametrize(
    "text",
    [
        "Chinese troops clashed with Indian soldiers near the disputed frontier on Friday.",
        "Chinese troops clashed with Indian soldiers on Friday in a valley that is disputed by both sides.",
    ],
)
def test_disputed_land_is_no_denial(learned: LearnedExtractor, text: str) -> None:
    found = denials(learned, f"China sent 40 tanks to Pakistan in May. {text}")
    assert not any(found.values())


def test_a_clause_a_semicolon_closes_is_not_what_the_later_denial_states(learned: LearnedExtractor) -> None:
    """The parser may hang the first clause from "disputes": it is the claim answered, not an event only
    denied, with the parties the rules read from the account's words (India attacking Pakistan)."""
    text = (
        "It says Pakistani jets were used against Indian aircraft in May; "
        "India disputes the Pakistani account of that clash."
    )
    assert ("attack", ("IND",), ("PAK",)) not in certainties(learned, text)


@pytest.mark.parametrize(
    "answer",
    [
        "China's commerce ministry said it had not supplied any weapons to either side.",
        '"China has sent no drone engines to Russia," a foreign ministry spokesman said.',
        "Beijing's foreign ministry said China never delivered engines to Russia.",
    ],
)
def test_a_party_saying_it_did_not_do_it_denies_the_claim(rules: Extractor, answer: str) -> None:
    text = f"US officials said Chinese firms shipped drone engines to Russia in March. {answer}"
    assert denials(rules, text)[("transfer", ("CHN",), ("RUS",))] == ["CHN"]


@pytest.mark.parametrize(
    "answer",
    [
        "Poland said China had not sent any drone engines to Russia.",  # another state's word
        "China did not comment on the shipment, an official in Kyiv said.",  # no answer at all
        "China's foreign ministry said it was not aware of exports to Russia.",
    ],
)
def test_a_negation_that_is_not_the_partys_denial_answers_nothing(rules: Extractor, answer: str) -> None:
    text = f"US officials said Chinese firms shipped drone engines to Russia in March. {answer}"
    assert denials(rules, text)[("transfer", ("CHN",), ("RUS",))] == []


def test_a_denial_naming_a_recipient_leaves_the_sales_to_others(rules: Extractor) -> None:
    text = (
        "The report said Indian firms had sold shells to buyers in Italy. "
        '"India has not sent or sold artillery shells to Ukraine," a ministry spokesman said.'
    )
    assert denials(rules, text)[("transfer", ("IND",), ("ITA",))] == []


@pytest.mark.parametrize(
    "label", ["state television", "a research institute's transfer database", "the report", "several newspapers"]
)
def test_a_medium_of_no_state_passes_on_others_word(rules: Extractor, label: str) -> None:
    """A medium or a document is no party: what it says a state did is `reported`, whatever the parties."""
    source = Entity(key=label, label=label, kind=EntityKind.ORGANIZATION, resolved=False)
    assert by_speaker([source], set(), {"ISR", "AZE"}, rules.lexicon) == Certainty.REPORTED


def test_a_states_own_media_or_a_person_are_left_to_the_head(rules: Extractor) -> None:
    person = Entity(key="aliyev", label="Aliyev", kind=EntityKind.PERSON, resolved=False)
    assert by_speaker([person], set(), {"RUS", "UKR"}, rules.lexicon) is None


@pytest.mark.parametrize(
    ("text", "hedged"),
    [
        ("Britain has supplied cruise missiles to Ukraine since May.", False),
        ("In May, Britain supplied cruise missiles to Ukraine.", False),
        ("Britain may supply cruise missiles to Ukraine.", True),
    ],
)
def test_the_month_may_is_no_hedge_in_the_features(learned: LearnedExtractor, text: str, hedged: bool) -> None:
    features = set(candidate(learned, text, ("GBR", "UKR")).features)
    assert ("cue:certainty:may" in features) is hedged
    assert ("cue:modal" in features) is hedged


REPORTED_DEAL = "Vietnam has agreed to buy 20 K9 howitzers from South Korea, newspapers reported."


@pytest.mark.parametrize(
    "answer",
    [
        "Neither Seoul's procurement agency nor the Vietnamese defence ministry confirmed the reports.",
        "No official in Hanoi confirmed the reports.",
    ],
)
def test_no_one_confirming_is_no_confirmation(rules: Extractor, answer: str) -> None:
    events = rules.extract(article(f"{REPORTED_DEAL} {answer}")).events
    deal = next(e for e in events if e.type == EventType.TRANSFER)
    assert not any(c.stance.value == "confirms" for c in deal.claims)
    assert deal.certainty != Certainty.CONFIRMED


def test_a_recipient_confirming_the_reports_confirms_the_sale(rules: Extractor) -> None:
    """A confirmation answers the events its claimant takes part in, on either side (the preference for what
    a claimant is accused of doing is a denial's): the supply to Vietnam as well as Vietnam's deployment."""
    text = (
        "Russia sent tanks to Vietnam in May, and Vietnam sent troops to Laos in June, newspapers reported. "
        "The Vietnamese defence ministry confirmed the reports."
    )
    found = rules.extract(article(text)).events
    supply = next(e for e in found if e.type == EventType.TRANSFER)
    assert any(c.stance.value == "confirms" for c in supply.claims)


@pytest.mark.parametrize(
    "answer",
    [
        "Beijing said the accusations were baseless.",
        'The Chinese foreign ministry called the report "pure propaganda".',
        "Beijing described the claims as a fabrication.",
    ],
)
def test_a_party_calling_the_claim_a_falsehood_denies_it(rules: Extractor, answer: str) -> None:
    text = f"US officials said Chinese firms shipped drone engines to Russia in March. {answer}"
    assert denials(rules, text)[("transfer", ("CHN",), ("RUS",))] == ["CHN"]


@pytest.mark.parametrize(
    "answer",
    [
        "Washington called the shipments a dangerous escalation.",  # a judgement, not a denial
        "Beijing did not call the report false.",
        "Russia later staged a false flag operation near the border.",
    ],
)
def test_other_words_about_the_claim_deny_nothing(rules: Extractor, answer: str) -> None:
    text = f"US officials said Chinese firms shipped drone engines to Russia in March. {answer}"
    assert denials(rules, text)[("transfer", ("CHN",), ("RUS",))] == []
