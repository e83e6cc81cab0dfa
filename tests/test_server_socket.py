"""The server over a real socket (gunicorn): a runaway query is stopped while others get answers."""

from __future__ import annotations

import http.client
import json
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

import pytest
from test_server_support import FIXTURE, request, running_server

pytestmark = pytest.mark.slow

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


def _get(base: str, query: str, timeout: float = 30) -> tuple[int, bytes]:
    url = f"{base}/sparql?" + urllib.parse.urlencode({"query": query})
    status, _, body = request("GET", url, headers={"Accept": "application/sparql-results+json"}, timeout=timeout)
    return status, body


def test_server_socket_timeout_stops_runaway_while_others_answer():
    with running_server(FIXTURE, "--timeout", "1.5", "--workers", "1", "--query-processes", "2") as base:
        outcome: dict = {}

        def runaway() -> None:
            start = time.monotonic()
            outcome["status"], outcome["body"] = _get(base, RUNAWAY)
            outcome["elapsed"] = time.monotonic() - start

        thread = threading.Thread(target=runaway)
        thread.start()
        time.sleep(0.3)
        quick = []
        while thread.is_alive() and len(quick) < 200:  # bounded
            start = time.monotonic()
            status, body = _get(base, "ASK { ?s ?p ?o }", timeout=5)
            quick.append((status, json.loads(body).get("boolean"), time.monotonic() - start))
        thread.join(30)
        assert outcome["status"] == 503, outcome
        assert "time limit" in json.loads(outcome["body"])["error"]["message"]
        assert outcome["elapsed"] < 6
        assert quick and all(s == 200 and b is True for s, b, _ in quick)
        assert max(t for _, _, t in quick) < 1.0
        # the killed query process was replaced: the server still answers, repeatedly
        time.sleep(0.5)
        for _ in range(5):
            assert _get(base, "ASK { ?s ?p ?o }", timeout=5)[0] == 200


def test_server_socket_concurrent_requests_keep_their_own_answers():
    labels = ["Serbia", "Russia", "Armenia", "Belgrade", "CSTO Parliamentary Assembly", "Nikolai Bordyuzha"]
    with running_server(FIXTURE, "--workers", "2", "--query-processes", "2") as base:

        def ask(label: str) -> bool:
            q = f'SELECT ?s WHERE {{ ?s rdfs:label "{label}" }}'
            status, body = _get(base, q, timeout=10)
            rows = json.loads(body)["results"]["bindings"]
            return status == 200 and len(rows) == 1 and rows[0]["s"]["value"].endswith(label.replace(" ", "_"))

        with ThreadPoolExecutor(8) as pool:
            results = list(pool.map(ask, labels * 10))
        assert all(results)


def test_server_socket_keep_alive_connections_answer_in_turn():
    """Requests back to back on kept-alive connections, including one left idle past the linger."""
    q = "/sparql?" + urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"})
    with running_server(FIXTURE, "--workers", "1", "--query-processes", "1") as base:
        host = base.split("://", 1)[1]
        busy, idle = http.client.HTTPConnection(host, timeout=5), http.client.HTTPConnection(host, timeout=5)
        try:
            for conn in (busy, idle):
                conn.request("GET", q, headers={"Accept": "application/sparql-results+json"})
                assert json.loads(conn.getresponse().read())["boolean"] is True
            for _ in range(50):
                busy.request("GET", q, headers={"Accept": "application/sparql-results+json"})
                resp = busy.getresponse()
                assert resp.status == 200 and json.loads(resp.read())["boolean"] is True
            time.sleep(0.2)  # past the linger: the idle connection is back with the poller
            idle.request("GET", "/healthz")
            assert idle.getresponse().status == 200
        finally:
            busy.close()
            idle.close()
