"""The Whoosh schema: one document per report section.

Each section document carries its report's metadata, so a hit needs no second
lookup, and a whole report is the set of documents sharing a `report_id`.
The `words` field holds jieba words for BM25 ranking; exact substring matching
is answered by `search.grams`, not by Whoosh phrase queries (see DESIGN.md).

This module is pickled into the index (through `WordsField`), so its path must
stay stable.
"""

from __future__ import annotations

from typing import Any, Iterator

from whoosh import columns, fields
from whoosh.system import pack_uint

from search.analysis import JiebaTokenizer

# Bump when the schema or the files beside the Whoosh index change meaning:
# an index built with another version is rebuilt from scratch.
INDEX_FORMAT = 5


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

    Metadata fields are indexed and kept as columns (for filters, facets and
    sorting); everything a hit or the document view shows is in `stored`, one
    compressed blob per section (see `search.documents.pack_stored`), kept as
    a raw bytes column: Whoosh's stored fields would pickle it with protocol 2,
    which writes every byte above 0x7f as two.
    """
    return fields.Schema(
        report_id=fields.ID(sortable=True),
        ordinal=fields.NUMERIC(sortable=True),
        agency=fields.ID(sortable=True),
        year=fields.NUMERIC(sortable=True),
        published=fields.ID(sortable=True),
        section=fields.ID(sortable=True),
        stored=fields.COLUMN(columns.VarBytesColumn()),
        words=WordsField(analyzer=JiebaTokenizer(), phrase=False),
        word_count=fields.NUMERIC(sortable=True),
    )
