"""Names to IRIs: gazetteer names and aliases first, then the names the store holds."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping

import pyoxigraph as ox

from eventgraph.backends import GraphStore
from eventgraph.errors import InvalidValue, NotFoundError
from eventgraph.gazetteer import Gazetteer, normalise
from eventgraph.lookups.common import ACTOR_CLASSES, PLACE_CLASSES, Named
from eventgraph.mapping import entity_iri
from eventgraph.model import ACTOR_KINDS, EntityKind
from eventgraph.queries import compact_iri, expand_iri, named_query
from eventgraph.vocab import ENTITIES_GRAPH, ID


class Resolver:
    """Names to the IRIs a store uses: gazetteer names and aliases first, then the store's own labels.

    An unknown name is an error that suggests the closest known names.
    """

    def __init__(self, store: GraphStore, gazetteer: Gazetteer | None = None) -> None:
        self.store = store
        self.gazetteer = gazetteer or Gazetteer.default()
        self._names: dict[str, list[tuple[str, str, str]]] | None = None

    def stored_names(self) -> dict[str, list[tuple[str, str, str]]]:
        """Normalised name or alias to (IRI, canonical label, class) of every entity in the store."""
        if self._names is None:
            names: dict[str, list[tuple[str, str, str]]] = {}
            for row in self.store.query(named_query("entity-names").text):
                klass = row["class"].value.rpartition("#")[2]
                entry = (row["entity"].value, row["label"].value, klass)
                names.setdefault(normalise(row["name"].value), []).append(entry)
            self._names = names
        return self._names

    def resolve(self, name: str, *, what: str = "actor", classes: frozenset[str] = ACTOR_CLASSES) -> Named:
        text = name.strip()
        if not text:
            raise InvalidValue(f"an empty {what} name")
        # an IRI or a gazetteer name is checked against the store alone: reading every stored
        # name first took 0.4 s of a 0.7 s cold `eventgraph transfers` (benchmarks/lookups.py)
        iri = _as_iri(text)
        if iri is not None and (label := self._stored_label(iri, classes)) is not None:
            return Named(iri, label)
        kinds = {EntityKind.PLACE, EntityKind.COUNTRY} if classes == PLACE_CLASSES else ACTOR_KINDS
        entity = self.gazetteer.lookup(text, kinds)
        if entity is not None and (label := self._stored_label(entity_iri(entity).value, classes)) is not None:
            return Named(entity_iri(entity).value, label)
        stored = {
            iri: label for entries in self.stored_names().values() for iri, label, klass in entries if klass in classes
        }
        matches = [iri for iri, _, klass in self.stored_names().get(normalise(text), []) if klass in classes]
        if matches:
            best = min(matches, key=lambda i: (not i.startswith(f"{ID}country/"), i))
            return Named(best, self.label_of(best, stored))
        if entity is not None:
            return Named(entity_iri(entity).value, entity.label)
        raise NotFoundError(self._unknown_message(text, what, stored, kinds))

    def _stored_label(self, iri: str, classes: frozenset[str]) -> str | None:
        """The stored label of an entity of one of ``classes``, None when the store does not describe one."""
        try:
            node = ox.NamedNode(iri)
        except ValueError:  # not even an IRI ("id/x y"): no stored entity has it
            return None
        labels = [
            row["label"].value
            for row in self.store.query(_ENTITY_LABEL, {"entity": node})
            if row["class"].value.rpartition("#")[2] in classes
        ]
        return labels[-1] if labels else None

    @staticmethod
    def label_of(iri: str, stored: Mapping[str, str]) -> str:
        return stored.get(iri, compact_iri(iri))

    def _unknown_message(self, text: str, what: str, stored: Mapping[str, str], kinds: Iterable[EntityKind]) -> str:
        wanted = normalise(text)
        keys = {normalise(label): label for label in stored.values()}
        suggestions = [keys[k] for k in difflib.get_close_matches(wanted, list(keys), n=3, cutoff=0.6)]
        for label in self.gazetteer.suggest(text, kinds):
            if label not in suggestions:
                suggestions.append(label)
        hint = f"; did you mean {', '.join(repr(s) for s in suggestions[:3])}?" if suggestions else ""
        return f"no {what} named {text!r} in the gazetteer or the store{hint}"


_ENTITY_LABEL = f"""SELECT ?entity ?label ?class
WHERE {{ GRAPH {ENTITIES_GRAPH} {{ ?entity a ?class ; rdfs:label ?label }} }} ORDER BY ?label"""


def _as_iri(text: str) -> str | None:
    """``country:PRK`` or a full eventgraph IRI, else None."""
    expanded = expand_iri(text)
    return expanded if expanded.startswith(ID) else None
