"""Word and PDF versions of report text, made by the tests themselves (python-docx, reportlab).

A report's text is cut into paragraphs and tables the way nianbao reads it
(`normalize_tables`: ` | ` rows, one-cell-per-line exports, aligned columns);
the tables become real Word tables or ruled PDF tables, the paragraphs Word
paragraphs or wrapped PDF paragraphs (Chinese set in reportlab's built-in CID
font STSong-Light, first lines indented two characters as reports are). Page
headers, footers and page numbers are added the way reports carry them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Union

from indexer.tables.model import Table
from indexer.text_clean import normalize_characters, normalize_tables

CHINESE_FONT = "STSong-Light"
SEED = Path(__file__).resolve().parents[1] / "corpus" / "001_262dcc4a3a2079b1.txt"
HEADER = "某某市人民政府信息公开专栏"

Block = Union[str, Table]


@dataclass
class Heading:
    """A paragraph to be set as a heading: by style alone, or numbered by Word's list numbering."""

    text: str
    numbered: bool = False


def report_blocks(text: str) -> list[Block]:
    """A report's text as paragraphs (strings) and tables, as nianbao would cut it."""
    normalized = normalize_tables(normalize_characters(text).split("\n"))
    starts = {}
    for found in normalized.tables:
        starts.setdefault(found.lines[0], []).append(found)
    blocks: list[Block] = []
    index = 0
    while index < len(normalized.lines):
        line = normalized.lines[index]
        found = next((table for table in starts.get(line, []) if normalized.lines[index : index + len(table.lines)] == table.lines), None)
        if found is not None:
            blocks.append(found.table)
            index += len(found.lines)
            continue
        if " | " in line:
            blocks.append(Table([[cell.strip() for cell in line.split("|")]], "pipes"))
        elif line.strip():
            blocks.append(line.strip())
        index += 1
    return _joined_pipe_rows(blocks)


def _joined_pipe_rows(blocks: list[Block]) -> list[Block]:
    """Consecutive one-row ` | ` tables as one table, rows padded to one width."""
    joined: list[Block] = []
    for block in blocks:
        previous = joined[-1] if joined else None
        if isinstance(block, Table) and isinstance(previous, Table) and block.shape == previous.shape == "pipes":
            previous.rows.extend(block.rows)
        else:
            joined.append(block)
    for block in joined:
        if isinstance(block, Table):
            width = max(len(row) for row in block.rows)
            block.rows = [[cell or "" for cell in row] + [""] * (width - len(row)) for row in block.rows]
    return joined


def write_docx(blocks: list[Union[Block, Heading]], path: Path, header: str | None = HEADER, title: str | None = None) -> Path:
    """A .docx of the blocks: Word tables (spans merged), headings styled or list-numbered, a page header and footer."""
    import docx
    from docx.oxml.ns import qn

    document = docx.Document()
    if title:
        document.add_paragraph(title, style="Title")
    list_id = _add_chinese_list(document)
    for block in blocks:
        if isinstance(block, Table):
            _add_word_table(document, block)
        elif isinstance(block, Heading):
            paragraph = document.add_paragraph(block.text, style="Heading 1")
            if block.numbered:
                numbering = paragraph._p.get_or_add_pPr().get_or_add_numPr()
                numbering.get_or_add_ilvl().val = 0
                numbering.get_or_add_numId().val = list_id
        else:
            document.add_paragraph(block)
    section = document.sections[0]
    if header:
        section.header.paragraphs[0].text = header
        footer = section.footer.paragraphs[0]
        footer.text = "— "
        run = footer.add_run()
        for tag, text in (("w:fldChar", "begin"), ("w:instrText", "PAGE"), ("w:fldChar", "end")):
            element = run._r.makeelement(qn(tag), {qn("w:fldCharType"): text} if tag == "w:fldChar" else {})
            if tag == "w:instrText":
                element.text = text
            run._r.append(element)
        footer.add_run(" —")
    document.save(path)
    return path


def _add_chinese_list(document) -> int:
    """A list numbered 一、二、三 (chineseCounting, `%1、`) in the document's numbering part; its numId."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    numbering = document.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        '<w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl></w:abstractNum>'
    )
    numbering.insert(0, abstract)
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    return 90


def _add_word_table(document, table: Table) -> None:
    width = max(len(row) for row in table.rows)
    word_table = document.add_table(rows=len(table.rows), cols=width)
    word_table.style = "Table Grid"
    for row_index, row in enumerate(table.rows):
        for column, text in enumerate(row):
            if text is not None:
                word_table.cell(row_index, column).text = text
    for top, left, rows, columns in table.spans:
        word_table.cell(top, left).merge(word_table.cell(top + rows - 1, left + columns - 1))
        word_table.cell(top, left).text = table.rows[top][left] or ""


def write_pdf(
    blocks: list[Union[Block, Heading]], path: Path, header: str | None = HEADER, page_numbers: str | None = "— {page} —", title: str | None = None
) -> Path:
    """A PDF of the blocks: wrapped Chinese paragraphs, ruled tables (split over pages with their header row
    repeated), a page header and page numbers on every page."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table as PdfTable, TableStyle
    from xml.sax.saxutils import escape

    if CHINESE_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(CHINESE_FONT))
    body = ParagraphStyle("body", fontName=CHINESE_FONT, fontSize=11, leading=18, firstLineIndent=22, wordWrap="CJK")
    heading = ParagraphStyle("heading", parent=body, fontSize=12, firstLineIndent=22)
    title_style = ParagraphStyle("title", parent=body, fontSize=18, leading=26, alignment=1, firstLineIndent=0)
    cell = ParagraphStyle("cell", fontName=CHINESE_FONT, fontSize=7, leading=8.5, wordWrap="CJK")
    story = [Paragraph(escape(title), title_style), Spacer(1, 12)] if title else []
    for block in blocks:
        if isinstance(block, Table):
            width = max(len(row) for row in block.rows)
            rows = [[Paragraph(escape(text or ""), cell) for text in row] + [""] * (width - len(row)) for row in block.rows]
            commands = [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("FONT", (0, 0), (-1, -1), CHINESE_FONT, 8)]
            commands += [("SPAN", (left, top), (left + columns - 1, top + rows_ - 1)) for top, left, rows_, columns in block.spans]
            story.append(PdfTable(rows, repeatRows=1, colWidths=_column_widths(block, width, A4[0] - 144), style=TableStyle(commands)))
        elif isinstance(block, Heading):
            story.append(Paragraph(escape(block.text), heading))
        else:
            story.append(Paragraph(escape(block), body))

    def furniture(canvas, document) -> None:
        canvas.setFont(CHINESE_FONT, 9)
        if header:
            canvas.drawCentredString(A4[0] / 2, A4[1] - 40, header)
        if page_numbers:
            canvas.drawCentredString(A4[0] / 2, 30, page_numbers.format(page=document.page))

    SimpleDocTemplate(str(path), pagesize=A4, leftMargin=72, rightMargin=72, topMargin=72, bottomMargin=72).build(
        story, onFirstPage=furniture, onLaterPages=furniture
    )
    return path


def _column_widths(table: Table, width: int, total: float) -> list[float]:
    """Column widths by the longest text a column holds alone (spanning cells left out), within bounds."""
    spanning = {(top, left) for top, left, _, columns in table.spans if columns > 1}
    longest = [4] * width
    for row_index, row in enumerate(table.rows):
        for column, text in enumerate(row):
            if text and (row_index, column) not in spanning:
                longest[column] = max(longest[column], min(len(text), 14))
    return [total * share / sum(longest) for share in longest]


def write_scanned_pdf(path: Path, pages: int = 2) -> Path:
    """A PDF of page images only, as a scanner makes them: no text layer at all."""
    from PIL import Image, ImageDraw
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    image = Image.new("L", (595, 842), 255)
    draw = ImageDraw.Draw(image)
    for row in range(80, 760, 24):
        draw.rectangle((72, row, 523, row + 10), fill=40)
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for _ in range(pages):
        pdf.drawImage(ImageReader(image), 0, 0, width=A4[0], height=A4[1])
        pdf.showPage()
    pdf.save()
    return path


def html_blocks(html_text: str) -> list[Block]:
    """An HTML page's content as nianbao reads it: its lines, with each data table as its grid (spans kept)."""
    from indexer.html_clean import clean_html

    page = clean_html(html_text)
    blocks: list[Block] = []
    index = 0
    tables = list(page.tables)
    while index < len(page.lines):
        if tables and page.lines[index : index + len(tables[0].lines)] == tables[0].lines:
            blocks.append(tables[0].table)
            index += len(tables.pop(0).lines)
        else:
            blocks.append(page.lines[index])
            index += 1
    return blocks


ATTACHMENT_NAME = "榕江县民政局2019年年报.pdf"
LINKING_PAGE = """<html><head><meta charset="gbk"><title>榕江县民政局2019年政府信息公开工作年度报告_榕江县人民政府</title>
<link rel="canonical" href="http://www.rongjiang.gov.cn/zwgk/2020/t2020_01.html"></head><body>
<div class="position">首页 &gt; 政务公开 &gt; 年度报告</div>
<table><tr><td>发布机构：</td><td>榕江县民政局</td><td>发布日期：</td><td>2020-01-20</td></tr></table>
<div id="zoom"><p>榕江县民政局2019年政府信息公开工作年度报告</p><p>详见附件。</p>
<p>附件：<a href="/zwgk/2020/{href}">{name}</a></p></div>
<div class="footer">版权所有：榕江县人民政府</div></body></html>"""


def gbk_path(directory: Path, name: str) -> Path:
    """A path whose file name is stored as GBK bytes, as crawls of old sites leave them."""
    return Path(os.fsdecode(os.fsencode(directory) + b"/" + name.encode("gbk")))


def write_linking_pair(directory: Path, href_codec: str = "gbk") -> tuple[Path, Path]:
    """A GBK page that only links its report, and the report beside it as a PDF with a GBK file name."""
    attachment = write_pdf(report_blocks(SEED.read_text(encoding="utf-8")), gbk_path(directory, ATTACHMENT_NAME))
    href = "".join(f"%{byte:02X}" for byte in ATTACHMENT_NAME.encode(href_codec))
    page = directory / "t2020_01.html"
    page.write_bytes(LINKING_PAGE.format(href=href, name=ATTACHMENT_NAME).encode("gbk"))
    return page, attachment
