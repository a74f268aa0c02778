"""The Whoosh schema: one document per report section.

A report's first section document also carries the report's metadata, and a
whole report is the set of documents sharing a `report_id`.
The `words` field holds jieba words for BM25 ranking; exact substring matching
is answered by `search.grams`, not by Whoosh phrase queries (the README's
"Why a character gram index" says why).

This module is pickled into the index (through `WordsField`), so its path must
stay stable.
"""

from __future__ import annotations

from typing import Any, Iterator

from whoosh import columns, fields
from whoosh.system import pack_uint

from search.analysis import JiebaTokenizer
from search.catalog import FACETS
from search.documents import REPORT_FIELD

# Bump when the schema or the files beside the Whoosh index change meaning:
# an index built with another version is rebuilt from scratch.
INDEX_FORMAT = 7


def index_layout() -> dict[str, Any]:
    """What an index's manifest must say for this code to read it: the format, and each facet with the
    fixed vocabulary it was built with. Any difference (an older nianbao, a section type or level added,
    a facet added) means the index is rebuilt, never read with the wrong meaning."""
    return {"format": INDEX_FORMAT, "facets": {facet.name: list(facet.vocabulary) for facet in FACETS}}


def is_current(manifest: dict[str, Any]) -> bool:
    """Whether a generation's manifest was written with this code's layout."""
    return all(manifest.get(key) == value for key, value in index_layout().items())


class WordsField(fields.TEXT):
    """A TEXT field over jieba words that also accepts words counted by a build worker.

    Build workers segment in parallel processes and hand over {word: count}
    mappings; indexing those is exactly what the Frequency format would do with
    the tokenizer's output, minus the work.
    """

    def index(self, value: Any, **kwargs: Any) -> Iterator[tuple[bytes, int, float, bytes]]:
        if isinstance(value, dict):
            boost = self.format.field_boost
            return ((word.encode("utf-8"), count, count * boost, pack_uint(count)) for word, count in value.items())
        return super().index(value, **kwargs)


def build_schema() -> fields.Schema:
    """The schema of a nianbao index.

    Section facets are indexed and kept as columns; what a section shows is in
    `stored`, one compressed blob per section (see `search.documents.pack_stored`),
    and its report's metadata in `report` on the report's first section, both
    raw bytes columns: Whoosh's stored fields would pickle them with protocol 2,
    which writes every byte above 0x7f as two.
    """
    return fields.Schema(
        report_id=fields.ID(sortable=True),
        ordinal=fields.NUMERIC(sortable=True),
        stored=fields.COLUMN(columns.VarBytesColumn()),
        words=WordsField(analyzer=JiebaTokenizer(), phrase=False),
        word_count=fields.NUMERIC(sortable=True),
        **{REPORT_FIELD: fields.COLUMN(columns.VarBytesColumn())},
        **{facet.name: fields.ID(sortable=True) for facet in FACETS if facet.scope == "section"},
    )
