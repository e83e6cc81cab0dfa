"""reason() on the seed-like fixture: competency answers, a clean inferred graph, engine agreement."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.namespaces import AKG, ERR, INFERRED_GRAPH
from kg.reasoning import ReasoningResult, reason
from kg.reasoning.source import load_dataset

DATA = Path(__file__).parent / "data"
COMPETENCY = DATA / "competency"
SEED = DATA / "reasoning" / "seed.trig"


@pytest.fixture(scope="module")
def seed():
    return load_dataset(SEED)


@pytest.fixture(scope="module")
def result(seed) -> ReasoningResult:
    return reason(seed)


def _union(dataset, inferred: Graph) -> Dataset:
    """The KG as SPARQL sees it: the union of all graphs is the default graph."""
    ds = Dataset(default_union=True)
    for s, p, o, g in dataset.quads((None, None, None, None)):
        ds.graph(getattr(g, "identifier", g)).add((s, p, o))
    ds.graph(INFERRED_GRAPH).__iadd__(inferred)
    return ds


def _answers(graph: Dataset, query: str):
    """ASK: the boolean; SELECT: for each row, the names of its first value (labels, aliases, IRI)."""
    res = graph.query(query)
    if res.type == "ASK":
        return res.askAnswer
    rows = []
    for row in res:
        value = row[0]
        names = {str(x) for p in (RDFS.label, SKOS.altLabel) for x in graph.objects(value, p)}
        rows.append(names | {str(value)})
    return rows


def _check(rows, want) -> None:
    if "ask" in want:
        assert rows is want["ask"]
    elif "count" in want:
        assert len(rows) == want["count"]
    else:
        expected = want.get("exact", want.get("contains"))
        for name in expected:
            assert any(name in names for names in rows), f"{name} missing from {rows}"
        if "exact" in want:
            for names in rows:
                assert names & set(expected), f"unexpected answer {names}"


CASES = json.loads((COMPETENCY / "expected.json").read_text())


@pytest.mark.parametrize("name", sorted(k for k in CASES if k.endswith(".rq")))
def test_reasoning_competency_questions_on_seed_fixture(seed, result, name):
    _check(_answers(_union(seed, result.inferred), (COMPETENCY / name).read_text()), CASES[name])


def test_reasoning_does_not_modify_the_dataset(seed):
    before = len(seed)
    quads = sum(1 for _ in seed.quads((None, None, None, None)))
    reason(seed)
    assert len(seed) == before
    assert sum(1 for _ in seed.quads((None, None, None, None))) == quads
    assert len(seed.graph(INFERRED_GRAPH)) == 0


def test_reasoning_inferred_graph_is_clean(seed, result):
    asserted = {(s, p, o) for s, p, o, _ in seed.quads((None, None, None, None))}
    vocabulary = set(seed.graph(URIRef("https://w3id.org/alliance-kg/graph/ontology")).subjects())
    for s, p, o in result.inferred:
        assert not isinstance(s, Literal)
        assert not (p == OWL.sameAs and s == o)
        assert not str(p).startswith(str(RDF) + "_")
        assert (s, p, o) not in asserted
        assert s not in vocabulary, (s, p, o)
        assert o not in (OWL.Thing, RDFS.Resource)
        assert not (p == RDF.type and isinstance(o, BNode | Literal))
        assert not str(p).startswith(str(ERR)) and o != ERR.ErrorMessage


def test_reasoning_inferred_graph_has_types_inverses_and_shortcuts(result):
    g = result.inferred
    serbia = URIRef("https://w3id.org/alliance-kg/id/state/Serbia")
    csto = URIRef("https://w3id.org/alliance-kg/id/org/CSTO")
    assert (serbia, RDF.type, AKG.Actor) in g  # cax-sco
    assert (serbia, AKG.affiliatedWith, csto) in g  # through the body
    assert (csto, AKG.hasBody, URIRef("https://w3id.org/alliance-kg/id/org/CSTO_Parliamentary_Assembly")) in g


def test_reasoning_stats_name_engine_rounds_and_rule_firings(result):
    assert result.stats["engine"] == "compiled"
    assert result.stats["rule_firings"]["shortcut-memberOf"] == 7
    assert result.stats["triples_out"] == len(result.inferred)
    assert result.contradictions == []


def test_reasoning_owlrl_and_default_engine_agree(seed, result):
    reference = reason(seed, engine="owlrl")
    assert set(reference.inferred) == set(result.inferred)


def test_reasoning_unknown_engine_is_a_clean_error(seed):
    from kg.errors import KGError

    with pytest.raises(KGError, match="unknown reasoning engine"):
        reason(seed, engine="fast")
