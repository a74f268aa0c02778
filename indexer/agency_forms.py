"""What a user types for an agency, expanded to the official names it may stand for.

`人社局` → 人力资源和社会保障局 (and 人力资源社会保障局, the other official wording);
`甘南州人社局` → 甘南藏族自治州人力资源和社会保障局 …; `甘南州` → 甘南藏族自治州. The search
side matches agencies against every form, so `agency:人社局` finds the bureaus that
write their name in full.
"""

from __future__ import annotations

import re
from itertools import product

from indexer.matching import plain_form
from indexer.organs import full_forms
from indexer.places import Mention, gazetteer

_MAX_FORMS = 12


def agency_forms(text: str) -> tuple[str, ...]:
    """The official names `text` may stand for, in simplified characters: each short place name
    (甘南州) and short organ name (人社局, 卫健委, 管委会) expanded; the text itself comes last when it
    is not one of them, since reports write short forms too. Empty for an empty text."""
    text = re.sub(r"\s+", "", plain_form(text))
    if not text:
        return ()
    chain: list[Mention] = []
    for mention in gazetteer().find_places(text):
        if mention.start != (chain[-1].end if chain else 0):
            break
        chain.append(mention)
    organ = text[chain[-1].end :] if chain else text
    place_forms = [sorted({place.name for place in mention.places}) for mention in chain]
    organ_forms = full_forms(organ) if organ else ("",)
    forms: list[str] = []
    for places in product(*place_forms):
        for organ_form in organ_forms:
            form = "".join(places) + organ_form
            if form not in forms:
                forms.append(form)
    forms = forms[:_MAX_FORMS]
    if text not in forms:
        forms.append(text)
    return tuple(forms)
