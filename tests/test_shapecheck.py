"""The compiled shapes (kg.graph.shapecheck) report exactly what pySHACL reports, on mutated documents."""

from __future__ import annotations

import random

import pytest
from corpus_support import CORPUS
from pyshacl.errors import ReportableRuntimeError
from rdflib import XSD, BNode, Graph, Literal, URIRef
from test_shapes import EVENT, MEMBERSHIP, OTHERS, POST, _graph

from kg.graph import shapes
from kg.graph.shapecheck import Compiled, Unsupported
from kg.graph.shapes import validate
from kg.namespaces import AKG

ALTERNATIVES = [
    URIRef("https://w3id.org/alliance-kg/id/state/Chad"), BNode("b1"), Literal("x"), Literal(""),
    Literal("x", lang="en"), Literal(5), Literal(-1), Literal("5"), Literal("abc", datatype=XSD.integer),
    Literal("2017", datatype=XSD.gYear), Literal("2017-13-45", datatype=XSD.date),
    Literal("2017-09-04T10:00:00", datatype=XSD.dateTime), Literal(True), Literal("maybe", datatype=XSD.boolean),
    AKG.Member, AKG.Observer, AKG.SecretaryGeneral, AKG.Event, AKG.Meeting, AKG.Document,
]


def _normal(report) -> list[tuple]:
    """Results as comparable tuples (blank node labels differ between engines)."""
    def term(n):
        return "_:b" if isinstance(n, BNode) else str(n)
    return sorted((term(v.focus_node), v.path, v.message, v.severity, term(v.value)) for v in report.violations)


def mutations(graph: Graph) -> list[Graph]:
    """Each triple dropped, its object replaced by odd values, its property given a second value."""
    triples = sorted(graph, key=str)
    out = []
    for i, (s, p, _o) in enumerate(triples):
        rest = triples[:i] + triples[i + 1:]
        out.append(_of(rest))
        for alt in ALTERNATIVES:
            out.append(_of([*rest, (s, p, alt)]))
        out.append(_of([*triples, (s, p, ALTERNATIVES[(i * 7) % len(ALTERNATIVES)])]))
        out.append(_of([(BNode("subject") if x == s else x, y, z) for x, y, z in triples]))
    return out


def _agree(graph: Graph) -> None:
    try:
        reference = validate(graph, engine="pyshacl")
    except ReportableRuntimeError:  # pySHACL gives up (sh:lessThan on a blank node); the compiled check reports it
        assert not validate(graph).conforms
        return
    assert _normal(validate(graph)) == _normal(reference), graph.serialize()


def _of(triples) -> Graph:
    g = Graph()
    for t in triples:
        g.add(t)
    return g


def _all_mutations() -> list[Graph]:
    return [m for part in (MEMBERSHIP, POST, EVENT, OTHERS) for m in mutations(_graph(part))]


def test_shapecheck_compiles_the_project_shapes():
    """No fallback: every constraint in ontology/shapes.ttl is compiled."""
    assert shapes._compiled() is not None


@pytest.mark.parametrize("graph", random.Random(11).sample(_all_mutations(), 25), ids=lambda g: f"{len(g)}t")
def test_shapecheck_agrees_with_pyshacl_on_mutations(graph):
    _agree(graph)


@pytest.mark.slow
def test_shapecheck_agrees_with_pyshacl_on_every_mutation():
    for graph in _all_mutations():
        _agree(graph)


def test_shapecheck_well_formed_and_broken_documents_agree():
    good = _graph(MEMBERSHIP, POST, EVENT, OTHERS)
    assert _normal(validate(good)) == _normal(validate(good, engine="pyshacl"))
    bad = _graph(MEMBERSHIP.replace("akg:FullMember", "akg:Member"), POST.replace("akg:holder", "akg:holds"))
    assert _normal(validate(bad)) == _normal(validate(bad, engine="pyshacl"))
    assert not validate(bad).conforms


def test_shapecheck_refuses_what_it_does_not_compile():
    """A constraint it does not know makes the compiler refuse, so validate() falls back to pySHACL."""
    extra = Graph().parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix akg: <https://w3id.org/alliance-kg/ontology#> .
        [] a sh:NodeShape ; sh:targetClass akg:Membership ;
           sh:property [ sh:path akg:member ; sh:pattern "^https" ] .
    """, format="turtle")
    with pytest.raises(Unsupported):
        Compiled(extra, shapes._ontology())


def test_shapecheck_agrees_with_pyshacl_on_the_seed_documents():
    """Real document graphs from the extractors: the same results from both engines."""

    from kg.build.document import metadata_of
    from kg.corpus import read_corpus
    from kg.extract.document import extract_document
    from kg.gazetteer import Gazetteer
    from kg.graph.rdf import document_graph

    corpus = read_corpus(CORPUS)
    gazetteer = Gazetteer.load()
    for a in corpus.articles:
        facts = extract_document(a.stem, a.text, a.content_spans(), a.date, gazetteer)
        graph = document_graph(a.stem, facts.facts, metadata_of(a), facts.entities.values())
        _agree(graph)
