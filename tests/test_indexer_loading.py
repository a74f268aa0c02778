"""Bytes to text: encodings, declarations that lie, binary and oversized files."""

from __future__ import annotations

import codecs

import pytest

from indexer.config import DEFAULTS
from indexer.errors import ReportError
from indexer.loading import check_not_binary, declared_charset, decode_report_bytes, han_plausibility, read_report_bytes

TEXT = "镕川县人民政府2019年政府信息公开工作年度报告。县长王喆同志听取汇报，全年主动公开政府信息3865条。"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("utf-16"), "utf-16"),
        (TEXT.encode("gb18030"), "gb18030"),
    ],
)
def test_text_encodings_decode_exactly(data, encoding):
    decoded = decode_report_bytes(data)
    assert (decoded.text.lstrip("\ufeff"), decoded.encoding) == (TEXT, encoding)


def test_gb2312_declaration_is_read_as_gb18030_so_gbk_only_characters_survive():
    decoded = decode_report_bytes(TEXT.encode("gbk"), declared="gb2312")
    assert decoded.text == TEXT and decoded.encoding == "gb18030" and decoded.warnings == []


def test_utf8_declaration_over_gbk_bytes_is_not_mojibake():
    decoded = decode_report_bytes(TEXT.encode("gbk"), declared="utf-8")
    assert decoded.text == TEXT
    assert "declares charset utf-8" in decoded.warnings[0]


def test_gbk_declaration_over_utf8_bytes_trusts_the_bytes():
    assert decode_report_bytes(TEXT.encode("utf-8"), declared="gbk").text == TEXT


def test_big5_declaration():
    traditional = "新竹縣衛生局政府信息公開工作年度報告，全年主動公開政府信息。"
    assert decode_report_bytes(traditional.encode("big5"), declared="big5").text == traditional


def test_a_truncated_utf8_character_is_replaced_with_a_warning():
    decoded = decode_report_bytes(TEXT.encode("utf-8")[:-1])
    assert decoded.text.startswith(TEXT[:-1]) and decoded.encoding == "utf-8"
    assert "replaced" in decoded.warnings[0]


def test_undecodable_bytes_raise_value_error():
    with pytest.raises(ValueError, match="undecodable"):
        decode_report_bytes(bytes(range(0x80, 0x100)) * 50)



@pytest.mark.parametrize("declared", ["base64", "rot13", "hex", "no-such-charset"])
def test_a_declared_codec_that_is_no_text_encoding_is_ignored(declared):
    assert decode_report_bytes(TEXT.encode("gb18030"), declared=declared).text == TEXT
    with pytest.raises(ValueError, match="undecodable"):
        decode_report_bytes(bytes(range(0x80, 0x100)) * 50, declared=declared)

@pytest.mark.parametrize(
    ("html", "charset"),
    [
        (b'<meta charset="GBK">', "GBK"),
        (b'<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />', "gb2312"),
        (b'<?xml version="1.0" encoding="utf-8"?><html>', "utf-8"),
        (b"<html><head><title>x</title></head>", None),
    ],
)
def test_declared_charset(html, charset):
    assert declared_charset(html) == charset


def test_plausibility_tells_chinese_from_wrongly_decoded_bytes():
    assert han_plausibility(TEXT) > 0.95
    assert han_plausibility(TEXT.encode("big5", "ignore").decode("gb18030", "ignore")) < 0.8
    assert han_plausibility("no han at all") == 1.0


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
        (bytes(range(0, 32)) * 100, "control bytes"),
    ],
)
def test_binary_files_are_refused(data, reason):
    with pytest.raises(ReportError, match=reason):
        check_not_binary("x.html", data)


def test_a_few_nul_bytes_are_a_warning_not_an_error():
    assert check_not_binary("x.txt", TEXT.encode() + b"\x00\x00") == ["removed 2 NUL byte(s)"]
    assert check_not_binary("x.txt", TEXT.encode("utf-16")) == []


def test_empty_and_oversized_files_are_refused(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b" \n\t\n")
    with pytest.raises(ReportError, match="empty file"):
        read_report_bytes(empty, DEFAULTS)
    big = tmp_path / "big.html"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    with pytest.raises(ReportError, match="too large.*max_file_bytes"):
        read_report_bytes(big, DEFAULTS)
    small_limit = DEFAULTS.replace(max_file_bytes=10)
    with pytest.raises(ReportError, match="too large"):
        read_report_bytes(_write(tmp_path / "ok.txt", TEXT), small_limit)


def _write(path, text):
    path.write_text(text, encoding="utf-8")
    return path
