"""Check document graphs against the SHACL shapes, so a build can list what is malformed.

pySHACL runs with the ontology as its ontology graph (so `sh:targetClass akg:Event`
reaches `akg:Meeting` instances and `sh:class akg:Role` finds the role individuals)
and with no inference: RDFS/OWL inference would add the very types and links the
shapes are meant to find missing (rdfs:domain would type a node with no
`rdf:type`, for one) and would cost more than the check itself. Reasoning is a
later, separate stage.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from pyshacl import validate as shacl_validate
from rdflib import RDF, RDFS, XSD, BNode, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from kg.graph.shapecheck import Compiled, Unsupported
from kg.namespaces import DOC, PREFIXES
from kg.ontology import load_ontology, load_shapes

SH = Namespace("http://www.w3.org/ns/shacl#")


@dataclass(frozen=True)
class Violation:
    """One SHACL validation result: where, along which path, what was expected, how bad."""

    focus_node: Node
    path: str | None
    message: str
    severity: str  # "Violation", "Warning" or "Info"
    value: Node | None = None
    source_shape: Node | None = None

    def __str__(self) -> str:
        where = _short(self.focus_node)
        if self.path:
            where += f" {self.path}"
        found = f" (found {_short(self.value)})" if self.value is not None else ""
        return f"{self.severity}: {where}: {self.message}{found}"


@dataclass
class ShapeReport:
    """The outcome of validating one graph. Warnings are listed but do not break `conforms`."""

    conforms: bool
    violations: list[Violation] = field(default_factory=list)

    def errors(self) -> list[Violation]:
        """Only the results of severity Violation."""
        return [v for v in self.violations if v.severity == "Violation"]

    def text(self) -> str:
        """One line per result, sorted, for a build report."""
        return "\n".join(sorted(str(v) for v in self.violations))


def validate(data: Graph, engine: str = "compiled") -> ShapeReport:
    """Validate one graph (normally one document graph) against ontology/shapes.ttl.

    The graph is not modified. Run it per document graph, not over the union
    with the entities graph (see the header of shapes.ttl). `engine`: "compiled"
    (kg.graph.shapecheck, the same results far faster; pySHACL when the shapes use
    something it does not compile) or "pyshacl" (the reference).
    """
    checker = _compiled() if engine == "compiled" else None
    if checker is not None:
        violations = [Violation(r.focus_node, _path_text(checker.graph, r.path), r.message, r.severity, r.value,
                                r.source_shape) for r in checker.check(data)]
        conforms = not any(v.severity == "Violation" for v in violations)
    else:
        if not isinstance(data, Graph):  # a kg.graph.triples.TripleGraph: pySHACL reads rdflib graphs
            copy = Graph(identifier=data.identifier)
            copy.addN((s, p, o, copy) for s, p, o in data)
            data = copy
        conforms, violations = _pyshacl(data)
    violations.sort(key=lambda v: (str(v.focus_node), v.path or "", v.message, str(v.value)))
    return ShapeReport(conforms=conforms, violations=violations)


def _pyshacl(data: Graph) -> tuple[bool, list[Violation]]:
    conforms, results, _text = shacl_validate(
        data,
        shacl_graph=_shapes(),
        ont_graph=_ontology(),
        inference="none",
        abort_on_first=False,
        allow_warnings=True,
        inplace=False,
    )
    # Top-level results only: nested sh:detail results repeat what failed inside sh:node/sh:or.
    return bool(conforms), [_violation(results, r) for r in results.objects(None, SH.result)]


def _compiled() -> Compiled | None:
    """The shapes compiled once per process; None (use pySHACL) if they use a feature not compiled."""
    if "compiled" not in _cache:
        try:
            _cache["compiled"] = Compiled(_shapes(), _ontology())
        except Unsupported:
            _cache["compiled"] = None
    return _cache["compiled"]


def validate_documents(dataset: Dataset) -> dict[URIRef, ShapeReport]:
    """Validate every document graph (`…/doc/{stem}`) of a dataset on its own."""
    reports: dict[URIRef, ShapeReport] = {}
    for graph in _document_graphs(dataset):
        reports[URIRef(graph.identifier)] = validate(graph)
    return reports


def _document_graphs(dataset: Dataset) -> Iterable[Graph]:
    for graph in dataset.graphs():
        if isinstance(graph.identifier, URIRef) and str(graph.identifier).startswith(str(DOC)):
            yield graph


# The cached parses are only read by pySHACL (inplace=False copies the data graph
# before mixing the ontology in), so one copy of each serves every call.
_cache: dict = {}


def _ontology() -> Graph:
    if "ontology" not in _cache:
        _cache["ontology"] = load_ontology()
    return _cache["ontology"]


def _shapes() -> Graph:
    if "shapes" not in _cache:
        _cache["shapes"] = load_shapes()
    return _cache["shapes"]


def _violation(results: Graph, result: Node) -> Violation:
    severity = results.value(result, SH.resultSeverity)
    message = results.value(result, SH.resultMessage)
    return Violation(
        focus_node=results.value(result, SH.focusNode),
        path=_path_text(results, results.value(result, SH.resultPath)),
        message=str(message) if message is not None else "does not conform",
        severity=_local(severity) if severity is not None else "Violation",
        value=results.value(result, SH.value),
        source_shape=results.value(result, SH.sourceShape),
    )


def _path_text(graph: Graph, path: Node | None) -> str | None:
    """A SHACL property path as compact text (`akg:status`, `(akg:a/akg:b)`, `akg:p+`)."""
    if path is None:
        return None
    if isinstance(path, URIRef):
        return _short(path)
    if isinstance(path, BNode):
        if graph.value(path, RDF.first) is not None:
            return "/".join(_path_text(graph, p) or "?" for p in Collection(graph, path))
        for predicate, suffix in ((SH.oneOrMorePath, "+"), (SH.zeroOrMorePath, "*"), (SH.zeroOrOnePath, "?")):
            inner = graph.value(path, predicate)
            if inner is not None:
                return f"{_path_text(graph, inner)}{suffix}"
        inverse = graph.value(path, SH.inversePath)
        if inverse is not None:
            return f"^{_path_text(graph, inverse)}"
        alternatives = graph.value(path, SH.alternativePath)
        if alternatives is not None:
            return "|".join(_path_text(graph, p) or "?" for p in Collection(graph, alternatives))
    return str(path)


_SHORT = {**PREFIXES, "rdf": RDF, "rdfs": RDFS, "xsd": XSD}


def _short(node: Node) -> str:
    if isinstance(node, Literal):
        if node.datatype is not None:
            return f'"{node}"^^{_short(node.datatype)}'
        return f'"{node}"@{node.language}' if node.language else f'"{node}"'
    text = str(node)
    for prefix, namespace in _SHORT.items():
        if text.startswith(str(namespace)) and len(text) > len(str(namespace)):
            return f"{prefix}:{text[len(str(namespace)):]}"
    return f"<{text}>" if isinstance(node, URIRef) else text


def _local(node: Node) -> str:
    text = str(node)
    return text.rsplit("#", 1)[-1]
