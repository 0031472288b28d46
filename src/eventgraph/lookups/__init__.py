"""The questions analysts ask every day: transfers, events, actor profiles, timelines and paths.

Each lookup resolves the names it is given (gazetteer aliases, then the names the
store holds, ad hoc entities included) to IRIs and runs a named query from
``sparql/`` with those IRIs and literals bound, never formatted into the text.
Results are plain dataclasses and :class:`Listing` tables; the CLI formats them.

One module per question: ``transfers``, ``events`` (lists and timelines), ``profile``, ``paths``,
``names`` (name resolution), ``graph`` (the views' records); ``common`` holds what they share.  The lookups read
the lookup index beside the store when it has one (``eventgraph.indexqueries``), else the named queries.
"""

from __future__ import annotations

from eventgraph.lookups.common import (
    ACTOR_CLASSES,
    PARTICIPANT_ROLES,
    PLACE_CLASSES,
    DateRange,
    Listing,
    Named,
    Source,
)
from eventgraph.lookups.events import (
    EVENT_COLUMNS,
    TIMELINE_COLUMNS,
    event_type_iri,
    list_events,
    timeline,
)
from eventgraph.lookups.graph import (
    EventRecord,
    graph_records,
)
from eventgraph.lookups.names import (
    Resolver,
)
from eventgraph.lookups.paths import (
    MAX_HOPS,
    PATH_COLUMNS,
    Hop,
    find_paths,
    path_listing,
)
from eventgraph.lookups.profile import (
    Profile,
    actor_profile,
)
from eventgraph.lookups.transfers import (
    REPORT_COLUMNS,
    TRANSFER_COLUMNS,
    T,
    Transfer,
    TransferReport,
    claim_sides,
    describe_transfers,
    find_transfers,
    group_by_identity,
    group_transfers,
    report_listing,
    transfer_listing,
)

__all__ = [
    "ACTOR_CLASSES",
    "DateRange",
    "EVENT_COLUMNS",
    "EventRecord",
    "Hop",
    "Listing",
    "MAX_HOPS",
    "Named",
    "PARTICIPANT_ROLES",
    "PATH_COLUMNS",
    "PLACE_CLASSES",
    "Profile",
    "REPORT_COLUMNS",
    "Resolver",
    "Source",
    "T",
    "TIMELINE_COLUMNS",
    "TRANSFER_COLUMNS",
    "Transfer",
    "TransferReport",
    "actor_profile",
    "claim_sides",
    "describe_transfers",
    "event_type_iri",
    "find_paths",
    "find_transfers",
    "graph_records",
    "group_by_identity",
    "group_transfers",
    "list_events",
    "path_listing",
    "report_listing",
    "timeline",
    "transfer_listing",
]
