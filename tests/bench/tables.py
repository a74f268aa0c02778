"""The report template's tables with varied, consistent numbers, and how they reach text or HTML.

Tables are grids of cells with row and column spans, as the national template
lays them out (国办公开办函〔2019〕60号 trial form for 2019–2020, the 〔2021〕30号
revision after). In text files they appear in the three forms real reports
show: `a | b | c` rows, one cell per tab-indented line with blank lines between
rows, and one cell per line ending in `|` with `|||` filler rows.
"""

from __future__ import annotations

import html
import random
from dataclasses import dataclass, field

TEXT_TABLE_FORMS: tuple[str, ...] = ("pipes", "cell_lines", "bar_lines")

APPLICANT_COLUMNS: tuple[str, ...] = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")
_APPLICANT_WEIGHTS: tuple[float, ...] = (0.78, 0.12, 0.01, 0.02, 0.04, 0.03)

_WITHHELD = ("1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益",
             "5.属于三类内部事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷", "8.属于行政查询事项")
_UNAVAILABLE = ("1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确")
_NOT_PROCESSED = ("1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物", "4.无正当理由大量反复申请",
                  "5.要求行政机关确认或重新出具已获取信息")
_OTHER_2021 = ("1.申请人无正当理由逾期不补正、行政机关不再受理其政府信息公开申请",
               "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再受理其政府信息公开申请", "3.其他")

# (group label, leaf labels or () for a single row, weight of a request ending there)
_OUTCOMES_2021: tuple[tuple[str, tuple[str, ...], float], ...] = (
    ("（一）予以公开", (), 0.45),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", (), 0.08),
    ("（三）不予公开", _WITHHELD, 0.10),
    ("（四）无法提供", _UNAVAILABLE, 0.27),
    ("（五）不予处理", _NOT_PROCESSED, 0.06),
    ("（六）其他处理", _OTHER_2021, 0.04),
)
_OUTCOMES_2019 = _OUTCOMES_2021[:5] + (("（六）其他处理", (), 0.04),)


@dataclass(frozen=True)
class Cell:
    text: str
    rowspan: int = 1
    colspan: int = 1


@dataclass
class Table:
    """Rows of cells as the source document has them (spanned positions are not repeated)."""

    rows: list[list[Cell]] = field(default_factory=list)

    def add(self, *cells: Cell | str | float) -> None:
        self.rows.append([cell if isinstance(cell, Cell) else Cell(str(cell)) for cell in cells])


@dataclass(frozen=True)
class RequestFigures:
    """The request matrix's numbers: per applicant column, each row's count (the template's rows 一 to 四)."""

    received: tuple[int, ...]
    carried_over: tuple[int, ...]
    outcomes: dict[str, tuple[int, ...]]
    handled: tuple[int, ...]
    carried_forward: tuple[int, ...]

    def balances(self) -> bool:
        """The template's own check: row 一 + row 二 = row 三 (总计) + row 四, in every column."""
        return all(a + b == c + d for a, b, c, d in
                   zip(self.received, self.carried_over, self.handled, self.carried_forward))


def _with_total(values: list[int]) -> tuple[int, ...]:
    return tuple(values) + (sum(values),)


def _split(rng: random.Random, total: int, weights: tuple[float, ...]) -> list[int]:
    counts = [0] * len(weights)
    for index in rng.choices(range(len(weights)), weights=weights, k=total):
        counts[index] += 1
    return counts


def request_figures(rng: random.Random, year: int, busy: float) -> RequestFigures:
    """Draw a year's requests per applicant column and spread them over outcomes so the check holds.

    `busy` scales the volume: 0 gives the all-zero table most small bodies file.
    """
    outcomes_spec = _OUTCOMES_2021 if year >= 2021 else _OUTCOMES_2019
    total_new = int(rng.expovariate(1 / busy)) if busy > 0 else 0
    received = _split(rng, total_new, _APPLICANT_WEIGHTS)
    carried_over = [rng.randint(0, min(3, count)) for count in received]
    carried_forward = [rng.randint(0, min(2, new + old)) if rng.random() < 0.3 else 0
                       for new, old in zip(received, carried_over)]
    handled = [new + old - forward for new, old, forward in zip(received, carried_over, carried_forward)]
    leaves = [(group, label, weight / len(labels or ("",)) * (3 if label.startswith("1.") else 1))
              for group, labels, weight in outcomes_spec for label in (labels or ("",))]
    per_column = [_split(rng, count, tuple(weight for _, _, weight in leaves)) for count in handled]
    outcomes = {f"{group}/{label}" if label else group: _with_total([column[index] for column in per_column])
                for index, (group, label, _) in enumerate(leaves)}
    return RequestFigures(_with_total(received), _with_total(carried_over), outcomes,
                          _with_total(handled), _with_total(carried_forward))


def _number(value: int, blank_zero: bool) -> str:
    return "" if blank_zero and value == 0 else str(value)


def requests_table(figures: RequestFigures, year: int, blank_zero: bool) -> Table:
    """The 收到和处理政府信息公开申请情况 matrix for `figures`, with the template's spans."""
    table = Table()
    table.add(Cell("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", rowspan=3, colspan=3),
              Cell("申请人情况", colspan=7))
    table.add(Cell("自然人", rowspan=2), Cell("法人或其他组织", colspan=5), Cell("总计", rowspan=2))
    table.add(*APPLICANT_COLUMNS[1:])

    def numbers(values: tuple[int, ...]) -> list[str]:
        return [_number(value, blank_zero) for value in values]

    table.add(Cell("一、本年新收政府信息公开申请数量", colspan=3), *numbers(figures.received))
    table.add(Cell("二、上年结转政府信息公开申请数量", colspan=3), *numbers(figures.carried_over))
    outcome_rows = len(figures.outcomes) + 1
    first = True
    seen_groups: set[str] = set()
    outcomes_spec = _OUTCOMES_2021 if year >= 2021 else _OUTCOMES_2019
    spans = {group: len(labels) for group, labels, _ in outcomes_spec}
    for key, values in figures.outcomes.items():
        group, _, leaf = key.partition("/")
        cells: list[Cell] = [Cell("三、本年度办理结果", rowspan=outcome_rows)] if first else []
        first = False
        if not leaf:
            cells.append(Cell(group, colspan=2))
        else:
            if group not in seen_groups:
                cells.append(Cell(group, rowspan=spans[group]))
                seen_groups.add(group)
            cells.append(Cell(leaf))
        table.add(*cells, *numbers(values))
    table.add(Cell("（七）总计", colspan=2), *numbers(figures.handled))
    table.add(Cell("四、结转下年度继续办理", colspan=3), *numbers(figures.carried_forward))
    return table


def review_table(rng: random.Random, busy: float) -> Table:
    """The 行政复议、行政诉讼 table: three blocks of 维持/纠正/其他/未审结 with their 总计."""
    table = Table()
    table.add(Cell("行政复议", colspan=5), Cell("行政诉讼", colspan=10))
    outcomes = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
    table.add(*(Cell(label, rowspan=2) for label in outcomes), Cell("未经复议直接起诉", colspan=5),
              Cell("复议后起诉", colspan=5))
    table.add(*outcomes, *outcomes)
    values: list[int] = []
    for _ in range(3):
        block = [int(rng.expovariate(1 / busy)) if busy > 0 and rng.random() < 0.5 else 0 for _ in range(4)]
        values.extend(block + [sum(block)])
    table.add(*values)
    return table


def proactive_table(rng: random.Random, year: int, busy: float) -> Table:
    """The 第二十条 table: the trial form for 2019–2020, the revised form from 2021."""
    table = Table()
    scale = max(1.0, busy * 20)
    permits, penalties = int(rng.expovariate(1 / scale)), int(rng.expovariate(1 / scale))
    coercions, documents = int(rng.expovariate(1 / (scale / 4))), rng.randint(0, 12)
    if year >= 2021:
        table.add(Cell("第二十条第（一）项", colspan=4))
        table.add("信息内容", "本年制发件数", "本年废止件数", "现行有效件数")
        table.add("规章", 0, 0, 0)
        table.add("行政规范性文件", documents, rng.randint(0, documents), documents + rng.randint(0, 60))
        table.add(Cell("第二十条第（五）项", colspan=4))
        table.add("信息内容", Cell("本年处理决定数量", colspan=3))
        table.add("行政许可", Cell(str(permits), colspan=3))
        table.add(Cell("第二十条第（六）项", colspan=4))
        table.add("信息内容", Cell("本年处理决定数量", colspan=3))
        table.add("行政处罚", Cell(str(penalties), colspan=3))
        table.add("行政强制", Cell(str(coercions), colspan=3))
        table.add(Cell("第二十条第（八）项", colspan=4))
        table.add("信息内容", Cell("本年收费金额（单位：万元）", colspan=3))
        table.add("行政事业性收费", Cell(f"{rng.uniform(0, 300):.2f}" if rng.random() < 0.4 else "0", colspan=3))
        return table
    table.add(Cell("第二十条第（一）项", colspan=4))
    table.add("信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量")
    table.add("规章", 0, 0, 0)
    table.add("规范性文件", documents, documents, documents + rng.randint(0, 60))
    table.add(Cell("第二十条第（五）项", colspan=4))
    table.add("信息内容", "上一年项目数量", "本年增/减", "处理决定数量")
    table.add("行政许可", rng.randint(0, 40), f"{rng.randint(-5, 5):+d}", permits)
    table.add("其他对外管理服务事项", rng.randint(0, 20), f"{rng.randint(-3, 3):+d}", rng.randint(0, 50))
    table.add(Cell("第二十条第（六）项", colspan=4))
    table.add("信息内容", "上一年项目数量", "本年增/减", "处理决定数量")
    table.add("行政处罚", rng.randint(0, 80), f"{rng.randint(-5, 5):+d}", penalties)
    table.add("行政强制", rng.randint(0, 10), f"{rng.randint(-3, 3):+d}", coercions)
    table.add(Cell("第二十条第（八）项", colspan=4))
    table.add("信息内容", "上一年项目数量", Cell("本年增/减", colspan=2))
    table.add("行政事业性收费", rng.randint(0, 10), Cell(f"{rng.randint(-2, 2):+d}", colspan=2))
    table.add(Cell("第二十条第（九）项", colspan=4))
    table.add("信息内容", "采购项目数量", Cell("采购总金额", colspan=2))
    table.add("政府集中采购", rng.randint(0, 30), Cell(f"{rng.uniform(0, 900):.2f}万元", colspan=2))
    return table


def legacy_requests_table(rng: random.Random, busy: float) -> Table:
    """A 2008–2018 report's small table of requests received and how they were answered."""
    answers = ("同意公开", "部分公开", "不予公开", "信息不存在", "非本机关政府信息", "申请内容不明确", "其他")
    counts = _split(rng, int(rng.expovariate(1 / busy)) if busy > 0 else 0, (6, 1, 1, 2, 1, 0.5, 0.5))
    table = Table()
    table.add("申请总数", *answers)
    table.add(sum(counts), *counts)
    return table


def legacy_proactive_table(rng: random.Random) -> Table:
    """A 2008–2018 report's table of proactively published items by category."""
    categories = ("机构职能", "政策法规", "规划计划", "工作动态", "人事信息", "其他")
    counts = [rng.randint(0, 300) for _ in categories]
    table = Table()
    table.add("类别", *categories, "合计")
    table.add("条数", *counts, sum(counts))
    return table


def table_text_lines(table: Table, form: str) -> list[str]:
    """The lines a table becomes in a text file, in one of `TEXT_TABLE_FORMS`."""
    width = max(len(row) for row in table.rows)
    lines: list[str] = []
    for row in table.rows:
        texts = [cell.text for cell in row]
        if form == "pipes":
            padding = width - len(texts)
            lines.append(" | ".join(texts) + (" | " + "|" * (padding - 1) if padding > 0 else ""))
        elif form == "cell_lines":
            lines.extend(f"\t{text}" for text in texts)
            lines.append("")
        else:
            lines.extend(f"{text}|" for text in texts)
            lines.append("|||")
    return lines


def table_html(table: Table, styled: bool) -> str:
    """The table as a CMS page or a Word export writes it, spans included."""
    cell_style = ' style="border:1px solid #000;padding:4px"' if styled else ""
    parts = ['<table border="1" cellspacing="0" cellpadding="0" width="100%"><tbody>']
    for row in table.rows:
        parts.append("<tr>")
        for cell in row:
            spans = (f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else "") + (
                f' colspan="{cell.colspan}"' if cell.colspan > 1 else "")
            text = html.escape(cell.text)
            content = f'<p align="center"><span>{text}</span></p>' if styled else text
            parts.append(f"<td{spans}{cell_style}>{content}</td>")
        parts.append("</tr>")
    parts.append("</tbody></table>")
    return "".join(parts)
