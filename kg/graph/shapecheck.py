"""ontology/shapes.ttl compiled into plain Python checks: pySHACL's results for a document graph, far faster.

pySHACL spent most of a build (issue 11: 40 % of it) copying the ontology into every
document graph and walking rdflib stores; the shapes themselves use a dozen SHACL Core
constraints. They are read here once into small objects and checked against a dict
index of the document graph (plus the ontology, as pySHACL mixes it in). Messages,
paths, values and severities are those pySHACL gives (tests/test_shapecheck.py
compares both on every fixture and on thousands of mutations of it). A shape that uses
anything not compiled here raises Unsupported at load, and kg.graph.shapes falls back
to pySHACL: adding a constraint to shapes.ttl can slow a build down, never weaken it.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from pyshacl.rdfutil.compare import compare_literal
from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

SH = Namespace("http://www.w3.org/ns/shacl#")

#: predicates of a shape that carry no constraint
_INERT = {RDF.type, RDFS.comment, RDFS.label, SH.name, SH.description, SH.order, SH.group, SH.message,
          SH.severity, SH.path, SH.property, SH.targetClass, SH.qualifiedMinCount, SH.qualifiedMaxCount,
          SH.qualifiedValueShapesDisjoint}
_CONSTRAINTS = {SH.minCount, SH.maxCount, SH.nodeKind, SH.datatype, SH["in"], SH["class"], SH.node, SH["or"],
                SH.minLength, SH.minInclusive, SH.lessThan, SH.hasValue, SH.qualifiedValueShape}
_TYPE, _SUBCLASS = RDF.type, RDFS.subClassOf
_KINDS = {SH.IRI: (URIRef,), SH.BlankNode: (BNode,), SH.Literal: (Literal,), SH.BlankNodeOrIRI: (BNode, URIRef),
          SH.IRIOrLiteral: (URIRef, Literal), SH.BlankNodeOrLiteral: (BNode, Literal)}


class Unsupported(Exception):
    """The shapes use a SHACL feature this module does not compile."""


@dataclass
class Shape:
    node: Node
    path: Node | None  #: None for a node shape
    steps: tuple | None = None  #: the path compiled: ("iri", p), ("inverse", p) or ("oneOrMore", steps)
    constraints: list[tuple[str, object]] = field(default_factory=list)  #: (SHACL local name, parameter)
    properties: list[Shape] = field(default_factory=list)
    targets: set[Node] = field(default_factory=set)
    message: str | None = None
    severity: str = "Violation"


@dataclass(frozen=True)
class Result:
    """One validation result, in the terms kg.graph.shapes.Violation takes."""

    focus_node: Node
    path: Node | None
    message: str
    severity: str
    value: Node | None
    source_shape: Node


class Compiled:
    """The node shapes with targets, ready to check graphs; built once per process."""

    def __init__(self, shapes: Graph, ontology: Graph) -> None:
        self.graph = shapes
        self._shapes: dict[Node, Shape] = {}
        roots = set(shapes.subjects(SH.targetClass, None))
        for extra in (SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target):
            if next(shapes.subjects(extra, None), None) is not None:
                raise Unsupported(f"target {extra}")
        self.roots = [self._shape(n) for n in sorted(roots, key=str)]
        self.onto = _index(ontology)
        # what the ontology alone says, shared by every data graph that adds no rdfs:subClassOf
        self._supers: dict[Node, set[Node]] = {}
        self._onto_instances: dict[frozenset, set[Node]] = {}

    def _shape(self, node: Node) -> Shape:
        if node in self._shapes:
            return self._shapes[node]
        g = self.graph
        shape = Shape(node, g.value(node, SH.path))
        self._shapes[node] = shape
        if (node, SH.deactivated, Literal(True)) in g:
            raise Unsupported("sh:deactivated")
        if shape.path is not None:
            shape.steps = _compile_path(g, shape.path)
        severity = g.value(node, SH.severity)
        shape.severity = str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation"
        message = g.value(node, SH.message)
        shape.message = str(message) if message is not None else None
        shape.targets = set(g.objects(node, SH.targetClass))
        for p, o in sorted(g.predicate_objects(node), key=lambda po: (str(po[0]), str(po[1]))):
            if p == SH.property:
                shape.properties.append(self._shape(o))
            elif p in _CONSTRAINTS:
                shape.constraints.append((str(p)[len(SH):], self._parameter(node, p, o)))
            elif p not in _INERT and str(p).startswith(str(SH)):
                raise Unsupported(f"{p} on {node}")
        if (node, SH.qualifiedValueShapesDisjoint, Literal(True)) in g:
            raise Unsupported("sh:qualifiedValueShapesDisjoint")
        return shape

    def _parameter(self, node: Node, p: URIRef, o: Node) -> object:
        g = self.graph
        if p in (SH.minCount, SH.maxCount, SH.minLength):
            return int(o)
        if p == SH.nodeKind:
            if o not in _KINDS:
                raise Unsupported(f"sh:nodeKind {o}")
            return o
        if p == SH["in"]:
            return set(Collection(g, o))
        if p == SH.node:
            return self._shape(o)
        if p == SH["or"]:
            return [self._shape(s) for s in Collection(g, o)]
        if p == SH.qualifiedValueShape:
            low, high = g.value(node, SH.qualifiedMinCount), g.value(node, SH.qualifiedMaxCount)
            return (self._shape(o), None if low is None else int(low), None if high is None else int(high))
        return o  # datatype, class, minInclusive, lessThan, hasValue: the term itself

    def check(self, data: Graph) -> list[Result]:
        """Every result of validating `data` (with the ontology mixed in, no inference)."""
        index = _index(data)
        shared = not any(_SUBCLASS in props for props in index.values())
        ctx = _Context(index, self.onto, self._supers if shared else {})
        results: list[Result] = []
        for shape in self.roots:
            for focus in sorted(ctx.instances(shape.targets, self._onto_instances if shared else None), key=str):
                results.extend(self._node(shape, focus, ctx))
        return results

    def _node(self, shape: Shape, focus: Node, ctx: _Context) -> list[Result]:
        own = [focus] if shape.path is None else ctx.path_values(focus, shape.steps)
        out = _evaluate(shape, focus, own, ctx, self)
        for prop in shape.properties:
            out.extend(_evaluate(prop, focus, ctx.path_values(focus, prop.steps), ctx, self))
        return out

    def conforms(self, shape: Shape, focus: Node, ctx: _Context) -> bool:
        return not self._node(shape, focus, ctx)


def _index(graph: Graph) -> dict[Node, dict[Node, list[Node]]]:
    out: dict[Node, dict[Node, list[Node]]] = {}
    for s, p, o in graph:
        out.setdefault(s, {}).setdefault(p, []).append(o)
    return out


def _compile_path(g: Graph, path: Node) -> tuple:
    if isinstance(path, URIRef):
        return ("iri", path)
    inner = g.value(path, SH.inversePath)
    if isinstance(inner, URIRef):
        return ("inverse", inner)
    inner = g.value(path, SH.oneOrMorePath)
    if inner is None:
        raise Unsupported(f"path {path}")
    return ("oneOrMore", _compile_path(g, inner))


class _Context:
    """The data graph and the ontology as one read-only index (the ontology is never copied)."""

    def __init__(self, data: dict, onto: dict, supers: dict[Node, set[Node]]) -> None:
        self.data, self.onto = data, onto
        self._supers = supers  #: class -> its superclasses; shared across graphs when they add no subclassing
        self._inverse: dict | None = None

    def values(self, s: Node, p: Node) -> list[Node]:
        a = self.data.get(s, {}).get(p, ())
        b = self.onto.get(s, {}).get(p, ())
        if not b:
            return list(dict.fromkeys(a))
        return list(dict.fromkeys([*a, *b]))

    def supers(self, cls: Node) -> set[Node]:
        """cls and everything it is an rdfs:subClassOf, transitively."""
        if cls not in self._supers:
            seen, todo = {cls}, [cls]
            while todo:
                for parent in self.values(todo.pop(), _SUBCLASS):
                    if parent not in seen:
                        seen.add(parent)
                        todo.append(parent)
            self._supers[cls] = seen
        return self._supers[cls]

    def is_instance(self, node: Node, cls: Node) -> bool:
        return any(cls in self.supers(t) for t in self.values(node, _TYPE))

    def instances(self, classes: set[Node], onto_cache: dict[frozenset, set[Node]] | None = None) -> set[Node]:
        """Nodes typed with one of `classes` or a subclass (`onto_cache`: the ontology's, kept across graphs)."""
        found = self._instances(self.data, classes)
        if onto_cache is None:
            return found | self._instances(self.onto, classes)
        key = frozenset(classes)
        if key not in onto_cache:
            onto_cache[key] = self._instances(self.onto, classes)
        return found | onto_cache[key]

    def _instances(self, index: dict, classes: set[Node]) -> set[Node]:
        return {s for s, props in index.items() if any(classes & self.supers(t) for t in props.get(_TYPE, ()))}

    def inverse(self, o: Node, p: Node) -> list[Node]:
        if self._inverse is None:
            self._inverse = {}
            for index in (self.data, self.onto):
                for s, props in index.items():
                    for pred, objs in props.items():
                        for obj in objs:
                            self._inverse.setdefault((obj, pred), []).append(s)
        return list(dict.fromkeys(self._inverse.get((o, p), ())))

    def path_values(self, focus: Node, steps: tuple) -> list[Node]:
        kind, arg = steps
        if kind == "iri":
            return self.values(focus, arg)
        if kind == "inverse":
            return self.inverse(focus, arg)
        seen: dict[Node, None] = {}
        todo = self.path_values(focus, arg)
        while todo:
            v = todo.pop(0)
            if v not in seen:
                seen[v] = None
                todo.extend(self.path_values(v, arg))
        return list(seen)


def _evaluate(shape: Shape, focus: Node, values: list[Node], ctx: _Context, compiled: Compiled) -> list[Result]:
    out: list[Result] = []

    def fail(kind: str, param: object, value: Node | None) -> None:
        message = shape.message or _generic(kind, param, compiled.graph)
        out.append(Result(focus, shape.path, message, shape.severity, value, shape.node))

    for kind, param in shape.constraints:
        if kind == "minCount":
            if len(values) < param:
                fail(kind, param, None)
        elif kind == "maxCount":
            if len(values) > param:
                fail(kind, param, None)
        elif kind == "hasValue":
            if param not in values:
                fail(kind, param, None)
        elif kind == "qualifiedValueShape":
            qshape, low, high = param
            n = sum(1 for v in values if compiled.conforms(qshape, v, ctx))
            if (low is not None and n < low) or (high is not None and n > high):
                fail(kind, param, None)
        elif kind == "lessThan":
            for v in _less_than_failures(values, ctx.values(focus, param)):
                fail(kind, param, v)
        else:
            for v in values:
                if not _value_ok(kind, param, v, ctx, compiled):
                    fail(kind, param, v)
    return out


def _value_ok(kind: str, param, v: Node, ctx: _Context, compiled: Compiled) -> bool:
    if kind == "nodeKind":
        return isinstance(v, _KINDS[param])
    if kind == "datatype":
        return _datatype_ok(v, param)
    if kind == "in":
        return v in param
    if kind == "class":
        return not isinstance(v, Literal) and ctx.is_instance(v, param)
    if kind == "node":
        return compiled.conforms(param, v, ctx)
    if kind == "or":
        return any(compiled.conforms(s, v, ctx) for s in param)
    if kind == "minLength":
        return not isinstance(v, BNode) and len(str(v)) >= param
    if kind == "minInclusive":
        return _min_inclusive_ok(v, param)
    raise Unsupported(kind)  # pragma: no cover - _CONSTRAINTS and this function list the same kinds


_STRING, _LANG_STRING, _LITERAL, _DATATYPE = XSD.string, RDF.langString, RDFS.Literal, RDFS.Datatype
_EXPECTED = {XSD.integer: int, XSD.float: float, XSD.decimal: Decimal, XSD.date: _dt.date, XSD.time: _dt.time,
             XSD.dateTime: _dt.datetime, XSD.string: (str, bytes), RDF.langString: (str, bytes), XSD.boolean: bool}


def _datatype_ok(v: Node, dt: Node) -> bool:
    """pySHACL's reading of sh:datatype: same datatype IRI and a well-formed lexical form."""
    if not isinstance(v, Literal):
        return False
    if v.datatype == dt:
        if getattr(v, "ill_typed", None) is True:
            return False
        return _actual(v, dt)
    if dt == _LITERAL or (dt == _DATATYPE and v.datatype):
        return True
    if v.datatype is None and v.language is None and dt == _STRING:
        return _actual(v, dt)
    if dt == _LANG_STRING and v.language:
        return _actual(v, dt)
    return False


def _actual(v: Literal, dt: Node) -> bool:
    expected = _EXPECTED.get(dt)
    return True if expected is None else isinstance(v.value, expected)


def _min_inclusive_ok(v: Node, bound: Literal) -> bool:
    if not isinstance(v, Literal):
        return False
    if isinstance(bound.value, str) != isinstance(v.value, str):
        return False
    try:
        return compare_literal(v, bound) >= 0
    except (TypeError, NotImplementedError):
        return False


def _less_than_failures(values: Iterable[Node], others: list[Node]) -> list[Node]:
    """The values not less than every value of the other property (pySHACL's string/literal rules)."""
    failed = []
    for v in values:
        a, a_str = _comparable(v)
        for o in others:
            b, b_str = _comparable(o)
            if a_str != b_str:
                failed.append(v)
                continue
            try:
                if not a < b:
                    failed.append(v)
            except TypeError:
                failed.append(v)
    return failed


def _comparable(node: Node) -> tuple[object, bool]:
    if isinstance(node, URIRef):
        return str(node), True
    if isinstance(node, Literal) and isinstance(node.value, str):
        return node.value, True
    return node, False


_GENERIC = {
    "nodeKind": "Value is not of Node Kind {}",
    "datatype": "Value is not Literal with datatype {}",
    "class": "Value does not have class {}",
    "minCount": "Less than {} values",
    "maxCount": "More than {} values",
    "hasValue": "Node does not have value {}",
    "minLength": "String length not >= {}",
    "minInclusive": "Value is not >= {}",
    "lessThan": "Value of {} is not < value of the compared property",
}


def _generic(kind: str, param: object, g: Graph) -> str:
    """A default message for a shape without sh:message (the shapes here give one almost everywhere)."""
    text = _GENERIC.get(kind)
    if text is None:
        return f"Constraint {kind} not met"
    if isinstance(param, URIRef):
        prefix, name = _qname(g, param)
        return text.format(f"{prefix}:{name}" if prefix else f"<{param}>")
    return text.format(param)


def _qname(g: Graph, iri: URIRef) -> tuple[str, str]:
    for prefix, ns in g.namespaces():
        if prefix and str(iri).startswith(str(ns)):
            return prefix, str(iri)[len(str(ns)):]
    return "", str(iri)
