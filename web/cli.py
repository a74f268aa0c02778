"""The `nianbao` command line: parse, index, search and serve.

Each command is a thin shell over the package that does the work; errors a
user can fix are printed as one clear line, never as a traceback.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path
from typing import BinaryIO, Callable

import click
from tqdm import tqdm

from indexer import Report, ReportError, iter_report_files, load_report
from indexer.config import DEFAULTS, Settings
from search import (
    FACETS,
    GROUPS,
    SORTS,
    TEMPLATES,
    BuildSummary,
    IndexLocked,
    IndexNotFound,
    IndexOutdated,
    LiveIndex,
    QueryError,
    SearchIndex,
    SearchRequest,
    build_index,
)
from web import create_app
from web.context import live_index
from web.server import create_server
from web.terminal import render_response


def _write_json_line(data: object) -> None:
    click.echo(json.dumps(data, ensure_ascii=False))


def _warn(message: str) -> None:
    click.echo(f"nianbao: {message}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="nianbao")
@click.option(
    "--setting",
    "settings",
    type=(str, str),
    multiple=True,
    metavar="NAME VALUE",
    help="change a setting of indexer/config.py for this run, e.g. --setting csv_max_rows 50000 (repeatable)",
)
@click.pass_context
def main(context: click.Context, settings: tuple[tuple[str, str], ...]) -> None:
    """nianbao (年报): search Chinese government information-disclosure annual reports."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")
    try:
        context.obj = DEFAULTS.with_text_values(settings)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--setting") from None


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.pass_obj
def parse(settings: Settings, paths: tuple[Path, ...]) -> None:
    """Parse report files (or directories, recursively) into one JSON object per line.

    A file that cannot be parsed prints {"source_path", "error"} instead; the
    command then exits 1 once every other file is done.
    """
    failed = 0
    for path, problem in iter_report_files(paths, settings):
        report, reason = (None, problem) if problem else _parse_file(path, settings)
        if report is None:
            failed += 1
            _write_json_line({"source_path": str(path), "error": reason})
            _warn(f"{path}: {reason}")
            continue
        for warning in report.warnings:
            _warn(f"{path}: warning: {warning}")
        _write_json_line(report.to_json())
    if failed:
        _warn(f"{failed} file(s) could not be parsed")
        sys.exit(1)


def _parse_file(path: Path, settings: Settings) -> tuple[Report | None, str | None]:
    """The report of one file, or None and the reason it could not be parsed."""
    try:
        return load_report(path, settings), None
    except ReportError as error:  # load_report turns every failure, bugs included, into this
        return None, error.reason


def _build(paths: list[Path], index_dir: Path, settings: Settings) -> BuildSummary:
    """Run a build with a progress bar on a terminal; clear messages for what stops it."""
    bar: tqdm | None = None

    def progress(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            bar = tqdm(total=total, unit="file", desc="indexing", file=sys.stderr, disable=not sys.stderr.isatty())
        bar.update(done - bar.n)

    try:
        return build_index(paths, index_dir, settings, progress)
    except IndexLocked as error:
        raise click.ClickException(str(error)) from None
    except KeyboardInterrupt:
        _warn(f"interrupted; the index at {index_dir} is unchanged")
        sys.exit(130)
    except OSError as error:
        raise click.ClickException(f"the build failed ({error}); the index at {index_dir} is unchanged") from None
    finally:
        if bar is not None:
            bar.close()


def _print_build_summary(summary: BuildSummary, index_dir: Path) -> None:
    for path, reason in summary.failed:
        _warn(f"{path}: {reason}")
    for path, warning in summary.warnings:
        _warn(f"{path}: warning: {warning}")
    click.echo(
        f"added {summary.added}, updated {summary.updated}, unchanged {summary.unchanged}, "
        f"removed {summary.removed}, failed {len(summary.failed)}: "
        f"{summary.reports} reports, {summary.sections} sections in {index_dir} ({summary.seconds:.1f} s)"
    )


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--index", "index_dir", type=click.Path(path_type=Path), help=f"index directory [default: setting index_dir, {DEFAULTS.index_dir}]")
@click.pass_obj
def index(settings: Settings, paths: tuple[Path, ...], index_dir: Path | None) -> None:
    """Build or update the search index from report files (default: the bundled corpus).

    Unchanged files are skipped, changed ones re-indexed, and files gone from
    PATHS removed. Exits 1 when any file failed; the others are indexed anyway.
    """
    index_dir = index_dir or settings.index_dir
    summary = _build(list(paths) or [settings.corpus_dir], index_dir, settings)
    _print_build_summary(summary, index_dir)
    if summary.failed:
        sys.exit(1)


def _open_index(index_dir: Path, settings: Settings) -> SearchIndex:
    try:
        return SearchIndex.open(index_dir, settings)
    except IndexOutdated as error:
        raise click.ClickException(str(error)) from None
    except IndexNotFound:
        raise click.ClickException(f"no index at {index_dir}; build one with `nianbao index` (or pass --index)") from None


def _run_batch(engine: SearchIndex, batch: BinaryIO, request: SearchRequest) -> int:
    """Answer one query per line of `batch` as JSON lines, in order; returns how many failed.

    Lines are decoded one by one, so a line that is not UTF-8 is that line's error, not the run's.
    """
    failed = 0
    for number, raw in enumerate(batch, start=1):
        try:
            query = raw.decode("utf-8").rstrip("\r\n")
        except UnicodeDecodeError as error:
            failed += 1
            shown = raw.decode("utf-8", errors="replace").rstrip("\r\n")
            _write_json_line({"query": shown, "error": f"line {number} is not UTF-8 text (byte {error.start})"})
            continue
        try:
            _write_json_line(engine.search(dataclasses.replace(request, query=query)).to_json())
        except QueryError as error:
            failed += 1
            _write_json_line({"query": query, "error": error.message})
    return failed


def _facet_options(command: Callable[..., None]) -> Callable[..., None]:
    """One repeatable option per facet of the catalog (--agency, --region, --kind, …)."""
    for facet in reversed(FACETS):
        command = click.option(f"--{facet.name}", multiple=True, help=f"{facet.help} (repeatable; OR)")(command)
    return command


@main.command()
@click.argument("query", required=False, default="")
@click.option("--index", "index_dir", type=click.Path(path_type=Path), help=f"index directory [default: setting index_dir, {DEFAULTS.index_dir}]")
@_facet_options
@click.option("--sort", type=click.Choice(SORTS), default=SORTS[0], show_default=True)
@click.option("--group", type=click.Choice(GROUPS), default=GROUPS[0], show_default=True,
              help="one result per report (its best section; the others listed) or per section")
@click.option("--template", type=click.Choice(TEMPLATES), default=TEMPLATES[0], show_default=True,
              help="omit: leave out preambles that only template sentences (shared by many reports) match")
@click.option("--page", type=int, default=1, show_default=True)
@click.option("--limit", type=int, help=f"hits per page [default: setting default_page_size, {DEFAULTS.default_page_size}; at most max_page_size]")
@click.option("--json", "as_json", is_flag=True, help="print the result as one JSON object")
@click.option("--batch", type=click.File("rb"), help="read one query per line from FILE ('-' for stdin); prints one JSON object per line")
@click.pass_obj
def search(
    settings: Settings,
    query: str,
    index_dir: Path | None,
    sort: str,
    group: str,
    template: str,
    page: int,
    limit: int | None,
    as_json: bool,
    batch: BinaryIO | None,
    **filters: tuple[str, ...],
) -> None:
    """Search the index. QUERY: words, "exact phrases", OR, -exclusions, and filters such as agency:,
    region:, kind:, level:, year:, section:."""
    limit = settings.default_page_size if limit is None else limit
    request = SearchRequest(query, filters, sort, page, limit, group, template)
    engine = _open_index(index_dir or settings.index_dir, settings)
    if batch is not None:
        if query:
            raise click.UsageError("give either QUERY or --batch FILE, not both")
        if _run_batch(engine, batch, request):
            sys.exit(1)
        return
    try:
        response = engine.search(request)
    except QueryError as error:
        raise click.BadParameter(error.message, param_hint=f"--{error.param}" if error.param != "q" else "QUERY") from None
    if as_json:
        _write_json_line(response.to_json())
    else:
        click.echo(render_response(response, page, limit, color=sys.stdout.isatty(), facet_values_shown=settings.facet_values_shown))


def _listening_urls(server: object) -> list[str]:
    """The http:// address of each socket a waitress server listens on (IPv6 hosts in brackets)."""
    listen = getattr(server, "effective_listen", None) or [(server.effective_host, server.effective_port)]  # type: ignore[attr-defined]
    return [f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/" for host, port in listen]


def _build_for_serving(paths: list[Path], settings: Settings, live: LiveIndex) -> SearchIndex:
    """Build the index `serve` needs from `paths`, and open it; refuses to serve nothing."""
    summary = _build(paths, settings.index_dir, settings)
    _print_build_summary(summary, settings.index_dir)
    if not summary.reports:
        origin = paths[0] if len(paths) == 1 else f"{len(paths)} files"
        raise click.ClickException(f"no reports could be indexed from {origin}; pass --corpus DIR with report files")
    return live.current()


@main.command()
@click.option("--index", "index_dir", type=click.Path(path_type=Path), help=f"index directory [default: setting index_dir, {DEFAULTS.index_dir}]")
@click.option("--corpus", "corpus_dir", type=click.Path(path_type=Path), help=f"report files to build the index from when there is none yet [default: setting corpus_dir, {DEFAULTS.corpus_dir}]")
@click.option("--host", help=f"address to listen on, 0.0.0.0 for every interface [default: setting host, {DEFAULTS.host}]")
@click.option("--port", type=click.IntRange(0, 65535), help=f"port to listen on, 0 for any free port [default: setting port, {DEFAULTS.port}]")
@click.pass_obj
def serve(settings: Settings, index_dir: Path | None, corpus_dir: Path | None, host: str | None, port: int | None) -> None:
    """Serve the web site and HTTP API with waitress.

    When INDEX has no index yet it is built from CORPUS first; one built by
    another version of nianbao is rebuilt from the files it was built from. An index rebuilt
    with `nianbao index` while the server runs is picked up without a restart.
    """
    settings = settings.replace(
        index_dir=index_dir or settings.index_dir,
        corpus_dir=corpus_dir or settings.corpus_dir,
        host=host or settings.host,
        port=settings.port if port is None else port,
    )
    index_dir, corpus_dir = settings.index_dir, settings.corpus_dir
    app = create_app(dataclasses.asdict(settings))
    live = live_index(app)
    try:
        engine = live.current()
    except IndexOutdated as outdated:
        sources = [Path(source) for source in outdated.sources if Path(source).is_file()] or [corpus_dir]
        origin = f"its {len(sources)} report files" if outdated.sources else str(corpus_dir)
        click.echo(f"nianbao: the index at {index_dir} was built by another version of nianbao; rebuilding it from {origin}")
        engine = _build_for_serving(sources, settings, live)
    except IndexNotFound:
        click.echo(f"nianbao: no usable index at {index_dir}; building it from {corpus_dir}")
        engine = _build_for_serving([corpus_dir], settings, live)
    try:
        server = create_server(app)
    except OSError as error:
        raise click.ClickException(f"cannot listen on {settings.host}:{settings.port} ({error.strerror or error}); pass another --port or --host") from None
    urls = ", ".join(_listening_urls(server))
    click.echo(f"nianbao: serving {engine.report_count} reports from {index_dir} at {urls} (Ctrl-C to stop)")
    try:
        server.run()
    finally:
        server.close()
    click.echo("nianbao: stopped")
