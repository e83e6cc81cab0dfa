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

from rdflib import RDF, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS
from rdflib.term import Node

from kg.dates import PartialDate
from kg.iri import mint
from kg.namespaces import AKG, ID, STATEMENTS_GRAPH

EVENT_TYPES = frozenset(AKG[t] for t in ("Event", "Meeting", "Talks", "MilitaryExercise", "Agreement", "Election",
                                         "Forum"))
#: Statement class per kind (ontology/akg.ttl).
CLASSES = {"membership": AKG.MembershipStatement, "nonmembership": AKG.NonMembershipStatement,
           "post": AKG.PostStatement, "neutrality": AKG.NeutralStateStatement, "event": AKG.EventStatement}


class _T:
    """Ontology terms looked up once: rdflib's Namespace builds and checks a new URIRef per access."""

    Membership = AKG.Membership
    NeutralityStatement = AKG.NeutralityStatement
    NonMembership = AKG.NonMembership
    Post = AKG.Post
    aboutEvent = AKG.aboutEvent
    acting = AKG.acting
    date = AKG.date
    endDate = AKG.endDate
    eventType = AKG.eventType
    former = AKG.former
    holder = AKG.holder
    location = AKG.location
    member = AKG.member
    neutralState = AKG.neutralState
    organization = AKG.organization
    participant = AKG.participant
    planned = AKG.planned
    postIn = AKG.postIn
    role = AKG.role
    startDate = AKG.startDate
    status = AKG.status


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

    _iri: URIRef | None = None

    @property
    def iri(self) -> URIRef:
        if self._iri is None:
            text = "|".join(_key_text(k) for k in self.key)
            self._iri = mint(ID, "statement", f"{self.kind}-{hashlib.sha1(text.encode('utf-8')).hexdigest()[:16]}")
        return self._iri


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
        types = set(po.get(_TYPE, ()))
        if _T.Membership in types:
            m, o, st = _one(po, _T.member), _one(po, _T.organization), _one(po, _T.status)
            if m is None or o is None or st is None:
                continue
            start, end = _one(po, _T.startDate), _one(po, _T.endDate)
            props = [(_T.member, m), (_T.organization, o), (_T.status, st)]
            props += [(p, v) for p, v in ((_T.startDate, start), (_T.endDate, end)) if v is not None]
            yield node, "membership", (m, o, st, start, end), (m, o, st), props, set()
        elif _T.NonMembership in types:
            m, o = _one(po, _T.member), _one(po, _T.organization)
            if m is not None and o is not None:
                yield node, "nonmembership", (m, o), None, [(_T.member, m), (_T.organization, o)], set()
        elif _T.Post in types:
            h, r, inn = _one(po, _T.holder), _one(po, _T.role), _one(po, _T.postIn)
            if h is None or r is None or inn is None:
                continue
            former, acting = _flag(po, _T.former), _flag(po, _T.acting)
            start, end = _one(po, _T.startDate), _one(po, _T.endDate)
            props = [(_T.holder, h), (_T.role, r), (_T.postIn, inn)]
            props += [(p, Literal(True)) for p, flag in ((_T.former, former), (_T.acting, acting)) if flag]
            props += [(p, v) for p, v in ((_T.startDate, start), (_T.endDate, end)) if v is not None]
            yield node, "post", (h, r, inn, former, acting, start, end), (h, r, inn, former, acting), props, set()
        elif _T.NeutralityStatement in types:
            state = _one(po, _T.neutralState)
            if state is not None:
                yield node, "neutrality", (state,), None, [(_T.neutralState, state)], set()
        elif types & EVENT_TYPES:
            yield _event(node, po, types, local_events)


def _event(node: Node, po: dict, types: set, local_prefix: str) -> tuple:
    etype = min(types & EVENT_TYPES, key=str)
    date, end = _one(po, _T.date), _one(po, _T.endDate)
    participants = frozenset(po.get(_T.participant, ()))
    locations = frozenset(po.get(_T.location, ()))
    props = [(_T.eventType, etype)] + [(p, v) for p, v in ((_T.date, date), (_T.endDate, end)) if v is not None]
    extra = {(_T.participant, p) for p in participants} | {(_T.location, loc) for loc in locations}
    if not str(node).startswith(local_prefix):  # a named event: one IRI across documents
        # (its name stays on the event the statement is about: a statement labelled with it would be a second
        # node of that name, which splits the event for anyone resolving entities by name)
        return node, "event", (node, date, end), (node,), props + [(_T.aboutEvent, node)], extra
    if date is None:  # an undated, unnamed event: nothing says two reports are one event
        return node, "event", (node,), None, props, extra
    return node, "event", (etype, date, end, locations, participants), None, props, extra


def statements_graph(documents: Iterable[Graph], identifier: URIRef = STATEMENTS_GRAPH) -> Graph:
    """The statements graph of the given document graphs (each named by its document IRI)."""
    g = Graph(identifier=identifier)
    g.addN((s, p, o, g) for s, p, o in statement_triples(documents))
    return g


def statement_triples(documents: Iterable[Graph]) -> list[tuple[Node, Node, Node]]:
    """The triples of the statements graph, as a list (rdflib's per-triple add is the costly part:
    the build adds them once, straight into its dataset)."""
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
                st.planned.append(any(str(v).lower() == "true" for v in graph.objects(node, _T.planned)))
    out: list[tuple[Node, Node, Node]] = []
    variants: dict[tuple, list[_Statement]] = defaultdict(list)
    literals: dict[PartialDate, Literal] = {}
    for st in found.values():
        _write(out, st, published, literals)
        if st.variant_key is not None:
            variants[(st.kind, *st.variant_key)].append(st)
    for group in variants.values():
        for a in group:
            for b in group:
                if a is not b:
                    out.append((a.iri, _VARIANT_OF, b.iri))
    return out


_VARIANT_OF, _STATED_BY, _STATED_IN, _SOURCES = AKG.variantOf, AKG.statedBy, AKG.statedIn, AKG.sourceCount
_FIRST, _LAST, _PLANNED = AKG.firstReported, AKG.lastReported, AKG.planned
_TYPE = RDF.type


def _write(out: list, st: _Statement, published: dict[URIRef, PartialDate], literals: dict) -> None:
    node = st.iri
    out.append((node, RDF.type, CLASSES[st.kind]))
    out.extend((node, p, v) for p, v in list(st.props) + sorted(st.extra, key=str))
    if st.planned and all(st.planned):  # once any source reports it as held, it was held
        out.append((node, _PLANNED, Literal(True)))
    out.extend((node, _STATED_BY, n) for n in st.nodes)
    out.extend((node, _STATED_IN, d) for d in st.docs)
    out.append((node, _SOURCES, Literal(len(st.docs), datatype=XSD.integer)))
    dates = [published[d] for d in st.docs if d in published]
    if dates:
        first, last = min(dates), max(dates)
        for prop, day in ((_FIRST, first), (_LAST, last)):
            if day not in literals:
                literals[day] = day.literal()
            out.append((node, prop, literals[day]))
