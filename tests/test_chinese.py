"""The shared Chinese-text rules (`indexer.chinese`), and the places where the copies they replace disagreed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from indexer.chinese import (
    ARABIC_DIGITS,
    CHINESE_YEAR,
    CLAUSE_ENDS,
    HAN,
    SENTENCE_PUNCTUATION,
    YEAR,
    YEARS,
    counting_value,
    digits_value,
    is_han,
    numeral_value,
)
from indexer.sections import split_sections
from indexer.sidecar import read_sidecar
from indexer.text_clean import tidy_words
from report_files import write_sidecar, write_text_report
from search.api import QueryError
from search.facet_kinds import parse_year


@pytest.mark.parametrize(
    ("text", "value"),
    [("一", 1), ("十", 10), ("十二", 12), ("二十", 20), ("二十三", 23), ("一十", 10), ("九十九", 99), ("一百零五", 105),
     ("一百一十", 110), ("两千", 2000), ("两千零二十", 2020), ("三千二百", 3200), ("〇", 0), ("两", 2)],
)
def test_counted_numerals_have_their_value(text: str, value: int) -> None:
    assert counting_value(text) == value
    assert numeral_value(text) == value


@pytest.mark.parametrize("text", ["", "一二", "十十", "零五", "一百五", "一百十", "一百零", "二〇一九", "十a", "百", "万"])
def test_what_is_not_a_counted_numeral_has_no_counted_value(text: str) -> None:
    assert counting_value(text) is None


@pytest.mark.parametrize(("text", "value"), [("二〇一九", 2019), ("二○二○", 2020), ("二零二一", 2021), ("二Ｏ一八", 2018), ("一二", 12)])
def test_numbers_written_digit_by_digit(text: str, value: int) -> None:
    assert digits_value(text) == value
    assert numeral_value(text) == value
    assert text.translate(ARABIC_DIGITS) == str(value)


@pytest.mark.parametrize("text", ["", "二十", "两〇", "2019", "二〇一九年"])
def test_what_is_not_written_digit_by_digit_has_no_digit_value(text: str) -> None:
    assert digits_value(text) is None


def test_han_covers_the_extensions_and_compatibility_ideographs_and_nothing_else() -> None:
    for char in "政㐀䶵𠮷𪚥𰻞丽":  # unified, Extension A, B, C, G, compatibility
        assert is_han(char) and re.fullmatch(f"[{HAN}]", char)
    for char in "a1。〇、Ａ（":
        assert not is_han(char) and not re.fullmatch(f"[{HAN}]", char)
    assert not is_han("政府")


def test_punctuation_classes_hold_both_full_width_and_ascii_forms() -> None:
    for char in "。！？；!?;":
        assert char in CLAUSE_ENDS
    assert set(CLAUSE_ENDS) < set(SENTENCE_PUNCTUATION) and {"，", ","} < set(SENTENCE_PUNCTUATION)


def test_the_year_pattern_matches_exactly_the_accepted_years() -> None:
    pattern = re.compile(YEAR)
    assert all(pattern.fullmatch(str(year)) for year in YEARS)
    assert not any(pattern.fullmatch(str(year)) for year in (YEARS[0] - 1, YEARS[-1] + 1, 1000, 3000))
    assert re.fullmatch(CHINESE_YEAR, "二〇一九") and not re.fullmatch(CHINESE_YEAR, "二〇一")


# Where the copies disagreed: each of these failed before the one definition.

def test_sidecar_years_and_year_filters_accept_the_years_read_from_text(tmp_path: Path) -> None:
    """The sidecar took 1990–2100, the year filter 1949–2100, the text patterns 1900–2099: now all 1900–2099."""
    report = write_text_report(tmp_path / "r.txt", "天水市民政局", 2019, [("总体情况", "甲乙丙丁。")])
    write_sidecar(report, year=1985)
    assert read_sidecar(report) == ({"year": 1985}, [])
    assert parse_year("1985") == (1985, 1985)
    write_sidecar(report, year=2100)
    assert read_sidecar(report)[1] == ["sidecar r.json: ignored year=2100"]
    with pytest.raises(QueryError):
        parse_year("2100")


def test_words_spaced_out_with_rare_characters_are_joined() -> None:
    """Spaced-out words were joined only for Han characters up to Extension A."""
    assert tidy_words("信 息 𠮷 开") == "信息𠮷开"


def test_a_numbered_question_is_not_a_heading_whichever_question_mark_it_ends_with() -> None:
    """Sentence ends were written without the ASCII forms that `plain_form` turns full-width ones into."""
    body = ["一、总体情况", "本机关全年主动公开信息58条，办理申请12件。"]
    for mark in "？?":
        sections = split_sections([*body, f"二、什么是政府信息公开{mark}", "就是把信息公开。", "三、存在的主要问题", "不够全面。"])
        assert [section.heading for section in sections] == ["一、总体情况", "三、存在的主要问题"]
