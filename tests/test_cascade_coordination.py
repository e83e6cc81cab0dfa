"""Coordination inside a clause's complement (kg/extract/cascade/engine.py): "respectively", a second status noun
phrase ("a member of X and an observer of Y"), "not only ... but also". Each with the exact facts it must give,
so a reading that pairs every state with every organization fails."""

from __future__ import annotations

import pytest
from cascade_support import facts

from kg.gazetteer import Gazetteer


@pytest.mark.parametrize("text, wanted", [
    ("Vietnam and Switzerland are members of the OIC and ASEAN respectively.",
     {("Vietnam", "Organisation_of_Islamic_Cooperation", "FullMember", ""),
      ("Switzerland", "ASEAN", "FullMember", "")}),
    ("Chile and Peru joined the OAS and Mercosur in 1990 and 1995, respectively.",
     {("Chile", "Organization_of_American_States", "FullMember", "1990"), ("Peru", "Mercosur", "FullMember", "1995")}),
    # three states for two organizations: no pairing can be right
    ("Chile, Peru and Bolivia are members of the OAS and Mercosur respectively.", set()),
    # without "respectively" each is a member of both
    ("Chile and Peru are members of the OAS and Mercosur.",
     {("Chile", "Organization_of_American_States", "FullMember", ""), ("Chile", "Mercosur", "FullMember", ""),
      ("Peru", "Organization_of_American_States", "FullMember", ""), ("Peru", "Mercosur", "FullMember", "")}),
])
def test_respectively_pairs_members_with_organizations(text: str, wanted: set, gaz: Gazetteer) -> None:
    assert facts(text, gaz, negatives=True) == wanted


@pytest.mark.parametrize("text, wanted", [
    ("Mongolia is a member of the SCO and an observer of the OSCE.",
     {("Mongolia", "SCO", "FullMember", ""), ("Mongolia", "OSCE", "Observer", "")}),
    ("Mongolia became a member of the SCO in 2004 and an observer in the OSCE in 2012.",
     {("Mongolia", "SCO", "FullMember", "2004"), ("Mongolia", "OSCE", "Observer", "2012")}),
    ("Mongolia is a member of the SCO, but also a partner of NATO.",
     {("Mongolia", "SCO", "FullMember", ""), ("Mongolia", "NATO", "Partner", "")}),
    ("Mongolia is a member of the SCO and a former member of the CSTO.",
     {("Mongolia", "SCO", "FullMember", ""), ("Mongolia", "CSTO", "Former", "")}),
    # "not X but Y" states Y; "not X and Y" says nothing sure of Y
    ("Mongolia is not a member of the SCO, but an observer of the OSCE.",
     {("Mongolia", "SCO", "not", ""), ("Mongolia", "OSCE", "Observer", "")}),
    ("Mongolia is not a member of the SCO, and an observer of the OSCE.", {("Mongolia", "SCO", "not", "")}),
    # a wish is not a status, for either phrase
    ("Mongolia wants to be a member of the SCO and an observer of the OSCE.", set()),
])
def test_a_second_status_noun_phrase_has_its_own_status(text: str, wanted: set, gaz: Gazetteer) -> None:
    assert facts(text, gaz, negatives=True) == wanted


@pytest.mark.parametrize("text, wanted", [
    ("Finland is not only a member of the EU but also a member of NATO.",
     {("Finland", "European_Union", "FullMember", ""), ("Finland", "NATO", "FullMember", "")}),
    ("Finland is not just a member of the EU.", {("Finland", "European_Union", "FullMember", "")}),
    ("Kazakhstan is a full member of the CSTO, while Mongolia is only a partner.",
     {("Kazakhstan", "CSTO", "FullMember", ""), ("Mongolia", "CSTO", "Partner", "")}),
    # a plain negation stays one
    ("Finland is not a member of the EU.", {("Finland", "European_Union", "not", "")}),
])
def test_not_only_negates_only(text: str, wanted: set, gaz: Gazetteer) -> None:
    assert facts(text, gaz, negatives=True) == wanted


@pytest.mark.parametrize("text, wanted", [
    ("Malaysia, unlike Oman, is not in BRICS.",
     {("Malaysia", "BRICS", "not", ""), ("Oman", "BRICS", "FullMember", "")}),
    # a positive clause says nothing sure of the other; nor does a plan
    ("Malaysia, unlike Oman, is in BRICS.", {("Malaysia", "BRICS", "FullMember", "")}),
    ("Malaysia, unlike Oman, will not join BRICS.", set()),
    # "Its" opening a sentence about a status: the state the sentence before opened with
    ("Egypt raised its rates. Its membership of the GCC dates from 2002.",
     {("Egypt", "Gulf_Cooperation_Council", "FullMember", "2002")}),
    ("The GCC met in Riyadh. Its membership has grown to six.", set()),
])
def test_contrast_and_a_possessive_pronoun(text: str, wanted: set, gaz: Gazetteer) -> None:
    assert facts(text, gaz, negatives=True) == wanted
