"""nianbao's settings, all in one place: defaults, limits and where files live.

Every package reads its limits from a `Settings` object; the CLI and the web app
build one from these defaults plus their options (`Settings.replace`), and unknown
keys are rejected at start-up so that a typo in a config never passes silently.
The module sits in `indexer/` because that is the package every other one
already depends on.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping


def _setting(default: Any, help: str) -> Any:
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True)
class Settings:
    """Every tunable value of nianbao, with its default and what it is for."""

    corpus_dir: Path = _setting(Path("corpus"), "directory of report files indexed by default")
    index_dir: Path = _setting(
        Path(os.environ.get("NIANBAO_INDEX_DIR", ".nianbao/index")),
        "directory holding the search index (env NIANBAO_INDEX_DIR)",
    )
    max_file_bytes: int = _setting(16 * 1024 * 1024, "largest report file read; bigger files fail with a clear error")
    max_file_seconds: int = _setting(
        60, "most CPU seconds one file may take to parse and index; a slower one fails with this reason and the rest go on"
    )
    max_sidecar_bytes: int = _setting(1_000_000, "largest NAME.json sidecar read; a bigger one is ignored with a warning")
    max_table_cells: int = _setting(
        100_000, "most cells an HTML table may span out to; a larger one keeps its cells but not their row/column spans"
    )
    max_pdf_pages: int = _setting(1000, "most pages of a PDF read; the rest are left out with a warning")
    converter_timeout_seconds: int = _setting(60, "longest a converter (antiword for .doc) may take on one file before it fails")
    attachment_page_max_chars: int = _setting(
        500, "most characters an HTML page may hold besides its links for its report to be read from the attachment it links"
    )
    max_query_chars: int = _setting(1000, "longest query accepted, in characters")
    max_query_terms: int = _setting(64, "most terms and phrases in one query")
    default_page_size: int = _setting(20, "hits per page when none is asked for")
    max_page_size: int = _setting(100, "most hits per page")
    snippet_chars: int = _setting(160, "target length of a hit's snippet, in characters")
    max_highlighted_matches: int = _setting(
        5000, "most matches of a query numbered and highlighted in one report view; the page says when there are more"
    )
    csv_max_rows: int = _setting(20000, "most rows in one CSV export")
    host: str = _setting("127.0.0.1", "address the web server listens on")
    port: int = _setting(8000, "port the web server listens on")
    server_threads: int = _setting(8, "request threads of the WSGI server")
    max_request_bytes: int = _setting(
        64 * 1024, "largest HTTP request body accepted (every route is a GET); a bigger one gets 413"
    )
    max_request_header_bytes: int = _setting(
        256 * 1024, "largest HTTP request line and headers accepted (the URL with its query included); bigger gets 431"
    )
    max_filter_values: int = _setting(200, "most values of one filter (agency, region, kind, level, year or section) in one search")
    facet_values_shown: int = _setting(10, "facet values listed on the search page (and by nianbao search) before the rest fold away")
    suggest_below_reports: int = _setting(
        3, "a search finding fewer reports than this offers corrections (您是不是要找) for its words that fewer reports hold whole"
    )
    template_sentence_reports: int = _setting(
        3, "a preamble sentence shared by this many reports (digits and the body's own names aside) is a template sentence"
    )
    build_processes: int = _setting(max(1, os.cpu_count() or 1), "processes that parse, analyse and write segments while indexing")
    build_memory_mb: int = _setting(2048, "memory a build may use, all its processes together, in MB")
    copied_similarity: float = _setting(
        0.65, "narrative similarity (Jaccard of own wording, 0–1) from which two reports are flagged copied (内容雷同)"
    )
    reused_similarity: float = _setting(
        0.4, "narrative similarity from which two reports are flagged reused (大量重复); at most copied_similarity"
    )
    copy_common_share: float = _setting(
        0.05, "wording (a 5-character shingle) in at least this share of the reports is stock, left out of the similarity"
    )
    copy_common_min_reports: int = _setting(50, "wording is stock only when it is also in at least this many reports")
    copy_min_shingles: int = _setting(
        50, "fewest shingles of its own (stock wording aside) a report's narrative needs to be compared with others"
    )

    def __post_init__(self) -> None:
        """Refuse a value of the wrong kind or out of range, naming the setting, before anything uses it."""
        for setting in dataclasses.fields(self):
            value = getattr(self, setting.name)
            kind: type[Any] = Path if isinstance(setting.default, Path) else type(setting.default)
            if kind is Path and isinstance(value, str):
                object.__setattr__(self, setting.name, Path(value))
            elif not isinstance(value, kind) or isinstance(value, bool):
                raise ValueError(f"setting {setting.name} wants {kind.__name__} values, not {value!r}")
            elif kind is int and setting.name != "port" and value < 1:
                raise ValueError(f"setting {setting.name} must be at least 1, not {value}")
            elif kind is float and not 0 < value <= 1:
                raise ValueError(f"setting {setting.name} must be above 0 and at most 1, not {value}")
        if self.reused_similarity > self.copied_similarity:
            raise ValueError(f"setting reused_similarity ({self.reused_similarity}) "
                             f"must not exceed copied_similarity ({self.copied_similarity})")
        if not 0 <= self.port <= 65535:
            raise ValueError(f"setting port must be between 0 (any free port) and 65535, not {self.port}")
        if self.default_page_size > self.max_page_size:
            raise ValueError(f"setting default_page_size ({self.default_page_size}) "
                             f"must not exceed max_page_size ({self.max_page_size})")

    def replace(self, **changes: Any) -> "Settings":
        """Return a copy with `changes` applied; unknown names raise ValueError."""
        unknown = sorted(set(changes) - {f.name for f in dataclasses.fields(self)})
        if unknown:
            raise ValueError(f"unknown setting(s): {', '.join(unknown)}")
        return dataclasses.replace(self, **changes)

    def with_text_values(self, pairs: Iterable[tuple[str, str]]) -> "Settings":
        """A copy with settings given as text (`--setting NAME VALUE`), converted to each one's type.

        Raises ValueError naming the setting for an unknown name or a value of the wrong kind.
        """
        changes: dict[str, Any] = {}
        for name, text in pairs:
            if name not in self.help():
                raise ValueError(f"unknown setting {name!r}; known: {', '.join(self.help())}")
            kind = type(getattr(self, name))
            try:
                changes[name] = kind(text)
            except ValueError:
                raise ValueError(f"setting {name} wants {kind.__name__} values, not {text!r}") from None
        return self.replace(**changes)

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> "Settings":
        """Build settings from a mapping with lower- or upper-case keys."""
        return cls().replace(**{key.lower(): value for key, value in values.items()})

    @classmethod
    def help(cls) -> dict[str, str]:
        """Map each setting's name to its one-line description."""
        return {f.name: f.metadata["help"] for f in dataclasses.fields(cls)}


DEFAULTS = Settings()
