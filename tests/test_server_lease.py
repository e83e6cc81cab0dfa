"""Connections lent to query processes (server/lease.py): the same answers, the same walls, on 127.0.0.1."""

from __future__ import annotations

import http.client
import json
import socket
import time
import urllib.parse

from server.lease import Answers, parse_head
from tests.test_server_support import FIXTURE, running_server

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
ASK = "ASK { ?s ?p ?o }"
HEAD = b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\nAccept: application/sparql-results+json"


def test_lease_reads_only_plain_query_heads():
    assert parse_head(HEAD) == ("query=ASK%7B%7D", "application/sparql-results+json")
    assert parse_head(HEAD + b"\r\nConnection: keep-alive\r\nContent-Length: 0") is not None
    for other in (
        HEAD.replace(b"GET", b"POST"), HEAD.replace(b"HTTP/1.1", b"HTTP/1.0"), HEAD.replace(b"/sparql", b"/doc"),
        HEAD + b"\r\nConnection: close", HEAD + b"\r\nTransfer-Encoding: chunked", HEAD + b"\r\nContent-Length: 5",
        HEAD + b"\r\nExpect: 100-continue", HEAD + b"\r\nAccept: text/html", HEAD + b"\r\n folded",
        HEAD.replace(b"Host: x", b"Host: x\x00"), HEAD.replace(b"\r\nHost", b"\nHost"), HEAD + b"\r\nBad Name: 1",
        HEAD.replace(b"/sparql?", b"/sparql%2F?"), b"GET /sparql HTTP/1.1\r\nHost: x",
    ):
        assert parse_head(other) is None, other


def test_lease_answers_are_bounded_and_cleared():
    answers = Answers(10)
    answers.put(("a", None), b"12345")
    answers.put(("b", None), b"123456")
    assert answers.get(("a", None)) is None and answers.get(("b", None)) == b"123456"
    answers.clear()
    assert answers.get(("b", None)) is None


def _get(conn: http.client.HTTPConnection, query: str, accept: str = "application/sparql-results+json"):
    conn.request("GET", "/sparql?" + urllib.parse.urlencode({"query": query}), headers={"Accept": accept})
    resp = conn.getresponse()
    return resp.status, dict(resp.getheaders()), resp.read()


def test_lent_connection_answers_as_the_web_worker_and_hands_back_the_rest():
    with running_server(FIXTURE, "--workers", "1", "--query-processes", "2") as base:
        port = int(base.rsplit(":", 1)[1])
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        first = _get(conn, ASK)
        for k in range(30):  # lent after the first: answered by a query process
            status, headers, body = _get(conn, f"{ASK} # {k}")
            assert status == 200 and json.loads(body)["boolean"] is True
            assert headers["Content-Type"] == first[1]["Content-Type"]
            for name in ("Vary", "X-Content-Type-Options", "Access-Control-Allow-Origin", "Date", "Server"):
                assert headers[name] == first[1][name] or name == "Date"
        status, _, body = _get(conn, "SELECT WHERE {")  # an error outcome goes back to Flask, run once
        assert status == 400 and "malformed" in json.loads(body)["error"]["message"]
        status, _, body = _get(conn, "SERVICE <http://127.0.0.1:1/> { }")  # unparseable with SERVICE: refused
        assert status == 403
        status, _, body = _get(conn, "SELECT * WHERE { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }")
        assert status == 403
        status, headers, _ = _get(conn, ASK, accept="text/html")  # a browser: Flask's results page
        assert status == 200 and headers["Content-Type"].startswith("text/html")
        conn.request("POST", "/sparql", body=urllib.parse.urlencode({"query": ASK}),
                     headers={"Content-Type": "application/x-www-form-urlencoded",
                              "Accept": "application/sparql-results+json"})
        resp = conn.getresponse()
        assert resp.status == 200 and json.loads(resp.read())["boolean"] is True
        assert _get(conn, f"{ASK} # again")[0] == 200
        conn.close()


def test_lent_connection_pipelined_requests_all_answered_in_order():
    with running_server(FIXTURE, "--workers", "1", "--query-processes", "1") as base:
        port = int(base.rsplit(":", 1)[1])
        with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
            def head(k: int) -> bytes:
                q = urllib.parse.quote(f"SELECT ({k} AS ?k) WHERE {{}}")
                return f"GET /sparql?query={q} HTTP/1.1\r\nHost: x\r\nAccept: text/csv\r\n\r\n".encode()

            sock.sendall(head(0))
            time.sleep(0.5)
            sock.sendall(b"".join(head(k) for k in range(1, 20)) + b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            data = b""
            deadline = time.monotonic() + 20
            while data.count(b"HTTP/1.1 200") < 21 and time.monotonic() < deadline:
                data += sock.recv(65536)
        answers = [line for line in data.split(b"\r\n") if line.isdigit()]
        assert data.count(b"HTTP/1.1 200") == 21
        assert [int(a) for a in answers if len(a) < 3][:20] == list(range(20))


def test_lent_connection_time_limit_kills_the_query_and_the_server_goes_on():
    """A runaway query on a lent connection: 503 within the limit + 1 s, connection closed, process replaced."""
    with running_server(FIXTURE, "--timeout", "1.5", "--workers", "1", "--query-processes", "1") as base:
        port = int(base.rsplit(":", 1)[1])
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        assert _get(conn, ASK)[0] == 200
        assert _get(conn, f"{ASK} # lent")[0] == 200
        start = time.monotonic()
        status, headers, body = _get(conn, RUNAWAY)
        elapsed = time.monotonic() - start
        assert status == 503 and "time limit" in json.loads(body)["error"]["message"]
        assert elapsed < 1.5 + 1 and headers.get("Connection") == "close"
        conn.close()
        deadline = time.monotonic() + 30
        while True:  # the replacement starts in the background
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            status = _get(conn, f"{ASK} # after")[0]
            conn.close()
            if status == 200 or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        assert status == 200


BIG = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"  # a cross product: megabytes of JSON, cut at --max-rows


def _head(query: str) -> bytes:
    q = urllib.parse.quote(query)
    return f"GET /sparql?query={q} HTTP/1.1\r\nHost: x\r\nAccept: application/sparql-results+json\r\n\r\n".encode()


def _read_answer(sock: socket.socket, deadline: float) -> tuple[bytes, bytes]:
    """(head, body) of one answer read in full from `sock` (bounded by `deadline`)."""
    data = b""
    while b"\r\n\r\n" not in data and time.monotonic() < deadline:
        data += sock.recv(65536)
    head, _, body = data.partition(b"\r\n\r\n")
    length = next((int(line.split(b":")[1]) for line in head.split(b"\r\n")
                   if line.lower().startswith(b"content-length")), 0)
    while len(body) < length and time.monotonic() < deadline:
        body += sock.recv(1 << 20)
    return head, body


def test_slow_readers_do_not_hold_query_processes():
    """Clients that stop reading a large answer (more of them than query processes) leave the query processes
    free: another client is answered within the time limit, and each slow reader gets its whole answer, on a
    connection that goes on working, once it reads."""
    limit = 6.0
    with running_server(FIXTURE, "--timeout", str(limit), "--workers", "1", "--query-processes", "2") as base:
        port = int(base.rsplit(":", 1)[1])
        slow = []
        try:
            for k in range(3):
                sock = socket.socket()
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)  # fills up at once
                sock.settimeout(30)
                sock.connect(("127.0.0.1", port))
                slow.append(sock)
                sock.sendall(_head(f"{ASK} # slow {k}"))
                assert b" 200 " in _read_answer(sock, time.monotonic() + 30)[0]  # plain: lendable from now on
            start = time.monotonic()  # a query process held by a slow reader is killed at start + limit
            for k, sock in enumerate(slow):
                sock.sendall(_head(f"{BIG} # {k}"))  # and not read for now
            time.sleep(1.0)  # the large answers are being sent
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=limit)
            for k in range(3):
                status, _, body = _get(conn, f"{ASK} # prompt {k}")
                assert status == 200 and json.loads(body)["boolean"] is True
            assert time.monotonic() - start < limit
            conn.close()
            for k, sock in enumerate(slow):
                head, body = _read_answer(sock, time.monotonic() + 30)
                assert b" 200 " in head.split(b"\r\n")[0]
                assert len(body) > 1 << 20 and len(json.loads(body)["results"]["bindings"]) > 1000
                sock.sendall(_head(f"{ASK} # after {k}"))
                head, body = _read_answer(sock, time.monotonic() + 30)
                assert b" 200 " in head and json.loads(body)["boolean"] is True
        finally:
            for sock in slow:
                sock.close()


def test_clients_that_never_read_hold_no_query_process_and_are_dropped():
    """Clients that pipeline queries and never read a byte of the answers (more of them than query processes):
    other clients are answered within the time limit meanwhile, and the server drops them once they have taken
    nothing for SEND_TIMEOUT seconds (their threads are free again), before it has sent all their answers."""
    from server.worker import SEND_TIMEOUT

    limit, sent = 6.0, 20
    with running_server(FIXTURE, "--timeout", str(limit), "--workers", "1", "--query-processes", "1") as base:
        port = int(base.rsplit(":", 1)[1])
        mute = []
        try:
            for k in range(2):
                sock = socket.socket()
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
                sock.settimeout(30)
                sock.connect(("127.0.0.1", port))
                mute.append(sock)
                sock.sendall(_head(f"{ASK} # mute {k}"))
                assert b" 200 " in _read_answer(sock, time.monotonic() + 30)[0]  # lendable from now on
            start = time.monotonic()
            for k, sock in enumerate(mute):  # never read from here on
                sock.sendall(b"".join(_head(f"{BIG} # {k} {n}") for n in range(sent)))
            time.sleep(1.0)
            for k in range(3):  # a new client, then a kept-alive one, a page and a query
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=limit)
                status, _, body = _get(conn, f"{ASK} # prompt {k}")
                assert status == 200 and json.loads(body)["boolean"] is True
                assert _get(conn, f"{ASK} # prompt again {k}")[0] == 200
                conn.request("GET", "/healthz")
                resp = conn.getresponse()
                assert resp.status == 200 and resp.read()
                conn.close()
            assert time.monotonic() - start < limit
            time.sleep(max(0.0, start + SEND_TIMEOUT + 3 - time.monotonic()))
            for sock in mute:  # read now: what the server had queued, then the end of a dropped connection
                data, ended, deadline = b"", False, time.monotonic() + 20
                sock.settimeout(1)
                while not ended and time.monotonic() < deadline:
                    try:
                        chunk = sock.recv(1 << 20)
                    except TimeoutError:
                        continue
                    except ConnectionResetError:
                        chunk = b""
                    ended = not chunk
                    data += chunk
                assert ended and data.count(b"HTTP/1.1 200") < sent
        finally:
            for sock in mute:
                sock.close()


class _Result:
    """A query result as the query process sends it (server.query_process.Serialized), of `size` bytes."""

    def __init__(self, size: int):
        self.fmt, self.body, self.truncated, self.repeatable = "json", b"x" * size, False, False


def _serve(peer_data: bytes, size: int, waiting: int):
    """lease.serve on one end of a socket pair, the other end having sent `peer_data` and reading nothing."""
    import multiprocessing

    from server import lease

    ours, peer = socket.socketpair()
    ours.settimeout(5)  # serve() must not depend on it; a blocking send would end here, not hang
    peer.sendall(peer_data)
    state, waiters = multiprocessing.RawArray("d", 2), multiprocessing.RawValue("i", waiting)
    cfg = lease.LeaseConfig(max_rows=10, base_iri="http://x/sparql", extra_headers=())
    ran = []

    def run(query_string, accept):
        ran.append(query_string)
        return query_string, "ok", _Result(size)

    try:
        return lease.serve(ours, b"", cfg, run, state, waiters, Answers(0)), ran
    finally:
        ours.close(), peer.close()


def test_lease_never_waits_on_a_client_that_does_not_read():
    """An answer the socket does not take at once comes back unsent, with the requests not yet answered."""
    back, ran = _serve(_head(ASK) + _head(f"{ASK} # 2"), 32 << 20, waiting=0)
    assert len(ran) == 1 and back.unsent and len(back.unsent) < 32 << 20
    assert back.leftover == _head(f"{ASK} # 2") and not back.closed


def test_lease_gives_the_connection_back_for_others_turn():
    back, ran = _serve(b"".join(_head(f"{ASK} # {k}") for k in range(5)), 10, waiting=1)
    assert len(ran) == 5 and back.turn and back.leftover == b""  # pipelined requests read are answered
    back, ran = _serve(_head(ASK), 10, waiting=1)  # answered, then the client idles while others wait
    assert len(ran) == 1 and back.turn
    back, ran = _serve(_head(ASK), 10, waiting=0)  # nobody waits: kept for LINGER, then back as idle
    assert len(ran) == 1 and not back.turn and back.leftover == b""
