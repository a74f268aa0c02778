"""A report file format: which files it reads and how their bytes become a `Page`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from indexer.config import Settings
from indexer.page import Page

PageReader = Callable[[Path, bytes, Settings], Page]

_SPACE_BETWEEN_HAN = re.compile(r"(?<=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef])[ \t\xa0]+(?=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef])")
_HEADING_NUMERAL = re.compile(r"\s*[一二三四五六七八九十]{1,3}[ \t\xa0\u3000]+")
_HAN_LINE_BREAK = re.compile(r"(?<=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef])\n+(?=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef])")


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


def without_spaces_between_han(line: str) -> str:
    """Spaces a layout put between Chinese characters (justified lines, letter-spaced headings) taken out;
    the space after a heading's numeral (`一 概述`) stays, so the heading is still seen as numbered."""
    numeral = _HEADING_NUMERAL.match(line)
    start = numeral.end() if numeral else 0
    return line[:start] + _SPACE_BETWEEN_HAN.sub("", line[start:])
