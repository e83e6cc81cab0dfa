"""The discourse layer across sentences: which organization an organization-less statement is about."""

from __future__ import annotations

import pytest

from kg.dates import PartialDate
from kg.extract.document import extract_document
from kg.gazetteer import Gazetteer
from kg.model import Membership


def memberships(text: str, published: str = "2024-12-07") -> set[tuple[str, str, str, str]]:
    doc = extract_document("t", text, [(0, len(text))], PartialDate.parse(published), Gazetteer.load())
    return {(f.member.key, f.organization.key, f.status, str(f.start or f.end or ""))
            for f in doc.facts if isinstance(f, Membership)}


@pytest.mark.parametrize("text, wanted, unwanted", [
    # a paragraph about another organization than the article's goes on about it
    ("The BIMSTEC summit opened in Bangkok. Bangladesh joined BIMSTEC in 1997.\n\n"
     "SAARC's eight members - Nepal, Pakistan and Afghanistan - have not met since 2014. "
     "Afghanistan, which joined in 2007, is represented by nobody.",
     ("Afghanistan", "SAARC", "FullMember", "2007"), ("Afghanistan", "BIMSTEC", "FullMember", "2007")),
    # ... but not past the paragraph's end: the article's organization again
    ("The BIMSTEC summit opened in Bangkok. Bangladesh joined BIMSTEC in 1997.\n\n"
     "SAARC's eight members - Nepal, Pakistan and Afghanistan - have not met since 2014.\n\n"
     "Myanmar joined in 1997.",
     ("Myanmar", "BIMSTEC", "FullMember", "1997"), ("Myanmar", "SAARC", "FullMember", "1997")),
    # 'its' in the next sentence is the organization the sentence before opens with, not one named in passing
    ("The admission of the AU, which was founded in 2002 as successor to the Organisation of African Unity, "
     "was backed by China. Its 55 members include Morocco and Kenya.",
     ("Morocco", "African_Union", "FullMember", ""), ("Morocco", "Organisation_of_African_Unity", "FullMember", "")),
    # the organizations of a relative clause on the subject are not what the main clause is about
    ("The Council of Europe met in Strasbourg. Switzerland, which belongs neither to NATO nor to the EU, has been a "
     "member since 1963.",
     ("Switzerland", "Council_of_Europe", "FullMember", "1963"), ("Switzerland", "NATO", "FullMember", "1963")),
])
def test_the_organization_a_paragraph_is_about(text, wanted, unwanted):
    got = memberships(text)
    assert wanted in got
    assert unwanted not in got


def test_an_organization_as_subject_is_a_member_of_the_article_organization():
    text = "The G20 summit opened in New Delhi. G20 leaders spoke about the G20 agenda. " \
           "The African Union joined in September 2023."
    assert ("African_Union", "G20", "FullMember", "2023-09") in memberships(text)
    # a body of an organization is not a member of the one the article is about
    text = "The G20 summit opened in New Delhi. G20 leaders spoke about the G20 agenda. " \
           "The European Commission, which has been a member since 2008, sent a delegation."
    assert not memberships(text)


def test_a_coordinated_verb_does_not_take_the_first_verb_date():
    # regression: "was founded in 2002 and has suspended Mali" dated the suspension 2002
    got = memberships("The AU summit opened. Leaders spoke. Many came. The AU was founded in 2002 and has suspended "
                      "Mali.")  # (past the lede, where "has suspended" would be the day's news)
    assert ("Mali", "African_Union", "Suspended", "") in got
    got = memberships("Mali left ECOWAS in January 2024 and was suspended from the AU in 2021.")
    assert ("Mali", "African_Union", "Suspended", "2021") in got


@pytest.mark.parametrize("text, wanted", [
    # a date before the subject belongs to the clause when no other verb comes between
    ("In 1995, Austria, Finland and Sweden joined the EU.", ("Austria", "European_Union", "FullMember", "1995")),
    ("In 1995, after a vote in 1994, Austria joined the EU.", ("Austria", "European_Union", "FullMember", "1995")),
    ("Uzbekistan joined the SCO in 2001, leading to the name change, and the most recent round of enlargement "
     "in 2017 saw India and Pakistan join.", ("India", "SCO", "FullMember", "2017")),
])
def test_the_date_before_a_subject(text, wanted):
    assert wanted in memberships(text)


@pytest.mark.parametrize("text, wanted", [
    ("Iran has become the ninth full member of the SCO.", ("Iran", "SCO", "FullMember", "2024-12-07")),
    ("Croatia joins the EU\n\nCroatia joined the European Union at midnight.",
     ("Croatia", "European_Union", "FullMember", "2024-12-07")),
    # later in the article, a present perfect is not dated by the publication
    ("The SCO met. Leaders spoke. Many came. Iran has become a member of the SCO.", ("Iran", "SCO", "FullMember", "")),
    # nor a state of being, nor an earlier past
    ("Iran belongs to the SCO.", ("Iran", "SCO", "FullMember", "")),
    ("Iran had become a member of the SCO.", None),
])
def test_the_lede_reports_the_news_of_the_day(text, wanted):
    got = memberships(text)
    if wanted is None:
        assert not any(d == "2024-12-07" for *_, d in got)
    else:
        assert wanted in got


def test_a_when_clause_dates_the_clause():
    got = memberships("The Commonwealth met. Ireland left the Commonwealth when it became a republic in 1949.")
    assert ("Ireland", "Commonwealth_of_Nations", "Former", "1949") in got
    # but not past the when clause
    got = memberships("NATO met. Sweden joined NATO when the talks ended, and Finland signed a deal in 2020.")
    assert ("Sweden", "NATO", "FullMember", "") in got


def test_a_list_of_states_in_a_lede_is_not_dated_by_the_publication():
    got = memberships("The AU has suspended Gabon, Niger and Mali.")
    assert ("Gabon", "African_Union", "Suspended", "") in got


def test_the_finer_of_two_dates_for_one_event():
    got = memberships("NATO met. Sweden joined the alliance last month, on 7 March, ending its neutrality.",
                      published="2024-04-04")
    assert ("Sweden", "NATO", "FullMember", "2024-03-07") in got
    got = memberships("NATO met. Sweden joined the alliance last month, on 7 January, it said.", published="2024-04-04")
    assert ("Sweden", "NATO", "FullMember", "2024-03") in got  # two dates that disagree: the first


def test_a_month_of_that_year_in_a_later_sentence():
    got = memberships("BIMSTEC met. The grouping was launched on 6 June 1997 by Bangladesh and India. Myanmar came "
                      "on board in December that year.")
    assert ("Myanmar", "BIMSTEC", "FullMember", "1997-12") in got


def test_a_participle_after_a_comma_takes_the_sentence_subject():
    got = memberships("The EAC met. Somalia on Monday deposited its instrument of ratification at the headquarters of "
                      "the East African Community, formally becoming the eighth partner state of the regional bloc.",
                      published="2024-03-05")
    assert ("Somalia", "East_African_Community", "FullMember", "2024-03-04") in got
    assert not memberships("Sweden hosted the summit, becoming a laughing stock.")


def test_an_organization_word_for_its_members():
    # the EAC calls its members partner states; elsewhere a partner is a partner
    assert ("Somalia", "East_African_Community", "FullMember", "2024-03") in memberships(
        "Somalia became the EAC's eighth partner state in March 2024.")
    assert ("Egypt", "European_Union", "Partner", "") in memberships("The EU met. Egypt is a partner state of the EU.")


def test_a_reporting_clause_dates_a_clause_without_a_date():
    lead = "The CBSS met. Leaders spoke. Many came. "
    got = memberships(lead + "Russia has walked out of the CBSS, the foreign ministry announced on Tuesday.",
                      published="2022-05-18")
    assert ("Russia", "Council_of_the_Baltic_Sea_States", "Former", "2022-05-17") in got
    got = memberships(lead + "Russia walked out of the CBSS in 2020, the ministry said on Tuesday.",
                      published="2022-05-18")
    assert ("Russia", "Council_of_the_Baltic_Sea_States", "Former", "2020") in got  # its own date first


def test_a_body_that_lifts_a_suspension_readmits_to_its_organization():
    got = memberships("The African Union's Peace and Security Council lifted Gabon's suspension on 30 April.")
    assert {(m, o, st) for m, o, st, _ in got} == {("Gabon", "African_Union", "FullMember")}


@pytest.mark.parametrize("text, wanted", [
    ("Finland and Sweden applied in May 2022. The two countries joined NATO in 2023 and 2024.",
     {("Finland", "2023"), ("Sweden", "2024")}),
    ("Estonia, Latvia and Lithuania regained independence in 1991. The three Baltic states joined the EU in 2004.",
     {("Estonia", "2004"), ("Latvia", "2004"), ("Lithuania", "2004")}),
    # the count must agree with the group named before
    ("Estonia, Latvia and Lithuania regained independence in 1991. The two countries joined the EU in 2004.", set()),
    # a bare "Both" / "All three" before the verb, with a plural complement after it
    ("Belarus and Russia are close allies. Both are members of the CSTO.", {("Belarus", ""), ("Russia", "")}),
    ("Kazakhstan, Kyrgyzstan and Tajikistan signed the deal. All three are members of the CSTO.",
     {("Kazakhstan", ""), ("Kyrgyzstan", ""), ("Tajikistan", "")}),
    ("Armenia, Georgia and Azerbaijan signed the deal. Both are members of the CSTO.", set()),
])
def test_a_counted_description_of_the_states_named_before(text, wanted):
    assert {(m, d) for m, _, _, d in memberships(text)} == wanted


def test_the_following_year():
    got = memberships("The Pacific Islands Forum met in Honiara. Kiribati had quit in 2022 but rejoined the following "
                      "year.")
    assert got == {("Kiribati", "Pacific_Islands_Forum", "FullMember", "2023")}


def test_the_following_month_after_a_date_written_before():
    got = memberships("Finland applied in May 2022. Finland joined NATO the following April.")
    assert got == {("Finland", "NATO", "FullMember", "2023-04")}


def test_a_statement_without_an_organization_after_a_sentence_about_one():
    got = memberships("NATO met in Brussels. NATO leaders spoke.\n\nAll six are in NATO's Partnership for Peace. "
                      "Moldova signed up in 1994.")
    assert ("Moldova", "Partnership_for_Peace", "FullMember", "1994") in got
    # not across a paragraph
    got = memberships("NATO met in Brussels. NATO leaders spoke.\n\nAll six are in NATO's Partnership for Peace.\n\n"
                      "Moldova signed up in 1994.")
    assert ("Moldova", "NATO", "FullMember", "1994") in got


def test_a_decision_of_an_organization_is_a_deed():
    got = memberships("West African bloc ECOWAS has decided to suspend Guinea's membership after the coup.")
    assert {(m, st) for m, _, st, _ in got} == {("Guinea", "Suspended")}
    assert not memberships("ECOWAS could decide to suspend Guinea's membership.")
    assert not memberships("ECOWAS decided to hold talks with Guinea.")
    got = memberships("The CBSS suspended Belarus from its observer status in March.")
    assert {st for _, _, st, _ in got} == {"Suspended"}


def test_a_count_stands_for_the_states_of_the_sentence_before_when_as_many():
    """"All four" after a sentence that names three states and then a fourth: all of them; not when they are
    fewer."""
    four = ("Poland, Hungary and the Czech Republic joined NATO in March 1999, and Slovakia followed five years "
            "later. All four entered the European Union together on 1 May 2004.")
    got = memberships(four)
    assert {m[0] for m in got if m[1] == "European_Union"} == {"Poland", "Hungary", "Czech_Republic", "Slovakia"}
    three = "Poland and Hungary joined NATO in March 1999, and Slovakia followed. All four entered the EU in 2004."
    assert not any(m[1] == "European_Union" for m in memberships(three))


def test_it_after_a_question_and_its_short_answer_is_the_question_subject():
    assert ("Chile", "CIS", "FullMember", "2004") in memberships("Q: Is Chile in the CIS?\nA: Yes. It joined in 2004.")
    assert ("Chile", "CIS", "Former", "2004") in memberships("Q: Is Chile in the CIS?\nA: No. It left in 2004.")
    assert not memberships("Is Chile in the CIS? Not yet. It wants to join.")


def test_an_admission_naming_no_status_takes_the_status_its_paragraph_is_about():
    text = ("The Arctic Council met in Tromso. Thirteen non-Arctic states hold observer status. Germany and Poland "
            "were admitted in 1998, France in 2000 and Spain in 2006.")
    got = memberships(text)
    assert {(m[0], m[2]) for m in got} == {("Germany", "Observer"), ("Poland", "Observer"), ("France", "Observer"),
                                           ("Spain", "Observer")}
    # not across a paragraph, nor when the sentence names its organization or a status of its own
    assert ("Finland", "Arctic_Council", "FullMember", "1996") in memberships(
        "The Arctic Council met. Thirteen states hold observer status.\n\nFinland was admitted in 1996.")
    assert ("Finland", "Arctic_Council", "FullMember", "1996") in memberships(
        "The Arctic Council met. Thirteen states hold observer status. Finland joined the council in 1996.")
    assert ("Iran", "SCO", "FullMember", "2023") in memberships(
        "The SCO met. The SCO has dialogue partners. Iran joined as a full member in 2023.")


def test_the_paragraph_status_needs_its_organization_and_a_status_word():
    """"partner states" are the EAC's members, and a status of another organization's paragraph does not carry
    over (regressions on dev4 and blind4 while the rule was written)."""
    eac = ("The East African Community met in Arusha. It has eight partner states. South Sudan was admitted in "
           "2016.")
    assert ("South_Sudan", "East_African_Community", "FullMember", "2016") in memberships(eac)
    other = ("Austria, Ireland and Malta are members of the European Union - Ireland since 1973, Austria since 1995 "
             "and Malta since 2004. All six also cooperate with NATO as partners in its Partnership for Peace "
             "programme: Moldova since 1994. Malta joined in 1995, left a year later and came back in 2008.")
    assert not any(m[2] == "Partner" and m[1] == "European_Union" for m in memberships(other))


def test_the_same_three_countries_are_the_three_named_before():
    text = ("The community was re-established when Kenya, Tanzania and Uganda signed a treaty in November 1999; the "
            "first EAC, founded by the same three countries, had collapsed in 1977.")
    assert {m[0] for m in memberships(text) if m[1] == "East_African_Community"} == {"Kenya", "Tanzania", "Uganda"}
    # as many states must have been named
    assert not memberships("Kenya and Uganda met Tanzania; the EAC was founded by the same two countries in 1967.")
