"""The command line: parse, call the library, format.  Errors become one ``Error: ...`` line."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from eventgraph.errors import EventGraphError

EPILOG_STORE = "The store is --store PATH, else $EVENTGRAPH_STORE, else a per-user data directory."


class EventGraphGroup(click.Group):
    """Turns every library error into ``Error: message`` and exit code 1, in one place."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except EventGraphError as error:
            raise click.ClickException(" ".join(str(error).split())) from None


@click.group(cls=EventGraphGroup, epilog=EPILOG_STORE)
@click.option("--store", "store_path", type=click.Path(path_type=Path), envvar="EVENTGRAPH_STORE",
              help="Directory of the embedded store.")
@click.version_option(package_name="eventgraph")
@click.pass_context
def cli(ctx: click.Context, store_path: Path | None) -> None:
    """eventgraph: a knowledge graph of conflict events, with the source of every claim.

    \b
    Example:
      eventgraph ingest data/examples/
      eventgraph query --name events
    """
    ctx.obj = {"store_path": store_path}


def open_store(ctx: click.Context, *, write: bool = False) -> Any:
    from eventgraph.store import EventStore, default_store_path

    path = ctx.obj["store_path"] or default_store_path()
    store = EventStore(path, read_only=not write, create=write)
    ctx.call_on_close(store.close)
    return store


def write_output(data: bytes, output: Path | None) -> None:
    """Write to stdout, or to a file atomically (a failed write leaves no half file)."""
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    directory = output.resolve().parent
    try:
        with tempfile.NamedTemporaryFile("wb", dir=directory, delete=False, prefix=f".{output.name}.") as handle:
            handle.write(data)
        os.replace(handle.name, output)
    except OSError as error:
        raise click.ClickException(f"cannot write {output}: {error.strerror}") from None


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--batch-size", default=200, show_default=True, type=click.IntRange(1),
              help="Articles written per transaction.")
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[Path, ...], batch_size: int) -> None:
    """Load event files (YAML or JSON) and directories of them into the store.

    Each article becomes one named graph.  Re-ingesting an unchanged file adds
    nothing; a changed file replaces its article's graph.  A file that does not
    validate is reported and skipped, and the rest still go in.

    \b
    Example:
      eventgraph ingest data/examples/seed_nk_troops_drones.yaml
    """
    from eventgraph.eventfile import find_event_files
    from eventgraph.pipeline import ingest_paths

    store = open_store(ctx, write=True)
    files = find_event_files(paths)
    with _progress(len(files)) as advance:
        report = ingest_paths(store, files, batch_size=batch_size, progress=advance)
    written = report.written
    for article_id in written.added:
        click.echo(f"added     {article_id}")
    for article_id in written.replaced:
        click.echo(f"replaced  {article_id}")
    for article_id in written.unchanged:
        click.echo(f"unchanged {article_id}")
    for name in report.unresolved:
        click.echo(f"warning: not in the gazetteer, stored as written: {name}", err=True)
    for _, message in report.failures:
        click.echo(f"skipped: {message}", err=True)
    click.echo(
        f"{len(written.added)} added, {len(written.replaced)} replaced, {len(written.unchanged)} unchanged "
        f"({written.events} events, {written.quads} quads written); {len(report.failures)} failed"
    )
    if report.failures:
        raise click.ClickException(f"{len(report.failures)} of {report.files} files failed; see above")


class _progress:
    """A progress bar on a terminal, nothing otherwise."""

    def __init__(self, length: int) -> None:
        self.bar: Any = None
        self.length = length

    def __enter__(self) -> Callable[[int], None]:
        if sys.stderr.isatty():
            self.bar = click.progressbar(length=self.length, label="ingesting", file=sys.stderr, show_pos=True)
            self.bar.__enter__()
            return self.bar.update
        return lambda n: None

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)


@cli.command()
@click.argument("sparql", required=False)
@click.option("-f", "--file", "query_file", type=click.File("r", encoding="utf-8"),
              help="Read the query from a .rq file.")
@click.option("-n", "--name", "query_name", help="Run a named query ('eventgraph queries' lists them).")
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE",
              help="A named query's parameter, bound as an RDF term (repeatable).")
@click.option("--format", "fmt", default="table", show_default=True,
              type=click.Choice(["table", "json", "csv", "tsv", "xml", "turtle", "ntriples", "jsonld"]),
              help="SELECT/ASK: table or W3C json/csv/tsv/xml; CONSTRUCT: turtle/ntriples/jsonld.")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write to a file instead of stdout.")
@click.pass_context
def query(ctx: click.Context, sparql: str | None, query_file: Any, query_name: str | None,
          params: tuple[str, ...], fmt: str, output: Path | None) -> None:
    """Run a SPARQL 1.1 query over all articles, with the project's prefixes declared.

    Prefixes eg:, egt:, egc:, egr:, rdf:, rdfs:, owl:, skos:, xsd:, prov:, sem:,
    time:, dcterms:, oa: and wd: need no PREFIX line.

    \b
    Example:
      eventgraph query 'SELECT ?e ?date WHERE { ?e a eg:Transfer ; eg:date ?date }'
      eventgraph query --name events --format csv
    """
    from eventgraph.queries import bind_parameters, format_results, named_query

    sources = [s for s in (sparql, query_file, query_name) if s]
    if len(sources) != 1:
        raise click.UsageError("give exactly one of SPARQL, --file or --name")
    bindings = None
    if query_name:
        named = named_query(query_name)
        text = named.text
        bindings = bind_parameters(named, dict(_split_param(p) for p in params))
    else:
        if params:
            raise click.UsageError("--param works with --name only")
        text = sparql or query_file.read()
    store = open_store(ctx)
    write_output(format_results(store.query(text, bindings), fmt), output)


def _split_param(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name:
        raise click.UsageError(f"--param {text!r}: write NAME=VALUE")
    return name.strip(), value


@cli.command(name="queries")
def list_queries() -> None:
    """List the named SPARQL queries shipped with eventgraph, with their parameters.

    \b
    Example:
      eventgraph queries
    """
    from eventgraph.queries import named_queries

    for query in named_queries().values():
        click.echo(f"{query.name}: {query.title}")
        if query.description:
            click.echo(f"    {query.description}")
        for parameter in query.parameters:
            click.echo(f"    --param {parameter.name}=<{parameter.kind}>  {parameter.description}")


EXPORT_FORMATS = ("turtle", "trig", "nquads", "ntriples", "jsonld")


@cli.command()
@click.option("--format", "fmt", default="trig", show_default=True, type=click.Choice(EXPORT_FORMATS),
              help="trig/nquads keep one named graph per article; turtle/ntriples/jsonld merge them.")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write to a file instead of stdout.")
@click.option("--with-ontology", is_flag=True, help="Include the ontology and concept schemes.")
@click.pass_context
def export(ctx: click.Context, fmt: str, output: Path | None, with_ontology: bool) -> None:
    """Write the whole graph in an RDF format.

    \b
    Example:
      eventgraph export --format turtle -o events.ttl
    """
    import io

    import pyoxigraph as ox

    formats = {"turtle": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS,
               "ntriples": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD}
    store = open_store(ctx)
    buffer = io.BytesIO()
    store.dump(buffer, formats[fmt], include_ontology=with_ontology)
    write_output(buffer.getvalue(), output)


@cli.command()
@click.option("--format", "fmt", default="table", show_default=True, type=click.Choice(["table", "json"]))
@click.pass_context
def validate(ctx: click.Context, fmt: str) -> None:
    """Check the stored graph against the SHACL shapes; exit 1 on any violation.

    \b
    Example:
      eventgraph validate
    """
    from eventgraph.queries import render_table
    from eventgraph.validate import validate_quads

    store = open_store(ctx)
    report = validate_quads(store.data_quads())
    if fmt == "json":
        click.echo(json.dumps({"conforms": report.conforms, "triples": report.triples,
                               "violations": [v.__dict__ for v in report.violations]}, indent=2))
    elif report.violations:
        rows = [[v.severity, v.focus, v.path, v.message] for v in report.violations]
        click.echo(render_table(["severity", "focus", "path", "message"], rows, max_width=100), nl=False)
    if not report.conforms:
        raise click.ClickException(f"{len(report.violations)} SHACL violation(s) in {report.triples} triples")
    if fmt == "table":
        click.echo(f"conforms: {report.triples} triples checked, no violations")


@cli.command()
@click.option("--format", "fmt", default="table", show_default=True, type=click.Choice(["table", "json"]))
@click.pass_context
def stats(ctx: click.Context, fmt: str) -> None:
    """Count nodes by class, events by type, and list the articles.

    \b
    Example:
      eventgraph stats --format json
    """
    from eventgraph.queries import display, named_query, render_table

    store = open_store(ctx)
    sections = {}
    for name in ("stats-classes", "stats-event-types", "stats-articles"):
        results = store.query(named_query(name).text)
        variables = [v.value for v in results.variables]
        sections[name] = (variables, [[display(s[v]) for v in variables] for s in results])
    if fmt == "json":
        out = {name.removeprefix("stats-"): [dict(zip(cols, row)) for row in rows]
               for name, (cols, rows) in sections.items()}
        click.echo(json.dumps(out, indent=2, ensure_ascii=False))
        return
    for name, (cols, rows) in sections.items():
        click.echo(f"\n{named_query(name).title}")
        click.echo(render_table(cols, rows), nl=False)


@cli.command()
@click.argument("article")
@click.pass_context
def remove(ctx: click.Context, article: str) -> None:
    """Remove an article (by id, IRI or URL) and everything derived from it.

    \b
    Example:
      eventgraph remove north-korea-to-send-more-troops-and-drones-to-russia-3f2a9c1b7d0e
    """
    store = open_store(ctx, write=True)
    removed = store.remove_article(article)
    click.echo(f"removed {removed}")


def main() -> None:
    cli(prog_name="eventgraph")

