"""Document graphs → the statements graph: one node per distinct fact across the corpus.

Every article that says "Armenia is a member of the CSTO" keeps its own fact node
(evidence, offsets, rule) in its document graph; this stage adds ONE statement for
the fact, with its qualifiers, a link to every fact node that states it
(`akg:statedBy`), every document (`akg:statedIn`), how many documents
(`akg:sourceCount`) and the earliest and latest publication date
(`akg:firstReported`, `akg:lastReported`). Counting statements counts facts, not
reports (docs/ARCHITECTURE.md, "The statements graph").

Identity of a statement (its key; the IRI is a hash of it, so rebuilds give the same bytes):

* membership: (member, organization, status, start, end); non-membership: (member, organization)
* post: (holder, role, post in, former, acting, start, end)
* neutrality: (state)
* event: a named event (one IRI across documents) with its dates; an unnamed one by
  (type, date, end date, location, participants) when it is dated, else it stays alone.

Statements that differ only in their dates (same member, organization and status;
same holder, role, post; same named event) are linked both ways by `akg:variantOf`:
the sources disagree on when, and the graph shows both sides rather than choosing.
Contradictions between statements are found by reasoning, which marks each side.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS
from rdflib.term import Node

from kg.dates import PartialDate
from kg.iri import mint
from kg.namespaces import AKG, ID, STATEMENTS_GRAPH

EVENT_TYPES = frozenset(AKG[t] for t in ("Event", "Meeting", "Talks", "MilitaryExercise", "Agreement", "Election",
                                         "Forum"))
#: Statement class per kind (ontology/akg.ttl).
CLASSES = {"membership": AKG.MembershipStatement, "nonmembership": AKG.NonMembershipStatement,
           "post": AKG.PostStatement, "neutrality": AKG.NeutralStateStatement, "event": AKG.EventStatement}


@dataclass
class _Statement:
    kind: str
    key: tuple
    variant_key: tuple | None
    props: list[tuple[URIRef, Node]]
    nodes: set[Node] = field(default_factory=set)
    docs: set[URIRef] = field(default_factory=set)
    extra: set[tuple[URIRef, Node]] = field(default_factory=set)  #: unioned over sources (event participants...)
    planned: list[bool] = field(default_factory=list)

    @property
    def iri(self) -> URIRef:
        text = "|".join(_key_text(k) for k in self.key)
        return mint(ID, "statement", f"{self.kind}-{hashlib.sha1(text.encode('utf-8')).hexdigest()[:16]}")


def _key_text(part: object) -> str:
    if isinstance(part, frozenset | tuple):
        return "{" + ",".join(sorted(_key_text(p) for p in part)) + "}"
    if isinstance(part, Literal):
        return f"{part}^^{part.datatype or ''}"
    return "" if part is None else str(part)


def _one(po: dict[URIRef, list[Node]], p: URIRef) -> Node | None:
    values = po.get(p)
    return min(values, key=str) if values else None


def _flag(po: dict[URIRef, list[Node]], p: URIRef) -> bool:
    return any(str(v).lower() == "true" for v in po.get(p, ()))


def _date(value: Node | None) -> PartialDate | None:
    try:
        return PartialDate.parse(str(value)) if value is not None else None
    except ValueError:
        return None


def _facts_of(doc: URIRef, graph: Graph) -> Iterable[tuple[Node, str, tuple, tuple | None, list, set]]:
    """(node, kind, key, variant key, qualifiers, unioned extras) of each fact node of one document graph."""
    po_of: dict[Node, dict[URIRef, list[Node]]] = defaultdict(lambda: defaultdict(list))
    for s, p, o in graph:
        po_of[s][p].append(o)
    local_events = str(mint(ID, "event", str(doc).rsplit("/", 1)[-1])) + "/"
    for node in sorted(po_of, key=str):
        po = po_of[node]
        types = set(po.get(RDF.type, ()))
        if AKG.Membership in types:
            m, o, st = _one(po, AKG.member), _one(po, AKG.organization), _one(po, AKG.status)
            if m is None or o is None or st is None:
                continue
            start, end = _one(po, AKG.startDate), _one(po, AKG.endDate)
            props = [(AKG.member, m), (AKG.organization, o), (AKG.status, st)]
            props += [(p, v) for p, v in ((AKG.startDate, start), (AKG.endDate, end)) if v is not None]
            yield node, "membership", (m, o, st, start, end), (m, o, st), props, set()
        elif AKG.NonMembership in types:
            m, o = _one(po, AKG.member), _one(po, AKG.organization)
            if m is not None and o is not None:
                yield node, "nonmembership", (m, o), None, [(AKG.member, m), (AKG.organization, o)], set()
        elif AKG.Post in types:
            h, r, inn = _one(po, AKG.holder), _one(po, AKG.role), _one(po, AKG.postIn)
            if h is None or r is None or inn is None:
                continue
            former, acting = _flag(po, AKG.former), _flag(po, AKG.acting)
            start, end = _one(po, AKG.startDate), _one(po, AKG.endDate)
            props = [(AKG.holder, h), (AKG.role, r), (AKG.postIn, inn)]
            props += [(p, Literal(True)) for p, flag in ((AKG.former, former), (AKG.acting, acting)) if flag]
            props += [(p, v) for p, v in ((AKG.startDate, start), (AKG.endDate, end)) if v is not None]
            yield node, "post", (h, r, inn, former, acting, start, end), (h, r, inn, former, acting), props, set()
        elif AKG.NeutralityStatement in types:
            state = _one(po, AKG.neutralState)
            if state is not None:
                yield node, "neutrality", (state,), None, [(AKG.neutralState, state)], set()
        elif types & EVENT_TYPES:
            yield _event(node, po, types, local_events)


def _event(node: Node, po: dict, types: set, local_prefix: str) -> tuple:
    etype = min(types & EVENT_TYPES, key=str)
    date, end = _one(po, AKG.date), _one(po, AKG.endDate)
    participants = frozenset(po.get(AKG.participant, ()))
    locations = frozenset(po.get(AKG.location, ()))
    props = [(AKG.eventType, etype)] + [(p, v) for p, v in ((AKG.date, date), (AKG.endDate, end)) if v is not None]
    extra = {(AKG.participant, p) for p in participants} | {(AKG.location, loc) for loc in locations}
    if not str(node).startswith(local_prefix):  # a named event: one IRI across documents
        extra |= {(RDFS.label, v) for v in po.get(RDFS.label, ())}
        extra |= {(SKOS.altLabel, v) for v in po.get(SKOS.altLabel, ())}
        return node, "event", (node, date, end), (node,), props + [(AKG.aboutEvent, node)], extra
    if date is None:  # an undated, unnamed event: nothing says two reports are one event
        return node, "event", (node,), None, props, extra
    return node, "event", (etype, date, end, locations, participants), None, props, extra


def statements_graph(documents: Iterable[Graph], identifier: URIRef = STATEMENTS_GRAPH) -> Graph:
    """The statements graph of the given document graphs (each named by its document IRI)."""
    found: dict[tuple, _Statement] = {}
    published: dict[URIRef, PartialDate] = {}
    for graph in documents:
        doc = graph.identifier
        when = _date(graph.value(doc, DCTERMS.date))
        if when is not None:
            published[doc] = when
        for node, kind, key, variant_key, props, extra in _facts_of(doc, graph):
            st = found.setdefault((kind, *key), _Statement(kind, key, variant_key, props))
            st.nodes.add(node)
            st.docs.add(doc)
            st.extra |= extra
            if kind == "event":
                st.planned.append(any(str(v).lower() == "true" for v in graph.objects(node, AKG.planned)))
    g = Graph(identifier=identifier)
    variants: dict[tuple, list[_Statement]] = defaultdict(list)
    for st in found.values():
        _write(g, st, published)
        if st.variant_key is not None:
            variants[(st.kind, *st.variant_key)].append(st)
    for group in variants.values():
        for a in group:
            for b in group:
                if a is not b:
                    g.add((a.iri, AKG.variantOf, b.iri))
    return g


def _write(g: Graph, st: _Statement, published: dict[URIRef, PartialDate]) -> None:
    node = st.iri
    g.add((node, RDF.type, CLASSES[st.kind]))
    for p, v in list(st.props) + sorted(st.extra, key=str):
        g.add((node, p, v))
    if st.planned and all(st.planned):  # once any source reports it as held, it was held
        g.add((node, AKG.planned, Literal(True)))
    for n in st.nodes:
        g.add((node, AKG.statedBy, n))
    for d in st.docs:
        g.add((node, AKG.statedIn, d))
    g.add((node, AKG.sourceCount, Literal(len(st.docs), datatype=XSD.integer)))
    dates = sorted(published[d] for d in st.docs if d in published)
    if dates:
        g.add((node, AKG.firstReported, dates[0].literal()))
        g.add((node, AKG.lastReported, dates[-1].literal()))
