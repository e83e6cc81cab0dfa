"""The streamed dumps and the Oxigraph store of a build (kg/build/dumps.py)."""

from __future__ import annotations

import io
from pathlib import Path

import pyoxigraph as ox
import pytest
from corpus_support import CORPUS

from kg.build.dumps import WRITE_PREFIXES, _SortedPrefixes, graph_sources, write_trig, write_turtle
from kg.build.output import write_outputs
from kg.build.quads import graph_quads, sort_quads
from kg.pipeline import build
from kg.query import KnowledgeGraph

ROOT = Path(__file__).resolve().parent.parent


def _whole(items: list, fmt: ox.RdfFormat) -> bytes:
    """The reference: the whole dataset serialized at once, @prefix lines sorted."""
    data = ox.serialize(items, format=fmt, prefixes=WRITE_PREFIXES)
    lines = data.split(b"\n")
    n = next((i for i, line in enumerate(lines) if not line.startswith(b"@prefix")), len(lines))
    return b"\n".join(sorted(lines[:n]) + lines[n:])


@pytest.fixture(scope="module")
def seed_build(tmp_path_factory):
    result = build(CORPUS)
    out = tmp_path_factory.mktemp("out")
    write_outputs(result, out)
    return result, out


def test_streamed_trig_and_turtle_equal_the_whole_dataset_serialized(seed_build):
    result, out = seed_build
    quads = sort_quads(q for g in result.dataset.graphs() if len(g) for q in graph_quads(g))
    triples = sorted({ox.Triple(q.subject, q.predicate, q.object) for q in quads},
                     key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    assert (out / "kg.trig").read_bytes() == _whole(quads, ox.RdfFormat.TRIG)
    assert (out / "kg.ttl").read_bytes() == _whole(triples, ox.RdfFormat.TURTLE)


def test_documents_are_streamed_from_their_nquads_not_the_dataset(seed_build):
    """The dumps read each article's graph from its N-Quads text (the dataset copy is not converted)."""
    result, _ = seed_build
    doc = next(iter(result.document_nquads))
    marked = {**result.document_nquads, doc: '<urn:x:s> <urn:x:p> "marker" <' + doc + "> .\n"}
    buf = io.BytesIO()
    write_trig(graph_sources(result.dataset, marked), buf)
    assert b'"marker"' in buf.getvalue()
    buf = io.BytesIO()
    write_turtle(graph_sources(result.dataset, marked), buf)
    assert b'"marker"' in buf.getvalue()


def _ground(quads) -> set:
    """Quads without blank nodes (blank nodes get fresh labels on each load)."""
    return {q for q in quads if not isinstance(q.subject, ox.BlankNode) and not isinstance(q.object, ox.BlankNode)}


def test_store_holds_the_named_graphs_and_their_union_as_default_graph(seed_build):
    _, out = seed_build
    assert (out / "store").is_symlink() and (out / "current" / "store").is_dir()
    store = ox.Store.read_only(str(out / "store"))
    named = [q for q in store if not isinstance(q.graph_name, ox.DefaultGraph)]
    default = [q for q in store if isinstance(q.graph_name, ox.DefaultGraph)]
    dump = list(ox.parse(path=str(out / "kg.trig"), format=ox.RdfFormat.TRIG))
    union = list(ox.parse(path=str(out / "kg.ttl"), format=ox.RdfFormat.TURTLE))
    assert len(named) == len(dump) > len(default) == len(union) > 0
    assert _ground(named) == _ground(dump)
    assert _ground(default) == _ground(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in union)


def test_store_has_the_info_a_server_reads(seed_build):
    """info.json in server/store.py's format, so `kg serve` could open OUT/store as its own store."""
    import json

    result, out = seed_build
    info = json.loads((out / "store" / "info.json").read_text())
    assert info["graphs"] == result.report["triples_per_graph"]
    assert info["quads"] == result.report["triples"]
    assert info["triples"] == len(list(ox.parse(path=str(out / "kg.ttl"), format=ox.RdfFormat.TURTLE)))


def test_kg_query_reads_the_store_when_present(seed_build):
    _, out = seed_build
    kg = KnowledgeGraph.load(out)
    assert kg.source == out / "store"
    rows = kg.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", isolated=True).rows
    ref = KnowledgeGraph.load(out / "kg.trig").query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows
    assert rows == ref


@pytest.mark.parametrize("chunks", [[b"@prefix a: <x> .\n@prefix\x20", b"0: <y> .\n\nbody\n"],
                                    [b"@pre", b"fix b: <x> .\n@prefix a: <y> .\nbo", b"dy\n"],
                                    [b"@prefix b: <x> .\n@prefix a: <y> .\n"], [b"body only\n"], []])
def test_sorted_prefixes_writer_sorts_the_head_wherever_the_writes_split(chunks):
    whole = b"".join(chunks)
    lines = whole.split(b"\n")
    n = next((i for i, line in enumerate(lines) if not line.startswith(b"@prefix")), len(lines))
    expected = b"\n".join(sorted(lines[:n]) + lines[n:])
    buf = io.BytesIO()
    out = _SortedPrefixes(buf)
    for c in chunks:
        out.write(c)
    out.close()
    assert buf.getvalue() == expected


def test_assembling_with_oxigraph_gives_the_quads_rdflib_parses(seed_build):
    """kg.pipeline reads each article's N-Quads with Oxigraph; the dataset is the one rdflib's parser made."""
    from rdflib import Dataset, URIRef
    from rdflib.compare import to_isomorphic

    from kg.build.quads import rdflib_quads

    result, _ = seed_build
    odd = ('<urn:x:s> <urn:x:p> "plain" <urn:x:g> .\n<urn:x:s> <urn:x:p> "chat"@fr <urn:x:g> .\n'
           '<urn:x:s> <urn:x:p> "007"^^<http://www.w3.org/2001/XMLSchema#integer> <urn:x:g> .\n'
           '_:b1 <urn:x:p> "2017"^^<http://www.w3.org/2001/XMLSchema#gYear> <urn:x:g> .\n')
    texts = {**result.document_nquads, "urn:x:g": odd}
    for iri, text in texts.items():
        ours, theirs = Dataset(), Dataset()
        ours.addN(rdflib_quads(text, ours.graph(URIRef(iri))))
        theirs.parse(data=text, format="nquads")
        assert to_isomorphic(ours.graph(URIRef(iri))) == to_isomorphic(theirs.graph(URIRef(iri)))
        assert len(ours.graph(URIRef(iri))) > 0
    ours = Dataset()  # the same blank node label in two articles is two blank nodes, as rdflib's parser makes
    ours.addN(rdflib_quads(odd, ours.graph(URIRef("urn:x:g"))))
    ours.addN(rdflib_quads(odd.replace("urn:x:g", "urn:x:h"), ours.graph(URIRef("urn:x:h"))))
    assert len({s for s, _, _, _ in ours.quads() if str(s) != "urn:x:s"}) == 2


def test_a_triple_in_two_graphs_is_one_triple_of_the_default_graph(tmp_path):
    """kg query's default graph is the RDF merge of the named graphs, as kg serve's: from a store or a dump."""
    nq = tmp_path / "kg.nq"
    nq.write_text("<urn:x:s> <urn:x:p> <urn:x:o> <urn:x:g1> .\n<urn:x:s> <urn:x:p> <urn:x:o> <urn:x:g2> .\n")
    kg = KnowledgeGraph.load(nq)
    assert len(kg.query("SELECT * WHERE { ?s ?p ?o }").rows) == 1
    assert len(kg.query("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }").rows) == 2
    assert len(kg) == 2
