"""Behaviour of the gazetteer loader and matcher (kg/gazetteer.py)."""

from pathlib import Path

import pytest

from kg.errors import DataFileError
from kg.gazetteer import Entity, Gazetteer, fold, slugify


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def found(gaz: Gazetteer, text: str) -> list[tuple[str, str, str]]:
    return [(m.text, m.entity.key, m.via) for m in gaz.find_all(text)]


# ---------------------------------------------------------------- lookup


def test_gazetteer_lookup_label_alias_and_acronym_are_one_entity(gaz):
    assert gaz.lookup("CSTO") is gaz.lookup("Collective Security Treaty Organization")
    assert gaz.lookup("Collective Security Treaty Organisation").key == "CSTO"
    assert gaz.lookup("ODKB").key == "CSTO"
    assert gaz.lookup("Russian Federation").key == "Russia"
    assert gaz.lookup("Kyrgyz Republic").key == "Kyrgyzstan"
    assert gaz.lookup("U.S.").key == gaz.lookup("United States of America").key == "United_States"


def test_gazetteer_lookup_adjectives_and_demonyms(gaz):
    assert gaz.lookup("Serbian").key == "Serbia"
    assert gaz.lookup("Serbs").key == "Serbia"
    assert gaz.lookup("Kyrgyz").key == "Kyrgyzstan"
    assert gaz.lookup("Belarussian").key == "Belarus"
    assert gaz.lookup("Americans").key == "United_States"


def test_gazetteer_lookup_spelling_variants(gaz):
    assert gaz.lookup("Organization for Security and Co-operation in Europe").key == "OSCE"
    assert gaz.lookup("Organization for Security and Cooperation in Europe").key == "OSCE"
    assert gaz.lookup("Organisation for Security and Co-operation in Europe").key == "OSCE"


def test_gazetteer_lookup_tolerates_the_possessive_quotes_and_diacritics(gaz):
    assert gaz.lookup("the Netherlands").key == "Netherlands"
    assert gaz.lookup("The United Nations").key == "United_Nations"
    assert gaz.lookup("Serbia’s").key == "Serbia"
    assert gaz.lookup("Cote d'Ivoire").key == gaz.lookup("Côte d’Ivoire").key == "Ivory_Coast"
    assert gaz.lookup("Sao Tome and Principe").key == "Sao_Tome_and_Principe"
    assert gaz.lookup("Chisinau").key == "Chisinau"


def test_gazetteer_lookup_case_matters_only_for_acronyms(gaz):
    assert gaz.lookup("serbia").key == "Serbia"
    assert gaz.lookup("csto") is None
    assert gaz.lookup("Atlantis") is None


def test_acronyms_of_four_letters_or_more_match_in_title_case(gaz):
    """News writes "Nato", "Odkb", "Ecowas": title case is the acronym; lower case and short acronyms are not."""
    assert [m.entity.key for m in gaz.find_all("Chile joined Nato; Ecowas met.")] == ["Chile", "NATO", "ECOWAS"]
    assert [m.entity.key for m in gaz.find_all("nato")] == []
    assert [m.entity.key for m in gaz.find_all("Sco")] == []


def test_gazetteer_get_unknown_key_raises(gaz):
    assert gaz.get("Serbia").label == "Serbia"
    with pytest.raises(KeyError):
        gaz.get("Atlantis")


# ---------------------------------------------------------------- entities


def test_gazetteer_entity_iri_and_types(gaz):
    csto = gaz.get("CSTO")
    assert str(csto.iri) == "https://w3id.org/alliance-kg/id/org/CSTO"
    assert csto.types == ("MilitaryAlliance", "Organization")
    assert gaz.get("Serbia").types == ("State",)
    assert str(gaz.get("Serbia").iri) == "https://w3id.org/alliance-kg/id/state/Serbia"
    assert gaz.get("Belgrade").types == ("City", "Place")
    assert str(gaz.get("Belgrade").iri) == "https://w3id.org/alliance-kg/id/place/Belgrade"
    assert gaz.get("Serbia").capital == "Belgrade" and gaz.get("Belgrade").country == "Serbia"
    assert gaz.get("Serbia").qid == "Q403"


def test_gazetteer_bodies_of_lists_direct_bodies(gaz):
    keys = [b.key for b in gaz.bodies_of("CSTO")]
    assert "CSTO_Parliamentary_Assembly" in keys
    assert "CSTO_Collective_Rapid_Reaction_Forces" in keys
    assert all(gaz.get(k).part_of == "CSTO" for k in keys)
    assert gaz.bodies_of("Serbia") == []


def test_gazetteer_load_default_is_cached():
    assert Gazetteer.load() is Gazetteer.load()


def test_gazetteer_slugify_matches_iri_convention():
    assert slugify("CSTO Parliamentary Assembly") == "CSTO_Parliamentary_Assembly"
    assert slugify("São Tomé") == "Sao_Tome"
    assert slugify("St. John's") == "St_Johns"


def test_gazetteer_fold_keeps_length():
    text = "Vučić met Đukanović in Chișinău – “fine”"
    assert len(fold(text)) == len(text)
    assert fold(text) == "Vucic met Dukanovic in Chisinau - \"fine\""


# ---------------------------------------------------------------- find_all


def test_gazetteer_find_all_prefers_longest_match(gaz):
    assert found(gaz, "observer status at the CSTO Parliamentary Assembly.") == [
        ("CSTO Parliamentary Assembly", "CSTO_Parliamentary_Assembly", "name")]
    text = "the Parliamentary Assembly of the Collective Security Treaty Organization met"
    assert found(gaz, text) == [(text[4:-4], "CSTO_Parliamentary_Assembly", "name")]


def test_gazetteer_find_all_generated_body_variants(gaz):
    text = "units of the CSTO’s Collective Rapid-Deployment Forces and the CSTO peacemaking forces"
    assert [(t, k) for t, k, _ in found(gaz, text)] == [
        ("CSTO’s Collective Rapid-Deployment Forces", "CSTO_Collective_Rapid_Reaction_Forces"),
        ("CSTO peacemaking forces", "CSTO_Collective_Peacekeeping_Forces"),
    ]
    assert found(gaz, "the Security Council of the United Nations")[0][1] == "UN_Security_Council"
    assert found(gaz, "U.N. Security Council")[0][1] == "UN_Security_Council"
    assert found(gaz, "the Permanent Council of OSCE")[0][1] == "OSCE_Permanent_Council"


def test_gazetteer_find_all_possessive_span_covers_only_the_name(gaz):
    text = "It is in Serbia’s interest and Serbia's too"
    matches = gaz.find_all(text)
    assert [(m.text, m.start, m.end) for m in matches] == [("Serbia", 9, 15), ("Serbia", 31, 37)]
    assert all(text[m.start:m.end] == m.text for m in matches)


def test_gazetteer_find_all_adjectives_and_hyphenated_compounds(gaz):
    assert found(gaz, "the Russian-Serbian trade") == [
        ("Russian", "Russia", "adjective"), ("Serbian", "Serbia", "adjective")]
    assert found(gaz, "Iranian officials") == [("Iranian", "Iran", "adjective")]


def test_gazetteer_find_all_never_matches_inside_words(gaz):
    assert found(gaz, "Romania") == [("Romania", "Romania", "name")]
    assert found(gaz, "Iranians and Omanis") == [
        ("Iranians", "Iran", "adjective"), ("Omanis", "Oman", "adjective")]
    assert found(gaz, "NATOs EUROPEAN") == []


def test_gazetteer_find_all_is_case_sensitive(gaz):
    assert found(gaz, "a roast turkey") == []
    assert found(gaz, "Turkey said") == [("Turkey", "Turkey", "name")]
    assert found(gaz, "nato and Eu") == []
    assert found(gaz, "MOSCOW, December 19") == [("MOSCOW", "Moscow", "name")]


def test_gazetteer_find_all_diacritics_and_line_breaks(gaz):
    assert found(gaz, "in Cote d'Ivoire")[0][1] == "Ivory_Coast"
    assert found(gaz, "in Côte d’Ivoire")[0][1] == "Ivory_Coast"
    text = "the Collective Security\nTreaty Organization"
    assert found(gaz, text) == [(text[4:], "CSTO", "name")]


def test_gazetteer_find_all_ambiguous_names_need_no_glued_capitalised_word(gaz):
    assert found(gaz, "Jordan Peterson spoke") == []
    assert found(gaz, "said Michael Jordan") == []
    assert found(gaz, "based in Atlanta, Georgia") == []
    assert found(gaz, "However, Georgia said")[0][1] == "Georgia"
    assert found(gaz, "on New Guinea island") == []
    assert [k for _, k, _ in found(gaz, "Russia, Georgia and Ukraine")] == ["Russia", "Georgia", "Ukraine"]
    assert found(gaz, "In Georgia, troops")[0][1] == "Georgia"
    assert found(gaz, "the King of Jordan said")[0][1] == "Jordan"
    assert found(gaz, "President of Chad Idriss Deby")[0][1] == "Chad"
    assert found(gaz, "Papua New Guinea")[0][1] == "Papua_New_Guinea"
    assert found(gaz, "Republic of Georgia Tech")[0][1] == "Georgia"
    assert found(gaz, "William Hague said") == []
    assert found(gaz, "Paris; George Washington said")[1:] == []
    assert found(gaz, "met in the Hague.") == [("Hague", "The_Hague", "name")]
    assert found(gaz, "Atlanta, Georgia") == []


def test_gazetteer_find_all_city_named_like_state_does_not_shadow_it(gaz):
    assert found(gaz, "in Kuwait") == [("Kuwait", "Kuwait", "name")]
    assert found(gaz, "in Kuwait City") == [("Kuwait City", "Kuwait_City", "name")]
    assert found(gaz, "Mexico City and Mexico")[0][1] == "Mexico_City"


def test_gazetteer_find_all_offsets_point_into_original_text(gaz):
    text = "Vučić met Đukanović in Chișinău with the OSCE."
    for m in gaz.find_all(text):
        assert text[m.start:m.end] == m.text
    assert [m.entity.key for m in gaz.find_all(text)] == ["Chisinau", "OSCE"]


# ---------------------------------------------------------------- validation


def write(d: Path, name: str, text: str) -> None:
    (d / name).write_text(text, encoding="utf-8")


def test_gazetteer_load_small_directory(tmp_path):
    write(tmp_path, "states.csv", "key,label,aliases,adjectives,qid,capital,status,ambiguous\n"
                                  "Serbia,Serbia,Republic of Serbia,Serbian,Q403,Belgrade,un_member,\n")
    write(tmp_path, "places.csv", "key,label,aliases,type,country,qid,ambiguous\n"
                                  "Belgrade,Belgrade,Beograd,City,Serbia,,\n")
    write(tmp_path, "organizations.csv", "key,label,aliases,type,qid,part_of,generic_name,ambiguous\n"
                                         "CSTO,CSTO,,MilitaryAlliance,,,,\n"
                                         "CSTO_Secretariat,CSTO Secretariat,,,,CSTO,Secretariat,\n")
    g = Gazetteer.load(tmp_path)
    assert isinstance(g.get("Serbia"), Entity)
    assert {e.key for e in g.entities()} == {"Serbia", "Belgrade", "CSTO", "CSTO_Secretariat"}
    assert found(g, "the Secretariat of the CSTO in Beograd") == [
        ("Secretariat of the CSTO", "CSTO_Secretariat", "name"), ("Beograd", "Belgrade", "name")]


def test_gazetteer_load_reports_every_problem_at_once(tmp_path):
    write(tmp_path, "states.csv", "key,label,aliases,adjectives,qid,capital,status,ambiguous\n"
                                  "Serbia,Serbia,,Serbian,403,Nowhere,un_member,\n"
                                  "Serbia,Serbia,,,,,,\n"
                                  "Montenegro,Montenegro,,Serbian,Q236,,member,\n"
                                  "Wrong_Key,Something Else,,,,,,\n")
    write(tmp_path, "places.csv", "key,label,aliases,type,country,qid,ambiguous\n"
                                  "Belgrade,Belgrade,,Town,Atlantis,,\n")
    write(tmp_path, "organizations.csv", "key,label,aliases,type,qid,part_of,generic_name,ambiguous\n"
                                         "CSTO,CSTO,,Alliance,,,,\n"
                                         "CSTO_PA,CSTO PA,,,,Nothing,Parliamentary Assembly,PA\n")
    write(tmp_path, "towns.csv", "key,label\n")
    with pytest.raises(DataFileError) as err:
        Gazetteer.load(tmp_path)
    msg = str(err.value)
    for expected in (
        "towns.csv: unknown file",
        "bad QID '403'",
        "capital 'Nowhere' is not a known key",
        "duplicate key 'Serbia'",
        "unknown status 'member'",
        "key 'Wrong_Key' is not the slug of its label",
        "unknown type 'Town'",
        "country 'Atlantis' is not a known key",
        "unknown type 'Alliance'",
        "part_of 'Nothing' is not a known key",
        "ambiguous name 'PA' is not one of its names",
        "name 'Serbian' of 'Montenegro' is also a name of 'Serbia'",
    ):
        assert expected in msg, expected
    assert "12 problem(s)" in msg


def test_gazetteer_load_shared_ambiguous_name_is_never_matched(tmp_path):
    write(tmp_path, "states.csv",
          "key,label,aliases,adjectives,qid,capital,status,ambiguous\n"
          "Republic_of_the_Congo,Republic of the Congo,Congo,,,,un_member,Congo\n"
          "Democratic_Republic_of_the_Congo,Democratic Republic of the Congo,Congo,,,,un_member,Congo\n")
    g = Gazetteer.load(tmp_path)
    assert g.lookup("Congo") is None
    assert found(g, "in Congo") == []
    assert found(g, "the Republic of the Congo")[0][1] == "Republic_of_the_Congo"


def test_gazetteer_load_link_to_wrong_kind_is_reported(tmp_path):
    write(tmp_path, "states.csv", "key,label,capital\nSerbia,Serbia,Serbia\n")
    with pytest.raises(DataFileError, match="capital 'Serbia' is a state, not a place"):
        Gazetteer.load(tmp_path)


def test_gazetteer_find_all_is_linear_and_fast(gaz):
    """A generous guard, not a benchmark: a megabyte of news prose in well under the bound."""
    import time

    text = ("Serbia's President met the CSTO Secretary General in Belgrade; Russian and Belarusian "
            "officials, the OSCE and the Parliamentary Assembly of the CSTO took part. ") * 6000
    t0 = time.perf_counter()
    matches = gaz.find_all(text)
    assert time.perf_counter() - t0 < 10
    assert len(matches) == 7 * 6000


def test_acronym_that_is_a_word_needs_context():
    """"WHO IS IN BRICS NOW" (a heading in capitals) names no World Health Organization; "the WHO said" does."""
    from kg.gazetteer import Gazetteer
    g = Gazetteer.load()
    assert [m.entity.key for m in g.find_all("WHO IS IN BRICS NOW")] == ["BRICS"]
    assert [m.entity.key for m in g.find_all("The WHO said on Monday.")] == ["World_Health_Organization"]
