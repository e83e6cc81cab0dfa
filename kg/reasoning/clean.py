"""Which closure triples are noise rather than an inference a user would want to see.

RL engines add axiomatic and trivial triples (x a owl:Thing, x owl:sameAs x,
rdf:_n, statements about the vocabulary itself). The served graph keeps only
inferences about the data: types of entities and facts, inverse and
super-property triples, transitive partOf, shortcuts, contradictions.

The filter runs over every closure triple (166k for LUBM(1)), so it compares
plain strings: rdflib term hashing and equality are Python-level and slow.
"""

from __future__ import annotations

import re

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD
from rdflib.term import Node

from kg.namespaces import ERR
from kg.reasoning.temporal import RULES

_RESERVED = (str(RDF), str(RDFS), str(OWL), str(XSD), str(ERR), str(RULES))
_SCRATCH = (str(ERR), str(RULES))
_MEMBER_PROP = re.compile(re.escape(str(RDF)) + r"_\d+$")
#: Types every individual has under RL semantics: true of everything, so they say nothing.
TRIVIAL_TYPES = frozenset(
    str(t)
    for t in (OWL.Thing, RDFS.Resource, RDFS.Literal, RDFS.Class, OWL.Class, RDF.Property, RDFS.Datatype,
              OWL.NamedIndividual)
)
_TYPE, _SAME_AS = str(RDF.type), str(OWL.sameAs)
_LIST = frozenset((str(RDF.first), str(RDF.rest)))


class NoiseFilter:
    """`filter(triple)` is True for a triple the inferred graph must not hold.

    `vocabulary`: the subjects of the ontology; triples about them belong to the ontology graph.
    """

    def __init__(self, vocabulary) -> None:
        self.vocabulary = frozenset(str(v) for v in vocabulary)
        self._predicates: dict[str, int] = {}  # 0 keep, 1 drop, 2 rdf:type, 3 owl:sameAs

    def _predicate(self, p: str) -> int:
        kind = self._predicates.get(p)
        if kind is None:
            if p == _TYPE:
                kind = 2
            elif p == _SAME_AS:
                kind = 3
            elif _MEMBER_PROP.match(p) or p.startswith(_SCRATCH) or p in _LIST:
                kind = 1
            else:
                kind = 0
            self._predicates[p] = kind
        return kind

    def __call__(self, triple: tuple[Node, Node, Node]) -> bool:
        s, p, o = triple
        # type() first: it is much cheaper than isinstance() on rdflib's ABC-registered terms
        if type(s) is not URIRef and (isinstance(s, Literal) or not isinstance(s, URIRef | BNode)):
            return True
        if type(p) is not URIRef and not isinstance(p, URIRef):
            return True
        subject = str(s)
        if subject in self.vocabulary or subject.startswith(_RESERVED):
            return True
        kind = self._predicate(str(p))
        if kind == 0:
            return False
        if kind == 1:
            return True
        if kind == 2:
            if type(o) is not URIRef and not isinstance(o, URIRef):
                return True
            obj = str(o)
            return obj in TRIVIAL_TYPES or obj.startswith(_SCRATCH)
        return s == o


def is_noise(triple: tuple[Node, Node, Node], vocabulary) -> bool:
    """One-off form of NoiseFilter (build a NoiseFilter for many triples)."""
    return NoiseFilter(vocabulary)(triple)
