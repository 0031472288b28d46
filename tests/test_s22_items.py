"""The items of transfers (session 22): "fighters" read as jets where the sentence treats it as a weapon; the
kinds a sentence names join a transfer read with only a word for any weapon ("arms"); the headline's kinds
join the body's telling of its supply; a transfer whose article names nothing supplied is of "weapons".
Sentences are invented."""

from __future__ import annotations

import pytest

from eventgraph.articles import parse_text_article
from eventgraph.extract import Extractor
from eventgraph.extract.learned import LearnedExtractor, _sentence_items
from eventgraph.extract.output import document_json
from eventgraph.model import Entity, EntityKind, Event, EventType


@pytest.fixture(scope="module")
def rules() -> Extractor:
    return Extractor()


@pytest.fixture(scope="module")
def learned(rules: Extractor) -> LearnedExtractor:
    return LearnedExtractor(nlp=rules.nlp, gazetteer=rules.gazetteer, lexicon=rules.lexicon)


def _weapons(reader: Extractor, sentence: str) -> list[str]:
    """The weapons the reader finds in a sentence, as written."""
    doc = reader.nlp(sentence)
    sent = next(iter(doc.sents))
    return [
        weapon.written or weapon.label
        for mention in reader.mentions(sent)
        if (weapon := mention.first({EntityKind.WEAPON})) is not None
    ]


def _transfer_items(reader: Extractor, text: str, title: str = "Report") -> dict[tuple[str, str], list[str]]:
    article = parse_text_article(f"{title}\nWire\n2024-06-20\n\n{text}\n", source="invented.txt")
    found = document_json(reader.extract(article))
    out: dict[tuple[str, str], list[str]] = {}
    for event in found["events"]:
        if event["type"] != "transfer":
            continue
        for actor in event.get("actor", []):
            for recipient in event.get("recipient", []):
                key = (actor.get("iso3") or actor.get("label"), recipient.get("iso3") or recipient.get("label"))
                out.setdefault(key, []).extend(i["label"] for i in event.get("items", []))
    return out


@pytest.mark.parametrize(
    "sentence",
    [
        "Spain sold 18 fighters and four frigates to Peru.",
        "Chile bought arms from Spain, including fighters, tanks and missiles.",
        "Peru's arms imports from Spain, chiefly fighters, doubled in 2023.",
        "Chile signed for the delivery of fighters from Sweden.",
    ],
)
def test_fighters_the_sentence_treats_as_a_weapon_are_fighter_jets(rules: Extractor, sentence: str) -> None:
    assert "fighters" in _weapons(rules, sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Hamas fighters attacked the outpost with rockets and mortars.",
        "Foreign fighters and weapons crossed into Chile from Peru.",
        "Peru sent fighters to Chile in May.",
        "Two hundred fighters surrendered to the army on Monday.",
    ],
)
def test_fighters_of_a_side_or_sent_as_men_are_no_weapon(rules: Extractor, sentence: str) -> None:
    assert "fighters" not in _weapons(rules, sentence)


def test_fighters_after_a_named_system_are_left_to_it(rules: Extractor) -> None:
    """ "F-16 fighters and tanks": the system names them; "fighters" is no second item."""
    assert "fighters" not in _weapons(rules, "Peru is buying F-16 fighters and Leopard tanks from Spain.")


def _weapon(key: str, label: str) -> Entity:
    return Entity(key=key, label=label, kind=EntityKind.WEAPON, resolved=False)


def test_a_kind_another_reading_names_joins_a_word_for_any_weapon() -> None:
    """Two rule readings of one supply: "arms", and "frigates"; the kind joins the word for any weapon."""
    chile, spain = (Entity(key=k, label=k, kind=EntityKind.COUNTRY) for k in ("CHL", "ESP"))
    arms = Event(EventType.TRANSFER, [spain], [chile], items=[_weapon("weapons", "weapons")])
    frigates = Event(EventType.TRANSFER, [spain], [chile], items=[_weapon("frigates", "frigates")])
    assert [i.label for i in _sentence_items([arms, frigates])] == ["weapons", "frigates"]
    tanks = Event(EventType.TRANSFER, [spain], [chile], items=[_weapon("tanks", "tanks")])
    assert [i.label for i in _sentence_items([tanks, frigates])] == ["tanks"]  # a kind named: kept as it was


def test_the_kinds_of_a_sentence_join_a_supply_read_as_arms(learned: LearnedExtractor) -> None:
    """ "X approved arms exports to Y worth ..., mostly for submarines and frigates": the parse hangs the list
    on "worth", yet it names what the arms were."""
    items = _transfer_items(
        learned, "Spain approved arms exports to Chile worth 900 million euros, mostly for submarines and frigates."
    )
    assert {"submarines", "frigates"} <= set(items[("ESP", "CHL")])


def test_fighters_listed_after_a_share_of_arms_imports_are_its_items(learned: LearnedExtractor) -> None:
    """ "X supplied 40 percent of Y's arms imports, mainly fighters and submarines": the parse makes the list
    an apposition to the supplier; "fighters" is a weapon there, listed with submarines."""
    items = _transfer_items(
        learned, "Spain supplied 40 percent of Chile's arms imports, mainly fighters and submarines."
    )
    assert {"fighters", "submarines"} <= set(items[("ESP", "CHL")])


def test_a_sentence_naming_another_state_lends_its_kinds_to_no_supply_of_arms(learned: LearnedExtractor) -> None:
    items = _transfer_items(
        learned, "Spain supplied 40 percent of Chile's arms imports, while Peru bought submarines from Italy."
    )
    assert "arms" in items[("ESP", "CHL")]
    assert "submarines" not in items[("ESP", "CHL")]


def test_the_headline_kinds_join_the_body_telling_of_the_supply(learned: LearnedExtractor) -> None:
    items = _transfer_items(
        learned,
        "Spain has approved arms exports to Chile worth 900 million euros, the government said on Monday.",
        title="Spain to sell four submarines to Chile",
    )
    assert "submarines" in items[("ESP", "CHL")]


def test_a_supply_of_nothing_named_is_of_weapons(learned: LearnedExtractor) -> None:
    items = _transfer_items(learned, "Spain was the largest supplier to Chile in 2020-2024, the institute said.")
    assert items.get(("ESP", "CHL")) == ["weapons"]


def test_a_headline_class_leaves_a_body_that_names_the_system_as_it_is(learned: LearnedExtractor) -> None:
    """ "Spain sends tanks to Chile" over "Spain delivered 40 Leopard 2 tanks": the body names the system."""
    items = _transfer_items(
        learned,
        "Spain delivered 40 Leopard 2 tanks to Chile in April, the ministry said.",
        title="Spain sends tanks to Chile",
    )
    assert "tanks" not in items[("ESP", "CHL")]
