"""The query language: terms, "exact phrases", OR, NOT/-, and inline filters.

    低保 "信息公开"            both must occur
    行政复议 OR 行政诉讼       either
    -收费  /  NOT 收费          must not occur
    agency:天水市民政局 year:2018-2020 section:problems

Every term and phrase becomes strings that must occur in a section's matching
form: a quoted phrase is one such string; an unquoted term is segmented by
jieba and each of its words must occur (the whole term verbatim only ranks
higher). Nothing here raises on odd input except a clear `QueryError`:
unbalanced quotes close at the end, dangling operators are ignored, control
characters are spaces.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from indexer.config import DEFAULTS, Settings
from indexer.matching import matching_form
from indexer.report import SECTION_LABELS, SECTION_TYPES
from search.analysis import ranked_words, segment
from search.api import QueryError

_QUOTES = {'"': '"', "\u201c": "\u201d", "\u201d": "\u201d", "\uff02": "\uff02", "\u300c": "\u300d"}
_FILTERS = ("agency", "year", "section")
_YEAR_RANGE = re.compile(r"^\s*(\d{4})\s*(?:[-–—~～至到]\s*(\d{4}))?\s*$")
_MIN_YEAR, _MAX_YEAR = 1949, 2100
_SECTION_NAMES: dict[str, str] = {
    **{matching_form(name): name for name in SECTION_TYPES},
    **{matching_form(label): name for name, label in SECTION_LABELS.items()},
    **{
        matching_form(alias): name
        for alias, name in {
            "概述": "overview",
            "基本情况": "overview",
            "主动公开政府信息情况": "proactive",
            "依申请": "requests",
            "收到和处理政府信息公开申请情况": "requests",
            "行政复议": "review_litigation",
            "行政诉讼": "review_litigation",
            "收费": "fees",
            "收费及减免": "fees",
            "存在的主要问题及改进情况": "problems",
            "问题": "problems",
            "其他需要报告的事项": "other_matters",
        }.items()
    },
}


@dataclass(frozen=True)
class Item:
    """One term or phrase: `needles` must all occur in a section (or none of them, if negated)."""

    text: str
    needles: tuple[str, ...]
    whole: str
    phrase: bool
    negated: bool = False

    @property
    def ranking_words(self) -> list[str]:
        """The jieba words BM25 ranks this item by."""
        return ranked_words(self.whole)


@dataclass
class ParsedQuery:
    """Clauses AND together; the items of a clause OR together. Filters as given inline."""

    clauses: list[list[Item]] = field(default_factory=list)
    agencies: list[str] = field(default_factory=list)
    years: list[tuple[int, int]] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)

    @property
    def positive_items(self) -> list[Item]:
        return [item for clause in self.clauses for item in clause if not item.negated]

    def highlight_needles(self) -> list[str]:
        """Strings to mark in a matching section: whole terms, phrases, and their words of two
        characters or more (a lone 的 of a longer term would light up every sentence)."""
        needles: dict[str, None] = {}
        for item in self.positive_items:
            needles[item.whole] = None
            needles.update(dict.fromkeys(needle for needle in item.needles if len(needle) > 1))
        return list(needles)


def parse_year(value: str, param: str = "year") -> tuple[int, int]:
    """A year ("2019") or an inclusive range ("2018-2020") as (first, last)."""
    match = _YEAR_RANGE.match(value)
    if not match:
        raise QueryError(f"year: expected a year like 2019 or a range like 2018-2020, got {value!r}", param)
    first = int(match.group(1))
    last = int(match.group(2) or first)
    first, last = min(first, last), max(first, last)
    if first < _MIN_YEAR or last > _MAX_YEAR:
        raise QueryError(f"year: expected years between {_MIN_YEAR} and {_MAX_YEAR}, got {value!r}", param)
    return first, last


def resolve_section(value: str, param: str = "section") -> str:
    """The canonical section type for a type name, its Chinese label or a common heading word."""
    name = _SECTION_NAMES.get(matching_form(value))
    if name is None:
        choices = ", ".join(f"{name} ({SECTION_LABELS[name]})" for name in SECTION_TYPES)
        raise QueryError(f"section: unknown section type {value!r}; use one of: {choices}", param)
    return name


def _clean(query: str) -> str:
    return "".join(" " if unicodedata.category(char) in ("Cc", "Cf", "Co", "Cs") else char for char in query)


def _read_quoted(query: str, start: int) -> tuple[str, int]:
    """The text of a quoted string opening at `start`, and the index after it (unbalanced: to the end)."""
    closing = _QUOTES[query[start]]
    end = start + 1
    while end < len(query) and query[end] != closing and not (closing != '"' and query[end] == '"'):
        end += 1
    return query[start + 1 : end], end + 1


def _tokens(query: str) -> list[tuple[str, str, bool]]:
    """Split into (kind, text, negated) tokens; kind is term, phrase, op, or a filter name."""
    tokens: list[tuple[str, str, bool]] = []
    position = 0
    while position < len(query):
        char = query[position]
        if char.isspace():
            position += 1
            continue
        negated = char == "-" and position + 1 < len(query) and not query[position + 1].isspace()
        if negated:
            position += 1
            char = query[position]
        if char in _QUOTES:
            text, position = _read_quoted(query, position)
            tokens.append(("phrase", text, negated))
            continue
        end = position
        while end < len(query) and not query[end].isspace() and query[end] not in _QUOTES:
            end += 1
        word = query[position:end]
        name, colon, value = word.partition(":")
        if colon and name.lower() in _FILTERS and not negated:
            if not value and end < len(query) and query[end] in _QUOTES:
                value, end = _read_quoted(query, end)
            tokens.append((name.lower(), value, False))
        elif word in ("OR", "AND", "NOT", "|") and not negated:
            tokens.append(("op", "OR" if word == "|" else word, False))
        elif word != "-":
            tokens.append(("term", word, negated))
        position = end
    return tokens


def _item(kind: str, text: str, negated: bool) -> Item | None:
    whole = matching_form(text)
    if not whole:
        return None
    if kind == "phrase":
        return Item(text, (whole,), whole, True, negated)
    words = tuple(dict.fromkeys(segment(whole))) or (whole,)
    return Item(text, words, whole, False, negated)


def parse_query(query: str, settings: Settings = DEFAULTS) -> ParsedQuery:
    """Parse a query string; raises QueryError for what cannot be answered."""
    if len(query) > settings.max_query_chars:
        raise QueryError(f"the query is {len(query)} characters long; the limit is {settings.max_query_chars}")
    parsed = ParsedQuery()
    pending_or = pending_not = False
    items = 0
    for kind, text, negated in _tokens(_clean(query)):
        if kind == "agency":
            if text.strip():
                parsed.agencies.append(text.strip())
        elif kind == "year":
            parsed.years.append(parse_year(text, "q"))
        elif kind == "section":
            parsed.sections.append(resolve_section(text, "q"))
        elif kind == "op":
            pending_or = text == "OR" and bool(parsed.clauses)
            pending_not = text == "NOT"
        else:
            item = _item(kind, text, negated or pending_not)
            pending_not = False
            if item is None:
                continue
            items += 1
            if items > settings.max_query_terms:
                raise QueryError(f"the query has more than {settings.max_query_terms} terms; search for fewer at once")
            if pending_or:
                parsed.clauses[-1].append(item)
            else:
                parsed.clauses.append([item])
            pending_or = False
    return parsed
