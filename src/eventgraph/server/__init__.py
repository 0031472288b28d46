"""``eventgraph serve``: a SPARQL 1.1 Protocol endpoint, a query page and the graph views over the store.

Starlette (the ASGI toolkit) under uvicorn serves the requests.  pyoxigraph cannot
cancel a running query, so queries and graph views are evaluated in worker
processes, each holding the store open read-only and reopening it when its
files change (so it sees what a writer has committed): at the deadline the worker is killed and replaced,
and the client gets ``503``.  A worker stops reading solutions one past the row
limit and answers ``422`` instead of building a huge document.  Updates (only
with a write token, sent as ``Authorization: Bearer TOKEN``) run in the server
process on the one writable store.

``settings`` holds what the server is started with; ``protocol`` reads SPARQL Protocol requests and
negotiates the answer's format; ``workers`` evaluates in the query processes; ``app`` is the Starlette
application (its routes are functions, its page a template in ``assets/``); ``run`` listens and serves.
"""

from __future__ import annotations

from eventgraph.server.protocol import parse_accept
from eventgraph.server.run import RateLimitedLog, serve
from eventgraph.server.settings import LOOPBACK_NAMES, RequestFailed, ServerSettings, is_loopback
from eventgraph.server.workers import WorkerPool

__all__ = [
    "LOOPBACK_NAMES",
    "RateLimitedLog",
    "RequestFailed",
    "ServerSettings",
    "WorkerPool",
    "is_loopback",
    "parse_accept",
    "serve",
]
