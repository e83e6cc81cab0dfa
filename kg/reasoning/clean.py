"""Which closure triples are noise rather than an inference a user would want to see.

RL engines add axiomatic and trivial triples (x a owl:Thing, x owl:sameAs x,
rdf:_n, statements about the vocabulary itself). The served graph keeps only
inferences about the data: types of entities and facts, inverse and
super-property triples, transitive partOf, shortcuts, contradictions.
"""

from __future__ import annotations

import re

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD
from rdflib.term import Node

from kg.namespaces import ERR
from kg.reasoning.temporal import RULES

_RESERVED = (str(RDF), str(RDFS), str(OWL), str(XSD), str(ERR), str(RULES))
_MEMBER_PROP = re.compile(re.escape(str(RDF)) + r"_\d+$")
#: Types every individual has under RL semantics: true of everything, so they say nothing.
TRIVIAL_TYPES = frozenset(
    {OWL.Thing, RDFS.Resource, RDFS.Literal, RDFS.Class, OWL.Class, RDF.Property, RDFS.Datatype,
     OWL.NamedIndividual}
)


def _reserved(term: Node) -> bool:
    return isinstance(term, URIRef) and str(term).startswith(_RESERVED)


def is_noise(triple: tuple[Node, Node, Node], vocabulary: set[Node]) -> bool:
    """True for a triple the inferred graph must not hold.

    `vocabulary` holds the subjects of the ontology: triples about them belong to the ontology graph.
    """
    s, p, o = triple
    if isinstance(s, Literal) or isinstance(p, Literal | BNode):
        return True
    if s in vocabulary or _reserved(s):
        return True
    if p == OWL.sameAs and s == o:
        return True
    if _MEMBER_PROP.match(str(p)) or str(p).startswith((str(ERR), str(RULES))):
        return True
    if p == RDF.type:
        if o in TRIVIAL_TYPES or isinstance(o, Literal | BNode) or str(o).startswith((str(ERR), str(RULES))):
            return True
    if p in (RDF.first, RDF.rest):
        return True
    return False
