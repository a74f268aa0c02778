"""Property tests: on generated corpora, search answers equal a brute-force scan.

For random phrases of 1-10 characters, the sections a quoted phrase finds are
exactly those whose indexed text (heading + body, in the matching form)
contains it; facet counts equal counts done by hand; and an index updated
incrementally answers exactly like one built from scratch.
"""

from __future__ import annotations

import shutil
import tempfile
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given, settings as hypothesis_settings, strategies as st

from indexer import load_report
from indexer.config import DEFAULTS
from indexer.matching import matching_form
from indexer.report import Report
from report_files import write_text_report
from search import SearchRequest
from search.build import build_index
from search.engine import SearchIndex

SETTINGS = DEFAULTS.replace(build_processes=1)
ALPHABET = "政府信息公开工作年度报告民政局低保资金开展〇開報資發總體ABab01２３ＣＤ  ，。"
AGENCIES = ["天水市民政局", "榕江县民政局", "通城县公安局"]
HEADINGS = ["总体情况", "主动公开政府信息情况", "存在的主要问题及改进情况", "其他需要报告的事项"]

bodies = st.lists(st.text(alphabet=ALPHABET, min_size=1, max_size=60), min_size=1, max_size=3).map("\n".join)
reports = st.tuples(
    st.sampled_from(AGENCIES),
    st.integers(2018, 2021),
    st.lists(st.tuples(st.sampled_from(HEADINGS), bodies), min_size=1, max_size=3, unique_by=lambda pair: pair[0]),
)
corpora = st.lists(reports, min_size=1, max_size=8)
phrases = st.text(alphabet=ALPHABET.replace(" ", ""), min_size=1, max_size=10)
PROPERTY_SETTINGS = hypothesis_settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _write_corpus(root: Path, corpus: list) -> None:
    for number, (agency, year, sections) in enumerate(corpus):
        write_text_report(root / f"r{number:03d}.txt", agency, year, sections)


def _parsed(root: Path) -> list[Report]:
    return [load_report(path) for path in sorted(root.glob("*.txt"))]


def _brute_force(parsed: list[Report], phrase: str, selection: dict[str, set]) -> tuple[Counter, dict[str, Counter]]:
    """Matching sections as (source, section type, heading), and each facet's distinct-report counts."""
    needle = matching_form(phrase)
    matches = [
        (report, section)
        for report in parsed
        for section in report.sections
        if needle in matching_form(section.heading + section.text)
    ]

    def value(facet: str, report: Report, section_type: str) -> str:
        return {"agency": report.agency, "year": str(report.year), "section": section_type}[facet]

    def selected(report: Report, section_type: str, skip: str | None = None) -> bool:
        return all(not wanted or value(facet, report, section_type) in wanted for facet, wanted in selection.items() if facet != skip)

    sections = Counter((r.source_path, s.type, s.heading) for r, s in matches if selected(r, s.type))
    facets = {
        facet: Counter(
            value
            for value, _ in {(value(facet, r, s.type), r.source_path) for r, s in matches if selected(r, s.type, skip=facet)}
        )
        for facet in ("agency", "year", "section")
    }
    return sections, facets


def _engine_answer(engine: SearchIndex, phrase: str, selection: dict[str, set]) -> tuple[Counter, dict[str, Counter]]:
    request = SearchRequest(
        query=f'"{phrase}"',
        agencies=tuple(sorted(selection["agency"])),
        years=tuple(sorted(selection["year"])),
        sections=tuple(sorted(selection["section"])),
    )
    response = engine.search(request)
    export = engine.export(request, 10**6)
    sections = Counter((hit.source_path, hit.section, hit.heading) for hit in export.hits)
    assert response.total_sections == export.total_sections == sum(sections.values())
    facets = {facet: Counter({v.value: v.count for v in values if v.count}) for facet, values in response.facets.items()}
    return sections, facets


def _build(root: Path, index_dir: Path) -> SearchIndex:
    summary = build_index([root], index_dir, SETTINGS)
    assert not summary.failed, summary.failed
    return SearchIndex.open(index_dir, SETTINGS)


def _phrases_from(parsed: list[Report], data: st.DataObject) -> list[str]:
    texts = [matching_form(s.heading + s.text) for r in parsed for s in r.sections]
    chosen = []
    for _ in range(15):
        text = data.draw(st.sampled_from(texts))
        start = data.draw(st.integers(0, max(0, len(text) - 1)))
        chosen.append(text[start : start + data.draw(st.integers(1, 10))])
    return chosen + [data.draw(phrases) for _ in range(5)]


@PROPERTY_SETTINGS
@given(corpus=corpora, data=st.data())
def test_phrases_and_facets_equal_a_brute_force_scan(corpus: list, data: st.DataObject) -> None:
    workdir = Path(tempfile.mkdtemp())
    try:
        _write_corpus(workdir / "corpus", corpus)
        parsed = _parsed(workdir / "corpus")
        engine = _build(workdir / "corpus", workdir / "index")
        for phrase in _phrases_from(parsed, data):
            selection = {
                "agency": set(data.draw(st.lists(st.sampled_from(AGENCIES), max_size=2))),
                "year": {str(year) for year in data.draw(st.lists(st.integers(2018, 2021), max_size=2))},
                "section": set(data.draw(st.lists(st.sampled_from(["overview", "proactive", "problems", "other_matters"]), max_size=2))),
            }
            assert _engine_answer(engine, phrase, selection) == _brute_force(parsed, phrase, selection), phrase
    finally:
        shutil.rmtree(workdir)


@PROPERTY_SETTINGS
@given(before=corpora, after=corpora, data=st.data())
def test_an_incremental_update_answers_like_a_fresh_build(before: list, after: list, data: st.DataObject) -> None:
    workdir = Path(tempfile.mkdtemp())
    try:
        corpus = workdir / "corpus"
        _write_corpus(corpus, before)
        _build(corpus, workdir / "incremental")
        shutil.rmtree(corpus)
        _write_corpus(corpus, after)
        updated = _build(corpus, workdir / "incremental")
        fresh = _build(corpus, workdir / "fresh")
        no_selection: dict[str, set] = {"agency": set(), "year": set(), "section": set()}
        for phrase in _phrases_from(_parsed(corpus), data):
            assert _engine_answer(updated, phrase, no_selection) == _engine_answer(fresh, phrase, no_selection), phrase
        for query in ("", "信息 OR 低保", "-开", "公开工作"):
            expected = fresh.search(SearchRequest(query=query, limit=100)).to_json()
            actual = updated.search(SearchRequest(query=query, limit=100)).to_json()
            assert actual == expected, query
    finally:
        shutil.rmtree(workdir)
