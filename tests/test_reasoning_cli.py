"""`kg reason ONTOLOGY DATA... --out FILE` through click's CliRunner."""

from __future__ import annotations

from click.testing import CliRunner
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF

from kg.cli import cli

EX = "http://example.org/"
ONTO = f"""@prefix owl: <http://www.w3.org/2002/07/owl#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix ex: <{EX}> .
ex:A rdfs:subClassOf ex:B . ex:p owl:inverseOf ex:q . ex:r a owl:TransitiveProperty .
"""
DATA = f"""<{EX}i> <{RDF.type}> <{EX}A> .
<{EX}i> <{EX}p> <{EX}j> .
<{EX}a> <{EX}r> <{EX}b> .
<{EX}b> <{EX}r> <{EX}c> .
"""


def _files(tmp_path):
    (tmp_path / "onto.ttl").write_text(ONTO)
    (tmp_path / "data.nt").write_text(DATA)
    return str(tmp_path / "onto.ttl"), str(tmp_path / "data.nt")


def test_reason_cli_materializes_into_the_output_format(tmp_path):
    onto, data = _files(tmp_path)
    for out, fmt in (("out.nt", "nt"), ("out.ttl", "turtle")):
        res = CliRunner().invoke(cli, ["reason", onto, data, "--out", str(tmp_path / out)])
        assert res.exit_code == 0, res.output
        g = Graph().parse(tmp_path / out, format=fmt)
        assert (URIRef(EX + "i"), RDF.type, URIRef(EX + "B")) in g
        assert (URIRef(EX + "j"), URIRef(EX + "q"), URIRef(EX + "i")) in g
        assert (URIRef(EX + "a"), URIRef(EX + "r"), URIRef(EX + "c")) in g
        assert (URIRef(EX + "i"), RDF.type, URIRef(EX + "A")) in g  # inputs kept
        assert (URIRef(EX + "i"), RDF.type, OWL.Thing) not in g


def test_reason_cli_inferred_only_and_owlrl_agree(tmp_path):
    onto, data = _files(tmp_path)
    graphs = []
    for engine in ("default", "owlrl"):
        out = tmp_path / f"{engine}.nt"
        res = CliRunner().invoke(cli, ["reason", onto, data, "--out", str(out), "--inferred-only",
                                       "--engine", engine])
        assert res.exit_code == 0, res.output
        graphs.append(set(Graph().parse(out, format="nt")))
    assert graphs[0] == graphs[1]
    assert (URIRef(EX + "i"), RDF.type, URIRef(EX + "A")) not in graphs[0]
    assert len(graphs[0]) == 3


def test_reason_cli_missing_input_is_a_clean_error(tmp_path):
    onto, _ = _files(tmp_path)
    res = CliRunner().invoke(cli, ["reason", onto, str(tmp_path / "nope.ttl"), "--out", str(tmp_path / "o.nt")])
    assert res.exit_code == 2 and "Error:" in res.output and "Traceback" not in res.output
