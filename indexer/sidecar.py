"""The optional `NAME.json` beside a report: metadata known from the crawl, which wins.

Keys: `source_url`, `agency`, `year`, `published`, `title`. A sidecar that is not
valid JSON, or a value of the wrong shape, is ignored with a warning rather than
failing the report.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from indexer.config import DEFAULTS, Settings
from indexer.files import sidecar_path
from indexer.metadata import is_web_address, parse_date

SIDECAR_KEYS: tuple[str, ...] = ("source_url", "agency", "year", "published", "title")


def read_sidecar(report_path: Path, settings: Settings = DEFAULTS) -> tuple[dict[str, Any], list[str]]:
    """The sidecar's usable values (year as int, published as ISO date) and any warnings."""
    path = sidecar_path(report_path)
    if not path.is_file():
        return {}, []
    try:
        if path.stat().st_size > settings.max_sidecar_bytes:
            return {}, [f"sidecar {path.name} ignored: larger than {settings.max_sidecar_bytes:,} bytes (max_sidecar_bytes)"]
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        return {}, [f"sidecar {path.name} ignored: {error}"]
    if not isinstance(data, dict):
        return {}, [f"sidecar {path.name} ignored: not a JSON object"]
    values: dict[str, Any] = {}
    warnings = []
    for key in SIDECAR_KEYS:
        value = data.get(key)
        if value is None or value == "":
            continue
        checked = _checked(key, value)
        if checked is None:
            warnings.append(f"sidecar {path.name}: ignored {key}={value!r}")
        else:
            values[key] = checked
    return values, warnings


def _checked(key: str, value: Any) -> Any:
    if key == "year":
        text = str(value).strip()
        return int(text) if text.isdigit() and 1990 <= int(text) <= 2100 else None
    if not isinstance(value, str):
        return None
    if key == "published":
        return parse_date(value)
    if key == "source_url" and not is_web_address(value.strip()):
        return None
    return value.strip() or None
