"""Contradictions: neutral state in a military alliance, member vs non-member, incompatible statuses,
the ontology's own constraints (cax-dw, eq-diff2), and owlrl's err:ErrorMessage reports."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import OWL, RDF

from kg.namespaces import AKG, DOC, ERR, ONTOLOGY_GRAPH
from kg.reasoning import reason
from kg.reasoning.source import load_dataset

FIXTURE = Path(__file__).parent / "data" / "reasoning" / "contradictions.trig"
EX = "http://example.org/"


@pytest.fixture(scope="module")
def found():
    return {c.kind: c for c in reason(load_dataset(FIXTURE)).contradictions}


def test_contradiction_neutral_state_in_military_alliance_names_both_documents(found):
    c = found["neutral-in-military-alliance"]
    assert c.documents == [DOC.A, DOC.B]
    assert "Serbia" in c.message and "NATO" in c.message
    assert URIRef("https://w3id.org/alliance-kg/id/fact/B-m") in c.concerns


def test_contradiction_member_and_non_member_at_the_same_time(found):
    assert found["member-and-non-member"].documents == [DOC.C, DOC.D]


def test_contradiction_incompatible_statuses(found):
    assert found["incompatible-statuses"].documents == [DOC.E, DOC.F]


def test_contradiction_none_without_overlap(found):
    # Finland neutral in 2015, in NATO from 2023: no contradiction
    assert len(found) == 3


def test_contradiction_nodes_in_inferred_graph_with_deterministic_iris():
    ds = load_dataset(FIXTURE)
    a, b = reason(ds), reason(ds)
    assert [c.iri for c in a.contradictions] == [c.iri for c in b.contradictions]
    for c in a.contradictions:
        assert str(c.iri).startswith("https://w3id.org/alliance-kg/id/contradiction/")
        assert (c.iri, RDF.type, AKG.Contradiction) in a.inferred
        assert set(a.inferred.objects(c.iri, AKG.concerns)) == set(c.concerns)
        assert a.inferred.value(c.iri, AKG.contradictionKind) is not None


def _disjoint_dataset() -> Dataset:
    ds = Dataset()
    onto = Graph().parse(
        data=f"""@prefix owl: <http://www.w3.org/2002/07/owl#> . @prefix ex: <{EX}> .
        ex:A a owl:Class ; owl:disjointWith ex:B . ex:B a owl:Class .""",
        format="turtle",
    )
    ds.graph(ONTOLOGY_GRAPH).__iadd__(onto)
    doc = ds.graph(DOC.x)
    doc.add((URIRef(EX + "i"), RDF.type, URIRef(EX + "A")))
    doc.add((URIRef(EX + "i"), RDF.type, URIRef(EX + "B")))
    return ds


@pytest.mark.parametrize("engine", ["default", "owlrl"])
def test_contradiction_cax_dw_disjoint_types(engine):
    result = reason(_disjoint_dataset(), engine=engine)
    kinds = {c.kind for c in result.contradictions}
    assert kinds == {"disjoint-types"}
    c = result.contradictions[0]
    assert c.concerns == [URIRef(EX + "i")] and c.documents == [DOC.x]
    # owlrl's own err:ErrorMessage triples never reach the inferred graph
    assert not list(result.inferred.subjects(RDF.type, ERR.ErrorMessage))
    assert not any(str(p).startswith(str(ERR)) for _, p, _ in result.inferred)


def test_contradiction_owlrl_error_messages_become_contradictions():
    """prp-irp is reported by owlrl; our own checks skip it when the engine is owlrl's."""
    ds = Dataset()
    ds.graph(ONTOLOGY_GRAPH).add((URIRef(EX + "p"), RDF.type, OWL.IrreflexiveProperty))
    ds.graph(DOC.y).add((URIRef(EX + "i"), URIRef(EX + "p"), URIRef(EX + "i")))
    result = reason(ds, engine="owlrl")
    assert result.contradictions and all(URIRef(EX + "i") in c.concerns for c in result.contradictions)
