"""The query language of the search issue, parsed for the SQLite peer.

Space-separated terms all match; `OR` between two terms makes them
alternatives; `-term` or `NOT term` excludes; `"..."` is an exact phrase; an
unquoted term is segmented into words that must each occur; `NAME:value`
for a facet NAME (agency, region, kind, level, year, section) is a filter. Every needle is in the matching form, so
a section matches a term when each of the term's needles is a substring of the
section's matching-form text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from indexer.matching import matching_form
from indexer.report import SECTION_LABELS

Segmenter = Callable[[str], list[str]]

FILTERS = ("agency", "region", "kind", "level", "year", "section")
_TOKEN = re.compile(r'-?(?:[A-Za-z]+:)?"[^"]*"?|\S+')
_FILTER = re.compile(rf"^({'|'.join(FILTERS)}):(.+)$", re.IGNORECASE)
_SECTION_BY_LABEL = {label: section for section, label in SECTION_LABELS.items()}
_LEVEL_BY_LABEL = {"国家级": "national", "省级": "province", "市级": "city", "县级": "county", "乡镇级": "township"}


@dataclass(frozen=True)
class Term:
    """A query term as written and the matching-form needles a section must all contain."""

    written: str
    needles: tuple[str, ...]


@dataclass
class Clause:
    """Alternatives (OR) of which at least one must match; a negated clause must not match."""

    alternatives: list[Term]
    negated: bool = False


@dataclass
class ParsedQuery:
    clauses: list[Clause] = field(default_factory=list)
    filters: dict[str, list[str]] = field(default_factory=dict)

    @property
    def positive(self) -> list[Clause]:
        return [clause for clause in self.clauses if not clause.negated]

    @property
    def negative(self) -> list[Clause]:
        return [clause for clause in self.clauses if clause.negated]


def _unquote(text: str) -> tuple[str, bool]:
    if text.startswith('"'):
        return text[1:-1] if text.endswith('"') and len(text) > 1 else text[1:], True
    return text, False


def make_term(written: str, quoted: bool, segment: Segmenter) -> Term | None:
    """A phrase is one needle; a word is its segments (in matching form, punctuation dropped), or itself
    when it has no word in it. None when nothing is left after folding."""
    folded = matching_form(written)
    if not folded:
        return None
    if quoted:
        return Term(written, (folded,))
    words = tuple(dict.fromkeys(word for word in segment(folded) if any(char.isalnum() for char in word)))
    return Term(written, words or (folded,))


def section_type(value: str) -> str:
    """A canonical section type from a type or its Chinese label (问题与改进 → problems)."""
    return _SECTION_BY_LABEL.get(value, value)


def level_name(value: str) -> str:
    """A canonical level from a level or its Chinese label (县级 → county)."""
    return _LEVEL_BY_LABEL.get(value, value)


def parse_query(text: str, segment: Segmenter) -> ParsedQuery:
    """Parse `text` into AND-ed clauses of OR-ed terms plus inline filters."""
    parsed = ParsedQuery()
    negate_next = join_next = False
    for token in _TOKEN.findall(text):
        if token == "OR":
            join_next = bool(parsed.clauses)
            continue
        if token == "NOT":
            negate_next = True
            continue
        negated = negate_next
        negate_next = False
        if token.startswith("-") and len(token) > 1:
            negated, token = True, token[1:]
        filter_match = _FILTER.match(token)
        if filter_match and not negated:
            value = _unquote(filter_match.group(2))[0]
            parsed.filters.setdefault(filter_match.group(1).lower(), []).append(value)
            join_next = False
            continue
        term = make_term(*_unquote(token), segment)
        if term is None:
            continue
        previous = parsed.clauses[-1] if parsed.clauses else None
        if join_next and previous is not None and not previous.negated and not negated:
            previous.alternatives.append(term)
        else:
            parsed.clauses.append(Clause([term], negated))
        join_next = False
    return parsed


def year_range(value: str) -> tuple[int, int]:
    """`2019` → (2019, 2019); `2018-2020` → (2018, 2020)."""
    first, _, last = value.partition("-")
    return int(first), int(last or first)
