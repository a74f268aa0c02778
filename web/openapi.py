"""The OpenAPI 3.1 description of the HTTP API, served at /api/openapi.json with this server's limits."""

from __future__ import annotations

from typing import Any

from indexer.config import Settings
from indexer.report import LEVELS, REGION_LEVELS, SECTION_LABELS
from search import FACETS, GROUPS, SORTS, TEMPLATES
from web.export import CSV_COLUMNS


def _param(name: str, description: str, schema: dict[str, Any], repeated: bool = False) -> dict[str, Any]:
    if repeated:
        schema = {"type": "array", "items": schema}
    return {"name": name, "in": "query", "required": False, "description": description, "schema": schema, "explode": True}


def _search_params(settings: Settings) -> list[dict[str, Any]]:
    inline = " ".join(f"{facet.name}:" for facet in FACETS)
    return [
        _param("q", f'Query: words (all must occur), "exact phrases", OR, -word / NOT word, inline {inline} filters. '
               f"At most {settings.max_query_chars} characters; empty browses newest first.", {"type": "string"}),
        *(_param(facet.name, f"{facet.help[0].upper()}{facet.help[1:]}. Repeat to OR; "
                 f"at most {settings.max_filter_values} values.", {"type": "string"}, True) for facet in FACETS),
        _param("sort", "relevance (default) or date (newest first).", {"type": "string", "enum": list(SORTS)}),
        _param("group", "report (default): one hit per report, its best section, with the others in other_sections "
               "(paging counts reports); section: one hit per section.", {"type": "string", "enum": list(GROUPS)}),
        _param("template", "keep (default), or omit: leave out preambles that only template sentences (shared by many "
               "reports, measured when the index was built) match.", {"type": "string", "enum": list(TEMPLATES)}),
        _param("page", "Page number from 1; past the last page gives an empty page.", {"type": "integer", "minimum": 1}),
        _param("limit", f"Hits per page (default {settings.default_page_size}).",
               {"type": "integer", "minimum": 1, "maximum": settings.max_page_size}),
    ]


_ERROR = {
    "description": "Bad parameter (400), unknown report (404) or other error, always in this shape.",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
}
_NULLABLE_STRING = {"type": ["string", "null"]}
_REGION = {
    "type": ["object", "null"],
    "description": "Where the body sits: official names (null where a level does not apply or is unknown) and the "
                   "6-digit GB/T 2260 code of the lowest level above township.",
    "properties": {
        **{level: _NULLABLE_STRING for level in REGION_LEVELS},
        "code": {"type": ["string", "null"], "pattern": "^[0-9]{6}$"},
    },
}
_REPORT_FIELDS: dict[str, Any] = {
    "report_id": {"type": "string", "pattern": "^[0-9a-f]{16}$"},
    "source_path": {"type": "string"},
    "source_url": _NULLABLE_STRING,
    "title": _NULLABLE_STRING,
    "agency": _NULLABLE_STRING,
    "year": {"type": ["integer", "null"]},
    "region": _REGION,
    "level": {"type": ["string", "null"], "enum": [*LEVELS, None]},
    "agency_kind": {**_NULLABLE_STRING, "description": "The kind of body (民政, 教育, 人民政府, 街道, 乡镇, …)."},
    "agency_series": {**_NULLABLE_STRING, "description": "One key for the same body across years and renamings."},
}
_SCHEMAS: dict[str, Any] = {
    "Error": {
        "type": "object",
        "required": ["error"],
        "properties": {
            "error": {
                "type": "object",
                "required": ["status", "param", "message"],
                "properties": {"status": {"type": "integer"}, "param": _NULLABLE_STRING, "message": {"type": "string"}},
            }
        },
    },
    "FacetValue": {
        "type": "object",
        "required": ["value", "count"],
        "properties": {
            "value": {"type": "string", "description": "A name; a place is its path, e.g. 浙江省/杭州市."},
            "count": {"type": "integer"},
            "code": {"type": "string", "description": "A place's GB/T 2260 code, where known (region only)."},
        },
    },
    "Hit": {
        "type": "object",
        "properties": {
            **_REPORT_FIELDS,
            "section": {"type": "string", "enum": list(SECTION_LABELS)},
            "heading": {"type": "string"},
            "snippet": {"type": "string", "description": "Plain text; each match wrapped in U+E000 … U+E001."},
            "score": {"type": "number"},
            "matching_sections": {"type": "integer", "description": "Grouped by report: how many sections of the report match."},
            "other_sections": {
                "type": "array",
                "description": "Grouped by report: the report's other matching sections, in result order.",
                "items": {"type": "object", "properties": {
                    "section": {"type": "string", "enum": list(SECTION_LABELS)},
                    "ordinal": {"type": "integer", "description": "The section's place in the report, from 0."},
                    "score": {"type": "number"},
                }},
            },
        },
    },
    "SearchResponse": {
        "type": "object",
        "description": "Exactly the output of `nianbao search --json`.",
        "properties": {
            "query": {"type": "string"},
            "total_sections": {"type": "integer"},
            "total_reports": {"type": "integer"},
            "facets": {
                "type": "object",
                "description": "Per value, the number of matching reports; each facet counted with the other facets' "
                               "selections applied. region lists the provinces, and the sub-places of each selected place.",
                "properties": {facet.name: {"type": "array", "items": {"$ref": "#/components/schemas/FacetValue"}} for facet in FACETS},
            },
            "hits": {"type": "array", "items": {"$ref": "#/components/schemas/Hit"}},
            "group": {"type": "string", "enum": list(GROUPS)},
            "template": {"type": "string", "enum": list(TEMPLATES)},
            "template_sections": {"type": "integer", "description": "Sections left out by template=omit."},
        },
    },
    "Report": {
        "type": "object",
        "description": "`nianbao parse` output plus the report's id.",
        "properties": {
            **_REPORT_FIELDS,
            "published": _NULLABLE_STRING,
            "index_no": {"type": "string"},
            "sections": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {"type": {"type": "string"}, "heading": {"type": "string"}, "text": {"type": "string"}},
                },
            },
        },
    },
}


def openapi_document(settings: Settings) -> dict[str, Any]:
    """The API description, with this server's limits filled in."""
    search_params = _search_params(settings)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "nianbao (年报) search API",
            "version": "1",
            "description": "Full-text search over Chinese government information-disclosure annual reports.",
        },
        "paths": {
            "/api/search": {
                "get": {
                    "summary": "Search sections of reports, with facets and highlighted snippets.",
                    "parameters": search_params,
                    "responses": {
                        "200": {"description": "One page of hits.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SearchResponse"}}}},
                        "400": _ERROR,
                    },
                }
            },
            "/api/search.csv": {
                "get": {
                    "summary": f"Every matching report (or section, with group=section) in result order, at most "
                               f"{settings.csv_max_rows} rows (page and limit ignored).",
                    "description": "UTF-8 with BOM, Chinese headers and labels, matches marked 【】. X-Nianbao-Total-Sections and "
                                   "X-Nianbao-Total-Reports give how many match, X-Nianbao-Truncated whether rows were cut at the cap.",
                    "parameters": [param for param in search_params if param["name"] not in ("page", "limit")],
                    "responses": {
                        "200": {"description": f"Columns: {', '.join(CSV_COLUMNS)}.", "content": {"text/csv": {"schema": {"type": "string"}}}},
                        "400": _ERROR,
                    },
                }
            },
            "/api/reports/{report_id}": {
                "get": {
                    "summary": "One whole report.",
                    "parameters": [{"name": "report_id", "in": "path", "required": True, "schema": {"type": "string", "pattern": "^[0-9a-f]{16}$"}}],
                    "responses": {
                        "200": {"description": "The report.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Report"}}}},
                        "404": _ERROR,
                    },
                }
            },
        },
        "components": {"schemas": _SCHEMAS},
    }
