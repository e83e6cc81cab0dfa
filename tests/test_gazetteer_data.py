"""Integrity of the packaged gazetteer data (kg/data/gazetteer/*.csv)."""

import csv
import re
from collections import Counter

import pytest

from kg.gazetteer import DEFAULT_DIR, Gazetteer, slugify

# The 193 member states of the United Nations, as gazetteer keys; written out here
# independently of the data so a typo or a lost row in states.csv shows up.
UN_MEMBERS = """
Afghanistan Albania Algeria Andorra Angola Antigua_and_Barbuda Argentina Armenia Australia Austria
Azerbaijan Bahamas Bahrain Bangladesh Barbados Belarus Belgium Belize Benin Bhutan Bolivia
Bosnia_and_Herzegovina Botswana Brazil Brunei Bulgaria Burkina_Faso Burundi Cambodia Cameroon Canada
Cape_Verde Central_African_Republic Chad Chile China Colombia Comoros Republic_of_the_Congo Costa_Rica
Ivory_Coast Croatia Cuba Cyprus Czech_Republic North_Korea Democratic_Republic_of_the_Congo Denmark
Djibouti Dominica Dominican_Republic Ecuador Egypt El_Salvador Equatorial_Guinea Eritrea Estonia
Eswatini Ethiopia Fiji Finland France Gabon Gambia Georgia Germany Ghana Greece Grenada Guatemala
Guinea Guinea-Bissau Guyana Haiti Honduras Hungary Iceland India Indonesia Iran Iraq Ireland Israel
Italy Jamaica Japan Jordan Kazakhstan Kenya Kiribati Kuwait Kyrgyzstan Laos Latvia Lebanon Lesotho
Liberia Libya Liechtenstein Lithuania Luxembourg Madagascar Malawi Malaysia Maldives Mali Malta
Marshall_Islands Mauritania Mauritius Mexico Federated_States_of_Micronesia Monaco Mongolia Montenegro
Morocco Mozambique Myanmar Namibia Nauru Nepal Netherlands New_Zealand Nicaragua Niger Nigeria
North_Macedonia Norway Oman Pakistan Palau Panama Papua_New_Guinea Paraguay Peru Philippines Poland
Portugal Qatar South_Korea Moldova Romania Russia Rwanda Saint_Kitts_and_Nevis Saint_Lucia
Saint_Vincent_and_the_Grenadines Samoa San_Marino Sao_Tome_and_Principe Saudi_Arabia Senegal Serbia
Seychelles Sierra_Leone Singapore Slovakia Slovenia Solomon_Islands Somalia South_Africa South_Sudan
Spain Sri_Lanka Sudan Suriname Sweden Switzerland Syria Tajikistan Thailand Timor-Leste Togo Tonga
Trinidad_and_Tobago Tunisia Turkey Turkmenistan Tuvalu Uganda Ukraine United_Arab_Emirates
United_Kingdom Tanzania United_States Uruguay Uzbekistan Vanuatu Venezuela Vietnam Yemen Zambia Zimbabwe
""".split()


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def rows(name: str) -> list[dict[str, str]]:
    with (DEFAULT_DIR / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(ln for ln in fh if not ln.startswith("#")))


def test_gazetteer_data_un_member_list_has_193_distinct_keys():
    assert len(UN_MEMBERS) == len(set(UN_MEMBERS)) == 193


def test_gazetteer_data_all_193_un_members_present(gaz):
    members = {e.key for e in gaz.entities() if e.kind == "state" and e.status == "un_member"}
    assert members == set(UN_MEMBERS)


def test_gazetteer_data_observers_and_disputed_states_present(gaz):
    for key in ("Vatican_City", "Palestine", "Kosovo", "Taiwan"):
        assert gaz.get(key).kind == "state"
    assert gaz.lookup("Holy See").key == "Vatican_City"


def test_gazetteer_data_keys_unique_across_files():
    keys = [r["key"] for name in ("states.csv", "organizations.csv", "places.csv") for r in rows(name)]
    assert [k for k, n in Counter(keys).items() if n > 1] == []


def test_gazetteer_data_keys_are_label_slugs(gaz):
    assert [e.key for e in gaz.entities() if e.key != slugify(e.label)] == []


def test_gazetteer_data_every_capital_resolves_to_a_city_of_that_state(gaz):
    """Historical states share their capital with a successor (Moscow, Belgrade)."""
    for e in gaz.entities():
        if e.kind == "state" and e.capital:
            capital = gaz.get(e.capital)
            assert capital.kind == "place", e.key
            assert capital.country == e.key or e.status == "historical", e.key


def test_gazetteer_data_every_un_member_has_capital_except_city_states(gaz):
    missing = {e.key for e in gaz.entities() if e.status == "un_member" and not e.capital}
    assert missing == {"Monaco", "Singapore"}


def test_gazetteer_data_every_part_of_and_country_resolves(gaz):
    for e in gaz.entities():
        if e.part_of:
            assert gaz.get(e.part_of).kind == "org", e.key
        if e.kind == "place":
            assert e.country and gaz.get(e.country).kind == "state", e.key


def test_gazetteer_data_qids_well_formed_and_unique(gaz):
    qids = [e.qid for e in gaz.entities() if e.qid]
    assert all(re.fullmatch(r"Q[1-9][0-9]*", q) for q in qids)
    assert len(qids) == len(set(qids))


def test_gazetteer_data_known_qids(gaz):
    expected = {"Serbia": "Q403", "Russia": "Q159", "Armenia": "Q399", "Belarus": "Q184",
                "Kazakhstan": "Q232", "Kyrgyzstan": "Q813", "Tajikistan": "Q863", "Afghanistan": "Q889"}
    assert {k: gaz.get(k).qid for k in expected} == expected


def test_gazetteer_data_military_alliances(gaz):
    alliances = {e.key for e in gaz.entities() if "MilitaryAlliance" in e.types}
    assert {"NATO", "CSTO"} <= alliances
    assert "European_Union" not in alliances and "AUKUS" not in alliances


def test_gazetteer_data_seed_gold_aliases_resolve(gaz):
    """Every name the seed gold uses for a gazetteer entity resolves to one entity."""
    groups = {
        "CSTO": ["Collective Security Treaty Organization", "Collective Security Treaty Organisation",
                 "CSTO", "ODKB"],
        "CSTO_Parliamentary_Assembly": [
            "CSTO Parliamentary Assembly", "Parliamentary Assembly of the CSTO",
            "Parliamentary Assembly of the Collective Security Treaty Organization", "PA CSTO"],
        "NATO": ["NATO", "North Atlantic Treaty Organization", "North Atlantic Alliance"],
        "OSCE": ["OSCE", "Organization for Security and Co-operation in Europe",
                 "Organization for Security and Cooperation in Europe"],
        "European_Union": ["European Union", "EU"],
        "Russia": ["Russia", "Russian Federation"],
        "Kyrgyzstan": ["Kyrgyzstan", "Kyrgyz Republic"],
        "Belgrade": ["Belgrade", "Beograd"],
        "Moscow": ["Moscow"],
        "Kyiv": ["Kiev", "Kyiv"],
    }
    for key, names in groups.items():
        for name in names:
            assert (gaz.lookup(name) or gaz.get("Serbia")).key == key, name


def test_gazetteer_data_every_label_and_alias_matches_in_text(gaz):
    """Every written name is found, as itself, in a neutral sentence (ambiguous ones count after "in")."""
    for e in gaz.entities():
        for name in e.names:
            text = f"Talks were held in {name} today."
            keys = [m.entity.key for m in gaz.find_all(text)]
            assert keys == [e.key], (e.key, keys)


def test_gazetteer_data_readme_documents_every_column():
    from kg.gazetteer_data import COLUMNS

    readme = (DEFAULT_DIR / "README.md").read_text(encoding="utf-8")
    missing = {c for cols in COLUMNS.values() for c in cols if f"`{c}`" not in readme}
    assert missing == set()


def test_every_capital_of_the_states_file_is_a_place_and_stands_for_its_state():
    """The capital column holds a key ("Addis_Ababa"); a capital with a space in its name was lost when it was
    looked up as a name (regression: "Addis Ababa joined the SCO" gave nothing)."""
    from kg.extract.gazetteer_maps import capitals_of

    gaz = Gazetteer.load()
    caps = capitals_of(gaz)
    for state in gaz.entities():
        if state.kind == "state" and state.capital:
            assert gaz.get(state.capital).kind == "place", state.key
            assert state.capital in caps, state.key
    assert caps["Addis_Ababa"].key == "Ethiopia"
