"""The query language: terms, "exact phrases", OR, NOT/-, and inline filters.

    低保 "信息公开"            both must occur
    行政复议 OR 行政诉讼       either
    -收费  /  NOT 收费          must not occur
    agency:天水市民政局 year:2018-2020 section:problems region:330000 kind:民政 level:county

A filter is written `NAME:value` (or `NAME:"value with spaces"`) for any
facet of `search.catalog`; its value is checked here and resolved against the
index by the engine.

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
from search.analysis import ranked_words, segment
from search.api import QueryError
from search.catalog import FACET_NAMES, facet

_QUOTES = {'"': '"', "\u201c": "\u201d", "\u201d": "\u201d", "\uff02": "\uff02", "\u300c": "\u300d"}


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
    """Clauses AND together; the items of a clause OR together. Filter values by facet name, as given inline."""

    clauses: list[list[Item]] = field(default_factory=list)
    filters: dict[str, list[str]] = field(default_factory=dict)

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
        if colon and name.lower() in FACET_NAMES and not negated:
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
        if kind in FACET_NAMES:
            if text.strip():
                parsed.filters.setdefault(kind, []).append(facet(kind).check(text, "q"))
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
