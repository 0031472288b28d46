"""eventgraph: a knowledge graph of conflict events with the provenance of every claim.

The public API (see docs/python-api.md)::

    import eventgraph
    store = eventgraph.EventStore()                     # in memory; EventStore(path) on disk
    eventgraph.ingest(store, "data/examples/")
    rows = eventgraph.transfers(store, supplier="DPRK")  # pandas.DataFrame(rows)

Names (and ``__version__``) are loaded on first use (PEP 562), so ``import eventgraph`` and the command line
start without spaCy, networkx or pyvis.
"""

from __future__ import annotations

import importlib
from typing import Any

# public name -> the module that defines it
_EXPORTS = {
    **dict.fromkeys(
        (
            "open_store",
            "ingest",
            "extract_events",
            "transfers",
            "events",
            "timeline",
            "actor_profile",
            "paths",
            "graph",
            "query",
            "write_graphml",
            "write_gexf",
            "write_csv",
        ),
        "eventgraph.api",
    ),
    "EventStore": "eventgraph.backends.embedded",
    "SparqlStore": "eventgraph.backends.sparql",
    "EventGraphError": "eventgraph.errors",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    if name == "__version__":  # from the installed package's metadata, read when asked (it costs an import)
        from importlib.metadata import PackageNotFoundError, version

        try:
            value = version("eventgraph")
        except PackageNotFoundError:  # a source tree that was never installed
            value = "0+unknown"
        globals()[name] = value
        return value
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'eventgraph' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
