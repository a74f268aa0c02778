"""Word 97–2003 (.doc) through Debian's `antiword`, which writes the document as UTF-8 text.

antiword leaves out headers and footers, writes each paragraph on one line
(`-w 0`) and tables as `|`-separated rows, which the text pipeline rebuilds
into tables (the merged cells are lost: such tables are read as ` | ` rows).
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


def read_doc(path: Path, data: bytes, settings: Settings) -> Page:
    """A .doc file's text, one paragraph per line, tables as `|` rows."""
    lines = [line.rstrip() for line in _antiword_lines(path, data, settings) if line.strip() not in _PICTURE_MARKS]
    if not any(line.strip() for line in lines):
        raise ReportError(path, "the Word document holds no text")
    return Page(lines=lines)
