"""One test per OWL 2 RL rule the KG relies on, on both engines, through `reason()`."""

from __future__ import annotations

import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF

from kg.namespaces import DOC, ONTOLOGY_GRAPH

EX = "http://example.org/"
PREFIXES = f"""@prefix owl: <http://www.w3.org/2002/07/owl#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix ex: <{EX}> .
"""
ENGINES = ["default", "owlrl"]


def ex(name: str) -> URIRef:
    return URIRef(EX + name)


def _infer(ontology: str, data: str, engine: str) -> Graph:
    from kg.reasoning import reason

    ds = Dataset()
    ds.graph(ONTOLOGY_GRAPH).__iadd__(Graph().parse(data=PREFIXES + ontology, format="turtle"))
    ds.graph(DOC.d).__iadd__(Graph().parse(data=PREFIXES + data, format="turtle"))
    return reason(ds, engine=engine).inferred


@pytest.mark.parametrize("engine", ENGINES)
def test_owl_rule_cax_sco(engine):
    g = _infer("ex:A rdfs:subClassOf ex:B . ex:B rdfs:subClassOf ex:C .", "ex:i a ex:A .", engine)
    assert {(ex("i"), RDF.type, ex("B")), (ex("i"), RDF.type, ex("C"))} <= set(g)


@pytest.mark.parametrize("engine", ENGINES)
def test_owl_rule_prp_inv1(engine):
    g = _infer("ex:p owl:inverseOf ex:q .", "ex:a ex:p ex:b .", engine)
    assert (ex("b"), ex("q"), ex("a")) in g


@pytest.mark.parametrize("engine", ENGINES)
def test_owl_rule_prp_inv2(engine):
    g = _infer("ex:p owl:inverseOf ex:q .", "ex:a ex:q ex:b .", engine)
    assert (ex("b"), ex("p"), ex("a")) in g


@pytest.mark.parametrize("engine", ENGINES)
def test_owl_rule_prp_spo1(engine):
    g = _infer("ex:p rdfs:subPropertyOf ex:q .", "ex:a ex:p ex:b .", engine)
    assert (ex("a"), ex("q"), ex("b")) in g


@pytest.mark.parametrize("engine", ENGINES)
def test_owl_rule_prp_trp(engine):
    g = _infer("ex:p a owl:TransitiveProperty .", "ex:a ex:p ex:b . ex:b ex:p ex:c . ex:c ex:p ex:d .", engine)
    assert {(ex("a"), ex("p"), ex("c")), (ex("a"), ex("p"), ex("d"))} <= set(g)


@pytest.mark.parametrize("engine", ENGINES)
def test_owl_rule_prp_dom_and_prp_rng(engine):
    g = _infer("ex:p rdfs:domain ex:A ; rdfs:range ex:B .", "ex:a ex:p ex:b .", engine)
    assert {(ex("a"), RDF.type, ex("A")), (ex("b"), RDF.type, ex("B"))} <= set(g)


@pytest.mark.parametrize("engine", ENGINES)
def test_owl_rule_cax_eqc(engine):
    g = _infer("ex:A owl:equivalentClass ex:B .", "ex:i a ex:A .", engine)
    assert (ex("i"), RDF.type, ex("B")) in g


@pytest.mark.parametrize("engine", ENGINES)
def test_owl_rule_cls_int1(engine):
    g = _infer("ex:C owl:intersectionOf (ex:A ex:B) .", "ex:i a ex:A , ex:B .", engine)
    assert (ex("i"), RDF.type, ex("C")) in g


@pytest.mark.parametrize("engine", ENGINES)
def test_owl_rule_output_has_no_schema_or_trivial_triples(engine):
    g = _infer("ex:A rdfs:subClassOf ex:B .", "ex:i a ex:A .", engine)
    assert set(g) == {(ex("i"), RDF.type, ex("B"))}
