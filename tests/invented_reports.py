"""Invented articles for the lookup and view tests (the petrarch2 habit: small, made up, expected answers known).

Two articles report the same drone transfer from North Korea to Russia in November 2024 (by different
names: "DPRK" and "Pyongyang"); the seed article (data/examples) reports drones in December, which is
a different transfer by date.  An ad hoc supplier and a name that looks like SPARQL are stored as written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from conftest import REPO
from eventgraph.backends.embedded import EventStore
from eventgraph.pipeline import ingest_paths

EXAMPLES = REPO / "data" / "examples"
INJECTION_NAME = 'Red Star" } ; DROP ALL ; SELECT * WHERE { ?s ?p ?o'
HOSTILE_NAME = '<img src=x onerror="window.__pwned = 1">'
HOSTILE_QUOTE = "</script><script>window.__pwned = 1</script> shipped <b>drones</b>"

WIRE = {
    "article": {
        "id": "wire-dprk-drones-2024-11",
        "title": "DPRK ships drones to Russia",
        "published": "2024-11-28",
        "outlet": "Example Wire",
        "url": "https://example.org/wire/drones",
    },
    "events": [
        {
            "type": "transfer",
            "actor": ["DPRK"],
            "recipient": ["Russia"],
            "items": ["kamikaze drones"],
            "date": "2024-11",
            "certainty": "alleged",
            "attributed_to": ["Ukraine"],
            "evidence": "The DPRK shipped kamikaze drones to Russia in November, Kyiv alleged.",
        },
        {
            "type": "transfer",
            "actor": ["Company of the Red Star"],
            "recipient": ["Russia"],
            "items": ["artillery ammunition"],
            "date": "2024-10",
            "certainty": "possible",
            "evidence": "A trading company may have sold shells to Russia in October.",
        },
    ],
}
DAILY = {
    "article": {
        "id": "daily-pyongyang-drones-2024-12",
        "title": "Pyongyang's drones reach the front",
        "published": "2024-12-02",
        "outlet": "Example Daily",
        "url": "https://example.org/daily/front",
    },
    "events": [
        {
            "type": "transfer",
            "actor": ["Pyongyang"],
            "recipient": ["Russian Federation"],
            "items": ["kamikaze drones"],
            "date": "2024-11-20",
            "certainty": "confirmed",
            "attributed_to": ["South Korea's Joint Chiefs of Staff"],
            "evidence": "Drones made in Pyongyang were delivered to Russia on 20 November, the JCS confirmed.",
        },
        {
            "type": "transfer",
            "actor": [INJECTION_NAME],
            "recipient": ["Belarus"],
            "items": ["small arms"],
            "date": "2024-09",
            "certainty": "alleged",
            "evidence": "A firm with an odd name sold rifles to Belarus.",
        },
    ],
}
HOSTILE = {
    "article": {
        "id": "hostile-labels",
        "title": "</title><script>window.__pwned = 1</script>",
        "published": "2024-12-05",
        "outlet": "<b>Outlet</b>",
        "url": "javascript:window.__pwned = 1",
    },
    "events": [
        {
            "type": "attack",
            "actor": [HOSTILE_NAME],
            "recipient": ["Ukraine"],
            "date": "2024-12",
            "certainty": "reported",
            "attributed_to": ["<svg onload=window.__pwned=1>"],
            "evidence": HOSTILE_QUOTE,
        },
    ],
}


def write_documents(directory: Path, documents: dict[str, Any]) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for name, document in documents.items():
        (directory / f"{name}.yaml").write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    return directory


def build_store(path: Path, *, hostile: bool = False) -> Path:
    """A store at ``path`` with the seed article and the invented ones (plus hostile labels if asked)."""
    documents = {"wire": WIRE, "daily": DAILY, **({"hostile": HOSTILE} if hostile else {})}
    files = write_documents(path.parent / f"{path.name}-input", documents)
    store = EventStore(path)
    try:
        report = ingest_paths(store, [EXAMPLES, files])
    finally:
        store.close()
    assert not report.failures, report.failures
    return path
