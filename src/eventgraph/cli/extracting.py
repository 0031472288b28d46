"""The ``extract`` command: an article's events, read without storing them."""

from __future__ import annotations

from pathlib import Path

import click

from eventgraph.cli.base import _article_meta, article_metadata_options, cli, reader_option, write_output
from eventgraph.errors import EventGraphError


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
@reader_option
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
      eventgraph extract article.txt --explain
      eventgraph extract article.txt --reader rules
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
    from eventgraph.extract.learned import reader_extractor

    documents = list(extract_many(read.articles, extractor=reader_extractor(reader)))
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
