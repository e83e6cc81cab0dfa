"""No outbound requests: SERVICE / LOAD refused from the parsed query, and query processes without network.

A canary listener on 127.0.0.1 counts every connection; the known bypasses of the old
text scan and a fuzzed set of SERVICE / LOAD / FROM placements must leave it at zero.
"""

from __future__ import annotations

import multiprocessing
import random

import pyoxigraph as ox
import pytest
from test_server_support import FIXTURE, Canary

from server import policy, sandbox
from server.app import create_app
from server.config import ServerConfig


@pytest.fixture(scope="module")
def canary():
    c = Canary()
    yield c
    c.close()


@pytest.fixture(scope="module")
def app(tmp_path_factory, canary):
    cfg = ServerConfig(kg_dir=FIXTURE, cache_dir=tmp_path_factory.mktemp("cache"), update_token="tok",
                       query_processes=1, timeout=5)
    app = create_app(cfg)
    yield app
    app.config["AKG_POOL"].close()


def bypasses(url: str) -> list[str]:
    """The placements that walked around the old text scan, and their relatives."""
    svc = f"SERVICE <{url}> {{ ?s ?p ?o }}"
    return [
        f"PREFIX x: <http://e/> SELECT * WHERE {{ ?s x:a\\'b ?o . {svc} }}",
        f"PREFIX x: <http://e/> SELECT * WHERE {{ ?s x:a\\'b ?o . {svc} FILTER(?o != 'z') }}",
        f"SELECT * WHERE {{ ?s ?p true.{svc} }}",
        f'SELECT * WHERE {{ ?s ?p "x"@en.{svc} }}',
        f"SELECT * WHERE {{ OPTIONAL{{?s ?p false.{svc}}} }}",
        f"SELECT * WHERE {{ ?s ?p true . {svc} }}",
        f'SELECT * WHERE {{ ?s ?p "x"@en . {svc} }}',
        f"SELECT * WHERE {{ OPTIONAL {{ {svc} }} }}",
        f"SELECT * WHERE {{ ?s ?p ?o OPTIONAL {{ ?s ?p 1 . {svc} }} }}",
        f"select * where {{ service silent <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SERV\\u0049CE <{url}> {{ ?s ?p ?o }} }}",
        f"PREFIX c: <http://127.0.0.1:{url.split(':')[2].split('/')[0]}/> SELECT * WHERE {{ SERVICE c:sparql {{ }} }}",
        f"BASE <{url}> SELECT * WHERE {{ SERVICE <> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ BIND(<{url}> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}",
        f"ASK {{ {svc} }}",
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {svc} }}",
        f"DESCRIBE ?s WHERE {{ {svc} }}",
        f"SELECT * WHERE {{ {{ SELECT * WHERE {{ {svc} }} }} }}",
        f"SELECT * WHERE {{ FILTER EXISTS {{ {svc} }} }}",
        f"SELECT * FROM <{url}> WHERE {{ ?s ?p ?o }}",
        f"SELECT * FROM NAMED <{url}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ ?s ?p 'it\\'s' . {svc} }} # SERVICE",
        f'SELECT * WHERE {{ ?s ?p """a "" b""" . {svc} }}',
    ]


def update_bypasses(url: str) -> list[str]:
    return [
        f"LOAD <{url}>",
        f"LOAD SILENT <{url}> INTO GRAPH <http://ex/g>",
        f"PREFIX x: <http://e/> INSERT DATA {{ <http://e/s> x:a\\'b 1 }} ; LOAD <{url}>",
        f'INSERT DATA {{ <http://e/s> <http://e/p> "x"@en }} ; LOAD <{url}>',
        f"PREFIX x: <http://e/> INSERT DATA {{ <http://e/s> x:a\\'b 'c' }} ; LOAD <{url}> ; CLEAR GRAPH <http://e/g>",
        f'INSERT DATA {{ <http://e/s> <http://e/p> "x"@en.}} ; LOAD <{url}>',
        f"INSERT DATA {{ <http://e/s> <http://e/p> true }} ; lo\\u0061d <{url}>",
        f"INSERT {{ ?s ?p ?o }} WHERE {{ OPTIONAL {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
    ]


def test_server_policy_known_bypasses_reach_no_canary(app, canary):
    client = app.test_client()
    before = canary.hits
    for query in bypasses(canary.url):
        resp = client.get("/sparql", query_string={"query": query})
        if "FROM" in query:
            assert resp.status_code == 200, query  # a dataset clause only selects graphs in the store
        else:
            assert resp.status_code == 403, (query, resp.status_code, resp.get_data(as_text=True))
            assert "outbound" in resp.json["error"]["message"]
    for update in update_bypasses(canary.url):
        resp = client.post("/sparql", data={"update": update}, headers={"Authorization": "Bearer tok"})
        assert resp.status_code == 403, (update, resp.get_data(as_text=True))
    assert canary.hits == before


def _fuzzed(url: str, rng: random.Random, n: int) -> list[str]:
    bases = [
        "SELECT ?x WHERE { ?x akg:memberOf ?o . OPTIONAL { ?x rdfs:label ?l FILTER(lang(?l) = 'en') } } LIMIT 3",
        'SELECT * WHERE { ?s ?p "Serbia"@en . ?s ?q true } ORDER BY ?s',
        "ASK { GRAPH ?g { ?s a akg:Membership } MINUS { ?s akg:status 'x\\'y' } }",
        "PREFIX e: <http://e/> SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { ?s e:x\\-y 1.5e3 } }",
    ]
    clauses = [f"SERVICE <{url}> {{ ?s ?p ?o }}", f"SERVICE SILENT <{url}> {{ }}",
               f"OPTIONAL {{ SERVICE <{url}> {{ ?a ?b ?c }} }}", f"sErViCe <{url}> {{ ?s ?p ?o }}",
               f"SERVIC\\u0045 <{url}> {{ }}", f"FROM <{url}>", f"FROM NAMED <{url}>", f"LOAD <{url}>"]
    out = []
    for _ in range(n):
        tokens = rng.choice(bases).split(" ")
        for _ in range(rng.randint(1, 2)):
            tokens.insert(rng.randint(0, len(tokens)), rng.choice(clauses))
        out.append(" ".join(tokens))
    return out


def test_server_policy_fuzzed_placements_reach_no_canary(app, canary):
    client = app.test_client()
    before = canary.hits
    statuses = set()
    for query in _fuzzed(canary.url, random.Random(10), 300):
        resp = client.get("/sparql", query_string={"query": query})
        statuses.add(resp.status_code)
        assert resp.status_code in (200, 400, 403), (query, resp.status_code)
    assert canary.hits == before
    assert {400, 403} <= statuses


def test_server_policy_reads_the_parse_tree():
    url = "http://127.0.0.1:1/sparql"
    assert policy.targets(f"SELECT * WHERE {{ ?s ?p 'SERVICE <x>' . SERVICE <{url}> {{ }} }}") == [("SERVICE", url)]
    assert policy.targets("SELECT * WHERE { ?s ?p 'SERVICE <http://e/>' } # SERVICE <http://e/>") == []
    assert policy.targets("PREFIX e: <http://e/> SELECT * { SERVICE e:s\\.x { } }") == [("SERVICE", "http://e/s.x")]
    assert policy.targets("SELECT * { SERVICE ?v { } }") == [("SERVICE", None)]
    assert policy.targets("LOAD <http://e/d> ; CLEAR ALL", update=True) == [("LOAD", "http://e/d")]
    policy.check_query(f"SELECT * {{ SERVICE <{url}> {{ }} }}", frozenset({url}))  # allowed: passes
    with pytest.raises(policy.Refused):
        policy.check_query("SELECT * { SERVICE <http://e/> { } }", frozenset({url}))
    with pytest.raises(policy.Refused, match="could not check"):
        policy.check_query("SELECT * { SERVICE <http://e/> { ")


def _service_from_walled_process(url: str, walled: bool, conn) -> None:
    method = sandbox.block_network() if walled else "off"
    try:
        list(ox.Store().query(f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}"))
        conn.send((method, "answered"))
    except OSError as exc:
        conn.send((method, str(exc)))


def _in_process(url: str, walled: bool) -> tuple[str, str]:
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe()
    proc = ctx.Process(target=_service_from_walled_process, args=(url, walled, child))
    proc.start()
    try:
        assert parent.poll(20)
        return parent.recv()
    finally:
        proc.join(5)


def test_server_sandbox_second_wall_stops_a_service_the_policy_let_through(canary):
    before = canary.hits
    method, _ = _in_process(canary.url, walled=True)
    if method == "none":
        pytest.skip("neither seccomp nor network namespaces are available here")
    assert canary.hits == before
    _in_process(canary.url, walled=False)  # the control: without the wall the engine does connect
    assert canary.hits > before


def test_server_query_processes_report_their_network_wall(app):
    assert app.test_client().get("/healthz").json["query_network"] in ("seccomp", "network namespace")
