"""The lookup index: rows derived from each graph's quads, in a SQLite file beside the store.

The store stays the record of truth; the index is rebuilt from it (`eventgraph reindex`).  ``rows`` turns a
graph's quads into rows, ``database`` is the SQLite file, ``hooks`` is what the store's write paths call, and
``queries``, ``paths`` and ``stats`` answer the lookups from it.
"""
