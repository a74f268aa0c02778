"""Page furniture that text pages carry along (copied or scraped pages, not HTML we clean ourselves).

Each rule names something no report writes as a line of its own: a site's search
widget (`选择搜索类型`), `登录 | 注册`, `相关解读`, an audio widget (`点击收听本文`), a
navigation menu (`新闻 要闻 动态 专题 访谈`), a link bar (`中国政府网|…门户网站|`), a
file name (`01.jpg`), a markdown table rule (`|---|---|`), a document-sharing
site's notices (`下载文档前请自行甄别…`), an encyclopedia page's infobox and table of
contents (`基本介绍`, `简介,一、概述,二、…`), a site header (`瑶海区人力资源和社会保障局-信息公开`)
and `key: value` lines of page information (`日期:2020-01-10`, `- 编辑:管理员`).
Lines are matched in their matching form (no spaces, simplified, lower case)
unless said otherwise.
"""

from __future__ import annotations

import re

from indexer.chinese import HAN, YEAR

_WIDGET_LINES = re.compile(
    r"^(?:登录|注册|用户登录|个人中心|首页|返回首页|网站首页|选择搜索类型|选择特殊符号|请输入搜索(?:关键词|内容|关键字)?|搜索|高级搜索|全文检索|站内搜索|"
    r"相关解读|相关文件|相关链接|相关阅读|相关新闻|相关信息|政策解读|图片解读|视频解读|文件下载|附件下载|合集下载|下载|"
    r"长者版|关怀版|老年版|无障碍阅读|开启无障碍|无障碍浏览|简体中文|繁体中文|english|使用帮助|logo|"
    r"基本介绍|基本信息|词条|百科名片|目录|展开|收起|"
    r"(?:点击)?(?:收听|播放|暂停|朗读|语音播报|听全文|听新闻)(?:本文|全文|文章)?|"
    r"[-•·*●◆|/、\s]|(?:登录|注册))+$"
)
_SITE_NOTICE = re.compile(
    r"下载文档前请自行甄别|仅部分预览|文档侵犯您的权益|人工客服工作时间|不提供额外的编辑|可反馈申请退款|"
    r"本文档由用户上传|文档贡献者|下载积分|付费下载|vip(?:会员|免费)|百度文库|豆丁网|道客巴巴|原创力文档"
)
_NOTICE_HINT = re.compile("文档|客服|退款|预览|积分|下载|文库|豆丁|道客|VIP|vip")
_MARKDOWN_RULE = re.compile(r"^\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*$")
_FILE_NAME = re.compile(r"^(?:附件[:：]?\s*\d*[.、]?\s*)?[^\s。，；]{1,80}\.(?:jpe?g|png|gif|bmp|pdf|docx?|xlsx?|wps|et|zip|rar|7z|ofd)$", re.I)
_LINK_BAR_ITEM = re.compile(r"(?:网|网站|门户|浏览|首页|部|政府)$")
_INFOBOX_KEY = re.compile(r"^[-•·*●◆]?(?:中文名|外文名|英文名|地点|类型|时间|发布单位|所属|别名|简称|性质)[:：]")
_TABLE_OF_CONTENTS = re.compile(r"^(?:简介|目录)[,，、:：]")
_SITE_HEADER = re.compile(r"^(?!.*(?:报告|年报|\d))[^。，,；]{2,30}[-_—|｜]+(?:政府)?(?:信息公开|政务公开)(?:网|专栏|平台|目录)?$")
_PAGE_INFO = re.compile(r"^[-•·*●◆]?(?:日期|时间|发布日期|发布时间|更新时间|编辑|责任编辑|来源|信息来源)[:：]")
_DATE_VALUE = re.compile(rf"^[-•·*●◆]?(?:日期|时间|发布日期|发布时间|更新时间)[:：]\s*{YEAR}[-/.年]\d{{1,2}}")
_NAV_TOKEN = re.compile(rf"^(?:[{HAN}]{{2,5}}|[A-Za-z]{{2,12}})$")
_WORD = re.compile(r"[^\W_]")
# What every rule's lines hold somewhere; a line without any of it is passed over at once.
_MAYBE_FURNITURE = re.compile(
    r"\.[a-z0-9]{2,4}$|[:：]|公开(?:网|专栏|平台|目录)?$|登录|注册|中心|首页|选择|符号|搜索|输入|检索|相关|下载|版|障碍|"
    r"中文|english|帮助|logo|介绍|基本|词条|百科|目录|展开|收起|收听|播放|暂停|朗读|播报|听|简介|文档|客服|退款|预览|积分|付费|"
    r"vip|文库|豆丁|道客|原创力|上传|贡献"
)
_NAV_SPACING = re.compile(r"\S\s+\S+\s+\S")
_NAV_TOKENS_MIN = 3
_NAV_LINE_MAX = 60
_LINK_BAR_MIN = 3
_LINK_BAR_ITEM_MAX = 20
_PAGE_INFO_MAX = 120


def is_page_furniture(line: str, form: str) -> bool:
    """True for a line of page furniture (see the module docstring); `form` is its matching form."""
    if "---" in line and _MARKDOWN_RULE.match(line.strip()):
        return True
    if form.count("|") >= _LINK_BAR_MIN - 1 and _is_link_bar(form):
        return True
    if not _MAYBE_FURNITURE.search(form):
        return _NAV_SPACING.search(line) is not None and _is_nav_menu(line)
    if not _WORD.search(form):
        return False  # `|||` and blank lines are layout, not furniture
    if _SITE_NOTICE.search(form) or _FILE_NAME.match(form):
        return True
    if len(form) <= _NAV_LINE_MAX and _WIDGET_LINES.match(form) or _TABLE_OF_CONTENTS.match(form) and form.count("、") >= 2:
        return True
    if len(form) <= _PAGE_INFO_MAX and (_INFOBOX_KEY.match(form) or _SITE_HEADER.match(form) or _is_page_info(form)):
        return True
    return _is_nav_menu(line)


def is_site_notice(line: str) -> bool:
    """A document-sharing site's notice (`下载文档前请自行甄别…`): sentences, but not the report's."""
    return _NOTICE_HINT.search(line) is not None and _SITE_NOTICE.search(line.lower()) is not None


def _is_page_info(form: str) -> bool:
    """`日期:2020-01-10`, `- 编辑:辽宁省民政厅管理员`, `时间:2015-01-07 15:12`: no sentence, page information."""
    if "。" in form or "，" in form:
        return False
    return bool(_DATE_VALUE.match(form)) or (bool(_PAGE_INFO.match(form)) and form[:1] in "-•·*●◆")


def _is_nav_menu(line: str) -> bool:
    """`新闻 要闻 动态 专题 访谈`: three or more short words and nothing else."""
    tokens = line.split()
    return (
        len(tokens) >= _NAV_TOKENS_MIN
        and len(line.strip()) <= _NAV_LINE_MAX
        and all(_NAV_TOKEN.match(token) for token in tokens)
    )


def _is_link_bar(form: str) -> bool:
    """`中国政府网|中华人民共和国民政部|湖南省政府门户网站无障碍浏览|`: links to other sites."""
    items = [item for item in form.split("|") if item]
    return (
        len(items) >= _LINK_BAR_MIN
        and all(len(item) <= _LINK_BAR_ITEM_MAX and not re.search(r"\d", item) for item in items)
        and sum(1 for item in items if _LINK_BAR_ITEM.search(item)) >= 2
    )
