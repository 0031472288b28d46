"""Importers of the data sets analysts already use: SIPRI trade registers, GDELT event files, ACLED exports.

Each format is one module with an ``ImportFormat``; ``common`` streams files,
reports row problems and writes chunks of rows as named graphs.
"""

from __future__ import annotations

import importlib

from eventgraph.errors import NotFoundError
from eventgraph.importers.common import ImportFormat

FORMATS = {"sipri": ("sipri", "SIPRI"), "gdelt": ("gdelt", "GDELT"), "acled": ("acled", "ACLED")}


def import_format(name: str) -> ImportFormat:
    """The importer of a format by name (its module is imported on first use)."""
    try:
        module, attribute = FORMATS[name]
    except KeyError:
        raise NotFoundError(f"no importer for {name!r}; formats: {', '.join(FORMATS)}") from None
    fmt: ImportFormat = getattr(importlib.import_module(f"eventgraph.importers.{module}"), attribute)
    return fmt
