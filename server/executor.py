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
Update is enabled, loads its own in-memory copy and replays the accepted updates.
"""

from __future__ import annotations

import multiprocessing
import queue
import signal
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.errors import QueryError
from kg.query import PREFIXES, QueryResult, QueryTimeout, _materialize, format_result, parser_message
from server import native, policy, sandbox
from server.negotiation import pick_format
from server.shape import STACK_BYTES, check_shape
from server.store import rdf_format

_START_WAIT = 120.0  # seconds a new child may take to open the graph


class PoolBusy(QueryError):
    """Every query process stayed busy for longer than the wait allowed."""


class QueryFailed(QueryError):
    """The query process failed (memory bound, crash): a server-side failure, answered 503."""


class EngineCrashed(QueryError):
    """The engine failed on this query (a panic, an abort): answered 500, since retrying will not help."""


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
    #: the same text gives the same answer while the store is unchanged (server/cache.py may keep it)
    repeatable: bool = False


@dataclass(frozen=True)
class ChildSpec:
    """What a query process opens and how it is walled in."""

    kg_file: str
    #: the shared read-only store; None: an in-memory copy (SPARQL Update enabled)
    store_dir: str | None = None
    #: SERVICE / LOAD endpoints the operator allowed; empty: none, and no network at all
    allowed: frozenset[str] = frozenset()
    #: address space a query may add to the process, in MB; 0: no bound
    max_memory: int = 0


def _open(spec: ChildSpec) -> ox.Store:
    if spec.store_dir:
        return ox.Store.read_only(spec.store_dir)
    store = ox.Store()
    store.bulk_load(path=spec.kg_file, format=rdf_format(Path(spec.kg_file)))
    return store


def _query(store: ox.Store, spec: ChildSpec, req: QueryRequest, fmt_for=None) -> QueryResult | Serialized:
    """The query's result; with `fmt_for(kind)` given, a SELECT result the engine serializes itself when it
    can (server/native.py) comes back as a Serialized instead."""
    check_shape(req.text)
    policy.check_query(req.text, spec.allowed, req.base_iri)
    kwargs: dict = {"base_iri": req.base_iri, "prefixes": PREFIXES}
    if req.default_graph_uris or req.named_graph_uris:
        kwargs["default_graph"] = [ox.NamedNode(u) for u in req.default_graph_uris or []]
        kwargs["named_graphs"] = [ox.NamedNode(u) for u in req.named_graph_uris or []]
    elif not spec.store_dir:  # an in-memory copy has no precomputed union default graph
        kwargs["use_default_graph_as_union"] = True
    try:
        raw = store.query(req.text, **kwargs)
        if fmt_for is not None and isinstance(raw, ox.QuerySolutions):
            fmt = fmt_for("bindings")
            if fmt in native.FORMATS:
                body = native.serialize(raw, fmt, req.max_rows)
                if body is not None:
                    return Serialized("bindings", fmt, body)
                raw = store.query(req.text, **kwargs)  # more rows than the cap may allow: cut them here
        return _materialize(raw, req.max_rows)
    except SyntaxError as exc:
        raise QueryError(f"malformed query: {parser_message(exc)}") from exc
    except (OSError, ValueError, TypeError) as exc:
        raise QueryError(f"query failed: {exc}") from exc


def _answer(store: ox.Store, spec: ChildSpec, req: QueryRequest) -> QueryResult | Serialized | None:
    if req.update:
        check_shape(req.text)
        policy.check_update(req.text, spec.allowed, req.base_iri)
        try:
            store.update(req.text, base_iri=req.base_iri)
        except SyntaxError as exc:
            raise QueryError(f"malformed update: {parser_message(exc)}") from exc
        except (OSError, ValueError, TypeError) as exc:
            raise QueryError(f"update failed: {exc}") from exc
        return None
    if not req.serialize:
        return _query(store, spec, req)
    result = _query(store, spec, req, lambda kind: pick_format(kind, req.accept, req.fmt))
    if isinstance(result, Serialized):
        result.repeatable = policy.repeatable(req.text)
        return result
    fmt = pick_format(result.kind, req.accept, req.fmt)
    if fmt is None:
        return Serialized(result.kind, None)
    body = _boolean_table(result.boolean, fmt) if result.kind == "boolean" and fmt in ("csv", "tsv") \
        else format_result(result, fmt)
    return Serialized(result.kind, fmt, body.encode("utf-8") if isinstance(body, str) else body, result.truncated,
                      policy.repeatable(req.text))


def _boolean_table(value: bool | None, fmt: str) -> str:
    """An ASK result as a one-cell table (SPARQL defines no CSV/TSV for booleans; Fuseki sends this)."""
    word = "true" if value else "false"
    return f"_askResult\r\n{word}\r\n" if fmt == "csv" else f"?_askResult\n{word}\n"


def _child_main(spec: ChildSpec, updates: list[tuple[str, str | None]], conn) -> None:
    """Wall in, open the graph, replay accepted updates, then answer requests until the pipe closes.

    Requests are answered on a thread with a large stack (server/shape.py): the engine recurses.
    Ctrl-C reaches every process of the terminal's group; this one leaves when its worker does (the pipe
    closes, or the worker's exit terminates it), so it ignores SIGINT rather than print a traceback.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    network = "allowed (--allow-service)" if spec.allowed else sandbox.block_network()
    try:
        store = _open(spec)
        for text, base in updates:
            store.update(text, base_iri=base)
    except Exception as exc:  # reported to the parent, which refuses to start
        conn.send(("fatal", f"{type(exc).__name__}: {exc}"))
        return
    threading.stack_size(STACK_BYTES)
    server = threading.Thread(target=_serve, args=(store, spec, conn, network), name="akg-query")
    server.start()
    server.join()


def _serve(store: ox.Store, spec: ChildSpec, conn, network: str) -> None:
    try:
        sandbox.limit_memory(spec.max_memory)  # after the stack is mapped: a query's growth is bounded
    except Exception as exc:
        conn.send(("fatal", f"{type(exc).__name__}: {exc}"))
        return
    conn.send(("ready", network))
    while True:
        try:
            req: QueryRequest = conn.recv()
        except (EOFError, OSError):
            return
        try:
            conn.send(("ok", _answer(store, spec, req)))
        except policy.Refused as exc:
            conn.send(("refused", str(exc)))
        except QueryError as exc:
            conn.send(("error", str(exc)))
        except MemoryError:
            conn.send(("failed", f"the query needed more than the {spec.max_memory} MB a query may use"))
            return  # a fresh process replaces this one
        except BaseException as exc:  # an engine panic (pyo3's PanicException is a BaseException)
            conn.send(("crashed", f"the query engine failed on this query ({type(exc).__name__}: "
                                  f"{' '.join(str(exc).split())[:200]}); it was not answered"))
            return  # the engine's state after a panic is not trusted: a fresh process replaces this one


class _Child:
    def __init__(self, ctx, spec: ChildSpec, updates: list):
        self.conn, child_conn = ctx.Pipe()
        self.proc = ctx.Process(target=_child_main, args=(spec, list(updates), child_conn), daemon=True)
        self.proc.start()
        child_conn.close()

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
            self._ctx.set_forkserver_preload(["server.executor"])
            _start_forkserver()
        self._idle: queue.Queue[_Child] = queue.Queue()
        self._updates: list[tuple[str, str | None]] = []
        self._update_lock = threading.Lock()
        self._closed = False
        #: bumped by every accepted update: answers kept for an older version are stale
        self.version = 0
        self.network = "none"
        children = [_Child(self._ctx, self.spec, []) for _ in range(self.size)]
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
        return self._outcome(status, payload)

    def _failure(self, how: str) -> str:
        bound = f" (a query may use {self.spec.max_memory} MB)" if self.spec.max_memory else ""
        return f"the query process ended without an answer: {how}{bound}; the query was not answered"

    def _outcome(self, status: str, payload):
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
        self._outcome(status, payload)

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
            fresh = _Child(self._ctx, self.spec, self._updates)
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
