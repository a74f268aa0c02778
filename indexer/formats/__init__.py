"""Report file formats: one `Loader` per format, chosen by the file's bytes and then its suffix.

The indexer (`load_page`), the file walk (`REPORT_SUFFIXES`) and the source
view (`source_text`) all go through this registry, so adding a format is adding
one loader to `LOADERS`. The bytes win over the suffix: a `.doc` that is really
a .docx, a PDF named `.html`, or a Word "web page" saved as `.doc` is read as
what it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from indexer.config import Settings
from indexer.errors import ReportError
from indexer.formats.base import Loader
from indexer.formats.doc import is_ole_document, read_doc
from indexer.formats.docx import is_docx, read_docx
from indexer.formats.pdf import is_pdf, read_pdf
from indexer.formats.text import looks_like_html, read_html, read_text
from indexer.loading import binary_kind, decode_report_file, read_report_bytes
from indexer.page import Page

HTML = Loader("html", frozenset({".html", ".htm"}), read_html)
TEXT = Loader("text", frozenset({".txt"}), read_text)
LOADERS: tuple[Loader, ...] = (
    HTML,
    TEXT,
    Loader("docx", frozenset({".docx"}), read_docx, binary=True, recognises=is_docx),
    Loader("doc", frozenset({".doc"}), read_doc, binary=True, recognises=is_ole_document),
    Loader("pdf", frozenset({".pdf"}), read_pdf, binary=True, recognises=is_pdf),
)
REPORT_SUFFIXES: frozenset[str] = frozenset(suffix for loader in LOADERS for suffix in loader.suffixes)
ATTACHMENT_SUFFIXES: frozenset[str] = frozenset(suffix for loader in LOADERS if loader.binary for suffix in loader.suffixes)
_BY_SUFFIX = {suffix: loader for loader in LOADERS for suffix in loader.suffixes}


def supported_suffixes() -> str:
    """The suffixes nianbao reads, for messages: `.html, .htm, .txt, …`."""
    return ", ".join(suffix for loader in LOADERS for suffix in sorted(loader.suffixes, key=len, reverse=True))


def loader_for(path: Path, data: bytes) -> Loader:
    """The loader for a file: the format its bytes are, else its suffix's; raises `ReportError` for other files.

    A binary suffix on bytes of no binary format that are HTML or text is read as
    such (a Word "web page" saved as .doc); other bytes go to the suffix's loader,
    which says why they are no document of its kind.
    """
    for loader in LOADERS:
        if loader.recognises is not None and loader.recognises(data):
            return loader
    by_suffix = _BY_SUFFIX.get(path.suffix.lower())
    if by_suffix is None:
        raise ReportError(path, f"unsupported file type {path.suffix.lower() or '(none)'}; nianbao reads {supported_suffixes()}")
    if by_suffix.binary and looks_like_html(data):
        return HTML
    if by_suffix.binary and binary_kind(data) is None:
        return TEXT
    return by_suffix


def read_page(path: Path, data: bytes, settings: Settings) -> Page:
    """The page of a file's bytes, read by its format's loader."""
    return loader_for(path, data).read(path, data, settings)


@dataclass
class SourceText:
    """A file as text for the source view: the decoded file, or what was extracted from a binary one."""

    text: str
    encoding: str
    extracted_from: str | None = None


def source_text(path: Path, data: bytes, settings: Settings) -> SourceText:
    """The file's text as the source view shows it; raises `ReportError` when it has none."""
    loader = loader_for(path, data)
    if loader.binary:
        return SourceText("\n".join(loader.read(path, data, settings).lines), "utf-8", loader.name)
    decoded = decode_report_file(path, data, html=loader is HTML)
    return SourceText(decoded.text, decoded.encoding)


def load_page(path: Path, settings: Settings) -> Page:
    """Read a report file into its page (size limits and all)."""
    return read_page(path, read_report_bytes(path, settings), settings)
