"""PartialDate values and date mentions found in text (kg/dates.py, kg/extract/dates.py)."""

from __future__ import annotations

import datetime

import pytest
from rdflib.namespace import XSD

from kg.dates import PartialDate as P
from kg.extract.dates import find_dates
from kg.extract.dates_tense import detect_tense

# --- PartialDate ----------------------------------------------------------------------------


@pytest.mark.parametrize("s, precision", [("2017", "year"), ("2017-04", "month"), ("2017-04-02", "day")])
def test_partialdate_parse_roundtrips_iso(s, precision):
    d = P.parse(s)
    assert d.iso() == s and d.precision == precision


def test_partialdate_parse_datetime_keeps_date():
    assert P.parse("2017-09-27T10:15:00Z") == P(2017, 9, 27)


@pytest.mark.parametrize(
    "bad", ["", "17", "2017-4", "2017-13", "2017-02-30", "27.09.2017", "April 2017", "20170927"])
def test_partialdate_parse_rejects_malformed(bad):
    with pytest.raises(ValueError):
        P.parse(bad)


def test_partialdate_rejects_day_without_month():
    with pytest.raises(ValueError):
        P(2017, None, 3)


def test_partialdate_literal_never_more_precise_than_known():
    assert P(2017).literal().datatype == XSD.gYear
    assert P(2017, 4).literal().datatype == XSD.gYearMonth
    assert str(P(2017, 4).literal()) == "2017-04"
    assert P(2017, 4, 2).literal().datatype == XSD.date


def test_partialdate_interval_bounds():
    assert P(2017).first_day() == datetime.date(2017, 1, 1)
    assert P(2017).last_day() == datetime.date(2017, 12, 31)
    assert P(2016, 2).last_day() == datetime.date(2016, 2, 29)
    assert P(2017, 4, 2).first_day() == P(2017, 4, 2).last_day()
    assert P(2017).contains(P(2017, 4, 2)) and not P(2017, 4, 2).contains(P(2017))


def test_partialdate_orders_mixed_precisions():
    dates = [P(2017, 4, 2), P(2017), P(2016, 12), P(2017, 4)]
    assert sorted(dates) == [P(2016, 12), P(2017), P(2017, 4), P(2017, 4, 2)]
    assert P(2017) != P(2017, 1)


# --- absolute dates ------------------------------------------------------------------------


def one(text, reference=None, **kw):
    found = find_dates(text, reference, **kw)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("text, iso", [
    ("Belgrade, 05 April 2016 – said", "2016-04-05"),
    ("on April 5, 2016 the", "2016-04-05"),
    ("Russia December 19, 2014, 11:40", "2014-12-19"),
    ("the 5th of April 2016", "2016-04-05"),
    ("April 5th, 2016", "2016-04-05"),
    ("Tuesday, April 5, 2016", "2016-04-05"),
    ("date 2017-09-27 MOSCOW", "2017-09-27"),
    ("Sept. 5, 2017", "2017-09-05"),
    ("September 2017 will see", "2017-09"),
    ("signed in December 2013 in Kiev", "2013-12"),
    ("set up in 1992 shortly", "1992"),
    ("in the year 2017", "2017"),
    ("by 2015, marking", "2015"),
    ("since 1992", "1992"),
    ("the same period of 2013.", "2013"),
    ("2013's figures", "2013"),
    ("5 Apr 2016", "2016-04-05"),
    ("Apr. 5, 2016", "2016-04-05"),
    ("DECEMBER 19, 2014", "2014-12-19"),
    ("2014/12/19", "2014-12-19"),
    ("in mid-2015", "2015"),
    ("by the end of 2017", "2017"),
])
def test_find_dates_absolute_formats(text, iso):
    m = one(text)
    assert m.value.iso() == iso and not m.relative
    assert text[m.start:m.end] == m.text


def test_find_dates_dotted_dates_are_day_first():
    assert one("on 5.4.2016 they").value == P(2016, 4, 5)
    assert one("on 27.09.2017 they").value == P(2017, 9, 27)


def test_find_dates_slashed_dates_only_when_unambiguous():
    assert find_dates("on 5/4/2016", None) == []
    assert one("on 13/4/2016").value == P(2016, 4, 13)
    assert one("on 4/13/2016").value == P(2016, 4, 13)


def test_find_dates_span_of_year_excludes_preposition_keeps_modifier():
    assert one("founded in 2013.").text == "2013"
    assert one("founded in early 2013.").text == "early 2013"


@pytest.mark.parametrize("text", [
    "trade reached $1.54 billion, a 15.9% increase",
    "The organization now includes six countries",
    "the 25th anniversary and the 40th anniversary",
    "16:40 GMT and 11:40",
    "deployed 2000 troops",
    "in 2000 troops",
    "Helsinki plus 40",
    "Vzaimodeistvoye 2017 and Rubezh/Frontier-2016",
    "Serbia has signed three agreements with NATO",
    "a 2016 figure",
])
def test_find_dates_ignores_numbers_that_are_not_dates(text):
    assert find_dates(text, P(2017, 4, 5)) == []


def test_find_dates_names_with_years_only_on_request():
    found = find_dates("the Rubezh/Frontier-2016 exercise and Vzaimodeistvoye 2017", None, include_names=True)
    assert [(m.text, m.value.iso(), m.in_name) for m in found] == [
        ("Frontier-2016", "2016", True), ("Vzaimodeistvoye 2017", "2017", True)]


def test_find_dates_month_year_is_not_a_name():
    found = find_dates("September 2017 will see", None, include_names=True)
    assert [(m.value.iso(), m.in_name) for m in found] == [("2017-09", False)]


# --- ranges ----------------------------------------------------------------------------------


def test_find_dates_day_range_without_year_future():
    m = one("the youth forum, which will take place in Belgrade on 18-21 October.", P(2017, 9, 27))
    assert (m.value, m.end_value) == (P(2017, 10, 18), P(2017, 10, 21))
    assert m.relative and m.direction == "future"
    assert m.text == "18-21 October"


def test_find_dates_year_range():
    m = one("scheduled to take place in 2017-2018 under")
    assert (m.value, m.end_value) == (P(2017), P(2018))
    assert one("the 2017–18 season").end_value == P(2018)
    assert find_dates("2010-11", None) == []  # could be November 2010
    assert one("between 2013 and 2015").end_value == P(2015)


def test_find_dates_month_range_resolved_against_reference():
    m = one("In January-September, the Russian-Serbian trade reached $1.54 billion", P(2014, 12, 19))
    assert (m.value, m.end_value) == (P(2014, 1), P(2014, 9))


def test_find_dates_month_range_with_year():
    m = one("in January-September 2014")
    assert (m.value, m.end_value) == (P(2014, 1), P(2014, 9))


def test_find_dates_day_month_range_with_year():
    m = one("April 5-7, 2016")
    assert (m.value, m.end_value) == (P(2016, 4, 5), P(2016, 4, 7))


# --- yearless dates and tense -----------------------------------------------------------------


def test_find_dates_yearless_past_is_on_or_before_month_reference():
    m = one("Vucic was elected in the elections, which were held on April 2.", P(2017, 4))
    assert m.value == P(2017, 4, 2) and m.direction == "past" and m.relative


def test_find_dates_yearless_past_with_day_reference():
    text = "met Vulin in Moscow on 25 September, BelTA has learned."
    assert one(text, P(2017, 9, 27)).value == P(2017, 9, 25)
    assert one("which Russia abandoned on December 1 due to", P(2014, 12, 19)).value == P(2014, 12, 1)


def test_find_dates_yearless_past_goes_back_a_year():
    assert one("The talks were held on 3 October.", P(2017, 9, 27)).value == P(2016, 10, 3)


def test_find_dates_month_in_future():
    m = one("The two wargames will take place in Armenia and Kazakhstan in October.", P(2017, 9, 27))
    assert m.value == P(2017, 10) and m.value.precision == "month" and m.direction == "future"


def test_find_dates_month_in_future_cues():
    for text in ["the forthcoming exercise in March", "talks are due to open in March",
                 "the upcoming summit in March", "the summit is scheduled for March"]:
        assert one(text, P(2017, 4, 5)).value == P(2018, 3), text


def test_find_dates_month_without_tense_is_nearest():
    assert one("the exercise in October", P(2017, 9, 27)).value == P(2017, 10)
    assert one("the exercise in January", P(2017, 12, 20)).value == P(2018, 1)


def test_find_dates_month_needs_a_cue():
    assert find_dates("May God help us", P(2017, 4, 5)) == []
    assert find_dates("March on", P(2017, 4, 5)) == []


def test_find_dates_tense_hint_overrides_clause():
    assert one("the meeting on 3 October", P(2017, 9, 27), tense_hint="past").value == P(2016, 10, 3)
    assert one("the meeting on 3 October", P(2017, 9, 27), tense_hint="future").value == P(2017, 10, 3)


def test_find_dates_yearless_skipped_without_reference():
    assert find_dates("on April 2 and in October, later this year, on Tuesday, yesterday", None) == []


def test_find_dates_feb_29_only_in_leap_years():
    assert one("on 29 February", P(2017, 4)).value == P(2016, 2, 29)


# --- weekdays ----------------------------------------------------------------------------------


def test_find_dates_weekday_is_reference_day_itself():
    m = one("during the meeting in Belgrade on Tuesday.", P(2016, 4, 5))
    assert m.value == P(2016, 4, 5) and m.text == "Tuesday"


def test_find_dates_weekday_possessive_future():
    m = one("said in a statement ahead of Friday’s talks", P(2014, 12, 19))
    assert m.value == P(2014, 12, 19) and m.text == "Friday"


def test_find_dates_weekday_past_and_future():
    ref = P(2016, 4, 5)  # a Tuesday
    assert one("They met on Monday.", ref).value == P(2016, 4, 4)
    assert one("They met on Wednesday.", ref).value == P(2016, 3, 30)
    assert one("They will meet on Wednesday.", ref).value == P(2016, 4, 6)
    assert one("They met last Tuesday.", ref).value == P(2016, 3, 29)
    assert one("They meet next Tuesday.", ref).value == P(2016, 4, 12)


def test_find_dates_weekday_in_lower_case_only_after_on():
    ref = P(2016, 4, 5)  # a Tuesday
    assert one("They met on monday (04/04).", ref).value == P(2016, 4, 4)
    assert find_dates("a monday morning feeling", ref) == []


def test_a_month_of_that_year_takes_the_year_written_before():
    ref = P(2025, 4, 5)
    got = find_dates("It was launched in 1997. Myanmar came on board in December that year.", ref)
    assert got[-1].value == P(1997, 12)
    assert find_dates("Myanmar joined in December.", ref)[0].value == P(2024, 12)  # no "that year"


def test_find_dates_weekday_needs_day_reference():
    assert find_dates("on Tuesday", P(2017, 4)) == []


# --- relative expressions ----------------------------------------------------------------------


@pytest.mark.parametrize("text, ref, iso", [
    ("Later this year, Serbia will take part", P(2017, 4), "2017"),
    ("this year", P(2017, 4), "2017"),
    ("last year", P(2017, 4), "2016"),
    ("next year", P(2017, 4), "2018"),
    ("next month", P(2017, 12, 5), "2018-01"),
    ("last month", P(2017, 1, 5), "2016-12"),
    ("Late last month, Russian expert Alexander Pivovarenko told Sputnik", P(2017, 4), "2017-03"),
    ("earlier this month", P(2017, 4), "2017-04"),
    ("Earlier in March, then-Serbian Prime Minister Aleksandar Vucic said", P(2017, 4), "2017-03"),
    ("Earlier in May, he said", P(2017, 4), "2016-05"),
    ("in early March", P(2017, 4, 5), "2017-03"),
    ("in mid-March", P(2017, 4, 5), "2017-03"),
    ("today", P(2017, 4, 5), "2017-04-05"),
    ("yesterday", P(2017, 3, 1), "2017-02-28"),
    ("tomorrow", P(2017, 12, 31), "2018-01-01"),
    ("two years ago", P(2017, 4), "2015"),
    ("three months ago", P(2017, 2), "2016-11"),
    ("last week", P(2017, 4, 19), "2017-04"),
    ("Mali quit in May last year", P(2023, 12, 5), "2022-05"),
    ("in March of next year", P(2023, 12, 5), "2024-03"),
    ("Twenty years ago today, Switzerland became a member", P(2022, 9, 10), "2002-09-10"),
    ("A decade ago today, Croatia joined", P(2023, 7, 1), "2013-07-01"),
    ("a decade ago", P(2023, 7, 1), "2013"),
    ("became the 125th state party on 1 January this year", P(2025, 3, 5), "2025-01-01"),
])
def test_find_dates_relative_expressions(text, ref, iso):
    m = one(text, ref)
    assert m.value.iso() == iso and m.relative


def test_find_dates_relative_precision_limited_by_reference():
    assert find_dates("yesterday", P(2017, 4)) == []
    assert find_dates("last month", P(2017)) == []
    assert one("today", P(2017)).value == P(2017)


def test_find_dates_week_across_months_is_skipped():
    assert find_dates("last week", P(2017, 4, 3)) == []  # 27 March - 2 April


def test_find_dates_the_last_month_is_a_duration():
    assert find_dates("over the last month", P(2017, 4)) == []


# --- tense -------------------------------------------------------------------------------------


def test_detect_tense_masks_participles_of_future():
    text = "The drills will be held in Kazakhstan in October."
    i = text.index("October")
    assert detect_tense(text, i, i + 7) == "future"


def test_detect_tense_past_verbs():
    text = "Vucic was elected in the elections, which were held on April 2."
    i = text.index("April 2")
    assert detect_tense(text, i, i + 7) == "past"


def test_detect_tense_stays_in_clause():
    text = "He met them. Talks will follow on Friday."
    i = text.index("Friday")
    assert detect_tense(text, i, i + 6) == "future"


def test_find_dates_offsets_index_the_text():
    text = "“Serbia will join in 2018,” he said on 25 September; the forum opens on 18-21 October."
    for m in find_dates(text, P(2017, 9, 27)):
        assert text[m.start:m.end] == m.text


@pytest.mark.parametrize("text, value", [
    ("The treaty came into force on New Year's Day 2015.", P(2015, 1, 1)),
    ("It was signed on Christmas Eve, 1991.", P(1991, 12, 24)),
    ("They met on New Year’s Eve 1999.", P(1999, 12, 31)),
])
def test_named_day_with_its_year(text, value):
    assert [d.value for d in find_dates(text, P(2024, 5, 1))] == [value]


def test_named_day_without_a_year_is_no_date():
    assert find_dates("Shops opened on Boxing Day for the sales.", P(2024, 5, 1)) == []


@pytest.mark.parametrize("text, previous, value", [
    ("It joined the following April.", P(2022, 5), P(2023, 4)),  # the first April after May 2022
    ("It applied in January 2022 and joined the next March.", None, P(2022, 3)),
    ("It joined the following April.", None, None),  # no date before it: no date
])
def test_the_following_month_after_the_date_before_it(text, previous, value):
    found = find_dates(text, P(2026, 1, 1), previous=previous)
    got = [d.value for d in found if "April" in d.text or "March" in d.text]
    assert got == ([value] if value else [])


@pytest.mark.parametrize("text, previous, values", [
    ("It applied in 2010 and joined the following year.", None, [P(2010), P(2011)]),
    ("It left in 2014 and joined the SCO the same year.", None, [P(2014), P(2014)]),
    ("It applied in 2001; two years later it joined.", None, [P(2001), P(2003)]),
    ("It joined a year later.", P(1990, 5), [P(1991)]),  # the date of the sentence before
    ("It joined later that year.", P(1990, 5), [P(1990)]),
    ("It joined the following year.", None, []),  # no date before it: no date
    ("It joined in December that year.", P(1999), [P(1999, 12)]),  # the month takes the year, once
    ("The following year's budget was cut.", P(1999), []),  # a possessive is no time of the clause
])
def test_years_counted_from_the_date_before_them(text, previous, values):
    assert [d.value for d in find_dates(text, P(2026, 1, 1), previous=previous)] == values
