"""A pool of query processes, so a runaway query can be killed without harming the server.

Oxigraph cannot cancel a query once started, so every query runs in a separate,
long-lived child process, never in the web worker. The worker sends the query over a
pipe and waits at most the time limit; past it, the child is killed, the caller gets
a `QueryTimeout`, and a fresh child replaces the dead one in the background. A child
that dies mid-query (its memory bound, a crash) is replaced too, and the caller gets
`QueryFailed` (503), never a client error. Several children per worker let concurrent
requests run side by side. Children are started by a fork server (never forked from a
threaded web worker).

Each child first walls itself in (server/sandbox.py: no internet sockets, RLIMIT_AS),
then opens the shared on-disk store read-only (server/store.py), or, when SPARQL
Update is enabled, loads its own in-memory copy and replays the accepted updates
(server/query_process.py). A SPARQL client's kept-alive connection may also be lent to
a child, which then answers its plain queries itself (`lend`, server/lease.py).
"""

from __future__ import annotations

import multiprocessing
import queue
import signal
import socket
import threading
import time
from pathlib import Path

from kg.errors import QueryError
from kg.query import QueryResult, QueryTimeout
from server import lease, policy
from server.query_process import (  # noqa: F401 - _answer and _serve are read by tests
    ChildSpec,
    EngineCrashed,
    PoolBusy,
    QueryFailed,
    QueryRequest,
    Serialized,
    _answer,
    _child_main,
    _serve,
)

_START_WAIT = 120.0  # seconds a new child may take to open the graph


class _Child:
    def __init__(self, ctx, spec: ChildSpec, updates: list, waiters=None):
        self.conn, child_conn = ctx.Pipe()
        #: [monotonic start of the query running on a lent connection or 0, 1 while its answer is sent]
        self.state = ctx.RawArray("d", 2)
        waiters = waiters if waiters is not None else ctx.RawValue("i", 0)
        self.proc = ctx.Process(target=_child_main, args=(spec, list(updates), child_conn, (self.state, waiters)),
                                daemon=True)
        self.proc.start()
        child_conn.close()
        #: the LeaseConfig this process last got (it keeps it: not sent again with every lent connection)
        self.lease_cfg = None

    def wait_ready(self, timeout: float) -> str:
        if not self.conn.poll(timeout):
            self.kill()
            raise QueryError("query process did not start in time")
        try:
            status, payload = self.conn.recv()
        except (EOFError, OSError):
            status, payload = "fatal", f"exit code {self.proc.exitcode}"
        if status != "ready":
            self.kill()
            raise QueryError(f"query process could not open the graph: {payload}")
        return payload

    def kill(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(5)
        self.conn.close()

    def ended(self) -> str:
        """How the process ended, for the message of a failed query."""
        self.proc.join(1)
        code = self.proc.exitcode
        if code is None:
            return "it stopped answering"
        if code == -signal.SIGABRT:
            return "it ran out of memory (or aborted)"
        if code < 0:
            try:
                return f"it was ended by {signal.Signals(-code).name}"
            except ValueError:
                return f"it was ended by signal {-code}"
        return f"it exited with code {code}"


def _send_quietly(sock: socket.socket, data: bytes) -> None:
    try:
        sock.settimeout(1.0)
        sock.sendall(data)
    except OSError:
        pass


def _start_forkserver() -> None:
    """Start the fork server with SIGINT ignored, a disposition it and every query process inherit.

    Ctrl-C reaches every process of the terminal's group; the fork server ignores SIGINT only once it has
    imported its preload, so a Ctrl-C while a worker starts printed a KeyboardInterrupt traceback from there.
    """
    from multiprocessing import forkserver

    if threading.current_thread() is not threading.main_thread():
        forkserver.ensure_running()
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        forkserver.ensure_running()
    finally:
        signal.signal(signal.SIGINT, previous)


class QueryPool:
    """`size` query processes over `spec` (see ChildSpec)."""

    def __init__(self, spec: ChildSpec | Path | str, size: int = 2, start_method: str = "forkserver"):
        self.spec = spec if isinstance(spec, ChildSpec) else ChildSpec(str(Path(spec).resolve()))
        self.size = max(1, size)
        self._ctx = multiprocessing.get_context(start_method)
        if start_method == "forkserver":
            self._ctx.set_forkserver_preload(["server.executor", "server.query_process"])
            _start_forkserver()
        self._idle: queue.Queue[_Child] = queue.Queue()
        self._updates: list[tuple[str, str | None]] = []
        self._update_lock = threading.Lock()
        self._closed = False
        #: bumped by every accepted update: answers kept for an older version are stale
        self.version = 0
        self.network = "none"
        #: web worker threads waiting for a query process (a lent connection goes back sooner when some do)
        self._waiters = self._ctx.RawValue("i", 0)
        self._waiters_lock = threading.Lock()
        children = [_Child(self._ctx, self.spec, [], self._waiters) for _ in range(self.size)]
        for child in children:
            self.network = child.wait_ready(_START_WAIT)
            self._idle.put(child)

    def run(self, req: QueryRequest, timeout: float, wait: float | None = None) -> QueryResult | Serialized:
        """Answer one request; QueryTimeout past `timeout` s, PoolBusy if no process frees up in `wait`."""
        child = self._acquire(timeout if wait is None else wait)
        try:
            child.conn.send(req)
            if not child.conn.poll(timeout):
                self._replace(child)
                child = None
                raise QueryTimeout(f"query stopped after the time limit of {timeout:g} s")
            status, payload = child.conn.recv()
        except (EOFError, OSError) as exc:
            how = child.ended() if child is not None else "it failed"
            if child is not None:
                self._replace(child)
                child = None
            raise QueryFailed(self._failure(how)) from exc
        finally:
            if child is not None:
                self._idle.put(child)
        return self.outcome(status, payload)

    def lend(self, sock: socket.socket, buffered: bytes, cfg: lease.LeaseConfig,
             timeout: float) -> lease.Returned | None:
        """Lend a kept-alive connection to a query process (server/lease.py) until it gives it back; None
        when none freed up within `timeout`. A query that runs past `timeout` s kills the process: the client
        gets 503 (unless the answer was being sent) and the connection is closed (`closed`), as when the process
        dies. The outcome of a failed or crashed query comes back to be answered by the Flask view."""
        from multiprocessing.reduction import send_handle

        try:
            child = self._acquire(timeout)  # waiting here, not in run(): the connection is answered cheaply next
        except PoolBusy:
            return None
        child.state[lease.STARTED] = child.state[lease.SENDING] = 0.0
        try:
            child.conn.send(("lease", buffered, None if child.lease_cfg is cfg else cfg))  # sent once
            child.lease_cfg = cfg
            send_handle(child.conn, sock.fileno(), child.proc.pid)
            quiet = time.monotonic()
            while True:
                started = child.state[lease.STARTED]
                now = time.monotonic()
                deadline = (started or now) + timeout
                if child.conn.poll(max(0.0, deadline - now)):
                    _, back = child.conn.recv()
                    break
                started, now = child.state[lease.STARTED], time.monotonic()
                if (started and now - started >= timeout) or (not started and now - quiet >= timeout):
                    sending = child.state[lease.SENDING]
                    self._replace(child)
                    child = None
                    if started and not sending:
                        _send_quietly(sock, lease.error_answer(
                            503, "Service Unavailable", f"query stopped after the time limit of {timeout:g} s; "
                            "simplify the query or add a LIMIT"))
                    return lease.Returned(closed=True)
                if started:
                    quiet = now
        except (EOFError, OSError):
            how = child.ended() if child is not None else "it failed"
            busy = child is not None and child.state[lease.STARTED] and not child.state[lease.SENDING]
            if child is not None:
                self._replace(child)
                child = None
            if busy:
                _send_quietly(sock, lease.error_answer(503, "Service Unavailable", self._failure(how)))
            return lease.Returned(closed=True)
        finally:
            if child is not None:
                fatal = back.outcome is not None and back.outcome[1] in ("failed", "crashed")
                if fatal or not child.proc.is_alive():
                    self._replace(child)
                else:
                    self._idle.put(child)
        return back

    def _failure(self, how: str) -> str:
        bound = f" (a query may use {self.spec.max_memory} MB)" if self.spec.max_memory else ""
        return f"the query process ended without an answer: {how}{bound}; the query was not answered"

    def outcome(self, status: str, payload):
        """The payload of an answer, or the exception its status means."""
        if status == "refused":
            raise policy.Refused(payload)
        if status == "error":
            raise QueryError(payload)
        if status == "failed":
            raise QueryFailed(payload)
        if status == "crashed":
            raise EngineCrashed(payload)
        return payload

    def update(self, text: str, base_iri: str | None, timeout: float) -> None:
        """Apply an update to every process (and to any started later), or to none."""
        with self._update_lock:
            held = [self._acquire(timeout) for _ in range(self.size)]
            try:
                first, rest = held[0], held[1:]
                self._apply(first, text, base_iri, timeout)  # a bad update fails here, before the rest
                for child in rest:
                    self._apply(child, text, base_iri, timeout)
                self._updates.append((text, base_iri))
            finally:
                self.version += 1  # even a failed update may have changed a process
                for child in held:
                    if child.proc.is_alive():
                        self._idle.put(child)
                    else:
                        self._replace(child)

    def _apply(self, child: _Child, text: str, base_iri: str | None, timeout: float) -> None:
        try:
            child.conn.send(QueryRequest(text, base_iri=base_iri, update=True))
            if not child.conn.poll(timeout):
                child.kill()
                raise QueryTimeout(f"update stopped after the time limit of {timeout:g} s")
            status, payload = child.conn.recv()
        except (EOFError, OSError) as exc:
            raise QueryFailed(self._failure(child.ended())) from exc
        self.outcome(status, payload)

    def _acquire(self, wait: float) -> _Child:
        deadline = time.monotonic() + wait
        while True:
            try:
                child = self._idle.get_nowait()
            except queue.Empty:
                child = self._wait_idle(deadline, wait)
            if child.proc.is_alive():
                return child
            self._replace(child)
            if time.monotonic() > deadline:
                raise PoolBusy("no query process available; retry later")

    def _wait_idle(self, deadline: float, wait: float) -> _Child:
        """Wait for an idle process, counted in the shared waiters (server/lease.py reads them)."""
        with self._waiters_lock:
            self._waiters.value += 1
        try:
            return self._idle.get(timeout=max(0.01, deadline - time.monotonic()))
        except queue.Empty as exc:
            msg = f"all {self.size} query processes stayed busy for {wait:g} s; retry later"
            raise PoolBusy(msg) from exc
        finally:
            with self._waiters_lock:
                self._waiters.value -= 1

    def _replace(self, child: _Child) -> None:
        """Kill a child and start its successor in the background."""
        child.kill()
        if self._closed:
            return

        def start() -> None:
            fresh = _Child(self._ctx, self.spec, self._updates, self._waiters)
            try:
                fresh.wait_ready(_START_WAIT)
            except QueryError:
                return
            self._idle.put(fresh)

        threading.Thread(target=start, daemon=True, name="akg-respawn").start()

    def close(self) -> None:
        self._closed = True
        while True:
            try:
                self._idle.get_nowait().kill()
            except queue.Empty:
                return
