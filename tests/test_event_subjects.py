"""Event participants from a coordinated, appositive or pronoun subject and from a verb's object
(kg/extract/event_subjects.py): each case beside a trap that must not add the wrong person."""

from __future__ import annotations

import pytest

from kg.dates import PartialDate
from kg.extract.document import extract_document
from kg.gazetteer import Gazetteer
from kg.model import Event

PUB = PartialDate.parse("2025-06-27")


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def people(text: str, gaz: Gazetteer, etype: str) -> list[set[str]]:
    doc = extract_document("t", text, [(0, len(text))], PUB, gaz)
    return [{p.label for p in f.participants if p.kind == "person"} for f in doc.facts
            if isinstance(f, Event) and f.type == etype]


def test_coordinated_subject_with_an_apposition_gives_both_people(gaz):
    text = ("Norwegian Foreign Minister Anna Berg and her Danish counterpart, Lars Holm, "
            "held talks in Oslo on 3 March 2025.")
    assert people(text, gaz, "Talks") == [{"Anna Berg", "Lars Holm"}]


def test_a_person_after_a_preposition_before_the_subject_is_not_a_participant(gaz):
    text = ("After talks with Defence Minister Jonas Lind, Foreign Minister Anna Berg met "
            "Finnish Foreign Minister Mikko Salo in Oslo on 3 March 2025.")
    assert {"Anna Berg", "Mikko Salo"} in people(text, gaz, "Meeting")
    assert all("Jonas Lind" not in p for p in people(text, gaz, "Meeting"))


def test_a_person_in_a_relative_clause_is_not_the_subject(gaz):
    text = ("Foreign Minister Anna Berg, who met Defence Minister Jonas Lind in May, held talks with "
            "Finnish Foreign Minister Mikko Salo in Helsinki on 3 March 2025.")
    assert people(text, gaz, "Talks") == [{"Anna Berg", "Mikko Salo"}]


def test_she_is_the_one_person_of_the_sentence_before(gaz):
    text = ("Foreign Minister Anna Berg spoke in Oslo on 3 March 2025. "
            "On the sidelines she held talks with her Danish counterpart, Lars Holm.")
    assert people(text, gaz, "Talks") == [{"Anna Berg", "Lars Holm"}]


def test_she_after_a_sentence_of_several_people_opening_with_none_stays_unresolved(gaz):
    text = ("Reporters asked Foreign Minister Anna Berg and Defence Minister Jonas Lind about the plan "
            "on 3 March 2025. "
            "She held talks with her Danish counterpart, Lars Holm, in Oslo on 4 March 2025.")
    found = people(text, gaz, "Talks")
    assert all(not p & {"Anna Berg", "Jonas Lind"} for p in found)


def test_met_x_for_talks_is_one_encounter_of_talks(gaz):
    text = ("Prime Minister Karin Dahl later met Finnish Foreign Minister Mikko Salo for talks "
            "in Helsinki on 4 April 2025.")
    assert people(text, gaz, "Talks") == [{"Karin Dahl", "Mikko Salo"}]
    assert people(text, gaz, "Meeting") == []


def test_met_the_press_for_talks_with_no_talks_partner_keeps_the_meeting_apart(gaz):
    # the trap: the talks noun is not 'for talks' after the meeting verb
    text = ("Prime Minister Karin Dahl met Finnish Foreign Minister Mikko Salo in Helsinki on 4 April 2025, "
            "and talks with Sweden are due in May.")
    assert people(text, gaz, "Meeting") == [{"Karin Dahl", "Mikko Salo"}]


def test_the_one_who_travelled_for_talks_takes_part_and_where_they_went_is_the_place(gaz):
    text = ("IGAD's Executive Secretary, Mesfin Abebe Tadesse, travelled to Djibouti on 20 January 2024 "
            "for talks with President Ahmed Daher Farah.")
    doc = extract_document("t", text, [(0, len(text))], PUB, gaz)
    (ev,) = [f for f in doc.facts if isinstance(f, Event) and f.type == "Talks"]
    assert {p.label for p in ev.participants} >= {"Mesfin Abebe Tadesse", "Ahmed Daher Farah"}
    assert ev.location is not None and ev.location.key == "Djibouti"


def test_a_traveller_after_a_preposition_is_no_participant(gaz):
    text = ("After a call with Foreign Minister Anna Berg, President Jonas Lind travelled to Oslo on 3 March 2025 "
            "for talks with Defence Minister Lars Holm.")
    assert people(text, gaz, "Talks") == [{"Jonas Lind", "Lars Holm"}]
