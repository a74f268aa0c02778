"""An index that follows rebuilds: long-running processes (the web server) search through it.

Each call to `current()` checks which generation the index directory's
CURRENT names (one small file read) and, when `nianbao index` has published a
new one, opens it and switches over; requests already running finish on the
generation they started with, so none fails during a rebuild.
"""

from __future__ import annotations

import threading
from pathlib import Path

from indexer.config import DEFAULTS, Settings
from search.analysis import warm_up
from search.api import IndexNotFound
from search.engine import SearchIndex
from search.store import current_generation


class LiveIndex:
    """The current generation of one index directory, reopened when it changes."""

    def __init__(self, index_dir: Path, settings: Settings = DEFAULTS) -> None:
        self.index_dir = index_dir
        self.settings = settings
        self._index: SearchIndex | None = None
        self._lock = threading.Lock()
        warm_up()

    def current(self) -> SearchIndex:
        """The searcher of the newest published generation; raises IndexNotFound when there is none."""
        generation = current_generation(self.index_dir)
        index = self._index
        if generation is None:
            if index is None:
                raise IndexNotFound(f"no index at {self.index_dir}; build one with `nianbao index`")
            return index
        if index is not None and index.generation == generation:
            return index
        with self._lock:
            if self._index is None or self._index.generation != generation:
                self._index = SearchIndex(generation, self.settings)
            return self._index
