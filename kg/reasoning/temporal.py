"""When a membership status holds: intervals of statements, "latest statement wins", as-of views.

Semantics (also in kg/reasoning/README.md):

* A statement is a node of the statements graph (kg.graph.statements: one per
  distinct membership or non-membership, with every document that states it), or,
  in a dataset without that graph, a Membership or NonMembership node of one
  document. Its documents have publication dates (dcterms:date).
* It holds from F = its startDate, else its document's date (unknown: from
  always). A Former statement holds from the day after its endDate, else from
  its startDate, else from its document's date. A Former statement with both
  dates also says the actor was a full member from startDate to endDate.
* It holds until its endDate if it has one. Otherwise it is presumed to go on
  until a later statement (start >= F, ties included) of the same actor and
  organization with an incompatible status (ontology/rules/statuses.ttl), or
  an end date (>= F) given by another statement of the same status, ends it;
  it still holds at least until its latest document's date (what a source says at
  publication is not undone by an earlier-dated statement: that is a
  contradiction instead).
* "Now" (the timeless shortcuts akg:memberOf etc.) is the end of the
  timeline: a statement holds now when nothing ended it. The build never looks
  at the clock, so a rebuild gives the same graph.
* On an as-of date D (a day, month or year), a statement holds when its
  interval meets D: F <= last day of D and first day of D < end.

Dates are day ordinals; intervals are half-open [start, end).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import date as _date

from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF
from rdflib.term import Node

from kg.dates import PartialDate
from kg.namespaces import AKG, INFERRED_GRAPH
from kg.reasoning.source import Asserted, first_date, to_partial

RULES = Namespace("https://w3id.org/alliance-kg/rules#")
#: Scratch predicate the rule files match: ?statement rules:holdsStatus ?status. Never written out.
HOLDS_STATUS = RULES.holdsStatus
NON_MEMBER = AKG.NonMembership  # pseudo status of a NonMembership statement
NEG_INF = -math.inf
POS_INF = math.inf


@dataclass(frozen=True)
class Claim:
    """One status of one actor in one organization over [start, end), as one statement says."""

    node: Node
    member: Node
    org: Node
    status: Node
    start: float
    end: float  # exclusive; POS_INF while nothing ended it
    floor: float  # the claim holds at least until here (exclusive): its end date or document date
    explicit_end: bool
    documents: tuple[URIRef, ...]

    def holds_now(self) -> bool:
        return self.end == POS_INF

    def holds_on(self, day_first: int, day_last: int) -> bool:
        return self.start <= day_last and day_first < self.end

    def overlaps(self, other: Claim) -> bool:
        return max(self.start, other.start) < min(self.end, other.end)


def _first(d: PartialDate | None) -> float:
    return d.first_day().toordinal() if d else NEG_INF


def _after(d: PartialDate | None) -> float:
    """First day after the date's interval (an exclusive end)."""
    return d.last_day().toordinal() + 1 if d else POS_INF


def _raw_claims(asserted: Asserted) -> list[Claim]:
    g = asserted.union
    claims: list[Claim] = []
    nodes = asserted.fact_nodes(set(g.subjects(AKG.member, None)))
    for node in sorted(nodes, key=str):
        member = g.value(node, AKG.member)
        org = g.value(node, AKG.organization)
        if member is None or org is None:
            continue
        docs = tuple(asserted.documents(node))
        dates = [d for d in (asserted.doc_date(x) for x in docs) if d]
        doc_date = min(dates, default=None)
        start = first_date(g.objects(node, AKG.startDate))
        end = first_date(g.objects(node, AKG.endDate))
        published = _after(max(dates)) if dates else NEG_INF  # what its latest source says at publication
        if (node, RDF.type, AKG.NonMembership) in g or (node, RDF.type, AKG.NonMembershipStatement) in g:
            statuses = [NON_MEMBER]
        else:
            statuses = sorted(set(g.objects(node, AKG.status)), key=str)
        for status in statuses:
            if status == AKG.Former:
                f = _after(end) if end else _first(start or doc_date)
                claims.append(Claim(node, member, org, status, f, POS_INF, max(f, published), False, docs))
                if start and end:
                    until = _after(end)
                    was = (node, member, org, AKG.FullMember, _first(start), until, until, True, docs)
                    claims.append(Claim(*was))
                continue
            f = _first(start or doc_date)
            if end:
                claims.append(Claim(node, member, org, status, f, _after(end), _after(end), True, docs))
            else:
                claims.append(Claim(node, member, org, status, f, POS_INF, max(f, published), False, docs))
    return claims


def load_compatibility(path) -> set[frozenset]:
    """Pairs of statuses that may hold together (ontology/rules/statuses.ttl)."""
    g = Graph().parse(path, format="turtle")
    return {frozenset((s, o)) for s, o in g.subject_objects(RULES.compatibleWith)}


def _compatible(a: Node, b: Node, compat: set[frozenset]) -> bool:
    return a == b or frozenset((a, b)) in compat


def resolve(raw: list[Claim], compat: set[frozenset]) -> list[Claim]:
    """End each open claim at the first later incompatible statement (never before its floor)."""
    by_pair: dict[tuple[Node, Node], list[Claim]] = {}
    for c in raw:
        by_pair.setdefault((c.member, c.org), []).append(c)
    out: list[Claim] = []
    for claims in by_pair.values():
        for c in claims:
            if c.explicit_end:
                out.append(c)
                continue
            cut = POS_INF
            for t in claims:
                if t.node == c.node:
                    continue
                if not _compatible(t.status, c.status, compat) and t.start >= c.start:
                    cut = min(cut, t.start)
                if t.status == c.status and t.explicit_end and t.end > c.start:
                    cut = min(cut, t.end)
            end = POS_INF if cut == POS_INF else max(cut, c.floor)
            out.append(replace(c, end=end))
    return out


def claims_of(asserted: Asserted, compat: set[frozenset]) -> list[Claim]:
    """Every status claim of the dataset, with its resolved interval."""
    return resolve(_raw_claims(asserted), compat)


def day_range(when) -> tuple[int, int]:
    """(first day, last day) ordinals of a PartialDate, ISO string, date or literal."""
    if isinstance(when, _date):
        d = PartialDate.from_date(when)
    else:
        d = to_partial(when)
    if d is None:
        raise ValueError(f"not a date (YYYY, YYYY-MM or YYYY-MM-DD): {when!r}")
    return d.first_day().toordinal(), d.last_day().toordinal()


def holds_triples(claims: list[Claim], at=None) -> dict[tuple, Claim]:
    """Scratch triples (statement rules:holdsStatus status) for claims holding now, or on date `at`."""
    out: dict[tuple, Claim] = {}
    rng = day_range(at) if at is not None else None
    for c in claims:
        ok = c.holds_now() if rng is None else c.holds_on(*rng)
        if ok and c.status != NON_MEMBER:
            out.setdefault((c.node, HOLDS_STATUS, c.status), c)
    return out


def as_of(dataset: Dataset, date, *, engine: str = "default") -> Dataset:
    """A copy of `dataset` whose inferred graph is recomputed from memberships valid on `date`.

    `date` is a PartialDate, an ISO string ("2017", "2017-05", "2017-05-03"), a date or a literal.
    Asserted graphs are copied unchanged; the input dataset is not modified.
    """
    from kg.reasoning.engine import reason  # engine imports this module

    day_range(date)  # fail early on a bad date
    result = reason(dataset, engine=engine, at=date)
    out = Dataset()
    for prefix, ns in dataset.namespaces():
        out.bind(prefix, ns, override=False)
    for s, p, o, g in dataset.quads((None, None, None, None)):
        name = getattr(g, "identifier", g)
        if name != INFERRED_GRAPH:
            out.graph(name).add((s, p, o))
    inferred = out.graph(INFERRED_GRAPH)
    for t in result.inferred:
        inferred.add(t)
    return out


def as_literal(value: float) -> Literal | None:
    """A claim bound as an xsd:date literal (None for an open end), for messages."""
    if value in (NEG_INF, POS_INF):
        return None
    return Literal(_date.fromordinal(int(value)))
