"""Files shipped inside the package, all read here through ``importlib.resources``.

``ontology/`` (the ontology, its concept schemes, the SHACL shapes) and ``data/`` (the gazetteer, lexicon and
mapping tables) sit at the top of the repository and are installed as the packages ``eventgraph.ontology``
and ``eventgraph.data`` (pyproject.toml, ``package-dir``); the named queries (``sparql/``), the page assets
(``assets/``) and the reader model (``models/``) live in ``src/eventgraph``.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterator
from importlib import resources

ONTOLOGY_FILES = ("eventgraph.ttl", "vocabularies.ttl")
SHAPES_FILE = "shapes.ttl"


def read_ontology_file(name: str) -> bytes:
    return resources.files("eventgraph.ontology").joinpath(name).read_bytes()


def ontology_turtle() -> list[bytes]:
    """The Turtle text of the ontology and its concept schemes."""
    return [read_ontology_file(name) for name in ONTOLOGY_FILES]


def ontology_hash() -> str:
    digest = hashlib.sha256()
    for text in ontology_turtle():
        digest.update(text)
    return digest.hexdigest()


def read_data_table(name: str) -> list[dict[str, str]]:
    """A CSV table of ``data/`` (a header row, then one row per entry) as one dict per row."""
    text = resources.files("eventgraph.data").joinpath(name).read_text(encoding="utf-8")
    with io.StringIO(text) as handle:
        return list(csv.DictReader(handle))


def read_asset(name: str) -> str:
    """A page part shipped in ``eventgraph/assets`` (script, stylesheet, HTML template)."""
    return resources.files("eventgraph").joinpath("assets").joinpath(name).read_text(encoding="utf-8")


def named_query_files() -> Iterator[tuple[str, str]]:
    """Each ``sparql/NAME.rq`` shipped, by name: (NAME, its text)."""
    for entry in sorted(resources.files("eventgraph.sparql").iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            yield entry.name[: -len(".rq")], entry.read_text(encoding="utf-8")
