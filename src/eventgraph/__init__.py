"""eventgraph: a knowledge graph of conflict events with the provenance of every claim."""

__version__ = "0.1.0"
