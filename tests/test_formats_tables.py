"""Template tables in Word and PDF: the generated reports with known numbers, written as .docx and .pdf
with their merged cells merged (T3's and T4's headers span rows and columns), read cell by cell.

The same truth and oracle as `test_tables_generated` (the HTML path): every figure of 表二/表三/表四
and every check's verdict must come out as from the HTML page.
"""

from __future__ import annotations

import random

import pytest

from format_fixtures import html_blocks, write_docx, write_pdf
from test_tables_generated import VOLUMES, _assert_read_right, _write_report, tables

WRITERS = {"docx": write_docx, "pdf": write_pdf}


@pytest.mark.parametrize("kind", sorted(WRITERS))
@pytest.mark.parametrize("year", [2020, 2023])
def test_generated_template_tables_read_the_same_from_word_and_pdf(tmp_path, kind, year):
    rng = random.Random(f"formats:{kind}:{year}")
    caught = set()
    for number, (volume, blank_zero) in enumerate(VOLUMES):
        plant = tables.PLANTS[number % len(tables.PLANTS)]
        for planted in (None, plant):
            drawn, truth = tables.template_tables(rng, year, volume, blank_zero, planted)
            page = _write_report(tmp_path / f"{volume}-{blank_zero}-{planted}", year, drawn, "html")
            document = WRITERS[kind](html_blocks(page.read_text(encoding="utf-8")), page.with_suffix(f".{kind}"), title=None)
            verdicts = _assert_read_right(document, "html", truth)
            assert verdicts, document
            failing = {key for key, status in verdicts.items() if status == "fail"}
            if planted is None:
                assert failing == set(), document
            elif verdicts[truth.planted] != "uncertain":
                assert truth.planted in failing, document
                caught.add(planted)
    assert caught, "no planted inconsistency was caught"
