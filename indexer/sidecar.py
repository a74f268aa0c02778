"""The optional `NAME.json` beside a report: metadata known from the crawl, which wins.

Keys: `source_url`, `agency`, `year`, `published`, `title`, and what a crawler
often knows of the body: `region` (an object with `province`, `city`,
`county`, `township`, each a name or null, and `code`, a 6-digit GB/T 2260
code or null), `level` (one of `LEVELS`), `agency_kind` (a short kind such as
民政) and `agency_series` (one key for the body across years). A sidecar that is
not valid JSON, or a value of the wrong shape, is ignored with a warning
rather than failing the report. It is read only when it is a regular file,
never through a link (see `indexer.files` on links).
"""

from __future__ import annotations

import errno
import json
import reprlib
from pathlib import Path
from typing import Any

from indexer.chinese import YEARS
from indexer.config import DEFAULTS, Settings
from indexer.files import display_path, sidecar_path
from indexer.loading import open_regular_file
from indexer.metadata import is_web_address, parse_date
from indexer.report import LEVELS, REGION_LEVELS

SIDECAR_KEYS: tuple[str, ...] = (
    "source_url", "agency", "year", "published", "title", "region", "level", "agency_kind", "agency_series",
)
_MAX_NAME_CHARS = 100
_SHORT_REPR = reprlib.Repr()
_SHORT_REPR.maxstring = _SHORT_REPR.maxother = 80
_ERROR_CHARS = 120


def read_sidecar(report_path: Path, settings: Settings = DEFAULTS) -> tuple[dict[str, Any], list[str]]:
    """The sidecar's usable values (year as int, published as ISO date) and any warnings.

    A sidecar that is a link, not a regular file, too large, not JSON (or JSON
    nested too deep, numbers too long to read) is ignored with a warning.
    """
    path = sidecar_path(report_path)
    name = display_path(path.name)
    try:
        with open_regular_file(path, follow_links=False) as handle:
            raw = handle.read(settings.max_sidecar_bytes + 1)
    except FileNotFoundError:
        return {}, []
    except OSError as error:
        reason = "it is a symbolic link" if error.errno == errno.ELOOP else error.strerror or str(error)
        return {}, [f"sidecar {name} ignored: {reason}"]
    if len(raw) > settings.max_sidecar_bytes:
        return {}, [f"sidecar {name} ignored: larger than {settings.max_sidecar_bytes:,} bytes (max_sidecar_bytes)"]
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except RecursionError:
        return {}, [f"sidecar {name} ignored: nested too deeply"]
    except ValueError as error:  # not UTF-8, not JSON, or a number too long to convert
        return {}, [f"sidecar {name} ignored: not valid JSON ({str(error)[:_ERROR_CHARS]})"]
    if not isinstance(data, dict):
        return {}, [f"sidecar {name} ignored: not a JSON object"]
    values: dict[str, Any] = {}
    warnings = []
    for key in SIDECAR_KEYS:
        value = data.get(key)
        if value is None or value == "":
            continue
        checked = _checked(key, value)
        if checked is None:
            warnings.append(f"sidecar {name}: ignored {key}={_shown(value)}")
        else:
            values[key] = checked
    return values, warnings


def _name(value: Any) -> str | None:
    """A place or kind name: a non-empty string on one line, not absurdly long."""
    if not isinstance(value, str):
        return None
    name = value.strip()
    return name if name and len(name) <= _MAX_NAME_CHARS and not any(char.isspace() for char in name) else None


def _region(value: Any) -> dict[str, str | None] | None:
    """A region object with every level key (null where absent) and a 6-digit code or null; None if malformed."""
    if not isinstance(value, dict) or set(value) - {*REGION_LEVELS, "code"}:
        return None
    region: dict[str, str | None] = {}
    for level in REGION_LEVELS:
        if value.get(level) is not None and _name(value[level]) is None:
            return None
        region[level] = _name(value.get(level))
    code = value.get("code")
    if code is not None and not (isinstance(code, str) and len(code) == 6 and code.isdigit()):
        return None
    region["code"] = code
    return region if any(region[level] for level in REGION_LEVELS) else None
def _shown(value: Any) -> str:
    """A short, safe rendering of a value for a warning, however long or deeply nested."""
    return _SHORT_REPR.repr(value)


def _checked(key: str, value: Any) -> Any:
    if key == "region":
        return _region(value)
    if key == "level":
        return value if value in LEVELS else None
    if key == "agency_kind":
        return _name(value)
    if key == "year":
        if isinstance(value, int) and not isinstance(value, bool):
            return value if value in YEARS else None
        text = value.strip() if isinstance(value, str) else ""
        return int(text) if text.isdecimal() and len(text) == 4 and int(text) in YEARS else None
    if not isinstance(value, str):
        return None
    if key == "published":
        return parse_date(value)
    if key == "source_url" and not is_web_address(value.strip()):
        return None
    return value.strip() or None
