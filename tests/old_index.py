"""An index as nianbao wrote it before facet values were stored by name, built by that very code.

The code of `OLD_COMMIT` (index format 4: section types stored as positions in
SECTION_TYPES) is taken from this checkout's git history and run in a
subprocess, so the tests see exactly what an upgrading user has on disk.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
OLD_COMMIT = "5911938"
"""The last commit whose indexes have format 4 (facet values by position, report metadata in every section)."""
_BUILD = (
    "import sys; from pathlib import Path; from indexer.config import DEFAULTS; from search.build import build_index; "
    "summary = build_index([Path(sys.argv[1])], Path(sys.argv[2]), DEFAULTS.replace(build_processes=1)); "
    "sys.exit(1 if summary.failed or not summary.reports else 0)"
)


def old_code(workdir: Path) -> Path:
    """The indexer and search packages of `OLD_COMMIT`, unpacked under `workdir` (skips without git history)."""
    if shutil.which("git") is None:
        pytest.skip("git is needed to take the old code from the history")
    archive = subprocess.run(["git", "-C", str(REPO_ROOT), "archive", OLD_COMMIT, "indexer", "search"], capture_output=True)
    if archive.returncode != 0:
        pytest.skip(f"commit {OLD_COMMIT} is not in this checkout's history")
    target = workdir / "old-code"
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(target, filter="data")
    return target


def build_old_index(corpus: Path, index_dir: Path, workdir: Path) -> Path:
    """Build `index_dir` from `corpus` with the code of `OLD_COMMIT`; returns `index_dir`."""
    code = old_code(workdir)
    result = subprocess.run([sys.executable, "-c", _BUILD, str(corpus), str(index_dir)], cwd=code, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return index_dir
