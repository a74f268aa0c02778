"""What the web tests share besides fixtures: where things are, and generated reports for long facets."""

from __future__ import annotations

import sys
from pathlib import Path

from report_files import write_text_report

REPO_ROOT = Path(__file__).resolve().parents[2]
CORPUS_DIR = REPO_ROOT / "corpus"
WEB_FIXTURES = REPO_ROOT / "tests" / "fixtures" / "web"
NIANBAO = Path(sys.executable).parent / "nianbao"

PLACES = ["东城区", "西湖区", "南山区", "北仑区", "江宁区", "雁塔区", "岳麓区", "鼓楼区", "锦江区", "天河区", "和平区", "市中区"]
KINDS = ["民政局", "财政局", "卫生健康委员会"]


def write_generated_reports(directory: Path) -> list[Path]:
    """36 small reports from 36 agencies, covering 2015-2023, so the agency facet is longer than a page shows."""
    paths = []
    for number, agency in enumerate(f"{place}{kind}" for kind in KINDS for place in PLACES):
        year = 2015 + number % 9
        sections = [
            ("总体情况", f"{year}年，{agency}深入贯彻《中华人民共和国政府信息公开条例》，推进政务公开标准化规范化。"),
            ("主动公开政府信息情况", f"全年主动公开政府信息{20 + number}条，其中低保、特困供养等救助信息按月公开。"),
            ("收到和处理政府信息公开申请情况", f"本年新收政府信息公开申请{number % 4}件，全部按期办结。"),
            ("存在的主要问题及改进情况", "政策解读的形式还不够丰富，下一步将加强解读。"),
        ]
        paths.append(write_text_report(directory / f"generated_{number:02d}.txt", agency, year, sections))
    return paths
