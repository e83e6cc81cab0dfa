"""kg/graph/rdf.py: a document's facts as nodes of its named graph, each with its own evidence."""

from __future__ import annotations

import hashlib

from rdflib import URIRef

from kg.dates import PartialDate
from kg.graph.rdf import document_graph
from kg.model import EntityRef, Evidence, Membership
from kg.namespaces import AKG

FINLAND = EntityRef("state", "Finland", "Finland", ("State",))
NATO = EntityRef("org", "NATO", "NATO", ("InternationalOrganization",))
TEXT = "Finland joins NATO\n\nFinland became the 31st member of NATO on Tuesday."


def test_document_graph_keeps_a_dated_and_an_undated_statement_apart():
    """Regression: a headline ("Finland joins NATO") and a dated sentence of the same membership became one node
    with two evidences and two offset pairs, so text[start:end] no longer gave its evidence."""
    headline = Evidence(0, 18, TEXT[0:18], "test.headline")
    body = Evidence(20, len(TEXT), TEXT[20:], "test.body")
    facts = [Membership(FINLAND, NATO, "FullMember", headline),
             Membership(FINLAND, NATO, "FullMember", body, start=PartialDate(2023, 4, 4))]
    g = document_graph("005_finland", facts, {})
    nodes = sorted(g.subjects(AKG.evidence, None), key=str)
    assert len(set(nodes)) == 2
    for node in set(nodes):
        (evidence,) = g.objects(node, AKG.evidence)
        (start,) = g.objects(node, AKG.evidenceStart)
        (end,) = g.objects(node, AKG.evidenceEnd)
        assert TEXT[int(start):int(end)] == str(evidence)
    dated = [n for n in set(nodes) if g.value(n, AKG.startDate) is not None]
    assert len(dated) == 1 and str(g.value(dated[0], AKG.evidence)) == TEXT[20:]
    assert isinstance(dated[0], URIRef)


def test_document_graph_same_undated_membership_keeps_its_iri():
    """Undated memberships keep the IRI they had before dates entered the key (links to them stay valid)."""
    ev = Evidence(0, 18, TEXT[0:18], "test")
    g = document_graph("x", [Membership(FINLAND, NATO, "FullMember", ev)], {})
    (node,) = set(g.subjects(AKG.evidence, None))
    digest = hashlib.sha1(b"Finland|NATO|FullMember").hexdigest()[:10]
    assert str(node).endswith(f"/fact/x/membership-{digest}")
