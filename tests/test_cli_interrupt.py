"""Ctrl-C while `nianbao` is still loading ends it quietly, with the shell's code for an interrupt."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

NIANBAO = str(Path(sys.executable).parent / "nianbao")
CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def _slow_import_hook(directory: Path) -> Path:
    """A `sitecustomize` that holds the import of `web` for two seconds: the window a Ctrl-C must find."""
    (directory / "sitecustomize.py").write_text(
        "import importlib.abc, sys, time\n"
        "class Slow(importlib.abc.MetaPathFinder):\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'web':\n"
        "            sys.stderr.write('loading web\\n'); sys.stderr.flush(); time.sleep(2)\n"
        "        return None\n"
        "sys.meta_path.insert(0, Slow())\n",
        encoding="utf-8",
    )
    return directory


@pytest.mark.parametrize("command", [["index", str(CORPUS)], ["parse", str(CORPUS)]])
def test_ctrl_c_while_loading_prints_no_traceback(tmp_path: Path, command: list[str]) -> None:
    hook = _slow_import_hook(tmp_path)
    run = subprocess.Popen(
        [NIANBAO, *command, *(["--index", str(tmp_path / "index")] if command[0] == "index" else [])],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        env={"PYTHONPATH": str(hook), "PATH": "/usr/bin:/bin"},
    )
    assert run.stderr is not None
    assert run.stderr.readline().strip() == "loading web"
    time.sleep(0.1)
    run.send_signal(signal.SIGINT)
    stderr = run.stderr.read()
    assert run.wait(timeout=60) == 130
    assert "Traceback" not in stderr and "nianbao: interrupted" in stderr
