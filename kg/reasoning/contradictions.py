"""Find contradictions: between sources (over time) and between a source and the ontology.

Kinds: neutral-in-military-alliance, member-and-non-member, incompatible-statuses
(temporal, from kg.reasoning.temporal claims), and the ontology's own
constraints (disjoint-types, same-and-different, irreflexive, asymmetric,
nothing), plus any inconsistency owlrl reports as err:ErrorMessage.
"""

from __future__ import annotations

import re
from itertools import combinations

from rdflib import Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS
from rdflib.term import Node

from kg.namespaces import AKG
from kg.reasoning.result import Contradiction, contradiction_iri
from kg.reasoning.source import Asserted
from kg.reasoning.temporal import NEG_INF, NON_MEMBER, POS_INF, Claim, as_literal

_STATUS_WORDS = {
    AKG.FullMember: "a full member of",
    AKG.Observer: "an observer of",
    AKG.Partner: "a partner of",
    AKG.Suspended: "a suspended member of",
    AKG.Former: "a former member of",
    AKG.Candidate: "a candidate for",
    AKG.Applicant: "an applicant to",
    NON_MEMBER: "not a member of",
}


def label(graph: Graph, node: Node) -> str:
    """A readable name: rdfs:label, else the IRI's last segment."""
    value = graph.value(node, RDFS.label)
    if value is not None:
        return str(value)
    text = str(node)
    return re.split(r"[/#]", text.rstrip("/#"))[-1] or text


def _doc_name(doc: URIRef) -> str:
    return str(doc).rsplit("/", 1)[-1]


def _when(c: Claim) -> str:
    start, end = as_literal(c.start), as_literal(c.end) if c.end != POS_INF else None
    if start is None and end is None:
        return "at an unknown time"
    if end is None:
        return f"from {start}"
    return f"from {start or 'an unknown date'} until before {end}"


def _make(kind: str, rule: str, message: str, concerns, documents) -> Contradiction:
    concerns = sorted(set(concerns), key=str)
    return Contradiction(contradiction_iri(kind, concerns), kind, message, concerns,
                         sorted(set(documents), key=str), rule)


def temporal(claims: list[Claim], graph: Graph, compatible) -> list[Contradiction]:
    """(b) member vs non-member and (c) incompatible statuses whose times overlap."""
    out: dict[URIRef, Contradiction] = {}
    by_pair: dict[tuple, list[Claim]] = {}
    for c in claims:
        by_pair.setdefault((c.member, c.org), []).append(c)
    for (member, org), group in by_pair.items():
        for a, b in combinations(sorted(group, key=lambda c: (str(c.node), str(c.status))), 2):
            if a.node == b.node or compatible(a.status, b.status) or not a.overlaps(b):
                continue
            non = NON_MEMBER in (a.status, b.status)
            kind = "member-and-non-member" if non else "incompatible-statuses"
            says = [
                f"{', '.join(_doc_name(d) for d in c.documents) or 'a source'} says "
                f"{label(graph, member)} is {_STATUS_WORDS.get(c.status, label(graph, c.status))} "
                f"{label(graph, org)} {_when(c)}"
                for c in (a, b)
            ]
            msg = f"{says[0]}, but {says[1]}; both cannot hold at the same time."
            con = _make(kind, f"contradiction-{kind}", msg, [a.node, b.node], a.documents + b.documents)
            out.setdefault(con.iri, con)
    return list(out.values())


def _neutrality(asserted: Asserted) -> list[tuple[Node, Node, list[URIRef], float, float]]:
    """(state, statement node, documents, first day, day after) of each neutrality statement."""
    g = asserted.union
    found = []
    covered: set[tuple[Node, URIRef]] = set()
    for node in asserted.fact_nodes(sorted(set(g.subjects(AKG.neutralState, None)), key=str)):
        state = g.value(node, AKG.neutralState)
        docs = asserted.documents(node)
        found.append((state, node, docs))
        covered.update((state, d) for d in docs)
    for state in set(g.subjects(RDF.type, AKG.MilitarilyNeutralState)):
        graphs = asserted.graphs_of_triple.get((state, RDF.type, AKG.MilitarilyNeutralState), set())
        for gname in sorted(graphs):
            if (state, gname) not in covered:
                found.append((state, state, [gname]))
    out = []
    for state, node, docs in found:
        dates = [d for d in (asserted.doc_date(x) for x in docs) if d]
        if dates:
            first, last = min(dates).first_day().toordinal(), max(dates).last_day().toordinal() + 1
        else:
            first, last = NEG_INF, POS_INF
        out.append((state, node, docs, first, last))
    return out


def neutral_in_alliance(asserted: Asserted, closure: Graph, claims: list[Claim]) -> list[Contradiction]:
    """(a) a militarily neutral state (at its document's date) fully in a military alliance then."""
    out: dict[URIRef, Contradiction] = {}
    members: dict[Node, list[Claim]] = {}
    for c in claims:
        if c.status == AKG.FullMember and (c.org, RDF.type, AKG.MilitaryAlliance) in closure:
            members.setdefault(c.member, []).append(c)
    for state, node, docs, first, last in _neutrality(asserted):
        for c in members.get(state, []):
            if not (c.start < last and first < c.end):
                continue
            n_docs = ", ".join(_doc_name(d) for d in docs) or "a source"
            m_docs = ", ".join(_doc_name(d) for d in c.documents) or "a source"
            msg = (
                f"{n_docs} says {label(closure, state)} is militarily neutral, but {m_docs} says it is "
                f"a full member of {label(closure, c.org)}, a military alliance, {_when(c)}."
            )
            con = _make("neutral-in-military-alliance", "contradiction-neutral-in-military-alliance", msg,
                        [node, c.node], list(docs) + list(c.documents))
            out.setdefault(con.iri, con)
    return list(out.values())


def _docs_about(asserted: Asserted, nodes) -> list[URIRef]:
    return [d for n in nodes for d in asserted.documents(n)]


def list_of(graph: Graph, head: Node) -> list[Node]:
    try:
        return list(Collection(graph, head))
    except Exception:  # noqa: BLE001 - a malformed list is simply not checked
        return []


def ontology(asserted: Asserted, closure: Graph) -> list[Contradiction]:
    """(d) violations of the ontology's constraints in the closure (cax-dw, cax-adc, eq-diff*, prp-irp...)."""
    out: list[Contradiction] = []
    g = closure

    def disjoint(c1: Node, c2: Node, rule: str) -> None:
        for x in set(g.subjects(RDF.type, c1)):
            if (x, RDF.type, c2) in g:
                msg = (f"{label(g, x)} is both {label(g, c1)} and {label(g, c2)}, "
                       f"which the ontology says are disjoint ({rule}).")
                out.append(_make("disjoint-types", rule, msg, [x], _docs_about(asserted, [x])))

    for c1, c2 in g.subject_objects(OWL.disjointWith):
        disjoint(c1, c2, "cax-dw")
    for node in g.subjects(RDF.type, OWL.AllDisjointClasses):
        for c1, c2 in combinations(list_of(g, g.value(node, OWL.members)), 2):
            disjoint(c1, c2, "cax-adc")
    for x in set(g.subjects(RDF.type, OWL.Nothing)):
        out.append(_make("nothing", "cls-nothing2", f"{label(g, x)} is an instance of owl:Nothing.", [x],
                         _docs_about(asserted, [x])))

    def different(x: Node, y: Node, rule: str) -> None:
        if x != y and ((x, OWL.sameAs, y) in g or (y, OWL.sameAs, x) in g):
            msg = f"{label(g, x)} and {label(g, y)} are said to be the same and different ({rule})."
            out.append(_make("same-and-different", rule, msg, [x, y], _docs_about(asserted, [x, y])))

    for x, y in g.subject_objects(OWL.differentFrom):
        different(x, y, "eq-diff1")
    # The lists are read from the asserted ontology: in the closure, x sameAs y gives a list cell
    # a second rdf:first (eq-rep-o), and the very clash to be found would make the list unreadable.
    axioms = asserted.ontology if len(asserted.ontology) else g
    for node in axioms.subjects(RDF.type, OWL.AllDifferent):
        for prop, rule in ((OWL.members, "eq-diff2"), (OWL.distinctMembers, "eq-diff3")):
            for x, y in combinations(list_of(axioms, axioms.value(node, prop)), 2):
                different(x, y, rule)
    for p in g.subjects(RDF.type, OWL.IrreflexiveProperty):
        for x, y in g.subject_objects(p):
            if x == y:
                out.append(_make("irreflexive", "prp-irp", f"{label(g, x)} {label(g, p)} itself.", [x],
                                 _docs_about(asserted, [x])))
    for p in g.subjects(RDF.type, OWL.AsymmetricProperty):
        for x, y in g.subject_objects(p):
            if x != y and (y, p, x) in g and str(x) < str(y):
                msg = f"{label(g, x)} and {label(g, y)} are each {label(g, p)} the other."
                out.append(_make("asymmetric", "prp-asyp", msg, [x, y], _docs_about(asserted, [x, y])))
    unique = {c.iri: c for c in out}
    return list(unique.values())


_IRI = re.compile(r"https?://[^\s,;'\"<>()]+")


def from_engine_errors(errors: list[tuple[Node, str]], asserted: Asserted, known: list[Contradiction]):
    """owlrl's err:ErrorMessage texts as contradictions, unless one of ours already covers them."""
    covered = {n for c in known for n in c.concerns}
    out: dict[URIRef, Contradiction] = {}
    for _, message in errors:
        nodes = [URIRef(m.rstrip(".")) for m in _IRI.findall(message)]
        individuals = [n for n in nodes if n not in asserted.ontology.subjects()]
        if individuals and set(individuals) <= covered:
            continue
        con = _make("owl-inconsistency", "owlrl", f"The OWL 2 RL reasoner reports: {message}",
                    individuals or nodes, _docs_about(asserted, individuals))
        out.setdefault(con.iri, con)
    return list(out.values())
