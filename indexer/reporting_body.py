"""Who wrote a report and where: agency, region, level, kind and series, from the evidence.

`agency_kind` is one of `indexer.organs.KINDS`. `agency_series` is one key for
the same body across years and renamings, `CODE:KIND`: CODE the GB/T 2260 code
of the body's place as it is today (a township's 9-digit code for a 乡/镇/街道
government; a renamed place's successor: 奉化市 and 奉化区 share 330213), KIND its
kind (so 农业局 and 农业农村局, 环境保护局 and 生态环境局, 卫生和计划生育委员会 and
卫生健康委员会 line up). Bodies of kind `other` and 管委会 add their own name, as
one place has several of them (`330213:管委会:奉化经济开发区滨海新区管委会`). Central
bodies are `national:KIND` (`national:统计`). Where the place is not known for
certain, there is no series.
"""

from __future__ import annotations

from dataclasses import dataclass

from indexer.agency import AgencyFinder, Evidence, subject_of_title
from indexer.agency_names import AgencyName, NameReader
from indexer.matching import plain_form
from indexer.organs import organ_kind
from indexer.places import gazetteer
from indexer.region import LEVEL_RANK, Location, Locator

_GOVERNMENT_ORGANS = ("", "人民政府", "政府")
_PARTY = ("中共", "中国共产党")
_STREET_ORGANS = ("办事处", "街道办事处", "街道办")


@dataclass(frozen=True)
class ReportingBody:
    """The `Report` fields about the reporting body (None where unknown)."""

    agency: str | None = None
    region: dict[str, str | None] | None = None
    level: str | None = None
    kind: str | None = None
    series: str | None = None


def reporting_body(evidence: Evidence, year: int | None) -> ReportingBody:
    """The reporting body of a report from what it says (see `indexer.agency` for the evidence used)."""
    places = gazetteer()
    choice = AgencyFinder(places).choose(evidence)
    text = "\n".join([evidence.title or "", evidence.body, *evidence.context])
    location = Locator(places).locate(choice, year, text)
    name = choice.name
    if name is None:
        return ReportingBody(None, location.region, location.level)
    kind = agency_kind(name, location)
    agency = evidence.declared or name.name
    return ReportingBody(agency, location.region, location.level, kind, _series(name, kind, location))


def title_without_lead(title: str | None) -> str | None:
    """A title without words glued before the body it names (`办事服务延安市教育局2019年…` → `延安市教育局2019年…`):
    what stands before the places of the title's name and is no place is no part of the title."""
    if not title:
        return title
    plain = plain_form(title)
    subject = subject_of_title(plain)
    if not subject or not plain.startswith(subject):
        return title
    name = NameReader(gazetteer()).read(subject)
    if name is None or name.is_bare or name.start == 0 or subject[: name.start].endswith(_PARTY):
        return title
    return title[name.start :]


def agency_kind(name: AgencyName, location: Location) -> str:
    """The kind of body: a government by its place (人民政府, 乡镇, 街道), else by its organ's name."""
    organ = name.organ
    if name.is_central:
        return organ_kind(name.name)
    lowest = name.places[-1].name if name.places else name.unlisted
    township = location.level == "township" or lowest.endswith(("乡", "镇", "街道"))
    if organ in _STREET_ORGANS or (township and organ in _GOVERNMENT_ORGANS and lowest.endswith("街道")):
        return "街道"
    if organ in _GOVERNMENT_ORGANS:
        return "乡镇" if township else "人民政府"
    kind = organ_kind(organ)
    return organ_kind(name.central) if kind == "other" and name.central else kind  # 国家统计局天水调查队: 统计


def _series(name: AgencyName, kind: str, location: Location) -> str | None:
    own_name = kind in ("other", "管委会") or bool(name.unit) or (name.central and organ_kind(name.organ) == "other")
    word = f"{kind}:{name.zone}{name.organ}" if own_name else kind
    if location.level == "national":
        return f"national:{kind if kind != 'other' else name.name}"
    place = location.place
    if place is None or location.level is None or LEVEL_RANK[place.level] < LEVEL_RANK[location.level]:
        return None
    return f"{place.current_code}:{word}"
