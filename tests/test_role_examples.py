"""The distinctions of kg/data/roles.json's "examples" hold: each example gives its posts, each trap does not."""

from __future__ import annotations

import pytest

from kg.dates import PartialDate
from kg.extract.document import extract_document
from kg.extract.lexicon import load_data
from kg.gazetteer import Gazetteer
from kg.model import Post

_EXAMPLES = load_data("roles.json")["examples"]


def _posts(text: str) -> set[tuple[str, ...]]:
    doc = extract_document("t", text, [(0, len(text))], PartialDate.parse("2025-06-27"), Gazetteer.load())
    return {(p.holder.label, p.role, p.post_in.label) + (("former",) if p.former else ())
            for p in doc.facts if isinstance(p, Post)}


@pytest.mark.parametrize("ex", _EXAMPLES, ids=[f"{e['distinction']}:{'trap' if 'not' in e else 'post'}:{i}"
                                               for i, e in enumerate(_EXAMPLES)])
def test_role_example(ex):
    got = _posts(ex["text"])
    if "posts" in ex:
        assert {tuple(p) for p in ex["posts"]} <= got
    else:
        assert not {tuple(p) for p in ex["not"]} & got
