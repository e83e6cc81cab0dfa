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

from collections.abc import Iterator

from rdflib import Dataset, Graph, URIRef
from rdflib.term import Node

from kg.graph.triples import TripleGraph
from kg.namespaces import PREFIXES

Triple = tuple[Node, Node, Node]


class BuildGraphs:
    """The named graphs of a build, by IRI, in insertion order (what kg.pipeline assembles)."""

    def __init__(self) -> None:
        self._graphs: dict[Node, Graph | TripleGraph] = {}

    def add(self, graph: Graph | TripleGraph, identifier: Node | None = None) -> None:
        """Put `graph` in under `identifier` (default: its own), replacing a graph of that name."""
        name = graph.identifier if identifier is None else identifier
        if graph.identifier != name:
            graph = graph.renamed(name) if isinstance(graph, TripleGraph) else TripleGraph(name, graph)
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
