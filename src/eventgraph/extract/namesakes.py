"""A state's name that names something else in the sentence: no state.

* Part of a longer proper name: a capitalised word of a name the gazetteer does not know runs into it ("the
  port of Puerto Jordan", "a rally in New Hope Jordan"), so the state's name is the end of a place's name.
* Except a city named for its own state (``data/state_namesakes.csv``: "Port Sudan" still names Sudan).
* A namesake region of another state (``data/state_namesakes.csv``: the US state Georgia) where the sentence
  places it in that state: after "in" or a comma, behind a facility or place of that state ("at Fort Example
  Air Base in Georgia", "Atlanta, Georgia"), with that state named in the sentence or owning the place.
"""

from __future__ import annotations

import calendar
from dataclasses import replace
from functools import lru_cache
from typing import Any

from eventgraph.extract.lexicon import Mention
from eventgraph.gazetteer import normalise
from eventgraph.model import Entity, EntityKind
from eventgraph.resources import read_data_table

# words that end a facility's proper name ("Incirlik Air Base", "Camp Example", "Example Naval Station")
FACILITY_NAMES = frozenset({"base", "airbase", "airfield", "airport", "station", "camp", "fort", "barracks", "port"})
# words before a state's name that make a part of it ("Western Australia", "European Russia", "North Korea")
DIRECTIONS = frozenset(
    {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "upper", "lower"}
    | {"greater", "european", "asian", "mainland", "occupied", "free"}
)
CALENDAR = frozenset(
    w.lower() for w in [*calendar.day_name, *calendar.day_abbr, *calendar.month_name, *calendar.month_abbr] if w
)


@lru_cache(maxsize=1)
def state_namesakes() -> dict[str, str]:
    """Each normalised name of a place with a country's name, with the state the place is in: a region of
    another state ("Georgia", USA) or a city of the state itself ("Port Sudan", SDN)."""
    return {normalise(row["name"]): row["country_iso3"] for row in read_data_table("state_namesakes.csv")}


def without_states_in_longer_names(sent: Any, mentions: list[Mention], known: Any) -> list[Mention]:
    """Drop the state reading of a name that ends a longer proper name or names a namesake region in place.
    A headline in title case (no lower-case word but small ones) has capitals that mark no names.
    ``known(text)``: whether the gazetteer knows a word as a name (then it is a name of its own)."""
    doc = sent.doc
    headline = not any(t.is_alpha and t.is_lower and not t.is_stop for t in sent)
    ends = {m.end for m in mentions}
    out = []
    for m in mentions:
        country = m.first({EntityKind.COUNTRY})
        if country is not None and (
            (not headline and _inside_longer_name(doc, sent, m, ends, known, country))
            or _namesake_in_place(doc, sent, m, mentions, country.key)
        ):
            rest = tuple(e for e in m.entities if e.kind != EntityKind.COUNTRY)
            if rest:
                out.append(replace(m, entities=rest))
            continue
        out.append(m)
    return out


def _inside_longer_name(doc: Any, sent: Any, m: Mention, ends: set[int], known: Any, country: Entity) -> bool:
    """ "Puerto Jordan": a capitalised proper noun, no name of its own, no date word and no direction ("Western
    Australia" is a part of the state), just before the state's name as the gazetteer labels it (not a
    demonym: "the Royal Thai Navy" is the state's)."""
    if m.start - 1 <= sent.start or m.start in ends:
        return False
    before = doc[m.start - 1]
    if state_namesakes().get(normalise(doc[m.start - 1 : m.end].text)) == country.key:
        return False  # "Port Sudan": a city named for its own state still names it
    return (
        before.is_alpha
        and before.is_title
        and before.pos_ == "PROPN"
        and before.lower_ not in CALENDAR
        and before.lower_ not in DIRECTIONS
        and normalise(doc[m.start : m.end].text) == normalise(country.label)
        and not doc[m.start].is_upper  # "US", "UK": abbreviations run after titles ("Senate US")
        and not known(before.text)
    )


def _namesake_in_place(doc: Any, sent: Any, m: Mention, mentions: list[Mention], state: str) -> bool:
    """ "... Air Base in Georgia" in a sentence naming the United States, "Atlanta, Georgia"."""
    other = state_namesakes().get(normalise(doc[m.start : m.end].text))
    if other is None or other == state or m.start - 2 < sent.start:
        return False
    if doc[m.start - 1].lower_ not in ("in", ","):
        return False
    before = doc[m.start - 2]
    owner = next((o for o in mentions if o.end == m.start - 1), None)
    if owner is not None:
        place = owner.first({EntityKind.PLACE})
        if place is not None and place.country == other:
            return True  # "Atlanta, Georgia"
    facility = before.is_title and before.lower_ in FACILITY_NAMES
    named = any((c := o.first({EntityKind.COUNTRY})) is not None and c.key == other for o in mentions if o is not m)
    return facility and named
