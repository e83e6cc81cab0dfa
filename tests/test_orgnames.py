"""Organizations the gazetteer does not list (kg/extract/orgnames.py, kg/data/org_names.json).

Each example of the data file must give exactly its name, each counter-example nothing; an
acronym defined in brackets names the organization later in the article; the organization
reaches the graph with its label, type and acronym.
"""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from kg.dates import PartialDate
from kg.extract.document import extract_document
from kg.extract.lexicon import load_data
from kg.extract.orgnames import UnlistedOrgs
from kg.gazetteer import Gazetteer
from kg.graph.rdf import entities_graph
from kg.model import Membership

PUB = PartialDate.parse("2024-05-23")
ORG = "https://w3id.org/alliance-kg/id/org/"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def names(text: str, gaz: Gazetteer) -> list[str]:
    return [text[s:e] for s, e, _ in UnlistedOrgs().find(text, gaz.find_all(text))]


@pytest.mark.parametrize("example", load_data("org_names.json")["examples"])
def test_example_names_its_organization(example: str, gaz: Gazetteer) -> None:
    text, name = example.split(" => ")
    found = UnlistedOrgs().find(text, gaz.find_all(text))
    assert [text[s:e] for s, e, _ in found][:1] == [name]
    # anything else found is the acronym the example defines ("... Organization (ECO)")
    assert all(text[s:e] in ref.aliases for s, e, ref in found[1:])


@pytest.mark.parametrize("text", load_data("org_names.json")["counter_examples"])
def test_counter_example_names_none(text: str, gaz: Gazetteer) -> None:
    assert names(text, gaz) == []


def test_heads_are_needed(gaz: Gazetteer, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without its head nouns the recognizer finds nothing: the word list is what it reads."""
    from kg.extract import orgnames
    data = dict(load_data("org_names.json"), heads=["Nothing"])
    orgnames.org_name_words.cache_clear()
    monkeypatch.setattr(orgnames, "load_data", lambda name: data)
    try:
        assert names("Deputies of the Baltic Assembly met in Riga.", gaz) == []
    finally:
        orgnames.org_name_words.cache_clear()


def test_listed_organization_is_left_to_the_gazetteer(gaz: Gazetteer) -> None:
    assert names("Somalia joined the East African Community (EAC) in March 2024.", gaz) == []


def test_headline_in_title_case_is_not_a_name(gaz: Gazetteer) -> None:
    assert names("Kenya Joins Indian Ocean Rim Association After Long Wait", gaz) == []


def test_acronym_names_the_organization_later(gaz: Gazetteer) -> None:
    text = ("Kenya joined the Nile Basin Initiative (NBI) in 1999. "
            "Eritrea is also a member of NBI.")
    doc = extract_document("t", text, [(0, len(text))], PUB, gaz)
    got = {(m.member.key, m.organization.key, str(m.start or "")) for m in doc.of(Membership)}
    org = "Nile_Basin_Initiative"
    assert got == {("Kenya", org, "1999"), ("Eritrea", org, "")}


def test_spelling_variants_share_one_iri(gaz: Gazetteer) -> None:
    a = UnlistedOrgs().find("Iran hosts the Asian Co-operation Organisation (ACO).", [])
    b = UnlistedOrgs().find("Iran hosts the Asian Cooperation Organization (ACO).", [])
    assert a[0][2].key == b[0][2].key == "Asian_Cooperation_Organization"


def test_unlisted_organization_in_the_entities_graph(gaz: Gazetteer) -> None:
    text = "Samoa belongs to the Polynesian Leaders Group (PLG), which also includes Tonga."
    doc = extract_document("t", text, [(0, len(text))], PUB, gaz)
    g = entities_graph(doc.entities.values(), gaz, URIRef("urn:x"))
    node = URIRef(ORG + "Polynesian_Leaders_Group")
    assert (node, RDFS.label, Literal("Polynesian Leaders Group")) in g
    assert (node, SKOS.altLabel, Literal("PLG")) in g
    assert (node, RDF.type, URIRef("https://w3id.org/alliance-kg/ontology#Organization")) in g
    assert {m.member.key for m in doc.of(Membership)} == {"Samoa", "Tonga"}
