"""The build's light graphs (kg.graph.triples, kg.build.graphs) answer as rdflib does; the pool reads as serial."""

from __future__ import annotations

import shutil

import pytest
from corpus_support import CORPUS
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from kg.build.graphs import BuildGraphs
from kg.build.parallel import Mapper
from kg.corpus import read_corpus
from kg.graph.triples import TripleGraph
from kg.namespaces import AKG

A, B, C = (URIRef(f"https://example.org/{x}") for x in "abc")
TRIPLES = [(A, RDF.type, AKG.Membership), (A, AKG.member, B), (A, AKG.member, C), (B, RDF.type, AKG.Membership),
           (C, AKG.startDate, Literal("2001", datatype=XSD.gYear)), (BNode("x"), AKG.member, A),
           (A, AKG.member, B)]  # a repeat: graphs are sets


@pytest.fixture()
def pair() -> tuple[Graph, TripleGraph]:
    g = Graph()
    for t in TRIPLES:
        g.add(t)
    return g, TripleGraph(None, TRIPLES)


def test_triple_graph_lookups_match_rdflib(pair):
    g, light = pair
    assert len(light) == len(g) == 6 and set(light) == set(g)
    for s, p in [(A, AKG.member), (A, RDF.type), (C, AKG.startDate), (B, AKG.member)]:
        assert sorted(light.objects(s, p)) == sorted(g.objects(s, p))
        assert light.value(s, p) in set(g.objects(s, p)) | {None}
    for p, o in [(RDF.type, AKG.Membership), (AKG.member, A), (AKG.member, None), (RDF.type, None)]:
        assert sorted(light.subjects(p, o), key=str) == sorted(set(g.subjects(p, o)), key=str)
    assert sorted(light.subject_objects(AKG.member)) == sorted(g.subject_objects(AKG.member))


@pytest.mark.parametrize("pattern", [(A, AKG.member, B), (A, AKG.member, A), (A, AKG.member, None),
                                     (None, RDF.type, AKG.Membership), (None, AKG.startDate, None),
                                     (C, None, None), (None, None, A), (A, RDF.type, None)])
def test_triple_graph_membership_with_patterns_matches_rdflib(pair, pattern):
    g, light = pair
    assert (pattern in light) == (pattern in g)


def test_build_graphs_dataset_has_the_same_quads():
    graphs = BuildGraphs()
    graphs.add(TripleGraph(A, TRIPLES))
    graphs.add(TripleGraph(None, TRIPLES[:2]), B)  # renamed, the triples shared
    ds = graphs.to_dataset(__import__("rdflib").Dataset())
    assert {(s, p, o) for s, p, o in ds.graph(A)} == set(TRIPLES)
    assert len(ds.graph(B)) == 2 and graphs.graph(B).identifier == B
    assert len(graphs.graph(C)) == 0  # an absent graph reads as empty, as Dataset.graph gives


def test_reading_the_corpus_on_a_pool_gives_the_serial_corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for p in sorted(CORPUS.glob("*.txt")) + [CORPUS / "metadata.csv"]:
        if p.exists():
            shutil.copy(p, folder)
    (folder / "bad.txt").write_bytes(b"\xff\xfe\x00x")  # a Problem, in its place
    serial = read_corpus(folder)
    pooled = read_corpus(folder, pmap=Mapper(2).pmap)
    assert pooled.articles == serial.articles and pooled.articles
    assert [(p.path, p.reason) for p in pooled.problems] == [(p.path, p.reason) for p in serial.problems]
    assert pooled.warnings == serial.warnings and pooled.guessed_dates == serial.guessed_dates
