"""Functional properties checked by grouping, in linear time, instead of by the engine's prp-fp rule.

`reasonable` implements prp-fp (p functional, x p y1, x p y2 ⇒ y1 sameAs y2) by
joining every p-triple with every other one on the predicate alone: memory grows with
the square of the number of akg:status triples (1.1 GB for 8,000 memberships; issue 11).
So the engine never sees `p a owl:FunctionalProperty`; instead the closure is grouped
by (subject, property) and each subject with two or more values gets the sameAs
triples prp-fp would have given, which are fed back to the engine. Contradiction
finding (same-and-different, eq-diff*) then sees exactly what it saw before.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from rdflib import Literal, URIRef
from rdflib.namespace import OWL, RDF
from rdflib.term import Node

Triple = tuple[Node, Node, Node]
_TYPE, _FUNCTIONAL = str(RDF.type), str(OWL.FunctionalProperty)


def split_functional(triples: Iterable[Triple]) -> tuple[list[Triple], set[Node]]:
    """(the triples without `p a owl:FunctionalProperty`, the functional properties p)."""
    kept, functional = [], set()
    for t in triples:
        if str(t[1]) == _TYPE and str(t[2]) == _FUNCTIONAL:
            functional.add(t[0])
        else:
            kept.append(t)
    return kept, functional


def functional_same_as(closure: Iterable[Triple], functional: set[Node]) -> list[Triple]:
    """prp-fp by grouping: y1 owl:sameAs y2 for each subject with two values of a functional property.

    One pass over the closure; the pairs are quadratic only in the values of one
    subject (a handful of statuses), never in the data. Literal values are left out
    (owl:sameAs between literals is not RDF); the sameAs triples already present are too.
    """
    if not functional:
        return []
    wanted = {str(p) for p in functional}
    same_as = str(OWL.sameAs)
    values: dict[tuple[Node, str], set[Node]] = defaultdict(set)
    same: set[tuple[Node, Node]] = set()
    for s, p, o in closure:
        text = str(p)  # predicates are IRIs: their text names them, and compares in C
        if text in wanted and not isinstance(o, Literal):
            values[(s, text)].add(o)
        elif text == same_as:
            same.add((s, o))
    out = []
    for objects in values.values():
        if len(objects) < 2:
            continue
        ordered = sorted(objects, key=str)
        for a in ordered:
            for b in ordered:
                if a != b and (a, b) not in same:
                    out.append((a, URIRef(str(OWL.sameAs)), b))
    return out
