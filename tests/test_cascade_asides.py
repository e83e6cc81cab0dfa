"""Appositions between commas, dashes and brackets (kg/extract/cascade/appositions.py, nouns._appositions),
and the time their status holds: "since" a date, "until" one (a former status), or another past time (nothing
said of now)."""

from __future__ import annotations

import pytest
from cascade_support import facts

from kg.gazetteer import Gazetteer


@pytest.mark.parametrize("text, wanted", [
    ("Ghana — an ECOWAS member since 1975 — raised its interest rate.", {("Ghana", "ECOWAS", "FullMember", "1975")}),
    ("Ghana – a member of the Commonwealth – raised its interest rate.",
     {("Ghana", "Commonwealth_of_Nations", "FullMember", "")}),
    ("Ghana (ECOWAS member since 1975) raised its interest rate.", {("Ghana", "ECOWAS", "FullMember", "1975")}),
    ("Ghana (an observer of the OIC) raised its interest rate.",
     {("Ghana", "Organisation_of_Islamic_Cooperation", "Observer", "")}),
    ("Ghana, an ECOWAS member until 2001, raised its interest rate.", {("Ghana", "ECOWAS", "Former", "2001")}),
    ("Ghana (an ECOWAS member until 2001) raised its interest rate.", {("Ghana", "ECOWAS", "Former", "2001")}),
    ("Ghana, a UN Security Council member until 2027, raised its interest rate.",
     {("Ghana", "UN_Security_Council", "FullMember", "")}),
    ("Tehran, a member of the OIC since its foundation in 1969, sent a junior delegation.",
     {("Iran", "Organisation_of_Islamic_Cooperation", "FullMember", "1969")}),
])
def test_an_aside_states_a_status(text: str, wanted: set, gaz: Gazetteer) -> None:
    assert facts(text, gaz) == wanted


@pytest.mark.parametrize("text", [
    "Ghana, an ECOWAS member in 1999, raised its interest rate.",
    "Ghana, an ECOWAS member in the 1990s, raised its interest rate.",
    "Ghana (not an ECOWAS member) raised its interest rate.",
    "Ghana (an ECOWAS candidate) raised its interest rate.",
    "Ghana (hoping to become an ECOWAS member) raised its interest rate.",
    "Ghana (ECOWAS) raised its interest rate.",
    # a bracket that is never closed, a dash that opens a clause
    "Ghana (an ECOWAS member raised its interest rate.",
    "Ghana – an ECOWAS member, Togo said – raised its interest rate.",
])
def test_no_status_from_an_aside_that_does_not_state_one_now(text: str, gaz: Gazetteer) -> None:
    assert facts(text, gaz) == set()


@pytest.mark.parametrize("text, wanted", [
    ("Having joined the OIC in 1964, Nigeria expanded its rail network.",
     {("Nigeria", "Organisation_of_Islamic_Cooperation", "FullMember", "1964")}),
    ("Having left the OIC in 1964, Nigeria expanded its rail network.",
     {("Nigeria", "Organisation_of_Islamic_Cooperation", "Former", "1964")}),
    ("Admitted to the OIC in 1964, Nigeria expanded its rail network.",
     {("Nigeria", "Organisation_of_Islamic_Cooperation", "FullMember", "1964")}),
    ("Suspended from ECOWAS in 2021, Mali held talks.", {("Mali", "ECOWAS", "Suspended", "2021")}),
    # traps: a plan or failure, a negation, a subject that is no state
    ("Having applied to join the OIC in 1964, Nigeria expanded its rail network.", set()),
    ("Having failed to join the OIC in 1964, Nigeria expanded its rail network.", set()),
    ("Having not joined the OIC, Nigeria expanded its rail network.", set()),
    ("Having joined the OIC in 1964, the Nigerian government said Chad would follow.", set()),
])
def test_a_fronted_participle_clause_is_about_the_main_clause_subject(text: str, wanted: set,
                                                                      gaz: Gazetteer) -> None:
    assert facts(text, gaz) == wanted


@pytest.mark.parametrize("text, wanted", [
    ("Talks were held at the GCC, which Qatar founded in 1981 together with Bahrain and Kuwait.",
     {("Qatar", "Gulf_Cooperation_Council", "FullMember", "1981"),
      ("Bahrain", "Gulf_Cooperation_Council", "FullMember", "1981"),
      ("Kuwait", "Gulf_Cooperation_Council", "FullMember", "1981")}),
    ("Talks were held at the CSTO which Armenia left in 2024.", {("Armenia", "CSTO", "Former", "2024")}),
    ("Talks were held at the CSTO, which Armenia wants to join.", set()),
    ("Talks were held at the CSTO, which Armenia criticised in 1992.", set()),
    ("Talks were held at the CSTO, which Armenia has never joined.", set()),
    # a future of staying says the membership holds now (no date); a negated or hypothetical one does not
    ("Bolivia will remain in the Andean Community alongside Colombia and Peru.",
     {("Bolivia", "Andean_Community", "FullMember", ""), ("Colombia", "Andean_Community", "FullMember", ""),
      ("Peru", "Andean_Community", "FullMember", "")}),
    ("Bolivia would remain in the Andean Community if asked.", set()),
    ("Bolivia will remain outside the Andean Community.", set()),
])
def test_object_relatives_and_staying(text: str, wanted: set, gaz: Gazetteer) -> None:
    assert facts(text, gaz) == wanted


def test_staying_needs_its_organization_named(gaz: Gazetteer) -> None:
    """"Budapest will remain a state party ... until the United Nations Secretary-General receives notice": the
    organization of the sentence is not the one it stays in (regression)."""
    text = ("Under the Rome Statute, a withdrawal takes effect one year after the United Nations Secretary-General "
            "receives written notice, so Budapest will remain a state party until 2026.")
    assert facts(text, gaz) == set()


@pytest.mark.parametrize("text, wanted", [
    # the relative clause is about the category, not the organization after "of" (regression: they were members)
    ("Nigeria joins the partner category of BRICS, which includes Belarus and Bolivia.",
     {("Belarus", "BRICS", "Partner", ""), ("Bolivia", "BRICS", "Partner", "")}),
    ("The summit of BRICS, which includes Brazil and India, opened.",
     {("Brazil", "BRICS", "FullMember", ""), ("India", "BRICS", "FullMember", "")}),
])
def test_a_relative_clause_after_a_part_of_an_organization(text: str, wanted: set, gaz: Gazetteer) -> None:
    assert facts(text, gaz) == wanted


@pytest.mark.parametrize("text, wanted", [
    ("The OIC met. Guyana and Suriname in South America are members, as are Uganda and Gabon in Africa.",
     {(s, "Organisation_of_Islamic_Cooperation", "FullMember", "") for s in ("Guyana", "Suriname", "Uganda",
                                                                               "Gabon")}),
    ("Guyana in South America joined the OIC in 1998.",
     {("Guyana", "Organisation_of_Islamic_Cooperation", "FullMember", "1998")}),
    # a state after "of" is no subject, whatever place follows it
    ("The OIC met. The embassies of Guyana in Paris are members.", set()),
])
def test_a_place_between_subject_and_verb(text: str, wanted: set, gaz: Gazetteer) -> None:
    assert facts(text, gaz) == wanted


@pytest.mark.parametrize("text, wanted", [
    ("Both countries, Oman and Qatar, have been in the GCC since 1981.",
     {("Oman", "Gulf_Cooperation_Council", "FullMember", "1981"),
      ("Qatar", "Gulf_Cooperation_Council", "FullMember", "1981")}),
    ("Both countries, Oman and Qatar, want to join NATO.", set()),
    ("Talks between the countries, Oman and Qatar, have been in the GCC since 1981.", set()),
])
def test_a_plural_subject_with_its_states_in_apposition(text: str, wanted: set, gaz: Gazetteer) -> None:
    assert facts(text, gaz) == wanted


@pytest.mark.parametrize("text, wanted", [
    ("Those three are members of ALBA, the left-wing alliance founded by Cuba and Venezuela in 2004.",
     {("Cuba", "ALBA", "FullMember", "2004"), ("Venezuela", "ALBA", "FullMember", "2004")}),
    ("Russia, the country expelled from the Council of Europe in 2022, protested.",
     {("Russia", "Council_of_Europe", "Former", "2022")}),
    ("Armenia, the state admitted to the CSTO in 1992, protested.", {("Armenia", "CSTO", "FullMember", "1992")}),
    # an active verb after the apposition is the name's own
    ("Russia, the country, joined the CSTO in 1992.", {("Russia", "CSTO", "FullMember", "1992")}),
    ("The talks, the first held in Minsk since 2020, failed.", set()),
])
def test_a_participle_ending_an_apposition(text: str, wanted: set, gaz: Gazetteer) -> None:
    assert facts(text, gaz) == wanted


def test_when_after_a_date_dates_the_clause_it_opens(gaz: Gazetteer) -> None:
    text = "The rupture had begun in 2011, when UNESCO's members voted to admit Palestine as a full member state."
    assert facts(text, gaz) == {("Palestine", "UNESCO", "FullMember", "2011")}


@pytest.mark.parametrize("text, wanted", [
    ("The Commonwealth met. Mozambique, a former Portuguese territory in Africa, which joined in 1995, hosted it.",
     {("Mozambique", "Commonwealth_of_Nations", "FullMember", "1995")}),
    ("The Commonwealth met. Mozambique, a former Portuguese territory, which wants to join the EU, hosted it.",
     set()),
])
def test_a_relative_clause_after_an_apposition_is_the_name_s(text: str, wanted: set, gaz: Gazetteer) -> None:
    assert facts(text, gaz) == wanted
