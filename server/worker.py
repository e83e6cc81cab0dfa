"""The gunicorn gthread worker, hardened against slow clients and quicker on keep-alive connections.

Slow clients: stock gthread waits (off-thread) for a connection's first byte, but then
reads the request on a pool thread with no deadline, so a client sending one header
byte a second holds that thread for as long as it likes; a few such clients starve
every other request. Here each request must arrive in full (head and body) within
`READ_TIMEOUT` seconds of its first byte, or its connection is closed. (Against many
hostile clients, put a buffering reverse proxy in front; see the README.)

Keep-alive: the stock worker hands every keep-alive request through its main thread
(back to the poller, wake up, submit to the pool), several thread switches per request.
Here the thread that answered a request first waits up to `LINGER` seconds for the
next one on the same connection and, if it comes, answers it directly; an idle
connection still goes back to the poller, so threads are not tied up by idle clients.
A thread lingers only while no other connection waits for a thread: with more busy
clients than threads, lingering served a few clients in long bursts while the rest
waited (p99 of 1 s with 64 clients on 24 threads).
"""

from __future__ import annotations

import select
import signal
import socket
import sys
import time

from gunicorn.http.errors import NoMoreData
from gunicorn.workers.gthread import ThreadWorker

STOP_SIGNALS = (signal.SIGINT, signal.SIGQUIT, signal.SIGTERM)
#: seconds a thread waits on a kept-alive connection for its next request
LINGER = 0.02
#: requests one thread answers on a connection before handing it back (fairness between clients)
BURST = 100
#: seconds a request (head and body) may take to arrive once its thread starts reading it
READ_TIMEOUT = 10.0


def _readable(sock, timeout: float) -> bool:
    try:
        ready, _, _ = select.select([sock], [], [], timeout)
    except (OSError, ValueError):
        return False
    return bool(ready)


class DeadlineSocket:
    """A client socket whose reads fail once the current request's deadline has passed."""

    def __init__(self, sock: socket.socket):
        self._sock = sock
        self.deadline = time.monotonic() + READ_TIMEOUT

    def _wait(self) -> None:
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise NoMoreData(b"")
        self._sock.settimeout(remaining)

    def recv(self, *args):
        self._wait()
        try:
            return self._sock.recv(*args)
        except TimeoutError as exc:
            raise NoMoreData(b"") from exc

    def recv_into(self, *args):
        self._wait()
        try:
            return self._sock.recv_into(*args)
        except TimeoutError as exc:
            raise NoMoreData(b"") from exc

    def sendall(self, data):
        self._sock.settimeout(None)
        return self._sock.sendall(data)

    def send(self, data):
        self._sock.settimeout(None)
        return self._sock.send(data)

    def __getattr__(self, name):
        return getattr(self._sock, name)


class LingeringThreadWorker(ThreadWorker):
    """gthread with a per-request read deadline and a short linger on kept-alive connections."""

    def init_signals(self) -> None:
        """Ctrl-C (SIGINT, which the terminal sends to every process of the group) and the arbiter's SIGQUIT
        end the worker the way SIGTERM does: stop accepting, finish what is in flight, return. gunicorn's own
        handler calls sys.exit() inside whatever frame the signal lands in (an atexit callback of
        multiprocessing, a lock wait) and printed tracebacks, then the worker hung until SIGKILL."""
        super().init_signals()
        signal.signal(signal.SIGINT, self.handle_exit)
        signal.signal(signal.SIGQUIT, self.handle_exit)
        # a stop signal that came between the fork and here went to the arbiter's handler, still installed in
        # this process, which queued it (server/wsgi.py hands the queue over): lost, the worker would serve on
        # until the arbiter SIGKILLed it after the graceful timeout
        pending = getattr(self, "signals_before_init", None)
        while pending is not None and not pending.empty():
            if pending.get_nowait() in STOP_SIGNALS:
                self.alive = False

    def load_wsgi(self) -> None:
        """A stop signal sent to the whole process group while the worker starts (Ctrl-C, a service manager's
        SIGTERM) also ends its query processes, so starting the app fails: that is a shutdown, not an error."""
        try:
            super().load_wsgi()
        except Exception:
            if self.alive:
                raise
            sys.exit(0)

    def _others_waiting(self) -> bool:
        """True when requests of other connections wait for a thread of this worker."""
        work = getattr(self.tpool, "_work_queue", None)  # ThreadPoolExecutor's queue of submitted requests
        return work is not None and not work.empty()

    def handle(self, conn):
        if not isinstance(conn.sock, DeadlineSocket):
            conn.sock = DeadlineSocket(conn.sock)
        conn.sock.deadline = time.monotonic() + READ_TIMEOUT
        keep = super().handle(conn)
        for _ in range(BURST):
            if keep is not True or not self.alive or conn.is_http2 or self._others_waiting():
                break
            if not conn.parser.unreader.buf.getvalue() and not _readable(conn.sock, LINGER):
                break
            conn.sock.deadline = time.monotonic() + READ_TIMEOUT
            keep = super().handle(conn)
        return keep
