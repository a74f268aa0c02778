"""Template reports for the review tests: six parts with their tables, written as text files and parsed.

`template_report(...)` writes what a real 2019-on report looks like in text form
(title, an optional 发布时间 line, 一 to 六 with the T2/T3/T4 tables as ` | ` rows,
a signature) with any part left out or replaced, and returns the parsed `Report`.
"""

from __future__ import annotations

from pathlib import Path

from indexer import Report, load_report

NUMERALS = "一二三四五六七八九十"

T2_V2021 = """第二十条第(一)项 | |||
信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |
规章 | 0 | 0 | 0 |
行政规范性文件 | 2 | 1 | 9 |
第二十条第(五)项 | |||
信息内容 | 本年处理决定数量 | ||
行政许可 | 14 | ||
第二十条第(六)项 | |||
信息内容 | 本年处理决定数量 | ||
行政处罚 | 2 | ||
行政强制 | 0 | ||
第二十条第(八)项 | |||
信息内容 | 本年收费金额(单位:万元) | ||
行政事业性收费 | 0 |"""

T2_V2019 = """第二十条第(一)项 | ||||
信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 | |
规章 | 0 | 0 | 0 | |
规范性文件 | 0 | 0 | 0 | |
第二十条第(五)项 | ||||
信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 | |
行政许可 | 5 | +2 | 17 | |
其他对外管理服务事项 | 0 | 0 | 0 | |
第二十条第(八)项 | ||||
信息内容 | 上一年项目数量 | 本年增/减 | ||
行政事业性收费 | 0 | 0 | |
第二十条第(九)项 | ||||
信息内容 | 采购项目数量 | 采购总金额 | ||
政府集中采购 | 2 | 5.02万元 | |"""

T3 = """(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和) | 申请人情况 | ||||||||
自然人 | 法人或其他组织 | 总计 | |||||||
商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | |||||
一、本年新收政府信息公开申请数量 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |
二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
三、本年度办理结果 | (一)予以公开 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |
(四)无法提供 | 1.本机关不掌握相关政府信息 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |
(七)总计 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |
四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |"""

T4 = """行政复议 | 行政诉讼 | |||||||||||||
结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉 | ||||||||
0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |"""

OVERVIEW = ("{year}年，{agency}认真贯彻落实《中华人民共和国政府信息公开条例》，围绕城乡低保和临时救助等重点工作，"
            "及时发布政策文件和办事指南，全年主动公开政府信息126条。我局成立了由主要负责同志任组长的政务公开工作领导小组，"
            "明确两名工作人员负责日常工作，做到与业务工作同研究、同部署、同考核。")
PROBLEMS = ("一是政策解读形式较为单一，图解和音视频解读运用不多。二是工作人员多为兼职，业务能力有待提高。"
            "下一步，我局将加强学习培训，拓宽公开渠道，聚焦社会救助领域加大公开力度。")
OTHER_MATTERS = "{year}年，我局未收取信息处理费。本年度承办人大代表建议3件，已全部按时办结。"

PARTS: dict[str, tuple[str, str]] = {
    "overview": ("总体情况", OVERVIEW),
    "proactive": ("主动公开政府信息情况", T2_V2021),
    "requests": ("收到和处理政府信息公开申请情况", T3),
    "review_litigation": ("政府信息公开行政复议、行政诉讼情况", T4),
    "problems": ("存在的主要问题及改进情况", PROBLEMS),
    "other_matters": ("其他需要报告的事项", OTHER_MATTERS),
}


def template_report(
    directory: Path,
    agency: str = "榕江县民政局",
    year: int = 2022,
    published: str | None = None,
    signed: str | None = None,
    leave_out: tuple[str, ...] = (),
    texts: dict[str, str] | None = None,
    preamble: str = "",
    name: str = "report.txt",
) -> Report:
    """Write a six-part template report (parts in `leave_out` missing, `texts` replacing part bodies) and parse it.

    Bodies may use `{year}` and `{agency}`. `signed` is the date under the signature, e.g. `2023年1月20日`.
    """
    lines = [f"{agency}{year}年政府信息公开工作年度报告"]
    if published:
        lines.append(f"发布时间: {published}")
    if preamble:
        lines.append(preamble.format(year=year, agency=agency))
    bodies = {**{part: body for part, (_, body) in PARTS.items()}, **(texts or {})}
    number = 0
    for part, (heading, _) in PARTS.items():
        if part in leave_out:
            continue
        lines.append(f"{NUMERALS[number]}、{heading}")
        lines.append(bodies[part].format(year=year, agency=agency))
        number += 1
    lines.append(agency)
    if signed:
        lines.append(signed)
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return load_report(path)
