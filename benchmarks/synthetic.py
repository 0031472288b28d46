"""A generator of realistic synthetic articles and events for benchmarks.

About 200 countries (from the packaged gazetteer), 2,000 weapon systems (the gazetteer's, padded with
numbered variants), an article per 5 events, a quoted sentence (evidence: 9 triples) on one event in 10, so
an event maps to about 15 triples (13 of its own, 0.9 of evidence, 1.2 of its article's description).
Deterministic for a given seed.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date

from eventgraph.dates import PartialDate
from eventgraph.gazetteer import Gazetteer
from eventgraph.model import (
    Article, ArticleEvents, Certainty, Entity, EntityKind, Event, EventType, Evidence, Quantity, Status,
)

EVENTS_PER_ARTICLE = 5
EVIDENCE_SHARE = 0.1


def synthetic_articles(events: int, *, seed: int = 7,
                       evidence_share: float = EVIDENCE_SHARE) -> Iterator[ArticleEvents]:
    rng = random.Random(seed)
    gazetteer = Gazetteer.default()
    countries = [e for e in gazetteer.entities if e.kind == EntityKind.COUNTRY][:200]
    weapons = [e for e in gazetteer.entities if e.kind == EntityKind.WEAPON][:2000]
    while len(weapons) < 2000:
        base = weapons[len(weapons) % 50]
        weapons.append(Entity(key=f"{base.key}-v{len(weapons)}", label=f"{base.label} variant {len(weapons)}",
                              kind=EntityKind.WEAPON, category=base.category))
    types = list(EventType)
    for number in range(0, events, EVENTS_PER_ARTICLE):
        published = date(2015 + rng.randrange(10), 1 + rng.randrange(12), 1 + rng.randrange(28))
        article = Article(id=f"synthetic-{number // EVENTS_PER_ARTICLE}", title=f"Synthetic report {number}",
                          published=published, outlet="Synthetic Wire",
                          url=f"https://example.org/synthetic/{number}")
        batch = []
        for _ in range(min(EVENTS_PER_ARTICLE, events - number)):
            actor, recipient = rng.sample(countries, 2)
            year = published.year - rng.randrange(2)
            text = f"{actor.label} sent {recipient.label} weapons."
            batch.append(Event(
                type=rng.choice(types), actors=[actor], recipients=[recipient],
                items=[rng.choice(weapons)], quantity=Quantity(str(rng.randrange(1, 500))),
                date=PartialDate(year, 1 + rng.randrange(12)),
                status=rng.choice(list(Status)), certainty=rng.choice(list(Certainty)),
                evidence=Evidence(text=text) if rng.random() < evidence_share else None,
            ))
        yield ArticleEvents(article=article, events=batch)
