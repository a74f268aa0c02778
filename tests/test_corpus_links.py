"""Nothing outside the corpus is read, indexed or served: links, loops, dangling links, odd file names.

A link below a named directory is followed only when its target resolves
inside that directory; every directory and file is visited once; paths are
kept as found; the source view checks the link itself, when it is asked for.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from indexer.config import Settings
from indexer.files import display_path, find_report_files, iter_report_files
from report_files import write_text_report
from search import SearchRequest, build_index
from search.engine import SearchIndex
from search.store import current_generation, read_manifest
from web import create_app

NIANBAO = str(Path(sys.executable).parent / "nianbao")
OUTSIDE_SECRET = "绝密外部文件内容"


def _report(path: Path, body: str) -> Path:
    return write_text_report(path, "天水市民政局", 2019, [("总体情况", body), ("存在的主要问题及改进情况", "工作仍有差距。")])


@pytest.fixture
def hostile_corpus(tmp_path: Path) -> Path:
    """A corpus with links out of it, into it, looping, dangling, and a report outside it that must stay unread."""
    outside = _report(tmp_path / "outside" / "secret.txt", OUTSIDE_SECRET)
    corpus = tmp_path / "corpus"
    _report(corpus / "good.txt", "甲乙丙丁。")
    _report(corpus / "sub" / "real.txt", "戊己庚辛。")
    links = {
        "a-inside.txt": Path("sub") / "real.txt",
        "b-loop": Path("."),
        "c-loop": Path("."),
        "sub/d-up": Path(".."),
        "dangling.txt": Path("missing.txt"),
        "passwd.txt": Path("/etc/passwd"),
        "environ.txt": Path("/proc/self/environ"),
        "secret.txt": outside,
        "outdir": outside.parent,
    }
    for name, target in links.items():
        (corpus / name).symlink_to(target)
    return corpus


def _walk(corpus: Path) -> list[tuple[str, str | None]]:
    return [(path.relative_to(corpus).as_posix(), problem) for path, problem in iter_report_files([corpus])]


def test_links_are_followed_only_inside_the_corpus_and_loops_end(hostile_corpus: Path) -> None:
    found = dict(_walk(hostile_corpus))
    assert len(_walk(hostile_corpus)) == len(found), "a path was found twice"
    reports = sorted(name for name, problem in found.items() if problem is None)
    assert reports == ["a-inside.txt", "good.txt"]  # sub/real.txt is the file a-inside.txt already read
    for name in ("passwd.txt", "environ.txt", "secret.txt", "outdir"):
        assert "outside the corpus" in found[name], name
    assert "broken symbolic link" in found["dangling.txt"]
    assert not any(name.startswith(("b-loop", "c-loop", "sub/d-up")) for name in found)


def test_paths_are_kept_as_found_with_their_root(hostile_corpus: Path) -> None:
    found = {item.path.name: item for item in find_report_files([hostile_corpus])}
    assert found["a-inside.txt"].path == hostile_corpus / "a-inside.txt"
    assert found["a-inside.txt"].root == hostile_corpus


def test_a_named_link_is_followed_because_the_user_chose_it(hostile_corpus: Path, tmp_path: Path) -> None:
    named = tmp_path / "named.txt"
    named.symlink_to(tmp_path / "outside" / "secret.txt")
    assert list(iter_report_files([named])) == [(named, None)]


def test_parse_never_reads_outside_the_corpus(hostile_corpus: Path) -> None:
    run = subprocess.run([NIANBAO, "parse", str(hostile_corpus)], capture_output=True, text=True, timeout=120)
    assert run.returncode == 1
    lines = [json.loads(line) for line in run.stdout.splitlines()]
    parsed = sorted(Path(line["source_path"]).name for line in lines if "error" not in line)
    assert parsed == ["a-inside.txt", "good.txt"]
    assert OUTSIDE_SECRET not in run.stdout and "root:" not in run.stdout and "PATH=" not in run.stdout
    for name in ("passwd.txt", "environ.txt", "secret.txt", "dangling.txt"):
        assert f"{name}: " in run.stderr
    assert "Traceback" not in run.stderr


def test_index_never_reads_outside_the_corpus(hostile_corpus: Path, tmp_path: Path, settings: Settings) -> None:
    index_dir = tmp_path / "index"
    run = subprocess.run([NIANBAO, "index", str(hostile_corpus), "--index", str(index_dir)], capture_output=True, text=True, timeout=120)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert "added 2," in run.stdout and "failed 5:" in run.stdout
    engine = SearchIndex.open(index_dir, settings)
    for needle in (OUTSIDE_SECRET, "root", "PATH"):
        assert engine.search(SearchRequest(query=f'"{needle}"')).total_sections == 0
    assert engine.search(SearchRequest(query='"戊己"')).total_sections == 1
    manifest = read_manifest(current_generation(index_dir))
    assert sorted(manifest["files"]) == sorted(os.path.abspath(hostile_corpus / name) for name in ("a-inside.txt", "good.txt"))
    assert {entry["root"] for entry in manifest["files"].values()} == {os.path.abspath(hostile_corpus)}


def _source_client(corpus: Path, index_dir: Path, settings: Settings):
    build_index([corpus], index_dir, settings)
    client = create_app({"index_dir": index_dir, "TESTING": True}).test_client()
    ids = {Path(hit["source_path"]).name: hit["report_id"] for hit in client.get("/api/search").json["hits"]}
    return client, ids


def test_the_source_view_serves_only_files_inside_the_corpus(hostile_corpus: Path, tmp_path: Path, settings: Settings) -> None:
    client, ids = _source_client(hostile_corpus, tmp_path / "index", settings)
    linked = client.get(f"/reports/{ids['a-inside.txt']}/source")
    assert linked.status_code == 200 and "戊己庚辛" in linked.data.decode("utf-8")
    good = hostile_corpus / "good.txt"
    good.unlink()
    good.symlink_to(tmp_path / "outside" / "secret.txt")  # swapped for a link out of the corpus after the build
    refused = client.get(f"/reports/{ids['good.txt']}/source")
    assert refused.status_code == 404 and OUTSIDE_SECRET not in refused.data.decode("utf-8")
    good.unlink()
    good.symlink_to(hostile_corpus / "missing.txt")
    assert client.get(f"/reports/{ids['good.txt']}/source").status_code == 404
    (hostile_corpus / "a-inside.txt").unlink()
    (hostile_corpus / "a-inside.txt").symlink_to(Path("/etc/passwd"))
    assert client.get(f"/reports/{ids['a-inside.txt']}/source").status_code == 404


def test_a_directory_swapped_for_a_link_out_of_the_corpus_is_not_served(tmp_path: Path, settings: Settings) -> None:
    corpus = tmp_path / "corpus"
    _report(corpus / "sub" / "a.txt", "甲乙丙丁。")
    _report(tmp_path / "elsewhere" / "a.txt", OUTSIDE_SECRET)
    client, ids = _source_client(corpus, tmp_path / "index", settings)
    (corpus / "sub" / "a.txt").unlink()
    (corpus / "sub").rmdir()
    (corpus / "sub").symlink_to(tmp_path / "elsewhere")
    assert client.get(f"/reports/{ids['a.txt']}/source").status_code == 404


def test_a_file_name_that_is_not_utf8_is_indexed_and_served(tmp_path: Path, settings: Settings) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    odd = Path(os.fsdecode(bytes(corpus) + b"/bad\xff\xfename.txt"))
    _report(odd, "甲乙丙丁。")
    index_dir = tmp_path / "index"
    run = subprocess.run([NIANBAO, "index", str(corpus), "--index", str(index_dir)], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "added 1," in run.stdout
    client = create_app({"index_dir": index_dir, "TESTING": True}).test_client()
    (hit,) = client.get("/api/search", query_string={"q": '"甲乙"'}).json["hits"]
    assert hit["source_path"] == display_path(odd) and "\ufffd" in hit["source_path"]
    assert client.get(f"/reports/{hit['report_id']}/source").status_code == 200
    parsed = subprocess.run([NIANBAO, "parse", str(corpus)], capture_output=True, timeout=120)
    assert parsed.returncode == 0 and json.loads(parsed.stdout)["source_path"] == display_path(odd)
