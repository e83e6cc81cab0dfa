"""Every limit for every query: all queries in killable processes, a memory bound, crashes answered 503."""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time

import pytest
from test_server_support import FIXTURE

from server.app import create_app
from server.body import BoundedBody
from server.cache import ResultCache
from server.config import ServerConfig
from server.fast_query import FastQuery

BLOWUP = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l } ORDER BY ?i ?f ?c LIMIT 5"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
ASK = "ASK { ?s ?p ?o }"
#: an ASK whose answer is never reused (RAND), so it always reaches a query process
LIVE = "ASK { ?s ?p ?o FILTER(RAND() >= 0) }"


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    cfg = ServerConfig(kg_dir=FIXTURE, cache_dir=tmp_path_factory.mktemp("cache"), query_processes=1,
                       timeout=20, max_memory=256)
    app = create_app(cfg)
    yield app
    app.config["AKG_POOL"].close()


def _ask_until_answered(client, bound: float = 30) -> None:
    deadline = time.monotonic() + bound
    while time.monotonic() < deadline:  # bounded: the replacement process starts within seconds
        if client.get("/sparql", query_string={"query": LIVE}).status_code == 200:
            return
        time.sleep(0.1)
    raise AssertionError("no replacement query process")


def test_server_every_query_that_runs_runs_in_a_killable_process_whatever_its_history(app, monkeypatch):
    pool = app.config["AKG_POOL"]
    calls = []
    run = pool.run
    monkeypatch.setattr(pool, "run", lambda req, **kw: calls.append(req.text) or run(req, **kw))
    client = app.test_client()
    volatile = "SELECT (RAND() AS ?r) WHERE { }"
    for _ in range(5):  # a query answered cheaply before is not remembered and run in the worker
        assert client.get("/sparql", query_string={"query": volatile}).status_code == 200
        assert client.get("/sparql", query_string={"query": ASK}).status_code == 200
    assert calls == [volatile, ASK] + [volatile] * 4  # ASK's answer is reused (server/cache.py), never re-run
    fast = app.wsgi_app.app  # the only middlewares: the cache runs no query, the fast path runs them in the pool
    assert isinstance(app.wsgi_app, ResultCache) and isinstance(fast, FastQuery) and fast.pool is pool
    assert isinstance(fast.app, BoundedBody) and fast.app.app.__self__ is app


def test_server_memory_blowup_is_a_clean_503_and_the_process_is_replaced(app):
    client = app.test_client()
    start = time.monotonic()
    resp = client.get("/sparql", query_string={"query": BLOWUP})
    elapsed = time.monotonic() - start
    assert resp.status_code == 503, resp.get_data(as_text=True)
    message = resp.json["error"]["message"]
    assert "memory" in message and "256 MB" in message
    assert elapsed < 20  # stopped by the memory bound, well before the time limit
    _ask_until_answered(client)


def test_server_killed_query_process_is_503_not_400_and_replaced(app):
    client = app.test_client()
    _ask_until_answered(client)
    pool = app.config["AKG_POOL"]
    pid = pool._idle.queue[0].proc.pid
    outcome = {}
    thread = threading.Thread(target=lambda: outcome.update(
        resp=client.get("/sparql", query_string={"query": SLOW})))
    thread.start()
    time.sleep(0.5)
    os.kill(pid, signal.SIGKILL)
    thread.join(30)
    resp = outcome["resp"]
    assert resp.status_code == 503, resp.get_data(as_text=True)
    assert "SIGKILL" in resp.json["error"]["message"] and resp.headers["Retry-After"]
    _ask_until_answered(client)


def test_server_deeply_nested_query_is_400_not_a_crashed_process(app):
    client = app.test_client()
    pid = app.config["AKG_POOL"]._idle.queue[0].proc.pid
    for opening, closing in (("{", "}"), ("(", ")")):
        body = "1" if opening == "(" else "?s ?p ?o"
        inner = opening * 6000 + body + closing * 6000
        query = f"SELECT * WHERE {inner}" if opening == "{" else f"SELECT * WHERE {{ FILTER({inner}) }}"
        resp = client.post("/sparql", data={"query": query})
        assert resp.status_code == 400 and "nested" in resp.json["error"]["message"]
    assert app.config["AKG_POOL"]._idle.queue[0].proc.pid == pid  # the same process: nothing crashed


#: a sort whose comparator Oxigraph 0.5 finds not total on this data: the engine panics and aborts
ORDER_PANIC = "SELECT ?o ?x WHERE { ?s ?p ?o . ?s ?q ?x } ORDER BY DESC(?o) ?x"


def _shapes(n: int) -> list[str]:
    """Queries whose trees overflowed the engine's stack on an 8 MB thread at the sizes used below."""
    return [
        "SELECT * WHERE { FILTER(" + "+".join(["1"] * n) + ") }",
        "SELECT * WHERE { " + " UNION ".join(["{ ?s ?p ?o }"] * (n // 2)) + " } LIMIT 1",
        "SELECT * WHERE { ?s ?p ?o " + " ".join(["MINUS { ?s ?p ?o }"] * (n // 2)) + " }",
        "SELECT * WHERE { " + " ".join([f"BIND(1 AS ?v{i})" for i in range(n // 2)]) + " }",
    ]


def test_server_trees_that_overflowed_the_stack_are_answered_or_refused_never_a_crash(app):
    client = app.test_client()
    _ask_until_answered(client)
    pid = app.config["AKG_POOL"]._idle.queue[0].proc.pid
    for query in _shapes(8000):  # a large-stack query thread answers them
        resp = client.post("/sparql", data={"query": query})
        assert resp.status_code == 200, (query[:60], resp.get_data(as_text=True)[:300])
    for query in _shapes(24_000):  # past the operator bound: a clear 400 before the engine
        resp = client.post("/sparql", data={"query": query})
        assert resp.status_code == 400 and "operators" in resp.json["error"]["message"], query[:60]
    assert app.config["AKG_POOL"]._idle.queue[0].proc.pid == pid  # the same process: nothing crashed


def test_server_engine_abort_is_a_json_5xx_and_the_server_goes_on(app):
    client = app.test_client()
    _ask_until_answered(client)
    resp = client.get("/sparql", query_string={"query": ORDER_PANIC})
    assert resp.status_code == 200 or resp.status_code >= 500, resp.status_code  # a fixed engine answers
    if resp.status_code != 200:
        assert resp.mimetype == "application/json" and resp.json["error"]["message"]
    _ask_until_answered(client)


def test_server_engine_panic_in_the_query_thread_is_a_500_and_a_fresh_process():
    """pyo3's PanicException is a BaseException: the query thread answers `crashed`, then ends."""
    from server.executor import ChildSpec, EngineCrashed, QueryPool, QueryRequest, _serve

    class Panic(BaseException):
        pass

    class Store:
        def query(self, *args, **kwargs):
            raise Panic("called `Option::unwrap()` on a `None` value")

    parent, child = multiprocessing.Pipe()
    thread = threading.Thread(target=_serve, args=(Store(), ChildSpec("x"), child, "none"))
    thread.start()
    assert parent.recv() == ("ready", "none")
    parent.send(QueryRequest("ASK {}", serialize=True))
    status, message = parent.recv()
    thread.join(5)
    assert status == "crashed" and "Panic" in message and not thread.is_alive()
    with pytest.raises(EngineCrashed):
        QueryPool._outcome(None, status, message)


def test_server_time_limit_holds_for_a_query_that_was_cheap_and_cached_before(tmp_path):
    """The same text, answered (and cached) while cheap, becomes a runaway after an update: 503 in time."""
    cfg = ServerConfig(kg_dir=FIXTURE, cache_dir=tmp_path, query_processes=1, timeout=2, update_token="t")
    app = create_app(cfg)
    try:
        client = app.test_client()
        query = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <http://e/g> { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l } }"
        for _ in range(5):
            assert client.get("/sparql", query_string={"query": query}).status_code == 200
        triples = " ".join(f"<http://e/s{i}> <http://e/p> {i} ." for i in range(300))
        resp = client.post("/sparql", data={"update": f"INSERT DATA {{ GRAPH <http://e/g> {{ {triples} }} }}"},
                           headers={"Authorization": "Bearer t"})
        assert resp.status_code == 204
        start = time.monotonic()
        resp = client.get("/sparql", query_string={"query": query})
        elapsed = time.monotonic() - start
        assert resp.status_code == 503 and "time limit" in resp.json["error"]["message"]
        assert elapsed < cfg.timeout + 1
    finally:
        app.config["AKG_POOL"].close()
