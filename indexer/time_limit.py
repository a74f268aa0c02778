"""A limit on the CPU time one file may take, so that one hostile file never stalls a run.

Every cost of parsing and indexing is meant to be linear in the file's size;
this is the safety net for whatever is not: past `max_file_seconds` of CPU
time the work on the file is interrupted and the file fails with a reason
naming the setting, like any other bad file, while the run goes on. CPU time
(not wall time) so that a loaded machine does not fail good files.

The limit is a `SIGPROF` interval timer, so it works in a process's main
thread only (elsewhere nothing is limited), and it interrupts Python code
only: a single C call (a regular expression, libxml2) finishes first. Limits
do not nest: the outermost one (a build worker's, covering parse and
analysis) is the one that counts.
"""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from indexer.errors import ReportError

_active = False


class _Expired(BaseException):
    """Raised inside the work when its time is up; a BaseException, so that no `except Exception` in the
    parser mistakes it for a bug of its own."""


def time_limit_reason(seconds: int) -> str:
    """The reason a file that ran out of time fails with."""
    return f"took more than {seconds} s of CPU time to parse and index (setting max_file_seconds); skipped"


@contextmanager
def file_time_limit(path: Path | str, seconds: int) -> Iterator[None]:
    """Run the body with at most `seconds` of CPU time; past it, raise `ReportError` for `path`."""
    global _active
    if _active or threading.current_thread() is not threading.main_thread():
        yield
        return
    armed = True

    def expire(signum: int, frame: object) -> None:
        if armed:
            raise _Expired

    previous = signal.signal(signal.SIGPROF, expire)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    _active = True
    try:
        yield
    except _Expired:
        raise ReportError(path, time_limit_reason(seconds)) from None
    finally:
        armed = False
        _active = False
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)
