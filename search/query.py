"""The query language: terms, "exact phrases", OR, NOT/-, parentheses and inline filters.

    低保 "信息公开"                    both must occur
    行政复议 OR 行政诉讼  /  行政复议 或 行政诉讼        either
    -收费  /  NOT 收费  /  非 收费      must not occur
    (行政复议 或 行政诉讼) 与 低保        grouping; AND (与) is what a space means anyway
    agency:天水市民政局 year:2018-2020 section:problems region:330000 kind:民政 level:county
    机构：民政局 年度：2019年至2021年 部分：问题与改进 地区：浙江省 类型：民政 层级：县级

What a Chinese keyboard types is read as meant: full-width `：－＋（）｜`, curly
and corner quotes, the Chinese operators 或 / 非 / 与, lower-case or / and /
not, and each facet's Chinese names (`search.catalog.FIELD_NAMES`). A filter
is written `NAME:value` (or `NAME:"value with spaces"`, or `NAME: value`); its
value is checked here and resolved against the index by the engine.

Every term and phrase becomes strings that must occur in a section's matching
form: a quoted phrase is one such string; an unquoted term is segmented by
jieba and each of its words must occur (the whole term verbatim only ranks
higher). The boolean expression is turned into clauses that AND together, each
a list of items that OR together (conjunctive normal form), which is what the
engine evaluates. What cannot be read is a `QueryError` in Chinese that says
how to write it instead: an unknown field, an operator with nothing to join,
a parenthesis without its partner, a filter inside OR or NOT. Nothing is
silently turned into a search word. Unbalanced quotes close at the end and
control characters are spaces.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass, field

from indexer.chinese import HAN
from indexer.config import DEFAULTS, Settings
from indexer.matching import matching_form
from search.analysis import ranked_words, segment
from search.api import QueryError
from search.catalog import FACETS, FIELD_NAMES, facet

_QUOTES = {'"': '"', "\u201c": "\u201d", "\u201d": "\u201d", "\uff02": "\uff02", "\u300c": "\u300d", "\u300e": "\u300f"}
_WIDE = str.maketrans({"：": ":", "－": "-", "＋": "+", "（": "(", "）": ")", "｜": "|", "\u3000": " "})
_OPERATORS = {"or": "or", "|": "or", "或": "or", "或者": "or", "and": "and", "&": "and", "与": "and", "且": "and",
              "not": "not", "非": "not"}
_OPERANDS = frozenset({"term", "phrase", "filter", "open", "not", "plus"})
_FIELD_LIKE = re.compile(rf"^(?:[A-Za-z][A-Za-z0-9_]{{1,19}}|[{HAN}]{{1,8}})$")
_URL_SCHEMES = frozenset({"http", "https", "ftp", "file", "mailto"})
_FIELD_LIST = "、".join(f"{facet.title}（{facet.name}）" for facet in FACETS)


@dataclass(frozen=True)
class Item:
    """One term or phrase: `needles` must all occur in a section (or none of them, if negated)."""

    text: str
    needles: tuple[str, ...]
    whole: str
    phrase: bool
    negated: bool = False

    @property
    def ranking_words(self) -> list[str]:
        """The jieba words BM25 ranks this item by."""
        return ranked_words(self.whole)

    def negate(self) -> "Item":
        return Item(self.text, self.needles, self.whole, self.phrase, not self.negated)


@dataclass
class ParsedQuery:
    """Clauses AND together; the items of a clause OR together. Filter values by facet name, as given inline."""

    clauses: list[list[Item]] = field(default_factory=list)
    filters: dict[str, list[str]] = field(default_factory=dict)

    @property
    def positive_items(self) -> list[Item]:
        return [item for clause in self.clauses for item in clause if not item.negated]

    def matches(self, folded: str) -> bool:
        """Whether the words and phrases match `folded`, one text in matching form (clauses AND, items OR)."""
        return all(any(item.negated != all(needle in folded for needle in item.needles) for item in clause) for clause in self.clauses)

    def highlight_needles(self) -> list[str]:
        """Strings to mark in a matching section: whole terms, phrases, and their words of two
        characters or more (a lone 的 of a longer term would light up every sentence)."""
        needles: dict[str, None] = {}
        for item in self.positive_items:
            needles[item.whole] = None
            needles.update(dict.fromkeys(needle for needle in item.needles if len(needle) > 1))
        return list(needles)


@dataclass(frozen=True)
class Token:
    """A piece of the query: kind is term, phrase, op (OR/AND/NOT), open, close or filter; `start:end` in the query."""

    kind: str
    text: str
    start: int
    end: int
    name: str = ""  # a filter's facet name


# -- the query's text, tokens and filters ------------------------------------------


def normalize(query: str) -> str:
    """Control characters as spaces, full-width operators as ASCII; same length, so offsets still hold."""
    cleaned = "".join(" " if unicodedata.category(char) in ("Cc", "Cf", "Co", "Cs") else char for char in query)
    return cleaned.translate(_WIDE)


def _read_quoted(query: str, start: int) -> tuple[str, int]:
    """The text of a quoted string opening at `start`, and the index after it (unbalanced: to the end)."""
    closing = _QUOTES[query[start]]
    end = start + 1
    while end < len(query) and query[end] != closing and not (closing != '"' and query[end] == '"'):
        end += 1
    return query[start + 1 : end], min(end + 1, len(query))


def _field(word: str) -> tuple[str, str] | None:
    """(facet name, value) for a word written NAME:value with a known NAME; None when it is no field at all.

    Raises QueryError for a word that looks like a field (letters, or up to eight
    Chinese characters, before the colon) but names none.
    """
    name, colon, value = word.partition(":")
    if not colon or not name:
        return None
    known = FIELD_NAMES.get(name.lower())
    if known:
        return known, value
    if not _FIELD_LIKE.match(name) or name.lower() in _URL_SCHEMES or value.startswith("/"):
        return None
    raise QueryError(
        f"没有名为「{name}」的筛选字段。可用的字段：{_FIELD_LIST}。"
        f"如果要搜索含冒号的原文，请给它加上引号，例如 \"{word}\"。"
    )


def tokens(query: str) -> list[Token]:
    """The tokens of a normalized query, in order; raises QueryError for an unknown field.

    Kinds: term, phrase, filter (`name` is its facet), open, close, and the
    operators or, and, not (NOT, 非, a leading -) and plus (a leading +).
    """
    found: list[Token] = []
    position = 0
    while position < len(query):
        char = query[position]
        if char.isspace():
            position += 1
            continue
        if char in "()":
            found.append(Token("open" if char == "(" else "close", char, position, position + 1))
            position += 1
            continue
        if char in "-+" and position + 1 < len(query) and not query[position + 1].isspace():
            found.append(Token("not" if char == "-" else "plus", char, position, position + 1))
            position += 1
            continue
        if char in _QUOTES:
            text, end = _read_quoted(query, position)
            found.append(Token("phrase", text, position, end))
            position = end
            continue
        end = _word_end(query, position)
        word = query[position:end]
        operator = "not" if word == "-" else _OPERATORS.get(word.lower())
        named = _field(word) if operator is None else None
        if operator is not None:
            found.append(Token(operator, word, position, end))
        elif named is not None:
            name, value = named
            if not value:
                value, end = _filter_value(query, end, name)
            found.append(Token("filter", value, position, end, name))
        else:
            found.append(Token("term", word, position, end))
        position = end
    return found


def _word_end(query: str, start: int) -> int:
    """Where an unquoted word starting at `start` ends: at a space, a quote or a parenthesis."""
    end = start
    while end < len(query) and not query[end].isspace() and query[end] not in _QUOTES and query[end] not in "()":
        end += 1
    return end


def _filter_value(query: str, end: int, name: str) -> tuple[str, int]:
    """The value of `NAME:` written after the colon: quoted, or the next word (机构： 民政局)."""
    start = end
    while start < len(query) and query[start].isspace():
        start += 1
    if start < len(query) and query[start] in _QUOTES:
        return _read_quoted(query, start)
    stop = _word_end(query, start)
    value = query[start:stop]
    if not value or value.lower() in _OPERATORS or value == "-":
        title = facet(name).title
        raise QueryError(f"「{title}:」后面缺少要筛选的值，例如 {title}:{_EXAMPLES.get(name, '…')}")
    return value, stop


def _canonical(name: str, value: str) -> str:
    try:
        return facet(name).check(value, "q")
    except QueryError:
        return value.strip()


_EXAMPLES = {"agency": "民政局", "region": "浙江省", "kind": "民政", "level": "县级", "year": "2019-2024", "section": "问题与改进"}


def split_filters(query: str) -> tuple[str, list[tuple[str, str]]]:
    """The query without its inline filters, and the filters as (facet name, value), in order.

    The rest of the query keeps its own text (only the filters and the space
    around them go), so a page can move typed filters into its facets and
    leave the words in the box. A value is given as its facet names it
    (部分:问题与改进 → problems) when it can be read, else as typed, to be
    refused where it lands. Raises QueryError where `tokens` does.
    """
    normalized = normalize(query)
    kept: list[str] = []
    filters: list[tuple[str, str]] = []
    cursor = 0
    for token in tokens(normalized):
        if token.kind == "filter":
            kept.append(query[cursor : token.start])
            filters.append((token.name, _canonical(token.name, token.text)))
            cursor = token.end
    kept.append(query[cursor:])
    return " ".join(" ".join(kept).split()), filters


# -- the boolean expression ---------------------------------------------------------

Node = tuple  # ("item", Item) | ("filter", name) | ("and", [nodes]) | ("or", [nodes]) | ("not", node)


def _has_filter(node: Node) -> bool:
    if node[0] == "filter":
        return True
    if node[0] == "not":
        return _has_filter(node[1])
    return node[0] in ("and", "or") and any(_has_filter(child) for child in node[1])


class _Parser:
    """Recursive descent over the tokens: OR binds tighter than AND (a space), NOT tightest."""

    def __init__(self, query: str, settings: Settings) -> None:
        self.query = query
        self.tokens = tokens(normalize(query))
        self.position = 0
        self.settings = settings
        self.items = 0
        self.filters: dict[str, list[str]] = {}

    def peek(self) -> Token | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def written(self, token: Token) -> str:
        """An operator as the user typed it (OR, 或, |, -, 非 …)."""
        return self.query[token.start : token.end]

    def expect_operand(self, operator: Token, example: str) -> None:
        """Raise unless a word, phrase, filter or group follows `operator`."""
        following = self.peek()
        if following is None or following.kind not in _OPERANDS:
            raise QueryError(f"「{self.written(operator)}」后面缺少词语，例如 {example}。")

    def sequence(self, closing: bool) -> list[Node]:
        """Operands joined by AND (a space, 与, AND), up to the end or a `)`."""
        nodes: list[Node] = []
        while (token := self.peek()) is not None:
            if token.kind == "close":
                if not closing:
                    raise QueryError("多了一个右括号「)」：请删去它，或在前面补上「(」。")
                return nodes
            if token.kind == "or" or (token.kind == "and" and not nodes):
                example = "行政复议 OR 行政诉讼" if token.kind == "or" else "低保 与 救助"
                raise QueryError(f"「{self.written(token)}」前面缺少词语，例如 {example}。")
            if token.kind == "and":
                self.position += 1
                self.expect_operand(token, "低保 与 救助")
                continue
            node = self.disjunction()
            if node is not None:
                nodes.append(node)
        if closing:
            raise QueryError("括号没有闭合：请在括号里的词后面补上「)」。")
        return nodes

    def disjunction(self) -> Node | None:
        """Operands joined by OR / 或 / |."""
        operands = [node for node in [self.unary()] if node is not None]
        while (token := self.peek()) is not None and token.kind == "or":
            self.position += 1
            self.expect_operand(token, "行政复议 OR 行政诉讼")
            operand = self.unary()
            if operand is not None:
                operands.append(operand)
        if len(operands) > 1 and any(_has_filter(node) for node in operands):
            raise QueryError("筛选条件（如 机构:民政局）不能用「或」与词语连接；同一字段写两次就是“或”，例如 年度:2019 年度:2021。")
        if not operands:
            return None
        return operands[0] if len(operands) == 1 else ("or", operands)

    def unary(self) -> Node | None:
        token = self.tokens[self.position]
        self.position += 1
        if token.kind == "not":
            self.expect_operand(token, "依申请公开 -收费")
            operand = self.unary()
            if operand is not None and _has_filter(operand):
                raise QueryError("不能排除筛选条件（如 -机构:民政局）；请只写要看的值，或用筛选栏。")
            return None if operand is None else ("not", operand)
        if token.kind == "plus":  # `+word`: required, which every word is anyway
            return self.unary()
        if token.kind == "open":
            nodes = self.sequence(closing=True)
            self.position += 1
            return None if not nodes else nodes[0] if len(nodes) == 1 else ("and", nodes)
        if token.kind == "filter":
            if token.text.strip():
                self.filters.setdefault(token.name, []).append(facet(token.name).check(token.text, "q"))
            return ("filter", token.name)
        item = _item(token.kind, token.text)
        if item is None:
            return None
        self.items += 1
        if self.items > self.settings.max_query_terms:
            raise QueryError(f"查询中的词语和短语超过 {self.settings.max_query_terms} 个；请分几次搜索。")
        return ("item", item)


def _item(kind: str, text: str) -> Item | None:
    whole = matching_form(text)
    if not whole:
        return None
    if kind == "phrase":
        return Item(text, (whole,), whole, True)
    words = tuple(dict.fromkeys(segment(whole))) or (whole,)
    return Item(text, words, whole, False)


def _negated(node: Node) -> Node:
    """NOT pushed down to the items (De Morgan)."""
    kind = node[0]
    if kind == "item":
        return ("item", node[1].negate())
    if kind == "not":
        return node[1]
    return ("or" if kind == "and" else "and", [_negated(child) for child in node[1]])


def _clauses(node: Node, limit: int) -> list[list[Item]]:
    """The node in conjunctive normal form: clauses that AND, each of items that OR."""
    kind = node[0]
    if kind == "filter":
        return []
    if kind == "item":
        return [[node[1]]]
    if kind == "not":
        return _clauses(_negated(node[1]), limit)
    parts = [_clauses(child, limit) for child in node[1]]
    if kind == "and":
        return [clause for part in parts for clause in part]
    parts = [part for part in parts if part]
    size = 1
    for part in parts:
        size *= len(part)
        if size > limit:
            raise QueryError("查询太复杂：括号里的“或”组合过多；请拆成几次搜索。")
    return [[item for clause in combination for item in clause] for combination in itertools.product(*parts)] if parts else []


def parse_query(query: str, settings: Settings = DEFAULTS) -> ParsedQuery:
    """Parse a query string; raises QueryError (in Chinese, naming what to change) for what cannot be answered."""
    if len(query) > settings.max_query_chars:
        raise QueryError(f"查询有 {len(query)} 个字符，超过了 {settings.max_query_chars} 个字符的上限；请缩短。")
    parser = _Parser(query, settings)
    clauses = _clauses(("and", parser.sequence(closing=False)), settings.max_query_terms)
    return ParsedQuery([list(dict.fromkeys(clause)) for clause in clauses], parser.filters)
