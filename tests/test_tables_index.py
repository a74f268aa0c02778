"""The index keeps each section's blocks and the report's tables: a report read back equals its parse."""

from __future__ import annotations

import random
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "bench"))  # the bench scripts import each other as top-level modules

import tables

from indexer import load_report
from indexer.config import Settings
from search import SearchRequest
from search.build import build_index
from search.engine import SearchIndex

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def test_a_report_read_back_from_the_index_has_its_blocks_spans_and_tables(tmp_path: Path, settings: Settings) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    for seed in ("000", "003"):
        shutil.copy(next(CORPUS.glob(f"{seed}_*.txt")), reports / f"{seed}.txt")
    drawn, truth = tables.template_tables(random.Random(4), 2022, 25.0, False, "T3-I2")
    body = "".join(f"<p>{heading}</p>{tables.table_html(table, styled=True)}" for heading, table in
                   zip(("二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况"), drawn))
    (reports / "spans.html").write_text(
        f"<html><head><meta charset='utf-8'><title>某某市交通运输局2022年政府信息公开工作年度报告</title></head>"
        f"<body><div id='zoom'><p>一、总体情况</p><p>2022年，我局全面推进政务公开。</p>{body}</div></body></html>", encoding="utf-8")
    index_dir = tmp_path / "index"
    assert build_index([reports], index_dir, settings).failed == []
    engine = SearchIndex.open(index_dir, settings)
    ids = {Path(hit.source_path).name: hit.report_id for hit in engine.search(SearchRequest(query="", limit=100)).hits}
    for name in ("000.txt", "003.txt", "spans.html"):
        indexed = engine.report(ids[name])
        assert indexed is not None
        assert indexed.report.to_json() == load_report(reports / name).to_json(), name
    spanned = engine.report(ids["spans.html"]).report
    requests = next(section for section in spanned.sections if section.type == "requests")
    [table] = requests.blocks
    assert table.shape == "html" and (0, 0, 3, 3) in table.spans and table.rows[0][1] is None
    assert spanned.tables.t3 == truth.t3 and "T3-I2.natural_person" in {c.key for c in spanned.tables.checks() if c.status == "fail"}
