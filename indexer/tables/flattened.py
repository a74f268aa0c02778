"""Template tables that reached the text without cells: rows flattened to label-plus-figures lines.

A copy of a report can render a T3 row as `一、本年新收政府信息公开申请数量640020470`
(seven cells glued together) or with figures apart by spaces that no longer line
up. Such lines are recognised so the table is refused with that reason instead
of being reported missing; their figures are never split.
"""

from __future__ import annotations

import re

from indexer.tables.template import V2019, V2021, label_form, match_t2_row, match_t3_label

_ROW = re.compile(r"^(?P<label>.*[\u3400-\u9fff）)”\"])[\s:：]*(?P<figures>[\d.,+\-/—–\s]*\d[\d.,+\-/—–\s]*)$")
_FIGURES_ONLY = re.compile(r"^[\d.,+\-/—–\s]*\d[\d.,+\-/—–\s]*$")
_T3_LINES_MIN = 3
_T2_LINES_MIN = 2
_T2_LABEL_MAX = 12
_T4_HEADER = ("结果维持", "尚未审结")


def _why(line: str, figures: str) -> str:
    shape = "figures apart by spaces that no longer line up" if len(figures.split()) > 1 else "figures run together"
    return f"the table is flattened into text ({shape}), e.g. {line.strip()!r}; its cells cannot be told apart"


def flattened_t3(paragraphs: list[str]) -> str | None:
    """Why T3 cannot be read when its rows are paragraphs, or None when they are not."""
    keys: dict[str, tuple[str, str]] = {}
    for line in paragraphs:
        match = _ROW.match(line.strip())
        if match and (key := match_t3_label(label_form(match.group("label")), None)):
            keys.setdefault(key, (line, match.group("figures")))
    return _why(*next(iter(keys.values()))) if len(keys) >= _T3_LINES_MIN else None


def flattened_t2(paragraphs: list[str]) -> str | None:
    """Why T2 cannot be read when its rows are paragraphs, or None when they are not."""
    keys: dict[str, tuple[str, str]] = {}
    for line in paragraphs:
        match = _ROW.match(line.strip())
        if match:
            form = label_form(match.group("label"))
            row = match_t2_row(form, V2021) or match_t2_row(form, V2019)
            if row and len(form) <= _T2_LABEL_MAX:
                keys.setdefault(row.key, (line, match.group("figures")))
    return _why(*next(iter(keys.values()))) if len(keys) >= _T2_LINES_MIN else None


def flattened_t4(paragraphs: list[str]) -> str | None:
    """Why T4 cannot be read when its header and figures are paragraphs, or None when they are not."""
    for position, line in enumerate(paragraphs):
        form = label_form(line)
        if all(word in form for word in _T4_HEADER):
            figures = next((text for text in paragraphs[position + 1 : position + 4] if _FIGURES_ONLY.match(text.strip())), None)
            if figures:
                return _why(figures, figures)
    return None
