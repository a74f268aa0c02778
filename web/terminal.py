"""Plain-text rendering of search results for `nianbao search` on a terminal."""

from __future__ import annotations

import click

from search import SearchResponse, facet, split_marked


def _highlighted(snippet: str, color: bool) -> str:
    pieces = []
    for text, is_match in split_marked(snippet):
        if not is_match:
            pieces.append(text)
        elif color:
            pieces.append(click.style(text, fg="red", bold=True))
        else:
            pieces.append(f"【{text}】")
    return "".join(pieces)


def _listed(values: tuple[str, ...], shown: int = 10) -> str:
    """The first `shown` values, and how many more there are."""
    more = f"、… {len(values) - shown} more" if len(values) > shown else ""
    return "、".join(values[:shown]) + more


def render_response(response: SearchResponse, page: int, limit: int, color: bool, facet_values_shown: int) -> str:
    """A readable page of results: totals, the top `facet_values_shown` values of each facet, then numbered hits."""
    lines = [f"{response.total_sections} sections in {response.total_reports} reports match {response.query!r}"]
    for matches in response.filter_matches:
        lines.append(f"  {facet(matches.facet).title}「{matches.typed}」matched {len(matches.values)}: {_listed(matches.values)}")
    section_label = facet("section").label
    for name, values in response.facets.items():
        definition = facet(name)
        shown = ", ".join(f"{definition.label(value.value)} ({value.count})" for value in values[:facet_values_shown] if value.count)
        more = f", … {len(values) - facet_values_shown} more" if len(values) > facet_values_shown else ""
        if shown:
            lines.append(f"  {definition.title}: {shown}{more}")
    first = (page - 1) * limit
    for number, hit in enumerate(response.hits, start=first + 1):
        heading = hit.heading or section_label(hit.section)
        title = hit.title or hit.agency or hit.source_path
        lines.append("")
        lines.append(f"{number}. {title} [{hit.year or '?'}] · {section_label(hit.section)} · {heading}")
        lines.append(f"   {_highlighted(hit.snippet, color)}")
        if hit.other_sections:
            others = "、".join(section_label(other.section) for other in hit.other_sections)
            lines.append(f"   另有 {len(hit.other_sections)} 处：{others}")
        lines.append(f"   {hit.source_url or hit.source_path}  (id {hit.report_id}, score {hit.score})")
    if not response.hits and response.total_sections:
        lines.append(f"\npage {page} is past the last page of results")
    elif first + len(response.hits) < response.total_rows:
        lines.append(f"\nshowing {first + 1}-{first + len(response.hits)}; next page: --page {page + 1}")
    return "\n".join(lines)
