"""kg.query: loading, the union default graph, protocol datasets, formats, errors, time limits."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner
from rdflib.plugins.sparql.results.csvresults import CSVResultParser
from rdflib.plugins.sparql.results.tsvresults import TSVResultParser
from rdflib.plugins.sparql.results.xmlresults import XMLResultParser

from kg.errors import BuildMissingError, QueryError
from kg.query import KnowledgeGraph, QueryTimeout, compact, format_result, inspect_query

FIXTURE = Path(__file__).parent / "data" / "server"
DOC1 = "https://w3id.org/alliance-kg/doc/001_fixture"
DOC2 = "https://w3id.org/alliance-kg/doc/002_fixture"
MEMBERS = "SELECT ?x WHERE { ?x akg:memberOf ?o } ORDER BY ?x"


@pytest.fixture(scope="module")
def kg() -> KnowledgeGraph:
    return KnowledgeGraph.load(FIXTURE)


def test_query_load_missing_build_says_what_to_do(tmp_path):
    with pytest.raises(BuildMissingError, match="kg build"):
        KnowledgeGraph.load(tmp_path)


def test_query_default_graph_is_union_of_all_graphs(kg):
    result = kg.query(MEMBERS)
    assert [r[0].value.rsplit("/", 1)[1] for r in result.rows] == ["Armenia", "Russia"]
    # a label (entities graph) joined with a membership (doc graph) needs the union
    ask = kg.query('ASK { ?s rdfs:label "Serbia" . ?m akg:member ?s ; akg:status akg:Observer }')
    assert ask.boolean is True


def test_query_named_graphs_available_through_graph(kg):
    result = kg.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?m a akg:Membership } } ORDER BY ?g")
    assert [r[0].value for r in result.rows] == [DOC1, DOC2]


def test_query_protocol_dataset_restricts_graphs(kg):
    only_doc1 = kg.query("SELECT ?m WHERE { ?m a akg:Membership }", default_graph_uris=[DOC1])
    assert len(only_doc1) == 1
    named = kg.query("SELECT ?g WHERE { GRAPH ?g { ?m a akg:Membership } }", named_graph_uris=[DOC2])
    assert {r[0].value for r in named.rows} == {DOC2}


def test_query_malformed_gives_position(kg):
    with pytest.raises(QueryError, match=r"malformed query: error at 1:\d+"):
        kg.query("SELECT ?x WHERE { ?x akg:memberOf ")


def test_query_timeout_stops_runaway_query(kg):
    start = time.monotonic()
    with pytest.raises(QueryTimeout):
        kg.query("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }", timeout=0.5)
    assert time.monotonic() - start < 5
    assert kg.query("ASK { ?s ?p ?o }", timeout=5).boolean is True


def test_query_row_cap_marks_truncation(kg):
    result = kg.query("SELECT * WHERE { ?s ?p ?o }", max_rows=3)
    assert len(result.rows) == 3 and result.truncated


def test_query_from_dataset_keeps_named_graphs():
    ds = rdflib.Dataset()
    ds.parse(FIXTURE / "kg.trig", format="trig")
    kg = KnowledgeGraph.from_dataset(ds)
    assert kg.query(MEMBERS).rows and DOC1 in kg.graph_names()


def test_query_every_format_parses_back(kg):
    select = kg.query("SELECT ?s ?label WHERE { ?s rdfs:label ?label } ORDER BY ?s")
    n = len(select.rows)
    assert len(json.loads(format_result(select, "json"))["results"]["bindings"]) == n
    assert len(XMLResultParser().parse(_io(format_result(select, "xml")))) == n
    assert len(CSVResultParser().parse(_io(format_result(select, "csv")))) == n
    assert len(TSVResultParser().parse(_io(format_result(select, "tsv")))) == n
    ask = kg.query("ASK { ?s ?p ?o }")
    assert json.loads(format_result(ask, "json"))["boolean"] is True
    assert XMLResultParser().parse(_io(format_result(ask, "xml"))).askAnswer is True
    graph = kg.query("CONSTRUCT WHERE { ?s akg:memberOf ?o }")
    for fmt, rdflib_fmt in [("turtle", "turtle"), ("ntriples", "nt"), ("jsonld", "json-ld"),
                            ("rdfxml", "xml")]:
        g = rdflib.Graph().parse(data=format_result(graph, fmt), format=rdflib_fmt)
        assert len(g) == 2, fmt
    for fmt, rdflib_fmt in [("trig", "trig"), ("nquads", "nquads")]:
        ds = rdflib.Dataset().parse(data=format_result(graph, fmt), format=rdflib_fmt)
        assert len(list(ds.quads())) == 2, fmt


def test_query_format_refuses_mismatch(kg):
    with pytest.raises(QueryError, match="cannot express"):
        format_result(kg.query("ASK {}"), "csv")


def test_query_table_uses_compact_names(kg):
    table = format_result(kg.query(MEMBERS), "table")
    assert "id:state\\/Armenia" in table and "(2 rows)" in table


def test_query_compact_names_paste_back_into_a_query(kg):
    """Regression: `id:state/Sweden` (a bare slash) was printed, and failed when pasted into a query."""
    for row in kg.query("SELECT ?x WHERE { ?x ?p ?o FILTER(isIRI(?x)) }").rows:
        name = compact(row[0])
        again = kg.query(f"SELECT ?y WHERE {{ BIND({name} AS ?y) }}").rows[0][0]
        assert again == row[0], name


def test_query_unknown_prefix_is_named(kg):
    """Regression: an undeclared prefix read "expected one of Prefix not found, …"."""
    with pytest.raises(QueryError) as err:
        kg.query("SELECT ?x WHERE { ?x foo:bar ?y }")
    message = str(err.value)
    assert "unknown prefix foo:" in message and "error at 1:" in message and "expected one of" not in message


def test_query_inspect_finds_service_and_updates():
    shape = inspect_query('PREFIX e: <http://ex/> SELECT * { SERVICE SILENT e:sparql { ?s ?p ?o } }')
    assert shape.services == ["http://ex/sparql"] and not shape.is_update
    assert inspect_query('SELECT * { ?s ?p "SERVICE <x>" } # SERVICE').services == []
    assert inspect_query("SELECT * { SERVICE ?ep { ?s ?p ?o } }").services == [None]
    assert inspect_query("PREFIX a: <x:> INSERT DATA { <s> <p> 1 }").is_update
    assert inspect_query("LOAD <http://ex/data>").is_update
    assert not inspect_query("ASK {}").is_update


def test_query_cli_runs_file_and_reports_errors_cleanly(tmp_path):
    from kg.cli import cli

    rq = tmp_path / "q.rq"
    rq.write_text(MEMBERS, encoding="utf-8")
    ok = CliRunner().invoke(cli, ["query", str(rq), "--kg", str(FIXTURE), "--format", "csv"])
    assert ok.exit_code == 0 and ok.output.splitlines()[0] == "x"
    bad = CliRunner().invoke(cli, ["query", "SELECT ?x WHERE {", "--kg", str(FIXTURE)])
    assert bad.exit_code == 2 and "Error: malformed query" in bad.output
    assert "Traceback" not in bad.output
    missing = CliRunner().invoke(cli, ["query", "ASK {}", "--kg", str(tmp_path)])
    assert missing.exit_code == 2 and "kg build" in missing.output


def _io(data):
    import io

    return io.BytesIO(data if isinstance(data, bytes) else data.encode("utf-8"))
