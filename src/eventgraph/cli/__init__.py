"""The command line: parse, call the library, format.  Errors become one ``Error: ...`` line.

``base`` holds the group and what its commands share; each other module adds the commands of one concern to the
group when imported, as this package does.  Heavy libraries are imported inside the commands, so that
``eventgraph --help`` starts fast.
"""

from eventgraph.cli import drawing, extracting, graphdata, ingesting, lookups, serving
from eventgraph.cli.base import EventGraphGroup, cli, main, open_store, write_output
from eventgraph.cli.graphdata import EXPORT_FORMATS, GRAPH_EXPORT_FORMATS

__all__ = [
    "EXPORT_FORMATS",
    "GRAPH_EXPORT_FORMATS",
    "EventGraphGroup",
    "cli",
    "drawing",
    "extracting",
    "graphdata",
    "ingesting",
    "lookups",
    "main",
    "open_store",
    "serving",
    "write_output",
]
