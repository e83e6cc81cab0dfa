"""Plain GET queries skip Flask (server/fast_query.py): same answer, same headers, same errors, run once."""

from __future__ import annotations

import pytest
from test_server_support import FIXTURE

from server.app import create_app
from server.config import ServerConfig

SELECT = "SELECT ?s WHERE { ?s a ?c } ORDER BY ?s LIMIT 3"
JSON = {"Accept": "application/sparql-results+json"}


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    cfg = ServerConfig(kg_dir=FIXTURE, cache_dir=tmp_path_factory.mktemp("cache"), query_processes=1, timeout=10,
                       result_cache=0, max_rows=2)
    app = create_app(cfg)
    yield app
    app.config["AKG_POOL"].close()


@pytest.mark.parametrize("params", [
    {"query": SELECT},
    {"query": SELECT, "format": "csv"},
    {"query": "ASK { ?s ?p ?o }", "output": "xml"},
    {"query": SELECT, "default-graph-uri": "https://w3id.org/alliance-kg/graph/none"},
])
def test_server_fast_path_answers_as_flask_does(app, runs, params):
    client = app.test_client()
    fast = client.get("/sparql", query_string=params, headers=JSON)
    assert runs == [params["query"]]
    fast_headers = sorted(fast.headers.items())
    body = fast.data
    app.wsgi_app.app._request = lambda environ: None  # the Flask view, for comparison
    try:
        slow = client.get("/sparql", query_string=params, headers=JSON)
    finally:
        del app.wsgi_app.app._request
    assert fast.status_code == slow.status_code == 200
    assert body == slow.data and fast_headers == sorted(slow.headers.items())
    assert any(k == "Access-Control-Allow-Origin" for k, _ in fast_headers)


def test_server_fast_path_flags_a_truncated_result(app):
    resp = app.test_client().get("/sparql", query_string={"query": "SELECT * { ?s ?p ?o } LIMIT 5"}, headers=JSON)
    assert resp.status_code == 200 and resp.headers["X-Result-Truncated"].startswith("true")
    assert len(resp.json["results"]["bindings"]) == 2


@pytest.mark.parametrize(("query", "accept", "status"), [
    ("SELEKT ?s {}", JSON["Accept"], 400),
    ("SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }", JSON["Accept"], 403),
    (SELECT, "image/png", 406),
])
def test_server_fast_path_failure_is_the_usual_error_and_runs_once(app, runs, query, accept, status):
    resp = app.test_client().get("/sparql", query_string={"query": query}, headers={"Accept": accept})
    assert resp.status_code == status and resp.json["error"]["status"] == status
    assert runs == [query]


@pytest.mark.parametrize("query_string", [
    {"query": [SELECT, SELECT]},
    {"query": SELECT, "update": "CLEAR ALL"},
    {"update": "CLEAR ALL"},
])
def test_server_fast_path_leaves_odd_requests_to_flask(app, runs, query_string):
    resp = app.test_client().get("/sparql", query_string=query_string, headers=JSON)
    assert resp.status_code == 400 and runs == []


def test_server_fast_path_leaves_browsers_to_flask(app):
    resp = app.test_client().get("/sparql", query_string={"query": SELECT}, headers={"Accept": "text/html"})
    assert resp.status_code == 200 and resp.mimetype == "text/html"
    assert "Content-Security-Policy" in resp.headers
