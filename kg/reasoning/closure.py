"""OWL 2 RL closure engines behind one small interface: add triples, get the closure.

`reasonable` (Rust) is the default for speed; owlrl is the reference. Both
return the full closure (input plus inferences); cleaning is done elsewhere.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from rdflib import Graph, Literal
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

from kg.errors import KGError
from kg.namespaces import ERR

Triple = tuple[Node, Node, Node]
ENGINES = ("reasonable", "owlrl")


class EngineError(KGError):
    """An unknown engine name or an engine failure."""


class ReasonableClosure:
    """The `reasonable` engine; later additions are materialized incrementally."""

    name = "reasonable"

    def __init__(self) -> None:
        import reasonable

        self._r = reasonable.PyReasoner()
        self.errors: list[tuple[Node, str]] = []

    def add(self, triples: Iterable[Triple]) -> None:
        batch = list(triples)
        if batch:
            self._r.from_graph(batch)

    def add_file(self, path: Path) -> bool:
        """Load a Turtle/N3/N-Triples file natively (fast); False if the format needs rdflib."""
        suffix = path.suffix.lower()
        if suffix in (".ttl", ".n3"):
            self._r.load_file(str(path))
            return True
        if suffix == ".nt":  # N-Triples is Turtle; the loader only looks at the extension
            with tempfile.TemporaryDirectory() as tmp:
                link = Path(tmp) / "data.ttl"
                os.symlink(path.resolve(), link)
                self._r.load_file(str(link))
            return True
        return False

    def base(self) -> list[Triple]:
        """The loaded (asserted) triples."""
        return [(s, p, _plain(o)) if type(o) is Literal else (s, p, o) for s, p, o in self._r.get_base_triples()]

    def run(self, plain: bool = True) -> list[Triple]:
        """The closure; `plain=False` skips turning "x"^^xsd:string back into "x" (same RDF 1.1 term)."""
        out = self._r.reason()
        if not plain:
            return out
        return [(s, p, _plain(o)) if type(o) is Literal else (s, p, o) for s, p, o in out]


def _plain(lit: Literal) -> Literal:
    """reasonable types plain literals as xsd:string; RDF 1.1 says they are equal, rdflib does not."""
    if lit.datatype == XSD.string and not lit.language:
        return Literal(str(lit))
    return lit


class OwlrlClosure:
    """The owlrl reference engine, expanding its own graph (never the caller's)."""

    name = "owlrl"

    def __init__(self) -> None:
        self._g = Graph()
        self._base: list[Triple] = []
        self.errors: list[tuple[Node, str]] = []

    def add(self, triples: Iterable[Triple]) -> None:
        for t in triples:
            self._g.add(t)
            self._base.append(t)

    def add_file(self, path: Path) -> bool:
        return False

    def base(self) -> list[Triple]:
        return list(self._base)

    def run(self, plain: bool = True) -> list[Triple]:
        import owlrl

        owlrl.DeductiveClosure(
            owlrl.OWLRL_Semantics, rdfs_closure=False, axiomatic_triples=False, datatype_axioms=False
        ).expand(self._g)
        # owlrl reports inconsistencies as err:ErrorMessage nodes in the graph; take them out.
        for node in list(self._g.subjects(RDF.type, ERR.ErrorMessage)):
            for msg in self._g.objects(node, ERR.error):
                self.errors.append((node, str(msg)))
            self._g.remove((node, None, None))
        return list(self._g)


def make_engine(name: str):
    """A fresh closure engine by name ("default" is reasonable)."""
    if name in ("default", "reasonable"):
        return ReasonableClosure()
    if name == "owlrl":
        return OwlrlClosure()
    raise EngineError(f"unknown reasoning engine {name!r}; choose one of: default, {', '.join(ENGINES)}")
