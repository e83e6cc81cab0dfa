"""The domain rules run over the closure's triples of their own predicates only (engine.rule_predicates)."""

from __future__ import annotations

from pathlib import Path

from corpus_support import CORPUS

from kg.reasoning import engine
from kg.reasoning.rules import parse_rule

ROOT = Path(__file__).resolve().parent.parent


def _rule(tmp_path: Path, body: str):
    path = tmp_path / "r.rq"
    path.write_text("# rule: r\nPREFIX akg: <https://w3id.org/alliance-kg/ontology#>\n" + body, encoding="utf-8")
    return parse_rule(path)


def test_rule_predicates_are_premises_and_heads(tmp_path):
    rule = _rule(tmp_path, "CONSTRUCT { ?x akg:memberOf ?o } WHERE { ?m akg:member ?x . ?m akg:organization ?o }")
    assert engine.rule_predicates([rule]) == {"https://w3id.org/alliance-kg/ontology#" + n
                                              for n in ("memberOf", "member", "organization")}


def test_rule_with_a_variable_predicate_or_exists_needs_the_whole_closure(tmp_path):
    assert engine.rule_predicates([_rule(tmp_path, "CONSTRUCT { ?x akg:near ?o } WHERE { ?x ?p ?o }")]) is None
    exists = "CONSTRUCT { ?x akg:near ?o } WHERE { ?x akg:member ?o FILTER EXISTS { ?o a akg:Alliance } }"
    assert engine.rule_predicates([_rule(tmp_path, exists)]) is None


def test_filtered_rule_graph_infers_what_the_whole_closure_infers(monkeypatch):
    from kg.pipeline import build

    ds = build(CORPUS, reason=False).dataset
    fast = engine.reason(ds)
    monkeypatch.setattr(engine, "rule_predicates", lambda rules: None)
    whole = engine.reason(ds)
    assert set(fast.inferred) == set(whole.inferred)
    assert fast.derivations and fast.derivations == whole.derivations
    assert [c.iri for c in fast.contradictions] == [c.iri for c in whole.contradictions]
