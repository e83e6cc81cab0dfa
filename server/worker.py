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

SPARQL clients: once a connection has had a plain query answered, each next request
is lent to a query process as soon as it has arrived (server/lease.py), also when the
connection comes back from the poller (no gunicorn parse). What a query process gives
back (a request it does not answer, the unsent rest of an answer) is finished here.
Writes fail once a client has taken nothing for `SEND_TIMEOUT` seconds, so slow
readers do not hold threads forever either; new connections are spread evenly over the
workers (server/balance.py).
"""

from __future__ import annotations

import errno
import select
import signal
import socket
import sys
import time

from gunicorn.http.errors import NoMoreData
from gunicorn.workers.gthread import ThreadWorker

from server import balance, lease

STOP_SIGNALS = (signal.SIGINT, signal.SIGQUIT, signal.SIGTERM)
#: seconds a thread waits on a kept-alive connection for its next request
LINGER = 0.02
#: requests one thread answers on a connection before handing it back (fairness between clients)
BURST = 100
#: seconds a request (head and body) may take to arrive once its thread starts reading it
READ_TIMEOUT = 10.0
#: seconds a client may leave an answer unread (between two writes that make progress) before it is dropped
SEND_TIMEOUT = 30.0


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
        """Write all of `data`; fails (EPIPE) once the client has taken nothing for SEND_TIMEOUT seconds."""
        view = memoryview(data).cast("B")
        try:
            while view:
                self._sock.settimeout(SEND_TIMEOUT)
                try:
                    sent = self._sock.send(view)
                except TimeoutError as exc:
                    raise BrokenPipeError(errno.EPIPE, "the client stopped reading") from exc
                view = view[sent:]
        finally:
            self._sock.settimeout(None)  # blocking again, as gunicorn's sendfile expects

    def sendfile(self, file, offset: int = 0, count: int | None = None):
        """As sendall, for the dumps gunicorn sends with sendfile."""
        self._sock.settimeout(SEND_TIMEOUT)
        try:
            return self._sock.sendfile(file, offset, count)
        except TimeoutError as exc:
            raise BrokenPipeError(errno.EPIPE, "the client stopped reading") from exc
        finally:
            self._sock.settimeout(None)

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

    def init_process(self) -> None:
        self._hold_until, self._held = 0.0, False
        if balance.counts is not None:
            balance.counts.claim()
        try:
            super().init_process()
        finally:
            if balance.counts is not None:
                balance.counts.release()

    def accept(self, listener) -> None:
        """Take the connection, unless another worker holds fewer (server/balance.py): then step back once."""
        counts, now = balance.counts, time.monotonic()
        if counts is not None and not self._held and counts.others_hold_fewer(self.nr_conns):
            self._hold_until, self._held = now + balance.HOLD, True
            self.set_accept_enabled(False)
            return
        self._held = False  # after a step back, the next connection is taken whatever the counts say
        super().accept(listener)
        if counts is not None:
            counts.publish(self.nr_conns)

    def set_accept_enabled(self, enabled: bool) -> None:
        super().set_accept_enabled(enabled and time.monotonic() >= self._hold_until)

    def wait_for_and_dispatch_events(self, timeout: float) -> None:
        if balance.counts is not None:
            balance.counts.publish(self.nr_conns)
        held = self._hold_until - time.monotonic()
        if held > 0:  # wake up to accept again when the step back ends
            timeout = min(timeout, held)
        super().wait_for_and_dispatch_events(timeout)

    def _lend(self, conn) -> bool | None:
        """Lend the connection to a query process (server/lease.py): None when not lent, False when it must be
        closed, True when it came back (its unanswered bytes back in the parser, its unsent answer written)."""
        config = getattr(getattr(self, "wsgi", None), "config", {})
        pool, cfg = config.get("AKG_POOL"), config.get("AKG_LEASE")
        if pool is None or cfg is None:
            return None
        unreader = conn.parser.unreader
        sock = conn.sock._sock if isinstance(conn.sock, DeadlineSocket) else conn.sock
        buffered = unreader.take_buffered()
        back = pool.lend(sock, buffered, cfg, config["AKG"].timeout)
        if back is None:
            unreader.unread(buffered)
            return None
        if back.closed:
            return False
        sock.setblocking(True)  # the flag is shared with the query process's copy of the descriptor
        conn.akg_idle = not back.turn and not back.unsent and not back.leftover
        if back.outcome is not None:
            lease.local.outcome = back.outcome
        unreader.unread(back.leftover)
        if back.unsent:
            try:
                conn.sock.sendall(back.unsent)  # at the client's pace, on this thread (as gunicorn writes)
            except OSError:
                return False
        return True

    def _others_waiting(self) -> bool:
        """True when requests of other connections wait for a thread of this worker."""
        work = getattr(self.tpool, "_work_queue", None)  # ThreadPoolExecutor's queue of submitted requests
        return work is not None and not work.empty()

    def _parse(self, conn):
        """One request read and answered by gunicorn and Flask; marks a SPARQL client's connection lendable."""
        conn.sock.deadline = time.monotonic() + READ_TIMEOUT
        lease.local.__dict__.pop("plain", None)  # set by a plain query answered 200 (server/fast_query.py)
        keep = super().handle(conn)
        conn.akg_lendable = lease.local.__dict__.pop("plain", False)
        lease.local.__dict__.pop("outcome", None)
        return keep

    def handle(self, conn):
        """Requests on one connection: a SPARQL client's go to a query process (lent) as they arrive, others
        through gunicorn and Flask. The thread stays while the client keeps sending and no other connection
        waits for a thread; otherwise the connection goes back to the poller (fair between connections)."""
        if not isinstance(conn.sock, DeadlineSocket):
            conn.sock = DeadlineSocket(conn.sock)
        conn.akg_idle = False
        # from the poller, a lendable connection's request goes straight to a query process
        first = getattr(conn, "akg_lendable", False)
        keep = True if first else self._parse(conn)
        for _ in range(BURST):
            if keep is not True or not self.alive or conn.is_http2:
                break
            if not first:
                if self._others_waiting():
                    break  # their turn; gunicorn queues this connection again (at once if bytes are buffered)
                if not conn.parser.unreader.buf.getvalue() and (conn.akg_idle or not _readable(conn.sock, LINGER)):
                    break  # the poller wakes a thread when the next request comes
            first = False
            if getattr(conn, "akg_lendable", False):
                lent = self._lend(conn)
                if lent is False:
                    return False
                if lent is True:
                    if not conn.parser.unreader.buf.getvalue():
                        continue
                    conn.akg_lendable = False  # what came back is for gunicorn and Flask
            keep = self._parse(conn)
        return keep
