"""Lay a report's content out as a file the way real sites and crawls deliver it.

HTML pages carry CMS chrome (navigation, breadcrumbs, 来源/发布时间 lines, the
字体大中小 widget, 打印/关闭, previous/next links, a 版权所有/ICP备/网站标识码
footer) around a content container (`.TRS_Editor`, `#zoom`, …, or none).
Text files look like crawled or exported pages: an optional metadata block,
chrome lines, indented paragraphs, tables in one of three text forms, page
markers and Word bookmarks now and then. Either may end up in traditional
characters and in GBK.
"""

from __future__ import annotations

import html
import json
import random
from dataclasses import dataclass
from functools import lru_cache

import opencc
import tables
from report_content import ReportContent

CONTAINERS: tuple[tuple[str, str], ...] = (
    ('div class="TRS_Editor"', "div"), ('div id="zoom"', "div"), ('div class="Custom_UnionStyle"', "div"),
    ('div id="UCAP-CONTENT"', "div"), ('div class="article-content"', "div"), ('div class="pages_content"', "div"),
)
_HALF_WIDTH_PUNCTUATION = str.maketrans("，：；（）", ",:;()")


@dataclass(frozen=True)
class FileFormat:
    """How a report is stored: suffix, byte encoding and, for HTML, the charset the page declares."""

    suffix: str
    encoding: str
    declared: str | None = None

    @property
    def label(self) -> str:
        if self.suffix == ".txt":
            return f"txt/{self.encoding}"
        return f"html/{self.encoding}/" + (f"declared {self.declared}" if self.declared else "undeclared")


@dataclass(frozen=True)
class PageStyle:
    """The per-report choices of layout, drawn once so the whole file is consistent."""

    table_form: str
    half_width_punctuation: bool
    traditional: bool


@lru_cache(maxsize=1)
def _to_traditional() -> opencc.OpenCC:
    return opencc.OpenCC("s2t")


def _body_text(style: PageStyle, text: str) -> str:
    if style.half_width_punctuation:
        text = text.translate(_HALF_WIDTH_PUNCTUATION)
    return text


def _source_label(content: ReportContent, rng: random.Random) -> str:
    return rng.choice((content.agency, content.site_owner, content.agency.replace(content.site_owner[:-4], "")))


def _time_of_day(rng: random.Random) -> str:
    return f"{rng.randint(8, 18):02d}:{rng.randint(0, 59):02d}"


def _footer_lines(content: ReportContent, rng: random.Random) -> list[str]:
    site, abbreviation = content.site_owner, content.province_abbreviation
    street = rng.choice(("人民路", "中山路", "建设路", "府前街"))
    vendor = rng.choice(("开普云", "拓尔思", "大汉网络", "南威软件"))
    return [
        f"版权所有：{site}  主办：{site}办公室  承办：{site}电子政务中心",
        (f"{abbreviation}ICP备{rng.randint(10000000, 99999999)}号  "
         f"{abbreviation}公网安备 {rng.randint(10**13, 10**14 - 1)}号  网站标识码：{rng.randint(10**9, 10**10 - 1)}"),
        (f"地址：{site[:-4]}{street}{rng.randint(1, 300)}号  "
         f"联系电话：0{rng.randint(100, 999)}-{rng.randint(2000000, 8999999)}  技术支持：{vendor}"),
        "推荐使用1920*1080分辨率，IE9+、谷歌、火狐、360极速浏览器访问本站",
    ]


def _metadata_pairs(content: ReportContent, rng: random.Random) -> list[tuple[str, str]]:
    publisher = content.agency if rng.random() < 0.7 else content.site_owner
    return [
        ("索引号", content.index_no),
        (rng.choice(("发文机关", "发布机构")), publisher),
        ("成文日期", content.published if rng.random() < 0.7 else ""),
        (rng.choice(("发布时间", "发布日期")), content.published),
        (rng.choice(("标题", "信息名称")), content.title),
    ]


def render_text(content: ReportContent, rng: random.Random, style: PageStyle) -> str:
    """The report as a crawled or exported text file."""
    lines: list[str] = []
    if rng.random() < 0.25:
        pairs = _metadata_pairs(content, rng)
        if rng.random() < 0.5:
            lines.extend(f"- {key}: {value}" for key, value in pairs)
        else:
            for key, value in pairs:
                lines.extend((f"- {key}：", f"  {value}"))
    lines.extend(content.title_lines)
    if rng.random() < 0.3:
        lines.extend(("", f"来源: {_source_label(content, rng)} 发布时间: {content.published} {_time_of_day(rng)}", ""))
    indent = rng.choice(("", "", "  ", "　　", "      "))
    gap = rng.random() < 0.5
    page_marker_every = rng.randint(3, 6) if rng.random() < 0.05 else 0
    bookmark = rng.random() < 0.03
    paragraphs_written = 0
    for section in content.sections:
        if section.heading:
            lines.append(indent + section.heading)
            if gap:
                lines.append("")
        for block in section.blocks:
            if isinstance(block, str):
                lines.append(indent + _body_text(style, block))
                paragraphs_written += 1
                if page_marker_every and paragraphs_written % page_marker_every == 0:
                    lines.extend(("", f"— {paragraphs_written // page_marker_every + 1} —", ""))
            else:
                if bookmark:
                    lines.append("[bookmark: _GoBack]")
                lines.extend(_body_text(style, line) for line in tables.table_text_lines(block, style.table_form))
            if gap:
                lines.append("")
    lines.extend(("", *content.signature, ""))
    if rng.random() < 0.35:
        lines.extend(("", "微博", "微信", ""))
        lines.extend(_footer_lines(content, rng))
    text = "\n".join(lines) + "\n"
    return _to_traditional().convert(text) if style.traditional else text


def _paragraph_html(text: str, rng_choice: int) -> str:
    escaped = html.escape(text)
    if rng_choice == 0:
        return f'<p style="text-indent:2em;">{escaped}</p>'
    if rng_choice == 1:
        return f"<p>　　{escaped}</p>"
    return (f'<p class="MsoNormal" style="text-indent:32pt;line-height:28pt"><span style="font-family:仿宋_GB2312;'
            f'font-size:16pt">{escaped}</span></p>')


def _heading_html(text: str, rng_choice: int) -> str:
    escaped = html.escape(text)
    if rng_choice == 0:
        return f'<p style="text-indent:2em;"><strong>{escaped}</strong></p>'
    if rng_choice == 1:
        return f"<p>{escaped}</p>"
    return f"<h3>{escaped}</h3>"


def _content_html(content: ReportContent, rng: random.Random, style: PageStyle) -> str:
    paragraph_style, heading_style = rng.randint(0, 2), rng.randint(0, 2)
    styled_tables = rng.random() < 0.5
    parts: list[str] = []
    for section in content.sections:
        if section.heading:
            parts.append(_heading_html(section.heading, heading_style))
        for block in section.blocks:
            if not isinstance(block, str):
                parts.append(tables.table_html(block, styled_tables))
            elif block in section.subheadings:
                parts.append(_heading_html(_body_text(style, block), heading_style))
            else:
                parts.append(_paragraph_html(_body_text(style, block), paragraph_style))
    parts.extend(f'<p style="text-align:right">{html.escape(line)}</p>' for line in content.signature)
    return "\n".join(parts)


def _charset_meta(declared: str | None, rng: random.Random) -> str:
    if declared is None:
        return ""
    if rng.random() < 0.5:
        return f'<meta charset="{declared}">'
    return f'<meta http-equiv="Content-Type" content="text/html; charset={declared}">'


def render_html(content: ReportContent, rng: random.Random, style: PageStyle, declared: str | None,
                source_url: str) -> str:
    """The report as a government portal's article page."""
    site, title = content.site_owner, content.title
    opening, closing = rng.choice(CONTAINERS) if rng.random() < 0.9 else ('div class="content"', "div")
    head = [
        "<!DOCTYPE html>", "<html>", "<head>", _charset_meta(declared, rng),
        f"<title>{html.escape(title if rng.random() < 0.85 else site)}_{html.escape(site)}</title>",
        f'<meta name="keywords" content="{html.escape(site)},政府信息公开,年度报告">',
    ]
    if rng.random() < 0.5:
        head.extend((f'<meta name="ArticleTitle" content="{html.escape(title)}">',
                     f'<meta name="PubDate" content="{content.published} {_time_of_day(rng)}">',
                     f'<meta name="ContentSource" content="{html.escape(_source_label(content, rng))}">'))
    if rng.random() < 0.3:
        head.append(f'<link rel="canonical" href="{html.escape(source_url)}">')
    head.extend(('<link rel="stylesheet" href="/css/common.css">',
                 "<style>.main{width:1200px;margin:0 auto}.info span{margin-right:20px}</style>",
                 '<script src="/js/jquery.min.js"></script>', "</head>"))
    body = [
        '<body><div class="header"><div class="logo">' + html.escape(site) + "</div>",
        ('<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>'
         '<li><a href="/zwfw/">政务服务</a></li><li><a href="/hdjl/">互动交流</a></li>'
         f'<li><a href="/zj/">走进{html.escape(site[:-4])}</a></li></ul></div>'),
        ('<div class="main"><div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; '
         '<a href="/zwgk/xxgk/">政府信息公开</a> &gt; <a href="/zwgk/xxgk/nb/">政府信息公开年报</a></div>'),
    ]
    if rng.random() < 0.4:
        rows = "".join(f"<tr><th>{html.escape(key)}：</th><td>{html.escape(value)}</td></tr>"
                       for key, value in _metadata_pairs(content, rng))
        body.append(f'<table class="xxgk-info">{rows}</table>')
    if content.title_lines:
        body.append(f'<h1 class="article-title">{"<br>".join(html.escape(line) for line in content.title_lines)}</h1>')
    body.append(
        f'<div class="info"><span>来源：{html.escape(_source_label(content, rng))}</span>'
        f"<span>发布时间：{content.published} {_time_of_day(rng)}</span>"
        f'<span>浏览次数：<em id="hits">{rng.randint(20, 5000)}</em></span>'
        '<span>字体：[<a href="javascript:doZoom(18)">大</a> <a href="javascript:doZoom(16)">中</a> '
        '<a href="javascript:doZoom(14)">小</a>]</span></div>')
    body.append(f"<{opening}>\n{_content_html(content, rng, style)}\n</{closing}>")
    body.append('<div class="tools"><a href="javascript:window.print()">【打印本页】</a> '
                '<a href="javascript:window.close()">【关闭窗口】</a> 分享到：<a>微信</a> <a>微博</a> <a>QQ空间</a></div>')
    if rng.random() < 0.5:
        body.append(f'<div class="prev-next"><p>上一篇：<a href="#">{html.escape(site)}关于开展政务公开培训的通知</a></p>'
                    f'<p>下一篇：<a href="#">{html.escape(site)}{content.year + 1}年政务公开工作要点</a></p></div>')
    body.append("</div>")
    body.append('<div class="footer">' + "".join(f"<p>{html.escape(line)}</p>" for line in _footer_lines(content, rng))
                + "</div>")
    body.append('<script>var _hmt = _hmt || []; function doZoom(size){document.getElementById("zoom").style.fontSize'
                '=size+"px";}</script>')
    body.append("</body></html>")
    page = "\n".join(line for line in head + body if line) + "\n"
    return _to_traditional().convert(page) if style.traditional else page


def encode_page(text: str, file_format: FileFormat) -> bytes:
    """Encode as the site would; GBK pages write characters GBK lacks as numeric references, as browsers do."""
    if file_format.encoding == "gbk":
        return text.encode("gbk", errors="xmlcharrefreplace")
    return text.encode(file_format.encoding)


def sidecar_json(content: ReportContent, source_url: str, facts: dict[str, object]) -> bytes:
    """The crawl's metadata for a page, as the `NAME.json` sidecar beside it; `facts` what it knows of the body."""
    data = {"source_url": source_url, "agency": content.agency, "year": content.year,
            "published": content.published, "title": content.title, **facts}
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
