"""Score `nianbao parse` on the labelled dev pages as text, and the same pages as Word and PDF files.

Run: .venv/bin/python tests/bench/score_formats.py [--set DIR] [--scorer PATH]

Each page's text is written as a .docx (python-docx: tables as Word tables) and as a .pdf (reportlab,
STSong-Light, wrapped paragraphs, page numbers in the footer), as a new user would get them, and the
shared scorer (`score_parse.py`) is run on each: it calls this script back as its `nianbao`, which
converts the pages it is given, parses the documents with the real `nianbao parse` and names each
result after the page it came from. Prints the scorer's line for text, .docx and .pdf.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from format_fixtures import report_blocks, write_docx, write_pdf  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
NIANBAO = Path(sys.executable).parent / "nianbao"
WRITERS = {"docx": lambda blocks, path: write_docx(blocks, path, header=None), "pdf": lambda blocks, path: write_pdf(blocks, path, header=None)}


def parse_as(kind: str, directory: Path) -> int:
    """`nianbao parse DIRECTORY` with every page of it converted to `kind` first; results named after the pages."""
    with tempfile.TemporaryDirectory(prefix=f"nb-{kind}-") as converted:
        names = {}
        for page in sorted(directory.glob("*.txt")):
            document = WRITERS[kind](report_blocks(page.read_text(encoding="utf-8")), Path(converted) / f"{page.stem}.{kind}")
            names[document.name] = page.name
        run = subprocess.run([str(NIANBAO), "parse", converted], capture_output=True, text=True)
        for line in run.stdout.splitlines():
            report = json.loads(line)
            report["source_path"] = names.get(Path(report["source_path"]).name, report["source_path"])
            print(json.dumps(report, ensure_ascii=False))
        sys.stderr.write(run.stderr)
        return run.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", default=str(ROOT.parent / "shared" / "corpus" / "dev"))
    parser.add_argument("--scorer", default=str(ROOT.parent / "shared" / "eval" / "score_parse.py"))
    parser.add_argument("--as", dest="kind", choices=sorted(WRITERS), help=argparse.SUPPRESS)
    parser.add_argument("command", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.kind:  # called back by the scorer as `nianbao parse DIR`
        sys.exit(parse_as(args.kind, Path(args.command[-1])))
    for kind in ("text", *WRITERS):
        command = str(NIANBAO) if kind == "text" else f"{sys.executable} {Path(__file__).resolve()} --as {kind}"
        run = subprocess.run([sys.executable, args.scorer, "--set", args.set, "--nianbao", command], capture_output=True, text=True)
        print(f"{kind:5} {run.stdout.strip() or run.stderr.strip()[-300:]}")


if __name__ == "__main__":
    main()
