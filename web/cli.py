"""The `nianbao` command line: parse, index, search and serve.

Each command is a thin shell over the package that does the work; errors a
user can fix are printed as one clear line, never as a traceback.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from indexer import ReportError, iter_report_files, load_report


def _write_json_line(data: object) -> None:
    click.echo(json.dumps(data, ensure_ascii=False))


def _warn(message: str) -> None:
    click.echo(f"nianbao: {message}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="nianbao")
def main() -> None:
    """nianbao (年报): search Chinese government information-disclosure annual reports."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
def parse(paths: tuple[Path, ...]) -> None:
    """Parse report files (or directories, recursively) into one JSON object per line.

    A file that cannot be parsed prints {"source_path", "error"} instead; the
    command then exits 1 once every other file is done.
    """
    failed = 0
    for path, problem in iter_report_files(paths):
        if problem is not None:
            failed += 1
            _write_json_line({"source_path": str(path), "error": problem})
            _warn(f"{path}: {problem}")
            continue
        try:
            report = load_report(path)
        except ReportError as error:
            failed += 1
            _write_json_line({"source_path": str(path), "error": error.reason})
            _warn(f"{path}: {error.reason}")
            continue
        except Exception as error:  # a parser bug must not stop the other files
            failed += 1
            reason = f"internal error while parsing: {type(error).__name__}: {error}"
            _write_json_line({"source_path": str(path), "error": reason})
            _warn(f"{path}: {reason}")
            continue
        for warning in report.warnings:
            _warn(f"{path}: warning: {warning}")
        _write_json_line(report.to_json())
    if failed:
        _warn(f"{failed} file(s) could not be parsed")
        sys.exit(1)
