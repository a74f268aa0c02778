"""Where the `nianbao` command starts: loading the program takes a moment, and a Ctrl-C during it ends it quietly.

Importing `web.cli` loads Flask, Whoosh, lxml, OpenCC and the indexer (up to a
second on a busy machine); an interrupt then would print a traceback from
deep inside an import. Once the command runs, it handles Ctrl-C itself.
"""

from __future__ import annotations

import sys

_INTERRUPTED = 130  # the shell's code for a command ended by SIGINT


def main() -> None:
    try:
        from web.cli import main as command
    except KeyboardInterrupt:
        sys.stderr.write("nianbao: interrupted\n")
        sys.exit(_INTERRUPTED)
    command()
