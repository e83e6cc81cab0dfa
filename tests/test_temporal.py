"""Time: statuses with dates, "latest statement wins" for the timeless shortcuts, as_of views."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import URIRef

from kg.dates import PartialDate
from kg.namespaces import AKG, INFERRED_GRAPH
from kg.reasoning import as_of, reason
from kg.reasoning.source import load_dataset

FIXTURE = Path(__file__).parent / "data" / "reasoning" / "temporal.trig"
ID = "https://w3id.org/alliance-kg/id/"


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(FIXTURE)


def _pairs(graph, prop):
    return {(str(s).rsplit("/", 1)[-1], str(o).rsplit("/", 1)[-1]) for s, o in graph.subject_objects(prop)}


def _members_on(dataset, date):
    return _pairs(as_of(dataset, date).graph(INFERRED_GRAPH), AKG.memberOf)


def test_temporal_suspension_ends_membership_after_its_date(dataset):
    assert ("Uzbekistan", "CSTO") in _members_on(dataset, "2010")
    assert ("Uzbekistan", "CSTO") not in _members_on(dataset, "2013-01-01")


def test_temporal_as_of_accepts_partial_dates(dataset):
    assert _members_on(dataset, PartialDate(2010, 6)) == _members_on(dataset, "2010-06")


def test_temporal_timeless_member_of_is_the_latest_statement(dataset):
    inferred = reason(dataset).inferred
    members = _pairs(inferred, AKG.memberOf)
    assert members == {("Armenia", "CSTO"), ("Belarus", "CSTO")}
    # a suspended member is still affiliated; a former member is not
    affiliated = _pairs(inferred, AKG.affiliatedWith)
    assert ("Uzbekistan", "CSTO") in affiliated
    assert ("Georgia", "CIS") not in affiliated


def test_temporal_former_member_with_dates_was_a_member_in_between(dataset):
    assert ("Georgia", "CIS") in _members_on(dataset, "2003")
    assert ("Georgia", "CIS") not in _members_on(dataset, "2010")


def test_temporal_undated_statement_holds_from_its_publication(dataset):
    assert ("Armenia", "CSTO") not in _members_on(dataset, "2010")
    assert ("Armenia", "CSTO") in _members_on(dataset, "2017-05")


def test_temporal_upgrade_from_observer_is_not_a_contradiction(dataset):
    view = as_of(dataset, "2003").graph(INFERRED_GRAPH)
    assert ("Belarus", "CSTO") in _pairs(view, AKG.observerOf)
    assert ("Belarus", "CSTO") not in _pairs(view, AKG.memberOf)
    assert ("Belarus", "CSTO") in _members_on(dataset, "2006")
    assert reason(dataset).contradictions == []


def test_temporal_as_of_keeps_asserted_graphs_and_input(dataset):
    before = sum(1 for _ in dataset.quads((None, None, None, None)))
    view = as_of(dataset, "2010")
    assert sum(1 for _ in dataset.quads((None, None, None, None))) == before
    fact = URIRef(ID + "fact/u2012")
    assert (fact, AKG.status, AKG.Suspended) in view.graph(URIRef("https://w3id.org/alliance-kg/doc/u2012"))


def test_temporal_as_of_rejects_a_bad_date(dataset):
    with pytest.raises(ValueError):
        as_of(dataset, "yesterday")


def test_temporal_kg_query_as_of_option(dataset, tmp_path):
    from click.testing import CliRunner

    from kg.cli import cli

    built = load_dataset(FIXTURE)
    built.graph(INFERRED_GRAPH).__iadd__(reason(built).inferred)
    built.serialize(tmp_path / "kg.trig", format="trig")
    q = "PREFIX akg: <https://w3id.org/alliance-kg/ontology#> SELECT ?x WHERE { ?x akg:memberOf ?o }"
    runs = {}
    for date in ("2010", "2013-01-01", None):
        args = ["query", q, "--kg", str(tmp_path), "--format", "csv"] + (["--as-of", date] if date else [])
        res = CliRunner().invoke(cli, args)
        assert res.exit_code == 0, res.output
        runs[date] = res.output
    assert "Uzbekistan" in runs["2010"] and "Uzbekistan" not in runs["2013-01-01"]
    assert "Uzbekistan" not in runs[None]
    bad = CliRunner().invoke(cli, ["query", q, "--kg", str(tmp_path), "--as-of", "soon"])
    assert bad.exit_code == 2 and "Error:" in bad.output


def test_temporal_documented_sparql_pattern_agrees_with_as_of(dataset):
    """The as-of SPARQL pattern of kg/reasoning/README.md gives the same members as as_of()."""
    import pyoxigraph as ox

    text = (Path(__file__).parent / "data" / "reasoning" / "as-of-members.rq").read_text()
    store = ox.Store()
    store.load(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
    for day in ("2003-01-01", "2010-06-15", "2013-01-01", "2018-01-01"):
        rows = store.query(text.replace("2010-06-15", day), use_default_graph_as_union=True)
        got = {(r["x"].value.rsplit("/", 1)[-1], r["org"].value.rsplit("/", 1)[-1]) for r in rows}
        assert got == _members_on(dataset, day), day
