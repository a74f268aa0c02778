"""The seeds' template tables, cell by cell, against values read by hand from the files.

000 (v2019, ` | ` rows): T2 is complete; its T3 and T4 rows hold one figure each in rows
padded to the table's width (merged cells lost in the copy), so they are refused.
002 (v2021, ` | ` rows): T2's 第二十条第（五）（六）（八）项 rows are read, its （一）项 rows (one
figure for three columns) refused, T3 and T4 refused like 000's. 003 (v2020, Word export
one cell per line): every cell read. Made into GBK CMS pages (each ` | ` row of the parsed
text an HTML row of its cells), T2 of all three and T3/T4 of 003 read the same; 000's
padded T4 row, once HTML cells, says where its figures stand and is read by position.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer import load_report
from report_files import lines_as_html

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
BLANK7 = [None] * 7

T2_000 = {
    "regulations": {"made": 0, "published": 0, "total_published": 0},
    "normative_documents": {"made": 0, "published": 0, "total_published": 0},
    "licensing": {"previous_items": 5, "change": 2, "decisions": 17},
    "other_services": {"previous_items": 0, "change": 0, "decisions": 0},
    "punishment": {"previous_items": 24, "change": -3, "decisions": 10},
    "coercion": {"previous_items": 6, "change": -5, "decisions": 0},
    "fees": {"previous_items": None, "change": None},
    "procurement": {"items": 2, "amount": 5.02},
}
T2_002 = {"licensing": {"decisions": 14}, "punishment": {"decisions": 2}, "coercion": {"decisions": 0}, "fees": {"amount": 0}}
T2_003 = {
    "regulations": {"made": None, "published": None, "total_published": None},
    "normative_documents": {"made": 1, "published": 1, "total_published": 1},
    "licensing": {"previous_items": 0, "change": 0, "decisions": 0},
    "other_services": {"previous_items": 0, "change": 0, "decisions": 0},
    "punishment": {"previous_items": 3, "change": 3, "decisions": 3},
    "coercion": {"previous_items": 0, "change": 0, "decisions": 0},
    "fees": {"previous_items": 0, "change": 0},
    "procurement": {"items": 0, "amount": 0},
}
T3_003_FILLED = {
    "new": [2, None, None, None, None, None, 2],
    "carried_in": [0, None, None, None, None, None, 0],
    "granted": [1, None, None, None, None, None, 1],
    "unavailable.needs_creation": [1, None, None, None, None, None, 1],
    "total": [2, None, None, None, None, None, 2],
    "carried_out": [0, None, None, None, None, None, 0],
}
T3_KEYS_V2019 = [
    "new", "carried_in", "granted", "partly_granted",
    "withheld.state_secret", "withheld.prohibited_by_law", "withheld.three_safeties_one_stability",
    "withheld.third_party_rights", "withheld.internal_affairs", "withheld.process_information",
    "withheld.enforcement_files", "withheld.inquiry_matters",
    "unavailable.not_held", "unavailable.needs_creation", "unavailable.still_unclear",
    "not_processed.petitions_complaints", "not_processed.repeated", "not_processed.publications",
    "not_processed.excessive_repeated", "not_processed.confirm_or_reissue",
    "other", "total", "carried_out",
]
T4_ZERO = {group: dict.fromkeys(("upheld", "corrected", "other", "pending", "total"), 0)
           for group in ("review", "litigation_direct", "litigation_after_review")}


def _seed(prefix: str) -> Path:
    return next(CORPUS.glob(f"{prefix}_*.txt"))


def _as_gbk_page(path: Path) -> bytes:
    """The parsed seed inside a CMS page, each ` | ` line an HTML table row of its cells (a trailing `|` ends the row)."""
    report = load_report(path)
    lines = [part for section in report.sections for part in (section.heading, *section.text.split("\n")) if part]
    parts = lines_as_html(lines, lambda line: (line.split("|")[:-1] if line.rstrip().endswith("|") else line.split("|")) if "|" in line else None)
    page = f"<html><head><meta charset='gb2312'></head><body><div class='TRS_Editor'>{''.join(parts)}</div></body></html>"
    return page.encode("gbk", errors="ignore")


@pytest.fixture(scope="module", params=["text", "gbk page"])
def read(request, tmp_path_factory):
    """The `tables` of a seed, parsed from the file itself or from it made into a GBK CMS page."""
    def tables_of(prefix: str):
        path = _seed(prefix)
        if request.param == "gbk page":
            page = tmp_path_factory.mktemp("pages") / f"{prefix}.html"
            page.write_bytes(_as_gbk_page(path))
            path = page
        return load_report(path).tables
    return tables_of


def test_seed_000_t2_every_cell(read):
    tables = read("000")
    assert tables.template == "v2019"
    assert tables.t2 == T2_000
    assert tables.t3 is None


def test_seed_000_t3_t4_refused_and_t2_checked():
    tables = load_report(_seed("000")).tables
    assert (tables.t3, tables.t4) == (None, None)
    reasons = {entry["table"]: entry["reason"] for entry in tables.refused}
    assert set(reasons) == {"t3", "t4"}
    assert "一、本年新收政府信息公开申请数量" in reasons["t3"] and "1 figure(s) (0)" in reasons["t3"]
    assert "3 figure(s) (0, 0, 0)" in reasons["t4"]
    [t2_check] = [check.to_json() for check in tables.checks()]
    assert t2_check == {"id": "T2-I1", "key": "T2-I1", "status": "uncertain", "cells": ["t2.fees.previous_items", "t2.fees.change"],
                        "expected": None, "found": None, "relation": "bounds", "lenient": "pass"}


def test_padded_rows_as_html_cells_are_read_by_position(tmp_path):
    for prefix in ("000", "002"):
        (tmp_path / f"{prefix}.html").write_bytes(_as_gbk_page(_seed(prefix)))
    t4 = load_report(tmp_path / "000.html").tables.t4
    assert t4["review"] == {"upheld": 0, "corrected": 0, "other": 0, "pending": None, "total": None}
    assert set(t4["litigation_direct"].values()) == set(t4["litigation_after_review"].values()) == {None}
    t2 = load_report(tmp_path / "002.html").tables.t2
    assert t2 == {"regulations": {"issued": 0, "repealed": None, "in_force": None},
                  "normative_documents": {"issued": 0, "repealed": None, "in_force": None}, **T2_002}


def test_seed_002_t2_rows_read_or_refused():
    tables = load_report(_seed("002")).tables
    assert tables.template == "v2021"
    assert tables.t2 == T2_002
    assert (tables.t3, tables.t4) == (None, None)
    t2_reasons = [entry["reason"] for entry in tables.refused if entry["table"] == "t2"]
    assert len(t2_reasons) == 2 and "规章" in t2_reasons[0] and "行政规范性文件" in t2_reasons[1]
    assert all("1 figure(s) (0)" in reason and "3 columns" in reason for reason in t2_reasons)
    assert {entry["table"] for entry in tables.refused} == {"t2", "t3", "t4"}
    assert [check.status for check in tables.checks()] == ["pass"]


def test_seed_003_every_cell(read):
    tables = read("003")
    assert tables.template == "v2019"
    assert tables.t2 == T2_003
    assert list(tables.t3) == T3_KEYS_V2019
    assert tables.t3 == {key: T3_003_FILLED.get(key, BLANK7) for key in T3_KEYS_V2019}
    assert tables.t4 == T4_ZERO
    assert tables.refused == [] and tables.t3_missing_rows == []


def test_seed_003_checks(read):
    checks = {check.key: check for check in read("003").checks()}
    assert len(checks) == 7 + 7 + 23 + 1 + 14 + 3 + 1
    assert not [key for key, check in checks.items() if check.status == "fail"]
    for column in ("natural_person", "total"):
        balance = checks[f"T3-I1.{column}"]
        assert (balance.status, balance.found, balance.expected) == ("pass", 2, 2)
        assert balance.cells == [f"t3.total.{column}", f"t3.carried_out.{column}", f"t3.new.{column}", f"t3.carried_in.{column}"]
    commercial = checks["T3-I1.commercial"]
    assert (commercial.status, commercial.found, commercial.expected, commercial.lenient) == ("uncertain", None, None, "pass")
    outcomes = checks["T3-I2.natural_person"]
    assert (outcomes.status, outcomes.found, outcomes.expected, outcomes.lenient) == ("uncertain", 2, None, "pass")
    assert [checks[f"T4-I1.{group}"].status for group in ("review", "litigation_direct", "litigation_after_review")] == ["pass"] * 3
    assert checks["T2-I1"].status == "uncertain" and checks["T2-I1"].cells == [
        "t2.regulations.made", "t2.regulations.published", "t2.regulations.total_published"]


def test_seeds_without_template_tables_have_none():
    assert load_report(_seed("001")).tables is None
    assert load_report(_seed("004")).tables is None


def test_seed_003_tables_are_blocks_of_its_sections():
    report = load_report(_seed("003"))
    requests = next(section for section in report.sections if section.type == "requests")
    [table] = requests.blocks
    assert table.shape == "cell_lines" and len(table.rows) == len(requests.text.split("\n")) == 26
    assert table.rows[3] == ["一、本年新收政府信息公开申请数量", "2", "", "", "", "", "", "2"]
    assert table.rows[-3] == ["", "（六）其他处理", "", "", "", "", "", "", ""]
    overview = next(section for section in report.sections if section.type == "overview")
    assert [block.to_json()["type"] for block in overview.blocks] == ["paragraph"] * len(overview.text.split("\n"))
