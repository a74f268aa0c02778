"""Between reports and index documents: one Whoosh document per section, and back.

`analyse_report` does the expensive per-report work (matching form, jieba
word counts) so build workers can run it in parallel processes. A section's
stored blob holds what is its own (heading, text, type, and its blocks, packed
so as not to repeat the text); the report's metadata (`Report.to_json` without
the sections, with the template tables' values but not their checks, which are
recomputed from them) is stored once, with its first section, in the
`REPORT_FIELD` column. `report_from_documents` puts a whole report back
together for the document view.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from functools import lru_cache
from importlib import resources
from dataclasses import dataclass, field
from typing import Any, Iterable

from indexer.matching import matching_form
from indexer.report import Report, Section
from indexer.tables import Block, Paragraph, Table, block_from_json
from indexer.tables.text_shapes import pipe_cells
from search.analysis import word_counts
from search.catalog import FACETS

REPORT_FIELD = "report"
_SECTION_FACETS = tuple(facet for facet in FACETS if facet.scope == "section")


def report_id_for(source_key: str) -> str:
    """A report's id: 16 hex digits derived from its file's absolute path, stable across builds.

    The path's own bytes are hashed, so a file name that is not UTF-8 has an id too.
    """
    return hashlib.blake2b(source_key.encode("utf-8", "surrogateescape"), digest_size=8).hexdigest()


def section_key(report_id: str, ordinal: int) -> str:
    return f"{report_id}:{ordinal}"


def searchable_text(heading: str, text: str) -> str:
    """What a section's matches are looked for in: its heading, then its body."""
    return f"{heading}\n{text}" if heading else text


@lru_cache(maxsize=1)
def _dictionary() -> bytes:
    """zlib's preset dictionary: text of the real seed reports, so that the 2019 template's
    headings and table rows compress to back-references even in a short section."""
    return resources.files("search").joinpath("compression_dictionary.txt").read_bytes()


def pack_stored(values: dict[str, Any]) -> bytes:
    """A section's stored values as one compressed blob (a third of Whoosh's pickled fields)."""
    compressor = zlib.compressobj(6, zdict=_dictionary())
    return compressor.compress(json.dumps(values, ensure_ascii=False).encode("utf-8")) + compressor.flush()


def unpack_stored(blob: bytes) -> dict[str, Any]:
    """The values `pack_stored` packed."""
    decompressor = zlib.decompressobj(zdict=_dictionary())
    return json.loads(decompressor.decompress(blob) + decompressor.flush())


def pack_blocks(blocks: list[Block]) -> list[Any]:
    """A section's blocks as stored, without repeating its text: a run of paragraphs is its
    number of lines, a table of ` | ` rows `["pipes", rows]`, any other table its JSON."""
    packed: list[Any] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            if packed and isinstance(packed[-1], int):
                packed[-1] += 1
            else:
                packed.append(1)
        elif block.shape == "pipes":
            packed.append(["pipes", len(block.rows)])
        else:
            packed.append(block.to_json())
    return packed


def unpack_blocks(text: str, packed: list[Any]) -> list[Block]:
    """The blocks `pack_blocks` packed, with their text taken from the section's lines."""
    lines = text.split("\n") if text else []
    blocks: list[Block] = []
    index = 0
    for item in packed:
        if isinstance(item, int):
            blocks.extend(Paragraph(line) for line in lines[index : index + item])
            index += item
        elif isinstance(item, list):
            blocks.append(Table.of_texts((pipe_cells(line) for line in lines[index : index + item[1]]), "pipes"))
            index += item[1]
        else:
            table = block_from_json(item)
            blocks.append(table)
            index += len(table.rows) if isinstance(table, Table) else 1
    return blocks


@dataclass
class SectionDocument:
    """One section ready for the index: Whoosh fields plus its matching form."""

    key: str
    fields: dict[str, Any]
    matching_text: str


@dataclass
class AnalysedReport:
    """A report turned into section documents, with what identifies its file."""

    source_key: str
    source_path: str
    content_hash: str
    report_id: str
    documents: list[SectionDocument] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def report_metadata(report: Report) -> dict[str, Any]:
    """What the index keeps of a report besides its sections: `Report.to_json` without them."""
    metadata = report.to_json()
    del metadata["sections"]
    if report.tables:
        metadata["tables"] = report.tables.to_json(with_checks=False)
    return metadata


def analyse_report(report: Report, source_key: str, content_hash: str, report_id: str) -> AnalysedReport:
    """Turn a parsed report into its section documents (the costly part of indexing)."""
    analysed = AnalysedReport(source_key, report.source_path, content_hash, report_id, warnings=list(report.warnings))
    for ordinal, section in enumerate(report.sections):
        text = searchable_text(section.heading, section.text)
        counts, total = word_counts(text)
        stored = {
            "report_id": report_id,
            "ordinal": ordinal,
            "section": section.type,
            "heading": section.heading,
            "text": section.text,
            "blocks": pack_blocks(section.blocks),
        }
        fields: dict[str, Any] = {
            "report_id": report_id,
            "ordinal": ordinal,
            "stored": pack_stored(stored),
            "words": counts,
            "word_count": total,
        }
        for facet in _SECTION_FACETS:
            fields.update((facet.name, value) for value in facet.read(section.to_json())[:1])
        if ordinal == 0:
            fields[REPORT_FIELD] = pack_stored(report_metadata(report))
        analysed.documents.append(SectionDocument(section_key(report_id, ordinal), fields, matching_form(text)))
    return analysed


def report_from_documents(metadata: dict[str, Any], stored_sections: Iterable[dict[str, Any]]) -> Report | None:
    """Rebuild a report from its metadata and the unpacked stored values of its sections (any order)."""
    ordered = sorted(stored_sections, key=lambda stored: stored["ordinal"])
    if not ordered:
        return None
    report = Report.from_json({**metadata, "sections": []})
    report.sections = [
        Section(stored["section"], stored["heading"], stored["text"], unpack_blocks(stored["text"], stored.get("blocks", [])))
        for stored in ordered
    ]
    return report
