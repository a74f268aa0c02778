"""What a loader reads from one report file: the report's lines and what the file says around them.

Every format (HTML, text, Word, PDF) is loaded into this one structure, which
the pipeline turns into a `Report` without knowing where it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from indexer.tables.model import TableLines


@dataclass
class Page:
    """A loaded file: content lines (tables as ` | ` rows, their cells in `tables`) and file-level metadata.

    `outside_lines` are the file's lines around the report (an HTML page's
    metadata table, a linking page's text); `title_candidates` its headline,
    `<title>`, meta or document-property titles, best first.
    """

    lines: list[str]
    outside_lines: list[str] = field(default_factory=list)
    title_candidates: list[str] = field(default_factory=list)
    head_title: str | None = None
    source_url: str | None = None
    published: str | None = None
    source: str | None = None
    warnings: list[str] = field(default_factory=list)
    tables: list[TableLines] = field(default_factory=list)
    attachment: str | None = None
