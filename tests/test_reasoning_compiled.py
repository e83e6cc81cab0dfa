"""The compiled OWL 2 RL tables (kg.reasoning.compiled) give what `reasonable` gives, or hand over to it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from rdflib import BNode, Dataset, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from kg.namespaces import AKG, DOC, INFERRED_GRAPH, ONTOLOGY_GRAPH
from kg.ontology import load_ontology
from kg.pipeline import build
from kg.reasoning import reason
from kg.reasoning.compiled import CompiledClosure
from kg.reasoning.source import load_dataset

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
SEED = Path(__file__).parent / "data" / "reasoning" / "seed.trig"
EX = "http://example.org/"


def _same(ds: Dataset) -> None:
    compiled, reference = reason(ds), reason(ds, engine="reasonable")
    assert compiled.stats["engine"] == "compiled" and reference.stats["engine"] == "reasonable"
    assert set(compiled.inferred) == set(reference.inferred)
    assert [(c.iri, c.message, c.concerns, c.documents) for c in compiled.contradictions] == \
        [(c.iri, c.message, c.concerns, c.documents) for c in reference.contradictions]
    assert compiled.derivations == reference.derivations


def test_seed_fixture_same_as_reasonable():
    _same(load_dataset(SEED))


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Dataset:
    import synth

    corpus = synth.corpus(tmp_path_factory.mktemp("synth") / "corpus", 30, seed=7)
    ds = build(corpus, reason=False).dataset
    ds.remove_graph(ds.graph(INFERRED_GRAPH))
    return ds


def test_synthetic_corpus_same_as_reasonable(synthetic):
    _same(synthetic)  # (the synthetic world is consistent since bench/synth.py reports one world)


def test_contradictions_fixture_same_as_reasonable():
    ds = load_dataset(SEED.parent / "contradictions.trig")
    assert reason(ds).contradictions  # the checks are exercised
    _same(ds)


def test_transitive_symmetric_inverse_and_sub_properties():
    p, q, inv, sym = (URIRef(EX + n) for n in ("p", "q", "inv", "sym"))
    a, b, c, d = (URIRef(EX + n) for n in "abcd")
    eng = CompiledClosure()
    eng.add([(p, RDF.type, OWL.TransitiveProperty), (p, RDFS.subPropertyOf, q), (q, OWL.inverseOf, inv),
             (sym, RDF.type, OWL.SymmetricProperty), (q, RDFS.domain, URIRef(EX + "D")),
             (a, p, b), (c, p, d), (a, sym, d)])
    eng.run()
    eng.add([(b, p, c)])  # joins the two chains: a p d needs both runs
    out = set(eng.run())
    domain = (a, RDF.type, URIRef(EX + "D"))
    assert {(a, p, c), (a, p, d), (b, p, d), (a, q, d), (d, inv, a), (d, sym, a), domain} <= out
    assert eng.name == "compiled"


@pytest.mark.parametrize("extra", [
    (URIRef(EX + "C"), RDFS.subClassOf, BNode()),                        # a restriction
    (URIRef(EX + "p"), RDF.type, OWL.InverseFunctionalProperty),         # a rule the tables lack
    (URIRef(EX + "a"), OWL.sameAs, URIRef(EX + "b")),                    # equality in the data
])
def test_anything_else_goes_to_reasonable(extra):
    ds = Dataset()
    onto = ds.graph(ONTOLOGY_GRAPH)
    for t in load_ontology():
        onto.add(t)
    g = ds.graph(URIRef(DOC + "x"))
    g.add((URIRef(EX + "m"), RDF.type, AKG.Membership))
    g.add(extra)
    assert reason(ds).stats["engine"] == "reasonable"
