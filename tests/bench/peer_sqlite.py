"""The peer to beat: SQLite FTS5 with the trigram tokenizer, doing the same work as nianbao's search.

    .venv/bin/python tests/bench/peer_sqlite.py build CORPUS --db peer.sqlite
    .venv/bin/python tests/bench/peer_sqlite.py search --db peer.sqlite '"信息公开" 低保' --year 2019

Reports are parsed by nianbao's own indexer (in a process pool); each section
becomes one row with its report's metadata and the matching form of
`heading + "\\n" + text`, indexed by FTS5 `tokenize='trigram'`. A search
answers what nianbao's does: total sections and reports, the agency, year and
section, region, kind and level facets (distinct reports per value, each facet counted with the other
facets' selections but not its own), and one page of hits with snippets,
ranked by bm25 or by publication date. The region, kind and level facets
come from the same parsed reports: a place is stored as its paths (浙江省,
浙江省/杭州市, 浙江省/杭州市/西湖区) and listed as a tree like nianbao's. Needles of three or more characters go
through trigram MATCH; shorter ones, which trigram cannot answer, through
`instr` on the matching-form column.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import sqlite3
import sys
import time
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import jieba
from peer_query import (
    FILTERS,
    Clause,
    ParsedQuery,
    Segmenter,
    Term,
    level_name,
    parse_query,
    section_type,
    year_range,
)

from indexer import iter_report_files, load_report
from indexer.matching import matching_form
from search import (
    MARK_END,
    MARK_START,
    FacetValue,
    Hit,
    SearchRequest,
    SearchResponse,
)

TRIGRAM = 3
SNIPPET_TOKENS = 40
SNIPPET_CONTEXT_CHARS = 50

# The matching form lives in its own table so that scanning it (the short-needle fallback) does not
# walk the overflow pages of the display text as well.
_SCHEMA = """
CREATE TABLE sections(
    id INTEGER PRIMARY KEY, report INTEGER NOT NULL, report_id TEXT NOT NULL, source_path TEXT NOT NULL,
    source_url TEXT, title TEXT, agency TEXT, year INTEGER, published TEXT, section TEXT NOT NULL,
    heading TEXT NOT NULL, text TEXT NOT NULL, kind TEXT, level TEXT, r1 TEXT, r2 TEXT, r3 TEXT, code TEXT);
CREATE TABLE searchable(id INTEGER PRIMARY KEY, mtext TEXT NOT NULL);
CREATE VIRTUAL TABLE fts USING fts5(mtext, content='searchable', content_rowid='id', tokenize='trigram');
"""
_INDEXES = """
CREATE INDEX sections_agency ON sections(agency);
CREATE INDEX sections_year ON sections(year);
CREATE INDEX sections_published ON sections(published DESC);
"""
_HITS_TABLE = """
CREATE TEMP TABLE hits(id INTEGER PRIMARY KEY, report INTEGER, agency TEXT, year INTEGER, section TEXT,
                       published TEXT, kind TEXT, level TEXT, r1 TEXT, r2 TEXT, r3 TEXT, code TEXT, rank REAL)
"""


def nianbao_user_dictionary() -> Path | None:
    """The domain dictionary nianbao's engine loads into jieba (`search/userdict.txt`), if it ships one."""
    candidate = Path(str(resources.files("search").joinpath("userdict.txt")))
    return candidate if candidate.is_file() else None


def jieba_segmenter(user_dictionary: Path | None) -> Segmenter:
    """jieba precise mode, initialised once, with the given user dictionary (the peer must cut words as ours does)."""
    jieba.setLogLevel(60)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    if user_dictionary is not None:
        tokenizer.load_userdict(str(user_dictionary))
    return lambda text: tokenizer.lcut(text)


# ---------------------------------------------------------------- building

@dataclass
class BuildStats:
    """What a build did and how long each part took."""

    reports: int = 0
    failed: int = 0
    sections: int = 0
    text_bytes: int = 0
    seconds_total: float = 0.0
    seconds_database: float = 0.0
    seconds_fts: float = 0.0
    db_bytes: int = 0
    failures: list[str] = field(default_factory=list)


def _parse_file(path: Path) -> tuple[str, object]:
    """Parse one file in a worker: ("ok", (report fields, sections)) or ("error", reason)."""
    try:
        report = load_report(path)
    except Exception as error:  # noqa: BLE001 - one bad file must not stop the build
        return "error", f"{path}: {getattr(error, 'reason', error)}"
    sections = []
    for section in report.sections:
        searchable = f"{section.heading}\n{section.text}"
        sections.append((section.type, section.heading, section.text, matching_form(searchable), len(searchable.encode())))
    place = report.region or {}
    names = [place[level] for level in ("province", "city", "county") if place.get(level)]
    paths = ["/".join(names[: depth + 1]) if depth < len(names) else None for depth in range(3)]
    facts = (report.source_url, report.title, report.agency, report.year, report.published,
             report.agency_kind, report.level, *paths, place.get("code"))
    return "ok", (facts, sections)


def build(corpus: Path, db_path: Path, processes: int | None = None) -> BuildStats:
    """Build the peer's database from every report under `corpus` (the database is replaced)."""
    started = time.perf_counter()
    stats = BuildStats()
    db_path.unlink(missing_ok=True)
    paths = [path for path, problem in iter_report_files([corpus]) if problem is None]
    connection = sqlite3.connect(db_path)
    connection.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)
    insert_section = ("INSERT INTO sections(id, report, report_id, source_path, source_url, title, agency, year, "
                      "published, kind, level, r1, r2, r3, code, section, heading, text) "
                      "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
    insert_searchable = "INSERT INTO searchable(id, mtext) VALUES (?,?)"
    with multiprocessing.get_context("fork").Pool(processes or multiprocessing.cpu_count()) as pool:
        for path, (status, result) in zip(paths, pool.imap(_parse_file, paths, chunksize=8)):
            if status == "error":
                stats.failed += 1
                stats.failures.append(str(result))
                continue
            facts, sections = result  # type: ignore[misc]
            report_id = path.relative_to(corpus).as_posix()
            first_id = stats.sections + 1
            rows = [(first_id + offset, stats.reports, report_id, str(path), *facts, section_type, heading, text)
                    for offset, (section_type, heading, text, _, _) in enumerate(sections)]
            database_started = time.perf_counter()
            connection.executemany(insert_section, rows)
            connection.executemany(insert_searchable,
                                   [(first_id + offset, section[3]) for offset, section in enumerate(sections)])
            stats.seconds_database += time.perf_counter() - database_started
            stats.reports += 1
            stats.sections += len(rows)
            stats.text_bytes += sum(size for *_, size in sections)
    fts_started = time.perf_counter()
    connection.executescript("INSERT INTO fts(fts) VALUES('rebuild'); INSERT INTO fts(fts) VALUES('optimize');"
                             + _INDEXES + "ANALYZE;")
    connection.commit()
    connection.close()
    stats.seconds_fts = time.perf_counter() - fts_started
    stats.seconds_database += stats.seconds_fts
    stats.seconds_total = time.perf_counter() - started
    stats.db_bytes = db_path.stat().st_size
    return stats


# ---------------------------------------------------------------- searching

def _fts_phrase(needle: str) -> str:
    return '"' + needle.replace('"', '""') + '"'


def _fts_able(clause: Clause) -> bool:
    return all(len(needle) >= TRIGRAM for term in clause.alternatives for needle in term.needles)


def _fts_clause(clause: Clause) -> str:
    alternatives = ["(" + " AND ".join(_fts_phrase(needle) for needle in term.needles) + ")"
                    for term in clause.alternatives]
    return "(" + " OR ".join(alternatives) + ")"


def _sql_term(term: Term, params: list[object]) -> str:
    parts = []
    for needle in term.needles:
        params.append(needle if len(needle) < TRIGRAM else _fts_phrase(needle))
        parts.append("instr(m.mtext, ?) > 0" if len(needle) < TRIGRAM
                     else "m.id IN (SELECT rowid FROM fts WHERE fts MATCH ?)")
    return "(" + " AND ".join(parts) + ")"


def _sql_clause(clause: Clause, params: list[object]) -> str:
    condition = "(" + " OR ".join(_sql_term(term, params) for term in clause.alternatives) + ")"
    return f"NOT {condition}" if clause.negated else condition


@dataclass
class _TextPlan:
    """How a parsed query's text conditions run: one FTS5 MATCH plus SQL predicates for the rest."""

    match: str | None
    conditions: list[str]
    params: list[object]


def _text_plan(parsed: ParsedQuery) -> _TextPlan:
    positive_fts = [clause for clause in parsed.positive if _fts_able(clause)]
    match_parts = [_fts_clause(clause) for clause in positive_fts]
    rest = [clause for clause in parsed.positive if clause not in positive_fts]
    if match_parts:
        negative_fts = [clause for clause in parsed.negative if _fts_able(clause)]
        match = " AND ".join(match_parts) + "".join(f" NOT {_fts_clause(clause)}" for clause in negative_fts)
        rest += [clause for clause in parsed.negative if clause not in negative_fts]
    else:
        match = None
        rest += parsed.negative
    params: list[object] = []
    conditions = [_sql_clause(clause, params) for clause in rest]
    return _TextPlan(match, conditions, params)


_FLAT_COLUMNS = {"agency": "agency", "kind": "kind", "level": "level", "section": "section"}
_REGION_COLUMNS = ("r1", "r2", "r3")


@dataclass
class _Selection:
    """One facet's selection as an SQL condition on the hits, and (for the region tree) the places it opens."""

    condition: str
    params: list[object]
    opened: set[str] = field(default_factory=set)


def _flat_selection(name: str, values: list[str]) -> _Selection:
    if name == "year":
        ranges = [year_range(value) for value in values]
        return _Selection("(" + " OR ".join("year BETWEEN ? AND ?" for _ in ranges) + ")",
                          [bound for first_last in ranges for bound in first_last])
    return _Selection(f"{_FLAT_COLUMNS[name]} IN ({','.join('?' * len(values))})", list(values))


def _places(connection: sqlite3.Connection, value: str) -> set[str]:
    """The places one typed region value chooses: a path, or for a code the places its digits name."""
    if not value.isdigit():
        return {value}
    prefix = value.ljust(6, "0")
    while prefix.endswith("00") and len(prefix) > 2:
        prefix = prefix[:-2]
    column = _REGION_COLUMNS[len(prefix) // 2 - 1]
    rows = connection.execute(f"SELECT DISTINCT {column} FROM sections WHERE code LIKE ? AND {column} IS NOT NULL",
                              (prefix + "%",))
    return {row[0] for row in rows}


def _region_selection(connection: sqlite3.Connection, values: list[str]) -> _Selection:
    """Reports in any chosen place, a place dropped where another value chose a place below it."""
    chosen = [_places(connection, value) for value in values]
    kept = set()
    for position, places in enumerate(chosen):
        others = {path for other, more in enumerate(chosen) if other != position for path in more}
        kept |= {path for path in places if not any(other.startswith(path + "/") for other in others)}
    opened = {path.rsplit("/", depth)[0] for places in chosen for path in places for depth in range(path.count("/") + 1)}
    marks = ",".join("?" * len(kept))
    condition = " OR ".join(f"{column} IN ({marks})" for column in _REGION_COLUMNS) if kept else "0"
    return _Selection(f"({condition})", [path for _ in _REGION_COLUMNS for path in sorted(kept)], opened)


def _where(conditions: list[str | None]) -> str:
    present = [condition for condition in conditions if condition]
    return ("WHERE " + " AND ".join(present)) if present else ""


def _first_short_needle(parsed: ParsedQuery) -> str | None:
    return next((needle for clause in parsed.positive for term in clause.alternatives for needle in term.needles
                 if len(needle) < TRIGRAM), None)


def _marked_window(text: str, needles: list[str]) -> str:
    """A snippet of `text` around the first needle found, every needle occurrence in it marked."""
    starts = [text.find(needle) for needle in needles if needle and needle in text]
    center = min(starts) if starts else 0
    window = text[max(0, center - SNIPPET_CONTEXT_CHARS): center + SNIPPET_CONTEXT_CHARS * 2]
    for needle in sorted({needle for needle in needles if needle}, key=len, reverse=True):
        window = window.replace(needle, f"{MARK_START}{needle}{MARK_END}")
    return window


class PeerIndex:
    """A read-only searcher over a peer database; one connection, reused for every search."""

    def __init__(self, db_path: Path, segment: Segmenter) -> None:
        self.connection = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        self.connection.executescript("PRAGMA mmap_size=4294967296; PRAGMA cache_size=-262144; "
                                      "PRAGMA temp_store=MEMORY;")
        self.connection.execute(_HITS_TABLE)
        self.segment = segment

    def close(self) -> None:
        self.connection.close()

    def _collect_hits(self, parsed: ParsedQuery, plan: _TextPlan) -> None:
        columns = "s.id, s.report, s.agency, s.year, s.section, s.published, s.kind, s.level, s.r1, s.r2, s.r3, s.code"
        self.connection.execute("DELETE FROM hits")
        if plan.match is not None:
            searchable = " JOIN searchable m ON m.id = fts.rowid" if plan.conditions else ""
            sql = (f"INSERT INTO hits SELECT {columns}, fts.rank FROM fts{searchable} JOIN sections s "
                   f"ON s.id = fts.rowid {_where(['fts MATCH ?', *plan.conditions])}")
            self.connection.execute(sql, [plan.match, *plan.params])
            return
        short = _first_short_needle(parsed)
        if short is not None:
            rank = "-(length(m.mtext) - length(replace(m.mtext, ?, ''))) * 1.0 / (length(m.mtext) + 1)"
            params: list[object] = [short, *plan.params]
        else:
            rank, params = "0", list(plan.params)
        sql = (f"INSERT INTO hits SELECT {columns}, {rank} FROM searchable m JOIN sections s ON s.id = m.id "
               f"{_where(plan.conditions)}")
        self.connection.execute(sql, params)

    def _selections(self, typed: dict[str, list[str]]) -> dict[str, _Selection]:
        return {name: _region_selection(self.connection, values) if name == "region" else _flat_selection(name, values)
                for name, values in typed.items() if values}

    @staticmethod
    def _where_others(selections: dict[str, _Selection], skip: str | None, extra: list[str] = ()) -> tuple[str, list[object]]:
        chosen = [selection for name, selection in selections.items() if name != skip]
        params = [param for selection in chosen for param in selection.params]
        return _where([*(selection.condition for selection in chosen), *extra]), params

    def _region_counts(self, selections: dict[str, _Selection]) -> list[FacetValue]:
        """Provinces, then under each opened place its sub-places, by count then name (as a tree)."""
        opened = selections["region"].opened if "region" in selections else set()
        counts: dict[str, int] = {}
        for depth, column in enumerate(_REGION_COLUMNS):
            extra = [f"{column} IS NOT NULL"]
            parents = sorted(path for path in opened if path.count("/") == depth - 1)
            if depth:
                if not parents:
                    break
                extra.append(f"{_REGION_COLUMNS[depth - 1]} IN ({','.join('?' * len(parents))})")
            where, params = self._where_others(selections, "region", extra)
            rows = self.connection.execute(f"SELECT {column}, count(DISTINCT report) FROM hits {where} GROUP BY {column}",
                                           params + (parents if depth else []))
            counts.update(rows.fetchall())
        return [FacetValue(path, count) for path, count in counts.items()]

    def _counts(self, selections: dict[str, _Selection]) -> tuple[int, int, dict[str, list[FacetValue]]]:
        where, params = self._where_others(selections, None)
        total_sections, total_reports = self.connection.execute(
            f"SELECT count(*), count(DISTINCT report) FROM hits {where}", params).fetchone()
        facets: dict[str, list[FacetValue]] = {}
        for facet in FILTERS:
            if facet == "region":
                facets[facet] = self._region_counts(selections)
                continue
            column = _FLAT_COLUMNS.get(facet, facet)
            where, params = self._where_others(selections, facet)
            rows = self.connection.execute(
                f"SELECT {column}, count(DISTINCT report) AS n FROM hits {where} GROUP BY {column} "
                f"HAVING {column} IS NOT NULL ORDER BY n DESC, {column}", params).fetchall()
            facets[facet] = [FacetValue(str(value), count) for value, count in rows]
        return total_sections, total_reports, facets

    def _page(self, request: SearchRequest, selections: dict[str, _Selection], by_date: bool) -> list[int]:
        where, params = self._where_others(selections, None)
        order = "published DESC, id" if by_date else "rank, published DESC, id"
        params.extend((request.limit, (request.page - 1) * request.limit))
        return [row[0] for row in self.connection.execute(
            f"SELECT id FROM hits {where} ORDER BY {order} LIMIT ? OFFSET ?", params)]

    def _hits(self, ids: list[int], plan: _TextPlan, parsed: ParsedQuery, by_date: bool) -> list[Hit]:
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        snippets: dict[int, str] = {}
        if plan.match is not None:
            snippets = dict(self.connection.execute(
                f"SELECT rowid, snippet(fts, 0, ?, ?, '…', {SNIPPET_TOKENS}) FROM fts "
                f"WHERE fts MATCH ? AND rowid IN ({marks})", [MARK_START, MARK_END, plan.match, *ids]))
        needles = [needle for clause in parsed.positive for term in clause.alternatives for needle in term.needles]
        rows = {row[0]: row for row in self.connection.execute(
            f"SELECT s.id, s.report_id, s.source_path, s.source_url, s.title, s.agency, s.year, s.section, "
            f"s.heading, m.mtext, h.rank FROM sections s JOIN hits h ON h.id = s.id JOIN searchable m ON m.id = s.id "
            f"WHERE s.id IN ({marks})", ids)}
        hits = []
        for section_id in ids:
            _, report_id, source_path, source_url, title, agency, year, section, heading, mtext, rank = rows[section_id]
            snippet = snippets.get(section_id) or _marked_window(mtext, needles)
            score = 0.0 if by_date else -float(rank or 0.0)
            hits.append(Hit(report_id, source_path, source_url, title, agency, year, section, heading, snippet, score))
        return hits

    def search(self, request: SearchRequest) -> SearchResponse:
        """Answer `request` as nianbao's `SearchIndex.search` would, from SQLite alone."""
        parsed = parse_query(request.query, self.segment)
        typed = {name: list(request.filters.get(name, ())) + parsed.filters.get(name, []) for name in FILTERS}
        typed["section"] = [section_type(value) for value in typed["section"]]
        typed["level"] = [level_name(value) for value in typed["level"]]
        selections = self._selections(typed)
        plan = _text_plan(parsed)
        self._collect_hits(parsed, plan)
        total_sections, total_reports, facets = self._counts(selections)
        by_date = request.sort == "date" or not parsed.positive
        ids = self._page(request, selections, by_date)
        return SearchResponse(request.query, total_sections, total_reports, facets,
                              self._hits(ids, plan, parsed, by_date))


# ---------------------------------------------------------------- command line

def _print_build(stats: BuildStats) -> None:
    megabytes = stats.text_bytes / 1e6
    print(f"reports {stats.reports} (failed {stats.failed}), sections {stats.sections}, text {megabytes:.1f} MB")
    print(f"build {stats.seconds_total:.1f} s including parsing, {stats.seconds_database:.1f} s excluding "
          f"(FTS5 rebuild {stats.seconds_fts:.1f} s); {megabytes / stats.seconds_total:.2f} MB/s, "
          f"{stats.reports / stats.seconds_total:.0f} reports/s")
    print(f"database {stats.db_bytes / 1e6:.1f} MB = {stats.db_bytes / max(1, stats.text_bytes):.2f} x text")
    for failure in stats.failures[:20]:
        print(f"failed: {failure}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    build_parser = commands.add_parser("build", help="build the peer database from a corpus")
    build_parser.add_argument("corpus", type=Path)
    build_parser.add_argument("--db", type=Path, required=True)
    build_parser.add_argument("--processes", type=int, default=None)
    search_parser = commands.add_parser("search", help="run one search and print its JSON")
    search_parser.add_argument("query")
    search_parser.add_argument("--db", type=Path, required=True)
    for name in FILTERS:
        search_parser.add_argument(f"--{name}", action="append", default=[])
    search_parser.add_argument("--sort", choices=("relevance", "date"), default="relevance")
    search_parser.add_argument("--page", type=int, default=1)
    search_parser.add_argument("--limit", type=int, default=10)
    search_parser.add_argument("--user-dict", type=Path, default=None,
                               help="jieba user dictionary (default: the one nianbao's engine ships)")
    args = parser.parse_args(argv)
    if args.command == "build":
        _print_build(build(args.corpus, args.db, args.processes))
        return 0
    index = PeerIndex(args.db, jieba_segmenter(args.user_dict or nianbao_user_dictionary()))
    request = SearchRequest(args.query, {name: tuple(getattr(args, name)) for name in FILTERS}, args.sort,
                            args.page, args.limit)
    started = time.perf_counter()
    response = index.search(request)
    elapsed = (time.perf_counter() - started) * 1000
    print(json.dumps(response.to_json(), ensure_ascii=False, indent=1))
    print(f"{elapsed:.1f} ms", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
