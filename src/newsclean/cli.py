"""The ``newsclean`` command: a thin typed adapter over the library's ``run()``.

It renders progress and summaries and maps errors to exit codes; all the
work happens in the library.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ._version import __version__

#: Exit codes: 0 success, 1 a run that finished with rejects is still 0; 2 bad usage or input.
EXIT_USAGE = 2

app = typer.Typer(
    name="newsclean",
    help=(
        "Turn scraped news pages into clean, validated, analysis-ready records.\n\n"
        "Examples:\n\n"
        "  newsclean run seeds/ --out output/\n\n"
        "  newsclean run 'crawl/**/*.html' pages.jsonl.gz news.warc.gz --config newsclean.toml\n\n"
        "  newsclean inspect seeds/001_08de569413689543.txt\n\n"
        "  newsclean report output/ --html report.html\n\n"
        "  newsclean config --show\n\n"
        "  newsclean schema --out schemas/"
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)


def _fail(message: object, console: Console | None = None) -> typer.Exit:
    """Print ``error: MESSAGE`` to standard error and return the usage exit to raise.

    The message is user text (paths, glob patterns, configuration values), so it
    is printed as plain text: as rich markup, ``[ab]`` would vanish and ``[/x]``
    crash the command.
    """
    (console or Console(stderr=True)).print(Text.assemble(("error:", "red"), " ", str(message)))
    return typer.Exit(EXIT_USAGE)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"newsclean {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[Optional[bool], typer.Option("--version", callback=_version, is_eager=True,
                                                    help="Print the version and exit.")] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log every rejection.")] = False,
) -> None:
    """Turn scraped news pages into clean, validated, analysis-ready records."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")


@app.command()
def run(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders (searched recursively) or glob patterns.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path("output"),
    config: Annotated[Optional[Path], typer.Option("--config", "-c", help="TOML configuration file.")] = None,
    progress: Annotated[Optional[bool], typer.Option("--progress/--no-progress",
                                                     help="Progress bar (default: on a terminal).")] = None,
    workers: Annotated[Optional[int], typer.Option("--workers", "-j", min=1, help=(
        "Processes that clean documents (default: one per CPU). The output is the same for any number."
    ))] = None,
    text_field: Annotated[Optional[str], typer.Option(
        help="JSON Lines field holding plain text [config: input.text_field].")] = None,
    html_field: Annotated[Optional[str], typer.Option(
        help="JSON Lines field holding HTML [config: input.html_field].")] = None,
    url_field: Annotated[Optional[str], typer.Option(
        help="JSON Lines field holding the URL [config: input.url_field].")] = None,
    id_field: Annotated[Optional[str], typer.Option(
        help="JSON Lines field holding the record's id, kept as source_id [config: input.id_field].")] = None,
    output_format: Annotated[Optional[str], typer.Option("--format", help=(
        "Output format: parquet (default) or jsonl."))] = None,
    rows_per_file: Annotated[Optional[int], typer.Option("--rows-per-file", min=1, help=(
        "Rows per output file; past it, OUT/articles.parquet becomes a folder of part files."))] = None,
    partition_by: Annotated[Optional[str], typer.Option("--partition-by", help=(
        "Comma-separated columns for Hive-style partition folders, e.g. published_year,language."))] = None,
    reject_status: Annotated[Optional[str], typer.Option("--reject-status", help=(
        "Comma-separated page statuses whose articles go to the rejects (reason not_article), e.g. "
        "not_prose,repetitive,paywall [config: write.reject_status]."))] = None,
    seconds_per_document: Annotated[Optional[float], typer.Option(
        "--seconds-per-document", min=0.001, help=(
            "Reject a document that takes longer than this as 'timeout' "
            "(default: limits.seconds_per_document of the configuration, 60)."))] = None,
    resume: Annotated[bool, typer.Option("--resume", help=(
        "Go on from where a killed run into the same OUT stopped (same inputs and configuration): "
        "documents already written are not cleaned again."))] = False,
    engine: Annotated[str, typer.Option("--engine", help=(
        "local (processes on this machine) or ray (a Ray cluster; pip install 'newsclean[ray]')."))] = "local",
    address: Annotated[Optional[str], typer.Option("--address", help=(
        "With --engine ray: the cluster to join ('auto', or ray://HOST:10001); default: start a local one."))] = None,
    dedup: Annotated[Optional[str], typer.Option("--dedup", help=(
        "Near-duplicates across the run: mark (fill duplicate_of and overlaps), drop (a near-duplicate "
        "goes to the rejects as 'duplicate') or off [config: dedup.mode, default mark]."))] = None,
) -> None:
    """Clean INPUTS into OUT/articles.parquet and OUT/rejects.parquet, then print a summary.

    INPUTS may be text, HTML, JSON Lines and WARC files (any of them gzipped), folders, globs,
    or - for standard input.
    """
    from .runner.batch import run as run_pipeline
    from .errors import NewscleanError

    console = Console(stderr=True)
    try:
        fields = {"text_field": text_field, "html_field": html_field, "url_field": url_field, "id_field": id_field}
        settings = _with_input_fields(_load_config(config), fields)
        settings = _with_write_options(settings, output_format, rows_per_file, partition_by, reject_status)
        settings = _with_dedup_mode(settings, dedup)
        if seconds_per_document is not None:
            limits = settings.limits.model_copy(update={"seconds_per_document": seconds_per_document})
            settings = settings.model_copy(update={"limits": limits})
        if engine == "ray":
            if resume:
                raise typer.BadParameter("--resume works with --engine local only", param_hint="--resume")
            summary = _run_on_ray(inputs, out, settings, address, workers)
        elif engine == "local":
            show = console.is_terminal if progress is None else progress
            summary = _run_with_progress(run_pipeline, inputs, out, settings, console, show,
                                         workers or os.cpu_count() or 1, resume)
        else:
            raise typer.BadParameter(f"unknown engine '{engine}': choose local or ray", param_hint="--engine")
    except NewscleanError as exc:
        raise _fail(exc, console) from exc
    _print_summary(summary, Console())


def _load_config(path: Path | None):  # type: ignore[no-untyped-def]
    """The configuration of a TOML file, or the defaults."""
    from .config import PipelineConfig

    return PipelineConfig.from_toml(path) if path else PipelineConfig()


def _with_input_fields(settings, fields: dict[str, str | None]):  # type: ignore[no-untyped-def]
    """``settings`` with the JSON Lines field names given on the command line."""
    given = {name: value for name, value in fields.items() if value is not None}
    if not given:
        return settings
    data = settings.model_dump(mode="json")
    data["input"].update(given)
    return type(settings).from_mapping(data, origin="command line")


def _names(listed: str | None) -> list[str] | None:
    """A comma-separated option as a list of names, or None when it was not given."""
    return None if listed is None else [name.strip() for name in listed.split(",") if name.strip()]


def _with_write_options(settings, output_format, rows_per_file, partition_by,  # type: ignore[no-untyped-def]
                        reject_status=None):
    """The configuration with the command line's output options laid over the file's."""
    given = {"format": output_format, "rows_per_file": rows_per_file, "partition_by": _names(partition_by),
             "reject_status": _names(reject_status)}
    overrides = {key: value for key, value in given.items() if value is not None}
    if not overrides:
        return settings
    data = settings.model_dump(mode="json")
    data["write"].update(overrides)
    return type(settings).from_mapping(data, origin="command line")


def _with_dedup_mode(settings, mode: str | None):  # type: ignore[no-untyped-def]
    """The configuration with the command line's ``--dedup`` laid over the file's."""
    if mode is None:
        return settings
    data = settings.model_dump(mode="json")
    data["dedup"]["mode"] = mode
    return type(settings).from_mapping(data, origin="command line")


def _run_on_ray(inputs, out, settings, address, workers):  # type: ignore[no-untyped-def]
    from .errors import NewscleanError

    try:
        from .engines.ray import run as run_on_ray
    except ImportError as exc:
        raise NewscleanError(f"--engine ray needs Ray: pip install 'newsclean[ray]' ({exc})") from exc
    return run_on_ray(inputs, out, config=settings, address=address, concurrency=workers)


def _run_with_progress(  # type: ignore[no-untyped-def]
    run_pipeline, inputs, out, settings, console, show, workers, resume,
):
    if not show:
        return run_pipeline(inputs, out, config=settings, workers=workers, resume=resume)
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TextColumn("{task.completed} documents"),
                  TimeElapsedColumn(), console=console, transient=True) as bar:
        task = bar.add_task("cleaning", total=None)
        return run_pipeline(inputs, out, config=settings, workers=workers, resume=resume,
                            on_record=lambda _record: bar.advance(task))


def _print_summary(summary, console: Console) -> None:  # type: ignore[no-untyped-def]
    table = Table(title="newsclean run", show_header=True, header_style="bold")
    table.add_column("")
    table.add_column("count", justify="right")
    table.add_row("documents in", str(summary.documents))
    table.add_row("articles out", str(summary.articles))
    table.add_row("rejects", str(summary.rejects))
    for status, count in summary.statuses.items():
        if status != "article":
            table.add_row(f"  status: {status}", str(count))
    for reason, count in summary.rejects_by_reason.items():
        table.add_row(f"  rejected: {reason}", str(count))
    for kind, count in summary.removals_by_kind.items():
        table.add_row(f"  removed: {kind}", str(count))
    for source, count in summary.date_sources.items():
        table.add_row(f"  date from: {source}", str(count))
    for reason, count in summary.skipped_records.items():
        table.add_row(f"  skipped record: {reason}", str(count))
    for reason, count in Counter(summary.skipped_paths.values()).most_common():
        table.add_row(f"  skipped path: {reason}", str(count))
    if summary.dedup:
        table.add_row("near-duplicates", str(summary.dedup.get("duplicates", 0)))
        table.add_row("  in clusters", str(summary.dedup.get("clusters", 0)))
        table.add_row("articles with overlaps", str(summary.dedup.get("articles_with_overlaps", 0)))
    console.print(table)
    console.print(f"articles: {summary.articles_path}\nrejects:  {summary.rejects_path}\n"
                  f"time:     {summary.seconds:.2f} s", markup=False, highlight=False)


@app.command()
def inspect(
    file: Annotated[Path, typer.Argument(help="A text, HTML, JSON Lines or WARC file (gzipped or not).")],
    index: Annotated[int, typer.Option("--index", "-i", min=0, help=(
        "Which document of a JSON Lines or WARC file: its source_index (line or record number, from 0).")
    )] = 0,
    config: Annotated[Optional[Path], typer.Option("--config", "-c", help="TOML configuration file.")] = None,
    text_field: Annotated[Optional[str], typer.Option(help="JSON Lines field holding plain text.")] = None,
    html_field: Annotated[Optional[str], typer.Option(help="JSON Lines field holding HTML.")] = None,
    url_field: Annotated[Optional[str], typer.Option(help="JSON Lines field holding the URL.")] = None,
    id_field: Annotated[Optional[str], typer.Option(help="JSON Lines field holding the record's id.")] = None,
    run_out: Annotated[Optional[Path], typer.Option("--run", help=(
        "A folder `newsclean run --out` wrote from inputs holding this document: show its near-duplicates and "
        "overlaps there, and mark the paragraphs they share."))] = None,
) -> None:
    """Show what cleaning does to one document: detected metadata, kept text, and every removal with its rule.

    Removed pieces are dimmed and struck through (marked with a cross where the
    terminal shows no styles), labelled with their kind and rule. With --run,
    paragraphs another article of that run also holds are marked shared (≡).
    """
    from .assembly import build_pipeline
    from .errors import NewscleanError
    from .review.inspection import find_document, inspect_raw
    from .records import Article
    from .review.terminal import render_inspection

    try:
        fields = {"text_field": text_field, "html_field": html_field, "url_field": url_field, "id_field": id_field}
        settings = _with_input_fields(_load_config(config), fields).resolved()
        inspection = inspect_raw(find_document(file, index, settings), build_pipeline(settings))
        context = None
        if run_out is not None and isinstance(inspection.record, Article):
            from .review.run_context import run_context

            context = run_context(run_out, inspection.record)
    except NewscleanError as exc:
        raise _fail(exc) from exc
    Console(highlight=False).print(render_inspection(inspection, context))


@app.command()
def report(
    out_dir: Annotated[Path, typer.Argument(help="A folder `newsclean run --out` wrote.")],
    html: Annotated[Path, typer.Option("--html", help="The HTML page to write.")] = Path("report.html"),
    max_documents: Annotated[int, typer.Option("--max-documents", "-n", min=1, help=(
        "Documents (and rejects) shown at most; the counts and charts cover the whole run."))] = 200,
) -> None:
    """Write one self-contained HTML page reviewing a run: counts, charts, and every document's removals.

    The page loads nothing from the network: open it anywhere, mail it, archive it.
    """
    from .errors import NewscleanError
    from .review.report import write_report

    try:
        stats = write_report(out_dir, html, max_documents=max_documents)
    except NewscleanError as exc:
        raise _fail(exc) from exc
    typer.echo(f"wrote {stats.path}: {stats.documents_shown} of {stats.documents_total} articles, "
               f"{stats.rejects_shown} of {stats.rejects_total} rejects")


@app.command("config")
def config_command(
    show: Annotated[bool, typer.Option("--show", help="Print the effective configuration as TOML.")] = False,
    config: Annotated[Optional[Path], typer.Option("--config", "-c", help=(
        "TOML configuration file (or a pyproject.toml with [tool.newsclean]); without it, the defaults."))] = None,
) -> None:
    """Show the effective configuration: the defaults with FILE's settings laid over them.

    The output is TOML that --config reads back: save it, edit it, run with it.
    """
    from .config_toml import config_to_toml
    from .errors import NewscleanError

    if not show:
        typer.echo("nothing to do: use --show to print the effective configuration", err=True)
        raise typer.Exit(EXIT_USAGE)
    try:
        settings = _load_config(config)
    except NewscleanError as exc:
        raise _fail(exc) from exc
    origin = f"defaults overlaid with {config}" if config else "defaults"
    header = f"# newsclean effective configuration ({origin})\n"
    if settings.dates.reference_date is None:
        header += "# dates.reference_date is not set: each run uses the day it starts\n"
    typer.echo(header + "\n" + config_to_toml(settings), nl=False)


@app.command()
def schema(
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="Folder to write *.schema.json into; "
                                                "without it, the article schema is printed.")] = None,
    markdown: Annotated[bool, typer.Option("--markdown", help=(
        "Print the output tables' columns as Markdown tables instead."))] = False,
    readme: Annotated[Optional[Path], typer.Option("--readme", help=(
        "Rewrite the generated column tables in this Markdown file (between its markers)."))] = None,
) -> None:
    """Write the JSON Schemas of the output records (article, rejection), or their columns as Markdown."""
    from .records import PUBLISHED_MODELS, json_schema

    if markdown or readme:
        from .io.schema_docs import replace_block, schema_markdown

        block = schema_markdown()
        if readme is None:
            typer.echo(block, nl=False)
            return
        try:
            readme.write_text(replace_block(readme.read_text(encoding="utf-8"), block), encoding="utf-8")
        except (OSError, ValueError) as exc:
            raise _fail(f"{readme}: {exc}") from exc
        typer.echo(f"updated {readme}")
        return
    if out is None:
        typer.echo(json.dumps(json_schema(PUBLISHED_MODELS["article"]), indent=2, ensure_ascii=False))
        return
    out.mkdir(parents=True, exist_ok=True)
    for stem, model in PUBLISHED_MODELS.items():
        path = out / f"{stem}.schema.json"
        path.write_text(json.dumps(json_schema(model), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        typer.echo(f"wrote {path}")


def main() -> None:
    """Entry point of the ``newsclean`` script and ``python -m newsclean``."""
    app(prog_name="newsclean")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
