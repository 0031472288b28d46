"""Transfers whose recipient the sentence leaves open (issue 12, session 18): the rule reader takes it from the
article when every transfer read so far went to one state ("Spain delivered tanks to Morocco. Italy has also
promised armoured vehicles."), and leaves it open when the article's transfers go to several states or the
state named only speaks of a delivery. Invented articles read by the rule reader with the packaged gazetteer.
"""

from __future__ import annotations

import pytest

from eventgraph.articles import parse_text_article
from eventgraph.evaluation import tuples_of
from eventgraph.extract.output import document_json


def tuples(text: str) -> set[tuple[str, str, str]]:
    """The scored (type, actor, recipient) tuples of an invented article read by the rules."""
    from eventgraph.extract.learned import reader_extractor

    article = parse_text_article(f"Report\nWire\n2024-06-20\n\n{text}\n", source="invented.txt")
    found = document_json(reader_extractor("rules").extract(article))
    return {t for event in found["events"] for t in tuples_of(event)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Spain delivered 20 tanks to Morocco in March. Italy has also promised armoured vehicles.",
            {("transfer", "ITA", "MAR")},
        ),
        (
            "Morocco bought 20 tanks from Spain last year. It is also buying helicopters from Italy.",
            {("transfer", "ITA", "MAR")},
        ),
        (
            "Spain delivered 20 tanks to Morocco in March.\n\nPortugal and Italy said they would provide "
            "armoured vehicles of their own.",
            {("transfer", "PRT", "MAR"), ("transfer", "ITA", "MAR")},
        ),
    ],
)
def test_an_open_recipient_is_the_one_state_the_articles_transfers_went_to(
    text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert expected <= tuples(text)


def test_an_open_recipient_stays_open_when_the_transfers_went_to_several_states() -> None:
    found = tuples(
        "Spain delivered 20 tanks to Morocco in March. Greece delivered ten tanks to Egypt in April. "
        "Italy has also promised armoured vehicles."
    )
    assert {("transfer", "ESP", "MAR"), ("transfer", "GRC", "EGY")} <= found
    assert not [t for t in found if t[1] == "ITA"]


@pytest.mark.parametrize(
    "second",
    [
        "Algeria said the shipments of tanks were a threat.",
        "Shipments resumed through Algeria within days, an Algerian official said.",
    ],
)
def test_a_state_that_only_speaks_of_a_delivery_supplies_no_recipient_from_the_context(second: str) -> None:
    """The transfer noun is the subject of what the state says: the state need not be its supplier, and the
    context gives it no recipient."""
    found = tuples(f"Spain delivered 20 tanks to Morocco in March. {second}")
    assert ("transfer", "ESP", "MAR") in found
    assert not [t for t in found if "DZA" in t]


def test_a_recipient_is_not_its_own_supplier() -> None:
    found = tuples("Spain delivered 20 tanks to Morocco in March. Morocco has also promised armoured vehicles.")
    assert ("transfer", "MAR", "MAR") not in found


def test_things_named_by_another_state_need_not_go_where_the_articles_transfers_went() -> None:
    """ "Italy has also sold French helicopters": another state's things, resold, may have gone anywhere."""
    found = tuples("Spain delivered 20 tanks to Morocco in March. Italy has also sold French helicopters.")
    assert ("transfer", "ESP", "MAR") in found
    assert ("transfer", "ITA", "MAR") not in found


@pytest.mark.parametrize(
    "second",
    ["Algeria condemned the delivery.", "Algeria condemned the delivery. It was the largest shipment this year."],
)
def test_the_transfer_told_before_takes_no_new_supplier_and_recipient(second: str) -> None:
    """ "Algeria condemned the delivery": the definite noun is Spain's delivery, told before, not Algeria's."""
    found = tuples(f"Spain delivered 20 tanks to Morocco on Monday. {second}")
    assert ("transfer", "ESP", "MAR") in found
    assert not [t for t in found if "DZA" in t]
