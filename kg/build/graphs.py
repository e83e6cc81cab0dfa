"""The build's graphs without an rdflib Dataset: each graph a list of rdflib triples with small indexes.

The global stages (statements, reasoning, the dumps) read every triple of every
article's graph once or twice; rdflib's in-memory store works out the contexts of
each triple as it hands it out, and adding a triple to a Dataset costs more than
parsing it, so at a thousand articles copying into and out of one Dataset took
more time than the reasoning itself. `BuildGraphs` offers what those stages call
(`graphs()`, `graph()`, `namespaces()`; per graph: iteration, `len`, `in`, `value`,
`objects`, `subjects`, `subject_objects`) and builds the rdflib Dataset only when
someone asks for it (`to_dataset`: tests, library users), with the same triples.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from rdflib import Dataset, Graph, URIRef
from rdflib.term import Node

from kg.namespaces import PREFIXES

from .quads import rdflib_quads

Triple = tuple[Node, Node, Node]


class TripleGraph:
    """One named graph as a list of distinct triples; (s, p) and (p, o) indexes built on first use."""

    __slots__ = ("identifier", "_triples", "_set", "_sp", "_po")

    def __init__(self, identifier: Node, triples: Iterable[Triple]) -> None:
        self.identifier = identifier
        self._triples = list(dict.fromkeys(triples))  # distinct, first-seen order
        self._set: set[Triple] | None = None
        self._sp: dict[tuple[Node, Node], list[Node]] | None = None
        self._po: dict[tuple[Node, Node], list[Node]] | None = None

    @classmethod
    def from_nquads(cls, identifier: URIRef, text: str) -> TripleGraph:
        """An article's sorted N-Quads (kg.build.document) as rdflib terms, as rdflib's parser gives them."""
        g = cls.__new__(cls)
        g.identifier = identifier
        g._triples = [(s, p, o) for s, p, o, _ in rdflib_quads(text, None)]  # sorted quads: already distinct
        g._set = g._sp = g._po = None
        return g

    def __iter__(self) -> Iterator[Triple]:
        return iter(self._triples)

    def __len__(self) -> int:
        return len(self._triples)

    def __contains__(self, triple: Triple) -> bool:
        if self._set is None:
            self._set = set(self._triples)
        return triple in self._set

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

    def objects(self, subject: Node, predicate: Node) -> Iterator[Node]:
        return iter(self._by_sp().get((subject, predicate), ()))

    def value(self, subject: Node, predicate: Node) -> Node | None:
        return next(self.objects(subject, predicate), None)

    def subjects(self, predicate: Node, obj: Node | None = None) -> Iterator[Node]:
        if obj is not None:
            return iter(self._by_po().get((predicate, obj), ()))
        return iter(dict.fromkeys(s for s, p, _ in self._triples if p == predicate))

    def subject_objects(self, predicate: Node) -> Iterator[tuple[Node, Node]]:
        return ((s, o) for s, p, o in self._triples if p == predicate)


class BuildGraphs:
    """The named graphs of a build, by IRI, in insertion order (what kg.pipeline assembles)."""

    def __init__(self) -> None:
        self._graphs: dict[Node, Graph | TripleGraph] = {}

    def add(self, graph: Graph | TripleGraph, identifier: Node | None = None) -> None:
        """Put `graph` in under `identifier` (default: its own), replacing a graph of that name."""
        name = graph.identifier if identifier is None else identifier
        if graph.identifier != name:
            graph = TripleGraph(name, graph)
        self._graphs[name] = graph

    def graphs(self) -> Iterator[Graph | TripleGraph]:
        return iter(list(self._graphs.values()))

    def graph(self, identifier: Node) -> Graph | TripleGraph:
        """The graph of that name (an empty one when there is none, as Dataset.graph gives)."""
        return self._graphs.get(identifier) or TripleGraph(identifier, ())

    def remove_graph(self, identifier: Node) -> None:
        self._graphs.pop(identifier, None)

    def namespaces(self) -> Iterator[tuple[str, URIRef]]:
        extra = {"skos": "http://www.w3.org/2004/02/skos/core#", "dcterms": "http://purl.org/dc/terms/"}
        return ((prefix, URIRef(str(ns))) for prefix, ns in {**PREFIXES, **extra}.items())

    def to_dataset(self, dataset: Dataset) -> Dataset:
        """Copy every graph into `dataset` (an rdflib Dataset with the build's prefixes bound)."""
        for name, g in self._graphs.items():
            target = dataset.graph(name)
            target.addN((s, p, o, target) for s, p, o in g)
        return dataset
