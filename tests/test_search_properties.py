"""Property tests: on generated corpora, search answers equal a brute-force scan.

For random phrases of 1-10 characters, the sections a quoted phrase finds are
exactly those whose indexed text (heading + body, in the matching form)
contains it; facet counts (the region tree's included, with its sub-places
listed under selected places) equal counts done by hand; and an index updated
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
from report_files import region, write_sidecar, write_text_report
from search import SearchRequest
from search.build import build_index
from search.engine import SearchIndex

SETTINGS = DEFAULTS.replace(build_processes=1)
ALPHABET = "政府信息公开工作年度报告民政局低保资金开展〇開報資發總體ABab01２３ＣＤ  ，。"
AGENCIES = ["天水市民政局", "榕江县民政局", "通城县公安局"]
HEADINGS = ["总体情况", "主动公开政府信息情况", "存在的主要问题及改进情况", "其他需要报告的事项"]
PLACES = [  # (region, level) as a crawler's sidecar gives them; a municipality has no city, a ministry no place
    (region("浙江省", "杭州市", "西湖区", "330106"), "county"),
    (region("浙江省", "杭州市", None, "330100"), "city"),
    (region("浙江省", "宁波市", "鄞州区", "330212"), "county"),
    (region("北京市", None, "朝阳区", "110105"), "county"),
    (None, "national"),
]
PATHS = ["浙江省", "浙江省/杭州市", "浙江省/杭州市/西湖区", "浙江省/宁波市", "北京市", "北京市/朝阳区", "330000", "3301"]
KINDS = ["民政", "公安", "人民政府"]
FLAT_FACETS = ("agency", "year", "section", "kind", "level")

bodies = st.lists(st.text(alphabet=ALPHABET, min_size=1, max_size=60), min_size=1, max_size=3).map("\n".join)
reports = st.tuples(
    st.sampled_from(AGENCIES),
    st.integers(2018, 2021),
    st.lists(st.tuples(st.sampled_from(HEADINGS), bodies), min_size=1, max_size=3, unique_by=lambda pair: pair[0]),
    st.integers(0, len(PLACES) - 1),
    st.sampled_from(KINDS),
)
corpora = st.lists(reports, min_size=1, max_size=8)
phrases = st.text(alphabet=ALPHABET.replace(" ", ""), min_size=1, max_size=10)
PROPERTY_SETTINGS = hypothesis_settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _write_corpus(root: Path, corpus: list) -> None:
    for number, (agency, year, sections, place, kind) in enumerate(corpus):
        path = write_text_report(root / f"r{number:03d}.txt", agency, year, sections)
        write_sidecar(path, region=PLACES[place][0], level=PLACES[place][1], agency_kind=kind)


def _nodes(report: Report) -> dict[str, str | None]:
    """A report's places as {path: code}: 浙江省 → 330000, 浙江省/杭州市 → 330100, … (a level that does not apply is skipped)."""
    place = report.region or {}
    code = place.get("code")
    nodes: dict[str, str | None] = {}
    names: list[str] = []
    for digits, level in ((2, "province"), (4, "city"), (6, "county")):
        if place.get(level):
            names.append(place[level])
            nodes["/".join(names)] = code[:digits].ljust(6, "0") if code else None
    return nodes


def _region_choice(value: str, codes: dict[str, str | None]) -> set[str]:
    """The places (of `codes`, every place of the corpus) one typed region value chooses."""
    if not value.isdigit():
        return {value} & set(codes)
    prefix = value.ljust(6, "0")
    while prefix.endswith("00") and len(prefix) > 2:
        prefix = prefix[:-2]
    inside = {path for path, code in codes.items() if code and code.startswith(prefix)}
    return {path for path in inside if path.rpartition("/")[0] not in inside}


def _region_selection(wanted: set[str], codes: dict[str, str | None]) -> tuple[set[str], set[str]]:
    """The places a report must lie in (a place is dropped where another value chose a place below it),
    and every place chosen."""
    chosen = [_region_choice(value, codes) for value in sorted(wanted)]
    kept = set()
    for position, places in enumerate(chosen):
        others = {path for other, more in enumerate(chosen) if other != position for path in more}
        kept |= {path for path in places if not any(other.startswith(path + "/") for other in others)}
    return kept, {path for places in chosen for path in places}


def _parsed(root: Path) -> list[Report]:
    return [load_report(path) for path in sorted(root.glob("*.txt"))]


def _brute_force(parsed: list[Report], phrase: str, selection: dict[str, set]) -> tuple[Counter, dict[str, Counter]]:
    """Matching sections as (source, section type, heading), and each facet's distinct-report counts
    (for region: the provinces, and the places under every chosen place and its ancestors)."""
    needle = matching_form(phrase)
    matches = [
        (report, section)
        for report in parsed
        for section in report.sections
        if needle in matching_form(section.heading + section.text)
    ]
    codes = {path: code for report in parsed for path, code in _nodes(report).items()}
    places, chosen = _region_selection(selection["region"], codes)
    opened = chosen | {path.rsplit("/", depth)[0] for path in chosen for depth in range(1, path.count("/") + 1)}

    def value(facet: str, report: Report, section_type: str) -> str | None:
        return {"agency": report.agency, "year": str(report.year), "section": section_type,
                "kind": report.agency_kind, "level": report.level}[facet]

    def selected(report: Report, section_type: str, skip: str | None = None) -> bool:
        if skip != "region" and selection["region"] and not places & set(_nodes(report)):
            return False
        return all(not wanted or value(facet, report, section_type) in wanted
                   for facet, wanted in selection.items() if facet not in (skip, "region"))

    sections = Counter((r.source_path, s.type, s.heading) for r, s in matches if selected(r, s.type))
    facets = {
        facet: Counter(
            value
            for value, _ in {(value(facet, r, s.type), r.source_path) for r, s in matches if selected(r, s.type, skip=facet)}
            if value is not None
        )
        for facet in FLAT_FACETS
    }
    in_region = {r.source_path: r for r, s in matches if selected(r, s.type, skip="region")}
    facets["region"] = Counter(
        path for report in in_region.values() for path in _nodes(report) if "/" not in path or path.rpartition("/")[0] in opened
    )
    return sections, facets


def _engine_answer(engine: SearchIndex, phrase: str, selection: dict[str, set]) -> tuple[Counter, dict[str, Counter]]:
    request = SearchRequest(query=f'"{phrase}"', filters={facet: tuple(sorted(values)) for facet, values in selection.items()})
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
                "kind": set(data.draw(st.lists(st.sampled_from(KINDS), max_size=2))),
                "level": set(data.draw(st.lists(st.sampled_from(["county", "city", "national"]), max_size=1))),
                "region": set(data.draw(st.lists(st.sampled_from(PATHS), max_size=2))),
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
        no_selection: dict[str, set] = {facet: set() for facet in (*FLAT_FACETS, "region")}
        for phrase in _phrases_from(_parsed(corpus), data):
            assert _engine_answer(updated, phrase, no_selection) == _engine_answer(fresh, phrase, no_selection), phrase
        for query in ("", "信息 OR 低保", "-开", "公开工作"):
            expected = fresh.search(SearchRequest(query=query, limit=100)).to_json()
            actual = updated.search(SearchRequest(query=query, limit=100)).to_json()
            assert actual == expected, query
    finally:
        shutil.rmtree(workdir)
