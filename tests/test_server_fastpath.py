"""The thin GET /sparql route: the same response as the Flask view, and it steps aside for everything else."""

from __future__ import annotations

import pytest
from test_server_support import FIXTURE

from server.app import create_app
from server.config import ServerConfig
from server.fastpath import SparqlFastPath

MEMBERS = "SELECT ?x WHERE { ?x akg:memberOf ?o } ORDER BY ?x"
DOC1 = "https://w3id.org/alliance-kg/doc/001_fixture"

#: (query string, headers): requests the fast path must answer exactly as Flask did the first time
CASES = [
    ({"query": MEMBERS}, {"Accept": "application/sparql-results+json"}),
    ({"query": MEMBERS}, {"Accept": "text/csv;q=0.5, application/sparql-results+xml"}),
    ({"query": MEMBERS, "format": "tsv"}, {}),
    ({"query": "ASK { ?s ?p ?o }"}, {"Accept": "*/*"}),
    ({"query": "CONSTRUCT WHERE { ?x akg:memberOf ?o }"}, {"Accept": "text/turtle"}),
    ({"query": "SELECT * WHERE { ?s ?p ?o }"}, {}),  # cut at the row cap: X-Result-Truncated
    ({"query": "SELECT ?m WHERE { ?m a akg:Membership }", "default-graph-uri": DOC1}, {}),
    ({"query": "SELECT ?b WHERE { BIND(<rel> AS ?b) }"}, {"Host": "example.org:8080"}),  # base IRI
]


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    cfg = ServerConfig(kg_dir=FIXTURE, cache_dir=tmp_path_factory.mktemp("cache"), max_rows=20,
                       query_processes=1)
    app = create_app(cfg)
    yield app
    app.config["AKG_POOL"].close()


@pytest.fixture()
def flask_calls(app, monkeypatch):
    """Counts the requests that reach Flask behind the fast path."""
    fast = app.wsgi_app
    assert isinstance(fast, SparqlFastPath)
    calls = []
    inner = fast.app

    def counting(environ, start_response):
        calls.append(environ["PATH_INFO"])
        return inner(environ, start_response)

    monkeypatch.setattr(fast, "app", counting)
    return calls


def _fresh(params: dict, tag: str) -> dict:
    """The same request with a query text the module's app has not seen (the known set is per app)."""
    return {**params, "query": f"{params['query']}\n# {tag}"}


def _headers(resp) -> dict[str, str]:
    return {k.lower(): v for k, v in resp.headers.items()}


@pytest.mark.parametrize(("params", "headers"), CASES)
def test_server_fastpath_answers_known_requests_like_flask(app, flask_calls, params, headers, request):
    client = app.test_client()
    params = _fresh(params, request.node.name)
    first = client.get("/sparql", query_string=params, headers=headers)
    assert first.status_code == 200 and flask_calls == ["/sparql"]
    second = client.get("/sparql", query_string=params, headers=headers)
    assert flask_calls == ["/sparql"], "the repeat should not reach Flask"
    assert second.status_code == 200
    assert second.data == first.data
    assert _headers(second) == _headers(first)


@pytest.mark.parametrize(("params", "headers", "status"), [
    ({"query": "SELECT * WHERE {"}, {}, 400),
    ({"query": "INSERT DATA { <a:a> <a:b> <a:c> }"}, {}, 400),
    ({"query": "SELECT * WHERE { SERVICE <http://example.org/s> { ?s ?p ?o } }"}, {}, 403),
    ({"query": MEMBERS}, {"Accept": "image/png"}, 406),
    ({"query": MEMBERS, "update": "CLEAR ALL"}, {}, 400),
    ({"query": MEMBERS, "format": "json", "timeout": "1"}, {}, 200),  # unknown parameter: Flask decides
])
def test_server_fastpath_leaves_the_rest_to_flask(app, flask_calls, params, headers, status, request):
    client = app.test_client()
    params = _fresh(params, request.node.name)
    for _ in range(2):
        resp = client.get("/sparql", query_string=params, headers=headers)
        assert resp.status_code == status
    assert flask_calls == ["/sparql", "/sparql"]


def test_server_fastpath_only_handles_get_on_the_endpoint(app, flask_calls, request):
    client = app.test_client()
    params = _fresh({"query": MEMBERS}, request.node.name)
    for _ in range(2):
        assert client.post("/sparql", data=params).status_code == 200
        assert client.head("/sparql", query_string=params).status_code == 200
        assert client.get("/healthz").status_code == 200
    assert flask_calls == ["/sparql", "/sparql", "/healthz"] * 2


def test_server_fastpath_off_when_every_query_goes_to_the_pool(tmp_path):
    app = create_app(ServerConfig(kg_dir=FIXTURE, cache_dir=tmp_path, cheap_seconds=0, query_processes=1))
    try:
        assert not isinstance(app.wsgi_app, SparqlFastPath)
    finally:
        app.config["AKG_POOL"].close()
