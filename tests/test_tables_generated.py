"""Generated reports with known table numbers, in every shape: every cell right, every check's verdict right.

Each report is written the way the benchmark generator writes tables (tests/bench/tables.py):
HTML with row and column spans, ` | ` rows, one cell per tab-indented line, cells ending in `|`,
columns aligned by spaces, and flattened rows whose digits run together (which must be refused).
Some carry a planted inconsistency; the verdicts are compared with `table_oracle`, worked out
from the true numbers independently of the indexer.
"""

from __future__ import annotations

import html
import random
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "bench"))  # the bench scripts import each other as top-level modules

import corpus_gen
import tables

from indexer import load_report
from table_oracle import expected_verdicts

HEADINGS = ("二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况")
FORMS = ("html",) + tables.TEXT_TABLE_FORMS
# (requests volume, zeros written as blank cells)
VOLUMES = ((25.0, False), (25.0, True), (0.0, True), (2.0, False))


def _write_report(path: Path, year: int, drawn: list[tables.Table], form: str) -> Path:
    """A report with the tables under their parts' headings, numbered (2020) or not (other years)."""
    numbered = year == 2020
    headings = HEADINGS if numbered else tuple(heading[2:] for heading in HEADINGS)
    opening = [f"某某县民政局{year}年政府信息公开工作年度报告", "一、总体情况" if numbered else "总体情况",
               f"{year}年，我局认真贯彻落实《条例》，全面推进政务公开工作。"]
    closing = ["五、存在的主要问题及改进情况" if numbered else "存在的主要问题及改进情况", "一是公开内容不够全面。二是公开的主动性不强。"]
    if form == "html":
        body = [f"<p>{html.escape(line)}</p>" for line in opening]
        for heading, table in zip(headings, drawn):
            body += [f"<p><strong>{heading}</strong></p>", tables.table_html(table, styled=len(body) % 2 == 0)]
        body += [f"<p>{html.escape(line)}</p>" for line in closing]
        page = f"<html><head><meta charset='utf-8'><title>{opening[0]}</title></head><body><div class='TRS_Editor'>{''.join(body)}</div></body></html>"
        path = path.with_suffix(".html")
        path.write_text(page, encoding="utf-8")
        return path
    lines = list(opening)
    for heading, table in zip(headings, drawn):
        lines += [heading, *tables.table_text_lines(table, form)]
    path = path.with_suffix(".txt")
    path.write_text("\n".join(lines + closing) + "\n", encoding="utf-8")
    return path


def _t3_unreadable(form: str, truth: tables.TemplateTruth) -> bool:
    """Flattened rows never give their cells; aligned text gives none when no cell of T3 has a figure."""
    all_blank = all(value is None for values in truth.t3.values() for value in values)
    return form in tables.UNREADABLE_FORMS or (form == "aligned" and all_blank)


def _assert_read_right(path: Path, form: str, truth: tables.TemplateTruth) -> dict[str, str]:
    """Every cell and every verdict of the report at `path` against the truth; returns the verdicts."""
    read = load_report(path).tables
    assert read is not None, path
    refused = {entry["table"] for entry in read.refused}
    if form in tables.UNREADABLE_FORMS:
        assert (read.t2, read.t3, read.t4) == (None, None, None), path
        assert refused == {"t2", "t3", "t4"}, read.refused
        assert all("flattened" in entry["reason"] for entry in read.refused)
        return {}
    assert read.template == truth.template, path
    assert read.t2 == truth.t2, path
    assert read.t4 == truth.t4, path
    if _t3_unreadable(form, truth):
        assert read.t3 is None and refused == {"t3"}, (path, read.refused)
        return {}
    assert read.refused == [], (path, read.refused)
    assert read.t3 == truth.t3, path
    assert read.t3_missing_rows == []
    verdicts = {check.key: check.status for check in read.checks()}
    assert verdicts == expected_verdicts(truth), path
    return verdicts


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("year", [2020, 2023])
def test_every_cell_and_verdict_of_generated_tables_in_every_shape(tmp_path, form, year):
    rng = random.Random(f"tables:{form}:{year}")
    caught: dict[str, int] = {}
    for volume, blank_zero in VOLUMES:
        for plant in (None, *tables.PLANTS):
            drawn, truth = tables.template_tables(rng, year, volume, blank_zero, plant)
            path = _write_report(tmp_path / f"{volume}-{blank_zero}-{plant}", year, drawn, form)
            verdicts = _assert_read_right(path, form, truth)
            if not verdicts:
                continue
            failing = {key for key, status in verdicts.items() if status == "fail"}
            if plant is None:
                assert failing == set(), path
            elif verdicts[truth.planted] != "uncertain":
                assert truth.planted in failing, path
                caught[plant] = caught.get(plant, 0) + 1
    if form not in tables.UNREADABLE_FORMS:
        assert set(caught) == set(tables.PLANTS)


def test_generated_corpus_tables_come_out_right(tmp_path):
    """The benchmark generator's own reports (page chrome, GBK, traditional characters, half-width punctuation)."""
    reports, seed = 240, 11
    corpus_gen.generate_corpus(reports, tmp_path, seed, processes=1)
    forms_seen: set[str] = set()
    for planned in corpus_gen.plan_corpus(reports, seed):
        rendered = corpus_gen.rendered_report(planned, seed)
        truth = rendered.content.tables
        path = tmp_path / planned.relative_path
        if truth is None:
            assert load_report(path).tables is None, path
            continue
        form = "html" if planned.file_format.suffix == ".html" else rendered.style.table_form
        forms_seen.add(form)
        _assert_read_right(path, form, truth)
    assert forms_seen == set(FORMS)
