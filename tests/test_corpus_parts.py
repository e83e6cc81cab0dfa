"""Front matter, metadata.csv, boilerplate rules, datelines and titles, each on its own."""

from __future__ import annotations

import pytest

from kg.corpus.boilerplate import find_boilerplate, is_timestamp, rules
from kg.corpus.dateline import find_datelines, stamp_is_contradicted
from kg.corpus.frontmatter import parse_front_matter
from kg.corpus.lines import lines
from kg.corpus.metadata import parse_metadata
from kg.corpus.title import guess_title
from kg.dates import PartialDate as P
from kg.errors import CorpusError

# --- front matter ------------------------------------------------------------------------------


def test_front_matter_parses_known_and_extra_keys():
    fm = parse_front_matter("---\nTitle: 'A: title'\ndate: 2017-04\n# note\ntags: a, b\n---\nBody\n")
    assert fm.fields == {"title": "A: title", "date": "2017-04"}
    assert fm.extra == {"tags": "a, b"}
    assert fm.end == len("---\nTitle: 'A: title'\ndate: 2017-04\n# note\ntags: a, b\n---\n")


def test_front_matter_absent_when_not_on_first_line():
    assert parse_front_matter("Title\n---\ntitle: x\n---\n") is None
    assert parse_front_matter("----\ntitle: x\n") is None


def test_front_matter_unclosed_raises():
    with pytest.raises(CorpusError, match="never closed"):
        parse_front_matter("---\ntitle: x\nBody text\n")


def test_front_matter_bad_line_is_a_warning():
    fm = parse_front_matter("---\ntitle: x\njust words\ntitle: y\n---\n")
    assert fm.fields["title"] == "y" and len(fm.warnings) == 2


def test_front_matter_crlf():
    fm = parse_front_matter("---\r\ntitle: x\r\n---\r\nBody")
    assert fm.fields == {"title": "x"} and fm.end == len("---\r\ntitle: x\r\n---\r\n")


# --- metadata.csv ------------------------------------------------------------------------------


def test_metadata_rows_by_stem_with_partial_dates():
    rows, errors = parse_metadata("stem,title,date,publisher,source\na,T,2017-04,P,https://x.org/a\nb.txt,,,,\n")
    assert errors == []
    assert rows == {"a": {"title": "T", "date": P(2017, 4), "publisher": "P", "source": "https://x.org/a"},
                    "b": {}}


def test_metadata_reports_all_bad_rows_at_once():
    text = ("stem,title,date,color\n"
            "a,T,2017-02-30,red\n"
            ",No stem,2017,\n"
            "c,T,2017,x,extra\n"
            "d,T,2017,\n"
            "d,Again,2018,\n")
    rows, errors = parse_metadata(text)
    assert list(rows) == ["d"] and rows["d"]["title"] == "T"
    assert [e.split(":")[0] for e in errors] == ["line 1", "line 2", "line 3", "line 4", "line 6"]


def test_metadata_needs_stem_column():
    rows, errors = parse_metadata("name,title\na,b\n")
    assert rows == {} and "stem" in errors[0]
    assert "commas" in parse_metadata("stem;title;date\na;b;2017\n")[1][0]


# --- boilerplate --------------------------------------------------------------------------------


def kinds(text):
    return [(text[s.start:s.end], s.kind) for s in find_boilerplate(text)]


def test_boilerplate_patterns_load_and_have_unique_ids():
    r = rules()
    assert r.phrases and r.lines


@pytest.mark.parametrize("line, kind", [
    ("Share on Facebook", "share"),
    ("Facebook | Twitter | Email", "share"),
    ("Subscribe", "prompt"),
    ("Follow us on Twitter", "prompt"),
    ("Click here to read the full story", "prompt"),
    ("Photo: Reuters / John Smith", "credit"),
    ("© AP Photo / Darko Vojinovic", "credit"),
    ("Go back", "navigation"),
    ("Tags: NATO, Serbia", "tags"),
    ("Share: Facebook | Telegram | X", "share"),
    ("Follow the Embassy: Facebook | YouTube | Instagram", "share"),
    ("Home > Politics > Europe", "navigation"),
    ("Comments (3) | Log in to comment", "prompt"),
    ("Press contact: media@ministry.example", "prompt"),
    ("See also: Minsk Talks Stall Again", "related"),
    ("A- A+ | Print", "share"),
])
def test_boilerplate_line_patterns(line, kind):
    text = f"Headline here\n\nA body sentence that says something.\n{line}\nAnother body sentence here.\n"
    assert kinds(text) == [(line, kind)]


def test_boilerplate_keeps_body_lines_with_ui_words():
    text = "The minister said he would share the details on Facebook later.\nPhotos of the summit were shown.\n"
    assert kinds(text) == []


def test_boilerplate_repeated_caption_around_credit():
    cap = "Soldiers take part in a joint exercise near the border"
    text = f"Headline\n\nBody one.\n{cap}\n© Agency / Photographer\n{cap}\nBody two ends here.\n"
    assert [k for _, k in kinds(text)] == ["caption", "credit", "caption"]


def test_boilerplate_repeated_paragraph_keeps_first():
    para = "The ministers agreed to meet again next year in Minsk."
    text = f"Headline\n\n{para}\nOther body text here.\n{para}\nMore body text here.\n"
    found = find_boilerplate(text)
    assert [(s.kind, s.start) for s in found] == [("duplicate", text.rindex(para))]


def test_boilerplate_related_headlines_need_a_run():
    body = "Headline\n\nThe talks ended in Minsk on Friday.\n"
    one = body + "Russia and Belarus Sign New Border Deal\n"
    assert kinds(one) == []
    two = one + "Lavrov Meets Dacic in Moscow\n"
    assert [k for _, k in kinds(two)] == ["related", "related"]


def test_boilerplate_bulleted_list_needs_a_label():
    items = "- Talks With Minsk Stall Again\n- Will Baku Join the Bloc?\n"
    assert [k for _, k in kinds(f"Headline\n\nBody text here.\nMore stories\n{items}")] == [
        "navigation", "related", "related"]
    timeline = "Milestones\n- 2 March 2019: Talks Open in Minsk\n- 5 May 2020: Treaty Signed\n"
    assert kinds(f"Headline\n\nBody text here.\n{timeline}") == []


def test_boilerplate_tag_line_only_at_the_end():
    tags = "partnership, agreements, drills, NATO, Serbia"
    assert kinds(f"Headline\n\nBody text here.\n{tags}\n") == [(tags, "tags")]
    assert kinds(f"Headline\n\n{tags}\nBody text here.\n") == []


@pytest.mark.parametrize("line, stamp", [
    ("16:40 GMT24 November 2020", True),
    ("Updated 09:15 GMT, 12 May 2018", True),
    ("24.11.2020 16:40", True),
    ("24 November 2020", False),  # no time: may well be the publication date
    ("Russia December 19, 2014, 11:40", False),  # a place: a dateline
])
def test_is_timestamp(line, stamp):
    assert is_timestamp(line, rules().structure) is stamp


def test_boilerplate_timestamp_only_at_top():
    text = "Headline\n\n16:40 GMT 24 November 2020\nBody text here.\n"
    assert kinds(text) == []


# --- datelines ----------------------------------------------------------------------------------


def datelines(text):
    return [(text[d.span.start:d.span.end], d.date.iso()) for d in find_datelines(lines(text))]


@pytest.mark.parametrize("text, expected", [
    ("Belgrade, 05 April 2016 – ”Serbia is neutral”, he said.", ("Belgrade, 05 April 2016 –", "2016-04-05")),
    (" date 2017-09-27 MOSCOW. KAZINFORM Representatives of Serbia", ("date 2017-09-27 MOSCOW. KAZINFORM",
                                                                      "2017-09-27")),
    ("LONDON, March 3, 2019 (Reuters) - Ministers met.", ("LONDON, March 3, 2019 (Reuters) -", "2019-03-03")),
    ("Published: 12 May 2018", ("Published: 12 May 2018", "2018-05-12")),
    ("NEW YORK, 1 June 2015 — Talks began.", ("NEW YORK, 1 June 2015 —", "2015-06-01")),
])
def test_find_datelines_shapes(text, expected):
    assert datelines(text) == [expected]


@pytest.mark.parametrize("text", [
    "September 2017 will see Serbia's participation in the drills.",
    "In 2014, Serbia held the presidency.",
    "On December 19, 2014, the ministers met.",
    "The ministers met on 19 December 2014 – and agreed.",
])
def test_find_datelines_ignores_sentences_starting_with_dates(text):
    assert datelines(text) == []


def test_find_datelines_yearless_takes_year_from_head():
    text = "Title\nRussia December 19, 2014, 11:40\nMOSCOW, December 19. /TASS/. Moscow plans talks."
    assert datelines(text) == [("Russia December 19, 2014, 11:40", "2014-12-19"),
                               ("MOSCOW, December 19. /TASS/.", "2014-12-19")]


def test_find_datelines_yearless_without_any_year_gives_nothing():
    assert datelines("MOSCOW, December 19. /TASS/. Moscow plans talks.") == []


def test_stamp_contradicted_by_future_mention_of_earlier_date():
    text = "September 2017 will see Serbia's participation."
    assert stamp_is_contradicted(P(2020, 11, 24), text, [(0, len(text))])
    assert not stamp_is_contradicted(P(2017, 4, 10), text, [(0, len(text))])


def test_stamp_contradicted_by_past_mention_of_later_date():
    text = "The treaty was signed in March 2019."
    assert stamp_is_contradicted(P(2018, 5, 12), text, [(0, len(text))])


# --- titles -------------------------------------------------------------------------------------


def test_guess_title_skips_long_leads_and_bylines():
    text = ("In the year of the 25th anniversary of the signing of the Collective Security Treaty and the 15th "
            "anniversary of the creation of the CSTO, the president spoke about the role of the Organization\n"
            "By John Smith\nSargsyan to “MIR”: CSTO countries together achieve collective benefits\n")
    assert guess_title(lines(text), []) == "Sargsyan to “MIR”: CSTO countries together achieve collective benefits"


def test_guess_title_skips_letterheads_and_labels():
    text = ("MINISTRY OF FOREIGN AFFAIRS\nPress Service\nPRESS RELEASE\nMinsk, 2 March 2019\n"
            "Minister meets OSCE envoy in Minsk\nThe minister met the envoy on Friday.\n")
    head = lines(text)
    skip = [(text.index("Minsk, 2"), text.index("Minsk, 2") + len("Minsk, 2 March 2019"))]
    assert guess_title(head, skip) == "Minister meets OSCE envoy in Minsk"


def test_guess_title_stops_at_the_body():
    text = "Short note\nThe minister met the envoy on Friday in Minsk.\nTalks In Minsk Continue\n"
    assert guess_title(lines(text), []) == "Short note"


def test_guess_title_none_for_a_lead_sentence():
    assert guess_title(lines("Serbia will take part in the drills.\nMore text follows here.\n"), []) is None


def test_boilerplate_a_list_under_a_status_heading_is_content():
    """"Member states of the OSCE:" and bare names after it close the article as a list, not related headlines
    (regression: the names were stripped as a run of title-cased lines)."""
    lst = "Member states of the Organization for Security and Co-operation in Europe:\nAlbania\nAustria\nBelgium\n"
    assert kinds(f"Headline\n\nBody text here.\n\n{lst}") == []
    # a run of headlines under another heading is still what it was
    assert [k for _, k in kinds("Headline\n\nBody text here.\nLavrov Meets Dacic in Moscow\n"
                                "Russia and Belarus Sign New Border Deal\n")] == ["related", "related"]
