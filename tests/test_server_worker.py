"""The lingering gthread worker (server/worker.py) hands a connection back when others wait for a thread."""

from __future__ import annotations

import io
import socket
import threading
from concurrent.futures import ThreadPoolExecutor
from types import SimpleNamespace

import pytest
from gunicorn.workers.gthread import ThreadWorker

from server.worker import BURST, LingeringThreadWorker


@pytest.fixture
def served(monkeypatch):
    """Requests answered by the stock handler, counted; each leaves the next one already buffered."""
    calls = []
    monkeypatch.setattr(ThreadWorker, "handle", lambda self, conn: calls.append(conn) or True)
    return calls


def _worker(tpool) -> LingeringThreadWorker:
    w = LingeringThreadWorker.__new__(LingeringThreadWorker)
    w.alive, w.tpool = True, tpool
    return w


def _conn():
    a, b = socket.socketpair()
    buffered = SimpleNamespace(buf=io.BytesIO(b"GET / HTTP/1.1\r\n"))  # a pipelined next request
    return SimpleNamespace(sock=a, is_http2=False, parser=SimpleNamespace(unreader=buffered)), b


def test_server_worker_lingers_on_a_busy_connection_while_no_one_waits(served):
    with ThreadPoolExecutor(1) as tpool:
        conn, peer = _conn()
        assert _worker(tpool).handle(conn) is True
        assert len(served) == BURST + 1
        conn.sock.close(), peer.close()


def test_server_worker_hands_the_connection_back_when_others_wait(served):
    release = threading.Event()
    with ThreadPoolExecutor(1) as tpool:
        tpool.submit(release.wait, 10)
        tpool.submit(lambda: None)  # a request of another connection, queued behind the busy thread
        conn, peer = _conn()
        try:
            assert _worker(tpool).handle(conn) is True
            assert len(served) == 1
        finally:
            release.set()
            conn.sock.close(), peer.close()
