"""The domain rule files (ontology/rules/*.rq): parse, premises, clean errors for bad files."""

from __future__ import annotations

import pytest

from kg.errors import DataFileError
from kg.namespaces import AKG
from kg.ontology import rules_dir
from kg.reasoning.rules import load_rules
from kg.reasoning.temporal import HOLDS_STATUS, load_compatibility


def test_rules_packaged_files_parse_with_ids_and_descriptions():
    rules = load_rules(rules_dir())
    ids = {r.id for r in rules}
    assert {"shortcut-memberOf", "shortcut-observerOf", "shortcut-partnerOf", "affiliated-suspended",
            "affiliated-through-body", "hasMember-inverse"} <= ids
    for r in rules:
        assert r.description and r.premises and r.template
        assert r.path.stem == r.id


def test_rules_shortcuts_match_the_temporal_validity_flag():
    rules = {r.id: r for r in load_rules(rules_dir())}
    assert HOLDS_STATUS in rules["shortcut-memberOf"].predicates()
    assert rules["shortcut-memberOf"].template == ((rules["shortcut-memberOf"].template[0][0], AKG.memberOf,
                                                    rules["shortcut-memberOf"].template[0][2]),)


def test_rules_status_compatibility_is_data():
    compat = load_compatibility(rules_dir() / "statuses.ttl")
    assert frozenset((AKG.Former, AKG.NonMembership)) in compat
    assert frozenset((AKG.FullMember, AKG.Observer)) not in compat


def test_rules_bad_files_are_all_reported_at_once(tmp_path):
    (tmp_path / "a.rq").write_text("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    (tmp_path / "b.rq").write_text("# rule: b\nSELECT * WHERE { ?s ?p ?o }")
    (tmp_path / "c.rq").write_text("# rule: c\nCONSTRUCT { ?s ?p ?o WHERE {")
    with pytest.raises(DataFileError) as err:
        load_rules(tmp_path)
    text = str(err.value)
    assert "a.rq" in text and "b.rq" in text and "c.rq" in text
