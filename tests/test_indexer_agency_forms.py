"""agency_forms: what a user types for an agency, expanded to the official names it may stand for."""

from __future__ import annotations

import pytest

from indexer import agency_forms


@pytest.mark.parametrize(
    ("typed", "first", "others"),
    [
        ("人社局", "人力资源和社会保障局", {"人力资源社会保障局", "人社局"}),
        ("甘南州人社局", "甘南藏族自治州人力资源和社会保障局", {"甘南州人社局"}),
        ("甘南州", "甘南藏族自治州", {"甘南州"}),
        ("卫健委", "卫生健康委员会", {"卫健委"}),
        ("管委会", "管理委员会", {"管委会"}),
        ("人社部", "人力资源社会保障部", {"人社部"}),
        ("長白縣水利局", "长白朝鲜族自治县水利局", {"长白县水利局"}),
    ],
)
def test_short_forms_expand(typed, first, others):
    forms = agency_forms(typed)
    assert forms[0] == first and others <= set(forms)


def test_a_full_name_stands_for_itself_and_nothing_is_nothing():
    assert agency_forms("天水市民政局") == ("天水市民政局",)
    assert agency_forms(" 民政局 ") == ("民政局",)
    assert agency_forms("") == ()
