"""What reasoning hands back to the pipeline (the build engineer calls exactly this shape)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from kg.namespaces import AKG, ID


@dataclass
class Contradiction:
    """Two sources, or a source and the ontology, that cannot both be true."""

    iri: URIRef
    kind: str
    message: str
    concerns: list[URIRef]
    documents: list[URIRef]
    rule: str = ""

    def triples(self):
        yield self.iri, RDF.type, AKG.Contradiction
        yield self.iri, AKG.contradictionKind, Literal(self.kind)
        yield self.iri, RDFS.comment, Literal(self.message, lang="en")
        if self.rule:
            yield self.iri, AKG.rule, Literal(self.rule)
        for node in self.concerns:
            yield self.iri, AKG.concerns, node


def contradiction_iri(kind: str, concerns) -> URIRef:
    """Deterministic IRI: a hash of the kind and the nodes concerned."""
    key = kind + "|" + "|".join(sorted(str(c) for c in concerns))
    return URIRef(f"{ID}contradiction/{hashlib.sha1(key.encode('utf-8')).hexdigest()[:16]}")


@dataclass
class ReasoningResult:
    """The inferred graph (to add as the inferred named graph), contradictions, and run statistics.

    `stats`: engine, seconds, triples_in, triples_out, rounds, rule_firings {rule id: new triples}.
    `derivations`: triple -> (rule id, premises) for every triple a domain rule derived.
    """

    inferred: Graph
    contradictions: list[Contradiction]
    stats: dict
    derivations: dict = field(default_factory=dict)
