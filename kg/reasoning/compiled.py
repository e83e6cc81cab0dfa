"""The OWL 2 RL closure of a small TBox compiled to lookup tables, then one linear pass over the data.

`reasonable` spent most of a build's reasoning (58 s of 617k triples at 1,000
articles) joining rules over the whole data and converting its answer back to
rdflib terms. The ontology only uses a few constructs (subclasses, sub- and
inverse properties, domains, ranges, symmetric and transitive properties), and
for those every rule that derives data is "one triple in, a few out" once the
TBox is known: so the TBox is closed into tables and each data triple is
expanded by a table lookup (a worklist, so derived triples are expanded too;
transitive properties are joined incrementally on their own small index).

Anything outside that subset (restrictions, property chains that matter,
owl:sameAs in the data, keys, functional axioms left in) makes the engine hand
everything to `reasonable` instead, so the result never depends on which one ran
(tests/test_reasoning_compiled.py compares both on the seed and synthetic data).
"""

from __future__ import annotations

import gc
from collections import defaultdict, deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from rdflib import Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS
from rdflib.term import Node

from kg.reasoning.closure import ReasonableClosure

Triple = tuple[Node, Node, Node]

_TYPE = RDF.type
#: schema predicates the tables are made from
_SCHEMA = {RDFS.subClassOf, RDFS.subPropertyOf, RDFS.domain, RDFS.range, OWL.inverseOf, OWL.equivalentClass,
           OWL.equivalentProperty}
#: OWL/RDFS predicates that derive nothing about the data here (checks, lists, annotations, ignored chains)
_INERT = {OWL.disjointWith, OWL.members, OWL.distinctMembers, OWL.differentFrom, OWL.propertyChainAxiom,
          OWL.versionInfo, OWL.imports, OWL.versionIRI, OWL.priorVersion, OWL.deprecated, RDFS.label,
          RDFS.comment, RDFS.seeAlso, RDFS.isDefinedBy, RDF.first, RDF.rest, RDF.value}
#: types that say nothing the tables need (declarations, and checks done in kg.reasoning.contradictions)
_INERT_TYPES = {OWL.Class, RDFS.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty,
                OWL.NamedIndividual, OWL.Ontology, OWL.AllDisjointClasses, OWL.AllDifferent, RDF.Property,
                RDFS.Datatype, OWL.IrreflexiveProperty, OWL.AsymmetricProperty, RDF.List, OWL.Thing}
_OWL, _RDFS = str(OWL), str(RDFS)


@contextmanager
def _no_gc() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class Unsupported(Exception):
    """The triples use a construct the tables do not cover."""


def _closure(edges: dict[Node, set[Node]]) -> dict[Node, set[Node]]:
    """Reflexive-free transitive closure of a small relation (the TBox's hierarchies)."""
    out: dict[Node, set[Node]] = {}
    for start in edges:
        seen: set[Node] = set()
        todo = list(edges[start])
        while todo:
            n = todo.pop()
            if n not in seen:
                seen.add(n)
                todo.extend(edges.get(n, ()))
        seen.discard(start)
        out[start] = seen
    return out


class Tables:
    """The TBox as lookups: super-classes, super-properties, inverses, domains, ranges, transitive set."""

    def __init__(self, triples: Iterable[Triple]) -> None:
        sub_class: dict[Node, set[Node]] = defaultdict(set)
        sub_prop: dict[Node, set[Node]] = defaultdict(set)
        inverse: dict[Node, set[Node]] = defaultdict(set)
        domain: dict[Node, set[Node]] = defaultdict(set)
        rng: dict[Node, set[Node]] = defaultdict(set)
        self.transitive: set[Node] = set()
        for s, p, o in triples:
            if p == _TYPE:
                if o in _INERT_TYPES:
                    continue
                if o == OWL.SymmetricProperty:
                    inverse[s].add(s)
                elif o == OWL.TransitiveProperty:
                    self.transitive.add(s)
                elif str(o).startswith((_OWL, _RDFS)):
                    raise Unsupported(f"{o} (of {s})")
                continue
            if p in _INERT:
                continue
            if p not in _SCHEMA:
                if str(p).startswith((_OWL, _RDFS)):
                    raise Unsupported(str(p))
                continue
            if not isinstance(s, URIRef) or not isinstance(o, URIRef):
                raise Unsupported(f"{p} with a blank node or literal")
            if p == RDFS.subClassOf:
                sub_class[s].add(o)
            elif p == OWL.equivalentClass:
                sub_class[s].add(o)
                sub_class[o].add(s)
            elif p == RDFS.subPropertyOf:
                sub_prop[s].add(o)
            elif p == OWL.equivalentProperty:
                sub_prop[s].add(o)
                sub_prop[o].add(s)
            elif p == OWL.inverseOf:
                inverse[s].add(o)
                inverse[o].add(s)
            elif p == RDFS.domain:
                domain[s].add(o)
            else:
                rng[s].add(o)
        self.classes = _closure(sub_class)
        self.properties = _closure(sub_prop)
        self.inverse, self.domain, self.range = dict(inverse), dict(domain), dict(rng)


_eq, _SAME_AS = str.__eq__, str(OWL.sameAs)  # predicates are IRIs, so equal text is the same term


def _is_schema(t: Triple) -> bool:
    s, p, o = t
    if p == _TYPE:
        return o not in _INERT_TYPES and str(o).startswith((_OWL, _RDFS))
    return p in _SCHEMA or (p not in _INERT and str(p).startswith((_OWL, _RDFS)))


class CompiledClosure:
    """Same interface as ReasonableClosure (add, run, base, errors); falls back to it when unsupported."""

    name = "compiled"

    def __init__(self) -> None:
        self.errors: list[tuple[Node, str]] = []
        self._base: list[Triple] = []
        self._pending: list[Triple] = []
        self._all: dict[tuple[int, int, int], None] = {}  # insertion-ordered set: the closure, coded
        self._ids: dict[Node, int] = {}
        self._terms: list[Node] = []
        self._literals: set[int] = set()
        self._tables: Tables | None = None
        self._succ: dict[int, dict[int, set[int]]] = {}
        self._pred: dict[int, dict[int, set[int]]] = {}
        self._fallback: ReasonableClosure | None = None

    def add(self, triples: Iterable[Triple]) -> None:
        batch = list(triples)
        self._base.extend(batch)
        if self._fallback is not None:
            self._fallback.add(batch)
        else:
            self._pending.extend(batch)

    def add_file(self, path) -> bool:
        return False

    def base(self) -> list[Triple]:
        return list(self._base)

    def run(self, plain: bool = True) -> list[Triple]:
        if self._fallback is not None:
            return self._fallback.run(plain)
        batch, self._pending = self._pending, []
        try:
            if self._tables is None or any(_is_schema(t) for t in batch):
                self._tables = Tables(self._base)
                self._succ, self._pred, self._all = {}, {}, {}
                batch = self._base
            if any(_eq(p, _SAME_AS) for _, p, _ in batch):  # str equality in C: rdflib's __eq__ is Python
                raise Unsupported("owl:sameAs in the data")
        except Unsupported:
            self._fallback = ReasonableClosure()
            self.name = "reasonable"
            self._fallback.add(self._base)
            return self._fallback.run(plain)
        with _no_gc():  # a million new tuples would set off full collections over the whole heap
            self._expand(batch)
            terms = self._terms
            return [(terms[s], terms[p], terms[o]) for s, p, o in self._all]

    def _id(self, term: Node) -> int:
        i = self._ids.get(term)
        if i is None:
            i = self._ids[term] = len(self._terms)
            self._terms.append(term)
            if isinstance(term, Literal):
                self._literals.add(i)
        return i

    def _expand(self, batch: Iterable[Triple]) -> None:
        """The worklist over integer-coded triples: rdflib terms are hashed and compared once each, on coding."""
        tables = self._tables
        assert tables is not None
        code = self._id

        def coded(table: dict[Node, set[Node]]) -> dict[int, list[int]]:
            return {code(k): [code(v) for v in vs] for k, vs in table.items() if vs}

        classes, properties, inverse = coded(tables.classes), coded(tables.properties), coded(tables.inverse)
        domain, rng = coded(tables.domain), coded(tables.range)
        transitive = {code(p) for p in tables.transitive}
        type_, literals = code(_TYPE), self._literals
        seen = self._all
        queue: deque[tuple[int, int, int]] = deque()
        for s, p, o in batch:
            t = (code(s), code(p), code(o))
            if t not in seen:
                seen[t] = None
                queue.append(t)
        out: list[tuple[int, int, int]] = []
        while queue:
            s, p, o = queue.popleft()
            if p == type_:
                out.extend((s, type_, c) for c in classes.get(o, ()))
            else:
                out.extend((s, q, o) for q in properties.get(p, ()))
                out.extend((s, type_, d) for d in domain.get(p, ()))
                if o not in literals:
                    out.extend((o, q, s) for q in inverse.get(p, ()))
                    out.extend((o, type_, r) for r in rng.get(p, ()))
                    if p in transitive:
                        succ = self._succ.setdefault(p, defaultdict(set))
                        pred = self._pred.setdefault(p, defaultdict(set))
                        succ[s].add(o)
                        pred[o].add(s)
                        out.extend((x, p, o) for x in pred.get(s, ()))
                        out.extend((s, p, y) for y in succ.get(o, ()))
            for t in out:
                if t not in seen:
                    seen[t] = None
                    queue.append(t)
            out.clear()
