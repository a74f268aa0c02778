"""nianbao's front ends: the Flask web app (`create_app`) and the `nianbao` command line.

The app is built by a factory, Flask-tutorial style: one `Settings` object
holds its configuration, one `LiveIndex` per app (jieba and the searcher load
once per worker process and follow rebuilds), and one blueprint per page area.
"""

from __future__ import annotations

from typing import Any, Mapping

from flask import Flask

from indexer.config import Settings
from search import LiveIndex
from web import errors, guards
from web.context import INDEX_EXTENSION, SETTINGS_KEY
from web.rendering import register_template_helpers
from web.views import api, reports, search


def _split_config(app: Flask, config: Mapping[str, Any]) -> tuple[dict[str, Any], Settings]:
    """Flask's own upper-case keys (TESTING, SERVER_NAME, …) for Flask; everything else must be a setting."""
    flask_values = {key: value for key, value in config.items() if key.isupper() and key in app.config}
    return flask_values, Settings.from_mapping({key: value for key, value in config.items() if key not in flask_values})


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the web app; `config` holds setting names (see `indexer.config`) and Flask keys.

    Unknown keys raise ValueError, so a typo never passes silently. Request bodies are
    limited by Flask's MAX_CONTENT_LENGTH when the caller gives one, else `max_request_bytes`.
    """
    app = Flask(__name__, static_folder=None)
    app.config["PROVIDE_AUTOMATIC_OPTIONS"] = False  # every route answers GET and HEAD only; OPTIONS too is a 405
    app.static_folder = "static"
    app.add_url_rule(f"{app.static_url_path}/<path:filename>", endpoint="static", view_func=app.send_static_file)
    flask_values, settings = _split_config(app, config or {})
    app.config.update(flask_values)
    app.config[SETTINGS_KEY] = settings
    if "MAX_CONTENT_LENGTH" not in flask_values:
        app.config["MAX_CONTENT_LENGTH"] = settings.max_request_bytes
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.json.sort_keys = False  # type: ignore[attr-defined]
    app.extensions[INDEX_EXTENSION] = LiveIndex(settings.index_dir, settings)

    guards.register(app)
    errors.register(app)
    register_template_helpers(app)
    app.register_blueprint(search.bp)
    app.register_blueprint(reports.bp)
    app.register_blueprint(api.bp)
    app.add_url_rule("/favicon.ico", endpoint="favicon", redirect_to="/static/favicon.svg")
    return app
