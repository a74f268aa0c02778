"""Finding report files: recursion, order, sidecars, hidden entries, and problems."""

from __future__ import annotations

from pathlib import Path

from indexer import iter_report_files


def _touch(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("x", encoding="utf-8")
    return path


def test_directories_are_walked_recursively_in_sorted_order(tmp_path):
    for name in ["b.txt", "a.HTML", "sub/c.htm", "sub/deeper/d.txt", "a.json", ".hidden.txt", ".git/e.txt", "notes.xlsx"]:
        _touch(tmp_path / name)
    found = [(path.relative_to(tmp_path).as_posix(), problem) for path, problem in iter_report_files([tmp_path])]
    assert found == [
        ("a.HTML", None),
        ("b.txt", None),
        ("notes.xlsx", "unsupported file type .xlsx; nianbao reads .html, .htm, .txt, .docx, .doc, .pdf"),
        ("sub/c.htm", None),
        ("sub/deeper/d.txt", None),
    ]


def test_named_files_keep_their_order_and_problems_are_reported(tmp_path):
    report = _touch(tmp_path / "r.txt")
    sidecar = _touch(tmp_path / "r.json")
    found = list(iter_report_files([report, tmp_path / "missing.html", sidecar]))
    assert found == [
        (report, None),
        (tmp_path / "missing.html", "no such file or directory"),
        (sidecar, "unsupported file type .json; nianbao reads .html, .htm, .txt, .docx, .doc, .pdf"),
    ]


def test_a_json_file_without_a_report_beside_it_is_not_a_sidecar(tmp_path):
    _touch(tmp_path / "orphan.json")
    assert [problem for _, problem in iter_report_files([tmp_path])] == [
        "unsupported file type .json; nianbao reads .html, .htm, .txt, .docx, .doc, .pdf"
    ]
