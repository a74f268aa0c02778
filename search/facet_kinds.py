"""The kinds of facet: how each reads, stores, orders, filters and shows its values.

A facet's values are names (an agency, a year, a section type, a place path
such as 浙江省/杭州市). An index generation stores each facet as a `FacetColumn`:
its vocabulary of names, in the order the facet lists ties in, and per report
(or per section) the ids of its values in that vocabulary. Nothing depends on
a value's position in a list of the code, so adding a section type or a level
never changes what an existing index means.

A typed filter value is resolved against the vocabulary into value ids
(`Resolved`); `exact` names the values it stands for as a whole, the boxes a
page ticks for it (none for part of a name, which selects by containment).
The facets themselves are listed once, in `search.catalog`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Callable, Iterable, Mapping

import numpy as np

from indexer.chinese import YEARS
from indexer.matching import matching_form
from search.api import FacetValue, QueryError, shown

PATH_SEPARATOR = "/"
_YEAR = r"(\d{4})\s*(?:年度?)?"
_YEAR_RANGE = re.compile(rf"^\s*{_YEAR}\s*(?:[-‐–—―~～〜－至到]\s*{_YEAR})?\s*$")
_MIN_YEAR, _MAX_YEAR = YEARS[0], YEARS[-1]
_DIVISION_CODE = re.compile(r"^\d{2}(?:\d{2}){0,2}$")


@dataclass
class FacetColumn:
    """One facet's values in an index generation: names, optional official codes, and value ids per row.

    `ids` is int32 of shape (rows, width), -1 where a row has fewer values;
    rows are reports or, for a section facet, section docnums.
    """

    names: list[str]
    codes: list[str | None]
    ids: np.ndarray

    @classmethod
    def build(cls, facet: "Facet", sources: Iterable[Mapping[str, Any]]) -> "FacetColumn":
        """The column of `facet` over `sources` (report metadata or sections), one row each."""
        rows: list[list[str]] = []
        codes: dict[str, str | None] = {}
        for source in sources:
            values = facet.read(source)
            rows.append(values)
            for value, code in zip(values, facet.codes(source, values)):
                if codes.get(value) is None:
                    codes[value] = code
        names = facet.order(codes)
        position = {name: index for index, name in enumerate(names)}
        ids = np.full((len(rows), max((len(row) for row in rows), default=1) or 1), -1, dtype=np.int32)
        for row, values in enumerate(rows):
            ids[row, : len(values)] = [position[value] for value in values]
        return cls(names, [codes[name] for name in names], ids)

    @cached_property
    def position(self) -> dict[str, int]:
        return {name: index for index, name in enumerate(self.names)}

    @cached_property
    def folded(self) -> list[str]:
        """Each name's matching form (width, case, traditional characters folded)."""
        return [matching_form(name) for name in self.names]

    @cached_property
    def by_folded(self) -> dict[str, tuple[int, ...]]:
        """The ids of the names of each matching form (one, unless two names differ only in width or script)."""
        ids: dict[str, list[int]] = {}
        for index, name in enumerate(self.folded):
            ids.setdefault(name, []).append(index)
        return {name: tuple(found) for name, found in ids.items()}

    @cached_property
    def parents(self) -> np.ndarray:
        """For path values (a/b/c), the id of each value's parent path; -1 for a top-level value."""
        return np.array(
            [self.position.get(name.rpartition(PATH_SEPARATOR)[0], -1) for name in self.names], dtype=np.int32
        )


@dataclass(frozen=True)
class Resolved:
    """The value ids one typed filter value selects, and the values it names as a whole."""

    ids: tuple[int, ...]
    exact: tuple[str, ...] = ()


def pinyin_order(names: Iterable[str]) -> list[str]:
    """Names in the order of their pinyin (then the characters), as Chinese readers look a name up."""
    from pypinyin import Style, lazy_pinyin  # a large dictionary: loaded only where an index is built

    return sorted(names, key=lambda name: (" ".join(lazy_pinyin(name, style=Style.TONE3)), name))


def match_exact(typed: str, column: FacetColumn) -> Resolved:
    """The value spelled `typed` (width, case and traditional characters aside), if the index has it."""
    exact = column.by_folded.get(matching_form(typed), ())
    return Resolved(exact, tuple(column.names[index] for index in exact))


def match_name(typed: str, column: FacetColumn) -> Resolved:
    """The value spelled `typed`, or else every value containing it (民政局: every 民政局 of the index)."""
    exact = match_exact(typed, column)
    folded = matching_form(typed)
    if exact.ids or not folded:
        return exact
    return Resolved(tuple(index for index, name in enumerate(column.folded) if folded in name))


@dataclass(frozen=True, kw_only=True)
class Facet:
    """One facet: a name shared by the URL, the query language, the CLI and the JSON, and its behaviour.

    `key` is the key read from a report's metadata (`Report.to_json`) or, for
    `scope="section"`, from a section's (`Section.to_json`). Values are listed by
    how many reports they have, then in vocabulary order (`ranked`), or in
    vocabulary order only. In the query language a filter is written with
    its `name`, its `title` or one of its `query_names` (年度:2019, 类型:民政).
    """

    name: str
    title: str
    help: str
    key: str
    scope: str = "report"
    ranked: bool = True
    query_names: tuple[str, ...] = ()  # more names the query language takes for it, besides `name` and `title`
    tells_matches: bool = False  # a typed value that selects several values is reported with them (人社局: 12 bodies)

    @property
    def vocabulary(self) -> tuple[str, ...]:
        """The fixed values the code knows; part of an index's layout (a change means a rebuild)."""
        return ()

    def read(self, source: Mapping[str, Any]) -> list[str]:
        value = source.get(self.key)
        return [str(value)] if value not in (None, "") else []

    def codes(self, source: Mapping[str, Any], values: list[str]) -> list[str | None]:
        """Official codes of `values`, where the facet has any."""
        return [None] * len(values)

    def order(self, names: Iterable[str]) -> list[str]:
        """The vocabulary of an index in listing order (ties by count keep it)."""
        return pinyin_order(names)

    def check(self, typed: str, param: str) -> str:
        """`typed` cleaned; raises QueryError (naming `param`) when it can never be a value."""
        return typed.strip()

    def resolve(self, typed: str, column: FacetColumn) -> Resolved:
        return match_name(typed, column)

    def narrowed(self, chosen: list[tuple[int, ...]], column: FacetColumn) -> set[int]:
        """The ids a selection filters on, from the ids each typed value chose (a tree drops a place
        below which another typed value chose a sub-place)."""
        return {index for ids in chosen for index in ids}

    def listing(self, counts: np.ndarray, column: FacetColumn, selected: set[int]) -> list[FacetValue]:
        """The values shown: those with matching reports, plus selected ones (so they can be unselected)."""
        listed = [index for index in range(len(column.names)) if counts[index] or index in selected]
        if self.ranked:
            listed.sort(key=lambda index: (-int(counts[index]), index))
        return [FacetValue(column.names[index], int(counts[index]), column.codes[index]) for index in listed]

    def label(self, value: str) -> str:
        """How a value reads on the page and the terminal."""
        return value

    def option_label(self, value: str) -> str:
        """How a value reads as an option of the facet's list (a place under its parent: its own name)."""
        return self.label(value)

    def depth(self, value: str) -> int:
        """How far below a top value `value` is listed (0 except in a tree)."""
        return 0

    def within(self, value: str, selected: str) -> bool:
        """Whether `value` lies within `selected`: it is, or in a tree lies below it."""
        return value == selected


@dataclass(frozen=True, kw_only=True)
class NameFacet(Facet):
    """Free names (agencies, kinds of body): exact, or every name containing the typed text, via `matcher`."""

    matcher: Callable[[str, FacetColumn], Resolved] = match_name

    def resolve(self, typed: str, column: FacetColumn) -> Resolved:
        return self.matcher(typed, column)


@dataclass(frozen=True, kw_only=True)
class ChoiceFacet(Facet):
    """A fixed vocabulary with Chinese labels (section types, levels); a typed label or alias names its value."""

    choices: Mapping[str, str]
    aliases: Mapping[str, str] = field(default_factory=dict)
    ranked: bool = False

    @property
    def vocabulary(self) -> tuple[str, ...]:
        return tuple(self.choices)

    @cached_property
    def _by_folded(self) -> dict[str, str]:
        names = {**{value: value for value in self.choices}, **{label: value for value, label in self.choices.items()}}
        names.update(self.aliases)
        return {matching_form(name): value for name, value in names.items()}

    def order(self, names: Iterable[str]) -> list[str]:
        known = list(self.choices)
        return sorted(names, key=lambda name: (known.index(name) if name in known else len(known), name))

    def check(self, typed: str, param: str) -> str:
        value = self._by_folded.get(matching_form(typed))
        if value is None:
            choices = "、".join(f"{label}（{value}）" for value, label in self.choices.items())
            raise QueryError(f"{self.title}：没有{shown(typed)}这个值；可选：{choices}", param)
        return value

    def resolve(self, typed: str, column: FacetColumn) -> Resolved:
        value = self.check(typed, self.name)
        return Resolved((column.position[value],) if value in column.position else (), (value,))

    def label(self, value: str) -> str:
        known = self._by_folded.get(matching_form(value))
        return self.choices[known] if known else value


def parse_year(value: str, param: str = "year") -> tuple[int, int]:
    """A year ("2019", "2019年") or an inclusive range ("2018-2020", "2018至2020年") as (first, last)."""
    match = _YEAR_RANGE.match(value)
    if not match:
        raise QueryError(f"年度：{shown(value)}不是年份；请写成 2019、2019年，或范围 2018-2020、2018至2020", param)
    first = int(match.group(1))
    last = int(match.group(2) or first)
    first, last = min(first, last), max(first, last)
    if first < _MIN_YEAR or last > _MAX_YEAR:
        raise QueryError(f"年度：{shown(value)}超出范围；年份应在 {_MIN_YEAR} 到 {_MAX_YEAR} 之间", param)
    return first, last


@dataclass(frozen=True, kw_only=True)
class YearFacet(Facet):
    """Years covered, newest first; a typed value is a year or a range (2018-2020)."""

    ranked: bool = False

    def order(self, names: Iterable[str]) -> list[str]:
        return sorted(names, key=int, reverse=True)

    def check(self, typed: str, param: str) -> str:
        parse_year(typed, param)
        return typed.strip()

    def resolve(self, typed: str, column: FacetColumn) -> Resolved:
        first, last = parse_year(typed, self.name)
        ids = tuple(index for index, name in enumerate(column.names) if first <= int(name) <= last)
        return Resolved(ids, tuple(column.names[index] for index in ids))

    def label(self, value: str) -> str:
        """2019, or a range as 2019–2024."""
        try:
            first, last = parse_year(value, self.name)
        except QueryError:
            return value
        return str(first) if first == last else f"{first}–{last}"

    def within(self, value: str, selected: str) -> bool:
        """A year or range lies within a range that covers it."""
        try:
            (first, last), (low, high) = parse_year(value, self.name), parse_year(selected, self.name)
        except QueryError:
            return value == selected
        return low <= first and last <= high


@dataclass(frozen=True, kw_only=True)
class TreeFacet(Facet):
    """Places as a tree of name paths (浙江省, 浙江省/杭州市, 浙江省/杭州市/西湖区) with GB/T 2260 codes.

    A report has the path of each of its `levels` that applies. Listed are the
    top-level places and the children of every selected place (and of its
    ancestors), so a click on a province lists its cities and a city its
    counties. A typed value is a name at any level (浙江省, 西湖区), a path, a
    code (a prefix selects everything below it: 330000 is all of 浙江省), or
    the start of a name (浙江).
    """

    levels: tuple[str, ...]
    code_key: str = "code"

    def _names(self, source: Mapping[str, Any]) -> list[str]:
        place = source.get(self.key) or {}
        return [place[level].strip() for level in self.levels if isinstance(place.get(level), str) and place[level].strip()]

    def read(self, source: Mapping[str, Any]) -> list[str]:
        names = self._names(source)
        return [PATH_SEPARATOR.join(names[: depth + 1]) for depth in range(len(names))]

    def codes(self, source: Mapping[str, Any], values: list[str]) -> list[str | None]:
        """Each path's code, from the report's code: its first 2, 4 and 6 digits for the levels present."""
        place = source.get(self.key) or {}
        code = place.get(self.code_key)
        if not isinstance(code, str) or not code.isdigit() or len(code) != 6:
            return [None] * len(values)
        present = [level for level in self.levels if isinstance(place.get(level), str) and place[level].strip()]
        return [code[: 2 * (self.levels.index(level) + 1)].ljust(6, "0") for level in present]

    def check(self, typed: str, param: str) -> str:
        value = typed.strip()
        if value.isdigit() and not _DIVISION_CODE.match(value):
            raise QueryError(
                f"{self.title}：{shown(value)}不是行政区划代码；请写 6 位 GB/T 2260 代码（如 330000，或它的前 2、4 位），"
                "地名（如 浙江省），或路径（如 浙江省/杭州市）",
                param,
            )
        return value

    def resolve(self, typed: str, column: FacetColumn) -> Resolved:
        value = self.check(typed, self.name)
        if value.isdigit():
            prefix = value.ljust(6, "0")
            while prefix.endswith("00") and len(prefix) > 2:
                prefix = prefix[:-2]
            # the top-most places whose codes start with it: their sub-places come with them
            inside = {index for index, code in enumerate(column.codes) if code and code.startswith(prefix)}
            ids = tuple(index for index in sorted(inside) if int(column.parents[index]) not in inside)
            return Resolved(ids, tuple(column.names[index] for index in ids if column.codes[index] == value.ljust(6, "0")))
        folded = matching_form(value)
        if not folded:
            return Resolved(())
        whole = [name if PATH_SEPARATOR in value else name.rpartition(PATH_SEPARATOR)[2] for name in column.folded]
        exact = tuple(index for index, name in enumerate(whole) if name == folded)
        if exact:
            return Resolved(exact, tuple(column.names[index] for index in exact))
        return Resolved(tuple(index for index, name in enumerate(whole) if name.startswith(folded)))

    def _ancestors(self, index: int, column: FacetColumn) -> list[int]:
        found = []
        parent = int(column.parents[index])
        while parent >= 0:
            found.append(parent)
            parent = int(column.parents[parent])
        return found

    def narrowed(self, chosen: list[tuple[int, ...]], column: FacetColumn) -> set[int]:
        kept: set[int] = set()
        for position, ids in enumerate(chosen):
            others = {index for other, more in enumerate(chosen) if other != position for index in more}
            covered = {ancestor for index in others for ancestor in self._ancestors(index, column)}
            kept.update(index for index in ids if index not in covered)
        return kept

    def listing(self, counts: np.ndarray, column: FacetColumn, selected: set[int]) -> list[FacetValue]:
        expanded = selected | {ancestor for index in selected for ancestor in self._ancestors(index, column)}
        children: dict[int, list[int]] = {}
        for index, parent in enumerate(column.parents.tolist()):
            if counts[index] or index in expanded:
                children.setdefault(parent, []).append(index)
        listed: list[FacetValue] = []

        def add(parent: int) -> None:
            for index in sorted(children.get(parent, []), key=lambda index: (-int(counts[index]), index)):
                listed.append(FacetValue(column.names[index], int(counts[index]), column.codes[index]))
                if index in expanded:
                    add(index)

        add(-1)
        return listed

    def label(self, value: str) -> str:
        return value.replace(PATH_SEPARATOR, " › ")

    def option_label(self, value: str) -> str:
        return value.rpartition(PATH_SEPARATOR)[2]

    def depth(self, value: str) -> int:
        return value.count(PATH_SEPARATOR)

    def within(self, value: str, selected: str) -> bool:
        return value == selected or value.startswith(selected + PATH_SEPARATOR)
