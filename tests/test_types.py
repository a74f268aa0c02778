"""The type checker passes on indexer/, search/ and web/, so the README's one test command checks types too.

mypy runs with the configuration in pyproject.toml (`[tool.mypy]`) and its cache in `.mypy_cache/`
(ignored by git): the first run takes about 10–25 s, a run with nothing changed about 1 s.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_mypy_finds_no_type_errors() -> None:
    result = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"mypy found type errors:\n{result.stdout}{result.stderr}"
    checked = re.search(r"Success: no issues found in (\d+) source files", result.stdout)
    sources = [path for package in ("indexer", "search", "web") for path in (ROOT / package).rglob("*.py")]
    assert checked and int(checked.group(1)) == len(sources), f"mypy did not check every module:\n{result.stdout}"
