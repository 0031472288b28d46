"""Items of transfers, session 18 (issue 12): weapon classes the gazetteer lacked, names before a class
that the parse misreads, clauses of supply joined to the event's verb ("supply drones to B and send more
missiles"), and supplies that name no other state in an article of one transfer.  Invented sentences only,
read with the packaged gazetteer and model.
"""

from __future__ import annotations

import pytest

from eventgraph.articles import parse_text_article
from eventgraph.extract.learned import reader_extractor
from eventgraph.extract.output import document_json


def items_of(reader: str, sentence: str) -> list[list[str]]:
    """The item labels of each transfer a one-sentence article holds, as its JSON writes them."""
    text = f"Report\nWire\n2024-10-20\n\n{sentence}\n"
    events = document_json(reader_extractor(reader).extract(parse_text_article(text, source="invented.txt")))
    return [[i["label"] for i in e["items"]] for e in events["events"] if e["type"] == "transfer"]


@pytest.mark.parametrize(
    ("sentence", "labels"),
    [
        ("Norway sent Moldova jammers, quadcopters and targeting pods.", ["jammers", "quadcopters", "targeting pods"]),
        ("Canada delivered 60 protected mobility vehicles to Moldova.", ["protected mobility vehicles"]),
        ("Spain sold Chile missile launchers and plastic explosives.", ["missile launchers", "plastic explosives"]),
        ("Italy sold Peru coast guard vessels and cargo planes.", ["coast guard vessels", "cargo planes"]),
        ("Turkey sold Kenya sea drones and rocket-propelled grenades.", ["sea drones", "rocket-propelled grenades"]),
    ],
)
def test_weapon_classes_news_name_are_items(sentence: str, labels: list[str]) -> None:
    assert items_of("rules", sentence) == [labels]


def test_a_designation_just_before_a_class_names_it_whatever_the_parse() -> None:
    """ "and QX-210 reconnaissance pods": the parse hangs the designation on the list, not on "pods"."""
    [found] = items_of(
        "rules", "The United States approved the sale of Harpoon missiles and QX-210 reconnaissance pods to Norway."
    )
    assert "QX-210 reconnaissance pods" in found


def test_a_known_name_before_a_class_is_the_system_where_the_parse_breaks_the_phrase() -> None:
    """ "Bushmaster protected mobility vehicles": the small parser reads "protected" as a verb; the gazetteer's
    name before a class of its category is still the system, written with its class."""
    assert items_of("rules", "Ireland will hand over Bushmaster protected mobility vehicles to Moldova.") == [
        ["Bushmaster protected mobility vehicles"]
    ]


def test_a_known_name_before_a_class_keeps_the_names_listed_before_it_and_soldiers_stay_soldiers() -> None:
    """ "Switchblade and Altius loitering munitions": both systems, each with the class; "Patriot units" are no
    air defence system."""
    assert items_of("rules", "Norway will send Moldova Switchblade and Altius loitering munitions.") == [
        ["Switchblade loitering munitions", "Altius loitering munitions"]
    ]
    from eventgraph.extract import default_extractor
    from eventgraph.model import EntityKind

    extractor = default_extractor()
    doc = extractor.nlp("German Patriot units were stationed in Poland.")
    weapons = [m.first({EntityKind.WEAPON}) for m in extractor.matcher.find(doc)]
    assert [(w.written or w.label, w.category) for w in weapons if w is not None] == [("Patriot units", "personnel")]


@pytest.mark.parametrize(
    ("sentence", "labels"),
    [
        (
            "In 2020 Norway handed over three used patrol boats to Ghana, "
            "and it has given radars for the navy's old corvettes.",
            ["patrol boats", "radars", "corvettes"],
        ),
        (
            "Belarus delivered two helicopters to Niger in 2022, its minister said, "
            "and more aircraft, including trainer jets, arrived in 2023.",
            ["helicopters", "aircraft", "trainer jets"],
        ),
        ("Britain will supply drones to Moldova and send more cruise missiles.", ["drones", "cruise missiles"]),
    ],
)
def test_a_clause_of_supply_joined_to_the_event_s_verb_goes_on_telling_its_items(
    sentence: str, labels: list[str]
) -> None:
    """ "A handed over X to B, and it has given Y": the joined clause names no other state and its verb is one
    of supply, so Y is supplied in the same event."""
    assert items_of("learned", sentence) == [labels]


def test_a_joined_clause_naming_another_state_keeps_its_items() -> None:
    found = items_of("learned", "Norway handed over patrol boats to Ghana, and Sweden has given radars to Togo.")
    assert ["patrol boats"] in found


def items_of_article(paragraphs: list[str]) -> list[tuple[str, str, list[str]]]:
    """(actor, recipient, item labels) of each transfer the learned reader reads from an invented article."""
    text = "Briefing\nWire\n2024-10-20\n\n" + "\n\n".join(paragraphs) + "\n"
    events = document_json(reader_extractor("learned").extract(parse_text_article(text, source="invented.txt")))
    return [
        (e["actor"][0]["iso3"], e["recipient"][0]["iso3"], [i["label"] for i in e["items"]])
        for e in events["events"]
        if e["type"] == "transfer"
    ]


BRIEFING = [
    "Norway will send Moldova patrol boats, the ministry said.",
    "Officials in Oslo discussed the schedule with the navy.",
    "QUESTION: What else is in the package?",
    "SPOKESMAN: Support worth 90 million euros this year, including radars and mortars, as announced.",
]


def test_a_supply_naming_no_state_joins_the_article_s_one_transfer() -> None:
    """Every transfer of the article is Norway's to Moldova: the answer that names no state but a supply is
    of that transfer."""
    assert items_of_article(BRIEFING) == [("NOR", "MDA", ["patrol boats", "radars", "mortars"])]


def test_a_supply_naming_no_state_stays_apart_where_the_article_tells_two_transfers() -> None:
    found = items_of_article([*BRIEFING, "Sweden sold Chile frigates last year."])
    assert ("NOR", "MDA", ["patrol boats"]) in found


def test_a_list_of_contents_naming_only_the_pair_s_states_joins_their_transfer() -> None:
    """ "It includes radars and mortars, which Moldova asked for": a list of contents that names only the
    states of the article's one transfer is of that transfer; "including" in a state's own shopping is not."""
    article = [
        "Norway will send Moldova patrol boats, the ministry said.",
        "Officials in Oslo discussed the schedule with the navy.",
        "The talks lasted two days.",
        "A second meeting is planned for May.",
        "Reporters were not admitted.",
        "The package is the largest so far. It includes radars and mortars, which Moldova asked for in March.",
        "Moldova has also looked at larger ships, including frigates, but has not funded them.",
    ]
    assert items_of_article(article) == [("NOR", "MDA", ["patrol boats", "radars", "mortars"])]
