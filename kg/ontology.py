"""Where the packaged ontology, shapes and rule files are, and the parsed ontology.

The files ship as package data of the top-level `ontology` package, so they are
found the same way from a checkout, an editable install or a wheel.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from rdflib import Graph

from kg.namespaces import PREFIXES

_PACKAGE = "ontology"


def _package_dir() -> Path:
    """The `ontology` package as a real directory (packages here are never zipped)."""
    return Path(str(files(_PACKAGE)))


def ontology_path() -> Path:
    """Path of `ontology/akg.ttl`, the OWL 2 RL ontology."""
    return _package_dir() / "akg.ttl"


def shapes_path() -> Path:
    """Path of `ontology/shapes.ttl`, the SHACL shapes for document graphs."""
    return _package_dir() / "shapes.ttl"


def rules_dir() -> Path:
    """Path of `ontology/rules/`, the reasoning rule files (owned by the reasoning stage)."""
    return _package_dir() / "rules"


@lru_cache(maxsize=1)
def _parsed_ontology() -> Graph:
    return Graph().parse(ontology_path(), format="turtle")


@lru_cache(maxsize=1)
def _parsed_shapes() -> Graph:
    return Graph().parse(shapes_path(), format="turtle")


def _copy(source: Graph) -> Graph:
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    for prefix, namespace in source.namespaces():
        graph.bind(prefix, namespace, override=False)
    graph += source
    return graph


def load_ontology() -> Graph:
    """The ontology as a fresh graph: parsed once, copied per call, so callers may mutate it.

    A copy of the ~600 triples costs far less than a parse, and owlrl expands
    graphs in place, which would otherwise corrupt the cached parse.
    """
    return _copy(_parsed_ontology())


def load_shapes() -> Graph:
    """The SHACL shapes as a fresh graph (parsed once, copied per call)."""
    return _copy(_parsed_shapes())
