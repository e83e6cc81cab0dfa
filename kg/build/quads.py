"""rdflib terms and graphs as Oxigraph quads: strict checking, sorted N-Quads, stable blank nodes.

Oxigraph's parser is the strict one the reasoner and the SPARQL store share, so a
graph that converts here will not stop a later stage; and sorting quads gives the
same bytes for the same graph, whatever order rdflib's sets hand them out in.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.term import Node


def term(node: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """One rdflib term as an Oxigraph term; ValueError when it is not valid RDF (e.g. a bad IRI)."""
    if type(node) is URIRef:
        return _named(node)
    if isinstance(node, URIRef):
        return ox.NamedNode(str(node))
    if isinstance(node, BNode):
        return ox.BlankNode(str(node))
    if isinstance(node, Literal):
        if node.language:
            return ox.Literal(str(node), language=node.language)
        if node.datatype is not None:
            return ox.Literal(str(node), datatype=ox.NamedNode(str(node.datatype)))
        return ox.Literal(str(node))
    raise ValueError(f"not an RDF term: {node!r}")


@lru_cache(maxsize=500_000)
def _named(iri: URIRef) -> ox.NamedNode:
    """Oxigraph terms are immutable: an IRI met again (types, predicates, entities) is converted once."""
    return ox.NamedNode(str(iri))


def graph_quads(graph: Graph, name: Node | None = None) -> list[ox.Quad]:
    """The triples of `graph` as quads in the graph `name` (default: its identifier), blank nodes relabelled.

    Blank nodes get labels computed from the graph's content (rdflib's canonical
    labelling), so two builds of the same input write the same bytes.
    """
    name = graph.identifier if name is None else name
    g = ox.NamedNode(str(name)) if isinstance(name, URIRef) else ox.DefaultGraph()
    source = graph
    if any(isinstance(n, BNode) for t in graph for n in t):
        if not isinstance(graph, Graph):  # kg.build.graphs.TripleGraph: canonical labels need an rdflib Graph
            source = Graph()
            source.addN((s, p, o, source) for s, p, o in graph)
        source = to_canonical_graph(source)
    converted: dict[Node, ox.NamedNode | ox.BlankNode | ox.Literal] = {}  # a term met again is converted once

    def conv(node: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
        found = converted.get(node)
        if found is None:
            found = converted[node] = term(node)
        return found

    return [ox.Quad(conv(s), conv(p), conv(o), g) for s, p, o in source]


def sort_quads(quads: Iterable[ox.Quad]) -> list[ox.Quad]:
    """Quads in a stable order: by graph, then subject, predicate, object (as N-Quads text)."""
    return sorted(quads, key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)))


def nquads(quads: Iterable[ox.Quad]) -> str:
    """Sorted N-Quads text of `quads`."""
    return ox.serialize(sort_quads(quads), format=ox.RdfFormat.N_QUADS).decode("utf-8")


def parse_nquads(text: str) -> list[ox.Quad]:
    return list(ox.parse(input=text.encode("utf-8"), format=ox.RdfFormat.N_QUADS))


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


@lru_cache(maxsize=200_000)
def _iri(value: str) -> URIRef:
    return URIRef(value)


def rdflib_term(t: ox.NamedNode | ox.BlankNode | ox.Literal, bnodes: dict[str, BNode]) -> Node:
    """An Oxigraph term as the rdflib term rdflib's own N-Quads parser would give (plain literals untyped).

    Blank nodes get fresh rdflib labels, one per label in `bnodes` (as rdflib's parser does: the
    content-derived labels of two articles must not join their blank nodes).
    """
    if isinstance(t, ox.NamedNode):
        return _iri(t.value)
    if isinstance(t, ox.BlankNode):
        if t.value not in bnodes:
            bnodes[t.value] = BNode()
        return bnodes[t.value]
    return _literal(t.value, t.language, t.datatype.value)


@lru_cache(maxsize=200_000)
def _literal(value: str, language: str | None, datatype: str) -> Literal:
    """rdflib parses a typed literal's value on creation: dates, labels and flags recur, so once each."""
    if language:
        return Literal(value, lang=language)
    return Literal(value) if datatype == _XSD_STRING else Literal(value, datatype=_iri(datatype))


def rdflib_quads(text: str, context) -> Iterator[tuple[Node, Node, Node, object]]:
    """The triples of one graph's N-Quads text as rdflib quads in `context` (for Dataset.addN)."""
    bnodes: dict[str, BNode] = {}
    for q in ox.parse(input=text.encode("utf-8"), format=ox.RdfFormat.N_QUADS):
        yield rdflib_term(q.subject, bnodes), rdflib_term(q.predicate, bnodes), rdflib_term(q.object, bnodes), context
