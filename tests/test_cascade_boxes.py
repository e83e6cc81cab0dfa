"""Fact boxes: a bulleted list announced by the line before it."""

from __future__ import annotations

import pytest

from kg.dates import PartialDate
from kg.extract.document import extract_document
from kg.gazetteer import Gazetteer
from kg.model import Membership


def memberships(text: str) -> set[tuple[str, str, str, str]]:
    doc = extract_document("t", text, [(0, len(text))], PartialDate.parse("2024-12-07"), Gazetteer.load())
    return {(f.member.key, f.organization.key, f.status, str(f.start or f.end or ""))
            for f in doc.facts if isinstance(f, Membership)}


LIST = "- Denmark\n- Iceland (joined 1995)\n- the European Union\n"


def test_an_announced_bulleted_list_takes_the_status_and_organization():
    got = memberships("The CBSS met in Berlin.\n\nThe council was founded in 1992. Its members are now:\n" + LIST)
    assert ("Denmark", "Council_of_the_Baltic_Sea_States", "FullMember", "") in got
    assert ("Iceland", "Council_of_the_Baltic_Sea_States", "FullMember", "1995") in got
    assert ("European_Union", "Council_of_the_Baltic_Sea_States", "FullMember", "") in got
    got = memberships("ASEAN met in Vientiane.\n\nASEAN's observers:\n- Timor-Leste\n- Papua New Guinea\n")
    assert ("Papua_New_Guinea", "ASEAN", "Observer", "") in got


@pytest.mark.parametrize("heading", [
    "The following countries are not members:",  # negated
    "Countries to watch:",  # no status noun
    "Which states could become members?",  # a question
    "Future members may include:",  # modal
])
def test_bullets_after_other_headings_say_nothing(heading):
    got = memberships("The CBSS met in Berlin. Russia left in 2022.\n\n" + heading + "\n" + LIST)
    assert not any(m[0] in ("Denmark", "Iceland") for m in got)


def test_the_list_ends_at_the_first_line_that_is_not_an_item():
    got = memberships("The CBSS met in Berlin.\n\nIts members are now:\n- Denmark\nNorway hosted the talks.\n"
                      "- Sweden\n")
    assert ("Denmark", "Council_of_the_Baltic_Sea_States", "FullMember", "") in got
    assert not any(m[0] == "Sweden" for m in got)


def test_a_heading_that_names_a_status_and_its_list_line():
    got = memberships("OPEC met in Vienna on Tuesday.\n\nOPEC MEMBERS (12)\nAlgeria, Congo, Gabon, Iran, Iraq\n")
    assert {m[0] for m in got if m[1] == "OPEC"} == {"Algeria", "Gabon", "Iran", "Iraq"}  # "Congo" is ambiguous
    got = memberships("SADC met.\n\nSADC MEMBER STATES\nAngola, Botswana, Comoros\n")
    assert ("Comoros", "Southern_African_Development_Community", "FullMember", "") in got
    # a heading without a status, or a line with a verb, says nothing
    assert not memberships("OPEC met in Vienna.\n\nOPEC OIL OUTPUT\nAlgeria, Gabon, Iran, Iraq\n")
    assert not any(m[0] == "Gabon" for m in memberships(
        "OPEC met in Vienna.\n\nOPEC MEMBERS (12)\nAlgeria, Gabon, Iran and Iraq want higher quotas.\n"))


def test_list_lines_with_a_modifier_a_count_and_a_mixed_list():
    got = memberships("ASEAN met in Vientiane.\n\n- Members (10): Brunei, Cambodia\n"
                      "- Dialogue partners: Australia, China, European Union, India, United Kingdom "
                      "(since August 2021)\n"
                      "Associate members: Chile, Peru\n")
    assert ("Brunei", "ASEAN", "FullMember", "") in got
    assert ("India", "ASEAN", "Partner", "") in got and ("European_Union", "ASEAN", "Partner", "") in got
    assert not any(m[0] == "Chile" for m in got)


def test_a_capitals_heading_whose_organization_follows_a_colon_and_a_count_in_parentheses():
    got = memberships("AT A GLANCE: THE ARCTIC COUNCIL\n- Established: 1996 (Ottawa Declaration)\n"
                      "- Member states (8): Canada, Denmark, Finland, Iceland, Norway, Russia, Sweden, United States\n")
    assert ("Iceland", "Arctic_Council", "FullMember", "") in got
    # a line of the box is not a heading: "Headquarters: Tromso" names no organization after its colon
    got = memberships("Arctic facts\nHeadquarters: Tromso\n- Member states (8): Canada, Denmark\n")
    assert not any(o == "Arctic_Council" for _, o, _, _ in got)


def test_a_count_before_the_listed_names_and_a_year_beside_one_name():
    got = memberships("ASEAN KEY FACTS\n* Members: 10 (Brunei, Cambodia, Indonesia, Laos, Malaysia, Myanmar, "
                      "Philippines, Singapore, Thailand, Vietnam)\n* Newest member: Timor-Leste (admitted 2025)\n")
    assert ("Myanmar", "ASEAN", "FullMember", "") in got
    assert ("Timor-Leste", "ASEAN", "FullMember", "2025") not in got  # published 2024-12-07: not yet
    got = memberships("ASEAN KEY FACTS\n* Newest member: Cambodia (admitted 1999)\n")
    assert ("Cambodia", "ASEAN", "FullMember", "1999") in got


def test_a_timeline_line_that_names_another_change():
    got = memberships("The Council of Europe has 46 member states.\n\nMembership timeline\n1950 - Germany, Iceland\n"
                      "2022 - Russia expelled\n")
    assert ("Germany", "Council_of_Europe", "FullMember", "1950") in got
    assert ("Russia", "Council_of_Europe", "Former", "2022") in got
    assert not any(m == "Russia" and st == "FullMember" for m, _, st, _ in got)


@pytest.mark.parametrize("text, wanted", [
    # a question that asks who belongs answers with the bullets after it
    ("The CIS met.\n\nWho belongs to the CIS?\n* Armenia\n* Belarus\n",
     {("Armenia", "CIS", "FullMember", ""), ("Belarus", "CIS", "FullMember", "")}),
    # a heading that is only the list's title, then bare lines
    ("Officials met.\n\nMember states of the Organization for Security and Co-operation in Europe:\nAlbania\nAustria\n",
     {("Albania", "OSCE", "FullMember", ""), ("Austria", "OSCE", "FullMember", "")}),
    # each name with its own year, in a box line (with the heading's gloss) and in running text
    ("Fact box: OSCE\nMembers (year of accession): Croatia (1992), Malta (1973)\n",
     {("Croatia", "OSCE", "FullMember", "1992"), ("Malta", "OSCE", "FullMember", "1973")}),
    ("OPEC's members include Iran (since 1960) and Qatar (since 1961).",
     {("Iran", "OPEC", "FullMember", "1960"), ("Qatar", "OPEC", "FullMember", "1961")}),
    ("Fact box: OSCE\nLeft: Croatia (1992), Malta (1973)\n",
     {("Croatia", "OSCE", "Former", "1992"), ("Malta", "OSCE", "Former", "1973")}),
])
def test_list_forms(text, wanted):
    assert memberships(text) == wanted


@pytest.mark.parametrize("text, unwanted", [
    ("Who is to blame at the CIS?\n* Armenia\n", ("Armenia", "CIS", "FullMember", "")),  # not about belonging
    ("Member states of the OSCE:\nAlbania\nAustria rejected the plan.\n", ("Austria", "OSCE", "FullMember", "")),
    ("Its members could soon include:\nAlbania\n", ("Albania", "OSCE", "FullMember", "")),
    # a year in the future, or a list whose names do not each have one, gives no year to any
    ("Fact box: OSCE\nMembers: Croatia (1992), Malta (2031)\n", ("Croatia", "OSCE", "FullMember", "1992")),
    ("Fact box: OSCE\nMembers: Croatia (1992), Malta (1973), Austria\n", ("Croatia", "OSCE", "FullMember", "1992")),
])
def test_list_form_traps(text, unwanted):
    assert unwanted not in memberships(text)


@pytest.mark.parametrize("text, wanted", [
    ("Fact box: OAS\nMembers: Brazil, Chile\nFormer members: Cuba\n",
     {("Brazil", "Organization_of_American_States", "FullMember", ""),
      ("Chile", "Organization_of_American_States", "FullMember", ""),
      ("Cuba", "Organization_of_American_States", "Former", "")}),
    # the founders are members since the founding date of the same box
    ("Fact box: BRICS\nFounded: 2009\nFounding members: Brazil, Russia\n",
     {("Brazil", "BRICS", "FullMember", "2009"), ("Russia", "BRICS", "FullMember", "2009")}),
    # but the members of the box are not
    ("Fact box: BRICS\nFounded: 2009\nMembers: Brazil, Russia\n",
     {("Brazil", "BRICS", "FullMember", ""), ("Russia", "BRICS", "FullMember", "")}),
])
def test_box_lines_of_former_members_and_founders(text, wanted):
    assert memberships(text) == wanted


@pytest.mark.parametrize("text, wanted", [
    ("Country profile: Canada\nCapital: Ottawa\nMember of: NATO, the OSCE and the G7\n",
     {("Canada", "NATO", "FullMember", ""), ("Canada", "OSCE", "FullMember", ""), ("Canada", "G7", "FullMember", "")}),
    ("Country profile: Canada\nCapital: Ottawa\nMemberships: NATO\n", {("Canada", "NATO", "FullMember", "")}),
    # another key, or no profile above the line, says nothing
    ("Country profile: Canada\nCapital: Ottawa\nCandidate for: NATO\n", set()),
    ("Officials met.\n\nMemberships: NATO, OSCE\n", set()),
])
def test_a_state_profile_box(text, wanted):
    assert memberships(text) == wanted


@pytest.mark.parametrize("text, wanted", [
    ("For context: IGAD has eight members. They are Djibouti, Eritrea and Kenya.",
     {("Djibouti", "IGAD", "FullMember", ""), ("Eritrea", "IGAD", "FullMember", ""),
      ("Kenya", "IGAD", "FullMember", "")}),
    ("The Arctic Council has six observers in Asia. They are China, India and Japan.",
     {("China", "Arctic_Council", "Observer", ""), ("India", "Arctic_Council", "Observer", ""),
      ("Japan", "Arctic_Council", "Observer", "")}),
    # a sentence before that denies, plans or names no status gives "They are" nothing
    ("IGAD has no new members. They are Djibouti and Eritrea.", set()),
    ("Two states want to join IGAD. They are Djibouti and Eritrea.", set()),
])
def test_they_are_names_what_the_sentence_before_counted(text, wanted):
    assert memberships(text) == wanted


def test_a_heading_naming_the_organization_by_its_noun():
    """"FORUM MEMBERS (18)" in an article that has named the Pacific Islands Forum: its members; not when two
    organizations read so far have that noun in their names."""
    one = "The Pacific Islands Forum met in Tonga. Leaders spoke.\n\nFORUM MEMBERS (18)\nAustralia, Fiji, Samoa\n"
    assert ("Fiji", "Pacific_Islands_Forum", "FullMember", "") in memberships(one)
    two = ("The Pacific Islands Forum and the Nordic Council met. The Arctic Council did not.\n\n"
           "COUNCIL MEMBERS (3)\nDenmark, Norway, Sweden\n")
    assert not any(m[0] == "Denmark" for m in memberships(two))


@pytest.mark.parametrize("text, wanted", [
    ("The Commonwealth's members: Ghana; Kenya; Malta.",
     {(s, "Commonwealth_of_Nations", "FullMember", "") for s in ("Ghana", "Kenya", "Malta")}),
    # a list that goes on with something else than names is read no further than its first name
    ("NATO's members: Latvia; Estonia; most of Europe.", {("Latvia", "NATO", "FullMember", "")}),
])
def test_a_list_separated_by_semicolons(text, wanted):
    assert memberships(text) == wanted


@pytest.mark.parametrize("text, wanted", [
    ("Arctic Council admits China, six others as observers", {("China", "Arctic_Council", "Observer", "")}),
    ("The Arctic Council met. The other countries given permanent observer status were India and Japan.",
     {("India", "Arctic_Council", "Observer", ""), ("Japan", "Arctic_Council", "Observer", "")}),
    ("CARICOM met. Members like the Bahamas and Barbados have an average income near $10,000.",
     {("Bahamas", "CARICOM", "FullMember", ""), ("Barbados", "CARICOM", "FullMember", "")}),
])
def test_observers_and_members_named_in_passing(text, wanted):
    """Regression: "admits China, six others as observers" made China a full member."""
    assert {m[:3] + ("",) for m in memberships(text)} == wanted
