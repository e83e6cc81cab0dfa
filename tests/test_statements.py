"""The statements graph (kg/graph/statements.py): one node per distinct fact, with every source."""

from __future__ import annotations

from rdflib import RDF, XSD, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from kg.graph.shapes import validate
from kg.graph.statements import statements_graph
from kg.namespaces import AKG, DOC, ENTITIES_GRAPH, ID, INFERRED_GRAPH, ONTOLOGY_GRAPH, PROV, STATEMENTS_GRAPH
from kg.ontology import load_ontology
from kg.reasoning import reason
from kg.reasoning.temporal import as_of

ARMENIA, BELARUS = URIRef(ID + "state/Armenia"), URIRef(ID + "state/Belarus")
CSTO = URIRef(ID + "org/CSTO")


def _doc(stem: str, published: str, *facts: tuple) -> Graph:
    """A document graph: ("m", member, org, status, start) memberships, ("n", member, org) non-memberships,
    ("e", type, date, location, participants...) unnamed events."""
    doc = URIRef(DOC + stem)
    g = Graph(identifier=doc)
    g.add((doc, RDF.type, AKG.Document))
    g.add((doc, DCTERMS.date, Literal(published, datatype=XSD.date)))
    for i, fact in enumerate(facts):
        node = URIRef(f"{ID}fact/{stem}/f{i}")
        if fact[0] == "e":
            node = URIRef(f"{ID}event/{stem}/meeting-{i}")
            g.add((node, RDF.type, AKG[fact[1]]))
            if fact[2]:
                g.add((node, AKG.date, Literal(fact[2], datatype=XSD.date)))
            g.add((node, AKG.location, fact[3]))
            for p in fact[4:]:
                g.add((node, AKG.participant, p))
        else:
            g.add((node, RDF.type, AKG.Membership if fact[0] == "m" else AKG.NonMembership))
            g.add((node, AKG.member, fact[1]))
            g.add((node, AKG.organization, fact[2]))
            if fact[0] == "m":
                g.add((node, AKG.status, AKG[fact[3]]))
                if len(fact) > 4 and fact[4]:
                    g.add((node, AKG.startDate, Literal(fact[4], datatype=XSD.gYear)))
        g.add((node, AKG.evidence, Literal(f"sentence {i}")))
        g.add((node, AKG.evidenceStart, Literal(0, datatype=XSD.integer)))
        g.add((node, AKG.evidenceEnd, Literal(10, datatype=XSD.integer)))
        g.add((node, AKG.extractedBy, Literal("test")))
        g.add((node, PROV.wasDerivedFrom, doc))
    return g


def _statements(g: Graph, cls=AKG.MembershipStatement) -> list[URIRef]:
    return sorted(g.subjects(RDF.type, cls), key=str)


def test_two_articles_stating_the_same_fact_give_one_statement_with_two_sources():
    docs = [_doc("a", "2017-01-02", ("m", ARMENIA, CSTO, "FullMember")),
            _doc("b", "2018-03-04", ("m", ARMENIA, CSTO, "FullMember"))]
    g = statements_graph(docs)
    (st,) = _statements(g)
    assert set(g.objects(st, AKG.statedIn)) == {URIRef(DOC + "a"), URIRef(DOC + "b")}
    assert set(g.objects(st, AKG.statedBy)) == {URIRef(ID + "fact/a/f0"), URIRef(ID + "fact/b/f0")}
    assert g.value(st, AKG.sourceCount) == Literal(2, datatype=XSD.integer)
    assert str(g.value(st, AKG.firstReported)) == "2017-01-02" and str(g.value(st, AKG.lastReported)) == "2018-03-04"
    assert (st, AKG.member, ARMENIA) in g and (st, AKG.status, AKG.FullMember) in g
    assert validate(g).conforms, validate(g).text()


def test_statement_iris_depend_only_on_the_fact():
    one = statements_graph([_doc("a", "2017-01-02", ("m", ARMENIA, CSTO, "FullMember")),
                            _doc("b", "2018-03-04", ("m", ARMENIA, CSTO, "FullMember"))])
    other = statements_graph([_doc("b", "2018-03-04", ("m", ARMENIA, CSTO, "FullMember")),
                              _doc("z", "2019-01-01", ("m", ARMENIA, CSTO, "FullMember"))])
    assert _statements(one) == _statements(other)
    assert set(one) == set(statements_graph(reversed([_doc("a", "2017-01-02", ("m", ARMENIA, CSTO, "FullMember")),
                                                      _doc("b", "2018-03-04", ("m", ARMENIA, CSTO, "FullMember"))])))


def test_different_start_dates_give_two_linked_variants():
    g = statements_graph([_doc("a", "2017-01-02", ("m", ARMENIA, CSTO, "FullMember", "1992")),
                          _doc("b", "2018-03-04", ("m", ARMENIA, CSTO, "FullMember", "1994"))])
    a, b = _statements(g)
    assert (a, AKG.variantOf, b) in g and (b, AKG.variantOf, a) in g
    assert {str(g.value(s, AKG.startDate)) for s in (a, b)} == {"1992", "1994"}
    assert all(int(g.value(s, AKG.sourceCount)) == 1 for s in (a, b))


def test_membership_counts_from_statements_are_distinct_members_whatever_the_reports():
    docs = [_doc(f"a{i}", f"2017-01-{i + 1:02d}", ("m", ARMENIA, CSTO, "FullMember")) for i in range(5)]
    docs += [_doc(f"b{i}", f"2017-02-{i + 1:02d}", ("m", BELARUS, CSTO, "FullMember")) for i in range(3)]
    g = statements_graph(docs)
    rows = list(g.query("""PREFIX akg: <https://w3id.org/alliance-kg/ontology#>
        SELECT ?org (COUNT(?m) AS ?n) (SUM(?c) AS ?reports) WHERE {
          ?m a akg:MembershipStatement ; akg:organization ?org ; akg:status akg:FullMember ; akg:sourceCount ?c }
        GROUP BY ?org"""))
    assert [(r.org, int(r.n), int(r.reports)) for r in rows] == [(CSTO, 2, 8)]


def test_events_resolve_by_type_date_place_and_participants():
    moscow = URIRef(ID + "place/Moscow")
    same = ("e", "Meeting", "2017-05-03", moscow, ARMENIA, BELARUS)
    undated = ("e", "Meeting", None, moscow, ARMENIA, BELARUS)
    g = statements_graph([_doc("a", "2017-05-04", same, undated), _doc("b", "2017-05-05", same, undated)])
    events = _statements(g, AKG.EventStatement)
    counts = sorted(int(g.value(e, AKG.sourceCount)) for e in events)
    assert counts == [1, 1, 2]  # the dated meeting is one event; undated reports are not merged
    assert all((e, AKG.eventType, AKG.Meeting) in g for e in events)


def _dataset(*docs: Graph) -> Dataset:
    ds = Dataset()
    ds.graph(ONTOLOGY_GRAPH).__iadd__(load_ontology())
    ents = ds.graph(ENTITIES_GRAPH)
    for state in (ARMENIA, BELARUS):
        ents.add((state, RDF.type, AKG.State))
    ents.add((CSTO, RDF.type, AKG.MilitaryAlliance))
    for d in docs:
        ds.graph(d.identifier).__iadd__(d)
    ds.graph(STATEMENTS_GRAPH).__iadd__(statements_graph(docs))
    return ds


def test_a_contradiction_keeps_both_sides_each_marked():
    ds = _dataset(_doc("a", "2017-01-02", ("m", ARMENIA, CSTO, "FullMember")),
                  _doc("b", "2017-01-02", ("n", ARMENIA, CSTO)),
                  _doc("c", "2017-01-03", ("m", ARMENIA, CSTO, "FullMember")))
    result = reason(ds)
    (c,) = [c for c in result.contradictions if c.kind == "member-and-non-member"]
    statements = ds.graph(STATEMENTS_GRAPH)
    member = _statements(statements)[0]
    (non,) = _statements(statements, AKG.NonMembershipStatement)
    assert {member, non} <= set(c.concerns)
    assert {URIRef(ID + "fact/a/f0"), URIRef(ID + "fact/b/f0"), URIRef(ID + "fact/c/f0")} <= set(c.concerns)
    assert {str(d)[-1] for d in c.documents} == {"a", "b", "c"}
    for side in (member, non):
        assert (side, AKG.disputedIn, c.iri) in result.inferred
        assert (side, None, None) in statements  # nothing is dropped or merged


def test_reasoning_reads_statements_not_reports():
    """Five reports of one membership are one claim: the memberOf shortcut comes from the statement."""
    ds = _dataset(*[_doc(f"a{i}", f"2017-01-{i + 1:02d}", ("m", ARMENIA, CSTO, "FullMember")) for i in range(5)])
    result = reason(ds)
    assert (ARMENIA, AKG.memberOf, CSTO) in result.inferred
    (st,) = _statements(ds.graph(STATEMENTS_GRAPH))
    premises = [p for t, (rule, ps) in result.derivations.items() if t == (ARMENIA, AKG.memberOf, CSTO) for p in ps]
    assert premises and all(p[0] == st for p in premises if p[1] in (AKG.member, AKG.organization))


def test_as_of_reads_statement_dates():
    ds = _dataset(_doc("a", "2017-01-02", ("m", ARMENIA, CSTO, "FullMember", "2002")),
                  _doc("b", "2018-01-02", ("m", ARMENIA, CSTO, "FullMember", "2002")))
    assert (ARMENIA, AKG.memberOf, CSTO) in as_of(ds, "2005").graph(INFERRED_GRAPH)
    assert (ARMENIA, AKG.memberOf, CSTO) not in as_of(ds, "2001").graph(INFERRED_GRAPH)


def test_explain_shows_the_sentence_of_every_source_of_a_statement():
    from kg.reasoning.explain import Explainer, render

    ds = _dataset(*[_doc(f"a{i}", f"2017-01-{i + 1:02d}", ("m", ARMENIA, CSTO, "FullMember")) for i in range(2)])
    ds.graph(INFERRED_GRAPH).__iadd__(reason(ds).inferred)
    ex = Explainer(ds)
    text = "\n".join(render(ex.explain((ARMENIA, AKG.memberOf, CSTO)), ex.kg))
    assert text.count('"sentence 0"') >= 2 and "fact/a0/f0" in text and "fact/a1/f0" in text
