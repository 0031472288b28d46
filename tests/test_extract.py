"""Text to events, tested the petrarch2 way: small invented sentences about Arnor, Gondor and Mordor.

The spaCy model is loaded once for the session (``extractor`` fixture); each test reads one invented article.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import replace
from datetime import date
from importlib import resources

import pytest

from conftest import invented_gazetteer
from eventgraph.articles import ArticleMeta, parse_text_article
from eventgraph.extract import Extractor
from eventgraph.extract.lexicon import Lexicon
from eventgraph.extract.output import document_json, format_documents
from eventgraph.extract.timex import find_dates
from eventgraph.mapping import event_iri
from eventgraph.model import ArticleEvents, Certainty, Entity, EntityKind, Event, EventType, Status

PUBLISHED = date(2024, 12, 23)


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    gazetteer = invented_gazetteer()
    for key, label, category, aliases in [
        ("drones", "drones", "drone", ("drone",)),
        ("kamikaze-drones", "kamikaze drones", "drone", ("suicide drones",)),
        ("shells", "artillery shells", "munitions", ("shells",)),
    ]:
        gazetteer.add(Entity(key=key, label=label, kind=EntityKind.WEAPON, category=category, aliases=aliases))
    gazetteer.add(Entity(key="elrond", label="Elrond", kind=EntityKind.PERSON, country="ARN"))
    gazetteer.add(Entity(key="denethor", label="Denethor", kind=EntityKind.PERSON, country="GON"))
    lexicon = replace(Lexicon.default(), treaty_parties={"treaty-of-cair-andros": ("ARN", "GON")})
    return Extractor(gazetteer, lexicon)


def read(extractor: Extractor, body: str, *, published: date | None = PUBLISHED, outlet: str = "") -> ArticleEvents:
    header = "Invented headline\n" + (f"{outlet}\n" if outlet else "\n")
    text = header + "\n" + body + "\n"
    article = parse_text_article(text, meta=ArticleMeta(published=published))
    return extractor.extract(article)


def only(document: ArticleEvents, event_type: EventType) -> Event:
    events = [e for e in document.events if e.type == event_type]
    assert len(events) == 1, [(e.type, [a.label for a in e.actors]) for e in document.events]
    return events[0]


def labels(entities: list[Entity]) -> list[str]:
    return [e.label for e in entities]


# -- one sentence per event type ------------------------------------------------------------------


def test_transfer_with_dative_recipient_quantity_and_month(extractor: Extractor) -> None:
    event = only(read(extractor, "Arnor supplied Gondor with 40 catapults in June."), EventType.TRANSFER)
    assert labels(event.actors) == ["Arnor"] and labels(event.recipients) == ["Gondor"]
    assert labels(event.items) == ["catapult"] and event.items[0].category == "artillery"
    assert event.quantity is not None and event.quantity.text == "40" and event.quantity.value == 40
    assert str(event.date) == "2024-06" and event.status == Status.OCCURRED


def test_deployment_is_planned_when_prepared(extractor: Extractor) -> None:
    event = only(read(extractor, "Arnor is preparing to deploy troops to Gondor."), EventType.DEPLOYMENT)
    assert labels(event.actors) == ["Arnor"] and labels(event.recipients) == ["Gondor"]
    assert labels(event.items) == ["troops"] and event.status == Status.PLANNED
    assert str(event.date) == "2024-12-23"  # no date in the sentence: the publication day


def test_troops_sent_are_a_deployment_and_capitals_stand_for_states(extractor: Extractor) -> None:
    event = only(read(extractor, "Annuminas sent troops to Minas Tirith."), EventType.DEPLOYMENT)
    assert [e.iso3 for e in event.actors] == ["ARN"] and [e.iso3 for e in event.recipients] == ["GON"]


def test_attack_on_a_place_targets_its_state_and_is_alleged(extractor: Extractor) -> None:
    event = only(read(extractor, "Mordorian soldiers allegedly shelled Osgiliath on November 5."), EventType.ATTACK)
    assert labels(event.actors) == ["Mordor"] and labels(event.recipients) == ["Gondor"]
    assert labels(event.places) == ["Osgiliath"]
    assert str(event.date) == "2024-11-05" and event.certainty == Certainty.ALLEGED


def test_attack_recipient_comes_from_the_war_the_article_names(extractor: Extractor) -> None:
    body = (
        "Mordor is waging its war against Gondor.\n"
        "In recent days, Mordorian soldiers have participated in assaults alongside Arnorian forces."
    )
    event = only(read(extractor, body), EventType.ATTACK)
    assert set(labels(event.actors)) == {"Mordor", "Arnor"} and labels(event.recipients) == ["Gondor"]
    assert str(event.date) == "2024-12"


def test_agreement_resolves_the_two_nations(extractor: Extractor) -> None:
    body = "Arnor and Gondor held talks in Annuminas.\nThe two nations signed a defense treaty in June."
    event = only(read(extractor, body), EventType.AGREEMENT)
    assert {e.iso3 for e in event.actors + event.recipients} == {"ARN", "GON"}
    assert labels(event.items) == ["defense treaty"] and str(event.date) == "2024-06"
    assert event.certainty == Certainty.CONFIRMED  # a past fact stated without attribution


def test_agreement_by_leaders_and_a_known_treaty(extractor: Extractor) -> None:
    body = "The Treaty of Cair Andros was signed on 18 June 2024 by Elrond and Denethor in Osgiliath."
    event = only(read(extractor, body), EventType.AGREEMENT)
    assert {e.iso3 for e in event.actors + event.recipients} == {"ARN", "GON"}
    assert labels(event.items) == ["Treaty of Cair Andros"] and str(event.date) == "2024-06-18"


def test_casualties_belong_to_the_side_that_suffers_them(extractor: Extractor) -> None:
    body = "At least 100 Gondorian soldiers have reportedly been killed, said the White Council."
    event = only(read(extractor, body), EventType.CASUALTIES)
    assert labels(event.actors) == ["Gondor"] and event.recipients == []
    assert event.quantity is not None and event.quantity.text == "At least 100" and event.quantity.value == 100
    assert event.certainty == Certainty.ALLEGED and labels(event.attributed_to) == ["White Council"]


def test_sanction_by_an_organisation(extractor: Extractor) -> None:
    event = only(read(extractor, "The White Council imposed new sanctions on Mordor."), EventType.SANCTION)
    assert labels(event.actors) == ["White Council"] and labels(event.recipients) == ["Mordor"]
    assert event.actors[0].kind == EntityKind.ORGANIZATION


def test_production_is_possible_when_there_are_indications(extractor: Extractor) -> None:
    body = "There are indications that Mordor is moving to manufacture catapults."
    event = only(read(extractor, body), EventType.PRODUCTION)
    assert labels(event.actors) == ["Mordor"] and event.certainty == Certainty.POSSIBLE
    assert event.status == Status.PLANNED


def test_cooperation_between_two_states(extractor: Extractor) -> None:
    event = only(read(extractor, "Arnor and Gondor will hold joint military exercises."), EventType.COOPERATION)
    assert {e.iso3 for e in event.actors + event.recipients} == {"ARN", "GON"}
    assert event.status == Status.PLANNED


def test_training_goes_from_trainer_to_trainee(extractor: Extractor) -> None:
    event = only(read(extractor, "Arnorian instructors have trained 200 Gondorian soldiers."), EventType.COOPERATION)
    assert labels(event.actors) == ["Arnor"] and labels(event.recipients) == ["Gondor"]


# -- status, certainty, attribution ---------------------------------------------------------------


def test_continuing_to_supply_is_ongoing(extractor: Extractor) -> None:
    event = only(read(extractor, "Arnor is continuing to supply catapults to Gondor."), EventType.TRANSFER)
    assert event.status == Status.ONGOING


def test_will_send_is_planned(extractor: Extractor) -> None:
    event = only(read(extractor, "Arnor will send 40 catapults to Gondor."), EventType.TRANSFER)
    assert event.status == Status.PLANNED


def test_likely_is_possible(extractor: Extractor) -> None:
    event = only(read(extractor, "Arnor likely delivered catapults to Gondor."), EventType.TRANSFER)
    assert event.certainty == Certainty.POSSIBLE


def test_attribution_and_via(extractor: Extractor) -> None:
    body = "Arnor will send catapults to Gondor, the Rangers of the North said via Palantir News."
    event = only(read(extractor, body), EventType.TRANSFER)
    assert labels(event.attributed_to) == ["Rangers of the North"] and labels(event.via) == ["Palantir News"]
    assert event.certainty == Certainty.CONFIRMED  # the Rangers are Arnor's: the party says so itself


def test_according_to_names_the_source_as_written(extractor: Extractor) -> None:
    body = "According to Mordorian officials, Arnor delivered catapults to Gondor."
    event = only(read(extractor, body), EventType.TRANSFER)
    assert labels(event.attributed_to) == ["Mordorian officials"] and event.certainty == Certainty.REPORTED
    assert event.attributed_to[0].country == "MOR"


def test_cited_as_saying_puts_the_speaker_first_and_the_outlet_as_via(extractor: Extractor) -> None:
    body = "Palantir News cited Denethor as saying that Arnor had delivered catapults to Gondor."
    event = only(read(extractor, body), EventType.TRANSFER)
    assert labels(event.attributed_to) == ["Denethor"] and labels(event.via) == ["Palantir News"]


def test_a_following_sentence_can_attribute_the_one_before(extractor: Extractor) -> None:
    body = (
        "Arnor is gearing up to deploy more troops to Gondor.\n"
        "This development was reported by the White Council via Palantir News on December 20."
    )
    event = only(read(extractor, body), EventType.DEPLOYMENT)
    assert labels(event.attributed_to) == ["White Council"] and labels(event.via) == ["Palantir News"]


def test_a_denial_makes_the_claim_alleged(extractor: Extractor) -> None:
    body = (
        "Mordor delivered catapults to Gondor in October, the White Council said.\n"
        "Mordor has denied supplying weapons to Gondor."
    )
    first = read(extractor, body).events[0]
    assert first.type == EventType.TRANSFER and first.certainty == Certainty.ALLEGED


def test_the_outlet_speaking_of_its_own_state_confirms(extractor: Extractor) -> None:
    document = read(extractor, "We are delivering 40 catapults to Gondor.", outlet="Rangers of the North")
    event = only(document, EventType.TRANSFER)
    assert labels(event.actors) == ["Arnor"] and event.certainty == Certainty.CONFIRMED


def test_hypotheticals_and_negations_are_no_events(extractor: Extractor) -> None:
    body = (
        "The treaty obliges Arnor to send troops to Gondor if Mordor attacks.\n"
        "Arnor did not supply catapults to Gondor."
    )
    assert read(extractor, body).events == []


# -- dates and evidence ---------------------------------------------------------------------------


def test_evidence_offsets_point_into_the_article_text(extractor: Extractor) -> None:
    body = "Arnor held talks with Gondor.\nArnor supplied Gondor with 40 catapults in June. Mordor shelled Osgiliath."
    document = read(extractor, body)
    text = document.article.text or ""
    assert len(document.events) == 2
    for event in document.events:
        assert event.evidence is not None and event.evidence.start is not None
        assert text[event.evidence.start : event.evidence.end] == event.evidence.text
    assert document.events[1].evidence is not None
    assert document.events[1].evidence.text == "Mordor shelled Osgiliath."


def test_dates_resolve_against_the_publication_date() -> None:
    def resolved(text: str) -> list[str]:
        return [str(d.value) for d in find_dates(text, PUBLISHED)]

    assert resolved("in June") == ["2024-06"]
    assert resolved("on November 5") == ["2024-11-05"]
    assert resolved("Feb. 24") == ["2024-02-24"]
    assert resolved("on 18 June 2024 and 6 November") == ["2024-06-18", "2024-11-06"]
    assert resolved("In September 2021") == ["2021-09"]
    assert resolved("as early as 2027") == ["2027"]
    assert resolved("earlier this year") == ["2024"] and resolved("last year") == ["2023"]
    assert resolved("today") == ["2024-12-23"] and resolved("yesterday") == ["2024-12-22"]
    assert resolved("on Friday") == ["2024-12-20"]  # 2024-12-23 is a Monday
    assert resolved("in recent days") == ["2024-12"]
    assert resolved("36,000 rounds in the 2030s for $2024") == []
    assert [str(d.value) for d in find_dates("in June", None)] == []  # no publication date, no year


def test_since_a_date_the_event_runs_from_it_to_the_article_date(extractor: Extractor) -> None:
    # was: the publication date (the "since" date dropped); the guidelines date an event at the precision the
    # text supports, and "since August 2021" says when the supply began
    event = only(read(extractor, "Arnor has supplied catapults to Gondor since August 2021."), EventType.TRANSFER)
    assert str(event.date) == "2021-08/2024-12-23"


def test_a_date_written_for_the_same_moment_dates_an_event_with_none_of_its_own(extractor: Extractor) -> None:
    # was: the publication day for each of these; the text dates them through another word of the same moment
    def dates(body: str) -> dict[str, str]:
        return {e.type.value: str(e.date) for e in read(extractor, body).events}

    # a "when" clause dates its governor
    body = "Three Gondorian soldiers were killed when Mordorian catapults shelled Osgiliath on Friday."
    assert dates(body) == {"casualties": "2024-12-20", "attack": "2024-12-20"}
    # the occasion named by a phrase of the event word
    assert dates("Two Arnorian soldiers were killed in the raid on 9 November.")["casualties"] == "2024-11-09"
    # the clause the event word hangs from
    body = "The Mordorian raid on 3 December, in which four Arnorian soldiers were killed, shocked the council."
    assert dates(body)["casualties"] == "2024-12-03"
    # verbs joined by "and"
    assert dates("Mordor launched strikes and sent troops into Gondor on Sunday.")["attack"] == "2024-12-22"
    # the event word it hangs from, dated by its saying
    body = "Arnor announced in June that it had taken delivery of catapults bought from Gondor."
    assert dates(body)["transfer"] == "2024-06"
    # an "after" clause tells another time
    body = "Arnor supplied catapults to Gondor after Mordor shelled Osgiliath on Friday."
    assert dates(body) == {"transfer": "2024-12-23", "attack": "2024-12-20"}


def test_a_date_on_the_saying_dates_every_event_word_it_tells_of(extractor: Extractor) -> None:
    # was: the publication day for the killing; only the event word nearest "on Friday" took the date
    body = "Gondor accused Mordor on Friday of shelling Osgiliath, saying that ten Gondorian soldiers were killed."
    assert {e.type.value: str(e.date) for e in read(extractor, body).events} == {
        "attack": "2024-12-20",
        "casualties": "2024-12-20",
    }


def test_a_standing_state_in_the_present_takes_no_date_from_the_article(extractor: Extractor) -> None:
    # was: the publication day; "still", "already" or a verb of keeping mark a state the text does not date
    def date_of(body: str) -> str:
        return str(read(extractor, body).events[0].date)

    assert date_of("Gondor still sends soldiers to Arnor.") == "None"
    assert date_of("Arnor already supplies catapults to Gondor.") == "None"
    assert date_of("Catapults are still supplied to Gondor by Arnor.") == "None"
    assert date_of("Arnor supplies catapults to Gondor.") == "2024-12-23"  # a headline's present: news


def test_the_day_before_counts_back_from_the_day_the_sentence_writes(extractor: Extractor) -> None:
    # was: the publication day; "the day before" is the day before the sentence's day, else the article's
    body = "Gondor said on Friday that ten Gondorian soldiers were killed in Osgiliath the day before."
    assert str(only(read(extractor, body), EventType.CASUALTIES).date) == "2024-12-19"
    body = "Ten Gondorian soldiers were killed in Osgiliath the previous day."
    assert str(only(read(extractor, body), EventType.CASUALTIES).date) == "2024-12-22"


def typed_dates(extractor: Extractor, body: str) -> list[tuple[str, str]]:
    """The type and date of each event read from ``body``, in reading order."""
    return [(e.type.value, str(e.date)) for e in read(extractor, body).events]


def test_a_live_report_entry_dates_its_paragraph_by_its_stamp(extractor: Extractor) -> None:
    # was: the publication day for the entry's second sentence; the stamp tells the day the entry reports
    body = (
        "20 Dec, 09:15 - Mordor shelled Osgiliath. Later Mordorian catapults shelled Minas Tirith.\n\n"
        "22 Dec, 10:00 - Arnor sent catapults to Gondor.\n\n"
        "Mordor shelled Minas Tirith."
    )
    assert typed_dates(extractor, body) == [
        ("attack", "2024-12-20"),
        ("attack", "2024-12-20"),
        ("transfer", "2024-12-22"),
        ("attack", "2024-12-23"),  # a paragraph with no stamp: the publication day
    ]


def test_a_paragraph_about_an_earlier_year_dates_its_past_tense_events(extractor: Extractor) -> None:
    # was: the publication day for the second sentence; the paragraph tells of March 2019
    body = (
        "In March 2019 Mordor attacked Gondor. Twelve Gondorian soldiers were killed. "
        "Arnor is supplying catapults to Gondor.\n\n"
        "Mordor shelled Osgiliath."
    )
    assert typed_dates(extractor, body) == [
        ("attack", "2019-03"),
        ("casualties", "2019-03"),
        ("transfer", "2024-12-23"),  # told in the present: the article's time
        ("attack", "2024-12-23"),  # another paragraph
    ]


def test_without_a_publication_date_undated_events_have_no_date(extractor: Extractor) -> None:
    event = only(read(extractor, "Arnor supplied catapults to Gondor.", published=None), EventType.TRANSFER)
    assert event.date is None


# -- output forms ---------------------------------------------------------------------------------


def test_json_contract_has_every_field_and_the_event_iri(extractor: Extractor) -> None:
    document = read(extractor, "Arnor supplied Gondor with 40 catapults in June, said Palantir News.")
    data = document_json(document)
    assert set(data["article"]) == {"id", "title", "published", "outlet", "url"}
    [event] = data["events"]
    assert set(event) == {
        "id",
        "type",
        "actor",
        "recipient",
        "items",
        "place",
        "quantity",
        "date",
        "status",
        "certainty",
        "attributed_to",
        "via",
        "evidence",
    }
    assert event["id"] == event_iri(document.article, document.events[0]).value
    assert event["actor"] == [
        {
            "label": "Arnor",
            "kind": "country",
            "iso3": "ARN",
            "wikidata": "Q900001",
            "id": "https://w3id.org/eventgraph/id/country/ARN",
        }
    ]
    assert event["items"][0]["kind"] == "weapon" and event["date"] == "2024-06"
    text = document.article.text or ""
    assert text[event["evidence"]["start"] : event["evidence"]["end"]] == event["evidence"]["text"]
    assert json.loads(format_documents([document], "json")) == data


def test_event_file_form_reads_back(extractor: Extractor, tmp_path) -> None:
    from eventgraph.eventfile import read_event_file

    document = read(extractor, "Arnor supplied Gondor with 40 catapults in June.")
    path = tmp_path / "draft.yaml"
    path.write_text(format_documents([document], "yaml"), encoding="utf-8")
    back = read_event_file(path, invented_gazetteer()).document
    assert [(e.type, labels(e.actors), labels(e.recipients), str(e.date)) for e in back.events] == [
        (EventType.TRANSFER, ["Arnor"], ["Gondor"], "2024-06")
    ]
    assert back.events[0].evidence == document.events[0].evidence


# -- the data files -------------------------------------------------------------------------------


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("eventgraph.data").joinpath(name).read_text(encoding="utf-8")
    with io.StringIO(text) as handle:
        return list(csv.DictReader(handle))


def test_trigger_lexicon_parses() -> None:
    rows = _rows("triggers.csv")
    assert rows and set(rows[0]) == {"lemma", "pos", "type", "needs", "note"}
    assert {row["type"] for row in rows} == {t.value for t in EventType}
    assert {row["pos"] for row in rows} == {"VERB", "NOUN"}
    for row in rows:
        assert row["lemma"] == row["lemma"].strip().lower(), row
        for need in filter(None, row["needs"].split("|")):
            for part in need.split("+"):  # "over+@item": all of them must hold
                assert part in {
                    "@item",
                    "@treaty",
                    "@military",
                    "@personnel",
                    "@captive",
                    "@origin",
                    "@people",
                    "@head",
                    "@delegation",
                    "@arms",
                    "@trade",
                    "@share",
                    "@mutual",
                    "@vessel",
                    "@port",
                    "@cargo",
                    "@purchase",
                    "@bought_for",
                    "@fire",
                } or re.fullmatch(r"[a-z-]+", part), row


def test_cue_lexicon_parses_and_values_are_closed() -> None:
    rows = _rows("cues.csv")
    assert set(rows[0]) == {"cue", "kind", "value", "note"}
    for row in rows:
        if row["kind"] == "certainty":
            Certainty(row["value"])
        if row["kind"] == "status":
            Status(row["value"])
        if row["kind"] == "attribution":
            assert row["value"] in {"source", "relay", "prep", "via"}, row
    assert len({(r["cue"], r["kind"]) for r in rows}) == len(rows)


def test_clutter_patterns_and_country_names_parse() -> None:
    for row in _rows("clutter.csv"):
        re.compile(row["pattern"], re.I)
    countries = {row["iso3"] for row in _rows("countries.csv")}
    names = _rows("country_names.csv")
    assert names and all(row["iso3"] in countries for row in names)
