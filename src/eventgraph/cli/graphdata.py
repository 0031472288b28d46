"""Commands over the stored graph as a whole: query, queries, export, validate, stats, article, remove."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import click

from eventgraph.cli.base import _select_graph, cli, graph_options, open_store, write_output


@cli.command()
@click.argument("sparql", required=False)
@click.option(
    "-f", "--file", "query_file", type=click.File("r", encoding="utf-8"), help="Read the query from a .rq file."
)
@click.option("-n", "--name", "query_name", help="Run a named query ('eventgraph queries' lists them).")
@click.option(
    "-p",
    "--param",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="A named query's parameter, bound as an RDF term (repeatable).",
)
@click.option(
    "--format",
    "fmt",
    default="table",
    show_default=True,
    type=click.Choice(["table", "json", "csv", "tsv", "xml", "turtle", "ntriples", "jsonld", "rdfxml"]),
    help="SELECT/ASK: table or W3C json/csv/tsv/xml; CONSTRUCT: turtle/ntriples/jsonld/rdfxml. csv cells "
    "that a spreadsheet would run as a formula (= + - @ ...) get a leading '.",
)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write to a file instead of stdout.")
@click.pass_context
def query(
    ctx: click.Context,
    sparql: str | None,
    query_file: Any,
    query_name: str | None,
    params: tuple[str, ...],
    fmt: str,
    output: Path | None,
) -> None:
    """Run a SPARQL 1.1 query over all articles, with the project's prefixes declared.

    The default graph is the union of all graphs, unless the query names its
    dataset with FROM and FROM NAMED.

    Prefixes eg:, egt:, egc:, egr:, rdf:, rdfs:, owl:, skos:, xsd:, prov:, sem:,
    time:, dcterms:, oa: and wd: need no PREFIX line.

    \b
    Example:
      eventgraph query 'SELECT ?e ?date WHERE { ?e a eg:Transfer ; eg:date ?date }'
      eventgraph query --name events --format csv
    """
    from eventgraph.formats import format_results
    from eventgraph.queries import bind_parameters, named_query

    sources = [s for s in (sparql, query_file, query_name) if s]
    if len(sources) != 1:
        raise click.UsageError("give exactly one of SPARQL, --file or --name")
    bindings = None
    if not query_name and params:
        raise click.UsageError("--param works with --name only")
    store = open_store(ctx)
    if query_name:
        named = named_query(query_name)
        text = named.text_for(store)
        bindings = bind_parameters(named, dict(_split_param(p) for p in params))
    else:
        text = sparql or query_file.read()
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


EXPORT_FORMATS = ("turtle", "trig", "nquads", "ntriples", "jsonld", "rdfxml")
GRAPH_EXPORT_FORMATS = ("graphml", "gexf", "csv")


@cli.command()
@click.option(
    "--format",
    "fmt",
    default="trig",
    show_default=True,
    type=click.Choice(EXPORT_FORMATS + GRAPH_EXPORT_FORMATS),
    help="trig/nquads keep one named graph per article; turtle/ntriples/jsonld/rdfxml merge them; "
    "graphml/gexf/csv write a projection (--view) for Gephi and other network tools.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Write to a file instead of stdout; for csv, the directory that gets nodes.csv and edges.csv.",
)
@click.option("--with-ontology", is_flag=True, help="Include the ontology and concept schemes (RDF formats).")
@graph_options
@click.pass_context
def export(ctx: click.Context, /, fmt: str, output: Path | None, with_ontology: bool, **options: Any) -> None:
    """Write the whole graph in an RDF format, or a projection of it as GraphML, GEXF or CSV.

    The graph formats take the same filters as 'draw'.  csv writes
    nodes.csv and edges.csv into the directory given with -o; a cell that a
    spreadsheet would run as a formula (= + - @ ...) gets a leading '.

    \b
    Example:
      eventgraph export --format turtle -o events.ttl
      eventgraph export --format gexf --view actors -o actors.gexf
      eventgraph export --format csv --actor DPRK --depth 2 -o dprk-csv/
    """
    import io

    if fmt in GRAPH_EXPORT_FORMATS:
        _export_projection(ctx, fmt, output, options)
        return
    changed = [
        f"--{n.replace('event_type', 'type')}"
        for n, v in options.items()
        if v is not None and (n, v) not in (("view", "events"), ("depth", 1))
    ]
    if changed:
        raise click.UsageError(f"{', '.join(changed)}: only with --format graphml, gexf or csv")

    from eventgraph.formats import rdf_format

    rdf = rdf_format(fmt)
    assert rdf is not None, "EXPORT_FORMATS are RDF format names"
    store = open_store(ctx)
    buffer = io.BytesIO()
    store.dump(buffer, rdf, include_ontology=with_ontology)
    data = buffer.getvalue()
    if fmt == "rdfxml":
        from eventgraph.xmltext import xml_safe_document

        data = xml_safe_document(data)
    write_output(data, output)


def _export_projection(ctx: click.Context, fmt: str, output: Path | None, options: dict[str, Any]) -> None:
    import io

    from eventgraph import projections

    if fmt == "csv":
        if output is None:
            raise click.UsageError("--format csv writes nodes.csv and edges.csv: give the directory with -o DIR")
        nodes, edges = projections.write_csv(_select_graph(ctx, options), output)
        click.echo(f"wrote {nodes} and {edges}")
        return
    graph = _select_graph(ctx, options)
    buffer = io.BytesIO()
    (projections.write_graphml if fmt == "graphml" else projections.write_gexf)(graph, buffer)
    write_output(buffer.getvalue(), output)


@cli.command()
@click.option("--format", "fmt", default="table", show_default=True, type=click.Choice(["table", "json"]))
@click.pass_context
def validate(ctx: click.Context, fmt: str) -> None:
    """Check the stored graph against the SHACL shapes, and the lookup index against the store; exit 1 on any
    violation (an index that disagrees with the store is one: 'eventgraph reindex' rebuilds it).

    \b
    Example:
      eventgraph validate
    """
    from eventgraph.formats import render_table
    from eventgraph.index.hooks import disagreements
    from eventgraph.validate import Violation, validate_quads

    store = open_store(ctx)
    report = validate_quads(store.data_quads())
    shacl = len(report.violations)
    index_problems = disagreements(store)
    for focus, message in index_problems:
        report.conforms = False
        report.violations.append(Violation(focus, "lookup index", message, "Violation"))
    if fmt == "json":
        click.echo(
            json.dumps(
                {
                    "conforms": report.conforms,
                    "triples": report.triples,
                    "violations": [v.__dict__ for v in report.violations],
                },
                indent=2,
            )
        )
    elif report.violations:
        rows = [[v.severity, v.focus, v.path, v.message] for v in report.violations]
        click.echo(render_table(["severity", "focus", "path", "message"], rows, max_width=100), nl=False)
    if index_problems:
        raise click.ClickException(
            f"{shacl} SHACL violation(s) in {report.triples} triples; the lookup index disagrees with the store"
            f" ({len(index_problems)} graph(s)): run 'eventgraph reindex'"
        )
    if not report.conforms:
        raise click.ClickException(f"{len(report.violations)} SHACL violation(s) in {report.triples} triples")
    if fmt == "table":
        click.echo(f"conforms: {report.triples} triples checked, no violations")


@cli.command()
@click.pass_context
def reindex(ctx: click.Context) -> None:
    """Rebuild the lookup index (a SQLite file beside the store) from the store's graphs.

    The lookups read the index; the store stays the record of truth, so the index can always be rebuilt.
    A store made before the index existed, or changed by a SPARQL update, has its lookups answered by
    the store (slower at scale) until it is reindexed.  Progress goes to stderr.

    \b
    Example:
      eventgraph reindex
    """
    from eventgraph.index.hooks import rebuild

    store = open_store(ctx, write=True)
    started = time.perf_counter()

    def progress(graphs: int, events: int) -> None:
        click.echo(f"\rindexed {graphs:,} graphs, {events:,} events", err=True, nl=False)

    events = rebuild(store, progress)
    click.echo("", err=True)
    click.echo(f"indexed {events:,} events in {time.perf_counter() - started:.1f} s")


@cli.command()
@click.option("--format", "fmt", default="table", show_default=True, type=click.Choice(["table", "json"]))
@click.option(
    "--articles",
    "with_articles",
    is_flag=True,
    help="List the articles too, in date order with their event counts, a page at a time.",
)
@click.option("--limit", default=100, show_default=True, type=click.IntRange(1), help="Articles per page.")
@click.option("--offset", default=0, show_default=True, type=click.IntRange(0), help="Articles to skip.")
@click.pass_context
def stats(ctx: click.Context, fmt: str, with_articles: bool, limit: int, offset: int) -> None:
    """Count articles, events, nodes by class and events by type; --articles lists the articles.

    \b
    Example:
      eventgraph stats --articles --limit 20 --format json
    """
    from eventgraph.formats import render_table
    from eventgraph.statistics import article_section, count_sections

    store = open_store(ctx)
    sections = count_sections(store)
    if with_articles:
        sections.append(article_section(store, limit=limit, offset=offset))
    if fmt == "json":
        out = {section.name.removeprefix("stats-"): section.records() for section in sections}
        click.echo(json.dumps(out, indent=2, ensure_ascii=False))
        return
    for section in sections:
        click.echo(f"\n{section.title}")
        click.echo(render_table(section.columns, section.rows, whole=("id",)), nl=False)  # an id cut short is no id


@cli.command(name="article")
@click.argument("reference", metavar="ARTICLE")
@click.option(
    "--format",
    "fmt",
    default="table",
    show_default=True,
    type=click.Choice(["table", "json", "yaml", "eventfile-json"]),
    help="json: the extraction contract; yaml/eventfile-json: an event file to correct and ingest.",
)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write to a file instead of stdout.")
@click.pass_context
def show_article(ctx: click.Context, reference: str, fmt: str, output: Path | None) -> None:
    """Show a stored article (by id, IRI or URL) and its events, rebuilt from the graph.

    --format yaml writes it as an event file: correct it by hand and ingest
    it again, and it replaces the stored article.

    \b
    Example:
      eventgraph article seed-nk-troops-drones-russia-2024-12-23 --format yaml -o seed.yaml
    """
    from eventgraph.extract.output import format_documents
    from eventgraph.readback import read_stored_article

    document = read_stored_article(open_store(ctx), reference)
    write_output(format_documents([document], fmt).encode("utf-8"), output)


@cli.command()
@click.argument("article")
@click.pass_context
def remove(ctx: click.Context, article: str) -> None:
    """Remove an article (by id, IRI or URL) and everything derived from it.

    \b
    Example:
      eventgraph remove seed-nk-troops-drones-russia-2024-12-23
    """
    store = open_store(ctx, write=True)
    removed = store.remove_article(article)
    click.echo(f"removed {removed}")
