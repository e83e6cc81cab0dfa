"""Server behaviour through Flask's test client: protocol, errors, safety, formats, dumps, Linked Data."""

from __future__ import annotations

import gzip
import io
import json
import re
from pathlib import Path

import pytest
import rdflib
from rdflib.compare import isomorphic
from rdflib.plugins.sparql.results.csvresults import CSVResultParser
from rdflib.plugins.sparql.results.tsvresults import TSVResultParser
from rdflib.plugins.sparql.results.xmlresults import XMLResultParser

from server.app import create_app
from server.config import ServerConfig

FIXTURE = Path(__file__).parent / "data" / "server"
MEMBERS = "SELECT ?x WHERE { ?x akg:memberOf ?o } ORDER BY ?x"
CONSTRUCT = "CONSTRUCT WHERE { ?x akg:memberOf ?o }"
SD = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
VOID = rdflib.Namespace("http://rdfs.org/ns/void#")


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    cfg = ServerConfig(kg_dir=FIXTURE, cache_dir=tmp_path_factory.mktemp("cache"), max_body=5000,
                       max_rows=50, allowed_services=("http://127.0.0.1:1/sparql",), query_processes=2)
    app = create_app(cfg)
    yield app
    app.config["AKG_POOL"].close()


@pytest.fixture()
def client(app):
    return app.test_client()


def test_server_get_post_form_and_direct_agree(client):
    get = client.get("/sparql", query_string={"query": MEMBERS})
    form = client.post("/sparql", data={"query": MEMBERS})
    direct = client.post("/sparql", data=MEMBERS, content_type="application/sparql-query")
    assert get.status_code == form.status_code == direct.status_code == 200
    assert get.json == form.json == direct.json
    names = [b["x"]["value"].rsplit("/", 1)[1] for b in get.json["results"]["bindings"]]
    assert names == ["Armenia", "Russia"]


def test_server_malformed_query_is_400_with_position(client):
    resp = client.get("/sparql", query_string={"query": "SELECT ?x WHERE { ?x akg:memberOf "})
    assert resp.status_code == 400
    assert "error at 1:" in resp.json["error"]["message"]
    assert "Traceback" not in resp.get_data(as_text=True)


def test_server_error_shape_is_pinned(client):
    resp = client.get("/sparql", query_string={"query": "ASK {"})
    assert resp.mimetype == "application/json"
    assert set(resp.json) == {"error"} and set(resp.json["error"]) == {"status", "title", "message"}
    assert resp.json["error"]["status"] == 400 and resp.json["error"]["title"] == "Bad Request"
    text = client.get("/sparql", query_string={"query": "ASK {"}, headers={"Accept": "text/plain"})
    assert text.mimetype == "text/plain" and text.get_data(as_text=True).startswith("400 Bad Request: ")


def test_server_update_refused_403_when_read_only(client):
    form = client.post("/sparql", data={"update": "CLEAR ALL"})
    direct = client.post("/sparql", data="DROP ALL", content_type="application/sparql-update")
    assert form.status_code == direct.status_code == 403
    assert "read-only" in form.json["error"]["message"]
    assert client.get("/sparql", query_string={"query": MEMBERS}).json["results"]["bindings"]


def test_server_update_as_query_is_400(client):
    assert client.get("/sparql", query_string={"query": "CLEAR ALL"}).status_code == 400
    assert client.get("/sparql", query_string={"update": "CLEAR ALL"}).status_code == 400


def test_server_service_and_load_refused_403(client):
    svc = client.get("/sparql", query_string={
        "query": "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"})
    assert svc.status_code == 403 and "outbound" in svc.json["error"]["message"]
    var = client.get("/sparql", query_string={"query": "SELECT * WHERE { SERVICE ?e { ?s ?p ?o } }"})
    assert var.status_code == 403
    load = client.post("/sparql", data={"update": "LOAD <http://example.org/data.ttl>"})
    assert load.status_code == 403
    # an allowed endpoint passes the gate (and then fails to connect: a 400, not a 403)
    allowed = client.get("/sparql", query_string={
        "query": "SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }"})
    assert allowed.status_code == 400


def test_server_405_406_413_415(client):
    put = client.put("/sparql", query_string={"query": "ASK {}"})
    assert put.status_code == 405 and "POST" in put.headers["Allow"]
    png = client.get("/sparql", query_string={"query": "ASK {}"}, headers={"Accept": "image/png"})
    assert png.status_code == 406
    big = "ASK { " + "#" * 6000 + "\n}"
    assert client.post("/sparql", data=big, content_type="application/sparql-query").status_code == 413
    assert client.post("/sparql", data="ASK {}", content_type="text/plain").status_code == 415
    utf16 = client.post("/sparql", data="ASK {}".encode("utf-16"),
                        content_type="application/sparql-query; charset=UTF-16")
    assert utf16.status_code == 415
    assert client.get("/sparql", query_string=[("query", "ASK {}"), ("query", "ASK {}")]).status_code == 400


def test_server_cors_headers_on_get_post_and_preflight(client):
    for resp in (client.get("/sparql", query_string={"query": "ASK {}"}),
                 client.post("/sparql", data={"query": "ASK {}"})):
        assert resp.headers["Access-Control-Allow-Origin"] == "*"
    pre = client.options("/sparql", headers={"Origin": "http://example.org",
                                             "Access-Control-Request-Method": "POST"})
    assert pre.status_code in (200, 204)
    assert "POST" in pre.headers["Access-Control-Allow-Methods"]
    assert "Content-Type" in pre.headers["Access-Control-Allow-Headers"]


@pytest.mark.parametrize("accept,parse", [
    ("application/sparql-results+json", lambda b: len(json.loads(b)["results"]["bindings"])),
    ("application/sparql-results+xml", lambda b: len(XMLResultParser().parse(io.BytesIO(b)))),
    ("text/csv", lambda b: len(CSVResultParser().parse(io.BytesIO(b)))),
    ("text/tab-separated-values", lambda b: len(TSVResultParser().parse(io.BytesIO(b)))),
])
def test_server_select_formats_parse_back(client, accept, parse):
    resp = client.get("/sparql", query_string={"query": MEMBERS}, headers={"Accept": accept})
    assert resp.status_code == 200 and resp.mimetype == accept
    assert parse(resp.data) == 2


@pytest.mark.parametrize("accept,fmt", [
    ("text/turtle", "turtle"), ("application/n-triples", "nt"), ("application/ld+json", "json-ld"),
    ("application/rdf+xml", "xml"), ("application/trig", "trig"), ("application/n-quads", "nquads"),
])
def test_server_graph_formats_parse_back(client, accept, fmt):
    resp = client.post("/sparql", data={"query": CONSTRUCT}, headers={"Accept": accept})
    assert resp.status_code == 200 and resp.mimetype == accept
    ds = rdflib.Dataset()
    ds.parse(data=resp.data, format=fmt)
    assert len(list(ds.quads())) == 2


def test_server_conneg_honours_q_values_and_format_param(client):
    q = client.get("/sparql", query_string={"query": MEMBERS},
                   headers={"Accept": "application/sparql-results+json;q=0.5, text/csv;q=0.9"})
    assert q.mimetype == "text/csv"
    xml = client.get("/sparql", query_string={"query": "ASK {}", "format": "xml"})
    assert xml.mimetype == "application/sparql-results+xml"
    ttl = client.get("/sparql", query_string={"query": CONSTRUCT},
                     headers={"Accept": "text/turtle;q=0.1, application/n-triples"})
    assert ttl.mimetype == "application/n-triples"


def test_server_protocol_dataset_parameters(client):
    doc1 = "https://w3id.org/alliance-kg/doc/001_fixture"
    resp = client.get("/sparql", query_string={"query": "SELECT ?m WHERE { ?m a akg:Membership }",
                                               "default-graph-uri": doc1})
    assert len(resp.json["results"]["bindings"]) == 1


def test_server_row_cap_flags_truncation(client):
    resp = client.get("/sparql", query_string={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert len(resp.json["results"]["bindings"]) == 50
    assert resp.headers["X-Result-Truncated"].startswith("true")


def test_server_service_description_parses(client):
    resp = client.get("/sparql", headers={"Accept": "text/turtle"})
    g = rdflib.Graph().parse(data=resp.data, format="turtle")
    svc = next(g.subjects(rdflib.RDF.type, SD.Service))
    assert (svc, SD.endpoint, rdflib.URIRef("http://localhost/sparql")) in g
    assert (svc, SD.supportedLanguage, SD.SPARQL11Query) in g
    assert len(list(g.objects(None, SD.name))) == 6  # ontology, entities, statements, two documents, inferred


def test_server_void_and_healthz(client):
    for path in ("/void", "/.well-known/void"):
        g = rdflib.Graph().parse(data=client.get(path).data, format="turtle")
        ds = next(g.subjects(rdflib.RDF.type, VOID.Dataset))
        assert (ds, VOID.sparqlEndpoint, rdflib.URIRef("http://localhost/sparql")) in g
    health = client.get("/healthz").json
    assert health["status"] == "ok" and health["graphs"] == 6


def _built() -> rdflib.Dataset:
    ds = rdflib.Dataset()
    ds.parse(FIXTURE / "kg.trig", format="trig")
    return ds


def test_server_dumps_equal_the_build_per_named_graph(client):
    built = _built()
    for path, fmt in (("/dump.trig", "trig"), ("/dump.nq", "nquads")):
        ds = rdflib.Dataset()
        ds.parse(data=client.get(path).data, format=fmt)
        names = {g.identifier for g in built.graphs() if len(g)}
        assert names == {g.identifier for g in ds.graphs() if len(g)}
        for name in names:
            assert isomorphic(built.graph(name), ds.graph(name)), (path, name)
    union = rdflib.Graph()
    for s, p, o, _g in built.quads():
        union.add((s, p, o))
    assert isomorphic(union, rdflib.Graph().parse(data=client.get("/dump.ttl").data, format="turtle"))


def test_server_dumps_gzip_etag_and_304(client):
    plain = client.get("/dump.nq")
    zipped = client.get("/dump.nq", headers={"Accept-Encoding": "gzip"})
    assert zipped.headers["Content-Encoding"] == "gzip" and gzip.decompress(zipped.data) == plain.data
    assert plain.headers["ETag"] != zipped.headers["ETag"] and plain.headers["Last-Modified"]
    again = client.get("/dump.nq", headers={"If-None-Match": plain.headers["ETag"]})
    assert again.status_code == 304


def test_server_linked_data_html_shows_facts_with_sources(client):
    resp = client.get("/id/state/Serbia", headers={"Accept": "text/html,*/*;q=0.8"})
    html = resp.get_data(as_text=True)
    assert resp.status_code == 200 and "<h1>Serbia</h1>" in html
    text = re.sub(r"</?mark>", "", html)  # names in the sentence are highlighted
    assert "Serbia was granted observer status in the CSTO Parliamentary Assembly." in text
    assert 'href="/doc/001_fixture"' in html and "Serbia gets observer status in CSTO assembly" in html
    assert "Tomislav Nikolic" in html  # a post in Serbia
    meeting = client.get("/id/person/Tomislav_Nikolic", headers={"Accept": "text/html"})
    meeting = meeting.get_data(as_text=True)
    assert "Meeting" in meeting and "Belgrade" in meeting


def test_server_linked_data_html_shows_statements_with_their_sources(client):
    """An entity page lists the statements graph's facts (one per fact, its source count and documents)."""
    html = client.get("/id/state/Serbia", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert '<section class="facts statements" id="MembershipStatement">' in html
    assert "1 source, reported 2013-04-12:" in html
    assert 'href="/id/statement/membership-61deb7e66e3bdbd6"' in html
    assert "was granted observer status in the" in html  # the reports and their sentences stay


def test_server_linked_data_turtle_and_jsonld(client):
    ttl = client.get("/id/state/Serbia", headers={"Accept": "text/turtle"})
    g = rdflib.Graph().parse(data=ttl.data, format="turtle")
    serbia = rdflib.URIRef("https://w3id.org/alliance-kg/id/state/Serbia")
    assert (serbia, rdflib.RDFS.label, rdflib.Literal("Serbia")) in g
    assert any(g.triples((None, rdflib.URIRef("https://w3id.org/alliance-kg/ontology#evidence"), None)))
    jl = client.get("/id/state/Serbia?format=jsonld")
    assert jl.mimetype == "application/ld+json" and len(rdflib.Graph().parse(data=jl.data, format="json-ld"))
    assert client.get("/id/state/Atlantis", headers={"Accept": "text/turtle"}).status_code == 404


def test_server_query_page_lists_competency_questions(client):
    html = client.get("/", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert "cq01-csto-full-members" in html and "cq11-no-contradictions" in html
    assert client.get("/sparql", headers={"Accept": "text/html"}).status_code == 200
    assert len(client.get("/examples.json").json) == 12


def test_server_updates_with_token(tmp_path):
    cfg = ServerConfig(kg_dir=FIXTURE, cache_dir=tmp_path, update_token="s3cret", query_processes=2)
    app = create_app(cfg)
    try:
        c = app.test_client()
        ins = 'INSERT DATA { GRAPH <http://ex/g> { <http://ex/s> <http://ex/p> "v" } }'
        assert c.post("/sparql", data={"update": ins}).status_code == 403
        bad = c.post("/sparql", data={"update": ins}, headers={"Authorization": "Bearer nope"})
        assert bad.status_code == 403
        ok = c.post("/sparql", data={"update": ins}, headers={"Authorization": "Bearer s3cret"})
        assert ok.status_code == 204
        for _ in range(4):  # every query process sees it
            r = c.get("/sparql", query_string={"query": "ASK { <http://ex/s> <http://ex/p> \"v\" }"})
            assert r.json["boolean"] is True
    finally:
        app.config["AKG_POOL"].close()
