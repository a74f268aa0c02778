"""Template sentences of preambles: the sentences many reports share, measured when an index is built.

A report's preamble (前言) mostly repeats the national template — 本报告根据
《条例》…编制, 全文包括总体情况、主动公开…, 本报告中所列数据的统计期限自…起至…止 —
with the body's name and the year filled in. A search for 总体情况 or 依申请公开
finds those sentences in nearly every preamble, which tells a researcher
nothing. So the build counts, over the matching forms of all preamble
sentences, in how many reports each occurs once digits and the report's own
names (its agency and places) are blanked out; a sentence shared by at least
`template_sentence_reports` reports is a template sentence. For each preamble
holding one, the rest of its text (its own sentences) is kept beside the
index, and a search asked to omit template sentences (`template="omit"`)
drops the preambles whose own sentences do not match. Nothing is a fixed
list: a corpus of another template finds its own sentences.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import cached_property
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

import numpy as np

from indexer.chinese import CLAUSE_ENDS
from indexer.matching import matching_form
from search.catalog import facet
from search.columns import Columns
from search.facet_kinds import PATH_SEPARATOR
from search.query import ParsedQuery

TEMPLATE_FILE = "template_sentences.json"
PREAMBLE = "preamble"
_SENTENCE = re.compile(rf"[^{CLAUSE_ENDS}]+[{CLAUSE_ENDS}]*")  # line breaks do not end one: the matching form has none
_DIGITS = re.compile(r"\d+")
_BLANK = "〇"


def sentences(text: str) -> list[str]:
    """The sentences of a text, each with its closing punctuation."""
    return [sentence for sentence in _SENTENCE.findall(text) if sentence.strip()]


def report_names(agency: str | None, places: Iterable[str]) -> list[str]:
    """The matching forms of a report's own names (agency, places), longest first, for blanking out."""
    names = {matching_form(name) for name in (agency, *places) if name}
    return sorted((name for name in names if len(name) > 1), key=len, reverse=True)


def _place_names(paths: Iterable[str]) -> list[str]:
    return [path.rpartition(PATH_SEPARATOR)[2] for path in paths]


def names_of_report(metadata: Mapping[str, Any]) -> list[str]:
    """`report_names` of a report's metadata (`Report.to_json`), as the build took them from the facets."""
    return report_names(metadata.get("agency"), _place_names(facet("region").read(metadata)))


def pattern(sentence: str, names: list[str]) -> str:
    """A sentence as compared across reports: matching form, digits and the report's names blanked."""
    folded = matching_form(sentence)
    for name in names:
        folded = folded.replace(name, _BLANK)
    return _DIGITS.sub("#", folded)


def _names_by_report(columns: Columns) -> list[list[str]]:
    agencies, places = columns.facets["agency"], columns.facets["region"]
    names = []
    for report in range(len(columns.report_ids)):
        agency = [agencies.names[i] for i in agencies.ids[report] if i >= 0]
        paths = [places.names[i] for i in places.ids[report] if i >= 0]
        names.append(report_names(agency[0] if agency else None, _place_names(paths)))
    return names


def save(directory: Path, columns: Columns, text_of: Callable[[int], str], min_reports: int) -> None:
    """Count preamble sentences across reports and keep the template ones and each preamble's own text.

    `text_of(docnum)` is the matching form of a section of the generation (only preambles are read).
    """
    sections = columns.facets["section"]
    preamble = sections.position.get(PREAMBLE, -1)
    docnums = np.flatnonzero(columns.live & (sections.ids[:, 0] == preamble)).tolist() if preamble >= 0 else []
    names = _names_by_report(columns)
    patterns = {docnum: [pattern(s, names[int(columns.report[docnum])]) for s in sentences(text_of(docnum))] for docnum in docnums}
    shared: Counter[str] = Counter()
    for docnum in docnums:
        shared.update(set(patterns[docnum]))
    template = {found for found, reports in shared.items() if reports >= min_reports}
    own = {
        str(docnum): "".join(s for s, p in zip(sentences(text_of(docnum)), patterns[docnum]) if p not in template)
        for docnum in docnums
        if template.intersection(patterns[docnum])
    }
    data = {"min_reports": min_reports, "sentences": sorted(template), "own": own}
    (directory / TEMPLATE_FILE).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


class TemplateSentences:
    """The template sentences of one index generation, read when first needed."""

    def __init__(self, generation: Path, section_count: int) -> None:
        self._path = generation / TEMPLATE_FILE
        self._section_count = section_count

    @cached_property
    def _data(self) -> Mapping[str, Any]:
        try:
            return json.loads(self._path.read_text(encoding="utf-8"))
        except FileNotFoundError:  # a generation built before template sentences were measured
            return {"sentences": [], "own": {}}

    @cached_property
    def _own(self) -> dict[int, str]:
        return {int(docnum): text for docnum, text in self._data["own"].items()}

    @cached_property
    def _holding(self) -> np.ndarray:
        """Bool per docnum: a preamble holding template sentences."""
        holding = np.zeros(self._section_count, dtype=bool)
        holding[list(self._own)] = True
        return holding

    @cached_property
    def patterns(self) -> frozenset[str]:
        return frozenset(self._data["sentences"])

    def holds_template(self, docnum: int) -> bool:
        return bool(self._holding[docnum])

    def omit(self, parsed: ParsedQuery, matched: np.ndarray) -> tuple[np.ndarray, int]:
        """`matched` without the preambles that match only through template sentences, and how many those are."""
        if not parsed.positive_items:
            return matched, 0
        dropped = [docnum for docnum in np.flatnonzero(matched & self._holding).tolist() if not parsed.matches(self._own[docnum])]
        if not dropped:
            return matched, 0
        kept = matched.copy()
        kept[dropped] = False
        return kept, len(dropped)

    def strip(self, text: str, names: list[str]) -> str:
        """A preamble's original text without its template sentences (for its snippet)."""
        return "".join(sentence for sentence in sentences(text) if pattern(sentence, names) not in self.patterns)
