"""Only http(s) addresses become a report's source link, wherever they come from."""

from __future__ import annotations

import json
from pathlib import Path

from indexer import load_report
from indexer.config import DEFAULTS

BODY = "天水市民政局2019年政府信息公开工作年度报告\n一、总体情况\n本年度公开信息607条。\n"


def test_a_sidecar_javascript_link_is_dropped_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "r.json").write_text(json.dumps({"source_url": "javascript:alert(1)"}), encoding="utf-8")
    report = load_report(tmp_path / "r.txt")
    assert report.source_url is None
    assert any("source_url" in warning for warning in report.warnings)


def test_a_sidecar_http_link_is_kept(tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "r.json").write_text(json.dumps({"source_url": "https://mzj.example.gov.cn/a.html"}), encoding="utf-8")
    assert load_report(tmp_path / "r.txt").source_url == "https://mzj.example.gov.cn/a.html"


def test_page_links_other_than_http_are_ignored(tmp_path: Path) -> None:
    page = (
        '<html><head><meta charset="utf-8"><link rel="canonical" href="javascript:alert(1)">'
        '<meta property="og:url" content="file:///etc/passwd"></head>'
        f'<body><div class="TRS_Editor">{BODY.replace(chr(10), "<br>")}</div></body></html>'
    )
    (tmp_path / "r.html").write_text(page, encoding="utf-8")
    assert load_report(tmp_path / "r.html").source_url is None


def test_a_sidecar_link_no_url_parser_accepts_is_dropped(tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "r.json").write_text(json.dumps({"source_url": "http://mzj.gov.cn\uff0fa.html"}), encoding="utf-8")
    assert load_report(tmp_path / "r.txt").source_url is None


def test_a_sidecar_over_max_sidecar_bytes_is_ignored_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "r.json").write_text(json.dumps({"source_url": "https://mzj.example.gov.cn/a.html"}), encoding="utf-8")
    report = load_report(tmp_path / "r.txt", DEFAULTS.replace(max_sidecar_bytes=10))
    assert report.source_url is None
    assert any("max_sidecar_bytes" in warning for warning in report.warnings)
