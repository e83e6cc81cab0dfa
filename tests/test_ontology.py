"""The ontology: contract terms exist with the right types, and OWL 2 RL gives the intended inferences.

Reasoning tests are named after the OWL 2 RL rule they exercise (owlrl implements them).
"""

from __future__ import annotations

import owlrl
import pytest
from rdflib import OWL, RDF, RDFS, Graph, URIRef
from rdflib.collection import Collection

from kg.namespaces import AKG, ERR, ORG, PROV
from kg.ontology import load_ontology, ontology_path, rules_dir, shapes_path

ONTOLOGY_IRI = URIRef("https://w3id.org/alliance-kg/ontology")

# Core vocabulary of CONTRACT.md, with the rdf:type each term must have.
CONTRACT_CLASSES = [
    "Actor", "State", "Organization", "Person", "MilitaryAlliance", "Place",
    "Event", "Meeting", "Talks", "MilitaryExercise", "Agreement", "Election", "Forum",
    "Membership", "MembershipStatus", "Post", "MilitarilyNeutralState", "Document",
    "Contradiction", "Role",
]
CONTRACT_STATUSES = ["FullMember", "Observer", "Partner", "Suspended", "Former"]
CONTRACT_ROLES = [
    "President", "PrimeMinister", "SecretaryGeneral", "ForeignMinister",
    "DefenceMinister", "InteriorMinister", "Spokesperson",
]
CONTRACT_OBJECT_PROPERTIES = [
    "member", "organization", "status", "memberOf", "observerOf", "partnerOf",
    "affiliatedWith", "hasMember", "partOf", "participant", "location",
    "holder", "role", "postIn", "concerns",
]
CONTRACT_DATATYPE_PROPERTIES = ["startDate", "endDate", "date", "former", "planned", "evidence"]
CONTRACT_SUBCLASSES = [
    ("State", "Actor"), ("Organization", "Actor"), ("Person", "Actor"),
    ("MilitaryAlliance", "Organization"), ("MilitarilyNeutralState", "State"),
    ("Meeting", "Event"), ("Talks", "Event"), ("MilitaryExercise", "Event"),
    ("Agreement", "Event"), ("Election", "Event"), ("Forum", "Event"),
]

DATA = """
@prefix akg: <https://w3id.org/alliance-kg/ontology#> .
@prefix st:  <https://w3id.org/alliance-kg/id/state/> .
@prefix org: <https://w3id.org/alliance-kg/id/org/> .
@prefix pe:  <https://w3id.org/alliance-kg/id/person/> .
@prefix pl:  <https://w3id.org/alliance-kg/id/place/> .
@prefix ev:  <https://w3id.org/alliance-kg/id/event/> .
@prefix f:   <https://w3id.org/alliance-kg/id/fact/a/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

st:Russia a akg:State ; akg:memberOf org:CSTO ; akg:capital pl:Moscow .
st:Serbia a akg:State , akg:MilitarilyNeutralState ; akg:observerOf org:CSTO_Parliamentary_Assembly .
org:CSTO a akg:MilitaryAlliance .
org:CSTO_Parliamentary_Assembly a akg:Organization ; akg:partOf org:CSTO .
org:CSTO_PA_Council akg:partOf org:CSTO_Parliamentary_Assembly .
pe:Nikolai_Bordyuzha a akg:Person .
pl:Moscow a akg:City .
f:m-1 a akg:Membership ; akg:member st:Russia ; akg:organization org:CSTO ; akg:status akg:FullMember ;
    akg:startDate "2002-10"^^xsd:gYearMonth ; akg:evidence "Russia is a member of the CSTO." ;
    akg:evidenceStart 0 ; akg:evidenceEnd 31 ; akg:extractedBy "membership-1" .
f:p-1 a akg:Post ; akg:holder pe:Nikolai_Bordyuzha ; akg:role akg:SecretaryGeneral ; akg:postIn org:CSTO ;
    akg:former true ; akg:attestedOn "2017"^^xsd:gYear .
ev:Meeting_1 a akg:Meeting ; akg:participant pe:Nikolai_Bordyuzha , st:Serbia ;
    akg:location st:Serbia ; akg:date "2017-09-04"^^xsd:date ; akg:planned false .
f:n-1 a akg:NeutralityStatement ; akg:neutralState st:Serbia .
"""

ST = "https://w3id.org/alliance-kg/id/state/"
ORGS = "https://w3id.org/alliance-kg/id/org/"


def _closure(data: str) -> Graph:
    graph = load_ontology()
    graph.parse(data=data, format="turtle")
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    return graph


def _errors(graph: Graph) -> list[str]:
    return [str(graph.value(node, ERR.error)) for node in graph.subjects(RDF.type, ERR.ErrorMessage)]


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return load_ontology()


@pytest.fixture(scope="module")
def inferred() -> Graph:
    return _closure(DATA)


# --- files and loading -------------------------------------------------------


def test_ontology_files_are_packaged():
    assert ontology_path().name == "akg.ttl" and ontology_path().is_file()
    assert shapes_path().name == "shapes.ttl" and shapes_path().is_file()
    assert rules_dir().name == "rules" and rules_dir().parent == ontology_path().parent


def test_ontology_parses_with_its_iri(ontology):
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology
    assert len(ontology) > 300


def test_ontology_load_returns_fresh_copy():
    first = load_ontology()
    first.remove((None, None, None))
    assert len(load_ontology()) > 300


# --- the contract's terms ----------------------------------------------------


@pytest.mark.parametrize("name", CONTRACT_CLASSES)
def test_ontology_contract_class_exists(ontology, name):
    assert (AKG[name], RDF.type, OWL.Class) in ontology


@pytest.mark.parametrize("name", CONTRACT_STATUSES)
def test_ontology_contract_status_is_membership_status(ontology, name):
    assert (AKG[name], RDF.type, AKG.MembershipStatus) in ontology
    assert (AKG[name], RDF.type, OWL.NamedIndividual) in ontology


@pytest.mark.parametrize("name", CONTRACT_ROLES)
def test_ontology_contract_role_is_role(ontology, name):
    assert (AKG[name], RDF.type, AKG.Role) in ontology
    assert (AKG[name], RDF.type, OWL.NamedIndividual) in ontology


@pytest.mark.parametrize("name", CONTRACT_OBJECT_PROPERTIES)
def test_ontology_contract_object_property_exists(ontology, name):
    assert (AKG[name], RDF.type, OWL.ObjectProperty) in ontology


@pytest.mark.parametrize("name", CONTRACT_DATATYPE_PROPERTIES)
def test_ontology_contract_datatype_property_exists(ontology, name):
    assert (AKG[name], RDF.type, OWL.DatatypeProperty) in ontology


@pytest.mark.parametrize(("sub", "sup"), CONTRACT_SUBCLASSES)
def test_ontology_contract_subclass_axiom(ontology, sub, sup):
    assert (AKG[sub], RDFS.subClassOf, AKG[sup]) in ontology


@pytest.mark.parametrize("name", ["memberOf", "observerOf", "partnerOf"])
def test_ontology_shortcuts_are_subproperties_of_affiliated_with(ontology, name):
    assert (AKG[name], RDFS.subPropertyOf, AKG.affiliatedWith) in ontology


def test_ontology_every_akg_term_has_label_and_comment(ontology):
    terms = {s for s in ontology.subjects() if isinstance(s, URIRef) and s.startswith(str(AKG))}
    assert len(terms) > 60
    missing = sorted(
        str(t)
        for t in terms
        if ontology.value(t, RDFS.label) is None or ontology.value(t, RDFS.comment) is None
    )
    assert missing == []


def test_ontology_every_akg_term_is_declared(ontology):
    """Every akg: IRI used anywhere in the ontology is a declared class, property or individual."""
    used = {n for t in ontology for n in t if isinstance(n, URIRef) and n.startswith(str(AKG))}
    declared = set(ontology.subjects(RDF.type, None))
    assert sorted(str(u) for u in used - declared) == []


def test_ontology_part_of_is_transitive(ontology):
    assert (AKG.partOf, RDF.type, OWL.TransitiveProperty) in ontology


@pytest.mark.parametrize(
    ("inverse", "prop"),
    [
        ("hasMember", "memberOf"),
        ("hasObserver", "observerOf"),
        ("hasPartner", "partnerOf"),
        ("hasBody", "partOf"),
    ],
)
def test_ontology_inverse_properties(ontology, inverse, prop):
    assert (AKG[inverse], OWL.inverseOf, AKG[prop]) in ontology


def test_ontology_statuses_are_pairwise_different(ontology):
    lists = [ontology.value(n, OWL.distinctMembers) for n in ontology.subjects(RDF.type, OWL.AllDifferent)]
    groups = [set(Collection(ontology, head)) for head in lists]
    statuses = set(ontology.subjects(RDF.type, AKG.MembershipStatus))
    assert any(statuses <= group for group in groups)


def test_ontology_alignments(ontology):
    assert (AKG.Membership, RDFS.subClassOf, ORG.Membership) in ontology
    assert (AKG.memberOf, RDFS.subPropertyOf, ORG.memberOf) in ontology
    assert (AKG.partOf, RDFS.subPropertyOf, ORG.subOrganizationOf) in ontology
    assert (AKG.Organization, RDFS.subClassOf, ORG.Organization) in ontology
    assert (AKG.Document, RDFS.subClassOf, PROV.Entity) in ontology
    assert (AKG.Actor, RDFS.subClassOf, PROV.Agent) in ontology


def test_ontology_wikidata_only_as_annotations(ontology):
    """Wikidata classes never enter subClassOf/equivalentClass, so reasoning does not multiply types."""
    wd = "http://www.wikidata.org/entity/"
    for predicate in (RDFS.subClassOf, OWL.equivalentClass, OWL.sameAs):
        assert not [o for o in ontology.objects(None, predicate) if str(o).startswith(wd)]


def test_ontology_date_properties_have_no_range(ontology):
    """Mixed-precision dates have no RL range; a wrong one would make good data inconsistent."""
    for name in ("date", "startDate", "endDate", "attestedOn"):
        assert ontology.value(AKG[name], RDFS.range) is None


def test_ontology_location_has_no_range(ontology):
    assert ontology.value(AKG.location, RDFS.range) is None


# --- OWL 2 RL inferences (owlrl) ---------------------------------------------


def test_owlrl_consistent_data_gives_no_error(inferred):
    assert _errors(inferred) == []


def test_owlrl_prp_inv1_has_member(inferred):
    assert (URIRef(ORGS + "CSTO"), AKG.hasMember, URIRef(ST + "Russia")) in inferred


def test_owlrl_prp_inv2_has_body(inferred):
    assert (URIRef(ORGS + "CSTO"), AKG.hasBody, URIRef(ORGS + "CSTO_Parliamentary_Assembly")) in inferred


def test_owlrl_prp_trp_part_of(inferred):
    assert (URIRef(ORGS + "CSTO_PA_Council"), AKG.partOf, URIRef(ORGS + "CSTO")) in inferred


def test_owlrl_cax_sco_military_alliance_is_organization(inferred):
    assert (URIRef(ORGS + "CSTO"), RDF.type, AKG.Organization) in inferred
    assert (URIRef(ORGS + "CSTO"), RDF.type, AKG.Actor) in inferred


def test_owlrl_prp_spo1_member_of_is_affiliated_with(inferred):
    assert (URIRef(ST + "Russia"), AKG.affiliatedWith, URIRef(ORGS + "CSTO")) in inferred
    assert (URIRef(ST + "Russia"), ORG.memberOf, URIRef(ORGS + "CSTO")) in inferred


def test_owlrl_prp_spo2_affiliated_through_body(inferred):
    """An observer of the CSTO Parliamentary Assembly is affiliated with the CSTO."""
    assert (URIRef(ST + "Serbia"), AKG.affiliatedWith, URIRef(ORGS + "CSTO")) in inferred


def test_owlrl_prp_spo2_does_not_make_observer_a_member(inferred):
    assert (URIRef(ST + "Serbia"), AKG.memberOf, URIRef(ORGS + "CSTO")) not in inferred


def test_owlrl_prp_dom_part_of_types_body(inferred):
    assert (URIRef(ORGS + "CSTO_PA_Council"), RDF.type, AKG.Organization) in inferred


def test_owlrl_prp_rng_location_does_not_type_state_as_place(inferred):
    assert (URIRef(ST + "Serbia"), RDF.type, AKG.Place) not in inferred


def test_owlrl_cax_sco_fact_is_prov_entity(inferred):
    fact = URIRef("https://w3id.org/alliance-kg/id/fact/a/m-1")
    assert (fact, RDF.type, PROV.Entity) in inferred
    assert (fact, RDF.type, ORG.Membership) in inferred


def test_owlrl_no_wikidata_types(inferred):
    wd = "http://www.wikidata.org/entity/"
    assert not [o for o in inferred.objects(URIRef(ST + "Russia"), RDF.type) if str(o).startswith(wd)]


PREFIXES = "@prefix akg: <https://w3id.org/alliance-kg/ontology#> . @prefix x: <http://example.org/> .\n"


def test_owlrl_cax_adc_state_and_person_is_an_error():
    errors = _errors(_closure(PREFIXES + "x:a a akg:State , akg:Person ."))
    assert errors and "State" in errors[0] and "Person" in errors[0]


def test_owlrl_cax_dw_place_and_person_is_an_error():
    assert _errors(_closure(PREFIXES + "x:a a akg:City , akg:Person ."))


def test_owlrl_prp_fp_eq_diff2_two_statuses_is_an_error():
    """akg:status is functional and the statuses are all different, so two statuses clash."""
    errors = _errors(_closure(PREFIXES + "x:m a akg:Membership ; akg:status akg:FullMember , akg:Observer ."))
    assert errors
