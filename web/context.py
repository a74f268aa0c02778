"""Per-app and per-request state: the settings and the index generation a request searches."""

from __future__ import annotations

from flask import Flask, current_app, g

from indexer.config import Settings
from search import LiveIndex, SearchIndex

SETTINGS_KEY = "NIANBAO_SETTINGS"
INDEX_EXTENSION = "nianbao.index"


def current_settings() -> Settings:
    """The app's settings (built once by `create_app`)."""
    return current_app.config[SETTINGS_KEY]


def search_index() -> SearchIndex:
    """The index generation this request uses: fixed at first use, so one request never mixes two builds."""
    if "search_index" not in g:
        g.search_index = live_index(current_app).current()
    return g.search_index


def live_index(app: Flask) -> LiveIndex:
    """The app's index, which follows rebuilds (for code outside a request, like `nianbao serve`)."""
    return app.extensions[INDEX_EXTENSION]
