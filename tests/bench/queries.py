"""The benchmark's fixed query mix, derived deterministically from the generator's vocabulary.

Rare and mid-frequency words come from bands of jieba's dictionary counts (the
filler text is drawn by those counts, so a word's count predicts how often it
occurs); common words and phrases of 1–8 characters come from the domain
sentences; agencies from the first reports every corpus of 200 or more holds.
Each query class runs with and without facet filters; a date sort, a deep
page, a browse, the place facets (region by name, by code and as a
province/city path, kind, level) and the inline filter syntax are in the mix too.
"""

from __future__ import annotations

import argparse
import random
import re
from dataclasses import dataclass

from corpus_gen import LAST_YEAR, plan_corpus
from filler import lexicon
from phrasebank import COMMON_DOMAIN_TERMS, all_templates

from search import SearchRequest

RARE_COUNTS = (100, 300)
"""Dictionary counts of rare words: roughly 5–30 occurrences in 10,000 reports."""
MEDIUM_COUNTS = (3000, 8000)
"""Dictionary counts of mid-frequency words: in a few hundred to a few thousand sections of 10,000 reports."""
AGENCY_SOURCE_REPORTS = 200
PAGE_SIZE = 10

_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")
_STABLE_KIND_SUFFIXES = ("民政局", "教育局", "财政局", "公安局", "人民政府", "民政厅", "教育厅", "财政厅", "公安厅")


@dataclass(frozen=True)
class BenchQuery:
    """One query of the mix and the class it is reported under."""

    kind: str
    request: SearchRequest


def _words_in_band(rng: random.Random, band: tuple[int, int], count: int) -> list[str]:
    candidates = lexicon().words_with_counts_between(*band, min_length=2)
    return rng.sample(candidates, count)


def _domain_phrase(rng: random.Random, length: int) -> str:
    """A run of `length` Han characters from a domain sentence's fixed text (slots excluded)."""
    runs = [run for template in all_templates() for run in _HAN_RUN.findall(re.sub(r"\{[^}]*\}", "|", template))
            if len(run) >= length]
    run = rng.choice(runs)
    start = rng.randint(0, len(run) - length)
    return run[start:start + length]


def _stable_agencies(seed: int, count: int) -> list[str]:
    """Agencies among the first reports whose name did not change with the reforms (so one name finds them all)."""
    names: list[str] = []
    for planned in plan_corpus(AGENCY_SOURCE_REPORTS, seed):
        name = planned.agency.name(LAST_YEAR)
        if name.endswith(_STABLE_KIND_SUFFIXES) and name not in names:
            names.append(name)
    return names[:count]


def query_mix(seed: int = 1) -> list[BenchQuery]:
    """The fixed mix for corpora generated with `seed`: about 70 searches, each labelled with its class."""
    rng = random.Random(f"nianbao-bench:{seed}:queries")
    rare = _words_in_band(rng, RARE_COUNTS, 6)
    medium = _words_in_band(rng, MEDIUM_COUNTS, 4)
    common = list(COMMON_DOMAIN_TERMS[:4]) + ["城乡低保", "政策解读"]
    short = ["公开", "低保", "网", "诉"]
    phrases = [_domain_phrase(rng, length) for length in range(1, 9)]
    agencies = _stable_agencies(seed, 3)
    facet_sets: list[dict[str, tuple[str, ...]]] = [
        {"year": ("2019",)},
        {"year": ("2018-2020",), "section": ("problems",)},
        {"agency": agencies[:1]},
        {"agency": tuple(agencies[1:3]), "year": ("2010-2015", "2023")},
        {"section": ("requests", "review_litigation")},
        {"section": ("问题与改进",), "year": ("2021-2025",)},
    ]
    province, city = _places(seed)
    mix: list[BenchQuery] = []

    def add(kind: str, query: str, filters: int | None = None, **options: object) -> None:
        facets = facet_sets[filters % len(facet_sets)] if filters is not None else {}
        label = kind + (" +facets" if facets else "")
        mix.append(BenchQuery(label, SearchRequest(query=query, filters=facets, limit=PAGE_SIZE, **options)))

    for number, word in enumerate(rare):
        add("rare word", word)
        add("rare word", word, filters=number)
    for number, word in enumerate(medium):
        add("medium word", word)
        add("medium word", word, filters=number + 1)
    for number, word in enumerate(common):
        add("common word", word)
        add("common word", word, filters=number + 2)
    for number, word in enumerate(short):
        add("1-2 char word", word)
        add("1-2 char word", word, filters=number + 3)
    for number, phrase in enumerate(phrases):
        kind = "phrase 1-2 chars" if len(phrase) < 3 else "phrase 3-5 chars" if len(phrase) < 6 else "phrase 6-8 chars"
        add(kind, f'"{phrase}"')
        add(kind, f'"{phrase}"', filters=number)
    multi = [f"{common[4]} {common[5]}", f"{rare[0]} {common[1]}", f"{medium[0]} {short[1]} {common[0]}",
             f'"{phrases[5]}" {medium[1]}']
    for number, query in enumerate(multi):
        add("multi-word", query)
        add("multi-word", query, filters=number + 4)
    alternatives = [f"{common[4]} OR 学生资助", f"{rare[1]} OR {rare[2]}", f"{short[1]} OR {medium[2]}"]
    for number, query in enumerate(alternatives):
        add("OR", query)
        add("OR", query, filters=number)
    exclusions = [f"{common[5]} -视频解读", f"{common[1]} NOT 政务新媒体", f"{medium[3]} -{short[0]}"]
    for number, query in enumerate(exclusions):
        add("NOT", query)
        add("NOT", query, filters=number + 2)
    add("date sort", common[0], sort="date")
    add("date sort", rare[3], filters=0, sort="date")
    add("deep page", common[1], page=50)
    add("deep page", f'"{phrases[2]}"', filters=4, page=50)
    add("browse", "", filters=2, sort="date")
    mix.append(BenchQuery("inline filters", SearchRequest(query=f"{short[1]} year:2019-2021 section:problems",
                                                          limit=PAGE_SIZE)))
    mix.append(BenchQuery("inline filters", SearchRequest(query=f'"{phrases[3]}" agency:{agencies[0]}',
                                                          limit=PAGE_SIZE)))
    place_sets: list[dict[str, tuple[str, ...]]] = [
        {"region": (province[0],)},
        {"region": (province[1],), "kind": ("民政", "教育")},
        {"region": (province[0], city), "level": ("county", "township")},
        {"level": ("city",), "kind": ("人民政府",)},
    ]
    for number, facets in enumerate(place_sets):
        mix.append(BenchQuery("place facets", SearchRequest(query=common[number], filters=facets, limit=PAGE_SIZE)))
    mix.append(BenchQuery("place facets", SearchRequest(filters=place_sets[2], limit=PAGE_SIZE)))
    mix.append(BenchQuery("inline filters", SearchRequest(query=f"{short[1]} region:{province[1]} level:县级", limit=PAGE_SIZE)))
    return mix


def _places(seed: int) -> tuple[tuple[str, str], str]:
    """The province of the first report with a city (as its name and as its GB/T 2260 code), and that city's path."""
    for planned in plan_corpus(AGENCY_SOURCE_REPORTS, seed):
        place = planned.agency.crawl_facts().get("region") or {}
        if place.get("city"):
            return (place["province"], place["code"][:2] + "0000"), f"{place['province']}/{place['city']}"
    raise ValueError("no report with a city among the first reports")


def describe(request: SearchRequest) -> str:
    """A one-line description of a request, for tables and disagreement reports."""
    parts = [repr(request.query)]
    for name, values in request.filters.items():
        if values:
            parts.append(f"{name}={','.join(values)}")
    if request.sort != "relevance":
        parts.append(f"sort={request.sort}")
    if request.page != 1:
        parts.append(f"page={request.page}")
    return " ".join(parts)


def main(argv: list[str] | None = None) -> None:
    """Print the mix, one query per line, for a look at what the benchmark runs."""
    parser = argparse.ArgumentParser(description="Print the benchmark's query mix, one query per line.")
    parser.add_argument("--seed", type=int, default=1, help="the generator seed the corpus was made with (default 1)")
    args = parser.parse_args(argv)
    for query in query_mix(args.seed):
        print(f"{query.kind:24} {describe(query.request)}")


if __name__ == "__main__":
    main()
