"""A generator of realistic synthetic articles and events for benchmarks.

About 200 countries (from the packaged gazetteer), 2,000 weapon systems (the gazetteer's, padded with
numbered variants), an article per 5 events, a quoted sentence (evidence: 9 triples) on one event in 10, so
an event maps to about 15 triples (13 of its own, 0.9 of evidence, 1.2 of its article's description).
Deterministic for a given seed, made in independent chunks of 1,000 events.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date
from functools import lru_cache
from typing import Any

from eventgraph.dates import PartialDate
from eventgraph.gazetteer import Gazetteer
from eventgraph.model import (
    Article,
    ArticleEvents,
    Certainty,
    Entity,
    EntityKind,
    Event,
    EventType,
    Evidence,
    Quantity,
    Status,
)

EVENTS_PER_ARTICLE = 5
EVIDENCE_SHARE = 0.1


CHUNK_EVENTS = 1000


def synthetic_articles(
    events: int, *, seed: int = 7, evidence_share: float = EVIDENCE_SHARE
) -> Iterator[ArticleEvents]:
    """``events`` events in articles of 5, made chunk by chunk (``synthetic_chunk``)."""
    for chunk in range(-(-events // CHUNK_EVENTS)):
        yield from synthetic_chunk((events, chunk, seed, evidence_share))


def synthetic_chunk(spec: tuple[int, int, int, float]) -> list[ArticleEvents]:
    """The articles of one chunk of CHUNK_EVENTS events: (total events, chunk number, seed, evidence share).

    Chunks are independent (each has its own random generator), so worker processes can make
    them in any order and the whole is the same as made one after the other.
    """
    events, chunk, seed, evidence_share = spec
    rng = random.Random(seed * 1_000_003 + chunk)
    countries, weapons = _actors()
    types = list(EventType)
    articles = []
    first, last = chunk * CHUNK_EVENTS, min(events, (chunk + 1) * CHUNK_EVENTS)
    for number in range(first, last, EVENTS_PER_ARTICLE):
        published = date(2015 + rng.randrange(10), 1 + rng.randrange(12), 1 + rng.randrange(28))
        article = Article(
            id=f"synthetic-{number // EVENTS_PER_ARTICLE}",
            title=f"Synthetic report {number}",
            published=published,
            outlet="Synthetic Wire",
            url=f"https://example.org/synthetic/{number}",
        )
        batch = []
        for _ in range(min(EVENTS_PER_ARTICLE, last - number)):
            actor, recipient = rng.sample(countries, 2)
            year = published.year - rng.randrange(2)
            text = f"{actor.label} sent {recipient.label} weapons."
            batch.append(
                Event(
                    type=rng.choice(types),
                    actors=[actor],
                    recipients=[recipient],
                    items=[rng.choice(weapons)],
                    quantity=Quantity(str(rng.randrange(1, 500))),
                    date=PartialDate(year, 1 + rng.randrange(12)),
                    status=rng.choice(list(Status)),
                    certainty=rng.choice(list(Certainty)),
                    evidence=Evidence(text=text) if rng.random() < evidence_share else None,
                )
            )
        articles.append(ArticleEvents(article=article, events=batch))
    return articles


def mapped_chunk(spec: tuple[int, int, int, float]) -> list[Any]:
    """One chunk made and mapped (``map_article``): what a worker process of ``eventgraph ingest`` does."""
    from eventgraph.mapping import map_article

    return [map_article(a) for a in synthetic_chunk(spec)]


def chunk_specs(
    events: int, *, seed: int = 7, evidence_share: float = EVIDENCE_SHARE
) -> list[tuple[int, int, int, float]]:
    return [(events, chunk, seed, evidence_share) for chunk in range(-(-events // CHUNK_EVENTS))]


@lru_cache(maxsize=1)
def _actors() -> tuple[list[Entity], list[Entity]]:
    gazetteer = Gazetteer.default()
    countries = [e for e in gazetteer.entities if e.kind == EntityKind.COUNTRY][:200]
    weapons = [e for e in gazetteer.entities if e.kind == EntityKind.WEAPON][:2000]
    while len(weapons) < 2000:
        base = weapons[len(weapons) % 50]
        weapons.append(
            Entity(
                key=f"{base.key}-v{len(weapons)}",
                label=f"{base.label} variant {len(weapons)}",
                kind=EntityKind.WEAPON,
                category=base.category,
            )
        )
    return countries, weapons


def write_event_files(events: int, directory: Any, *, seed: int = 7, per_directory: int = 1000) -> int:
    """The synthetic articles as JSON event files (``eventfile.dump_event_document``), ``per_directory``
    files to a sub-directory; the number of files.  Read back, the numbered weapon variants are names the
    gazetteer does not know, as in real files."""
    import json
    from pathlib import Path

    from eventgraph.eventfile import dump_event_document

    root = Path(directory)
    count = 0
    for article in synthetic_articles(events, seed=seed):
        folder = root / f"{count // per_directory:04d}"
        if count % per_directory == 0:
            folder.mkdir(parents=True, exist_ok=True)
        data = dump_event_document(article)
        (folder / f"{article.article.id}.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        count += 1
    return count
