"""Between reports and index documents: one Whoosh document per section, and back.

`analyse_report` does the expensive per-report work (matching form, jieba
word counts) so build workers can run it in parallel processes;
`report_from_documents` rebuilds the whole report from its stored sections
for the document view.
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
from search.analysis import word_counts


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
            "title": report.title,
            "agency": report.agency,
            "year": report.year,
            "published": report.published,
            "source_path": report.source_path,
            "source_url": report.source_url,
            "index_no": report.index_no,
        }
        fields: dict[str, Any] = {
            "report_id": report_id,
            "ordinal": ordinal,
            "section": section.type,
            "stored": pack_stored(stored),
            "words": counts,
            "word_count": total,
        }
        if report.agency:
            fields["agency"] = report.agency
        if report.year is not None:
            fields["year"] = report.year
        if report.published:
            fields["published"] = report.published
        analysed.documents.append(SectionDocument(section_key(report_id, ordinal), fields, matching_form(text)))
    return analysed


def report_from_documents(stored_sections: Iterable[dict[str, Any]]) -> Report | None:
    """Rebuild a report from the unpacked stored values of its sections (any order)."""
    ordered = sorted(stored_sections, key=lambda stored: stored["ordinal"])
    if not ordered:
        return None
    first = ordered[0]
    return Report(
        source_path=first["source_path"],
        title=first.get("title"),
        agency=first.get("agency"),
        year=first.get("year"),
        published=first.get("published"),
        source_url=first.get("source_url"),
        index_no=first.get("index_no"),
        sections=[Section(stored["section"], stored["heading"], stored["text"]) for stored in ordered],
    )
