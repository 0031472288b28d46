"""Shared fixtures: an invented world (the petrarch2 habit) so tests never depend on the news."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventgraph.gazetteer import Gazetteer
from eventgraph.model import Entity, EntityKind

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
TEST_DATA = Path(__file__).resolve().parent / "data"


def invented_gazetteer() -> Gazetteer:
    """Arnor, Gondor, Mordor and their things, with aliases, demonyms and capitals."""
    gazetteer = Gazetteer()
    countries = [
        ("ARN", "Arnor", "Q900001", ["Northern Kingdom"], ["Arnorian"], ["Annuminas"]),
        ("GON", "Gondor", "Q900002", ["South Kingdom"], ["Gondorian"], ["Minas Tirith"]),
        ("MOR", "Mordor", None, [], ["Mordorian"], ["Barad-dur"]),
    ]
    for iso3, name, qid, aliases, demonyms, capitals in countries:
        gazetteer.add(
            Entity(key=iso3, label=name, kind=EntityKind.COUNTRY, iso3=iso3, wikidata=qid, aliases=tuple(aliases)),
            [*demonyms, *capitals],
        )
    gazetteer.add(
        Entity(key="white-council", label="White Council", kind=EntityKind.ORGANIZATION, aliases=("the Wise",))
    )
    gazetteer.add(
        Entity(
            key="rangers",
            label="Rangers of the North",
            kind=EntityKind.MILITARY_UNIT,
            country="ARN",
            aliases=("Dunedain",),
        )
    )
    gazetteer.add(Entity(key="palantir-news", label="Palantir News", kind=EntityKind.ORGANIZATION))
    gazetteer.add(
        Entity(
            key="catapult",
            label="catapult",
            kind=EntityKind.WEAPON,
            category="artillery",
            aliases=("catapults", "trebuchets"),
        )
    )
    gazetteer.add(
        Entity(key="troops", label="troops", kind=EntityKind.WEAPON, category="personnel", aliases=("soldiers",))
    )
    gazetteer.add(Entity(key="osgiliath", label="Osgiliath", kind=EntityKind.PLACE, country="GON"))
    gazetteer.add(Entity(key="treaty-of-cair-andros", label="Treaty of Cair Andros", kind=EntityKind.TREATY))
    return gazetteer


@pytest.fixture
def gazetteer() -> Gazetteer:
    return invented_gazetteer()


ARNOR_TEXT = (
    "Arnor supplied Gondor with 40 catapults in June, the Wise said via Palantir News.\n"
    "Gondorian soldiers reportedly shelled Mordor near Osgiliath."
)

ARNOR_DOC = {
    "article": {
        "id": "arnor-gondor-catapults",
        "title": "Arnor sends catapults to Gondor",
        "published": "2024-12-23",
        "outlet": "The Shire Times",
        "url": "https://example.org/arnor-catapults",
        "text": ARNOR_TEXT,
    },
    "events": [
        {
            "type": "transfer",
            "actor": ["Arnor"],
            "recipient": ["Gondor"],
            "items": ["catapults"],
            "quantity": "40 catapults",
            "date": "2024-06",
            "status": "occurred",
            "certainty": "reported",
            "attributed_to": ["the Wise"],
            "via": ["Palantir News"],
            "evidence": "Arnor supplied Gondor with 40 catapults in June",
        },
        {
            "type": "attack",
            "actor": ["Gondorian"],
            "recipient": ["Mordor"],
            "place": ["Osgiliath"],
            "date": "2024-12-20/2024-12-22",
            "status": "occurred",
            "certainty": "alleged",
            "evidence": {
                "text": "Gondorian soldiers reportedly shelled Mordor near Osgiliath.",
                "start": 82,
                "end": 142,
            },
        },
    ],
}


def report_doc(number: int, certainty: str = "alleged", prefix: str = "report") -> dict:
    """A distinct article with two events over the packaged gazetteer (a transfer and an attack)."""
    doc = copy.deepcopy(ARNOR_DOC)
    doc["article"] = {
        "id": f"{prefix}-{number:04d}",
        "title": f"Report {number}",
        "published": f"2024-{1 + number % 12:02d}-15",
    }
    doc["events"] = [
        {
            "type": "transfer",
            "actor": ["North Korea"],
            "recipient": ["Russia"],
            "items": ["artillery ammunition", "KN-23"],
            "date": f"2024-{1 + number % 12:02d}",
            "quantity": number,
            "evidence": f"North Korea sent Russia {number} shells.",
        },
        {
            "type": "attack",
            "actor": ["Russia"],
            "recipient": ["Ukraine"],
            "place": ["Kursk Oblast"],
            "certainty": certainty,
            "evidence": f"Russia struck Ukraine, report {number} says.",
        },
    ]
    return doc


@pytest.fixture
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    """A CLI runner on a fresh store (``EVENTGRAPH_STORE`` is ``tmp_path/store``)."""
    monkeypatch.setenv("EVENTGRAPH_STORE", str(tmp_path / "store"))
    return CliRunner()
