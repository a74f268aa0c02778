"""Bytes to text: read a report file safely and decode it without mojibake.

Chinese government sites serve UTF-8, GB2312/GBK/GB18030 and Big5 pages, often
with a missing or wrong `<meta charset>`. The bytes decide: a declaration is
only believed when the bytes decode under it and read as Chinese, GB2312 and GBK
declarations are decoded as their superset GB18030, and charset-normalizer
is asked only when the usual candidates fail.
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO

import charset_normalizer

from indexer.chinese import is_han
from indexer.config import Settings
from indexer.errors import ReportError
from indexer.matching import matching_form

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (.docx/.xlsx?)"),
    (b"\xd0\xcf\x11\xe0", "an OLE document (.doc/.xls?)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"{\\rtf", "an RTF document"),
)

# Encodings whose superset decodes them losslessly; pages declare the subset but use the superset.
_SUPERSETS: dict[str, str] = {"gb2312": "gb18030", "gbk": "gb18030", "big5": "big5hkscs"}
_UNDECLARED_CANDIDATES: tuple[str, ...] = ("gb18030", "big5hkscs")

_DECLARED_CHARSET = re.compile(
    rb"""<\?xml[^>]*encoding\s*=\s*["']\s*([A-Za-z0-9_:.\-]+)|<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""",
    re.IGNORECASE,
)
_ASCII_RUN = re.compile(r"[\x00-\x7f]+")
_PLAUSIBLE_HAN_SHARE = 0.8
_MAX_REPLACED_SHARE = 0.01
_FEW_REPLACED = 3
_BINARY_CONTROL_SHARE = 0.05
_CONTROL_BYTES = bytes(byte for byte in range(32) if byte not in b"\t\n\r\f\x0b\x1b")


@dataclass
class DecodedText:
    """Text decoded from a file, the encoding used and what went wrong on the way."""

    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def open_regular_file(path: Path, follow_links: bool = True) -> BinaryIO:
    """Open `path` for reading only if it is a regular file, never blocking on a pipe or device.

    With `follow_links` False a symbolic link at `path` itself is refused too.
    Raises OSError (ENXIO, ELOOP …) with what it met instead.
    """
    flags = os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | (0 if follow_links else os.O_NOFOLLOW)
    descriptor = os.open(path, flags)
    if not stat.S_ISREG(os.fstat(descriptor).st_mode):
        os.close(descriptor)
        raise OSError(errno.ENXIO, "not a regular file", str(path))
    return os.fdopen(descriptor, "rb")


def read_report_bytes(path: Path, settings: Settings, follow_links: bool = True) -> bytes:
    """Read a report file; raise `ReportError` when it is missing, not a regular file, empty or over the size limit."""
    limit = settings.max_file_bytes
    try:
        with open_regular_file(path, follow_links) as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > limit:
                raise ReportError(path, f"file too large ({_megabytes(size)}; the limit is {_megabytes(limit)}, setting max_file_bytes)")
            data = handle.read(limit + 1)
    except OSError as error:
        raise ReportError(path, f"cannot read file: {error.strerror or error}") from error
    if len(data) > limit:
        raise ReportError(path, f"file too large (over {_megabytes(limit)}, setting max_file_bytes)")
    if not data.strip():
        raise ReportError(path, "empty file")
    return data


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MiB" if size >= 1024 * 1024 else f"{size:,} bytes"


def _bom_encoding(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def binary_kind(data: bytes) -> str | None:
    """What kind of binary file the bytes are (`a PDF document`, `too many control bytes`), None for text."""
    if _bom_encoding(data) in ("utf-16", "utf-32"):
        return None
    for signature, kind in _BINARY_SIGNATURES:
        if data.startswith(signature):
            return kind
    sample = data[:65536]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return "too many control bytes" if controls > _BINARY_CONTROL_SHARE * len(sample) else None


def check_not_binary(path: Path, data: bytes) -> list[str]:
    """Raise `ReportError` for binary data; return a warning when a few NUL bytes were found.

    NUL bytes are then removed by `strip_nul_bytes` (see `decode_report_file`).
    """
    kind = binary_kind(data)
    if kind is not None:
        raise ReportError(path, f"binary file ({kind}), not a report page or text")
    if _bom_encoding(data) in ("utf-16", "utf-32"):
        return []
    nul_count = data.count(0)
    return [f"removed {nul_count} NUL byte(s)"] if nul_count else []


def strip_nul_bytes(data: bytes) -> bytes:
    """Remove NUL bytes from non-UTF-16 data (they end up as garbage otherwise)."""
    if _bom_encoding(data) in ("utf-16", "utf-32"):
        return data
    return data.replace(b"\x00", b"")


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its XML declaration or `<meta>` tags, if any."""
    match = _DECLARED_CHARSET.search(data[:8192])
    if not match:
        return None
    return (match.group(1) or match.group(2)).decode("ascii", "replace")


def _codec_name(label: str | None) -> str | None:
    """A Python codec for a charset label, widened to its superset; None when unknown."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().lower()).name
        b"a".decode(name, errors="replace")  # refuses codecs that are not text encodings: base64, hex, rot13 …
    except LookupError:
        return None
    return _SUPERSETS.get(name, name)


def double_byte_chars(codec: str, leads: range, trails: range) -> set[str]:
    """The characters a double-byte codec gives for every lead/trail byte pair in the ranges."""
    chars = set()
    for lead in leads:
        for trail in trails:
            try:
                chars.add(bytes((lead, trail)).decode(codec))
            except UnicodeDecodeError:
                continue
    return chars


@lru_cache(maxsize=1)
def _common_han() -> frozenset[str]:
    """The 6,763 characters of GB2312: nearly all Han characters of real Chinese prose."""
    return frozenset(double_byte_chars("gb2312", range(0xB0, 0xF8), range(0xA1, 0xFF)))


def _is_cjk_punctuation(char: str) -> bool:
    """CJK and full-width punctuation, and the symbols reports use (·×°①Ⅱ●※…)."""
    return (
        "\u3000" <= char <= "\u303f"
        or "\uff00" <= char <= "\uffef"
        or "\u2000" <= char <= "\u24ff"
        or "\u25a0" <= char <= "\u27bf"
        or char in "·×÷°±"
    )

class _PlausibilityTable(dict):
    """`str.translate` table: "p" for a plausible character, "x" for an implausible one, "" for ASCII/space."""

    def __missing__(self, codepoint: int) -> str:
        char = chr(codepoint)
        if char.isascii() or char.isspace():
            verdict = ""
        elif _is_cjk_punctuation(char) or (is_han(char) and matching_form(char) in _common_han()):
            verdict = "p"
        else:
            verdict = "x"
        self[codepoint] = verdict
        return verdict

_PLAUSIBILITY = _PlausibilityTable()

def han_plausibility(text: str, sample: int = 2000) -> float:
    """Share of non-ASCII characters that are common Han characters or CJK punctuation.

    Traditional characters count as their simplified forms. Real Chinese prose
    scores above 0.95; bytes decoded with the wrong codec (rare characters,
    kana, private-use and box-drawing characters) score far lower. Text without
    non-ASCII characters scores 1.0.
    """
    verdicts = _ASCII_RUN.sub("", text[: sample * 10])[:sample].translate(_PLAUSIBILITY)
    return verdicts.count("p") / len(verdicts) if verdicts else 1.0

def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None

def decode_report_bytes(data: bytes, declared: str | None = None) -> DecodedText:
    """Decode report bytes: BOM, then UTF-8, the declaration, GB18030/Big5, detection, then lenient.

    Raises `ValueError` when no encoding gives readable text.
    """
    bom = _bom_encoding(data)
    if bom:
        text = data.decode(bom, errors="replace")
        return DecodedText(text, bom, _replacement_warning(text))
    utf8 = _strict(data, "utf-8")
    if utf8 is not None:
        return DecodedText(utf8, "utf-8")
    declared_codec = _codec_name(declared)
    candidates = [codec for codec in (declared_codec, *_UNDECLARED_CANDIDATES) if codec and codec != "utf-8"]
    decoded = [(codec, strict) for codec in dict.fromkeys(candidates) if (strict := _strict(data, codec)) is not None]
    plausible = [(han_plausibility(text), codec, text) for codec, text in decoded]
    plausible = [item for item in plausible if item[0] >= _PLAUSIBLE_HAN_SHARE]
    if plausible:
        best_score = max(score for score, _, _ in plausible)
        codec, text = next((codec, text) for score, codec, text in plausible if score >= best_score - 0.02)
        return DecodedText(text, codec, _declaration_warning(declared, declared_codec, codec))
    detected = _detect(data)
    if detected is not None:
        return detected
    return _decode_leniently(data, declared_codec)

def decode_report_file(path: Path, data: bytes, html: bool = False) -> DecodedText:
    """The text of a report file's bytes, decoded the one way the indexer and the source view share.

    Binary data raises `ReportError`; NUL bytes are removed with a warning; an
    HTML page's declared charset is weighed against the bytes.
    """
    warnings = check_not_binary(path, data)
    data = strip_nul_bytes(data)
    declared = declared_charset(data) if html else None
    try:
        decoded = decode_report_bytes(data, declared)
    except ValueError as error:
        raise ReportError(path, str(error)) from error
    return DecodedText(decoded.text, decoded.encoding, warnings + decoded.warnings)

def _declaration_warning(declared: str | None, declared_codec: str | None, used: str) -> list[str]:
    if declared and declared_codec != used:
        return [f"page declares charset {declared} but its bytes are {used}; decoded as {used}"]
    return []

def _detect(data: bytes) -> DecodedText | None:
    match = charset_normalizer.from_bytes(data).best()
    if match is None or match.encoding is None:
        return None
    codec = _SUPERSETS.get(match.encoding, match.encoding)
    text = _strict(data, codec)
    if text is None or han_plausibility(text) < _PLAUSIBLE_HAN_SHARE:
        return None
    return DecodedText(text, codec, [f"encoding detected as {codec}"])

def _decode_leniently(data: bytes, declared_codec: str | None) -> DecodedText:
    best: tuple[int, str, str] | None = None
    for codec in dict.fromkeys(c for c in ("utf-8", declared_codec, "gb18030") if c):
        text = data.decode(codec, errors="replace")
        replaced = text.count("\ufffd")
        if han_plausibility(text) >= _PLAUSIBLE_HAN_SHARE and (best is None or replaced < best[0]):
            best = (replaced, codec, text)
    if best is None or best[0] > max(_FEW_REPLACED, _MAX_REPLACED_SHARE * len(best[2])):
        raise ValueError("undecodable text: the bytes are not UTF-8, GB18030, Big5 or any detectable encoding")
    replaced, codec, text = best
    return DecodedText(text, codec, [f"{replaced} undecodable byte sequence(s) replaced (decoded as {codec})"])

def _replacement_warning(text: str) -> list[str]:
    replaced = text.count("\ufffd")
    return [f"{replaced} undecodable byte sequence(s) replaced"] if replaced else []
