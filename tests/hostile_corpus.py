"""A corpus of hostile files: what an attacker, or a broken crawler, puts beside real reports.

`write_hostile_corpus(directory, size)` writes good reports and, for each kind
below, one file of about `size` bytes (a test uses kilobytes, the benchmark
megabytes), plus links, odd names and special files; it returns what is
expected of each path. Every kind is built so that a cost worse than linear in
its size shows as a slow file: long runs of one character (jieba's HMM),
thousands of numbered headings, attributes, nesting, entities, lines.
"""

from __future__ import annotations

import io
import json
import os
import random
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from report_files import write_text_report

HEAD = "某某县民政局2019年政府信息公开工作年度报告\n一、总体情况\n"
HTML_HEAD = "<html><head><meta charset='utf-8'><title>某某县民政局2019年政府信息公开工作年度报告</title></head><body>"
NUMERALS = "一二三四五六七八九"
# What is expected of a path: indexed ("good"), failed with a reason naming it ("fails"), or either, but named
# when it fails and never a crash, an internal error or a time-out ("hostile").
GOOD, FAILS, HOSTILE = "good", "fails", "hostile"


@dataclass(frozen=True)
class Kind:
    name: str  # file name, suffix included
    expected: str
    make: Callable[[int, random.Random], bytes]  # bytes of about the given size


def _repeat(unit: str, size: int, head: str = HEAD) -> bytes:
    """`head` then `unit` repeated to about `size` bytes of UTF-8."""
    return (head + unit * max(1, size // max(1, len(unit.encode("utf-8"))))).encode("utf-8")


def _numeral(number: int) -> str:
    tens, ones = divmod(number, 10)
    return (NUMERALS[tens - 1] if tens > 1 else "") + ("十" if tens else "") + (NUMERALS[ones - 1] if ones else "")


def _random_han(size: int, rng: random.Random) -> bytes:
    return (HEAD + "".join(chr(rng.randint(0x4E00, 0x9FA5)) for _ in range(size // 3))).encode("utf-8")


def _random_headings(size: int, rng: random.Random) -> bytes:
    lines = [f"{_numeral(rng.randint(1, 99))}、标题{number}" for number in range(size // 24)]
    return (HEAD + "\n".join(lines)).encode("utf-8")


def _attributes(separator: str, value: str) -> Callable[[int, random.Random], bytes]:
    def make(size: int, rng: random.Random) -> bytes:
        count = size // (len(value) + 8)
        attributes = separator.join(f"a{number}={value}" for number in range(count))
        return f"{HTML_HEAD}<div class='TRS_Editor' {attributes}>一、总体情况<p>正文。</p></div></body></html>".encode("utf-8")

    return make


def _nested(open_tag: str, close_tag: str) -> Callable[[int, random.Random], bytes]:
    def make(size: int, rng: random.Random) -> bytes:
        depth = size // (len(open_tag) + len(close_tag))
        return f"{HTML_HEAD}{open_tag * depth}一、总体情况。正文。{close_tag * depth}</body></html>".encode("utf-8")

    return make


def _big_table(size: int, rng: random.Random) -> bytes:
    row = "<tr>" + "".join(f"<td rowspan='{rng.randint(1, 9999)}' colspan='{rng.randint(1, 9999)}'>{n}</td>" for n in range(10)) + "</tr>"
    return f"{HTML_HEAD}<p>一、总体情况</p><table>{row * max(1, size // len(row))}</table></body></html>".encode("utf-8")


def _billion_laughs(size: int, rng: random.Random) -> bytes:
    entities = "".join(f'<!ENTITY e{n} "{("&e%d;" % (n - 1)) * 10 if n else "哈" * 10}">' for n in range(10))
    return f'<?xml version="1.0"?><!DOCTYPE html [{entities}]>{HTML_HEAD}<p>一、总体情况</p><p>&e9;</p></body></html>'.encode("utf-8")


def _gzip_bomb(size: int, rng: random.Random) -> bytes:
    """A gzip stream that would unpack to a thousand times its size (up to a gigabyte of zeros)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    parts = [compressor.compress(HEAD.encode("utf-8"))]
    megabyte = bytes(1 << 20)
    for _ in range(min(1024, max(1, size // 1000))):
        parts.append(compressor.compress(megabyte))
    return b"".join(parts) + compressor.flush()


def _zip_in_disguise(size: int, rng: random.Random) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("report.html", HEAD * (size // len(HEAD.encode("utf-8")) + 1))
    return buffer.getvalue()


def _mixed_encodings(size: int, rng: random.Random) -> bytes:
    parts, total = [HEAD.encode("utf-8")], 0
    while total < size:
        part = rng.choice(["政府信息公开", "報告", "工作"]).encode(rng.choice(["utf-8", "gb18030", "big5", "utf-16-le"]), "replace")
        parts.append(part)
        total += len(part)
    return b"".join(parts)


def _declared(charset: str, codec: str) -> Callable[[int, random.Random], bytes]:
    def make(size: int, rng: random.Random) -> bytes:
        body = "<p>一、总体情况</p><p>政府信息公开工作稳步推进。</p>" * max(1, size // 80)
        return f"<html><head><meta charset='{charset}'></head><body>{body}</body></html>".encode(codec, "replace")

    return make


KINDS: tuple[Kind, ...] = (
    Kind("jieba-one-character.txt", HOSTILE, lambda size, rng: _repeat("信 ", size)),
    Kind("jieba-random-han.txt", HOSTILE, _random_han),
    Kind("jieba-phrase-no-punctuation.txt", HOSTILE, lambda size, rng: _repeat("政府信息公开", size)),
    Kind("one-letter.txt", HOSTILE, lambda size, rng: _repeat("a", size, head="")),
    Kind("digits.txt", HOSTILE, lambda size, rng: _repeat("0123456789", size)),
    Kind("headings-all-one.txt", HOSTILE, lambda size, rng: _repeat("一、标题\n", size, head="")),
    Kind("headings-known.txt", HOSTILE, lambda size, rng: _repeat("一、总体情况\n", size, head="")),
    Kind("headings-random-numbers.txt", HOSTILE, _random_headings),
    Kind("themed-lines.txt", HOSTILE, lambda size, rng: _repeat("强化组织领导\n全年主动公开政府信息一百条，办理申请十件。\n", size)),
    Kind("many-short-lines.txt", HOSTILE, lambda size, rng: _repeat("公开\n", size)),
    Kind("one-long-line.txt", HOSTILE, lambda size, rng: _repeat("2019年，我局认真贯彻落实条例，", size)),
    Kind("carriage-returns.txt", HOSTILE, lambda size, rng: _repeat("公开工作\r", size)),
    Kind("pipes.txt", HOSTILE, lambda size, rng: _repeat("|", size)),
    Kind("table-rows.txt", HOSTILE, lambda size, rng: _repeat("本年新收 | 1 | 2 | 3 | 4 | 5 | 6 | 7\n", size)),
    Kind("nul-bytes.txt", HOSTILE, lambda size, rng: _repeat("公\x00开\x00", size)),
    Kind("control-characters.txt", HOSTILE, lambda size, rng: _repeat("公开\x01\x02\x1b\x7f\u200b\u202e\ufeff", size)),
    Kind("private-use.txt", HOSTILE, lambda size, rng: _repeat("\ue000公开\ue001\U000f0000", size)),
    Kind("surrogate-bytes.txt", HOSTILE, lambda size, rng: HEAD.encode("utf-8") + b"\xed\xa0\x80\xed\xb0\x80" * (size // 6)),
    Kind("mixed-encodings.txt", HOSTILE, _mixed_encodings),
    Kind("utf16-without-bom.txt", HOSTILE, lambda size, rng: (HEAD + "政府信息公开" * (size // 12)).encode("utf-16-le")),
    Kind("attributes.html", HOSTILE, _attributes(" ", '"x"')),
    Kind("attributes-no-spaces.html", HOSTILE, _attributes("", '">"')),
    Kind("deep-divs.html", HOSTILE, _nested("<div>", "</div>")),
    Kind("deep-tables.html", HOSTILE, _nested("<table><tr><td>", "</td></tr></table>")),
    Kind("deep-unclosed.html", HOSTILE, _nested("<span><b><i>", "")),
    Kind("big-spans-table.html", HOSTILE, _big_table),
    Kind("entities.html", HOSTILE, lambda size, rng: _repeat("&#x4e00;&nbsp;&amp;&#0;&#xD800;", size, head=HTML_HEAD)),
    Kind("billion-laughs.html", HOSTILE, _billion_laughs),
    Kind("unclosed-comment.html", HOSTILE, lambda size, rng: _repeat("一、总体情况", size, head=HTML_HEAD + "<!--")),
    Kind("huge-script.html", HOSTILE, lambda size, rng: _repeat("var a='<p>一、总体情况</p>';", size, head=HTML_HEAD + "<p>一、总体情况</p><p>正文。</p><script>")),
    Kind("many-tags.html", HOSTILE, lambda size, rng: _repeat("<b></b><i>公</i>", size, head=HTML_HEAD)),
    Kind("declared-utf7.html", HOSTILE, _declared("utf-7", "utf-7")),
    Kind("declared-ebcdic.html", HOSTILE, _declared("cp500", "cp500")),
    Kind("declared-utf32.html", HOSTILE, _declared("utf-32", "utf-8")),
    Kind("random-bytes.html", FAILS, lambda size, rng: rng.randbytes(size)),
    Kind("pdf-in-disguise.html", FAILS, lambda size, rng: b"%PDF-1.7\n" + bytes(size)),
    Kind("gzip-bomb.html", FAILS, _gzip_bomb),
    Kind("zip-in-disguise.txt", FAILS, _zip_in_disguise),
    Kind("whitespace-only.txt", FAILS, lambda size, rng: b" \n\t\r\n" * (size // 5)),
)


def _good_reports(directory: Path) -> list[Path]:
    sections = [("总体情况", "2019年，我局认真贯彻落实《条例》，主动公开政府信息。"), ("存在的主要问题及改进情况", "政策解读还不够丰富。")]
    paths = [write_text_report(directory / f"good-{number}.txt", agency, 2019, sections) for number, agency in enumerate(["天水市民政局", "榕江县民政局", "通城县财政局"])]
    odd_name = Path(os.fsdecode(bytes(directory) + b"/good-\xff\xfe-name.txt"))
    paths.append(write_text_report(odd_name, "武定县民政局", 2020, sections))
    sidecar_report = write_text_report(directory / "good-deep-sidecar.txt", "武定县公安局", 2020, sections)
    sidecar_report.with_suffix(".json").write_text('{"agency": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    long_year = write_text_report(directory / "good-long-year-sidecar.txt", "通城县公安局", 2021, sections)
    long_year.with_suffix(".json").write_text(json.dumps({"year": "9" * 5000}), encoding="utf-8")
    return paths + [sidecar_report, long_year]


def _special_files(directory: Path, outside: Path) -> dict[Path, str]:
    """Links, pipes and other paths that must be named and never read."""
    outside.mkdir(parents=True, exist_ok=True)
    secret = write_text_report(outside / "secret.txt", "外部机关", 2019, [("总体情况", "不应被索引的外部内容。")])
    links = {
        "link-passwd.txt": Path("/etc/passwd"),
        "link-environ.txt": Path("/proc/self/environ"),
        "link-outside.txt": secret,
        "link-outside-dir": outside,
        "link-dangling.txt": directory / "missing.txt",
        "loop-a": Path("."),
        "loop-b": Path("."),
    }
    expected = {}
    for name, target in links.items():
        (directory / name).symlink_to(target)
        if not name.startswith("loop"):
            expected[directory / name] = FAILS
    os.mkfifo(directory / "fifo.txt")
    expected[directory / "fifo.txt"] = FAILS
    (directory / "empty.txt").write_bytes(b"")
    expected[directory / "empty.txt"] = FAILS
    with open(directory / "too-large.txt", "wb") as sparse:
        sparse.truncate(17 * 1024 * 1024)
    expected[directory / "too-large.txt"] = FAILS
    return expected


def write_hostile_corpus(directory: Path, size: int, seed: int = 0) -> dict[Path, str]:
    """Write the corpus under `directory` (and a directory beside it that must stay unread); return each
    path's expectation (GOOD, FAILS or HOSTILE)."""
    rng = random.Random(seed)
    directory.mkdir(parents=True, exist_ok=True)
    expected = {path: GOOD for path in _good_reports(directory)}
    for kind in KINDS:
        path = directory / kind.name
        path.write_bytes(kind.make(size, rng))
        expected[path] = kind.expected
    expected.update(_special_files(directory, directory.parent / f"{directory.name}-outside"))
    return expected
