"""What the store knows about one actor: kind, identifiers, events by role, partners, sources."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

import pyoxigraph as ox

from eventgraph.backends import GraphStore
from eventgraph.dates import PartialDate
from eventgraph.index import profile as indexprofile
from eventgraph.index.hooks import lookup_index
from eventgraph.lookups.common import DateRange, Named, _date_range, _joined, _run, _source, _value
from eventgraph.lookups.events import timeline


# -- actor profile ---------------------------------------------------------------------------
@dataclass
class Profile:
    """What the store knows about one actor."""

    actor: Named
    kind: str = ""
    iso3: str = ""
    iso2: str = ""
    wikidata: str = ""
    country: str = ""
    aliases: list[str] = field(default_factory=list)
    events: int = 0
    roles: list[dict[str, Any]] = field(default_factory=list)  # type, role, events, articles
    partners: list[dict[str, Any]] = field(default_factory=list)  # partner, events, types
    partners_total: int = 0  # how many partners there are, of which ``partners`` lists the main ones
    first: str = ""
    last: str = ""
    sources: list[dict[str, Any]] = field(default_factory=list)  # title, outlet, published, url, events
    sources_total: int = 0  # how many sources there are, of which ``sources`` lists those with most events

    def record(self) -> dict[str, Any]:
        return asdict(self)


def actor_profile(
    store: GraphStore, actor: Named, *, dates: DateRange = DateRange(), partners: int = 10, sources: int = 10
) -> Profile:
    """Canonical name, kind, identifiers, aliases, events by type and role, main partners, dates, sources:
    the ``partners`` partners sharing most events and the ``sources`` sources reporting most (0: all)."""
    bound: dict[str, ox.NamedNode | ox.Literal] = {"actor": ox.NamedNode(actor.iri), **dates.bindings()}
    profile = Profile(actor=actor)
    for row in _run(store, "actor", {"actor": ox.NamedNode(actor.iri)})[:1]:
        profile.kind = _value(row, "kind")
        profile.iso3, profile.iso2 = _value(row, "iso3"), _value(row, "iso2")
        profile.wikidata = _value(row, "wikidata").rpartition("/")[2]
        profile.country = _value(row, "countryLabel")
        profile.aliases = sorted(a for a in _value(row, "aliases").split("|") if a)
    index = lookup_index(store)
    # with the index: roles, sources and dated events from one read of the actor's participations
    summary = None if index is None else indexprofile.actor_summary(index.db, bound, sources)
    profile.roles = [
        {
            "type": _value(r, "typeName"),
            "role": _value(r, "role"),
            "events": int(_value(r, "events")),
            "articles": int(_value(r, "articles")),
        }
        for r in (summary.roles if summary else _run(store, "actor-roles", bound))
    ]
    found = _run(store, "actor-partners", bound)
    profile.partners_total = len(found)
    profile.partners = [
        {
            "partner": Named(_value(r, "partner"), _value(r, "partnerLabel")).record(),
            "events": int(_value(r, "events")),
            "types": _joined(r, "types"),
        }
        for r in found[: partners or None]
    ]
    if summary is not None:  # only the rows shown are made
        profile.sources_total, found = summary.sources_total, summary.sources
    else:
        found = _run(store, "actor-sources", bound)
        profile.sources_total = len(found)
    profile.sources = [{**_source(r).record(), "events": int(_value(r, "events"))} for r in found[: sources or None]]
    if summary is not None:
        profile.events = summary.events
        dated = [when for start, end in summary.dates if (when := _date_range(start, end or "")) is not None]
    else:
        dated = _event_dates(store, actor, dates, profile)
    if dated:
        profile.first = str(min(dated, key=lambda d: d.first_day()).start_iso())
        last = max(dated, key=lambda d: d.last_day())
        profile.last = (last.end or last).start_iso()
    return profile


def _event_dates(store: GraphStore, actor: Named, dates: DateRange, profile: Profile) -> list[PartialDate]:
    """The dates of the actor's events (the timeline's), their number set on ``profile`` (without an index)."""
    events = timeline(store, actor, dates=dates)
    profile.events = len({r["event"] for r in events.records})
    return [PartialDate.parse(r["date"]) for r in events.records if r["date"]]
