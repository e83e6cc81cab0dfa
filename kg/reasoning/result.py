"""What reasoning hands back to the pipeline (the build engineer calls exactly this shape)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from kg.graph.triples import TripleGraph
from kg.namespaces import AKG, ID, PREFIXES


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
    `triples`: the inferred triples, distinct, as a kg.graph.triples.TripleGraph (what the build
    reads); `inferred` makes the rdflib Graph of them on first use.
    """

    triples: TripleGraph
    contradictions: list[Contradiction]
    stats: dict
    derivations: dict = field(default_factory=dict)
    _graph: Graph | None = field(default=None, repr=False)

    @property
    def inferred(self) -> Graph:
        if self._graph is None:
            g = Graph()
            for prefix, ns in PREFIXES.items():
                g.bind(prefix, ns)
            g.addN((s, p, o, g) for s, p, o in self.triples)
            self._graph = g
        return self._graph
