"""The command line: parse, call the library, format.  Errors become one ``Error: ...`` line."""

from __future__ import annotations

import json
import os
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import click

from eventgraph.errors import EventGraphError
from eventgraph.model import WEAPON_CATEGORIES, Certainty, EventType

if TYPE_CHECKING:
    from types import TracebackType

    import networkx as nx
    from click._termui_impl import ProgressBar  # what click.progressbar returns

    from eventgraph.articles import ArticleMeta
    from eventgraph.backends import GraphStore
    from eventgraph.extract.learned import LearnedExtractor
    from eventgraph.importers.common import FileReport, RowProblem
    from eventgraph.lookups import DateRange, Listing, Profile, Resolver
    from eventgraph.pipeline import UnresolvedNames

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
    from eventgraph.store import default_store_path

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


def _article_meta(published: str | None, url: str | None, outlet: str | None) -> ArticleMeta:
    from eventgraph.articles import ArticleMeta
    from eventgraph.dates import parse_day

    return ArticleMeta(published=parse_day(published) if published else None, url=url, outlet=outlet)


ARTICLES_LISTED = 50  # beyond this, ingest counts articles instead of listing them (unless --verbose)
PROGRESS_INTERVAL = 10.0  # seconds between progress lines when stderr is not a terminal


def progress_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """--progress-interval and --warnings-file: what a long ingest or import tells a log."""
    options = [
        click.option(
            "--progress-interval",
            type=click.FloatRange(min=0.01),
            default=PROGRESS_INTERVAL,
            show_default=True,
            metavar="SECONDS",
            envvar="EVENTGRAPH_PROGRESS_INTERVAL",
            help="When stderr is not a terminal, write a progress line (done, rate, time left) this often; "
            "on a terminal a progress bar shows instead.  [env var: EVENTGRAPH_PROGRESS_INTERVAL]",
        ),
        click.option(
            "--warnings-file",
            type=click.Path(dir_okay=False, path_type=Path),
            metavar="FILE",
            help="Write every warning to FILE, one a line (stderr groups them).",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--batch-size",
    type=click.IntRange(1),
    help="Articles written per transaction [default: 200]; with --bulk, new articles per bulk load, "
    "the most a kill can lose [default: 50000].",
)
@click.option(
    "--bulk",
    is_flag=True,
    help="Write new articles with pyoxigraph's bulk loader (1.6 times as fast at 1,000,000 events) instead "
    "of one transaction a batch: readers may see a batch half-written, and an interrupted run is "
    "undone by the next command that writes.",
)
@click.option(
    "--processes",
    type=click.IntRange(0),
    help="Worker processes that read and map event files (from 400 files on) while this one writes; "
    "0: none  [default: one per core, none on one core]",
)
@click.option(
    "-v",
    "--verbose",
    is_flag=True,
    help=f"List every article added, replaced or unchanged (listed by default up to {ARTICLES_LISTED}).",
)
@progress_options
@article_metadata_options
@click.pass_context
def ingest(
    ctx: click.Context,
    paths: tuple[Path, ...],
    batch_size: int | None,
    bulk: bool,
    processes: int | None,
    verbose: bool,
    progress_interval: float,
    warnings_file: Path | None,
    published: str | None,
    url: str | None,
    outlet: str | None,
) -> None:
    """Load event files (YAML or JSON), articles (.txt, .html, .jsonl) and directories of them.

    Articles are read for events on the way in (as 'extract' does).  Each
    article becomes one named graph.  Re-ingesting an unchanged file adds
    nothing; a changed file replaces its article's graph.  A file that does not
    validate is reported and skipped, and the rest still go in.  Articles are
    listed one a line up to 50 (all with --verbose), then counted; names not in
    the gazetteer are warned about once each, with a count and the first file.

    \b
    Example:
      eventgraph ingest data/examples/00_seed_nk_troops_drones_russia.yaml
      eventgraph ingest tests/data/articles/01_iran_drones_sanctions.txt --outlet Yonhap
      eventgraph ingest --bulk data/examples/ --warnings-file warnings.txt
    """
    from eventgraph.pipeline import find_input_files, ingest_paths

    meta = _article_meta(published, url, outlet)
    store = open_store(ctx, write=True)
    files = find_input_files(paths)
    with _warnings_sink(warnings_file) as warn, _progress(len(files), interval=progress_interval) as advance:
        report = ingest_paths(
            store,
            files,
            batch_size=batch_size,
            progress=advance,
            meta=meta,
            bulk=bulk,
            processes=processes,
            on_unresolved=warn
            and (lambda path, where, name: warn(f"{path}: {where}: not in the gazetteer, stored as written: {name}")),
        )
    written = report.written
    listed = verbose or len(written.added) + len(written.replaced) + len(written.unchanged) <= ARTICLES_LISTED
    if listed:
        for article_id in written.added:
            click.echo(f"added     {article_id}")
        for article_id in written.replaced:
            click.echo(f"replaced  {article_id}")
        for article_id in written.unchanged:
            click.echo(f"unchanged {article_id}")
    _echo_unresolved(report.unresolved)
    for _, message in report.failures:
        click.echo(f"skipped: {message}", err=True)
    click.echo(
        f"{len(written.added)} added, {len(written.replaced)} replaced, {len(written.unchanged)} unchanged "
        f"({written.events} events, {written.quads} quads written); {len(report.failures)} failed"
        + ("" if listed else " (--verbose lists the articles)")
    )
    if report.failures:
        failed = len({path for path, _ in report.failures})
        raise click.ClickException(f"{failed} of {report.files} files failed; see above")


def _echo_unresolved(unresolved: UnresolvedNames) -> None:
    """Each name the gazetteer did not know once, with how often and where it first occurred."""
    if unresolved.occurrences > len(unresolved):
        click.echo(
            f"warning: {len(unresolved)} names not in the gazetteer, stored as written "
            f"({unresolved.occurrences} occurrences):",
            err=True,
        )
    for name, count, first in unresolved.most_common():
        where = f"{count} times, first in {first}" if count > 1 else first
        click.echo(f"warning: not in the gazetteer, stored as written: {name} ({where})", err=True)


class _warnings_sink:
    """``--warnings-file``: a function writing one warning a line to it, or None without the option."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.handle: TextIO | None = None

    def __enter__(self) -> Callable[[str], None] | None:
        if self.path is None:
            return None
        try:
            handle = self.handle = self.path.open("w", encoding="utf-8")
        except OSError as error:
            raise click.ClickException(f"cannot write {self.path}: {error.strerror}") from None
        return lambda line: print(line, file=handle)

    def __exit__(self, *exc: object) -> None:
        if self.handle is not None:
            self.handle.close()


class _progress:
    """Progress on stderr: on a terminal a bar with rate and time left; otherwise a line every
    ``interval`` seconds (for a log), and one at the end if any was written."""

    def __init__(
        self, length: int, label: str = "ingesting", unit: str = "files", interval: float = PROGRESS_INTERVAL
    ) -> None:
        self.bar: ProgressBar[int] | None = None
        self.length = length
        self.label = label
        self.unit = unit
        self.interval = interval
        self.done = 0
        self.started = time.monotonic()
        self.stopped = threading.Event()
        self.reporter: threading.Thread | None = None
        self.lines = 0

    def __enter__(self) -> Callable[[int], None]:
        self.started = time.monotonic()
        if sys.stderr.isatty():
            self.bar = click.progressbar(
                length=self.length,
                label=self.label,
                file=sys.stderr,
                show_pos=self.unit == "files",
                item_show_func=lambda _: self._rate(),
            )
            self.bar.__enter__()
            return self.bar.update
        self.reporter = threading.Thread(target=self._report, name="eventgraph-progress", daemon=True)
        self.reporter.start()
        return self._advance

    def _advance(self, steps: int) -> None:
        self.done += steps

    def _report(self) -> None:
        while not self.stopped.wait(self.interval):
            self._line()

    def _line(self, final: bool = False) -> None:
        elapsed = time.monotonic() - self.started
        done, length = self.done, self.length
        if final:
            text = f"{self.label}: {self._amount(done)} {self.unit} in {_duration(elapsed)} ({self._rate()})"
        elif done >= length:
            text = f"{self.label}: all {self._amount(length)} {self.unit} read, writing, {_duration(elapsed)} so far"
        else:
            text = (
                f"{self.label}: {self._amount(done)} of {self._amount(length)} {self.unit} "
                f"({100 * done / length:.0f}%), {self._rate()}, {_duration(elapsed)} so far"
            )
            if done:
                text += f", about {_duration(elapsed * (length - done) / done)} left"
        click.echo(text, err=True)
        self.lines += 1

    def _rate(self) -> str:
        elapsed = time.monotonic() - self.started
        done = self.bar.pos if self.bar is not None else self.done
        rate = done / elapsed if elapsed > 0 else 0.0
        return f"{self._amount(rate)} {self.unit}/s"

    def _amount(self, value: float) -> str:
        return f"{value / 1e6:,.1f}" if self.unit == "MB" else f"{value:,.0f}"

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        if self.bar is not None:
            self.bar.__exit__(kind, error, traceback)
        if self.reporter is not None:
            self.stopped.set()
            self.reporter.join()
            if self.lines:
                self._line(final=True)


def _duration(seconds: float) -> str:
    minutes, secs = divmod(int(seconds + 0.5), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


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


def _select_graph(ctx: click.Context, options: dict[str, Any]) -> nx.MultiDiGraph[str]:
    from eventgraph.lookups import DateRange, Resolver
    from eventgraph.projections import select_graph

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
    )


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
    """Check the stored graph against the SHACL shapes; exit 1 on any violation.

    \b
    Example:
      eventgraph validate
    """
    from eventgraph.formats import render_table
    from eventgraph.validate import validate_quads

    store = open_store(ctx)
    report = validate_quads(store.data_quads())
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
    if not report.conforms:
        raise click.ClickException(f"{len(report.violations)} SHACL violation(s) in {report.triples} triples")
    if fmt == "table":
        click.echo(f"conforms: {report.triples} triples checked, no violations")


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


@cli.command(name="import")
@click.argument("fmt", metavar="FORMAT", type=click.Choice(["sipri", "gdelt", "acled"]))
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--chunk-rows",
    default=2000,
    show_default=True,
    type=click.IntRange(1),
    help="Lines of a file per named graph: the unit of writing and of re-import.",
)
@progress_options
@click.pass_context
def import_data(
    ctx: click.Context,
    fmt: str,
    files: tuple[Path, ...],
    chunk_rows: int,
    progress_interval: float,
    warnings_file: Path | None,
) -> None:
    """Import SIPRI trade registers, GDELT event files or ACLED exports.

    Rows become events linked to the same actors and weapons as the articles'.
    Malformed rows are listed on stderr as FILE:LINE: reason and skipped (20
    per file, then counted; --warnings-file lists all); each file gets a
    summary of rows imported and skipped, by reason.  Importing the
    same file again adds nothing.  Exit code 1 when a file cannot be read or
    none of its rows is well-formed.

    \b
    Example:
      eventgraph import sipri trade-register.csv
      eventgraph import gdelt 20241029231500.export.CSV
      eventgraph import acled acled-ukraine.csv
    """
    from eventgraph.importers import import_format
    from eventgraph.importers.common import import_file

    importer = import_format(fmt)
    store = open_store(ctx, write=True)
    total = sum(path.stat().st_size for path in files if path.is_file())
    failed = []
    with (
        _warnings_sink(warnings_file) as warn,
        _progress(total, label=f"importing {fmt}", unit="MB", interval=progress_interval) as advance,
    ):
        reports = [
            import_file(
                store,
                importer,
                path,
                chunk_rows=chunk_rows,
                progress=advance,
                on_problem=warn and _problem_writer(warn, path),
            )
            for path in files
        ]
    for report in reports:
        _echo_problems(report)
        if report.error:
            click.echo(f"skipped: {report.error}", err=True)
        else:
            click.echo(f"{report.path}: {report.summary()}")
        if report.failed:
            failed.append(report.path)
    if len(reports) > 1:
        click.echo(
            f"total: {sum(r.imported for r in reports)} rows imported, "
            f"{sum(sum(r.skipped.values()) for r in reports)} skipped, in {len(reports)} files"
        )
    if failed:
        raise click.ClickException(f"nothing could be imported from {', '.join(failed)}")


PROBLEMS_LISTED = 20


def _problem_writer(warn: Callable[[str], None], path: Path) -> Callable[[RowProblem], None]:
    return lambda row: warn(f"{path}:{row.line}: {row.reason}" + (f" ({row.detail})" if row.detail else ""))


def _echo_problems(report: FileReport) -> None:
    for row in report.problems[:PROBLEMS_LISTED]:
        detail = f" ({row.detail})" if row.detail else ""
        click.echo(f"{report.path}:{row.line}: {row.reason}{detail}", err=True)
    if report.malformed > PROBLEMS_LISTED:
        click.echo(f"{report.path}: ... and {report.malformed - PROBLEMS_LISTED} more malformed rows", err=True)


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
    help="MB of memory one query process may take; a query needing more is stopped (HTTP 503).",
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
    from eventgraph.server import LOOPBACK_NAMES, ServerSettings, is_loopback
    from eventgraph.server import serve as run_server
    from eventgraph.store import default_store_path

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
    if not len(listing):
        click.echo(listing.empty, err=fmt != "table")


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
    from eventgraph.claims import ClaimIndex

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
@lookup_options
@click.pass_context
def events(
    ctx: click.Context,
    actor: str | None,
    event_type: str | None,
    place: str | None,
    disputed: bool | None,
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
    """
    from eventgraph.claims import ClaimIndex
    from eventgraph.lookups import PLACE_CLASSES, list_events

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
    from eventgraph.claims import describe_disputes, dispute_listing, find_disputes

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
    from eventgraph.claims import claim_listing, event_claims

    _emit(claim_listing(event_claims(open_store(ctx), event)), fmt)


@cli.command()
@click.argument("name")
@lookup_options
@click.pass_context
def actor(ctx: click.Context, name: str, fmt: str, since: str | None, until: str | None) -> None:
    """A profile of an actor: name, kind, identifiers, aliases, events, partners, dates, sources.

    \b
    Example:
      eventgraph actor DPRK
      eventgraph actor "South Korea's Joint Chiefs of Staff" --format json
    """
    from eventgraph.lookups import actor_profile

    store, resolver, dates = _lookup(ctx, since, until)
    profile = actor_profile(store, resolver.resolve(name), dates=dates)
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
            "Main partners",
            ["partner", "events", "types"],
            [[p["partner"]["label"], str(p["events"]), p["types"]] for p in profile.partners],
        ),
        (
            "Sources",
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


@cli.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    default="table",
    show_default=True,
    type=click.Choice(["table", "json", "yaml", "eventfile-json"]),
    help="table or json (the extraction contract) to read; yaml or eventfile-json to write an "
    "event file an analyst can correct and ingest in place of the article.",
)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write to a file instead of stdout.")
@click.option(
    "--reader",
    type=click.Choice(["rules", "learned"]),
    default="rules",
    show_default=True,
    help="rules: the rule reader alone; learned: a trained classifier decides each candidate event.",
)
@click.option(
    "--explain",
    is_flag=True,
    help="Show per event its sentence, the candidate (actors marked) and the model's scores (table and json).",
)
@article_metadata_options
def extract(
    path: Path,
    fmt: str,
    output: Path | None,
    reader: str,
    explain: bool,
    published: str | None,
    url: str | None,
    outlet: str | None,
) -> None:
    """Read an article (.txt, .html, .jsonl) and print its events without storing them.

    Each event names its type, actors, recipients, items, place, quantity,
    date, status, certainty, who the claim is attributed to and via whom,
    and the evidence sentence with its character offsets.  A .jsonl corpus
    prints one JSON object (or YAML document) per article.

    \b
    Example:
      eventgraph extract article.txt
      eventgraph extract article.txt --format json --published 2024-12-23
      eventgraph extract article.txt --reader learned --explain
      eventgraph extract article.txt --format yaml -o article.yaml && eventgraph ingest article.yaml
    """
    from eventgraph.articles import read_article_files
    from eventgraph.extract import extract_many
    from eventgraph.extract.output import format_documents

    if explain and fmt not in ("table", "json"):
        raise click.UsageError("--explain works with --format table or json")
    read = read_article_files([path], _article_meta(published, url, outlet))
    if read.failures and not read.articles:
        raise EventGraphError(read.failures[0][1])
    documents = list(extract_many(read.articles, extractor=_extractor(reader)))
    if explain:
        from eventgraph.extract.explain import explained_json, explained_table

        text = explained_json(documents) if fmt == "json" else explained_table(documents)
    else:
        text = format_documents(documents, fmt)
    write_output(text.encode("utf-8"), output)
    for _, message in read.failures:
        click.echo(f"skipped: {message}", err=True)
    if read.failures:
        raise click.ClickException(f"{len(read.failures)} article(s) could not be read; see above")


def _extractor(reader: str) -> LearnedExtractor | None:
    """The extractor for --reader: None is the default rule reader."""
    if reader == "rules":
        return None
    from eventgraph.extract.learned import default_learned_extractor

    return default_learned_extractor()


def main() -> None:
    cli(prog_name="eventgraph")
