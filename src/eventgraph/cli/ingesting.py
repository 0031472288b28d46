"""Commands that write to the store: ``ingest`` (event files and articles) and ``import`` (data sets),
with their progress reporting and warnings."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import click

from eventgraph.cli.base import _article_meta, article_metadata_options, cli, open_store, reader_option

if TYPE_CHECKING:
    from types import TracebackType

    from click._termui_impl import ProgressBar  # what click.progressbar returns

    from eventgraph.importers.common import FileReport, RowProblem
    from eventgraph.pipeline import UnresolvedNames


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
    "the most a kill can lose [default: 250000].",
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
@reader_option
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
    reader: str,
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
            reader=reader,
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
