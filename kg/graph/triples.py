"""A graph as a list of distinct rdflib triples with the few lookups the build and the reasoner make.

rdflib's in-memory store works out the contexts of every triple it hands out and
keeps three indexes plus events for every triple added: at a thousand articles,
copying triples into and out of rdflib graphs took more time than the reasoning
itself. A TripleGraph is filled once (`add`, `+=`) and then read many times:
iteration, `len`, `in` (a triple or a pattern with None), `value`, `objects`,
`subjects`, `subject_objects`, each index built on its first use.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from rdflib import URIRef
from rdflib.term import Node

from kg.build.quads import rdflib_quads

Triple = tuple[Node, Node, Node]


class TripleGraph:
    """One named graph as a list of distinct triples; (s, p) and (p, o) indexes built on first use."""

    __slots__ = ("identifier", "_triples", "_set", "_sp", "_po", "_p")

    def __init__(self, identifier: Node, triples: Iterable[Triple]) -> None:
        self.identifier = identifier
        self._triples = list(dict.fromkeys(triples))  # distinct, first-seen order
        self._set: set[Triple] | None = None
        self._sp: dict[tuple[Node, Node], list[Node]] | None = None
        self._po: dict[tuple[Node, Node], list[Node]] | None = None
        self._p: dict[Node, list[tuple[Node, Node]]] | None = None

    @classmethod
    def from_nquads(cls, identifier: URIRef, text: str) -> TripleGraph:
        """An article's sorted N-Quads (kg.build.document) as rdflib terms, as rdflib's parser gives them."""
        g = cls.__new__(cls)
        g.identifier = identifier
        g._triples = [(s, p, o) for s, p, o, _ in rdflib_quads(text, None)]  # sorted quads: already distinct
        g._set = g._sp = g._po = g._p = None
        return g

    def renamed(self, identifier: Node) -> TripleGraph:
        """The same triples under another name (shared, not copied: neither is changed afterwards)."""
        g = TripleGraph.__new__(TripleGraph)
        g.identifier, g._triples, g._set, g._sp, g._po, g._p = identifier, self._triples, self._set, None, None, None
        return g

    def __iter__(self) -> Iterator[Triple]:
        return iter(self._triples)

    def __len__(self) -> int:
        return len(self._triples)

    def __contains__(self, pattern: tuple) -> bool:
        """A triple, or a pattern with None for any part (as rdflib's `(s, p, None) in graph`)."""
        s, p, o = pattern
        if s is not None and p is not None and o is not None:
            if self._set is None:
                self._set = set(self._triples)
            return pattern in self._set
        if s is not None and p is not None:
            return (s, p) in self._by_sp()
        if p is not None and o is not None:
            return (p, o) in self._by_po()
        return any((s is None or s == t[0]) and (p is None or p == t[1]) and (o is None or o == t[2])
                   for t in self._triples)

    def _by_sp(self) -> dict[tuple[Node, Node], list[Node]]:
        if self._sp is None:
            self._sp = {}
            for s, p, o in self._triples:
                self._sp.setdefault((s, p), []).append(o)
        return self._sp

    def _by_po(self) -> dict[tuple[Node, Node], list[Node]]:
        if self._po is None:
            self._po = {}
            for s, p, o in self._triples:
                self._po.setdefault((p, o), []).append(s)
        return self._po

    def _with_p(self, predicate: Node) -> list[tuple[Node, Node]]:
        """(s, o) of the triples with this predicate: one scan per predicate asked for (a handful), not
        an index of every predicate; text compared in C first (rdflib's __eq__ is Python), then the type."""
        if self._p is None:
            self._p = {}
        found = self._p.get(predicate)
        if found is None:
            eq, kind = str.__eq__, type(predicate)
            found = self._p[predicate] = [(s, o) for s, p, o in self._triples if eq(p, predicate) and type(p) is kind]
        return found

    def objects(self, subject: Node, predicate: Node) -> Iterator[Node]:
        return iter(self._by_sp().get((subject, predicate), ()))

    def value(self, subject: Node, predicate: Node) -> Node | None:
        return next(self.objects(subject, predicate), None)

    def subjects(self, predicate: Node, obj: Node | None = None) -> Iterator[Node]:
        if obj is not None:
            return iter(self._by_po().get((predicate, obj), ()))
        return iter(dict.fromkeys(s for s, _ in self._with_p(predicate)))

    def subject_objects(self, predicate: Node) -> Iterator[tuple[Node, Node]]:
        return iter(self._with_p(predicate))

    def add(self, triple: Triple) -> None:
        """Add one triple unless it is there (what kg.graph.rdf.document_graph calls while it maps facts)."""
        if self._set is None:
            self._set = set(self._triples)
        if triple not in self._set:
            self._set.add(triple)
            self._triples.append(triple)
            self._sp = self._po = self._p = None

    def __iadd__(self, other: Iterable[Triple]) -> TripleGraph:
        self._triples = list(dict.fromkeys([*self._triples, *other]))
        self._set = self._sp = self._po = self._p = None
        return self

    def bind(self, *_args, **_kwargs) -> None:
        """Prefixes mean nothing to a list of triples (rdflib graphs keep them for serializing)."""
