"""The graph files and the Oxigraph store of a build, streamed graph by graph with Oxigraph's serializers.

Each article's named graph is already sorted N-Quads text (kg.build.document); it is
parsed by Oxigraph and handed on in graph-name order, so the dumps never convert the
whole dataset from rdflib and never hold more than one article's quads at a time
(kg.ttl, the union, is the exception: its triples are merged and sorted). Only the
global graphs (ontology, entities, inferred, any other a global stage adds) are
converted from rdflib. The bytes are those of sorting every quad of the dataset
(kg.build.quads.sort_quads): the order of the graphs is the order of their names as
N-Quads terms, and the quads inside a graph are sorted the same way.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import IO

import pyoxigraph as ox
from rdflib import Dataset, URIRef

from kg.query import PREFIXES

from .graphs import BuildGraphs
from .quads import graph_quads, parse_nquads, sort_quads

#: `id:` would need escapes (`id:org\/NATO`): entity IRIs are written in full instead.
WRITE_PREFIXES = {name: ns for name, ns in PREFIXES.items() if name != "id"}

Source = Callable[[], list[ox.Quad]]
STORE_INFO = "info.json"


def graph_sources(dataset: Dataset | BuildGraphs, documents: dict[str, str]) -> list[Source]:
    """Loaders of every non-empty graph's sorted quads, in graph-name order.

    `documents`: graph IRI -> that graph's sorted N-Quads (used instead of the
    dataset's copy of those graphs).
    """
    sources: dict[str, Source] = {}
    for g in dataset.graphs():
        name = g.identifier
        if str(name) in documents or not len(g):
            continue
        key = str(ox.NamedNode(str(name))) if isinstance(name, URIRef) else str(ox.DefaultGraph())
        sources[key] = cache(lambda g=g: sort_quads(graph_quads(g)))  # converted once for both dumps
    for iri, text in documents.items():
        if text:
            sources[str(ox.NamedNode(iri))] = lambda text=text: parse_nquads(text)
    return [sources[k] for k in sorted(sources)]


def stream(sources: Iterable[Source]) -> Iterator[ox.Quad]:
    for load in sources:
        yield from load()


def write_trig(sources: list[Source], fh: IO[bytes]) -> None:
    """TriG of every graph, streamed; @prefix lines in a fixed (sorted) order."""
    out = _SortedPrefixes(fh)
    ox.serialize(stream(sources), out, format=ox.RdfFormat.TRIG, prefixes=WRITE_PREFIXES)
    out.close()


def write_turtle(sources: list[Source], fh: IO[bytes]) -> int:
    """Turtle of the triples of all graphs merged, once each, sorted; returns how many triples."""
    seen: dict[tuple[str, str, str], ox.Triple] = {}  # keyed by text: hashing Oxigraph terms is slower
    for q in stream(sources):
        key = (str(q.subject), str(q.predicate), str(q.object))
        if key not in seen:
            seen[key] = q.triple
    triples = [seen[k] for k in sorted(seen)]
    del seen
    out = _SortedPrefixes(fh)
    ox.serialize(triples, out, format=ox.RdfFormat.TURTLE, prefixes=WRITE_PREFIXES)
    out.close()
    return len(triples)


def load_store(folder: Path, trig: Path, turtle: Path, counts: tuple[dict[str, int], int] | None = None) -> None:
    """A persistent Oxigraph store in `folder`: the named graphs of the TriG dump, their union (the Turtle
    dump: each triple once) as the default graph, and info.json with the counts.

    The layout is the one `kg serve` makes for itself (server/store.py: default graph = union,
    info.json with quads, triples and statements per graph), so a server can open it read-only.
    """
    store = ox.Store(str(folder))
    store.bulk_load(path=str(trig), format=ox.RdfFormat.TRIG)
    store.bulk_load(path=str(turtle), format=ox.RdfFormat.TURTLE, to_graph=ox.DefaultGraph())
    store.flush()
    if counts is not None:  # the writer's own counts (quads per graph, distinct triples): no query over it all
        graphs, triples = counts
    else:
        graphs = {row[0].value: int(row[1].value) for row in store.query(
            "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")}
        triples = int(next(iter(store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))[0].value)
    del store
    info = {"quads": sum(graphs.values()), "triples": triples, "graphs": dict(sorted(graphs.items()))}
    (folder / STORE_INFO).write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")


class _SortedPrefixes:
    """A binary writer that sorts the @prefix lines a serializer writes first, then passes the rest through.

    Oxigraph writes the prefixes in an order of its own; sorting them keeps the bytes
    the same from build to build.
    """

    def __init__(self, fh: IO[bytes]) -> None:
        self.fh = fh
        self.head: bytes | None = b""  # None once the body has started

    def write(self, data: bytes) -> int:
        if self.head is None:
            return self.fh.write(data)
        self.head += bytes(data)
        lines = self.head.split(b"\n")
        complete = lines[:-1]  # the last item is a line not yet ended (or b"")
        first_body = next((i for i, line in enumerate(complete) if not line.startswith(b"@prefix")), None)
        if first_body is not None:
            self._flush(lines, first_body)
        return len(data)

    def _flush(self, lines: list[bytes], first_body: int) -> None:
        header = sorted(lines[:first_body])
        self.head = None
        self.fh.write(b"".join(line + b"\n" for line in header) + b"\n".join(lines[first_body:]))

    def flush(self) -> None:
        pass

    def close(self) -> None:
        if self.head is not None:  # nothing but prefixes (or nothing at all)
            lines = self.head.split(b"\n")
            body_at = next((i for i, line in enumerate(lines) if not line.startswith(b"@prefix")), len(lines))
            self._flush(lines, body_at)
