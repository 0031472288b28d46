"""The ``draw`` command: the graph as one HTML page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from eventgraph.cli.base import _select_graph, cli, graph_options, write_output
from eventgraph.views import MAX_VIEW_EVENTS


@cli.command()
@click.option(
    "-o", "--output", required=True, type=click.Path(path_type=Path, dir_okay=False), help="The HTML file to write."
)
@graph_options
@click.option(
    "--layout",
    type=click.Choice(["auto", "physics", "static"]),
    default="auto",
    show_default=True,
    help="physics: a force layout that settles; static: computed positions, no physics (large "
    "graphs); auto: physics up to 1,500 nodes.",
)
@click.option("--title", help="The page's heading.")
@click.option(
    "--max-events",
    default=MAX_VIEW_EVENTS,
    show_default=True,
    type=click.IntRange(1),
    help="Refuse a view of more events than this (narrow it with the filters, or raise this).",
)
@click.pass_context
def draw(ctx: click.Context, /, output: Path, layout: str, title: str | None, **options: Any) -> None:
    """Draw the graph as one self-contained HTML page to explore (works offline).

    Colour and shape by kind, size by number of links, edges labelled by role
    and date, tooltips with date, certainty, attribution, quote and source,
    search and filter menus.

    \b
    Example:
      eventgraph draw -o graph.html
      eventgraph draw --view actors --actor DPRK --depth 2 --since 2024 -o dprk.html
    """
    from eventgraph.views import render_html

    graph = _select_graph(ctx, options)
    if graph.number_of_nodes() == 0:
        raise click.ClickException("no events match these filters; nothing to draw")
    heading = title or f"eventgraph: {options['view']} view" + (
        f" around {options['actor']}" if options["actor"] else ""
    )
    write_output(render_html(graph, title=heading, view=options["view"], layout=layout).encode("utf-8"), output)
    click.echo(f"wrote {output}: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges", err=True)
