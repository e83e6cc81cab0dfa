"""The asserted side of a dataset, read once: one union graph plus where each node was said.

Reasoning works on the union (SPARQL sees the union too) but contradictions and
explanations must name documents, so the graph each subject appears in is kept.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF
from rdflib.term import Node

from kg.dates import PartialDate
from kg.graph.triples import TripleGraph
from kg.namespaces import AKG, DOC, INFERRED_GRAPH, ONTOLOGY_GRAPH, PROV, STATEMENTS_GRAPH

Triple = tuple[Node, Node, Node]


@dataclass
class Asserted:
    """Every graph of a dataset except the inferred one."""

    union: Graph | TripleGraph
    ontology: Graph
    graphs_of: dict[Node, set[URIRef]] = field(default_factory=dict)
    graphs_of_triple: dict[Triple, set[URIRef]] = field(default_factory=dict)
    #: the nodes of the statements graph; when there are any, reasoning reads facts from them
    statements: set[Node] = field(default_factory=set)

    def documents(self, node: Node) -> list[URIRef]:
        """The documents a fact node was read from (its document graphs, prov:wasDerivedFrom), or that
        state a statement (akg:statedIn)."""
        docs = {g for g in self.graphs_of.get(node, ()) if str(g).startswith(str(DOC))}
        docs.update(o for o in self.union.objects(node, PROV.wasDerivedFrom) if isinstance(o, URIRef))
        docs.update(o for o in self.union.objects(node, AKG.statedIn) if isinstance(o, URIRef))
        return sorted(docs)

    def fact_nodes(self, nodes) -> list[Node]:
        """`nodes` restricted to statements when the dataset has a statements graph (one node per
        distinct fact), else all of them (a dataset built before statements, or a hand-made one)."""
        return [n for n in nodes if n in self.statements] if self.statements else list(nodes)

    def doc_date(self, doc: Node) -> PartialDate | None:
        """The publication date (dcterms:date) of a document, if any."""
        return first_date(self.union.objects(doc, DCTERMS.date))


def first_date(values) -> PartialDate | None:
    """The earliest readable PartialDate among literal values (None if none parses)."""
    dates = []
    for v in values:
        d = to_partial(v)
        if d is not None:
            dates.append(d)
    return min(dates) if dates else None


def to_partial(value) -> PartialDate | None:
    """A PartialDate from a literal, an ISO string, a date or a PartialDate; None if unreadable."""
    if value is None:
        return None
    if isinstance(value, PartialDate):
        return value
    if hasattr(value, "year") and hasattr(value, "month") and hasattr(value, "day"):
        return PartialDate(value.year, value.month, value.day)
    text = str(value) if isinstance(value, Literal | str) else None
    if text is None:
        return None
    try:
        return PartialDate.parse(text)
    except ValueError:
        return None


def split_dataset(dataset: Dataset, ontology: Graph | None = None,
                  triple_graphs: Iterable[Node] | None = None, light: bool = False) -> Asserted:
    """Read the asserted graphs of `dataset` (it is not modified).

    The ontology is the dataset's ontology graph; `ontology` is used when that graph is empty.
    `triple_graphs`: record the graphs of only the rdf:type triples with these classes (reasoning needs
    those alone; explanations need every triple's, the default). `light`: the union is a
    kg.graph.triples.TripleGraph (the lookups reasoning makes, without rdflib's per-triple cost),
    not an rdflib Graph (explanations query it with SPARQL).
    """
    types = None if triple_graphs is None else set(triple_graphs)
    union: Graph | TripleGraph = Graph()
    every: dict[Triple, None] = {}  # the union's triples, distinct, before any rdflib add
    onto = Graph()
    graphs_of: dict[Node, set[URIRef]] = {}
    graphs_of_triple: dict[Triple, set[URIRef]] = {}
    statements: set[Node] = set()
    seen_graphs = set()
    for graph in dataset.graphs():  # graph by graph: rdflib's quads() works out every triple's graphs
        name = graph.identifier
        if name == INFERRED_GRAPH or name in seen_graphs:
            continue
        seen_graphs.add(name)
        named = isinstance(name, URIRef)
        every.update(dict.fromkeys(graph))
        if name == ONTOLOGY_GRAPH:
            onto.addN((s, p, o, onto) for s, p, o in graph)
        elif name == STATEMENTS_GRAPH:
            statements.update(graph.subjects(AKG.statedBy, None))
        if not named:
            continue
        for s, p, o in graph:
            graphs_of.setdefault(s, set()).add(name)
            if types is None or (p == RDF.type and o in types):
                graphs_of_triple.setdefault((s, p, o), set()).add(name)
    if len(onto) == 0 and ontology is not None:
        onto = ontology
        every.update(dict.fromkeys(ontology))
    if light:
        union = TripleGraph(None, every)
    else:
        union.addN((s, p, o, union) for s, p, o in every)
    del every
    for prefix, ns in dataset.namespaces():
        union.bind(prefix, ns, override=False)
    return Asserted(union, onto, graphs_of, graphs_of_triple, statements)


def load_dataset(path) -> Dataset:
    """A TriG/N-Quads file as a Dataset, with the packaged ontology graph added if it has none."""
    from kg.namespaces import PREFIXES
    from kg.ontology import load_ontology

    fmt = "nquads" if str(path).endswith(".nq") else "trig"
    ds = Dataset()
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns)
    ds.parse(str(path), format=fmt)
    onto = ds.graph(ONTOLOGY_GRAPH)
    if len(onto) == 0:
        onto += load_ontology()
    return ds
