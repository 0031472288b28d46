"""States named only as a place, session 22 round 2: a state's name inside a longer proper name, or a namesake
region of another state, names no state (``extract/namesakes.py``).  Invented sentences."""

from __future__ import annotations

import pytest

from eventgraph.extract import Extractor


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def states(extractor: Extractor, text: str) -> list[tuple[str, list[str]]]:
    doc = extractor.nlp(text)
    return [(doc[m.start : m.end].text, [e.key for e in m.entities]) for s in doc.sents for m in extractor.mentions(s)]


def test_a_state_named_only_inside_a_longer_place_name_is_no_state(extractor: Extractor) -> None:
    found = dict(states(extractor, "Chile moved its frigates to the harbour of Puerto Peru last week."))
    assert "Peru" not in found and found["Chile"] == ["CHL"]
    # a date word, a direction, a title-case headline, a name of its own before the state's name, or a demonym
    # in an organ's name leave it a state
    assert ("Peru", ["PER"]) in states(extractor, "On Tuesday Peru moved its frigates north.")
    assert ("Peru", ["PER"]) in states(extractor, "Chile Warns Peru Over Frigates")
    assert ("Peru", ["PER"]) in states(extractor, "Officials said Chile Peru talks would resume.")
    assert ("Peru", ["PER"]) in states(extractor, "Rebels moved deeper into Northern Peru last week.")
    assert "Peruvian" in dict(states(extractor, "Officers of the Royal Peruvian Navy met them."))


def test_a_city_named_for_its_own_state_still_names_it(extractor: Extractor) -> None:
    # data/state_namesakes.csv: "Port Sudan" is a city of Sudan, so "Sudan" in it stays the state
    assert ("Sudan", ["SDN"]) in states(extractor, "Drones struck the airport of Port Sudan on Sunday.")


def test_a_namesake_region_of_a_state_named_in_the_sentence_is_no_state(extractor: Extractor) -> None:
    text = "Chilean pilots trained in the United States, at Example Air Base in Georgia, this year."
    assert "Georgia" not in dict(states(extractor, text))
    assert "Georgia" not in dict(states(extractor, "The drills were held near Akron, Georgia, in May."))
    # no United States in the sentence: the base in Georgia is the country's
    assert ("Georgia", ["GEO"]) in states(extractor, "Turkish pilots trained at Example Air Base in Georgia.")
