"""The command line (moved into a package; split by concern in the next step)."""

from eventgraph.cli.base import EXPORT_FORMATS, cli, main

__all__ = ["EXPORT_FORMATS", "cli", "main"]
