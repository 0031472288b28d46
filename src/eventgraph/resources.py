"""Files shipped inside the package: the ontology, its concept schemes and the SHACL shapes."""

from __future__ import annotations

import hashlib
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
