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


def test_server_worker_drops_a_client_that_stops_reading(monkeypatch):
    """A client that leaves an answer unread (a lent connection's rest, a Flask answer) frees its thread."""
    from server import worker

    monkeypatch.setattr(worker, "SEND_TIMEOUT", 0.3)
    a, b = socket.socketpair()
    try:
        sock = worker.DeadlineSocket(a)
        with pytest.raises(BrokenPipeError):
            sock.sendall(b"x" * (64 << 20))  # far more than the socket buffers hold; b never reads
        assert a.gettimeout() is None  # blocking again for gunicorn
    finally:
        a.close(), b.close()


def test_server_balance_counts_per_worker_and_reuses_the_slot_of_an_ended_one():
    from server.balance import Counts

    counts = Counts()
    counts.claim()
    assert counts.slot == 0 and not counts.others_hold_fewer(5)  # alone: nothing to balance against
    counts._pids[1], counts._conns[1] = 2**22 + 12345, 1  # another worker (a pid that does not exist)
    counts.publish(3)
    assert counts.others_hold_fewer(3) and not counts.others_hold_fewer(1)
    counts.release()
    counts.claim()  # slot 0 again, and the ended worker's slot is free for the next one
    assert counts.slot == 0
    other = Counts.__new__(Counts)
    other.__dict__.update(counts.__dict__, slot=-1)
    other.claim()
    assert other.slot == 1
