"""An index that follows rebuilds: long-running processes (the web server) search through it.

Each call to `current()` checks which generation the index directory's
CURRENT names (one small file read) and, when `nianbao index` has published a
new one, opens it and switches over; requests already running finish on the
generation they started with, so none fails during a rebuild. The generation
replaced is closed (its files, which the next build deletes, released) as
soon as no request holds it any more.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path

from indexer.config import DEFAULTS, Settings
from indexer.places import gazetteer
from search.analysis import warm_up
from search.api import IndexNotFound
from search.engine import SearchIndex
from search.store import current_generation

_REFERENCES_HERE = 3  # to a retired index inside `_close_unused`: the list, the loop variable, getrefcount's argument


class LiveIndex:
    """The current generation of one index directory, reopened when it changes."""

    def __init__(self, index_dir: Path, settings: Settings = DEFAULTS) -> None:
        self.index_dir = index_dir
        self.settings = settings
        self._index: SearchIndex | None = None
        self._retired: list[SearchIndex] = []
        self._lock = threading.Lock()
        warm_up()
        gazetteer()  # the place names agency filters are expanded with (search.catalog.match_agency): ~1 s, once

    def current(self) -> SearchIndex:
        """The searcher of the newest published generation; raises IndexNotFound when there is none."""
        generation = current_generation(self.index_dir)
        index = self._index
        if generation is None:
            if index is None:
                raise IndexNotFound(f"no index at {self.index_dir}; build one with `nianbao index`")
            return index
        if index is not None and index.generation == generation and not self._retired:
            return index
        with self._lock:
            if self._index is None or self._index.generation != generation:
                if self._index is not None:
                    self._retired.append(self._index)
                self._index = SearchIndex(generation, self.settings)
            self._close_unused()
            return self._index

    def _close_unused(self) -> None:
        """Close the replaced generations no one holds any more (only this list and this call refer to them)."""
        still_used = []
        for retired in self._retired:
            if sys.getrefcount(retired) > _REFERENCES_HERE:
                still_used.append(retired)
            else:
                retired.close()
        self._retired = still_used
