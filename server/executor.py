"""A pool of query processes, so a runaway query can be killed without harming the server.

Oxigraph cannot cancel a query once started, so each query runs in a separate,
long-lived child process that holds its own copy of the graph. The web worker sends
the query over a pipe and waits at most the time limit; past it, the child is killed,
the caller gets a `QueryTimeout`, and a fresh child replaces the dead one in the
background. Several children per worker let concurrent requests run side by side.
Children are started by a fork server (never forked from a threaded web worker).
"""

from __future__ import annotations

import multiprocessing
import queue
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from kg.errors import QueryError
from kg.query import KnowledgeGraph, QueryResult, QueryTimeout, format_result
from server.negotiation import pick_format

_START_WAIT = 120.0  # seconds a new child may take to load the graph


class PoolBusy(QueryError):
    """Every query process stayed busy for longer than the wait allowed."""


@dataclass
class QueryRequest:
    text: str
    default_graph_uris: list[str] | None = None
    named_graph_uris: list[str] | None = None
    max_rows: int | None = None
    base_iri: str | None = None
    update: bool = False
    #: serialize in the query process (cheaper than sending terms back): Accept header and format=
    serialize: bool = False
    accept: str | None = None
    fmt: str | None = None


@dataclass
class Serialized:
    """A result already in its wire format; `fmt` None means no acceptable format (406)."""

    kind: str
    fmt: str | None
    body: bytes = b""
    truncated: bool = False


def _answer(kg: KnowledgeGraph, req: QueryRequest) -> QueryResult | Serialized:
    result = kg.query(req.text, default_graph_uris=req.default_graph_uris,
                      named_graph_uris=req.named_graph_uris, max_rows=req.max_rows, base_iri=req.base_iri)
    if not req.serialize:
        return result
    fmt = pick_format(result.kind, req.accept, req.fmt)
    if fmt is None:
        return Serialized(result.kind, None)
    body = format_result(result, fmt)
    return Serialized(result.kind, fmt, body.encode("utf-8") if isinstance(body, str) else body, result.truncated)


def _child_main(kg_path: str, updates: list[tuple[str, str | None]], conn) -> None:
    """Load the graph, replay accepted updates, then answer requests until the pipe closes."""
    try:
        kg = KnowledgeGraph.load(Path(kg_path))
        for text, base in updates:
            kg.store.update(text, base_iri=base)
    except Exception as exc:  # reported to the parent, which refuses to start
        conn.send(("fatal", f"{type(exc).__name__}: {exc}"))
        return
    conn.send(("ready", len(kg)))
    while True:
        try:
            req: QueryRequest = conn.recv()
        except (EOFError, OSError):
            return
        try:
            if req.update:
                kg.store.update(req.text, base_iri=req.base_iri)
                conn.send(("ok", None))
            else:
                conn.send(("ok", _answer(kg, req)))
        except QueryError as exc:
            conn.send(("error", str(exc)))
        except SyntaxError as exc:
            conn.send(("error", f"malformed update: {exc}"))
        except Exception as exc:  # an engine failure must not kill the child silently
            conn.send(("error", f"{type(exc).__name__}: {exc}"))


class _Child:
    def __init__(self, ctx, kg_path: Path, updates: list):
        self.conn, child_conn = ctx.Pipe()
        args = (str(kg_path), list(updates), child_conn)
        self.proc = ctx.Process(target=_child_main, args=args, daemon=True)
        self.proc.start()
        child_conn.close()

    def wait_ready(self, timeout: float) -> int:
        if not self.conn.poll(timeout):
            self.kill()
            raise QueryError("query process did not start in time")
        try:
            status, payload = self.conn.recv()
        except (EOFError, OSError):
            status, payload = "fatal", f"exit code {self.proc.exitcode}"
        if status != "ready":
            self.kill()
            raise QueryError(f"query process could not load the graph: {payload}")
        return payload

    def kill(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(5)
        self.conn.close()


class QueryPool:
    """`size` query processes over the graph in `kg_path` (a kg.trig or .nq file)."""

    def __init__(self, kg_path: Path, size: int = 2, start_method: str = "forkserver"):
        self.kg_path = Path(kg_path)
        self.size = max(1, size)
        self._ctx = multiprocessing.get_context(start_method)
        if start_method == "forkserver":
            self._ctx.set_forkserver_preload(["kg.query", "server.executor"])
        self._idle: queue.Queue[_Child] = queue.Queue()
        self._updates: list[tuple[str, str | None]] = []
        self._update_lock = threading.Lock()
        self._closed = False
        self.triples = 0
        children = [_Child(self._ctx, self.kg_path, []) for _ in range(self.size)]
        for child in children:
            self.triples = child.wait_ready(_START_WAIT)
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
        except (EOFError, OSError, BrokenPipeError) as exc:
            if child is not None:
                self._replace(child)
                child = None
            raise QueryError("the query process failed; the query was not answered") from exc
        finally:
            if child is not None:
                self._idle.put(child)
        if status == "error":
            raise QueryError(payload)
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
                for child in held:
                    if child.proc.is_alive():
                        self._idle.put(child)

    def _apply(self, child: _Child, text: str, base_iri: str | None, timeout: float) -> None:
        child.conn.send(QueryRequest(text, base_iri=base_iri, update=True))
        if not child.conn.poll(timeout):
            self._replace(child)
            raise QueryTimeout(f"update stopped after the time limit of {timeout:g} s")
        status, payload = child.conn.recv()
        if status == "error":
            raise QueryError(payload)

    def _acquire(self, wait: float) -> _Child:
        deadline = time.monotonic() + wait
        while True:
            try:
                child = self._idle.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty as exc:
                msg = f"all {self.size} query processes stayed busy for {wait:g} s; retry later"
                raise PoolBusy(msg) from exc
            if child.proc.is_alive():
                return child
            self._replace(child)
            if time.monotonic() > deadline:
                raise PoolBusy("no query process available; retry later")

    def _replace(self, child: _Child) -> None:
        """Kill a child and start its successor in the background."""
        child.kill()
        if self._closed:
            return

        def start() -> None:
            fresh = _Child(self._ctx, self.kg_path, self._updates)
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
