"""IRIs of the public contract (CONTRACT.md), in one place so no module spells them twice."""

from rdflib import Namespace, URIRef

BASE = "https://w3id.org/alliance-kg/"
AKG = Namespace(BASE + "ontology#")
ID = Namespace(BASE + "id/")
DOC = Namespace(BASE + "doc/")
GRAPH = Namespace(BASE + "graph/")

ONTOLOGY_GRAPH = URIRef(GRAPH + "ontology")
INFERRED_GRAPH = URIRef(GRAPH + "inferred")
#: Background knowledge about the entities the corpus mentions (labels, aliases,
#: types, Wikidata links, partOf between bodies), taken from the gazetteer.
ENTITIES_GRAPH = URIRef(GRAPH + "entities")
#: One node per distinct fact across the corpus, linked to every document fact node that states it
#: (kg/graph/statements.py).
STATEMENTS_GRAPH = URIRef(GRAPH + "statements")

ORG = Namespace("http://www.w3.org/ns/org#")
PROV = Namespace("http://www.w3.org/ns/prov#")
SCHEMA = Namespace("https://schema.org/")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
TIME = Namespace("http://www.w3.org/2006/time#")
WD = Namespace("http://www.wikidata.org/entity/")
ERR = Namespace("http://www.daml.org/2002/03/agents/agent-ont#")  # owlrl's error vocabulary

PREFIXES = {
    "akg": AKG,
    "id": ID,
    "doc": DOC,
    "org": ORG,
    "prov": PROV,
    "schema": SCHEMA,
    "sem": SEM,
    "time": TIME,
    "wd": WD,
}


def doc_iri(stem: str) -> URIRef:
    """The IRI of a source document, which is also the name of its graph (any file name gives a valid one)."""
    from kg.iri import mint

    return mint(DOC, stem)
