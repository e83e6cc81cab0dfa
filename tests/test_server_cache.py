"""The response cache: repeated queries answered from memory, never a volatile query, never after an update."""

from __future__ import annotations

import pytest
from test_server_support import FIXTURE

from server import policy
from server.app import create_app
from server.cache import ResultCache
from server.config import ServerConfig

SELECT = "SELECT ?s WHERE { ?s a ?c } ORDER BY ?s LIMIT 3"
JSON = {"Accept": "application/sparql-results+json"}


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    cfg = ServerConfig(kg_dir=FIXTURE, cache_dir=tmp_path_factory.mktemp("cache"), update_token="tok",
                       query_processes=1, timeout=10)
    app = create_app(cfg)
    yield app
    app.config["AKG_POOL"].close()


def _cache(app) -> ResultCache:
    assert isinstance(app.wsgi_app, ResultCache)
    return app.wsgi_app


def test_server_cache_answers_a_repeated_query_without_a_query_process(app, runs):
    client = app.test_client()
    first = client.get("/sparql", query_string={"query": SELECT}, headers=JSON)
    second = client.get("/sparql", query_string={"query": SELECT}, headers=JSON)
    assert first.status_code == second.status_code == 200
    assert second.data == first.data and sorted(second.headers.items()) == sorted(first.headers.items())
    assert runs == [SELECT]
    csv = client.get("/sparql", query_string={"query": SELECT}, headers={"Accept": "text/csv"})
    assert csv.mimetype == "text/csv" and runs == [SELECT, SELECT]  # Accept is part of the key


@pytest.mark.parametrize("expr", ["RAND()", "NOW()", "UUID()", "STRUUID()", "BNODE()", "rand()"])
def test_server_cache_never_keeps_a_volatile_query(app, runs, expr):
    query = f"SELECT ?s (({expr}) AS ?v) WHERE {{ ?s a ?c }} LIMIT 1"
    client = app.test_client()
    for _ in range(3):
        assert client.get("/sparql", query_string={"query": query}, headers=JSON).status_code == 200
    assert runs == [query] * 3


def test_server_cache_decides_volatility_from_the_parse_tree():
    assert policy.repeatable("SELECT ?known WHERE { ?known ?p 'rand now uuid' }")  # words, not calls
    assert not policy.repeatable("SELECT * WHERE { ?s ?p ?o FILTER(?o < NOW()) }")
    assert not policy.repeatable("SELECT * WHERE { { SELECT (rand() AS ?r) {} } }")
    assert not policy.repeatable("SELECT (COUNT(BNODE()) AS ?n) {}")
    assert not policy.repeatable("SELECT * WHERE { ?s ?p ?o . SERVICE <http://e/> { } }")
    assert not policy.repeatable("SELECT (RAND( AS ?r) {}")  # cannot tell: not kept


def test_server_cache_keeps_no_error_and_no_post(app, runs):
    client = app.test_client()
    bad = "SELECT ?s WHERE { ?s ?p }"
    assert client.get("/sparql", query_string={"query": bad}).status_code == 400
    assert client.get("/sparql", query_string={"query": bad}).status_code == 400
    assert client.post("/sparql", data={"query": SELECT + " "}, headers=JSON).status_code == 200
    assert client.post("/sparql", data={"query": SELECT + " "}, headers=JSON).status_code == 200
    assert runs == [bad, bad, SELECT + " ", SELECT + " "]


def test_server_cache_is_dropped_by_an_update(app, runs):
    client = app.test_client()
    query = "SELECT ?o WHERE { <http://e/cached> <http://e/p> ?o }"
    assert client.get("/sparql", query_string={"query": query}, headers=JSON).json["results"]["bindings"] == []
    resp = client.post("/sparql", data={"update": "INSERT DATA { <http://e/cached> <http://e/p> 1 }"},
                       headers={"Authorization": "Bearer tok"})
    assert resp.status_code == 204
    rows = client.get("/sparql", query_string={"query": query}, headers=JSON).json["results"]["bindings"]
    assert [r["o"]["value"] for r in rows] == ["1"]
    assert runs == [query, query]


def test_server_cache_stays_within_its_bound():
    def app(environ, start_response):
        environ["akg.cache.keep"] = True
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [environ["QUERY_STRING"].encode() * 100]

    cache = ResultCache(app, lambda: 0, max_bytes=1000, max_entry=800)
    for i in range(50):
        environ = {"REQUEST_METHOD": "GET", "PATH_INFO": "/sparql", "QUERY_STRING": f"query={i % 10}"}
        assert b"".join(cache(environ, lambda *a: None)) == f"query={i % 10}".encode() * 100
    assert cache._size == 700 and len(cache) == 1
    assert cache.hits == 0  # each key was evicted before it came round again
    assert b"".join(cache(environ, lambda *a: None)) and cache.hits == 1
