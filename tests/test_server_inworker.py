"""Known-cheap queries answered in the web worker: same answers, learned only from the pool, off with updates."""

from __future__ import annotations

import pytest
from test_server_support import FIXTURE

from kg.errors import QueryError
from server.app import create_app
from server.config import ServerConfig
from server.executor import QueryPool, QueryRequest
from server.inworker import CheapQueries

ASK = "ASK { ?s ?p ?o }"
MEMBERS = "SELECT ?x WHERE { ?x akg:memberOf ?o } ORDER BY ?x"


def test_server_inworker_second_run_is_in_worker_with_same_answer(tmp_path):
    app = create_app(ServerConfig(kg_dir=FIXTURE, cache_dir=tmp_path, query_processes=1))
    try:
        queries = app.config["AKG_QUERIES"]
        assert isinstance(queries, CheapQueries)
        c = app.test_client()
        first = c.get("/sparql", query_string={"query": MEMBERS}, headers={"Accept": "text/csv"})
        req = QueryRequest(MEMBERS, max_rows=app.config["AKG"].max_rows, base_iri="http://localhost/sparql")
        assert queries.is_known(req)
        second = c.get("/sparql", query_string={"query": MEMBERS}, headers={"Accept": "text/csv"})
        assert first.status_code == second.status_code == 200
        assert first.data == second.data and first.content_type == second.content_type
    finally:
        app.config["AKG_POOL"].close()


def test_server_inworker_remembers_only_what_the_pool_answered_quickly():
    pool = QueryPool(FIXTURE / "kg.trig", 1)
    try:
        never = CheapQueries(pool, FIXTURE / "kg.trig", cheap=0.0)
        assert never.run(QueryRequest(ASK), timeout=5).boolean is True
        assert not never.is_known(QueryRequest(ASK))
        learner = CheapQueries(pool, FIXTURE / "kg.trig", cheap=5.0)
        assert not learner.is_known(QueryRequest(ASK))
        assert learner.run(QueryRequest(ASK), timeout=5).boolean is True
        assert learner.is_known(QueryRequest(ASK))
        assert learner.run(QueryRequest(ASK), timeout=5).boolean is True  # now in the worker
    finally:
        pool.close()


def test_server_inworker_failed_query_is_not_remembered():
    pool = QueryPool(FIXTURE / "kg.trig", 1)
    try:
        learner = CheapQueries(pool, FIXTURE / "kg.trig", cheap=5.0)
        bad = QueryRequest("SELECT * WHERE {")
        with pytest.raises(QueryError):
            learner.run(bad, timeout=5)
        assert not learner.is_known(bad)
    finally:
        pool.close()


def test_server_inworker_off_when_updates_enabled_or_disabled(tmp_path):
    for cfg in (ServerConfig(kg_dir=FIXTURE, cache_dir=tmp_path, update_token="t", query_processes=1),
                ServerConfig(kg_dir=FIXTURE, cache_dir=tmp_path, cheap_seconds=0, query_processes=1)):
        app = create_app(cfg)
        try:
            assert app.config["AKG_QUERIES"] is app.config["AKG_POOL"]
        finally:
            app.config["AKG_POOL"].close()
