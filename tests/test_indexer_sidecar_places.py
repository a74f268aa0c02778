"""Sidecar keys for where and what a body is: region, level, agency_kind, agency_series, as `nianbao parse` prints them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from indexer import load_report
from report_files import region, write_sidecar, write_text_report

NIANBAO = str(Path(sys.executable).parent / "nianbao")
SECTIONS = [("总体情况", "本年度公开信息100条。")]


def _report(tmp_path: Path, **sidecar: object):
    path = write_text_report(tmp_path / "r.txt", "杭州市西湖区民政局", 2021, SECTIONS)
    write_sidecar(path, **sidecar)
    return load_report(path)


def test_valid_values_reach_the_report_and_parse_prints_them(tmp_path: Path) -> None:
    place = region("浙江省", "杭州市", "西湖区", "330106")
    path = write_text_report(tmp_path / "r.txt", "杭州市西湖区民政局", 2021, SECTIONS)
    write_sidecar(path, region=place, level="county", agency_kind="民政", agency_series="330106-民政")
    result = subprocess.run([NIANBAO, "parse", str(path)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    printed = json.loads(result.stdout)
    assert (printed["region"], printed["level"], printed["agency_kind"], printed["agency_series"]) == (
        place, "county", "民政", "330106-民政")
    assert "warning" not in result.stderr


def test_missing_levels_become_null(tmp_path: Path) -> None:
    report = _report(tmp_path, region={"province": " 北京市 ", "county": "朝阳区", "code": "110105"})
    assert report.region == region("北京市", None, "朝阳区", "110105")
    assert report.warnings == []


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("region", "浙江省"),
        ("region", {"province": "浙江省", "code": "33"}),
        ("region", {"province": "浙江省", "provnce": "x"}),
        ("region", {"province": 33}),
        ("region", {"province": "浙 江"}),
        ("region", {"province": None, "city": None, "code": "330000"}),
        ("level", "district"),
        ("level", 3),
        ("agency_kind", ["民政"]),
        ("agency_kind", "民政\n教育"),
        ("agency_series", 7),
    ],
)
def test_a_bad_value_is_ignored_with_a_warning_naming_it(tmp_path: Path, key: str, value: object) -> None:
    """The bad value is dropped: the field is what the page itself says, as if the key were absent."""
    report = _report(tmp_path, **{key: value, "agency": "杭州市西湖区民政局"})
    (tmp_path / "plain").mkdir()
    without_the_key = _report(tmp_path / "plain", agency="杭州市西湖区民政局")
    assert getattr(report, key) == getattr(without_the_key, key)
    assert getattr(report, key) != value
    assert report.agency == "杭州市西湖区民政局"
    assert [warning for warning in report.warnings if key in warning and "r.json" in warning]
