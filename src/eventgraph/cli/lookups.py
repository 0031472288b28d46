"""The lookups: transfers, events, disputes, claims, actor, timeline and path."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

import click

from eventgraph.cli.base import _emit, _lookup, cli, dispute_options, lookup_options, open_store
from eventgraph.model import WEAPON_CATEGORIES, EventType

if TYPE_CHECKING:
    from eventgraph.lookups import Profile


@cli.command()
@click.option("--from", "supplier", metavar="ACTOR", help="The supplier: a name, alias or IRI (DPRK, Pyongyang).")
@click.option("--to", "recipient", metavar="ACTOR", help="The recipient; alone, it answers 'who supplies it'.")
@click.option("--item", metavar="TEXT", help="Only items whose name or alias contains TEXT.")
@click.option("--category", type=click.Choice(WEAPON_CATEGORIES), help="Only items of this weapon category.")
@click.option("--reports", is_flag=True, help="One row per report with its evidence sentence, not grouped.")
@dispute_options
@lookup_options
@click.pass_context
def transfers(
    ctx: click.Context,
    supplier: str | None,
    recipient: str | None,
    item: str | None,
    category: str | None,
    reports: bool,
    disputed: bool | None,
    fmt: str,
    since: str | None,
    until: str | None,
) -> None:
    """Reported transfers from an actor, to an actor, or both.

    Reports of the same transfer (same supplier, recipient and item, with
    overlapping dates) are one row with its date range, the strongest
    certainty, who asserts and who denies it, and every source that reports it.

    \b
    Example:
      eventgraph transfers --from DPRK --to Russia
      eventgraph transfers --to Russia --category drone --since 2024
      eventgraph transfers --from Pyongyang --reports --format json
      eventgraph transfers --to Russia --disputed
    """
    from eventgraph import lookups
    from eventgraph.lookups.claims import ClaimIndex

    store, resolver, dates = _lookup(ctx, since, until)
    source = resolver.resolve(supplier) if supplier else None
    target = resolver.resolve(recipient) if recipient else None
    found = lookups.find_transfers(store, supplier=source, recipient=target, item=item, category=category, dates=dates)
    empty = lookups.describe_transfers(source, target, item, category, dates)
    index = ClaimIndex(store)
    found = [r for r in found if r.event not in index.denied_only]  # a transfer only denied is no report of one
    if reports:
        kept = [r for r in found if disputed is None or index.disputed([r.event]) == disputed]
        _emit(lookups.report_listing(kept, empty, index), fmt)
        return
    groups = [
        g
        for g in lookups.group_transfers(found)
        if disputed is None or index.disputed(r.event for r in g.reports) == disputed
    ]
    _emit(lookups.transfer_listing(groups, empty, index), fmt)


@cli.command()
@click.option("--actor", metavar="ACTOR", help="Only events this actor takes part in (as actor or recipient).")
@click.option("--type", "event_type", type=click.Choice([t.value for t in EventType]), help="Only events of this type.")
@click.option("--place", metavar="PLACE", help="Only events at this place, or in this country.")
@dispute_options
@click.option(
    "--limit", type=click.IntRange(1), help="At most this many events (a page, in date order) [default: all]."
)
@click.option("--offset", default=0, show_default=True, type=click.IntRange(0), help="Events to skip before the page.")
@lookup_options
@click.pass_context
def events(
    ctx: click.Context,
    actor: str | None,
    event_type: str | None,
    place: str | None,
    disputed: bool | None,
    limit: int | None,
    offset: int,
    fmt: str,
    since: str | None,
    until: str | None,
) -> None:
    """Events in date order, with type, actors, items, place, certainty and source.

    \b
    Example:
      eventgraph events --actor "North Korea" --type transfer
      eventgraph events --place Russia --since 2024-06 --format csv
      eventgraph events --type transfer --disputed
      eventgraph events --actor Russia --limit 50 --offset 100
    """
    from eventgraph.index.queries import Page
    from eventgraph.lookups import PLACE_CLASSES, list_events
    from eventgraph.lookups.claims import ClaimIndex

    store, resolver, dates = _lookup(ctx, since, until)
    who = resolver.resolve(actor) if actor else None
    where = resolver.resolve(place, what="place", classes=PLACE_CLASSES) if place else None
    _emit(
        list_events(
            store,
            actor=who,
            event_type=event_type,
            place=where,
            dates=dates,
            claims=ClaimIndex(store),
            disputed=disputed,
            page=None if limit is None and offset == 0 else Page(offset, limit),
        ),
        fmt,
    )


@cli.command()
@click.option("--actor", metavar="ACTOR", help="Only events this actor takes part in (as actor or recipient).")
@click.option("--type", "event_type", type=click.Choice([t.value for t in EventType]), help="Only events of this type.")
@lookup_options
@click.pass_context
def disputes(
    ctx: click.Context, actor: str | None, event_type: str | None, fmt: str, since: str | None, until: str | None
) -> None:
    """Events that some claimant asserts and another denies, with both sides.

    Claims about the same event (same type, actors, recipients, items or
    category, overlapping dates) from every article and data set meet on one
    event.  Each claimant is listed on the side of its latest claim, with the
    claim's date, quote and source, in date order.

    \b
    Example:
      eventgraph disputes
      eventgraph disputes --actor Iran --type transfer --since 2022 --format json
    """
    from eventgraph.lookups.claims import describe_disputes, dispute_listing, find_disputes

    store, resolver, dates = _lookup(ctx, since, until)
    who = resolver.resolve(actor) if actor else None
    found = find_disputes(store, party=who, event_type=event_type, dates=dates)
    _emit(dispute_listing(found, describe_disputes(who, event_type, dates)), fmt)


@cli.command()
@click.argument("event")
@click.option(
    "--format",
    "fmt",
    default="table",
    show_default=True,
    type=click.Choice(["table", "json", "csv"]),
    help="How to print the answer.",
)
@click.pass_context
def claims(ctx: click.Context, event: str, fmt: str) -> None:
    """The chronology of claims about one event: who asserts, denies, confirms or retracts it, and when.

    EVENT is an event id from any lookup's json output (its IRI, or the part
    after 'event/').  Reports of the same event in other articles and data
    sets are included.

    \b
    Example:
      eventgraph claims https://w3id.org/eventgraph/id/event/0123456789abcdef01234567
    """
    from eventgraph.lookups.claims import claim_listing, event_claims

    _emit(claim_listing(event_claims(open_store(ctx), event)), fmt)


@cli.command()
@click.argument("name")
@lookup_options
@click.option(
    "--top",
    default=10,
    show_default=True,
    type=click.IntRange(min=0),
    help="How many partners and sources to list (those with most events); 0 lists all.",
)
@click.pass_context
def actor(ctx: click.Context, name: str, fmt: str, since: str | None, until: str | None, top: int) -> None:
    """A profile of an actor: name, kind, identifiers, aliases, events, partners, dates, sources.

    \b
    Example:
      eventgraph actor DPRK
      eventgraph actor "South Korea's Joint Chiefs of Staff" --format json
      eventgraph actor Russia --top 0
    """
    from eventgraph.lookups import actor_profile

    store, resolver, dates = _lookup(ctx, since, until)
    profile = actor_profile(store, resolver.resolve(name), dates=dates, partners=top, sources=top)
    if fmt == "json":
        click.echo(json.dumps(profile.record(), indent=2, ensure_ascii=False))
    else:
        click.echo(_profile_text(profile) if fmt == "table" else _profile_csv(profile), nl=False)


def _profile_text(profile: Profile) -> str:
    from eventgraph.formats import compact_iri, render_table

    ids = ", ".join(
        f"{k} {v}"
        for k, v in (("ISO", "/".join(filter(None, (profile.iso3, profile.iso2)))), ("Wikidata", profile.wikidata))
        if v
    )
    country = f", of {profile.country}" if profile.country else ""
    lines = [
        f"{profile.actor.label} ({profile.kind or 'not in the store'}{country})",
        f"IRI: {compact_iri(profile.actor.iri)}" + (f"; {ids}" if ids else ""),
    ]
    if profile.aliases:
        lines.append(f"also: {'; '.join(profile.aliases)}")
    span = f", {profile.first} to {profile.last}" if profile.first else ""
    lines.append(f"{profile.events} events as actor or recipient{span}\n")
    if not profile.roles:
        return "\n".join(lines)
    sections = [
        (
            "Events by type and role",
            ["type", "role", "events", "articles"],
            [[r["type"], r["role"], str(r["events"]), str(r["articles"])] for r in profile.roles],
        ),
        (
            "Main partners" + _of_total(profile.partners, profile.partners_total),
            ["partner", "events", "types"],
            [[p["partner"]["label"], str(p["events"]), p["types"]] for p in profile.partners],
        ),
        (
            "Sources" + _of_total(profile.sources, profile.sources_total),
            ["title", "outlet", "published", "events", "url"],
            [[s["title"], s["outlet"], s["published"], str(s["events"]), s["url"]] for s in profile.sources],
        ),
    ]
    for title, columns, rows in sections:
        if not rows:
            continue
        lines.append(title)
        lines.append(render_table(columns, rows))
    return "\n".join(lines)


def _of_total(listed: Sequence[object], total: int) -> str:
    """Say "(10 of 9,903; --top 0 lists all)" when the list is cut short."""
    return f" ({len(listed):,} of {total:,}; --top 0 lists all)" if len(listed) < total else ""


def _profile_csv(profile: Profile) -> str:
    from eventgraph.formats import rows_to_csv

    rows = [
        ["actor", k, v, ""]
        for k, v in (
            ("label", profile.actor.label),
            ("iri", profile.actor.iri),
            ("kind", profile.kind),
            ("iso3", profile.iso3),
            ("iso2", profile.iso2),
            ("wikidata", profile.wikidata),
            ("country", profile.country),
            ("first", profile.first),
            ("last", profile.last),
        )
        if v
    ]
    rows += [["alias", alias, "", ""] for alias in profile.aliases]
    rows += [["role", r["type"], r["role"], r["events"]] for r in profile.roles]
    rows += [["partner", p["partner"]["label"], p["types"], p["events"]] for p in profile.partners]
    rows += [["source", s["title"], s["url"], s["events"]] for s in profile.sources]
    return rows_to_csv(["section", "name", "detail", "events"], rows)


@cli.command()
@click.argument("name")
@lookup_options
@click.pass_context
def timeline(ctx: click.Context, name: str, fmt: str, since: str | None, until: str | None) -> None:
    """An actor's events as a chronological list, with its role and the other side.

    \b
    Example:
      eventgraph timeline Russia --since 2024
    """
    from eventgraph.lookups import timeline as actor_timeline

    store, resolver, dates = _lookup(ctx, since, until)
    _emit(actor_timeline(store, resolver.resolve(name), dates=dates), fmt)


@cli.command()
@click.argument("start")
@click.argument("end")
@click.option("--max-paths", default=5, show_default=True, type=click.IntRange(1), help="Paths listed at most.")
@click.option(
    "--max-hops",
    default=6,
    show_default=True,
    type=click.IntRange(1, 50),
    help="Longer connections are not searched for.",
)
@lookup_options
@click.pass_context
def path(
    ctx: click.Context,
    start: str,
    end: str,
    max_paths: int,
    max_hops: int,
    fmt: str,
    since: str | None,
    until: str | None,
) -> None:
    """How two actors are connected: shortest paths over the actor graph, with the events on each hop.

    \b
    Example:
      eventgraph path Ukraine DPRK
    """
    from eventgraph.lookups import find_paths, path_listing

    store, resolver, dates = _lookup(ctx, since, until)
    first, last = resolver.resolve(start), resolver.resolve(end)
    paths = find_paths(store, first, last, dates=dates, limit=max_paths, max_hops=max_hops)
    _emit(path_listing(paths, first, last, dates), fmt)
