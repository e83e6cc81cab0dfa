"""Partnership programmes (frames.json partnership_programmes): a state in NATO's Partnership for Peace is a
Partner of NATO, with the same dates; leaving the programme or joining NATO itself says no such thing."""

from __future__ import annotations

import copy

import pytest

from kg.dates import PartialDate
from kg.errors import DataFileError
from kg.extract.cascade.lexicon import _load_json, build_lexicon
from kg.extract.document import extract_document
from kg.gazetteer import Gazetteer
from kg.model import Membership


def memberships(text: str) -> set[tuple[str, str, str, str]]:
    doc = extract_document("t", text, [(0, len(text))], PartialDate.parse("2025-01-07"), Gazetteer.load())
    return {(f.member.key, f.organization.key, f.status, str(f.start or f.end or ""))
            for f in doc.facts if isinstance(f, Membership)}


def test_a_state_in_the_programme_is_a_partner_of_its_organization():
    got = memberships("Austria joined NATO's Partnership for Peace in 1995.")
    assert ("Austria", "Partnership_for_Peace", "FullMember", "1995") in got
    assert ("Austria", "NATO", "Partner", "1995") in got


@pytest.mark.parametrize("text", [
    "Malta pulled out of the Partnership for Peace in 1996.",  # leaving the programme
    "Finland joined NATO in April 2023.",  # the organization itself
])
def test_no_partnership_without_the_programme(text):
    assert not any(st == "Partner" for _, _, st, _ in memberships(text))


def test_the_programme_list_is_validated():
    data = copy.deepcopy(_load_json())
    data["partnership_programmes"]["keys"] = ["Partnership_for_Peace", ""]
    with pytest.raises(DataFileError, match="partnership_programmes"):
        build_lexicon(data, "frames.json")
