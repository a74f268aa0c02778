"""Where a query matches in a text, and the best short passage around the matches.

Matches are found in the matching form and mapped back to the original
characters, so 信息公開 is marked when 信息公开 was searched. Snippets follow
Chinese sentence ends (。！？；) and mark matches with `MARK_START`/`MARK_END`
around plain text; they work on sections of any length.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from indexer.chinese import CLAUSE_ENDS
from indexer.matching import matching_form_with_offsets
from search.api import MARK_END, MARK_START

_SENTENCE_END = re.compile(rf"[{CLAUSE_ENDS}]+|\n+")
_WHITESPACE = re.compile(r"\s+")
_EMPTY_CELLS = re.compile(r"\|(?:[ \t]*\|)+")  # `| | |` or `||||`: the empty cells of a table row
_ELLIPSIS = "…"


def match_spans(needles: list[str], text: str) -> list[tuple[int, int]]:
    """Sorted, merged (start, end) spans of `text` where any needle (in matching form) occurs."""
    needles = [needle for needle in needles if needle]
    if not needles or not text:
        return []
    folded, offsets = matching_form_with_offsets(text)
    spans: list[tuple[int, int]] = []
    for needle in needles:
        start = folded.find(needle)
        while start >= 0:
            spans.append((offsets[start], offsets[start + len(needle) - 1] + 1))
            start = folded.find(needle, start + 1)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, its closing punctuation included."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        bounds.append((start, match.end()))
        start = match.end()
    if start < len(text):
        bounds.append((start, len(text)))
    return bounds


def _best_window(text: str, spans: list[tuple[int, int]], size: int) -> tuple[int, int]:
    """About `size` characters from the sentence with the most distinct matches, on sentence bounds when they fit."""
    sentences = _sentences(text)
    starts = [sentence_start for sentence_start, _ in sentences]
    found: dict[int, list[str]] = {}
    for span_start, span_end in spans:
        found.setdefault(bisect_right(starts, span_start) - 1, []).append(text[span_start:span_end])
    index = max(found, key=lambda i: (len(set(found[i])), len(found[i]), -i))
    start, end = sentences[index]
    if end - start > size:
        first = next(span_start for span_start, span_end in spans if span_end > start)
        start = max(start, min(first - size // 4, end - size))
        return start, start + size
    while index + 1 < len(sentences) and end - start < size:
        index += 1
        end = min(sentences[index][1], start + size)
    return start, end


def make_snippet(needles: list[str], text: str, size: int) -> str:
    """A passage of about `size` characters around the best matches, matches marked.

    Runs of empty table cells are shown as one separator, so a row's figures fill the passage.
    """
    text = _EMPTY_CELLS.sub("|", text)
    if not text:
        return ""
    spans = match_spans(needles, text)
    start, end = _best_window(text, spans, size) if spans else (0, min(len(text), size))
    pieces = [_ELLIPSIS] if start > 0 else []
    cursor = start
    for span_start, span_end in spans:
        if span_end <= start or span_start >= end:
            continue
        span_start, span_end = max(span_start, start), min(span_end, end)
        pieces += [text[cursor:span_start], MARK_START, text[span_start:span_end], MARK_END]
        cursor = span_end
    pieces.append(text[cursor:end])
    if end < len(text):
        pieces.append(_ELLIPSIS)
    return _WHITESPACE.sub(" ", "".join(pieces)).strip()
