"""Explanations: every inferred triple is explained down to asserted triples; `kg explain`."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import URIRef

from kg.cli import cli
from kg.namespaces import AKG, INFERRED_GRAPH
from kg.reasoning import reason
from kg.reasoning.explain import Explainer, documents_of
from kg.reasoning.source import load_dataset

DATA = Path(__file__).parent / "data" / "reasoning"
ID = "https://w3id.org/alliance-kg/id/"


def _built(name: str):
    ds = load_dataset(DATA / name)
    result = reason(ds)
    ds.graph(INFERRED_GRAPH).__iadd__(result.inferred)
    return ds, result


@pytest.mark.parametrize("fixture", ["seed.trig", "contradictions.trig", "temporal.trig"])
def test_explain_every_inferred_triple_down_to_asserted_triples(fixture):
    ds, result = _built(fixture)
    ex = Explainer(ds)
    for triple in result.inferred:
        step = ex.explain(triple)
        assert step is not None, triple
        assert step.rule is not None
        for leaf in step.leaves():
            # a leaf is an asserted triple, or an axiom the ontology alone entails
            assert leaf.rule is None or leaf.rule.startswith("scm"), (triple, leaf)


def test_explain_names_rules_documents_and_evidence():
    ds, _ = _built("seed.trig")
    ex = Explainer(ds)
    step = ex.explain((URIRef(ID + "state/Serbia"), AKG.affiliatedWith, URIRef(ID + "org/CSTO")))
    assert {"shortcut-observerOf", "temporal-holds"} <= step.rules()
    assert documents_of(step, ex.asserted) == [URIRef("https://w3id.org/alliance-kg/doc/001_21f842e8bf764d39")]


def test_explain_records_domain_rule_derivations():
    _, result = _built("seed.trig")
    rule, premises = result.derivations[(URIRef(ID + "state/Russia"), AKG.memberOf, URIRef(ID + "org/OSCE"))]
    assert rule == "shortcut-memberOf" and premises


@pytest.fixture(scope="module")
def kg_dir(tmp_path_factory):
    ds, _ = _built("seed.trig")
    out = tmp_path_factory.mktemp("kg")
    ds.serialize(out / "kg.trig", format="trig")
    return out


def test_explain_cli_prefixed_names(kg_dir):
    res = CliRunner().invoke(cli, ["explain", "<" + ID + "state/Serbia>", "akg:affiliatedWith",
                                   ID + "org/CSTO", "--kg", str(kg_dir)])
    assert res.exit_code == 0, res.output
    assert "affiliated-through-body" in res.output or "prp-spo2" in res.output
    assert "Serbia has observer status in the CSTO Parliamentary Assembly." in res.output
    assert "doc:001_21f842e8bf764d39" in res.output


def test_explain_cli_labels_and_owl_rule_names(kg_dir):
    res = CliRunner().invoke(cli, ["explain", "CSTO", "akg:hasMember", "Russia", "--kg", str(kg_dir)])
    assert res.exit_code == 0, res.output
    assert "prp-inv" in res.output or "hasMember-inverse" in res.output


def test_explain_cli_triple_not_in_kg_exits_1(kg_dir):
    res = CliRunner().invoke(cli, ["explain", "Serbia", "akg:memberOf", "CSTO", "--kg", str(kg_dir)])
    assert res.exit_code == 1


def test_explain_cli_missing_kg_is_a_clean_error(tmp_path):
    res = CliRunner().invoke(cli, ["explain", "a", "b", "c", "--kg", str(tmp_path)])
    assert res.exit_code == 2 and "Error:" in res.output and "Traceback" not in res.output
