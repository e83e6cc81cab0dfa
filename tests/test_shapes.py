"""SHACL shapes of document graphs, run through kg.graph.shapes.validate."""

from __future__ import annotations

import pytest
from rdflib import RDF, Dataset, Graph, Literal, URIRef

from kg.dates import PartialDate
from kg.graph.shapes import ShapeReport, validate, validate_documents
from kg.namespaces import AKG, DOC, ENTITIES_GRAPH, ID
from kg.namespaces import PROV as PROV_NS

HEAD = """
@prefix akg:  <https://w3id.org/alliance-kg/ontology#> .
@prefix st:   <https://w3id.org/alliance-kg/id/state/> .
@prefix org:  <https://w3id.org/alliance-kg/id/org/> .
@prefix pe:   <https://w3id.org/alliance-kg/id/person/> .
@prefix pl:   <https://w3id.org/alliance-kg/id/place/> .
@prefix ev:   <https://w3id.org/alliance-kg/id/event/> .
@prefix f:    <https://w3id.org/alliance-kg/id/fact/a/> .
@prefix doc:  <https://w3id.org/alliance-kg/doc/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd:  <http://www.w3.org/2001/XMLSchema#> .
"""
PROV = (
    'akg:evidence "A sentence." ; akg:evidenceStart 10 ; akg:evidenceEnd 21 ; '
    'akg:extractedBy "rule-1" ; prov:wasDerivedFrom doc:a'
)
MEMBERSHIP = f"""
f:m-1 a akg:Membership ; akg:member st:Russia ; akg:organization org:CSTO ; akg:status akg:FullMember ;
    akg:startDate "2002-10"^^xsd:gYearMonth ; {PROV} .
"""
POST = f"""
f:p-1 a akg:Post ; akg:holder pe:Nikolai_Bordyuzha ; akg:role akg:SecretaryGeneral ; akg:postIn org:CSTO ;
    akg:former true ; akg:attestedOn "2017-09-05"^^xsd:date ; {PROV} .
"""
EVENT = f"""
ev:Indestructible_Brotherhood_2017 a akg:MilitaryExercise ; akg:participant st:Serbia , org:CSTO ;
    akg:location pl:Pskov ; akg:date "2017"^^xsd:gYear ; akg:planned true ; {PROV} .
"""
OTHERS = f"""
f:n-1 a akg:NonMembership ; akg:member st:Serbia ; akg:organization org:CSTO ; {PROV} .
f:s-1 a akg:NeutralityStatement ; akg:neutralState st:Serbia ; {PROV} .
st:Serbia a akg:MilitarilyNeutralState .
doc:a a akg:Document ; dcterms:title "A title" ; dcterms:date "2017-09-05"^^xsd:date .
"""


def _graph(*parts: str) -> Graph:
    return Graph().parse(data=HEAD + "\n".join(parts), format="turtle")


def _messages(report: ShapeReport) -> list[str]:
    return [str(v) for v in report.errors()]


def test_shapes_well_formed_document_conforms():
    report = validate(_graph(MEMBERSHIP, POST, EVENT, OTHERS))
    assert report.conforms, report.text()
    assert report.violations == []


@pytest.mark.parametrize("part", [MEMBERSHIP, POST, EVENT, OTHERS])
def test_shapes_each_well_formed_fact_conforms(part):
    report = validate(_graph(part))
    assert report.conforms, report.text()


def test_shapes_membership_missing_evidence_is_reported():
    report = validate(_graph(MEMBERSHIP.replace('akg:evidence "A sentence." ;', "")))
    assert not report.conforms
    [violation] = report.errors()
    assert violation.focus_node == URIRef("https://w3id.org/alliance-kg/id/fact/a/m-1")
    assert violation.path == "akg:evidence"
    assert "exactly one akg:evidence" in violation.message
    assert str(violation).startswith("Violation: id:fact/a/m-1 akg:evidence:")


def test_shapes_membership_two_statuses_is_reported():
    report = validate(_graph(MEMBERSHIP.replace("akg:FullMember", "akg:FullMember , akg:Observer")))
    assert not report.conforms
    assert [v.path for v in report.errors()] == ["akg:status"]
    assert "exactly one akg:status" in report.errors()[0].message


def test_shapes_membership_unknown_status_is_reported():
    report = validate(_graph(MEMBERSHIP.replace("akg:FullMember", "akg:Member")))
    assert not report.conforms
    assert "found akg:Member" in _messages(report)[0]


def test_shapes_membership_untyped_date_is_reported():
    report = validate(_graph(MEMBERSHIP.replace('"2002-10"^^xsd:gYearMonth', '"October 2002"')))
    assert not report.conforms
    assert [v.path for v in report.errors()] == ["akg:startDate"]


def test_shapes_membership_literal_member_is_reported():
    report = validate(_graph(MEMBERSHIP.replace("akg:member st:Russia", 'akg:member "Russia"')))
    assert [v.path for v in report.errors()] == ["akg:member"]


def test_shapes_post_missing_holder_and_unknown_role_are_reported():
    data = POST.replace("akg:holder pe:Nikolai_Bordyuzha ;", "").replace("akg:SecretaryGeneral", "akg:Pope")
    report = validate(_graph(data))
    assert sorted(v.path for v in report.errors()) == ["akg:holder", "akg:role"]


def test_shapes_evidence_offsets_must_be_ordered_integers():
    report = validate(_graph(MEMBERSHIP.replace("akg:evidenceEnd 21", 'akg:evidenceEnd "5"')))
    assert {v.path for v in report.errors()} == {"akg:evidenceEnd", "akg:evidenceStart"}


def test_shapes_event_subclass_is_targeted_through_ontology():
    """akg:MilitaryExercise instances meet the akg:Event shapes through the ontology's rdfs:subClassOf."""
    report = validate(_graph(EVENT.replace("prov:wasDerivedFrom doc:a", "")))
    assert [v.path for v in report.errors()] == ["prov:wasDerivedFrom"]


def test_shapes_event_date_of_wrong_datatype_is_reported():
    report = validate(_graph(EVENT.replace('"2017"^^xsd:gYear', '"2017-09-04T10:00:00"^^xsd:dateTime')))
    assert [v.path for v in report.errors()] == ["akg:date"]


def test_shapes_bare_event_is_a_warning_only():
    report = validate(_graph(EVENT.replace("akg:MilitaryExercise", "akg:Event")))
    assert report.conforms
    assert [(v.severity, v.path) for v in report.violations] == [("Warning", "rdf:type")]


def test_shapes_non_membership_needs_member():
    report = validate(_graph(OTHERS.replace("akg:member st:Serbia ;", "")))
    assert [v.path for v in report.errors()] == ["akg:member"]


def test_shapes_validate_does_not_change_its_input():
    graph = _graph(MEMBERSHIP)
    before = set(graph)
    validate(graph)
    assert set(graph) == before


def test_shapes_validate_documents_checks_document_graphs_only():
    dataset = Dataset()
    good = dataset.graph(URIRef(DOC + "good"))
    good += _graph(MEMBERSHIP)
    bad = dataset.graph(URIRef(DOC + "bad"))
    bad += _graph(POST.replace("akg:postIn org:CSTO ;", ""))
    # An event typed in the entities graph without evidence is not a document fact.
    dataset.graph(ENTITIES_GRAPH).parse(data=HEAD + "ev:Zapad_2017 a akg:MilitaryExercise .", format="turtle")
    reports = validate_documents(dataset)
    assert set(reports) == {URIRef(DOC + "good"), URIRef(DOC + "bad")}
    assert reports[URIRef(DOC + "good")].conforms
    assert [v.path for v in reports[URIRef(DOC + "bad")].errors()] == ["akg:postIn"]


def test_shapes_accept_literals_built_in_python():
    """The literals graph writers make from Python values (and kg.dates.PartialDate) pass the shapes."""
    graph = Graph()
    fact = ID["fact/a/m-2"]
    graph.add((fact, RDF.type, AKG.Membership))
    graph.add((fact, AKG.member, ID["state/Armenia"]))
    graph.add((fact, AKG.organization, ID["org/CSTO"]))
    graph.add((fact, AKG.status, AKG.FullMember))
    graph.add((fact, AKG.startDate, PartialDate(2002, 10).literal()))
    graph.add((fact, AKG.endDate, PartialDate(2020, 5, 14).literal()))
    graph.add((fact, AKG.evidence, Literal("Armenia joined.")))
    graph.add((fact, AKG.evidenceStart, Literal(4)))
    graph.add((fact, AKG.evidenceEnd, Literal(19)))
    graph.add((fact, AKG.extractedBy, Literal("membership-join")))
    graph.add((fact, PROV_NS.wasDerivedFrom, URIRef(DOC + "a")))
    report = validate(graph)
    assert report.conforms, report.text()


def test_shapes_validate_leaves_cached_ontology_and_shapes_unchanged():
    """pySHACL mixes the ontology into a copy of the data, never into the cached graphs."""
    from kg.graph import shapes

    validate(_graph(MEMBERSHIP))
    sizes = len(shapes._ontology()), len(shapes._shapes())
    validate(_graph(MEMBERSHIP.replace("akg:FullMember", "akg:Member"), POST, EVENT))
    assert (len(shapes._ontology()), len(shapes._shapes())) == sizes
