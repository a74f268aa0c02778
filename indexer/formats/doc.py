"""Word 97–2003 (.doc) through Debian's `antiword`, which writes the document as UTF-8 text.

antiword leaves out headers and footers, writes each paragraph on one line
(`-w 0`) and tables as `|`-separated rows, which become ` | ` rows for the text
pipeline to rebuild into tables. Merged cells are lost (antiword may write a
table with merged cells as one line), so such tables are refused, not guessed.
Pictures it marks `[pic]` are dropped.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from indexer.config import Settings
from indexer.errors import ReportError
from indexer.page import Page
from indexer.text_clean import normalize_characters

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_PICTURE_MARKS = frozenset({"[pic]", "[img]"})
INSTALL_HINT = "reading .doc files needs antiword (Debian: apt-get install antiword)"


def is_ole_document(data: bytes) -> bool:
    """True for an OLE compound file: a Word 97–2003 document (or an Excel/PowerPoint one, which antiword refuses)."""
    return data.startswith(OLE_SIGNATURE)


def _antiword_lines(path: Path, data: bytes, settings: Settings) -> list[str]:
    program = shutil.which("antiword")
    if program is None:
        raise ReportError(path, INSTALL_HINT)
    with tempfile.NamedTemporaryFile(suffix=".doc") as copy:
        copy.write(data)
        copy.flush()
        try:
            done = subprocess.run(
                [program, "-m", "UTF-8.txt", "-w", "0", copy.name],
                capture_output=True,
                timeout=settings.converter_timeout_seconds,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise ReportError(path, f"antiword took over {settings.converter_timeout_seconds} s (setting converter_timeout_seconds)") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = message[-1].replace(copy.name, path.name) if message else f"exit status {done.returncode}"
        raise ReportError(path, f"not a readable Word 97–2003 document (.doc): antiword: {reason}")
    return normalize_characters(done.stdout.decode("utf-8", "replace")).split("\n")


def _pipe_row(line: str) -> str:
    """antiword's table row `|规章     |0      |` as the ` | ` row the text pipeline reads (`规章 | 0`)."""
    if len(line) < 2 or not (line.startswith("|") and line.endswith("|")):
        return line
    return " | ".join(cell.strip() for cell in line[1:-1].split("|"))


def _table_and_paragraph(line: str) -> list[str]:
    """A table antiword wrote on one line (cells ending in ` |`) with the next paragraph run onto its end,
    as the table and that paragraph (`…|0 | |四、行政复议情况` → `…|0 | |`, `四、行政复议情况`)."""
    if " |" not in line or line.startswith("|"):
        return [line]
    table, _, paragraph = line.rpartition("|")
    return [f"{table}|", paragraph.strip()] if paragraph.strip() and table.count(" |") >= 2 else [line]


def read_doc(path: Path, data: bytes, settings: Settings) -> Page:
    """A .doc file's text, one paragraph per line, tables as `|` rows."""
    lines = [
        _pipe_row(piece)
        for line in _antiword_lines(path, data, settings)
        if line.strip() not in _PICTURE_MARKS
        for piece in _table_and_paragraph(line.rstrip())
    ]
    if not any(line.strip() for line in lines):
        raise ReportError(path, "the Word document holds no text")
    return Page(lines=lines)
