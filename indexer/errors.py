"""The one error type the indexer raises for a file it cannot turn into a report."""

from __future__ import annotations

from pathlib import Path


class ReportError(Exception):
    """A report file could not be read or parsed; `reason` says why in plain words."""

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason
