"""The report template's tables with known numbers, and how they reach text or HTML.

Tables are grids of cells with row and column spans, as the national template
lays them out (国办公开办函〔2019〕60号 trial form for 2019–2020, the 〔2021〕30号
revision after). `template_tables` draws a report's 表二/表三/表四 together with
`TemplateTruth`, the numbers a reader must get back cell by cell, and can plant
one inconsistency so that a named check must fail. In text files the tables
appear in the forms real reports show: `a | b | c` rows, one cell per
tab-indented line with blank lines between rows, one cell per line ending in `|`
with `|||` filler rows, columns aligned by spaces as `pdftotext -layout` writes
them, and flattened rows whose cells run together (which no reader can split).

The keys in `TemplateTruth` are written out here by hand, independently of the
indexer, so that tests compare the indexer against the template itself.
"""

from __future__ import annotations

import html
import random
import re
from dataclasses import dataclass, field
from typing import Any

TEXT_TABLE_FORMS: tuple[str, ...] = ("pipes", "cell_lines", "bar_lines", "aligned", "flattened")
UNREADABLE_FORMS: frozenset[str] = frozenset({"flattened"})
"""Forms whose template tables must be refused: their cells cannot be told apart."""

PLANTS: tuple[str, ...] = ("T3-I1", "T3-I2", "T3-I3", "T3-I4", "T4-I1", "T2-I1")
"""The checks an inconsistency can be planted for."""

APPLICANT_COLUMNS: tuple[str, ...] = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")
T3_COLUMN_KEYS: tuple[str, ...] = ("natural_person", "commercial", "research", "social_welfare", "legal_services", "other_org", "total")
_APPLICANT_WEIGHTS: tuple[float, ...] = (0.78, 0.12, 0.01, 0.02, 0.04, 0.03)

_WITHHELD = (("1.属于国家秘密", "state_secret"), ("2.其他法律行政法规禁止公开", "prohibited_by_law"),
             ("3.危及“三安全一稳定”", "three_safeties_one_stability"), ("4.保护第三方合法权益", "third_party_rights"),
             ("5.属于三类内部事务信息", "internal_affairs"), ("6.属于四类过程性信息", "process_information"),
             ("7.属于行政执法案卷", "enforcement_files"), ("8.属于行政查询事项", "inquiry_matters"))
_UNAVAILABLE = (("1.本机关不掌握相关政府信息", "not_held"), ("2.没有现成信息需要另行制作", "needs_creation"),
                ("3.补正后申请内容仍不明确", "still_unclear"))
_NOT_PROCESSED = (("1.信访举报投诉类申请", "petitions_complaints"), ("2.重复申请", "repeated"),
                  ("3.要求提供公开出版物", "publications"), ("4.无正当理由大量反复申请", "excessive_repeated"),
                  ("5.要求行政机关确认或重新出具已获取信息", "confirm_or_reissue"))
_OTHER_2021 = (("1.申请人无正当理由逾期不补正、行政机关不再受理其政府信息公开申请", "no_correction"),
               ("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再受理其政府信息公开申请", "fee_unpaid"),
               ("3.其他", "other"))

# (group label, group key, leaf (label, key) pairs or () for a single row, weight of a request ending there)
_OUTCOMES_2021: tuple[tuple[str, str, tuple[tuple[str, str], ...], float], ...] = (
    ("（一）予以公开", "granted", (), 0.45),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "partly_granted", (), 0.08),
    ("（三）不予公开", "withheld", _WITHHELD, 0.10),
    ("（四）无法提供", "unavailable", _UNAVAILABLE, 0.27),
    ("（五）不予处理", "not_processed", _NOT_PROCESSED, 0.06),
    ("（六）其他处理", "other", _OTHER_2021, 0.04),
)
_OUTCOMES_2019 = _OUTCOMES_2021[:5] + (("（六）其他处理", "other", (), 0.04),)
_GAP = 3
_NUMBER = re.compile(r"^[+\-]?\d[\d.]*(?:万元|元)?$")


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


@dataclass
class TemplateTruth:
    """What a reader must get from a report's template tables; blank cells are None.

    `planted` names the check (its key, as `T3-I2.natural_person`) an inconsistency
    was planted for, or None when the tables are consistent.
    """

    template: str
    t2: dict[str, dict[str, Any]]
    t3: dict[str, list[int | None]]
    t4: dict[str, dict[str, int]]
    planted: str | None = None


@dataclass(frozen=True)
class RequestFigures:
    """The request matrix's numbers: each T3 row key's seven counts (six applicant columns, then 总计)."""

    template: str
    rows: dict[str, tuple[int, ...]]

    def balances(self) -> bool:
        """The template's own check: row 一 + row 二 = row 三 (总计) + row 四, in every column."""
        rows = self.rows
        return all(a + b == c + d for a, b, c, d in zip(rows["new"], rows["carried_in"], rows["total"], rows["carried_out"]))


def _outcomes(year: int) -> tuple[tuple[str, str, tuple[tuple[str, str], ...], float], ...]:
    return _OUTCOMES_2021 if year >= 2021 else _OUTCOMES_2019


def _with_total(values: list[int]) -> tuple[int, ...]:
    return tuple(values) + (sum(values),)


def _split(rng: random.Random, total: int, weights: tuple[float, ...]) -> list[int]:
    counts = [0] * len(weights)
    for index in rng.choices(range(len(weights)), weights=weights, k=total):
        counts[index] += 1
    return counts


def request_figures(rng: random.Random, year: int, busy: float) -> RequestFigures:
    """Draw a year's requests per applicant column and spread them over outcomes so every identity holds.

    `busy` scales the volume: 0 gives the all-zero table most small bodies file.
    """
    total_new = int(rng.expovariate(1 / busy)) if busy > 0 else 0
    received = _split(rng, total_new, _APPLICANT_WEIGHTS)
    carried_over = [rng.randint(0, min(3, count)) for count in received]
    carried_forward = [rng.randint(0, min(2, new + old)) if rng.random() < 0.3 else 0
                       for new, old in zip(received, carried_over)]
    handled = [new + old - forward for new, old, forward in zip(received, carried_over, carried_forward)]
    leaves = [(f"{key}.{leaf}" if labels else key, weight / len(labels or ((),)) * (3 if label.startswith("1.") else 1))
              for _, key, labels, weight in _outcomes(year) for label, leaf in (labels or (("", ""),))]
    per_column = [_split(rng, count, tuple(weight for _, weight in leaves)) for count in handled]
    rows = {"new": _with_total(received), "carried_in": _with_total(carried_over)}
    rows.update({key: _with_total([column[index] for column in per_column]) for index, (key, _) in enumerate(leaves)})
    rows.update({"total": _with_total(handled), "carried_out": _with_total(carried_forward)})
    return RequestFigures("v2021" if year >= 2021 else "v2019", rows)


def _bumped(values: tuple[int, ...], column: int, by: int) -> tuple[int, ...]:
    """`values` with `column` and the 总计 column changed by `by`."""
    return tuple(value + by if index in (column, len(values) - 1) else value for index, value in enumerate(values))


def plant_request_error(figures: RequestFigures, kind: str) -> tuple[RequestFigures, str]:
    """The figures with one inconsistency a T3 check must catch, and that check's key.

    T3-I1: one more carried forward than the balance allows; T3-I2: an outcome row
    with one more request than （七）总计 counts; T3-I3: a row whose 总计 is one more
    than its columns; T3-I4: a negative count (balanced by another row, so only it fails).
    """
    rows = dict(figures.rows)
    if kind == "T3-I1":
        rows["carried_out"] = _bumped(rows["carried_out"], 0, 1)
        key = "T3-I1.natural_person"
    elif kind == "T3-I2":
        rows["unavailable.not_held"] = _bumped(rows["unavailable.not_held"], 0, 1)
        key = "T3-I2.natural_person"
    elif kind == "T3-I3":
        repeated = rows["not_processed.repeated"]
        rows["not_processed.repeated"] = repeated[:-1] + (repeated[-1] + 1,)
        key = "T3-I3.not_processed.repeated"
    else:
        rows["withheld.state_secret"] = _bumped(rows["withheld.state_secret"], 1, -rows["withheld.state_secret"][1] - 1)
        rows["withheld.third_party_rights"] = _bumped(rows["withheld.third_party_rights"], 1, figures.rows["withheld.state_secret"][1] + 1)
        key = "T3-I4"
    return RequestFigures(figures.template, rows), key


def _number(value: int, blank_zero: bool) -> str:
    return "" if blank_zero and value == 0 else str(value)


def requests_table(figures: RequestFigures, year: int, blank_zero: bool) -> Table:
    """The 收到和处理政府信息公开申请情况 matrix for `figures`, with the template's spans."""
    table = Table()
    table.add(Cell("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", rowspan=3, colspan=3),
              Cell("申请人情况", colspan=7))
    table.add(Cell("自然人", rowspan=2), Cell("法人或其他组织", colspan=5), Cell("总计", rowspan=2))
    table.add(*APPLICANT_COLUMNS[1:])

    def numbers(key: str) -> list[str]:
        return [_number(value, blank_zero) for value in figures.rows[key]]

    table.add(Cell("一、本年新收政府信息公开申请数量", colspan=3), *numbers("new"))
    table.add(Cell("二、上年结转政府信息公开申请数量", colspan=3), *numbers("carried_in"))
    outcomes = _outcomes(year)
    first = True
    for group_label, group_key, labels, _ in outcomes:
        lead = [Cell("三、本年度办理结果", rowspan=1 + sum(len(leaves) or 1 for _, _, leaves, _ in outcomes))] if first else []
        first = False
        if not labels:
            table.add(*lead, Cell(group_label, colspan=2), *numbers(group_key))
            continue
        for position, (label, leaf) in enumerate(labels):
            group = [Cell(group_label, rowspan=len(labels))] if position == 0 else []
            table.add(*(lead if position == 0 else []), *group, label, *numbers(f"{group_key}.{leaf}"))
    table.add(Cell("（七）总计", colspan=2), *numbers("total"))
    table.add(Cell("四、结转下年度继续办理", colspan=3), *numbers("carried_out"))
    return table


def review_figures(rng: random.Random, busy: float) -> dict[str, dict[str, int]]:
    """行政复议 and both kinds of 行政诉讼: 维持/纠正/其他/未审结 and their 总计."""
    figures = {}
    for group in ("review", "litigation_direct", "litigation_after_review"):
        block = [int(rng.expovariate(1 / busy)) if busy > 0 and rng.random() < 0.5 else 0 for _ in range(4)]
        figures[group] = dict(zip(("upheld", "corrected", "other", "pending", "total"), block + [sum(block)]))
    return figures


def review_table(figures: dict[str, dict[str, int]]) -> Table:
    """The 行政复议、行政诉讼 table: three blocks of 维持/纠正/其他/未审结 with their 总计."""
    table = Table()
    table.add(Cell("行政复议", colspan=5), Cell("行政诉讼", colspan=10))
    outcomes = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
    table.add(*(Cell(label, rowspan=2) for label in outcomes), Cell("未经复议直接起诉", colspan=5),
              Cell("复议后起诉", colspan=5))
    table.add(*outcomes, *outcomes)
    table.add(*(value for group in figures.values() for value in group.values()))
    return table


def proactive_table(rng: random.Random, year: int, busy: float, negative_count: bool = False) -> tuple[Table, dict[str, dict[str, Any]]]:
    """The 第二十条 table (the trial form for 2019–2020, the revised form from 2021) and its numbers by key.

    `negative_count` writes 行政许可's decisions as a negative count (T2-I1 must fail).
    """
    table = Table()
    truth: dict[str, dict[str, Any]] = {}
    scale = max(1.0, busy * 20)
    permits, penalties = int(rng.expovariate(1 / scale)), int(rng.expovariate(1 / scale))
    coercions, documents = int(rng.expovariate(1 / (scale / 4))), rng.randint(0, 12)
    if negative_count:
        permits = -permits - 1
    if year >= 2021:
        table.add(Cell("第二十条第（一）项", colspan=4))
        table.add("信息内容", "本年制发件数", "本年废止件数", "现行有效件数")
        table.add("规章", 0, 0, 0)
        repealed, in_force = rng.randint(0, documents), documents + rng.randint(0, 60)
        table.add("行政规范性文件", documents, repealed, in_force)
        truth["regulations"] = {"issued": 0, "repealed": 0, "in_force": 0}
        truth["normative_documents"] = {"issued": documents, "repealed": repealed, "in_force": in_force}
        for item, rows in (("（五）", (("行政许可", "licensing", permits),)),
                           ("（六）", (("行政处罚", "punishment", penalties), ("行政强制", "coercion", coercions)))):
            table.add(Cell(f"第二十条第{item}项", colspan=4))
            table.add("信息内容", Cell("本年处理决定数量", colspan=3))
            for label, key, value in rows:
                table.add(label, Cell(str(value), colspan=3))
                truth[key] = {"decisions": value}
        table.add(Cell("第二十条第（八）项", colspan=4))
        table.add("信息内容", Cell("本年收费金额（单位：万元）", colspan=3))
        fee = f"{rng.uniform(0, 300):.2f}" if rng.random() < 0.4 else "0"
        table.add("行政事业性收费", Cell(fee, colspan=3))
        truth["fees"] = {"amount": float(fee) if "." in fee else 0}
        return table, truth
    table.add(Cell("第二十条第（一）项", colspan=4))
    table.add("信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量")
    table.add("规章", 0, 0, 0)
    published = documents + rng.randint(0, 60)
    table.add("规范性文件", documents, documents, published)
    truth["regulations"] = {"made": 0, "published": 0, "total_published": 0}
    truth["normative_documents"] = {"made": documents, "published": documents, "total_published": published}
    items = (("（五）", (("行政许可", "licensing", 40, 5, permits), ("其他对外管理服务事项", "other_services", 20, 3, None))),
             ("（六）", (("行政处罚", "punishment", 80, 5, penalties), ("行政强制", "coercion", 10, 3, coercions))))
    for item, rows in items:
        table.add(Cell(f"第二十条第{item}项", colspan=4))
        table.add("信息内容", "上一年项目数量", "本年增/减", "处理决定数量")
        for label, key, most, swing, decisions in rows:
            previous, change = rng.randint(0, most), rng.randint(-swing, swing)
            decisions = rng.randint(0, 50) if decisions is None else decisions
            table.add(label, previous, f"{change:+d}", decisions)
            truth[key] = {"previous_items": previous, "change": change, "decisions": decisions}
    table.add(Cell("第二十条第（八）项", colspan=4))
    table.add("信息内容", "上一年项目数量", Cell("本年增/减", colspan=2))
    fee_items, fee_change = rng.randint(0, 10), rng.randint(-2, 2)
    table.add("行政事业性收费", fee_items, Cell(f"{fee_change:+d}", colspan=2))
    truth["fees"] = {"previous_items": fee_items, "change": fee_change}
    table.add(Cell("第二十条第（九）项", colspan=4))
    table.add("信息内容", "采购项目数量", Cell("采购总金额", colspan=2))
    purchases, amount = rng.randint(0, 30), f"{rng.uniform(0, 900):.2f}"
    table.add("政府集中采购", purchases, Cell(f"{amount}万元", colspan=2))
    truth["procurement"] = {"items": purchases, "amount": float(amount)}
    return table, truth


def template_tables(rng: random.Random, year: int, busy: float, blank_zero: bool,
                    plant: str | None = None) -> tuple[list[Table], TemplateTruth]:
    """表二, 表三 and 表四 of a report for `year`, and the truth about them; `plant` is one of `PLANTS` or None."""
    proactive, t2 = proactive_table(rng, year, busy, negative_count=plant == "T2-I1")
    figures = request_figures(rng, year, busy)
    planted = "T2-I1" if plant == "T2-I1" else None
    if plant and plant.startswith("T3"):
        figures, planted = plant_request_error(figures, plant)
    review = review_figures(rng, busy / 10)
    if plant == "T4-I1":
        review["review"]["total"] += 1
        planted = "T4-I1.review"
    t3 = {key: [None if blank_zero and value == 0 else value for value in values] for key, values in figures.rows.items()}
    truth = TemplateTruth(figures.template, t2, t3, review, planted)
    return [proactive, requests_table(figures, year, blank_zero), review_table(review)], truth


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
    if form == "aligned":
        return aligned_lines(table)
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
        elif form == "bar_lines":
            lines.extend(f"{text}|" for text in texts)
            lines.append("|||")
        else:
            lines.append("".join(texts))
    return lines


def _placements(table: Table) -> list[tuple[int, int, Cell]]:
    """Each cell with its top row and left column in the grid, spans resolved as HTML does."""
    occupied: set[tuple[int, int]] = set()
    placed = []
    for row_index, row in enumerate(table.rows):
        column = 0
        for cell in row:
            while (row_index, column) in occupied:
                column += 1
            occupied.update((row_index + down, column + right) for down in range(cell.rowspan) for right in range(cell.colspan))
            placed.append((row_index, column, cell))
            column += cell.colspan
    return placed


def aligned_lines(table: Table) -> list[str]:
    """The table as `pdftotext -layout` writes it: one line per row, each column at a fixed character offset.

    Figures are right-aligned in their column, labels left-aligned, cells spanning
    columns centred over them; a cell spanning rows is written on its middle row.
    """
    placed = _placements(table)
    columns = max(left + cell.colspan for _, left, cell in placed)
    widths = [1] * columns
    for _, left, cell in sorted(placed, key=lambda item: item[2].colspan):
        span = range(left, left + cell.colspan)
        room = sum(widths[column] for column in span) + _GAP * (cell.colspan - 1)
        widths[span[-1]] += max(0, len(cell.text) - room)
    starts = [sum(widths[:column]) + _GAP * column for column in range(columns)]
    lines = [[" "] * (starts[-1] + widths[-1]) for _ in table.rows]
    for top, left, cell in placed:
        start, end = starts[left], starts[left + cell.colspan - 1] + widths[left + cell.colspan - 1]
        if cell.colspan > 1:
            position = start + (end - start - len(cell.text)) // 2
        elif _NUMBER.match(cell.text):
            position = end - len(cell.text)
        else:
            position = start
        line = lines[top + (cell.rowspan - 1) // 2]
        line[position : position + len(cell.text)] = list(cell.text)
    return [text for text in ("".join(line).rstrip() for line in lines) if text]


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
