"""Why does the KG hold a triple? A proof tree down to asserted triples, documents and evidence.

OWL 2 RL engines do not record derivations, so explanations re-derive on
demand: each OWL 2 RL rule (cax-sco, prp-dom, prp-inv1, prp-trp, ...) and each
domain rule file is matched backwards against the whole KG, and a depth-first
search with a visited set keeps the proof well-founded (no triple is used to
prove itself). Schema triples the ontology entails (scm-*) count as given.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS
from rdflib.term import Node

from kg.namespaces import AKG, INFERRED_GRAPH, PREFIXES
from kg.reasoning.closure import make_engine
from kg.reasoning.engine import compatibility, domain_rules
from kg.reasoning.rules import Rule, derivations_of
from kg.reasoning.source import Asserted, split_dataset
from kg.reasoning.temporal import Claim, claims_of, holds_triples

Triple = tuple[Node, Node, Node]
MAX_DEPTH = 60


@dataclass
class Step:
    """One node of a proof: a triple, the rule that gives it (None: asserted) and its premises."""

    triple: Triple
    rule: str | None
    graphs: list[URIRef] = field(default_factory=list)
    premises: list[Step] = field(default_factory=list)

    def leaves(self) -> Iterator[Step]:
        if not self.premises:
            yield self
        for p in self.premises:
            yield from p.leaves()

    def rules(self) -> set[str]:
        found = {self.rule} if self.rule else set()
        for p in self.premises:
            found |= p.rules()
        return found


class Explainer:
    """Proofs over one dataset (asserted graphs plus its inferred graph, if any)."""

    def __init__(self, dataset: Dataset, *, at=None, engine: str = "default") -> None:
        self.asserted: Asserted = split_dataset(dataset)
        self.inferred = Graph()
        for s, p, o, _g in dataset.quads((None, None, None, INFERRED_GRAPH)):
            self.inferred.add((s, p, o))
        self.claims: dict[Triple, Claim] = holds_triples(claims_of(self.asserted, compatibility()), at)
        eng = make_engine(engine)
        eng.add(self.asserted.ontology)
        self.schema = set(eng.run())  # what the ontology alone entails (scm-* rules)
        self.kg = Graph()
        for prefix, ns in PREFIXES.items():
            self.kg.bind(prefix, ns)
        for source in (self.asserted.union, self.inferred, self.claims, self.schema):
            for t in source:
                self.kg.add(t)
        self.rules: list[Rule] = domain_rules()
        self.contradiction_nodes = set(self.inferred.subjects(RDF.type, AKG.Contradiction))
        self._memo: dict[Triple, Step] = {}

    # -- search ---------------------------------------------------------------------------------
    def explain(self, triple: Triple) -> Step | None:
        """A proof of `triple`, or None if the KG does not hold or entail it."""
        if triple not in self.kg:
            return None
        return self._prove(triple, set(), 0)

    def _prove(self, t: Triple, stack: set[Triple], depth: int) -> Step | None:
        if t in self._memo:
            return self._memo[t]
        graphs = sorted(self.asserted.graphs_of_triple.get(t, ()), key=str)
        if t in self.asserted.union:
            step = Step(t, None, graphs)
            self._memo[t] = step
            return step
        if t in stack or depth > MAX_DEPTH:
            return None
        stack.add(t)
        try:
            for rule, premises in self._candidates(t):
                subs = []
                for p in premises:
                    sub = self._prove(p, stack, depth + 1)
                    if sub is None:
                        break
                    subs.append(sub)
                else:
                    step = Step(t, rule, [], subs)
                    self._memo[t] = step
                    return step
        finally:
            stack.discard(t)
        return None

    def _has(self, t: Triple) -> bool:
        return t in self.kg

    def _candidates(self, t: Triple) -> Iterator[tuple[str, list[Triple]]]:
        s, p, o = t
        g = self.kg
        if t in self.claims:
            yield "temporal-holds", self._claim_premises(self.claims[t])
            return
        if s in self.contradiction_nodes:
            yield "contradiction", self._contradiction_premises(s)
            return
        if p == AKG.disputedIn and o in self.contradiction_nodes:  # the mark on each side of a contradiction
            yield "contradiction-side", [(o, AKG.concerns, s)]
            return
        if t in self.schema and t not in self.inferred:
            yield from self._schema(t)
            return
        for rule in self.rules:
            for premises in derivations_of(rule, g, t):
                yield rule.id, premises
        if p == RDF.type:
            yield from self._types(s, o)
        else:
            yield from self._properties(s, p, o)
        for s2 in g.subjects(OWL.sameAs, s):
            if s2 != s and self._has((s2, p, o)):
                yield "eq-rep-s", [(s2, OWL.sameAs, s), (s2, p, o)]

    def _types(self, s: Node, c: Node) -> Iterator[tuple[str, list[Triple]]]:
        g = self.kg
        for c1 in g.subjects(RDFS.subClassOf, c):
            if c1 != c and self._has((s, RDF.type, c1)):
                yield "cax-sco", [(s, RDF.type, c1), (c1, RDFS.subClassOf, c)]
        for c1 in g.objects(c, OWL.equivalentClass):
            if c1 != c and self._has((s, RDF.type, c1)):
                yield "cax-eqc2", [(s, RDF.type, c1), (c, OWL.equivalentClass, c1)]
        for c1 in g.subjects(OWL.equivalentClass, c):
            if c1 != c and self._has((s, RDF.type, c1)):
                yield "cax-eqc1", [(s, RDF.type, c1), (c1, OWL.equivalentClass, c)]
        for prop in g.subjects(RDFS.domain, c):
            for x in g.objects(s, prop):
                yield "prp-dom", [(prop, RDFS.domain, c), (s, prop, x)]
                break
        for prop in g.subjects(RDFS.range, c):
            for x in g.subjects(prop, s):
                yield "prp-rng", [(prop, RDFS.range, c), (x, prop, s)]
                break
        for head in g.objects(c, OWL.intersectionOf):
            members = list(Collection(g, head))
            if members and all(self._has((s, RDF.type, m)) for m in members):
                yield "cls-int1", [(c, OWL.intersectionOf, head)] + [(s, RDF.type, m) for m in members]
        for head in g.objects(c, OWL.unionOf):
            for m in Collection(g, head):
                if self._has((s, RDF.type, m)):
                    yield "cls-uni", [(c, OWL.unionOf, head), (s, RDF.type, m)]
        for prop in g.objects(c, OWL.onProperty):
            for y in g.objects(c, OWL.someValuesFrom):
                for x in g.objects(s, prop):
                    if y == OWL.Thing or self._has((x, RDF.type, y)):
                        extra = [] if y == OWL.Thing else [(x, RDF.type, y)]
                        yield "cls-svf1", [(c, OWL.someValuesFrom, y), (c, OWL.onProperty, prop), (s, prop, x)] + extra
            for v in g.objects(c, OWL.hasValue):
                if self._has((s, prop, v)):
                    yield "cls-hv2", [(c, OWL.hasValue, v), (c, OWL.onProperty, prop), (s, prop, v)]

    def _properties(self, s: Node, p: Node, o: Node) -> Iterator[tuple[str, list[Triple]]]:
        g = self.kg
        for p1 in g.subjects(RDFS.subPropertyOf, p):
            if p1 != p and self._has((s, p1, o)):
                yield "prp-spo1", [(p1, RDFS.subPropertyOf, p), (s, p1, o)]
        for p1 in g.objects(p, OWL.equivalentProperty):
            if p1 != p and self._has((s, p1, o)):
                yield "prp-eqp2", [(p, OWL.equivalentProperty, p1), (s, p1, o)]
        for p1 in g.subjects(OWL.equivalentProperty, p):
            if p1 != p and self._has((s, p1, o)):
                yield "prp-eqp1", [(p1, OWL.equivalentProperty, p), (s, p1, o)]
        for q in g.objects(p, OWL.inverseOf):
            if self._has((o, q, s)):
                yield "prp-inv1", [(p, OWL.inverseOf, q), (o, q, s)]
        for q in g.subjects(OWL.inverseOf, p):
            if self._has((o, q, s)):
                yield "prp-inv2", [(q, OWL.inverseOf, p), (o, q, s)]
        if self._has((p, RDF.type, OWL.SymmetricProperty)) and self._has((o, p, s)):
            yield "prp-symp", [(p, RDF.type, OWL.SymmetricProperty), (o, p, s)]
        if self._has((p, RDF.type, OWL.TransitiveProperty)):
            for m in g.objects(s, p):
                if m not in (s, o) and self._has((m, p, o)):
                    yield "prp-trp", [(p, RDF.type, OWL.TransitiveProperty), (s, p, m), (m, p, o)]
        for head in g.objects(p, OWL.propertyChainAxiom):
            chain = list(Collection(g, head))
            if len(chain) == 2:
                for m in g.objects(s, chain[0]):
                    if self._has((m, chain[1], o)):
                        yield "prp-spo2", [(p, OWL.propertyChainAxiom, head), (s, chain[0], m), (m, chain[1], o)]
        for c in g.objects(s, RDF.type):
            if self._has((c, OWL.onProperty, p)) and self._has((c, OWL.hasValue, o)):
                yield "cls-hv1", [(c, OWL.hasValue, o), (c, OWL.onProperty, p), (s, RDF.type, c)]

    def _schema(self, t: Triple) -> Iterator[tuple[str, list[Triple]]]:
        """A schema triple entailed by the ontology alone: show a chain of asserted axioms if simple."""
        s, p, o = t
        onto = self.asserted.ontology
        if p in (RDFS.subClassOf, RDFS.subPropertyOf):
            path = _path(onto, s, o, p)
            if path:
                yield ("scm-sco" if p == RDFS.subClassOf else "scm-spo"), path
                return
        yield "scm (entailed by the ontology)", []

    def _claim_premises(self, c: Claim) -> list[Triple]:
        g = self.asserted.union
        out = [(c.node, pred, obj) for pred in (AKG.status, AKG.startDate, AKG.endDate, AKG.member,
                                                AKG.organization) for obj in g.objects(c.node, pred)]
        for d in c.documents:
            out += [(d, DCTERMS.date, v) for v in g.objects(d, DCTERMS.date)]
        return [t for t in out if t in g]

    def _contradiction_premises(self, node: Node) -> list[Triple]:
        g = self.asserted.union
        keys = (RDF.type, AKG.status, AKG.member, AKG.organization, AKG.neutralState)
        out = []
        for x in self.inferred.objects(node, AKG.concerns):
            out += [(x, k, v) for k in keys for v in g.objects(x, k)]
        return out


def _path(onto: Graph, start: Node, goal: Node, prop: Node) -> list[Triple] | None:
    """Edges of a shortest prop-chain (following equivalence both ways) from start to goal."""
    eq = OWL.equivalentClass if prop == RDFS.subClassOf else OWL.equivalentProperty
    frontier, parent = [start], {start: None}
    for _ in range(MAX_DEPTH):
        nxt = []
        for node in frontier:
            edges = [(node, prop, y) for y in onto.objects(node, prop)]
            edges += [(node, eq, y) for y in onto.objects(node, eq)]
            edges += [(y, eq, node) for y in onto.subjects(eq, node)]
            for e in edges:
                y = e[2] if e[0] == node else e[0]
                if y not in parent:
                    parent[y] = (node, e)
                    nxt.append(y)
        if goal in parent:
            path, node = [], goal
            while parent[node] is not None:
                node, edge = parent[node]
                path.append(edge)
            return list(reversed(path))
        if not nxt:
            return None
        frontier = nxt
    return None


def render(step: Step, graph: Graph, *, indent: str = "", _seen: set | None = None) -> list[str]:
    """A proof as indented text lines, with documents and evidence sentences of asserted facts."""
    seen = set() if _seen is None else _seen

    def name(term: Node) -> str:
        if isinstance(term, Literal):
            return term.n3(graph.namespace_manager)
        try:
            return graph.namespace_manager.normalizeUri(term) if isinstance(term, URIRef) else term.n3()
        except Exception:  # noqa: BLE001 - fall back to the full IRI
            return term.n3()

    s, p, o = step.triple
    text = f"{name(s)} {name(p)} {name(o)}"
    if step.rule is None:
        where = ", ".join(name(g) for g in step.graphs) or "asserted"
        lines = [f"{indent}{text}    [asserted in {where}]"]
        if s not in seen:
            seen.add(s)
            for ev in graph.objects(s, AKG.evidence):
                lines.append(f'{indent}    evidence: "{ev}"')
            for fact in sorted(graph.objects(s, AKG.statedBy), key=str):  # a statement: each source's sentence
                for ev in graph.objects(fact, AKG.evidence):
                    lines.append(f'{indent}    stated by {name(fact)}: "{ev}"')
    else:
        lines = [f"{indent}{text}    [{step.rule}]"]
    for sub in step.premises:
        lines += render(sub, graph, indent=indent + "  ", _seen=seen)
    return lines


def documents_of(step: Step, asserted: Asserted) -> list[URIRef]:
    """The documents a proof rests on (graphs of its asserted leaves that are documents)."""
    docs = set()
    for leaf in step.leaves():
        for g in leaf.graphs:
            docs.update(asserted.documents(leaf.triple[0]) or [])
            if g in asserted.union.subjects(RDF.type, AKG.Document):
                docs.add(g)
    return sorted(docs, key=str)
