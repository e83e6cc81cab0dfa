"""Exercise participants named through their forces (kg/extract/events.py, _FORCES) and exercise dates kept
out of since-clauses; each beside a trap."""

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


def exercises(text: str, gaz: Gazetteer) -> list[Event]:
    doc = extract_document("t", text, [(0, len(text))], PUB, gaz)
    return [f for f in doc.facts if isinstance(f, Event) and f.type == "MilitaryExercise"]


def test_forces_of_and_units_from_name_the_participants(gaz):
    text = ('The exercise "Steppe Guard 2025" ended on 22 May 2025 at the Krivolak training area. '
            "Hosting the exercise for the second time since Serbia joined the programme in March 2015, the Army of "
            "the Republic of North Macedonia trained alongside units from fellow NATO Allies Albania and Croatia, "
            "as well as a company of the Armed Forces of Montenegro.")
    (ev,) = exercises(text, gaz)
    assert {"North Macedonia", "Albania", "Croatia", "Montenegro"} <= {p.label for p in ev.participants}
    assert "Serbia" not in {p.label for p in ev.participants}
    assert str(ev.date) == "2025-05-22" and ev.location is not None and ev.location.key == "Krivolak"


def test_observers_from_a_state_do_not_take_part(gaz):
    text = ('The exercise "Steppe Guard 2025" ended on 22 May 2025 at the Krivolak training area. '
            "Observers from Armenia and Moldova followed the exercise.")
    (ev,) = exercises(text, gaz)
    assert not {"Armenia", "Moldova"} & {p.label for p in ev.participants}


def test_an_exercise_held_off_a_state_is_there(gaz):
    (ev,) = exercises('The joint naval exercise "Gulf Shield 2025" will be held off Bahrain in February 2026.', gaz)
    assert ev.location is not None and ev.location.key == "Bahrain"


def test_a_state_whose_objections_were_fended_off_is_not_the_place(gaz):
    text = ('The naval exercise "Gulf Shield 2025" went ahead in February 2025 '
            "after Qatar fended off Bahrain's objections.")
    (ev,) = exercises(text, gaz)
    assert ev.location is None or ev.location.key != "Bahrain"


def test_a_name_after_a_comma_with_a_quoted_translation(gaz):
    text = ('In January 2023 Armenia refused to host the CSTO\'s annual command-staff exercise, '
            'Vzaimodeistvie-2023 ("Interaction-2023"); the drills were moved to Belarus and held there in '
            'September 2023.')
    (ev,) = exercises(text, gaz)
    assert ev.name == "Interaction 2023" and "Vzaimodeistvie-2023" in ev.aliases
    assert ev.location is not None and ev.location.key == "Belarus"
    assert {p.label for p in ev.participants} == {"CSTO"}  # whose drills the refused hosting was; not Armenia


def test_a_refused_exercise_with_no_other_report_is_no_event(gaz):
    text = 'Armenia refused to host the CSTO\'s exercise, Vzaimodeistvie-2023, in January 2023.'
    assert exercises(text, gaz) == []
