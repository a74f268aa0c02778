"""Tags with thousands of attributes are cut to their first ones before libxml2 (quadratic in them) reads them."""

from __future__ import annotations

from pathlib import Path

import lxml.etree
import pytest

from indexer import load_report
from indexer.html_clean import _MAX_ATTRIBUTES, _bound_attributes
from indexer.loading import decode_report_file

FIXTURES = Path(__file__).parent / "fixtures"
PARSER = lxml.etree.HTMLParser(remove_comments=True, no_network=True)


def _attribute_count(html: str) -> int:
    return len(lxml.etree.fromstring(html, PARSER).find("body")[0].attrib)


def _page(attribute: str, separator: str, count: int) -> str:
    return f"<html><body><p {separator.join(attribute.format(i) for i in range(count))}>正文</p></body></html>"


@pytest.mark.parametrize(
    ("attribute", "separator"),
    [
        ('a{}="x"', " "),  # the usual form
        ('a{}=">"', ""),  # no space between them, a `>` inside each value
        ("a{}='x'", "\n"),
        ("a{}=x", " "),
        ("a{}", " "),  # no values
    ],
)
def test_a_tag_keeps_at_most_the_limit_of_its_attributes(attribute: str, separator: str) -> None:
    assert _attribute_count(_page(attribute, separator, 3 * _MAX_ATTRIBUTES)) == 3 * _MAX_ATTRIBUTES  # libxml2 reads them all
    bounded = _bound_attributes(_page(attribute, separator, 40_000))
    assert _attribute_count(bounded) == _MAX_ATTRIBUTES
    assert bounded.endswith(">正文</p></body></html>")


def test_real_pages_are_left_as_they_are() -> None:
    for path in sorted((FIXTURES / "indexer").glob("*.htm*")) + sorted((FIXTURES / "web").glob("*.htm*")):
        text = decode_report_file(path, path.read_bytes()).text
        assert _bound_attributes(text) == text, path.name


def test_a_page_with_a_hostile_tag_is_still_read(tmp_path: Path) -> None:
    path = tmp_path / "attributes.html"
    attributes = " ".join(f'data-x{i}="1"' for i in range(200_000))
    path.write_text(
        f'<html><head><title>某县民政局2019年政府信息公开工作年度报告</title></head><body><div class="TRS_Editor" {attributes}>'
        "<p>一、总体情况</p><p>2019年，我局认真贯彻落实政府信息公开条例。</p></div></body></html>",
        encoding="utf-8",
    )
    report = load_report(path)
    assert "认真贯彻落实" in report.sections[-1].text
