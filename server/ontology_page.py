"""/ontology: the ontology graph as a page (each term with label, comment, domain, range, an example query).

The terms' IRIs are hash IRIs (https://w3id.org/alliance-kg/ontology#Membership), so a
term dereferences to /ontology#Membership: one page, one section per term.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlencode

import pyoxigraph as ox

from kg.namespaces import BASE, ONTOLOGY_GRAPH
from kg.query import PREFIXES

AKG = PREFIXES["akg"]
ONTOLOGY_IRI = BASE + "ontology"
RDF_TYPE = PREFIXES["rdf"] + "type"
RDFS = PREFIXES["rdfs"]
OWL = PREFIXES["owl"]
SCHEMA = PREFIXES["schema"]

TRIPLES = f"SELECT ?s ?p ?o WHERE {{ GRAPH <{ONTOLOGY_GRAPH}> {{ ?s ?p ?o }} }}"
CONSTRUCT = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{ONTOLOGY_GRAPH}> {{ ?s ?p ?o }} }}"

#: section heading per kind of term, in page order
KINDS = [
    (OWL + "Class", "Classes"),
    (OWL + "ObjectProperty", "Relations between things"),
    (OWL + "DatatypeProperty", "Values (dates, text, flags)"),
    (OWL + "AnnotationProperty", "Annotations"),
    ("individual", "Named values (statuses, roles)"),
]


@dataclass
class Term:
    iri: str
    kind: str = "individual"
    labels: list[str] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    domain: list[str] = field(default_factory=list)
    range: list[str] = field(default_factory=list)
    parents: list[str] = field(default_factory=list)
    types: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.iri.removeprefix(AKG)

    @property
    def label(self) -> str:
        return self.labels[0] if self.labels else self.name

    @property
    def example(self) -> str:
        """A query that shows the term in use."""
        short = "akg:" + self.name
        if self.kind == OWL + "Class":
            return f"SELECT ?x ?label WHERE {{ ?x a {short} OPTIONAL {{ ?x rdfs:label ?label }} }} LIMIT 20"
        if self.kind == "individual":
            return f"SELECT ?x ?p WHERE {{ ?x ?p {short} }} LIMIT 20"
        return f"SELECT ?s ?o WHERE {{ ?s {short} ?o }} LIMIT 20"

    @property
    def example_href(self) -> str:
        return "/sparql?" + urlencode({"query": self.example})


@dataclass
class OntologyPage:
    title: str
    comment: str
    sections: list[tuple[str, list[Term]]]


def build_ontology_page(rows) -> OntologyPage:
    """Group the rows of TRIPLES into terms of the akg: namespace, by kind."""
    terms: dict[str, Term] = {}
    header: dict[str, list[str]] = defaultdict(list)
    for s, p, o in rows:
        if s.value == ONTOLOGY_IRI:
            header[p.value].append(o.value)
            continue
        if not s.value.startswith(AKG) or len(s.value) == len(AKG):
            continue
        term = terms.setdefault(s.value, Term(s.value))
        pred, value = p.value, o.value
        if pred not in (RDFS + "label", RDFS + "comment") and not isinstance(o, ox.NamedNode):
            continue  # restrictions and lists: the Turtle has them
        if pred == RDF_TYPE:
            if value in {k for k, _ in KINDS}:
                term.kind = value
            elif value != OWL + "NamedIndividual":
                term.types.append(value)
        elif pred == RDFS + "label":
            term.labels.append(value)
        elif pred == RDFS + "comment":
            term.comments.append(value)
        elif pred in (RDFS + "domain", SCHEMA + "domainIncludes"):
            term.domain.append(value)
        elif pred in (RDFS + "range", SCHEMA + "rangeIncludes"):
            term.range.append(value)
        elif pred in (RDFS + "subClassOf", RDFS + "subPropertyOf"):
            term.parents.append(value)
    for term in terms.values():
        for name in ("labels", "comments", "domain", "range", "parents", "types"):
            setattr(term, name, sorted(set(getattr(term, name))))
    sections = []
    for kind, heading in KINDS:
        members = sorted((t for t in terms.values() if t.kind == kind), key=lambda t: t.name.lower())
        if members:
            sections.append((heading, members))
    title = (header.get(RDFS + "label") or ["alliance-kg ontology"])[0]
    comment = (header.get(RDFS + "comment") or [""])[0]
    return OntologyPage(title, comment, sections)
