"""Malformed or hostile sidecars are ignored with a warning; the report itself is never lost."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from indexer import load_report
from report_files import write_text_report


def _report_with_sidecar(tmp_path: Path, sidecar: str | None = None) -> Path:
    report = write_text_report(tmp_path / "r.txt", "天水市民政局", 2019, [("总体情况", "甲乙丙丁。")])
    if sidecar is not None:
        (tmp_path / "r.json").write_text(sidecar, encoding="utf-8")
    return report


@pytest.mark.parametrize(
    ("sidecar", "warning"),
    [
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('{"agency": ' + '{"a": ' * 50_000 + '1' + '}' * 50_000 + '}', "nested too deeply"),
        ('{"year": ' + "9" * 5000 + "}", "not valid JSON"),
        ('{"year": "' + "9" * 5000 + '"}', "ignored year="),
        ('{"year": "²⁰¹⁹"}', "ignored year="),
        ('{"title": ' + "[" * 500 + "]" * 500 + "}", "ignored title="),
        ("\ufffe{]", "not valid JSON"),
    ],
)
def test_a_malformed_sidecar_is_ignored_with_a_warning(tmp_path: Path, sidecar: str, warning: str) -> None:
    report = load_report(_report_with_sidecar(tmp_path, sidecar))
    assert report.agency == "天水市民政局" and report.year == 2019
    (message,) = [text for text in report.warnings if "sidecar" in text]
    assert warning in message and len(message) < 300


def test_a_sidecar_link_is_not_read(tmp_path: Path) -> None:
    outside = tmp_path / "outside.json"
    outside.write_text('{"agency": "外部机关"}', encoding="utf-8")
    (tmp_path / "corpus").mkdir()
    report_path = _report_with_sidecar(tmp_path / "corpus")
    (tmp_path / "corpus" / "r.json").symlink_to(outside)
    report = load_report(report_path)
    assert report.agency == "天水市民政局"
    assert "sidecar r.json ignored: it is a symbolic link" in report.warnings


def test_a_sidecar_that_is_a_pipe_is_not_waited_for(tmp_path: Path) -> None:
    report_path = _report_with_sidecar(tmp_path)
    os.mkfifo(tmp_path / "r.json")
    report = load_report(report_path)
    assert report.agency == "天水市民政局"
    assert any("sidecar r.json ignored" in warning for warning in report.warnings)
