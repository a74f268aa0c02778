"""Template tables that reached the text without cells: rows flattened to label-plus-figures lines.

A copy of a report can render a T3 row as `一、本年新收政府信息公开申请数量640020470`
(seven cells glued together) or with figures apart by spaces that no longer line
up. Such lines are recognised so the table is refused with that reason instead
of being reported missing; their figures are never split.
"""

from __future__ import annotations

import re
from typing import Callable

from indexer.chinese import HAN, SENTENCE_PUNCTUATION
from indexer.tables.template import V2019, V2021, label_form, match_t2_row, match_t3_label

_ROW = re.compile(rf"^(?P<label>.*[{HAN}）)”\"])[\s:：]*(?P<figures>[\d.,+\-/—–\s]*\d[\d.,+\-/—–\s]*)$")
_FIGURES_ONLY = re.compile(r"^[\d.,+\-/—–\s]*\d[\d.,+\-/—–\s]*$")
_T3_LINES_MIN = 3
_T2_LINES_MIN = 2
_T2_LABEL_MAX = 12
_T4_HEADER = ("结果维持", "尚未审结")
# Words one of whose forms (simplified or traditional) a flattened table must contain somewhere: a cheap first test.
_T3_HINTS = ("新收",)
_T2_HINTS = ("第二十条", "第二十條")
_T4_HINTS = ("维持", "維持")
_LABEL_LINE_MAX = 60
_SENTENCE = re.compile(rf"[{SENTENCE_PUNCTUATION}]")


def _why(line: str, figures: str) -> str:
    if not figures.strip():
        shape = "rows as lines of text without cells or figures"
    elif len(figures.split()) > 1:
        shape = "figures apart by spaces that no longer line up"
    else:
        shape = "figures run together"
    return f"the table is flattened into text ({shape}), e.g. {line.strip()!r}; its cells cannot be told apart"


def _split_row(line: str) -> tuple[str, str] | None:
    """A line as (label, figures): a label followed by figures only, or a short label standing alone."""
    text = line.strip()
    match = _ROW.match(text)
    if match:
        return match.group("label"), match.group("figures")
    if len(text) <= _LABEL_LINE_MAX and not _SENTENCE.search(text):
        return text, ""
    return None


def _first_with_figures(found: dict[str, tuple[str, str]]) -> tuple[str, str]:
    return next((item for item in found.values() if item[1].strip()), next(iter(found.values())))


def _hinted(paragraphs: list[str], hints: tuple[str, ...]) -> bool:
    text = "\n".join(paragraphs)
    return any(hint in text for hint in hints)


def _flattened(paragraphs: list[str], hints: tuple[str, ...], key_of: Callable[[str], str | None], minimum: int) -> str | None:
    """Why a table cannot be read when at least `minimum` of its rows (found by `key_of` a label form) are paragraphs."""
    if not _hinted(paragraphs, hints):
        return None
    keys: dict[str, tuple[str, str]] = {}
    for line in paragraphs:
        row = _split_row(line)
        if row and (key := key_of(label_form(row[0]))):
            keys.setdefault(key, (line, row[1]))
    return _why(*_first_with_figures(keys)) if len(keys) >= minimum else None


def _t2_key(form: str) -> str | None:
    row = match_t2_row(form, V2021) or match_t2_row(form, V2019)
    return row.key if row and len(form) <= _T2_LABEL_MAX else None


def flattened_t3(paragraphs: list[str]) -> str | None:
    """Why T3 cannot be read when its rows are paragraphs, or None when they are not."""
    return _flattened(paragraphs, _T3_HINTS, lambda form: match_t3_label(form, None), _T3_LINES_MIN)


def flattened_t2(paragraphs: list[str]) -> str | None:
    """Why T2 cannot be read when its rows are paragraphs, or None when they are not."""
    return _flattened(paragraphs, _T2_HINTS, _t2_key, _T2_LINES_MIN)


def flattened_t4(paragraphs: list[str]) -> str | None:
    """Why T4 cannot be read when its header and figures are paragraphs, or None when they are not."""
    if not _hinted(paragraphs, _T4_HINTS):
        return None
    for position, line in enumerate(paragraphs):
        form = label_form(line)
        if all(word in form for word in _T4_HEADER):
            figures = next((text for text in paragraphs[position + 1 : position + 4] if _FIGURES_ONLY.match(text.strip())), None)
            if figures:
                return _why(figures, figures)
    return None
