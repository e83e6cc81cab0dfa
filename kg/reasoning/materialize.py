"""Materialize any OWL 2 RL ontology over any data files (what `kg reason` runs).

Turtle, N3 and N-Triples go straight into the Rust engine (no rdflib parse);
other formats (RDF/XML, TriG, N-Quads, JSON-LD) are read with rdflib. Data that
uses the alliance-kg membership vocabulary goes through `reason()` so the
temporal rules and contradictions apply; other data gets the closure plus any
domain rule whose premises occur, then the cleaning filter.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset, Graph
from rdflib.term import Node
from rdflib.util import guess_format

from kg.errors import KGError
from kg.namespaces import AKG, GRAPH, ONTOLOGY_GRAPH, PREFIXES
from kg.reasoning.clean import NoiseFilter
from kg.reasoning.closure import make_engine
from kg.reasoning.engine import domain_rules, fixpoint, reason

Triple = tuple[Node, Node, Node]
_FORMATS = {".ttl": "turtle", ".n3": "n3", ".nt": "nt", ".trig": "trig", ".nq": "nquads",
            ".rdf": "xml", ".owl": "xml", ".xml": "xml", ".jsonld": "json-ld"}


class InputError(KGError):
    """An input file is missing or cannot be parsed."""


@dataclass
class Materialized:
    """The asserted triples plus the cleaned inferences (or only the inferences)."""

    triples: list[Triple]
    stats: dict = field(default_factory=dict)


def _format(path: Path) -> str:
    fmt = _FORMATS.get(path.suffix.lower()) or guess_format(str(path))
    if not fmt:
        raise InputError(f"{path}: unknown RDF format (use .ttl, .nt, .n3, .rdf/.owl, .trig, .nq, .jsonld)")
    return fmt


def _parse(path: Path) -> Dataset:
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    ds = Dataset()
    try:
        ds.parse(str(path), format=_format(path))
    except Exception as exc:  # noqa: BLE001 - any parser error becomes one clean message
        raise InputError(f"{path}: cannot parse: {exc}") from exc
    return ds


def materialize(ontology: Path, data: list[Path], *, engine: str = "default", rules: bool = True,
                inferred_only: bool = False) -> Materialized:
    """Closure of `ontology` + `data`, cleaned of axiomatic and trivial triples.

    By default the result holds the inputs too (a full materialization; asserted triples that
    the cleaning filter calls noise, like `x a owl:Thing`, are dropped); with `inferred_only`
    only the new triples.
    """
    started = time.perf_counter()
    ontology, data = Path(ontology), [Path(d) for d in data]
    onto = _parse(ontology)
    onto_graph = Graph()
    for s, p, o, _ in onto.quads((None, None, None, None)):
        onto_graph.add((s, p, o))
    eng = make_engine(engine)
    for path in [ontology, *data]:
        if not path.is_file():
            raise InputError(f"{path}: no such file")
        if not eng.add_file(path):
            eng.add(t[:3] for t in _parse(path).quads((None, None, None, None)))
    base = set(eng.base()) if inferred_only else set()
    first = eng.run(plain=False)
    member = str(AKG.member)
    if any(str(p) == member for _, p, _ in first):
        return _through_dataset(onto_graph, data, engine, inferred_only, started)
    full, _, loop = fixpoint(eng, domain_rules() if rules else [], first=first)
    noise = NoiseFilter(onto_graph.subjects())
    if inferred_only:
        kept = [t for t in full if not noise(t) and t not in base]
    else:  # the ontology as parsed, then everything else that is not noise
        kept = list(onto_graph) + [t for t in full if not noise(t)]
    stats = {"engine": eng.name, "seconds": round(time.perf_counter() - started, 3), "triples_out": len(kept),
             **loop}
    return Materialized(kept, stats)


def _through_dataset(onto: Graph, data: list[Path], engine: str, inferred_only: bool, started: float):
    ds = Dataset()
    ds.graph(ONTOLOGY_GRAPH).__iadd__(onto)
    for path in data:
        for s, p, o, g in _parse(path).quads((None, None, None, None)):
            name = getattr(g, "identifier", g)
            ds.graph(name if name != ds.default_context.identifier else GRAPH["data"]).add((s, p, o))
    result = reason(ds, engine=engine)
    triples = list(result.inferred)
    if not inferred_only:
        triples += [q[:3] for q in ds.quads((None, None, None, None))]
    stats = dict(result.stats, seconds=round(time.perf_counter() - started, 3), triples_out=len(triples),
                 contradictions=len(result.contradictions))
    return Materialized(triples, stats)


def write(triples: list[Triple], out: Path) -> None:
    """Write triples in the format the file extension names (.nt is streamed, the rest via rdflib)."""
    out = Path(out)
    fmt = _format(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    if fmt == "nt":
        with tmp.open("w", encoding="utf-8") as f:
            for s, p, o in triples:
                f.write(f"{s.n3()} {p.n3()} {o.n3()} .\n")
    else:
        g = Graph()
        for prefix, ns in PREFIXES.items():
            g.bind(prefix, ns)
        for t in triples:
            g.add(t)
        if fmt in ("trig", "nquads"):
            ds = Dataset()
            ds.graph(GRAPH["inferred"]).__iadd__(g)
            ds.serialize(tmp, format=fmt)
        else:
            g.serialize(tmp, format=fmt)
    tmp.replace(out)
