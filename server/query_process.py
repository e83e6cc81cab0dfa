"""What runs inside a query process: walls, the store, and the answer to each request (server/executor.py).

The pool (server/executor.py) starts these processes and talks to them over a pipe: a
QueryRequest in, a (status, payload) pair out; or a connection lent to the process
(server/lease.py), answered here until it goes back.
"""

from __future__ import annotations

import signal
import socket
import threading
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.errors import QueryError
from kg.query import PREFIXES, QueryResult, _materialize, format_result, parser_message
from server import lease, native, policy, sandbox
from server.negotiation import pick_format
from server.shape import STACK_BYTES, check_shape
from server.store import rdf_format


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


def _child_main(spec: ChildSpec, updates: list[tuple[str, str | None]], conn, shared=None) -> None:
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
    server = threading.Thread(target=_serve, args=(store, spec, conn, network, shared), name="akg-query")
    server.start()
    server.join()


def _serve(store: ox.Store, spec: ChildSpec, conn, network: str, shared=None) -> None:
    try:
        sandbox.limit_memory(spec.max_memory)  # after the stack is mapped: a query's growth is bounded
    except Exception as exc:
        conn.send(("fatal", f"{type(exc).__name__}: {exc}"))
        return
    try:
        conn.send(("ready", network))
    except OSError:  # the worker left while this process started (a shutdown): nothing to answer
        return
    answers = lease.Answers(0)
    cfg = None
    while True:
        try:
            req = conn.recv()
        except (EOFError, OSError):
            return
        if isinstance(req, tuple):  # ("lease", bytes read ahead, LeaseConfig or None: as before), then the socket
            cfg = req[2] or cfg
            if not _lent(store, spec, conn, req[1], cfg, shared, answers):
                return
            continue
        if req.update:
            answers.clear()
        status, payload = _handle(store, spec, req)
        conn.send((status, payload))
        if status in ("failed", "crashed"):
            return  # a fresh process replaces this one


def _handle(store: ox.Store, spec: ChildSpec, req: QueryRequest) -> tuple[str, object]:
    """(status, payload) of one request, as the pool reads them (see QueryPool._outcome)."""
    try:
        return "ok", _answer(store, spec, req)
    except policy.Refused as exc:
        return "refused", str(exc)
    except QueryError as exc:
        return "error", str(exc)
    except MemoryError:
        return "failed", f"the query needed more than the {spec.max_memory} MB a query may use"
    except BaseException as exc:  # an engine panic (pyo3's PanicException is a BaseException)
        # the engine's state after a panic is not trusted: a fresh process replaces this one
        return "crashed", (f"the query engine failed on this query ({type(exc).__name__}: "
                           f"{' '.join(str(exc).split())[:200]}); it was not answered")


def _lent(store, spec: ChildSpec, conn, buffered: bytes, cfg: lease.LeaseConfig, shared, answers) -> bool:
    """Answer on a lent connection (server/lease.py), then give it back; False when this process must end."""
    from multiprocessing.reduction import recv_handle

    from server.fast_query import plain_request

    state, waiters = shared
    if answers.max_bytes != cfg.cache_bytes:
        answers.max_bytes = cfg.cache_bytes
    fatal = False

    def run(query_string: str, accept: str | None):
        nonlocal fatal
        environ = {"REQUEST_METHOD": "GET", "PATH_INFO": "/sparql", "QUERY_STRING": query_string,
                   "HTTP_ACCEPT": accept}
        req = plain_request(environ, cfg.max_rows, cfg.base_iri)
        if req is None:
            return None
        status, payload = _handle(store, spec, req)
        fatal = status in ("failed", "crashed")
        return req.text, status, payload

    fd = recv_handle(conn)
    sock = socket.socket(fileno=fd)
    try:
        back = lease.serve(sock, buffered, cfg, run, state, waiters, answers)
    except OSError:
        back = lease.Returned(closed=True)
    finally:
        sock.close()  # this process's copy of the descriptor; the web worker keeps its own
    conn.send(("back", back))
    return not fatal
