"""A report file format: which files it reads and how their bytes become a `Page`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from indexer.chinese import HAN
from indexer.config import Settings
from indexer.page import Page

PageReader = Callable[[Path, bytes, Settings], Page]

_HAN_LINE_BREAK = re.compile(rf"(?<=[\u3000-\u303f{HAN}\uff00-\uffef])\n+(?=[\u3000-\u303f{HAN}\uff00-\uffef])")


@dataclass(frozen=True)
class Loader:
    """One format: its name, the suffixes it owns, how to recognise its bytes whatever the suffix, and its reader.

    `read` raises `ReportError` for a file it cannot read. A `binary` format's
    text view is what `read` extracted; a text format's is the decoded file.
    """

    name: str
    suffixes: frozenset[str]
    read: PageReader
    binary: bool = False
    recognises: Callable[[bytes], bool] | None = None


def cell_text(text: str) -> str:
    """A table cell's text on one line: lines joined (without a space between Han characters), `|` made full-width."""
    text = _HAN_LINE_BREAK.sub("", text.strip())
    return " ".join(text.split()).replace("|", "｜")
