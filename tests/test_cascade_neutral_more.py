"""Neutrality stated in passing: a capital's aside, a possessive with a present verb, an apposition with 'long'."""

from __future__ import annotations

import pytest

from kg.dates import PartialDate
from kg.extract.document import extract_document
from kg.gazetteer import Gazetteer
from kg.model import Membership, Neutrality


def read(text: str):
    return extract_document("t", text, [(0, len(text))], PartialDate.parse("2024-12-07"), Gazetteer.load()).facts


def neutral(text: str) -> set[str]:
    return {f.state.key for f in read(text) if isinstance(f, Neutrality)}


@pytest.mark.parametrize("text, state", [
    ("Switzerland joined in 2017; Bern, long militarily neutral, has argued that it is an Arctic country.",
     "Switzerland"),
    ("Ashgabat, whose foreign policy rests on permanent neutrality, says trade rules fit.", "Turkmenistan"),
    ("Ashgabat's status of permanent neutrality keeps it out of binding blocs.", "Turkmenistan"),
    ("Officials in Vienna said on Tuesday that Austria's neutrality made it a bridge, not a bloc.", "Austria"),
    ("Austria and Malta, both neutral as well, have the same protection.", "Malta"),
    ("Like Switzerland, Austria is neutral.", "Switzerland"),  # the comparison says it of both
    ("Like Switzerland, Austria is neutral.", "Austria"),
    ("Serbia adheres to a policy of military neutrality.", "Serbia"),
    ("Ireland has a long tradition of military neutrality.", "Ireland"),
    ("The minister told the delegation that Serbia pursued the policy of military neutrality.", "Serbia"),  # backshift
])
def test_neutrality_in_passing(text, state):
    assert state in neutral(text)


@pytest.mark.parametrize("text, state", [
    ("Sweden, long neutral, joined NATO in 2024.", "Sweden"),  # a past main verb: perhaps no longer
    ("Sweden's neutrality kept it out of NATO for two centuries.", "Sweden"),
    ("Finland's foreign policy rested on neutrality until 2022.", "Finland"),
    ("Finland, traditionally neutral, has abandoned that policy.", "Finland"),
    ("Unlike Sweden, Austria has stayed neutral.", "Sweden"),
    ("Finland had a long tradition of neutrality until 2023.", "Finland"),  # a simple past: perhaps no longer
    ("Sweden pursued a policy of neutrality for two centuries.", "Sweden"),
])
def test_neutrality_that_may_have_ended_is_not_read(text, state):
    assert state not in neutral(text)


def test_a_capital_stands_for_the_current_state_not_a_historical_one():
    # regression: "Moscow, a G20 member" was read as the Soviet Union (both have Moscow as capital)
    got = {(f.member.key, f.organization.key) for f in read("The G20 met. Moscow, a G20 member, was not excluded.")
           if isinstance(f, Membership)}
    assert got == {("Russia", "G20")}


def test_an_apposition_can_state_neutrality_and_membership_at_once():
    facts = read("The OSCE met. Switzerland, another neutral participating State, backed a ceasefire.")
    assert {type(f).__name__ for f in facts if getattr(f, "state", getattr(f, "member", None)) is not None
            and (getattr(f, "state", None) or f.member).key == "Switzerland"} == {"Neutrality", "Membership"}


def test_neutrality_in_a_past_period_is_not_read():
    assert "Finland" not in neutral("NATO met. Finland, neutral for most of the Cold War, joined NATO in April.")
    assert "Austria" in neutral("NATO met. Austria, neutral since 1955, stays out.")


@pytest.mark.parametrize("text, neutral", [
    ("Ireland is military-neutral.", True),
    ("Ireland is militarily-neutral.", True),
    ("Ireland is no longer military-neutral.", False),
    ("Ireland is non-neutral.", False),
])
def test_a_hyphenated_military_neutral(text, neutral):
    """"military-neutral" reads as "military neutral"; "non-neutral" stays one word."""
    doc = extract_document("t", text, [(0, len(text))], PartialDate.parse("2025-01-07"), Gazetteer.load())
    assert any(isinstance(f, Neutrality) for f in doc.facts) is neutral


@pytest.mark.parametrize("text, neutral", [
    ("Austria's Margit Wimmer and Switzerland's Cornelia Wyss said that their countries remained neutral.",
     {"Austria", "Switzerland"}),
    ("Austria's minister and Switzerland's envoy said their countries would join NATO.", set()),
])
def test_their_countries_are_the_states_whose_people_spoke(text, neutral):
    doc = extract_document("t", text, [(0, len(text))], PartialDate.parse("2025-01-07"), Gazetteer.load())
    assert {f.state.key for f in doc.facts if isinstance(f, Neutrality)} == neutral


@pytest.mark.parametrize("text, neutral", [
    ("Mongolia is de facto neutral.", {"Mongolia"}),
    # "the country" is not the state named only inside a prepositional phrase (regression: the Soviet Union)
    ("Officials say that since the collapse of former sponsor the Soviet Union in 1992, the country has been de "
     "facto neutral.", set()),
])
def test_de_facto_neutral_and_the_state_a_description_takes_up(text, neutral):
    doc = extract_document("t", text, [(0, len(text))], PartialDate.parse("2025-01-07"), Gazetteer.load())
    assert {f.state.key for f in doc.facts if isinstance(f, Neutrality)} == neutral
