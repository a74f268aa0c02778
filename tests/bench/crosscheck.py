"""Ours against the peer, query by query: both implement substring semantics over the matching form,
so totals and facet counts must agree exactly.

A facet value listed with count 0 (an engine may keep a selected value visible)
counts the same as a value not listed.
"""

from __future__ import annotations

from search import FACET_NAMES, SearchResponse

EXAMPLES_PER_FACET = 5


def disagreements(ours: SearchResponse, peer: SearchResponse) -> list[str]:
    """What differs between two answers to the same request: totals, then each facet's values and counts."""
    problems: list[str] = []
    if ours.total_sections != peer.total_sections:
        problems.append(f"total_sections ours {ours.total_sections} peer {peer.total_sections}")
    if ours.total_reports != peer.total_reports:
        problems.append(f"total_reports ours {ours.total_reports} peer {peer.total_reports}")
    for facet in FACET_NAMES:
        ours_counts = {value.value: value.count for value in ours.facets.get(facet, []) if value.count}
        peer_counts = {value.value: value.count for value in peer.facets.get(facet, []) if value.count}
        if ours_counts == peer_counts:
            continue
        differing = sorted(value for value in ours_counts.keys() | peer_counts.keys()
                           if ours_counts.get(value) != peer_counts.get(value))
        examples = ", ".join(f"{value}: ours {ours_counts.get(value, '-')} peer {peer_counts.get(value, '-')}"
                             for value in differing[:EXAMPLES_PER_FACET])
        more = f" (+{len(differing) - EXAMPLES_PER_FACET} more)" if len(differing) > EXAMPLES_PER_FACET else ""
        problems.append(f"facet {facet}: {len(differing)} value(s) differ: {examples}{more}")
    return problems
