"""The command group and what its commands share: opening the store, writing output, common options.

Errors become one ``Error: ...`` line (``EventGraphGroup``).  The commands live in the sibling modules, which
``eventgraph.cli`` imports so that they register on the group.
"""

from __future__ import annotations

import gc
import json
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from eventgraph.errors import EventGraphError
from eventgraph.model import Certainty, EventType

if TYPE_CHECKING:
    import networkx as nx

    from eventgraph.articles import ArticleMeta
    from eventgraph.backends import GraphStore
    from eventgraph.lookups import DateRange, Listing, Resolver


EPILOG_STORE = (
    "The store is --store DIR|URL, else $EVENTGRAPH_STORE, else a per-user data directory; "
    "an http(s) URL is a SPARQL 1.1 endpoint (see the README)."
)


class EventGraphGroup(click.Group):
    """Turns every library error into ``Error: message`` and exit code 1, in one place."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except EventGraphError as error:
            raise click.ClickException(" ".join(str(error).split())) from None


@click.group(cls=EventGraphGroup, epilog=EPILOG_STORE)
@click.option(
    "--store",
    "store_path",
    metavar="DIR|URL",
    envvar="EVENTGRAPH_STORE",
    help="Directory of the embedded store, or the http(s) URL of a SPARQL 1.1 query endpoint.",
)
@click.version_option(package_name="eventgraph")
@click.pass_context
def cli(ctx: click.Context, store_path: str | None) -> None:
    """eventgraph: a knowledge graph of conflict events, with the source of every claim.

    \b
    Example:
      eventgraph ingest data/examples/
      eventgraph query --name events
    """
    ctx.obj = {"store_path": store_path}


def open_store(ctx: click.Context, *, write: bool = False) -> GraphStore:
    from eventgraph.backends import open_store as open_location
    from eventgraph.backends.embedded import default_store_path

    store = open_location(ctx.obj["store_path"] or default_store_path(), write=write)
    ctx.call_on_close(store.close)
    removed = getattr(store, "unfinished_bulk_removed", [])
    if removed:
        click.echo(
            f"note: an interrupted 'ingest --bulk' left {len(removed)} articles half-written; "
            f"removed them (ingest them again): {', '.join(removed[:5])}{' ...' if len(removed) > 5 else ''}",
            err=True,
        )
    return store


def write_output(data: bytes, output: Path | None) -> None:
    """Write to stdout, or to a file atomically (a failed write leaves no half file).

    A target that exists and is not a regular file (``/dev/null``, a FIFO, ``/dev/stdout``
    into a pipe, a terminal) is written in place: renaming a file over it would replace
    the device node or the pipe.
    """
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    if _is_special_file(output):
        try:
            with output.open("wb") as special:
                special.write(data)
        except OSError as error:
            raise click.ClickException(f"cannot write {output}: {error.strerror}") from None
        return
    directory = output.resolve().parent
    try:
        with tempfile.NamedTemporaryFile("wb", dir=directory, delete=False, prefix=f".{output.name}.") as handle:
            handle.write(data)
        os.chmod(handle.name, _file_mode(output))
        os.replace(handle.name, output)
    except OSError as error:
        raise click.ClickException(f"cannot write {output}: {error.strerror}") from None


def _file_mode(output: Path) -> int:
    """The mode the written file gets: a replaced file keeps its own, a new one what the umask allows
    (0644 under the usual 022, as any tool would create it; a temporary file is 0600)."""
    try:
        return output.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0o022)
        os.umask(umask)
        return 0o666 & ~umask


def _is_special_file(path: Path) -> bool:
    """Whether ``path`` (followed through symlinks) exists and is neither a regular file nor a directory."""
    import stat

    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


# -- options shared by commands ------------------------------------------------------------------
def article_metadata_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """--published/--url/--outlet: override what an article file says about itself."""
    options = [
        click.option(
            "--published", metavar="YYYY-MM-DD", help="The articles' publication date (dates resolve against it)."
        ),
        click.option("--url", metavar="URL", help="The article's URL."),
        click.option("--outlet", metavar="NAME", help="The outlet that published the articles."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def reader_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """--reader: which reader reads articles for events ('extract', and 'ingest' on the way in)."""
    return click.option(
        "--reader",
        type=click.Choice(["learned", "rules"]),
        default="learned",
        show_default=True,
        help="learned: a trained classifier decides each candidate event, the rules read items, dates and "
        "claims; rules: the rule reader alone.",
    )(command)


def _article_meta(published: str | None, url: str | None, outlet: str | None) -> ArticleMeta:
    from eventgraph.articles import ArticleMeta
    from eventgraph.dates import parse_day

    return ArticleMeta(published=parse_day(published) if published else None, url=url, outlet=outlet)


def graph_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The filters and projection shared by 'draw' and the graph formats of 'export'."""
    options = [
        click.option(
            "--view",
            type=click.Choice(["events", "actors"]),
            default="events",
            show_default=True,
            help="events: events as nodes between actors and items; actors: actors joined by "
            "edges aggregated over events, weighted by count.",
        ),
        click.option("--actor", metavar="ACTOR", help="Only the neighbourhood of this actor (name, alias or IRI)."),
        click.option(
            "--depth",
            default=1,
            show_default=True,
            type=click.IntRange(1),
            help="With --actor: actors within this many event hops, and the events among them.",
        ),
        click.option(
            "--type", "event_type", type=click.Choice([t.value for t in EventType]), help="Only events of this type."
        ),
        click.option(
            "--certainty",
            type=click.Choice([c.value for c in Certainty]),
            help="Only events at least this certain (confirmed > reported > alleged > possible).",
        ),
        click.option(
            "--source", metavar="ARTICLE|OUTLET", help="Only events from this article (id, IRI or URL) or outlet."
        ),
        click.option("--since", metavar="DATE", help="Only events that end on or after DATE (YYYY[-MM[-DD]])."),
        click.option("--until", metavar="DATE", help="Only events that start on or before DATE."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _without_cycle_collection(ctx: click.Context) -> None:
    """Python's cycle collector off for the rest of the command, on again after it.

    A lookup or a view is one short command that makes rows without reference cycles; with the collector on,
    each of its full passes walks every row made so far (0.6 s of 3.5 s for 45,000 events at 10,000,000).
    Memory is freed by reference counting as before.  A caller that had switched it off keeps it off."""
    if gc.isenabled():
        gc.disable()
        ctx.call_on_close(gc.enable)  # a test runner or a library may go on in the same process


def _select_graph(ctx: click.Context, options: dict[str, Any]) -> nx.MultiDiGraph[str]:
    from eventgraph.lookups import DateRange, Resolver
    from eventgraph.projections import select_graph

    _without_cycle_collection(ctx)
    store = open_store(ctx)
    actor = Resolver(store).resolve(options["actor"]) if options["actor"] else None
    return select_graph(
        store,
        view=options["view"],
        actor=actor,
        depth=options["depth"],
        event_type=options["event_type"],
        certainty=options["certainty"],
        source=options["source"],
        dates=DateRange.parse(options["since"], options["until"]),
        max_events=options.get("max_events"),
    )


# -- lookups -------------------------------------------------------------------------------------
def lookup_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """--format, --since and --until, shared by every lookup."""
    options = [
        click.option(
            "--format",
            "fmt",
            default="table",
            show_default=True,
            type=click.Choice(["table", "json", "csv"]),
            help="How to print the answer; csv cells that a spreadsheet would run as a formula "
            "(= + - @ ...) get a leading '.",
        ),
        click.option("--since", metavar="DATE", help="Only events that end on or after DATE (YYYY[-MM[-DD]])."),
        click.option("--until", metavar="DATE", help="Only events that start on or before DATE."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def dispute_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """--disputed / --undisputed: only events that some claimant denies, or only those nobody does."""
    return click.option(
        "--disputed/--undisputed",
        "disputed",
        default=None,
        help="Only events some claimant asserts and another denies (--disputed), or only the "
        "others (--undisputed); 'eventgraph disputes' lists both sides.",
    )(command)


def _lookup(ctx: click.Context, since: str | None, until: str | None) -> tuple[GraphStore, Resolver, DateRange]:
    """The store, a name resolver over it, and the date range."""
    from eventgraph.lookups import DateRange, Resolver

    _without_cycle_collection(ctx)
    dates = DateRange.parse(since, until)
    store = open_store(ctx)
    return store, Resolver(store), dates


def _emit(listing: Listing, fmt: str) -> None:
    """A lookup's answer as a table, JSON or CSV; an empty answer says so (on stderr for json/csv)."""
    from eventgraph.formats import render_table, rows_to_csv

    if fmt == "json":
        click.echo(json.dumps(listing.records, indent=2, ensure_ascii=False))
    elif fmt == "csv":
        click.echo(rows_to_csv(listing.columns, listing.rows), nl=False)
    elif len(listing):
        click.echo(render_table(listing.columns, listing.rows), nl=False)
    page = listing.page
    if page is not None and page.total:  # where the page lies in the whole answer, on stderr
        first, last = page.offset + 1, page.offset + len(listing)
        if not len(listing):
            click.echo(f"No rows from offset {page.offset:,}: the answer has {page.total:,}.", err=fmt != "table")
        else:
            more = f"; --offset {last} for the next page" if last < page.total else ""
            click.echo(f"(rows {first:,}-{last:,} of {page.total:,}{more})", err=True)
    elif not len(listing):
        click.echo(listing.empty, err=fmt != "table")


def main() -> None:
    """The ``eventgraph`` program."""
    cli(prog_name="eventgraph")
