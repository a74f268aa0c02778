"""Text forms the review checks compare: compact wording, prose lines without table rows, years in digits.

`Section.text` holds tables as lines of cells joined by " | "; the checks that read
what a report *says* look at its other lines, and compare wording in a compact form
(simplified, half-width, no spaces or punctuation) so that `本年新\\n制作数量` and
`（九）` / `(九)` read alike.
"""

from __future__ import annotations

import re

from indexer.chinese import ARABIC_DIGITS, CHINESE_YEAR
from indexer.matching import matching_form, plain_form

_NOT_WORD = re.compile(r"[^\w]|_")
_CHINESE_YEAR = re.compile(rf"{CHINESE_YEAR}(?=\s*年)")


def compact_form(text: str) -> str:
    """`text` simplified and half-width, without whitespace or punctuation (letters, digits and Han kept)."""
    return _NOT_WORD.sub("", matching_form(text))


def is_table_row(line: str) -> bool:
    """Whether a line of `Section.text` is a table row (cells joined by `|`)."""
    return "|" in line


def prose_lines(text: str) -> list[str]:
    """The lines of a section's text that are not table rows, blank ones left out."""
    return [line for line in text.splitlines() if line.strip() and not is_table_row(line)]


def prose(text: str) -> str:
    """A section's text without its table rows."""
    return "\n".join(prose_lines(text))


def digit_years(text: str) -> str:
    """`text` in simplified, half-width form with years in Chinese numerals (二〇一九年) written in digits.

    One character for one character, so offsets stay those of `text`.
    """
    plain = plain_form(text)
    return _CHINESE_YEAR.sub(lambda match: match.group(0).translate(ARABIC_DIGITS), plain)
