"""The ``serve`` command: the store over HTTP."""

from __future__ import annotations

from pathlib import Path

import click

from eventgraph.cli.base import cli


@cli.command()
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; anything but loopback exposes the store to the network.",
)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--timeout",
    default=30.0,
    show_default=True,
    type=click.FloatRange(0.1),
    help="Seconds a query or graph view may run before it is stopped (HTTP 503).",
)
@click.option(
    "--max-rows",
    default=100_000,
    show_default=True,
    type=click.IntRange(1),
    help="Solutions or triples one answer may hold (more: HTTP 422).",
)
@click.option(
    "--max-body",
    default=1_000_000,
    show_default=True,
    type=click.IntRange(1),
    help="Bytes a request body may hold (more: HTTP 413).",
)
@click.option(
    "--workers",
    default=2,
    show_default=True,
    type=click.IntRange(1),
    help="Query processes, i.e. queries answered at the same time.",
)
@click.option(
    "--max-memory",
    default=2048,
    show_default=True,
    type=click.IntRange(512),
    help="MB of memory one query process may take above its resting size; a query needing more is stopped (HTTP 503).",
)
@click.option(
    "--body-timeout",
    default=10.0,
    show_default=True,
    type=click.FloatRange(0.1),
    help="Seconds a client may take to send a request body (more: HTTP 408).",
)
@click.option(
    "--allow-host",
    "allow_hosts",
    multiple=True,
    metavar="NAME",
    help="A host name clients address the server by (the Host header); repeatable. Required when "
    "--host is not a loopback address: other names are refused (DNS rebinding).",
)
@click.option(
    "--cors",
    "cors_origins",
    multiple=True,
    metavar="ORIGIN",
    help="Let pages from this origin query the endpoint (e.g. https://yasgui.triply.cc); repeatable.",
)
@click.option(
    "--write-token",
    envvar="EVENTGRAPH_WRITE_TOKEN",
    show_envvar=True,
    metavar="TOKEN",
    help="Allow SPARQL Update for requests bearing this token. Prefer the environment variable: "
    "a token typed on the command line stays in the shell history.",
)
@click.pass_context
def serve(
    ctx: click.Context,
    host: str,
    port: int,
    timeout: float,
    max_rows: int,
    max_body: int,
    workers: int,
    max_memory: int,
    body_timeout: float,
    allow_hosts: tuple[str, ...],
    cors_origins: tuple[str, ...],
    write_token: str | None,
) -> None:
    """Serve the store over HTTP: a SPARQL 1.1 endpoint, a query page and the graph views.

    GET/POST /sparql (SPARQL 1.1 Protocol, JSON/XML/CSV/TSV results,
    Turtle/N-Triples/JSON-LD/RDF-XML graphs; without a query, the Service
    Description), / (query page), /view (the
    graph views of 'draw', with its filters as parameters).  Read-only
    unless a write token is set; SPARQL Update and POST /upload (a JSON
    event document) then need 'Authorization: Bearer TOKEN'.

    \b
    Example:
      eventgraph serve --port 8000
      EVENTGRAPH_WRITE_TOKEN=$(openssl rand -hex 16) eventgraph serve
    """
    from eventgraph.backends import is_remote
    from eventgraph.backends.embedded import default_store_path
    from eventgraph.server import LOOPBACK_NAMES, ServerSettings, is_loopback
    from eventgraph.server import serve as run_server

    location = ctx.obj["store_path"] or default_store_path()
    if is_remote(location):
        raise click.UsageError("serve works on an embedded store; a remote store has its own endpoint")
    path = Path(location)
    if not is_loopback(host) and not allow_hosts:
        raise click.UsageError(
            f"--host {host} puts the store on the network: name the host names clients use "
            "with --allow-host NAME (requests addressed to any other name are refused), "
            "and read the README's security section first"
        )
    if "*" in allow_hosts:
        raise click.UsageError(
            "--allow-host takes host names; '*' would let any web page read the store through DNS rebinding"
        )
    loopback_names = (*LOOPBACK_NAMES, host) if is_loopback(host) else ()
    settings = ServerSettings(
        store_path=path,
        write_token=write_token or None,
        timeout=timeout,
        max_rows=max_rows,
        max_body=max_body,
        workers=workers,
        max_memory=max_memory,
        body_timeout=body_timeout,
        cors_origins=cors_origins,
        allowed_hosts=(*loopback_names, *allow_hosts),
    )
    mode = "read-write" if write_token else "read-only"
    shown = f"[{host}]" if ":" in host else host
    run_server(
        settings,
        host=host,
        port=port,
        announce=lambda: click.echo(f"serving {path} on http://{shown}:{port}/ ({mode})", err=True),
    )
