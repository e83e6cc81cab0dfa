"""Event readings that lean on the article: the host of a summit, a gathering dated by another event at its
place, a cancel word that governs something else (kg/extract/event_reader.py, event_assembly.py)."""

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


def events(text: str, gaz: Gazetteer, etype: str) -> list[Event]:
    doc = extract_document("t", text, [(0, len(text))], PUB, gaz)
    return [f for f in doc.facts if isinstance(f, Event) and f.type == etype]


def test_a_host_state_gives_the_summit_of_the_articles_organization(gaz):
    text = "G20 news. The G20 met in June. Brazil will host next year's summit in Rio de Janeiro."
    (ev,) = [e for e in events(text, gaz, "Meeting") if e.location is not None and e.location.key == "Rio_de_Janeiro"]
    assert {p.label for p in ev.participants} >= {"G20", "Brazil"}


def test_a_host_of_a_named_organizations_summit_keeps_that_organization_only(gaz):
    text = "G20 news. The G20 met in June. Brazil will host next year's BRICS summit in Rio de Janeiro."
    found = [e for e in events(text, gaz, "Meeting") if e.location is not None and e.location.key == "Rio_de_Janeiro"]
    assert found and all("G20" not in {p.label for p in e.participants} for e in found)


def test_an_undated_meeting_at_the_place_of_a_dated_signing_takes_its_day(gaz):
    text = ("Leaders of the Gulf Cooperation Council signed a declaration in Riyadh on 5 January 2021. "
            "Oman praised the text. The Riyadh meeting was the 41st GCC summit.")
    (ev,) = events(text, gaz, "Meeting")
    assert str(ev.date) == "2021-01-05"


def test_two_dated_events_at_the_place_leave_the_meeting_undated(gaz):
    text = ("Leaders of the Gulf Cooperation Council signed a declaration in Riyadh on 5 January 2021. "
            "GCC ministers signed a customs accord in Riyadh on 9 March 2021. Oman praised both texts. "
            "The Riyadh meeting was the 41st GCC summit.")
    assert all(e.date is None for e in events(text, gaz, "Meeting"))


def test_a_boycott_of_a_state_does_not_call_off_the_signing(gaz):
    text = ("Leaders of the Gulf Cooperation Council signed a declaration in Riyadh on 5 January 2021, "
            "ending a three-year boycott of Qatar by Saudi Arabia.")
    (ev,) = events(text, gaz, "Agreement")
    assert "Saudi Arabia" not in {p.label for p in ev.participants}  # 'by' far from 'signed' is not its agent


def test_a_skipped_summit_took_place_without_the_one_who_skipped_it(gaz):
    (ev,) = events("Prime Minister Davit Haroyan skipped the CSTO summit in Minsk in November 2023.", gaz, "Meeting")
    assert {p.label for p in ev.participants} == {"CSTO"} and ev.location is not None and ev.location.key == "Minsk"


def test_a_summit_called_off_is_no_event(gaz):
    assert events("The CSTO summit in Minsk in November 2023 was called off.", gaz, "Meeting") == []


def test_a_past_host_state_is_not_the_place(gaz):
    text = "Arab League news. The Arab League met. Bahrain had hosted the annual summit of the Arab League in May 2024."
    assert all(e.location is None or e.location.kind != "state" for e in events(text, gaz, "Meeting"))


def test_an_organization_after_the_summit_that_reports_it_still_says_whose_it_is(gaz):
    text = "Arab League news. The Arab League met. The summit in Manama on 16 May 2024 was a success, the UN said."
    (ev,) = [e for e in events(text, gaz, "Meeting") if e.location is not None and e.location.key == "Manama"]
    assert "United Nations" in {p.label for p in ev.participants}


def test_states_at_a_summit_take_part_and_the_summit_stays_the_bodys(gaz):
    text = "Commonwealth news. The Commonwealth met. Gabon and Togo were admitted at the Kigali summit in June 2022."
    (ev,) = [e for e in events(text, gaz, "Meeting") if e.location is not None and e.location.key == "Kigali"]
    assert {"Gabon", "Togo", "Commonwealth of Nations"} <= {p.label for p in ev.participants}


def test_a_state_after_a_preposition_before_at_the_summit_takes_no_part(gaz):
    text = "Qatar criticised the boycott of Bahrain at the Gulf summit in Riyadh on 5 January 2021."
    found = events(text, gaz, "Meeting")
    assert found and all("Bahrain" not in {p.label for p in e.participants} for e in found)


def test_a_present_progressive_schedule_points_forward_and_a_past_one_does_not(gaz):
    ahead = "Norway is hosting a peace conference at the Bürgenstock resort on 15 and 16 June."
    past = "Norway was hosting a peace conference at the Bürgenstock resort on 15 and 16 June."
    (a,) = events(ahead, gaz, "Meeting")
    (b,) = events(past, gaz, "Meeting")
    assert (str(a.date), str(b.date)) == ("2026-06-15", "2025-06-15")


def test_a_relative_clause_before_the_trigger_does_not_date_it(gaz):
    text = ("Norway, which joined the UN in 1945 and sits on the Council this year, "
            "hosted a peace conference at the Bürgenstock resort on 15 June 2025.")
    (ev,) = events(text, gaz, "Meeting")
    assert str(ev.date) == "2025-06-15"


def test_a_date_borrowed_from_the_sentence_before_skips_its_relative_clause(gaz):
    text = ("Arab foreign ministers voted on 7 May 2023 to readmit Syria, closing a chapter that began when the "
            "League suspended Damascus in November 2011. The decision came at an extraordinary session of the "
            "Arab League in Cairo.")
    (ev,) = [e for e in events(text, gaz, "Meeting") if e.location is not None and e.location.key == "Cairo"]
    assert str(ev.date) == "2023-05-07"


def test_a_date_after_said_that_is_still_the_sentences_own(gaz):
    text = ("The minister said on 2 May 2023 that the council had voted on 7 May 2023. "
            "The decision came at an extraordinary session of the Arab League in Cairo.")
    (ev,) = [e for e in events(text, gaz, "Meeting") if e.location is not None and e.location.key == "Cairo"]
    assert str(ev.date) == "2023-05-07"


def test_a_byline_date_yields_to_the_date_the_text_gives_later(gaz):
    text = ("By Rania Mostafa | CAIRO, 27 June 2025\n\n- Ministers restore Syria's seat at an extraordinary session "
            "of the Arab League in Cairo\n\nArab foreign ministers voted on Sunday, 22 June 2025, to readmit Syria. "
            "The decision came at the extraordinary session of the Arab League in Cairo.")
    (ev,) = [e for e in events(text, gaz, "Meeting") if e.location is not None and e.location.key == "Cairo"]
    assert str(ev.date) == "2025-06-22"


def test_a_trigger_verb_opening_the_sentence_is_a_noun(gaz):
    assert events("Hosts Saudi Arabia settled the guest list in Jeddah on 9 May 2025.", gaz, "Meeting") == []


def test_coordinated_organizations_before_a_plural_summit_are_one_event_each(gaz):
    text = "Gulf Cooperation Council and Arab League emergency summits were also held in Mecca on 30 May 2019."
    found = events(text, gaz, "Meeting")
    assert sorted(p.label for e in found for p in e.participants) == ["Arab League", "Gulf Cooperation Council"]
    assert all(e.location is not None and e.location.key == "Mecca" for e in found) and len(found) == 2


def test_a_plural_summit_of_one_organization_stays_generic(gaz):
    assert events("NATO summits were held in Brussels on 30 May 2019 and later.", gaz, "Meeting") == []


def test_this_afternoon_is_the_publication_day_before_a_date_of_the_sentence_before(gaz):
    text = ("Ministers arrived in Valletta on 4 June 2025. Foreign Minister Anna Berg and her Danish counterpart, "
            "Lars Holm, held talks this afternoon at a hotel in Valletta.")
    (ev,) = events(text, gaz, "Talks")
    assert str(ev.date) == "2025-06-27"


def test_without_a_same_day_word_the_sentence_before_still_dates_it(gaz):
    text = ("Ministers arrived in Valletta on 4 June 2025. Foreign Minister Anna Berg and her Danish counterpart, "
            "Lars Holm, held talks at a hotel in Valletta.")
    (ev,) = events(text, gaz, "Talks")
    assert str(ev.date) == "2025-06-04"


def test_a_summit_in_a_state_and_in_a_city_of_it_the_same_year_is_one_event(gaz):
    text = ("Organization of Turkic States news. The Organization of Turkic States met. "
            "Next summit: Azerbaijan, 2026\n\nPresident Ilham Sadigov will host the 2026 summit in Gabala.")
    found = [e for e in events(text, gaz, "Meeting") if e.date is not None and e.date.year == 2026]
    assert [e.location.key for e in found] == ["Gabala"]


def test_a_summit_in_a_state_and_in_a_city_of_another_state_stay_two(gaz):
    text = ("Organization of Turkic States news. The Organization of Turkic States met. "
            "Next summit: Azerbaijan, 2026\n\nPresident Ilham Sadigov will host the 2026 summit in Ankara.")
    found = [e for e in events(text, gaz, "Meeting") if e.date is not None and e.date.year == 2026]
    assert sorted(e.location.key for e in found) == ["Ankara", "Azerbaijan"]


def test_a_dateline_state_before_a_dash_is_no_premodifier(gaz):
    text = ("BRIDGETOWN, Barbados - The 48th regular meeting of the heads of government of CARICOM opened here "
            "on 19 February 2025.")
    (ev,) = events(text, gaz, "Meeting")
    assert "Barbados" not in {p.label for p in ev.participants}
