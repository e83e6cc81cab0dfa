"""Self-descriptions: the SPARQL service description (on GET /sparql) and the VoID of the dataset."""

from __future__ import annotations

import pyoxigraph as ox

from kg.namespaces import BASE
from kg.query import PREFIXES
from server.negotiation import MEDIA_TYPES

SD = "http://www.w3.org/ns/sparql-service-description#"
VOID = "http://rdfs.org/ns/void#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
DCTERMS = "http://purl.org/dc/terms/"
FORMATS_NS = "http://www.w3.org/ns/formats/"

_RESULT_FORMATS = {
    "json": "SPARQL_Results_JSON", "xml": "SPARQL_Results_XML", "csv": "SPARQL_Results_CSV",
    "tsv": "SPARQL_Results_TSV", "turtle": "Turtle", "ntriples": "N-Triples", "jsonld": "JSON-LD",
    "rdfxml": "RDF_XML", "trig": "TriG", "nquads": "N-Quads",
}


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def service_description(endpoint: str, graphs: dict[str, int], triples: int, updates: bool) -> list[ox.Triple]:
    """sd:Service for `endpoint`: languages, result formats, the union default graph and named graphs."""
    svc, dataset, default = _n(endpoint), ox.BlankNode("dataset"), ox.BlankNode("default")
    xsd_int = _n(PREFIXES["xsd"] + "integer")
    t = [
        ox.Triple(svc, RDF_TYPE, _n(SD + "Service")),
        ox.Triple(svc, _n(SD + "endpoint"), svc),
        ox.Triple(svc, _n(SD + "supportedLanguage"), _n(SD + "SPARQL11Query")),
        ox.Triple(svc, _n(SD + "feature"), _n(SD + "UnionDefaultGraph")),
        ox.Triple(svc, _n(SD + "defaultDataset"), dataset),
        ox.Triple(dataset, RDF_TYPE, _n(SD + "Dataset")),
        ox.Triple(dataset, _n(SD + "defaultGraph"), default),
        ox.Triple(default, RDF_TYPE, _n(SD + "Graph")),
        ox.Triple(default, _n(VOID + "triples"), ox.Literal(str(triples), datatype=xsd_int)),
    ]
    if updates:
        t.append(ox.Triple(svc, _n(SD + "supportedLanguage"), _n(SD + "SPARQL11Update")))
    for fmt in _RESULT_FORMATS.values():
        t.append(ox.Triple(svc, _n(SD + "resultFormat"), _n(FORMATS_NS + fmt)))
    for i, (name, count) in enumerate(sorted(graphs.items())):
        node = ox.BlankNode(f"ng{i}")
        graph = ox.BlankNode(f"g{i}")
        t += [
            ox.Triple(dataset, _n(SD + "namedGraph"), node),
            ox.Triple(node, RDF_TYPE, _n(SD + "NamedGraph")),
            ox.Triple(node, _n(SD + "name"), _n(name)),
            ox.Triple(node, _n(SD + "graph"), graph),
            ox.Triple(graph, RDF_TYPE, _n(SD + "Graph")),
            ox.Triple(graph, _n(VOID + "triples"), ox.Literal(str(count), datatype=xsd_int)),
        ]
    return t


def void_description(root: str, graphs: dict[str, int], triples: int) -> list[ox.Triple]:
    """void:Dataset: size (distinct triples), endpoint, dumps, URI space, vocabulary, a subset per named graph."""
    ds = _n(root + "void#alliance-kg")
    xsd_int = _n(PREFIXES["xsd"] + "integer")
    t = [
        ox.Triple(ds, RDF_TYPE, _n(VOID + "Dataset")),
        ox.Triple(ds, _n(DCTERMS + "title"), ox.Literal("alliance-kg")),
        ox.Triple(ds, _n(DCTERMS + "description"),
                  ox.Literal("States, organizations and alliances read from news, with provenance.")),
        ox.Triple(ds, _n(VOID + "sparqlEndpoint"), _n(root + "sparql")),
        ox.Triple(ds, _n(VOID + "uriSpace"), ox.Literal(BASE + "id/")),
        ox.Triple(ds, _n(VOID + "vocabulary"), _n(PREFIXES["akg"])),
        ox.Triple(ds, _n(VOID + "triples"), ox.Literal(str(triples), datatype=xsd_int)),
        ox.Triple(ds, _n(VOID + "feature"), _n(FORMATS_NS + "Turtle")),
    ]
    for dump in ("dump.ttl", "dump.trig", "dump.nq"):
        t.append(ox.Triple(ds, _n(VOID + "dataDump"), _n(root + dump)))
    for name, count in sorted(graphs.items()):
        sub = _n(name)
        t += [
            ox.Triple(ds, _n(VOID + "subset"), sub),
            ox.Triple(sub, RDF_TYPE, _n(VOID + "Dataset")),
            ox.Triple(sub, _n(VOID + "triples"), ox.Literal(str(count), datatype=xsd_int)),
        ]
    return t


SD_FORMATS = ("turtle", "ntriples", "jsonld", "rdfxml")
assert all(f in MEDIA_TYPES for f in SD_FORMATS)
