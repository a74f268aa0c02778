"""Parsing speed: reports per second on the corpus and on synthetic seed-sized pages and documents.

Run: .venv/bin/python tests/bench/bench_parse.py [--rounds N] [--document-rounds N] [--long-pdf-pages N]

The synthetic pages wrap each seed's text in the chrome of a real government
page (head, scripts, navigation, breadcrumbs, metadata table, share/print
widgets, footer), with its ` | ` rows as an HTML table, in UTF-8 and in GBK;
the synthetic text files are the seeds in GB18030; the documents are the seeds
as .docx and .pdf (tests/format_fixtures.py: real tables, page header, page
numbers). Everything runs on one core. Last, a long PDF (the seeds over and
over, N pages) is parsed by `nianbao parse` in a process of its own, with its
wall time, CPU time and peak memory, beside a PDF a tenth as long.
"""

from __future__ import annotations

import argparse
import html
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from format_fixtures import report_blocks, write_docx, write_pdf  # noqa: E402
from indexer import load_report  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
NIANBAO = Path(sys.executable).parent / "nianbao"
PAGE = """<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{title}_某某市人民政府门户网站</title><link rel="canonical" href="http://www.example.gov.cn/xxgk/{name}.html">
<script>var _hmt=_hmt||[];(function(){{var hm=document.createElement("script");}})();</script>
<style>body{{font-size:14px}} .TRS_Editor p{{line-height:2em}}</style></head><body>
<div class="top"><div class="topbar"><a href="/">设为首页</a> | <a href="#">加入收藏</a> | <a href="#">无障碍</a></div></div>
<div class="nav"><ul>{nav}</ul></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 年度报告</div>
<table class="xxgk"><tr><td>索引号：</td><td>000014349/2020-00021</td><td>发布机构：</td><td>某某市人民政府</td></tr>
<tr><td>发布日期：</td><td>2020-03-28</td><td>名称：</td><td>{title}</td></tr></table>
<h1 class="title">{title}</h1>
<div class="info">发布时间：2020-03-28 16:20　来源：本网　浏览次数：1024　【字体：<a>大</a> <a>中</a> <a>小</a>】</div>
<div class="TRS_Editor">{body}</div>
<div class="share">分享到：<a>微信</a> <a>微博</a></div><div class="print"><a>【打印本页】</a> <a>【关闭窗口】</a></div>
<div class="footer"><p>主办：某某市人民政府办公室</p><p>版权所有：某某市人民政府 网站标识码：4416220001 粤ICP备05012345号</p></div>
<script src="/js/footer.js"></script></body></html>"""


def _html_body(text: str) -> str:
    parts: list[str] = []
    rows: list[str] = []
    for line in text.splitlines():
        if " | " in line or line.rstrip().endswith("|"):
            cells = "".join(f"<td>{html.escape(cell.strip())}</td>" for cell in line.split("|"))
            rows.append(f"<tr>{cells}</tr>")
            continue
        if rows:
            parts.append(f"<table border='1'>{''.join(rows)}</table>")
            rows = []
        if line.strip():
            parts.append(f"<p style='text-indent:2em'>{html.escape(line.strip())}</p>")
    if rows:
        parts.append(f"<table border='1'>{''.join(rows)}</table>")
    return "\n".join(parts)


def write_synthetic(directory: Path, seeds: list[Path]) -> dict[str, list[Path]]:
    """Seed-sized HTML pages (UTF-8 and GBK) and GB18030 text files built from the seeds."""
    nav = "".join(f"<li><a href='/c{index}/'>栏目{index}</a></li>" for index in range(30))
    files: dict[str, list[Path]] = {"html-utf8": [], "html-gbk": [], "text-gb18030": []}
    for seed in seeds:
        text = seed.read_text(encoding="utf-8")
        title = next((line.strip() for line in text.splitlines() if "报告" in line or "总结" in line), "政府信息公开工作年度报告")
        for kind, charset in (("html-utf8", "utf-8"), ("html-gbk", "gbk")):
            page = PAGE.format(charset=charset, title=html.escape(title), name=seed.stem, nav=nav, body=_html_body(text))
            path = directory / f"{seed.stem}.{charset}.html"
            path.write_bytes(page.encode(charset, errors="replace"))
            files[kind].append(path)
        path = directory / f"{seed.stem}.gb18030.txt"
        path.write_bytes(text.encode("gb18030"))
        files["text-gb18030"].append(path)
    return files


def write_documents(directory: Path, seeds: list[Path]) -> dict[str, list[Path]]:
    """The seeds as .docx and .pdf files."""
    files: dict[str, list[Path]] = {"docx": [], "pdf": []}
    for seed in seeds:
        blocks = report_blocks(seed.read_text(encoding="utf-8"))
        files["docx"].append(write_docx(blocks, directory / f"{seed.stem}.docx"))
        files["pdf"].append(write_pdf(blocks, directory / f"{seed.stem}.pdf"))
    return files


def long_pdf(directory: Path, seeds: list[Path], pages: int) -> tuple[Path, int]:
    """A PDF of at least `pages` pages: the seeds' paragraphs and tables over and over; its real page count."""
    import pdfplumber

    blocks = [block for seed in seeds for block in report_blocks(seed.read_text(encoding="utf-8"))]
    path = directory / f"long-{pages}.pdf"
    copies = max(1, pages // 17)  # the five seeds fill about 17 pages
    while True:
        write_pdf(blocks * copies, path)
        with pdfplumber.open(path) as pdf:
            count = len(pdf.pages)
        if count >= pages:
            return path, count
        copies = copies * pages // count + 1


def measure_long_pdf(path: Path) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak RSS (MB) of `nianbao parse` on one file, in a process of its own."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    run = subprocess.run([str(NIANBAO), "parse", str(path)], capture_output=True, text=True)
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if run.returncode != 0:
        raise SystemExit(f"nianbao parse failed on {path}: {run.stderr[-300:]}")
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return wall, cpu, after.ru_maxrss / 1024


def measure(paths: list[Path], rounds: int) -> tuple[float, float, float]:
    """Best and median reports per CPU second over `rounds` passes, and mean kilobytes per report.

    CPU time of this process (not wall time) is what "on one core" means and is
    not inflated by other work on the machine; the best pass is the least disturbed.
    """
    for path in paths:
        load_report(path)  # warm caches (OpenCC, character tables) once
    rates = []
    for _ in range(rounds):
        start = time.process_time()
        for path in paths:
            load_report(path)
        rates.append(len(paths) / max(time.process_time() - start, 1e-9))
    size = sum(path.stat().st_size for path in paths) / len(paths) / 1024
    return max(rates), statistics.median(rates), size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=40, help="passes over each set of pages and text files")
    parser.add_argument("--document-rounds", type=int, default=8, help="passes over the .docx and .pdf files")
    parser.add_argument("--long-pdf-pages", type=int, default=200, help="pages of the long PDF (0: skip it)")
    args = parser.parse_args()
    seeds = sorted((ROOT / "corpus").glob("*.txt"))
    with tempfile.TemporaryDirectory() as temporary:
        sets = {"corpus": seeds, **write_synthetic(Path(temporary), seeds)}
        documents = write_documents(Path(temporary), seeds)
        for name, paths in [*sets.items(), *documents.items()]:
            rounds = args.document_rounds if name in documents else args.rounds
            best, median, size = measure(paths, rounds)
            print(f"{name:14} {len(paths):3} files, {size:5.1f} KB each: {best:6.1f} reports/s best pass, {median:6.1f} median (per CPU second)")
        if args.long_pdf_pages:
            for pages in (max(1, args.long_pdf_pages // 10), args.long_pdf_pages):
                path, count = long_pdf(Path(temporary), seeds, pages)
                wall, cpu, peak = measure_long_pdf(path)
                print(f"long PDF      {count:4} pages, {path.stat().st_size / 1024 / 1024:5.1f} MB: {wall:6.1f} s wall, "
                      f"{cpu:6.1f} s CPU, {cpu / count * 1000:5.0f} ms per page, peak RSS {peak:6.0f} MB")


if __name__ == "__main__":
    main()
