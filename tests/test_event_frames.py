"""Event frames (kg/data/event_frames.json): every example yields its event, every counter-example none.

Each example names the participants, place and date the frame must read; a counter-example
pins a blocking case (negation, a plan that is called off, a generic plural).
"""

from __future__ import annotations

import copy

import pytest

from kg.dates import PartialDate
from kg.errors import DataFileError
from kg.extract.document import extract_document
from kg.extract.event_frames import _load_json, build_event_lexicon
from kg.gazetteer import Gazetteer
from kg.model import Event

PUB = PartialDate.parse("2025-06-27")


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def events(text: str, gaz: Gazetteer, frame: str | None = None) -> list[Event]:
    doc = extract_document("t", text, [(0, len(text))], PUB, gaz)
    return [f for f in doc.facts if isinstance(f, Event) and (frame is None or f.evidence.rule == frame)]


def _cases(key: str):
    for frame in _load_json()["frames"]:
        for ex in frame[key]:
            text = ex["text"] if isinstance(ex, dict) else ex
            yield pytest.param(frame, ex, id=f"{frame['id']}: {text[:50]}")


@pytest.mark.parametrize("frame, ex", list(_cases("examples")))
def test_event_frame_example_yields_its_event(frame, ex, gaz):
    text = ex["text"]
    if ex.get("main_org"):  # an article about the organization: it is named twice before
        text = f"{ex['main_org']} news. {ex['main_org']} met. " + text
    found = [e for e in events(text, gaz) if e.type == frame["type"]]
    assert found, (frame["id"], text)
    ev = found[-1]
    labels = {p.label for p in ev.participants} | {a for p in ev.participants for a in p.aliases}
    for p in ex.get("participants", []):
        assert p in labels, (p, labels)
    if "location" in ex:
        assert ev.location is not None and ev.location.label == ex["location"], ev.location
    if "date" in ex:
        assert ev.date is not None and str(ev.date).startswith(ex["date"]), ev.date


@pytest.mark.parametrize("frame, text", list(_cases("counter_examples")))
def test_event_frame_counter_example_yields_nothing(frame, text, gaz):
    assert not [e for e in events(text, gaz) if e.type == frame["type"]], text


def test_malformed_frames_report_every_problem_at_once():
    data = copy.deepcopy(_load_json())
    data["frames"][0]["type"] = "Picnic"
    data["frames"][1]["participants"] = ["everyone"]
    del data["frames"][2]["examples"]
    with pytest.raises(DataFileError) as err:
        build_event_lexicon(data)
    msg = str(err.value)
    assert "Picnic" in msg or "type must be" in msg
    assert "everyone" in msg and "no examples" in msg


def test_only_the_frames_participants_not_every_person(gaz):
    text = ("Foreign Minister Anna Berg met with Defence Minister Jonas Lind in Oslo on 3 March 2025, "
            "days after President Karl Holm spoke in Bergen.")
    (ev,) = events(text, gaz, "event.meet")
    assert {p.label for p in ev.participants} == {"Anna Berg", "Jonas Lind"}


def test_date_from_previous_sentence(gaz):
    text = ("Foreign Minister Anna Berg and Defence Minister Jonas Lind arrived on 3 March 2025. "
            "The two ministers met in Oslo for the ceremony.")
    (ev,) = events(text, gaz, "event.meet")
    assert str(ev.date) == "2025-03-03"
    assert {p.label for p in ev.participants} == {"Anna Berg", "Jonas Lind"}


def test_summit_mentioned_again_is_one_event(gaz):
    text = ("ASEAN leaders gathered in Vientiane on 9 October 2024 for the ASEAN summit. "
            "The summit adopted a statement on Myanmar.")
    assert len(events(text, gaz)) == 1
