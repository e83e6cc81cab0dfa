"""akg:status is functional: checked by grouping, never by `reasonable`'s quadratic prp-fp join (issue 11)."""

from __future__ import annotations

from rdflib import Dataset, URIRef
from rdflib.namespace import OWL, RDF

from kg.namespaces import AKG, DOC, ONTOLOGY_GRAPH
from kg.ontology import load_ontology
from kg.reasoning import reason
from kg.reasoning.compiled import CompiledClosure
from kg.reasoning.functional import functional_same_as, split_functional

EX = "http://example.org/"


def _dataset(statuses: dict[str, list]) -> Dataset:
    ds = Dataset()
    onto = ds.graph(ONTOLOGY_GRAPH)
    for t in load_ontology():
        onto.add(t)
    for name, values in statuses.items():
        g = ds.graph(URIRef(DOC + name))
        node = URIRef(EX + name)
        g.add((node, RDF.type, AKG.Membership))
        for v in values:
            g.add((node, AKG.status, v))
    return ds


def test_engine_never_sees_the_functional_axiom(monkeypatch):
    seen = []
    real = CompiledClosure.add

    def spy(self, triples):
        batch = list(triples)
        seen.extend(batch)
        return real(self, batch)

    monkeypatch.setattr(CompiledClosure, "add", spy)
    reason(_dataset({"m1": [AKG.FullMember]}))
    assert seen and (AKG.status, RDF.type, OWL.FunctionalProperty) not in seen


def test_two_statuses_are_still_a_same_and_different_contradiction():
    result = reason(_dataset({"m1": [AKG.FullMember, AKG.Observer], "m2": [AKG.Observer]}))
    kinds = {c.kind: c for c in result.contradictions}
    assert "same-and-different" in kinds
    assert set(kinds["same-and-different"].concerns) == {AKG.FullMember, AKG.Observer}
    assert result.stats["functional_same_as"] == 2


def test_one_status_each_gives_no_contradiction_and_no_same_as():
    result = reason(_dataset({f"m{i}": [AKG.FullMember if i % 2 else AKG.Observer] for i in range(50)}))
    assert result.contradictions == [] and result.stats["functional_same_as"] == 0


def test_split_and_group():
    p, s1, s2 = URIRef(EX + "p"), URIRef(EX + "s1"), URIRef(EX + "s2")
    a, b = URIRef(EX + "a"), URIRef(EX + "b")
    kept, functional = split_functional([(p, RDF.type, OWL.FunctionalProperty), (s1, p, a)])
    assert functional == {p} and kept == [(s1, p, a)]
    same = functional_same_as([(s1, p, a), (s1, p, b), (s2, p, a)], functional)
    assert sorted(same) == sorted([(a, OWL.sameAs, b), (b, OWL.sameAs, a)])
