"""Tails of a clause that extend its fact (kg/extract/cascade/continuations.py): each with a trap beside it."""

from __future__ import annotations

import pytest
from cascade_support import facts


@pytest.mark.parametrize("text, wanted", [
    ("Finland joined NATO in April 2023, along with Sweden.", ("Sweden", "NATO", "FullMember", "2023-04")),
    ("Guinea was suspended from ECOWAS in September 2021; Mali in May 2021.",
     ("Mali", "ECOWAS", "Suspended", "2021-05")),
    ("APEC met in Lima. China came in in 1991, Mexico in 1993, and Chile a year later.",
     ("Chile", "APEC", "FullMember", "1994")),
    ("NATO met in London on Monday. France quit in 1966 before returning in 2009.",
     ("France", "NATO", "FullMember", "2009")),
    ("NATO met in London on Monday. France quit in 1966 before returning.", ("France", "NATO", "FullMember", "")),
    ("Austria, Ireland and Malta are EU members – Ireland since 1973, Austria since 1995 and Malta since 2004 – and"
     " take part in its policy.", ("Malta", "European_Union", "FullMember", "2004")),
    ("The EAEU met. Moldova was granted observer status in April 2018; Uzbekistan and Cuba followed in December 2020.",
     ("Cuba", "EAEU", "Observer", "2020-12")),
    ("Gabon is one of the newest members of the Commonwealth, which it joined in June 2022 together with Togo.",
     ("Togo", "Commonwealth_of_Nations", "FullMember", "2022-06")),
    ("OPEC met in Vienna. Gabon, which had left in the 1990s, rejoined in 2016.",
     ("Gabon", "OPEC", "FullMember", "2016")),
    ("Burkina Faso, Mali and Niger formed the Alliance of Sahel States. All three are suspended from the African Union:"
     " Mali since June 2021, Burkina Faso since January 2022.",
     ("Burkina_Faso", "African_Union", "Suspended", "2022-01")),
    ("Poland joined NATO in March 1999, and Slovakia followed in 2004.", ("Slovakia", "NATO", "FullMember", "2004")),
    ("Poland joined NATO in March 1999, and Slovakia followed five years later.",
     ("Slovakia", "NATO", "FullMember", "2004")),
    ("Croatia joined the EU in July 2013; Bulgaria followed three months later.",
     ("Bulgaria", "European_Union", "FullMember", "2013-10")),
    ("The BRICS group was founded in 2006 by Brazil, Russia, India, and China, with South Africa joining in 2011.",
     ("South_Africa", "BRICS", "FullMember", "2011")),
    ("The CSTO met. Uzbekistan rejoined the CSTO in 2006, only to leave again in 2012.",
     ("Uzbekistan", "CSTO", "Former", "2012")),
    ("The CSTO met. Uzbekistan returned to the CSTO in 2006, only to suspend its membership again in 2012.",
     ("Uzbekistan", "CSTO", "Suspended", "2012")),
    ("Montenegro became the 29th member of NATO in June 2017, followed by North Macedonia in March 2020.",
     ("North_Macedonia", "NATO", "FullMember", "2020-03")),
    ("Iran joined the SCO in 2023 and Belarus followed a year later.", ("Belarus", "SCO", "FullMember", "2024")),
    ("Finland and Sweden joined NATO in April 2023 and March 2024.", ("Sweden", "NATO", "FullMember", "2024-03")),
    ("CARICOM met. Suriname came in in 1995 and Haiti in 2002.", ("Haiti", "CARICOM", "FullMember", "2002")),
    ("Finland joined NATO in April 2023, and Sweden did so in March 2024.",
     ("Sweden", "NATO", "FullMember", "2024-03")),
    ("Sweden entered the EU in 1995, becoming its 15th member on 1 January 1995.",
     ("Sweden", "European_Union", "FullMember", "1995-01-01")),
])
def test_tail_extends_the_fact(text, wanted, gaz):
    assert wanted in facts(text, gaz)


@pytest.mark.parametrize("text, unwanted", [
    ("Finland did not join NATO, along with Sweden.", "Sweden"),
    ("Guinea was suspended from ECOWAS in 2021; Mali, which also had a coup, was not.", "Mali"),
    ("France quit NATO in 1966 before returning to the talks in 1990.", "1990"),
    ("Finland joined NATO in April 2023, and Sweden will do so next year.", "Sweden"),
    ("Sweden joined the EU in 1995, becoming a drag on the budget in 2001.", "2001"),
    ("The EAEU met. Moldova was granted observer status in April 2018; Cuba followed the debate in 2020.", "Cuba"),
    ("OPEC met in Vienna. Qatar, a member since 1961, left in 2019.", "1961"),
    ("Poland joined NATO in March 1999, and Slovakia followed suit with protests five years later.", "Slovakia"),
    ("Poland joined NATO in 1999, and Slovakia will follow in 2030.", "Slovakia"),
    ("CARICOM met. Suriname came in in 1995 and Haiti in talks.", "Haiti"),
    ("Montenegro joined NATO in June 2017, followed by protests in Podgorica in March 2018.", "2018"),
    ("The CSTO met. Uzbekistan rejoined the CSTO in 2006, only to find the talks stalled in 2012.", "2012"),
    ("BRICS was founded in 2006 by Brazil and China, with South Africa joining talks in 2011.", "South_Africa"),
])
def test_trap_beside_each_tail(text, unwanted, gaz):
    assert not any(unwanted in fact for fact in facts(text, gaz))


def test_dash_without_dates_is_not_a_gapped_list(gaz):
    got = facts("Austria and Ireland are EU members – Ireland and Austria both want more in 2025.", gaz)
    assert all(date == "" for *_, date in got)


def test_listed_dates_are_not_the_clause_date(gaz):
    text = "All three are suspended from the African Union: Mali since June 2021, Niger since August 2023."
    got = facts("Burkina Faso, Mali and Niger met. " + text, gaz)
    assert ("Burkina_Faso", "African_Union", "Suspended", "") in got
    assert ("Burkina_Faso", "African_Union", "Suspended", "2021-06") not in got


def test_fact_box_heading_date(gaz):
    got = facts("The G5 Sahel met in Nouakchott.\nFounders (February 2014): Burkina Faso, Chad, Mali\n", gaz)
    assert ("Chad", "G5_Sahel", "FullMember", "2014-02") in got


def test_timeline_lines_of_a_fact_box(gaz):
    got = facts("The WTO met in Geneva.\n\nKey dates\n- 11 Dec 2001: China joins\n"
                "- 14 Jul 2016: Liberia joins; 29 Jul 2016: Afghanistan\n", gaz)
    assert ("China", "World_Trade_Organization", "FullMember", "2001-12-11") in got
    assert ("Afghanistan", "World_Trade_Organization", "FullMember", "2016-07-29") in got
    got = facts("The WTO met in Geneva.\n\n- 14 Jul 2016: Liberia joins; 29 Jul 2016: Afghanistan protests\n", gaz)
    assert not any(f[0] == "Afghanistan" for f in got)


def test_alongside_fellow_founders_takes_the_founding_date(gaz):
    got = facts("EFTA met. Switzerland was a founding member of EFTA in 1960, alongside Austria and Norway.", gaz)
    assert ("Norway", "European_Free_Trade_Association", "FullMember", "1960") in got


def test_alongside_existing_members_takes_no_date(gaz):
    text = "Mercosur met. Bolivia became a full member of Mercosur on 8 July 2024, taking its place alongside Peru."
    got = facts(text, gaz)
    assert ("Peru", "Mercosur", "FullMember", "") in got
    assert ("Peru", "Mercosur", "FullMember", "2024-07-08") not in got
    same_day = facts("The Pacific Islands Forum met. New Caledonia joined as a full member in 2016, on the same day as"
                     " French Polynesia.", gaz)
    assert ("French_Polynesia", "Pacific_Islands_Forum", "FullMember", "2016") in same_day


def test_a_return_after_another_verb_still_ends_the_leaving(gaz):
    got = facts("The Human Rights Council met. Washington pulled out in June 2018 and took part as an observer "
                "from February 2021 before winning back a seat in the October elections.", gaz)
    assert any(f[0] == "United_States" and f[2] == "FullMember" for f in got)
    got = facts("The Human Rights Council met. The US left the council in 2018, and Israel is winning back "
                "support.", gaz)
    assert not any(f[2] == "FullMember" for f in got)


def test_with_states_as_observers_and_as_partners(gaz):
    got = facts("The SCO includes India and China, with Iran and Mongolia as observers and Nepal and Turkey as "
                "dialogue partners.", gaz)
    assert ("Iran", "SCO", "Observer", "") in got and ("Turkey", "SCO", "Partner", "") in got
    assert not any(f[0] == "Russia" for f in facts("The SCO includes India and China, with Russia as chair.", gaz))
